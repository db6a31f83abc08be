"""Put built editions together under one root: the switcher's list, the banner, what changed.

The version switcher, the banner on older editions and the "changed since" markers are added
to every page when the site is assembled, by two classic scripts (``versions.js`` at the root
and ``_edities/edities.js``), so an old edition learns of a newer one from the root list without
being rebuilt, and the site works from ``file://``. What changed between editions is computed
from git between the editions' commits (:func:`changes_between`).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from wijkcoop.publish.catalogue import DEV
from wijkcoop.publish.git import GitError, changed_sources, git

WEB = Path(__file__).resolve().parents[1] / "web"


@dataclass
class Built:
    """One edition built into a folder, with what the version menu needs."""

    name: str  # version or DEV
    label: str
    date: str
    html: Path
    commit: str
    banks: dict[str, str]
    summary: str = ""


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


#: The Dutch, reader-facing notes of an edition in CHANGELOG.md: the bullets under this heading
#: in the edition's section. The "Wat is er veranderd" page shows them above the list computed
#: from git.
READER_NOTES = "### Voor lezers"
_INLINE = re.compile(r"\*\*(.+?)\*\*|`(.+?)`|\*(.+?)\*")


def reader_notes(changelog: str, version: str | None) -> list[str]:
    """The bullets under ``### Voor lezers`` of ``version``'s section (``None``: Unreleased)."""
    head = r"## Unreleased" if version is None else rf"## \[{re.escape(version)}\]"
    section = re.search(rf"^{head}[^\n]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    if section is None:
        return []
    notes = re.search(
        rf"^{re.escape(READER_NOTES)}[ \t]*\n(.*?)(?=^### |\Z)", section.group(1), re.M | re.S
    )
    if notes is None:
        return []
    bullets: list[str] = []
    for line in notes.group(1).splitlines():
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
    return bullets


def _inline_html(text: str) -> str:
    """``**bold**``, ``*italic*`` and ```code``` of a changelog bullet as HTML; the rest escaped."""
    out, last = [], 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        if m.group(1):
            out.append(f"<strong>{html.escape(m.group(1))}</strong>")
        elif m.group(2):
            out.append(f"<code>{html.escape(m.group(2))}</code>")
        else:
            out.append(f"<em>{html.escape(m.group(3))}</em>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _notes_of(repo: Path, b: Built) -> list[str]:
    """The reader notes of a built edition (its own CHANGELOG) or of ontwikkeling."""
    if b.name == DEV:
        path = repo / "CHANGELOG.md"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return reader_notes(text, None)
    try:
        text = git(repo, "show", f"{b.commit}:CHANGELOG.md")
    except GitError:
        return []
    return reader_notes(text, b.name)


def _copy_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def _inject(page: Path, depth: int, name: str) -> None:
    """Add the switcher's meta tag, scripts and style to the head of one built page (once)."""
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


def _changes_page(
    b: Built, ch: Changes | None, titles: dict[str, str], notes: list[str] | None = None
) -> str:
    e = html.escape
    where = "de versie in ontwikkeling" if b.name == DEV else b.label.lower()
    head = f"Wat is er veranderd in {where}"
    parts = [f"<h1>{e(head)}</h1>"]
    if b.summary:
        parts.append(f"<p>{e(b.summary)}</p>")
    if notes:
        items = "".join(f"<li>{_inline_html(n)}</li>" for n in notes)
        parts.append(f'<h2>In het kort</h2><ul class="wijkcoop-leesnoten">{items}</ul>')
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
        page = _changes_page(b, ch, titles, _notes_of(repo, b))
        (folder / "veranderd.html").write_text(page, encoding="utf-8")
        extra = [p for p in ("search.html", "genindex.html") if (target / p).exists()]
        for page in [*pages, *extra, "_edities/veranderd.html"]:
            _inject(target / page, page.count("/") + 1, b.name)
        entries.append(
            {
                "naam": b.name,
                "label": b.label,
                "datum": b.date,
                "pad": f"{b.name}/",
                "nieuwste": b.name == newest,
                "ontwikkeling": b.name == DEV,
                "samenvatting": b.summary,
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
