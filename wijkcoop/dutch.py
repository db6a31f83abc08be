"""The one home of Dutch presentation: how a number, a percentage or an amount is written and read.

Writing (pages, tables, chart captions, messages):

* :func:`number`: ``1.234,56`` (thousands dot, decimal comma; ``None`` gives a dash);
* :func:`percent`: a fraction as a percentage, ``0.305`` → ``30,5%``;
* :func:`euro`: ``€ 12.345`` (or ``€ 12.345,67``; ``-€ 12.345`` below zero);
* :func:`amount`: a typed amount as understood, next to its field: ``€ 45.000,50``, ``12,5%``
  (every digit typed, cents always two; mirrored by ``fmtAmount`` in ``websrc/scan/dutch.js``,
  tied by the ``shown`` vectors in ``tests/data/dutch-amounts.json``);
* :func:`megabytes`: a file size, ``1,5 MB``.

Reading what a reader typed in a field: :func:`parse_amount` (its docstring holds the rules;
``wijkcoop/web/scan.js`` mirrors them, tied by the shared vectors in
``tests/data/dutch-amounts.json``: change both together).

Showing a table (notebooks, the book's notebook pages): :func:`table` gives a :class:`Table`
with a caption, no index column, floats in Dutch notation and cells never cut short.

Charts use the same conventions through :data:`wijkcoop.charts.FORMAT_LOCALE`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

DASH = "–"
#: Characters removed anywhere in a typed amount: spaces, no-break and thin spaces.
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_THOUSANDS = r"[0-9]{1,3}(?:\.[0-9]{3})+"


def number(x: float | None, digits: int = 2) -> str:
    """Dutch decimal notation with a thousands dot: ``1.234,56``; ``None`` gives a dash."""
    if x is None:
        return DASH
    return f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def signed(x: Any) -> str:
    """A shown difference (whole numbers) with its sign, ``+5``/``-3``/``+0``; missing: a dash.

    docs/scan-format.md, "Signs of differences"; the group overview writes them the same way.
    """
    if x is None or str(x) in ("<NA>", "nan", "NaN"):  # None, pandas' NA, NaN
        return DASH
    return f"{int(x):+d}"


def percent(fraction: float | None, digits: int = 0) -> str:
    """A fraction as a Dutch percentage: ``0.305`` → ``30,5%`` (``digits=1``)."""
    if fraction is None:
        return DASH
    return f"{number(fraction * 100, digits)}%"


def euro(x: float | None, digits: int = 0) -> str:
    """Dutch money notation: ``€ 12.345`` (or ``€ 12.345,67``); below zero ``-€ 12.345``."""
    if x is None:
        return DASH
    s = number(abs(x), digits)
    return f"-€ {s}" if x < 0 and s.strip("0,.") else f"€ {s}"


def amount_number(x: float, unit: str = "euro") -> str:
    """An amount as understood, without its unit: ``45.000,50``, ``12,5`` (procent).

    Every digit typed is shown (nothing rounded away, ``3,14159``); euros with cents always
    have two decimals.
    """
    value = float(x)
    text = str(int(value)) if value.is_integer() else repr(value)
    whole, _, frac = text.partition(".")
    if unit == "euro" and frac:
        frac = frac.ljust(2, "0")
    return number(int(whole), 0) + (f",{frac}" if frac else "")


def amount(x: float, unit: str = "euro") -> str:
    """An amount as shown next to its field: ``€ 45.000,50`` or ``12,5%`` (see amount_number)."""
    text = amount_number(x, unit)
    return f"€ {text}" if unit == "euro" else f"{text}%"


def megabytes(n_bytes: int) -> str:
    """A file size in MB with one decimal: ``1,5 MB``."""
    return f"{number(n_bytes / 1048576, 1)} MB"


class AmountError(ValueError):
    """A typed amount cannot be read. ``code`` is ``ambiguous`` or ``not-a-number``."""

    def __init__(self, code: str, text: str):
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


def parse_amount(text: str, *, percent: bool = False) -> int | float:
    """The number a reader meant by ``text``, written the Dutch way.

    Spaces (also no-break and thin spaces), a leading ``€`` or ``EUR``, a trailing ``,-`` or
    ``,--`` and, with ``percent=True``, a trailing ``%`` are ignored. Then ``45000``,
    ``45.000`` and ``1.234.567`` are whole numbers, ``12,5`` and ``1.234.567,89`` have a decimal
    comma. ``45,000`` (three digits after a lone comma) and ``12.5`` (a lone dot followed by 1, 2
    or 4+ digits) raise :class:`AmountError` with code ``ambiguous``; anything else raises it
    with code ``not-a-number``. Whole numbers come back as ``int``, others as ``float``.
    """
    s = _SPACES.sub("", str(text))
    if s.startswith("€"):
        s = s[1:]
    elif s.startswith("EUR"):
        s = s[3:]
    if s.endswith(",--"):
        s = s[:-3]
    elif s.endswith(",-"):
        s = s[:-2]
    if percent and s.endswith("%"):
        s = s[:-1]
    if re.fullmatch(r"[0-9]+", s):
        return int(s)
    if re.fullmatch(_THOUSANDS, s):
        return int(s.replace(".", ""))
    if re.fullmatch(r"[0-9]+,[0-9]{3}", s):
        raise AmountError("ambiguous", text)
    if re.fullmatch(r"[0-9]+,[0-9]+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(_THOUSANDS + r",[0-9]+", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})", s):
        raise AmountError("ambiguous", text)
    raise AmountError("not-a-number", text)


@dataclass(frozen=True)
class Table:
    """A table with a caption in a keyboard-scrollable region (wide tables stay accessible).

    No index column, floats in Dutch notation (``digits`` decimals, a dash for a missing
    value), and no cell cut short (pandas' own view cuts text at 50 characters).
    """

    df: Any  # a pandas DataFrame (pandas is imported only when the table is shown)
    caption: str
    digits: int = 2

    def _repr_html_(self) -> str:
        import pandas as pd

        df = self.df.copy()
        for col in df.columns:
            if pd.api.types.is_float_dtype(df[col]):
                df[col] = df[col].map(lambda x: DASH if pd.isna(x) else number(x, self.digits))
        with pd.option_context("display.max_colwidth", None):
            body = df.to_html(index=False, border=0, classes="wijkcoop-tabel", escape=True)
        cap = html.escape(self.caption)
        body = body.replace(">", f"><caption>{cap}</caption>", 1)
        return (
            f'<div class="wijkcoop-tabelvak" role="region" tabindex="0" aria-label="{cap}">'
            f"{body}</div>"
        )

    def __repr__(self) -> str:  # the plain-text view (a terminal, nbconvert to text)
        import pandas as pd

        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            text = self.df.to_string(index=False)
        return f"{self.caption}\n{text}"


def table(df: Any, caption: str, digits: int = 2) -> Table:
    """Show a DataFrame as an accessible table (floats in Dutch notation, no index)."""
    return Table(df.reset_index(drop=True), caption, digits)
