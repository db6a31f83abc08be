"""Build the scan's front end from its ES-module sources (a tiny bundler, no npm).

The source is ``wijkcoop/websrc/scan/*.js``: small ES modules that import each other by
relative path (``import { a } from "./core.js";``). This module concatenates them, in the order
of :data:`ORDER`, into two files in ``wijkcoop/web/`` (the book's static files and the
package's data):

* ``scan.js`` -- one ES module: the ``_esm`` of :class:`wijkcoop.scan.ScanWidget` (anywidget
  loads one module) and what notebook pages hand to ``anywidget-static.js``;
* ``scan.classic.js`` -- the same code as a classic script (an IIFE that sets the global
  ``WijkcoopScan``), for book pages: Chromium refuses ``<script type="module">`` on a
  ``file://`` page, so the book opened from a USB stick needs a classic script.

Both outputs are committed (a wheel and a fresh clone need them without a build step) and
``tests/test_webbuild.py`` fails when they differ from what this module builds. After editing
a source file run ``make js`` (``python -m wijkcoop.publish.webbuild``).

The built files leave out the sources' comment lines (a line that is only a ``//`` comment, or
a ``/* ... */`` block that starts and ends a line): the book page downloads the script, and the
comments were a fifth of it over the wire (issue 23). Read the sources for them.

Rules the sources follow (checked here, a clear error otherwise): imports only from sibling
modules, one per line; exports only as ``export function|async function|const|let|class name``
and one ``export default`` in the last module; top-level names unique over all modules (they
share one scope once concatenated).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE = PACKAGE / "websrc" / "scan"
WEB = PACKAGE / "web"
#: Dependency order: a module comes after every module it imports.
ORDER = (
    "core.js",
    "dutch.js",
    "dom.js",
    "gap.js",
    "code.js",
    "charts.js",
    "store.js",
    "form.js",
    "results.js",
    "tools.js",
    "actieplan.js",
    "codebox.js",
    "main.js",
)
GLOBAL = "WijkcoopScan"
ESM_NAME = "scan.js"
CLASSIC_NAME = "scan.classic.js"
#: The group page (book/leernetwerk/groepsbeeld.md): the same engine modules plus its own,
#: built only as a classic script (it runs on a book page, also from file://).
GROUP_ORDER = (
    "core.js",
    "dutch.js",
    "dom.js",
    "code.js",
    "actieplan.js",
    "groep.js",
    "groepview.js",
)
GROUP_GLOBAL = "WijkcoopGroep"
GROUP_NAME = "groep.classic.js"

_IMPORT = re.compile(r'^import \{([^}]*)\} from "\./([a-z-]+\.js)";\s*$')
_EXPORT = re.compile(r"^export (async function|function|const|let|class) ([A-Za-z_$][\w$]*)")
_DEFAULT = re.compile(r"^export default (.+);\s*$")
_TOP = re.compile(r"^(?:export )?(?:async function|function|const|let|class) ([A-Za-z_$][\w$]*)")


class BundleError(ValueError):
    """A source module breaks one of the rules above."""


@dataclass
class Module:
    """One source module, read: its lines without imports, what it imports and exports."""

    name: str
    body: list[str]  # lines without the imports
    imports: dict[str, list[str]]  # module -> names
    exports: list[str]
    default: str | None


def _read(name: str, source: Path) -> Module:
    path = source / name
    body: list[str] = []
    imports: dict[str, list[str]] = {}
    exports: list[str] = []
    default = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if line.startswith("import"):
            m = _IMPORT.match(line)
            if not m:
                raise BundleError(f"{where}: only 'import {{ ... }} from \"./x.js\";' on one line")
            imports[m[2]] = [x.strip() for x in m[1].split(",") if x.strip()]
            continue
        if line.startswith("export"):
            if m := _EXPORT.match(line):
                exports.append(m[2])
            elif m := _DEFAULT.match(line):
                default = m[1]
            else:
                raise BundleError(f"{where}: unsupported export form: {line.strip()}")
        body.append(line)
    return Module(name, _without_comments(body), imports, exports, default)


def _without_comments(lines: list[str]) -> list[str]:
    """``lines`` without comment-only lines: ``// ...`` and ``/* ... */`` blocks of whole lines.

    Safe line by line because no source string or template literal spans lines: a line that
    starts with ``//`` or ``/*`` is a comment. A block whose closing line goes on after the
    ``*/`` is kept whole.
    """
    out: list[str] = []
    block: list[str] | None = None
    for line in lines:
        text = line.strip()
        if block is not None:
            block.append(line)
            if "*/" in text:
                if not text.endswith("*/"):
                    out.extend(block)
                block = None
            continue
        if text.startswith("//"):
            continue
        if text.startswith("/*"):
            if "*/" not in text[2:]:
                block = [line]
            elif not text.endswith("*/"):
                out.append(line)
            continue
        out.append(line)
    if block is not None:
        out.extend(block)
    return out


def _check(modules: list[Module]) -> None:
    seen: dict[str, str] = {}
    exported = {m.name: set(m.exports) for m in modules}
    done: set[str] = set()
    for m in modules:
        for dep, names in m.imports.items():
            if dep not in done:
                raise BundleError(f"{m.name} imports {dep}, which is not before it in ORDER")
            missing = [x for x in names if x not in exported[dep]]
            if missing:
                raise BundleError(f"{m.name} imports {missing} that {dep} does not export")
        for line in m.body:
            if t := _TOP.match(line):
                if t[1] in seen:
                    raise BundleError(f"top-level name {t[1]!r} in {m.name} and {seen[t[1]]}")
                seen[t[1]] = m.name
        if m.default is not None and m is not modules[-1]:
            raise BundleError(f"{m.name}: only the last module may have 'export default'")
        done.add(m.name)


def _header(kind: str) -> str:
    return (
        f"// GENERATED by wijkcoop/publish/webbuild.py ({kind}) from wijkcoop/websrc/scan/*.js:\n"
        "// do not edit; edit the sources and run `make js`.\n"
    )


def build(
    source: Path = SOURCE, order: tuple[str, ...] = ORDER, global_name: str = GLOBAL
) -> dict[str, str]:
    """Return ``{file name: text}`` of the ES module and the classic script."""
    modules = [_read(name, source) for name in order]
    _check(modules)
    esm = [_header("ES module")]
    classic = [
        _header(f"classic script, global {global_name}"),
        "(function (global) {",
        '"use strict";',
    ]
    names: list[str] = []
    for m in modules:
        esm.append(f"// ---- {m.name} " + "-" * (90 - len(m.name)))
        esm.extend(m.body)
        classic.append(f"// ---- {m.name} " + "-" * (90 - len(m.name)))
        for line in m.body:
            if found := _DEFAULT.match(line):
                classic.append(f"const __default = {found[1]};")
            elif _EXPORT.match(line):
                classic.append(line[len("export ") :])
            else:
                classic.append(line)
        names.extend(m.exports)
    members = ", ".join(names)
    default = ", default: __default" if modules[-1].default else ""
    classic.append(f"global.{global_name} = Object.freeze({{ {members}{default} }});")
    classic.append('})(typeof window !== "undefined" ? window : globalThis);')
    return {ESM_NAME: "\n".join(esm) + "\n", CLASSIC_NAME: "\n".join(classic) + "\n"}


def build_all() -> dict[str, str]:
    """Every built file: the scan (ES module and classic script) and the group page's script."""
    group = build(SOURCE, GROUP_ORDER, GROUP_GLOBAL)[CLASSIC_NAME]
    return {**build(), GROUP_NAME: group}


def stale(out: Path = WEB) -> list[str]:
    """The built files in ``out`` that differ from a fresh build (empty: all up to date)."""
    return [
        name
        for name, text in build_all().items()
        if not (out / name).exists() or (out / name).read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """Write the built files (``make js``), or with ``--check`` only report stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the built files are stale")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale()
        for name in bad:
            print(f"wijkcoop/web/{name} is stale: run `make js`", file=sys.stderr)
        return 1 if bad else 0
    for name, text in build_all().items():
        (WEB / name).write_text(text, encoding="utf-8")
        print(f"wrote wijkcoop/web/{name} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
