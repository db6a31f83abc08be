"""references.bib is generated from the research team's verified bibliography."""

from __future__ import annotations

from wijkcoop import bib


def test_committed_references_match_generator():
    assert bib.DEFAULT_SOURCE.exists(), f"source bibliography missing: {bib.DEFAULT_SOURCE}"
    text, left = bib.build()
    assert bib.DEFAULT_TARGET.read_text(encoding="utf-8") == text, (
        "references.bib is out of date: run 'python -m wijkcoop.bib'"
    )
    assert "karre2019samenwerken" in text
    assert "note =" not in text
    for key in left:
        assert f"{{{key}," not in text
