"""The book's Sphinx room: every piece of Sphinx and docutils code of the project lives here.

``_config.yml`` lists this package under ``sphinx.extra_extensions``; :func:`setup` registers,
in one flat list, everything the book adds to Sphinx:

========================  ==================================  ==========================
directive                 renders                             module
========================  ==================================  ==========================
``casusprofielen``        the five case profiles              :mod:`wijkcoop.book.cases`
``hybridefiguur``         the hybrid-position SVG             :mod:`wijkcoop.book.hybrid`
``boekcitatie``           how to cite this version            :mod:`wijkcoop.book.citation`
``bundel``                the zip and PDF of this edition     :mod:`wijkcoop.book.bundle`
``spiegelvragen``         the relatiespiegel's prompts        :mod:`wijkcoop.book.spiegel`
``spiegelformulier``      the paper relatiespiegel            :mod:`wijkcoop.book.spiegel`
``wijkcoop-scan``         a bank as an interactive scan       :mod:`wijkcoop.book.scan`
``scan-drempels``         thresholds of derived measures      :mod:`wijkcoop.book.scandoc`
``scan-voorbeeld``        a worked example, computed          :mod:`wijkcoop.book.scandoc`
``scan-meldingen``        the import refusals                 :mod:`wijkcoop.book.scandoc`
``scan-wijzigingen``      a bank's changes and their reasons  :mod:`wijkcoop.book.scandoc`
``zelftoets``             a part's self-check                 :mod:`wijkcoop.book.zelftoets`
``groepsbeeld``           the trainers' group page            :mod:`wijkcoop.book.groep`
``leestijd``              a page's reading time, from its     :mod:`wijkcoop.book.leestijd`
                          built words
========================  ==================================  ==========================

plus Dutch search (:mod:`wijkcoop.book.search`), light pages (:mod:`wijkcoop.book.assets`),
the page head (:mod:`wijkcoop.book.meta`), the repository setting
(:mod:`wijkcoop.book.repository`), the site around the pages (:mod:`wijkcoop.book.site`:
footer, vendored scripts, cache, Dutch theme strings) and the Dutch citation styles
(:mod:`wijkcoop.book.bibstyle`).
The text, figures and numbers come from the domain modules (:mod:`wijkcoop.cases`,
:mod:`wijkcoop.hybrid`, :mod:`wijkcoop.citation`, :mod:`wijkcoop.spiegel`, :mod:`wijkcoop.scan`),
which never import Sphinx or docutils.
"""

from __future__ import annotations

from typing import Any

from wijkcoop._version import __version__
from wijkcoop.book import (
    assets,
    bibstyle,
    bundle,
    cases,
    citation,
    groep,
    hybrid,
    leestijd,
    meta,
    outputs,
    pagelang,
    repository,
    scan,
    scandoc,
    search,
    site,
    spiegel,
    zelftoets,
)


def setup(app: Any) -> dict[str, Any]:
    """Register every directive, node, event handler and static file of the book."""
    bibstyle.register()
    # the site around the pages
    app.connect("config-inited", site.config_inited, priority=900)
    app.connect("config-inited", repository.config_inited, priority=800)  # repository setting
    app.connect("config-inited", scandoc.config_inited)  # {{ scan_vragen }} and other counts
    app.connect("builder-inited", site.check_inputs)
    app.connect("builder-inited", site.builder_inited)
    app.connect("env-get-outdated", site.outdated)
    app.connect("env-merge-info", site.merge_identity_pages)
    app.connect("build-finished", site.write_inputs_stamp)
    app.connect("build-finished", site.translate_pages)
    app.connect("build-finished", site.stamp_identity)  # edition or development version
    app.connect("html-page-context", site.page_context)
    app.add_css_file("site.css")
    app.add_js_file("a11y.js", loading_method="defer")
    # directives
    app.add_directive("casusprofielen", cases.CasusProfielen)
    app.add_directive("hybridefiguur", hybrid.HybrideFiguur)
    app.add_directive("boekcitatie", citation.BoekCitatie)
    app.add_directive("bundel", bundle.Bundel)  # the zip and PDF of this build
    app.connect("build-finished", bundle.settle_downloads)  # links only to files that exist
    app.add_directive("spiegelvragen", spiegel.SpiegelVragen)
    app.add_directive("spiegelformulier", spiegel.SpiegelFormulier)
    app.add_css_file("leernet.css")  # print rules for the relatiespiegel handouts
    app.add_node(scan.scan_node, html=(scan.visit_scan_html, scan.depart_scan_html))
    app.add_directive("wijkcoop-scan", scan.ScanDirective)
    app.connect("doctree-resolved", scan.resolve)
    app.connect("html-page-context", scan.page_context)  # scan.js and scan.css where needed
    app.add_directive("scan-drempels", scandoc.ThresholdsDirective)
    app.add_directive("scan-voorbeeld", scandoc.ExampleDirective)
    app.add_directive("scan-meldingen", scandoc.MessagesDirective)
    app.add_directive("scan-wijzigingen", scandoc.ChangesDirective)
    app.add_directive("zelftoets", zelftoets.Zelftoets)
    app.add_node(
        groep.groep_node,
        html=(groep.visit_groep_html, groep.depart_groep_html),
        latex=(groep.skip, None),
        text=(groep.skip, None),
    )
    app.add_directive("groepsbeeld", groep.GroepsbeeldDirective)  # the trainers' group page
    app.connect("html-page-context", groep.page_context)  # groep.classic.js only there
    app.add_node(leestijd.leestijd_node)
    app.add_directive("leestijd", leestijd.Leestijd)
    app.connect("doctree-resolved", leestijd.resolve)  # words of the page as built
    app.connect("html-page-context", pagelang.page_context)  # lang: en in a page's front matter
    # Dutch search: one stemmer for index and query, snippets without fetch (file://)
    app.add_search_language(search.SearchDutchFolded)
    app.add_node(search.search_words, html=(search.skip, None))
    app.connect("doctree-resolved", search.index_extra_words, priority=600)  # after scan.resolve
    app.connect("html-page-context", search.page_context)
    app.connect("build-finished", search.build_finished)
    # Light pages: SVG icons instead of fontawesome.js, assets only where used, fewer requests;
    # after every other page-context handler (they may add assets) and after translate_pages
    # (it matches the theme's <i> icon markup).
    app.connect("html-page-context", assets.page_context, priority=900)
    app.connect("build-finished", assets.build_finished, priority=900)
    # Valid HTML: pandas' <style scoped> out of notebook outputs (rules in site.css)
    app.connect("html-page-context", outputs.page_context)
    # Head: a meta description per page, one viewport tag
    app.connect("html-page-context", meta.page_context)
    app.connect("build-finished", meta.build_finished)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
