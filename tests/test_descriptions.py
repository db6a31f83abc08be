"""Meta descriptions describe the page (issue 20.7): running text, not a cut learning goal;
every page has one, the search page and the index too, and no two pages share one."""

from __future__ import annotations

import html
import re

import pytest

from wijkcoop.book import meta

BODY = (
    '<section id="titel"><h1>Vier vormen</h1>'
    '<section id="wat-je-leert"><h2>Wat je leert</h2><p>Na dit hoofdstuk kun je:</p>'
    "<ul><li><p>een bewonersinitiatief en een coöperatie van elkaar onderscheiden;</p></li></ul>"
    '</section><section id="een-mengvorm"><h2>Een mengvorm</h2>'
    '<div class="admonition note"><p>Een kader dat niet over de hele pagina gaat, '
    "maar lang genoeg is.</p></div>"
    "<p>Een wijkcoöperatie is geen gewoon bewonersinitiatief en ook geen gewone sociale "
    "onderneming. Ze leent trekken van vier organisatievormen en mengt die op haar eigen manier "
    "tot iets nieuws dat nog geen vaste naam heeft.</p></section></section>"
)


def test_description_is_running_text_not_a_learning_goal():
    text = meta.description(BODY, "Vier vormen – Boek")
    assert text.startswith("Een wijkcoöperatie is geen gewoon bewonersinitiatief")
    assert not text.endswith(";")
    assert len(text) <= meta.MAX_LENGTH
    assert text.endswith(".")  # cut at the end of a sentence that fits


def test_a_paragraph_that_introduces_a_list_comes_last():
    body = "<p>Gebruik de vragen van het knelpunt en daarnaast de volgende punten:</p>" + (
        "<p>De sessie duurt anderhalf uur en eindigt met afspraken voor de volgende keer.</p>"
    )
    assert meta.description(body, "x").startswith("De sessie duurt")


def test_shared_descriptions_get_the_page_title():
    found = {
        "a.html": ("Zelftoets: Impact", "Kies bij elke vraag het beste antwoord."),
        "b.html": ("Zelftoets: Scan", "Kies bij elke vraag het beste antwoord."),
        "c.html": ("Vormen", "Iets anders."),
    }
    out = meta.distinct(found)
    assert out["a.html"] == "Zelftoets: Impact. Kies bij elke vraag het beste antwoord."
    assert out["b.html"].startswith("Zelftoets: Scan. ")
    assert out["c.html"] == "Iets anders."


@pytest.mark.site
def test_every_page_has_a_distinct_description_that_describes_it(site):
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    seen: dict[str, str] = {}
    for page in pages:
        name = page.relative_to(site).as_posix()
        found = re.findall(r'<meta name="description" content="([^"]*)"', page.read_text("utf-8"))
        assert len(found) == 1, name
        text = html.unescape(found[0])
        assert len(text) >= 40, (name, text)
        assert not text.rstrip("…").endswith((";", ":", ",")), (name, text)
        assert "Project name not set" not in text, name
        assert text not in seen, (name, seen.get(text))
        seen[text] = name
    assert {"search.html", "genindex.html", "index.html"} <= set(seen.values())
