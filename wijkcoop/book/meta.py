"""Head of every page: a meta description that describes the page, one viewport tag.

Search engines (and Lighthouse's SEO audit) want a description per page; the book has none
typed, so the page's first paragraph of running text serves: not a line of the "Wat je leert"
list (those are cut learning goals ending in ";"), not an admonition, table or notebook output.
It is cut at a sentence end where one fits, else at a word. The search page and the index get
their own Dutch descriptions, and pages that would share one (the seven self-checks open with
the same instructions) get their title in front, so every description is distinct.
Sphinx's basic theme, pydata-sphinx-theme and sphinx-book-theme each write a viewport tag; the
page keeps the first.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

MAX_LENGTH = 160
MIN_PARAGRAPH = 50

#: Pages Sphinx writes from a template, without a body of running text.
TEMPLATE_DESCRIPTIONS = {
    "search": (
        "Zoek in het hele boek Samenwerken aan de wijk: hoofdstukken, scans, notebooks en "
        "begrippen. Zoeken werkt ook zonder internet."
    ),
    "genindex": (
        "Register van het boek Samenwerken aan de wijk: begrippen en onderwerpen, met de "
        "pagina's waar ze worden uitgelegd."
    ),
}

#: Ancestors whose paragraphs do not describe the page.
_SKIP_TAGS = frozenset({"li", "table", "aside", "nav", "figure", "blockquote", "dl", "form"})
_SKIP_CLASSES = frozenset({"admonition", "cell_output", "output", "wijkcoop-scan", "topic"})


class _Paragraphs(HTMLParser):
    """Paragraphs of running text, in order (skipping lists, boxes, tables, the goals)."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: does it exclude its paragraphs?
        self.current: list[str] | None = None
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.VOID:
            return
        attr = dict(attrs)
        classes = set((attr.get("class") or "").split())
        ident = attr.get("id") or ""
        excluded = (
            tag in _SKIP_TAGS
            or bool(classes & _SKIP_CLASSES)
            or (tag == "section" and ident.startswith("wat-je-leert"))
        )
        self.stack.append(excluded)
        if tag == "p" and not any(self.stack[:-1]):
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self.stack:
            return
        self.stack.pop()
        if tag == "p" and self.current is not None:
            self.found.append(re.sub(r"\s+", " ", "".join(self.current)).strip())
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _plain(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """Cut at the last sentence end that fits, else at a word with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text.rstrip(",;:") if text.endswith((",", ";", ":")) else text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", head + " ")]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].strip()
    return head[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def paragraphs(body: str) -> list[str]:
    """The paragraphs of running text of a page body, as plain text."""
    parser = _Paragraphs()
    parser.feed(body)
    parser.close()
    return parser.found


def description(body: str, fallback: str) -> str:
    """The first paragraph of running text of at least MIN_PARAGRAPH characters, shortened."""
    found = [t for t in paragraphs(body) if len(t) >= MIN_PARAGRAPH]
    # a paragraph that ends in ":" introduces a list or a table; it says little on its own
    for text in [t for t in found if not t.endswith(":")] + found:
        return shorten(text)
    return shorten(_plain(fallback))


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add a meta description unless the page has one."""
    metatags = context.get("metatags", "") or ""
    if 'name="description"' in metatags:
        return
    if pagename in TEMPLATE_DESCRIPTIONS:
        text = TEMPLATE_DESCRIPTIONS[pagename]
    else:
        book = app.config.html_title or app.config.project
        fallback = f"{context.get('title') or ''} – {book}"
        text = description(context.get("body", "") or "", fallback)
    context["metatags"] = (
        metatags + f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'
    )


_VIEWPORT = re.compile(r'\s*<meta name="viewport"[^>]*>')
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
_TITLE = re.compile(r"<title>(.*?)(?: &#8212; | - | — )[^<]*</title>")


def one_viewport(page_html: str) -> str:
    """Keep the first viewport meta tag of a page, drop the others."""
    seen = False

    def keep_first(match: re.Match) -> str:
        nonlocal seen
        if seen:
            return ""
        seen = True
        return match.group(0)

    return _VIEWPORT.sub(keep_first, page_html)


def distinct(descriptions: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Page -> description, with the title put in front where pages would share one.

    ``descriptions`` maps a page to (title, description).
    """
    pages_of: dict[str, list[str]] = defaultdict(list)
    for page, (_, text) in descriptions.items():
        pages_of[text].append(page)
    out = {}
    for page, (title, text) in descriptions.items():
        shared = len(pages_of[text]) > 1
        out[page] = shorten(f"{title}. {text}") if shared and title else text
    return out


def build_finished(app: Any, exception: Exception | None) -> None:
    """Leave one viewport tag in every page; make the descriptions distinct."""
    if exception is not None or app.builder.format != "html":
        return
    pages = [p for p in Path(app.outdir).rglob("*.html") if "_static" not in p.parts]
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    found = {}
    for page, text in texts.items():
        desc, title = _DESCRIPTION.search(text), _TITLE.search(text)
        if desc:
            found[str(page)] = (
                html.unescape(title.group(1)) if title else "",
                html.unescape(desc.group(1)),
            )
    unique = distinct(found)
    for page, text in texts.items():
        fixed = one_viewport(text)
        old = _DESCRIPTION.search(fixed)
        if old and str(page) in unique and unique[str(page)] != found[str(page)][1]:
            tag = f'<meta name="description" content="{html.escape(unique[str(page)], quote=True)}"'
            fixed = fixed[: old.start()] + tag + fixed[old.end() :]
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
