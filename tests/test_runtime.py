"""The application object and the layout around it (ADR 0018): one Runtime under the
gateway and the web pages, one Caller for a key or a session, the server on top, and
imports that point down only."""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hinagata.config import GatewayConfig, ServerConfig, load_config
from hinagata.decide import User
from hinagata.runtime import Caller, Runtime
from hinagata.server import create_app
from hinagata.store import Account, KeyInfo

SRC = Path(__file__).resolve().parent.parent / "src" / "hinagata"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _config(tmp_path: Path, extra: str = "") -> ServerConfig:
    path = tmp_path / "server.yaml"
    path.write_text(
        f"""\
database_url: sqlite:///{tmp_path / "h.db"}
secret_file: {tmp_path / "audit.key"}
create_secret: true
limits: {{rate_per_minute_user: 0, rate_per_minute_department: 0}}
models:
  - {{name: wg, service: example-domestic-lgwan, upstream: {{demo: true}}}}
  - {{name: town-only, service: example-domestic-lgwan, upstream: {{demo: true}}, municipalities: [例示町]}}
{extra}""",
        encoding="utf-8",
    )
    return load_config(path)


PLATFORM = f"""\
municipalities:
  - {{name: 例示市, policy: {EXAMPLES / "example-city"}}}
  - {{name: 例示町, policy: {EXAMPLES / "example-town"}}}
"""


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(_config(tmp_path, PLATFORM))
    yield runtime
    runtime.close()


def test_one_caller_for_a_key_and_for_a_session() -> None:
    key = KeyInfo(7, "hg_", "tanaka", "福祉課", "例示市", ("staff",), True, NOW, None)
    account = Account(3, "tanaka", "田中", "福祉課", "例示市", ("staff",), True, NOW, None)
    by_key, by_session = Caller.of_key(key), Caller.of_account(account)
    same = ("user", "department", "municipality", "roles", "trained")
    assert all(getattr(by_key, f) == getattr(by_session, f) for f in same)
    assert (by_key.via, by_key.key_id) == ("key", 7)
    assert (by_session.via, by_session.key_id) == ("session", None)
    # In-flight requests are counted by the key, or by the signed-in user: never shared.
    assert by_key.slot != by_session.slot
    assert Caller.of_account(account).slot == by_session.slot


def test_the_runtime_answers_policy_routes_and_user(platform: Runtime) -> None:
    assert platform.shared
    assert platform.serves("例示町") and not platform.serves("未設定町")
    assert platform.policy_for("例示町").municipality == "例示町"
    with pytest.raises(KeyError):
        platform.policy_for("未設定町")
    assert [m.name for m in platform.routes_for("例示市")] == ["wg"]
    assert [m.name for m in platform.routes_for("例示町")] == ["wg", "town-only"]
    caller = Caller("sato", "税務課", "例示市", ("staff",), False, "session")
    assert platform.user_of(caller) == User(
        id="sato", department="税務課", municipality="例示市", roles=("staff",), trained=False
    )
    gid = platform.grants.add(service="example-domestic-lgwan", municipality="例示市").id
    grants = platform.grants_for("example-domestic-lgwan", platform.policy_for("例示市"), caller)
    assert [g.id for g in grants] == [gid]
    assert (
        platform.grants_for("example-domestic-lgwan", platform.policy_for("例示町"), caller) == []
    )


def test_a_single_municipality_serves_everyone(tmp_path: Path) -> None:
    runtime = Runtime(_config(tmp_path))
    try:
        assert not runtime.shared and runtime.serves("どこでも")
        assert runtime.policy_for("どこでも") is runtime.policy
    finally:
        runtime.close()


def test_the_server_composes_both_faces_on_one_runtime(tmp_path: Path) -> None:
    app = create_app(_config(tmp_path))
    state = app.state
    assert state.gateway.runtime is state.runtime and state.web.runtime is state.runtime
    # The gateway object's old attributes are views of the runtime (tests and tools use them).
    assert state.gateway.db is state.runtime.db and state.gateway.keys is state.runtime.keys
    assert not hasattr(state.web, "gw")  # the pages never reach through the gateway
    with TestClient(app) as c:
        assert c.get("/nowhere").headers["content-type"].startswith("text/html")
        r = c.get("/v1/nowhere")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        r = c.post("/v1/chat/completions", json={})
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"


def test_without_the_web_pages_every_error_is_json(tmp_path: Path) -> None:
    app = create_app(_config(tmp_path, "web: {enabled: false}\n"))
    assert app.state.web is None
    with TestClient(app) as c:
        r = c.get("/nowhere")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert c.get("/login").status_code == 404


def test_the_old_names_still_work(tmp_path: Path) -> None:
    from hinagata.gateway import Gateway
    from hinagata.gateway import create_app as old_create_app

    assert GatewayConfig is ServerConfig
    with pytest.warns(DeprecationWarning, match="hinagata.server.create_app"):
        app = old_create_app(_config(tmp_path))
    assert isinstance(app.state.gateway, Gateway)
    other = tmp_path / "other"
    other.mkdir()
    gw = Gateway(_config(other))  # a config: the gateway builds (and closes) its own runtime
    assert gw.runtime.config.models[0].name == "wg" and "wg" in gw.routes
    asyncio.run(gw.close())


def _imports(module: Path) -> set[str]:
    """Every hinagata module a file imports, at any level (function bodies included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("hinagata")}


def _package_imports(*parts: str) -> set[str]:
    path = SRC.joinpath(*parts)
    files = [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return set().union(*(_imports(f) for f in files))


@pytest.mark.parametrize(
    ("face", "forbidden"),
    [
        (("web",), ("hinagata.gateway", "hinagata.server")),
        (("runtime.py",), ("hinagata.gateway", "hinagata.web", "hinagata.server", "hinagata.cli")),
        (
            ("config.py",),
            ("hinagata.gateway", "hinagata.web", "hinagata.server", "hinagata.runtime"),
        ),
    ],
)
def test_imports_point_down(face: tuple[str, ...], forbidden: tuple[str, ...]) -> None:
    wrong = sorted(
        m
        for m in _package_imports(*face)
        if any(m == f or m.startswith(f + ".") for f in forbidden)
    )
    assert wrong == []


def test_the_gateway_never_imports_the_web_pages() -> None:
    imported = {
        m
        for f in sorted((SRC / "gateway").rglob("*.py"))
        if f.name != "__init__.py"  # the package's old create_app name defers to the server
        for m in _imports(f)
    }
    assert not {m for m in imported if m.startswith(("hinagata.web", "hinagata.server"))}


def _module_graph() -> dict[str, set[str]]:
    """Module → the hinagata modules it imports (at any level; importing ``a.b.c`` imports
    ``a.b`` too), for every module under ``src/hinagata`` but the package root."""
    modules: dict[str, Path] = {}
    for f in SRC.rglob("*.py"):
        parts = list(f.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = f
    graph: dict[str, set[str]] = {}
    for name, f in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for t in targets:
                pieces = t.split(".")
                for i in range(2, len(pieces) + 1):
                    m = ".".join(pieces[:i])
                    if m in modules and m != name and not name.startswith(m + "."):
                        deps.add(m)
        graph[name] = deps
    return graph


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_but_the_deprecated_alias() -> None:
    """No two modules import each other, directly or round about; the one exception is
    the deprecated ``hinagata.gateway.create_app``, which imports the server when called."""
    graph = _module_graph()
    assert _circles(graph) == [{"hinagata.gateway", "hinagata.server"}]
    graph["hinagata.gateway"].discard("hinagata.server")
    assert _circles(graph) == []
    # And the detector sees one: a module importing its importer is a circle.
    graph["hinagata.decide"].add("hinagata.judge")
    assert _circles(graph)
