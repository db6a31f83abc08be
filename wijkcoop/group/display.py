"""What the trainers' notebooks show: Dutch tables, explanations and the folder to read.

Every function returns something a notebook cell shows as it is: a :class:`~wijkcoop.dutch.Table`
(Dutch column labels, no index column, no cell cut short) or, when this folder cannot give the
figure (one round, one side, no files), an :class:`Explanation` that says why in Dutch. The
notebook then goes on with the next cell.

The folder and the output folder (:func:`folder`, :func:`output_folder`) come from the
environment variables ``GROEP_MAP`` and ``GROEP_UITVOER`` when set, so that
``jupyter nbconvert --to notebook --execute`` runs a notebook on any folder unattended.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from wijkcoop import dutch
from wijkcoop.group.reading import UNKNOWN_ROUND, round_sort_key
from wijkcoop.group.settings import BAND_LABELS, MIN_GROUP

if TYPE_CHECKING:
    from wijkcoop.group.analysis import GroupAnalysis

#: Environment variables read by :func:`folder` and :func:`output_folder`.
ENV_FOLDER = "GROEP_MAP"
ENV_OUTPUT = "GROEP_UITVOER"
#: The output folder's name next to the notebook when the trainer names none.
OUTPUT_NAME = "groepsanalyse-uitvoer"


@dataclass(frozen=True)
class Explanation:
    """A Dutch note shown where a chart or table would be (it says why there is none)."""

    text: str

    def _repr_html_(self) -> str:
        return f'<p class="wijkcoop-uitleg" role="note">{html.escape(self.text)}</p>'

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def folder(chosen: str | Path | None) -> Path | None:
    """The folder of exports: ``GROEP_MAP`` when set, else the notebook's choice (or None)."""
    env = os.environ.get(ENV_FOLDER, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(chosen).expanduser() if chosen else None


def output_folder(chosen: str | Path | None = None) -> Path:
    """Where outputs go: ``GROEP_UITVOER``, else the trainer's choice, else beside the notebook.

    While the book is built (``WIJKCOOP_BOOK_BUILD=1``) a temporary folder, so a build never
    writes into the repository.
    """
    env = os.environ.get(ENV_OUTPUT, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    if chosen:
        return Path(chosen).expanduser().resolve()
    if os.environ.get("WIJKCOOP_BOOK_BUILD") == "1":
        return Path(tempfile.mkdtemp(prefix="groepsanalyse-")) / "uitvoer"
    return (Path.cwd() / OUTPUT_NAME).resolve()


def written_text(paths: dict[str, Path]) -> str:
    """Where :meth:`GroupAnalysis.write` put its files, with the full path (Dutch)."""
    first = next(iter(paths.values()))
    where = (
        "een tijdelijke map (in het boek; op je eigen computer staat hier het volledige pad)"
        if os.environ.get("WIJKCOOP_BOOK_BUILD") == "1"
        else str(first.parent)
    )
    lines = [f"De uitkomsten staan in {where}:"]
    for path in paths.values():
        lines.append(f"- {path.name} ({dutch.number(path.stat().st_size / 1024, 0)} kB)")
    return "\n".join(lines)


def _or_explain(g: GroupAnalysis, what: str, bank_id: str) -> Explanation | None:
    reason = g.why_not(what, bank_id)
    return None if reason is None else Explanation(reason)


def rejected_table(g: GroupAnalysis) -> dutch.Table | Explanation:
    """Refused files, numbered by their place in the folder, with the full Dutch reason."""
    if g.rejected.empty:
        return Explanation("Alle bestanden in de map tellen mee.")
    df = g.rejected.rename(columns={"bestand": "Bestand", "reden": "Reden", "code": "Code"})
    return dutch.table(
        df[["Bestand", "Reden"]],
        "Bestanden die niet meetellen (genummerd op volgorde van naam in de map)",
    )


def participation_table(g: GroupAnalysis) -> dutch.Table | Explanation:
    """How many exports count, per questionnaire, side and round."""
    rows = []
    for bank_id, bank in g.banks.items():
        roles: list[str | None] = list(bank.roles) or [None]
        for role in roles:
            for rnd in g.rounds(bank_id):
                n = g.n_exports(bank_id, role, rnd)
                if n:
                    rows.append((bank.title, bank.role_label(role) or "–", rnd, n))
    if not rows:
        return Explanation("Er telt geen enkel bestand mee, dus er is geen groepsbeeld.")
    df = pd.DataFrame(rows, columns=["Vragenlijst", "Kant", "Ronde", "Aantal bestanden"])
    return dutch.table(df, "Wie deed er mee: aantal bestanden per vragenlijst, kant en ronde")


def small_group_note(g: GroupAnalysis) -> Explanation:
    """Which groups are smaller than MIN_GROUP, and what to do then (Dutch)."""
    small = g.small_groups()
    if small.empty:
        return Explanation(
            f"Elke groep heeft minstens {MIN_GROUP} bestanden: je kunt de groepscijfers laten zien."
        )
    groups = "; ".join(
        f"{r.scan}{f', kant {r.rol.lower()}' if r.rol else ''}, {r.ronde}: {r.n}"
        for r in small.itertuples()
    )
    return Explanation(
        f"Let op: in deze groepen zitten minder dan {MIN_GROUP} bestanden ({groups}). "
        "Dan is makkelijk te raden wie wat heeft geantwoord. "
        "Laat deze cijfers niet aan de groep zien. "
        "Wat wel kan: tweetallen vergelijken hun eigen spiegel, "
        "en jij vertelt hoe ver de antwoorden uiteenlopen, zonder iemand te noemen."
    )


def distribution_table(g: GroupAnalysis, bank_id: str) -> dutch.Table | Explanation:
    """Per part: n, quartiles and the number of exports per score band."""
    if (why := _or_explain(g, "spreiding", bank_id)) is not None:
        return why
    d = g.distribution(bank_id)
    df = d[["titel", "n", "p25", "mediaan", "p75", *BAND_LABELS]].rename(
        columns={
            "titel": "Onderdeel",
            "n": "Aantal",
            "p25": "25e percentiel",
            "mediaan": "Mediaan",
            "p75": "75e percentiel",
            **{b: f"score {b}" for b in BAND_LABELS},
        }
    )
    return dutch.table(df, f"Spreiding per onderdeel ({bank_id}): aantal bestanden per band", 0)


def profile_table(
    g: GroupAnalysis, bank_id: str, role: str | None = None
) -> dutch.Table | Explanation:
    """The group's mean per condition (capitals) and part (indented), 0-100."""
    if (why := _or_explain(g, "profiel", bank_id)) is not None:
        return why
    bank = g.banks[bank_id]
    p = g.profile(bank_id, role=role)
    label = [
        t.upper() if lvl == "voorwaarde" else f"– {t}"
        for lvl, t in zip(p.niveau, p.titel, strict=True)
    ]
    df = pd.DataFrame(
        {"Voorwaarde of onderdeel": label, "Aantal": p["n"], "Gemiddelde": p.gemiddelde}
    )
    side = f", kant {bank.role_label(role).lower()}" if role else ""
    return dutch.table(df, f"Groepsprofiel ({bank_id}{side}): gemiddelde score van 0 tot 100", 1)


_signed = dutch.signed


def change_table(g: GroupAnalysis, bank_id: str) -> dutch.Table | Explanation:
    """Change per condition between the first two rounds, for matched participants."""
    if (why := _or_explain(g, "verandering", bank_id)) is not None:
        return why
    ch = g.change(bank_id, level="voorwaarde")
    ra, rb = ch["ronde_a"].iloc[0], ch["ronde_b"].iloc[0]
    df = pd.DataFrame(
        {
            "Voorwaarde": ch["titel"],
            "Gekoppeld": ch["n_gekoppeld"],
            f"Gemiddelde {ra}": ch["gemiddelde_a"],
            f"Gemiddelde {rb}": ch["gemiddelde_b"],
            f"Verandering ({rb} min {ra})": ch["verandering_getoond"].map(_signed),
            f"Iedereen {ra}": ch["gemiddelde_a_alle"],
            f"Iedereen {rb}": ch["gemiddelde_b_alle"],
        }
    )
    return dutch.table(df, f"Verandering van {ra} naar {rb} ({bank_id})", 1)


def gap_table(g: GroupAnalysis, bank_id: str = "relatiespiegel") -> dutch.Table | Explanation:
    """Mean per side and the gap (first side minus second) per friction point."""
    if (why := _or_explain(g, "verschil", bank_id)) is not None:
        return why
    bank = g.banks[bank_id]
    first, second = bank.roles[:2]
    a, b = bank.role_label(first), bank.role_label(second)
    gap = g.gap(bank_id)
    df = pd.DataFrame(
        {
            "Knelpunt": gap["titel"],
            f"Aantal {a.lower()}": gap[f"n_{first}"],
            a: gap[first],
            f"Aantal {b.lower()}": gap[f"n_{second}"],
            b: gap[second],
            f"Verschil ({a.lower()} min {b.lower()})": gap["verschil_getoond"].map(_signed),
        }
    )
    return dutch.table(df, f"Gemiddelde per kant en het verschil per knelpunt ({bank_id})", 1)


@dataclass(frozen=True)
class Markdown:
    """Markdown text a notebook shows as formatted text."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def gap_prompts(g: GroupAnalysis, n: int = 2, bank_id: str = "relatiespiegel") -> Any:
    """The bank's conversation prompts for the ``n`` largest gaps (Markdown), or why none."""
    if (why := _or_explain(g, "verschil", bank_id)) is not None:
        return why
    bank = g.banks[bank_id]
    gap = g.gap(bank_id).dropna(subset=["verschil"])
    top = gap.assign(afstand=gap["verschil"].abs()).nlargest(n, "afstand")
    blocks = []
    for row in top.itertuples():
        point = next(c for c in bank.conditions if c["id"] == row.id)
        prompts = "\n".join(f"- {v}" for v in point.get("prompts", []))
        blocks.append(
            f"**{point['title']}** (verschil {_signed(row.verschil_getoond)})\n\n{prompts}"
        )
    return Markdown("\n\n".join(blocks))


@dataclass(frozen=True)
class Participant:
    """One participant's exports for the scan notebook: no name, no notes."""

    label: str
    latest: str  # an export (JSON text) of the newest round
    earlier: str | None  # an export of the round before, if there is one
    message: str  # what the notebook says about where the answers come from


def pick_participant(g: GroupAnalysis, bank_id: str = "duurzaamheidsscan") -> Participant | None:
    """The participant with the most rounds (the first pseudonym on a tie), without a name.

    The exports are rebuilt from the answers only: no organisation name, no notes.
    """
    from wijkcoop import scan

    found = g.participant_rounds(bank_id)
    if found is None:
        return None
    label, rounds = found
    bank = g.banks[bank_id]
    numbered = [r for r in sorted(rounds, key=round_sort_key) if r != UNKNOWN_ROUND]
    latest = numbered[-1] if numbered else UNKNOWN_ROUND
    earlier = numbered[-2] if len(numbered) > 1 else None

    def export(rnd: str) -> str:
        role, answers = rounds[rnd]
        doc = scan.make_export(bank, answers, role=role, exported_at="2026-01-01T00:00:00Z")
        return json.dumps(doc, ensure_ascii=False)

    message = f"De antwoorden van {label.lower()} uit je map ({latest}), zonder naam en notities."
    return Participant(label, export(latest), None if earlier is None else export(earlier), message)


def sample_participant() -> Participant:
    """The invented example of the scan notebook: two rounds, the first from an older edition."""
    from wijkcoop import data

    return Participant(
        "het voorbeeld",
        json.dumps(data.load("scan-voorbeeld-export-2026"), ensure_ascii=False),
        json.dumps(data.load("scan-voorbeeld-export-2025"), ensure_ascii=False),
        "Geen eigen map gekozen: dit zijn verzonnen antwoorden (een rekenvoorbeeld), twee rondes.",
    )
