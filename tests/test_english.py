"""The English summary: one page whose content carries lang="en", and an English abstract."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_WORDS = {"the", "and", "of", "with", "for", "that", "in"}
DUTCH_WORDS = {"de", "het", "een", "en", "van", "met", "voor", "dat"}


def share(text: str, words: set[str]) -> float:
    tokens = re.findall(r"[a-zà-ÿ]+", text.lower())
    return sum(t in words for t in tokens) / max(1, len(tokens))


def test_the_english_page_wraps_its_content_in_lang_en(site):
    html = (site / "book" / "english.html").read_text("utf-8")
    assert re.search(r'<html[^>]*\blang="nl"', html), "the site around the page stays Dutch"
    match = re.search(r'<div lang="en">(.*)</div>', html, re.S)
    assert match, 'no <div lang="en"> on the English page'
    inside = match.group(1)
    assert "<h1>Summary in English" in inside
    assert "How to use the scan" in inside
    assert "How to use the notebooks" in inside
    assert share(inside, ENGLISH_WORDS) > 3 * share(inside, DUTCH_WORDS)


def test_dutch_pages_have_no_lang_en(site):
    for page in ["book/gebruik/index.html", "book/duurzaam/index.html", "index.html"]:
        assert 'lang="en"' not in (site / page).read_text("utf-8"), page


def test_the_page_is_in_the_table_of_contents_and_linked_from_the_start():
    assert "file: book/english\n" in (ROOT / "_toc.yml").read_text("utf-8")
    assert "<english>`" in (ROOT / "book" / "index.md").read_text("utf-8")


def test_citation_has_an_english_abstract():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    abstract = cff["abstract"]
    assert "Karré and Van Meerkerk" in abstract
    assert share(abstract, ENGLISH_WORDS) > 3 * share(abstract, DUTCH_WORDS)


def _prose(markdown: str) -> str:
    """The sentences of a MyST page: no front matter, labels or headings."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    lines = [ln for ln in body.splitlines() if ln.strip() and not re.match(r"^(#|\([\w-]+\)=)", ln)]
    text = " ".join(lines)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", "X", text)  # a citation or link reads as one word
    return re.sub(r"\*\*([^*]+)\*\*", r"\1.", text)  # a bold run-in heading ends a sentence


def mean_sentence_length(markdown: str) -> float:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", _prose(markdown)) if s.strip()]
    words = [len(re.findall(r"[\w'’-]+", s)) for s in sentences]
    return sum(words) / len(words)


def test_the_english_page_uses_short_sentences():
    assert mean_sentence_length("One two three. Four five six seven. Eight!") == 8 / 3
    text = (ROOT / "book" / "english.md").read_text("utf-8")
    assert mean_sentence_length(text) <= 17


def test_the_english_page_gives_the_scan_times_of_the_scan_page():
    dutch = (ROOT / "book" / "scan" / "index.md").read_text("utf-8")
    full = re.search(r"volledige scan heeft .*? ongeveer (\d+) minuten", dutch)
    short = re.search(r"korte versie .*?ongeveer (\d+) minuten", dutch)
    assert full, "the scan page no longer states the full scan's time"
    assert short, "the scan page no longer states the short scan's time"
    english = (ROOT / "book" / "english.md").read_text("utf-8")
    assert f"The short version takes about {short.group(1)} minutes" in english
    assert f"the full scan takes about {full.group(1)} minutes" in english


def test_the_english_page_avoids_the_phrases_that_read_as_translated():
    english = (ROOT / "book" / "english.md").read_text("utf-8")
    for stiff in ["conditions for lasting.", "asks for its own approach", "knowledge institutes"]:
        assert stiff not in english, stiff
