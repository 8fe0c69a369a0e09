"""Scale-out on a shared platform (共同化): one gateway worker, two workers, and two
instances of one worker behind a round-robin balancer, side by side in one run, on
PostgreSQL and Redis, with four municipalities.

Processes on this machine: PostgreSQL (``scripts/pg-test-server.sh``; a fresh schema for
this run, dropped at the end), a throwaway ``redis-server`` (the shared rate limits), the
fast fake upstream, and three gateways on the same database and Redis — ``uvicorn
--workers 1``, ``uvicorn --workers 2``, and two ``--workers 1`` instances that the client
alternates between (what a round-robin load balancer does). Every gateway serves the
same four municipalities (例示市 and 例示町 from ``examples/policies``, two more made from
例示町's layer), with two API keys each; the client sends the masked 1,000-character chat
request of ``bench/gateway.py`` at a fixed rate, a new connection per request (a load
balancer such as nginx opens one per request by default; kept-alive connections would pin
the load to one worker), the keys taken in turn, alternating the targets in rounds so
that all see the same machine. Reported per target and rate: p50/p99 latency,
completed/sent, the statuses of the others, and the server CPU per request (user+system
time of the gateway's process tree from /proc over the load, divided by the requests it
answered; for two workers, each worker's share). The two cores here also run the load
generator, the upstream, PostgreSQL and Redis.

Then the checks a shared platform needs:

* **audit**: ``AuditLog.verify()`` over every chain, and each municipality's chain has as
  many decision records as requests were sent with its keys (none in the platform chain);
  ``hinagata audit verify`` prints its line per chain;
* **migrations on start**: every worker runs ``Database.migrate()`` when it starts. N
  processes migrate one fresh schema at the same instant (what N workers or instances do
  on a first start or after an upgrade); reported: how many succeeded, the errors, and the
  schema's revision afterwards; and how the two-worker gateway's own start on a fresh
  schema went (workers that died and were restarted by uvicorn);
* **metrics**: ``/metrics`` of the two-worker gateway scraped repeatedly: each scrape is
  answered by one worker, with that worker's counts only;
* **Redis**: how many rate-limit windows the run left in Redis (the limits were counted
  there): one per user, and one per department *name* — 福祉課 of four municipalities;
* **stopping**: what is left of each gateway's processes 5 s after its SIGTERM (the
  large-request worker process and its forkserver, when they outlive the gateway).

    .venv/bin/python bench/scale_out.py [--seconds 8] [--rounds 3] [--rates 20 40]
        [--migrate-procs 4] [--migrate-tries 3]

Needs PostgreSQL (Debian's, through ``scripts/pg-test-server.sh``, or ``--database-url``
of a database where the user may create a schema) and ``redis-server``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from _common import ROOT, write_result
from gateway import free_port, pct, prompt_of, rss_tree_kb, wait_up
from proxy_overhead import cpu_s

MUNICIPALITIES = {
    "例示市": ROOT / "examples" / "policies" / "example-city",
    "例示町": ROOT / "examples" / "policies" / "example-town",
    "例示村": None,  # made from 例示町's layer
    "例示北町": None,
}
_MADE_IDS = {"例示村": "example-village", "例示北町": "example-north-town"}
KEYS_PER_MUNICIPALITY = 2

#: Every request sent with a municipality's keys (warm-up and checks included).
SENT: Counter[str] = Counter()


# ---------------------------------------------------------------- the servers


def _pg_online() -> bool:
    """Whether a Debian PostgreSQL cluster is running now (before this script starts one)."""
    try:
        out = subprocess.run(
            ["pg_lsclusters", "-h"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return False
    return any(line.split()[3:4] == ["online"] for line in out.splitlines())


def _pg_stop() -> None:
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        version, cluster, _port, status = line.split()[:4]
        if status == "online":
            subprocess.run(["pg_ctlcluster", version, cluster, "stop"], check=False)


def _base_url(given: str) -> str:
    if given:
        return given
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "pg-test-server.sh")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def _schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def _schema(base: str, schema: str, *, drop: bool = False) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        if not drop:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()


def _redis(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        print("SKIP: redis-server not installed (apt-get install redis-server)", file=sys.stderr)
        raise SystemExit(0)
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


def _policies(tmp: Path) -> dict[str, Path]:
    """The four municipalities' layers: two from examples/policies, two made from 例示町's."""
    shared = ROOT / "examples" / "policies" / "shared-platform"
    town = (MUNICIPALITIES["例示町"] / "policy.yaml").read_text(encoding="utf-8")  # type: ignore[operator]
    out: dict[str, Path] = {}
    for name, path in MUNICIPALITIES.items():
        if path is not None:
            out[name] = path
            continue
        folder = tmp / "policies" / _MADE_IDS[name]
        folder.mkdir(parents=True)
        text = town.replace("example-town", _MADE_IDS[name]).replace("例示町", name)
        text = text.replace("extends: ../shared-platform", f"extends: {shared}")
        (folder / "policy.yaml").write_text(text, encoding="utf-8")
        out[name] = folder
    return out


def _config(tmp: Path, db_url: str, redis_url: str, up_port: int) -> Path:
    for key in ("audit.key", "conversation.key"):  # the same keys for every instance
        (tmp / key).write_text(secrets.token_hex(32), encoding="ascii")
        (tmp / key).chmod(0o600)
    lines = [
        f"database_url: '{db_url}'",
        f"secret_file: {tmp / 'audit.key'}",
        f"conversation_key_file: {tmp / 'conversation.key'}",
        f"redis_url: '{redis_url}'",
        # Counted in Redis on every request, never reached: the run measures, not refuses.
        "limits: {rate_per_minute_user: 1000000, rate_per_minute_department: 10000000}",
        "municipalities:",
        *(f"  - {{name: {n}, policy: '{p}'}}" for n, p in _policies(tmp).items()),
        "models:",
        "  - {name: bench, service: example-domestic-lgwan, upstream: "
        f"{{base_url: 'http://127.0.0.1:{up_port}/v1', model: m}}}}",
    ]
    path = tmp / "gateway.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _gateway(config: Path, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """A gateway in its own session (what it leaves behind when stopped can be found)."""
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "hinagata.server:app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--log-level", "info", "--no-access-log"],
        env={**os.environ, "HINAGATA_CONFIG": str(config)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        start_new_session=True,
    )  # fmt: skip


def _session(sid: int) -> list[int]:
    """The processes still in session ``sid`` (one this script started)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:
            out.append(int(stat.parent.name))
    return out


def _stop(gateways: dict[str, subprocess.Popen[bytes]]) -> dict[str, int]:
    """SIGTERM each gateway, wait, and count what is left of it (then end those)."""
    for p in gateways.values():
        if p.poll() is None:
            p.terminate()
    for p in gateways.values():
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
    time.sleep(5)
    left = {name: _session(p.pid) for name, p in gateways.items()}
    for pids in left.values():
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
    return {name: len(pids) for name, pids in left.items()}


def _workers(pid: int) -> list[int]:
    """uvicorn's worker processes under ``pid`` (none when it runs one worker itself)."""
    out: list[int] = []
    for f in Path(f"/proc/{pid}/task").glob("*/children"):
        for c in f.read_text().split():
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes():
                    out.append(int(c))
    return out


# ---------------------------------------------------------------- migrations


def _migrate_at(url: str, start_at: float, results: Any) -> None:
    from hinagata.store import Database

    db = Database(url)
    while time.time() < start_at:
        time.sleep(0.001)
    try:
        db.migrate()
        results.put("ok")
    except Exception as exc:  # reported, not raised: this is what is measured
        first = str(exc).splitlines()[0]
        m = re.search(r"\(([\w.]+)\)", first)
        results.put(f"{type(exc).__name__} ({m.group(1) if m else first[:80]})")
    finally:
        db.dispose()


def _migration_race(base: str, procs: int, tries: int) -> dict[str, Any]:
    """``procs`` processes migrate one fresh schema at the same instant, ``tries`` times."""
    from sqlalchemy import create_engine, text

    ctx = multiprocessing.get_context("spawn")
    outcomes: Counter[str] = Counter()
    revisions = set()
    for i in range(tries):
        schema = f"scale_out_mig_{os.getpid()}_{i}"
        _schema(base, schema)
        url = _schema_url(base, schema)
        q = ctx.Queue()
        start_at = time.time() + 4  # after every process has imported hinagata
        ps = [ctx.Process(target=_migrate_at, args=(url, start_at, q)) for _ in range(procs)]
        for p in ps:
            p.start()
        for p in ps:
            p.join(120)
        outcomes.update(q.get() for _ in ps)
        engine = create_engine(url)
        with engine.begin() as conn:
            revisions.update(
                conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
            )
        engine.dispose()
        _schema(base, schema, drop=True)
    return {
        "processes": procs,
        "tries": tries,
        "outcomes": dict(outcomes),
        "revision_after": sorted(revisions),
    }


# ---------------------------------------------------------------- the load


async def _load(
    urls: list[str], keys: list[tuple[str, str]], body: dict[str, Any], rate: float, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    # A new connection per request: spread over the workers as a balancer's would be.
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def one(url: str, municipality: str, token: str) -> None:
            SENT[municipality] += 1
            t0 = time.perf_counter()
            try:
                r = await client.post(url, json=body, headers={"authorization": f"Bearer {token}"})
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
                return
            if r.status_code == 200:
                latencies.append((time.perf_counter() - t0) * 1000)
            else:
                statuses[str(r.status_code)] += 1

        tasks = []
        n = int(rate * seconds)
        start = time.perf_counter()
        for i in range(n):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            # Each instance gets every key in turn (not every other one).
            municipality, token = keys[(i // len(urls)) % len(keys)]
            tasks.append(asyncio.create_task(one(urls[i % len(urls)], municipality, token)))
        await asyncio.gather(*tasks)
    return {"lat": latencies, "sent": n, "statuses": statuses}


def _measure(
    urls: list[str],
    pids: list[int],
    keys: list[tuple[str, str]],
    body: dict[str, Any],
    rate: float,
    seconds: float,
) -> dict[str, Any]:
    # The units whose shares are reported: each instance, or each worker of one.
    units = pids if len(pids) > 1 else _workers(pids[0])
    before = sum(cpu_s(p) for p in pids)
    before_w = {w: cpu_s(w) for w in units}
    out = asyncio.run(_load(urls, keys, body, rate, seconds))
    after = sum(cpu_s(p) for p in pids)
    out["cpu_s"] = after - before
    out["worker_cpu_s"] = [cpu_s(w) - b for w, b in before_w.items()]
    return out


def _metric_sum(text: str, name: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(name + "{") or line.startswith(name + " ")
    )


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8.0, help="per target, rate and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rates", type=float, nargs="+", default=[20.0, 40.0])
    ap.add_argument("--migrate-procs", type=int, default=4)
    ap.add_argument("--migrate-tries", type=int, default=3)
    ap.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL where a schema may be created (default: scripts/pg-test-server.sh)",
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    pg_was_online = _pg_online()
    base = _base_url(args.database_url)
    if not base.startswith("postgresql"):
        raise SystemExit("this benchmark needs PostgreSQL")
    schema = f"scale_out_{os.getpid()}"
    _schema(base, schema)
    db_url = _schema_url(base, schema)
    redis_proc, redis_url = _redis(tmp)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        up_port = free_port()
        procs.append(
            subprocess.Popen(
                [sys.executable, str(ROOT / "bench" / "_fake_upstream.py"), str(up_port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        cfg = _config(tmp, db_url, redis_url, up_port)
        ports = {k: free_port() for k in ("one", "two", "inst_a", "inst_b")}

        # The two-worker gateway first, alone, on the fresh schema: both workers migrate.
        t0 = time.perf_counter()
        two_log = tmp / "two-workers.log"
        two = _gateway(cfg, ports["two"], 2, two_log)
        procs.append(two)
        wait_up(f"http://127.0.0.1:{up_port}/last")
        wait_up(f"http://127.0.0.1:{ports['two']}/healthz")
        while two_log.read_text("utf-8", "replace").count("Application startup complete") < 2:
            if time.perf_counter() - t0 > 180:
                break
            time.sleep(0.2)
        log_text = two_log.read_text("utf-8", "replace")
        fresh_start = {
            "workers": 2,
            "worker_died": log_text.count("died"),
            "migration_error_in_log": "UniqueViolation" in log_text or "DuplicateTable" in log_text,
            "workers_started": log_text.count("Application startup complete"),
            "seconds_until_both_up": round(time.perf_counter() - t0, 1),
        }  # fmt: skip
        one = _gateway(cfg, ports["one"], 1, tmp / "one-worker.log")
        inst_a = _gateway(cfg, ports["inst_a"], 1, tmp / "instance-a.log")
        inst_b = _gateway(cfg, ports["inst_b"], 1, tmp / "instance-b.log")
        procs += [one, inst_a, inst_b]
        gateways = {"1 worker": one, "2 workers": two, "instance a": inst_a, "instance b": inst_b}
        for name in ("one", "inst_a", "inst_b"):
            wait_up(f"http://127.0.0.1:{ports[name]}/healthz")

        from hinagata.config import load_config
        from hinagata.store import AuditLog, Database, Keys

        conf = load_config(cfg)
        db = Database(conf.database())
        keys: list[tuple[str, str]] = []
        for i in range(KEYS_PER_MUNICIPALITY):
            for m in MUNICIPALITIES:
                token = Keys(db).create(
                    user=f"{_MADE_IDS.get(m, m)}-{i}",
                    department="福祉課",
                    municipality=m,
                    trained=True,
                )[0]
                keys.append((m, token))

        body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
        url = {k: f"http://127.0.0.1:{p}/v1/chat/completions" for k, p in ports.items()}
        verdicts = {}
        for m, token in keys[: len(MUNICIPALITIES)]:
            SENT[m] += 1
            r = httpx.post(
                url["two"], json=body, headers={"authorization": f"Bearer {token}"}, timeout=30
            )
            verdicts[m] = r.headers.get("x-hinagata-verdict") or f"HTTP {r.status_code}"
        assert all(v == "allow_masked" for v in verdicts.values()), verdicts

        targets: dict[str, tuple[list[str], list[int]]] = {
            "1 worker": ([url["one"]], [one.pid]),
            "2 workers": ([url["two"]], [two.pid]),
            "2 instances x 1 worker": ([url["inst_a"], url["inst_b"]], [inst_a.pid, inst_b.pid]),
        }
        for urls, _ in targets.values():  # warm-up
            asyncio.run(_load(urls, keys, body, 10, 2))
        rss_kb = {name: sum(rss_tree_kb(p) for p in pids) for name, (_, pids) in targets.items()}

        by_rate: dict[str, Any] = {}
        names = list(targets)
        for rate in args.rates:
            runs: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
            for r in range(args.rounds):
                for name in names[r % len(names) :] + names[: r % len(names)]:
                    urls, pids = targets[name]
                    runs[name].append(_measure(urls, pids, keys, body, rate, args.seconds))
            summary: dict[str, Any] = {}
            for name, rs in runs.items():
                lat = [x for run in rs for x in run["lat"]]
                done = len(lat)
                cpu = sum(run["cpu_s"] for run in rs)
                statuses: Counter[str] = Counter()
                for run in rs:
                    statuses.update(run["statuses"])
                s: dict[str, Any] = {
                    "completed": done,
                    "sent": sum(run["sent"] for run in rs),
                    "p50_ms": round(pct(lat, 0.5), 1) if lat else None,
                    "p99_ms": round(pct(lat, 0.99), 1) if lat else None,
                    "cpu_ms_per_request": round(cpu * 1000 / done, 2) if done else None,
                    "not_200": dict(statuses),
                }
                worker_cpu = [
                    sum(w) for w in zip(*(run["worker_cpu_s"] for run in rs), strict=True)
                ]
                if len(worker_cpu) > 1 and sum(worker_cpu) > 0:
                    s["cpu_share"] = [round(w / sum(worker_cpu), 2) for w in worker_cpu]
                summary[name] = s
            base_s = summary["1 worker"]
            for name in names[1:]:
                s = summary[name]
                if base_s["p50_ms"] and s["p50_ms"]:
                    s["p50_vs_1_worker"] = round(s["p50_ms"] / base_s["p50_ms"], 2)
                    s["p99_vs_1_worker"] = round(s["p99_ms"] / base_s["p99_ms"], 2)
                if base_s["cpu_ms_per_request"] and s["cpu_ms_per_request"]:
                    s["cpu_vs_1_worker"] = round(
                        s["cpu_ms_per_request"] / base_s["cpu_ms_per_request"], 2
                    )
            by_rate[f"{rate:g}_per_s"] = summary
            print(f"{rate:g}/s", flush=True)
            for name, s in summary.items():
                print(f"  {name}: {s}", flush=True)

        # /metrics of the two-worker gateway: which worker answers is the kernel's choice.
        scrapes = []
        for _ in range(12):
            text = httpx.get(
                f"http://127.0.0.1:{ports['two']}/metrics", headers={"connection": "close"}
            ).text
            scrapes.append(int(_metric_sum(text, "hinagata_requests_total")))
        metrics = {
            "requests_answered_by_2_workers": sum(
                s["2 workers"]["completed"] for s in by_rate.values()
            ),
            "hinagata_requests_total_per_scrape": scrapes,
            "distinct_values": sorted(set(scrapes)),
        }

        import redis

        rclient = redis.Redis.from_url(redis_url)
        redis_keys = {
            "user_windows": len(list(rclient.scan_iter("hinagata:rl:u:*"))),
            "department_windows": len(list(rclient.scan_iter("hinagata:rl:d:*"))),
            "users": len(keys),
            "departments": "福祉課 in each of the 4 municipalities",
        }
        rclient.close()

        # Every write is in before the audit is read.
        left_after_sigterm = _stop(gateways)
        audit = AuditLog(db, conf.secret())
        t_verify = time.perf_counter()
        v = audit.verify()
        verify_s = time.perf_counter() - t_verify
        from sqlalchemy import text as sql

        with db.read_conn() as conn:
            decisions = dict(
                conn.execute(
                    sql(
                        "SELECT chain, count(*) FROM audit_records "
                        "WHERE kind = 'decision' GROUP BY chain"
                    )
                ).all()
            )
        cli = subprocess.run(
            [
                str(Path(sys.executable).parent / "hinagata"),
                "audit",
                "verify",
                "--config",
                str(cfg),
            ],
            capture_output=True,
            text=True,
        )
        db.dispose()
        chains = {c.chain or "(platform)": {"ok": c.ok, "records": c.checked} for c in v.chains}
        audit_result = {
            "verify_ok": v.ok,
            "records_checked": v.checked,
            "verify_seconds": round(verify_s, 2),
            "chains": chains,
            "decisions_per_chain": {k or "(platform)": n for k, n in decisions.items()},
            "sent_per_municipality": dict(SENT),
            "every_chain_has_a_decision_per_request": all(
                decisions.get(m) == n for m, n in SENT.items()
            )
            and set(decisions) == set(SENT),
            "cli_exit": cli.returncode,
            "cli_output": cli.stdout.strip().splitlines(),
        }
        migration = _migration_race(base, args.migrate_procs, args.migrate_tries)
        result = {
            "prompt_chars": len(body["messages"][0]["content"]),
            "municipalities": list(MUNICIPALITIES),
            "keys": len(keys),
            "verdicts": verdicts,
            "database": "postgresql",
            "rate_limits": "redis",
            "seconds_per_target_rate_round": args.seconds,
            "rounds": args.rounds,
            "cpus": os.cpu_count(),
            "note": "the 2 cores also run the load generator, the upstream, PostgreSQL and "
            "Redis, and the machine was shared with other work",
            "rss_kb_after_warmup": rss_kb,
            "by_rate": by_rate,
            "audit": audit_result,
            "fresh_schema_start_2_workers": fresh_start,
            "concurrent_migrate": migration,
            "metrics_2_workers": metrics,
            "redis_rate_limit_windows": redis_keys,
            "processes_left_after_sigterm": left_after_sigterm,
        }
        print("audit", {k: v for k, v in audit_result.items() if k != "cli_output"})
        print("\n".join("  " + line for line in audit_result["cli_output"]))
        print("fresh schema, 2 workers:", fresh_start)
        print("concurrent migrate:", migration)
        print("metrics (2 workers):", metrics)
        print("redis rate-limit windows:", redis_keys)
        print("processes left 5 s after SIGTERM:", left_after_sigterm)
        print("memory after warm-up (kB):", rss_kb)
        print("note: the 2 cores also run the load generator, the upstream, PostgreSQL and Redis")
        write_result(
            "scale_out",
            {
                "command": f"bench/scale_out.py --seconds {args.seconds:g} --rounds {args.rounds} "
                f"--rates {' '.join(f'{r:g}' for r in args.rates)} "
                f"--migrate-procs {args.migrate_procs} --migrate-tries {args.migrate_tries}",
                "results": result,
            },
        )
    finally:
        _stop({str(i): p for i, p in enumerate(procs)})  # gateways each in their session
        redis_proc.terminate()
        redis_proc.wait(10)
        try:
            _schema(base, schema, drop=True)
        finally:
            if not pg_was_online and not args.database_url:
                _pg_stop()  # this run started it
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
