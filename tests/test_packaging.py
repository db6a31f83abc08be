"""The package as others install it: a wheel built from the repository carries data/."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest

import wijkcoop
from wijkcoop import data

ROOT = Path(__file__).resolve().parent.parent
#: pip of the test environment, offline (nothing at test time may download).
PIP = [sys.executable, "-m", "pip"]
OFFLINE = ["--quiet", "--disable-pip-version-check", "--no-index"]

CHECK = """
import json, wijkcoop
from wijkcoop import data
from wijkcoop.scan import load_bank
names = sorted(data.manifest())
for name in names:
    data.load(name)
bank = load_bank("duurzaamheidsscan")
print(json.dumps({"package": wijkcoop.__file__, "data": str(data.data_dir()),
                  "datasets": len(names), "items": len(bank.items)}))
"""


def test_pyproject_lists_every_sub_package():
    with (ROOT / "pyproject.toml").open("rb") as f:
        listed = set(tomllib.load(f)["tool"]["setuptools"]["packages"])
    on_disk = {"wijkcoop"} | {
        f"wijkcoop.{m.name}" for m in pkgutil.iter_modules(wijkcoop.__path__) if m.ispkg
    }
    assert listed == on_disk | {"wijkcoop._data"}


@pytest.mark.slow
def test_an_installed_wheel_finds_its_data(tmp_path):
    """Build a wheel, install it (not editable) in a fresh venv, load every dataset there."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            *PIP,
            "wheel",
            *OFFLINE,
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("wijkcoop-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # the dependencies come from the test environment (a path entry: its .pth files, among
    # them the editable install of this checkout, are not read); the package from the wheel
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run(
        [*PIP, "install", *OFFLINE, "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "WIJKCOOP_DATA"}}
    run = subprocess.run(
        [str(python), "-c", CHECK],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout)
    assert Path(out["package"]).is_relative_to(site)
    assert Path(out["data"]) == site / "wijkcoop" / "_data"
    assert out["datasets"] == len(data.manifest())
    assert out["items"] > 0
