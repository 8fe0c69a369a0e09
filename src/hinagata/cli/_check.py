"""``hinagata check``: may this text go to that AI service? The verdict first, then why."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Annotated

import typer
from rich.console import Console

from hinagata._messages import type_label
from hinagata.assess import KIND_LABELS
from hinagata.cli._common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    PolicyOption,
    load_policy_or_exit,
    read_input_or_exit,
    resolve_lang,
)
from hinagata.decide import Decision, DeclaredClassError, User
from hinagata.judge import judge
from hinagata.labels import categories_text
from hinagata.policy import Policy
from hinagata.services import UnknownServiceError
from hinagata.verdicts import LABELS

__all__ = ["print_decision", "register"]

_MAX_BYTES = 4 * 1024 * 1024
_VERDICT_STYLE = {
    "allow": "bold green",
    "allow_masked": "bold cyan",
    "review": "bold yellow",
    "deny": "bold red",
}


def check(
    path: Annotated[
        str, typer.Argument(help="判定する文章のファイル（- で標準入力） / file, or - for stdin")
    ] = "-",
    service: Annotated[
        str, typer.Option("--service", "-s", help="サービス台帳の id / catalog service id")
    ] = "",
    policy: PolicyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON で出力 / JSON output")] = False,
    declared_class: Annotated[
        str | None,
        typer.Option("--class", help="申告する機密性（検出より高い場合のみ有効） / declared class"),
    ] = None,
    department: Annotated[
        str, typer.Option("--department", help="利用者の所属 / user's department")
    ] = "",
    untrained: Annotated[
        bool,
        typer.Option(
            "--untrained", help="研修未受講の利用者として判定 / judge as a user without training"
        ),
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="ja | en")] = "",
) -> None:
    """生成AIに入力してよいかを判定する / judge whether a text may be entered into an AI service."""
    lang = resolve_lang(lang)
    err = Console(stderr=True, soft_wrap=True)
    if not service:
        raise typer.BadParameter("--service を指定してください / --service is required")
    effective = load_policy_or_exit(policy, err)
    try:
        svc = effective.catalog.get(service)
    except UnknownServiceError as exc:
        err.print(str(exc), highlight=False)
        raise typer.Exit(EXIT_USAGE) from exc
    text = read_input_or_exit(path, lang, err, _MAX_BYTES)
    user = User(
        id="cli",
        department=department,
        municipality=effective.municipality or "",
        trained=not untrained,
    )
    try:
        judgment = judge(text, svc, effective, user=user, declared_class=declared_class)
    except DeclaredClassError as exc:
        raise typer.BadParameter(str(exc)) from exc
    decision = judgment.decision
    if as_json:
        sys.stdout.write(json.dumps(decision.to_dict(lang), ensure_ascii=False) + "\n")
    else:
        print_decision(decision, effective, lang, text=text)
    raise typer.Exit(EXIT_INTERNAL if judgment.failed else EXIT_OK)


def print_decision(
    d: Decision, policy: Policy, lang: str, out: Console | None = None, text: str | None = None
) -> None:
    """The verdict first, then why (clause, explanation), then what to do."""
    out = out or Console(soft_wrap=True, highlight=False)
    en = lang == "en"
    svc = policy.catalog.get(d.service)
    label = LABELS[d.verdict]
    verdict = label.check_en if en else label.check
    out.print(
        f"[{_VERDICT_STYLE[d.verdict]}]{'Verdict' if en else '判定'}: {verdict}（{d.verdict}）[/]"
    )
    stype = svc.service_type.label_en if en else svc.service_type.label
    out.print(f"{'Service' if en else 'サービス'}: {svc.name}（{d.service}・{stype}）")
    if d.information_class:
        ident = (
            ("yes" if d.identifiable else "no") if en else ("はい" if d.identifiable else "いいえ")
        )
        line = f"{'Class' if en else '機密性'}: {d.information_class}　{'Identifies a person' if en else '個人を識別できる'}: {ident}"
        if d.sensitive:
            line += f"　{'Special care' if en else '要配慮'}: {categories_text(d.sensitive, lang)}"
        out.print(line)
    out.print(f"\n[bold]{'Why' if en else '理由'}[/bold]")
    for i, r in enumerate(d.reasons, 1):
        rd = r.to_dict(lang)
        where = f"{rd['clause']} {rd['title']}" if rd["clause"] else rd["title"]
        out.print(f"  {i}. 〔{where}〕{rd['message']}")
        if rd["remedy"]:
            out.print(f"     → {rd['remedy']}")
    if d.verdict == "allow_masked" and d.masked_text is not None:
        out.print(f"\n[bold]{'Masked text' if en else '伏字にした文章'}[/bold]")
        out.print(d.masked_text, markup=False)
        if d.generalised:
            out.print(f"\n[bold]{'Generalised' if en else '一般化した記述'}[/bold]")
            for g in d.generalised:
                kind = KIND_LABELS.get(g.kind, ("要配慮情報", "special-care term"))[1 if en else 0]
                rep = g.replacement or ("(removed)" if en else "（削除）")
                out.print(f"  {kind}: 「{g.text}」→「{rep}」", markup=False)
            out.print(
                "  Placeholders such as 〔氏名1〕 are restored in the answer; generalised descriptions are not."
                if en
                else "  〔氏名1〕などの伏字は回答の中で元に戻りますが、一般化した記述は元に戻りません。",
                markup=False,
            )
    if text is not None and d.injection is not None and d.injection.attack:
        out.print(f"\n[bold]{'Suspected attack' if en else '攻撃の疑いがある箇所'}[/bold]")
        merged: list[list[int]] = []
        for sp in sorted(d.injection.spans, key=lambda x: x.start):
            if merged and sp.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp.end)
            else:
                merged.append([sp.start, sp.end])
        for start, end in merged:
            snippet = text[start:end].replace("\n", " ")
            snippet = snippet if len(snippet) <= 60 else snippet[:57] + "…"
            out.print(f"  {start}-{end}「{snippet}」", markup=False)
    if d.findings:
        counts = Counter(
            type_label(f.type, lang)
            for f in d.findings
            if f.personal and f.type != "QUASI_IDENTIFIER"
        )
        if counts:
            joined = "、".join(f"{k} {v}" for k, v in counts.items())
            out.print(f"\n{'Found' if en else '検出'}: {joined}")
    if d.content_kinds:
        kinds = ("、" if not en else ", ").join(
            KIND_LABELS[k][1 if en else 0] for k in d.content_kinds if k in KIND_LABELS
        )
        out.print(
            f"{'Identifies by content (combination)' if en else '特異な記述の組合せ'}: {kinds}"
        )
    out.print(
        f"[dim]{'Policy' if en else '規定'}: {d.policy_version}（{d.policy_hash[:12]}）[/dim]"
    )


def register(app: typer.Typer) -> None:
    app.command()(check)
