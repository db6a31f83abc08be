"""Site search finds the book's own words: one stemmer on both sides, diacritics folded.

Unit tests for wijkcoop.book.search, and browser tests against the built site (over http and
from file://) that compute recall for every glossary term: of the pages whose text contains the
term, how many does the search page's own search code return.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser import serve, watch
from wijkcoop.book.search import (
    SearchDutchFolded,
    drop_search_scripts,
    fold,
    page_text,
)

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "book" / "naslag" / "begrippen.md"
MIN_RECALL = 0.95


def glossary_terms() -> list[str]:
    """The terms of the {glossary} directive in the glossary page, as written there."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S)
    assert block, "no {glossary} block in begrippen.md"
    terms = []
    for line in block.group(1).splitlines():
        if line and not line.startswith((" ", ":")):
            terms.append(line.strip())
    return terms


# --- unit ------------------------------------------------------------------------------------


def test_fold_removes_diacritics_and_case():
    assert fold("Wijkcoöperatie") == "wijkcooperatie"
    assert fold("café") == "cafe"
    assert fold("ideeën") == "ideeen"


def test_index_stems_alike_with_and_without_diacritics():
    lang = SearchDutchFolded({})
    assert lang.stem("wijkcoöperatie") == lang.stem("wijkcooperatie")
    assert lang.stem("Coöperaties") == lang.stem("cooperatie")
    assert lang.stem("gemeente") == lang.stem("gemeenten")


def test_language_data_defines_the_folding_stemmer():
    code = SearchDutchFolded({}).js_stemmer_code
    assert "var DutchStemmer" in code
    assert "Snowball 3" in (ROOT / "wijkcoop/book/snowball/README.md").read_text(encoding="utf-8")
    assert "var Stemmer=function(){var s=new DutchStemmer();" in code


def test_page_text_skips_scripts_and_heading_links():
    html = (
        "<html><nav>menu</nav><article class='bd-article'><h1>Titel"
        "<a class='headerlink' href='#t'>#</a></h1><p>Een <b>wijk</b>coöperatie.</p>"
        "<script>var x = 1;</script><style>p{}</style></article><footer>voet</footer></html>"
    )
    assert page_text(html) == "Titel Een wijkcoöperatie."


def test_search_scripts_leave_every_page_but_the_search_page():
    head = (
        '<script src="../_static/searchtools.js"></script>\n'
        '    <script src="../_static/language_data.js"></script>\n'
        '    <script src="../searchindex.js"></script>\n<meta name="x">'
    )
    assert drop_search_scripts(head) == '\n<meta name="x">'


def test_glossary_has_terms():
    terms = glossary_terms()
    assert "wijkcoöperatie" in terms
    assert len(terms) >= 10


# --- browser ---------------------------------------------------------------------------------


def _texts(site: Path) -> dict[str, str]:
    raw = (site / "_static" / "search-text.js").read_text(encoding="utf-8")
    return json.loads(raw[raw.index("=") + 1 : raw.rindex(";")].replace("<\\/", "</"))


def _pages_containing(texts: dict[str, str], term: str) -> set[str]:
    pattern = re.compile(r"(?<!\w)" + re.escape(fold(term)) + r"(?!\w)")
    return {doc for doc, text in texts.items() if pattern.search(fold(text))}


SEARCH_JS = """
(terms) => terms.map((t) => {
  const docs = Search._performSearch(...Search._parseQuery(t)).map((r) => r[0]);
  return [t, [...new Set(docs)]];
})
"""


def _recall(page, texts: dict[str, str], terms: list[str]) -> tuple[float, list[str]]:
    page.wait_for_function("typeof Search !== 'undefined' && Search.hasIndex()")
    found = dict(page.evaluate(SEARCH_JS, terms))
    hit = total = 0
    misses = []
    for term in terms:
        want = _pages_containing(texts, term)
        got = want & set(found[term])
        hit += len(got)
        total += len(want)
        misses += [f"{term}: {doc}" for doc in sorted(want - got)]
    assert total > 0
    return hit / total, misses


@pytest.fixture(scope="module", params=["http", "file"])
def base(request, site):
    if not (site / "search.html").exists():
        pytest.fail(f"no built site in {site}: run `make book` first")
    if request.param == "file":
        yield site.as_uri()
    else:
        with serve(site) as url:
            yield url


@pytest.mark.browser
@pytest.mark.parametrize("diacritics", [True, False], ids=["met-accenten", "zonder-accenten"])
def test_glossary_terms_find_the_pages_that_contain_them(browser, base, site, diacritics):
    texts = _texts(site)
    terms = glossary_terms()
    queries = terms if diacritics else [fold(t) for t in terms]
    page = browser.new_page()
    log = watch(page)
    page.goto(f"{base}/search.html")
    recall, misses = _recall(page, texts, queries)
    page.close()
    assert recall >= MIN_RECALL, f"recall {recall:.1%}; missed: {misses[:20]}"
    assert log.problems() == []


@pytest.mark.browser
def test_browser_stemmer_matches_the_index_stemmer(browser, base, site):
    texts = _texts(site)
    words = sorted({w for text in texts.values() for w in re.findall(r"\w+", text.lower())})
    lang = SearchDutchFolded({})
    page = browser.new_page()
    page.goto(f"{base}/search.html")
    page.wait_for_function("typeof Stemmer !== 'undefined'")
    js = page.evaluate(
        "(ws) => { const s = new Stemmer(); return ws.map((w) => s.stemWord(w)); }", words
    )
    page.close()
    differ = [(w, lang.stem(w), j) for w, j in zip(words, js, strict=True) if lang.stem(w) != j]
    assert len(words) > 1000
    assert differ == []


@pytest.mark.browser
def test_reader_search_shows_dutch_count_and_snippets(browser, base):
    page = browser.new_page()
    log = watch(page)
    page.goto(f"{base}/search.html?q=wijkcooperatie")
    status = page.locator("#search-results .search-summary, #search-results p").first
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results p.search-summary');"
        " return s && /gevonden/.test(s.innerText); }",
        timeout=30_000,
    )
    summary = status.inner_text()
    count = int(re.search(r"(\d+) pagina", summary).group(1))
    assert count >= 10, summary
    snippets = page.locator("#search-results li p.context").all_inner_texts()
    assert len(snippets) == page.locator("#search-results li").count()
    assert sum("wijkcoöperatie" in s.lower() for s in snippets) >= count * 0.8
    page.close()
    assert log.problems() == []


def test_search_index_only_on_the_search_page(site):
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    with_index = [
        str(p.relative_to(site))
        for p in pages
        if "searchindex.js" in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert with_index == ["search.html"]
