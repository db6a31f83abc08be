"""make sphinx-next: the book on plain Sphinx 9 without jupyter-book (docs/upgrading.md)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "sphinx_next.py"
NEXT_PYTHON = Path(os.environ.get("NEXT_PYTHON", ROOT / ".venv-next" / "bin" / "python"))


def _script():
    spec = importlib.util.spec_from_file_location(
        "sphinx_next", ROOT / "scripts" / "sphinx_next.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pins(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(ln.lower().split("==") for ln in lines if ln and not ln.startswith("#"))


def test_the_next_stack_is_past_what_jupyter_book_pins():
    now, nxt = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements-next.txt")
    assert "jupyter-book" in now
    assert "jupyter-book" not in nxt
    assert int(now["sphinx"].split(".")[0]) == 7
    assert int(nxt["sphinx"].split(".")[0]) >= 8
    assert int(nxt["myst-parser"].split(".")[0]) > int(now["myst-parser"].split(".")[0])


def test_the_plain_configuration_drops_the_wrapper_and_keeps_the_book():
    script = _script()
    settings = {
        "extensions": ["myst_nb", "jupyter_book", "sphinx_jupyterbook_latex", "wijkcoop.book"],
        "html_static_path": ["wijkcoop/web"],
        "html_favicon": "wijkcoop/web/favicon.svg",
        "use_jupyterbook_latex": True,
        "language": "nl",
    }
    out = script.next_config(settings, Path("/boek"), Path("/cache"))
    assert out["extensions"] == ["myst_nb", "wijkcoop.book"]
    assert out["html_static_path"] == ["/boek/wijkcoop/web"]
    assert out["html_favicon"] == "/boek/wijkcoop/web/favicon.svg"
    assert out["nb_execution_cache_path"] == "/cache"
    assert "use_jupyterbook_latex" not in out
    assert out["language"] == "nl"


def test_warnings_are_listed_without_the_checkout_path():
    text = f"\x1b[91m{ROOT}/book/a.md:3: WARNING: x [ref.ref]\x1b[39;49;00m\nreading sources\n"
    assert _script().clean_warnings(text, ROOT) == ["book/a.md:3: WARNING: x [ref.ref]"]


def test_the_listed_warnings_come_from_a_full_build():
    listing = (ROOT / "docs" / "upgrading-warnings.txt").read_text(encoding="utf-8")
    header = listing.splitlines()[1]
    assert re.search(r"Sphinx \d+\.\d+\.\d+, myst-parser 5\.\d+\.\d+, myst-nb 1\.\d+", header)
    assert "every page; sphinx-build exit 0" in header
    count = int(re.search(r"; (\d+) warnings\.", header).group(1))
    assert count == len(listing.splitlines()) - 2


@pytest.mark.slow
def test_the_first_chapters_build_on_the_next_stack(tmp_path):
    """The path stays open: .venv-next (make it when missing) builds the first chapters."""
    if not NEXT_PYTHON.exists():
        subprocess.run(["make", "-C", str(ROOT), ".venv-next/.installed"], check=True)
    out = tmp_path / "next"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--python", str(NEXT_PYTHON), "--out", str(out), "-p", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Sphinx 9." in done.stdout
    page = (out / "html" / "book" / "index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in page
    assert (out / "html" / "_static" / "scan.classic.js").exists()
