"""The version lives in one place; CITATION.cff and CHANGELOG.md agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from wijkcoop import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_version_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_citation_cff_matches_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == __version__
    assert cff["license"] == "CC-BY-4.0"
    titles = [r["title"] for r in cff.get("references", [])]
    assert any(t.startswith("Samenwerken aan de wijk") for t in titles), "cite the source essay"


def test_citation_cff_and_zenodo_describe_one_book_with_one_subtitle():
    """CFF's own type is software or dataset; the book is its preferred citation, as in Zenodo."""
    import json

    from wijkcoop.citation import SUBTITLE, full_title

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    title = full_title(config["title"])
    assert title.endswith(SUBTITLE[1:])
    assert cff["title"] == title
    assert cff["preferred-citation"]["title"] == title
    assert cff["preferred-citation"]["type"] == "book"
    assert cff["preferred-citation"]["edition"] == f"editie {__version__}"
    assert zenodo["title"] == title
    assert (zenodo["upload_type"], zenodo["publication_type"]) == ("publication", "book")
    assert cff["authors"] == cff["preferred-citation"]["authors"]


def test_changelog_has_section_for_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", text, re.M)


def test_pyproject_reads_version_from_package():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text
    assert 'version = { attr = "wijkcoop._version.__version__" }' in text


def test_requirements_are_fully_pinned():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    unpinned = [line for line in lines if "==" not in line]
    assert unpinned == []
    jb = next(line for line in lines if line.lower().startswith("jupyter-book=="))
    assert jb.split("==")[1].startswith("1.")
    assert not any(line.lower().startswith("jupyterlab==") for line in lines), (
        "JupyterLab belongs in requirements-lab.txt (it slows the build)"
    )
