"""The bundle: an edition zipped with a LEESMIJ.txt, to read from a USB stick (``make bundle``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wijkcoop.publish.catalogue import DEV, ROOT
from wijkcoop.publish.downloads import settle, unlink_self
from wijkcoop.publish.identity import read_site

BUNDLE = "samenwerken-aan-de-wijk-{version}"
README_TEXT = """Samenwerken aan de wijk - {label}

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
#: The zip's folder for the package (the wheel), and what LEESMIJ.txt says about it.
WHEEL_FOLDER = "python"
LEESMIJ_WHEEL = """
Voor trainers: de notebooks in Jupyter
In de map {folder} staat het pakket van dit boek: {wheel}.
Daarmee werken de notebooks van het boek (.ipynb) in Jupyter. Zo installeer je het,
een keer, met internet en Python 3.11 of nieuwer:
1. Open een terminal (Windows: PowerShell) in de map {folder}.
2. Typ: pip install {wheel} jupyterlab
   (pip haalt dan ook pandas, Altair en de andere hulpmiddelen op.)
3. Typ: jupyter lab
Een notebook download je met de downloadknop bovenaan een notebookpagina van het boek.
Daarna werkt alles zonder internet. Bestanden van deelnemers blijven op je eigen computer.
"""


def build_wheel(src: Path, out: Path, python: Path | None = None) -> Path:
    """The package of the checkout ``src`` as a wheel in ``out`` (offline, no dependencies)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("wijkcoop-*.whl"):
        old.unlink()
    cmd = [str(python or sys.executable), "-m", "pip", "wheel", "--quiet", "--no-deps"]
    cmd += ["--no-build-isolation", "--no-index", "--disable-pip-version-check"]
    subprocess.run([*cmd, "-w", str(out), str(src)], check=True, capture_output=True, text=True)
    (wheel,) = out.glob("wijkcoop-*.whl")
    return wheel


def bundle_name(slug: str) -> str:
    """The zip's file name for ``slug`` (an edition's version, or a development build's slug)."""
    return BUNDLE.format(version=slug) + ".zip"


def make_bundle(
    html_dir: Path, slug: str, label: str, dest: Path, wheel: Path | None = None
) -> Path:
    """Zip ``html_dir`` as ``samenwerken-aan-de-wijk-<slug>.zip`` with a LEESMIJ.txt.

    ``label`` says what is zipped ("editie 1.0.0, 2026-12-01" or "ontwikkelversie na …").
    Inside the zip, the pages' link to the zip itself becomes a note (it would point at nothing).
    With ``wheel`` the package goes in too (``python/``), and LEESMIJ.txt says how to install it.
    """
    name = BUNDLE.format(version=slug)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / bundle_name(slug)
    tmp = target.with_suffix(".zip.tmp")
    readme = README_TEXT.format(label=label, name=name)
    if wheel is not None:
        readme += LEESMIJ_WHEEL.format(folder=WHEEL_FOLDER, wheel=wheel.name)
    prefix = BUNDLE.format(version="")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{name}/LEESMIJ.txt", readme.replace("\n", "\r\n"))
        if wheel is not None:
            zf.write(wheel, f"{name}/{WHEEL_FOLDER}/{wheel.name}")
        for path in sorted(html_dir.rglob("*")):
            rel = path.relative_to(html_dir)
            own = rel.name.startswith(prefix) and rel.suffix == ".zip"  # no zip in the zip
            if path.is_dir() or rel.name == ".buildinfo" or own:
                continue
            if rel.suffix == ".html":
                text = path.read_text(encoding="utf-8")
                zf.writestr(f"{name}/{rel}", unlink_self(text, target.name, path))
            else:
                zf.write(path, f"{name}/{rel}")
    tmp.replace(target)
    return target


class NoSiteError(FileNotFoundError):
    """There is no built site to bundle; the message says which command builds one."""


@dataclass(frozen=True)
class Source:
    """What to bundle: the built site, and the sites that link the zip."""

    html: Path
    served: list[Path]
    build: Path  # where the zip is written
    edition: str = ""  # a listed edition's version ("" for a site that names itself)
    date: str = ""
    src: Path | None = None  # the sources its wheel is built from (default: this checkout)


def newest_source(repo: Path = ROOT, html_dir: Path | None = None) -> Source:
    """The site to bundle: ``html_dir`` when given, else make site's newest, else make book's.

    The zip is named as that site names itself (:func:`wijkcoop.publish.identity.read_site`).
    """
    build = repo / "_build"
    listing_file = build / "site" / "versions.json"
    if html_dir is not None:  # make test: the site make book just built
        return Source(html_dir, [html_dir], html_dir.parent)
    if not listing_file.exists():
        return Source(build / "html", [build / "html"], build)
    listing = json.loads(listing_file.read_text(encoding="utf-8"))
    newest = next(e for e in listing["edities"] if e["naam"] == listing["nieuwste"])
    name = newest["naam"]
    if name == DEV:  # ontwikkeling is the newest: make book's site
        return Source(build / "html", [build / "site" / name], build)
    # an edition built by make site from its own commit (its pages may predate the meta tag)
    source = build / "edities" / "out" / name / "_build" / "html"
    src = build / "edities" / "src" / name
    return Source(source, [build / "site" / name], build, name, newest["datum"], src)


def bundle(repo: Path = ROOT, html_dir: Path | None = None) -> Path:
    """Bundle the newest edition: from ``make site`` when built, else ``make book``'s site.

    The zip is written to ``_build/`` and copied to ``downloads/`` of the site it was made
    from, where the landing page and the trainers' guide link to it. :class:`NoSiteError`
    when that site is not built.
    """
    source = newest_source(repo, html_dir)
    if not (source.html / "index.html").exists():
        raise NoSiteError(f"no built site at {source.html}: run 'make book' or 'make site' first")
    if source.edition:
        slug, label = source.edition, f"editie {source.edition}, {source.date}"
    else:
        identity = read_site(source.html)
        slug, label = identity.slug, identity.label
    try:
        wheel: Path | None = build_wheel(source.src or repo, source.build / "wheel")
    except (subprocess.CalledProcessError, ValueError) as exc:  # an old tree without a wheel
        sys.stderr.write(f"{slug}: no wheel in the zip ({exc})\n")
        wheel = None
    zipped = make_bundle(source.html, slug, label, source.build, wheel)
    for site in source.served:
        (site / "downloads").mkdir(exist_ok=True)
        shutil.copy2(zipped, site / "downloads" / zipped.name)
        settle(site)
    return zipped
