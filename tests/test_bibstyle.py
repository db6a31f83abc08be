"""The Dutch citation styles format names and words in Dutch."""

from __future__ import annotations

from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from wijkcoop.book import bibstyle

BIB = r"""
@techreport{a2019,
  author = {Karr{\'e}, Philip Marcel and van Meerkerk, Ingmar},
  title = {{Samenwerken aan de wijk}},
  institution = {Kenniswerkplaats Leefbare Wijken},
  year = {2019}
}
"""


def _formatted() -> str:
    bibstyle.register()
    data = parse_string(BIB, "bibtex")
    style = find_plugin("pybtex.style.formatting", "nl")()
    entry = next(iter(style.format_entries(data.entries.values())))
    return entry.text.render_as("text")


def test_literature_list_uses_dutch_words():
    text = _formatted()
    assert "Philip Marcel Karré en Ingmar van Meerkerk" in text
    assert "Rapport" in text
    assert " and " not in text
    assert "Technical Report" not in text


def test_surname_prefix_capitalised_without_initials():
    bibstyle.register()
    data = parse_string(BIB, "bibtex")
    person = data.entries["a2019"].persons["author"][1]
    style = find_plugin("pybtex.style.names", "last_nl")()
    assert style.format(person).format().render_as("text").replace("\xa0", " ") == "Van Meerkerk"


def test_register_twice_is_harmless():
    bibstyle.register()
    bibstyle.register()
