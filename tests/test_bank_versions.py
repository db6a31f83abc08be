"""A question-bank version that an edition published never changes its questions.

``data/edities/edities.yaml`` names, per edition, the commit it was built from and the version
of each question bank in it. Readers' exports carry that version, and the migrations
(docs/scan-format.md) start from it, so a published version is frozen: when the current bank (or
its copy in ``data/scan/archief/``) still carries that version, what it asks and how it scores
must equal the bank at the edition's commit. A change needs a new version, a ``changes:`` entry
and, where ids change, a migration.

The bank at the commit is read with ``git show``; in a clone without that commit (a shallow
clone) the archived copy of that version stands in, and without either the test says how to
fetch the history.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

import pytest
import yaml

from wijkcoop.publish import catalogue

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "data" / "scan"
ARCHIVE = SCAN / "archief"
#: What a bank version fixes: the questions and how they are scored. (``changes:`` and
#: ``migrations:`` are the bank's history and grow with each new version.)
FROZEN = ("items", "scale", "conditions", "derived", "roles")


def frozen_part(bank: dict) -> dict:
    return {key: bank.get(key) for key in FROZEN}


def differences(published: dict, current: dict) -> list[str]:
    """What differs between two banks of the same version, item by item (empty when equal)."""
    old, new = frozen_part(published), frozen_part(current)
    found = []
    for key in FROZEN:
        if key == "items":
            before = {i["id"]: i for i in old["items"] or []}
            after = {i["id"]: i for i in new["items"] or []}
            found += [f"item {i} removed" for i in sorted(before.keys() - after.keys())]
            found += [f"item {i} added" for i in sorted(after.keys() - before.keys())]
            for i in sorted(before.keys() & after.keys()):
                fields = sorted(
                    k
                    for k in before[i].keys() | after[i].keys()
                    if before[i].get(k) != after[i].get(k)
                )
                if fields:
                    found.append(f"item {i} changed ({', '.join(fields)})")
            if not found and [i["id"] for i in old["items"] or []] != [
                i["id"] for i in new["items"] or []
            ]:
                found.append("items reordered")
        elif old[key] != new[key]:
            found.append(f"{key} changed")
    return found


def _at_commit(commit: str, bank_id: str) -> dict | None:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:data/scan/{bank_id}.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    return yaml.safe_load(done.stdout) if done.returncode == 0 else None


def _load(path: Path) -> dict | None:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def _published() -> list[tuple[str, str, str, str]]:
    """(edition, commit, bank id, bank version) for every bank every edition lists."""
    return [
        (ed.version, ed.commit, bank_id, version)
        for ed in catalogue.load(ROOT)
        for bank_id, version in sorted(ed.banks.items())
    ]


@pytest.mark.parametrize(
    ("edition", "commit", "bank_id", "version"), _published(), ids=lambda v: str(v)[:12]
)
def test_a_published_bank_version_keeps_its_items(edition, commit, bank_id, version):
    archived = _load(ARCHIVE / f"{bank_id}-{version}.yaml")
    published = _at_commit(commit, bank_id)
    if published is None:
        if archived is None:
            pytest.fail(
                f"edition {edition} lists {bank_id} {version}, but its commit {commit[:12]} is not "
                f"in this clone (a shallow clone?) and data/scan/archief/ has no copy of that "
                "version: run 'git fetch --unshallow' to check it"
            )
        published = archived
    assert published["version"] == version, (
        f"data/edities/edities.yaml says edition {edition} has {bank_id} {version}, but the bank "
        f"at its commit {commit[:12]} is version {published['version']}"
    )
    candidates = [
        ("data/scan/archief", archived),
        (f"data/scan/{bank_id}.yaml", _load(SCAN / f"{bank_id}.yaml")),
    ]
    for where, bank in candidates:
        if bank is None or bank["version"] != version:
            continue
        changed = differences(published, bank)
        assert not changed, (
            f"{where}: {bank_id} {version} was published in edition {edition} "
            f"(commit {commit[:12]}) and has changed since: {'; '.join(changed[:8])}. "
            "A published version is frozen: raise the bank's version, add 'changes:' entries "
            "and, where ids change, a migration (docs/scan-format.md)"
        )


def test_every_edition_lists_the_banks_it_had():
    for ed in catalogue.load(ROOT):
        assert ed.banks, f"edition {ed.version} lists no question banks"


def test_a_changed_statement_or_score_rule_is_found():
    bank = yaml.safe_load((SCAN / "duurzaamheidsscan.yaml").read_text(encoding="utf-8"))
    assert differences(bank, copy.deepcopy(bank)) == []
    edited = copy.deepcopy(bank)
    edited["items"][0]["statement"] += " Ook nu."
    first = bank["items"][0]["id"]
    assert differences(bank, edited) == [f"item {first} changed (statement)"]
    edited = copy.deepcopy(bank)
    edited["items"].append({**bank["items"][0], "id": "nieuw-1"})
    assert differences(bank, edited) == ["item nieuw-1 added"]
    edited = copy.deepcopy(bank)
    edited["items"].reverse()
    assert differences(bank, edited) == ["items reordered"]
    edited = copy.deepcopy(bank)
    edited["scale"] = {**bank["scale"], "extra": 1}
    assert differences(bank, edited) == ["scale changed"]
    edited = copy.deepcopy(bank)
    edited["changes"] = [*bank.get("changes", []), {"version": "9.9.9"}]
    assert differences(bank, edited) == [], "the history may grow"
