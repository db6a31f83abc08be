"""The five case profiles: data validation, rendering, and the {casusprofielen} directive."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.test_originality import copied_runs, load_essay
from wijkcoop import cases, data
from wijkcoop._version import __version__

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = data.data_dir() / "cases" / "organisaties.yaml"
SCHEMA = "organisaties.schema.json"
EXPECTED_IDS = {
    "afrikaanderwijk",
    "delfshaven",
    "wijkcoop010",
    "wijkpaleis",
    "klooster-oude-noorden",
}


@pytest.fixture
def dataset():
    return cases.load_cases()


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "organisaties.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _org(doc: dict, org_id: str) -> dict:
    return next(o for o in doc["organisaties"] if o["id"] == org_id)


# --- the dataset ----------------------------------------------------------------------------


def test_dataset_holds_the_five_organisations(dataset):
    assert {o["id"] for o in dataset["organisaties"]} == EXPECTED_IDS
    assert dataset["bron_essay"] == "karre2019samenwerken"


def test_essay_legal_forms(dataset):
    # Essay 2.1.2: only the Afrikaanderwijk Coöperatie was a cooperative in law, with members.
    legal = {o["id"]: (o["rechtsvorm_essay"], o["leden_essay"]) for o in dataset["organisaties"]}
    assert legal.pop("afrikaanderwijk") == ("coöperatie", True)
    assert set(legal.values()) == {("stichting", False)}


def test_wijkcoop010_uses_only_the_essay(dataset):
    # research/organisations.md: no independent source exists for Wijkcoop010.
    org = _org(dataset, "wijkcoop010")
    assert org["latere_feiten"] == []
    assert org["website"] is None
    assert "alleen het essay" in org["geen_latere_bron"]


def test_every_later_fact_has_a_year_and_a_web_source(dataset):
    facts = [f for o in dataset["organisaties"] for f in o["latere_feiten"]]
    assert len(facts) >= 8
    for fact in facts:
        assert re.search(r"\b(19|20)\d\d\b", fact["datum"]), fact
        assert fact["bron_url"].startswith(("http://", "https://")), fact


def test_profile_texts_copy_nothing_from_the_essay(dataset):
    essay = load_essay()
    for org in dataset["organisaties"]:
        text = cases.profile_markdown(org, as_of="2018–2019", source="karre2019samenwerken")
        assert copied_runs(text, essay) == [], org["id"]


# --- validation errors name the field -------------------------------------------------------


def test_missing_date_on_later_fact_names_the_field(tmp_path):
    doc = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    del _org(doc, "delfshaven")["latere_feiten"][1]["datum"]
    with pytest.raises(data.DataValidationError) as info:
        data.load_path(_write(tmp_path, doc), SCHEMA)
    message = str(info.value)
    assert "organisaties.yaml" in message
    assert "id=delfshaven" in message
    assert "'datum'" in message


def test_date_without_a_year_is_rejected(tmp_path):
    doc = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    _org(doc, "wijkpaleis")["latere_feiten"][0]["datum"] = "onbekend"
    with pytest.raises(data.DataValidationError, match=r"latere_feiten\[0\]\.datum"):
        data.load_path(_write(tmp_path, doc), SCHEMA)


def test_source_must_be_a_web_address(tmp_path):
    doc = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    _org(doc, "klooster-oude-noorden")["latere_feiten"][0]["bron_url"] = "namelok.eu"
    with pytest.raises(data.DataValidationError, match=r"bron_url"):
        data.load_path(_write(tmp_path, doc), SCHEMA)


def test_no_later_facts_needs_a_reason(tmp_path):
    doc = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    del _org(doc, "wijkcoop010")["geen_latere_bron"]
    with pytest.raises(data.DataValidationError, match=r"geen_latere_bron"):
        data.load_path(_write(tmp_path, doc), SCHEMA)


def test_unknown_legal_form_names_the_field(tmp_path):
    doc = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    _org(doc, "afrikaanderwijk")["rechtsvorm_essay"] = "bv"
    with pytest.raises(data.DataValidationError, match=r"id=afrikaanderwijk.*rechtsvorm_essay"):
        data.load_path(_write(tmp_path, doc), SCHEMA)


def test_duplicate_id_is_rejected(dataset):
    doc = copy.deepcopy(dataset)
    doc["organisaties"].append(copy.deepcopy(doc["organisaties"][0]))
    with pytest.raises(
        data.DataValidationError, match=r"field 'id': duplicate id 'afrikaanderwijk'"
    ):
        cases.check(doc)


def test_blank_date_is_rejected_by_check(dataset):
    doc = copy.deepcopy(dataset)
    _org(doc, "wijkpaleis")["latere_feiten"][1]["datum"] = "  "
    with pytest.raises(data.DataValidationError, match=r"latere_feiten\[2\]\.datum"):
        cases.check(doc)


# --- rendering ------------------------------------------------------------------------------


def _render_all(dataset) -> dict[str, str]:
    return {
        o["id"]: cases.profile_markdown(
            o, as_of=dataset["peiljaar_essay"], source=dataset["bron_essay"]
        )
        for o in dataset["organisaties"]
    }


def test_each_profile_shows_its_facts_and_cites_the_essay(dataset):
    rendered = _render_all(dataset)
    for org in dataset["organisaties"]:
        md = rendered[org["id"]]
        assert "{cite:p}`karre2019samenwerken`" in md
        assert f"| {org['naam']} |" in md
        for activity in org["activiteiten_essay"]:
            assert " ".join(activity.split()) in md


def test_every_later_fact_is_rendered_with_its_date_and_link(dataset):
    rendered = _render_all(dataset)
    for org in dataset["organisaties"]:
        md = rendered[org["id"]]
        fact_lines = [ln for ln in md.splitlines() if ln.startswith("- *")]
        assert len(fact_lines) == len(org["latere_feiten"])
        for line, fact in zip(fact_lines, org["latere_feiten"], strict=True):
            date = re.match(r"- \*([^*]+)\*: ", line)
            assert date, f"undated later fact in {org['id']}: {line}"
            assert date.group(1) == fact["datum"]
            assert f"]({fact['bron_url']})" in line
        if not org["latere_feiten"]:
            assert " ".join(org["geen_latere_bron"].split()) in md


def test_table_cells_escape_pipes(dataset):
    org = copy.deepcopy(_org(dataset, "wijkpaleis"))
    org["wijk"] = "Middelland | West"
    md = cases.profile_markdown(org, as_of="2018–2019", source="karre2019samenwerken")
    assert "Middelland \\| West" in md


def test_overview_links_every_profile(dataset):
    md = cases.overview_markdown(dataset)
    for org in dataset["organisaties"]:
        assert f"[{org['naam']}](watis-casus-{org['id']})" in md


# --- the directive in a real Sphinx build ---------------------------------------------------

PAGE = """(watis-casussen)=
# Casussen

```{casusprofielen}
:overzicht:
```

```{casusprofielen}
```

Zie {ref}`watis-casus-wijkpaleis` en {ref}`watis-figuur`.

```{hybridefiguur}
:name: watis-figuur

Overheid, markt en gemeenschap {cite:p}`billis2010towards`.
```

```{boekcitatie}
```

```{bibliography}
```
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """(html of the page, warnings, dependencies Sphinx recorded for the page)."""
    from sphinx.application import Sphinx

    with pytest.MonkeyPatch.context() as mp:
        # the book's config-inited handler marks the process as a book build; undo that after
        mp.setenv("WIJKCOOP_BOOK_BUILD", "0")
        return _build(tmp_path_factory, Sphinx)


def _build(tmp_path_factory, Sphinx):

    src = tmp_path_factory.mktemp("src")
    shutil.copy(ROOT / "references.bib", src / "references.bib")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'wijkcoop.book']\n"
        "html_theme = 'sphinx_book_theme'  # the book's theme, which has the footer option\n"
        "bibtex_bibfiles = ['references.bib']\n"
        "project = 'Samenwerken aan de wijk'\n"
        "author = 'Leernetwerk Wijkcoöperaties Rotterdam'\n"
        "language = 'nl'\n",
        "utf-8",
    )
    (src / "index.md").write_text(PAGE, "utf-8")
    out = tmp_path_factory.mktemp("out")
    warnings = out / "warnings.txt"
    with warnings.open("w") as stream:
        app = Sphinx(
            str(src),
            str(src),
            str(out / "html"),
            str(out / "doctrees"),
            "html",
            status=None,
            warning=stream,
            freshenv=True,
        )
        app.build()
    deps = {str(Path(src, d).resolve()) for d in app.env.dependencies["index"]}
    return (out / "html" / "index.html").read_text("utf-8"), warnings.read_text(), deps


@pytest.fixture(scope="module")
def built(build):
    return build[0], build[1]


def test_directive_renders_a_section_per_organisation(built, dataset):
    page, _ = built
    for org in dataset["organisaties"]:
        assert f'id="watis-casus-{org["id"]}"' in page
        assert org["naam"].replace("(", "").split()[0] in page
        for fact in org["latere_feiten"]:
            assert fact["bron_url"].replace("&", "&amp;") in page


def test_directive_build_has_no_warnings(built):
    _, warnings = built
    assert warnings.strip() == ""


def test_profile_labels_resolve(built):
    page, _ = built
    assert 'href="#watis-casus-wijkpaleis"' in page
    assert 'href="#watis-figuur"' in page


def test_figure_and_citation_directives_render(built):
    page, _ = built
    assert "<svg" in page
    assert "<figcaption>" in page
    assert f"editie {__version__}" in page  # the book's own version, not conf.py's
    assert "samenwerkenaandewijk" in page


def test_directives_declare_their_sources_so_incremental_builds_redraw(build):
    # Editing the data, its schema or the code that renders it must make the page outdated.
    from wijkcoop import hybrid
    from wijkcoop.book import cases as book_cases

    deps = build[2]
    entry = data.manifest()["organisaties"]
    expected = {
        data.data_dir() / entry["file"],
        data.data_dir() / "schemas" / entry["schema"],
        Path(cases.__file__),
        Path(hybrid.__file__),
        Path(book_cases.__file__),
    }
    missing = {str(p.resolve()) for p in expected} - deps
    assert not missing, f"not recorded as dependencies of the page: {sorted(missing)}"
