"""Group analysis for trainers: a folder of scan and spiegel exports, read as one group.

Use::

    from wijkcoop import group
    g = group.analyse("exports/")            # every file validated, nothing changed
    g.rejected                               # bestand, code, reden (Dutch)
    g.distribution("duurzaamheidsscan")      # per part: n, quartiles, score bands
    g.profile("duurzaamheidsscan")           # mean per part and condition
    g.change("duurzaamheidsscan")            # change between two rounds, matched participants
    g.gap()                                  # relatiespiegel: cooperatie vs gemeente per point
    g.write("uitvoer/")                      # samenvatting.csv, geweigerd.csv, overzicht.html

Rules (also in the trainers' guide):

* **Validation.** Every file in the folder (not in subfolders; hidden files skipped) goes
  through the engine's :func:`wijkcoop.scan.parse_export` for the bank it names. A refused file
  is listed with the engine's code and Dutch reason, and the run goes on. A second export of
  the same participant, bank, role and round is refused as ``duplicate``.
* **Originals.** Files are only read (``read_bytes``), never written, moved or renamed.
  :meth:`GroupAnalysis.write` refuses an output folder inside the input folder.
* **Anonymous by default.** Organisation names become pseudonyms "Deelnemer 01", ... The
  numbering follows a hash of the normalised name, not the alphabet, and is stable within a
  run: the same organisation keeps its pseudonym across banks, roles and rounds. Notes are
  never shown. File names are shown with any known organisation name replaced by the
  pseudonym. ``show_names=True`` shows names (the trainer's explicit choice).
* **Rounds.** The round of an export is the first "ronde N" (also "ronde-N", "ronde_N",
  "Ronde: N") found in its notes, else in its file name; it is written "ronde-N". Exports
  without it are in round "onbekend" and take no part in :meth:`GroupAnalysis.change`.
* **Matching between rounds.** Two exports are the same participant when bank, role and
  normalised organisation name (case, accents, spaces and punctuation ignored) are equal.
  Exports without an organisation name count in every group figure of their round, but are
  never matched, so they do not enter the change figures.

Scores are computed from the answers with the engine's formulas in vectorised form
(:func:`score_matrix`); ``tests/test_group.py`` checks them against :func:`wijkcoop.scan.score`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop import scan
from wijkcoop.scan.exchange import MAX_BYTES, MAX_ORGANISATION

DEFAULT_BANKS = ("duurzaamheidsscan", "relatiespiegel")
#: Files up to this size are read whole (so a refusal names the real size); larger ones in part.
READ_LIMIT = 64 * 1024 * 1024
UNKNOWN_ROUND = "onbekend"
#: Below this many exports in a bank/role/round group, the overview warns about recognisability.
MIN_GROUP = 5
BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 100))
BAND_LABELS = tuple(f"{lo}-{hi}" for lo, hi in BANDS)
DUPLICATE_MESSAGE = (
    "Dubbel: van deze deelnemer telt voor deze scan, rol en ronde al een andere export mee "
    "(de nieuwste). Dit bestand telt niet mee."
)
_BANK_ID_RE = re.compile(rb'"bank_id"\s*:\s*"([a-z0-9-]{1,80})"')
_ROUND_RE = re.compile(r"(?<![a-z])ronde[\s_:.-]*(\d+)", re.IGNORECASE)


# --------------------------------------------------------------------------- helpers


def normalise_name(name: str) -> str:
    """Matching key of an organisation name: lower case, no accents, only letters and digits."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def round_label(notes: str, filename: str) -> str:
    """The round of an export: first 'ronde N' in the notes, else in the file name."""
    for text in (notes or "", filename or ""):
        m = _ROUND_RE.search(text)
        if m:
            return f"ronde-{int(m.group(1))}"
    return UNKNOWN_ROUND


def _round_sort_key(label: str) -> tuple[int, str]:
    m = re.fullmatch(r"ronde-(\d+)", label)
    return (int(m.group(1)), label) if m else (10**9, label)


@dataclass(frozen=True)
class BankShape:
    """What the group analysis needs to know about a bank, as plain lists and arrays."""

    bank: Any
    bank_id: str
    title: str
    roles: tuple[str, ...]
    role_labels: dict[str, str]
    items: tuple[dict[str, Any], ...]
    parts: tuple[dict[str, Any], ...]  # id, title, condition
    conditions: tuple[dict[str, Any], ...]  # id, title, parts (ids), prompts

    @property
    def part_ids(self) -> list[str]:
        return [p["id"] for p in self.parts]

    @property
    def condition_ids(self) -> list[str]:
        return [c["id"] for c in self.conditions]

    def title_of(self, level: str, ident: str) -> str:
        pool = self.parts if level == "onderdeel" else self.conditions
        return next((x["title"] for x in pool if x["id"] == ident), ident)

    def role_label(self, role: str | None) -> str:
        if not role:
            return ""
        return self.role_labels.get(role, role)


def bank_shape(bank_id: str) -> BankShape:
    """Load a bank through the engine and flatten it for the group analysis."""
    bank = scan.load_bank(bank_id)
    doc = bank.raw
    parts, conditions = [], []
    for c in doc["conditions"]:
        conditions.append(
            {
                "id": c["id"],
                "title": c["title"],
                "parts": [p["id"] for p in c["parts"]],
                "prompts": list(c.get("prompts", [])),
                "book_ref": c.get("book_ref", ""),
            }
        )
        for p in c["parts"]:
            parts.append({"id": p["id"], "title": p["title"], "condition": c["id"]})
    return BankShape(
        bank=bank,
        bank_id=doc["bank_id"],
        title=doc["title"],
        roles=tuple(doc.get("roles") or ()),
        role_labels=dict(doc.get("role_labels") or {}),
        items=tuple(doc["items"]),
        parts=tuple(parts),
        conditions=tuple(conditions),
    )


# --------------------------------------------------------------------------- scoring


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and np.isfinite(v)


def _derived_part_scores(
    shape: BankShape, answers: Sequence[dict[str, Any]], in_play: set[str]
) -> dict[str, list[np.ndarray]]:
    """Scores of the derived measures that count in a part: ``{part: [column, ...]}``.

    Vectorised form of the engine's derived measures (total, share, Herfindahl index, value)
    and its threshold score; a measure without a value gives NaN (left out of the part).
    """
    derived = list(shape.bank.derived)
    if not derived:
        return {}
    n = len(answers)
    groups: dict[str, list[str]] = {}
    for item in shape.items:
        if item.get("derive") and item["id"] in in_play:
            groups.setdefault(item["derive"], []).append(item["id"])
    totals: dict[str, np.ndarray] = {}
    matrices: dict[str, np.ndarray] = {}
    states: dict[str, np.ndarray] = {}  # 0 empty, 1 incomplete, 2 ok (total > 0), 3 zero
    for g, ids in groups.items():
        m = np.full((n, len(ids)), np.nan)
        given = np.zeros((n, len(ids)), dtype=bool)
        for i, ans in enumerate(answers):
            for j, item_id in enumerate(ids):
                v = ans.get(item_id)
                if v is not None:
                    given[i, j] = True
                    if _is_number(v):
                        m[i, j] = v
        complete = ~np.isnan(m).any(axis=1)
        total = np.zeros(n)
        for j in range(len(ids)):  # left to right, as the engine sums
            total = total + np.where(complete, m[:, j], 0.0)
        state = np.where(complete, np.where(total == 0, 3, 2), np.where(given.any(axis=1), 1, 0))
        totals[g], matrices[g], states[g] = total, m, state
    out: dict[str, list[np.ndarray]] = {}
    for d in derived:
        if "part" not in d:
            continue
        kind = d["kind"]
        value = np.full(n, np.nan)
        if kind == "value":
            if d["item"] in in_play:
                col = np.array(
                    [a.get(d["item"]) if _is_number(a.get(d["item"])) else np.nan for a in answers],
                    dtype=float,
                )
                value = col * d.get("factor", 1)
        elif d["group"] in groups:
            g = d["group"]
            total, m, state = totals[g], matrices[g], states[g]
            ok = state == 2
            with np.errstate(invalid="ignore", divide="ignore"):
                if kind == "total":
                    value = np.where(state >= 2, total, np.nan)
                elif kind == "share":
                    top = np.zeros(n)
                    for j, item_id in enumerate(groups[g]):
                        if item_id in d["numerator"]:
                            top = top + np.where(ok, m[:, j], 0.0)
                    value = np.where(ok, top / np.where(ok, total, 1.0), np.nan)
                elif kind == "herfindahl":
                    h = np.zeros(n)
                    safe = np.where(ok, total, 1.0)
                    for j in range(len(groups[g])):
                        share = np.where(ok, m[:, j], 0.0) / safe
                        h = h + share * share
                    value = np.where(ok, h, np.nan)
        good, bad = d["score"]["good"], d["score"]["bad"]
        t = (value - bad) / (good - bad)
        out.setdefault(d["part"], []).append(100 * np.clip(t, 0.0, 1.0))
    return out


def score_matrix(
    shape: BankShape, answers: Sequence[dict[str, Any]], role: str | None = None
) -> dict[str, pd.DataFrame]:
    """Part and condition scores for many answer sets of one role at once (rows follow ``answers``).

    Same rules as :func:`wijkcoop.scan.score`: a likert item scores ``(v - 1) / 4 * 100``
    (reversed ``(5 - v) / 4 * 100``), "?" and absent answers are left out, a part is the mean of
    its scored items (a derived measure with a score counts as one more item of its part), a
    condition is the mean of its non-empty parts, completeness is (answered + unknown) / items.
    Returns ``{"parts": ..., "conditions": ..., "completeness": ...}``.
    """
    n = len(answers)
    in_play_items = shape.bank.items_for(role)
    in_play = {it["id"] for it in in_play_items}
    likert = [it for it in in_play_items if it["type"] == "likert"]
    col = {it["id"]: j for j, it in enumerate(likert)}
    values = np.full((n, len(likert)), np.nan)
    n_given = np.zeros(n)
    for i, ans in enumerate(answers):
        row = values[i]
        given = 0
        for key, v in ans.items():
            if v is None or key not in in_play:
                continue
            given += 1
            j = col.get(key)
            if j is not None and v != "?":
                row[j] = v
        n_given[i] = given
    reverse = np.array([bool(it.get("reverse")) for it in likert], dtype=bool)
    item_scores = np.where(reverse, (5 - values) / 4 * 100, (values - 1) / 4 * 100)
    derived = _derived_part_scores(shape, answers, in_play)
    part_cols = {}
    for p in shape.parts:
        cols = [col[it["id"]] for it in likert if it["part"] == p["id"]]
        block = item_scores[:, cols]
        extra = derived.get(p["id"], [])
        if extra:
            block = np.hstack([block, np.column_stack(extra)])
        counts = np.sum(~np.isnan(block), axis=1)
        sums = np.nansum(block, axis=1)
        part_cols[p["id"]] = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    parts = pd.DataFrame(part_cols, columns=shape.part_ids, dtype=float)
    cond_cols = {}
    for c in shape.conditions:
        block = parts[c["parts"]].to_numpy(dtype=float)
        counts = np.sum(~np.isnan(block), axis=1)
        sums = np.nansum(block, axis=1)
        cond_cols[c["id"]] = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    conditions = pd.DataFrame(cond_cols, columns=shape.condition_ids, dtype=float)
    completeness = pd.Series(n_given / max(len(in_play_items), 1), name="volledigheid")
    return {"parts": parts, "conditions": conditions, "completeness": completeness}


# --------------------------------------------------------------------------- reading


@dataclass
class _Read:
    file: str
    bank_id: str
    role: str | None
    round: str
    organisation: str
    answers: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _group_reason(message_nl: str) -> str:
    """The engine's reason, with its page-specific last sentence replaced for the group."""
    suffix = " " + scan.MESSAGES["unchanged"]
    if message_nl.endswith(suffix):
        message_nl = message_nl[: -len(suffix)]
    return f"{message_nl} Dit bestand telt niet mee."


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; of a very large file only enough to know that it is too large."""
    if path.stat().st_size <= READ_LIMIT:
        return path.read_bytes()
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _peek(raw: bytes) -> dict[str, Any] | None:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


def _list_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


class GroupAnalysis:
    """A validated, anonymised view of a folder of exports. See the module docstring."""

    def __init__(
        self,
        folder: str | Path | None = None,
        banks: Iterable[str] = DEFAULT_BANKS,
        show_names: bool = False,
        files: Iterable[tuple[str, bytes]] | None = None,
    ) -> None:
        if folder is None and files is None:
            raise ValueError("give a folder of exports (or files=[(name, bytes), ...])")
        self.folder = Path(folder).resolve() if folder is not None else None
        if self.folder is not None and not self.folder.is_dir():
            raise FileNotFoundError(f"{self.folder}: not a folder")
        self.show_names = bool(show_names)
        self.shapes = {b: bank_shape(b) for b in banks}
        self._rejected: list[tuple[str, str, str]] = []
        self._read: list[_Read] = []
        self._known_orgs: set[str] = set()
        if files is None:
            assert self.folder is not None
            files = ((p.name, _read_bytes(p)) for p in _list_files(self.folder))
        self._ingest(files)
        self._pseudonyms = self._assign_pseudonyms()

    # ----- ingest
    def _ingest(self, files: Iterable[tuple[str, bytes]]) -> None:
        default = next(iter(self.shapes.values()))
        accepted: list[tuple[_Read, str]] = []
        for name, raw in files:
            shape = self._guess_bank(raw) or default
            try:
                result = scan.parse_export(raw, shape.bank)
            except scan.ExportError as first:
                # Rare: read the file properly, learn its organisation name (to mask it in
                # file names) and, if the quick guess of the bank was wrong, try the right one.
                doc = _peek(raw) if len(raw) <= MAX_BYTES else None
                org = doc.get("organisation") if doc is not None else None
                if isinstance(org, str) and org.strip() and len(org) <= MAX_ORGANISATION:
                    self._known_orgs.add(org)
                other = self.shapes.get(doc.get("bank_id")) if doc is not None else None
                if first.code == "other-bank" and isinstance(other, BankShape):
                    shape = other
                    try:
                        result = scan.parse_export(raw, shape.bank)
                    except scan.ExportError as exc:
                        self._rejected.append((name, exc.code, _group_reason(exc.message_nl)))
                        continue
                else:
                    self._rejected.append((name, first.code, _group_reason(first.message_nl)))
                    continue
            meta = result.meta
            organisation = meta.get("organisation") or ""
            if organisation.strip():
                self._known_orgs.add(organisation)
            read = _Read(
                name,
                shape.bank_id,
                meta.get("role"),
                round_label(meta.get("notes") or "", name),
                organisation,
                dict(result.answers),
                list(result.warnings),
            )
            accepted.append((read, meta.get("exported_at") or ""))
        # Duplicates (same bank, role, organisation and round): the newest export counts;
        # with equal times the first file in name order.
        best: dict[tuple[str, str, str, str], tuple[str, int]] = {}
        for i, (r, when) in enumerate(accepted):
            key = normalise_name(r.organisation)
            if not key:
                continue
            dup_key = (r.bank_id, r.role or "", key, r.round)
            if dup_key not in best or when > best[dup_key][0]:
                best[dup_key] = (when, i)
        for i, (r, _) in enumerate(accepted):
            key = normalise_name(r.organisation)
            if key and best[(r.bank_id, r.role or "", key, r.round)][1] != i:
                self._rejected.append((r.file, "duplicate", DUPLICATE_MESSAGE))
            else:
                self._read.append(r)
        self._rejected.sort(key=lambda x: x[0])

    def _guess_bank(self, raw: bytes) -> BankShape | None:
        """The bank a file names, found without parsing it (parse_export then checks it all)."""
        m = _BANK_ID_RE.search(raw[:4096])
        if m is None:
            return None
        return self.shapes.get(m.group(1).decode("utf-8", "replace"))

    def _assign_pseudonyms(self) -> dict[str, str]:
        """normalised name -> 'Deelnemer NN'; unnamed exports get their own number by file."""
        keys = {normalise_name(o) for o in self._known_orgs} | {
            normalise_name(r.organisation) for r in self._read
        }
        keys.discard("")
        ordered = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        unnamed = sorted(
            (r.file for r in self._read if not normalise_name(r.organisation)),
            key=lambda f: hashlib.sha256(f.encode()).hexdigest(),
        )
        width = max(2, len(str(len(ordered) + len(unnamed))))
        out = {k: f"Deelnemer {i:0{width}d}" for i, k in enumerate(ordered, 1)}
        for j, f in enumerate(unnamed, len(ordered) + 1):
            out[f"\0file:{f}"] = f"Deelnemer {j:0{width}d}"
        return out

    def _who(self, r: _Read) -> str:
        key = normalise_name(r.organisation)
        pseudo = self._pseudonyms[key] if key else self._pseudonyms[f"\0file:{r.file}"]
        return r.organisation if (self.show_names and r.organisation) else pseudo

    def display_file(self, name: str) -> str:
        """A file name fit for output: known organisation names replaced unless names are shown."""
        if self.show_names:
            return name
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        slugged = _slug(stem)
        masked = False
        for org in sorted(self._known_orgs, key=len, reverse=True):
            org_slug = _slug(org)
            if org_slug and org_slug in slugged:
                pseudo = self._pseudonyms.get(normalise_name(org), "deelnemer")
                slugged = slugged.replace(org_slug, _slug(pseudo))
                masked = True
        if not masked:
            key = normalise_name(stem)
            if any(normalise_name(o) and normalise_name(o) in key for o in self._known_orgs):
                return f"bestand-{hashlib.sha256(name.encode()).hexdigest()[:8]}.{ext}"
            return name
        return f"{slugged}.{ext}" if ext else slugged

    # ----- tables
    @property
    def rejected(self) -> pd.DataFrame:
        """Refused files: ``bestand``, ``code``, ``reden`` (Dutch), in file-name order."""
        rows = [(self.display_file(f), c, m) for f, c, m in self._rejected]
        return pd.DataFrame(rows, columns=["bestand", "code", "reden"])

    @cached_property
    def _scores(self) -> dict[str, dict[str, pd.DataFrame]]:
        out = {}
        for bank_id, shape in self.shapes.items():
            rows = [r for r in self._read if r.bank_id == bank_id]
            out[bank_id] = _score_by_role(shape, rows)
            meta = pd.DataFrame(
                {
                    "deelnemer": [self._who(r) for r in rows],
                    "rol": [r.role or "" for r in rows],
                    "ronde": [r.round for r in rows],
                    "sleutel": [normalise_name(r.organisation) for r in rows],
                },
                dtype=object,
            )
            out[bank_id]["meta"] = meta
        return out

    @property
    def exports(self) -> pd.DataFrame:
        """One row per accepted export: deelnemer, scan, rol, ronde, volledigheid (%)."""
        frames = []
        for bank_id, s in self._scores.items():
            df = s["meta"][["deelnemer", "rol", "ronde"]].copy()
            df.insert(1, "scan", bank_id)
            df["volledigheid"] = (s["completeness"].to_numpy() * 100).round(0)
            frames.append(df)
        out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return out.sort_values(["scan", "deelnemer", "rol", "ronde"], ignore_index=True)

    def counts(self) -> dict[str, int]:
        """Files read, accepted and refused."""
        return {
            "bestanden": len(self._read) + len(self._rejected),
            "geaccepteerd": len(self._read),
            "geweigerd": len(self._rejected),
        }

    def small_groups(self, min_n: int = MIN_GROUP) -> pd.DataFrame:
        """Bank, role and round combinations with fewer than ``min_n`` exports (but at least one).

        In such a small group it is easy to guess who gave which answers; the overview warns.
        """
        rows = []
        for bank_id, shape in self.shapes.items():
            meta = self._scores[bank_id]["meta"]
            for (rol, rnd), n in meta.groupby(["rol", "ronde"]).size().items():
                if n < min_n:
                    rows.append((bank_id, shape.role_label(rol) if rol else "", rnd, int(n)))
        return pd.DataFrame(rows, columns=["scan", "rol", "ronde", "n"])

    def rounds(self, bank_id: str) -> list[str]:
        """Rounds present for a bank, in order (ronde-1, ronde-2, ..., onbekend)."""
        labels = set(self._scores[bank_id]["meta"]["ronde"])
        return sorted(labels, key=_round_sort_key)

    def scores(self, bank_id: str, level: str = "onderdeel") -> pd.DataFrame:
        """Scores per accepted export (pseudonymised): meta columns plus one column per id."""
        s = self._scores[bank_id]
        table = s["parts"] if level == "onderdeel" else s["conditions"]
        return pd.concat([s["meta"][["deelnemer", "rol", "ronde"]], table], axis=1)

    def _select(self, bank_id: str, role: str | None, rnd: str | None, level: str) -> pd.DataFrame:
        s = self._scores[bank_id]
        table = s["parts"] if level == "onderdeel" else s["conditions"]
        mask = np.ones(len(table), dtype=bool)
        if role is not None:
            mask &= (s["meta"]["rol"] == role).to_numpy()
        if rnd is not None:
            mask &= (s["meta"]["ronde"] == rnd).to_numpy()
        return table[mask]

    def distribution(
        self,
        bank_id: str,
        role: str | None = None,
        round: str | None = None,
        level: str = "onderdeel",
    ) -> pd.DataFrame:
        """Per part (or condition): n, mean, quartiles, min, max and counts per score band."""
        shape = self.shapes[bank_id]
        table = self._select(bank_id, role, round, level).to_numpy(dtype=float)
        ids = shape.part_ids if level == "onderdeel" else shape.condition_ids
        n = np.sum(~np.isnan(table), axis=0)
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                stats = {
                    "gemiddelde": np.nanmean(table, axis=0),
                    "min": np.nanmin(table, axis=0) if len(table) else np.full(len(ids), np.nan),
                    "p25": np.nanpercentile(table, 25, axis=0),
                    "mediaan": np.nanmedian(table, axis=0),
                    "p75": np.nanpercentile(table, 75, axis=0),
                    "max": np.nanmax(table, axis=0) if len(table) else np.full(len(ids), np.nan),
                }
        df = pd.DataFrame({"id": ids, "titel": [shape.title_of(level, i) for i in ids], "n": n})
        for k, v in stats.items():
            df[k] = v
        edges = np.array([lo for lo, _ in BANDS[1:]], dtype=float)
        binned = np.where(np.isnan(table), -1, np.searchsorted(edges, table, side="right"))
        for b, label in enumerate(BAND_LABELS):
            df[label] = np.sum(binned == b, axis=0)
        return df

    def profile(
        self, bank_id: str, role: str | None = None, round: str | None = None
    ) -> pd.DataFrame:
        """Group profile: mean score and n per condition and per part (condition rows first)."""
        shape = self.shapes[bank_id]
        rows = []
        parts = self._select(bank_id, role, round, "onderdeel")
        conds = self._select(bank_id, role, round, "voorwaarde")
        for c in shape.conditions:
            col = conds[c["id"]]
            rows.append(("voorwaarde", c["id"], c["title"], "", col.count(), col.mean()))
            for pid in c["parts"]:
                pcol = parts[pid]
                rows.append(
                    (
                        "onderdeel",
                        pid,
                        shape.title_of("onderdeel", pid),
                        c["id"],
                        pcol.count(),
                        pcol.mean(),
                    )
                )
        return pd.DataFrame(
            rows, columns=["niveau", "id", "titel", "voorwaarde", "n", "gemiddelde"]
        )

    def change(
        self,
        bank_id: str,
        round_a: str | None = None,
        round_b: str | None = None,
        role: str | None = None,
        level: str = "onderdeel",
    ) -> pd.DataFrame:
        """Change between two rounds, for participants found in both (see matching rules).

        Per part: ``n_gekoppeld`` (matched participants with a score in both rounds), the means
        of those participants in each round and the mean of their individual changes; also the
        mean over everyone in each round (``gemiddelde_a_alle``, ``gemiddelde_b_alle``).
        Defaults: the first two numbered rounds.
        """
        shape = self.shapes[bank_id]
        numbered = [r for r in self.rounds(bank_id) if r != UNKNOWN_ROUND]
        if round_a is None or round_b is None:
            if len(numbered) < 2:
                raise ValueError(
                    f"{bank_id}: need two rounds to compare, found {numbered or 'none'}"
                )
            round_a, round_b = round_a or numbered[0], round_b or numbered[1]
        s = self._scores[bank_id]
        table = s["parts"] if level == "onderdeel" else s["conditions"]
        meta = s["meta"]
        ids = list(table.columns)
        mask = meta["sleutel"].to_numpy() != ""
        if role is not None:
            mask &= (meta["rol"] == role).to_numpy()
        keyed = pd.concat([meta[["sleutel", "rol", "ronde"]], table], axis=1)[mask]
        a = keyed[keyed["ronde"] == round_a].set_index(["sleutel", "rol"])[ids]
        b = keyed[keyed["ronde"] == round_b].set_index(["sleutel", "rol"])[ids]
        a, b = a.align(b, join="inner", axis=0)
        diff = b - a
        paired = diff.notna()
        all_a = self._select(bank_id, role, round_a, level)
        all_b = self._select(bank_id, role, round_b, level)
        return pd.DataFrame(
            {
                "id": ids,
                "titel": [shape.title_of(level, i) for i in ids],
                "ronde_a": round_a,
                "ronde_b": round_b,
                "n_gekoppeld": paired.sum().to_numpy(),
                "gemiddelde_a": a.where(paired).mean().to_numpy(),
                "gemiddelde_b": b.where(paired).mean().to_numpy(),
                "verandering": diff.mean().to_numpy(),
                "gemiddelde_a_alle": all_a.mean().to_numpy(),
                "gemiddelde_b_alle": all_b.mean().to_numpy(),
            }
        )

    def gap(
        self,
        bank_id: str = "relatiespiegel",
        round: str | None = None,
        level: str = "voorwaarde",
    ) -> pd.DataFrame:
        """Two-sided banks: mean per role and the gap (first role minus second) per point."""
        shape = self.shapes[bank_id]
        if len(shape.roles) < 2:
            raise ValueError(f"{bank_id} is not a two-sided bank")
        first, second = shape.roles[:2]
        a = self._select(bank_id, first, round, level)
        b = self._select(bank_id, second, round, level)
        ids = list(a.columns)
        df = pd.DataFrame(
            {
                "id": ids,
                "titel": [shape.title_of(level, i) for i in ids],
                f"n_{first}": a.count().to_numpy(),
                first: a.mean().to_numpy(),
                f"n_{second}": b.count().to_numpy(),
                second: b.mean().to_numpy(),
            }
        )
        df["verschil"] = df[first] - df[second]
        return df

    # ----- outputs
    def summary(self) -> pd.DataFrame:
        """Long table behind samenvatting.csv: bank, role, round, level, id and statistics."""
        frames = []
        for bank_id, shape in self.shapes.items():
            roles: list[str | None] = list(shape.roles) or [None]
            for role in roles:
                for rnd in self.rounds(bank_id):
                    for level in ("voorwaarde", "onderdeel"):
                        d = self.distribution(bank_id, role, rnd, level)
                        if d["n"].sum() == 0:
                            continue
                        d.insert(0, "niveau", level)
                        d.insert(0, "ronde", rnd)
                        d.insert(0, "rol", shape.role_label(role))
                        d.insert(0, "scan", bank_id)
                        frames.append(d)
        cols = ["scan", "rol", "ronde", "niveau", "id", "titel", "n", "gemiddelde", "min", "p25"]
        cols += ["mediaan", "p75", "max", *BAND_LABELS]
        if not frames:
            return pd.DataFrame(columns=cols)
        out = pd.concat(frames, ignore_index=True)[cols]
        num = ["gemiddelde", "min", "p25", "mediaan", "p75", "max"]
        out[num] = out[num].round(1)
        return out

    def write(self, out_dir: str | Path) -> dict[str, Path]:
        """Write samenvatting.csv, geweigerd.csv and overzicht.html into ``out_dir``.

        ``out_dir`` must not be (inside) the input folder: the originals stay untouched.
        """
        out = Path(out_dir).resolve()
        if self.folder is not None and (out == self.folder or self.folder in out.parents):
            raise ValueError(
                f"output folder {out} lies inside the input folder {self.folder}; "
                "choose a folder elsewhere so the exports stay untouched"
            )
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "samenvatting": out / "samenvatting.csv",
            "geweigerd": out / "geweigerd.csv",
            "overzicht": out / "overzicht.html",
        }
        self.summary().to_csv(paths["samenvatting"], index=False, encoding="utf-8")
        self.rejected.to_csv(paths["geweigerd"], index=False, encoding="utf-8")
        paths["overzicht"].write_text(self.overview_html(), encoding="utf-8")
        return paths

    def overview_html(self) -> str:
        """A printable, self-contained HTML overview (no scripts, no external files)."""
        return _overview_html(self)


def _score_by_role(shape: BankShape, rows: list[_Read]) -> dict[str, Any]:
    """score_matrix per role (items in play may differ by role), rows kept in order."""
    roles = sorted({r.role or "" for r in rows})
    parts = pd.DataFrame(np.nan, index=range(len(rows)), columns=shape.part_ids)
    conds = pd.DataFrame(np.nan, index=range(len(rows)), columns=shape.condition_ids)
    complete = pd.Series(np.nan, index=range(len(rows)), name="volledigheid")
    for role in roles:
        idx = [i for i, r in enumerate(rows) if (r.role or "") == role]
        m = score_matrix(shape, [rows[i].answers for i in idx], role or None)
        parts.iloc[idx] = m["parts"].to_numpy()
        conds.iloc[idx] = m["conditions"].to_numpy()
        complete.iloc[idx] = m["completeness"].to_numpy()
    return {"parts": parts, "conditions": conds, "completeness": complete}


def analyse(
    folder: str | Path, banks: Iterable[str] = DEFAULT_BANKS, show_names: bool = False
) -> GroupAnalysis:
    """Read and validate a folder of exports (anonymised unless ``show_names=True``)."""
    return GroupAnalysis(folder, banks=banks, show_names=show_names)


# --------------------------------------------------------------------------- HTML overview

_CSS = """
body{font-family:system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.8rem;background:#1f5f8b;vertical-align:middle}
.note{font-size:.9rem;color:#333}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}
tr{break-inside:avoid}.bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"""


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "–"
    if isinstance(v, (float, np.floating)):
        return f"{v:.0f}"
    return str(v)


def _table(df: pd.DataFrame, caption: str, bar_col: str | None = None) -> str:
    esc = html.escape
    head = "".join(
        f'<th scope="col" class="{"num" if pd.api.types.is_numeric_dtype(df[c]) else ""}">'
        f"{esc(str(c))}</th>"
        for c in df.columns
    )
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            v = row[c]
            numeric = pd.api.types.is_numeric_dtype(df[c])
            text = esc(_fmt(v))
            if c == bar_col and numeric and not pd.isna(v):
                width = max(0.0, min(100.0, float(v)))
                text += (
                    f' <span class="bar" style="width:{width * 0.8:.0f}px"'
                    ' aria-hidden="true"></span>'
                )
            cells.append(f'<td class="{"num" if numeric else ""}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _overview_html(g: GroupAnalysis) -> str:
    esc = html.escape
    c = g.counts()
    parts = [
        "<!doctype html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        "<title>Groepsoverzicht leernetwerk</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Groepsoverzicht leernetwerk</h1>",
        f"<p>{c['bestanden']} bestanden gelezen: {c['geaccepteerd']} meegeteld, "
        f"{c['geweigerd']} geweigerd.</p>",
        '<p class="note">'
        + (
            "Namen van organisaties staan in dit overzicht, op verzoek van de trainer."
            if g.show_names
            else "Namen van organisaties zijn vervangen door deelnemernummers. "
            "Notities uit de exports staan niet in dit overzicht."
        )
        + " Scores lopen van 0 tot 100. Een streepje betekent: geen antwoorden.</p>",
    ]
    small = g.small_groups()
    if len(small):
        parts.append(
            '<p class="note"><strong>Let op:</strong> in deze groepen zitten minder dan '
            f"{MIN_GROUP} exports. Dan is het makkelijk te raden wie wat heeft geantwoord. "
            "Laat deze cijfers niet aan de groep zien.</p>"
        )
        parts.append(_table(small, "Groepen met minder dan vijf exports"))
    if c["geweigerd"]:
        parts.append("<h2>Geweigerde bestanden</h2>")
        parts.append(_table(g.rejected, "Bestanden die niet meetellen, met de reden"))
    for bank_id, shape in g.shapes.items():
        if not len(g._scores[bank_id]["meta"]):
            continue
        parts.append(f"<h2>{esc(shape.title)}</h2>")
        n_people = g._scores[bank_id]["meta"]["deelnemer"].nunique()
        parts.append(
            f"<p>{len(g._scores[bank_id]['meta'])} exports van {n_people} deelnemers; "
            f"rondes: {esc(', '.join(g.rounds(bank_id)))}.</p>"
        )
        roles: list[str | None] = list(shape.roles) or [None]
        for role in roles:
            prof = g.profile(bank_id, role=role)
            prof = prof.assign(
                titel=np.where(
                    prof["niveau"] == "voorwaarde", prof["titel"].str.upper(), "  " + prof["titel"]
                )
            )
            label = f" – {shape.role_label(role)}" if role else ""
            parts.append(f"<h3>Groepsprofiel{esc(label)} (alle rondes)</h3>")
            parts.append(
                _table(prof[["titel", "n", "gemiddelde"]], f"Gemiddelde score{label}", "gemiddelde")
            )
        if len(shape.roles) >= 2:
            gap = g.gap(bank_id)
            first, second = shape.roles[:2]
            view = gap.rename(
                columns={first: shape.role_label(first), second: shape.role_label(second)}
            )[["titel", shape.role_label(first), shape.role_label(second), "verschil"]]
            parts.append("<h3>Verschil tussen de kanten per knelpunt</h3>")
            parts.append(_table(view, "Gemiddelde per rol en het verschil (eerste min tweede)"))
            order = gap.assign(abs_gap=gap["verschil"].abs()).sort_values(
                "abs_gap", ascending=False
            )
            top = [r for r in order.itertuples() if not pd.isna(r.abs_gap)][:2]
            if top:
                parts.append("<h3>Gespreksvragen bij de grootste verschillen</h3>")
                for r in top:
                    cond = next(x for x in shape.conditions if x["id"] == r.id)
                    items = "".join(f"<li>{esc(q)}</li>" for q in cond["prompts"])
                    parts.append(f"<p><strong>{esc(cond['title'])}</strong></p><ul>{items}</ul>")
        dist = g.distribution(bank_id)
        parts.append("<h3>Spreiding per onderdeel (aantal exports per scoreband)</h3>")
        parts.append(
            _table(
                dist[["titel", "n", "p25", "mediaan", "p75", *BAND_LABELS]],
                "Aantal exports per scoreband; p25 en p75 zijn het 25e en 75e percentiel",
            )
        )
        numbered = [r for r in g.rounds(bank_id) if r != UNKNOWN_ROUND]
        if len(numbered) >= 2:
            ch = g.change(bank_id, level="voorwaarde")
            parts.append(f"<h3>Verandering van {esc(numbered[0])} naar {esc(numbered[1])}</h3>")
            parts.append(
                _table(
                    ch[["titel", "n_gekoppeld", "gemiddelde_a", "gemiddelde_b", "verandering"]],
                    "Alleen deelnemers die in beide rondes meededen",
                )
            )
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- benchmark


def bench_aggregate(n: int = 10_000, bank_id: str = "duurzaamheidsscan", seed: int = 1) -> float:
    """Seconds to read, validate, score and aggregate ``n`` exports from a folder on disk.

    The synthetic files are written first (not timed); the timing covers reading every file,
    validating it, scoring, and computing distribution, profile and change.
    """
    from wijkcoop import synthetic

    n_orgs = max(1, n // 2)
    entries = synthetic.generate(bank_id, n_orgs=n_orgs, rounds=("ronde-1", "ronde-2"), seed=seed)
    entries = entries[:n]
    with tempfile.TemporaryDirectory() as tmp:
        for e in entries:
            (Path(tmp) / e["file"]).write_bytes(synthetic.dumps(e["export"]))
        start = time.perf_counter()
        g = GroupAnalysis(tmp, banks=[bank_id])
        g.distribution(bank_id)
        g.profile(bank_id)
        g.change(bank_id)
        g.summary()
        return time.perf_counter() - start


# --------------------------------------------------------------------------- charts (Altair)
# Each chart has a table with the same numbers next to it in the notebook (text equivalent).

BLUE, ORANGE = "#1f5f8b", "#b35900"


def distribution_chart(g: GroupAnalysis, bank_id: str, round: str | None = None):
    """Stacked bars: how many exports fall in each score band, per part."""
    import altair as alt

    dist = g.distribution(bank_id, round=round)
    long = dist.melt(id_vars=["id", "titel"], value_vars=list(BAND_LABELS), var_name="band")
    long = long.rename(columns={"value": "aantal"})
    return (
        alt.Chart(long, description=f"Spreiding van de scores per onderdeel ({bank_id})")
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=alt.Y("titel:N", sort=list(dist["titel"]), title=None),
            x=alt.X(
                "aantal:Q", stack="normalize", title="Aandeel exports", axis=alt.Axis(format="%")
            ),
            color=alt.Color(
                "band:N",
                sort=list(BAND_LABELS),
                scale=alt.Scale(scheme="blues"),
                title="Score",
            ),
            order=alt.Order("band:N"),
            tooltip=["titel", "band", "aantal"],
        )
        .properties(width=420)
    )


def profile_chart(g: GroupAnalysis, bank_id: str, role: str | None = None):
    """Bars: the group's mean score per condition (0-100)."""
    import altair as alt

    prof = g.profile(bank_id, role=role)
    cond = prof[prof["niveau"] == "voorwaarde"]
    return (
        alt.Chart(cond, description=f"Groepsprofiel per voorwaarde ({bank_id})")
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y("titel:N", sort=list(cond["titel"]), title=None),
            x=alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score"),
            tooltip=["titel", "n", alt.Tooltip("gemiddelde:Q", format=".0f")],
        )
        .properties(width=420)
    )


def change_chart(g: GroupAnalysis, bank_id: str, level: str = "voorwaarde"):
    """Dumbbell: mean of the matched participants in round A and round B, per row."""
    import altair as alt

    ch = g.change(bank_id, level=level)
    long = ch.melt(id_vars=["titel"], value_vars=["gemiddelde_a", "gemiddelde_b"], var_name="ronde")
    names = {"gemiddelde_a": ch["ronde_a"].iloc[0], "gemiddelde_b": ch["ronde_b"].iloc[0]}
    long["ronde"] = long["ronde"].map(names)
    long = long.rename(columns={"value": "gemiddelde"})
    base = alt.Chart(long, description=f"Verandering tussen twee rondes ({bank_id})")
    y = alt.Y("titel:N", sort=list(ch["titel"]), title=None, axis=alt.Axis(labelLimit=280))
    x = alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score")
    line = base.mark_line(color="#767676").encode(y=y, x=x, detail="titel:N")
    dots = base.mark_point(filled=True, size=90).encode(
        y=y,
        x=x,
        color=alt.Color("ronde:N", scale=alt.Scale(range=[ORANGE, BLUE]), title="Ronde"),
        shape=alt.Shape("ronde:N", title="Ronde"),
        tooltip=["titel", "ronde", alt.Tooltip("gemiddelde:Q", format=".0f")],
    )
    return (line + dots).properties(width=420)


def gap_chart(g: GroupAnalysis, bank_id: str = "relatiespiegel", round: str | None = None):
    """Grouped bars per friction point: mean score of each role."""
    import altair as alt

    shape = g.shapes[bank_id]
    gap = g.gap(bank_id, round=round)
    roles = list(shape.roles[:2])
    long = gap.melt(id_vars=["titel"], value_vars=roles, var_name="rol", value_name="gemiddelde")
    long["rol"] = long["rol"].map(shape.role_label)
    labels = [shape.role_label(r) for r in roles]
    return (
        alt.Chart(long, description="Gemiddelde score per knelpunt, per kant")
        .mark_bar()
        .encode(
            y=alt.Y("titel:N", sort=list(gap["titel"]), title=None),
            yOffset=alt.YOffset("rol:N", sort=labels),
            x=alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score"),
            color=alt.Color(
                "rol:N", sort=labels, scale=alt.Scale(range=[BLUE, ORANGE]), title="Kant"
            ),
            tooltip=["titel", "rol", alt.Tooltip("gemiddelde:Q", format=".0f")],
        )
        .properties(width=420)
    )
