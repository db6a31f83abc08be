"""Export files: make, validate and migrate (format in ``docs/scan-format.md``).

:func:`parse_export` refuses a bad file with :class:`ExportError` carrying a stable ``code``
and the Dutch message the front end shows for the same file; it never changes anything.
The messages come from ``data/scan/messages.yaml`` (see ``messages.py``), the same file
``wijkcoop/web/scan.js`` is handed through its model.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from wijkcoop.dutch import megabytes
from wijkcoop.scan.bank import Bank, parse_version
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.scoring import UNKNOWN, is_number, valid_value

FORMAT = "wijkcoop-scan-export"
FORMAT_VERSION = 1
MAX_BYTES = 1_048_576
MAX_ORGANISATION = 200
MAX_NOTES = 5000
#: Text that looks like markup: "<" followed by a letter, "/", "!" or "?".
MARKUP = re.compile(r"<[A-Za-z/!?]")


def message(key: str, **params: Any) -> str:
    text = MESSAGES[key]
    for k, v in params.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def _show(value: Any, limit: int = 40) -> str:
    """A short JSON rendering of a value for a message (same as the front end)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ExportError(ValueError):
    """An export file is refused. ``code`` is stable; ``message_nl`` is shown to readers."""

    def __init__(self, code: str, message_nl: str):
        super().__init__(f"{code}: {message_nl}")
        self.code = code
        self.message_nl = message_nl


@dataclass
class ImportResult:
    answers: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def text_problem(value: Any, limit: int) -> str | None:
    """Why a free-text field cannot be taken over (a Dutch reason), or None if it is fine."""
    if not isinstance(value, str):
        return message("reason-not-string")
    if len(value) > limit:
        return message("reason-too-long", max=limit)
    if MARKUP.search(value):
        return message("reason-markup")
    return None


def _fail(code: str, **params: Any) -> ExportError:
    return ExportError(code, message(code, **params) + " " + message("unchanged"))


def migrate(bank: Bank, answers: dict[str, Any], from_version: str) -> tuple[dict, list[str]]:
    """Map answers from an older bank version onto the current one: (answers, removed ids)."""
    start = parse_version(from_version)
    steps = sorted(
        (m for m in bank.migrations if parse_version(m["from"]) >= start),
        key=lambda m: parse_version(m["from"]),
    )
    out = dict(answers)
    removed: list[str] = []
    for m in steps:
        renamed = m.get("renamed") or {}
        gone = set(m.get("removed") or [])
        nxt: dict[str, Any] = {}
        for key, value in out.items():
            if key in gone:
                removed.append(key)
            else:
                nxt[renamed.get(key, key)] = value
        out = nxt
    return out, removed


def parse_export(text_or_bytes: str | bytes, bank: Bank) -> ImportResult:
    """Validate an export file against ``bank``; raise :class:`ExportError` if it is refused."""
    raw = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    if len(raw) > MAX_BYTES:
        raise _fail("too-large", size=megabytes(len(raw)))
    try:
        text = raw.decode("utf-8-sig")
        doc = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise _fail("not-json") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail("not-export")
    fv = doc.get("format_version", FORMAT_VERSION)
    if not is_number(fv) or not float(fv).is_integer() or fv < 1:
        raise _fail("not-export")
    for key in ("bank_id", "bank_version", "answers"):
        if key not in doc:
            raise _fail("missing-field", field=key)
    if doc["bank_id"] != bank.bank_id:
        raise _fail("other-bank", found=_show(doc["bank_id"]), expected=bank.bank_id)
    found = parse_version(doc["bank_version"])
    if found is None:
        raise _fail("bad-version", found=_show(doc["bank_version"]))
    if fv > FORMAT_VERSION or found > parse_version(bank.version):
        raise _fail("future-version", found=doc["bank_version"], expected=bank.version)
    answers = doc["answers"]
    if not isinstance(answers, dict):
        raise _fail("bad-value", item=message("field-answers"), value=_show(answers))
    role = doc.get("role")
    if bank.two_sided:
        if role is None:
            raise _fail("missing-field", field="role")
        if role not in bank.roles:
            raise _fail("bad-value", item=message("field-role"), value=_show(role))
    elif role is not None:
        raise _fail("bad-value", item=message("field-role"), value=_show(role))
    meta_text = {}
    for key, limit in (("organisation", MAX_ORGANISATION), ("notes", MAX_NOTES)):
        value = doc.get(key)
        if value is None:
            value = ""
        reason = text_problem(value, limit)
        if reason:
            raise _fail("bad-text", field=message(f"field-{key}"), reason=reason)
        meta_text[key] = value
    warnings: list[str] = []
    removed: list[str] = []
    if found < parse_version(bank.version):
        answers, removed = migrate(bank, answers, doc["bank_version"])
        warnings.append(
            message("warning-migrated", found=doc["bank_version"], expected=bank.version)
        )
        if removed:
            warnings.append(
                message("warning-removed", count=len(removed), items=", ".join(removed))
            )
    allowed = {i["id"] for i in bank.items_for(role)}
    for key, value in answers.items():
        if key not in allowed:
            raise _fail("unknown-item", item=_show(key))
        if value is None or not valid_value(bank.items_by_id[key], value):
            raise _fail("bad-value", item=key, value=_show(value))
    exported_at = doc.get("exported_at")
    return ImportResult(
        answers={k: (v if v == UNKNOWN else _plain_number(v)) for k, v in answers.items()},
        warnings=warnings,
        meta={
            "bank_version": doc["bank_version"],
            "exported_at": exported_at if isinstance(exported_at, str) else None,
            "role": role,
            "organisation": meta_text["organisation"],
            "notes": meta_text["notes"],
            "removed": removed,
        },
    )


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _plain_number(v: float) -> int | float:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def make_export(
    bank: Bank,
    answers: dict[str, Any],
    organisation: str = "",
    notes: str = "",
    role: str | None = None,
    exported_at: str | None = None,
) -> dict[str, Any]:
    """An export document (write it with ``json.dumps``); raises ExportError on bad input."""
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bank_id": bank.bank_id,
        "bank_version": bank.version,
        "exported_at": exported_at
        or _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "role": role,
        "organisation": organisation,
        "notes": notes,
        "answers": {k: v for k, v in answers.items() if v is not None},
    }
    parse_export(json.dumps(doc, ensure_ascii=False), bank)  # same rules as an import
    return doc
