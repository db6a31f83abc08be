"""The bundle: an edition zipped with a LEESMIJ.txt, to read from a USB stick (``make bundle``)."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wijkcoop._version import __version__
from wijkcoop.publish.catalogue import DEV, ROOT

BUNDLE = "samenwerken-aan-de-wijk-{version}"
README_TEXT = """Samenwerken aan de wijk - editie {version}{date}

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


def make_bundle(html_dir: Path, version: str, date: str, dest: Path) -> Path:
    """Zip ``html_dir`` as ``samenwerken-aan-de-wijk-<version>.zip`` with a LEESMIJ.txt."""
    name = BUNDLE.format(version=version)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / bundle_name(version)
    tmp = target.with_suffix(".zip.tmp")
    readme = README_TEXT.format(version=version, date=f" ({date})" if date else "", name=name)
    prefix = BUNDLE.format(version="")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{name}/LEESMIJ.txt", readme.replace("\n", "\r\n"))
        for path in sorted(html_dir.rglob("*")):
            rel = path.relative_to(html_dir)
            own = rel.name.startswith(prefix) and rel.suffix == ".zip"  # no zip in the zip
            if path.is_dir() or rel.name == ".buildinfo" or own:
                continue
            zf.write(path, f"{name}/{rel}")
    tmp.replace(target)
    return target


class NoSiteError(FileNotFoundError):
    """There is no built site to bundle; the message says which command builds one."""


@dataclass(frozen=True)
class Source:
    """What to bundle: the built site, its version and date, and the sites that link the zip."""

    version: str
    date: str
    html: Path
    served: list[Path]
    build: Path  # where the zip is written


def newest_source(repo: Path = ROOT, html_dir: Path | None = None) -> Source:
    """The site to bundle: ``html_dir`` when given, else make site's newest, else make book's."""
    build = repo / "_build"
    listing_file = build / "site" / "versions.json"
    if html_dir is not None:  # make test: the site make book just built
        return Source(__version__, "", html_dir, [html_dir], html_dir.parent)
    if not listing_file.exists():
        return Source(__version__, "", build / "html", [build / "html"], build)
    listing = json.loads(listing_file.read_text(encoding="utf-8"))
    newest = next(e for e in listing["edities"] if e["naam"] == listing["nieuwste"])
    name = newest["naam"]
    if name == DEV:  # ontwikkeling is the newest: make book's site
        return Source(__version__, newest["datum"], build / "html", [build / "site" / name], build)
    source = build / "edities" / "out" / name / "_build" / "html"
    return Source(name, newest["datum"], source, [build / "site" / name], build)


def bundle(repo: Path = ROOT, html_dir: Path | None = None) -> Path:
    """Bundle the newest edition: from ``make site`` when built, else ``make book``'s site.

    The zip is written to ``_build/`` and copied to ``downloads/`` of the site it was made
    from, where the landing page and the trainers' guide link to it. :class:`NoSiteError`
    when that site is not built.
    """
    source = newest_source(repo, html_dir)
    if not (source.html / "index.html").exists():
        raise NoSiteError(f"no built site at {source.html}: run 'make book' or 'make site' first")
    zipped = make_bundle(source.html, source.version, source.date, source.build)
    for site in source.served:
        (site / "downloads").mkdir(exist_ok=True)
        shutil.copy2(zipped, site / "downloads" / zipped.name)
    return zipped
