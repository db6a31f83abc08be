"""Only the CSS the pages use: the theme stylesheets purged at build time.

pydata-sphinx-theme ships Bootstrap 5 and its own rules in one stylesheet (310 KB raw, 45 KB
gzipped on every page); the book uses a small part of it, and of Sphinx's ``basic.css`` (served
as ``styles/theme.css``, see :mod:`wijkcoop.book.assets`). After every page is written, this
module collects the class names and ids the built pages use, adds every word that appears in a
served script (a class that JavaScript adds, such as ``show`` in ``controls.js`` or the search
page's ``highlighted``, is a string in that script), and drops each selector that names a class
or an id outside that set. A rule goes when all its selectors go; an ``@media`` or ``@supports``
block goes when it is empty. Rules without classes or ids (element rules, ``:root`` variables,
``html[data-theme=dark]``) always stay, as do ``@font-face``, ``@keyframes`` and selectors with
escapes. The stylesheet is rebuilt from its unpurged source on every build, so an incremental
build never works on an already purged file.

Scripts the pages do not load are not read for words: Bootstrap's own script (replaced by
``controls.js``; it names every Bootstrap component, used or not: modal, toast, carousel, …) and
the theme's ``fontawesome.js`` (replaced by inline icons). Neither is the Vega bundle (it styles
its own ``vega-`` elements). No class is kept on a list: Bootstrap's script, which composed class
names at run time (``bs-tooltip-`` + placement), is no longer served.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: Scripts whose words are not taken as class names (see the module docstring).
UNREAD_SCRIPTS = ("bootstrap.js", "fontawesome.js")

_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any|host|host-context)\(")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_NESTED = ("@media", "@supports", "@layer", "@container", "@document")


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> set[str]:
    """Class names and ids in the pages, and every word of the scripts."""
    names: set[str] = set()
    for page in pages:
        for value in re.findall(r'\sclass="([^"]*)"', page):
            names.update(value.split())
        names.update(re.findall(r'\sid="([^"]+)"', page))
    for script in scripts:
        names.update(re.findall(r"[A-Za-z_][\w-]*", script))
    return names


def _strip_functional(selector: str) -> str:
    """The selector without the arguments of :not(), :is(), :where(), :has() (optional parts)."""
    out, i = [], 0
    while True:
        m = _FUNCTIONAL.search(selector, i)
        if m is None:
            out.append(selector[i:])
            return "".join(out)
        out.append(selector[i : m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j


def _split_top(text: str, sep: str) -> list[str]:
    parts, depth, start, quote = [], 0, 0, ""
    for i, c in enumerate(text):
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def selector_used(selector: str, names: set[str]) -> bool:
    """Whether every class and id the selector requires is in ``names``."""
    if "\\" in selector:
        return True
    required = re.sub(r"\[[^\]]*\]", "", _strip_functional(selector))
    return all(name in names for name in _CLASS.findall(required) + _ID.findall(required))


def _advance(css: str, i: int, stops: str) -> int:
    """The index of the next character in ``stops`` outside strings and comments (or the end)."""
    n, quote = len(css), ""
    while i < n:
        c = css[i]
        if quote:
            quote = "" if c == quote and css[i - 1] != "\\" else quote
        elif c in "\"'":
            quote = c
        elif css.startswith("/*", i):
            i = css.find("*/", i + 2) + 1 or n
        elif c in stops:
            return i
        i += 1
    return n


def _block_end(css: str, i: int) -> int:
    """Just past the ``}`` that closes the block whose ``{`` is at ``i``."""
    depth = 1
    while depth and i < len(css):
        i = _advance(css, i + 1, "{}")
        depth += 1 if i < len(css) and css[i] == "{" else -1
    return i + 1


def _blocks(css: str) -> Iterable[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body None for a statement such as ``@charset``."""
    i, n = 0, len(css)
    while i < n:
        j = _advance(css, i, "{;")
        prelude = css[i:j].strip()
        if j >= n or css[j] == ";":
            if prelude:
                yield prelude, None
            i = j + 1
            continue
        end = _block_end(css, j)
        yield prelude, css[j + 1 : end - 1]
        i = end


def purge_css(css: str, names: set[str]) -> str:
    """The stylesheet without the selectors that name a class or id outside ``names``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[str] = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith(_NESTED):
            inner = purge_css(body, names)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):  # @font-face, @keyframes, @page, @property: kept whole
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s.strip() for s in _split_top(prelude, ",") if selector_used(s, names)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


#: Stylesheets of the themes that are purged: (path in ``_static``, package, path in package).
THEME_SHEETS = (
    (
        "styles/pydata-sphinx-theme.css",
        "pydata_sphinx_theme",
        "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css",
    ),
    (
        "styles/sphinx-book-theme.css",
        "sphinx_book_theme",
        "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css",
    ),
)


def theme_source(package: str, relative: str) -> Path:
    """The theme's own, unpurged copy of a stylesheet."""
    import importlib

    return Path(importlib.import_module(package).__file__ or "").parent / relative


def purge_site(
    outdir: Path, prepare=lambda css: css, sources: dict[str, str] | None = None
) -> dict[str, tuple[int, int]]:
    """Purge the theme stylesheets in ``outdir/_static`` against the built pages.

    ``prepare`` is applied to the theme's own copy first (the font-icon rules trimmed).
    ``sources``: more stylesheets (path in ``_static`` -> their unpurged text).
    Returns the sizes before and after, per stylesheet.
    """
    static = outdir / "_static"
    pages = [
        p.read_text(encoding="utf-8") for p in outdir.rglob("*.html") if "_static" not in p.parts
    ]
    scripts = [
        p.read_text(encoding="utf-8", errors="ignore")
        for p in static.rglob("*.js")
        if not {"mathjax", "vendor", "search-text"} & set(p.parts) and p.name not in UNREAD_SCRIPTS
    ]
    names = used_names(pages, scripts)
    sheets = {}
    for target, package, relative in THEME_SHEETS:
        source = theme_source(package, relative)
        if (static / target).exists() and source.exists():
            sheets[target] = prepare(source.read_text(encoding="utf-8"))
    sheets.update(sources or {})
    sizes = {}
    for target, full in sheets.items():
        purged = purge_css(full, names)
        (static / target).write_text(purged, encoding="utf-8")
        sizes[target] = (len(full.encode()), len(purged.encode()))
    return sizes
