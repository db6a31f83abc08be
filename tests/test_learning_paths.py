"""Every role can follow its learning path from the start page.

The start page (book/index.md) links to each path on book/gebruik/index.md, and every step of
every path links to a label that exists in the book (a MyST label line in a page or in a
notebook's Markdown cell). Sphinx also checks references at build time; this test names the
role and the step, and runs without a build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_glossary import book_pages, page_text

ROOT = Path(__file__).resolve().parent.parent
START = ROOT / "book" / "index.md"
GUIDE = ROOT / "book" / "gebruik" / "index.md"
ROLES = {
    "gebruik-pad-initiatiefnemer": "initiatiefnemer of vrijwilliger",
    "gebruik-pad-ambtenaar": "ambtenaar of verbindingsofficier",
    "gebruik-pad-trainer": "trainer of begeleider",
    "gebruik-pad-financier": "financier",
}
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
REF = re.compile(r"\{ref\}`(?:[^`<]*<\s*([\w-]+)\s*>|([\w-]+))`")


def refs(text: str) -> list[str]:
    """Labels referenced with {ref} in ``text``, in order."""
    return [m.group(1) or m.group(2) for m in REF.finditer(text)]


def path_sections(markdown: str) -> dict[str, str]:
    """The text of each learning path, keyed by its label (up to the next label or ## heading)."""
    sections = {}
    for match in LABEL.finditer(markdown):
        label = match.group(1)
        if label not in ROLES:
            continue
        rest = markdown[match.end() :]
        end = re.search(r"^\([\w-]+\)=\s*$|^## ", rest, re.MULTILINE)
        sections[label] = rest[: end.start()] if end else rest
    return sections


@pytest.fixture(scope="module")
def labels() -> set[str]:
    return {label for p in book_pages() for label in LABEL.findall(page_text(p))}


@pytest.fixture(scope="module")
def paths() -> dict[str, str]:
    return path_sections(GUIDE.read_text("utf-8"))


def test_every_role_has_a_path(paths):
    assert set(paths) == set(ROLES)


@pytest.mark.parametrize("label", sorted(ROLES))
def test_start_page_links_to_the_path(label):
    assert label in refs(START.read_text("utf-8")), f"book/index.md does not link to {label}"


@pytest.mark.parametrize("label", sorted(ROLES))
def test_every_step_links_to_an_existing_section(label, paths, labels):
    steps = [ln for ln in paths[label].splitlines() if re.match(r"^\d+\. ", ln)]
    assert len(steps) >= 5, f"{ROLES[label]}: only {len(steps)} steps"
    for step in steps:
        targets = refs(step)
        assert targets, f"{ROLES[label]}: step without a link: {step}"
        missing = [t for t in targets if t not in labels]
        assert not missing, f"{ROLES[label]}: step links to missing labels {missing}: {step}"


def test_paths_are_equally_full(paths):
    # No role gets a thinner route than the others (the funders' path was two steps short).
    counts = {
        ROLES[label]: len([ln for ln in text.splitlines() if re.match(r"^\d+\. ", ln)])
        for label, text in paths.items()
    }
    assert max(counts.values()) - min(counts.values()) <= 1, counts


@pytest.mark.parametrize("label", sorted(ROLES))
def test_every_path_ends_with_a_self_check(label, paths):
    steps = [ln for ln in paths[label].splitlines() if re.match(r"^\d+\. ", ln)]
    assert any(t.startswith("zelftoets-") for t in refs(steps[-1])), steps[-1]


def test_the_four_roles_are_the_same_everywhere():
    # The start page, the guide and the recommendations name the same four roles.
    for page in [GUIDE, ROOT / "book" / "aan-de-slag" / "index.md"]:
        text = page.read_text("utf-8")
        assert "vijf rollen" not in text
        for name in ["Initiatiefnemer", "Ambtenaar", "Trainer", "Financier"]:
            assert name.lower() in text.lower(), f"{page.name} lacks {name}"
    roles = ROOT / "book" / "aan-de-slag" / "aanbevelingen.md"
    used = set(re.findall(r"^- \*\*([^:*]+):\*\*", roles.read_text("utf-8"), re.MULTILINE))
    assert used == {
        "Initiatiefnemer of vrijwilliger",
        "Ambtenaar of verbindingsofficier",
        "Trainer of begeleider",
        "Financier",
    }


def test_a_missing_label_is_detected(labels):
    section = path_sections("(gebruik-pad-financier)=\n### F\n\n1. {ref}`bestaat-niet`: x\n")
    targets = refs(section["gebruik-pad-financier"])
    assert targets == ["bestaat-niet"]
    assert "bestaat-niet" not in labels


def test_refs_with_text_and_without():
    assert refs("{ref}`scan` en {ref}`de spiegel <leernet-spiegel>`") == ["scan", "leernet-spiegel"]


@pytest.mark.parametrize("label", ["gebruik-pad-initiatiefnemer", "gebruik-pad-ambtenaar"])
def test_volunteers_and_civil_servants_reach_impact_in_plain_words(label, paths):
    # Issue 19: these routes go to the page without formulas, not to the technical pages.
    targets = refs(paths[label])
    assert "impact-gewone-taal" in targets, f"{ROLES[label]} does not reach impact-gewone-taal"
    technical = {"impact-methode", "impact-waarde", "impact-rekenen", "impact"}
    left = technical & set(targets)
    assert not left, f"{ROLES[label]} still sends readers to {left}"


def test_the_trainers_path_covers_the_friction_points_they_facilitate(paths):
    # Trainers lead the conversations about the five knelpunten (issue 21: the route skipped them).
    assert "relatie" in refs(paths["gebruik-pad-trainer"])
