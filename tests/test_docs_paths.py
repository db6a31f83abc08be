"""The map stays true: every path docs/architecture.md names in backticks exists.

A path is looked up from the repository root, or (as the rooms table names them) from
``wijkcoop/`` or ``wijkcoop/book/``; a bare file name must exist somewhere in the repository.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "docs" / "architecture.md"
#: file endings that make a backticked word a path
ENDINGS = (".py", ".md", ".yml", ".yaml", ".json", ".js", ".css", ".toml", ".cff", ".bib", ".txt")
#: written at build time into the site, not kept in the repository
BUILT = {"versions.json", "versions.js"}
#: a placeholder (<bank>), a pattern (*), a command or an expression: not one file
NOT_A_PATH = re.compile(r"[<>*{}\s()=]|://")
BASES = [ROOT, ROOT / "wijkcoop", ROOT / "wijkcoop" / "book"]


def named_paths(text: str) -> list[str]:
    """The backticked words of ``text`` that name a file or folder of the repository."""
    words = re.findall(r"`([^`\n]+)`", text)
    return [
        w.rstrip("/")
        for w in words
        if not NOT_A_PATH.search(w) and ("/" in w or w.endswith(ENDINGS)) and w not in BUILT
    ]


def tracked() -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()


def test_the_map_names_paths():
    paths = named_paths(MAP.read_text(encoding="utf-8"))
    assert "wijkcoop/publish/webbuild.py" in paths
    assert "wijkcoop/websrc/scan/" not in paths  # folders are named without the slash
    assert named_paths("`data/scan/<bank>.yaml` `make js` `x.y.z` `a.b` `wijkcoop/`") == [
        "wijkcoop"
    ]


def test_every_path_named_in_the_map_exists():
    files = tracked()
    names = {Path(f).name for f in files}
    missing = []
    for path in named_paths(MAP.read_text(encoding="utf-8")):
        found = any((base / path).exists() for base in BASES)
        if "/" not in path:  # a bare file name, e.g. `core.js` in the text about its folder
            found = found or path in names
        if not found:
            missing.append(path)
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_every_generated_file_in_gitattributes_exists():
    files = tracked()
    patterns = [
        line.split()[0]
        for line in (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for pattern in patterns:
        regex = re.escape(pattern).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        assert any(re.fullmatch(regex, f) for f in files), (
            f".gitattributes: {pattern} matches nothing"
        )
