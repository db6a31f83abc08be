"""Reading times are computed from the page's words at one rate, never typed.

Edition 1.0 typed them, and ``wat-is/hybride`` said 1 minute for about 1.040 words (most of its
text came from a directive the old count skipped). Now ``{leestijd}`` counts the built page.
"""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tests.test_chapter_frame import ROOT, chapters
from tests.test_code_text import visible_text
from wijkcoop import leestijd
from wijkcoop.book.leestijd import leestijd_node, page_words, resolve

SHOWN = re.compile(r'<p class="leestijd">Leestijd: ongeveer (\d+) (minuut|minuten)\.</p>')


def test_rate_is_the_one_contributing_states():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert f"{leestijd.WORDS_PER_MINUTE} words a minute" in text


def test_words_and_minutes():
    assert leestijd.count_words("De wijkcoöperatie, 2019: 25 minuten.") == 5
    assert leestijd.minutes(1040) == 7
    assert leestijd.minutes(0) == 1
    assert leestijd.minutes(224) == 1
    assert leestijd.minutes(226) == 2
    assert leestijd.sentence(100) == "Leestijd: ongeveer 1 minuut."
    assert leestijd.sentence(1040) == "Leestijd: ongeveer 7 minuten."
    with pytest.raises(ValueError, match="rate > 0"):
        leestijd.minutes(10, rate=0)


def _doctree(rst: str) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(rst, document)
    return document


def test_page_words_counts_prose_tables_and_lists_not_code():
    doctree = _doctree(
        "Titel hier\n==========\n\nEen twee drie.\n\n- vier vijf\n\n"
        "+-----+-----+\n| zes | zev |\n+-----+-----+\n\n::\n\n    code telt niet\n\n"
        ".. raw:: html\n\n   <svg>ook niet</svg>\n\n.. commentaar telt niet\n"
    )
    assert page_words(doctree) == 2 + 3 + 2 + 2


def test_resolve_replaces_the_placeholder_with_the_sentence():
    doctree = _doctree("Woord " * 460)
    doctree.insert(0, leestijd_node())
    resolve(None, doctree, "x")
    assert not list(doctree.findall(leestijd_node))
    first = doctree[0]
    assert isinstance(first, nodes.paragraph)
    assert first["classes"] == ["leestijd"]
    assert first.astext() == "Leestijd: ongeveer 3 minuten."


def _article(html: str) -> str:
    match = re.search(r'<article class="bd-article"[^>]*>(.*)</article>', html, re.S)
    assert match, "no article on the page"
    return match.group(1)


@pytest.mark.site
@pytest.mark.parametrize("page", chapters(), ids=lambda p: p.stem)
def test_shown_reading_time_matches_the_built_page(site, page):
    rel = page.relative_to(page.parents[2]).with_suffix(".html")
    html = (site / rel).read_text("utf-8")
    shown = SHOWN.findall(html)
    assert len(shown) == 1, f"{rel}: want one reading time, found {shown}"
    minutes = int(shown[0][0])
    expected = leestijd.minutes(leestijd.count_words(visible_text(_article(html))))
    # the page's own count may differ by a few words (inline code, the line itself)
    assert abs(minutes - expected) <= 1, f"{rel}: shows {minutes} min, the page takes {expected}"
    if page.stem == "hybride" and page.parent.name == "wat-is":
        assert minutes >= 5, "hybride: the case that went wrong in edition 1.0"
