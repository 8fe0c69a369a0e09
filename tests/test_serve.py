"""``hinagata serve`` as users run it: a real uvicorn with several worker processes.

The audit chain must stay intact when workers write at the same time (writes are
serialised through the database), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from _db import BACKENDS, database_url
from _gateway import free_port
from _web import csrf_at, post_sign_in

HINAGATA = str(Path(sys.executable).parent / "hinagata")
PROMPT = "相談者 高橋 健一（090-1234-5678）への連絡文を作って"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HINAGATA, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _config(tmp_path: Path, db_url: str, extra: str = "") -> Path:
    cfg = tmp_path / "gateway.yaml"
    cfg.write_text(
        f"""\
database_url: "{db_url}"
secret_file: {tmp_path / "audit.key"}
create_secret: true
limits: {{rate_per_minute_user: 0, rate_per_minute_department: 0}}
models:
  - {{name: demo, service: example-domestic-lgwan, upstream: {{demo: true}}}}
{extra}""",
        encoding="utf-8",
    )
    return cfg


def _wait_up(proc: subprocess.Popen[str], base: str, headers: dict[str, str] | None = None) -> None:
    """Until ``hinagata serve`` answers its health check (fails if it exits or is slow)."""
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if httpx.get(base + "/healthz", headers=headers, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}")
        time.sleep(0.2)
    pytest.fail("the gateway did not start in time")


@pytest.fixture(params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    for url in database_url(request.param, tmp_path):
        cfg = _config(tmp_path, url)
        port = free_port()
        proc = subprocess.Popen(
            [HINAGATA, "serve", "--config", str(cfg), "--port", str(port), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(proc, base)
            yield base, cfg
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_several_workers_keep_one_intact_audit_chain(served: tuple[str, Path]) -> None:
    base, cfg = served
    created = _cli(
        "keys",
        "create",
        "--config",
        str(cfg),
        "--user",
        "u1",
        "--department",
        "市民課",
        "--trained",
    )
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    client = openai.OpenAI(base_url=base + "/v1", api_key=key, max_retries=0, timeout=30)

    def one(_: int) -> str:
        r = client.chat.completions.create(
            model="demo", messages=[{"role": "user", "content": PROMPT}]
        )
        return r.choices[0].message.content or ""

    n = 40
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(one, range(n)))
    # The demo shows what the AI got (［氏名1］) and the restored text.
    assert all("［氏名1］" in a and "高橋 健一" in a for a in answers)
    # Every request has a decision and an outcome record (outcomes are written after the
    # answer, so give them a moment), and the chain verifies.
    deadline = time.time() + 20
    while True:
        exported = _cli("audit", "export", "--config", str(cfg), "--format", "jsonl")
        rows = [line for line in exported.stdout.splitlines() if line.strip()]
        if len(rows) >= 2 * n or time.time() > deadline:
            break
        time.sleep(0.3)
    assert len(rows) == 2 * n
    verified = _cli("audit", "verify", "--config", str(cfg))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "高橋" not in exported.stdout


def test_serve_refuses_a_broken_policy_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "policy"
    bad.mkdir()
    (bad / "policy.yaml").write_text(
        "layer:\n  id: x\n  name: 市\n  level: municipality\n  version: '1'\n  municipality: 市\n"
        "  extends: national\nchapters: [{id: A, clauses: [{id: A-1, title: t, rules: [\n",
        encoding="utf-8",
    )
    cfg = _config(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=f"policy: {bad}\n")
    r = _cli("serve", "--config", str(cfg), "--port", str(free_port()))
    assert r.returncode == 3
    assert "policy.yaml" in r.stderr and "Traceback" not in r.stderr


def test_serve_refuses_a_policy_given_for_the_wrong_municipality(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "policies"
    cfg = _config(
        tmp_path,
        f"sqlite:///{tmp_path / 'h.db'}",
        extra=f"municipalities:\n  - {{name: 例示町, policy: {examples / 'example-city'}}}\n",
    )
    r = _cli("serve", "--config", str(cfg), "--port", str(free_port()))
    assert r.returncode == 3
    assert "例示町" in r.stderr and "例示市" in r.stderr


def test_the_documented_example_config_is_valid() -> None:
    from hinagata.gateway import load_config
    from hinagata.runtime import load_policies

    cfg = load_config(Path(__file__).resolve().parent.parent / "examples" / "gateway.yaml")
    policies, _ = load_policies(cfg)
    assert policies is not None and set(policies.municipalities) == {"例示市", "例示町"}
    assert cfg.transcripts.database_url


@pytest.mark.parametrize(
    ("trusted", "seen"), [("127.0.0.1", "203.0.113.9"), ("192.0.2.1", "127.0.0.1")]
)
def test_the_client_address_comes_from_a_trusted_balancer_only(
    tmp_path: Path, trusted: str, seen: str
) -> None:
    """Behind a load balancer the sign-in throttle must count the client's address, which
    only a balancer named with --forwarded-allow-ips may state (X-Forwarded-For)."""
    cfg = _config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    port = free_port()
    proc = subprocess.Popen(
        [HINAGATA, "serve", "--config", str(cfg), "--port", str(port),
         "--forwarded-allow-ips", trusted],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(proc, base, {"x-forwarded-for": "203.0.113.9"})
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    served = [line for line in out.splitlines() if "/healthz" in line]
    assert served and all(f"{seen}:" in line for line in served), out


def _two_cities(tmp_path: Path) -> Path:
    """The example platform (例示市, 例示町) in a database of its own."""
    policies = Path(__file__).parent.parent / "examples" / "policies"
    return _config(
        tmp_path,
        f"sqlite:///{tmp_path / 'platform.db'}",
        f"municipalities:\n  - {{name: 例示市, policy: {policies / 'example-city'}}}\n"
        f"  - {{name: 例示町, policy: {policies / 'example-town'}}}\n",
    )


def test_first_run_signs_in_and_calls_in_the_configured_database(tmp_path: Path) -> None:
    """The banner's password and key work in the database the server uses (not the
    demo's), the administrator belongs to a municipality of the platform, and a second run
    reuses both."""
    cfg = _two_cities(tmp_path)
    out = _first_run_and_walk(cfg, tmp_path / "state")
    assert "（団体: 例示市）" in out


@pytest.mark.parametrize("name", ["city.yaml", "gateway.yaml"])
def test_the_example_configs_work_as_written(tmp_path: Path, name: str) -> None:
    """The README's next step, on a copy of examples/ as a clean clone has it: first-run,
    serve, sign in as the administrator, see the city's pages, call the demo model."""
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples", tmp_path / "examples")
    _first_run_and_walk(tmp_path / "examples" / name, tmp_path / "state")
    assert (tmp_path / "var").is_dir()  # the config's own files, beside the copy


def _first_run_and_walk(cfg: Path, state: Path) -> str:
    """first-run twice (the second reuses), then serve: the banner's key calls the demo
    model and its password signs in to the city's pages. Returns the first banner."""
    port = free_port()
    first = _cli("first-run", "--config", str(cfg), "--state", str(state), "--port", str(port))
    assert first.returncode == 0, first.stderr
    assert f"設定ファイル {cfg}" in first.stdout and "組み込みの既定値" not in first.stdout
    password = (state / f"{cfg.stem}.admin-password.txt").read_text().strip()
    key = (state / f"{cfg.stem}.demo-key.txt").read_text().strip()
    assert password in first.stdout and key in first.stdout
    again = _cli("first-run", "--config", str(cfg), "--state", str(state), "--port", str(port))
    assert again.returncode == 0 and password in again.stdout and key in again.stdout
    proc = subprocess.Popen(
        [HINAGATA, "serve", "--config", str(cfg), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(proc, base)
        client = openai.OpenAI(base_url=base + "/v1", api_key=key, max_retries=0)
        answer = client.chat.completions.create(
            model="demo", messages=[{"role": "user", "content": PROMPT}]
        )
        assert "高橋 健一" in (answer.choices[0].message.content or "")
        with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
            r = post_sign_in(c, "admin", password, next="/admin/users")
            assert r.status_code == 303, r.text
            # The printed password is an initial one: it is changed before anything else.
            assert r.headers["location"] == "/password?next=/admin/users"
            assert c.get("/admin/users").headers["location"] == "/password?next=/admin/users"
            csrf = csrf_at(c, r.headers["location"])
            r = c.post("/password", data={"csrf": csrf, "current": password, "next": "/admin/users",
                                          "new": "my-own-admin-pass-2026",
                                          "again": "my-own-admin-pass-2026"})  # fmt: skip
            assert r.status_code == 303 and r.headers["location"] == "/admin/users"
            for path in ("/admin/users", "/admin", "/admin/audit", "/check", "/usecases"):
                shown = c.get(path)
                assert shown.status_code == 200, (path, shown.text[:300])
                # The pages speak for the administrator's municipality.
                assert "例示市 <span>生成AI利用支援（Hinagata）</span>" in shown.text, path
            assert "admin" in c.get("/admin/users").text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    # Changed, the file's password works no more: the banner does not print it again.
    after = _cli("first-run", "--config", str(cfg), "--state", str(state), "--port", str(port))
    assert after.returncode == 0 and password not in after.stdout and key in after.stdout
    assert "最初のログインで変更したパスワード" in after.stdout
    return first.stdout
