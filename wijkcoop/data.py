"""One loader for everything in ``data/``, validated against the schemas in ``data/schemas/``.

``data/manifest.yaml`` lists every dataset: its file, its schema and a one-line description.
:func:`load` reads a dataset by name and validates it; an invalid file raises
:class:`DataValidationError` with a message naming the file, the row and the field.

Structured files (YAML or JSON) are validated as a whole. CSV files are validated row by row
against a schema that describes one row; numbers are converted according to that schema.
"""

from __future__ import annotations

import copy
import csv
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml


def data_dir() -> Path:
    """The ``data/`` folder, looked up in this order.

    1. ``WIJKCOOP_DATA``, if set (e.g. a trainer's own copy of the banks);
    2. ``wijkcoop/_data`` inside an installed wheel (``pip install .`` ships ``data/`` there:
       ``[tool.setuptools.package-dir]`` in ``pyproject.toml``);
    3. ``data/`` beside the package in a checkout (also with ``pip install -e .``).
    """
    env = os.environ.get("WIJKCOOP_DATA")
    if env:
        return Path(env)
    packaged = Path(str(resources.files("wijkcoop").joinpath("_data")))
    if (packaged / "manifest.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


class DataValidationError(ValueError):
    """A data file does not match its schema; the message names file, row and field."""


def read_file(path: Path) -> Any:
    """Read a YAML, JSON or CSV file (CSV as a list of dicts of strings)."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataValidationError(f"{path}: file not found") from None
    if suffix in {".yaml", ".yml"}:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise DataValidationError(f"{path}: not valid YAML: {exc}") from None
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataValidationError(
                f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
            ) from None
    if suffix == ".csv":
        return list(csv.DictReader(text.splitlines()))
    raise DataValidationError(f"{path}: unsupported file type {suffix!r}")


def _load_schema(name: str) -> dict:
    path = data_dir() / "schemas" / name
    schema = read_file(path)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _where(document: Any, error_path: list) -> str:
    """Human-readable location: "list 'items', row 2 (id=b), field 'jaar'"."""
    parts = list(error_path)
    first_int = next((i for i, p in enumerate(parts) if isinstance(p, int)), None)
    if first_int is None:
        return f"field '{'.'.join(map(str, parts))}'" if parts else "top level"
    container, row, rest = parts[:first_int], parts[first_int], parts[first_int + 1 :]
    where = []
    if container:
        where.append(f"list '{'.'.join(map(str, container))}'")
    label = ""
    try:
        node = document
        for p in parts[: first_int + 1]:
            node = node[p]
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            label = f" (id={node['id']})"
    except (KeyError, IndexError, TypeError):
        pass
    where.append(f"row {row + 1}{label}")
    if rest:
        where.append(
            "field '"
            + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
            + "'"
        )
    return ", ".join(where)


def _coerce_csv_row(row: dict[str, str], schema: dict) -> dict[str, Any]:
    """Convert CSV strings to numbers/booleans where the row schema says so."""
    props = schema.get("properties", {})
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:  # more cells than header names
            out["__extra_cells__"] = value
            continue
        types = props.get(key, {}).get("type")
        types = types if isinstance(types, list) else [types]
        if value is None:
            out[key] = None
            continue
        v = value.strip()
        if v == "" and "null" in types:
            out[key] = None
        elif "integer" in types and _parses(v, int):
            out[key] = int(v)
        elif "number" in types and _parses(v, float):
            out[key] = float(v)
        elif "boolean" in types and v.lower() in {"true", "false"}:
            out[key] = v.lower() == "true"
        else:
            out[key] = v
    return out


def _parses(v: str, kind: type) -> bool:
    try:
        kind(v)
    except ValueError:
        return False
    return True


def validate(document: Any, schema: dict, path: Path) -> Any:
    """Validate a loaded document; CSV rows are validated one by one. Returns the document."""
    validator = jsonschema.Draft202012Validator(schema)
    if path.suffix.lower() == ".csv":
        rows = []
        for i, raw in enumerate(document):
            row = _coerce_csv_row(raw, schema)
            if "__extra_cells__" in row:
                raise DataValidationError(
                    f"{path}: row {i + 1} (line {i + 2}): more cells than column names"
                )
            errors = sorted(validator.iter_errors(row), key=lambda e: list(e.path))
            if errors:
                e = errors[0]
                field = f", field '{e.path[0]}'" if e.path else ""
                raise DataValidationError(f"{path}: row {i + 1} (line {i + 2}){field}: {e.message}")
            rows.append(row)
        return rows
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        loc = _where(document, list(e.path))
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise DataValidationError(f"{path}: {loc}: {e.message}{more}")
    return document


@cache
def manifest() -> dict[str, dict[str, str]]:
    """The datasets listed in ``data/manifest.yaml``, by name."""
    path = data_dir() / "manifest.yaml"
    doc = read_file(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("datasets"), dict):
        raise DataValidationError(f"{path}: expected a mapping 'datasets: {{name: {{...}}}}'")
    for name, entry in doc["datasets"].items():
        for key in ("file", "schema", "description"):
            if not isinstance(entry, dict) or key not in entry:
                raise DataValidationError(f"{path}: dataset '{name}': missing '{key}'")
    return doc["datasets"]


def load_path(path: Path, schema_name: str) -> Any:
    """Read and validate any file against a schema in ``data/schemas/`` (no caching)."""
    return validate(read_file(path), _load_schema(schema_name), path)


@cache
def _load_cached(name: str) -> Any:
    entries = manifest()
    if name not in entries:
        raise KeyError(f"unknown dataset {name!r}; data/manifest.yaml lists {sorted(entries)}")
    entry = entries[name]
    return load_path(data_dir() / entry["file"], entry["schema"])


def rows_with_unique_ids(rows: Iterable[dict[str, Any]], where: str) -> Iterator[tuple[str, dict]]:
    """Each row with the place an error about it names, ``"<where> <n> (id=<id>)"``.

    Raises :class:`DataValidationError` at the first row whose ``id`` an earlier row has; the
    caller checks its own rules on each row it gets, naming the place.
    """
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        place = f"{where} {n} (id={row['id']})"
        if row["id"] in seen:
            raise DataValidationError(f"{place}, field 'id': duplicate id {row['id']!r}")
        seen.add(row["id"])
        yield place, row


def load(name: str) -> Any:
    """Load the dataset ``name`` from the manifest, validated (a fresh copy on every call)."""
    return copy.deepcopy(_load_cached(name))
