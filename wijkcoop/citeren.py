"""How to cite the book: an APA-style line and a BibTeX entry with the version being read.

:func:`book_citation` builds both texts from the version, the build date and the book's title
and author; the Sphinx directive ``{boekcitatie}`` puts them in the page (a paragraph and a
``bibtex`` code block), so the citation always names the version the reader has in front of
them. Loaded by :mod:`wijkcoop.cases`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop._version import __version__
from wijkcoop.sphinxext import build_date

BIBTEX_KEY = "samenwerkenaandewijk"
SPHINX_DEFAULT_PROJECT = "Project name not set"


def book_title(project: str, html_title: str) -> str:
    """The book's title: Sphinx ``project``, or ``html_title`` where Jupyter Book puts it."""
    if project and project != SPHINX_DEFAULT_PROJECT:
        return project
    if html_title:
        return html_title
    raise ValueError("the book has no title: set 'title' in _config.yml")


def book_citation(
    *, version: str, date: str, title: str, author: str, url: str = ""
) -> tuple[str, str]:
    """(APA-style text, BibTeX entry) for the book at ``version``, built on ISO ``date``."""
    year = date[:4]
    if not (year.isdigit() and len(year) == 4):
        raise ValueError(f"build date must start with a four-digit year, got {date!r}")
    apa = f"{author} ({year}). {title} (versie {version})."
    if url:
        apa += f" {url}"
    # Values as BibTeX writes them; the double braces keep the organisation as one name.
    fields = [
        ("title", f"{{{title}}}"),
        ("author", f"{{{{{author}}}}}"),
        ("year", f"{{{year}}}"),
        ("edition", f"{{versie {version}}}"),
        ("note", f"{{Open leerboek, tekst CC BY 4.0, code MIT; gebouwd op {date}}}"),
    ]
    if url:
        fields.append(("url", f"{{{url}}}"))
    body = ",\n".join(f"  {key:<8}= {value}" for key, value in fields)
    return apa, f"@book{{{BIBTEX_KEY},\n{body}\n}}"


class BoekCitatie(SphinxDirective):
    """``{boekcitatie}``: the citation of the version being built."""

    has_content = False

    def run(self) -> list[Any]:
        config = self.env.config
        title = book_title(config.project, config.html_title)
        apa, bibtex = book_citation(
            version=config.release or __version__,
            date=build_date(),
            title=title,
            author=config.author,
            url=getattr(config, "html_baseurl", "") or "",
        )
        before, _, after = apa.partition(title)
        para = nodes.paragraph(apa, "", classes=["wijkcoop-citatie"])
        para += [nodes.Text(before), nodes.emphasis(title, title)]
        para += nodes.Text(after)
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        return [para, block]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("boekcitatie", BoekCitatie)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
