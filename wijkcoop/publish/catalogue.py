"""The catalogue of editions: the list in ``data/edities/edities.yaml``, read and checked.

The YAML keys are Dutch (``datum``, ``banken``, ``samenvatting``: data keys follow the book's
language); the :class:`Edition` fields are English, like every identifier in the code
(CONTRIBUTING.md, "Language").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EDITIONS_FILE = Path("data") / "edities" / "edities.yaml"
DEV = "ontwikkeling"
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


@dataclass(frozen=True)
class Edition:
    """One edition as listed in ``data/edities/edities.yaml``."""

    version: str
    datum: str
    commit: str
    banken: dict[str, str]
    samenvatting: str

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: the version as numbers."""
        return semver(self.version)


def semver(version: str) -> tuple[int, int, int]:
    """``x.y.z`` as three integers; ``ValueError`` for anything else."""
    m = SEMVER.match(version)
    if not m:
        raise ValueError(f"not a semantic version x.y.z: {version!r}")
    return (int(m[1]), int(m[2]), int(m[3]))


def check(editions: list[Edition]) -> list[Edition]:
    """Newest first, versions unique and falling, dates not rising; raises ValueError."""
    for newer, older in itertools.pairwise(editions):
        if newer.key <= older.key:
            raise ValueError(
                f"{EDITIONS_FILE}: {newer.version} is listed before {older.version}; "
                "list editions newest first, each version once"
            )
        if newer.datum < older.datum:
            raise ValueError(f"{EDITIONS_FILE}: {newer.version} is dated before {older.version}")
    return editions


def load(repo: Path = ROOT) -> list[Edition]:
    """The editions listed in ``repo`` (validated against the schema), newest first."""
    from wijkcoop import data

    doc = data.load_path(repo / EDITIONS_FILE, "edities.schema.json")
    return check([Edition(**e) for e in doc["edities"]])


def bank_versions(repo: Path = ROOT) -> dict[str, str]:
    """Question-bank id -> version, as the banks in ``repo/data/scan`` say."""
    out = {}
    for path in sorted((repo / "data" / "scan").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "bank_id" in doc and "version" in doc:
            out[str(doc["bank_id"])] = str(doc["version"])
    return out
