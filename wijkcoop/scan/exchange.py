"""Export files: make, validate and migrate (format in ``docs/scan-format.md``).

:func:`parse_export` refuses a bad file with :class:`ExportError` carrying a stable ``code``
and the Dutch message the front end shows for the same file; it never changes anything.
The messages come from ``data/scan/messages.yaml`` (see ``messages.py``), the same file
``wijkcoop/web/scan.js`` is handed through its model.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from wijkcoop import dutch
from wijkcoop.scan.bank import Bank, parse_version, version_key
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.scoring import UNKNOWN, is_number, valid_value

FORMAT = "wijkcoop-scan-export"
FORMAT_VERSION = 1
MAX_BYTES = 1_048_576
MAX_ORGANISATION = 200
MAX_NOTES = 5000
#: The action plan: at most three choices, each {part, stap, wie, wanneer} (docs/scan-format.md).
ACTIEPLAN_MAX = 3
ACTIEPLAN_LIMITS = {"stap": 500, "wie": 100, "wanneer": 100}
#: Deeper nesting (objects and arrays; the top-level object is level 1) is refused as too-deep.
MAX_DEPTH = 64
#: Characters that are not text: control characters other than tab, line feed and carriage
#: return, and lone surrogates. Everything else is stored exactly and shown as text.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: ISO 8601 date-time with a zone, as exports write it (checked for a real moment as well).
DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?"
    r"(?:Z|[+-](\d{2}):(\d{2}))"
)


def message(key: str, **params: Any) -> str:
    """The Dutch message ``key`` from ``data/scan/messages.yaml`` with ``{name}`` filled in."""
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
    """An accepted export: the answers (migrated to this bank version) and what happened."""

    answers: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def text_problem(value: Any, limit: int) -> str | None:
    """Why a free-text field cannot be taken over (a Dutch reason), or None if it is fine."""
    if not isinstance(value, str):
        return message("reason-not-string")
    if len(value) > limit:  # code points, as docs/scan-format.md says
        return message("reason-too-long", max=limit)
    if NOT_TEXT.search(value):
        return message("reason-not-text")
    return None


def valid_date_time(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date-time with a zone that names a real moment."""
    m = DATE_TIME.fullmatch(value)
    if not m:
        return False
    year, month, day, hour, minute = (int(m[i]) for i in range(1, 6))
    second = int(m[6] or 0)
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    zone_ok = m[7] is None or (int(m[7]) <= 23 and int(m[8]) <= 59)
    return hour <= 23 and minute <= 59 and second <= 59 and zone_ok


def item_ref(bank: Bank, item_id: str, role: str | None, short: bool) -> str:
    """How a message names an item: its number on the page and its statement."""
    item = bank.items_by_id[item_id]
    statement = bank.text(item["statement"], role)
    number = bank.question_number(item_id, role, short)
    if number is None:
        number = bank.question_number(item_id, role, False)
        return message("item-ref-full", number=number, statement=statement)
    return message("item-ref", number=number, statement=statement)


def _depth_over(value: Any, limit: int) -> bool:
    """Whether ``value`` is nested deeper than ``limit`` levels (objects and arrays)."""
    if not isinstance(value, dict | list):
        return False
    if limit <= 0:
        return True
    children = value.values() if isinstance(value, dict) else value
    return any(_depth_over(v, limit - 1) for v in children)


def _fail(code: str, **params: Any) -> ExportError:
    return ExportError(code, message(code, **params) + " " + message("unchanged"))


#: Kinds of the migration report, weakest first (a composed entry takes the strongest).
MIGRATION_KINDS = ("carried", "renamed", "split", "reversed", "removed")


def _reverse(value: Any) -> Any:
    return 6 - value if is_number(value) else value  # "?" and "nvt" stay


def migrate_report(
    bank: Bank, answers: dict[str, Any], from_version: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Map answers of an older bank version onto the current one: (answers, report).

    The report has one entry per given answer, in file order:
    ``{kind, from, to: [new ids], reason?}`` (``docs/scan-format.md``, "migration report").
    """
    start = version_key(from_version)
    steps = sorted(
        (m for m in bank.migrations if version_key(m["from"]) >= start),
        key=lambda m: version_key(m["from"]),
    )
    # track every answer separately: old id -> [(current id, value)], kind, reason
    tracks: list[dict[str, Any]] = []
    for old, value in answers.items():
        if value is None:
            continue
        tracks.append({"from": old, "now": [(old, value)], "kind": 0, "reason": None})
    for m in steps:
        for t in tracks:
            _step(t, m)
    out: dict[str, Any] = {}
    report: list[dict[str, Any]] = []
    for t in tracks:
        for key, value in t["now"]:
            out[key] = value
        entry = {
            "kind": MIGRATION_KINDS[t["kind"]],
            "from": t["from"],
            "to": [k for k, _ in t["now"]],
        }
        if t["reason"] is not None:
            entry["reason"] = t["reason"]
        report.append(entry)
    return out, report


def _step(track: dict[str, Any], m: dict[str, Any]) -> None:
    """Carry one answer's track through one migration: its ids, worst kind and first reason."""
    renamed = m.get("renamed") or {}
    split = m.get("split") or {}
    turned = m.get("reversed") or {}
    gone = set(m.get("removed") or [])
    reasons = m.get("reasons") or {}
    nxt = []
    for key, value in track["now"]:
        if key in gone:
            kind = "removed"
        elif key in turned:
            kind = "reversed"
            nxt.append((turned[key], _reverse(value)))
        elif key in split:
            kind = "split"
            nxt.extend((new, value) for new in split[key])
        elif key in renamed:
            kind = "renamed"
            nxt.append((renamed[key], value))
        else:
            kind = "carried"
            nxt.append((key, value))
        track["kind"] = max(track["kind"], MIGRATION_KINDS.index(kind))
        if kind != "carried" and track["reason"] is None and key in reasons:
            track["reason"] = reasons[key]
    track["now"] = nxt


def migrate(bank: Bank, answers: dict[str, Any], from_version: str) -> tuple[dict, list[str]]:
    """Map answers from an older bank version onto the current one: (answers, removed ids)."""
    out, report = migrate_report(bank, answers, from_version)
    return out, [e["from"] for e in report if e["kind"] == "removed"]


def migration_summary(report: list[dict[str, Any]]) -> str:
    """The Dutch one-line summary of a migration report ("12 overgenomen, 2 gesplitst")."""
    counts = {k: 0 for k in MIGRATION_KINDS}
    for e in report:
        counts[e["kind"]] += 1
    counts["carried"] += counts.pop("renamed")
    parts = [message(f"migration-{k}", count=n) for k, n in counts.items() if n]
    return message("warning-migration-summary", parts=", ".join(parts))


def migration_details(
    bank: Bank, report: list[dict[str, Any]], role: str | None = None, short: bool = False
) -> list[str]:
    """One Dutch line per migrated answer that did not stay as it was (for the details view)."""
    lines = []
    for e in report:
        if e["kind"] == "carried":
            continue
        to = " en ".join(item_ref(bank, i, role, short) for i in e["to"] if i in bank.items_by_id)
        line = message(f"migration-detail-{e['kind']}", to=to, **{"from": e["from"]})
        if e.get("reason"):
            line += " " + message("migration-reason", reason=e["reason"])
        lines.append(line)
    return lines


def parse_export(text_or_bytes: str | bytes, bank: Bank, short: bool = False) -> ImportResult:
    """Validate an export file against ``bank``; raise :class:`ExportError` if it is refused.

    ``short`` is the page's variant; it only decides how messages number the questions. The
    checks run in the order of ``docs/scan-format.md`` (the front end's order: the first
    refusal is the same in both, tied by ``tests/data/scan/bad-imports.json``).
    """
    doc = _read_json(text_or_bytes)
    found = _check_header(doc, bank)
    answers = doc["answers"]
    if not isinstance(answers, dict):
        raise _fail("bad-value", item=message("field-answers"), value=_show(answers))
    answers = {k: _js_number(v) for k, v in answers.items()}
    role = _checked_role(doc, bank)
    meta_text = {
        key: _checked_text(doc, key, limit)
        for key, limit in (("organisation", MAX_ORGANISATION), ("notes", MAX_NOTES))
    }
    plan = check_actieplan(doc.get("actieplan"), bank)
    exported_at = doc.get("exported_at")
    if exported_at is not None and not (
        isinstance(exported_at, str) and valid_date_time(exported_at)
    ):
        raise _fail("bad-date", found=_show(exported_at))
    warnings: list[str] = []
    report: list[dict[str, Any]] = []
    if found < version_key(bank.version):
        answers, report = migrate_report(bank, answers, doc["bank_version"])
        warnings = _migration_warnings(bank, doc["bank_version"], report)
    _check_answers(bank, answers, role, short)
    return ImportResult(
        answers={k: (v if v == UNKNOWN else _plain_number(v)) for k, v in answers.items()},
        warnings=warnings,
        meta={
            "bank_version": doc["bank_version"],
            "exported_at": exported_at if isinstance(exported_at, str) else None,
            "role": role,
            "organisation": meta_text["organisation"],
            "notes": meta_text["notes"],
            "removed": [e["from"] for e in report if e["kind"] == "removed"],
            "migration": report,
            "actieplan": plan,
        },
    )


def check_actieplan(plan: Any, bank: Bank) -> list[dict[str, str]]:
    """An export's action plan, checked: [] when absent; refuses a bad one as ``bad-actieplan``."""
    if plan is None:
        return []
    if not isinstance(plan, list) or len(plan) > ACTIEPLAN_MAX:
        reason = message("reason-actieplan-shape", max=ACTIEPLAN_MAX)
        raise _fail("bad-actieplan", reason=reason)
    parts = set(bank.part_ids)
    out = []
    for row in plan:
        if not isinstance(row, dict) or row.get("part") not in parts:
            found = _show(row.get("part") if isinstance(row, dict) else None)
            raise _fail("bad-actieplan", reason=message("reason-actieplan-part", part=found))
        entry: dict[str, str] = {"part": row["part"]}
        for key, limit in ACTIEPLAN_LIMITS.items():
            value: Any = row.get(key)
            value = "" if value is None else value
            problem = text_problem(value, limit)
            if problem:
                raise _fail("bad-actieplan", reason=problem)
            entry[key] = value
        out.append(entry)
    return out


def _read_json(text_or_bytes: str | bytes) -> Any:
    """The file as JSON: not too large, UTF-8, valid JSON, not nested too deep."""
    if isinstance(text_or_bytes, str):  # a lone surrogate cannot be UTF-8: not-json below
        raw = text_or_bytes.encode("utf-8", "surrogatepass")
    else:
        raw = text_or_bytes
    if len(raw) > MAX_BYTES:
        raise _fail("too-large", size=dutch.megabytes(len(raw)))
    try:
        text = raw.decode("utf-8-sig")
        try:
            doc = json.loads(text, parse_constant=_reject_constant)
        except ValueError as exc:  # an integer of thousands of digits: read it as JS does
            if "digits" not in str(exc):
                raise
            doc = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except RecursionError:
        raise _fail("too-deep", max=MAX_DEPTH) from None
    except (UnicodeDecodeError, ValueError):
        raise _fail("not-json") from None
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth_over(doc, MAX_DEPTH):
        raise _fail("too-deep", max=MAX_DEPTH)
    return doc


def _check_header(doc: Any, bank: Bank) -> tuple[int, int, int]:
    """An export of this bank, in a format and bank version we can read; the file's version."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail("not-export")
    fv = _js_number(doc.get("format_version", FORMAT_VERSION))
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
    if fv > FORMAT_VERSION:
        raise _fail("future-format", found=_show(fv), expected=FORMAT_VERSION)
    if found > version_key(bank.version):
        raise _fail("future-version", found=doc["bank_version"], expected=bank.version)
    return found


def _checked_role(doc: dict[str, Any], bank: Bank) -> str | None:
    """The file's role: one of the bank's for a two-sided bank, none for a one-sided bank."""
    role = doc.get("role")
    if bank.two_sided and role is None:
        raise _fail("missing-field", field="role")
    if (bank.two_sided and role not in bank.roles) or (not bank.two_sided and role is not None):
        raise _fail("bad-value", item=message("field-role"), value=_show(role))
    return role


def _checked_text(doc: dict[str, Any], key: str, limit: int) -> str:
    """A free text of the file (``organisation``, ``notes``), "" when absent."""
    value = doc.get(key)
    if value is None:
        value = ""
    reason = text_problem(value, limit)
    if reason:
        raise _fail("bad-text", field=message(f"field-{key}"), reason=reason)
    return value


def _migration_warnings(bank: Bank, found: str, report: list[dict[str, Any]]) -> list[str]:
    """The Dutch warnings after answers of an older bank version were carried over."""
    warnings = [
        message("warning-migrated", found=found, expected=bank.version),
        migration_summary(report),
    ]
    n_removed = sum(e["kind"] == "removed" for e in report)
    if n_removed:
        warnings.append(message("warning-removed", count=n_removed))
    return warnings


def _check_answers(bank: Bank, answers: dict[str, Any], role: str | None, short: bool) -> None:
    """Every answer is to an item of the role and a value that item takes."""
    allowed = {i["id"] for i in bank.items_for(role)}
    for key, value in answers.items():
        if key not in allowed:
            raise _fail("unknown-item", item=_show(key))
        if value is None or not valid_value(bank.items_by_id[key], value):
            shown = message("value-too-large") if _non_finite(value) else _show(value)
            raise _fail("bad-value", item=item_ref(bank, key, role, short), value=shown)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _parse_int(text: str) -> int | float:
    """Integers as JavaScript reads them: beyond 15 digits a double (possibly infinite)."""
    return int(text) if len(text.lstrip("-")) <= 15 else float(text)


def _js_number(value: Any) -> Any:
    """An integer as JavaScript holds it: from 10**15 on a double (``inf`` when too large)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    return value


def _non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _plain_number(v: float) -> int | float:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def make_export(
    bank: Bank,
    answers: dict[str, Any],
    organisation: str = "",
    notes: str = "",
    role: str | None = None,
    exported_at: str | None = None,
    actieplan: list[dict[str, str]] | None = None,
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
    if actieplan:
        doc["actieplan"] = actieplan
    parse_export(json.dumps(doc), bank)  # same rules as an import (\u escapes keep every char)
    return doc
