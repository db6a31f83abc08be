"""Benchmark: build times, page weights, time to interactive, computation times.

Run with ``make bench`` (or ``.venv/bin/python scripts/bench.py``). It prints a Markdown table;
``--write`` also stores it in ``docs/benchmarks.md`` with the date and the machine.
This is a measurement, not a test: nothing here passes or fails on a timing.

Measured:
- clean build (fresh output folder, so every notebook executes) and a rebuild after touching
  one Markdown page, both with ``jupyter-book build -W -n``;
- ``pytest --nbval-lax notebooks/``;
- bytes transferred (cold cache, uncompressed, as Chromium's network layer counts them) for a
  plain page, a chart page and the scan page;
- time to interactive of the scan page: from navigation start until the scan's root element
  carries ``data-scan-ready="true"``;
- the impact Monte Carlo (10,000 draws) and the group aggregation (10,000 exports);
- ``make site`` for two editions (a clone of HEAD released twice with ``make release``'s code,
  a page changed in between), cold (fresh worktrees and notebook caches) and cached (again,
  nothing changed), and ``make bundle`` of the newest: time and zip size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

BIN = Path(sys.executable).parent
PLAIN_PAGE = "book/gebruik/index.html"
SCAN_PAGE = "book/scan/index.html"
READY_SELECTOR = '[data-wijkcoop-scan][data-scan-ready="true"]'
TOUCHED_PAGE = ROOT / "book" / "gebruik" / "index.md"


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def build(out: Path) -> float:
    cmd = [str(BIN / "jupyter-book"), "build", ".", "--path-output", str(out), "-W", "-n"]
    return timed(cmd, stderr=subprocess.DEVNULL)


def first_chart_page(site: Path) -> str | None:
    for p in sorted(site.rglob("*.html")):
        if "_static" in p.parts:
            continue
        if "wijkcoop-vega" in p.read_text(encoding="utf-8", errors="ignore"):
            return str(p.relative_to(site))
    return None


READY_PROBE = (
    """
(() => {
  const sel = SELECTOR;
  const mark = () => { if (!window.__readyAt && document.querySelector(sel)) {
      window.__readyAt = performance.now(); } };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true,
      attributes: true, attributeFilter: ['data-scan-ready']});
  document.addEventListener('DOMContentLoaded', mark);
})();
"""
).replace("SELECTOR", repr(READY_SELECTOR))


def browser_figures(site: Path) -> dict[str, str]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, str] = {}
    pages = {"plain page": PLAIN_PAGE, "chart page": first_chart_page(site), "scan page": SCAN_PAGE}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for label, rel in pages.items():
            if rel is None or not (site / rel).exists():
                figures[f"bytes, {label}"] = "n/a (page not built)"
                continue
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            total = {"bytes": 0, "requests": 0}

            def on_finished(ev, total=total):
                total["bytes"] += ev.get("encodedDataLength", 0)
                total["requests"] += 1

            cdp.on("Network.loadingFinished", on_finished)
            if label == "scan page":
                page.add_init_script(READY_PROBE)
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            figures[f"bytes, {label} ({rel})"] = (
                f"{total['bytes'] / 1024:,.0f} KB in {total['requests']} requests"
            )
            if label == "scan page":
                try:
                    page.wait_for_selector(READY_SELECTOR, timeout=10_000)
                    page.wait_for_load_state("load")
                    ready, load = page.evaluate(
                        "[window.__readyAt,"
                        " performance.getEntriesByType('navigation')[0].loadEventEnd]"
                    )
                    figures["scan page: ready (from navigation start)"] = f"{ready:,.0f} ms"
                    figures["scan page: ready relative to the load event"] = (
                        f"{ready - load:+,.0f} ms (negative: ready before load)"
                    )
                except Exception as exc:  # the scan page may not exist yet
                    figures["scan page: ready"] = f"n/a ({type(exc).__name__})"
            context.close()
        browser.close()
    plain = figures.get(f"bytes, plain page ({PLAIN_PAGE})", "")
    scan = figures.get(f"bytes, scan page ({SCAN_PAGE})", "")
    if plain.endswith("requests") and scan.endswith("requests"):
        kb = lambda s: float(s.split(" KB")[0].replace(",", ""))  # noqa: E731
        figures["scan page minus plain page"] = f"{kb(scan) - kb(plain):,.0f} KB"
    return figures


def pdf_figures(site: Path, work: Path) -> list[tuple[str, str]]:
    """Time `make pdf` on the site just built: time, pages and size of the PDF (pdfinfo counts)."""
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "python"), "-m", "wijkcoop.pdf", "--site", str(site), "--work", str(work)],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    made = next((site / "downloads").glob("samenwerken-aan-de-wijk-*.pdf"))
    info = subprocess.run(["pdfinfo", str(made)], check=True, capture_output=True, text=True)
    pages = next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return [
        ("make pdf (s)", f"{seconds:.1f}"),
        ("PDF pages", pages),
        ("PDF size (MB)", f"{made.stat().st_size / 1e6:.1f}"),
    ]


def best_of_3(fn) -> str:
    runs = [fn() for _ in range(3)]
    return f"{min(runs):.3f} s (best of 3)"


def site_figures() -> list[tuple[str, str]]:
    """Time `make site` for two editions, cold and cached, and `make bundle` of the newest."""
    from wijkcoop import editions, release

    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        repo = tmp / "repo"
        subprocess.run(["git", "clone", "-q", "--no-tags", str(ROOT), str(repo)], check=True)
        for key, value in (("user.name", "bench"), ("user.email", "bench@example.org")):
            subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
        release.release(
            repo, "9.0.0", "Benchmarkeditie één, niet gepubliceerd.", "2030-01-01", tag=False
        )
        page = repo / "book" / "gebruik" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEen regel erbij.\n", "utf-8")
        subprocess.run(["git", "-C", str(repo), "commit", "-qam", "bench: change"], check=True)
        release.release(
            repo, "9.1.0", "Benchmarkeditie twee, niet gepubliceerd.", "2030-02-01", tag=False
        )
        rows = []
        for label in ("cold", "cached"):
            start = time.perf_counter()
            editions.build_site(repo, tmp / "site", tmp / "work", dev=False)
            rows.append(
                (f"make site, two editions, {label} (s)", f"{time.perf_counter() - start:.1f}")
            )
        html = tmp / "work" / "out" / "9.1.0" / "_build" / "html"
        start = time.perf_counter()
        zipped = editions.make_bundle(html, "9.1.0", "2030-02-01", tmp)
        rows.append(("make bundle (s)", f"{time.perf_counter() - start:.1f}"))
        rows.append(("bundle zip size (MB)", f"{zipped.stat().st_size / 1e6:.1f}"))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_montecarlo(n: int = 10_000) -> float:
    """Seconds for one Monte Carlo run of ``n`` draws on the book's worked example."""
    from wijkcoop.impact import load_model, monte_carlo

    model = load_model()
    start = time.perf_counter()
    monte_carlo(model, n)
    return time.perf_counter() - start


def bench_aggregate(n: int = 10_000, bank_id: str = "duurzaamheidsscan", seed: int = 1) -> float:
    """Seconds to read, validate, score and aggregate ``n`` exports from a folder on disk.

    The synthetic files are written first (not timed); the timing covers reading every file,
    validating it, scoring, and computing distribution, profile and change.
    """
    from wijkcoop import group, synthetic

    n_orgs = max(1, n // 2)
    entries = synthetic.generate(bank_id, n_orgs=n_orgs, rounds=("ronde-1", "ronde-2"), seed=seed)
    entries = entries[:n]
    with tempfile.TemporaryDirectory() as tmp:
        for e in entries:
            (Path(tmp) / e["file"]).write_bytes(synthetic.dumps(e["export"]))
        start = time.perf_counter()
        g = group.GroupAnalysis(tmp, banks=[bank_id])
        g.distribution(bank_id)
        g.profile(bank_id)
        g.change(bank_id)
        g.summary()
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store in docs/benchmarks.md")
    parser.add_argument("--only-site", action="store_true", help="only make site and bundle")
    args = parser.parse_args()
    if args.only_site:
        rows = site_figures()
        print("\n".join(f"| {k} | {v} |" for k, v in rows))
        return 0

    rows: list[tuple[str, str]] = []
    out = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        rows.append(("clean build, notebooks executed (s)", f"{build(out):.1f}"))
        TOUCHED_PAGE.touch()
        rows.append(("rebuild after touching one Markdown page (s)", f"{build(out):.1f}"))
        nbval = timed(
            [
                str(BIN / "python"),
                "-m",
                "pytest",
                "notebooks",
                "--nbval-lax",
                "-q",
                "-p",
                "no:cacheprovider",
            ],
            stderr=subprocess.DEVNULL,
        )
        rows.append(("pytest --nbval-lax notebooks/ (s)", f"{nbval:.1f}"))
        rows.extend(browser_figures(out / "_build" / "html").items())
        rows.extend(pdf_figures(out / "_build" / "html", out / "_build" / "pdf"))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    rows.append(("impact Monte Carlo, 10,000 draws", best_of_3(bench_montecarlo)))
    rows.append(("group aggregation, 10,000 exports", best_of_3(bench_aggregate)))
    rows.extend(site_figures())

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    head = f"Measured {dt.date.today().isoformat()} on {machine}."
    table = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    text = "\n".join([head, "", *table])
    print(text)
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        doc.write_text(
            "# Benchmarks\n\nProduced by `make bench` (scripts/bench.py); "
            "re-run it after a change that could affect speed or weight.\n\n" + text + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
