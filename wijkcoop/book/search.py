"""Dutch site search that finds: one stemmer on both sides, diacritics folded, snippets offline.

Sphinx 7.4 builds ``searchindex.js`` with the Python ``snowballstemmer`` (3.x, the new Dutch
algorithm) but stems the reader's query with the older JavaScript stemmer it ships, so the two
disagree ("gemeente" is ``gemeent`` in the index and ``meen`` in the browser). This extension

* registers a Dutch search language whose index stemmer folds diacritics first
  (``wijkcoöperatie`` and ``wijkcooperatie`` give one stem) and whose browser stemmer is the
  Snowball 3 Dutch stemmer (vendored in ``snowball/``) behind the same folding;
* writes ``_static/search-text.js``: the plain text of every page, so the search page shows a
  snippet for each result without ``fetch()`` (which fails from ``file://``);
* loads ``search-nl.js`` on the search page only: it answers the snippet requests from that
  text, finds the query in the snippet with diacritics folded, and gives the result count in
  Dutch (the Dutch catalogue of Sphinx 7.4 leaves that string empty).
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import snowballstemmer
from sphinx.search.nl import SearchDutch

HERE = Path(__file__).parent
SNOWBALL = HERE / "snowball"
#: Written next to searchindex.js's helpers; loaded by the search page only.
TEXT_FILE = "search-text.js"
TEXT_GLOBAL = "WIJKCOOP_SEARCH_TEXT"

#: The browser side of ``fold``: lower case, decompose, drop the combining marks, recompose.
JS_FOLD = (
    "function wijkcoopFold(w){return w.toLowerCase().normalize('NFD')"
    ".replace(/\\p{Mn}/gu,'').normalize('NFC');}"
)


def fold(word: str) -> str:
    """Lower case without diacritics: ``Wijkcoöperatie`` -> ``wijkcooperatie``.

    Mirrors ``wijkcoopFold`` in the browser (NFD, drop non-spacing marks, NFC).
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare)


def js_stemmer_code() -> str:
    """The JavaScript that defines ``Stemmer`` in ``language_data.js``."""
    base = (SNOWBALL / "base-stemmer.js").read_text(encoding="utf-8")
    dutch = (SNOWBALL / "dutch-stemmer.js").read_text(encoding="utf-8")
    wrapper = (
        JS_FOLD
        + "\nvar Stemmer=function(){var s=new DutchStemmer();"
        + "this.stemWord=function(w){return s.stemWord(wijkcoopFold(w));};};"
    )
    return f"{base}\n{dutch}\n{wrapper}\n"


class SearchDutchFolded(SearchDutch):
    """Sphinx's Dutch search language with diacritics folded and a matching browser stemmer."""

    js_stemmer_rawcode = ""  # no separate files: the code is inlined in language_data.js

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        """The browser stemmer (diacritics folded, then the Dutch Snowball stemmer)."""
        return js_stemmer_code()

    def init(self, options: dict) -> None:
        """Create the Python Snowball stemmer for Dutch."""
        self.stemmer = snowballstemmer.stemmer("dutch")

    def stem(self, word: str) -> str:
        """The stem of ``word`` after folding diacritics."""
        return self.stemmer.stemWord(fold(word))


class _TextOf(HTMLParser):
    """Text of the page's article, without scripts, styles and heading anchors."""

    SKIP = frozenset({"script", "style", "template"})
    #: Elements that separate words; inline ones (b, a, span) do not.
    BLOCK = frozenset({
        "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "br", "div",
        "section", "article", "tr", "table", "pre", "blockquote", "figcaption", "ul", "ol",
    })  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._depth = 0  # inside the article
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        if self._depth == 0:
            if tag == "article" and "bd-article" in (attr.get("class") or ""):
                self._depth = 1
            return
        if tag == "article":
            self._depth += 1
        skipped = self._skip or tag in self.SKIP or "headerlink" in (attr.get("class") or "")
        if skipped and tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self._skip.append(tag)
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return
        if self._skip:
            if self._skip[-1] == tag:
                self._skip.pop()
            return
        if tag == "article":
            self._depth -= 1
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self.parts.append(data)


def page_text(page_html: str) -> str:
    """The readable text of a built page's article, whitespace collapsed."""
    parser = _TextOf()
    parser.feed(page_html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def write_search_text(outdir: Path, docnames: list[str]) -> Path:
    """Write ``_static/search-text.js`` with the text of every page, keyed by docname."""
    texts = {}
    for doc in sorted(docnames):
        page = outdir / f"{doc}.html"
        if page.exists():
            texts[doc] = page_text(page.read_text(encoding="utf-8"))
    target = outdir / "_static" / TEXT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
    # "</" cannot close a script element this way even if a page quotes one.
    payload = payload.replace("</", "<\\/")
    target.write_text(f"window.{TEXT_GLOBAL}={payload};\n", encoding="utf-8")
    return target


#: The three scripts pydata-sphinx-theme puts in every page's head for search-as-you-type,
#: which this book does not use; only the search page keeps them.
_SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*_static/searchtools\.js"></script>'
    r'\s*<script src="[^"]*_static/language_data\.js"></script>'
    r'\s*<script src="[^"]*searchindex\.js"></script>'
)


def drop_search_scripts(page_html: str) -> str:
    """Remove the search index and tools from a page that is not the search page."""
    return _SEARCH_SCRIPTS.sub("", page_html, count=1)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add the search texts and the Dutch search script to the search page only."""
    if pagename == "search":
        app.add_js_file(TEXT_FILE, loading_method="defer")
        app.add_js_file("search-nl.js", loading_method="defer")


def build_finished(app: Any, exception: Exception | None) -> None:
    """Write the search texts; drop the search scripts from every page but the search page."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    write_search_text(outdir, sorted(app.env.found_docs))
    for page in outdir.rglob("*.html"):
        if page == outdir / "search.html" or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        light = drop_search_scripts(text)
        if light != text:
            page.write_text(light, encoding="utf-8")
