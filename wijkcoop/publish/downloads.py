"""Download links that always resolve: to a file in ``downloads/``, or a Dutch note instead.

The ``{bundel}`` directive writes each download (the zip, the PDF) as a paragraph that holds
both the link and a note for when the file is not there (:func:`paragraph`). Which of the two
a reader sees is settled on the built pages (:func:`settle`) by whatever step last changed
``downloads/``: the book build itself (``make book``: no files yet, so the notes show),
``make pdf`` and ``make bundle`` (the files now exist, so the links show), the editions builder,
and the zip (inside it, the zip's own link would point at nothing). A link to a missing file
is no link at all (a ``<span>`` that keeps the file's name), so no page of any build sends a
reader to a 404.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

#: The attribute that marks a download paragraph and names its file (relative to the page).
ATTR = "data-wijkcoop-download"
_PARA = re.compile(
    r'<p class="wijkcoop-bundel" ' + ATTR + r'="(?P<href>[^"]*)">(?P<body>.*?)</p>', re.S
)
_SPANS = {
    "er": re.compile(r'<span class="wijkcoop-download-er"( hidden)?>'),
    "niet": re.compile(r'<span class="wijkcoop-download-niet"( hidden)?>'),
    "uitgepakt": re.compile(r'<span class="wijkcoop-download-uitgepakt"( hidden)?>'),
}
#: The link in its two states: ``<a href>`` when the file is there, else ``<span data-bestand>``
#: (an ``<a>`` without ``href`` is a link search engines cannot follow: Lighthouse's SEO audit
#: "crawlable-anchors" fails on it, even hidden). ``<a data-bestand>`` is how pages built
#: up to 1.1.0 kept a missing file's link; it is read too. The label is escaped text (no ``<``).
_LINK = re.compile(
    r'<(?P<tag>a|span) (?:href|data-bestand)="(?P<href>[^"]*)">(?P<label>[^<]*)</(?P=tag)>'
)

#: What a reader is told when the file is not part of this build.
MISSING = {
    ".zip": "Bij elke editie van het boek hoort een zip-bestand om zonder internet te lezen. "
    "Bij deze versie van het boek is dat bestand niet gemaakt.",
    ".pdf": "Bij elke editie van het boek hoort een pdf van het hele boek. "
    "Bij deze versie van het boek is die pdf niet gemaakt.",
}
#: Inside the zip, in place of the link to the zip itself.
UNPACKED = "Je leest dit boek al zonder internet: het komt uit de zip."


def paragraph(href: str, lead: str, label: str, tail: str) -> str:
    """The HTML of one download: the link (``lead`` + ``label`` + ``tail``) and its notes."""
    e = html.escape
    suffix = PurePosixPath(href).suffix
    missing = MISSING.get(suffix, "Dit bestand hoort niet bij deze versie van het boek.")
    return (
        f'<p class="wijkcoop-bundel" {ATTR}="{e(href)}">'
        f'<span class="wijkcoop-download-er">{e(lead)}<a href="{e(href)}">{e(label)}</a>'
        f"{e(tail)}</span>"
        f'<span class="wijkcoop-download-niet" hidden>{e(missing)}</span>'
        f'<span class="wijkcoop-download-uitgepakt" hidden>{e(UNPACKED)}</span>'
        "</p>"
    )


def _show(body: str, which: str) -> str:
    for name, pattern in _SPANS.items():
        hidden = "" if name == which else " hidden"
        body = pattern.sub(f'<span class="wijkcoop-download-{name}"{hidden}>', body)
    tag, attr = ("a", "href") if which == "er" else ("span", "data-bestand")
    return _LINK.sub(
        lambda m: f'<{tag} {attr}="{m.group("href")}">{m.group("label")}</{tag}>', body
    )


def settle_text(text: str, exists: Callable[[str], bool], *, unpacked: str = "") -> str:
    """Show each download's link when ``exists(href)``, else its note.

    ``unpacked`` names the zip a page is being packed into: its own link then shows the
    "already unpacked" note.
    """

    def one(m: re.Match[str]) -> str:
        href = html.unescape(m.group("href"))
        if unpacked and PurePosixPath(href).name == unpacked:
            which = "uitgepakt"
        else:
            which = "er" if exists(href) else "niet"
        return m.group(0).replace(m.group("body"), _show(m.group("body"), which))

    return _PARA.sub(one, text)


def settle(site: Path) -> int:
    """Settle every page of a built site against its ``downloads/``; returns pages changed."""
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if ATTR not in text:
            continue
        base = page.parent

        def exists(href: str, base: Path = base) -> bool:
            return (base / href).resolve().is_file()

        new = settle_text(text, exists)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


_OLD_SELF_LINK = r'<a [^>]*href="[^"]*downloads/{name}"[^>]*>(.*?)</a>'


def unlink_self(text: str, zip_name: str, page: Path) -> str:
    """The text of ``page`` as it goes into ``zip_name``: its own download shows a note.

    Other downloads link only when their file is there (the zip holds the site's other files).
    Pages of editions built before :func:`paragraph` existed (1.0.0) carry a plain link to
    the zip; that link becomes its text.
    """

    def exists(href: str) -> bool:
        return (page.parent / href).resolve().is_file()

    text = settle_text(text, exists, unpacked=zip_name)
    pattern = re.compile(_OLD_SELF_LINK.format(name=re.escape(zip_name)), re.S)
    return pattern.sub(lambda m: f"<span>{m.group(1)}</span> ({UNPACKED})", text)
