"""Reading a trainer's folder: which files, their bytes, the bank they name and their round."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijkcoop.scan.exchange import MAX_BYTES

DEFAULT_BANKS = ("duurzaamheidsscan", "relatiespiegel")
#: Files up to this size are read whole (so a refusal names the real size); larger ones in part.
READ_LIMIT = 64 * 1024 * 1024
UNKNOWN_ROUND = "onbekend"
_BANK_ID_RE = re.compile(rb'"bank_id"\s*:\s*"([a-z0-9-]{1,80})"')
_ROUND_RE = re.compile(r"(?<![a-z])ronde[\s_:.-]*(\d+)", re.IGNORECASE)


@dataclass
class Read:
    """One accepted export, as the analysis keeps it (notes are not kept)."""

    file: str
    bank_id: str
    role: str | None
    round: str
    organisation: str
    answers: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def round_label(notes: str, filename: str) -> str:
    """The round of an export: first 'ronde N' in the notes, else in the file name."""
    for text in (notes or "", filename or ""):
        m = _ROUND_RE.search(text)
        if m:
            return f"ronde-{int(m.group(1))}"
    return UNKNOWN_ROUND


def round_sort_key(label: str) -> tuple[int, str]:
    """Sort rounds as ronde-1, ronde-2, ..., then anything else (onbekend)."""
    m = re.fullmatch(r"ronde-(\d+)", label)
    return (int(m.group(1)), label) if m else (10**9, label)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; of a very large file only enough to know that it is too large."""
    if path.stat().st_size <= READ_LIMIT:
        return path.read_bytes()
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def peek(raw: bytes) -> dict[str, Any] | None:
    """The file as a JSON object, or None (used only to learn a refused file's name and bank)."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def list_files(folder: Path) -> list[Path]:
    """Every regular, non-hidden file of ``folder`` (no subfolders), in name order."""
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def guess_bank_id(raw: bytes) -> str | None:
    """The bank a file names, found without parsing it (parse_export then checks it all)."""
    m = _BANK_ID_RE.search(raw[:4096])
    return None if m is None else m.group(1).decode("utf-8", "replace")
