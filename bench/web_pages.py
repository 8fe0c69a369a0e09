"""Server time of the web application's pages with 100,000 audit records, beside the same
pages on an empty database and a trivial endpoint (/healthz), in the same run.

Records are generated (invented users, departments, verdicts and clauses over 90 days) and
inserted in bulk with SQLAlchemy Core, with the searchable columns and clause rows the
audit log writes: the chain's hashes are not computed (the pages do not verify it). One uvicorn worker, SQLite, this machine; each page fetched 30 times after
a warm-up, p50 and p95 of the client-measured time on localhost.

    .venv/bin/python bench/web_pages.py [--records 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _common import write_result
from gateway import free_port, wait_up

PASSWORD = "correct-horse-battery-staple"
PAGES = [
    "/healthz",
    "/",
    "/check",
    "/admin?days=30",
    "/admin?days=365",
    "/admin/audit?days=30",
    "/admin/audit?days=90&verdict=deny&department=福祉課",
    "/usecases",
    "/catalog",
]


def _fill(db_url: str, n: int) -> None:
    from sqlalchemy import insert

    from hinagata.store import Database
    from hinagata.store._models import AuditClause, AuditRecord

    db = Database(db_url)
    db.migrate()
    rnd = random.Random(7)
    depts = ["福祉課", "市民課", "税務課", "子育て支援課", "防災課", "総務課", "議会事務局",
             "教育委員会", "健康推進課", "都市計画課", "環境課", "情報政策課"]  # fmt: skip
    verdicts = ["allow"] * 60 + ["allow_masked"] * 25 + ["review"] * 5 + ["deny"] * 10
    clause_sets = {"allow": [], "allow_masked": ["4.1", "4.2"], "review": ["4.2", "10.1"],
                   "deny": ["4.2", "4.4", "4.7"]}  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    rows = []
    cited = []
    for i in range(n):
        v = rnd.choice(verdicts)
        rows.append({
            "seq": i + 1, "ts": now - dt.timedelta(seconds=rnd.randint(0, 90 * 86400)),
            "kind": "decision", "request_id": f"req_{i:020d}", "prev_hash": "0" * 64,
            "hash": f"{i:064x}",
            "data": {"endpoint": "chat", "user": f"user{rnd.randint(1, 400)}",
                     "department": rnd.choice(depts), "municipality": "", "model": "demo",
                     "service": "example-domestic-lgwan", "verdict": v, "class": "2",
                     "findings": {"PERSON_NAME": 1} if v != "allow" else {},
                     "clauses": rnd.sample(clause_sets[v], k=len(clause_sets[v])),
                     "reasons": [], "grants": []},
        })  # fmt: skip
        r = rows[-1]
        r.update(municipality="", department=r["data"]["department"], verdict=v,
                 user_login=r["data"]["user"])  # fmt: skip
        cited += [{"seq": i + 1, "ts": r["ts"], "municipality": "",
                   "department": r["department"], "clause": c} for c in r["data"]["clauses"]]  # fmt: skip
    t, c = AuditRecord.__table__, AuditClause.__table__
    with db.write_conn() as conn:
        for k in range(0, len(rows), 5000):
            conn.execute(insert(t), rows[k : k + 5000])
        for k in range(0, len(cited), 5000):
            conn.execute(insert(c), cited[k : k + 5000])
    db.dispose()


def _measure(base: str) -> dict[str, dict[str, float]]:
    c = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    page = c.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    c.post("/login", data={"login": "caio", "password": PASSWORD, "login_csrf": token})
    out = {}
    # The very first dashboard view rolls up every finished day (once, then never again).
    t0 = time.perf_counter()
    assert c.get("/admin?days=30").status_code == 200
    out["first /admin (rolls up 90 days)"] = {
        "p50": round((time.perf_counter() - t0) * 1000, 1),
        "p95": 0.0,
    }
    for path in PAGES:
        for _ in range(3):
            c.get(path)
        times = []
        for _ in range(30):
            t0 = time.perf_counter()
            r = c.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, (path, r.status_code)
        times.sort()
        out[path] = {
            "p50": round(statistics.median(times), 1),
            "p95": round(times[int(0.95 * len(times)) - 1], 1),
        }
    return out


def _server(tmp: Path, db_url: str) -> tuple[subprocess.Popen[bytes], str]:
    from hinagata.store import Accounts, Database

    db = Database(db_url)
    db.migrate()
    Accounts(db).create(login="caio", password=PASSWORD, roles=["admin"], department="情報政策課",
                        trained=True)  # fmt: skip
    db.dispose()
    cfg = tmp / f"{abs(hash(db_url))}.yaml"
    cfg.write_text(
        f"database_url: '{db_url}'\nsecret_file: {tmp / 'k'}\ncreate_secret: true\n"
        "models:\n  - {name: demo, service: example-domestic-lgwan, upstream: {demo: true}}\n",
        encoding="utf-8",
    )
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "hinagata.server:app", "--factory",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env={**os.environ, "HINAGATA_CONFIG": str(cfg)},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_up(base + "/healthz")
    return proc, base


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    full_url, empty_url = f"sqlite:///{tmp / 'full.db'}", f"sqlite:///{tmp / 'empty.db'}"
    t0 = time.perf_counter()
    _fill(full_url, args.records)
    print(f"generated {args.records:,} records in {time.perf_counter() - t0:.1f} s")
    results = {}
    for name, url in (("empty", empty_url), (f"{args.records}_records", full_url)):
        proc, base = _server(tmp, url)
        try:
            results[name] = _measure(base)
        finally:
            proc.terminate()
            proc.wait(10)
    for path in ["first /admin (rolls up 90 days)", *PAGES]:
        row = " | ".join(
            f"{n}: p50 {r[path]['p50']} p95 {r[path]['p95']}" for n, r in results.items()
        )
        print(f"{path:55s} {row}")
    write_result("web_pages", {"command": f"bench/web_pages.py --records {args.records}",
                               "results": results})  # fmt: skip


if __name__ == "__main__":
    main()
