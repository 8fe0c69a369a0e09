"""A real Redis server (Debian's redis-server) for the shared rate-limit tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from _gateway import free_port

REQUIRE_REDIS = os.environ.get("HINAGATA_REQUIRE_REDIS") == "1"


@contextmanager
def redis_server(tmp_path: Path) -> Iterator[str]:
    """Start a throwaway redis-server; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        if REQUIRE_REDIS:
            pytest.fail("redis-server is not installed but HINAGATA_REQUIRE_REDIS=1 (see .ci/run)")
        pytest.skip("redis-server not installed (apt-get install redis-server; .ci/run does)")
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
