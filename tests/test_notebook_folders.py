"""The trainers' notebooks run to the end on every workshop folder (slow: nbconvert --execute).

Each variant of :data:`wijkcoop.synthetic.VARIANTS` is written into a temporary folder; both
notebooks run unattended with ``GROEP_MAP`` pointing at it and ``GROEP_UITVOER`` at a second
temporary folder. A run must end without error, say in Dutch what it could not show, and put
no participant's file name or organisation name in any cell output or output file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_notebooks import problems
from wijkcoop import synthetic

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("groepsanalyse", "scan-trainers")
#: What each variant must make a notebook say (Dutch), by notebook.
EXPECTED = {
    ("groepsanalyse", "een-ronde"): "Voor een verandering zijn twee rondes nodig",
    ("groepsanalyse", "alleen-spiegel"): "geen bestand van de duurzaamheidsscan",
    ("groepsanalyse", "alleen-scan"): "geen bestand van de relatiespiegel",
    ("groepsanalyse", "klein"): "tweetallen vergelijken hun eigen spiegel",
    ("groepsanalyse", "kapot"): "Dit bestand telt niet mee.",
    ("groepsanalyse", "gemengd"): "de controle met de voorbeelddata slaan we over",
    ("scan-trainers", "een-ronde"): "maar één ronde",
    ("scan-trainers", "alleen-spiegel"): "geen bestand van de duurzaamheidsscan dat meetelt",
    ("scan-trainers", "gemengd"): "zonder naam en notities",
}


def _outputs_text(nb: dict) -> str:
    """Every cell output and the widget state, as text."""
    parts = [json.dumps(c.get("outputs", []), ensure_ascii=False) for c in nb["cells"]]
    parts.append(json.dumps(nb["metadata"].get("widgets", {}), ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.parametrize("variant", [v for v in synthetic.VARIANTS if v != "voorbeeld"])
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_on_a_workshop_folder(name, variant, tmp_path):
    folder = tmp_path / "exports"
    written = synthetic.write_variant(folder, variant, seed=9)
    work = tmp_path / "nb"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", work)
    out = tmp_path / "uitvoer"
    env = {**os.environ, "GROEP_MAP": str(folder), "GROEP_UITVOER": str(out)}
    env.pop("WIJKCOOP_BOOK_BUILD", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output",
            "uit.ipynb",
            f"{name}.ipynb",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    nb = json.loads((work / "uit.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
    assert [p for p in problems(nb) if "codes to readers" in p] == []  # e.g. a finding's code
    text = _outputs_text(nb)
    if (name, variant) in EXPECTED:
        assert EXPECTED[(name, variant)] in text
    files = sorted(out.glob("*")) if out.exists() else []
    if name == "groepsanalyse":
        assert {p.name for p in files} == {"samenvatting.csv", "geweigerd.csv", "overzicht.html"}
        assert str(out) in text  # the full path is printed
    text += "".join(p.read_text(encoding="utf-8") for p in files)
    lowered = text.lower()
    needles = {"tarwewijk"}
    for f in written:
        needles |= {f.name.lower(), Path(f.name).stem.lower()}
        if f.organisation:
            needles.add(f.organisation.lower())
    leaked = sorted(n for n in needles if n in lowered)
    assert not leaked, f"names in the outputs: {leaked[:5]}"
    assert "Traceback" not in text
    assert "ValueError" not in text
