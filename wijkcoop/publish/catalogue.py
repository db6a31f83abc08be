"""The catalogue of editions: the list in ``data/edities/edities.yaml``, read and checked.

The YAML keys are Dutch (``datum``, ``banken``, ``samenvatting``: data keys follow the book's
language); the :class:`Edition` fields are English, like every identifier in the code
(CONTRIBUTING.md, "Language in code"). :data:`YAML_KEYS` maps one to the other.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from wijkcoop.versions import semver

ROOT = Path(__file__).resolve().parents[2]
EDITIONS_FILE = Path("data") / "edities" / "edities.yaml"
DEV = "ontwikkeling"


#: field of :class:`Edition` -> its key in ``edities.yaml``
YAML_KEYS = {
    "version": "version",
    "date": "datum",
    "commit": "commit",
    "banks": "banken",
    "summary": "samenvatting",
}


@dataclass(frozen=True)
class Edition:
    """One edition as listed in ``data/edities/edities.yaml``."""

    version: str
    date: str  # ISO date of the release
    commit: str
    banks: dict[str, str]  # question-bank id -> its version in this edition
    summary: str  # one Dutch line

    @classmethod
    def from_yaml(cls, entry: dict) -> Edition:
        """An edition from one (schema-valid) entry of ``edities.yaml``."""
        return cls(**{field: entry[key] for field, key in YAML_KEYS.items()})

    def to_yaml(self) -> dict:
        """The entry for ``edities.yaml``, with its Dutch keys, in the file's order."""
        return {key: getattr(self, field) for field, key in YAML_KEYS.items()}

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: the version as numbers."""
        return semver(self.version)


def check(editions: list[Edition]) -> list[Edition]:
    """Newest first, versions unique and falling, dates not rising; raises ValueError."""
    for newer, older in itertools.pairwise(editions):
        if newer.key <= older.key:
            raise ValueError(
                f"{EDITIONS_FILE}: {newer.version} is listed before {older.version}; "
                "list editions newest first, each version once"
            )
        if newer.date < older.date:
            raise ValueError(f"{EDITIONS_FILE}: {newer.version} is dated before {older.version}")
    return editions


def load(repo: Path = ROOT) -> list[Edition]:
    """The editions listed in ``repo`` (validated against the schema), newest first."""
    from wijkcoop import data

    doc = data.load_path(repo / EDITIONS_FILE, "edities.schema.json")
    return check([Edition.from_yaml(e) for e in doc["edities"]])


def bank_versions(repo: Path = ROOT) -> dict[str, str]:
    """Question-bank id -> version, as the banks in ``repo/data/scan`` say."""
    out = {}
    for path in sorted((repo / "data" / "scan").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "bank_id" in doc and "version" in doc:
            out[str(doc["bank_id"])] = str(doc["version"])
    return out
