"""make bundle: the newest edition as one zip with a LEESMIJ.txt, linked from the book."""

from __future__ import annotations

import re
import zipfile

from wijkcoop._version import __version__
from wijkcoop.publish import bundle

NAME = bundle.bundle_name(__version__)
FOLDER = NAME.removesuffix(".zip")


def test_make_bundle_packs_a_site_with_leesmij(tmp_path):
    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    (site / "index.html").write_text("<p>start</p>", encoding="utf-8")
    (site / "book" / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (site / ".buildinfo").write_text("x", encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / bundle.bundle_name("0.9.0")).write_bytes(b"old zip")
    (site / "downloads" / "samenwerken-aan-de-wijk-1.2.3.pdf").write_bytes(b"%PDF")
    path = bundle.make_bundle(site, "1.2.3", "2026-12-01", tmp_path / "out")
    assert path.name == "samenwerken-aan-de-wijk-1.2.3.zip"
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        leesmij = zf.read("samenwerken-aan-de-wijk-1.2.3/LEESMIJ.txt").decode("utf-8")
    assert names == {
        "samenwerken-aan-de-wijk-1.2.3/LEESMIJ.txt",
        "samenwerken-aan-de-wijk-1.2.3/index.html",
        "samenwerken-aan-de-wijk-1.2.3/book/a.html",
        "samenwerken-aan-de-wijk-1.2.3/downloads/samenwerken-aan-de-wijk-1.2.3.pdf",
    }
    assert "editie 1.2.3 (2026-12-01)" in leesmij
    assert "index.html" in leesmij
    assert "\r\n" in leesmij  # readable in Windows Notepad


def test_built_bundle_holds_the_whole_site(site):
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


def test_landing_page_and_trainers_guide_link_the_zip(site):
    for page in ("book/index.html", "book/leernetwerk/trainers.html"):
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*samenwerken-aan-de-wijk-[^"]*\.zip)"', html)
        assert hrefs, f"{page} does not link the zip"
        for href in hrefs:
            target = (site / page).parent / href
            assert target.resolve() == (site / "downloads" / NAME).resolve(), href
            assert target.exists()
