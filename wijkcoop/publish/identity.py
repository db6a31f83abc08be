"""What a build is: a published edition, or a development version after one.

This is the one home of how a build names itself. The footer, the colofon's citation block
(``{boekcitatie}``), the download links (``{bundel}``), the PDF cover and the names of the PDF
and zip files all take their words from :class:`Identity`, so a build of ``main`` after edition
1.0.0 never calls itself "editie 1.0.0".

A build is an edition when

* the editions builder says so: ``make site`` builds a listed edition from its release commit
  with ``WIJKCOOP_EDITION=<version>`` in the environment (:data:`ENV_EDITION`); or
* the checkout's ``HEAD`` is a commit that ``data/edities/edities.yaml`` lists for this version,
  or carries the tag ``v<version>`` that ``make release`` sets on the release commit.

Anything else is an *ontwikkelversie*: it names the edition it follows, its commit and its date.
The built site carries its identity in a ``<meta name="wijkcoop-build">`` tag on every page
(:func:`meta_tag`), which ``make pdf`` and ``make bundle`` read back (:func:`read_site`), so the
files they make are named as the site they were made from.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from wijkcoop._version import __version__
from wijkcoop.citation import build_date

ROOT = Path(__file__).resolve().parents[2]
ENV_EDITION = "WIJKCOOP_EDITION"
META_NAME = "wijkcoop-build"
FILE_STEM = "samenwerken-aan-de-wijk-{slug}"
_META = re.compile(r'<meta name="wijkcoop-build" content="([^"]*)"')


@dataclass(frozen=True)
class Identity:
    """The version a build follows or is, whether it is that edition, its commit and date."""

    version: str
    edition: bool
    commit: str = ""  # short commit of the checkout; "" when git is not available
    date: str = ""  # ISO build date (an edition: its release date)

    @property
    def slug(self) -> str:
        """What a file name says: ``1.0.0``, or ``ontwikkel-na-1.0.0-abc1234``."""
        if self.edition:
            return self.version
        return f"ontwikkel-na-{self.version}-{self.commit or self.date}"

    @property
    def name(self) -> str:
        """Short Dutch name: ``editie 1.0.0`` or ``ontwikkelversie na 1.0.0``."""
        if self.edition:
            return f"editie {self.version}"
        return f"ontwikkelversie na {self.version}"

    @property
    def details(self) -> str:
        """``commit abc1234, 2026-12-04`` (an edition: its date only)."""
        commit = f"commit {self.commit}" if self.commit and not self.edition else ""
        return ", ".join(x for x in (commit, self.date) if x)

    @property
    def label(self) -> str:
        """Full Dutch name with commit and date, as cited and printed."""
        if self.edition:
            return f"{self.name}, {self.date}" if self.date else self.name
        return f"{self.name} ({self.details})" if self.details else self.name

    def file_name(self, suffix: str) -> str:
        """``samenwerken-aan-de-wijk-<slug><suffix>``: the PDF (``.pdf``) and the zip (``.zip``)."""
        return FILE_STEM.format(slug=self.slug) + suffix

    def to_json(self) -> str:
        """The identity as compact JSON (what the meta tag carries)."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Identity:
        """Read back :meth:`to_json`; an English error names what is wrong."""
        try:
            raw = json.loads(text)
            return cls(
                version=str(raw["version"]),
                edition=bool(raw["edition"]),
                commit=str(raw.get("commit", "")),
                date=str(raw.get("date", "")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"not a build identity: {text[:80]!r} ({exc})") from exc


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
    except OSError:  # no git on this machine
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _listed(repo: Path, version: str, head: str) -> bool:
    """True when ``data/edities/edities.yaml`` lists ``head`` as the commit of ``version``."""
    path = repo / "data" / "edities" / "edities.yaml"
    if not head or not path.exists():
        return False
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("edities") or []
    return any(e.get("version") == version and e.get("commit") == head for e in entries)


def identify(
    repo: Path = ROOT,
    *,
    version: str = __version__,
    env: Mapping[str, str] | None = None,
    date: str | None = None,
) -> Identity:
    """What a build of ``repo`` at its ``HEAD`` is (see the module docstring)."""
    env = os.environ if env is None else env
    head = _git(repo, "rev-parse", "HEAD")
    commit = head[:7]
    day = date or build_date()
    wanted = env.get(ENV_EDITION, "")
    if wanted:
        if wanted != version:
            raise RuntimeError(
                f"{ENV_EDITION}={wanted} but the sources are version {version}: "
                "an edition is built from its own release commit"
            )
        return Identity(version, True, commit, day)
    tagged = f"v{version}" in _git(repo, "tag", "--points-at", "HEAD").split()
    edition = tagged or _listed(repo, version, head)
    return Identity(version, edition, commit, day)


def meta_tag(identity: Identity) -> str:
    """The ``<meta>`` tag every built page carries."""
    return f'<meta name="{META_NAME}" content="{html.escape(identity.to_json(), quote=True)}">'


def read_site(site: Path, page: str = "index.html") -> Identity:
    """The identity a built site carries (the landing page's meta tag, or ``page``'s)."""
    candidates = [site / page, site / "book" / "index.html"]
    for path in candidates:
        if path.exists():
            match = _META.search(path.read_text(encoding="utf-8"))
            if match:
                return Identity.from_json(html.unescape(match.group(1)))
    raise ValueError(
        f"{site}: no page with a <meta name={META_NAME!r}> tag: was it built by this book?"
    )
