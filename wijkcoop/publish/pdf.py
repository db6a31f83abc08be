"""The whole book as one PDF (``make pdf``), assembled from the built HTML site.

The built site (``_build/html``) is the single source: this module takes the article of every
page in ``_toc.yml`` order, makes its ids and links unique within one document, prints each
chart's SVG (drawn at build time by ``vl-convert``, see :mod:`wijkcoop.charts`) with its text
alternative as a caption, turns the interactive scans into paper forms generated from
their question bank, and adds a cover and a table of contents. Chromium (Playwright, Debian's
browser) then lays the document out with Paged.js (page-numbered contents, running headers,
page numbers) and prints it to A4.

The HTML assembly needs only BeautifulSoup (a dependency of the theme) and is tested without a
browser; printing it (:mod:`wijkcoop.publish.pdfprint`) needs Playwright and Chromium.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

from wijkcoop.citation import SUBTITLE
from wijkcoop.publish.downloads import settle
from wijkcoop.publish.identity import Identity, read_site
from wijkcoop.publish.pdfprint import BOOK_TITLE, LAYOUT_REPORT, document_info, render_pdf
from wijkcoop.scan.bank import Bank
from wijkcoop.scan.bank import check as check_bank
from wijkcoop.scan.paper import PaperForm, PaperRow, paper_form

#: An edition's PDF (a development build's is named by :meth:`Identity.file_name`).
PDF_NAME = "samenwerken-aan-de-wijk-{version}.pdf"
CHART_CLASS = "wijkcoop-vega"  # a chart, drawn as SVG at build time (wijkcoop.charts)
LIVE_CLASS = "wijkcoop-vega-live"  # its wrapper when it has sliders (left out of the print)
#: Where ``make pdf`` installs Paged.js (``tools/pdf/package.json``, pinned with its lock file).
PAGED_POLYFILL = Path("tools/pdf/node_modules/pagedjs/dist/paged.polyfill.js")
CSS_FILE = Path(__file__).with_suffix(".css")
#: Paged.js handlers (headings kept with what follows, repeated table headers) and the layout
#: report that :func:`render_pdf` writes next to the assembled document (``layout.json``).
JS_FILE = Path(__file__).with_suffix(".js")
#: The id suffix of a page's title (``p-book-x--titel``): what contents and page links point at.
TITLE_ID = "titel"
#: The bibliography: links to it are citations (author, year), not cross-references.
BIBLIOGRAPHY = "book/naslag/literatuur"
#: Link texts that say nothing on paper: printed as "(zie 4.2, p. 88)" instead.
GENERIC_LINK = re.compile(
    r"^\(?\s*(meer lezen|lees meer|lees verder|hier|meer|klik hier)\s*\)?$", re.I
)
#: A table cell that holds a number, amount, percentage or ratio: never broken over lines.
NUMBER_CELL = re.compile(r"^[€$%±+\-−–~≈<>]?\s*[€]?\s*[\d.,]+\s*(%|:\s*[\d.,]+|x|×|€|punten|uur)?$")
#: What never goes on paper: screen instructions, notebook warnings, code, buttons, scripts.
NOT_PRINTED = (
    ".alleen-scherm",  # instructions for the screen ("Klik op je rol"): {.alleen-scherm}
    ".output.stderr",  # warnings a notebook printed (a kernel's temporary path with them)
    "script",
    "noscript",
    "style",
    "a.headerlink",
    ".cell_input",
    ".d-print-none",
    ".leernet-niet-printen",
    "button",
    "#searchbox",
    "form",
)
#: A table this wide (columns) is set in smaller type.
WIDE_TABLE = 6
#: A text page carries at least this many characters; only the cover and the part title pages
#: (these kinds in the layout report) may carry less. A chapter whose last page would fall short
#: is set a little tighter (``pdf-krap``) in a second pass, and tighter still (``pdf-krap-2``)
#: in a third if that was not enough.
MIN_PAGE_CHARS = 200
SHORT_PAGE_KINDS = frozenset({"omslag", "deel"})
TIGHT_STEPS = 2
COLOFON = "book/naslag/colofon.html"


@dataclass(frozen=True)
class TocEntry:
    """One page of the book in reading order."""

    docname: str
    level: int  # 0 = landing page, 1 = chapter, 2 = section
    part: str | None  # the caption of the part that starts with this page, if any


def numbers(entries: list[TocEntry]) -> dict[str, str]:
    """The printed number of every page: chapters 1, 2, … through all parts; sections 3.1, 3.2.

    The landing page (level 0) has none (an empty string).
    """
    out: dict[str, str] = {}
    chapter = section = 0
    for entry in entries:
        if entry.level == 1:
            chapter += 1
            section = 0
            out[entry.docname] = str(chapter)
        elif entry.level == 2:
            section += 1
            out[entry.docname] = f"{chapter}.{section}"
        else:
            out[entry.docname] = ""
    return out


def chapters(entries: list[TocEntry]) -> dict[str, str]:
    """The chapter (docname) of every page: itself for a chapter and the landing page."""
    out: dict[str, str] = {}
    chapter = ""
    for entry in entries:
        if entry.level <= 1:
            chapter = entry.docname
        out[entry.docname] = chapter
    return out


def short_pages(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Pages of the layout report under :data:`MIN_PAGE_CHARS`, other than those allowed."""
    return [
        p
        for p in report["pages"]
        if p["chars"] < MIN_PAGE_CHARS and p["kind"] not in SHORT_PAGE_KINDS
    ]


def to_tighten(report: dict[str, Any], entries: list[TocEntry]) -> frozenset[str]:
    """The chapters whose last page falls short: set them tighter so the lines fit before."""
    chapter_of = chapters(entries)
    by_id = {page_id(doc): chapter for doc, chapter in chapter_of.items()}
    found = {by_id.get(p["sections"][-1]) for p in short_pages(report) if p.get("sections")}
    return frozenset(c for c in found if c)


def is_number(text: str) -> bool:
    """Whether a table cell's text is a number, amount, percentage or ratio (kept on one line)."""
    text = " ".join(text.split())
    return bool(text) and len(text) <= 24 and bool(NUMBER_CELL.match(text))


def toc_entries(toc_path: Path) -> list[TocEntry]:
    """Every page of ``_toc.yml`` in reading order (root, then parts, chapters, sections)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    entries = [TocEntry(toc["root"], 0, None)]
    for part in toc.get("parts", []):
        caption = part.get("caption")
        for i, chapter in enumerate(part.get("chapters", [])):
            entries.append(TocEntry(chapter["file"], 1, caption if i == 0 else None))
            entries.extend(TocEntry(s["file"], 2, None) for s in chapter.get("sections", []))
    return entries


def page_id(docname: str) -> str:
    """A document-wide id for a page: ``book/wat-is/index`` -> ``p-book-wat-is-index``."""
    return "p-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def _resolve(docname: str, href: str) -> tuple[str, str]:
    """Resolve a relative link on page ``docname`` to (site-relative path, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return docname + ".html", fragment
    base = Path(docname).parent
    parts: list[str] = []
    for piece in (base / path).as_posix().split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts), fragment


def paper_form_html(bank: Bank, *, short: bool = False, role: str | None = None) -> str:
    """A printable paper form of a question bank: numbered statements with tick boxes.

    Number items get an answer line. Two-sided banks give the form of ``role``. What is on the
    form comes from :func:`wijkcoop.scan.paper.paper_form`, as for the book's paper forms.
    """
    form = paper_form(bank, role, short)
    out: list[str] = ['<div class="pdf-form">']
    for section in form.sections:
        out.append(f'<p class="pdf-form-kop"><strong>{html.escape(section.title)}</strong></p>')
        out.append('<table class="pdf-form-tabel"><thead><tr><th>Nr.</th><th>Vraag</th>')
        out.extend(f"<th>{html.escape(h)}</th>" for h in form.heads)
        out.append("</tr></thead><tbody>")
        for row in section.rows:
            out.append(f"<tr><td>{row.number}</td><td>{html.escape(row.text)}</td>")
            out.extend(_answer_cells(form, row))
            out.append("</tr>")
        out.append("</tbody></table>")
    out.append("</div>")
    return "\n".join(out)


def _answer_cells(form: PaperForm, row: PaperRow) -> list[str]:
    """The answer cells of one row: an answer line for an amount, else one box per column."""
    if row.is_number:
        unit = "€" if row.item.get("unit") == "euro" else "%"
        return [f'<td colspan="{len(form.heads)}" class="pdf-invul">{unit} ________________</td>']
    boxes = ['<td class="pdf-vakje">☐</td>'] * (len(form.heads) - (1 if form.has_na else 0))
    if form.has_na:
        boxes.append('<td class="pdf-vakje">☐</td>' if row.allows_na else "<td>–</td>")
    return boxes


class _Page:
    """One built page's article, rewritten for a single document."""

    def __init__(
        self,
        entry: TocEntry,
        site: Path,
        docs: set[str],
        out_dir: Path,
        numbering: dict[str, str] | None = None,
        tight: int = 0,
    ) -> None:
        self.entry = entry
        self.pid = page_id(entry.docname)
        self.site = site
        self.docs = docs
        self.out_dir = out_dir
        self.numbering = numbering or {}
        self.number = self.numbering.get(entry.docname, "")
        self.tight = tight
        source = site / f"{entry.docname}.html"
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.bd-article")
        if article is None:
            raise ValueError(f"{source}: no <article class='bd-article'> (theme changed?)")
        self.soup = soup
        self.article = article
        h1 = article.find("h1")
        if h1 is None:
            raise ValueError(f"{source}: page has no h1 title")
        self.title = " ".join(h1.get_text(" ", strip=True).replace("#", "").split())

    def rewrite(self) -> Tag:
        art = self.article
        for chart in art.select(f"div.{CHART_CLASS}"):
            self._chart(chart)
        for scan in art.select("div[data-wijkcoop-scan]"):
            self._scan(scan)
        for widget in art.find_all(
            "script", attrs={"type": "application/vnd.jupyter.widget-view+json"}
        ):
            note = self.soup.new_tag("p", attrs={"class": "pdf-noot"})
            note.string = (
                "Op de website staat hier een interactief onderdeel; het werkt in de browser."
            )
            widget.replace_with(note)
        for el in art.select(", ".join(NOT_PRINTED)):
            el.decompose()
        for el in art.find_all(id=True):
            el["id"] = f"{self.pid}--{el['id']}"
        for a in art.find_all("a", href=True):
            self._link(a)
        for img in art.find_all("img", src=True):
            self._img(img)
        self._print_classes(art)
        classes = f"pdf-page pdf-level-{self.entry.level}"
        classes += "".join((" pdf-krap", " pdf-krap-2")[: self.tight])
        section = self.soup.new_tag("section", attrs={"class": classes, "id": self.pid})
        self._number_title(art)
        for child in list(art.contents):
            section.append(child.extract())
        return section

    def _number_title(self, art: Tag) -> None:
        """The page's h1 carries its number ("3.2") and sets the running header."""
        h1 = art.find("h1")
        if h1 is None:
            return
        h1["class"] = [*h1.get("class", []), "pdf-titel"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types
        h1["data-pdf-chapter"] = f"{self.number} {self.title}".strip()
        # Links to the page point at its title: the page's section may begin a page earlier.
        h1["id"] = f"{self.pid}--{TITLE_ID}"
        if self.number:
            num = self.soup.new_tag("span", attrs={"class": "pdf-nummer"})
            num.string = self.number
            h1.insert(0, num)

    def _chart(self, div: Tag) -> None:
        svg = div.find("svg")
        if svg is None:
            raise ValueError(f"{self.entry.docname}: chart {div.get('id')} has no SVG")
        figure = self.soup.new_tag("figure", attrs={"class": "pdf-grafiek"})
        figure.append(svg.extract())
        caption = self.soup.new_tag("figcaption")
        caption.string = div.get("aria-label", "Grafiek")  # type: ignore[assignment]  # bs4 attribute types
        figure.append(caption)
        live = div.find_parent("div", class_=LIVE_CLASS)
        (live or div).replace_with(figure)

    def _scan(self, div: Tag) -> None:
        script = div.find("script", attrs={"type": "application/json"})
        if script is None:
            raise ValueError(f"{self.entry.docname}: scan without its bank data")
        config = json.loads(script.string)  # type: ignore[arg-type]  # bs4 attribute types
        bank = check_bank(config["bank"], f"{self.entry.docname}: scan")
        forms = []
        roles: list[str | None] = [*bank.roles] or [None]  # a one-sided bank: one form
        for role in roles:
            if role:
                head = f"Formulier voor: {html.escape(bank.role_label(role))}"
                forms.append(f'<p class="pdf-form-rol"><strong>{head}</strong></p>')
            forms.append(paper_form_html(bank, short=bool(config.get("short")), role=role))
        intro = (
            '<p class="pdf-noot">Op de website vul je deze vragen in op het scherm. '
            "Op papier zet je per vraag één kruisje.</p>"
        )
        div.replace_with(BeautifulSoup(intro + "\n".join(forms), "html.parser"))

    def _link(self, a: Tag) -> None:
        href = str(a["href"])
        if href.startswith(("http://", "https://", "mailto:")):
            if not _shows_url(a.get_text(" ", strip=True), href):
                a["class"] = [*a.get("class", []), "pdf-extern"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types
            return
        target, fragment = _resolve(self.entry.docname, href)
        doc = target[:-5] if target.endswith(".html") else None
        if doc in self.docs:
            a["href"] = f"#{page_id(doc)}--{fragment or TITLE_ID}"
            self._reference(a, doc)
        else:  # downloads, the search page, index: not part of the printed book
            a.unwrap()

    def _reference(self, a: Tag, doc: str) -> None:
        """Give a link to another place in the book its number and page on paper.

        "Vijf Rotterdamse organisaties (zie 3.1, p. 20)"; a link that says nothing on paper
        ("meer lezen") becomes "(zie 4.2, p. 88)"; after "zie" in the text: "(zie Privacy,
        10.5, p. 207)". The words are real text (``span.pdf-zie``, kept on one line), so Paged.js
        measures them; only the page number comes from ``target-counter`` (``span.pdf-p``).
        Glossary terms and citations (author, year) stay as they are: the reader finds them in
        the alphabetical lists at the back.
        """
        if (
            a.select_one(".std-term")
            or a.find_parent(class_="bibtex-citation")
            or doc == BIBLIOGRAPHY
            or "footnote-reference" in (a.get("class") or [])
        ):
            return
        number = self.numbering.get(doc, "")
        a["class"] = [*a.get("class", []), "pdf-verwijzing"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types
        zie = self.soup.new_tag("span", attrs={"class": "pdf-zie"})
        page = self.soup.new_tag("span", attrs={"class": "pdf-p", "data-href": str(a["href"])})
        where = f"{number}, p. " if number else "p. "
        prev = a.previous_sibling
        before = prev if isinstance(prev, str) else ""
        # after "zie" in the text, or inside brackets already: no second "(zie", just ", 4.2, p. 88"
        after_zie = bool(re.search(r"\bzie(\s+(ook|de|het|een))*\s*$", before, re.I)) or (
            before.rfind("(") > before.rfind(")")
        )
        if GENERIC_LINK.match(a.get_text(" ", strip=True)):
            a["class"] = [*a.get("class", []), "pdf-verwijzing-kaal"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types
            a.clear()
            zie.extend([f"zie {where}", page])
            a.append(zie)
            if not (isinstance(prev, str) and prev.rstrip().endswith("(")):
                a.insert_before("(")
                a.insert_after(")")
        elif after_zie:
            zie.extend([f", {where}", page])
            a.insert_after(zie)
        else:
            zie.extend([f"(zie {where}", page, ")"])
            a.insert_after(zie)
            a.insert_after(" ")

    def _print_classes(self, art: Tag) -> None:
        for table in art.find_all("table"):
            self._table(table)

    def _table(self, table: Tag) -> None:
        """Classes for print: number cells kept on one line, wide tables in smaller type."""
        first = table.find("tr")
        cells = first.find_all(["td", "th"]) if first else []
        columns = sum(int(str(c.get("colspan") or 1)) for c in cells)
        if columns >= WIDE_TABLE:
            table["class"] = [*table.get("class", []), "pdf-breed"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types
        for cell in table.find_all(["td", "th"]):
            if is_number(cell.get_text(" ", strip=True)):
                cell["class"] = [*cell.get("class", []), "pdf-getal"]  # type: ignore[misc,assignment,arg-type]  # bs4 attribute types

    def _img(self, img: Tag) -> None:
        src = img["src"]
        if src.startswith(("data:", "http://", "https://")):  # type: ignore[union-attr]  # bs4 attribute types
            return
        target, _ = _resolve(self.entry.docname, src)  # type: ignore[arg-type]  # bs4 attribute types
        img["src"] = Path(os.path.relpath(self.site / target, self.out_dir)).as_posix()


def _shows_url(text: str, href: str) -> bool:
    """Whether a link's text already shows its address (a DOI or the URL itself)."""
    text = text.lower().rstrip("/.")
    bare = re.sub(r"^(https?://|mailto:)(www\.)?", "", href.lower()).rstrip("/")
    doi = re.sub(r"^(dx\.)?doi\.org/", "", bare)
    return bool(bare) and (bare in text or (doi != bare and doi in text))


def part_html(number: int, caption: str) -> str:
    """A part's title page: "Deel 2" and its caption, on a page of its own."""
    return (
        f'<section class="pdf-deel" id="deel-{number}">'
        f'<p class="pdf-deel-nummer">Deel {number}</p>'
        f'<h1 class="pdf-deel-titel" data-pdf-chapter="">{html.escape(caption)}</h1></section>'
    )


def cover_html(identity: Identity, citation: str) -> str:
    """The cover: title, edition (or development version), date, licence and how to cite."""
    what = identity.name[:1].upper() + identity.name[1:]
    cite = "deze editie" if identity.edition else "dit boek (citeer liever een editie)"
    return f"""<section class="pdf-omslag" id="omslag">
<p class="pdf-omslag-titel">{html.escape(BOOK_TITLE)}</p>
<p class="pdf-omslag-ondertitel">{html.escape(SUBTITLE)}</p>
<p class="pdf-omslag-editie">{html.escape(what)} · {html.escape(identity.details)}</p>
<p class="pdf-omslag-bron">Gebaseerd op het essay <em>Samenwerken aan de wijk</em> van
P.M. Karré en I. van Meerkerk (2019).</p>
<div class="pdf-omslag-voet">
<p><strong>Licentie:</strong> tekst, vragenlijsten en figuren CC BY 4.0; code MIT.</p>
<p><strong>Zo citeer je {cite}:</strong> {html.escape(citation)}</p>
</div>
</section>"""


def toc_html(pages: list[_Page]) -> str:
    """Contents with page numbers (filled in by Paged.js through ``target-counter``)."""
    rows = ['<nav class="pdf-inhoud" id="inhoud"><h1 class="pdf-inhoud-titel">Inhoud</h1><ol>']
    part = 0
    for page in pages:
        if page.entry.part:
            part += 1
            rows.append(
                f'<li class="pdf-inhoud-deel">Deel {part} · {html.escape(page.entry.part)}</li>'
            )
        number = f'<span class="pdf-nr">{page.number}</span> ' if page.number else ""
        link = f'<a href="#{page.pid}--{TITLE_ID}">{number}{html.escape(page.title)}</a>'
        rows.append(f'<li class="pdf-inhoud-{page.entry.level}">{link}</li>')
    rows.append("</ol></nav>")
    return "\n".join(rows)


def site_edition(site: Path, root: str = "book/index") -> tuple[Identity, str]:
    """(identity, citation text) as the built site shows them.

    Every page carries the build's identity (:func:`wijkcoop.publish.identity.read_site`);
    the colofon's citation block (``{boekcitatie}``) the citation, so the PDF cites exactly
    what the site cites.
    """
    identity = read_site(site, f"{root}.html")
    colofon = BeautifulSoup((site / COLOFON).read_text(encoding="utf-8"), "html.parser")
    block = colofon.select_one("p.wijkcoop-citatie")
    if block is None:
        raise ValueError(f"{site}/{COLOFON}: no citation block (p.wijkcoop-citatie)")
    return identity, " ".join(block.get_text(" ", strip=True).split())


def assemble(
    site: Path,
    toc_path: Path,
    out_dir: Path,
    *,
    polyfill: Path | None = None,
    tight: dict[str, int] | None = None,
) -> Path:
    """Write ``out_dir/boek.html``: the whole book as one document ready for Paged.js.

    The chapters in ``tight`` (docname -> 1 or 2) are set tighter, with all their sections.
    """
    entries = toc_entries(toc_path)
    identity, citation = site_edition(site, entries[0].docname)
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = {e.docname for e in entries}
    numbering = numbers(entries)
    chapter_of = chapters(entries)
    pages = [
        _Page(e, site, docs, out_dir, numbering, tight=(tight or {}).get(chapter_of[e.docname], 0))
        for e in entries
    ]
    body = [cover_html(identity, citation), toc_html(pages)]
    part = 0
    for page in pages:
        if page.entry.part:
            part += 1
            body.append(part_html(part, page.entry.part))
        body.append(str(page.rewrite()))
    css = CSS_FILE.read_text(encoding="utf-8")
    config = toc_path.parent / "_config.yml"
    author = document_info(identity, config)["/Author"] if config.exists() else ""
    scripts = ""
    if polyfill is not None:
        local = out_dir / "paged.polyfill.js"
        if polyfill.resolve() != local.resolve():
            shutil.copyfile(polyfill, local)
        shutil.copyfile(JS_FILE, out_dir / JS_FILE.name)
        scripts = (
            "<script>window.PagedConfig={auto:true,after:function(){window.__pagedDone=true;}};</script>"
            f'<script src="paged.polyfill.js"></script><script src="{JS_FILE.name}"></script>'
        )
    doc = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{html.escape(BOOK_TITLE)} — {html.escape(identity.name)}</title>
<meta name="author" content="{html.escape(author)}">
<style>{css}</style>
{scripts}
</head><body>
{"".join(body)}
</body></html>"""
    target = out_dir / "boek.html"
    target.write_text(doc, encoding="utf-8")
    return target


def make_pdf(
    site: Path, toc: Path, work: Path, polyfill: Path, target: Path, meta: dict[str, str]
) -> dict[str, Any]:
    """Assemble and print the book, then reprint it while a chapter's last page is short.

    Such a chapter is set tighter each time, at most :data:`TIGHT_STEPS` times.
    """
    entries = toc_entries(toc)
    levels: dict[str, int] = {}
    document = assemble(site, toc, work, polyfill=polyfill)
    info = render_pdf(document, target, info=meta)
    for _ in range(TIGHT_STEPS):
        short = to_tighten(info["layout"] or {"pages": []}, entries)
        step = {c for c in short if levels.get(c, 0) < TIGHT_STEPS}
        if not step:
            break
        for chapter in step:
            levels[chapter] = levels.get(chapter, 0) + 1
        document = assemble(site, toc, work, polyfill=polyfill, tight=levels)
        info = render_pdf(document, target, info=meta)
    info["tightened"] = [f"{c} ({n})" for c, n in sorted(levels.items())]
    return info


def main(argv: list[str] | None = None) -> int:
    """``python -m wijkcoop.publish.pdf``: assemble and print the PDF into ``<site>/downloads/``."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("_build/html"))
    parser.add_argument("--toc", type=Path, default=Path("_toc.yml"))
    parser.add_argument("--work", type=Path, default=Path("_build/pdf"))
    parser.add_argument("--polyfill", type=Path, default=PAGED_POLYFILL)
    args = parser.parse_args(argv)
    if not args.polyfill.exists():
        parser.error(
            f"{args.polyfill} is missing: run 'make pdf' (it installs Paged.js with npm ci)"
        )
    start = time.perf_counter()
    identity = read_site(args.site, toc_entries(args.toc)[0].docname + ".html")
    target = args.site / "downloads" / identity.file_name(".pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = document_info(identity, args.toc.parent / "_config.yml")
    info = make_pdf(args.site, args.toc, args.work, args.polyfill, target, meta)
    settle(args.site)
    seconds = time.perf_counter() - start
    layout = info.get("layout") or {}
    print(f"{target}: {info['pages']} pages, {info['bytes'] / 1e6:.1f} MB, {seconds:.0f} s")
    print(
        f"layout ({args.work / LAYOUT_REPORT}): {len(layout.get('overflows', []))} overflows, "
        f"{len(layout.get('orphans', []))} orphaned headings, "
        f"{len(short_pages(layout)) if layout else 0} short pages, "
        f"{len(layout.get('references', []))} cross-references; "
        f"set tighter: {', '.join(info.get('tightened', [])) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
