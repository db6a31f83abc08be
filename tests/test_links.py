"""Every internal link in the built site points to an existing page and anchor.

Every ``<a>`` is a link search engines can follow, as Lighthouse's SEO audit
"crawlable-anchors" asks (an ``<a>`` without ``href`` cost the landing page 10 SEO points).

Sphinx's nitpicky mode checks cross-references; this also covers raw HTML, Markdown links, the
theme's navigation and links written by directives. External links are not fetched (no network).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.browser import site_dir

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.uncrawlable: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and not _crawlable(a):
            self.uncrawlable.append(self.get_starttag_text() or "<a>")
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if tag in {"a", "link", "script", "img", "source", "iframe"} and a.get(key):
                self.links.append(a[key])


def _crawlable(attrs: dict[str, str | None]) -> bool:
    """Lighthouse 12's rule (audits/seo/crawlable-anchors.js) for one ``<a>``'s attributes."""
    raw = re.sub(r"\s", "", attrs.get("href") or "")
    if (attrs.get("role") or "").strip() or raw.startswith("mailto:"):
        return True
    if not raw and attrs.get("id"):
        return True
    if raw.startswith("file:"):
        return False
    if (attrs.get("name") or "").strip():
        return True
    return bool(raw) and not re.search(r"javascript:void(\(|)0(\)|)", raw)


@cache
def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    return c


def _html_files() -> list[Path]:
    root = site_dir()
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


def _broken_links(page: Path, root: Path) -> list[str]:
    broken = []
    for link in _parse(page).links:
        parsed = urlparse(link)
        if parsed.scheme in EXTERNAL_SCHEMES or parsed.netloc:
            continue
        target = page if not parsed.path else (page.parent / unquote(parsed.path)).resolve()
        if parsed.path.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            shown = target.relative_to(root) if target.is_relative_to(root) else target
            broken.append(f"{link} (no file {shown})")
            continue
        frag = unquote(parsed.fragment)
        if frag and target.suffix == ".html" and frag not in _parse(target).ids:
            broken.append(f"{link} (no id '{frag}' in {target.relative_to(root)})")
    return broken


def test_site_has_pages(site):
    assert len(_html_files()) > 3, f"no built site in {site}: run make book"


@pytest.mark.parametrize("rel", [str(p.relative_to(site_dir())) for p in _html_files()])
def test_internal_links_resolve(site, rel):
    assert _broken_links(site / rel, site) == []


def test_every_link_of_every_page_is_crawlable(site):
    """No page keeps an ``<a>`` without a followable ``href``, hidden ones included."""
    pages = _html_files()
    assert pages
    found = {
        str(p.relative_to(site)): _parse(p).uncrawlable for p in pages if _parse(p).uncrawlable
    }
    assert found == {}


def test_checker_finds_an_uncrawlable_link(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        '<a data-bestand="x.zip">zip</a><a href="javascript:void(0)">js</a><a href="">leeg</a>'
        '<a href="b.html">b</a><a id="top"></a><a name="oud"></a><a role="button">knop</a>'
    )
    assert len(_parse(page).uncrawlable) == 3


def test_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="c.html">c</a><p id="y"></p>')
    (tmp_path / "b.html").write_text('<p id="z"></p>')
    broken = _broken_links(tmp_path / "a.html", tmp_path)
    assert any("no id 'x'" in b for b in broken)
    assert any("no file c.html" in b for b in broken)
    assert not re.search("a.html", " ".join(broken))
