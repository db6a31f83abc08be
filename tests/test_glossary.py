"""The glossary is used: every term in book/naslag/begrippen.md is linked from another page.

The terms are read from the ``{glossary}`` block of the glossary page (a term is a line that
starts in the first column inside the block; its definition is indented below it). The pages are
the ones in ``_toc.yml``: MyST Markdown files and the Markdown cells of notebooks. A reference is
the role ``{term}`naam``` or ``{term}`tekst <naam>```; like Sphinx, the match ignores case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "book" / "naslag" / "begrippen.md"
TERM_ROLE = re.compile(r"\{term\}`(?:[^`<]*<\s*([^`>]+?)\s*>|([^`<]+?))`")
MIN_TERMS = 25


def glossary_terms(markdown: str) -> list[str]:
    """The terms defined in the first ``{glossary}`` block of a MyST page."""
    lines = markdown.splitlines()
    start = next(
        (i for i, ln in enumerate(lines) if re.match(r"^(`{3,}|:{3,})\{glossary\}", ln.strip())),
        None,
    )
    if start is None:
        raise ValueError("no {glossary} block found")
    fence = re.match(r"^(`{3,}|:{3,})", lines[start].strip()).group(1)
    terms = []
    for line in lines[start + 1 :]:
        if line.strip() == fence:
            return terms
        if not line.strip() or line[0].isspace() or re.match(r"^:[\w-]+:", line):
            continue  # blank line, indented definition or directive option such as :sorted:
        terms.append(line.strip())
    raise ValueError("the {glossary} block is not closed")


def term_references(text: str) -> set[str]:
    """Lower-cased glossary terms referenced with the {term} role in ``text``."""
    return {(m.group(1) or m.group(2)).strip().lower() for m in TERM_ROLE.finditer(text)}


def _toc_files(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"file", "root"} and isinstance(value, str):
                found.append(value)
            else:
                found += _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += _toc_files(item)
    return found


def book_pages() -> list[Path]:
    """Every page in _toc.yml, as a path to its .md or .ipynb source."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    pages = []
    for name in _toc_files(toc):
        candidates = [ROOT / f"{name}.md", ROOT / f"{name}.ipynb"]
        path = next((p for p in candidates if p.exists()), None)
        assert path is not None, f"_toc.yml lists {name!r}, but neither .md nor .ipynb exists"
        pages.append(path)
    return pages


def page_text(path: Path) -> str:
    """Markdown of a page; for a notebook, its Markdown cells."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text("utf-8"))
        return "\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"]
            if c["cell_type"] == "markdown"
        )
    return path.read_text("utf-8")


def unreferenced(terms: list[str], texts: dict[str, str]) -> list[str]:
    """The terms that no text references with {term}."""
    used = set().union(*(term_references(t) for t in texts.values())) if texts else set()
    return [t for t in terms if t.lower() not in used]


@pytest.fixture(scope="module")
def terms() -> list[str]:
    return glossary_terms(GLOSSARY.read_text("utf-8"))


@pytest.fixture(scope="module")
def other_pages() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): page_text(p) for p in book_pages() if p.resolve() != GLOSSARY}


def test_glossary_has_enough_terms(terms):
    assert len(terms) >= MIN_TERMS, terms
    assert len({t.lower() for t in terms}) == len(terms), "a term is defined twice"


def test_every_term_is_linked_from_another_page(terms, other_pages):
    missing = unreferenced(terms, other_pages)
    assert not missing, f"glossary terms never linked with {{term}} from another page: {missing}"


def test_every_term_reference_names_a_glossary_term(terms, other_pages):
    known = {t.lower() for t in terms}
    wrong = {
        f"{page}: {ref}"
        for page, text in other_pages.items()
        for ref in term_references(text)
        if ref not in known
    }
    assert not wrong, sorted(wrong)


# The checks below show the parsing works and the main check can fail.

SAMPLE = """# Begrippen

```{glossary}
:sorted:

wijkcoöperatie
  Een organisatie van bewoners.
  Tweede regel.

Right to Challenge
  Het recht om uit te dagen.
```

Tekst na de lijst met {term}`los`.
"""


def test_glossary_terms_are_parsed_from_the_block_only():
    assert glossary_terms(SAMPLE) == ["wijkcoöperatie", "Right to Challenge"]


def test_glossary_without_block_is_an_error():
    with pytest.raises(ValueError, match="no \\{glossary\\} block"):
        glossary_terms("# Leeg\n")


def test_term_roles_plain_and_with_text():
    text = "Een {term}`wijkcoöperaties <wijkcoöperatie>` en het {term}`Right to Challenge`."
    assert term_references(text) == {"wijkcoöperatie", "right to challenge"}


def test_unreferenced_term_is_reported():
    terms = glossary_terms(SAMPLE)
    texts = {"a.md": "Over de {term}`wijkcoöperaties <wijkcoöperatie>`."}
    assert unreferenced(terms, texts) == ["Right to Challenge"]
    texts["b.md"] = "Zie {term}`right to challenge`."
    assert unreferenced(terms, texts) == []


def test_plain_mention_without_role_does_not_count():
    terms = glossary_terms(SAMPLE)
    assert unreferenced(terms, {"a.md": "Right to Challenge en wijkcoöperatie"}) == terms
