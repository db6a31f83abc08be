"""Directives that explain the scan on its own pages, computed from the bank at build time.

* ``{scan-drempels} <bank>``: the derived measures and their thresholds.
* ``{scan-voorbeeld} <bank> <case>``: a worked example from the shared test vectors; with
  ``:condition: <id>`` the item scores of one condition, with ``:income:`` the number items the
  bank's derived measures read, the measures and the conditions they count in (the bank says
  which: :meth:`wijkcoop.scan.Bank.derived_inputs`, :meth:`wijkcoop.scan.Bank.derived_conditions`).
* ``{scan-meldingen}``: every import refusal with its exact Dutch message.
* ``{scan-wijzigingen} <bank>``: every change since the previous archived version, from the
  bank's ``changes`` and ``migrations`` (rows from :func:`wijkcoop.scan.changes.change_rows`).
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from wijkcoop import data
from wijkcoop.book.markup import table
from wijkcoop.dutch import euro, number, percent
from wijkcoop.scan import changes
from wijkcoop.scan.bank import Bank, load_bank
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.messages import source_path as messages_source
from wijkcoop.scan.scoring import ScanResult, likert_score, score, threshold_score

#: The dataset with a plain-Dutch explanation per refusal code, shown next to the exact message.
HELP_DATASET = "scan-messages-help"


def counts() -> dict[str, str]:
    """How many questions the banks ask, as MyST substitutions (``{{ scan_vragen }}``).

    Counts in the text are generated from the banks, never typed.
    """
    scan, spiegel = load_bank("duurzaamheidsscan"), load_bank("relatiespiegel")
    kinds = [i["type"] for i in scan.items]
    sides = {len(spiegel.items_for(r)) for r in spiegel.roles}
    if len(sides) != 1:
        raise ValueError(f"the spiegel's sides ask different numbers of statements: {sides}")
    return {
        "scan_vragen": str(len(scan.items)),
        "scan_stellingen": str(kinds.count("likert")),
        "scan_bedragen": str(kinds.count("number")),
        "scan_kort": str(len(scan.items_for(short=True))),
        "spiegel_stellingen": str(sides.pop()),
    }


def config_inited(app: object, config: object) -> None:
    """Add the question counts of :func:`counts` to the MyST substitutions."""
    subs = dict(config.myst_substitutions or {})  # type: ignore[attr-defined]
    subs.update(counts())
    config.myst_substitutions = subs  # type: ignore[attr-defined]


class ThresholdsDirective(SphinxDirective):
    """``{scan-drempels} duurzaamheidsscan``: the derived measures and their thresholds."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """The thresholds table."""
        bank = load_bank(self.arguments[0])
        self.env.note_dependency(str(bank.source))
        rows = []
        for d in bank.derived:
            if "score" not in d:
                continue
            good, bad = d["score"]["good"], d["score"]["bad"]
            pct = d["kind"] in {"share", "value"}

            def fmt(x: float, pct: bool = pct) -> str:
                return percent(x, 0) if pct else number(x, 2)

            part = bank.parts_by_id[d["part"]]["title"]
            rows.append([d["title"], part, f"{fmt(good)} of minder", f"{fmt(bad)} of meer"])
        out: list[nodes.Node] = [
            table(
                "Drempels van de afgeleide maten (score 100 bij de eerste, 0 bij de tweede)",
                ["Maat", "Telt mee in", "Score 100", "Score 0"],
                rows,
            )
        ]
        if bank.advice_below is not None:
            out.append(nodes.paragraph(text=advice_text(bank)))
        return out


def advice_text(bank: Bank) -> str:
    """The advice cut-off in one Dutch sentence, from the bank's ``advice_below``."""
    return (
        "Een eerste stap als tip krijg je voor de hoogstens drie onderdelen met de laagste score, "
        f"als die score lager is dan {number(bank.advice_below, 0)}."
    )


def _condition_tables(bank: Bank, answers: dict, result: ScanResult, cond_id: str) -> list:
    cond = next(c for c in bank.conditions if c["id"] == cond_id)
    labels = {o["value"]: o["label"] for o in bank.raw["scale"]["options"]}
    rows = []
    for part in cond["parts"]:
        for item in bank.items:
            if item["part"] != part["id"] or item["type"] != "likert":
                continue
            v = answers.get(item["id"])
            na_label = (bank.raw["scale"].get("not_applicable") or {}).get("label", "")
            shown = {"?": "weet ik niet", "nvt": na_label.lower()}.get(str(v)) or labels.get(
                v, "niet ingevuld"
            )
            sc = None if v in (None, "?", "nvt") else likert_score(item, v)
            rows.append(
                [
                    part["title"],
                    bank.text(item["statement"]),
                    shown,
                    "ja" if item.get("reverse") else "nee",
                    number(sc, 1),
                ]
            )
    prow = [
        [r["title"], number(r["score"], 1), f"{r['n_answered']}", f"{r['n_unknown']}"]
        for r in result.part_rows
        if r["condition"] == cond_id
    ]
    prow.append(
        [cond["title"] + " (gemiddelde)", number(result.condition_score(cond_id), 1), "", ""]
    )
    return [
        table(
            f"Rekenvoorbeeld: antwoorden en itemscores voor {cond['title'].lower()}",
            ["Onderdeel", "Stelling", "Antwoord", "Omgekeerd", "Itemscore"],
            rows,
        ),
        table(
            "Rekenvoorbeeld: scores per onderdeel en voor de voorwaarde",
            ["Onderdeel", "Score", "Beantwoord", "Weet ik niet"],
            prow,
        ),
    ]


def _income_tables(bank: Bank, answers: dict, result: ScanResult) -> list:
    inputs = set(bank.derived_inputs())
    rows = []
    for item in bank.items:
        if item["id"] in inputs:
            v = answers.get(item["id"])
            shown = f"{number(v, 0)}%" if item.get("unit") == "procent" else euro(v)
            rows.append([bank.text(item["statement"]), shown])
    out = [table("Rekenvoorbeeld: ingevulde inkomsten", ["Vraag", "Antwoord"], rows)]
    drows = []
    for d in bank.derived:
        v = result.derived[d["id"]]
        if d["kind"] == "total":
            shown = euro(v)
        elif d["kind"] == "herfindahl":
            shown = number(v, 3)
        else:
            shown = percent(v, 1)
        sc = "–"
        if "score" in d and v is not None:
            sc = number(threshold_score(v, d["score"]["good"], d["score"]["bad"]), 1)
        drows.append([d["title"], shown, sc])
    out.append(
        table("Rekenvoorbeeld: afgeleide maten en hun score", ["Maat", "Waarde", "Score"], drows)
    )
    for cond_id in bank.derived_conditions():
        cond = next(c for c in bank.conditions if c["id"] == cond_id)
        frows = [
            [r["title"], number(r["score"], 1)]
            for r in result.part_rows
            if r["condition"] == cond_id
        ]
        frows.append([cond["title"] + " (gemiddelde)", number(result.condition_score(cond_id), 1)])
        out.append(
            table(
                f"Rekenvoorbeeld: scores voor de voorwaarde {cond['title'].lower()}",
                ["Onderdeel", "Score"],
                frows,
            )
        )
    return out


class ExampleDirective(SphinxDirective):
    """``{scan-voorbeeld} duurzaamheidsscan gemengd``: a worked example from the test vectors.

    The answers come from ``data/scan/test-vectors-<bank>.json``; every score on the page is
    computed here by :func:`wijkcoop.scan.score` at build time (nothing typed by hand).
    """

    required_arguments = 2
    option_spec: ClassVar[dict] = {"condition": directives.unchanged, "income": directives.flag}

    def run(self) -> list[nodes.Node]:
        """The tables of the worked example, scored at build time."""
        bank = load_bank(self.arguments[0])
        vectors = data.load(f"scan-test-vectors-{bank.bank_id}")
        case = next((c for c in vectors["cases"] if c["name"] == self.arguments[1]), None)
        if case is None:
            raise self.error(f"scan-voorbeeld: no test-vector case {self.arguments[1]!r}")
        answers = case["answers"]
        result = score(bank, answers, role=case.get("role"), short=case.get("short", False))
        out: list[nodes.Node] = []
        cond_id = self.options.get("condition")
        if cond_id:
            if cond_id not in {c["id"] for c in bank.conditions}:
                raise self.error(f"scan-voorbeeld: the bank has no condition {cond_id!r}")
            out += _condition_tables(bank, answers, result, cond_id)
        if "income" in self.options:
            out += _income_tables(bank, answers, result)
        return out


class MessagesDirective(SphinxDirective):
    """``{scan-meldingen}``: every refusal code with its exact Dutch message."""

    def run(self) -> list[nodes.Node]:
        """The table of refusal codes, explanations and messages."""
        help_nl = data.load(HELP_DATASET)
        self.env.note_dependency(str(messages_source()))
        self.env.note_dependency(str(data.data_dir() / data.manifest()[HELP_DATASET]["file"]))
        unknown = sorted(set(help_nl) - set(MESSAGES))
        if unknown:
            raise self.error(
                f"scan-meldingen: {data.manifest()[HELP_DATASET]['file']} explains codes "
                f"that data/scan/messages.yaml does not have: {unknown}"
            )
        rows = [
            [code, text, MESSAGES[code] + " " + MESSAGES["unchanged"]]
            for code, text in help_nl.items()
        ]
        return [
            table(
                "Wanneer de scan een bestand weigert, en de melding die je dan ziet",
                ["Code", "Wat er aan de hand is", "Melding in de scan"],
                rows,
            )
        ]


class ChangesDirective(SphinxDirective):
    """``{scan-wijzigingen} duurzaamheidsscan``: what changed since the previous version, and why.

    The rows come from the bank itself (``changes`` with their Dutch reasons, ``migrations``
    for the new codes) and the archived earlier bank for the old wording; nothing is typed on
    the page. A bank without changes, or whose earlier version is not archived, fails the build.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """The table of changes, computed from the bank and its archived earlier version."""
        bank = load_bank(self.arguments[0])
        self.env.note_dependency(str(bank.source))
        versions = [m["from"] for m in bank.migrations]
        if not versions or not bank.raw.get("changes"):
            raise self.error(f"scan-wijzigingen: {bank.bank_id} records no changes")
        previous = changes.load_archived(bank.bank_id, versions[-1])
        if previous is None:
            raise self.error(
                f"scan-wijzigingen: {changes.archive_path(bank.bank_id, versions[-1])} is missing"
            )
        self.env.note_dependency(str(changes.archive_path(bank.bank_id, versions[-1])))
        rows = []
        for r in changes.change_rows(bank.raw, previous):
            was = f"{r.item}: {r.before}" if r.before else "–"
            now = " / ".join(f"{i}: {t}" for i, t in r.after) if r.after else "–"
            rows.append([was, r.label, now, r.reason])
        who = ""
        if bank.two_sided:
            first = bank.roles[0]
            label = bank.raw.get("role_labels", {}).get(first, first)
            who = f" (stellingen zoals de kant {label} ze leest)"
        return [
            table(
                f"{bank.title}: wijzigingen van versie {versions[-1]} naar {bank.version}{who}",
                [
                    f"In versie {versions[-1]}",
                    "Wat er veranderde",
                    f"In versie {bank.version}",
                    "Waarom",
                ],
                rows,
            )
        ]
