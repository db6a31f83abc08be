"""The book's parts and their pages, read from ``_toc.yml`` (the one list of pages).

A *part* is a folder ``book/<name>/`` whose pages the table of contents lists: its chapter (the
page that opens it, usually ``book/<name>/index``) and the sections under that chapter,
notebooks included. A part's self-check is the section ``book/zelftoets/<name>`` under one of
its chapters. Everything else that needs the list of parts (the chapter frame, the self-checks,
their tests) asks this module, so a new part touches ``_toc.yml``, its pages and its self-check
file, and no list typed elsewhere (CONTRIBUTING, "Adding a part").

The parts under the caption :data:`REFERENCE_CAPTION` (the glossary, the bibliography, the
colophon) are reference pages, not chapters: they carry no chapter frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"
#: The folder of the parts (``book/<name>/``) and of the self-checks (``book/zelftoets/``).
BOOK = "book"
SELF_CHECKS = "zelftoets"
#: The caption whose parts are reference pages rather than chapters.
REFERENCE_CAPTION = "Naslag"


@dataclass
class Part:
    """One part of the book: ``book/<name>/`` and the pages ``_toc.yml`` lists for it."""

    name: str
    caption: str | None
    pages: list[str] = field(default_factory=list)  # docnames in reading order
    self_check: str | None = None  # the part's name when book/zelftoets/<name> is listed

    @property
    def chapters(self) -> list[str]:
        """Its own pages (``book/<name>/...``): not the notebooks and not the self-check."""
        return [d for d in self.pages if d.startswith(f"{BOOK}/{self.name}/")]

    @property
    def framed(self) -> bool:
        """Whether its pages carry the chapter frame (every part but the reference pages)."""
        return self.caption != REFERENCE_CAPTION


def _part_of(docname: str) -> str | None:
    pieces = docname.split("/")
    if len(pieces) == 3 and pieces[0] == BOOK and pieces[1] != SELF_CHECKS:
        return pieces[1]
    return None


def parts(toc_path: Path = TOC) -> list[Part]:
    """The parts of the book in the order of ``_toc.yml``.

    Raises
    ------
    ValueError
        When a part's pages are split over two places in the table of contents, or a
        self-check is listed under a chapter of another part.
    """
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found: dict[str, Part] = {}
    order: list[str] = []
    for group in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        caption = group.get("caption")
        for chapter in group.get("chapters", []):
            name = _part_of(chapter["file"])
            if name is None:
                continue  # a page beside the parts, such as book/english
            if name in found and order[-1] != name:
                raise ValueError(f"{toc_path}: the pages of part {name!r} are not together")
            part = found.setdefault(name, Part(name, caption))
            if name not in order:
                order.append(name)
            part.pages.append(chapter["file"])
            for section in chapter.get("sections", []):
                docname = section["file"]
                if docname.startswith(f"{BOOK}/{SELF_CHECKS}/"):
                    check = docname.rsplit("/", 1)[1]
                    if check != name:
                        raise ValueError(
                            f"{toc_path}: self-check {docname!r} is listed under part {name!r}"
                        )
                    part.self_check = check
                part.pages.append(docname)
    return [found[name] for name in order]


def self_checks(toc_path: Path = TOC) -> list[str]:
    """The names of the parts that have a self-check, in reading order."""
    return [p.self_check for p in parts(toc_path) if p.self_check]
