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


@pytest.fixture(scope="module")
def pages(pdf_file) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf_file), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
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
        if match:
            rows.append((_norm(match.group(1)), int(match.group(2))))
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
