"""Seeded synthetic exports for the trainers' demo notebook and the tests.

Nothing here is real data: organisations are invented ("Wijkcoöperatie Voorbeeld 01"), answers
are drawn from a simple model, and the same seed always gives byte-identical files.

* :func:`generate` returns valid export documents (the format of ``docs/scan-format.md``) for a
  number of invented organisations and rounds, for one bank;
* :func:`broken_files` returns one broken file for every import-validation code but
  ``bad-version``, plus a duplicate;
* :func:`write_folder` writes a folder with both, as a trainer would collect it after a session,
  and returns what it wrote and what the group analysis is expected to do with each file.

The answer model: every organisation has a level per part (0-100) drawn around a common mean;
in a later round the level moves up by ``improve`` points on average. For a two-sided bank the
``gemeente`` side sees the relationship through its own lens: its level differs from the
cooperative's by a fixed offset per condition, so the gap chart has something to show.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wijkcoop import scan
from wijkcoop.scan import Bank

EXPORT_FORMAT = "wijkcoop-scan-export"
#: The codes the broken demo files are refused with: the engine's codes except ``bad-version``
#: (no demo file has an unreadable version number) plus the group's own ``duplicate``.
BROKEN_KINDS = (
    "too-large",
    "not-json",
    "not-export",
    "other-bank",
    "future-version",
    "missing-field",
    "unknown-item",
    "bad-value",
    "bad-text",
    "duplicate",
)
DEFAULT_ROUNDS = ("ronde-1", "ronde-2")
DEFAULT_BANKS = ("duurzaamheidsscan", "relatiespiegel")


@dataclass(frozen=True)
class SyntheticFile:
    """One file written by :func:`write_folder` and what should happen to it."""

    name: str
    bank_id: str
    expected: str  # "valid" or the code the file must be refused with
    organisation: str = ""
    role: str | None = None
    round: str = ""


def slug(text: str) -> str:
    """ASCII file-name form of a name: 'Wijkcoöperatie Noord' -> 'wijkcooperatie-noord'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def organisation_name(i: int) -> str:
    """Invented organisation name number ``i`` (1-based)."""
    return f"Wijkcoöperatie Voorbeeld {i:02d}"


def _timestamp(rng: np.random.Generator, round_index: int) -> str:
    day = 1 + round_index * 14 + int(rng.integers(0, 10))
    hour = int(rng.integers(9, 21))
    minute = int(rng.integers(0, 60))
    return f"2026-{9 + day // 30:02d}-{1 + day % 30:02d}T{hour:02d}:{minute:02d}:00Z"


def _likert(rng: np.random.Generator, level: float, reverse: bool) -> int:
    """A 1-5 answer whose item score lies near ``level`` (0-100)."""
    raw = 1 + level / 25 + rng.normal(0, 0.7)
    value = int(np.clip(np.rint(raw), 1, 5))
    return 6 - value if reverse else value


def _numeric(rng: np.random.Generator, item: dict[str, Any]) -> float | int:
    lo = float(item.get("min", 0) or 0)
    hi = item.get("max")
    if item.get("unit") == "procent":
        hi = 100.0 if hi is None else float(hi)
        return round(float(rng.uniform(lo, hi)), 1)
    hi = lo + 100_000.0 if hi is None else min(float(hi), lo + 250_000.0)
    return int(rng.uniform(lo, hi) // 100 * 100)


def make_answers(
    bank: Bank,
    rng: np.random.Generator,
    levels: dict[str, float],
    p_unknown: float = 0.05,
    p_missing: float = 0.03,
) -> dict[str, Any]:
    """Answers for one respondent: ``levels`` maps part id -> intended score (0-100)."""
    answers: dict[str, Any] = {}
    for item in bank.items:
        u = rng.random()
        if u < p_missing:
            continue
        if item.get("type", "likert") == "likert":
            if u < p_missing + p_unknown:
                answers[item["id"]] = "?"
            else:
                level = levels.get(item["part"], 50.0)
                answers[item["id"]] = _likert(rng, level, bool(item.get("reverse")))
        else:
            answers[item["id"]] = _numeric(rng, item)
    return answers


def _condition_offsets(bank: Bank, rng: np.random.Generator) -> dict[str, float]:
    """How much more (or less) positive the second role is, per condition."""
    return {c["id"]: float(rng.choice([-10, 0, 10, 15, 20])) for c in bank.conditions}


def generate(
    bank_id: str,
    n_orgs: int = 8,
    rounds: Sequence[str] = DEFAULT_ROUNDS,
    seed: int = 2026,
    improve: float = 6.0,
    with_names: bool = True,
) -> list[dict[str, Any]]:
    """Valid exports: one per organisation, round and role (both roles for two-sided banks).

    Returns dicts with keys ``file`` (suggested file name), ``export`` (the export document),
    ``organisation``, ``role`` and ``round``. With ``with_names=False`` the organisation field
    stays empty (such exports cannot be matched between rounds).
    """
    bank = scan.load_bank(bank_id)
    rng = np.random.default_rng([seed, sum(bank_id.encode())])
    roles: list[str | None] = list(bank.roles) or [None]
    parts = bank.part_ids
    part_condition = bank.condition_of_part
    offsets = _condition_offsets(bank, rng)
    out: list[dict[str, Any]] = []
    for i in range(1, n_orgs + 1):
        org = organisation_name(i)
        org_mean = float(rng.normal(55, 12))
        base = {p: float(np.clip(org_mean + rng.normal(0, 12), 5, 95)) for p in parts}
        growth = {p: float(rng.normal(improve, 4)) for p in parts}
        for r_index, round_label in enumerate(rounds):
            for role_index, role in enumerate(roles):
                levels = {}
                for p in parts:
                    level = base[p] + growth[p] * r_index
                    if role_index == 1:
                        level += offsets[part_condition[p]]
                    levels[p] = float(np.clip(level, 0, 100))
                answers = make_answers(bank, rng, levels)
                export = scan.make_export(
                    bank, answers, organisation=org if with_names else "", notes="", role=role
                )
                export["exported_at"] = _timestamp(rng, r_index)
                role_part = f"_{role}" if role else ""
                name = f"{slug(org) if with_names else f'deelnemer-{i:02d}'}_{bank_id}"
                out.append(
                    {
                        "file": f"{name}{role_part}_{round_label}.json",
                        "export": export,
                        "organisation": org if with_names else "",
                        "role": role,
                        "round": round_label,
                    }
                )
    return out


def dumps(export: dict[str, Any]) -> bytes:
    """The bytes of an export file as the site and the widget write them."""
    return json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8")


def broken_files(bank_id: str, seed: int = 2026) -> list[tuple[str, bytes, str]]:
    """One broken file per engine validation code but ``bad-version``: ``(name, bytes, code)``.

    The names are neutral (no organisation name): these files cannot be read far enough to
    learn whose they are, so nothing could be masked in them.
    """
    bank = scan.load_bank(bank_id)
    rng = np.random.default_rng([seed, 7])
    likert = next(i for i in bank.items if i.get("type", "likert") == "likert")
    levels = {p: 60.0 for p in bank.part_ids}
    role = bank.roles[0] if bank.roles else None

    def base() -> dict[str, Any]:
        ex = scan.make_export(bank, make_answers(bank, rng, levels), role=role)
        ex["exported_at"] = "2026-10-01T12:00:00Z"
        return ex

    files: list[tuple[str, bytes, str]] = []
    padded = dumps(base()).rstrip(b"}") + b" " * (3 * 1024 * 1024 // 2) + b"}"
    files.append(("kapot-te-groot.json", padded, "too-large"))
    files.append(("kapot-geen-json.json", b'{"format": "wijkcoop-scan-export", "answ', "not-json"))
    ex = base()
    ex["format"] = "iets-anders"
    files.append(("kapot-geen-export.json", dumps(ex), "not-export"))
    ex = base()
    ex["bank_id"] = "klanttevredenheid"
    files.append(("kapot-andere-scan.json", dumps(ex), "other-bank"))
    ex = base()
    ex["bank_version"] = "99.0.0"
    files.append(("kapot-nieuwere-versie.json", dumps(ex), "future-version"))
    ex = base()
    del ex["answers"]
    files.append(("kapot-antwoorden-ontbreken.json", dumps(ex), "missing-field"))
    ex = base()
    ex["answers"]["bestaat-niet-1"] = 3
    files.append(("kapot-onbekende-vraag.json", dumps(ex), "unknown-item"))
    ex = base()
    ex["answers"][likert["id"]] = 7
    files.append(("kapot-ongeldig-antwoord.json", dumps(ex), "bad-value"))
    ex = base()
    ex["notes"] = "x" * 6000
    files.append(("kapot-te-lange-notitie.json", dumps(ex), "bad-text"))
    return [(f"{bank_id}_{name}", data, code) for name, data, code in files]


def write_folder(
    folder: str | Path,
    banks: Iterable[str] = DEFAULT_BANKS,
    n_orgs: int = 8,
    rounds: Sequence[str] = DEFAULT_ROUNDS,
    seed: int = 2026,
    broken: bool = True,
) -> list[SyntheticFile]:
    """Write a trainer's folder of exports; returns every file with its expected outcome.

    With ``broken=True`` the folder also holds, for the first bank, one file per validation
    code and a byte-for-byte copy of a valid export under a name that sorts after the original
    (refused as ``duplicate``: equal export times, so the first name counts).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[SyntheticFile] = []
    banks = list(banks)
    for bank_id in banks:
        for entry in generate(bank_id, n_orgs=n_orgs, rounds=rounds, seed=seed):
            (folder / entry["file"]).write_bytes(dumps(entry["export"]))
            written.append(
                SyntheticFile(
                    entry["file"],
                    bank_id,
                    "valid",
                    entry["organisation"],
                    entry["role"],
                    entry["round"],
                )
            )
    if broken and banks:
        for name, data, code in broken_files(banks[0], seed=seed):
            (folder / name).write_bytes(data)
            written.append(SyntheticFile(name, banks[0], code))
        first = next(f for f in written if f.expected == "valid" and f.bank_id == banks[0])
        copy_name = f"{Path(first.name).stem}.kopie.json"
        (folder / copy_name).write_bytes((folder / first.name).read_bytes())
        written.append(
            SyntheticFile(
                copy_name, first.bank_id, "duplicate", first.organisation, first.role, first.round
            )
        )
    return written


# --- workshop folders: what a trainer may bring (the notebooks run to the end on each) -------

#: The folder variants of :func:`write_variant`, with what each holds (Dutch, for the tests).
VARIANTS = {
    "voorbeeld": "beide vragenlijsten, twee rondes, kapotte en dubbele bestanden",
    "een-ronde": "beide vragenlijsten, alleen ronde 1",
    "alleen-spiegel": "alleen de relatiespiegel, één ronde",
    "alleen-scan": "alleen de duurzaamheidsscan, twee rondes",
    "gemengd": "beide vragenlijsten, ook exports van een oudere editie, zonder naam of ronde",
    "kapot": "één ronde, met kapotte, dubbele en te nieuwe bestanden",
    "klein": "drie deelnemers: minder dan de kleinste groep",
}
#: A truncated export whose file name holds an organisation's name (the privacy case).
TRUNCATED_NAME = "duurzaamheidsscan-cooperatie-tarwewijk-2026-12-04.json"
TRUNCATED_ORGANISATION = "Coöperatie Tarwewijk"


def _old_edition_files(folder: Path, seed: int, first: int) -> list[SyntheticFile]:
    """One export per archived bank (an earlier edition), by organisations not used elsewhere."""
    from wijkcoop.data import data_dir

    out = []
    rng = np.random.default_rng([seed, 11])
    for k, path in enumerate(sorted((data_dir() / "scan" / "archief").glob("*.yaml"))):
        bank = scan.load_bank_path(path)
        org = organisation_name(first + k)
        role = bank.roles[0] if bank.roles else None
        answers = make_answers(bank, rng, {p: 50.0 for p in bank.part_ids})
        export = scan.make_export(bank, answers, organisation=org, role=role)
        export["exported_at"] = "2026-10-02T10:00:00Z"
        name = f"{slug(org)}_{bank.bank_id}-{bank.version}_ronde-1.json"
        (folder / name).write_bytes(dumps(export))
        out.append(SyntheticFile(name, bank.bank_id, "valid", org, role, "ronde-1"))
    return out


def write_variant(folder: str | Path, variant: str, seed: int = 2026) -> list[SyntheticFile]:
    """Write one of the :data:`VARIANTS` into ``folder``; returns every file written."""
    folder = Path(folder)
    if variant == "voorbeeld":
        return write_folder(folder, seed=seed)
    if variant == "een-ronde":
        return write_folder(folder, rounds=("ronde-1",), seed=seed, broken=False)
    if variant == "alleen-spiegel":
        return write_folder(
            folder, banks=("relatiespiegel",), rounds=("ronde-1",), seed=seed, broken=False
        )
    if variant == "alleen-scan":
        return write_folder(folder, banks=("duurzaamheidsscan",), seed=seed, broken=False)
    if variant == "klein":
        return write_folder(folder, n_orgs=3, seed=seed, broken=False)
    if variant == "gemengd":
        written = write_folder(folder, n_orgs=6, seed=seed, broken=False)
        written += _old_edition_files(folder, seed, first=7)
        bank = scan.load_bank("duurzaamheidsscan")
        rng = np.random.default_rng([seed, 13])
        ex = scan.make_export(bank, make_answers(bank, rng, {p: 40.0 for p in bank.part_ids}))
        (folder / "zonder-naam.json").write_bytes(dumps(ex))
        written.append(SyntheticFile("zonder-naam.json", "duurzaamheidsscan", "valid"))
        return written
    if variant == "kapot":
        written = write_folder(folder, rounds=("ronde-1",), seed=seed)
        bank = scan.load_bank("duurzaamheidsscan")
        full = dumps(generate(bank.bank_id, n_orgs=1, rounds=("ronde-1",), seed=seed)[0]["export"])
        full = full.replace(organisation_name(1).encode(), TRUNCATED_ORGANISATION.encode())
        (folder / TRUNCATED_NAME).write_bytes(full[: len(full) // 2])
        written.append(
            SyntheticFile(TRUNCATED_NAME, bank.bank_id, "not-json", TRUNCATED_ORGANISATION)
        )
        return written
    raise ValueError(f"unknown variant {variant!r}; known: {', '.join(VARIANTS)}")
