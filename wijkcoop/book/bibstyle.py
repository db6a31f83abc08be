"""Dutch citation styles for sphinxcontrib-bibtex.

* ``nl`` (formatting style for the literature list): pybtex's ``unsrt`` with its English words
  translated (``en`` instead of ``and``, ``Rapport`` instead of ``Technical Report``, …).
* ``author_year_nl`` (reference style in the text): "Karré en Van Meerkerk (2019)" for
  ``{cite:t}`` and "(Karré en Van Meerkerk, 2019)" for ``{cite:p}``.

Registered as pybtex / sphinxcontrib-bibtex plugins by :func:`register`, which the book's Sphinx
extension calls before sphinxcontrib-bibtex reads its configuration.
"""

from __future__ import annotations

import dataclasses

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.template import Node, join, names, sentence

WORDS = {
    "Technical Report": "Rapport",
    "In": "In:",
    "editors": "(red.)",
    "editor": "(red.)",
    "Volume": "Deel",
    "volume": "deel",
    "Number": "Nummer",
    "number": "nummer",
    "of": "van",
    "pages": "pagina's",
    "page": "pagina",
    "chapter": "hoofdstuk",
    "edition": "druk",
    "PhD thesis": "Proefschrift",
    "Master's thesis": "Masterscriptie",
}


def _translate(node):
    if isinstance(node, str):
        return WORDS.get(node, node)
    if isinstance(node, Node):
        copy = Node(node.name, node.f)
        copy.args = node.args
        copy.kwargs = {k: _translate(v) for k, v in node.kwargs.items()}
        copy.children = [_translate(c) for c in node.children]
        return copy
    if isinstance(node, list | tuple):
        return type(node)(_translate(c) for c in node)
    return node


class DutchStyle(UnsrtStyle):
    """``unsrt`` with Dutch words."""

    default_sorting_style = "author_year_title"

    def format_names(self, role, as_sentence=True):
        """Names joined the Dutch way (``en`` before the last)."""
        formatted = names(role, sep=", ", sep2=" en ", last_sep=" en ")
        return sentence[formatted] if as_sentence else formatted

    def format_entry(self, label, entry, bib_data=None):
        """One entry, with pybtex's English words replaced by Dutch ones."""
        get_template = getattr(self, f"get_{entry.type}_template")
        original = get_template
        self_ = self

        def translated(e):
            return _translate(original(e))

        setattr(self_, f"get_{entry.type}_template", translated)
        try:
            return super().format_entry(label, entry, bib_data=bib_data)
        finally:
            delattr(self_, f"get_{entry.type}_template")


class DutchLastName(BaseNameStyle):
    """Surname only, with a capital on the prefix: "Van Meerkerk" (Dutch usage without initials)."""

    def format(self, person, abbr=False):
        """One name in the text: the last name with its prefix (``Van Meerkerk``)."""
        prelast = list(person.rich_prelast_names)
        if prelast:
            prelast[0] = prelast[0].capfirst()
        return join[name_part(tie=True)[prelast], name_part[person.rich_last_names]]


def _reference_style():
    from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    def dutch_person():
        return PersonStyle(style="last_nl", sep2=" en ", last_sep=" en ", other=" e.a.")

    def round_brackets():
        return BracketStyle(left="(", right=")")

    @dataclasses.dataclass
    class DutchAuthorYear(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_textual: BracketStyle = dataclasses.field(default_factory=round_brackets)
        bracket_year: BracketStyle = dataclasses.field(default_factory=round_brackets)
        person: PersonStyle = dataclasses.field(default_factory=dutch_person)

    return DutchAuthorYear


_registered = False


def register() -> None:
    """Register both styles once (pybtex refuses a second registration)."""
    global _registered
    if _registered:
        return
    register_plugin("pybtex.style.formatting", "nl", DutchStyle)
    register_plugin("pybtex.style.names", "last_nl", DutchLastName)
    from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin

    register_bibtex_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_nl", _reference_style()
    )
    _registered = True
