"""The notebooks as the book build executed them: every cell ran, none failed or warned.

``make book`` executes each notebook once (myst-nb, ``execute_notebooks: cache``; a failing cell
stops the build) and keeps the executed copy in ``_build/jupyter_execute/``. This test reads
those copies instead of running the notebooks again: each notebook of ``_toc.yml`` is there,
with the committed code, every code cell executed in order, and no error or stderr output (a
warning in a notebook reaches the reader's page). ``make test-notebooks`` (nbval) still runs
them in a fresh kernel, as a trainer's JupyterLab does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijkcoop import toc

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    docname for part in toc.parts() for docname in part.pages if docname.startswith("notebooks/")
)


def _code(cells: list[dict]) -> list[str]:
    def text(source) -> str:
        return "".join(source) if isinstance(source, list) else source

    return [text(c["source"]) for c in cells if c["cell_type"] == "code"]


def problems(notebook: dict) -> list[str]:
    """Cells that did not run, or whose output is an error or text on stderr."""
    found = []
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    counts = [c.get("execution_count") for c in code if "".join(c["source"]).strip()]
    if counts != list(range(1, len(counts) + 1)):
        found.append(f"not executed in order once: {counts}")
    for number, cell in enumerate(code, 1):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                found.append(f"code cell {number}: {output['ename']}: {output['evalue']}")
            elif output["output_type"] == "stream" and output.get("name") == "stderr":
                found.append(f"code cell {number} wrote to stderr: {''.join(output['text'])[:300]}")
    return found


def test_every_notebook_page_is_checked():
    on_disk = sorted(f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == NOTEBOOKS


@pytest.mark.parametrize("docname", NOTEBOOKS)
def test_the_build_executed_the_notebook_cleanly(site, docname):
    executed = site.parent / "jupyter_execute" / f"{docname}.ipynb"
    assert executed.exists(), f"{executed} missing: the book build did not execute {docname}"
    ran = json.loads(executed.read_text(encoding="utf-8"))
    committed = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    assert _code(ran["cells"]) == _code(committed["cells"]), "the build ran an older version"
    assert problems(ran) == []


def test_an_error_or_a_warning_is_found():
    cell = {"cell_type": "code", "source": ["1/0"], "execution_count": 1, "outputs": []}
    clean = {"cells": [cell]}
    assert problems(clean) == []
    error = {"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero"}
    assert problems({"cells": [{**cell, "outputs": [error]}]}) == [
        "code cell 1: ZeroDivisionError: division by zero"
    ]
    warning = {"output_type": "stream", "name": "stderr", "text": ["FutureWarning: x\n"]}
    assert "wrote to stderr" in problems({"cells": [{**cell, "outputs": [warning]}]})[0]
    assert problems({"cells": [{**cell, "execution_count": None}]}) == [
        "not executed in order once: [None]"
    ]
