"""make bundle: the newest edition as one zip with a LEESMIJ.txt, linked from the book."""

from __future__ import annotations

import re
import zipfile

import pytest

from wijkcoop.publish import bundle, editions
from wijkcoop.publish.downloads import UNPACKED, paragraph
from wijkcoop.publish.identity import read_site


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
