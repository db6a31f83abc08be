"""The package as others install it: a wheel built from the repository, in a clean environment.

The clean environment gets the wheel and only what ``pyproject.toml`` declares (the
dependencies, and for the second check the ``publish`` extra), with what those need in turn:
no test, lint or book package. Nothing is downloaded: each declared distribution is linked in,
file by file, from this test environment (where ``make env`` installed it from the pinned
``requirements.txt``), so a module that imports an undeclared package fails here.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import tomllib
import venv
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import wijkcoop
from wijkcoop import data

ROOT = Path(__file__).resolve().parent.parent
#: pip of the test environment, offline (nothing at test time may download).
PIP = [sys.executable, "-m", "pip"]
OFFLINE = ["--quiet", "--disable-pip-version-check", "--no-index"]

CHECK = """
import importlib, json, pkgutil, sys, wijkcoop
from wijkcoop import data
from wijkcoop.scan import load_bank
names = sorted(data.manifest())
for name in names:
    data.load(name)
bank = load_bank("duurzaamheidsscan")
rooms = sys.argv[1:]
modules = [m.name for m in pkgutil.walk_packages(wijkcoop.__path__, "wijkcoop.")]
imported = [m for m in modules if m.split(".")[1] in rooms]
for name in imported:
    importlib.import_module(name)
print(json.dumps({"package": wijkcoop.__file__, "data": str(data.data_dir()),
                  "datasets": len(names), "items": len(bank.items), "imported": imported}))
"""

#: The base and the domain: what the package needs without its extra.
DOMAIN = [
    "data",
    "dutch",
    "finance",
    "charts",
    "markers",
    "versions",
    "toc",
    "scan",
    "impact",
    "group",
]
DOMAIN += ["synthetic", "cases", "hybrid", "citation", "spiegel", "zelftoets", "leestijd"]


def _project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]


def test_pyproject_lists_every_sub_package():
    with (ROOT / "pyproject.toml").open("rb") as f:
        listed = set(tomllib.load(f)["tool"]["setuptools"]["packages"])
    on_disk = {"wijkcoop"} | {
        f"wijkcoop.{m.name}" for m in pkgutil.iter_modules(wijkcoop.__path__) if m.ispkg
    }
    assert listed == on_disk | {"wijkcoop._data"}


def test_every_top_level_module_is_checked_in_the_clean_environment():
    on_disk = {m.name for m in pkgutil.iter_modules(wijkcoop.__path__)}
    # book needs Sphinx (the `book` dependency group), _version is imported by every room
    assert on_disk - {"book", "_version"} == {*DOMAIN, "publish"}


def _closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions ``requirements`` need, with theirs, for this Python."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        dist = metadata.distribution(req.name)
        assert dist.version in req.specifier, f"{req.name} {dist.version} is not {req.specifier}"
        seen[name] = dist
        for sub in dist.requires or []:
            todo.append((Requirement(sub), ""))
            todo.extend((Requirement(sub), e) for e in req.extras)
    return list(seen.values())


def _link_in(dists: list[metadata.Distribution], site: Path) -> None:
    """Link every file of ``dists`` that lives in site-packages into ``site``."""
    for dist in dists:
        base = Path(dist.locate_file("")).resolve()
        for file in dist.files or []:
            source = Path(dist.locate_file(file)).resolve()
            if not source.is_relative_to(base) or not source.is_file():
                continue  # console scripts and the like live outside site-packages
            target = site / source.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.symlink_to(source)


@pytest.fixture(scope="module")
def clean_env(tmp_path_factory):
    """A venv holding the built wheel and only the declared dependencies; its Python and site."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "wheels"
    build = [*PIP, "wheel", *OFFLINE, "--no-deps", "--no-build-isolation", "-w", str(wheels)]
    subprocess.run([*build, str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("wijkcoop-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(
        subprocess.run(
            [str(python), "-c", purelib], check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    subprocess.run(
        [*PIP, "install", *OFFLINE, "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    _link_in(_closure(_project()["dependencies"]), site)
    return python, site


def _check(python: Path, cwd: Path, *rooms: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "WIJKCOOP_DATA"}}
    run = subprocess.run(
        [str(python), "-c", CHECK, *rooms],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.slow
def test_the_wheel_with_its_dependencies_loads_every_dataset(clean_env, tmp_path):
    python, site = clean_env
    out = _check(python, tmp_path, *DOMAIN)
    assert Path(out["package"]).is_relative_to(site)
    assert Path(out["data"]) == site / "wijkcoop" / "_data"
    assert out["datasets"] == len(data.manifest())
    assert out["items"] > 0
    assert "wijkcoop.scan.widget" in out["imported"]  # anywidget is declared
    # and nothing of the development environment came along
    listed = subprocess.run(
        [str(python), "-c", "import pytest"], capture_output=True, text=True, check=False
    )
    assert "No module named 'pytest'" in listed.stderr


@pytest.mark.slow
def test_the_publish_extra_is_all_publishing_needs(clean_env, tmp_path):
    python, site = clean_env
    _link_in(_closure(_project()["optional-dependencies"]["publish"]), site)
    out = _check(python, tmp_path, "publish")
    assert "wijkcoop.publish.pdf" in out["imported"]  # Beautiful Soup, playwright
    assert "wijkcoop.publish.bib" in out["imported"]  # pybtex
    assert (site / "wijkcoop" / "publish" / "pdf.css").is_file()  # package data travels
