"""Figures drawn by code: the hybrid position of a wijkcoöperatie (after Billis 2010).

:func:`hybrid_svg` returns an accessible inline SVG: ``role="img"`` with a ``<title>`` and a
``<desc>`` it points to with ``aria-labelledby``, three overlapping circles (overheid, markt,
gemeenschap) and the wijkcoöperatie in the part where all three overlap. The geometry lives in
:data:`CIRCLES` and :data:`CENTRE_LABEL` so tests can check it.

The directive ``{hybridefiguur}`` (:mod:`wijkcoop.book.hybrid`) puts the SVG in a figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 510
RADIUS = 165


@dataclass(frozen=True)
class Circle:
    """One circle of the figure, with its label's position."""

    label: str
    cx: float
    cy: float
    fill: str
    stroke: str
    label_x: float
    label_y: float


CIRCLES = (
    Circle("Overheid", 320, 190, "#4a90d9", "#1d4f80", 320, 82),
    Circle("Markt", 245, 320, "#e6a23c", "#7a4b00", 178, 400),
    Circle("Gemeenschap", 395, 320, "#3fae84", "#0b5a3c", 464, 400),
)
CENTRE_LABEL = "Wijkcoöperatie"
TEXT_COLOUR = "#1a1a1a"

TITLE = "Plaats van de wijkcoöperatie tussen overheid, markt en gemeenschap (naar Billis, 2010)"
DESCRIPTION = (
    "Drie cirkels die elkaar gedeeltelijk overlappen. "
    "Bovenaan staat de cirkel Overheid, linksonder de cirkel Markt en rechtsonder de cirkel "
    "Gemeenschap. "
    "Elk paar cirkels heeft een gedeeld stuk, en in het midden is een klein vlak dat bij alle "
    "drie hoort. "
    "Daar staat het woord Wijkcoöperatie: een wijkcoöperatie heeft tegelijk kenmerken van de "
    "overheid, van de markt en van de gemeenschap."
)


def centre() -> tuple[float, float]:
    """Centroid of the three circle centres: where the centre label goes."""
    return (
        sum(c.cx for c in CIRCLES) / len(CIRCLES),
        sum(c.cy for c in CIRCLES) / len(CIRCLES),
    )


def inside(circle: Circle, x: float, y: float) -> bool:
    """True when the point lies inside ``circle``."""
    return math.hypot(x - circle.cx, y - circle.cy) < RADIUS


def hybrid_svg(id_prefix: str = "hybride") -> str:
    """The figure as an SVG string; ``id_prefix`` keeps ids unique if it is used twice."""
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    cx, cy = centre()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="wijkcoop-figuur-svg" '
        f'width="100%" style="max-width:36rem;height:auto">',
        f'<title id="{title_id}">{escape(TITLE)}</title>',
        f'<desc id="{desc_id}">{escape(DESCRIPTION)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="12" fill="#ffffff"/>',
    ]
    for c in CIRCLES:
        parts.append(
            f'<circle cx="{c.cx}" cy="{c.cy}" r="{RADIUS}" fill="{c.fill}" '
            f'fill-opacity="0.28" stroke="{c.stroke}" stroke-width="3"/>'
        )
    text_style = (
        f'font-family="system-ui, sans-serif" fill="{TEXT_COLOUR}" text-anchor="middle" '
        'dominant-baseline="middle"'
    )
    for c in CIRCLES:
        parts.append(
            f'<text x="{c.label_x}" y="{c.label_y}" font-size="18" font-weight="600" '
            f"{text_style}>{escape(c.label)}</text>"
        )
    parts += [
        f'<rect x="{cx - 74}" y="{cy - 18}" width="148" height="36" rx="8" fill="#ffffff" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1.5"/>',
        f'<text x="{cx}" y="{cy + 1}" font-size="17" font-weight="700" {text_style}>'
        f"{escape(CENTRE_LABEL)}</text>",
        "</svg>",
    ]
    return "\n".join(parts)
