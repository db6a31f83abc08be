"""The answer code ("antwoordcode"): a scan's answers as one short line of text.

Format and rules in ``docs/scan-format.md`` ("Answer code"); the JavaScript mirror is
``wijkcoop/websrc/scan/code.js``, tied by the shared vectors ``tests/data/answer-codes.json``
(regenerate with ``python -m tests.answer_codes``).

A code looks like ``WK1-DUURZAAMHEIDSSCAN-1.1.0-0-2-0-<answers>[-<amounts>]-<check>``: format,
bank id, bank version, role (0 or the 1-based index in the bank's roles), round and pair
(0 = none; read from "ronde N" and "paar N" in the notes), the answers in 3 bits each in
Crockford base 32, the amounts (if any) and a CRC-32 check of 4 characters. It never holds the
organisation's name or the notes. A refused code raises :class:`CodeError` with a stable
``code`` and the Dutch text of ``data/scan/messages.yaml``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wijkcoop.scan.bank import Bank, parse_version, version_key
from wijkcoop.scan.exchange import ExportError, message
from wijkcoop.scan.scoring import NOT_APPLICABLE, UNKNOWN, valid_value

PREFIX = "WK1"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
#: One answer in three bits: 0 no answer, 1-5 the scale (a number item: 1 = an amount follows).
STATE_UNKNOWN = 6
STATE_NA = 7
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NOTE_NUMBER = {
    "round": re.compile(r"(?<![a-z])ronde[\s_:.-]*(\d+)", re.IGNORECASE),
    "pair": re.compile(r"(?<![a-z])paar[\s_:.-]*(\d+)", re.IGNORECASE),
}
_SHAPE = re.compile(r"WK(\d+)-.*")


class CodeError(ExportError):
    """An answer code is refused (or cannot be made); ``message_nl`` is shown to readers."""


@dataclass
class CodeResult:
    """A code read: the bank, answers (current bank ids), role, round and pair (0 = none)."""

    bank_id: str
    bank_version: str
    answers: dict[str, Any]
    role: str | None
    round: int
    pair: int


def note_number(notes: str, kind: str) -> int:
    """The first "ronde N" (kind ``round``) or "paar N" (``pair``) in the notes, else 0."""
    m = _NOTE_NUMBER[kind].search(notes or "")
    return int(m.group(1)) if m else 0


def crc32(text: str) -> int:
    """CRC-32 (as zlib) of the ASCII text."""
    return zlib.crc32(text.encode("ascii")) & 0xFFFFFFFF


def check(body: str) -> str:
    """The check field of a code's body: CRC-32's low 20 bits in 4 characters."""
    value = crc32(body) & 0xFFFFF
    return "".join(ALPHABET[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def _amount_text(value: float) -> str | None:
    """An amount as the code writes it ("45000,5"), or None when it cannot be written."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.replace(".", ",") if _AMOUNT.fullmatch(text) else None


def _fail(code: str, **params: Any) -> CodeError:
    return CodeError(code, message(code, **params) + " " + message("code-unchanged"))


def encode(
    bank: Bank,
    answers: Mapping[str, Any],
    role: str | None = None,
    round: int = 0,
    pair: int = 0,
) -> str:
    """The answer code of ``answers`` (valid for ``bank``; raises CodeError otherwise)."""
    role_field = bank.roles.index(role) + 1 if (bank.two_sided and role in bank.roles) else 0
    if bank.two_sided and role_field == 0:
        raise _fail("code-not-possible")
    bits: list[int] = []
    amounts: list[str] = []
    for item in bank.items:
        value = answers.get(item["id"])
        if value is None:
            state = 0
        elif not valid_value(item, value):
            raise _fail("code-not-possible")
        elif value == UNKNOWN:
            state = STATE_UNKNOWN
        elif value == NOT_APPLICABLE:
            state = STATE_NA
        elif item["type"] == "likert":
            state = int(value)
        else:
            text = _amount_text(value)
            if text is None:
                raise _fail("code-not-possible")
            amounts.append(text)
            state = 1
        bits.extend(((state >> 2) & 1, (state >> 1) & 1, state & 1))
    bits.extend([0] * (-len(bits) % 5))
    payload = "".join(
        ALPHABET[int("".join(map(str, bits[i : i + 5])), 2)] for i in range(0, len(bits), 5)
    )
    fields = [PREFIX, bank.bank_id.upper(), bank.version, str(role_field), str(round), str(pair)]
    fields.append(payload)
    if amounts:
        fields.append(".".join(amounts))
    body = "-".join(fields)
    return f"{body}-{check(body)}"


def normalise(code: str) -> str:
    """A pasted code as it is checked: no white space, upper case."""
    return re.sub(r"\s+", "", code or "").upper()


def looks_like_code(text: str) -> bool:
    """Whether a line of text is meant as a code (starts with WK and a number)."""
    return bool(_SHAPE.fullmatch(normalise(text)))


def decode(code: str, banks: Bank | Mapping[str, Bank]) -> CodeResult:
    """Read an answer code for one bank or any of ``banks`` (id -> Bank); CodeError if refused."""
    if isinstance(banks, Bank):
        banks = {banks.bank_id: banks}
    fields = _checked_fields(code)
    bank_field, version, role_field, round_field, pair_field, payload = fields[1:7]
    bank = _checked_bank(banks, bank_field.lower(), version)
    if not (role_field.isdigit() and round_field.isdigit() and pair_field.isdigit()):
        raise _fail("code-not-code")
    n_role = int(role_field)
    if bank.two_sided != (n_role > 0) or n_role > len(bank.roles):
        raise _fail("code-not-code")
    role = bank.roles[n_role - 1] if n_role else None
    amounts = fields[7].split(".") if len(fields) == 9 else []
    answers = _answers(bank, role, payload, amounts)
    return CodeResult(bank.bank_id, bank.version, answers, role, int(round_field), int(pair_field))


def _checked_fields(code: str) -> list[str]:
    """The fields of a code whose shape, format and check are right."""
    text = normalise(code)
    shape = _SHAPE.fullmatch(text)
    if not shape:
        raise _fail("code-not-code")
    if shape.group(1) != PREFIX[2:]:
        raise _fail("code-future-format")
    fields = text.split("-")
    if len(fields) not in (8, 9):
        raise _fail("code-not-code")
    if check("-".join(fields[:-1])) != fields[-1]:
        raise _fail("code-checksum")
    return fields


def _checked_bank(banks: Mapping[str, Bank], bank_id: str, version: str) -> Bank:
    """The bank a code names, in the version of the page (else refused by name)."""
    bank = banks.get(bank_id)
    if bank is None:
        if len(banks) == 1:
            expected = next(iter(banks.values())).title
            raise _fail("code-other-bank", found=bank_id, expected=expected)
        raise _fail("code-unknown-bank", found=bank_id)
    found = parse_version(version)
    if found is None:
        raise _fail("code-not-code")
    if found > version_key(bank.version):
        raise _fail("code-future-version", found=version, expected=bank.version)
    if found < version_key(bank.version):
        raise _fail("code-old-version", found=version, expected=bank.version)
    return bank


def _answers(bank: Bank, role: str | None, payload: str, amounts: list[str]) -> dict[str, Any]:
    """The answers in a code's answers field and amounts (each checked against the bank)."""
    n_bits = 3 * len(bank.items)
    if len(payload) != -(-n_bits // 5) or any(c not in ALPHABET for c in payload):
        raise _fail("code-not-code")
    bits = "".join(format(ALPHABET.index(c), "05b") for c in payload)
    if "1" in bits[n_bits:]:
        raise _fail("code-not-code")
    allowed = {i["id"] for i in bank.items_for(role)}
    answers: dict[str, Any] = {}
    queue = list(amounts)
    for n, item in enumerate(bank.items):
        state = int(bits[3 * n : 3 * n + 3], 2)
        if state == 0:
            continue
        value: Any = None
        if state == STATE_UNKNOWN:
            value = UNKNOWN
        elif state == STATE_NA:
            value = NOT_APPLICABLE
        elif item["type"] == "likert":
            value = state
        elif state == 1 and queue:
            value = _read_amount(queue.pop(0))
        if item["id"] not in allowed or value is None or not valid_value(item, value):
            raise _fail("code-not-code")
        answers[item["id"]] = value
    if queue:
        raise _fail("code-not-code")
    return answers


def _read_amount(text: str) -> int | float | None:
    plain = text.replace(",", ".")
    if not _AMOUNT.fullmatch(plain):
        return None
    value = float(plain)
    return int(value) if value.is_integer() and "." not in plain else value
