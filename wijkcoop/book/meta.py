"""Head of every page: a meta description from the page's first paragraph, one viewport tag.

Search engines (and Lighthouse's SEO audit) want a description per page; the book has none
typed, so the first real paragraph of the page serves. Sphinx's basic theme, pydata-sphinx-theme
and sphinx-book-theme each write a viewport tag; the page keeps the first.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

MAX_LENGTH = 160
MIN_PARAGRAPH = 40


def _plain(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def description(body: str, fallback: str) -> str:
    """The first paragraph of at least MIN_PARAGRAPH characters, cut at a word to MAX_LENGTH."""
    for paragraph in re.findall(r"<p\b[^>]*>(.*?)</p>", body, re.S):
        text = _plain(paragraph)
        if len(text) >= MIN_PARAGRAPH:
            break
    else:
        text = _plain(fallback)
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    metatags = context.get("metatags", "") or ""
    if 'name="description"' in metatags:
        return
    fallback = f"{context.get('title') or ''} – {app.config.project}"
    text = description(context.get("body", "") or "", fallback)
    context["metatags"] = (
        metatags + f'\n<meta name="description" content="{html.escape(text, quote=True)}" />'
    )


_VIEWPORT = re.compile(r'\s*<meta name="viewport"[^>]*>')


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


def build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        fixed = one_viewport(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")

