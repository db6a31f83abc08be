"""Printing the assembled book: Paged.js in Debian's Chromium, the layout report, document info.

:mod:`wijkcoop.publish.pdf` assembles ``boek.html`` from the built site; :func:`render_pdf`
lays it out and prints it to A4, writes the layout report measured in the browser by
``pdf.js`` (:data:`LAYOUT_REPORT`, read by ``tests/test_pdf.py``) and sets the document info
(:func:`document_info`, :func:`set_document_info`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from wijkcoop.citation import SUBTITLE
from wijkcoop.publish.identity import Identity

BOOK_TITLE = "Samenwerken aan de wijk"
LAYOUT_REPORT = "layout.json"
#: Keywords of the PDF's document info.
KEYWORDS = "wijkcoöperatie, Rotterdam, bewonersinitiatief, gemeente, samenwerking, impact, scan"
#: Flags for Debian's headless Chromium on a machine without network (tests/browser.py uses
#: the same list): no sandbox as root, no background requests to Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def render_pdf(
    document: Path,
    pdf_path: Path,
    *,
    timeout_s: float = 600,
    info: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Lay out ``document`` with Paged.js in Debian's Chromium and print it to ``pdf_path``.

    Writes the layout report (:data:`LAYOUT_REPORT`, measured in the browser by ``pdf.js``)
    next to ``document`` and, when ``info`` is given, sets the PDF's document info.
    """
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError(
            "make pdf needs Debian's chromium on the PATH (apt-get install -y chromium)"
        )
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on(
            "request",
            lambda r: (
                problems.append(f"request to {r.url}")
                if not r.url.startswith(("file:", "data:"))
                else None
            ),
        )
        page.goto(document.resolve().as_uri())
        page.wait_for_function("window.__pagedDone === true", timeout=timeout_s * 1000)
        pages = page.evaluate("document.querySelectorAll('.pagedjs_page').length")
        report = page.evaluate("window.wijkcoopLayout ? window.wijkcoopLayout() : null")
        page.pdf(
            path=str(pdf_path),
            prefer_css_page_size=True,
            print_background=True,
            outline=True,
            tagged=True,
        )
        browser.close()
    if problems:
        raise RuntimeError("PDF rendering problems:\n" + "\n".join(problems))
    if report is not None:
        text = json.dumps(report, ensure_ascii=False, indent=1)
        (document.parent / LAYOUT_REPORT).write_text(text + "\n", encoding="utf-8")
    if info:
        set_document_info(pdf_path, info)
    return {"pages": pages, "bytes": pdf_path.stat().st_size, "layout": report}


def document_info(identity: Identity, config: Path = Path("_config.yml")) -> dict[str, str]:
    """The PDF's document info: title, author (``_config.yml``), subject, keywords, language."""
    author = str(yaml.safe_load(config.read_text(encoding="utf-8")).get("author", "")).strip()
    return {
        "/Title": f"{BOOK_TITLE} — {identity.name}",
        "/Author": author,
        "/Subject": SUBTITLE,
        "/Keywords": KEYWORDS,
    }


def set_document_info(pdf_path: Path, info: dict[str, str], language: str = "nl") -> None:
    """Write title, author, subject and keywords (Chromium writes only a title) and the language.

    pypdf rewrites the file in place; pages, fonts, links and the outline stay as they are.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(pdf_path))
    writer.add_metadata({**info, "/Creator": "wijkcoop.publish.pdf (Paged.js, Chromium)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    tmp = pdf_path.with_suffix(".tmp.pdf")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(pdf_path)
