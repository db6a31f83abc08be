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
import shutil
import subprocess
import sys
from pathlib import Path

from wijkcoop.publish import pdf
from wijkcoop.publish.assemble import Built, assemble
from wijkcoop.publish.bundle import make_bundle
from wijkcoop.publish.catalogue import DEV, Edition, bank_versions, load, semver
from wijkcoop.publish.git import git


def _python_for(repo: Path, src: Path, commit: str, work: Path) -> Path:
    """The Python whose jupyter-book builds ``commit``: this one when the lock is equal."""
    current = (repo / "requirements.txt").read_text(encoding="utf-8")
    theirs = git(repo, "show", f"{commit}:requirements.txt")
    if theirs == current:
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


def _jb_build(python: Path, src: Path, out: Path, strict: bool, datum: str = "") -> Path:
    jb = python.parent / "jupyter-book"
    cmd = [str(jb), "build", str(src), "--path-output", str(out)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = dict(os.environ, PYTHONPATH=str(src))
    if datum:  # the edition names its release date, not the day it was rebuilt
        day = dt.datetime.fromisoformat(datum).replace(tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
    html_dir = out / "_build" / "html"
    if done.returncode != 0 or not (html_dir / "index.html").exists():
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise RuntimeError(f"building {src} failed (exit {done.returncode})")
    return html_dir


def _pdf_module(src: Path) -> str | None:
    """The module that makes the PDF in the sources ``src`` of an edition, or None.

    It moved from ``wijkcoop/pdf.py`` (edition 1.0.0) to ``wijkcoop/publish/pdf.py``.
    """
    for module in ("wijkcoop.publish.pdf", "wijkcoop.pdf"):
        if (src / (module.replace(".", "/") + ".py")).exists():
            return module
    return None


def downloads(
    repo: Path, python: Path, src: Path, html_dir: Path, version: str, datum: str, work: Path
) -> None:
    """Put the edition's PDF and zip in its ``downloads/``, where ``{bundel}`` links them.

    The PDF is made by the edition's own PDF module (:func:`_pdf_module`; editions from before
    it existed have none) with the Paged.js that ``make site`` installed; it is made again only
    when a page of the edition is newer than it. The zip (which carries the PDF) is made every time.
    """
    polyfill = repo / pdf.PAGED_POLYFILL
    target = html_dir / "downloads" / pdf.PDF_NAME.format(version=version)
    newest_page = max(p.stat().st_mtime for p in html_dir.rglob("*.html"))
    fresh = target.exists() and target.stat().st_mtime >= newest_page
    module = _pdf_module(src)
    if module and polyfill.exists() and not fresh:
        cmd = [str(python), "-m", module, "--site", str(html_dir)]
        cmd += ["--toc", str(src / "_toc.yml"), "--work", str(work / "pdf" / version)]
        cmd += ["--polyfill", str(polyfill)]
        env = dict(os.environ, PYTHONPATH=str(src))
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise RuntimeError(f"the PDF of edition {version} failed (exit {done.returncode})")
    zipped = make_bundle(html_dir, version, datum, work / "zip" / version)
    (html_dir / "downloads").mkdir(exist_ok=True)
    shutil.copy2(zipped, html_dir / "downloads" / zipped.name)


def build_edition(repo: Path, ed: Edition, work: Path, strict: bool = True) -> Built:
    """Build edition ``ed`` from its commit (a git worktree) into ``work``."""
    src = work / "src" / ed.version
    if src.exists() and git(src, "rev-parse", "HEAD").strip() != ed.commit:
        git(repo, "worktree", "remove", "--force", str(src))
    if not src.exists():
        src.parent.mkdir(parents=True, exist_ok=True)
        git(repo, "worktree", "prune")
        git(repo, "worktree", "add", "--detach", str(src), ed.commit)
    python = _python_for(repo, src, ed.commit, work)
    html_dir = _jb_build(python, src, work / "out" / ed.version, strict, ed.datum)
    downloads(repo, python, src, html_dir, ed.version, ed.datum, work)
    return Built(
        ed.version,
        f"Editie {ed.version}",
        ed.datum,
        html_dir,
        ed.commit,
        ed.banken,
        ed.samenvatting,
    )


def build_dev(repo: Path, work: Path, strict: bool = True) -> Built:
    """Build this checkout as ontwikkeling (into ``_build/html``, as ``make book`` does)."""
    # The checkout builds where make book does, so make site after make book reuses its output.
    html_dir = _jb_build(Path(sys.executable), repo, repo, strict)
    head = git(repo, "rev-parse", "HEAD").strip()
    return Built(DEV, "In ontwikkeling", "", html_dir, head, bank_versions(repo))


def build_site(repo: Path, out: Path, work: Path, *, dev: bool = True, strict: bool = True) -> dict:
    """Build every listed edition and (with ``dev``) the checkout; assemble them under ``out``."""
    editions = load(repo)
    built = [build_edition(repo, ed, work, strict) for ed in editions]
    if dev or not built:
        built.append(build_dev(repo, work, strict))
    # newest first, ontwikkeling first of all (it is ahead of every edition)
    built.sort(key=lambda b: (b.name != DEV, [-x for x in semver(b.name)] if b.name != DEV else []))
    if out.exists():
        shutil.rmtree(out)
    return assemble(built, out, repo)
