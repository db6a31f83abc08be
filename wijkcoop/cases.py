"""Case profiles of the five Rotterdam organisations, from ``data/cases/organisaties.yaml``.

The dataset is loaded with :func:`wijkcoop.data.load` (schema ``organisaties.schema.json``).
:func:`profile_markdown` turns one organisation into MyST Markdown (facts table, activities,
dated later facts with source links); the directive ``{casusprofielen}``
(:mod:`wijkcoop.book.cases`) puts one section per organisation into the page, labelled
``watis-casus-<id>`` so that other pages can link to it with ``{ref}``.
"""

from __future__ import annotations

from typing import Any

from wijkcoop import data

DATASET = "organisaties"
LABEL_PREFIX = "watis-casus-"

LEGAL_FORMS = {
    "coöperatie": "coöperatie (met leden)",
    "stichting": "stichting (zonder leden)",
    "vereniging": "vereniging",
}


def label(org: dict[str, Any]) -> str:
    """The book label of an organisation's profile, e.g. ``watis-casus-afrikaanderwijk``."""
    return LABEL_PREFIX + org["id"]


def check(dataset: dict[str, Any], source: str = DATASET) -> dict[str, Any]:
    """Rules the schema cannot express: unique ids, and a date on every later fact.

    Raises :class:`wijkcoop.data.DataValidationError` naming the organisation and the field.
    """
    for where, org in data.rows_with_unique_ids(dataset["organisaties"], f"{source}: row"):
        for j, fact in enumerate(org["latere_feiten"], start=1):
            if not str(fact.get("datum", "")).strip():
                raise data.DataValidationError(
                    f"{where}, field 'latere_feiten[{j}].datum': a later fact needs a date"
                )
        if not org["latere_feiten"] and not org.get("geen_latere_bron"):
            raise data.DataValidationError(
                f"{where}, field 'geen_latere_bron': say why there are no later facts"
            )
    return dataset


def load_cases() -> dict[str, Any]:
    """The validated case dataset (schema plus :func:`check`)."""
    return check(data.load(DATASET))


def _cell(text: Any) -> str:
    """Text safe for one cell of a Markdown table."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def facts_rows(org: dict[str, Any], as_of: str) -> list[tuple[str, str]]:
    """(kenmerk, waarde) rows of the facts table; essay facts only."""
    founded = org["opgericht_essay"]
    return [
        ("Wijk", f"{org['wijk']} ({org['gebied']})"),
        ("Noemde zich wijkcoöperatie", _yes_no(org["noemt_zich_wijkcooperatie"])),
        ("Rechtsvorm in " + as_of, LEGAL_FORMS[org["rechtsvorm_essay"]]),
        ("Had leden", _yes_no(org["leden_essay"])),
        ("Opgericht", str(founded) if founded else "niet genoemd in het essay"),
        (
            "In het onderzoek",
            "vanaf het begin"
            if org["selectie"] == "kern"
            else (
                "later toegevoegd: de onderzoekers zagen er een aantal gelijkenissen in "
                "met de drie wijkcoöperaties"
            ),
        ),
    ]


def profile_markdown(org: dict[str, Any], *, as_of: str, source: str) -> str:
    """MyST Markdown for the body of one profile (everything below its heading)."""
    lines: list[str] = [
        " ".join(org["samenvatting"].split()) + f" {{cite:p}}`{source}`",
        "",
        f"| Kenmerk (essay, {_cell(as_of)}) | {_cell(org['naam'])} |",
        "|---|---|",
    ]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in facts_rows(org, as_of)]
    lines += ["", f"**Wat deed {org['naam']} in {as_of}?**", ""]
    lines += [f"- {' '.join(a.split())}" for a in org["activiteiten_essay"]]
    lines += ["", "**Wat we later weten**", ""]
    if org["latere_feiten"]:
        lines += [
            "Deze feiten komen niet uit het essay maar uit latere openbare bronnen.",
            "Bij elk feit staat waar het over gaat in de tijd en waar het vandaan komt.",
            "",
        ]
        for fact in org["latere_feiten"]:
            lines.append(
                f"- *{_cell(fact['datum'])}*: {' '.join(fact['feit'].split())} "
                f"Bron: [{_cell(fact['bron'])}]({fact['bron_url']})."
            )
    else:
        lines.append(" ".join(org["geen_latere_bron"].split()))
    if org.get("website"):
        lines += ["", f"Website: <{org['website']}>"]
    return "\n".join(lines) + "\n"


def overview_markdown(dataset: dict[str, Any]) -> str:
    """A compact comparison table of all organisations, each name linking to its profile."""
    as_of = dataset["peiljaar_essay"]
    lines = [
        f"| Organisatie | Wijk | Noemde zich wijkcoöperatie | Rechtsvorm ({_cell(as_of)}) |",
        "|---|---|---|---|",
    ]
    for org in dataset["organisaties"]:
        lines.append(
            f"| [{_cell(org['naam'])}]({label(org)}) | {_cell(org['wijk'])} | "
            f"{_yes_no(org['noemt_zich_wijkcooperatie'])} | {org['rechtsvorm_essay']} |"
        )
    return "\n".join(lines) + "\n"
