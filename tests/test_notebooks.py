"""The notebooks as the book build executed them: every cell ran, none failed or warned.

``make book`` executes each notebook once (myst-nb, ``execute_notebooks: cache``; a failing cell
stops the build) and keeps the executed notebook in its jupyter-cache (``_build/.jupyter_cache``,
beside the site). This test reads the cache instead of running the notebooks again: each
notebook of ``_toc.yml`` has a record that matches its committed code (jupyter-cache matches on
the code cells, so the record is of this version), every code cell executed in order, and no
error or stderr output (a warning in a notebook reaches the reader's page and the PDF), and no
output shows a reader a machine code such as ``weinig-bekend:steun-uitvoering`` (a finding of
the scan: readers see its sentence, ``wijkcoop.scan.tables``).
(``_build/jupyter_execute/`` is no substitute: myst-nb writes it without outputs when a page is
re-read from the cache.) ``make test-notebooks`` (nbval) still runs them in a fresh kernel, as a
trainer's JupyterLab does.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

from wijkcoop import toc

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    docname for part in toc.parts() for docname in part.pages if docname.startswith("notebooks/")
)


#: A code ``<word-word>:<word>`` in what a reader sees (the finding codes of the scan engine).
MACHINE_CODE = re.compile(r"\b[a-z]+-[a-z]+:[a-z][a-z-]*")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def _shown(output: dict) -> str:
    """The text a reader sees of one output: its HTML without tags, else its plain text."""
    if output["output_type"] == "stream":
        return "".join(output["text"])
    bundle = output.get("data", {})
    if "text/html" in bundle:
        return html.unescape(_HIDDEN.sub(" ", "".join(bundle["text/html"])))
    return "".join(bundle.get("text/plain", ""))


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
            elif output["output_type"] != "error":
                codes = sorted(set(MACHINE_CODE.findall(_shown(output))))
                if codes:
                    found.append(f"code cell {number} shows codes to readers: {codes}")
    return found


def test_every_notebook_page_is_checked():
    on_disk = sorted(f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert on_disk == NOTEBOOKS


@pytest.mark.parametrize("docname", NOTEBOOKS)
def test_the_build_executed_the_notebook_cleanly(site, docname):
    folder = site.parent / ".jupyter_cache"
    assert folder.is_dir(), f"no notebook cache at {folder}: run 'make book'"
    cache = get_cache(folder)
    committed = nbformat.read(ROOT / f"{docname}.ipynb", as_version=4)
    try:
        record = cache.match_cache_notebook(committed)
    except KeyError:
        record = None
    if record is None:
        pytest.fail(f"{folder} holds no execution of this version of {docname}: run 'make book'")
    ran = json.loads(nbformat.writes(cache.get_cache_bundle(record.pk).nb))
    assert _code(ran["cells"]) == _code(json.loads(nbformat.writes(committed))["cells"])
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


def test_a_machine_code_in_an_output_is_found():
    """What the trainers' notebook showed: the findings of the scan as codes."""
    cell = {"cell_type": "code", "source": ["x"], "execution_count": 1}
    table = "<style>.wks-table:not(.x) {}</style><table><tr><td>CELL</td></tr></table>"
    old = {
        "output_type": "display_data",
        "data": {"text/html": [table.replace("CELL", "weinig-bekend:steun-uitvoering")]},
    }
    assert problems({"cells": [{**cell, "outputs": [old]}]}) == [
        "code cell 1 shows codes to readers: ['weinig-bekend:steun-uitvoering']"
    ]
    new = {
        "output_type": "display_data",
        "data": {"text/html": [table.replace("CELL", "Uitvoering: bij 1 van de 2 vragen.")]},
    }
    printed = {
        "output_type": "stream",
        "name": "stdout",
        "text": ["Sociaal kapitaal: zelf 31,25\n"],
    }
    assert problems({"cells": [{**cell, "outputs": [new, printed]}]}) == []
