"""The test tiers: which tests ``make check`` runs and which need more (README, "Test tiers").

Every test is in exactly one tier, the first that applies:

``slow``
    builds or executes something extra: another book build, an editions site, a wheel
    installed into a fresh environment, the book on the next Sphinx. Marked by hand with
    ``@pytest.mark.slow``.
``browser``
    drives Debian's Chromium. Chosen automatically for a test that uses the ``browser`` or
    ``page`` fixture (directly or through another fixture); such a test also gets ``site``.
``site``
    reads the built site (``make book``, ``make pdf``, ``make site``). Chosen automatically for a
    test that uses the ``site`` or ``base_url`` fixture.
``unit``
    everything else: no marker, no built site, no browser, no extra build. ``make check`` runs
    these; they pass on a fresh clone.

``conftest.pytest_collection_modifyitems`` adds the automatic markers;
``tests/test_tiers.py`` checks the rule on the collected suite.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The tiers, from the one that wins to the default.
TIERS = ("slow", "browser", "site", "unit")
#: Fixtures that put a test in the site tier (the built site, served or read from disk).
SITE_FIXTURES = frozenset({"site", "base_url"})
#: Fixtures that put a test in the browser tier (Chromium).
BROWSER_FIXTURES = frozenset({"browser", "page"})
#: What ``make check`` selects: the unit tier.
UNIT_EXPRESSION = "not slow and not browser and not site"


def automatic_markers(fixturenames: Iterable[str], marked: Iterable[str] = ()) -> set[str]:
    """The tier markers a test gets from the fixtures it uses (with their own fixtures).

    ``marked`` are the markers it has already; one marked ``browser`` by hand gets ``site`` too.
    """
    names = set(fixturenames)
    markers = set()
    if names & BROWSER_FIXTURES or "browser" in set(marked):
        markers |= {"browser", "site"}
    if names & SITE_FIXTURES:
        markers.add("site")
    return markers


def tier(markers: Iterable[str]) -> str:
    """The one tier of a test with these marker names."""
    names = set(markers)
    return next(t for t in TIERS if t in names or t == "unit")


def pytest_collection_finish(session) -> None:
    """With ``-p tests.tiers`` and ``WIJKCOOP_TIERS_REPORT=<file>``: write each test's tier.

    ``tests/test_tiers.py`` collects the suite this way and checks the rule on what it finds.
    """
    import inspect
    import json
    import os
    from pathlib import Path

    target = os.environ.get("WIJKCOOP_TIERS_REPORT")
    if not target:
        return
    report = []
    for item in session.items:
        markers = sorted({mark.name for mark in item.iter_markers()})
        function = getattr(item, "function", None)
        try:
            source = inspect.getsource(function) if function else ""
        except (OSError, TypeError):
            source = ""
        report.append(
            {
                "nodeid": item.nodeid,
                "markers": markers,
                "fixtures": sorted(getattr(item, "fixturenames", ())),
                "tier": tier(markers),
                "source": source,
            }
        )
    Path(target).write_text(json.dumps(report), encoding="utf-8")
