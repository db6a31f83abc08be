"""wijkcoop.toc: the parts of the book and their self-checks, read from _toc.yml."""

from __future__ import annotations

import textwrap

import pytest

from wijkcoop import toc

TOC = """\
format: jb-book
root: book/index
parts:
  - caption: Lezen
    chapters:
      - file: book/english
      - file: book/een/index
        sections:
          - file: book/een/verder
          - file: notebooks/som
          - file: book/zelftoets/een
      - file: book/twee/index
  - caption: Naslag
    chapters:
      - file: book/naslag/begrippen
"""


def _write(tmp_path, text):
    path = tmp_path / "_toc.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_parts_pages_and_self_checks_come_from_the_toc(tmp_path):
    parts = toc.parts(_write(tmp_path, TOC))
    assert [p.name for p in parts] == ["een", "twee", "naslag"]
    een = parts[0]
    assert een.pages == ["book/een/index", "book/een/verder", "notebooks/som", "book/zelftoets/een"]
    assert een.chapters == ["book/een/index", "book/een/verder"]
    assert (een.self_check, parts[1].self_check) == ("een", None)
    assert [p.framed for p in parts] == [True, True, False]
    assert toc.self_checks(tmp_path / "_toc.yml") == ["een"]


def test_a_self_check_under_another_part_is_refused(tmp_path):
    bad = TOC.replace("book/zelftoets/een", "book/zelftoets/twee")
    with pytest.raises(ValueError, match="self-check 'book/zelftoets/twee' is listed under part"):
        toc.parts(_write(tmp_path, bad))


def test_a_part_split_over_two_places_is_refused(tmp_path):
    bad = TOC.replace(
        "      - file: book/twee/index\n",
        "      - file: book/twee/index\n      - file: book/een/later\n",
    )
    with pytest.raises(ValueError, match="part 'een' are not together"):
        toc.parts(_write(tmp_path, bad))


def test_the_book_has_its_parts():
    names = [p.name for p in toc.parts()]
    assert names[0] == "gebruik"
    assert names[-1] == "naslag"
    assert len(names) == len(set(names)) >= 9
