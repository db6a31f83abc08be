"""Running ``git`` for the publishing modules: one helper, one error."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(RuntimeError):
    """A ``git`` command failed; the message names the command, the folder and git's words."""


def git(repo: Path, *args: str) -> str:
    """Run ``git`` in ``repo`` and return its output; :class:`GitError` when it fails."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed in {repo}: {done.stderr.strip()}")
    return done.stdout


def changed_sources(repo: Path, old: str, new: str) -> list[tuple[str, str]]:
    """(status letter, path) of every file that differs between two commits.

    ``new`` may be ``"WORKTREE"`` for the checkout as it is.
    """
    args = ["diff", "--name-status", "--no-renames", old] + ([] if new == "WORKTREE" else [new])
    rows = []
    for line in git(repo, *args).splitlines():
        status, _, path = line.partition("\t")
        rows.append((status[0], path))
    return rows
