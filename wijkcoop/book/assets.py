"""Light pages: the theme keeps its look, but each page loads only what it uses.

* The theme's Font Awesome script (1.5 MB, to draw some 16 icons) is replaced by the icons
  themselves: every ``<i class="fa-solid fa-…">`` in the written pages becomes the inline SVG
  that script would have drawn, with the same classes and attributes; the path data is read at
  build time from the theme's own ``fontawesome.js`` (Font Awesome Free: icons CC BY 4.0).
* The theme stylesheet loses the 1,900 ``.fa-…:before`` font-icon rules nothing uses, and then
  every rule no built page uses (:mod:`wijkcoop.book.purge`); so does Sphinx's ``basic.css``,
  served in ``styles/theme.css`` (one request less than the theme's ``@import``).
* The theme's Bootstrap script (81 KB raw, 23 KB gzipped) is replaced by ``controls.js``
  (``wijkcoop/web/``, 2 KB gzipped): the download menu, the back-to-top button, the icon
  buttons' names and a do-nothing ``bootstrap.Tooltip``, all these pages used Bootstrap for.
* Sphinx's message catalogue ``translations.js`` stays only on the search page; elsewhere the
  one message the core scripts use ("Hide Search Matches", in Dutch) is in the core bundle.
* Stylesheets and scripts of sphinx-design, myst-nb, pygments, copybutton, togglebutton and
  the leernet print rules are kept only on pages whose content uses them; sphinx-thebe's
  stylesheet goes (thebe is off in this book).
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

from wijkcoop.book import purge

logger = logging.getLogger(__name__)

#: Asset file name (start) -> pattern the page body must contain for the asset to stay.
#: ``None``: never needed in this book.
CONDITIONAL_ASSETS: dict[str, str | None] = {
    "sphinx-design.min.css": r'class="[^"]*\bsd-',
    "design-tabs.js": r'class="[^"]*\bsd-tab',
    "mystnb.": r'class="[^"]*\b(cell|cell_output|output)\b',
    "pygments.css": r'class="[^"]*\bhighlight',
    "copybutton.css": r'class="[^"]*\bhighlight',
    "copybutton.js": r'class="[^"]*\bhighlight',
    "clipboard.min.js": r'class="[^"]*\bhighlight',
    "togglebutton.css": r'class="[^"]*\b(toggle|dropdown)\b',
    "togglebutton.js": r'class="[^"]*\b(toggle|dropdown)\b',
    "leernet.css": r'class="[^"]*\bleernet-',
    "sphinx-thebe.css": None,
}


def _asset_name(asset: Any) -> str:
    name = getattr(asset, "filename", None) or str(asset)
    return name.rsplit("/", 1)[-1].split("?", 1)[0]


def keep_asset(asset: Any, body: str) -> bool:
    """Whether a page with this body needs the stylesheet or script."""
    name = _asset_name(asset)
    for start, pattern in CONDITIONAL_ASSETS.items():
        if name.startswith(start):
            return pattern is not None and re.search(pattern, body) is not None
    return True


#: Sphinx's message catalogue; only the search page loads it whole (its searchtools.js asks for
#: some 40 messages), every other page gets the few the core scripts use inside the core bundle.
TRANSLATIONS = "translations.js"


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop the stylesheets and scripts this page's content does not use."""
    body = context.get("body", "") or ""
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            # In place: these are the builder's own lists, restored by Sphinx after each page.
            files[:] = [
                f
                for f in files
                if keep_asset(f, body) and (pagename == "search" or _asset_name(f) != TRANSLATIONS)
            ]


# --- icons -------------------------------------------------------------------------------------

_PACKS = {"fab": "fab", "far": "far", "fas": "fas"}
_PREFIX_CLASSES = {
    "fa-solid": "fas",
    "fas": "fas",
    "fa-regular": "far",
    "far": "far",
    "fa-brands": "fab",
    "fab": "fab",
}
_ENTRY = re.compile(
    r'(?:"([^"]+)"|([A-Za-z0-9_$]+)):\[(\d+),(\d+),\[([^\]]*)\],"[^"]*","([^"]*)"\]'
)
_PACK_END = re.compile(r'\(function\(\)\{d\("(fa[srb])",p\)')


def fontawesome_js() -> Path:
    """The theme's own ``fontawesome.js`` (read for the icon paths, never served)."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return theme / "static" / "scripts" / "fontawesome.js"


@functools.cache
def icon_table(source: Path | None = None) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(pack, icon name or alias) -> (width, height, SVG path) from the theme's fontawesome.js."""
    text = (source or fontawesome_js()).read_text(encoding="utf-8")
    table: dict[tuple[str, str], tuple[int, int, str]] = {}
    start = 0
    for end in _PACK_END.finditer(text):
        pack = end.group(1)
        for m in _ENTRY.finditer(text, start, end.start()):
            name = m.group(1) or m.group(2)
            value = (int(m.group(3)), int(m.group(4)), m.group(6))
            table[(pack, name)] = value
            for alias in re.findall(r'"([^"]+)"', m.group(5)):
                table.setdefault((pack, alias), value)
        start = end.end()
    return table


_ICON_ELEMENT = re.compile(
    r'<(i|span)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*?)\s+class="([^"]*\bfa-[^"]*)"'
    r'((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*>\s*</\1>'
)


def _icon_of(match: re.Match, table: dict) -> tuple[str, str, list[str]] | None:
    classes = match.group(3).split()
    pack = next((_PREFIX_CLASSES[c] for c in classes if c in _PREFIX_CLASSES), "fas")
    names = [c[3:] for c in classes if c.startswith("fa-") and c not in _PREFIX_CLASSES]
    name = next((n for n in names if (pack, n) in table), None)
    if name is None:
        return None
    return pack, name, [c for c in classes if c not in _PREFIX_CLASSES]


def inline_icons(page_html: str, table: dict | None = None) -> str:
    """Replace Font Awesome ``<i>``/``<span>`` placeholders with SVG icons.

    Each icon used on the page is defined once in a hidden sprite right after ``<body>``; the
    placeholders become ``<svg><use href="#…"></svg>`` with the classes and attributes they had
    (a same-document reference, so it also works from ``file://``).
    """
    table = table if table is not None else icon_table()
    used: dict[str, tuple[int, int, str]] = {}

    def replace(match: re.Match) -> str:
        icon = _icon_of(match, table)
        if icon is None:
            return match.group(0)
        pack, name, kept = icon
        width, height, _ = table[(pack, name)]
        ident = f"wc-icon-{pack}-{name}"
        used[ident] = table[(pack, name)]
        attrs = (match.group(2) + match.group(4)).strip()
        # SVG has no title attribute: a tooltip is a <title> child.
        title = re.search(r'\s*\btitle="([^"]*)"', attrs)
        if title:
            attrs = attrs.replace(title.group(0), "").strip()
        attrs = f" {attrs}" if attrs else ""
        tooltip = f"<title>{title.group(1)}</title>" if title else ""
        return (
            f'<svg class="svg-inline--fa {html.escape(" ".join(kept))}"{attrs}'
            f' aria-hidden="true" focusable="false" viewBox="0 0 {width} {height}">'
            f'{tooltip}<use href="#{ident}"></use></svg>'
        )

    out = _ICON_ELEMENT.sub(replace, page_html)
    if not used:
        return out
    symbols = "".join(
        f'<symbol id="{ident}" viewBox="0 0 {w} {h}"><path fill="currentColor" d="{d}"></path>'
        "</symbol>"
        for ident, (w, h, d) in sorted(used.items())
    )
    sprite = (
        f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">'
        f"{symbols}</svg>"
    )
    body = re.search(r"<body\b[^>]*>", out)
    if body is None:
        raise ValueError("page without <body>: cannot place the icon sprite")
    return out[: body.end()] + sprite + out[body.end() :]


_FA_SCRIPT = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>'
)


def drop_fontawesome_script(page_html: str) -> str:
    """Remove the theme's ``fontawesome.js`` script tag from a page."""
    return _FA_SCRIPT.sub("", page_html)


_BOOTSTRAP_PRELOAD = re.compile(
    r'\s*<link rel="preload" as="script" href="[^"]*_static/scripts/bootstrap\.js[^"]*"\s*/?>'
)
_BOOTSTRAP_SCRIPT = re.compile(
    r'<script defer src="([^"]*)_static/scripts/bootstrap\.js[^"]*"></script>'
)
CONTROLS = "controls.js"


def replace_bootstrap_script(page_html: str, version: str = "") -> str:
    """Load ``controls.js`` where the theme loads Bootstrap's script; drop its preload."""
    query = f"?v={version}" if version else ""
    page_html = _BOOTSTRAP_PRELOAD.sub("", page_html)
    return _BOOTSTRAP_SCRIPT.sub(
        lambda m: f'<script defer src="{m.group(1)}_static/{CONTROLS}{query}"></script>',
        page_html,
    )


_FA_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}')


def trim_theme_css(css: str) -> str:
    """Drop the font-icon rules (``.fa-x:before{content:"…"}``); icons are inline SVG now."""
    return _FA_RULE.sub("", css)


# --- the icon font the theme's CSS still uses (admonition titles, breadcrumbs, downloads) ------

_CSS_GLYPH = re.compile(r'--pst-[a-z-]+:\s*"([^"]+)"')
SOLID_FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"


def css_glyphs(css: str) -> set[str]:
    """The characters the theme's CSS draws with the icon font (its ``--pst-icon-…`` values)."""
    glyphs = set()
    for value in _CSS_GLYPH.findall(css):
        text = re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value)
        glyphs |= {c for c in text if ord(c) >= 0xE000}
    return glyphs


def subset_font(font: Path, glyphs: set[str]) -> None:
    """Keep only ``glyphs`` in a WOFF2 font (157 KB -> a few KB), in place."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    # Read the bytes first and close the font after saving: fontTools reads lazily from an
    # open file, and a file left open is a ResourceWarning (an error under pytest).
    data = io.BytesIO(font.read_bytes())
    loaded = subset.load_font(data, options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in glyphs))
        subsetter.subset(loaded)
        subset.save_font(loaded, str(font), options)
    finally:
        loaded.close()


# --- fewer requests ------------------------------------------------------------------------------

#: Sphinx's own small scripts, loaded one after the other at the top of every page; served as
#: one file (same order, same code).
CORE_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")
CORE_BUNDLE = "wijkcoop-core.js"
_CORE_RUN = re.compile(
    r'<script src="([^"]*)_static/documentation_options\.js[^"]*"></script>\s*'
    r'<script src="[^"]*_static/doctools\.js[^"]*"></script>\s*'
    r'<script src="[^"]*_static/sphinx_highlight\.js[^"]*"></script>'
)


_CATALOGUE = re.compile(r"Documentation\.addTranslations\((\{.*\})\);?\s*$", re.S)
_ASKED = re.compile(r"""(?:\b_|\bgettext)\(\s*(["'])((?:(?!\1).)+)\1\s*[,)]""")


def core_translations(catalogue_js: str, scripts: str) -> str:
    """The part of Sphinx's ``translations.js`` that ``scripts`` ask for, as a script line."""
    import json

    found = _CATALOGUE.search(catalogue_js)
    if found is None:
        raise ValueError("translations.js: no Documentation.addTranslations({...}) call")
    catalogue = json.loads(found.group(1))
    asked = {m.group(2) for m in _ASKED.finditer(scripts)}
    catalogue["messages"] = {
        k: v for k, v in sorted(catalogue.get("messages", {}).items()) if k in asked
    }
    return f"Documentation.addTranslations({json.dumps(catalogue, ensure_ascii=False)});"


def bundle_core_scripts(page_html: str) -> str:
    """Load Sphinx's three small core scripts as one file (same order, same code)."""
    return _CORE_RUN.sub(
        lambda m: f'<script src="{m.group(1)}_static/{CORE_BUNDLE}"></script>', page_html, count=1
    )


_FAVICON = re.compile(r'<link rel="icon" href="[^"]*_static/favicon\.svg"\s*/?>')


def inline_favicon(page_html: str, svg: str) -> str:
    """The icon as a data URL: one request less on every page."""
    from urllib.parse import quote

    return _FAVICON.sub(
        f'<link rel="icon" href="data:image/svg+xml,{quote(svg, safe="=:/")}">', page_html
    )


def _rewrite_pages(outdir: Path) -> None:
    """Every written page: inline icons and favicon, core bundle, controls.js for Bootstrap."""
    static = outdir / "_static"
    favicon = static / "favicon.svg"
    icon = favicon.read_text(encoding="utf-8") if favicon.exists() else None
    controls = static / CONTROLS
    version = hashlib.sha256(controls.read_bytes()).hexdigest()[:8] if controls.exists() else ""
    for page in outdir.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        light = bundle_core_scripts(inline_icons(drop_fontawesome_script(text)))
        if version:
            light = replace_bootstrap_script(light, version)
        if icon is not None:
            light = inline_favicon(light, icon)
        if light != text:
            page.write_text(light, encoding="utf-8")


def build_finished(app: Any, exception: Exception | None) -> None:
    """Trim the theme CSS and icon font, bundle the core scripts, rewrite every page.

    Each page loses ``fontawesome.js`` and Bootstrap's script (``controls.js`` instead).
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    css = static / "styles" / "pydata-sphinx-theme.css"
    if css.exists():
        text = css.read_text(encoding="utf-8")
        trimmed = trim_theme_css(text)
        if trimmed != text:
            css.write_text(trimmed, encoding="utf-8")
        font = static / SOLID_FONT
        if font.exists() and font.stat().st_size > 20_000:
            subset_font(font, css_glyphs(trimmed))
    # theme.css only @imports basic.css: give it basic.css's rules, one request less.
    # Sphinx writes both afresh on every build; the rules are purged below, with the theme's.
    theme_css, basic = static / "styles" / "theme.css", static / "basic.css"
    sources = {}
    if theme_css.exists() and basic.exists() and "@import" in theme_css.read_text("utf-8"):
        rules = basic.read_text(encoding="utf-8")
        rules = re.sub(r"url\((['\"]?)(?!data:|/|\.\./)", r"url(\1../", rules)
        theme_css.write_text(rules, encoding="utf-8")
        sources["styles/theme.css"] = rules
    if all((static / name).exists() for name in CORE_SCRIPTS):
        parts = [(static / n).read_text(encoding="utf-8") for n in CORE_SCRIPTS]
        if (static / TRANSLATIONS).exists():  # the messages these scripts use (Dutch)
            catalogue = (static / TRANSLATIONS).read_text(encoding="utf-8")
            parts.append(core_translations(catalogue, "\n".join(parts)))
        (static / CORE_BUNDLE).write_text("\n;\n".join(parts), encoding="utf-8")
    _rewrite_pages(outdir)
    # last: the theme stylesheets keep only the rules the written pages use
    for sheet, (before, after) in purge.purge_site(outdir, trim_theme_css, sources).items():
        logger.info("purged %s: %d -> %d bytes", sheet, before, after)
    removed = drop_unloaded_scripts(static)
    if removed:
        logger.info("removed %d unloaded theme script files (%d bytes)", *removed)


#: The theme scripts no page loads after :func:`_rewrite_pages` (with their maps and notices):
#: Sphinx copies them into every build; the site, the editions and the zip do without them.
UNLOADED_SCRIPTS = tuple(
    f"scripts/{name}{tail}"
    for name in purge.UNREAD_SCRIPTS
    for tail in ("", ".map", ".LICENSE.txt")
)


def orphaned_style_maps(static: Path) -> list[Path]:
    """Source maps of the stylesheets the purge rewrote: the sheet no longer names its map."""
    return [
        m
        for m in sorted((static / "styles").glob("*.css.map"))
        if not (css := m.with_suffix("")).is_file()
        or "sourceMappingURL" not in css.read_text(encoding="utf-8")
    ]


def drop_unloaded_scripts(static: Path) -> tuple[int, int] | None:
    """Delete what no page loads from a built ``_static``: (files, bytes) removed.

    That is :data:`UNLOADED_SCRIPTS` and the :func:`orphaned_style_maps`.
    """
    files = [static / rel for rel in UNLOADED_SCRIPTS if (static / rel).is_file()]
    files += orphaned_style_maps(static)
    size = sum(f.stat().st_size for f in files)
    for f in files:
        f.unlink()
    return (len(files), size) if files else None
