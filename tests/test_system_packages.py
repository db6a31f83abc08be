"""scripts/system-packages.sh (make system): install what make test needs, or say the one line.

Run with a PATH of stand-ins, so nothing is installed: every package is missing, and ``id``,
``apt-get`` and ``sudo`` are small scripts that say what they were asked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages.sh"
ALL = "chromium poppler-utils npm git fonts-dejavu-core"


def _bin(tmp_path: Path, uid: int, sudo: bool) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "grep").symlink_to(shutil.which("grep"))
    log = tmp_path / "calls.txt"
    shims = {
        "id": f"echo {uid}",
        "fc-list": "exit 0",
        "python3": "exit 0",
        "apt-get": f'echo "apt-get $*" >> {log}',
    }
    if sudo:
        shims["sudo"] = f'[ "$1" = -n ] && shift; echo "sudo" >> {log}; "$@"'
    for name, body in shims.items():
        (folder / name).write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


def _run(folder: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(folder), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [shutil.which("bash"), str(SCRIPT)], env=env, capture_output=True, text=True, check=False
    )


def test_without_root_or_sudo_it_stops_with_the_line_to_run(tmp_path):
    done = _run(_bin(tmp_path, uid=1000, sudo=False))
    assert done.returncode == 1
    assert f"apt-get update && apt-get install -y {ALL}" in done.stderr
    assert not (tmp_path / "calls.txt").exists(), "nothing may be installed"


def test_as_root_it_installs_what_is_missing(tmp_path):
    done = _run(_bin(tmp_path, uid=0, sudo=False))
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls == ["apt-get update -qq", f"apt-get install -y -qq {ALL}"]


def test_with_sudo_it_installs_through_sudo(tmp_path):
    done = _run(_bin(tmp_path, uid=1000, sudo=True))
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "calls.txt").read_text(encoding="utf-8").splitlines()
    assert calls[-2:] == ["sudo", f"apt-get install -y -qq {ALL}"]
