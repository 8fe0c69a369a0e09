"""``hinagata guard``: is this prompt or document trying to take over the AI?"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hinagata._messages import message
from hinagata._yaml import DataFileError
from hinagata.cli._common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    read_input_or_exit,
    resolve_lang,
)
from hinagata.guard import KINDS, InjectionDetector, InjectionResult, ModelError, load_rules

__all__ = ["CATEGORY_LABELS", "EXIT_ATTACK", "register"]

_MAX_BYTES = 16 * 1024 * 1024
#: The exit status when an attack is suspected (so that a pipeline can stop on it).
EXIT_ATTACK = 6

CATEGORY_LABELS = {
    "instruction_override": ("指示の上書き", "instruction override"),
    "role_play": ("ロールプレイによる制限の解除", "role-play jailbreak"),
    "system_prompt_extraction": ("システムプロンプトの抜き出し", "system-prompt extraction"),
    "fake_role": ("偽のシステム・ロール行", "fake role line"),
    "unmask_request": ("伏字を元に戻させる要求", "request to undo masking"),
    "exfiltration": ("外部への持ち出し", "exfiltration"),
    "hidden_instruction": ("隠された指示", "hidden instruction"),
    "obfuscation": ("難読化された指示", "obfuscated instruction"),
    "addressed_to_ai": ("AIへの呼びかけ", "addressed to the AI"),
    "learned": ("学習モデルによる検知", "learned model"),
}


def _label(category: str | None, lang: str) -> str:
    if category is None:
        return "-"
    ja, en = CATEGORY_LABELS.get(category, (category, category))
    return en if lang == "en" else ja


def _print(result: InjectionResult, text: str, lang: str) -> None:
    out = Console(highlight=False, soft_wrap=True)
    if result.attack:
        head = "attack suspected" if lang == "en" else "攻撃の疑いがあります"
        out.print(
            f"[bold red]{head}[/bold red]　{_label(result.category, lang)}（score {result.score:.2f}）"
        )
    else:
        head = "no attack found" if lang == "en" else "攻撃は見つかりませんでした"
        out.print(f"[bold green]{head}[/bold green]（score {result.score:.2f}）")
    for sp in result.spans:
        snippet = text[sp.start : sp.end].replace("\n", " ")
        if len(snippet) > 80:
            snippet = snippet[:77] + "…"
        via = "" if sp.via == "text" else f" [{sp.via}]"
        out.print(
            f"  {sp.start}-{sp.end}  {_label(sp.category, lang)}{via}  {sp.rule}  「{snippet}」",
            markup=False,
        )


def guard(
    path: Annotated[
        str, typer.Argument(help="検査するファイル（- で標準入力） / file, or - for stdin")
    ] = "-",
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="prompt（利用者の入力）、system（システム・開発者メッセージ）、document（RAGの文書・"
            "ツールの結果） / prompt, system or document",
        ),
    ] = "prompt",
    as_json: Annotated[bool, typer.Option("--json", help="JSON で出力 / JSON output")] = False,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="追加の規則ファイル（YAML） / extra rule files"),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="ja | en")] = "",
) -> None:
    """プロンプトインジェクションを検査する / scan a prompt or a document for prompt injection.

    終了コード: 0 攻撃なし、6 攻撃の疑いあり、3 入力の誤り、1 内部エラー。
    Exit status: 0 none found, 6 attack suspected, 3 bad input, 1 internal error.
    """
    lang = resolve_lang(lang)
    err = Console(stderr=True, soft_wrap=True)
    if kind not in KINDS:
        raise typer.BadParameter(
            "--kind は prompt, system, document のいずれかです / --kind must be prompt, system "
            "or document"
        )
    try:
        detector = InjectionDetector(load_rules(rules or ()))
    except DataFileError as exc:
        err.print(
            f"規則ファイルに誤りがあります / a rule file has an error:\n{exc}", highlight=False
        )
        raise typer.Exit(EXIT_INPUT) from exc
    except ModelError as exc:  # the bundled weights are missing or corrupt: say which file
        err.print(str(exc), highlight=False)
        raise typer.Exit(EXIT_INTERNAL) from exc
    text = read_input_or_exit(path, lang, err, _MAX_BYTES)
    try:
        result = detector.scan(text, kind)  # type: ignore[arg-type]
    except Exception as exc:  # fail closed: no verdict is not "no attack"
        err.print(
            message("internal_error", lang, detail=f"{type(exc).__name__}: {exc}"), highlight=False
        )
        raise typer.Exit(EXIT_INTERNAL) from exc
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(signals=True), ensure_ascii=False) + "\n")
    else:
        _print(result, text, lang)
    raise typer.Exit(EXIT_ATTACK if result.attack else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command()(guard)
