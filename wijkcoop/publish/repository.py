"""The repository address: one setting a publisher fills in, everything else derived from it.

(The Sphinx hook that applies it is :func:`wijkcoop.book.repository.config_inited`.)

The setting is ``repository.url`` in ``_config.yml`` (Jupyter Book passes it to Sphinx as
``html_theme_options["repository_url"]``). It is empty until a publisher puts the book's public
GitHub address there; nothing else in the repository types the address. Derived from it:

* the Binder launch button on notebook pages (only when the address is set; without it the
  page has no launch button rather than one pointing at a guessed address);
* the MyST substitutions ``{{ repository_url }}``, ``{{ repository_clone }}`` (the ``git clone``
  line in the trainers' guide, or a Dutch sentence saying the address is not set) and
  ``{{ repository_launch }}`` (whether notebook pages have a launch button);
* ``repository-code`` in ``CITATION.cff`` and ``.zenodo.json``, written by ``make release``
  (``scripts/release.py``); ``tests/test_repository.py`` checks they agree with the setting.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "_config.yml"
#: Binder builds GitHub repositories; the address must name an owner and a repository.
GITHUB = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
NO_URL = (
    "Deze uitgave noemt nog geen openbaar adres van de bestanden. "
    "Vraag de uitgever of de trainer van het leernetwerk om het adres, "
    "of download de notebooks met de downloadknop bovenaan elke notebookpagina."
)

DEFAULT_FOLDER = "samenwerken-aan-de-wijk"  # the folder name when the address is not set
LAUNCH = "Op een pagina met een notebook staat ook een lanceerknop (het raketje)."
NO_LAUNCH = (
    "Zodra de uitgever het adres van de bestanden invult, staat op een pagina met een notebook "
    "ook een lanceerknop (het raketje)."
)


def check(url: str) -> str:
    """The setting, normalised; raises ``ValueError`` (English, for the publisher) if malformed."""
    url = (url or "").strip().rstrip("/")
    if url.endswith(".git"):
        url = url[: -len(".git")]
    if url and not GITHUB.match(url):
        raise ValueError(
            f"repository.url in _config.yml must be empty or https://github.com/<owner>/<name>"
            f" (Binder builds GitHub repositories), got {url!r}"
        )
    return url


def configured(config_file: Path = CONFIG) -> str:
    """The repository address set in ``_config.yml`` ('' when not set)."""
    doc = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    return check((doc.get("repository") or {}).get("url") or "")


def substitutions(url: str) -> dict[str, str]:
    """MyST substitutions derived from the address."""
    return {
        "repository_url": url,
        "repository_clone": f"`git clone {url}`" if url else NO_URL,
        "repository_launch": LAUNCH if url else NO_LAUNCH,
        "repository_cd": f"`cd {url.rsplit('/', 1)[-1] if url else DEFAULT_FOLDER}`",
    }
