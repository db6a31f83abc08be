"""The bundle: an edition zipped with a LEESMIJ.txt, to read from a USB stick (``make bundle``)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from wijkcoop._version import __version__
from wijkcoop.publish.catalogue import DEV, ROOT

BUNDLE = "samenwerken-aan-de-wijk-{version}"
LEESMIJ = """Samenwerken aan de wijk - editie {version}{datum}

Dit is het hele boek als website, om te openen zonder internet.

Zo open je het:
1. Pak het zip-bestand uit (rechtsklikken, "Alles uitpakken").
2. Open de map {name}.
3. Dubbelklik op index.html. Het boek opent in je browser.

Je kunt de map ook op een usb-stick zetten en op een andere computer openen.
Er gaat niets naar internet: de scans bewaren je antwoorden alleen in de browser op
die computer. Bewaar je antwoorden als bestand met de knop in de scan.

Tekst: CC BY 4.0. Code: MIT. Zo citeer je het boek: zie de pagina Colofon.
"""


def bundle_name(version: str) -> str:
    """The zip's file name for ``version``."""
    return BUNDLE.format(version=version) + ".zip"


def make_bundle(html_dir: Path, version: str, datum: str, dest: Path) -> Path:
    """Zip ``html_dir`` as ``samenwerken-aan-de-wijk-<version>.zip`` with a LEESMIJ.txt."""
    name = BUNDLE.format(version=version)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / bundle_name(version)
    tmp = target.with_suffix(".zip.tmp")
    leesmij = LEESMIJ.format(version=version, datum=f" ({datum})" if datum else "", name=name)
    prefix = BUNDLE.format(version="")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{name}/LEESMIJ.txt", leesmij.replace("\n", "\r\n"))
        for path in sorted(html_dir.rglob("*")):
            rel = path.relative_to(html_dir)
            own = rel.name.startswith(prefix) and rel.suffix == ".zip"  # no zip in the zip
            if path.is_dir() or rel.name == ".buildinfo" or own:
                continue
            zf.write(path, f"{name}/{rel}")
    tmp.replace(target)
    return target


def bundle(repo: Path = ROOT, html_dir: Path | None = None) -> Path:
    """Bundle the newest edition: from ``make site`` when built, else ``make book``'s site.

    The zip is written to ``_build/`` and copied to ``downloads/`` of the site it was made
    from, where the landing page and the trainers' guide link to it.
    """
    build = repo / "_build"
    listing_file = build / "site" / "versions.json"
    if html_dir is not None:  # make test: the site make book just built
        version, source, served, datum = __version__, html_dir, [html_dir], ""
        build = html_dir.parent
    elif listing_file.exists():
        listing = json.loads(listing_file.read_text(encoding="utf-8"))
        newest = next(e for e in listing["edities"] if e["naam"] == listing["nieuwste"])
        version = newest["naam"] if newest["naam"] != DEV else __version__
        source = build / "edities" / "out" / newest["naam"] / "_build" / "html"
        if newest["naam"] == DEV:
            source = build / "html"
        served = [build / "site" / newest["naam"]]
        datum = newest["datum"]
    else:
        version, source, served, datum = __version__, build / "html", [build / "html"], ""
    if not (source / "index.html").exists():
        raise SystemExit(f"no built site at {source}: run 'make book' or 'make site' first")
    zipped = make_bundle(source, version, datum, build)
    for site in served:
        (site / "downloads").mkdir(exist_ok=True)
        shutil.copy2(zipped, site / "downloads" / zipped.name)
    return zipped
