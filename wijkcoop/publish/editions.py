"""Command line of the editions: ``python -m wijkcoop.publish.editions site|list|bundle``.

``site`` builds every listed edition and this checkout into ``_build/site``
(:mod:`~wijkcoop.publish.build`, :mod:`~wijkcoop.publish.assemble`), ``list`` prints the
catalogue (:mod:`~wijkcoop.publish.catalogue`), ``bundle`` zips the newest edition
(:mod:`~wijkcoop.publish.bundle`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wijkcoop.publish.build import build_site
from wijkcoop.publish.bundle import NoSiteError, bundle
from wijkcoop.publish.catalogue import DEV, ROOT, load


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m wijkcoop.publish.editions site``; the exit code for the shell."""
    parser = argparse.ArgumentParser(prog="python -m wijkcoop.publish.editions")
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("site", help="build every edition and ontwikkeling into one site")
    s.add_argument("--out", type=Path, default=ROOT / "_build" / "site")
    s.add_argument("--work", type=Path, default=ROOT / "_build" / "edities")
    s.add_argument("--no-dev", action="store_true", help="leave out ontwikkeling")
    sub.add_parser("list", help="print the editions")
    b = sub.add_parser("bundle", help="zip the newest edition (make bundle)")
    b.add_argument("--html", type=Path, help="bundle this built site (default: make site's)")
    args = parser.parse_args(argv)
    if args.cmd == "bundle":
        try:
            path = bundle(ROOT, args.html)
        except NoSiteError as err:
            print(f"make bundle: {err}", file=sys.stderr)
            return 1
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return 0
    if args.cmd == "list":
        for ed in load(ROOT):
            print(json.dumps(ed.to_yaml(), ensure_ascii=False))
        return 0
    listing = build_site(ROOT, args.out, args.work, dev=not args.no_dev)
    if args.out == ROOT / "_build" / "site" and listing["nieuwste"] == DEV:
        # no edition listed: ontwikkeling is the newest and gets its zip here (each listed
        # edition got its own from its own commit while it was built)
        bundle(ROOT)
    names = ", ".join(e["naam"] for e in listing["edities"])
    print(f"wrote {args.out}: {names}; root -> {listing['nieuwste']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
