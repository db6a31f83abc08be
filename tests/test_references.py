"""references.bib: the committed file on its own, and (with ../shared) against its source.

The committed ``references.bib`` is checked by itself, so a clone without the research folder
runs these tests: every citation in the book, the notebooks, the data and the package resolves
to an entry; every entry has the fields its type needs to be formatted; DOIs and URLs are
well-formed; no editor's note reaches the reader.

The comparison with the research team's bibliography (``../shared/research/references.bib``)
is marked ``shared``: it runs in CI and with ``make check-shared``; without ``../shared`` it is
left out (see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from wijkcoop.publish import bib

ROOT = Path(__file__).resolve().parent.parent
CITE = re.compile(r"\{(?:cite|footcite)(?::[a-z]+)?\}`([^`]*)`")
# data/ files name the essay by key (bron_essay); the package writes {cite:p} roles itself.
DATA_KEY = re.compile(r"^\s*bron_essay:\s*(\S+)\s*$", re.MULTILINE)
DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
URL = re.compile(r"^https?://[^\s\"{}<>]+$")
# Fields each entry type needs (BibTeX's required fields, as the 'plain' style formats them).
REQUIRED = {
    "article": {"title", "journal", "year"},
    "book": {"title", "publisher", "year"},
    "incollection": {"title", "booktitle", "publisher", "year"},
    "techreport": {"title", "institution", "year"},
    "manual": {"title"},
    "misc": {"title"},
    "inproceedings": {"title", "booktitle", "year"},
    "phdthesis": {"title", "school", "year"},
    "mastersthesis": {"title", "school", "year"},
}
AUTHORED = {"article", "book", "incollection", "techreport", "inproceedings", "phdthesis"}


@pytest.fixture(scope="module")
def entries():
    return parse_file(str(bib.DEFAULT_TARGET), bib_format="bibtex").entries


def cited_keys() -> dict[str, set[str]]:
    """Every bibliography key cited anywhere in the repository, with where it is cited."""
    found: dict[str, set[str]] = {}

    def add(keys: str, where: Path) -> None:
        for key in keys.split(","):
            if key.strip():
                found.setdefault(key.strip(), set()).add(str(where.relative_to(ROOT)))

    for path in sorted((ROOT / "book").rglob("*.md")) + sorted(ROOT.glob("wijkcoop/**/*.py")):
        for match in CITE.finditer(path.read_text(encoding="utf-8")):
            add(match.group(1), path)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            for match in CITE.finditer("".join(cell["source"])):
                add(match.group(1), path)
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        for match in DATA_KEY.finditer(path.read_text(encoding="utf-8")):
            add(match.group(1), path)
    return found


def test_citations_are_found():
    keys = cited_keys()
    assert "karre2019samenwerken" in keys
    assert len(keys) >= 10, sorted(keys)


def test_every_citation_resolves(entries):
    missing = {k: sorted(v) for k, v in cited_keys().items() if k not in entries}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_entry_has_the_fields_its_type_needs(entries):
    problems = []
    for key, entry in entries.items():
        needed = REQUIRED.get(entry.type)
        if needed is None:
            problems.append(f"{key}: entry type @{entry.type} has no rule here")
            continue
        lacking = sorted(needed - {f.lower() for f in entry.fields})
        people = entry.persons.get("author") or entry.persons.get("editor")
        if entry.type in AUTHORED and not people:
            lacking.append("author or editor")
        if lacking:
            problems.append(f"{key} (@{entry.type}): missing {', '.join(lacking)}")
        year = entry.fields.get("year")
        if year is not None and not re.fullmatch(r"(19|20)\d\d", year):
            problems.append(f"{key}: year {year!r}")
    assert not problems, "\n".join(problems)


def test_every_entry_formats_in_the_plain_style(entries):
    style = find_plugin("pybtex.style.formatting", "plain")()
    for entry in entries.values():
        list(style.format_entries([entry]))  # raises FieldIsMissing naming the field


def test_dois_and_urls_are_well_formed(entries):
    problems = []
    for key, entry in entries.items():
        doi = entry.fields.get("doi")
        if doi is not None and not DOI.match(doi):
            problems.append(f"{key}: doi {doi!r} (write the bare DOI, e.g. 10.1000/xyz)")
        url = entry.fields.get("url")
        if url is not None and not URL.match(url):
            problems.append(f"{key}: url {url!r}")
    assert not problems, "\n".join(problems)


def test_no_editors_notes_and_unique_keys(entries):
    text = bib.DEFAULT_TARGET.read_text(encoding="utf-8")
    assert "note =" not in text
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE)
    assert len(keys) == len(set(keys)) == len(entries)


def test_the_checks_catch_a_bad_entry(tmp_path):
    bad = tmp_path / "bad.bib"
    bad.write_text(
        '@article{x2020, author = "A, B", title = "T", year = "2020", doi = "doi:10.1/x"}\n',
        encoding="utf-8",
    )
    entry = parse_file(str(bad), bib_format="bibtex").entries["x2020"]
    assert "journal" in REQUIRED["article"] - set(entry.fields)
    assert not DOI.match(entry.fields["doi"])
    assert not CITE.search("{cite:p} `x`")
    assert CITE.search("{cite:t}`a,b`").group(1) == "a,b"


@pytest.mark.shared
def test_committed_references_match_the_research_bibliography():
    assert bib.DEFAULT_SOURCE.exists(), f"source bibliography missing: {bib.DEFAULT_SOURCE}"
    text, left = bib.build()
    assert bib.DEFAULT_TARGET.read_text(encoding="utf-8") == text, (
        "references.bib is out of date: run 'python -m wijkcoop.publish.bib'"
    )
    assert "karre2019samenwerken" in text
    for key in left:
        assert f"{{{key}," not in text
