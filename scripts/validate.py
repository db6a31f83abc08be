"""Check every built page with the Nu HTML Checker (vnu); sort its errors by who wrote the markup.

Run with ``make validate`` (installs vnu-jar from tools/quality and Debian's Java when missing).
It prints a table and, with ``--write``, stores it in ``docs/validation.md``. Exit status 1 when
any error comes from the project's own markup; errors in markup the theme writes (listed in
THEME_ERRORS, with the reason) are reported but do not fail.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "tools" / "quality" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: vnu messages caused by markup of pydata-sphinx-theme / sphinx-book-theme templates (not by this
#: project), as regular expressions, with where they come from. Kept short on purpose: every
#: entry is a theme template the book does not override.
THEME_ERRORS: dict[str, str] = {}


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def run_vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        raise SystemExit("java not found: apt-get install -y default-jre-headless (make validate)")
    if not VNU_JAR.exists():
        raise SystemExit(f"{VNU_JAR} missing: run `make validate` (it installs tools/quality)")
    cmd = [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]
    result = subprocess.run([*cmd, *map(str, files)], capture_output=True, text=True, check=True)
    return json.loads(result.stderr or result.stdout)["messages"]


def theme_reason(message: str) -> str | None:
    for pattern, reason in THEME_ERRORS.items():
        if re.search(pattern, message):
            return reason
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--write", action="store_true", help="store in docs/validation.md")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    files = pages(site)
    messages = [m for m in run_vnu(files) if m.get("type") == "error"]
    own: collections.Counter[str] = collections.Counter()
    theme: collections.Counter[tuple[str, str]] = collections.Counter()
    where: dict[str, str] = {}
    for m in messages:
        text = m.get("message", "")
        reason = theme_reason(text)
        if reason is None:
            own[text] += 1
            url = m.get("url", "")
            where.setdefault(text, url[url.find(str(site)) + len(str(site)) + 1 :])
        else:
            theme[(text, reason)] += 1
    lines = [
        f"Checked {dt.date.today().isoformat()}: {len(files)} pages with vnu "
        f"(vnu-jar from tools/quality), errors only.",
        "",
        f"Errors from the project's own markup: **{sum(own.values())}**.",
        f"Errors from the theme's templates: **{sum(theme.values())}**.",
        "",
    ]
    if own:
        lines += ["| project error | count | first page |", "|---|---|---|"]
        lines += [f"| {t} | {n} | {where[t]} |" for t, n in own.most_common()]
        lines.append("")
    if theme:
        lines += ["| theme error | count | where it comes from |", "|---|---|---|"]
        lines += [f"| {t} | {n} | {r} |" for (t, r), n in theme.most_common()]
        lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.write:
        (ROOT / "docs" / "validation.md").write_text(
            "# HTML validation\n\nProduced by `make validate` (scripts/validate.py): the Nu HTML "
            "Checker on every page of the built site.\n\n" + text,
            encoding="utf-8",
        )
    return 1 if own else 0


if __name__ == "__main__":
    sys.exit(main())
