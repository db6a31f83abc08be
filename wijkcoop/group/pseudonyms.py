"""Anonymity: organisation names become "Deelnemer NN", also inside displayed file names."""

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


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


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


def mask_file_name(name: str, known_orgs: Iterable[str], pseudonyms: dict[str, str]) -> str:
    """A file name fit for output: every known organisation name replaced by its pseudonym."""
    known = sorted(known_orgs, key=len, reverse=True)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    slugged = slug(stem)
    masked = False
    for org in known:
        org_slug = slug(org)
        if org_slug and org_slug in slugged:
            pseudo = pseudonyms.get(normalise_name(org), "deelnemer")
            slugged = slugged.replace(org_slug, slug(pseudo))
            masked = True
    if not masked:
        key = normalise_name(stem)
        if any(normalise_name(o) and normalise_name(o) in key for o in known):
            return f"bestand-{hashlib.sha256(name.encode()).hexdigest()[:8]}.{ext}"
        return name
    return f"{slugged}.{ext}" if ext else slugged
