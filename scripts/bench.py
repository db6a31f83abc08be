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
- per page type (:data:`PAGE_TYPES`: landing, chapter, scan, korte scan, spiegel, group page,
  every chart notebook, search with a query, glossary) and a plain text page in the same run:
  Lighthouse 12.2.3 (tools/quality, mobile preset, Debian's Chromium), served with gzip as a real
  host would, :data:`RUNS` runs and the median of each figure: weight over the wire and raw,
  requests, performance score, TBT, LCP, CLS and Lighthouse's benchmarkIndex (this machine's
  speed at the time); every page's weight and TBT also as a ratio to the text page's. The
  targets of issue 23 are checked here, never in timed tests: the table says which are met.

``--site DIR`` skips the builds and nbval and measures an already built site (for a quick look;
``make bench`` always builds afresh). ``--pages-only`` (with ``--site``) measures only the page
table; with ``--write`` it replaces only that section of ``docs/benchmarks.md``.

``make bench`` always builds afresh).

``--tests`` (``make bench-tests``) measures the test loop instead: wall time and number of tests
of ``make env``, ``make check`` and ``make test`` in a clean clone of HEAD (``git clone`` into a
temporary folder, its own ``.venv``); with ``--write`` it replaces the "Test times" section of
``docs/benchmarks.md`` and leaves the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

BIN = Path(sys.executable).parent
PLAIN_PAGE = "book/gebruik/index.html"
SCAN_PAGE = "book/scan/index.html"
READY_SELECTOR = '[data-wijkcoop-scan][data-scan-ready="true"]'
TOUCHED_PAGE = ROOT / "book" / "gebruik" / "index.md"
LIGHTHOUSE = ROOT / "tools" / "quality" / "node_modules" / ".bin" / "lighthouse"
#: The text page every other page is compared with (measured in the same run).
TEXT_PAGE = PLAIN_PAGE
#: Page types and the page that stands for each; chart notebooks are found in the built site.
PAGE_TYPES = {
    "landing": "book/index.html",
    "chapter": "book/wat-is/vormen.html",
    "scan": SCAN_PAGE,
    "korte scan": "book/scan/kort.html",
    "spiegel": "book/leernetwerk/spiegel.html",
    "group page": "book/leernetwerk/groepsbeeld.html",  # measured when it is built
    "search `?q=wijkcooperatie`": "search.html?q=wijkcooperatie",
    "glossary": "book/naslag/begrippen.html",
}
RUNS = 3
#: Issue 23's targets, checked against the medians (an idle machine is assumed for the first).
TARGETS = {
    "chart notebook weight (KiB, wire)": 200,
    "scan weight over the text page (KiB, wire)": 40,
    "text page weight (KiB, wire)": 70,
    "TBT ratio to the text page": 2.0,
    "CLS": 0.02,
}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map"}


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def build(out: Path) -> float:
    cmd = [str(BIN / "jupyter-book"), "build", ".", "--path-output", str(out), "-W", "-n"]
    return timed(cmd, stderr=subprocess.DEVNULL)


def chart_pages(site: Path) -> list[str]:
    """Every built page that holds a chart (the chart notebooks)."""
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if "_static" not in p.parts
        and "wijkcoop-vega" in p.read_text(encoding="utf-8", errors="ignore")
    ]


def first_chart_page(site: Path) -> str | None:
    pages = chart_pages(site)
    return pages[0] if pages else None


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


def weigh(context, page) -> dict[str, int]:
    """Count the bytes and requests ``page`` loads from now on, with the cache off."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    total = {"bytes": 0, "requests": 0}

    def on_finished(ev, total=total):
        total["bytes"] += ev.get("encodedDataLength", 0)
        total["requests"] += 1

    cdp.on("Network.loadingFinished", on_finished)
    return total


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
            total = weigh(context, page)
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


GROUP_PAGE = "book/leernetwerk/groepsbeeld.html"
#: Drops the files on the group page (a real drop event with a DataTransfer) and resolves with
#: the milliseconds until the picture is drawn (data-groep-ready changes).
GROUP_DROP = """
async (files) => {
  const el = document.querySelector('[data-wijkcoop-groep]');
  const zone = el.querySelector('[data-drop]');
  const dt = new DataTransfer();
  for (const [name, text] of files) {
    dt.items.add(new File([text], name, {type: 'application/json'}));
  }
  const before = el.getAttribute('data-groep-ready');
  const done = new Promise((resolve) => new MutationObserver((_, obs) => {
    if (el.getAttribute('data-groep-ready') === before) return;
    obs.disconnect();
    resolve(performance.now());
  }).observe(el, {attributes: true, attributeFilter: ['data-groep-ready']}));
  const start = performance.now();
  zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
  return (await done) - start;
}
"""


def group_page_files(n: int = 30, seed: int = 18) -> list[tuple[str, str]]:
    """``n`` participants' exports: two thirds duurzaamheidsscan, one third relatiespiegel."""
    from wijkcoop import synthetic

    n_spiegel = n // 3
    scans = synthetic.generate(
        "duurzaamheidsscan", n_orgs=n - n_spiegel, rounds=["ronde-1"], seed=seed
    )
    spiegels = synthetic.generate(
        "relatiespiegel", n_orgs=max(1, (n_spiegel + 1) // 2), rounds=["ronde-1"], seed=seed
    )[:n_spiegel]
    return [(e["file"], synthetic.dumps(e["export"]).decode()) for e in scans + spiegels]


def group_page_figures(site: Path, n: int = 30, browser=None) -> dict[str, str]:
    """The group page: its weight, and the time from dropping ``n`` files to the picture.

    ``browser``: a running Playwright browser to use (the tests hand theirs); else one is started.
    """
    from playwright.sync_api import sync_playwright

    if not (site / GROUP_PAGE).exists():
        return {"group page": "n/a (page not built)"}
    if browser is not None:
        return _group_page_figures(site, n, browser)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return _group_page_figures(site, n, browser)
        finally:
            browser.close()


def _group_page_figures(site: Path, n: int, browser) -> dict[str, str]:
    from wijkcoop.book.groep import READY_SELECTOR as GROUP_READY

    files = group_page_files(n)
    figures: dict[str, str] = {}
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        total = weigh(context, page)
        page.goto(f"{base}/{GROUP_PAGE}", wait_until="networkidle")
        figures[f"bytes, group page ({GROUP_PAGE})"] = (
            f"{total['bytes'] / 1024:,.0f} KB in {total['requests']} requests"
        )
        runs = []
        for _ in range(3):
            page.reload(wait_until="networkidle")
            page.wait_for_selector(GROUP_READY)
            runs.append(page.evaluate(GROUP_DROP, files))
        figures[f"group page: {n} files dropped to picture"] = f"{min(runs):,.0f} ms (best of 3)"
        context.close()
    return figures


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed when the client accepts it, as a real host does."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_gzip(directory: Path) -> Iterator[str]:
    """Serve ``directory`` with compression on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run (mobile preset, simulated throttling): scores, timings and weight."""
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
    ]
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return lighthouse_figures(json.loads(out.read_text(encoding="utf-8")))


def lighthouse_figures(report: dict) -> dict[str, float]:
    """The figures of one Lighthouse report (JSON) this benchmark keeps."""
    cats, audits = report["categories"], report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "performance": cats["performance"]["score"] * 100,
        "accessibility": cats["accessibility"]["score"] * 100,
        "best practices": cats["best-practices"]["score"] * 100,
        "SEO": cats["seo"]["score"] * 100,
        "LCP (s)": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "TBT (ms)": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "wire (KiB)": sum(r.get("transferSize", 0) for r in requests) / 1024,
        "raw (KiB)": sum(r.get("resourceSize", 0) for r in requests) / 1024,
        "requests": len(requests),
        # Lighthouse's measure of this machine's CPU at the time (a fast desktop: 1,000-2,000);
        # simulated mobile timings scale with it, so a busy machine gives lower scores.
        "benchmarkIndex": report["environment"]["benchmarkIndex"],
    }


def median_figures(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over the runs."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.1f}×" if reference > 0 else "–"


def page_rows(
    results: dict[str, tuple[str, dict[str, float]]], text: dict[str, float]
) -> list[str]:
    """Markdown table: one row per page type, the text page first, ratios to the text page."""
    head = ["page", "wire (KiB)", "raw (KiB)", "requests", "performance", "TBT (ms)"]
    head += [
        "LCP (s)",
        "CLS",
        "benchmarkIndex",
        "weight ÷ text",
        "TBT ÷ text (min. 50 ms)",
        "a11y/BP/SEO",
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, (rel, r) in results.items():
        cells = [
            f"{label} (`{rel}`)",
            f"{r['wire (KiB)']:.0f}",
            f"{r['raw (KiB)']:.0f}",
            f"{r['requests']:.0f}",
            f"{r['performance']:.0f}",
            f"{r['TBT (ms)']:.0f}",
            f"{r['LCP (s)']:.2f}",
            f"{r['CLS']:.3f}",
            f"{r['benchmarkIndex']:.0f}",
            _ratio(r["wire (KiB)"], text["wire (KiB)"]),
            _ratio(r["TBT (ms)"], max(text["TBT (ms)"], 50.0)),
            f"{r['accessibility']:.0f}/{r['best practices']:.0f}/{r['SEO']:.0f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def target_rows(
    results: dict[str, tuple[str, dict[str, float]]], text: dict[str, float]
) -> list[str]:
    """Issue 23's targets against the medians: the measured value and whether it is met."""
    charts = {k: r for k, (rel, r) in results.items() if k.startswith("chart notebook")}
    scan = results.get("scan", ("", None))[1]
    checks = [
        (
            "text page ≤ 70 KiB over the wire",
            text["wire (KiB)"],
            TARGETS["text page weight (KiB, wire)"],
        ),
    ]
    if charts:
        heaviest = max(r["wire (KiB)"] for r in charts.values())
        checks.append(("heaviest chart notebook ≤ 200 KiB over the wire", heaviest, 200))
    if scan:
        checks.append(
            ("scan ≤ 40 KiB over the text page", scan["wire (KiB)"] - text["wire (KiB)"], 40)
        )
    worst_tbt = max((r["TBT (ms)"] for _, r in results.values()), default=0)
    # Lighthouse counts only the part of each task beyond 50 ms, so a text page often has 0 ms;
    # the ratio is taken to at least 50 ms.
    floor = max(text["TBT (ms)"], 50.0)
    checks.append(("every page's TBT ≤ 2 × the text page's (min. 50 ms)", worst_tbt / floor, 2.0))
    checks.append(("every page's TBT ≤ 200 ms (idle machine)", worst_tbt, 200))
    worst_cls = max((r["CLS"] for _, r in results.values()), default=0)
    checks.append(("no CLS above 0,02", worst_cls, 0.02))
    worst_perf = min((r["performance"] for _, r in results.values()), default=100)
    rows = ["| target | measured | met |", "|---|---|---|"]
    for name, value, limit in checks:
        rows.append(f"| {name} | {value:.2f} | {'yes' if value <= limit else 'no'} |")
    rows.append(
        f"| every page's performance ≥ 95 (idle machine) | {worst_perf:.0f} | "
        f"{'yes' if worst_perf >= 95 else 'no'} |"
    )
    return rows


def lighthouse_table(site: Path, runs: int = RUNS) -> list[str]:
    """The page table and the targets, every page measured ``runs`` times (median)."""
    if not LIGHTHOUSE.exists():
        return [f"Lighthouse: n/a ({LIGHTHOUSE.relative_to(ROOT)} missing: run `make bench`)"]
    pages = {"text page": TEXT_PAGE, **PAGE_TYPES}
    for rel in chart_pages(site):
        pages[f"chart notebook {Path(rel).stem}"] = rel
    results: dict[str, tuple[str, dict[str, float]]] = {}
    skipped = []
    with serve_gzip(site) as base, tempfile.TemporaryDirectory() as tmp:
        for label, rel in pages.items():
            if not (site / rel.split("?")[0]).exists():
                skipped.append(f"{label} (`{rel}` not built)")
                continue
            figures = [lighthouse(f"{base}/{rel}", Path(tmp) / "report.json") for _ in range(runs)]
            results[label] = (rel, median_figures(figures))
    text = results["text page"][1]
    out = [*page_rows(results, text), "", *target_rows(results, text)]
    if skipped:
        out += ["", "Not measured: " + "; ".join(skipped) + "."]
    return out


def pdf_figures(site: Path, work: Path) -> list[tuple[str, str]]:
    """Time `make pdf` on the site just built: time, pages and size of the PDF (pdfinfo counts)."""
    start = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "wijkcoop.publish.pdf",
            "--site",
            str(site),
            "--work",
            str(work),
        ],
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
    from wijkcoop.publish import build, bundle, release

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
            build.build_site(repo, tmp / "site", tmp / "work", dev=False)
            rows.append(
                (f"make site, two editions, {label} (s)", f"{time.perf_counter() - start:.1f}")
            )
        html = tmp / "work" / "out" / "9.1.0" / "_build" / "html"
        start = time.perf_counter()
        zipped = bundle.make_bundle(html, "9.1.0", "editie 9.1.0, 2030-02-01", tmp)
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


TESTS_HEADING = "## Test times"
PASSED = re.compile(r"(\d+) passed")


def loop_figures(targets: tuple[str, ...] = ("env", "check", "test")) -> list[tuple[str, str, str]]:
    """(target, wall time, tests passed) for each ``make`` target in a clean clone of HEAD."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-tests-"))
    try:
        repo = tmp / "repo"
        subprocess.run(["git", "clone", "-q", "--no-tags", str(ROOT), str(repo)], check=True)
        rows = []
        for target in targets:
            start = time.perf_counter()
            done = subprocess.run(["make", target], cwd=repo, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
                raise RuntimeError(f"make {target} failed in the clean clone")
            passed = PASSED.findall(done.stdout)  # the last is the pytest run's summary
            minutes = f"{seconds:.0f} s ({seconds / 60:.1f} min)"
            rows.append((f"make {target}", minutes, passed[-1] if passed else "–"))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_test_section(rows: list[tuple[str, str, str]], doc: Path) -> None:
    """Replace the "Test times" section of ``doc`` (up to the next ``## ``) with ``rows``."""
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    section = [
        TESTS_HEADING,
        "",
        f"Measured {dt.date.today().isoformat()} on {machine} by `scripts/bench.py --tests`"
        " (a clean clone of HEAD; `make env` creates its `.venv`).",
        "",
        "| target | wall time | tests |",
        "|---|---|---|",
        *(f"| `{t}` | {w} | {n} |" for t, w, n in rows),
        "",
    ]
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(TESTS_HEADING)
    tail = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
    doc.write_text(
        head.rstrip("\n") + "\n\n" + "\n".join(section) + ("\n" + tail if tail else ""), "utf-8"
    )


PAGES_START = "<!-- pages: written by scripts/bench.py -->"
PAGES_END = "<!-- /pages -->"


def pages_section(rows: list[str], note: str = "") -> str:
    """The page table with its heading, between markers so ``--pages-only`` can replace it."""
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    head = (
        f"## Pages\n\nMeasured {dt.date.today().isoformat()} on {machine}: Lighthouse 12.2.3, "
        f"mobile preset, served with gzip, {RUNS} runs per page, the median of each figure. "
        "Weight is what Lighthouse counts over the wire (transfer size) and unpacked (resource "
        "size); the ratios divide by the text page of the same run."
    )
    if note:
        head += " " + note
    return "\n".join([PAGES_START, head, "", *rows, PAGES_END])


def write_pages_section(doc: Path, section: str) -> None:
    """Replace the page section of ``doc`` (or add it at the end)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if PAGES_START in text and PAGES_END in text:
        before, rest = text.split(PAGES_START, 1)
        after = rest.split(PAGES_END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store in docs/benchmarks.md")
    parser.add_argument("--site", help="measure this built site; skip the builds and nbval")
    parser.add_argument("--only-site", action="store_true", help="only make site and bundle")
    parser.add_argument("--tests", action="store_true", help="time make check and make test")

    parser.add_argument(
        "--pages-only", action="store_true", help="with --site: only the Lighthouse page table"
    )
    parser.add_argument("--note", default="", help="a sentence on the machine's state")
    args = parser.parse_args()
    if args.tests:
        rows3 = loop_figures()
        print("\n".join(f"| {t} | {w} | {n} |" for t, w, n in rows3))
        if args.write:
            write_test_section(rows3, ROOT / "docs" / "benchmarks.md")
        return 0
    if args.only_site:
        rows = site_figures()
        print("\n".join(f"| {k} | {v} |" for k, v in rows))
        return 0
    if args.pages_only:
        if not args.site:
            parser.error("--pages-only needs --site")
        section = pages_section(lighthouse_table(Path(args.site).resolve()), args.note)
        print(section)
        if args.write:
            write_pages_section(ROOT / "docs" / "benchmarks.md", section)
        return 0

    rows: list[tuple[str, str]] = []
    lighthouse_rows: list[str] = []
    out = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        if args.site:
            site = Path(args.site).resolve()
        else:
            site = out / "_build" / "html"
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
            rows.extend(pdf_figures(site, out / "_build" / "pdf"))
        rows.extend(browser_figures(site).items())
        rows.extend(group_page_figures(site).items())
        lighthouse_rows = lighthouse_table(site)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    rows.append(("impact Monte Carlo, 10,000 draws", best_of_3(bench_montecarlo)))
    rows.append(("group aggregation, 10,000 exports", best_of_3(bench_aggregate)))
    rows.extend(site_figures())

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    head = f"Measured {dt.date.today().isoformat()} on {machine}."
    table = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    text = "\n".join([head, "", *table, "", pages_section(lighthouse_rows, args.note)])
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
