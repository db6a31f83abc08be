"""Reading time of a page: its words at one stated rate, in the book's Dutch sentence.

The rate is :data:`WORDS_PER_MINUTE` (B1 readers, Dutch, a text with lists and links; see
CONTRIBUTING). The Sphinx room (:mod:`wijkcoop.book.leestijd`) counts the words a reader sees
on the built page, after every directive has put its text in, and writes the sentence from
:func:`sentence` where the page has ``{leestijd}``.
"""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 150
_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words in *text*: runs of letters or digits (``wijkcoöperatie`` is one word)."""
    return len(_WORD.findall(text))


def minutes(words: int, rate: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes to read *words* at *rate* words a minute; at least 1.

    Examples
    --------
    >>> minutes(1040)
    7
    >>> minutes(40)
    1
    """
    if words < 0 or rate <= 0:
        raise ValueError(f"words must be >= 0 and rate > 0, got words={words}, rate={rate}")
    return max(1, round(words / rate))


def sentence(words: int, rate: int = WORDS_PER_MINUTE) -> str:
    """The reading-time line a chapter opens with, e.g. ``Leestijd: ongeveer 7 minuten.``."""
    n = minutes(words, rate)
    return f"Leestijd: ongeveer {n} {'minuut' if n == 1 else 'minuten'}."
