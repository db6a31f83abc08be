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
    defer_search_scripts,
    drop_search_scripts,
    fold,
    page_sections,
    page_text,
    raw_html_words,
    read_search_texts,
    scan_questions_text,
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


def test_table_cells_stay_apart_in_the_index():
    """Sphinx strips the tags of raw HTML without a space: '0Vrijwilligers' was one word."""
    words = raw_html_words("<tr><td>€ 0</td></tr><tr><td>Vrijwilligers</td><style>td{}</style>")
    assert words.split() == ["€", "0", "Vrijwilligers"]


def test_scan_questions_are_text_for_the_index_and_the_snippets():
    config = {
        "short": True,
        "bank": {
            "items": [
                {"statement": "Wij hebben genoeg vrijwilligers.", "short": True},
                {"statement": "Alleen in de volledige scan.", "short": False},
                {
                    "statement": {
                        "wijk": "Wij vertrouwen de gemeente.",
                        "gemeente": "Wij de wijk.",
                    },
                    "short": True,
                },
            ]
        },
    }
    text = scan_questions_text(json.dumps(config))
    assert "genoeg vrijwilligers" in text
    assert "vertrouwen de gemeente" in text
    assert "volledige" not in text  # the short scan shows only its own questions
    assert scan_questions_text("not json") == ""
    page = (
        "<article class='bd-article'><h1>Scan</h1><div class='wijkcoop-scan'>"
        f"<script type='application/json'>{json.dumps(config)}</script></div></article>"
    )
    assert "genoeg vrijwilligers" in page_text(page)


def test_sections_start_where_their_text_starts():
    html = (
        "<article class='bd-article'><section id='a'><h1>Één</h1><p>Eerste tekst.</p>"
        "<section id='b'><h2>Twee</h2><p>Tweede tekst.</p></section></section></article>"
    )
    text, sections = page_text(html), page_sections(html)
    assert text.startswith("Één")
    assert text[sections["b"] :].startswith("Twee Tweede tekst.")
    assert sections["a"] == 0


def test_search_page_scripts_are_deferred_with_the_dutch_search_before_the_index():
    head = (
        '<script data-texts="search-text" defer="defer" src="_static/search-nl.js?v=1"></script>\n'
        '  <script src="_static/searchtools.js"></script>\n'
        '  <script src="_static/language_data.js"></script>\n'
        '  <script src="searchindex.js"></script>\n'
        "<p>Please activate JavaScript to enable the search functionality.</p>"
    )
    out = defer_search_scripts(head)
    order = [
        out.index(n)
        for n in ("searchtools.js", "language_data.js", "search-nl.js", "searchindex.js")
    ]
    assert order == sorted(order)
    assert out.count("<script defer") == 3
    assert 'defer="defer" src="_static/search-nl.js' in out
    assert "Zet JavaScript aan" in out


def test_glossary_has_terms():
    terms = glossary_terms()
    assert "wijkcoöperatie" in terms
    assert len(terms) >= 10


# --- browser ---------------------------------------------------------------------------------


def _texts(site: Path) -> dict[str, str]:
    return {doc: page["t"] for doc, page in read_search_texts(site).items()}


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
    links = page.eval_on_selector_all(
        "#search-results li > a", "as => as.map(a => a.getAttribute('href').split('#')[0])"
    )
    assert len(links) == count, "the count counts pages"
    assert len(set(links)) == len(links), "a page is listed once"
    _scroll_through(page)
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


FILLED_JS = (
    "() => Array.from(document.querySelectorAll('#search-results li p.context'))"
    ".filter((p) => p.textContent.length > 0).length"
)


def _scroll_through(page) -> None:
    """Scroll down the results as a reader does: the snippets further down load on the way."""
    n = page.locator("#search-results li").count()
    for step in range(1, 40):
        page.evaluate("s => window.scrollTo(0, s * window.innerHeight)", step)
        page.wait_for_timeout(60)
        if page.evaluate(FILLED_JS) >= n:
            break
    page.wait_for_function(f"n => ({FILLED_JS})() >= n", arg=n)


def _search(page, base: str, query: str) -> list[str]:
    """Search as a reader does; the pages listed (once each), after the search finished."""
    page.goto(f"{base}/search.html?q={query}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results p.search-summary');"
        " return s && s.innerText.length > 0 && !/^Zoeken/.test(s.innerText); }",
        timeout=30_000,
    )
    page.wait_for_timeout(300)  # snippets arrive after the list
    return page.eval_on_selector_all(
        "#search-results li > a", "as => as.map(a => a.getAttribute('href').split('#')[0])"
    )


@pytest.mark.site
@pytest.mark.browser
def test_words_drawn_by_scripts_are_found(browser, base):
    """Issue 20.7: a notebook table's word and a scan's question were not in the index."""
    from wijkcoop.scan import load_bank

    page = browser.new_page()
    log = watch(page)
    assert "notebooks/impact-6-verantwoording.html" in _search(page, base, "Vrijwilligers")
    statement = load_bank("duurzaamheidsscan").raw["items"][1]["statement"]
    found = _search(page, base, statement.rstrip("."))
    assert "book/scan/index.html" in found, (statement, found)
    page.close()
    assert log.problems() == []


CLS_JS = """() => new Promise((resolve) => {
  let cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(cls), 300);
})"""


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_results_arrive_without_moving_the_page(browser, base, width):
    """Results and snippets fill space kept for them (issue 23: CLS was 0,108)."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    links = _search(page, base, "wijkcooperatie")
    first = [r for r in requests if "/search-text/" in r]
    assert first, "the snippets come from the page texts"
    assert len(first) < len(links), "only the first results' texts load with the list"
    _scroll_through(page)
    cls = page.evaluate(CLS_JS)
    page.close()
    assert cls <= 0.02, cls
    texts = [r for r in requests if "/search-text/" in r]
    assert len(texts) <= len(links), "only the texts of the pages found are loaded"
    assert not any(r.endswith("search-text.js") for r in requests)
