"""The book speaks to its readers with "je" and "jullie", never with the formal "u" or "uw".

Checked: every ``book/**/*.md`` page, the Markdown cells of ``notebooks/*.ipynb`` and every
string in the question banks ``data/scan/*.yaml`` (statements, help texts, advice, prompts,
titles). Left out before checking: fenced code (not MyST directives, whose body is prose),
inline code, URLs, HTML tags, link targets and text in quotation marks (a quotation keeps the
words of its source). A hit is a whole word ``u``, ``uw``, ``uzelf`` or ``uwe`` in any case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK_PAGES = sorted((ROOT / "book").rglob("*.md"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BANKS = sorted((ROOT / "data" / "scan").glob("*.yaml"))

FORMAL = re.compile(r"(?<![\w'’-])(u|uw|uwe|uzelf)(?![\w'’-])", re.IGNORECASE)
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?P<info>\S*)")
CODE_DIRECTIVES = {"{code}", "{code-block}", "{code-cell}", "{sourcecode}", "{literalinclude}"}
SKIP_INLINE = [
    re.compile(r"`[^`\n]*`"),  # inline code and the target of roles such as {ref}`label`
    re.compile(r"\]\([^)\s]*\)"),  # link targets [text](target)
    re.compile(r"<[^>\n]*>"),  # HTML tags and autolinks
    re.compile(r"(?:https?://|www\.)\S+"),  # bare URLs
    re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|„[^”\n]*”"),  # double and curly quotes
    # 'single quotes' around words, but not the apostrophe in z'n, euro's or 's avonds
    re.compile(r"(?<![\w])'[^'\n]+'(?![\w])"),
]


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, text) of the prose in a MyST page, with code, URLs and quotations removed."""
    out = []
    fence: str | None = None  # the fence of the code block we are in, if any
    stack: list[str] = []  # open directive fences (their body is prose)
    for number, line in enumerate(markdown.splitlines(), start=1):
        stripped = line.strip()
        if fence is not None:
            if stripped == fence:
                fence = None
            continue
        match = FENCE.match(stripped)
        if match:
            marks, info = match.group("fence"), match.group("info")
            if stack and stripped == stack[-1]:
                stack.pop()
            elif marks.startswith("`") and (not info.startswith("{") or info in CODE_DIRECTIVES):
                fence = marks
            else:
                stack.append(marks)
            continue
        if re.match(r"^\s*:[\w-]+:", line) or re.match(r"^\([\w-]+\)=\s*$", stripped):
            continue  # directive option or label line
        for pattern in SKIP_INLINE:
            line = pattern.sub(" ", line)
        out.append((number, line))
    return out


def formal_hits(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) of every prose line that addresses the reader with u/uw."""
    return [(n, text.strip()) for n, text in prose_lines(markdown) if FORMAL.search(text)]


def notebook_markdown(path: Path) -> list[tuple[str, str]]:
    """(cell label, source) of the Markdown cells of a notebook; code cells are not prose."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        (f"cel {i}", "".join(c["source"]))
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown"
    ]


def bank_strings(data, where: str = "") -> list[tuple[str, str]]:
    """(path, text) of every string value in a loaded question bank."""
    if isinstance(data, dict):
        return [hit for k, v in data.items() for hit in bank_strings(v, f"{where}/{k}")]
    if isinstance(data, list):
        return [hit for i, v in enumerate(data) for hit in bank_strings(v, f"{where}[{i}]")]
    return [(where, data)] if isinstance(data, str) else []


def findings() -> list[str]:
    found = []
    for page in BOOK_PAGES:
        for n, text in formal_hits(page.read_text(encoding="utf-8")):
            found.append(f"{page.relative_to(ROOT)}:{n}: {text}")
    for nb in NOTEBOOKS:
        for cell, source in notebook_markdown(nb):
            for n, text in formal_hits(source):
                found.append(f"{nb.relative_to(ROOT)} {cell}, regel {n}: {text}")
    for bank in BANKS:
        for where, text in bank_strings(yaml.safe_load(bank.read_text(encoding="utf-8"))):
            for _, hit in formal_hits(text):
                found.append(f"{bank.relative_to(ROOT)} {where}: {hit}")
    return found


def test_the_book_says_je_not_u():
    assert BOOK_PAGES, "no book pages found"
    assert NOTEBOOKS, "no notebooks found"
    assert BANKS, "no question banks found"
    found = findings()
    assert not found, "Formal 'u'/'uw' (use 'je'/'jullie'):\n" + "\n".join(found)


# --- the checker itself, on small fixtures --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wat vindt u van de scan?",
        "Vul uw antwoorden in.",
        "U kunt de scan bewaren.",
        "- Heeft uw organisatie een eigen JupyterHub?",
        "Kijk naar jezelf, of naar uzelf.",
        "Een zin met (u) tussen haakjes.",
    ],
)
def test_a_formal_pronoun_in_prose_is_found(text):
    assert formal_hits(f"# Kop\n\n{text}\n") == [(3, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Wat vind je van de scan?",
        "Hoe kijken jullie naar de samenwerking?",
        "Het uur, de uitkomst en de buurt.",  # words that contain a u
        "Met z'n tweeën, met euro's en 's avonds.",
        "Druk op `u` om te bewaren.",
        "Zie https://example.org/u/uw voor meer.",
        "Zie [de pagina](https://example.org/u) voor meer.",
        'Het rapport schrijft: "Vult u dit formulier in".',
        "Kies 'Stuur uw antwoorden' op het scherm.",
        "Een U-bocht in de weg.",
    ],
)
def test_code_urls_quotations_and_ordinary_words_are_not_hits(text):
    assert formal_hits(f"{text}\n") == []


def test_code_blocks_are_skipped_but_directive_bodies_are_checked():
    page = (
        "```python\nu = 1  # not prose\n```\n"
        "```{code-cell} python\nuw = 2\n```\n"
        ":::{admonition} Let op\n:class: tip\nHeeft u vragen?\n:::\n"
        "```{note}\nBewaar uw bestand.\n```\n"
        "En daarna weer gewoon je.\n"
    )
    assert [n for n, _ in formal_hits(page)] == [9, 12]


def test_planted_pronouns_are_found_in_a_notebook_and_a_bank(tmp_path):
    nb = tmp_path / "les.ipynb"
    nb.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "markdown", "metadata": {}, "source": ["Wat leert u?\n"]},
                    {"cell_type": "code", "metadata": {}, "source": ["u = 'uw'\n"], "outputs": []},
                    {"cell_type": "markdown", "metadata": {}, "source": ["## Samenvatting\n"]},
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        ),
        encoding="utf-8",
    )
    cells = notebook_markdown(nb)
    assert [cell for cell, source in cells if formal_hits(source)] == ["cel 0"]

    bank = yaml.safe_load(
        "items:\n"
        "  - id: a-1\n"
        "    statement: We weten wat we doen.\n"
        "  - id: a-2\n"
        "    statement:\n"
        "      cooperatie: Wij zien uw werk.\n"
        "      gemeente: De gemeente ziet ons werk.\n"
        "    help: Denk aan je eigen werk.\n"
    )
    hits = [where for where, text in bank_strings(bank) if formal_hits(text)]
    assert hits == ["/items[1]/statement/cooperatie"]
