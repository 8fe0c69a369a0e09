"""Several workers and instances at once (docs/scale-out.md): they migrate one database,
create one key, and count each municipality's limits apart."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import httpx
import pytest

from _db import database_url
from _gateway import running_gateway
from hinagata.config import ServerConfig
from hinagata.gateway._limits import RateLimiter
from hinagata.store import Database


def _secret(folder: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    cfg = ServerConfig(
        database_url="sqlite:///x.db",
        secret_file="keys/audit.key",
        create_secret=True,
        models=[{"name": "m", "service": "s", "upstream": {"demo": True}}],  # type: ignore[list-item]
        base_dir=folder,
    )
    queue.put(cfg.secret())


def test_workers_starting_at_once_share_one_key(tmp_path: Path) -> None:
    """Each creates the key file if absent: exactly one writes it, all read the same key
    (a second key would make the first worker's audit records look altered)."""
    ctx = mp.get_context("spawn")
    for attempt in range(3):
        folder = tmp_path / str(attempt)
        queue = ctx.Queue()
        procs = [ctx.Process(target=_secret, args=(str(folder), queue)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        keys = {queue.get(timeout=10) for _ in procs}
        assert len(keys) == 1
        key_file = folder / "keys" / "audit.key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        assert [p.name for p in key_file.parent.iterdir()] == ["audit.key"]  # no leftovers


def _migrate(url: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    try:
        Database(url).migrate()
        queue.put("ok")
    except Exception as exc:  # reported to the test
        queue.put(f"{type(exc).__name__}: {exc}"[:300])


def test_instances_migrating_one_postgresql_at_once_all_start(tmp_path: Path) -> None:
    """Every worker migrates on start: on a fresh PostgreSQL schema four at once all
    succeed (one migrates, the others wait on its lock and find nothing to do)."""
    for url in database_url("postgresql", tmp_path):
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        procs = [ctx.Process(target=_migrate, args=(url, queue)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert sorted(queue.get(timeout=10) for _ in procs) == ["ok"] * 4


def test_a_department_limit_is_counted_per_municipality(tmp_path: Path) -> None:
    """福祉課 of one city and 福祉課 of another are two departments, two windows."""
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as gw:
        gw.gateway.pipeline.limiter = RateLimiter(per_user=0, per_department=2)
        body = {"model": "wg", "messages": [{"role": "user", "content": "窓口の案内文を作って"}]}

        def post(key: str) -> int:
            return httpx.post(
                gw.base_url + "/v1/chat/completions",
                json=body,
                headers={"authorization": f"Bearer {key}"},
                timeout=30,
            ).status_code

        a = [gw.key(user=f"a{i}", department="福祉課", municipality="例示市") for i in range(3)]
        b = gw.key(user="b", department="福祉課", municipality="例示町")
        assert [post(k) for k in a] == [200, 200, 429]
        assert post(b) == 200  # the other town's 福祉課 has its own window


@pytest.mark.parametrize("n", [1])
def test_the_large_request_pool_leaves_no_process_behind(n: int) -> None:
    """Closing the gateway's worker pool waits for its process to end."""
    from hinagata.gateway._analyse import LargeRequestPool

    pool = LargeRequestPool(workers=n)
    pool.start()
    executor = pool._executor()
    executor.submit(pow, 2, 8).result(timeout=60)
    processes = list(executor._processes.values())  # type: ignore[attr-defined]
    pool.close()
    assert processes and all(not p.is_alive() for p in processes)
