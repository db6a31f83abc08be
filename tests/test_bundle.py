"""make bundle: the newest edition as one zip with a LEESMIJ.txt, linked from the book."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from wijkcoop._version import __version__
from wijkcoop.publish import bundle, editions
from wijkcoop.publish.downloads import UNPACKED, paragraph
from wijkcoop.publish.identity import read_site

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def names(site):
    """(zip name, folder in the zip) as the built site names itself."""
    name = read_site(site).file_name(".zip")
    return name, name.removesuffix(".zip")


def test_no_built_site_is_an_error_the_command_line_turns_into_exit_1(tmp_path, capsys):
    with pytest.raises(bundle.NoSiteError, match="run 'make book' or 'make site' first"):
        bundle.bundle(tmp_path)
    assert editions.main(["bundle", "--html", str(tmp_path / "nowhere" / "html")]) == 1
    assert "no built site at" in capsys.readouterr().err


def test_make_bundle_packs_a_site_with_leesmij(tmp_path):
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    own = paragraph("downloads/samenwerken-aan-de-wijk-1.2.3.zip", "Lees: ", "de zip", ".")
    (site / "index.html").write_text(f"<p>start</p>{own}", encoding="utf-8")
    old = (
        '<p><a class="reference external" '
        'href="../downloads/samenwerken-aan-de-wijk-1.2.3.zip">zip</a></p>'
    )
    (site / "book" / "a.html").write_text(old, encoding="utf-8")
    (site / ".buildinfo").write_text("x", encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / bundle.bundle_name("0.9.0")).write_bytes(b"old zip")
    (site / "downloads" / "samenwerken-aan-de-wijk-1.2.3.pdf").write_bytes(b"%PDF")
    path = bundle.make_bundle(site, "1.2.3", "editie 1.2.3, 2026-12-01", tmp_path / "out")
    assert path.name == "samenwerken-aan-de-wijk-1.2.3.zip"
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        leesmij = zf.read("samenwerken-aan-de-wijk-1.2.3/LEESMIJ.txt").decode("utf-8")
        index = zf.read("samenwerken-aan-de-wijk-1.2.3/index.html").decode("utf-8")
        page_a = zf.read("samenwerken-aan-de-wijk-1.2.3/book/a.html").decode("utf-8")
    assert names == {
        "samenwerken-aan-de-wijk-1.2.3/LEESMIJ.txt",
        "samenwerken-aan-de-wijk-1.2.3/index.html",
        "samenwerken-aan-de-wijk-1.2.3/book/a.html",
        "samenwerken-aan-de-wijk-1.2.3/downloads/samenwerken-aan-de-wijk-1.2.3.pdf",
    }
    assert "editie 1.2.3, 2026-12-01" in leesmij
    # inside the zip no page links to the zip itself (it is not there): the reader is told why
    for page in (index, page_a):
        assert 'href="downloads/samenwerken-aan-de-wijk-1.2.3.zip"' not in page
        assert 'href="../downloads/samenwerken-aan-de-wijk-1.2.3.zip"' not in page
    assert '<span class="wijkcoop-download-uitgepakt">' in index
    assert UNPACKED in page_a
    # the PDF is in the zip, so its link stays; without it the page would say so instead
    assert (site / "index.html").read_text(encoding="utf-8").count(
        'href="downloads/'
    ) == 1  # source untouched
    assert "index.html" in leesmij
    assert "\r\n" in leesmij  # readable in Windows Notepad


def test_built_bundle_holds_the_whole_site(site, names):
    NAME, FOLDER = names
    path = site / "downloads" / NAME
    assert path.exists(), (
        f"{path} missing: make test runs 'python -m wijkcoop.publish.editions bundle'"
    )
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert zf.testzip() is None
    built = {
        f"{FOLDER}/{p.relative_to(site)}"
        for p in site.rglob("*")
        if p.is_file() and p.name != ".buildinfo" and not p.name.endswith(".zip")
    }
    assert f"{FOLDER}/LEESMIJ.txt" in names
    assert f"{FOLDER}/index.html" in names
    assert not [n for n in names if n.endswith(".zip")]
    missing = sorted(built - names)
    assert not missing, f"not in the zip: {missing[:10]}"


def test_the_unzipped_bundle_has_no_dead_download_link(site, names, tmp_path):
    from tests.test_downloads import _dead_download_links

    NAME, FOLDER = names
    with zipfile.ZipFile(site / "downloads" / NAME) as zf:
        zf.extractall(tmp_path)
    unpacked = tmp_path / FOLDER
    assert (unpacked / "index.html").exists()
    assert _dead_download_links(unpacked) == []
    landing = (unpacked / "book" / "index.html").read_text(encoding="utf-8")
    assert '<span class="wijkcoop-download-uitgepakt">' in landing


def test_landing_page_and_trainers_guide_link_the_zip(site, names):
    NAME = names[0]
    for page in ("book/index.html", "book/leernetwerk/trainers.html"):
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*samenwerken-aan-de-wijk-[^"]*\.zip)"', html)
        assert hrefs, f"{page} does not link the zip"
        for href in hrefs:
            target = (site / page).parent / href
            assert target.resolve() == (site / "downloads" / NAME).resolve(), href
            assert target.exists()


@pytest.mark.slow
def test_the_zip_carries_the_package_as_a_wheel(tmp_path):
    """pip install works from the stick: the wheel is in the zip and names the package."""
    wheel = bundle.build_wheel(ROOT, tmp_path / "wheel")
    site = tmp_path / "html"
    site.mkdir()
    (site / "index.html").write_text("<p>start</p>", encoding="utf-8")
    path = bundle.make_bundle(site, "1.2.3", "editie 1.2.3", tmp_path / "out", wheel)
    folder = "samenwerken-aan-de-wijk-1.2.3"
    with zipfile.ZipFile(path) as zf:
        inside = [n for n in zf.namelist() if n.startswith(f"{folder}/python/")]
        assert inside == [f"{folder}/python/{wheel.name}"]
        leesmij = zf.read(f"{folder}/LEESMIJ.txt").decode("utf-8")
        zf.extract(inside[0], tmp_path / "uit")
    assert f"pip install {wheel.name} jupyterlab" in leesmij
    with zipfile.ZipFile(tmp_path / "uit" / inside[0]) as whl:
        meta_name = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        meta = whl.read(meta_name).decode("utf-8")
        names = whl.namelist()
    assert "Name: wijkcoop" in meta
    assert f"Version: {__version__}" in meta
    assert "Requires-Dist: pandas" in meta
    assert "wijkcoop/group/analysis.py" in names
    assert any(n.startswith("wijkcoop/_data/scan/") for n in names)


def test_make_bundle_after_make_site_zips_the_newest_edition_by_its_listing(tmp_path):
    """An edition built from its own (older) commit carries no identity tag: the list names it."""
    import json

    build = tmp_path / "_build"
    html = build / "edities" / "out" / "1.0.0" / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("<p>editie 1.0.0, zonder meta-tag</p>", encoding="utf-8")
    served = build / "site" / "1.0.0"
    served.mkdir(parents=True)
    listing = {"nieuwste": "1.0.0", "edities": [{"naam": "1.0.0", "datum": "2026-12-01"}]}
    (build / "site" / "versions.json").write_text(json.dumps(listing), encoding="utf-8")
    zipped = bundle.bundle(tmp_path)
    assert zipped.name == "samenwerken-aan-de-wijk-1.0.0.zip"
    assert (served / "downloads" / zipped.name).exists()
    with zipfile.ZipFile(zipped) as zf:
        readme = zf.read("samenwerken-aan-de-wijk-1.0.0/LEESMIJ.txt").decode("utf-8")
    assert "editie 1.0.0, 2026-12-01" in readme
