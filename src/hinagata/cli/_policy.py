"""``hinagata policy validate|show|diff``: the effective policy and how layers changed it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from hinagata.cli._common import EXIT_OK, load_policy_or_exit, resolve_lang
from hinagata.policy import Policy

__all__ = ["app", "policy_summary"]

app = typer.Typer(help="規定（ひな型と各層）の確認 / inspect policies", no_args_is_help=True)

PolicyDir = Annotated[
    Path,
    typer.Argument(
        help="規定の層のフォルダ（national で国のひな型） / layer directory, or 'national'"
    ),
]


def _load(path: Path, err: Console) -> Policy:
    return load_policy_or_exit(path, err)


@app.command()
def validate(path: PolicyDir, lang: Annotated[str, typer.Option("--lang")] = "") -> None:
    """層を読み込み、継承の規則と条件を検査する / load and check a layer stack."""
    lang = resolve_lang(lang)
    err = Console(stderr=True, soft_wrap=True)
    p = _load(path, err)
    out = Console(highlight=False)
    if lang == "en":
        out.print(
            f"Valid: {p.version} ({len(p.rules)} rules, {len(p.class_rules)} class rules, hash {p.content_hash[:12]})"
        )
    else:
        out.print(
            f"有効です: {p.version}（規定 {len(p.rules)} 件、分類の規則 {len(p.class_rules)} 件、ハッシュ {p.content_hash[:12]}）"
        )
    raise typer.Exit(EXIT_OK)


def policy_summary(p: Policy) -> dict[str, Any]:
    """The effective policy as data, each part marked with the layer it came from."""
    return {
        "version": p.version,
        "hash": p.content_hash,
        "municipality": p.municipality,
        "scheme": p.scheme.key,
        "layers": [vars(layer) for layer in p.layers],
        "chapters": [
            {
                "id": ch.id,
                "title": ch.title,
                "layer": lid,
                "clauses": [
                    {
                        "id": c.clause.id,
                        "title": c.clause.title,
                        "layer": c.layer,
                        "text": c.clause.text,
                        "appended": [{"layer": lay, "text": t} for lay, t in c.appended],
                        "rules": [
                            {
                                "id": r.id,
                                "effect": r.effect,
                                "actions": list(r.actions),
                                "when": r.when,
                                "unless": r.unless,
                                "layer": p.rules[r.id].layer,
                                "lifted_for": [
                                    {
                                        "departments": list(u.departments),
                                        "services": list(u.services),
                                        "by": u.id,
                                    }
                                    for u in p.rules[r.id].lifted_by
                                ],
                            }
                            for r in c.clause.rules
                        ],
                    }
                    for c in clauses
                ],
            }
            for ch, clauses, lid in p.chapters
        ],
        "class_rules": [{"id": r.id, "class": r.class_, "reason": r.reason} for r in p.class_rules],
        "extensions": [
            {
                "point": u.point,
                "id": u.id,
                "departments": list(u.departments),
                "services": list(u.services),
                "layer": lid,
            }
            for u, lid in p.extensions
        ],
        "services": [
            {"id": s.id, "name": s.name, "type": str(s.service_type)} for s in p.catalog.services
        ],
        "disclosure": p.disclosure.model_dump(mode="json") if p.disclosure else None,
    }


@app.command()
def show(
    path: PolicyDir,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: Annotated[str, typer.Option("--lang")] = "",
) -> None:
    """有効な規定を、各条項の出所（層）とともに表示する / the effective policy, each clause with its layer."""
    lang = resolve_lang(lang)
    p = _load(path, Console(stderr=True, soft_wrap=True))
    data = policy_summary(p)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{p.title or p.name}[/bold]　{p.version}（{p.content_hash[:12]}）")
    out.print("層: " + " → ".join(f"{layer.name}（{layer.level}）" for layer in p.layers))
    for ch in data["chapters"]:
        out.print(
            f"\n[bold]第{ch['id']}章 {ch['title']}[/bold]"
            if ch["id"].isdigit()
            else f"\n[bold]{ch['id']} {ch['title']}[/bold]"
        )
        for c in ch["clauses"]:
            out.print(f"  {c['id']} {c['title']}  [dim][{c['layer']}][/dim]")
            for r in c["rules"]:
                lifted = f"（{len(r['lifted_for'])} 件の拡張で緩和）" if r["lifted_for"] else ""
                out.print(f"      {r['effect']} {r['id']} [dim][{r['layer']}][/dim]{lifted}")
            for a in c["appended"]:
                out.print(f"      ＋追記 [dim][{a['layer']}][/dim]")
    out.print("\n[bold]分類の規則[/bold]")
    for r in data["class_rules"]:
        out.print(f"  {r['class']:>2}  {r['id']}　{r['reason']}")
    if data["extensions"]:
        out.print("\n[bold]拡張点の利用[/bold]")
        for u in data["extensions"]:
            out.print(
                f"  {u['id']} → {u['point']}  所属={u['departments']} サービス={u['services']} [dim][{u['layer']}][/dim]"
            )
    if d := data["disclosure"]:
        where = "ヘッダー・hinagata 欄" if d["header"] else ""
        if d["append_to_answer"]:
            where += "・回答の末尾" if where else "回答の末尾"
        out.print(f"\n[bold]AI利用の明示[/bold]（{'・'.join(d['clauses'])}）{where}")
        out.print(f"  {d['text']}")
    raise typer.Exit(EXIT_OK)


def _index(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    clauses: dict[str, Any] = {}
    rules: dict[str, Any] = {}
    for ch in data["chapters"]:
        for c in ch["clauses"]:
            clauses[c["id"]] = {k: c[k] for k in ("title", "text", "appended", "layer")}
            for r in c["rules"]:
                rules[r["id"]] = r
    return {
        "clauses": clauses,
        "rules": rules,
        "class_rules": {r["id"]: r for r in data["class_rules"]},
        "extensions": {u["id"]: u for u in data["extensions"]},
        "services": {s["id"]: s for s in data["services"]},
        "scheme": {"scheme": {"value": data["scheme"]}},
        "disclosure": {"disclosure": data["disclosure"]} if data["disclosure"] else {},
    }


@app.command()
def diff(
    a: PolicyDir, b: PolicyDir, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """2つの有効な規定の違い / the differences between two effective policies."""
    err = Console(stderr=True, soft_wrap=True)
    ia, ib = _index(policy_summary(_load(a, err))), _index(policy_summary(_load(b, err)))
    changes: list[dict[str, str]] = []
    for kind in ia:
        for key in sorted(set(ia[kind]) | set(ib[kind])):
            va, vb = ia[kind].get(key), ib[kind].get(key)
            if va == vb:
                continue
            change = "added" if va is None else "removed" if vb is None else "changed"
            changes.append({"kind": kind, "id": key, "change": change})
    if as_json:
        sys.stdout.write(json.dumps(changes, ensure_ascii=False, indent=2) + "\n")
    else:
        out = Console(highlight=False)
        if not changes:
            out.print("違いはありません / no differences")
        mark = {"added": "+", "removed": "-", "changed": "~"}
        for c in changes:
            out.print(f"{mark[c['change']]} {c['kind']}: {c['id']}")
    raise typer.Exit(EXIT_OK)
