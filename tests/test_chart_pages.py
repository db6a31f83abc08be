"""Charts drawn at build time: reading a chart needs no JavaScript; Vega loads only for a chart
with sliders, and only when the reader reaches it (issue 23, item 1)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.browser import serve, site_dir, watch
from wijkcoop import charts, impact
from wijkcoop.impact import figures
from wijkcoop.markers import CHART_MARKER, LIVE_MARKER

# --- unit ------------------------------------------------------------------------------------


def test_only_a_chart_with_a_bound_parameter_is_live():
    model = impact.load_model()
    assert charts.has_bindings(figures.whatif_chart(model).to_dict())
    assert not charts.has_bindings(figures.steps_chart(impact.load_case().model).to_dict())


def test_renderer_writes_an_svg_with_a_label_and_a_vega_spec_only_when_live():
    model = impact.load_model()
    static = charts._static_renderer(figures.steps_chart(impact.load_case().model).to_dict())
    html = static["text/html"]
    assert re.match(
        rf'<div id="{CHART_MARKER}-\d+-[0-9a-f]+" class="{CHART_MARKER}" role="img"', html
    )
    assert "<svg" in html
    assert "<text" in html
    assert "<script" not in html
    assert LIVE_MARKER not in html
    live = charts._static_renderer(figures.whatif_chart(model).to_dict())["text/html"]
    assert live.startswith(f'<div class="{LIVE_MARKER}"')
    assert '<script type="application/json" class="wijkcoop-vega-spec">' in live
    assert "schema/vega/v" in live  # compiled to Vega at build time: no Vega-Lite in the browser
    assert f"--rijen: {len(figures.WHATIF_SLIDERS)}" in live  # the sliders' space is reserved


def test_svg_ids_get_the_chart_prefix():
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    out = charts._prefix_ids(svg, "c7")
    assert 'id="c7-clip1"' in out
    assert "url(#c7-clip1)" in out
    assert 'id="clip1"' not in out


# --- the built site --------------------------------------------------------------------------


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


@pytest.mark.site
def test_every_chart_is_an_svg_in_the_page_and_no_page_loads_vega_up_front(site):
    charted = 0
    for path in _pages(site):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(site).as_posix()
        assert "vega-bundle" not in re.sub(r'data-runtime="[^"]*"', "", text), name
        assert ("charts-live.js" in text) == (LIVE_MARKER in text), name
        for chart in re.findall(rf'<div id="{CHART_MARKER}-[^"]*"[^>]*>(.{{0,200}})', text):
            charted += 1
            assert chart.startswith("<svg"), (name, chart[:80])
        ids = Counter(re.findall(r'\sid="([^"]+)"', text))
        assert [i for i, n in ids.items() if n > 1] == [], name
    assert charted >= 10


def _request_log(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return requests


@pytest.fixture(scope="module", params=["http", "file"])
def base(request):
    site = site_dir()
    if request.param == "file":
        yield site.as_uri()
    else:
        with serve(site) as url:
            yield url


@pytest.mark.site
@pytest.mark.browser
def test_charts_are_readable_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/notebooks/groepsanalyse.html")
    svgs = page.locator(f".{CHART_MARKER} svg")
    assert svgs.count() >= 3
    assert all(svgs.nth(i).bounding_box()["width"] > 100 for i in range(svgs.count()))
    context.close()


@pytest.mark.site
@pytest.mark.browser
def test_vega_loads_only_when_the_reader_reaches_the_sliders(browser, base):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    log = watch(page)
    requests = _request_log(page)
    page.goto(f"{base}/notebooks/impact-2-waarde.html", wait_until="load")
    page.wait_for_timeout(500)
    assert not any("vega-bundle" in r for r in requests), "Vega loaded before it was needed"
    assert page.locator(".vega-bind input").count() == 0
    live = page.locator(f".{LIVE_MARKER}")
    before = live.bounding_box()["height"]
    live.scroll_into_view_if_needed()
    page.wait_for_selector(".vega-bind input[name=voet]")
    assert any("vega-bundle" in r for r in requests)
    assert page.locator(".vega-bind input[type=range]").count() == len(figures.WHATIF_SLIDERS)
    after = live.bounding_box()["height"]
    assert after <= before * 1.1, (before, after)  # the sliders fill the space kept for them
    page.close()
    assert log.problems() == []
