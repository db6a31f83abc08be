"""A build names itself: an edition only when it is one, else a development version."""

from __future__ import annotations

import subprocess

import pytest

from wijkcoop.publish import identity as ident
from wijkcoop.publish.identity import ENV_EDITION, Identity, identify, meta_tag, read_site


def _repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
        "PATH": "/usr/bin:/bin",
    }

    def git(*args):
        return subprocess.run(
            ["git", "-C", str(repo), *args], check=True, env=env, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q", "-b", "main")
    (repo / "a.txt").write_text("a", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "one")
    return repo, git


def test_a_development_build_never_calls_itself_an_edition(tmp_path):
    repo, git = _repo(tmp_path)
    head = git("rev-parse", "HEAD")
    me = identify(repo, version="1.0.0", env={}, date="2026-12-04")
    assert not me.edition
    assert me.commit == head[:7]
    assert me.name == "ontwikkelversie na 1.0.0"
    assert me.label == f"ontwikkelversie na 1.0.0 (commit {head[:7]}, 2026-12-04)"
    assert me.file_name(".pdf") == f"samenwerken-aan-de-wijk-ontwikkel-na-1.0.0-{head[:7]}.pdf"
    assert "editie 1.0.0" not in me.label
    assert "1.0.0.pdf" not in me.file_name(".pdf")


def test_the_editions_builder_or_the_release_tag_makes_an_edition(tmp_path):
    repo, git = _repo(tmp_path)
    built = identify(repo, version="1.1.0", env={ENV_EDITION: "1.1.0"}, date="2026-12-05")
    assert built.edition
    assert built.label == "editie 1.1.0, 2026-12-05"
    assert built.file_name(".zip") == "samenwerken-aan-de-wijk-1.1.0.zip"
    assert not identify(repo, version="1.1.0", env={}).edition
    git("tag", "v1.1.0")
    assert identify(repo, version="1.1.0", env={}).edition
    assert not identify(repo, version="1.2.0", env={}).edition  # the tag names another version


def test_a_commit_listed_for_the_version_is_that_edition(tmp_path):
    repo, git = _repo(tmp_path)
    head = git("rev-parse", "HEAD")
    (repo / "data" / "edities").mkdir(parents=True)
    listing = f"edities:\n- version: 1.0.0\n  commit: {head}\n"
    (repo / "data" / "edities" / "edities.yaml").write_text(listing, encoding="utf-8")
    assert identify(repo, version="1.0.0", env={}).edition
    assert not identify(repo, version="1.0.1", env={}).edition


def test_the_builder_cannot_call_other_sources_an_edition(tmp_path):
    repo, _ = _repo(tmp_path)
    with pytest.raises(RuntimeError, match=r"WIJKCOOP_EDITION=1\.1\.0 but the sources are version"):
        identify(repo, version="1.0.0", env={ENV_EDITION: "1.1.0"})


def test_without_git_the_date_names_the_build(tmp_path):
    me = identify(tmp_path, version="1.0.0", env={}, date="2026-12-04")
    assert me.commit == ""
    assert me.slug == "ontwikkel-na-1.0.0-2026-12-04"
    assert me.label == "ontwikkelversie na 1.0.0 (2026-12-04)"


def test_the_site_carries_its_identity_and_gives_it_back(tmp_path):
    me = Identity("1.0.0", False, "abc1234", "2026-12-04")
    (tmp_path / "book").mkdir()
    page = f"<html><head>{meta_tag(me)}</head></html>"
    (tmp_path / "book" / "index.html").write_text(page, encoding="utf-8")
    assert read_site(tmp_path) == me
    with pytest.raises(ValueError, match=r"no page with a <meta name='wijkcoop-build'>"):
        read_site(tmp_path / "book" / "missing")
    with pytest.raises(ValueError, match="not a build identity"):
        Identity.from_json('{"version": "1.0.0"}')


@pytest.mark.site
def test_the_built_site_says_what_it_is_everywhere(site):
    me = read_site(site)
    assert me.version == ident.__version__
    footer = (site / "book" / "index.html").read_text(encoding="utf-8")
    colofon = (site / "book" / "naslag" / "colofon.html").read_text(encoding="utf-8")
    if me.edition:
        assert f"Editie {me.version}, gebouwd op" in footer
    else:
        assert f"Ontwikkelversie na editie {me.version} ({me.details})" in footer
        assert f"editie {me.version}," not in colofon.split('class="wijkcoop-citatie"')[1][:400]
        assert f"ontwikkelversie na {me.version}, commit {me.commit}" in colofon
