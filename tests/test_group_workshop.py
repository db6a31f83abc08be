"""The group analysis on real workshop folders: every variant gives Dutch answers, no names.

The folders come from :func:`wijkcoop.synthetic.write_variant` (one round, spiegels only, scans
only, mixed banks and editions, broken/duplicate/future files, a group below MIN_GROUP). The
notebooks themselves run on the same folders in tests/test_notebook_folders.py (slow).
"""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import altair as alt
import pytest

from wijkcoop import dutch, group, synthetic

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    out = {}
    for variant in synthetic.VARIANTS:
        folder = tmp_path_factory.mktemp(variant)
        out[variant] = (folder, synthetic.write_variant(folder, variant, seed=5))
    return out


def _needles(written: list[synthetic.SyntheticFile]) -> set[str]:
    """Every file name (with and without extension) and organisation name, lower case."""
    found = {"tarwewijk"}
    for f in written:
        found |= {f.name.lower(), Path(f.name).stem.lower()}
        if f.organisation:
            found.add(f.organisation.lower())
    return found


def _shown(g: group.GroupAnalysis) -> list[object]:
    """Everything the notebook shows from the package, in order."""
    scan_id = "duurzaamheidsscan"
    return [
        g.counts_text(),
        group.rejected_table(g),
        group.participation_table(g),
        group.small_group_note(g),
        group.distribution_chart(g, scan_id),
        group.distribution_table(g, scan_id),
        group.profile_chart(g, scan_id),
        group.profile_table(g, scan_id),
        group.change_chart(g, scan_id),
        group.change_table(g, scan_id),
        group.gap_chart(g),
        group.gap_table(g),
        group.gap_prompts(g),
    ]


def _text(obj: object) -> str:
    if isinstance(obj, alt.TopLevelMixin):
        return json.dumps(obj.to_dict(), ensure_ascii=False)
    html = getattr(obj, "_repr_html_", None) or getattr(obj, "_repr_markdown_", None)
    return html() if html else str(obj)


@pytest.mark.parametrize("variant", list(synthetic.VARIANTS))
def test_every_variant_shows_everything_or_says_why_without_names(variant, folders, tmp_path):
    folder, written = folders[variant]
    g = group.analyse(folder)
    shown = _shown(g)
    for obj in shown:
        assert isinstance(
            obj, str | dutch.Table | group.Explanation | alt.TopLevelMixin
        ) or hasattr(obj, "_repr_markdown_"), type(obj)
    paths = g.write(tmp_path / "uit")
    text = "\n".join(_text(o) for o in shown)
    text += "\n".join(p.read_text(encoding="utf-8") for p in paths.values())
    lowered = text.lower()
    leaked = sorted(n for n in _needles(written) if n in lowered)
    assert not leaked, f"{variant}: names in the output: {leaked[:5]}"


def test_one_round_gives_a_dutch_explanation_not_an_error(folders):
    g = group.analyse(folders["een-ronde"][0])
    chart = group.change_chart(g, "duurzaamheidsscan")
    assert isinstance(chart, group.Explanation)
    assert "alleen ronde-1" in chart.text
    assert "twee rondes nodig" in chart.text
    assert isinstance(group.change_table(g, "duurzaamheidsscan"), group.Explanation)
    with pytest.raises(group.NotPossible, match="twee rondes nodig"):
        g.change("duurzaamheidsscan")
    assert isinstance(group.gap_chart(g), alt.TopLevelMixin)  # the spiegel still works


def test_spiegel_only_folder_keeps_the_gap_and_explains_the_rest(folders):
    g = group.analyse(folders["alleen-spiegel"][0])
    for make in (group.distribution_chart, group.profile_chart, group.change_chart):
        why = make(g, "duurzaamheidsscan")
        assert isinstance(why, group.Explanation)
        assert "geen bestand van de duurzaamheidsscan" in why.text
    assert isinstance(group.gap_chart(g), alt.TopLevelMixin)
    assert isinstance(group.gap_table(g), dutch.Table)


def test_scan_only_folder_explains_the_missing_spiegel(folders):
    g = group.analyse(folders["alleen-scan"][0])
    why = group.gap_chart(g)
    assert isinstance(why, group.Explanation)
    assert "relatiespiegel" in why.text
    assert isinstance(group.change_chart(g, "duurzaamheidsscan"), alt.TopLevelMixin)


def test_one_side_only_is_named(tmp_path):
    entries = synthetic.generate("relatiespiegel", n_orgs=5, rounds=("ronde-1",), seed=3)
    for e in entries:
        if e["role"] == "cooperatie":
            (tmp_path / e["file"]).write_bytes(synthetic.dumps(e["export"]))
    why = group.gap_table(group.analyse(tmp_path))
    assert isinstance(why, group.Explanation)
    assert "kant gemeente" in why.text
    assert "beide kanten" in why.text


def test_small_group_says_what_still_works(folders):
    g = group.analyse(folders["klein"][0])
    note = group.small_group_note(g).text
    assert f"minder dan {group.MIN_GROUP} bestanden" in note
    assert "tweetallen vergelijken hun eigen spiegel" in note
    assert "zonder iemand te noemen" in note
    big = group.small_group_note(group.analyse(folders["een-ronde"][0])).text
    assert big.startswith("Elke groep heeft minstens")


def test_truncated_export_named_after_its_organisation_leaks_nothing(folders, tmp_path):
    """The reported case: a broken file's name held the organisation's name."""
    folder, _ = folders["kapot"]
    assert (folder / synthetic.TRUNCATED_NAME).exists()
    g = group.analyse(folder)
    assert not g.rejected["bestand"].str.contains("tarwewijk", case=False).any()
    assert g.rejected["bestand"].str.fullmatch(r"bestand \d{2}").all()
    paths = g.write(tmp_path / "uit")
    for path in paths.values():
        assert "tarwewijk" not in path.read_text(encoding="utf-8").lower(), path.name
    # with the trainer's explicit choice, the real name is there (to ask for the file again)
    named = group.analyse(folder, show_names=True)
    assert synthetic.TRUNCATED_NAME in set(named.rejected["bestand"])


def test_refusal_reasons_are_shown_in_full(folders):
    g = group.analyse(folders["kapot"][0])
    html = unescape(group.rejected_table(g)._repr_html_())
    for reason in g.rejected["reden"]:
        assert len(reason) > 60
        assert f"<td>{reason}</td>" in html
    assert "..." not in html
    assert "…" not in html


def test_mixed_editions_count_with_the_newest_bank(folders):
    folder, written = folders["gemengd"]
    g = group.analyse(folder)
    old = [f for f in written if "-1.0.0_" in f.name]
    assert len(old) == 2
    assert g.rejected.empty
    assert g.counts()["geaccepteerd"] == len(written)


def test_tables_have_dutch_labels_and_no_index(folders):
    g = group.analyse(folders["voorbeeld"][0])
    html = group.profile_table(g, "duurzaamheidsscan")._repr_html_()
    assert "<th>Voorwaarde of onderdeel</th>" in html
    assert "<th>Gemiddelde</th>" in html
    assert "gemiddelde_a" not in group.change_table(g, "duurzaamheidsscan")._repr_html_()
    assert "<tbody>\n    <tr>\n      <th>" not in html  # no index column
    assert "," in html.split("<td>")[3]  # a Dutch decimal comma


def test_every_chart_has_a_real_caption(folders):
    g = group.analyse(folders["voorbeeld"][0])
    charts = [
        group.distribution_chart(g, "duurzaamheidsscan"),
        group.profile_chart(g, "duurzaamheidsscan"),
        group.change_chart(g, "duurzaamheidsscan"),
        group.gap_chart(g),
    ]
    for chart in charts:
        caption = chart.to_dict().get("description", "")
        assert len(caption) > 40, caption
        assert "bestand" in caption or "deelnemers" in caption, caption


def test_counts_are_a_sentence_not_a_dict(folders):
    g = group.analyse(folders["voorbeeld"][0])
    text = g.counts_text()
    assert text.startswith(f"{g.counts()['bestanden']} bestanden gelezen")
    assert "{" not in text


def test_folder_and_output_folder_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(group.display.ENV_FOLDER, raising=False)
    monkeypatch.delenv(group.display.ENV_OUTPUT, raising=False)
    monkeypatch.delenv("WIJKCOOP_BOOK_BUILD", raising=False)
    assert group.folder(None) is None
    assert group.folder(tmp_path) == tmp_path
    monkeypatch.setenv("GROEP_MAP", str(tmp_path / "x"))
    assert group.folder(None) == tmp_path / "x"
    monkeypatch.chdir(tmp_path)
    assert group.output_folder() == tmp_path / "groepsanalyse-uitvoer"
    assert group.output_folder(tmp_path / "eigen") == tmp_path / "eigen"
    monkeypatch.setenv("GROEP_UITVOER", str(tmp_path / "env"))
    assert group.output_folder(tmp_path / "eigen") == tmp_path / "env"


def test_written_text_gives_the_full_path(monkeypatch, folders, tmp_path):
    monkeypatch.delenv("WIJKCOOP_BOOK_BUILD", raising=False)
    g = group.analyse(folders["een-ronde"][0])
    text = group.written_text(g.write(tmp_path / "uit"))
    assert str((tmp_path / "uit").resolve()) in text
    assert "overzicht.html" in text


def test_pick_participant_has_no_name_or_notes(folders):
    g = group.analyse(folders["voorbeeld"][0])
    p = group.pick_participant(g)
    assert p is not None
    assert p.earlier is not None
    for text in (p.latest, p.earlier, p.message):
        assert "voorbeeld 0" not in text.lower()
    assert json.loads(p.latest)["organisation"] == ""
    assert json.loads(p.latest)["notes"] == ""
    assert group.pick_participant(group.analyse(folders["alleen-spiegel"][0])) is None


# ----------------------------------------------------------------- the notebooks' first cells


def _cells(name: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("name", ["groepsanalyse", "scan-trainers"])
def test_first_cell_says_what_the_notebook_needs(name):
    first = _cells(name)[0]
    assert first["cell_type"] == "markdown"
    text = "".join(first["source"])
    assert "## Wat je nodig hebt" in text
    assert "pip install wijkcoop-" in text
    assert "make lab" in text


@pytest.mark.parametrize("name", ["groepsanalyse", "scan-trainers"])
def test_missing_package_gives_the_dutch_message(name, monkeypatch):
    code = next(c for c in _cells(name) if c["cell_type"] == "code")
    source = "".join(code["source"])
    assert "except ModuleNotFoundError" in source
    monkeypatch.setitem(__import__("sys").modules, "wijkcoop", None)  # import now fails
    with pytest.raises(Exception, match="Het pakket 'wijkcoop' ontbreekt") as caught:
        exec(compile(source, name, "exec"), {})
    err = caught.value
    assert type(err).__name__ == "PakketOntbreekt"
    shown = "\n".join(err._render_traceback_())  # what Jupyter prints instead of a traceback
    assert "Het pakket 'wijkcoop' ontbreekt" in shown
    assert "Wat je nodig hebt" in shown


@pytest.mark.parametrize("name", ["groepsanalyse", "scan-trainers"])
def test_one_marked_cell_chooses_the_folder(name):
    marked = [c for c in _cells(name) if "parameters" in c["metadata"].get("tags", [])]
    assert len(marked) == 1
    assert "EIGEN_MAP = None" in "".join(marked[0]["source"])
    assert any("group.folder(EIGEN_MAP)" in "".join(c["source"]) for c in _cells(name))


def test_signed_differences_are_written_with_their_sign():
    import pandas as pd

    assert [dutch.signed(v) for v in (5, -3, 0, 12)] == ["+5", "-3", "+0", "+12"]
    assert {dutch.signed(v) for v in (None, float("nan"), pd.NA)} == {dutch.DASH}
