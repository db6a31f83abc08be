"""The repository address is one setting; every link derived from it follows that setting."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wijkcoop.publish import repository

ROOT = Path(__file__).resolve().parent.parent
# Any address of a code host or of Binder in a page is derived from the setting.
DERIVED = re.compile(
    r"https?://(?:github\.com|mybinder\.org|gitlab\.com|bitbucket\.org)[^\s\"'<>)]*"
)
TYPED = re.compile(r"https?://github\.com/[\w.-]+/[\w.-]+")  # an owner/name, not a placeholder
OTHER = "https://github.com/voorbeeld-uitgever/boek-test"  # a test value, not a publisher


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def derived_links(html: str) -> list[str]:
    return DERIVED.findall(html)


def test_setting_is_checked():
    assert repository.check(" https://github.com/a/b.git/ ") == "https://github.com/a/b"
    assert repository.check("") == ""
    with pytest.raises(ValueError, match=r"repository\.url"):
        repository.check("https://example.org/a/b")
    with pytest.raises(ValueError, match=r"repository\.url"):
        repository.check("https://github.com/only-owner")


def test_substitutions_follow_the_setting():
    subs = repository.substitutions(OTHER)
    assert subs["repository_clone"] == f"`git clone {OTHER}`"
    assert subs["repository_launch"] == repository.LAUNCH
    empty = repository.substitutions("")
    assert "git clone" not in empty["repository_clone"]
    assert empty["repository_launch"] == repository.NO_LAUNCH


def test_no_address_is_typed_outside_the_setting():
    """The address lives in _config.yml only; pages use {{ repository_* }} substitutions."""
    url = repository.configured()
    files = [*ROOT.glob("book/**/*.md"), *ROOT.glob("notebooks/*.ipynb"), ROOT / "README.md"]
    files += [ROOT / "CONTRIBUTING.md", ROOT / "binder" / "README.md"]
    for path in files:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        typed = TYPED.findall(text)
        typed = [link for link in typed if not url or not link.startswith(url)]
        assert not typed, f"{path.relative_to(ROOT)} types a repository address: {typed}"


def test_citation_metadata_follows_the_setting():
    url = repository.configured()
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff.get("repository-code", "") == url


def test_built_site_links_follow_the_setting(site):
    url = repository.configured()
    pages = sorted(site.rglob("*.html"))
    links = {link for page in pages for link in derived_links(page.read_text(encoding="utf-8"))}
    if url:
        owner_repo = url.removeprefix("https://github.com/")
        for link in links:
            assert owner_repo in link, f"{link} does not follow repository.url = {url}"
    else:
        assert not links, f"repository.url is empty but the site links to {sorted(links)}"
    guide = (site / "book" / "leernetwerk" / "notebooks.html").read_text(encoding="utf-8")
    assert repository.substitutions(url)["repository_clone"].strip("`")[:40] in text(guide)


def _build_with(tmp_path: Path, url: str) -> Path:
    """Build the trainers' guide and one notebook page with ``url`` as the setting."""
    tmp_path.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = url
    config["execute"]["execute_notebooks"] = "off"
    config["only_build_toc_files"] = True
    config["bibtex_bibfiles"] = [str(ROOT / "references.bib")]
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    toc = {
        "format": "jb-book",
        "root": "book/leernetwerk/notebooks",
        "chapters": [{"file": "notebooks/groepsanalyse"}],
    }
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc), "utf-8")
    out = tmp_path / "out"
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT)]
    cmd += ["--path-output", str(out)]
    cmd += ["--config", str(tmp_path / "_config.yml"), "--toc", str(tmp_path / "_toc.yml")]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out / "_build" / "html"


@pytest.mark.slow
def test_changing_the_setting_changes_every_derived_link(tmp_path):
    html = _build_with(tmp_path / "set", OTHER)
    guide = (html / "book" / "leernetwerk" / "notebooks.html").read_text(encoding="utf-8")
    notebook = (html / "notebooks" / "groepsanalyse.html").read_text(encoding="utf-8")
    assert f"git clone {OTHER}" in text(guide)
    assert "cd boek-test" in text(guide)
    assert repository.LAUNCH in guide
    binder = [link for link in derived_links(notebook) if "mybinder.org" in link]
    assert binder, "no launch button with the address set"
    assert all("voorbeeld-uitgever/boek-test" in link for link in binder), binder
    links = derived_links(guide + notebook)
    assert all("voorbeeld-uitgever/boek-test" in link for link in links), links

    html = _build_with(tmp_path / "empty", "")
    guide = (html / "book" / "leernetwerk" / "notebooks.html").read_text(encoding="utf-8")
    notebook = (html / "notebooks" / "groepsanalyse.html").read_text(encoding="utf-8")
    assert derived_links(guide + notebook) == []
    assert "nog geen openbaar adres" in guide
    assert f"cd {repository.DEFAULT_FOLDER}" in text(guide)
    assert repository.NO_LAUNCH in guide
