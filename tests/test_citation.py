"""The book's citation names the version being read."""

from __future__ import annotations

import pytest

from wijkcoop.citation import BIBTEX_KEY, book_citation, book_title


def _fields(bibtex: str) -> dict[str, str]:
    """BibTeX field name -> value, whatever the alignment."""
    lines = bibtex.splitlines()[1:-1]
    return {k.strip(): v.strip().rstrip(",") for k, v in (ln.split("=", 1) for ln in lines)}


ARGS = {"title": "Samenwerken aan de wijk", "author": "Leernetwerk Wijkcoöperaties Rotterdam"}


def test_citation_names_version_year_and_author():
    apa, bibtex = book_citation(version="1.2.3", date="2027-03-04", **ARGS)
    assert apa == (
        "Leernetwerk Wijkcoöperaties Rotterdam (2027). "
        "Samenwerken aan de wijk (editie 1.2.3, 2027-03-04)."
    )
    assert bibtex.startswith(f"@book{{{BIBTEX_KEY},")
    fields = _fields(bibtex)
    assert fields["edition"] == "{editie 1.2.3}"
    assert fields["year"] == "{2027}"
    assert fields["author"] == "{{Leernetwerk Wijkcoöperaties Rotterdam}}"
    assert "gebouwd op 2027-03-04" in fields["note"]
    assert "url" not in fields
    assert bibtex.count("{") == bibtex.count("}")


def test_url_is_added_when_known():
    apa, bibtex = book_citation(
        version="1.0.0", date="2027-01-01", url="https://example.org/", **ARGS
    )
    assert apa.endswith(" https://example.org/")
    assert _fields(bibtex)["url"] == "{https://example.org/}"


def test_bad_build_date_is_refused():
    with pytest.raises(ValueError, match="four-digit year"):
        book_citation(version="1.0.0", date="gisteren", **ARGS)


def test_title_comes_from_project_or_from_jupyter_books_html_title():
    assert book_title("Boek", "Andere titel") == "Boek"
    assert (
        book_title("Project name not set", "Samenwerken aan de wijk") == "Samenwerken aan de wijk"
    )
    with pytest.raises(ValueError, match="no title"):
        book_title("Project name not set", "")
