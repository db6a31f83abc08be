"""Anonymity: organisation names become "Deelnemer NN" (outputs name files "bestand NN")."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

#: Prefix of the key under which an export without a name gets its pseudonym (by file).
FILE_KEY = "\0file:"


def normalise_name(name: str) -> str:
    """Matching key of an organisation name: lower case, no accents, only letters and digits."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def assign(names: Iterable[str], unnamed_files: Iterable[str]) -> dict[str, str]:
    """Normalised name -> 'Deelnemer NN'; unnamed exports get their own number by file.

    The numbering follows a hash of the normalised name (not the alphabet), stable in a run.
    """
    keys = {normalise_name(o) for o in names}
    keys.discard("")
    ordered = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
    unnamed = sorted(set(unnamed_files), key=lambda f: hashlib.sha256(f.encode()).hexdigest())
    width = max(2, len(str(len(ordered) + len(unnamed))))
    out = {k: f"Deelnemer {i:0{width}d}" for i, k in enumerate(ordered, 1)}
    for j, f in enumerate(unnamed, len(ordered) + 1):
        out[f"{FILE_KEY}{f}"] = f"Deelnemer {j:0{width}d}"
    return out
