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


def _report(tbt: float, wire: int) -> dict:
    return {
        "categories": {
            k: {"score": 0.9} for k in ("performance", "accessibility", "best-practices", "seo")
        },
        "audits": {
            "largest-contentful-paint": {"numericValue": 1500.0},
            "total-blocking-time": {"numericValue": tbt},
            "cumulative-layout-shift": {"numericValue": 0.01},
            "network-requests": {
                "details": {
                    "items": [
                        {"transferSize": wire, "resourceSize": 3 * wire},
                        {"transferSize": 1024, "resourceSize": 2048},
                    ]
                }
            },
        },
        "environment": {"benchmarkIndex": 700.0},
    }


def test_page_figures_are_medians_with_ratios_to_the_text_page():
    bench = _bench()
    runs = [bench.lighthouse_figures(_report(tbt, 10 * 1024)) for tbt in (100.0, 300.0, 200.0)]
    text = bench.median_figures(runs)
    assert text["TBT (ms)"] == 200.0
    assert text["wire (KiB)"] == 11
    assert text["raw (KiB)"] == 32
    assert text["requests"] == 2
    heavy = bench.median_figures([bench.lighthouse_figures(_report(400.0, 43 * 1024))])
    rows = bench.page_rows({"text page": ("t.html", text), "scan": ("s.html", heavy)}, text)
    assert rows[-1].startswith("| scan (`s.html`) | 44 | 131 | 2 | 90 | 400 |")
    assert "| 4.0× | 2.0× |" in rows[-1]
    targets = "\n".join(
        bench.target_rows({"text page": ("t.html", text), "scan": ("s.html", heavy)}, text)
    )
    assert "| scan ≤ 40 KiB over the text page | 33.00 | yes |" in targets
    assert "| every page's TBT ≤ 200 ms (idle machine) | 400.00 | no |" in targets


def test_the_page_section_is_replaced_in_place(tmp_path):
    bench = _bench()
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nBuild figures.\n", encoding="utf-8")
    bench.write_pages_section(doc, bench.pages_section(["| a |"], "Busy."))
    bench.write_pages_section(doc, bench.pages_section(["| b |"]))
    text = doc.read_text(encoding="utf-8")
    assert "Build figures." in text
    assert "| b |" in text
    assert "| a |" not in text
    assert text.count(bench.PAGES_START) == 1


def test_the_test_times_section_is_replaced_and_the_rest_kept(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# B\n\nbuild rows\n\n## Test times\n\nold\n\n## Later\n\nkept\n", "utf-8")
    _bench().write_test_section([("make check", "60 s (1.0 min)", "645")], doc)
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# B\n\nbuild rows\n\n## Test times\n")
    assert "| `make check` | 60 s (1.0 min) | 645 |" in text
    assert "old" not in text
    assert text.endswith("## Later\n\nkept\n")
    doc.write_text("# B\n\nbuild rows\n", "utf-8")
    _bench().write_test_section([("make test", "1 s (0.0 min)", "9")], doc)
    assert doc.read_text(encoding="utf-8").endswith("| `make test` | 1 s (0.0 min) | 9 |\n")
