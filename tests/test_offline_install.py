"""A wheelhouse built with network installs and runs with none (LGWAN deployments)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("HINAGATA_TEST_WHEELHOUSE") != "1",
    reason="slow (builds all wheels); CI sets HINAGATA_TEST_WHEELHOUSE=1",
)


def test_wheelhouse_installs_without_network(tmp_path: Path) -> None:
    wh, venv = tmp_path / "wheelhouse", tmp_path / "venv"
    subprocess.run(
        ["bash", "scripts/wheelhouse.sh", "build", str(wh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert any(p.name.startswith("sudachidict_core") for p in wh.iterdir())
    cmd = ["bash", "scripts/wheelhouse.sh", "install", str(wh), str(venv)]
    if shutil.which("unshare") and os.geteuid() == 0:
        cmd = ["unshare", "-n", *cmd]  # a network namespace with no interfaces: truly offline
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    out = subprocess.run(
        [str(venv / "bin" / "hinagata"), "check", "-", "-s", "example-domestic-lgwan", "--json"],
        input="申請者 高橋健一 090-1234-5678".encode(),
        capture_output=True,
        check=True,
    )
    assert b'"verdict": "allow_masked"' in out.stdout
