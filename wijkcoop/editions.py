"""Editions of the book: the list in ``data/edities/edities.yaml`` and the multi-edition site.

``make site`` (``python -m wijkcoop.editions site``) builds every listed edition from the
commit it names (a ``git worktree``; the environment of this checkout is reused when that
commit's ``requirements.txt`` equals the current one, else the commit gets its own venv under
``_build/edities/venv/``), plus this checkout as "in ontwikkeling", into one static site::

    _build/site/index.html          -> the newest edition (or ontwikkeling when none is listed)
    _build/site/versions.json       the list every edition reads (also as versions.js for file://)
    _build/site/<version>/...       each edition
    _build/site/ontwikkeling/...    this checkout (built into _build/html, as make book does)

Each edition keeps its own notebook cache (``_build/edities/out/<version>/_build``), so an
unchanged edition rebuilds in seconds; ontwikkeling shares make book's. The version switcher,
the banner on older editions and the "changed since" markers are added to every page when
the site is assembled, by two classic scripts (``versions.js`` at the root and
``_edities/edities.js``), so an old edition learns of a newer one from the root list without
being rebuilt, and the site works from ``file://``.
What changed between editions is computed from git between the editions' commits.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from wijkcoop import pdf

ROOT = Path(__file__).resolve().parent.parent
EDITIONS_FILE = Path("data") / "edities" / "edities.yaml"
DEV = "ontwikkeling"
WEB = Path(__file__).resolve().parent / "web"
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True)
class Edition:
    """One edition as listed in ``data/edities/edities.yaml``."""

    version: str
    datum: str
    commit: str
    banken: dict[str, str]
    samenvatting: str

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: the version as numbers."""
        return semver(self.version)


def semver(version: str) -> tuple[int, int, int]:
    """``x.y.z`` as three integers; ``ValueError`` for anything else."""
    m = SEMVER.match(version)
    if not m:
        raise ValueError(f"not a semantic version x.y.z: {version!r}")
    return (int(m[1]), int(m[2]), int(m[3]))


def check(editions: list[Edition]) -> list[Edition]:
    """Newest first, versions unique and falling, dates not rising; raises ValueError."""
    for newer, older in itertools.pairwise(editions):
        if newer.key <= older.key:
            raise ValueError(
                f"{EDITIONS_FILE}: {newer.version} is listed before {older.version}; "
                "list editions newest first, each version once"
            )
        if newer.datum < older.datum:
            raise ValueError(f"{EDITIONS_FILE}: {newer.version} is dated before {older.version}")
    return editions


def load(repo: Path = ROOT) -> list[Edition]:
    """The editions listed in ``repo`` (validated against the schema), newest first."""
    from wijkcoop import data

    doc = data.load_path(repo / EDITIONS_FILE, "edities.schema.json")
    return check([Edition(**e) for e in doc["edities"]])


def bank_versions(repo: Path = ROOT) -> dict[str, str]:
    """Question-bank id -> version, as the banks in ``repo/data/scan`` say."""
    out = {}
    for path in sorted((repo / "data" / "scan").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "bank_id" in doc and "version" in doc:
            out[str(doc["bank_id"])] = str(doc["version"])
    return out


# --- git --------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    """Run ``git`` in ``repo`` and return its output (raises on failure)."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}: {done.stderr.strip()}")
    return done.stdout


def changed_sources(repo: Path, old: str, new: str) -> list[tuple[str, str]]:
    """(status letter, path) of every file that differs between two commits.

    ``new`` may be ``"WORKTREE"`` for the checkout as it is.
    """
    args = ["diff", "--name-status", "--no-renames", old] + ([] if new == "WORKTREE" else [new])
    rows = []
    for line in git(repo, *args).splitlines():
        status, _, path = line.partition("\t")
        rows.append((status[0], path))
    return rows


# --- pages and what changed -------------------------------------------------------------------

PAGE_SOURCE = re.compile(r"^(book/.+\.md|notebooks/[^/]+\.ipynb|index\.md|intro\.md)$")


def page_of(source: str) -> str | None:
    """The built page (relative .html path) of a source file, or None."""
    if not PAGE_SOURCE.match(source):
        return None
    return str(Path(source).with_suffix(".html"))


def site_pages(html_dir: Path) -> list[str]:
    """The HTML pages of a built site, as paths relative to it."""
    skip = ("_static/", "_sources/", "_images/", "genindex", "search.html", "_edities/")
    return sorted(
        str(p.relative_to(html_dir))
        for p in html_dir.rglob("*.html")
        if not str(p.relative_to(html_dir)).startswith(skip)
    )


def page_title(html_file: Path) -> str:
    """The title of a built page without the book's name."""
    m = re.search(r"<title>(.*?)</title>", html_file.read_text(encoding="utf-8"), re.S)
    title = html.unescape(m.group(1)).strip() if m else html_file.stem
    return re.sub(r"\s+[—–|-]\s+[^—–|]+$", "", title)


@dataclass
class Changes:
    """What changed between two editions: pages, banks and impact calculations."""

    previous: str
    pages: dict[str, str] = field(default_factory=dict)  # page -> "nieuw" / "gewijzigd"
    removed: list[str] = field(default_factory=list)
    banks: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (old, new)
    impact: list[str] = field(default_factory=list)


def changes_between(repo: Path, old: str, new: str, old_banks, new_banks, prev: str) -> Changes:
    """The changes between commits ``old`` and ``new`` (``prev`` names the older edition)."""
    ch = Changes(previous=prev)
    for status, path in changed_sources(repo, old, new):
        page = page_of(path)
        if page and status == "D":
            ch.removed.append(page)
        elif page:
            ch.pages[page] = "nieuw" if status == "A" else "gewijzigd"
        if path.startswith(("data/impact/", "wijkcoop/impact/")) or (
            path.startswith("notebooks/impact")
        ):
            ch.impact.append(path)
    for bank, version in new_banks.items():
        if old_banks.get(bank) != version:
            ch.banks[bank] = (old_banks.get(bank, "—"), version)
    return ch


# --- building ---------------------------------------------------------------------------------


@dataclass
class Built:
    """One edition built into a folder, with what the version menu needs."""

    name: str  # version or DEV
    label: str
    datum: str
    html: Path
    commit: str
    banks: dict[str, str]
    samenvatting: str = ""


def _python_for(repo: Path, src: Path, commit: str, work: Path) -> Path:
    """The Python whose jupyter-book builds ``commit``: this one when the lock is equal."""
    current = (repo / "requirements.txt").read_text(encoding="utf-8")
    theirs = git(repo, "show", f"{commit}:requirements.txt")
    if theirs == current:
        return Path(sys.executable)
    import hashlib

    venv = work / "venv" / hashlib.sha256(theirs.encode()).hexdigest()[:12]
    py = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "-r", str(src / "requirements.txt")], check=True
        )
        (venv / ".installed").touch()
    return py


def _jb_build(python: Path, src: Path, out: Path, strict: bool, datum: str = "") -> Path:
    jb = python.parent / "jupyter-book"
    cmd = [str(jb), "build", str(src), "--path-output", str(out)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = dict(os.environ, PYTHONPATH=str(src))
    if datum:  # the edition names its release date, not the day it was rebuilt
        import datetime as dt

        day = dt.datetime.fromisoformat(datum).replace(tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
    html_dir = out / "_build" / "html"
    if done.returncode != 0 or not (html_dir / "index.html").exists():
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise RuntimeError(f"building {src} failed (exit {done.returncode})")
    return html_dir


def downloads(
    repo: Path, python: Path, src: Path, html_dir: Path, version: str, datum: str, work: Path
) -> None:
    """Put the edition's PDF and zip in its ``downloads/``, where ``{bundel}`` links them.

    The PDF is made by the edition's own ``wijkcoop.pdf`` (editions from before it existed
    have none) with the Paged.js that ``make site`` installed; it is made again only when a
    page of the edition is newer than it. The zip (which carries the PDF) is made every time.
    """
    polyfill = repo / pdf.PAGED_POLYFILL
    target = html_dir / "downloads" / pdf.PDF_NAME.format(version=version)
    newest_page = max(p.stat().st_mtime for p in html_dir.rglob("*.html"))
    fresh = target.exists() and target.stat().st_mtime >= newest_page
    if (src / "wijkcoop" / "pdf.py").exists() and polyfill.exists() and not fresh:
        cmd = [str(python), "-m", "wijkcoop.pdf", "--site", str(html_dir)]
        cmd += ["--toc", str(src / "_toc.yml"), "--work", str(work / "pdf" / version)]
        cmd += ["--polyfill", str(polyfill)]
        env = dict(os.environ, PYTHONPATH=str(src))
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise RuntimeError(f"the PDF of edition {version} failed (exit {done.returncode})")
    zipped = make_bundle(html_dir, version, datum, work / "zip" / version)
    (html_dir / "downloads").mkdir(exist_ok=True)
    shutil.copy2(zipped, html_dir / "downloads" / zipped.name)


def build_edition(repo: Path, ed: Edition, work: Path, strict: bool = True) -> Built:
    """Build edition ``ed`` from its commit (a git worktree) into ``work``."""
    src = work / "src" / ed.version
    if src.exists() and git(src, "rev-parse", "HEAD").strip() != ed.commit:
        git(repo, "worktree", "remove", "--force", str(src))
    if not src.exists():
        src.parent.mkdir(parents=True, exist_ok=True)
        git(repo, "worktree", "prune")
        git(repo, "worktree", "add", "--detach", str(src), ed.commit)
    python = _python_for(repo, src, ed.commit, work)
    html_dir = _jb_build(python, src, work / "out" / ed.version, strict, ed.datum)
    downloads(repo, python, src, html_dir, ed.version, ed.datum, work)
    return Built(
        ed.version,
        f"Editie {ed.version}",
        ed.datum,
        html_dir,
        ed.commit,
        ed.banken,
        ed.samenvatting,
    )


def build_dev(repo: Path, work: Path, strict: bool = True) -> Built:
    """Build this checkout as ontwikkeling (into ``_build/html``, as ``make book`` does)."""
    # The checkout builds where make book does, so make site after make book reuses its output.
    html_dir = _jb_build(Path(sys.executable), repo, repo, strict)
    head = git(repo, "rev-parse", "HEAD").strip()
    return Built(DEV, "In ontwikkeling", "", html_dir, head, bank_versions(repo))


def _copy_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def _inject(page: Path, depth: int, name: str, marker: str = "") -> None:
    up = "../" * depth
    tags = (
        f'<meta name="wijkcoop-editie" content="{name}">'
        f'<script src="{up}versions.js"></script>'
        f'<script src="{up}{name}/_edities/edities.js" defer></script>'
        f'<link rel="stylesheet" href="{up}{name}/_edities/edities.css">'
    )
    text = page.read_text(encoding="utf-8")
    if 'name="wijkcoop-editie"' in text:
        return
    text = text.replace("</head>", tags + "</head>", 1)
    page.write_text(text, encoding="utf-8")


def _changes_page(b: Built, ch: Changes | None, titles: dict[str, str]) -> str:
    e = html.escape
    where = "de versie in ontwikkeling" if b.name == DEV else b.label.lower()
    head = f"Wat is er veranderd in {where}"
    parts = [f"<h1>{e(head)}</h1>"]
    if b.samenvatting:
        parts.append(f"<p>{e(b.samenvatting)}</p>")
    if ch is None:
        parts.append(
            "<p>Dit is de eerste editie van het boek. Er is nog geen eerdere editie om "
            "mee te vergelijken.</p>"
        )
    else:
        parts.append(
            f"<p>Vergeleken met editie {e(ch.previous)}. Deze lijst is berekend uit de "
            "bronbestanden van beide edities, niet met de hand geschreven.</p>"
        )
        parts.append("<h2>Hoofdstukken en pagina's</h2>")
        if ch.pages:
            items = "".join(
                f'<li><a href="../{e(p)}">{e(titles.get(p, p))}</a> ({kind})</li>'
                for p, kind in sorted(ch.pages.items())
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>Geen pagina's veranderd.</p>")
        if ch.removed:
            parts.append("<p>Niet meer in deze editie: " + e(", ".join(ch.removed)) + ".</p>")
        parts.append("<h2>De scans</h2>")
        if ch.banks:
            items = "".join(
                f"<li>{e(bank)}: versie {e(old)} → {e(new)}</li>"
                for bank, (old, new) in sorted(ch.banks.items())
            )
            parts.append(
                f"<ul>{items}</ul><p>Heb je eerder een scan ingevuld en bewaard? Je kunt dat "
                "bestand gewoon importeren. De scan zet je eerdere antwoorden om naar de nieuwe "
                "vragen; wat niet meer past, blijft in het bestand staan en gaat niet "
                "verloren.</p>"
            )
        else:
            parts.append(
                "<p>De vragenlijsten zijn niet veranderd. Eerdere antwoorden passen precies.</p>"
            )
        parts.append("<h2>De rekenvoorbeelden over impact</h2>")
        if ch.impact:
            parts.append("<p>Veranderd: " + e(", ".join(sorted(ch.impact))) + ".</p>")
        else:
            parts.append("<p>Niet veranderd.</p>")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No icon of its own: without this line the browser asks the server for /favicon.ico.
        '<link rel="icon" href="data:,">'
        f"<title>{e(head)}</title></head><body><main>{body}"
        '<p><a href="../index.html">Naar de startpagina van deze editie</a></p>'
        "</main></body></html>"
    )


def assemble(built: list[Built], out: Path, repo: Path) -> dict:
    """Put the built editions together under ``out`` with the root list and the scripts."""
    out.mkdir(parents=True, exist_ok=True)
    editions = [b for b in built if b.name != DEV]
    newest = editions[0].name if editions else DEV
    entries = []
    for b in built:
        target = out / b.name
        _copy_tree(b.html, target)
        pages = site_pages(target)
        titles = {p: page_title(target / p) for p in pages}
        # compared with: the next older edition; ontwikkeling with the newest edition
        if b.name == DEV:
            prev = editions[0] if editions else None
        else:
            idx = editions.index(b)
            prev = editions[idx + 1] if idx + 1 < len(editions) else None
        ch = None
        if prev is not None:
            new = "WORKTREE" if b.name == DEV else b.commit
            ch = changes_between(repo, prev.commit, new, prev.banks, b.banks, prev.name)
        folder = target / "_edities"
        folder.mkdir(exist_ok=True)
        shutil.copy2(WEB / "edities.js", folder / "edities.js")
        shutil.copy2(WEB / "edities.css", folder / "edities.css")
        (folder / "veranderd.html").write_text(_changes_page(b, ch, titles), encoding="utf-8")
        for page in [*pages, "_edities/veranderd.html"]:
            _inject(target / page, page.count("/") + 1, b.name)
        entries.append(
            {
                "naam": b.name,
                "label": b.label,
                "datum": b.datum,
                "pad": f"{b.name}/",
                "nieuwste": b.name == newest,
                "ontwikkeling": b.name == DEV,
                "samenvatting": b.samenvatting,
                "paginas": pages,
                "veranderd": sorted(p for p in (ch.pages if ch else {}) if p in pages),
                "vorige": ch.previous if ch else None,
            }
        )
    listing = {"nieuwste": newest, "edities": entries}
    text = json.dumps(listing, ensure_ascii=False, indent=1)
    (out / "versions.json").write_text(text + "\n", encoding="utf-8")
    (out / "versions.js").write_text(f"window.WIJKCOOP_EDITIES = {text};\n", encoding="utf-8")
    landing = f"{newest}/index.html"
    (out / "index.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        "<title>Samenwerken aan de wijk</title>"
        '<link rel="icon" href="data:,">'
        f'<meta http-equiv="refresh" content="0; url={landing}">'
        f'</head><body><p><a href="{landing}">Naar de nieuwste editie van het boek</a></p>'
        "</body></html>\n",
        encoding="utf-8",
    )
    return listing


def build_site(repo: Path, out: Path, work: Path, *, dev: bool = True, strict: bool = True) -> dict:
    """Build every listed edition and (with ``dev``) the checkout; assemble them under ``out``."""
    editions = load(repo)
    built = [build_edition(repo, ed, work, strict) for ed in editions]
    if dev or not built:
        built.append(build_dev(repo, work, strict))
    # newest first, ontwikkeling first of all (it is ahead of every edition)
    built.sort(key=lambda b: (b.name != DEV, [-x for x in semver(b.name)] if b.name != DEV else []))
    if out.exists():
        shutil.rmtree(out)
    return assemble(built, out, repo)


# --- the bundle (a zip of the newest edition for a USB stick) ----------------------------------

BUNDLE = "samenwerken-aan-de-wijk-{version}"
LEESMIJ = """Samenwerken aan de wijk - editie {version}{datum}

Dit is het hele boek als website, om te openen zonder internet.

Zo open je het:
1. Pak het zip-bestand uit (rechtsklikken, "Alles uitpakken").
2. Open de map {name}.
3. Dubbelklik op index.html. Het boek opent in je browser.

Je kunt de map ook op een USB-stick zetten en op een andere computer openen.
Er gaat niets naar internet: de scans bewaren je antwoorden alleen in de browser op
die computer. Bewaar je antwoorden als bestand met de knop in de scan.

Tekst: CC BY 4.0. Code: MIT. Zo citeer je het boek: zie de pagina Colofon.
"""


def bundle_name(version: str) -> str:
    """The zip's file name for ``version``."""
    return BUNDLE.format(version=version) + ".zip"


def make_bundle(html_dir: Path, version: str, datum: str, dest: Path) -> Path:
    """Zip ``html_dir`` as ``samenwerken-aan-de-wijk-<version>.zip`` with a LEESMIJ.txt."""
    import zipfile

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
    from wijkcoop._version import __version__

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


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m wijkcoop.editions site``; the exit code for the shell."""
    parser = argparse.ArgumentParser(prog="python -m wijkcoop.editions")
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
        path = bundle(ROOT, args.html)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
        return 0
    if args.cmd == "list":
        for ed in load(ROOT):
            print(json.dumps(asdict(ed), ensure_ascii=False))
        return 0
    listing = build_site(ROOT, args.out, args.work, dev=not args.no_dev)
    if args.out == ROOT / "_build" / "site":
        bundle(ROOT)  # the newest edition's download link works in the built site
    names = ", ".join(e["naam"] for e in listing["edities"])
    print(f"wrote {args.out}: {names}; root -> {listing['nieuwste']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
