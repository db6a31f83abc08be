"""Cut an edition: ``make release VERSION=x.y.z SUMMARY="één Nederlandse regel"``.

Two commits, in this order (docs/releasing.md):

1. **Release commit** ``Release x.y.z``: the version in its one place (``wijkcoop/_version.py``),
   the ``## Unreleased`` section of ``CHANGELOG.md`` becomes ``## [x.y.z] - <date>`` (a new
   empty ``## Unreleased`` goes above it), ``CITATION.cff`` gets ``version`` and
   ``date-released`` (and ``repository-code`` from the one repository setting), and
   ``.zenodo.json`` is written from ``CITATION.cff``. The edition is built from this commit.
2. **Editions commit** ``Editions: x.y.z``: ``data/edities/edities.yaml`` gets the entry naming
   the release commit, its date, the bank versions in it and the summary.

A local tag ``vx.y.z`` marks the release commit; nothing depends on it (a clone may not carry
tags). The working tree must be clean; nothing is pushed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

from wijkcoop.publish import catalogue, repository
from wijkcoop.publish.git import GitError, git
from wijkcoop.versions import semver

ROOT = Path(__file__).resolve().parents[2]
VERSION_FILE = Path("wijkcoop") / "_version.py"


class ReleaseError(ValueError):
    """The release cannot be cut as asked; the message says why (the command line prints it)."""


def _git(repo: Path, *args: str) -> str:
    return git(repo, *args).strip()


def current_version(repo: Path) -> str:
    """The version in ``wijkcoop/_version.py`` of ``repo``."""
    text = (repo / VERSION_FILE).read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise ValueError(f"no __version__ in {VERSION_FILE}")
    return found.group(1)


def set_version(repo: Path, version: str) -> None:
    """Write ``version`` into its one place, ``wijkcoop/_version.py``."""
    path = repo / VERSION_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', text), "utf-8")


def date_changelog(text: str, version: str, date: str) -> str:
    """Turn the Unreleased section into the dated section of ``version``."""
    if not re.search(r"^## Unreleased\s*$", text, re.M):
        raise ReleaseError("CHANGELOG.md has no '## Unreleased' section to release")
    if re.search(rf"^## \[{re.escape(version)}\] - \d", text, re.M):
        raise ReleaseError(f"CHANGELOG.md already has a dated section for {version}")
    # An undated placeholder for the same version (e.g. "## [0.1.0] - unreleased") is dropped
    # from its heading only when it is this version; its notes stay below as history.
    return re.sub(
        r"^## Unreleased[ \t]*$",
        f"## Unreleased\n\n## [{version}] - {date}",
        text,
        count=1,
        flags=re.M,
    )


def set_citation(text: str, version: str, date: str, url: str) -> str:
    """CITATION.cff text with version, date and repository-code (from the setting) set."""
    text = re.sub(r"^version: .*$", f"version: {version}", text, count=1, flags=re.M)
    text = re.sub(r"^date-released: .*$", f"date-released: {date}", text, count=1, flags=re.M)
    # the preferred citation (the book) names the same edition and year
    text = re.sub(r"^  edition: .*$", f'  edition: "editie {version}"', text, count=1, flags=re.M)
    text = re.sub(r"^  year: .*$", f"  year: {date[:4]}", text, count=1, flags=re.M)
    text = re.sub(r"^repository-code: .*\n", "", text, flags=re.M)
    if url:
        text = re.sub(
            r"^(license: .*\n)", rf'\1repository-code: "{url}"\n', text, count=1, flags=re.M
        )
    return text


def zenodo(cff: dict) -> dict:
    """Zenodo deposit metadata derived from CITATION.cff (no DOI: Zenodo assigns one)."""
    doc = {
        "title": cff["title"],
        "upload_type": "publication",
        "publication_type": "book",
        "description": cff.get("abstract") or cff["title"],
        "creators": [
            {"name": a.get("name") or f"{a['family-names']}, {a.get('given-names', '')}".strip()}
            for a in cff["authors"]
        ],
        "license": cff["license"].lower(),
        "version": str(cff["version"]),
        "publication_date": str(cff["date-released"]),
        "language": "nld",
        "keywords": cff.get("keywords", []),
    }
    if cff.get("repository-code"):
        doc["related_identifiers"] = [
            {"identifier": cff["repository-code"], "relation": "isSupplementTo", "scheme": "url"}
        ]
    return doc


def write_zenodo(repo: Path) -> None:
    """Write ``.zenodo.json`` from ``CITATION.cff``."""
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    text = json.dumps(zenodo(cff), ensure_ascii=False, indent=2) + "\n"
    (repo / ".zenodo.json").write_text(text, encoding="utf-8")


def add_edition(repo: Path, entry: dict) -> None:
    """Insert ``entry`` first in the editions list, keeping the header comment; validate."""
    path = repo / catalogue.EDITIONS_FILE
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    doc = yaml.safe_load(text) or {"edities": []}
    doc["edities"].insert(0, entry)
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")
    catalogue.load(repo)  # validates schema and order


def release(repo: Path, version: str, summary: str, date: str, tag: bool = True) -> tuple[str, str]:
    """Make the two commits; returns (release commit, editions commit)."""
    semver(version)
    summary = " ".join(summary.split())
    if not 10 <= len(summary) <= 200:
        raise ReleaseError("SUMMARY: one Dutch line of 10 to 200 characters")
    if _git(repo, "status", "--porcelain", "--untracked-files=no"):
        raise ReleaseError("the working tree has uncommitted changes: commit or stash them first")
    listed = catalogue.load(repo)
    if listed and semver(version) <= listed[0].key:
        raise ReleaseError(f"{version} is not newer than the newest edition {listed[0].version}")
    if semver(version) < semver(current_version(repo)):
        raise ReleaseError(f"{version} is older than the current version {current_version(repo)}")
    url = repository.configured(repo / "_config.yml")

    set_version(repo, version)
    log = repo / "CHANGELOG.md"
    log.write_text(date_changelog(log.read_text(encoding="utf-8"), version, date), "utf-8")
    cff = repo / "CITATION.cff"
    cff.write_text(set_citation(cff.read_text(encoding="utf-8"), version, date, url), "utf-8")
    write_zenodo(repo)
    files = [str(VERSION_FILE), "CHANGELOG.md", "CITATION.cff", ".zenodo.json"]
    _git(repo, "add", *files)
    _git(repo, "commit", "-q", "-m", f"Release {version}")
    commit = _git(repo, "rev-parse", "HEAD")
    if tag:
        _git(repo, "tag", f"v{version}", commit)

    edition = catalogue.Edition(version, date, commit, catalogue.bank_versions(repo), summary)
    add_edition(repo, edition.to_yaml())
    _git(repo, "add", str(catalogue.EDITIONS_FILE))
    _git(repo, "commit", "-q", "-m", f"Editions: {version} built from {commit[:12]}")
    return commit, _git(repo, "rev-parse", "HEAD")


def main(argv: list[str] | None = None) -> int:
    """``python -m wijkcoop.publish.release VERSION SUMMARY`` (``make release``)."""
    parser = argparse.ArgumentParser(prog="python -m wijkcoop.publish.release", description=__doc__)
    parser.add_argument("version")
    parser.add_argument("summary", help="one Dutch line for the editions list")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    parser.add_argument("--no-tag", action="store_true")
    args = parser.parse_args(argv)
    try:
        first, second = release(ROOT, args.version, args.summary, args.date, tag=not args.no_tag)
    except (ValueError, GitError) as err:  # ReleaseError, a bad version, a failing git command
        print(f"make release: {err}", file=sys.stderr)
        return 1
    print(f"release commit {first[:12]} (Release {args.version}); editions commit {second[:12]}")
    print("next: make site (builds every edition), make test; then merge/push as usual")
    return 0


if __name__ == "__main__":
    sys.exit(main())
