"""Editions: the list in data/edities/, and the multi-edition site built by ``make site``.

A small fixture repository with two editions (1.0.0, then 1.1.0 that changes a page, adds a
page and raises a bank's version) is built by ``wijkcoop.publish.build.build_site``, the same code
path as ``make site``, and checked in Chromium: switcher entries, same-page links, the banner
only on the older edition and on ontwikkeling, change markers, the root going to the newest.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.browser import serve
from wijkcoop import data
from wijkcoop.publish import build, catalogue
from wijkcoop.versions import parse_version

ROOT = Path(__file__).resolve().parent.parent


# --- the list ---------------------------------------------------------------------------------


def _ed(version: str, datum: str = "2026-01-01") -> catalogue.Edition:
    return catalogue.Edition(version, datum, "a" * 40, {"scan": "1.0.0"}, "Een korte samenvatting.")


def test_committed_list_is_valid():
    listed = catalogue.load(ROOT)
    assert listed == catalogue.check(listed)
    for ed in listed:
        subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", ed.commit], check=True)


def test_order_is_checked():
    catalogue.check([_ed("1.1.0", "2026-02-01"), _ed("1.0.0")])
    with pytest.raises(ValueError, match="newest first"):
        catalogue.check([_ed("1.0.0"), _ed("1.1.0")])
    with pytest.raises(ValueError, match="newest first"):
        catalogue.check([_ed("1.0.0"), _ed("1.0.0")])
    with pytest.raises(ValueError, match="dated before"):
        catalogue.check([_ed("1.1.0", "2025-01-01"), _ed("1.0.0", "2026-01-01")])


def test_schema_rejects_a_short_commit(tmp_path):
    bad = {"edities": [{**_ed("1.0.0").to_yaml(), "commit": "abc123"}]}
    path = tmp_path / "edities.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(data.DataValidationError, match="commit"):
        data.load_path(path, "edities.schema.json")


def test_an_edition_reuses_this_environment_when_its_lock_is_contained():
    old = "# lock\nSphinx==7.4.7\nsphinx_design==0.8.0\n"
    assert build.pins(old) == {"sphinx==7.4.7", "sphinx-design==0.8.0"}
    grown = old + "pytest-xdist==3.8.0  # a test tool added later\n"
    assert build.pins(old) <= build.pins(grown)
    assert not build.pins(old) <= build.pins(grown.replace("7.4.7", "8.2.3"))


def test_bank_versions_read_the_banks():
    banks = catalogue.bank_versions(ROOT)
    assert set(banks) >= {"duurzaamheidsscan", "relatiespiegel"}
    assert all(parse_version(v) for v in banks.values())


# --- a fixture repository with two editions ---------------------------------------------------

CONFIG = """\
title: Fixtureboek
author: Test
only_build_toc_files: true
exclude_patterns: [data/*, requirements.txt]
execute:
  execute_notebooks: "off"
html:
  use_download_button: false
launch_buttons:
  binderhub_url: ""
sphinx:
  config:
    language: nl
    html_theme_options:
      launch_buttons: {}
"""


def _git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def _write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def _toc(pages: list[str]) -> str:
    chapters = "".join(f"  - file: {p}\n" for p in pages)
    return f"format: jb-book\nroot: index\nchapters:\n{chapters}"


CHANGELOG = """# Changelog

## Unreleased

## [1.1.0] - 2026-06-01

### Voor lezers
- Pagina C is **nieuw**: over
  de wijk.
- De scan heeft versie `1.1.0`, zie *Scoring*.

### Fixed
- Iets technisch dat lezers niet zien.

## [1.0.0] - 2026-01-01
"""


def test_reader_notes_come_from_the_editions_changelog_section():
    from wijkcoop.publish.assemble import reader_notes

    assert reader_notes(CHANGELOG, "1.1.0") == [
        "Pagina C is **nieuw**: over de wijk.",
        "De scan heeft versie `1.1.0`, zie *Scoring*.",
    ]
    assert reader_notes(CHANGELOG, "1.0.0") == []
    assert reader_notes(CHANGELOG, None) == []
    assert reader_notes("", "1.1.0") == []


def _entry(version: str, datum: str, commit: str, bank: str, line: str) -> dict:
    return {
        "version": version,
        "datum": datum,
        "commit": commit,
        "banken": {"scan": bank},
        "samenvatting": line,
    }


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("editions")
    repo = base / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "requirements.txt").write_text(
        (ROOT / "requirements.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _write(repo, "_config.yml", CONFIG)
    _write(repo, "_toc.yml", _toc(["book/a", "book/b"]))
    _write(repo, "index.md", "# Start\n\nWelkom.\n")
    _write(repo, "book/a.md", "# Pagina A\n\nEerste tekst.\n")
    _write(repo, "book/b.md", "# Pagina B\n\nBlijft gelijk.\n")
    _write(repo, "data/scan/scan.yaml", "bank_id: scan\nversion: 1.0.0\n")
    _write(repo, "data/edities/edities.yaml", "edities: []\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Release 1.0.0")
    first = _git(repo, "rev-parse", "HEAD")
    _write(repo, "book/a.md", "# Pagina A\n\nNieuwe tekst.\n")
    _write(repo, "book/c.md", "# Pagina C\n\nNieuw.\n")
    _write(repo, "_toc.yml", _toc(["book/a", "book/b", "book/c"]))
    _write(repo, "data/scan/scan.yaml", "bank_id: scan\nversion: 1.1.0\n")
    _write(repo, "CHANGELOG.md", CHANGELOG)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Release 1.1.0")
    second = _git(repo, "rev-parse", "HEAD")
    listed = {
        "edities": [
            _entry("1.1.0", "2026-06-01", second, "1.1.0", "Tweede editie met pagina C."),
            _entry("1.0.0", "2026-01-01", first, "1.0.0", "Eerste editie van het fixtureboek."),
        ]
    }
    (repo / "data/edities/edities.yaml").write_text(yaml.safe_dump(listed), encoding="utf-8")
    _write(repo, "book/b.md", "# Pagina B\n\nIn ontwikkeling veranderd.\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Editions: 1.1.0")
    out = base / "site"
    listing = build.build_site(repo, out, base / "work", dev=True)
    return out, listing


@pytest.mark.slow
def test_root_list_and_redirect(fixture_site):
    out, listing = fixture_site
    assert listing["nieuwste"] == "1.1.0"
    names = [e["naam"] for e in listing["edities"]]
    assert names == ["ontwikkeling", "1.1.0", "1.0.0"]
    assert json.loads((out / "versions.json").read_text(encoding="utf-8")) == listing
    assert (out / "versions.js").read_text(encoding="utf-8").startswith("window.WIJKCOOP_EDITIES")
    assert 'url=1.1.0/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    by = {e["naam"]: e for e in listing["edities"]}
    assert by["1.1.0"]["veranderd"] == ["book/a.html", "book/c.html"]
    assert by["1.1.0"]["vorige"] == "1.0.0"
    assert by["1.0.0"]["veranderd"] == []
    assert by["ontwikkeling"]["veranderd"] == ["book/b.html"]
    assert "book/c.html" not in by["1.0.0"]["paginas"]


@pytest.mark.slow
def test_changes_page_is_computed_from_git(fixture_site):
    out, _ = fixture_site
    page = (out / "1.1.0" / "_edities" / "veranderd.html").read_text(encoding="utf-8")
    assert "Vergeleken met editie 1.0.0" in page
    assert "Pagina A" in page
    assert "Pagina C" in page
    assert "Pagina B" not in page
    assert "scan: versie 1.0.0 → 1.1.0" in page
    assert "<li>Pagina C is <strong>nieuw</strong>: over de wijk.</li>" in page
    assert "<code>1.1.0</code>, zie <em>Scoring</em>.</li>" in page
    assert "Iets technisch" not in page
    first = (out / "1.0.0" / "_edities" / "veranderd.html").read_text(encoding="utf-8")
    assert "eerste editie" in first


@pytest.fixture(scope="module")
def fixture_url(fixture_site):
    with serve(fixture_site[0]) as url:
        yield url


def _ui(page) -> dict:
    return page.evaluate(
        """() => ({
        entries: [...document.querySelectorAll('.wijkcoop-edities-lijst li a')]
          .map(a => [a.textContent, a.href, a.getAttribute('aria-current')]),
        banner: document.querySelector('.wijkcoop-editie-banner')?.textContent || null,
        bannerLink: document.querySelector('.wijkcoop-editie-banner a')?.href || null,
        marker: document.querySelector('.wijkcoop-veranderd')?.textContent || null,
        markerLink: document.querySelector('.wijkcoop-veranderd a')?.href || null,
      })"""
    )


@pytest.mark.slow
@pytest.mark.browser
def test_root_goes_to_newest(page, fixture_url):
    page.goto(fixture_url + "/")
    page.wait_for_url("**/1.1.0/index.html")
    assert page.locator("details.wijkcoop-edities summary").inner_text() == "Editie 1.1.0"


@pytest.mark.slow
@pytest.mark.browser
def test_switcher_on_the_newest(page, fixture_url):
    page.goto(fixture_url + "/1.1.0/book/c.html")
    ui = _ui(page)
    labels = [e[0] for e in ui["entries"]]
    assert labels[:3] == [
        "In ontwikkeling",
        "Editie 1.1.0 (2026-06-01) – nieuwste, deze editie",
        "Editie 1.0.0 (2026-01-01)",
    ]
    hrefs = [e[1] for e in ui["entries"]]
    assert hrefs[0] == fixture_url + "/ontwikkeling/book/c.html"  # same page
    assert hrefs[2] == fixture_url + "/1.0.0/index.html"  # 1.0.0 has no page C
    assert ui["entries"][1][2] == "page"
    assert ui["banner"] is None
    assert "nieuw sinds editie 1.0.0" in ui["marker"]


@pytest.mark.slow
@pytest.mark.browser
def test_banner_and_marker_on_the_older(page, fixture_url):
    page.goto(fixture_url + "/1.0.0/book/a.html")
    ui = _ui(page)
    assert "oudere editie" in ui["banner"]
    assert ui["bannerLink"] == fixture_url + "/1.1.0/book/a.html"
    assert ui["marker"] is None  # the first edition has nothing to compare with
    assert [e[1] for e in ui["entries"]][1] == fixture_url + "/1.1.0/book/a.html"
    page.goto(fixture_url + "/1.1.0/book/a.html")
    ui = _ui(page)
    assert ui["banner"] is None
    assert "veranderd sinds editie 1.0.0" in ui["marker"]
    assert ui["markerLink"] == fixture_url + "/1.0.0/book/a.html"
    page.goto(fixture_url + "/1.1.0/book/b.html")
    assert _ui(page)["marker"] is None  # unchanged page
    page.goto(fixture_url + "/ontwikkeling/book/b.html")
    ui = _ui(page)
    assert "ontwikkelversie" in ui["banner"]
    assert "geen editie" in ui["banner"]
    assert "veranderd sinds editie 1.1.0" in ui["marker"]


@pytest.mark.slow
@pytest.mark.browser
def test_banner_on_a_changes_page_goes_to_the_newest_changes_page(page, fixture_url):
    for older in ("1.0.0", "ontwikkeling"):
        page.goto(f"{fixture_url}/{older}/_edities/veranderd.html")
        assert _ui(page)["bannerLink"] == fixture_url + "/1.1.0/_edities/veranderd.html"


@pytest.mark.browser
def test_search_and_index_have_the_switcher(page, fixture_url):
    for special in ("search.html", "genindex.html"):
        page.goto(f"{fixture_url}/1.0.0/{special}")
        ui = _ui(page)
        assert ui["entries"], f"{special} has no version switcher"
        assert ui["bannerLink"] == f"{fixture_url}/1.1.0/{special}"


@pytest.mark.browser
def test_switcher_by_keyboard(page, fixture_url):
    page.goto(fixture_url + "/1.0.0/book/b.html")
    summary = page.locator("details.wijkcoop-edities summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.wijkcoop-edities").get_attribute("open") is not None
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/1.1.0/book/b.html")
    page.locator("details.wijkcoop-edities summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.locator("details.wijkcoop-edities").get_attribute("open") is None


@pytest.mark.slow
@pytest.mark.browser
def test_works_from_file(page, fixture_site):
    out, _ = fixture_site
    page.goto((out / "1.0.0" / "book" / "a.html").as_uri())
    ui = _ui(page)
    assert ui["bannerLink"] == (out / "1.1.0" / "book" / "a.html").as_uri()
