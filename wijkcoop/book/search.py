"""Dutch site search that finds: one stemmer on both sides, diacritics folded, snippets offline.

Sphinx 7.4 builds ``searchindex.js`` with the Python ``snowballstemmer`` (3.x, the new Dutch
algorithm) but stems the reader's query with the older JavaScript stemmer it ships, so the two
disagree ("gemeente" is ``gemeent`` in the index and ``meen`` in the browser). This extension

* registers a Dutch search language whose index stemmer folds diacritics first
  (``wijkcoöperatie`` and ``wijkcooperatie`` give one stem) and whose browser stemmer is the
  Snowball 3 Dutch stemmer (vendored in ``snowball/``) behind the same folding;
* indexes what Sphinx's indexer misses: the questions of a scan (drawn by JavaScript, so not in
  the page's text; taken from the bank at build time) and the text of notebook tables (Sphinx
  strips the tags of raw HTML without a space, so ``€ 0</td><td>Vrijwilligers`` became the word
  ``0vrijwilligers``) -- as a :class:`search_words` node the HTML writer skips;
* writes ``_static/search-text/<page>.js`` per page: its plain text and where each section
  starts, so the search page shows a snippet for each result without ``fetch()`` (which fails
  from ``file://``), loading only the texts of the pages it shows, as classic scripts;
* loads ``search-nl.js`` on the search page only: one entry per page (its best section), a
  count of pages, snippets from the split texts with the query found with diacritics folded,
  the result count in Dutch (the Dutch catalogue of Sphinx 7.4 leaves that string empty).
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import snowballstemmer
from docutils import nodes
from sphinx.search.nl import SearchDutch

from wijkcoop.book.scan import scan_node

HERE = Path(__file__).parent
SNOWBALL = HERE / "snowball"
#: Folder (in ``_static``) of the page texts, one classic script per page, loaded on demand by
#: the search page.
TEXT_DIR = "search-text"
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
        self._json = False
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
        if tag == "section" and attr.get("id") and not self._skip:
            self.parts.append(f"{_SECTION}{attr['id']}{_SECTION}")
        if tag == "script" and attr.get("type") == "application/json" and not self._skip:
            self._json = True
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
        if self._json:
            # a scan's configuration: its questions are the page's text for the reader
            self._json = False
            self.parts.append(" " + scan_questions_text(data) + " ")
            return
        if self._depth and not self._skip:
            self.parts.append(data)


_SECTION = "\x00"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2  # offsets in JavaScript string units


def _parse(page_html: str) -> tuple[str, dict[str, int]]:
    parser = _TextOf()
    parser.feed(page_html)
    parser.close()
    out, pending = "", []
    sections: dict[str, int] = {}
    for i, piece in enumerate("".join(parser.parts).split(_SECTION)):
        if i % 2:
            pending.append(piece)  # a section id: it starts where the next text starts
            continue
        piece = re.sub(r"\s+", " ", piece)
        if not out or out.endswith(" "):
            piece = piece.lstrip()
        if piece and pending:
            for ident in pending:
                sections.setdefault(ident, _utf16(out))
            pending = []
        out += piece
    out = out.rstrip()
    for ident in pending:
        sections.setdefault(ident, _utf16(out))
    return out, {k: min(v, _utf16(out)) for k, v in sections.items()}


def page_text(page_html: str) -> str:
    """The readable text of a built page's article, whitespace collapsed.

    A scan's questions are included: the page draws them with JavaScript.
    """
    return _parse(page_html)[0]


def page_sections(page_html: str) -> dict[str, int]:
    """Where each section (by its id) starts in :func:`page_text`, in UTF-16 units."""
    return _parse(page_html)[1]


def _statement_texts(item: dict) -> list[str]:
    statement = item.get("statement", "")
    values = statement.values() if isinstance(statement, dict) else [statement]
    return [str(v) for v in values if v]


def scan_questions_text(config_json: str) -> str:
    """The questions of a scan, from its JSON configuration in the page (or '' if none)."""
    try:
        config = json.loads(config_json)
    except ValueError:
        return ""
    bank = config.get("bank") if isinstance(config, dict) else None
    if not isinstance(bank, dict):
        return ""
    short = bool(config.get("short"))
    items = [i for i in bank.get("items", []) if not short or i.get("short")]
    return " ".join(t for item in items for t in _statement_texts(item))


def text_file_name(docname: str) -> str:
    """The page-text script of a page: ``book/wat-is/vormen`` -> ``book--wat-is--vormen.js``."""
    return docname.replace("/", "--") + ".js"


def write_search_text(outdir: Path, docnames: list[str]) -> Path:
    """Write ``_static/search-text/<page>.js`` per page: its text and where its sections start."""
    folder = outdir / "_static" / TEXT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.js"):
        old.unlink()
    (outdir / "_static" / "search-text.js").unlink(missing_ok=True)  # the single file of old
    for doc in sorted(docnames):
        page = outdir / f"{doc}.html"
        if not page.exists():
            continue
        text, sections = _parse(page.read_text(encoding="utf-8"))
        payload = json.dumps({"t": text, "s": sections}, ensure_ascii=False, separators=(",", ":"))
        # "</" cannot close a script element this way even if a page quotes one.
        payload = payload.replace("</", "<\\/")
        key = json.dumps(doc)
        (folder / text_file_name(doc)).write_text(
            f"(window.{TEXT_GLOBAL}=window.{TEXT_GLOBAL}||{{}})[{key}]={payload};\n",
            encoding="utf-8",
        )
    return folder


def read_search_texts(outdir: Path) -> dict[str, dict]:
    """Docname -> {"t": text, "s": sections} from the written page-text scripts (for tests)."""
    out = {}
    for path in sorted((outdir / "_static" / TEXT_DIR).glob("*.js")):
        raw = path.read_text(encoding="utf-8")
        key, _, payload = raw.partition("]=")
        doc = json.loads(key[key.rindex("[") + 1 :])
        out[doc] = json.loads(payload.rstrip().rstrip(";").replace("<\\/", "</"))
    return out


# --- words Sphinx's indexer misses ---------------------------------------------------------------


class search_words(nodes.raw):
    """Words for the search index only: the HTML writer skips this node (see :func:`skip`)."""


def skip(self: Any, node: nodes.Node) -> None:
    """HTML visitor of :class:`search_words`: nothing in the page."""
    raise nodes.SkipNode


_TAG = re.compile(r"<[^<]+?>")
_NOT_TEXT = re.compile(r"<(style|script)\b.*?</\1>", re.I | re.S)


def raw_html_words(raw_html: str) -> str:
    """The text of raw HTML with a space where each tag was (table cells stay apart)."""
    import html as html_lib

    return html_lib.unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", raw_html)))


def index_extra_words(app: Any, doctree: nodes.document, docname: str) -> None:
    """Add the words of notebook tables and scan questions to the page's search index."""
    if app.builder.format != "html":
        return
    extra: list[str] = []
    for node in doctree.findall(nodes.raw):
        if isinstance(node, search_words) or "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        if "<" in text:
            extra.append(raw_html_words(text))
    for node in doctree.findall(scan_node):
        extra.append(scan_questions_text(node.get("config_json", "{}")))
    words = " ".join(w for w in extra if w.strip())
    if words:
        doctree.append(search_words("", words, format="html"))


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


_SEARCH_NL = re.compile(r'\s*<script [^>]*src="[^"]*search-nl\.js[^"]*"[^>]*></script>')
_NOSCRIPT_EN = "Please activate JavaScript to enable the search functionality."
NOSCRIPT_NL = "Zet JavaScript aan om in dit boek te zoeken."


def defer_search_scripts(page_html: str) -> str:
    """The search page: its scripts no longer block the first paint.

    Sphinx writes ``searchtools.js``, ``language_data.js`` and ``searchindex.js`` as blocking
    scripts in the head. They become deferred (same order), with ``search-nl.js`` between the
    language data and the index, so its changes are in place before the index starts the search.
    """
    tag = _SEARCH_NL.search(page_html)
    if tag is None or "searchtools.js" not in page_html:
        return page_html
    out = page_html[: tag.start()] + page_html[tag.end() :]
    for name in ("_static/searchtools.js", "_static/language_data.js"):
        out = out.replace(
            f'<script src="{name}"></script>', f'<script defer src="{name}"></script>'
        )
    index = '<script src="searchindex.js"></script>'
    out = out.replace(
        index, tag.group(0).strip() + '\n  <script defer src="searchindex.js"></script>'
    )
    return out.replace(_NOSCRIPT_EN, NOSCRIPT_NL)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add the search texts and the Dutch search script to the search page only."""
    if pagename == "search":
        app.add_js_file("search-nl.js", loading_method="defer", **{"data-texts": TEXT_DIR})


def build_finished(app: Any, exception: Exception | None) -> None:
    """Write the search texts; drop the search scripts from every page but the search page."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    write_search_text(outdir, sorted(app.env.found_docs))
    for page in outdir.rglob("*.html"):
        if page == outdir / "search.html":
            text = page.read_text(encoding="utf-8")
            page.write_text(defer_search_scripts(text), encoding="utf-8")
            continue
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        light = drop_search_scripts(text)
        if light != text:
            page.write_text(light, encoding="utf-8")
