"""The group's scores and statistics: :class:`GroupAnalysis` (see the package docstring).

Scores come from the engine's :func:`wijkcoop.scan.scoring.score_many`, one call per bank and
role; ``tests/test_group.py`` checks them against :func:`wijkcoop.scan.score` and the shared
test vectors.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop import scan
from wijkcoop.group import pseudonyms, reading
from wijkcoop.group.pseudonyms import normalise_name
from wijkcoop.group.reading import DEFAULT_BANKS, UNKNOWN_ROUND, Read
from wijkcoop.group.refusals import group_reason, split_duplicates
from wijkcoop.group.settings import BAND_LABELS, BANDS, MIN_GROUP, NotPossible
from wijkcoop.scan import Bank
from wijkcoop.scan.exchange import MAX_BYTES, MAX_ORGANISATION
from wijkcoop.scan.scoring import round_half_up, score_many


def shown_difference(a: pd.Series, b: pd.Series) -> pd.Series:
    """``a - b`` as the overview shows it: each side rounded half up first (nullable integers)."""
    ra = a.map(lambda x: None if pd.isna(x) else round_half_up(x))
    rb = b.map(lambda x: None if pd.isna(x) else round_half_up(x))
    return (ra.astype("Int64") - rb.astype("Int64")).rename(None)


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
        self.banks: dict[str, Bank] = {b: scan.load_bank(b) for b in banks}
        self._rejected: list[tuple[str, str, str]] = []
        self._read: list[Read] = []
        self._known_orgs: set[str] = set()
        self._file_numbers: dict[str, int] = {}
        if files is None:
            assert self.folder is not None
            files = ((p.name, reading.read_bytes(p)) for p in reading.list_files(self.folder))
        self._ingest(files)
        self._pseudonyms = self._assign_pseudonyms()

    # ----- ingest
    def _ingest(self, files: Iterable[tuple[str, bytes]]) -> None:
        default = next(iter(self.banks.values()))
        accepted: list[tuple[Read, str]] = []
        for name, raw in files:
            self._file_numbers.setdefault(name, len(self._file_numbers) + 1)
            bank = self.banks.get(reading.guess_bank_id(raw) or "") or default
            try:
                result = scan.parse_export(raw, bank)
            except scan.ExportError as first:
                # Rare: read the file properly, learn its organisation name (to mask it in
                # file names) and, if the quick guess of the bank was wrong, try the right one.
                doc = reading.peek(raw) if len(raw) <= MAX_BYTES else None
                org = doc.get("organisation") if doc is not None else None
                if isinstance(org, str) and org.strip() and len(org) <= MAX_ORGANISATION:
                    self._known_orgs.add(org)
                other = self.banks.get(str(doc.get("bank_id"))) if doc is not None else None
                if first.code == "other-bank" and isinstance(other, Bank):
                    bank = other
                    try:
                        result = scan.parse_export(raw, bank)
                    except scan.ExportError as exc:
                        self._rejected.append((name, exc.code, group_reason(exc.message_nl)))
                        continue
                else:
                    self._rejected.append((name, first.code, group_reason(first.message_nl)))
                    continue
            meta = result.meta
            organisation = meta.get("organisation") or ""
            if organisation.strip():
                self._known_orgs.add(organisation)
            read = Read(
                name,
                bank.bank_id,
                meta.get("role"),
                reading.round_label(meta.get("notes") or "", name),
                organisation,
                dict(result.answers),
                list(result.warnings),
            )
            accepted.append((read, meta.get("exported_at") or ""))
        kept, refused = split_duplicates(accepted)
        self._read.extend(kept)
        self._rejected.extend(refused)
        self._rejected.sort(key=lambda x: x[0])

    def _assign_pseudonyms(self) -> dict[str, str]:
        names = self._known_orgs | {r.organisation for r in self._read}
        unnamed = [r.file for r in self._read if not normalise_name(r.organisation)]
        return pseudonyms.assign(names, unnamed)

    def _who(self, r: Read) -> str:
        key = normalise_name(r.organisation)
        pseudo = self._pseudonyms[key] if key else self._pseudonyms[pseudonyms.FILE_KEY + r.file]
        return r.organisation if (self.show_names and r.organisation) else pseudo

    def display_file(self, name: str) -> str:
        """How a file is named in every output: "bestand 07" (its place in the folder, by name).

        A file name often holds the organisation's name, also when the file itself is too
        broken to learn it, so outputs never show file names; ``show_names=True`` does.
        """
        if self.show_names:
            return name
        width = max(2, len(str(len(self._file_numbers))))
        return f"bestand {self._file_numbers.get(name, 0):0{width}d}"

    def participant_rounds(
        self, bank_id: str
    ) -> tuple[str, dict[str, tuple[str | None, dict[str, Any]]]] | None:
        """The participant with the most rounds of a bank: pseudonym, round -> (role, answers).

        On a tie the first pseudonym. None when the bank has no accepted export.
        """
        found: dict[tuple[str, str], dict[str, tuple[str | None, dict[str, Any]]]] = {}
        who: dict[tuple[str, str], str] = {}
        for r in self._read:
            if r.bank_id != bank_id:
                continue
            key = (normalise_name(r.organisation) or pseudonyms.FILE_KEY + r.file, r.role or "")
            found.setdefault(key, {})[r.round] = (r.role, dict(r.answers))
            who[key] = self._who(r)
        if not found:
            return None
        best = min(found, key=lambda k: (-len(found[k]), who[k], k[1]))
        return who[best], found[best]

    # ----- tables
    @property
    def rejected(self) -> pd.DataFrame:
        """Refused files: ``bestand``, ``code``, ``reden`` (Dutch), in file-name order."""
        rows = [(self.display_file(f), c, m) for f, c, m in self._rejected]
        return pd.DataFrame(rows, columns=["bestand", "code", "reden"])

    @cached_property
    def _scores(self) -> dict[str, dict[str, pd.DataFrame]]:
        out = {}
        for bank_id, bank in self.banks.items():
            rows = [r for r in self._read if r.bank_id == bank_id]
            out[bank_id] = _score_by_role(bank, rows)
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

    def counts_text(self) -> str:
        """The counts as one Dutch sentence, with the number per questionnaire."""
        c = self.counts()
        per_bank = [
            f"{n} van de {bank.bank_id}"
            for bank_id, bank in self.banks.items()
            if (n := self.n_exports(bank_id))
        ]
        text = (
            f"{c['bestanden']} bestanden gelezen: {c['geaccepteerd']} tellen mee, "
            f"{c['geweigerd']} niet."
        )
        return text + (f" Mee tellen: {', '.join(per_bank)}." if per_bank else "")

    def n_exports(self, bank_id: str, role: str | None = None, round: str | None = None) -> int:
        """How many accepted exports a bank has (of one role and round if given)."""
        meta = self._scores[bank_id]["meta"]
        mask = np.ones(len(meta), dtype=bool)
        if role is not None:
            mask &= (meta["rol"] == role).to_numpy()
        if round is not None:
            mask &= (meta["ronde"] == round).to_numpy()
        return int(mask.sum())

    def why_not(self, what: str, bank_id: str) -> str | None:
        """Why a figure cannot be made from this folder (Dutch), or None when it can.

        ``what`` is ``"spreiding"``, ``"profiel"``, ``"verandering"`` or ``"verschil"``.
        """
        bank = self.banks.get(bank_id)
        if bank is None:
            return f"De vragenlijst {bank_id} hoort niet bij deze analyse."
        title = bank_id
        if not self.n_exports(bank_id):
            return (
                f"In deze map zit geen bestand van de {title} dat meetelt, "
                "dus hiervoor zijn geen cijfers."
            )
        if what == "verandering":
            numbered = [r for r in self.rounds(bank_id) if r != UNKNOWN_ROUND]
            if len(numbered) < 2:
                found = f"alleen {numbered[0]}" if numbered else "geen ronde"
                return (
                    f"Van de {title} staat in deze map {found}. "
                    "Voor een verandering zijn twee rondes nodig. "
                    "Zet de ronde in de bestandsnaam of in de notitie, bijvoorbeeld 'ronde 2'."
                )
            if not int(self.change(bank_id)["n_gekoppeld"].max()):
                return (
                    f"Geen deelnemer van de {title} staat met dezelfde naam in "
                    f"{numbered[0]} én {numbered[1]}, dus er is geen verandering te zien."
                )
        if what == "verschil":
            if len(bank.roles) < 2:
                return f"De {title} heeft geen twee kanten."
            missing = [bank.role_label(r) for r in bank.roles[:2] if not self.n_exports(bank_id, r)]
            if missing:
                return (
                    f"Van de kant {missing[0].lower()} zit geen bestand van de {title} "
                    "in deze map. Voor het verschil zijn beide kanten nodig."
                )
        return None

    def small_groups(self, min_n: int = MIN_GROUP) -> pd.DataFrame:
        """Bank, role and round combinations with fewer than ``min_n`` exports (but at least one).

        In such a small group it is easy to guess who gave which answers; the overview warns.
        """
        rows = []
        for bank_id, bank in self.banks.items():
            meta = self._scores[bank_id]["meta"]
            for (rol, rnd), n in meta.groupby(["rol", "ronde"]).size().items():
                if n < min_n:
                    rows.append((bank_id, bank.role_label(rol), rnd, int(n)))
        return pd.DataFrame(rows, columns=["scan", "rol", "ronde", "n"])

    def rounds(self, bank_id: str) -> list[str]:
        """Rounds present for a bank, in order (ronde-1, ronde-2, ..., onbekend)."""
        labels = set(self._scores[bank_id]["meta"]["ronde"])
        return sorted(labels, key=reading.round_sort_key)

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
        bank = self.banks[bank_id]
        table = self._select(bank_id, role, round, level).to_numpy(dtype=float)
        ids = bank.part_ids if level == "onderdeel" else bank.condition_ids
        n = np.sum(~np.isnan(table), axis=0)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            stats = {
                "gemiddelde": np.nanmean(table, axis=0),
                "min": np.nanmin(table, axis=0) if len(table) else np.full(len(ids), np.nan),
                "p25": np.nanpercentile(table, 25, axis=0),
                "mediaan": np.nanmedian(table, axis=0),
                "p75": np.nanpercentile(table, 75, axis=0),
                "max": np.nanmax(table, axis=0) if len(table) else np.full(len(ids), np.nan),
            }
        df = pd.DataFrame({"id": ids, "titel": [bank.title_of(i) for i in ids], "n": n})
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
        bank = self.banks[bank_id]
        rows = []
        parts = self._select(bank_id, role, round, "onderdeel")
        conds = self._select(bank_id, role, round, "voorwaarde")
        for c in bank.conditions:
            col = conds[c["id"]]
            rows.append(("voorwaarde", c["id"], c["title"], "", col.count(), col.mean()))
            for p in c["parts"]:
                pcol = parts[p["id"]]
                rows.append(("onderdeel", p["id"], p["title"], c["id"], pcol.count(), pcol.mean()))
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
        bank = self.banks[bank_id]
        numbered = [r for r in self.rounds(bank_id) if r != UNKNOWN_ROUND]
        if round_a is None or round_b is None:
            if len(numbered) < 2:
                raise NotPossible(self.why_not("verandering", bank_id) or "")
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
        out = pd.DataFrame(
            {
                "id": ids,
                "titel": [bank.title_of(i) for i in ids],
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
        out["verandering_getoond"] = shown_difference(out["gemiddelde_b"], out["gemiddelde_a"])
        return out

    def gap(
        self,
        bank_id: str = "relatiespiegel",
        round: str | None = None,
        level: str = "voorwaarde",
    ) -> pd.DataFrame:
        """Two-sided banks: mean per role and the gap (first role minus second) per point."""
        bank = self.banks[bank_id]
        if len(bank.roles) < 2:
            raise NotPossible(self.why_not("verschil", bank_id) or "")
        first, second = bank.roles[:2]
        a = self._select(bank_id, first, round, level)
        b = self._select(bank_id, second, round, level)
        ids = list(a.columns)
        df = pd.DataFrame(
            {
                "id": ids,
                "titel": [bank.title_of(i) for i in ids],
                f"n_{first}": a.count().to_numpy(),
                first: a.mean().to_numpy(),
                f"n_{second}": b.count().to_numpy(),
                second: b.mean().to_numpy(),
            }
        )
        df["verschil"] = df[first] - df[second]
        df["verschil_getoond"] = shown_difference(df[first], df[second])
        return df

    # ----- outputs
    def summary(self) -> pd.DataFrame:
        """Long table behind samenvatting.csv: bank, role, round, level, id and statistics."""
        frames = []
        for bank_id, bank in self.banks.items():
            roles: list[str | None] = list(bank.roles) or [None]
            for role in roles:
                for rnd in self.rounds(bank_id):
                    for level in ("voorwaarde", "onderdeel"):
                        d = self.distribution(bank_id, role, rnd, level)
                        if d["n"].sum() == 0:
                            continue
                        d.insert(0, "niveau", level)
                        d.insert(0, "ronde", rnd)
                        d.insert(0, "rol", bank.role_label(role))
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
        from wijkcoop.group import report  # the report reads this object; no import back

        return report.overview_html(self)


def _score_by_role(bank: Bank, rows: list[Read]) -> dict[str, Any]:
    """The engine's score_many per role (items in play may differ by role), rows kept in order."""
    roles = sorted({r.role or "" for r in rows})
    parts = pd.DataFrame(np.nan, index=range(len(rows)), columns=bank.part_ids)
    conds = pd.DataFrame(np.nan, index=range(len(rows)), columns=bank.condition_ids)
    complete = pd.Series(np.nan, index=range(len(rows)), name="volledigheid")
    for role in roles:
        idx = [i for i, r in enumerate(rows) if (r.role or "") == role]
        m = score_many(bank, [rows[i].answers for i in idx], role or None)
        parts.iloc[idx] = m.parts.to_numpy()
        conds.iloc[idx] = m.conditions.to_numpy()
        complete.iloc[idx] = m.completeness.to_numpy()
    return {"parts": parts, "conditions": conds, "completeness": complete}


def analyse(
    folder: str | Path, banks: Iterable[str] = DEFAULT_BANKS, show_names: bool = False
) -> GroupAnalysis:
    """Read and validate a folder of exports (anonymised unless ``show_names=True``)."""
    return GroupAnalysis(folder, banks=banks, show_names=show_names)
