"""Unit tests for the site helpers of the book's Sphinx room (wijkcoop.book.site)."""

from __future__ import annotations

from types import SimpleNamespace

from wijkcoop import citation
from wijkcoop.book import site


def _tree(tmp_path, text="a = 1\n"):
    (tmp_path / "wijkcoop").mkdir(parents=True, exist_ok=True)
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "wijkcoop" / "m.py").write_text(text)
    (tmp_path / "data" / "d.yaml").write_text("x: 1\n")
    return tmp_path


def test_inputs_digest_changes_with_package_or_data(tmp_path):
    root = _tree(tmp_path)
    first = site.inputs_digest(root)
    assert site.inputs_digest(root) == first
    (root / "data" / "d.yaml").write_text("x: 2\n")
    second = site.inputs_digest(root)
    assert second != first
    (root / "wijkcoop" / "new.py").write_text("")
    assert site.inputs_digest(root) != second


def test_changed_inputs_clear_cache_and_reread_everything(tmp_path):
    root = _tree(tmp_path / "src")
    build = tmp_path / "_build"
    (build / ".jupyter_cache").mkdir(parents=True)
    (build / site.INPUTS_STAMP).write_text("old-digest\n")
    app = SimpleNamespace(outdir=str(build / "html"), srcdir=str(root))
    site.check_inputs(app)
    assert app.wijkcoop_inputs_changed
    assert not (build / ".jupyter_cache").exists()
    env = SimpleNamespace(found_docs={"a", "b", "new"})
    assert site.outdated(app, env, {"new"}, set(), set()) == ["a", "b"]
    site.write_inputs_stamp(app, None)
    site.check_inputs(app)
    assert not app.wijkcoop_inputs_changed
    assert site.outdated(app, env, set(), set(), set()) == []


def test_failed_build_keeps_old_stamp(tmp_path):
    root = _tree(tmp_path / "src")
    build = tmp_path / "_build"
    build.mkdir()
    (build / site.INPUTS_STAMP).write_text("old-digest\n")
    app = SimpleNamespace(outdir=str(build / "html"), srcdir=str(root))
    site.check_inputs(app)
    site.write_inputs_stamp(app, RuntimeError("cell failed"))
    assert (build / site.INPUTS_STAMP).read_text() == "old-digest\n"


def test_build_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert citation.build_date() == "2023-11-14"


def test_thebe_scripts_are_recognised():
    body = SimpleNamespace(filename=None, attributes={"body": 'const THEBE_JS_URL = "x"'})
    file = SimpleNamespace(filename="sphinx-thebe.js", attributes={})
    other = SimpleNamespace(filename="doctools.js", attributes={})
    assert site.is_thebe_script(body)
    assert site.is_thebe_script(file)
    assert not site.is_thebe_script(other)


def test_translate_chrome_replaces_known_english_strings():
    html = '<a href="#main-content">Skip to main content</a><a title="Link to this heading">#</a>'
    out = site.translate_chrome(html)
    assert ">Naar de inhoud<" in out
    assert 'title="Link naar deze kop"' in out
    assert site.translate_chrome(out) == out


def test_root_redirect_gets_language_icon_and_link():
    bare = '<meta http-equiv="Refresh" content="0; url=book/index.html" />\n'
    full = site.complete_redirect(bare)
    assert '<html lang="nl">' in full
    assert 'rel="icon"' in full
    assert 'url=book/index.html"' in full
    assert '<a href="book/index.html">' in full
    assert site.complete_redirect(full) == full
    assert site.complete_redirect("<html>x</html>") == "<html>x</html>"
