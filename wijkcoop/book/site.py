"""The site around the pages: version and build date, vendored scripts, no third-party requests.

Event handlers that :func:`wijkcoop.book.setup` connects. They

* takes the version from :mod:`wijkcoop._version` and shows it with the build date in the
  footer and as MyST substitutions ``{{ versie }}`` and ``{{ builddatum }}``;
* serves the Vega bundle (vega, vega-lite and vega-embed, from ``vl-convert-python``, so it is
  version-matched to Altair) from the site itself, fetched by ``charts-live.js`` only on pages
  with a chart a reader can change (every chart is already a static SVG in the page, see
  :mod:`wijkcoop.charts`);
* serves MathJax from the ``sphinx-mathjax-offline`` wheel instead of a CDN;
* renders anywidget outputs of executed notebooks with their own ES module and a small local
  model (``anywidget-static.js``), on pages that hold widget views only;
* removes sphinx-thebe's inline configuration scripts (thebe is off in this book; the scripts
  declare ``THEBE_JS_URL`` twice and point at a CDN).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from sphinx.util import logging

from wijkcoop._version import __version__
from wijkcoop.book.scan import book_links
from wijkcoop.citation import SUBTITLE
from wijkcoop.markers import LIVE_MARKER
from wijkcoop.publish.identity import Identity, identify, meta_tag

logger = logging.getLogger(__name__)

VEGA_BUNDLE = "vendor/vega-bundle-{version}.js"
#: Output placeholder myst-nb writes for a widget; pages holding it get the static anywidget host.
WIDGET_VIEW_MARKER = "application/vnd.jupyter.widget-view+json"


def _vega_bundle_name() -> str:
    return VEGA_BUNDLE.format(version=metadata.version("vl-convert-python"))


def _mathjax_dir() -> Path | None:
    """The MathJax folder shipped inside the sphinx-mathjax-offline wheel, if installed."""
    try:
        files = metadata.files("sphinx-mathjax-offline") or []
    except metadata.PackageNotFoundError:
        return None
    for f in files:
        if str(f).endswith("mathjax/tex-chtml.js"):
            return Path(f.locate()).parent
    return None


#: Where a page says what build it is. The configuration holds only these stable, empty
#: spans (so a new commit or date does not make Sphinx re-read every page); the text is
#: written into them after every build, in every page (:func:`stamp_identity`).
EDITION_SPAN = '<span class="wijkcoop-editie"></span>'
FOOTER_SPAN = '<span class="wijkcoop-editie-voet"></span>'
_SPANS = re.compile(r'(<span class="wijkcoop-editie(?P<voet>-voet)?">)[^<]*(</span>)')
_META_TAG = re.compile(r'<meta name="wijkcoop-build" content="[^"]*">\n?')


def footer_text(identity: Identity) -> str:
    """The footer's words: what this build is (an edition, or a development version)."""
    if identity.edition:
        return f"Editie {identity.version}, gebouwd op {identity.date}."
    return (
        f"Ontwikkelversie na editie {identity.version} ({identity.details}): "
        "dit is geen editie; citeer een editie."
    )


def edition_sentence(identity: Identity) -> str:
    """``{{ editie }}``: the fragment pages use to say what the reader has in front of them."""
    if identity.edition:
        return f"editie {identity.version}, gebouwd op {identity.date}"
    return (
        f"de ontwikkelversie na editie {identity.version} ({identity.details}); "
        "die kan nog veranderen en is geen editie"
    )


def stamp_text(page: str, identity: Identity) -> str:
    """One page with the identity written into its spans and its ``<meta>`` tag."""

    def fill(m: re.Match[str]) -> str:
        words = footer_text(identity) if m.group("voet") else edition_sentence(identity)
        return m.group(1) + html.escape(words, quote=False) + m.group(3)

    page = _SPANS.sub(fill, page)
    page = _META_TAG.sub("", page)
    if "</head>" in page and 'class="wijkcoop-editie' in page:
        page = page.replace("</head>", meta_tag(identity) + "\n</head>", 1)
    return page


def stamp_identity(app: Any, exception: Exception | None) -> None:
    """After the build: every page says what this build is (also pages Sphinx did not rewrite)."""
    if exception is not None or app.builder.format != "html":
        return
    identity = app.wijkcoop_identity
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        stamped = stamp_text(text, identity)
        if stamped != text:
            path.write_text(stamped, encoding="utf-8")


def config_inited(app: Any, config: Any) -> None:
    """Set version, build identity, footer and MathJax path; mark the process as a book build."""
    app.wijkcoop_identity = identify(Path(app.confdir))
    config.version = __version__
    config.release = __version__
    subs = dict(config.myst_substitutions or {})
    subs.update({"versie": __version__, "editie": EDITION_SPAN, "ondertitel": SUBTITLE})
    config.myst_substitutions = subs
    opts = dict(config.html_theme_options or {})
    opts["extra_footer"] = (
        f'<p class="wijkcoop-footer">{FOOTER_SPAN} '
        'Tekst: <a href="https://creativecommons.org/licenses/by/4.0/deed.nl">CC BY 4.0</a>; '
        "code: MIT.</p>"
    )
    config.html_theme_options = opts
    if _mathjax_dir() is not None:
        config.mathjax_path = "mathjax/tex-chtml.js"
    # Charts rendered while notebooks execute at build time use the static-site renderer.
    os.environ["WIJKCOOP_BOOK_BUILD"] = "1"


#: The parts of MathJax 3 that tex-chtml.js loads (fonts, on-demand TeX extensions, the
#: accessibility and menu components); the rest of the 24 MB folder is not needed.
MATHJAX_PARTS = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
    "ui",
    "sre",
)


def _copy_mathjax(static: Path) -> None:
    source = _mathjax_dir()
    if source is None:
        return
    for part in MATHJAX_PARTS:
        src, dst = source / part, static / "mathjax" / part
        if dst.exists():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)


def builder_inited(app: Any) -> None:
    """Copy MathJax and write the Vega bundle into ``_static`` (once per output folder)."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    _copy_mathjax(static)
    target = static / _vega_bundle_name()
    if target.exists():
        return
    import vl_convert

    target.parent.mkdir(parents=True, exist_ok=True)
    # The bundle assigns window.vegaEmbed; wrapping it keeps its names out of the page scope
    # and away from any AMD loader on the page.
    bundle = vl_convert.javascript_bundle()  # type: ignore[call-arg]  # the stub omits the default
    target.write_text("(function(){\n" + bundle + "\n})();\n", "utf-8")


#: Folders whose content feeds executed notebooks and directives. Sphinx and jupyter-cache only
#: see the notebook sources change, so a change here clears the execution cache and re-reads
#: every page (see check_inputs).
INPUT_DIRS = ("wijkcoop", "data")
INPUTS_STAMP = ".wijkcoop-inputs"


def inputs_digest(root: Path) -> str:
    """SHA-256 over the package and data files (names and contents)."""
    h = hashlib.sha256()
    for folder in INPUT_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def check_inputs(app: Any) -> None:
    """Clear the notebook cache when ``wijkcoop/`` or ``data/`` changed since the last build."""
    build_root = Path(app.outdir).parent
    stamp = build_root / INPUTS_STAMP
    app.wijkcoop_inputs_digest = inputs_digest(Path(app.srcdir))
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else None
    app.wijkcoop_inputs_changed = previous is not None and previous != app.wijkcoop_inputs_digest
    if app.wijkcoop_inputs_changed:
        logger.info("wijkcoop/ or data/ changed: clearing the notebook cache, re-reading all pages")
        shutil.rmtree(build_root / ".jupyter_cache", ignore_errors=True)


def note_identity_page(env: Any) -> None:
    """A directive whose text names the build (citation, download names) marks its page."""
    pages: set[str] = getattr(env, "wijkcoop_identity_docs", set())
    pages.add(env.docname)
    env.wijkcoop_identity_docs = pages


def merge_identity_pages(app: Any, env: Any, docnames: Any, other: Any) -> None:
    """Parallel reading: keep the marked pages of every worker."""
    env.wijkcoop_identity_docs = getattr(env, "wijkcoop_identity_docs", set()) | getattr(
        other, "wijkcoop_identity_docs", set()
    )


def outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Pages to read again although their source did not change.

    Every page when the package or the data changed (see :func:`check_inputs`); else the pages
    whose directives name the build (:func:`note_identity_page`), so they never show an older
    commit or date.
    """
    if getattr(app, "wijkcoop_inputs_changed", False):
        return sorted(env.found_docs - added - removed)
    marked: set[str] = getattr(env, "wijkcoop_identity_docs", set())
    return sorted(marked & (env.found_docs - added - removed))


def write_inputs_stamp(app: Any, exception: Exception | None) -> None:
    """Remember the inputs' digest after a successful build."""
    if exception is None and hasattr(app, "wijkcoop_inputs_digest"):
        stamp = Path(app.outdir).parent / INPUTS_STAMP
        stamp.write_text(app.wijkcoop_inputs_digest + "\n", encoding="utf-8")


#: Theme and Sphinx strings that have no Dutch translation in their message catalogues.
#: Screen readers announce them, so the book replaces them in the written pages (WCAG 3.1.2).
DUTCH_CHROME = {
    'title="Link to this heading"': 'title="Link naar deze kop"',
    ">Skip to main content<": ">Naar de inhoud<",
    '<i class="fa-solid fa-arrow-up"></i>Back to top<': (
        '<i class="fa-solid fa-arrow-up"></i>Terug naar boven<'
    ),
    'title="previous page"': 'title="vorige pagina"',
    'title="next page"': 'title="volgende pagina"',
    'title="Toggle primary sidebar"': 'title="Menu tonen of verbergen"',
    'title="Toggle secondary sidebar"': 'title="Inhoud van deze pagina tonen of verbergen"',
    'title="System Settings"': 'title="Zoals het systeem"',
    'title="Light"': 'title="Licht"',
    'title="Dark"': 'title="Donker"',
    'aria-label="Color mode"': 'aria-label="Kleurmodus"',
    'data-bs-title="Color mode"': 'data-bs-title="Kleurmodus"',
    'placeholder="Search this book..."': 'placeholder="Zoek in dit boek..."',
    'aria-label="Search this book..."': 'aria-label="Zoek in dit boek"',
    'aria-label="Version warning"': 'aria-label="Versiewaarschuwing"',
    'aria-label="Site navigation"': 'aria-label="Navigatie van de site"',
    'aria-label="Section Navigation"': 'aria-label="Navigatie in dit deel"',
    'aria-label="On this page"': 'aria-label="Op deze pagina"',
    'aria-label="Main"': 'aria-label="Hoofdmenu"',
    'aria-label="Page"': 'aria-label="Pagina"',
    'title="Launch on Binder"': 'title="Openen in Binder"',
    'aria-label="Launch interactive content"': 'aria-label="Interactief openen"',
}


def translate_chrome(html: str) -> str:
    """Replace the untranslated theme strings in one page."""
    for english, dutch in DUTCH_CHROME.items():
        html = html.replace(english, dutch)
    return html


#: The root index.html that sphinx-external-toc writes is a bare redirect; without a head,
#: language and icon, browsers ask for /favicon.ico (a 404) and screen readers get no language.
#: The icon is an empty data URL: the page is left at once, so it should fetch nothing.
REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Samenwerken aan de wijk</title>
<meta name="description" content="Samenwerken aan de wijk: een open leerboek voor
wijkcoöperaties en de gemeente Rotterdam. Deze pagina brengt je naar het begin van het boek.">
<link rel="icon" href="data:,">
<meta http-equiv="Refresh" content="0; url={url}">
</head>
<body><p><a href="{url}">Naar het boek</a></p></body>
</html>
"""


def complete_redirect(html: str) -> str:
    """Give the root redirect page a head; other pages are returned unchanged.

    A redirect an older build completed is completed again (the head may have changed).
    """
    m = re.fullmatch(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*', html)
    if m is None and len(html) < 2000 and "<title>Samenwerken aan de wijk</title>" in html:
        m = re.search(r'<meta http-equiv="Refresh" content="0; url=([^"]+)">', html)
    return REDIRECT_PAGE.format(url=m.group(1)) if m else html


def translate_pages(app: Any, exception: Exception | None) -> None:
    """Give the root redirect a head and translate the theme's English strings in every page."""
    if exception is not None or app.builder.format != "html":
        return
    root_index = Path(app.outdir) / "index.html"
    if root_index.exists():
        text = root_index.read_text(encoding="utf-8")
        if complete_redirect(text) != text:
            root_index.write_text(complete_redirect(text), encoding="utf-8")
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        dutch = translate_chrome(text)
        if dutch != text:
            path.write_text(dutch, encoding="utf-8")


def is_thebe_script(js: Any) -> bool:
    """True for sphinx-thebe's script file or its inline configuration."""
    filename = getattr(js, "filename", None) or ""
    body = (getattr(js, "attributes", {}) or {}).get("body", "")
    return filename.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def bank_links(app: Any, docname: str) -> dict[str, dict]:
    """Label -> {url, title} relative to ``docname``, for every book_ref of every question bank."""
    from wijkcoop import data
    from wijkcoop.scan import load_bank

    refs: set[str] = set()
    for name, entry in data.manifest().items():
        if entry["schema"] == "bank.schema.json":
            refs |= load_bank(data.load(name)["bank_id"]).book_refs()
    return book_links(app, docname, sorted(refs), None)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Per page: drop thebe scripts, fix ARIA roles, add widget and Vega scripts where needed."""
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        # In place: this is the builder's own list, restored by Sphinx after each page.
        scripts[:] = [js for js in scripts if not is_thebe_script(js)]
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        # docutils marks bibliography entries with a deprecated ARIA role inside role="list";
        # axe reports both (aria-deprecated-role, aria-required-children).
        body = body.replace('role="doc-biblioentry"', 'role="listitem"')
        context["body"] = body
    if WIDGET_VIEW_MARKER in body:
        # The scan widget's book links (empty in Jupyter) are resolved here for this page;
        # anywidget-static.js hands them to widgets whose `links` trait is empty.
        links = json.dumps(bank_links(app, pagename), ensure_ascii=False)
        app.add_js_file(None, body=f"window.WIJKCOOP_BOOK_LINKS={links};", priority=590)
        app.add_js_file("anywidget-static.js", priority=600)
    if LIVE_MARKER in body:
        # Charts are static SVG; only a chart with sliders needs Vega (0.9 MB raw), and the
        # loader fetches it when the reader reaches or touches that chart.
        app.add_js_file(
            "charts-live.js",
            priority=600,
            loading_method="defer",
            **{"data-runtime": _vega_bundle_name()},
        )
