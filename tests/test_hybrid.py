"""The hybrid-position figure (after Billis 2010) is drawn by code and is accessible."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest

from wijkcoop import hybrid

NS = {"svg": "http://www.w3.org/2000/svg"}
LABELS = {"Overheid", "Markt", "Gemeenschap"}


@pytest.fixture
def svg():
    return ET.fromstring(hybrid.hybrid_svg("test"))


def _tag(el: ET.Element) -> str:
    return el.tag.split("}")[-1]


def test_svg_is_an_image_named_by_its_title_and_description(svg):
    assert _tag(svg) == "svg"
    assert svg.get("role") == "img"
    children = list(svg)
    assert [_tag(children[0]), _tag(children[1])] == ["title", "desc"]
    ids = svg.get("aria-labelledby").split()
    assert ids == [children[0].get("id"), children[1].get("id")]
    assert "Billis" in children[0].text
    for word in ("Overheid", "Markt", "Gemeenschap", "Wijkcoöperatie"):
        assert word in children[1].text


def test_three_circles_and_four_labels(svg):
    circles = svg.findall("svg:circle", NS)
    assert len(circles) == 3
    texts = {t.text for t in svg.findall("svg:text", NS)}
    assert texts == LABELS | {hybrid.CENTRE_LABEL}


def test_every_pair_of_circles_overlaps():
    for a, b in itertools.combinations(hybrid.CIRCLES, 2):
        assert math.hypot(a.cx - b.cx, a.cy - b.cy) < 2 * hybrid.RADIUS


def test_wijkcooperatie_sits_where_all_three_overlap():
    cx, cy = hybrid.centre()
    for circle in hybrid.CIRCLES:
        assert hybrid.inside(circle, cx, cy)
        # The label box (148 x 36 around the centre) fits inside every circle too.
        for dx, dy in itertools.product((-74, 74), (-18, 18)):
            assert hybrid.inside(circle, cx + dx, cy + dy), (circle.label, dx, dy)


def test_each_sector_label_sits_in_its_own_circle_only():
    for circle in hybrid.CIRCLES:
        hits = [c.label for c in hybrid.CIRCLES if hybrid.inside(c, circle.label_x, circle.label_y)]
        assert hits == [circle.label]


def test_ids_follow_the_prefix_so_two_figures_can_share_a_page():
    one, two = hybrid.hybrid_svg("a"), hybrid.hybrid_svg("b")
    assert 'id="a-titel"' in one
    assert 'id="b-titel"' in two
    assert 'id="a-titel"' not in two


def test_text_is_escaped(monkeypatch):
    monkeypatch.setattr(hybrid, "TITLE", "Overheid & markt <test>")
    root = ET.fromstring(hybrid.hybrid_svg())  # would fail to parse if not escaped
    assert root.find("svg:title", NS).text == "Overheid & markt <test>"


def test_label_text_is_dark_on_white():
    # WCAG contrast of #1a1a1a on white is far above 4.5:1; keep both colours fixed.
    assert hybrid.TEXT_COLOUR == "#1a1a1a"
    assert 'fill="#ffffff"' in hybrid.hybrid_svg()
