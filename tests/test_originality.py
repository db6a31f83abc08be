"""The book tells the essay's ideas in its own words: no page copies a run of 8+ words from it.

Every ``book/**/*.md`` page is compared with the seed essay (Karré & Van Meerkerk 2019, OCR text)
after the OCR corrections listed in ``seed/README.md`` are applied. Both texts are normalised the
same way: lower case, accents stripped (``coöperatie`` = ``cooperatie``), punctuation dropped.
Left out of a page before comparing: fenced code (not MyST directives, whose body is prose),
label lines, citation roles, link targets, and text in quotation marks (a short, marked quotation
with a citation is allowed by the writing rules).

The essay is read from the shared research folder next to the repository (as
``wijkcoop.publish.bib`` does), or from ``$WIJKCOOP_SEED``. It is not copied into the
repository: without it (a fresh clone) the pages are compared with
``tests/data/essay-fingerprint.json``, keyed hashes of the essay's word runs (see
``tests/essay_fingerprint.py``). When both exist, a test checks that the fingerprint still
matches the essay.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.essay_fingerprint import FINGERPRINT, Fingerprint, from_essay
from wijkcoop.publish.bib import SHARED

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("WIJKCOOP_SEED") or SHARED / "seed" / "000_f3a170fe46b4e673.txt")
BOOK_PAGES = sorted((ROOT / "book").rglob("*.md"))
RUN = 8  # words in a row that may not be shared with the essay

# OCR misreadings in the essay, per whole (normalised) word. Values may hold two words.
OCR_WORDS = {
    "vit": "uit",
    "vitwerking": "uitwerking",
    "vitdaging": "uitdaging",
    "vitdagingen": "uitdagingen",
    "uvitdagingen": "uitdagingen",
    "vitvoerde": "uitvoerde",
    "vitwisseling": "uitwisseling",
    "leeuwaarden": "leeuwarden",
    "beinvioeden": "beinvloeden",
    "financering": "financiering",
    "gemeende": "gemeente",
    "hum": "hun",
    "eris": "er is",
    "bijimplementatie": "bij implementatie",
    "bijiedereen": "bij iedereen",
    "overimpact": "over impact",
    "legtverantwoording": "legt verantwoording",
    "e": "",  # list bullets read as "e" ("e Vaste", "e Het")
}
# OCR misreadings inside words: codperatie, co6peratie, cobperatie, coperatie -> cooperatie.
OCR_PATTERNS = [
    (re.compile(r"co[d6bo]?perati"), "cooperati"),
    (re.compile(r"wijkcoopo[1i]o"), "wijkcoop010"),
]

WORD = re.compile(r"[a-z0-9]+")
# A fence opens with 3+ backticks or colons; MyST directives ({name}) hold prose and are kept.
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?P<info>\S*)")
PROSE_DIRECTIVE = re.compile(r"^\{(?!code|code-block|code-cell|sourcecode|literalinclude)")
LABEL_LINE = re.compile(r"^\s*\([^)\s]+\)=\s*$")
OPTION_LINE = re.compile(r"^:[\w-]+:(\s|$)")  # directive option such as ":class: tip"
CITE_ROLE = re.compile(r"\{(?:cite|footcite)(?::[a-z]+)?\}`[^`]*`")
OTHER_ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
INLINE_CODE = re.compile(r"`[^`]*`")
QUOTED = re.compile(r"“[^”\n]*”|„[^”“\n]*[”“]|\"[^\"\n]*\"|‘[^’\n]*’(?![a-z])")
BREAK = "\x00"  # removed text: no run may bridge it
# Fixed names of the essay's concepts. A page may list them (e.g. the five friction points in a
# row); each name counts as a break, like a proper noun, so only the prose around it is compared.
NAMES = re.compile(
    r"erkenning en herkenning|financiering en inkoop|wet- en regelgeving|verantwoording en impact"
    r"|verbindend en ondernemend leiderschap",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Lower case without accents; keeps characters that are not letters or digits."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str, *, ocr: bool = False) -> list[str]:
    """Normalised words of ``text``; with ``ocr`` the essay's OCR corrections are applied."""
    out: list[str] = []
    for word in WORD.findall(normalise(text)):
        if ocr:
            for pattern, repl in OCR_PATTERNS:
                word = pattern.sub(repl, word)
            word = OCR_WORDS.get(word, word)
        out.extend(word.split())
    return out


def runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def essay_runs(text: str) -> set[tuple[str, ...]]:
    lines = [ln for ln in text.splitlines() if not re.fullmatch(r"\s*\d+\s*", ln)]
    return runs(words("\n".join(lines), ocr=True))


@dataclass
class Token:
    word: str
    line: int


def page_segments(markdown: str) -> list[list[Token]]:
    """Prose of a MyST page as runs of words, split wherever text was left out."""
    segments: list[list[Token]] = [[]]
    fence: str | None = None
    directives: list[str] = []  # fences of open directives whose body is prose
    for number, raw in enumerate(markdown.splitlines(), start=1):
        stripped = raw.strip()
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        opening = FENCE.match(stripped)
        if opening:
            mark, info = opening.group("fence"), opening.group("info")
            if not info and directives and mark == directives[-1]:
                directives.pop()  # end of a directive body
            elif PROSE_DIRECTIVE.match(info):
                directives.append(mark)
            else:
                fence = mark  # code: skipped until the same fence closes it
            segments.append([])
            continue
        if LABEL_LINE.match(raw) or OPTION_LINE.match(stripped):
            segments.append([])
            continue
        line = CITE_ROLE.sub(BREAK, raw)
        line = OTHER_ROLE.sub(r"\1", line)
        line = LINK.sub(r"\1", line)
        line = INLINE_CODE.sub(BREAK, line)
        line = QUOTED.sub(BREAK, line)
        line = NAMES.sub(BREAK, line)
        for i, piece in enumerate(line.split(BREAK)):
            if i:
                segments.append([])
            segments[-1].extend(Token(w, number) for w in words(piece))
    return [s for s in segments if len(s) >= RUN]


def copied_runs(markdown: str, essay: set[tuple[str, ...]]) -> list[tuple[int, str]]:
    """(line, words) for every run of RUN words the page shares with the essay."""
    found = []
    for segment in page_segments(markdown):
        for i in range(len(segment) - RUN + 1):
            window = segment[i : i + RUN]
            if tuple(t.word for t in window) in essay:
                found.append((window[0].line, " ".join(t.word for t in window)))
    return found


def load_essay():
    """The essay's runs: from its text when present, else from the committed fingerprint."""
    if SEED.exists():
        return essay_runs(SEED.read_text(encoding="utf-8"))
    return Fingerprint.load()


@pytest.fixture(scope="module")
def essay():
    return load_essay()


@pytest.fixture(scope="module")
def fingerprint() -> Fingerprint:
    return Fingerprint.load()


def test_book_has_pages():
    assert len(BOOK_PAGES) >= 10, BOOK_PAGES


@pytest.mark.parametrize("page", BOOK_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_copies_no_run_from_essay(page: Path, essay):
    found = copied_runs(page.read_text(encoding="utf-8"), essay)
    report = "\n".join(f"  line {line}: {text}" for line, text in found)
    assert not found, f"{page.relative_to(ROOT)} repeats the essay word for word:\n{report}"


# The checks below prove the comparison can fail, and fails for the right reasons.

COPIED = (
    "Verbindingsofficieren kunnen worden opgevat als personen die actief werken op de grens"
    " van hun organisatie om de fit met hun omgeving te verbeteren."
)


def test_copied_essay_sentence_is_found(essay):
    found = copied_runs(f"# Kop\n\n{COPIED}\n", essay)
    assert found
    assert found[0][0] == 3


def test_ocr_corrections_match_correct_spelling(essay):
    # The essay has "wijkcodperaties" and "vitdagingen"; the book writes the correct words.
    text = (
        "Over wat de redenen zijn voor deze handelingsverlegenheid en welke verbetermogelijkheden"
    )
    assert copied_runs(text, essay)
    text = "samenwerking tussen wijkcoöperaties en de gemeente om te gaan. Daar zou over"
    assert copied_runs(text, essay)
    assert words("Wijkcoopo1o co6peratie vitdagingen", ocr=True) == [
        "wijkcoop010",
        "cooperatie",
        "uitdagingen",
    ]


def test_quoted_text_and_code_are_skipped(essay):
    page = f"Zij schrijven: “{COPIED}” {{cite:p}}`karre2019samenwerken`\n\n```text\n{COPIED}\n```\n"
    assert copied_runs(page, essay) == []


def test_directive_bodies_are_checked(essay):
    page = f"```{{admonition}} Let op\n{COPIED}\n```\n\n:::{{note}}\n{COPIED}\n:::\n"
    lines = [line for line, _ in copied_runs(page, essay)]
    assert 2 in lines
    assert 6 in lines


def test_own_words_pass(essay):
    text = "Een verbindingsofficier werkt op de rand van de gemeente en zoekt steeds de wijk op."
    assert copied_runs(text, essay) == []


def test_role_text_is_checked_but_targets_are_not():
    tokens = [
        t.word for seg in page_segments("a b c d {term}`e f <x y>` g [h](i) j k l\n") for t in seg
    ]
    assert tokens == ["a", "b", "c", "d", "e", "f", "g", "h", "j", "k", "l"]


def test_listed_concept_names_are_not_copying(essay):
    names = (
        "De vijf knelpunten zijn erkenning en herkenning, financiering en inkoop, wet- en"
        " regelgeving, verantwoording en impact, en verschillen in logica."
    )
    assert copied_runs(names, essay) == []
    # A name does not shield copied prose next to it.
    assert copied_runs(f"Over financiering en inkoop: {COPIED}", essay)


# The fingerprint: what a clone without ../shared compares with.


def test_fingerprint_finds_copied_sentence_and_passes_own_words(fingerprint):
    assert copied_runs(f"# Kop\n\n{COPIED}\n", fingerprint)[0][0] == 3
    text = "Een verbindingsofficier werkt op de rand van de gemeente en zoekt steeds de wijk op."
    assert copied_runs(text, fingerprint) == []
    # The OCR corrections apply before hashing: the correct spelling matches.
    text = "samenwerking tussen wijkcoöperaties en de gemeente om te gaan. Daar zou over"
    assert copied_runs(text, fingerprint)


def test_fingerprint_holds_no_readable_text():
    raw = FINGERPRINT.read_text(encoding="utf-8")
    assert "verbindingsofficieren" not in raw.lower()
    assert "wijkcooperaties" not in raw.lower()
    assert len(Fingerprint.load()) > 5000


@pytest.mark.shared
def test_fingerprint_matches_the_essay(fingerprint):
    assert SEED.exists(), f"seed essay not found: {SEED}"
    fresh = from_essay(SEED.read_text(encoding="utf-8"), fingerprint.salt)
    assert fresh.essay_sha256 == fingerprint.essay_sha256, "the essay changed"
    assert fresh == fingerprint, (
        "tests/data/essay-fingerprint.json is stale (normalisation or OCR corrections changed): "
        "run '.venv/bin/python -m tests.essay_fingerprint'"
    )
