"""The whole-book PDF (``make pdf``): contents right, fonts embedded, nothing broken.

Reads ``<site>/downloads/samenwerken-aan-de-wijk-<versie>.pdf`` with poppler-utils
(``pdftotext``, ``pdffonts``, ``pdfinfo``; ``.ci/run`` installs them). The assembly itself is
tested without a browser on the built site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from wijkcoop._version import __version__
from wijkcoop.publish import pdf
from wijkcoop.publish.identity import read_site

ROOT = Path(__file__).resolve().parents[1]
TOC = ROOT / "_toc.yml"
#: What a 2026 edition weighs: about 180 A4 pages and 4 MB. Outside this band something is
#: missing (a part not assembled) or broken (pages duplicated, images as bitmaps).
PAGES = (120, 320)
MEGABYTES = (1.0, 20.0)


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: apt-get install -y poppler-utils (.ci/run does this)")
    return path


@pytest.fixture(scope="module")
def pdf_file(site) -> Path:
    path = site / "downloads" / read_site(site).file_name(".pdf")
    if not path.exists():
        pytest.fail(f"no PDF at {path}: run 'make pdf' (make test does this)")
    return path


def _pdftotext(pdf_file: Path, mode: str) -> str:
    return subprocess.run(
        [_poppler("pdftotext"), mode, str(pdf_file), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def pages(pdf_file) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    out = _pdftotext(pdf_file, "-layout")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def titles(site) -> list[str]:
    """Every page title of the book in _toc.yml order, as the built site shows it."""
    out = []
    for entry in pdf.toc_entries(TOC):
        soup = BeautifulSoup((site / f"{entry.docname}.html").read_text("utf-8"), "html.parser")
        h1 = soup.select_one("article.bd-article h1")
        out.append(_norm(h1.get_text(" ", strip=True).replace("#", "")))
    return out


def _rows(text: str) -> list[tuple[str, int]]:
    rows = []
    for line in text.splitlines():
        match = re.match(r"^\s*(\S.*?[^\W\d].*?)\s{2,}(\d+)\s*$", line)
        if match:  # without the chapter or section number ("3.2 Vormen" -> "Vormen")
            title = re.sub(r"^\d+(\.\d+)?\s+", "", _norm(match.group(1)))
            rows.append((title, int(match.group(2))))
    return rows


def _contents_pages(pages: list[str]) -> list[int]:
    """Indexes of the contents pages: from the page headed "Inhoud" while pages list rows."""
    start = next(i for i, p in enumerate(pages[:6]) if re.search(r"^\s*Inhoud\s*$", p, re.M))
    end = start + 1
    while (
        end < len(pages)
        and _rows(pages[end])
        and not re.search(r"^\s*\S", pages[end].split("\n", 2)[-1][:0])
    ):
        if len(_rows(pages[end])) < 3:
            break
        end += 1
    return list(range(start, end))


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page number) from the contents pages."""
    return [row for i in _contents_pages(pages) for row in _rows(pages[i])]


def test_every_title_in_the_contents_with_the_right_page(pages, titles):
    contents = _contents(pages)
    listed = [t for t, _ in contents]
    assert listed == titles, "contents differ from _toc.yml order"
    for title, number in contents:
        body = _norm(pages[number - 1])
        assert title in body, f"contents say {title!r} is on page {number}, it is not there"


def test_chapter_titles_appear_in_toc_order(pages, titles):
    text = _norm(" ".join(pages[_contents_pages(pages)[-1] + 1 :]))
    position = 0
    for title in titles:
        found = text.find(title, position)
        assert found >= 0, f"{title!r} missing or out of order in the PDF"
        position = found + len(title)


def test_cover_names_edition_date_licence_and_citation(pages, site):
    cover = _norm(pages[0])
    me = read_site(site)
    if me.edition:
        assert f"Editie {__version__}" in cover
    else:  # a development build's PDF never poses as the edition it follows
        assert f"Ontwikkelversie na {__version__} · commit {me.commit}" in cover
        assert f"Editie {__version__}" not in cover
        assert f"editie {__version__}," not in cover
    assert re.search(r"\d{4}-\d{2}-\d{2}", cover)
    assert "CC BY 4.0" in cover
    assert "citeer" in cover


def test_running_headers_and_page_numbers(pages, titles):
    # A page in the middle of a chapter carries the book title, the chapter and its number.
    with_number = sum(
        1 for i, p in enumerate(pages[2:], start=3) if re.search(rf"(^|\n)\s*{i}\s*$", p.rstrip())
    )
    assert with_number >= 0.9 * (len(pages) - 2)
    assert sum("Samenwerken aan de wijk" in p.split("\n", 1)[0] for p in pages[2:]) >= 0.9 * (
        len(pages) - 2
    )
    assert any(titles[5] in p.split("\n", 1)[0] for p in pages), (
        "no running header with a chapter title"
    )


def test_all_fonts_embedded(pdf_file):
    out = subprocess.run(
        [_poppler("pdffonts"), str(pdf_file)], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bNaN\b",
        r"\bundefined\b",
        r"Traceback \(most recent call last\)",
        r"\{[a-z][a-z:-]+\}`",  # a MyST role left raw: {term}`...`
        r"```",  # a directive fence left raw
        r"\bnull\b",
    ],
)
def test_no_broken_output_in_the_text(pages, pattern):
    hits = [(i + 1, m.group(0)) for i, p in enumerate(pages) for m in re.finditer(pattern, p)]
    assert not hits, hits[:5]


def test_size_and_page_count_in_band(pdf_file, pages):
    assert PAGES[0] <= len(pages) <= PAGES[1]
    megabytes = pdf_file.stat().st_size / 1e6
    assert MEGABYTES[0] <= megabytes <= MEGABYTES[1]


def test_charts_are_vector_with_text_and_scans_are_paper_forms(site, tmp_path):
    document = pdf.assemble(site, TOC, tmp_path)
    soup = BeautifulSoup(document.read_text("utf-8"), "html.parser")
    assert not soup.select("div.wijkcoop-vega"), "a chart was not converted"
    figures = soup.select("figure.pdf-grafiek")
    assert figures
    assert all(f.find("svg") and f.figcaption.get_text(strip=True) for f in figures)
    assert not soup.select("[data-wijkcoop-scan]")
    assert len(soup.select("table.pdf-form-tabel")) >= 3
    assert not soup.find_all("script"), "scripts left in the print document"


def test_internal_links_resolve_and_ids_are_unique(site, tmp_path):
    soup = BeautifulSoup(pdf.assemble(site, TOC, tmp_path).read_text("utf-8"), "html.parser")
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    broken = [
        a["href"]
        for a in soup.find_all("a", href=True)
        if a["href"].startswith("#") and a["href"][1:] not in ids
    ]
    assert not broken, broken[:10]
    external = [
        a
        for a in soup.find_all("a", href=True)
        if not a["href"].startswith(("#", "http", "mailto:"))
    ]
    assert not external, [a["href"] for a in external[:5]]


def test_paper_form_from_the_bank_numbers_every_item():
    from wijkcoop.scan import load_bank

    bank = load_bank("duurzaamheidsscan")
    form = BeautifulSoup(pdf.paper_form_html(bank), "html.parser")
    numbers = [int(tr.td.get_text()) for tr in form.select("tbody tr")]
    assert numbers == list(range(1, len(bank.items_for(None, False)) + 1))
    short = BeautifulSoup(pdf.paper_form_html(bank, short=True), "html.parser")
    assert len(short.select("tbody tr")) == len(bank.items_for(None, True))


def test_a_page_without_article_is_refused(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    with pytest.raises(ValueError, match="bd-article"):
        pdf._Page(pdf.TocEntry("book/index", 0, None), tmp_path, {"book/index"}, tmp_path)


# --- Issue 22: a PDF that reads as a typeset book --------------------------------------------
@pytest.fixture(scope="module")
def layout(pdf_file, site) -> dict:  # noqa: ARG001  (pdf_file: the report comes with it)
    """The layout report ``render_pdf`` measured in the browser when it printed the PDF."""
    import json

    path = site.parent / "pdf" / pdf.LAYOUT_REPORT  # re-exported from pdfprint
    if not path.exists():
        pytest.fail(f"no layout report at {path}: run 'make pdf'")
    return json.loads(path.read_text("utf-8"))


@pytest.mark.site
def test_layout_report_describes_this_pdf(layout, pages):
    assert [p["number"] for p in layout["pages"]] == list(range(1, len(pages) + 1))
    kinds = [p["kind"] for p in layout["pages"]]
    assert kinds[0] == "omslag"
    assert kinds.count("deel") == len(yaml.safe_load(TOC.read_text("utf-8"))["parts"])


@pytest.mark.site
def test_nothing_runs_past_the_page(layout):
    """No table, code block, figure or chart is wider or taller than the page's text area."""
    assert not layout["overflows"], layout["overflows"][:5]


@pytest.mark.site
def test_no_page_ends_on_a_heading(layout):
    """No heading, glossary term, form heading, caption or lone table header at a page's foot."""
    assert not layout["orphans"], layout["orphans"][:5]


@pytest.mark.site
def test_no_nearly_empty_pages(layout):
    """Every page but the cover and the part title pages has 200 characters or more."""
    assert pdf.MIN_PAGE_CHARS == 200
    assert {"omslag", "deel"} == pdf.SHORT_PAGE_KINDS
    short = pdf.short_pages(layout)
    assert not short, short[:5]


@pytest.mark.site
def test_every_cross_reference_prints_the_right_page(layout):
    refs = layout["references"]
    assert len(refs) >= 50, "cross-references lost their page numbers"
    wrong = [r for r in refs if r["printed"] is None or r["printed"] != r["target_page"]]
    assert not wrong, wrong[:5]


@pytest.mark.site
def test_cross_references_read_zie_number_page(pages):
    text = _norm(" ".join(pages))
    assert re.search(r"\(zie \d+\.\d+, p\. \d+\)", text), "no '(zie 4.2, p. 88)' in the text"
    assert not re.search(r"\(\(zie", text), "a cross-reference nested in brackets"
    assert not re.search(r"\(zie [^()]{0,80}\(zie", text), "'zie' twice in one reference"
    assert not re.search(r"p\. (888|0)\)", text), "a page number left unresolved"


@pytest.mark.site
@pytest.mark.parametrize(
    "phrase", ["Klik op je rol", "met Tab ga je naar de volgende vraag", "meer lezen"]
)
def test_screen_instructions_left_out_of_print(pages, phrase):
    hits = [i + 1 for i, p in enumerate(pages) if phrase.lower() in _norm(p).lower()]
    assert not hits, f"{phrase!r} on page(s) {hits}"


@pytest.mark.site
@pytest.mark.parametrize("pattern", [r"Warning\b", r"\{['‘]", r"/tmp/", r"ipykernel_"])
def test_no_notebook_leftovers_in_the_text(pages, pattern):
    hits = [(i + 1, m.group(0)) for i, p in enumerate(pages) for m in re.finditer(pattern, p)]
    assert not hits, hits[:5]


@pytest.mark.site
def test_no_pandas_index_column(site, tmp_path):
    """A notebook table shows Dutch column labels and no index column 0, 1, 2, …"""
    soup = BeautifulSoup(pdf.assemble(site, TOC, tmp_path).read_text("utf-8"), "html.parser")
    raw = []
    for table in soup.select(".cell_output table"):
        heads = [th.get_text(strip=True) for th in table.select("tbody tr > th:first-child")]
        if len(heads) >= 2 and heads[:2] == ["0", "1"]:
            raw.append(table.find_parent(class_="pdf-page")["id"])
    assert not raw, raw


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.replace("\u00ad", "")).lower()


@pytest.mark.site
def test_no_table_cell_cut_short(site, tmp_path, pdf_file):
    """Every table cell's text in the assembled book is in the PDF's text, whole."""
    soup = BeautifulSoup(pdf.assemble(site, TOC, tmp_path).read_text("utf-8"), "html.parser")
    for added in soup.select(".pdf-zie"):  # "(zie 4.2, p. 88)": its number is set in print
        added.replace_with("\x00")
    out = _pdftotext(pdf_file, "-raw")
    # Words broken over lines get a hyphen: drop line-end hyphens before comparing.
    text = _squash(re.sub(r"[-\u2010\u2011]\n", "", out))
    cells = {
        _squash(piece)
        for c in soup.select("table td, table th")
        for piece in c.get_text(" ", strip=True).split("\x00")
    }
    missing = sorted(c for c in cells if len(c) >= 4 and c not in text)
    assert not missing, missing[:10]


@pytest.mark.site
def test_document_info_is_complete(pdf_file):
    from wijkcoop.citation import SUBTITLE

    out = subprocess.run(
        [_poppler("pdfinfo"), str(pdf_file)], check=True, capture_output=True, text=True
    ).stdout
    info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    author = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["author"]
    assert info["Title"].strip().startswith(pdf.BOOK_TITLE)
    assert info["Author"].strip() == author
    assert info["Subject"].strip() == SUBTITLE
    assert "wijkcoöperatie" in info["Keywords"]


@pytest.mark.site
def test_bibliography_author_year_each_doi_once(site, tmp_path):
    soup = BeautifulSoup(pdf.assemble(site, TOC, tmp_path).read_text("utf-8"), "html.parser")
    entries = soup.select(".citation")
    assert entries
    doi_links = [a for e in entries for a in e.select("a[href*='doi.org']")]
    assert doi_links
    assert not [a for a in doi_links if "pdf-extern" in (a.get("class") or [])], (
        "a DOI link would print its address a second time"
    )
    css = pdf.CSS_FILE.read_text("utf-8")
    assert ".citation .label { display: none; }" in css


def test_numbers_chapters_through_parts_and_sections():
    entries = pdf.toc_entries(TOC)
    numbering = pdf.numbers(entries)
    assert numbering[entries[0].docname] == ""
    chapters = [numbering[e.docname] for e in entries if e.level == 1]
    assert chapters == [str(i) for i in range(1, len(chapters) + 1)]
    first_section = next(i for i, e in enumerate(entries) if e.level == 2)
    assert numbering[entries[first_section].docname].endswith(".1")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("178.426", True),
        ("€ 178.426", True),
        ("2,12 : 1", True),
        ("45%", True),
        ("-3,5", True),
        ("verschil_getoond", False),
        ("kan iemand helpen", False),
        ("", False),
    ],
)
def test_is_number_classifies_cells(text, number):
    assert pdf.is_number(text) is number


@pytest.mark.parametrize(
    ("text", "href", "shows"),
    [
        ("doi:10.1016/j.x.2011.11.001", "https://doi.org/10.1016/j.x.2011.11.001", True),
        ("https://example.org/a/", "https://example.org/a", True),
        ("de website van de gemeente", "https://www.rotterdam.nl", False),
    ],
)
def test_shows_url(text, href, shows):
    assert pdf._shows_url(text, href) is shows


def _mini_site(root: Path, body: str) -> None:
    for name, text in (("a", body), ("b", '<h1>B</h1><p id="x">doel</p>')):
        (root / "book").mkdir(exist_ok=True)
        (root / "book" / f"{name}.html").write_text(
            f'<html><body><article class="bd-article">{text}</article></body></html>', "utf-8"
        )


def test_cross_references_glossary_and_citations(tmp_path):
    _mini_site(
        tmp_path,
        '<h1>A</h1><p><a href="b.html#x">het doel</a> en (<a href="b.html">meer lezen</a>)'
        ' en <a href="naslag/begrippen.html#term-y"><span class="std-term">y</span></a>'
        ' en <span class="bibtex-citation">(<a href="b.html#id2">Karré, 2019</a>)</span>'
        ' (zie <a href="b.html">B</a>).</p>'
        '<p class="alleen-scherm">Klik hier</p>',
    )
    docs = {"book/a", "book/b", "book/naslag/begrippen"}
    page = pdf._Page(pdf.TocEntry("book/a", 1, None), tmp_path, docs, tmp_path, {"book/b": "1.2"})
    section = page.rewrite()
    text = " ".join(section.get_text().split())
    refs = section.select("a.pdf-verwijzing")
    assert len(refs) == 3
    assert refs[0]["href"] == "#p-book-b--x"
    assert [p["data-href"] for p in section.select("span.pdf-p")] == [
        "#p-book-b--x",
        "#p-book-b--titel",
        "#p-book-b--titel",
    ]
    assert "het doel (zie 1.2, p. )" in text  # the page number comes from target-counter
    assert "en (zie 1.2, p. ) en" in text  # "(meer lezen)" says where, without nesting
    assert "(zie B, 1.2, p. )." in text  # after "zie" in the text: no second "zie"
    assert "meer lezen" not in text
    assert "Klik hier" not in text
    assert "Karré, 2019" in text
    assert len(section.select("a[href]")) == 5  # glossary term and citation kept, unchanged
    assert not section.select(".std-term")[0].find_parent("a").select(".pdf-zie")


def test_a_chapter_whose_last_page_is_short_is_set_tighter():
    entries = pdf.toc_entries(TOC)
    at = next(i for i, e in enumerate(entries) if e.level == 2)
    section = entries[at]
    chapter = next(e for e in reversed(entries[:at]) if e.level == 1)
    report = {
        "pages": [
            {"number": 1, "kind": "omslag", "chars": 50, "sections": []},
            {"number": 2, "kind": "deel", "chars": 12, "sections": []},
            {
                "number": 3,
                "kind": "tekst",
                "chars": 3000,
                "sections": [pdf.page_id(chapter.docname)],
            },
            {
                "number": 4,
                "kind": "tekst",
                "chars": 120,
                "sections": [pdf.page_id(section.docname)],
            },
        ]
    }
    assert [p["number"] for p in pdf.short_pages(report)] == [4]
    assert pdf.to_tighten(report, entries) == {chapter.docname}
    report["pages"][3]["chars"] = 200
    assert pdf.to_tighten(report, entries) == frozenset()
