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
- Lighthouse 12.2.3 (tools/quality, mobile preset, Debian's Chromium) on one page of each type,
  served with gzip as a real host would: the four category scores and LCP, TBT and CLS.

``--site DIR`` skips the builds and nbval and measures an already built site (for a quick look;
``make bench`` always builds afresh).
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
import shutil
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
LIGHTHOUSE_PAGES = {
    "landing": "book/index.html",
    "text chapter": PLAIN_PAGE,
    "scan": SCAN_PAGE,
    "spiegel": "book/leernetwerk/spiegel.html",
    "notebook with charts": None,  # the first page with a chart
}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map"}


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
    """One Lighthouse run (mobile preset, simulated throttling): scores and LCP/TBT/CLS."""
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
    report = json.loads(out.read_text(encoding="utf-8"))
    cats, audits = report["categories"], report["audits"]
    return {
        "performance": cats["performance"]["score"] * 100,
        "accessibility": cats["accessibility"]["score"] * 100,
        "best practices": cats["best-practices"]["score"] * 100,
        "SEO": cats["seo"]["score"] * 100,
        "LCP (s)": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "TBT (ms)": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        # Lighthouse's measure of this machine's CPU at the time (a fast desktop: 1,000-2,000);
        # simulated mobile timings scale with it, so a busy machine gives lower scores.
        "benchmarkIndex": report["environment"]["benchmarkIndex"],
    }


def lighthouse_table(site: Path) -> list[str]:
    """Markdown table, one row per page type."""
    if not LIGHTHOUSE.exists():
        return [f"Lighthouse: n/a ({LIGHTHOUSE.relative_to(ROOT)} missing: run `make bench`)"]
    pages = dict(LIGHTHOUSE_PAGES)
    pages["notebook with charts"] = first_chart_page(site)
    head = ["page", "performance", "accessibility", "best practices", "SEO", "LCP (s)"]
    head += ["TBT (ms)", "CLS", "benchmarkIndex"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    with serve_gzip(site) as base, tempfile.TemporaryDirectory() as tmp:
        for label, rel in pages.items():
            if rel is None or not (site / rel).exists():
                rows.append(f"| {label} | n/a (page not built) |" + " |" * (len(head) - 2))
                continue
            r = lighthouse(f"{base}/{rel}", Path(tmp) / "report.json")
            rows.append(
                f"| {label} (`{rel}`) | {r['performance']:.0f} | {r['accessibility']:.0f} | "
                f"{r['best practices']:.0f} | {r['SEO']:.0f} | {r['LCP (s)']:.2f} | "
                f"{r['TBT (ms)']:.0f} | {r['CLS']:.3f} | {r['benchmarkIndex']:.0f} |"
            )
    return rows


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
        zipped = bundle.make_bundle(html, "9.1.0", "2030-02-01", tmp)
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
    parser.add_argument("--site", help="measure this built site; skip the builds and nbval")
    parser.add_argument("--only-site", action="store_true", help="only make site and bundle")
    args = parser.parse_args()
    if args.only_site:
        rows = site_figures()
        print("\n".join(f"| {k} | {v} |" for k, v in rows))
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
        lighthouse_rows = lighthouse_table(site)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    rows.append(("impact Monte Carlo, 10,000 draws", best_of_3(bench_montecarlo)))
    rows.append(("group aggregation, 10,000 exports", best_of_3(bench_aggregate)))
    rows.extend(site_figures())

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    head = f"Measured {dt.date.today().isoformat()} on {machine}."
    table = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    lh_head = "Lighthouse 12.2.3, mobile preset, served with gzip (scores out of 100):"
    text = "\n".join([head, "", *table, "", lh_head, "", *lighthouse_rows])
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
