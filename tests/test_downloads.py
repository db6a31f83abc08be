"""Every download link resolves: to a file in downloads/, or a Dutch note instead of a 404."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wijkcoop.publish.downloads import MISSING, paragraph, settle, settle_text

HREF = re.compile(r'href="([^"#?]*downloads/[^"#?]+)"')


def _dead_download_links(site: Path) -> list[str]:
    dead = []
    for page in site.rglob("*.html"):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:")):
                continue
            if not (page.parent / href).resolve().is_file():
                dead.append(f"{page.relative_to(site)} -> {href}")
    return dead


def test_a_missing_file_gets_its_note_and_no_link():
    para = paragraph("../downloads/boek.pdf", "Op papier? ", "Download de pdf", ".")
    missing = settle_text(para, lambda _href: False)
    assert 'href="../downloads/boek.pdf"' not in missing
    assert '<span class="wijkcoop-download-niet">' + MISSING[".pdf"] in missing
    assert '<span class="wijkcoop-download-er" hidden>' in missing
    present = settle_text(missing, lambda _href: True)
    assert 'href="../downloads/boek.pdf"' in present
    assert '<span class="wijkcoop-download-niet" hidden>' in present
    assert settle_text(present, lambda _href: True) == present
    assert "<a " not in missing  # an <a> without href fails Lighthouse's SEO audit


def test_pages_settled_by_older_builds_still_settle():
    """Up to 1.1.0 a missing file's link was kept as ``<a data-bestand>``."""
    para = paragraph("../downloads/boek.zip", "Zip: ", "download", ".")
    old = settle_text(para, lambda _href: False).replace(
        '<span data-bestand="../downloads/boek.zip">download</span>',
        '<a data-bestand="../downloads/boek.zip">download</a>',
    )
    assert "<a data-bestand" in old
    assert settle_text(old, lambda _href: False) == settle_text(para, lambda _href: False)
    assert settle_text(old, lambda _href: True) == settle_text(para, lambda _href: True)


def test_settle_follows_what_is_in_downloads(tmp_path):
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "index.html"
    page.write_text(paragraph("../downloads/boek.zip", "Zip: ", "download", "."), "utf-8")
    assert settle(tmp_path) == 1
    assert _dead_download_links(tmp_path) == []
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "boek.zip").write_bytes(b"zip")
    settle(tmp_path)
    assert 'href="../downloads/boek.zip"' in page.read_text(encoding="utf-8")


def test_in_the_zip_only_files_that_are_there_are_linked(tmp_path):
    from wijkcoop.publish.downloads import unlink_self

    page = tmp_path / "book" / "index.html"
    page.parent.mkdir()
    text = paragraph("../downloads/b.zip", "Z ", "zip", ".") + paragraph(
        "../downloads/b.pdf", "P ", "pdf", "."
    )
    packed = unlink_self(text, "b.zip", page)
    assert "href=" not in packed  # no PDF in this site, and the zip itself is never linked
    assert '<span class="wijkcoop-download-uitgepakt">' in packed
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "b.pdf").write_bytes(b"%PDF")
    assert 'href="../downloads/b.pdf"' in unlink_self(text, "b.zip", page)


@pytest.mark.site
def test_no_download_link_of_the_built_site_is_dead(site):
    assert _dead_download_links(site) == []
    assert list(site.rglob("*.html"))


@pytest.mark.site
def test_a_site_from_make_book_alone_has_no_dead_download_link(site, tmp_path):
    """Plain ``make book``: nothing in downloads/ yet; the pages say so instead of linking."""
    copy = tmp_path / "html"
    shutil.copytree(site / "book", copy / "book")
    settle(copy)  # what the build's last step does when downloads/ is empty
    assert _dead_download_links(copy) == []
    landing = (copy / "book" / "index.html").read_text(encoding="utf-8")
    assert '<span class="wijkcoop-download-niet">' in landing
