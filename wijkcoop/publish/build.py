"""Build editions: each listed edition from the commit it names, and this checkout.

``make site`` (``python -m wijkcoop.publish.editions site``) builds every listed edition from
the commit it names (a ``git worktree``; the environment of this checkout is reused when that
commit's ``requirements.txt`` equals the current one, else the commit gets its own venv under
``_build/edities/venv/``), plus this checkout as "in ontwikkeling", into one static site::

    _build/site/index.html          -> the newest edition (or ontwikkeling when none is listed)
    _build/site/versions.json       the list every edition reads (also as versions.js for file://)
    _build/site/<version>/...       each edition
    _build/site/ontwikkeling/...    this checkout (built into _build/html, as make book does)

Each edition keeps its own notebook cache (``_build/edities/out/<version>/_build``), so an
unchanged edition rebuilds in seconds; ontwikkeling shares make book's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from wijkcoop.publish import pdf
from wijkcoop.publish.assemble import Built, assemble
from wijkcoop.publish.bundle import build_wheel, make_bundle
from wijkcoop.publish.catalogue import DEV, Edition, bank_versions, load
from wijkcoop.publish.downloads import settle
from wijkcoop.publish.git import git
from wijkcoop.publish.identity import ENV_EDITION, read_site
from wijkcoop.versions import semver


@dataclass(frozen=True)
class Checkout:
    """An edition's sources checked out for building, with the Python that builds them."""

    version: str
    date: str  # the release date ("" for the checkout itself)
    src: Path
    python: Path


def pins(lock: str) -> set[str]:
    """The ``name==version`` lines of a requirements file, names normalised (PEP 503)."""
    found = set()
    for line in lock.splitlines():
        name, sep, version = line.split("#", 1)[0].strip().partition("==")
        if sep:
            found.add(f"{re.sub(r'[-_.]+', '-', name).lower()}=={version.strip()}")
    return found


def _python_for(repo: Path, src: Path, commit: str, work: Path) -> Path:
    """The Python whose jupyter-book builds ``commit``.

    This one when the lock of ``commit`` pins nothing the current lock does not (the current
    one may add packages, such as a test tool, without a venv per edition); else a venv of its
    own from that commit's lock.
    """
    current = (repo / "requirements.txt").read_text(encoding="utf-8")
    theirs = git(repo, "show", f"{commit}:requirements.txt")
    if pins(theirs) <= pins(current):
        return Path(sys.executable)
    venv = work / "venv" / hashlib.sha256(theirs.encode()).hexdigest()[:12]
    py = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "-r", str(src / "requirements.txt")], check=True
        )
        (venv / ".installed").touch()
    return py


def _run(cmd: list[str], src: Path, env: dict[str, str], what: str) -> None:
    """Run ``cmd`` in the sources ``src``; on failure show its output's tail and raise."""
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise RuntimeError(f"{what} failed (exit {done.returncode})")


def _jb_build(
    python: Path, src: Path, out: Path, strict: bool, date: str = "", edition: str = ""
) -> Path:
    """Build the book in ``src`` with jupyter-book into ``out``; the built site's folder."""
    jb = python.parent / "jupyter-book"
    cmd = [str(jb), "build", str(src), "--path-output", str(out)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop(ENV_EDITION, None)
    if edition:  # only a listed edition's own commit is built as that edition
        env[ENV_EDITION] = edition
    if date:  # the edition names its release date, not the day it was rebuilt
        day = dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    _run(cmd, src, env, f"building {src}")
    html_dir = out / "_build" / "html"
    if not (html_dir / "index.html").exists():
        raise RuntimeError(f"building {src} wrote no {html_dir / 'index.html'}")
    return html_dir


def _pdf_module(src: Path) -> str | None:
    """The module that makes the PDF in the sources ``src`` of an edition, or None.

    It moved from ``wijkcoop/pdf.py`` (edition 1.0.0) to ``wijkcoop/publish/pdf.py``.
    """
    for module in ("wijkcoop.publish.pdf", "wijkcoop.pdf"):
        if (src / (module.replace(".", "/") + ".py")).exists():
            return module
    return None


def _pdf_is_fresh(html_dir: Path, version: str) -> bool:
    """True when the edition's PDF exists and no page of the site is newer than it."""
    target = html_dir / "downloads" / pdf.PDF_NAME.format(version=version)
    newest_page = max(p.stat().st_mtime for p in html_dir.rglob("*.html"))
    return target.exists() and target.stat().st_mtime >= newest_page


def downloads(checkout: Checkout, html_dir: Path, *, repo: Path, work: Path) -> None:
    """Put the edition's PDF and zip in its ``downloads/``, where ``{bundel}`` links them.

    The PDF is made by the edition's own PDF module (:func:`_pdf_module`; editions from before
    it existed have none) with the Paged.js that ``make site`` installed in ``repo``; it is made
    again only when a page of the edition is newer than it. The zip (which carries the PDF) is
    made every time. ``work`` holds the intermediate files.
    """
    polyfill = repo / pdf.PAGED_POLYFILL
    module = _pdf_module(checkout.src)
    version = checkout.version
    if module and polyfill.exists() and not _pdf_is_fresh(html_dir, version):
        cmd = [str(checkout.python), "-m", module, "--site", str(html_dir)]
        cmd += ["--toc", str(checkout.src / "_toc.yml"), "--work", str(work / "pdf" / version)]
        cmd += ["--polyfill", str(polyfill)]
        env = dict(os.environ, PYTHONPATH=str(checkout.src))
        _run(cmd, checkout.src, env, f"the PDF of edition {version}")
    label = f"editie {version}, {checkout.date}" if checkout.date else f"editie {version}"
    try:  # the edition's own package; this interpreter builds it (it has setuptools)
        wheel: Path | None = build_wheel(checkout.src, work / "wheel" / version)
    except (subprocess.CalledProcessError, ValueError) as exc:  # an old tree that cannot
        sys.stderr.write(f"edition {version}: no wheel in the zip ({exc})\n")
        wheel = None
    zipped = make_bundle(html_dir, version, label, work / "zip" / version, wheel)
    (html_dir / "downloads").mkdir(exist_ok=True)
    shutil.copy2(zipped, html_dir / "downloads" / zipped.name)
    settle(html_dir)


def _worktree(repo: Path, src: Path, commit: str) -> None:
    """Check ``commit`` out at ``src`` (a git worktree of ``repo``), replacing another commit."""
    if src.exists() and git(src, "rev-parse", "HEAD").strip() != commit:
        git(repo, "worktree", "remove", "--force", str(src))
    if not src.exists():
        src.parent.mkdir(parents=True, exist_ok=True)
        git(repo, "worktree", "prune")
        git(repo, "worktree", "add", "--detach", str(src), commit)


def build_edition(repo: Path, ed: Edition, work: Path, strict: bool = True) -> Built:
    """Build edition ``ed`` from its commit (a git worktree) into ``work``."""
    src = work / "src" / ed.version
    _worktree(repo, src, ed.commit)
    checkout = Checkout(ed.version, ed.date, src, _python_for(repo, src, ed.commit, work))
    out = work / "out" / ed.version
    html_dir = _jb_build(checkout.python, src, out, strict, ed.date, edition=ed.version)
    downloads(checkout, html_dir, repo=repo, work=work)
    label = f"Editie {ed.version}"
    return Built(ed.version, label, ed.date, html_dir, ed.commit, ed.banks, ed.summary)


def build_dev(repo: Path, strict: bool = True) -> Built:
    """Build this checkout as ontwikkeling (into ``_build/html``, as ``make book`` does)."""
    # The checkout builds where make book does, so make site after make book reuses its output.
    html_dir = _jb_build(Path(sys.executable), repo, repo, strict)
    head = git(repo, "rev-parse", "HEAD").strip()
    try:
        identity = read_site(html_dir)
    except ValueError:  # a site built without this book's extension (the test fixture)
        return Built(DEV, "In ontwikkeling", "", html_dir, head, bank_versions(repo))
    label = identity.name[:1].upper() + identity.name[1:]
    return Built(DEV, label, identity.details, html_dir, head, bank_versions(repo))


def build_site(repo: Path, out: Path, work: Path, *, dev: bool = True, strict: bool = True) -> dict:
    """Build every listed edition and (with ``dev``) the checkout; assemble them under ``out``."""
    editions = load(repo)
    built = [build_edition(repo, ed, work, strict) for ed in editions]
    if dev or not built:
        built.append(build_dev(repo, strict))
    # newest first, ontwikkeling first of all (it is ahead of every edition)
    built.sort(key=lambda b: (b.name != DEV, [-x for x in semver(b.name)] if b.name != DEV else []))
    if out.exists():
        shutil.rmtree(out)
    return assemble(built, out, repo)
