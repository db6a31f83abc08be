"""Every file in data/ is listed in the manifest and matches its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijkcoop import data

DATA = data.data_dir()
NOT_DATASETS = {"manifest.yaml"}


def _listed_files() -> set[Path]:
    return {(DATA / e["file"]).resolve() for e in data.manifest().values()}


def test_every_data_file_is_in_the_manifest():
    unlisted = []
    for path in DATA.rglob("*"):
        if not path.is_file() or path.name in NOT_DATASETS:
            continue
        if "schemas" in path.parts or path.name == "README.md" or path.name.startswith("."):
            continue
        if path.resolve() not in _listed_files():
            unlisted.append(str(path.relative_to(DATA)))
    assert unlisted == [], f"data files missing from data/manifest.yaml: {unlisted}"


@pytest.mark.parametrize("name", sorted(data.manifest()))
def test_dataset_matches_schema(name):
    entry = data.manifest()[name]
    assert (DATA / "schemas" / entry["schema"]).exists()
    assert data.load(name) is not None


@pytest.mark.parametrize("name", sorted(data.manifest()))
def test_dataset_folder_has_readme(name):
    folder = (DATA / data.manifest()[name]["file"]).parent
    assert (folder / "README.md").exists(), f"{folder} needs a README.md with sources"


def test_invalid_record_names_file_row_and_field(tmp_path):
    schema_dir = tmp_path / "schemas"
    schema_dir.mkdir()
    schema = {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "jaar"],
                    "properties": {"id": {"type": "string"}, "jaar": {"type": "integer"}},
                },
            }
        },
    }
    (schema_dir / "t.schema.json").write_text(json.dumps(schema))
    bad = tmp_path / "t.yaml"
    bad.write_text("items:\n  - {id: a, jaar: 2018}\n  - {id: b, jaar: twintig}\n")
    original = bad.read_text()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WIJKCOOP_DATA", str(tmp_path))
        with pytest.raises(data.DataValidationError) as exc:
            data.load_path(bad, "t.schema.json")
    msg = str(exc.value)
    assert str(bad) in msg
    assert "row 2" in msg
    assert "(id=b)" in msg
    assert "field 'jaar'" in msg
    assert bad.read_text() == original  # the file is never changed


def test_invalid_csv_names_file_row_and_field(tmp_path):
    schema_dir = tmp_path / "schemas"
    schema_dir.mkdir()
    row_schema = {
        "type": "object",
        "required": ["jaar", "bedrag"],
        "properties": {"jaar": {"type": "integer"}, "bedrag": {"type": "number", "minimum": 0}},
    }
    (schema_dir / "r.schema.json").write_text(json.dumps(row_schema))
    bad = tmp_path / "r.csv"
    bad.write_text("jaar,bedrag\n2019,100\n2020,-5\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WIJKCOOP_DATA", str(tmp_path))
        with pytest.raises(data.DataValidationError) as exc:
            data.load_path(bad, "r.schema.json")
    msg = str(exc.value)
    assert "r.csv: row 2 (line 3), field 'bedrag'" in msg


def test_broken_json_names_line(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"a": 1,,}')
    with pytest.raises(data.DataValidationError, match=r"x.json: not valid JSON \(line 1"):
        data.read_file(bad)
