"""Fixtures shared by the test suite."""

from __future__ import annotations

import pytest

from tests.browser import CHROMIUM_ARGS, chromium_path, serve, site_dir


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
