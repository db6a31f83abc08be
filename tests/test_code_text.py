"""No Python text on a page: a reader never sees ``{'a': 'b'}`` where a sentence should be.

Edition 1.0 showed four "In het kort" bullets as Python dictionaries, for instance
``{'Begin klein': 'kies één stap en spreek af wie die zet.'}``. The pages had been written
from an outline in which a bullet of the form ``Term: uitleg`` was read as a YAML mapping and
then written back with ``str()``: the Markdown source itself held the dictionary text. Two checks
make that class of error impossible:

- the sources a reader sees (``book/``, the Markdown cells of ``notebooks/``, the texts in
  ``data/``) hold no dictionary text (a fast check, no build);
- no built page's visible text holds it, with Sphinx's curly quotes (smartquotes turns ``'``
  into ``‘``/``’``) as well as straight ones. Code the reader is meant to see (``<pre>``,
  ``<code>``: the notebooks' code cells) is not prose and is left out.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The opening of a dict literal, or a key-value pair, with straight or curly quotes.
CODE_TEXT = re.compile(r"\{\s*['‘’]|['‘’]\s*:\s*['‘’]")
HIDDEN = {"script", "style", "pre", "code", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _VisibleText(HTMLParser):
    """The text a reader sees: everything outside script, style and code elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ARG002  # HTMLParser signature
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not HIDDEN & set(self.stack):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def offending(text: str) -> list[str]:
    """Each place in *text* that looks like Python dictionary text, with some context."""
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in CODE_TEXT.finditer(text)]


def _source_texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(ROOT)), p.read_text("utf-8")) for p in ROOT.glob("book/**/*.md")]
    for nb in sorted(ROOT.glob("notebooks/*.ipynb")):
        cells = json.loads(nb.read_text("utf-8"))["cells"]
        prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        texts.append((str(nb.relative_to(ROOT)), prose))
    for path in sorted(ROOT.glob("data/**/*.yaml")):
        texts.append((str(path.relative_to(ROOT)), path.read_text("utf-8")))
    return texts


def test_the_check_catches_dictionary_text_in_every_quote_style():
    assert offending("- {'Begin klein': 'kies één stap.'}")
    assert offending("- {‘Begin klein’: ‘kies één stap.’}")
    assert offending("de ‘gouden randen’: ‘x’")
    assert not offending("- Begin klein: kies één stap en spreek af wie die zet.")
    assert not offending("het ‘egeldilemma’: te veel bemoeienis")
    html = "<p>Tekst</p><script>var a = {'x': 'y'}</script><pre>{'a': 'b'}</pre><p>{‘a’: ‘b’}</p>"
    assert visible_text(html).split() == ["Tekst", "{‘a’:", "‘b’}"]


SOURCES = _source_texts()


@pytest.mark.parametrize(("name", "text"), SOURCES, ids=[name for name, _ in SOURCES])
def test_no_dictionary_text_in_sources(name, text):
    prose = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
    prose = re.sub(r"`[^`\n]*`", "", prose)  # inline code is code
    assert not offending(prose), f"{name}: Python dictionary text: {offending(prose)}"


@pytest.mark.site
def test_no_built_page_shows_dictionary_text(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40, f"only {len(pages)} pages in {site}"
    found = {}
    for path in pages:
        if "_static" in path.parts or "_sources" in path.parts:
            continue
        bad = offending(visible_text(path.read_text("utf-8")))
        if bad:
            found[str(path.relative_to(site))] = bad
    assert not found, f"pages show Python dictionary text: {found}"
