"""``hinagata demo``: the main job on embedded defaults — one welfare note, two services.

Shows in one run what Hinagata is for: the same text is ``allow_masked`` on a service that
meets the working group's conditions and ``deny`` on a consumer chat service, each with the
clause that decided and what to do.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated

import typer
from rich.console import Console
from rich.rule import Rule

from hinagata._check import national_policy
from hinagata.cli._check import print_decision
from hinagata.cli._common import EXIT_OK, resolve_lang
from hinagata.decide import User, decide

__all__ = ["demo"]

SERVICES = ("example-domestic-lgwan", "example-consumer-chat")


def demo(lang: Annotated[str, typer.Option("--lang", help="ja | en")] = "") -> None:
    """例文の判定を2つのサービスで示す / judge a fictitious welfare note for two services."""
    lang = resolve_lang(lang)
    out = Console(highlight=False, soft_wrap=True)
    text = resources.files("hinagata.examples").joinpath("welfare_note_ja.txt").read_text("utf-8")
    policy = national_policy()
    en = lang == "en"
    out.print(Rule("Fictitious welfare note" if en else "例文（架空の相談記録）"))
    out.print(text.rstrip())
    for service_id in SERVICES:
        out.print()
        out.print(Rule(f"→ {service_id}"))
        decision = decide(
            text, policy.catalog.get(service_id), policy, user=User(id="demo", department="福祉課")
        )
        print_decision(decision, policy, lang, out)
    raise typer.Exit(EXIT_OK)
