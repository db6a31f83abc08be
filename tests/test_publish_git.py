"""The one git helper of the publishing room (wijkcoop.publish.git)."""

from __future__ import annotations

import subprocess

import pytest

from wijkcoop.publish.git import GitError, changed_sources, git


def test_a_failing_git_command_names_itself_and_the_folder(tmp_path):
    with pytest.raises(GitError, match=rf"git rev-parse HEAD failed in {tmp_path}: fatal"):
        git(tmp_path, "rev-parse", "HEAD")


def test_changed_sources_lists_status_and_path(tmp_path):
    def run(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    run("init", "-q")
    run("config", "user.email", "t@example.org")
    run("config", "user.name", "t")
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    run("add", "a.md")
    run("commit", "-qm", "a")
    first = git(tmp_path, "rev-parse", "HEAD").strip()
    (tmp_path / "a.md").write_text("b\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("b\n", encoding="utf-8")
    run("add", "b.md")
    assert changed_sources(tmp_path, first, "WORKTREE") == [("M", "a.md"), ("A", "b.md")]
