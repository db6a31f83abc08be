"""The benchmark helpers live in scripts/bench.py (not in the package); they run on small inputs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_group_aggregation_benchmark_runs_on_a_small_folder():
    seconds = _bench().bench_aggregate(n=40)
    assert isinstance(seconds, float)
    assert seconds > 0


def test_montecarlo_benchmark_returns_seconds():
    seconds = _bench().bench_montecarlo(100)
    assert isinstance(seconds, float)
    assert seconds > 0


def test_the_package_holds_no_benchmark_helpers():
    import wijkcoop.group
    import wijkcoop.impact
    import wijkcoop.impact.sensitivity

    for module in (wijkcoop.group, wijkcoop.impact, wijkcoop.impact.sensitivity):
        assert not [name for name in vars(module) if name.startswith("bench")], module.__name__


@pytest.mark.site
@pytest.mark.browser
def test_group_page_benchmark_measures_weight_and_drop_time(site, browser):
    figures = _bench().group_page_figures(site, n=6, browser=browser)
    assert figures["group page: 6 files dropped to picture"].endswith("ms (best of 3)")
    weight = figures["bytes, group page (book/leernetwerk/groepsbeeld.html)"]
    assert weight.endswith("requests")
    assert not weight.startswith("0 KB")
