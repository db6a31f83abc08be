"""The release procedure (make release) and the citation metadata it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wijkcoop.publish import catalogue, release, repository

ROOT = Path(__file__).resolve().parent.parent
CFFCONVERT = Path(os.environ.get("CFFCONVERT", ROOT / ".venv-cff" / "bin" / "cffconvert"))
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def cffconvert_validate(path: Path) -> subprocess.CompletedProcess:
    assert CFFCONVERT.exists(), (
        f"cffconvert not found at {CFFCONVERT}: run 'make .venv-cff/.installed' (make test does)"
    )
    return subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True
    )


def test_citation_cff_validates_with_cffconvert():
    done = cffconvert_validate(ROOT / "CITATION.cff")
    assert done.returncode == 0, done.stdout + done.stderr


def test_cffconvert_rejects_a_broken_file(tmp_path):
    bad = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    bad.write_text(text.replace("cff-version: 1.2.0", "cff-version: 1.2.0\ndate-released: 1 mei"))
    assert cffconvert_validate(bad).returncode != 0


def test_zenodo_metadata_follows_citation_and_invents_no_doi():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    path = ROOT / ".zenodo.json"
    assert json.loads(path.read_text(encoding="utf-8")) == release.zenodo(cff)
    assert "doi" not in path.read_text(encoding="utf-8").lower()
    assert "doi" not in cff


@pytest.fixture
def clone(tmp_path):
    """A clone of this repository at HEAD, to release in."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(ROOT), str(repo)], check=True)
    for key, value in (("user.name", "t"), ("user.email", "t@example.org")):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    return repo


def _git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    return out.stdout.strip()


def test_release_makes_two_commits_and_lists_the_edition(clone):
    before = _git(clone, "rev-parse", "HEAD")
    first, second = release.release(
        clone, "9.1.0", "Testeditie om de procedure te proeven.", "2030-05-01"
    )
    assert _git(clone, "rev-parse", "HEAD") == second
    assert _git(clone, "rev-parse", "HEAD~1") == first
    assert _git(clone, "rev-parse", "HEAD~2") == before
    assert _git(clone, "log", "-1", "--format=%s", first) == "Release 9.1.0"
    # The edition names the commit it is built from: the release commit.
    ed = catalogue.load(clone)[0]
    assert (ed.version, ed.date, ed.commit) == ("9.1.0", "2030-05-01", first)
    assert ed.banks == catalogue.bank_versions(clone)
    # The release commit carries the version in every place, the editions commit only the list.
    show = _git(clone, "show", f"{first}:wijkcoop/_version.py")
    assert '__version__ = "9.1.0"' in show
    cff = yaml.safe_load(_git(clone, "show", f"{first}:CITATION.cff"))
    assert (cff["version"], str(cff["date-released"])) == ("9.1.0", "2030-05-01")
    assert cff.get("repository-code", "") == repository.configured(clone / "_config.yml")
    assert "## [9.1.0] - 2030-05-01" in _git(clone, "show", f"{first}:CHANGELOG.md")
    assert _git(clone, "show", "--name-only", "--format=", second) == str(catalogue.EDITIONS_FILE)
    zen = json.loads((clone / ".zenodo.json").read_text(encoding="utf-8"))
    assert (zen["version"], zen["publication_date"]) == ("9.1.0", "2030-05-01")
    assert cffconvert_validate(clone / "CITATION.cff").returncode == 0
    assert _git(clone, "rev-parse", "v9.1.0") == first
    # The tests of the version agree in the released tree.
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_version.py"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(clone)),
    )
    assert done.returncode == 0, done.stdout[-2000:]


def test_release_refuses_old_versions_and_dirty_trees(clone):
    release.release(clone, "9.1.0", "Testeditie om de procedure te proeven.", "2030-05-01")
    with pytest.raises(release.ReleaseError, match="not newer"):
        release.release(clone, "9.0.0", "Een oudere editie die niet mag.", "2030-06-01")
    (clone / "wijkcoop" / "_version.py").write_text('__version__ = "x"\n', encoding="utf-8")
    with pytest.raises(release.ReleaseError, match="uncommitted"):
        release.release(clone, "9.2.0", "Een editie uit een vuile boom.", "2030-06-01")


def test_changelog_and_citation_edits():
    text = "# Changelog\n\n## Unreleased\n\n- iets\n\n## [0.1.0] - unreleased\n"
    out = release.date_changelog(text, "1.0.0", "2026-12-01")
    assert "## Unreleased\n\n## [1.0.0] - 2026-12-01\n\n- iets" in out
    with pytest.raises(release.ReleaseError):
        release.date_changelog("# Changelog\n", "1.0.0", "2026-12-01")
    cff = "version: 0.1.0\ndate-released: 2026-01-01\nlicense: CC-BY-4.0\n"
    out = release.set_citation(cff, "1.0.0", "2026-12-01", "https://github.com/a/b")
    assert out == (
        "version: 1.0.0\ndate-released: 2026-12-01\nlicense: CC-BY-4.0\n"
        'repository-code: "https://github.com/a/b"\n'
    )
    assert "repository-code" not in release.set_citation(out, "1.0.0", "2026-12-01", "")
    book = 'preferred-citation:\n  type: book\n  edition: "editie 0.1.0"\n  year: 2025\n'
    out = release.set_citation(cff + book, "1.1.0", "2027-01-02", "")
    assert 'edition: "editie 1.1.0"\n  year: 2027\n' in out


def test_the_command_line_turns_a_refusal_into_exit_1(capsys):
    # refused before anything is read or written: the version is not x.y.z
    assert release.main(["01.0.0", "Een editie met een fout nummer."]) == 1
    assert "not a semantic version" in capsys.readouterr().err
