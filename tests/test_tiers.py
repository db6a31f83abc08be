"""The tiering rule itself (tests/tiers.py): every test in one tier, no unit test needs a site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import tiers

ROOT = Path(__file__).resolve().parent.parent
#: Ways a test can reach the built site without the ``site`` fixture.
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist"]
SITE_READS = ("site_dir(", 'ROOT / "_build"', '"_build/html"', "'_build/html'")


def test_the_first_tier_that_applies_wins():
    assert tiers.tier([]) == "unit"
    assert tiers.tier(["parametrize", "shared"]) == "unit"
    assert tiers.tier(["site"]) == "site"
    assert tiers.tier(["site", "browser"]) == "browser"
    assert tiers.tier(["browser", "site", "slow"]) == "slow"


def test_fixtures_choose_site_and_browser():
    assert tiers.automatic_markers(["tmp_path"]) == set()
    assert tiers.automatic_markers(["pdf_file", "site"]) == {"site"}
    assert tiers.automatic_markers(["base_url", "site"]) == {"site"}
    assert tiers.automatic_markers(["page", "browser"]) == {"browser", "site"}
    assert tiers.automatic_markers(["tmp_path"], ["browser"]) == {"browser", "site"}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> list[dict]:
    """The whole suite as pytest collects it (no test runs), with each test's markers."""
    report = tmp_path_factory.mktemp("tiers") / "tiers.json"
    env = {**os.environ, "WIJKCOOP_TIERS_REPORT": str(report)}
    run = subprocess.run(
        [*PYTEST, "--collect-only", "-q", "-p", "tests.tiers", "tests"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in run.stdout.splitlines() if line.startswith(("E ", "ERROR"))]
    assert run.returncode == 0, "\n".join(errors[:30]) or run.stdout[-3000:] + run.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def test_every_test_is_in_exactly_one_tier(collected):
    assert len(collected) > 500
    found = {t["nodeid"]: t["tier"] for t in collected}
    assert len(found) == len(collected), "a test id collected twice"
    assert set(found.values()) <= set(tiers.TIERS)
    assert {"unit", "site", "browser", "slow"} <= set(found.values())
    assert "tests/test_tiers.py::test_every_test_is_in_exactly_one_tier" in found


def test_no_unit_test_uses_the_built_site_or_a_browser(collected):
    needs = tiers.SITE_FIXTURES | tiers.BROWSER_FIXTURES
    wrong = [t["nodeid"] for t in collected if t["tier"] == "unit" and needs & set(t["fixtures"])]
    assert not wrong, f"unit tests that use the site or a browser: {wrong[:10]}"


def test_no_unit_test_reads_the_site_behind_the_fixture(collected):
    wrong = [
        t["nodeid"]
        for t in collected
        if t["tier"] == "unit" and any(read in t["source"] for read in SITE_READS)
    ]
    assert not wrong, (
        f"these unit tests read the built site themselves: {wrong[:10]}; "
        "use the 'site' fixture (tests/conftest.py), which puts them in the site tier"
    )


def test_browser_tests_are_site_tests_too(collected):
    for test in collected:
        if "browser" in test["markers"]:
            assert "site" in test["markers"], test["nodeid"]


def test_make_check_selects_the_unit_tier():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f'-m "{tiers.UNIT_EXPRESSION}"' in makefile
