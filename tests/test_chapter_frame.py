"""Every chapter of the book has the same frame (the model: The Turing Way's chapter shape).

A chapter is a page of one of the book's parts (``book/<part>/*.md``). Its frame:

- under ``## Wat je leert``: the reading time as the ``{leestijd}`` directive (computed at build
  time from the built page's words, :mod:`wijkcoop.leestijd`; never typed) and
  ``Na dit hoofdstuk kun je:`` followed by two to five things the reader can do;
- ``## In het kort``: a short summary (two to six bullets);
- ``## Verder lezen``: two to four sources, each cited with ``{cite:t}`` or ``{cite:p}`` and a key
  that exists in ``references.bib``.

A typed reading time went stale (edition 1.0 said 1 minute for a page of about 1.040 words, because
most of its text came from a directive); ``tests/test_leestijd.py`` checks the computed one on the
built pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wijkcoop import toc

ROOT = Path(__file__).resolve().parent.parent
CITE = re.compile(r"\{cite:[tp]\}`([^`]+)`")
LEESTIJD = re.compile(r"^```\{leestijd\}\n```$", re.MULTILINE)
# Chapters without "Vragen voor het leernetwerk", each with the reason (issue 21 decided per page).
NO_QUESTIONS = {
    "scan/wijzigingen.md": (
        "a reference list of what changed in the scan's questions and why, for readers who filled"
        " in an earlier version; the discussion about the scan's outcome is on scan/index"
    ),
}
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)


def chapters() -> list[Path]:
    """The Markdown pages of every part that carries the frame (all but Naslag), from _toc.yml."""
    return [
        ROOT / f"{docname}.md"
        for part in toc.parts()
        if part.framed
        for docname in part.chapters
        if (ROOT / f"{docname}.md").exists()
    ]


def test_every_part_is_framed_but_the_reference_pages():
    parts = toc.parts()
    assert [p.name for p in parts if not p.framed] == ["naslag"]
    assert len(chapters()) >= 30
    every_page = {p for part in parts if part.framed for p in part.chapters}
    markdown = {str(p.relative_to(ROOT).with_suffix("")) for p in chapters()}
    assert every_page == markdown, "a framed part lists a page that is not Markdown"


def section(markdown: str, title: str) -> str | None:
    """The text under ``## title`` up to the next ``#``/``##`` heading, or None."""
    match = re.search(rf"^## {re.escape(title)}\s*$", markdown, re.MULTILINE)
    if not match:
        return None
    rest = markdown[match.end() :]
    end = re.search(r"^#{1,2} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def bib_keys() -> set[str]:
    return set(BIB_KEY.findall((ROOT / "references.bib").read_text("utf-8")))


def bullets(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.match(r"^(- |\d+\. )", ln)]


@pytest.mark.parametrize("page", chapters(), ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_chapter_opens_with_reading_time_and_objectives(page):
    text = page.read_text("utf-8")
    opening = section(text, "Wat je leert")
    assert opening is not None, f"{page.name}: no '## Wat je leert'"
    assert LEESTIJD.search(opening), f"{page.name}: no {{leestijd}} directive under Wat je leert"
    assert "Leestijd:" not in text, f"{page.name}: a typed reading time (use {{leestijd}})"
    assert "Na dit hoofdstuk kun je:" in opening, f"{page.name}: no 'Na dit hoofdstuk kun je:'"
    objectives = bullets(opening.split("Na dit hoofdstuk kun je:", 1)[1])
    assert 2 <= len(objectives) <= 5, f"{page.name}: {len(objectives)} objectives, want 2-5"


@pytest.mark.parametrize("page", chapters(), ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_chapter_has_a_summary(page):
    summary = section(page.read_text("utf-8"), "In het kort")
    assert summary is not None, f"{page.name}: no '## In het kort'"
    assert 2 <= len(bullets(summary)) <= 6, f"{page.name}: In het kort wants 2-6 bullets"


@pytest.mark.parametrize("page", chapters(), ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_chapter_has_further_reading_from_the_bibliography(page):
    further = section(page.read_text("utf-8"), "Verder lezen")
    assert further is not None, f"{page.name}: no '## Verder lezen'"
    items = bullets(further)
    assert 2 <= len(items) <= 4, f"{page.name}: Verder lezen wants 2-4 sources, has {len(items)}"
    known = bib_keys()
    for item in items:
        keys = [k.strip() for m in CITE.finditer(item) for k in m.group(1).split(",")]
        assert keys, f"{page.name}: a further-reading item without a citation: {item}"
        assert set(keys) <= known, f"{page.name}: unknown keys {set(keys) - known}"


@pytest.mark.parametrize("page", chapters(), ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_chapter_has_questions_for_the_learning_network_or_a_reason(page):
    name = str(page.relative_to(ROOT / "book"))
    questions = section(page.read_text("utf-8"), "Vragen voor het leernetwerk")
    if name in NO_QUESTIONS:
        assert questions is None, f"{name}: has questions now; remove it from NO_QUESTIONS"
        return
    assert questions is not None, f"{name}: no '## Vragen voor het leernetwerk' (or a reason)"
    assert 2 <= len(bullets(questions)) <= 6, f"{name}: want 2-6 questions"


def test_frame_checks_catch_a_bare_page():
    bare = "(x)=\n# X\n\n## Wat je leert\n\n- iets\n\n## Tekst\n\nWoorden.\n"
    assert section(bare, "In het kort") is None
    assert not LEESTIJD.search(section(bare, "Wat je leert"))
    assert LEESTIJD.search("## Wat je leert\n\n```{leestijd}\n```\n\nNa dit hoofdstuk")
