"""How to cite the book: an APA-style line and a BibTeX entry with the version being read.

:func:`book_citation` builds both texts from the version, the build date and the book's title
and author; the directive ``{boekcitatie}`` (:mod:`wijkcoop.book.citation`) puts them in the
page, so the citation always names the version the reader has in front of them.
:func:`build_date` is the one place that decides the date a build carries.
"""

from __future__ import annotations

import datetime as _dt
import os

BIBTEX_KEY = "samenwerkenaandewijk"
#: The book's subtitle, in one place: the landing page ({{ ondertitel }}), the PDF cover and the
#: title in CITATION.cff / .zenodo.json ("<title>: <subtitle>", checked by tests/test_release.py).
SUBTITLE = "Een open leerboek voor wijkcoöperaties en de gemeente Rotterdam"


def full_title(title: str) -> str:
    """``Samenwerken aan de wijk: een open leerboek …`` as CITATION.cff and Zenodo carry it."""
    return f"{title}: {SUBTITLE[:1].lower()}{SUBTITLE[1:]}"


SPHINX_DEFAULT_PROJECT = "Project name not set"


def build_date() -> str:
    """Date of the build (``SOURCE_DATE_EPOCH`` wins, for reproducible builds), ISO format."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date().isoformat()
    return _dt.date.today().isoformat()


def book_title(project: str, html_title: str) -> str:
    """The book's title: Sphinx ``project``, or ``html_title`` where Jupyter Book puts it."""
    if project and project != SPHINX_DEFAULT_PROJECT:
        return project
    if html_title:
        return html_title
    raise ValueError("the book has no title: set 'title' in _config.yml")


def book_citation(
    *, version: str, date: str, title: str, author: str, url: str = "", name: str = ""
) -> tuple[str, str]:
    """(APA-style text, BibTeX entry) for the book at ``version``, built on ISO ``date``.

    ``name`` says what the build is (default ``editie <version>``); a development build passes
    ``ontwikkelversie na <version>, commit <sha>`` so that it never cites itself as an edition.
    """
    year = date[:4]
    if not (year.isdigit() and len(year) == 4):
        raise ValueError(f"build date must start with a four-digit year, got {date!r}")
    name = name or f"editie {version}"
    apa = f"{author} ({year}). {title} ({name}, {date})."
    if url:
        apa += f" {url}"
    # Values as BibTeX writes them; the double braces keep the organisation as one name.
    fields = [
        ("title", f"{{{title}}}"),
        ("author", f"{{{{{author}}}}}"),
        ("year", f"{{{year}}}"),
        ("edition", f"{{{name}}}"),
        ("note", f"{{Open leerboek, tekst CC BY 4.0, code MIT; gebouwd op {date}}}"),
    ]
    if url:
        fields.append(("url", f"{{{url}}}"))
    body = ",\n".join(f"  {key:<8}= {value}" for key, value in fields)
    return apa, f"@book{{{BIBTEX_KEY},\n{body}\n}}"
