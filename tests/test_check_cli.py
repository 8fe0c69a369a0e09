"""`hinagata check` and `hinagata policy …` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hinagata.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
TEXT = "転入届：高橋 健一、生年月日 1988年11月2日"


def test_check_json_shape() -> None:
    res = runner.invoke(
        app, ["check", "-", "--service", "example-domestic-lgwan", "--json"], input=TEXT.encode()
    )
    assert res.exit_code == 0, res.stderr
    d = json.loads(res.stdout)
    assert set(d) >= {
        "verdict",
        "class",
        "identifiable",
        "sensitive",
        "findings",
        "reasons",
        "masked_text",
    }
    assert d["verdict"] == "allow_masked" and d["class"] == "3C" and d["identifiable"] is True
    assert d["masked_text"] == "転入届：〔氏名1〕、生年月日 〔生年月日1〕"
    assert {"clause", "title", "message", "remedy"} <= set(d["reasons"][0])
    for f in d["findings"]:
        assert TEXT[f["start"] : f["end"]] == f["text"]


def test_check_human_output_puts_the_verdict_first(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(app, ["check", str(p), "-s", "example-foreign-japan-region"])
    assert res.exit_code == 0
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert lines[0].startswith("判定: 審査機関の許可が必要です")
    assert "理由" in res.stdout and "審査機関に利用申請" in res.stdout
    en = runner.invoke(app, ["check", str(p), "-s", "example-foreign-japan-region", "--lang", "en"])
    assert en.stdout.startswith("Verdict: Needs the review body's permission")


def test_check_with_a_municipal_policy_and_department() -> None:
    args = [
        "check",
        "-",
        "-s",
        "example-foreign-japan-region",
        "--policy",
        str(EXAMPLES / "example-city"),
        "--json",
    ]
    welfare = json.loads(
        runner.invoke(app, [*args, "--department", "福祉課"], input=TEXT.encode()).stdout
    )
    other = json.loads(
        runner.invoke(app, [*args, "--department", "総務課"], input=TEXT.encode()).stdout
    )
    assert (welfare["verdict"], other["verdict"]) == ("allow_masked", "review")
    assert welfare["policy"]["version"].startswith("national@")


def test_check_unknown_service_lists_known_ids() -> None:
    res = runner.invoke(app, ["check", "-", "-s", "nope"], input=b"hello")
    assert res.exit_code == 2
    assert "example-domestic-lgwan" in res.stderr


def test_check_broken_policy_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text("layer: [\n", encoding="utf-8")
    res = runner.invoke(
        app, ["check", "-", "-s", "example-domestic-lgwan", "--policy", str(tmp_path)], input=b"x"
    )
    assert res.exit_code == 3
    assert "policy.yaml" in res.stderr


def test_check_untrained_and_declared_class() -> None:
    res = runner.invoke(
        app,
        ["check", "-", "-s", "example-domestic-lgwan", "--untrained", "--json"],
        input="挨拶文".encode(),
    )
    assert json.loads(res.stdout)["reasons"][0]["clause"] == "5.1"
    res = runner.invoke(
        app,
        ["check", "-", "-s", "example-domestic-lgwan", "--class", "3A", "--json"],
        input="挨拶文".encode(),
    )
    assert json.loads(res.stdout)["verdict"] == "deny"
    res = runner.invoke(
        app, ["check", "-", "-s", "example-domestic-lgwan", "--class", "9"], input="挨拶文".encode()
    )
    assert res.exit_code == 2


def test_policy_validate_show_diff() -> None:
    city = str(EXAMPLES / "example-city")
    res = runner.invoke(app, ["policy", "validate", city])
    assert res.exit_code == 0 and "有効です" in res.stdout
    res = runner.invoke(app, ["policy", "show", city, "--json"])
    data = json.loads(res.stdout)
    layers = {c["id"]: c["layer"] for ch in data["chapters"] for c in ch["clauses"]}
    assert (
        layers["4.2"] == "national"
        and layers["P-1"] == "example-pref-platform"
        and layers["M-1"] == "example-city"
    )
    res = runner.invoke(app, ["policy", "diff", "national", city, "--json"])
    changes = {(c["kind"], c["id"], c["change"]) for c in json.loads(res.stdout)}
    assert ("rules", "R-M-1-internal-drafts", "added") in changes
    assert ("rules", "R-4.2-contracted-needs-review", "changed") in changes
    assert ("clauses", "8.1", "changed") in changes


def test_policy_validate_reports_the_violation(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(
        "layer: {id: t, name: t, level: municipality, version: '1', municipality: t, extends: national}\n"
        "chapters:\n  - id: T\n    clauses:\n      - id: T-1\n        title: x\n        rules:\n"
        "          - {id: R-1, effect: permit, actions: [send_raw], message: x}\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["policy", "validate", str(tmp_path)])
    assert res.exit_code == 3
    assert "T-1" in res.stderr and "policy.yaml:8" in res.stderr


def test_demo_shows_allow_masked_and_deny() -> None:
    res = runner.invoke(app, ["demo"])
    assert res.exit_code == 0
    out = res.stdout
    assert out.index("伏字にすれば送信できます（allow_masked）") < out.index(
        "送信できません（deny）"
    )
    masked = out.split("伏字にした文章", 1)[1].split("検出", 1)[0]
    for value in ("高橋 健一", "高橋花子", "昭和63年11月2日", "みなとみらい三丁目5番1号"):
        assert value not in masked
    assert "〔氏名1〕" in masked and "〔住所1〕" in masked
