"""The real ``make site`` output: every page of every edition loads cleanly and has the switcher.

``make test`` runs ``make site`` first (``python -m wijkcoop.publish.editions site``), which reuses
``make book``'s build for ontwikkeling and each edition's own cache. ``EDITIONS_SITE`` points
elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser import serve, watch

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("EDITIONS_SITE", ROOT / "_build" / "site")).resolve()


def _listing() -> dict:
    path = SITE / "versions.json"
    if not path.exists():
        return {"nieuwste": None, "edities": []}
    return json.loads(path.read_text(encoding="utf-8"))


def _pages() -> list[str]:
    pages = [
        f"{e['pad']}{p}"
        for e in _listing()["edities"]
        for p in [*e["paginas"], "_edities/veranderd.html"]
    ]
    return pages or ["<no site: run make site>"]


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "versions.json").exists():
        pytest.fail(f"no multi-edition site at {SITE}: run 'make site' (make test does)")
    with serve(SITE) as url:
        yield url


def test_site_lists_the_editions_and_ontwikkeling():
    listing = _listing()
    assert listing["edities"], f"no versions.json in {SITE}: run make site"
    names = [e["naam"] for e in listing["edities"]]
    assert names[0] == "ontwikkeling"
    from wijkcoop.publish import catalogue

    assert names[1:] == [ed.version for ed in catalogue.load(ROOT)]
    assert listing["nieuwste"] == (names[1] if len(names) > 1 else "ontwikkeling")


def test_no_download_link_of_any_edition_is_dead():
    """Every edition and ontwikkeling: each link into downloads/ reaches a file."""
    from tests.test_downloads import _dead_download_links

    listing = _listing()
    assert listing["edities"], f"no versions.json in {SITE}: run make site"
    for entry in listing["edities"]:
        assert _dead_download_links(SITE / entry["naam"]) == [], entry["naam"]


def test_root_goes_to_the_newest(page, site_url):
    log = watch(page)
    page.goto(site_url + "/")
    page.wait_for_url(f"**/{_listing()['nieuwste']}/index.html")
    page.wait_for_load_state("networkidle")
    assert log.problems() == []


@pytest.mark.parametrize("path", _pages())
def test_every_page_of_every_edition(page, site_url, path):
    listing = _listing()
    edition = path.split("/", 1)[0]
    log = watch(page)
    response = page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    page.wait_for_timeout(50)
    assert log.problems() == [], f"{path}: " + "; ".join(log.problems())
    if path.endswith("_edities/veranderd.html"):
        return
    summary = page.locator("details.wijkcoop-edities summary")
    summary.wait_for(state="attached", timeout=15_000)  # a loaded machine may run it late
    assert summary.count() == 1, f"{path}: no edition switcher"
    entries = page.locator(".wijkcoop-edities-lijst li a")
    assert entries.count() == len(listing["edities"]) + 1  # + "Wat is er veranderd"
    banner = page.locator(".wijkcoop-editie-banner").count()
    assert banner == (0 if edition == listing["nieuwste"] else 1), f"{path}: banner {banner}"
