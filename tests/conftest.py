"""Fixtures shared by the test suite."""

from __future__ import annotations

import pytest

from tests import tiers
from tests.browser import CHROMIUM_ARGS, chromium_path, serve, site_dir
from wijkcoop.publish.bib import SHARED


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put every test in its tier (``tests/tiers.py``), then leave out the ../shared checks.

    A test that uses the ``site``/``base_url`` fixtures is marked ``site``, one that uses
    ``browser``/``page`` is marked ``browser`` and ``site``; ``-m`` selects on these markers
    after this hook (``tryfirst``). Under pytest-xdist the tests of a ``slow`` module share one
    worker (``xdist_group``), so a module's expensive fixture is built once.

    Without ../shared (a fresh clone) the checks against the research folder are left out.
    They are deselected, not skipped, and the summary says so; ``make check-shared`` runs only
    them and fails when the folder is missing. CI has ../shared and runs them.
    """
    grouped = config.pluginmanager.hasplugin("xdist")
    for item in items:
        have = {mark.name for mark in item.iter_markers()}
        for name in sorted(tiers.automatic_markers(getattr(item, "fixturenames", ()), have) - have):
            item.add_marker(name)
        if grouped and "slow" in have:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    if SHARED.is_dir():
        return
    left = [item for item in items if item.get_closest_marker("shared")]
    if left:
        items[:] = [item for item in items if not item.get_closest_marker("shared")]
        config.hook.pytest_deselected(items=left)
        config._wijkcoop_shared_left = len(left)


def pytest_terminal_summary(terminalreporter, config):
    left = getattr(config, "_wijkcoop_shared_left", 0)
    if left:
        terminalreporter.write_line(
            f"{SHARED} not found: {left} checks against the research folder left out "
            "(they run in CI and with 'make check-shared')"
        )


@pytest.fixture(scope="session")
def site():
    """The built site (``make book``), as a directory path."""
    path = site_dir()
    if not (path / "index.html").exists():
        pytest.fail(f"no built site at {path}: run 'make book' first (make test does this)")
    return path


@pytest.fixture(scope="session")
def base_url(site):
    """Base URL of the built site served on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never downloads a browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page in a fresh context (own localStorage, no service workers)."""
    context = browser.new_context(service_workers="block", locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()
