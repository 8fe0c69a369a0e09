"""The merge rules of the settings sections a layer may set: each may only tighten.

disclosure and transcripts (flags only turn on), untrusted (quarantine → refuse, roles
added), output (each screening only strengthened) and injection (mode only to ``both``,
thresholds only lowered). The content rule (identification) has its own module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from hinagata.policy._effective import EffectiveClause
from hinagata.policy._layers import _err, _Loaded
from hinagata.policy._model import (
    Disclosure,
    InjectionScreening,
    InjectionThresholds,
    OutputScreening,
    TrainingPolicy,
    TranscriptPolicy,
    UntrustedContent,
)

_T = TypeVar(
    "_T",
    Disclosure,
    TranscriptPolicy,
    UntrustedContent,
    OutputScreening,
    InjectionScreening,
    TrainingPolicy,
)


def _merge_on_only(
    src: _Loaded,
    section: str,
    above: _T | None,
    mine: _T,
    clauses: Mapping[str, EffectiveClause],
    flags: tuple[str, ...],
) -> _T:
    """A layer's section replaces the one above, but its ``flags`` may only turn on.

    Municipality-wide settings: a department layer cannot set them.
    """
    if src.layer.layer.level == "department":
        raise _err(
            src,
            (section,),
            f"{section} は団体の層までで定めてください / set '{section}' at municipality level or above",
        )
    for k, cid in enumerate(mine.clauses):
        if cid not in clauses:
            raise _err(src, (section, "clauses", k), f"条項 {cid} がありません / no clause {cid}")
    if above is not None:
        for flag in flags:
            if getattr(above, flag) and not getattr(mine, flag):
                raise _err(
                    src,
                    (section, flag),
                    f"上位の層が定めた {section}.{flag} を下位の層で止めることはできません / "
                    f"a lower layer cannot turn off '{section}.{flag}'",
                )
    return mine


def _merge_untrusted(
    src: _Loaded,
    above: UntrustedContent | None,
    mine: UntrustedContent,
    clauses: Mapping[str, EffectiveClause],
) -> UntrustedContent:
    """A lower layer may go from quarantine to refuse and add roles, never the reverse."""
    _merge_on_only(src, "untrusted", None, mine, clauses, ())
    if above is not None:
        if above.action == "refuse" and mine.action != "refuse":
            raise _err(
                src,
                ("untrusted", "action"),
                "上位の層が定めた untrusted.action: refuse を下位の層で緩めることはできません / "
                "a lower layer cannot relax 'untrusted.action: refuse'",
            )
        dropped = [r for r in above.roles if r not in mine.roles]
        if dropped:
            raise _err(
                src,
                ("untrusted", "roles"),
                f"上位の層が定めた役割 {', '.join(dropped)} を外すことはできません / "
                f"a lower layer cannot drop roles {dropped}",
            )
        if "operator_key_roles" not in mine.model_fields_set:
            mine = mine.model_copy(update={"operator_key_roles": above.operator_key_roles})
        added = [r for r in mine.operator_key_roles if r not in above.operator_key_roles]
        if added:
            raise _err(
                src,
                ("untrusted", "operator_key_roles"),
                f"上位の層が信頼していないキーの役割 {', '.join(added)} を加えることはできません / "
                f"a lower layer cannot trust key roles {added}",
            )
    return mine


_STRENGTH = {"off": 0, "report": 1, "remove": 2, "mask": 2}


def _merge_output(
    src: _Loaded,
    above: OutputScreening | None,
    mine: OutputScreening,
    clauses: Mapping[str, EffectiveClause],
) -> OutputScreening:
    """A lower layer may only strengthen each screening; allowed domains accumulate."""
    _merge_on_only(src, "output", None, mine, clauses, ())
    if above is None:
        return mine
    for name in ("exfiltration", "system_prompt_leak", "new_personal"):
        if _STRENGTH[getattr(mine, name)] < _STRENGTH[getattr(above, name)]:
            raise _err(
                src,
                ("output", name),
                f"上位の層が定めた output.{name}: {getattr(above, name)} を下位の層で弱めることはできません / "
                f"a lower layer cannot weaken 'output.{name}'",
            )
    domains = tuple(dict.fromkeys((*above.allowed_domains, *mine.allowed_domains)))
    return mine.model_copy(update={"allowed_domains": domains})


def _merge_injection(
    src: _Loaded,
    above: InjectionScreening | None,
    mine: InjectionScreening,
    clauses: Mapping[str, EffectiveClause],
) -> InjectionScreening:
    """A lower layer may only tighten: ``rules`` or ``model`` → ``both``; thresholds lowered.

    A threshold is compared with the one in effect above (the layer's, else the bundled
    model's calibrated one); an unset threshold keeps the one above.
    """
    _merge_on_only(src, "injection", None, mine, clauses, ())
    if above is not None and above.mode != mine.mode and mine.mode != "both":
        raise _err(
            src,
            ("injection", "mode"),
            f"上位の層が定めた injection.mode: {above.mode} を {mine.mode} に変えることはできません"
            f"（both への変更のみ可） / a lower layer cannot change 'injection.mode' from "
            f"{above.mode} to {mine.mode} (only to both)",
        )
    if mine.mode == "rules" and mine.thresholds is not None:
        raise _err(
            src,
            ("injection", "thresholds"),
            "mode: rules では学習モデルのしきい値は使われません / thresholds need mode model or both",
        )
    ceiling = _model_thresholds() if mine.mode != "rules" else {}
    above_th = above.thresholds if above is not None else None
    for kind in ("prompt", "system", "document"):
        up = getattr(above_th, kind) if above_th is not None else None
        limit = up if up is not None else ceiling.get(kind)
        value = getattr(mine.thresholds, kind) if mine.thresholds is not None else None
        if value is not None and limit is not None and value > limit:
            raise _err(
                src,
                ("injection", "thresholds", kind),
                f"しきい値 {value} は上位の {limit} より高くできません（下げることのみ可） / "
                f"a lower layer cannot raise the {kind} threshold above {limit}",
            )
    if above_th is not None:
        merged = {
            k: (getattr(mine.thresholds, k) if mine.thresholds is not None else None)
            or getattr(above_th, k)
            for k in ("prompt", "system", "document")
        }
        mine = mine.model_copy(update={"thresholds": InjectionThresholds(**merged)})
    return mine


def _model_thresholds() -> dict[str, float]:
    """The bundled model's calibrated thresholds (the ceiling of a policy's thresholds)."""
    from hinagata.guard import load_model

    return dict(load_model().thresholds)


def _merge_training(
    src: _Loaded,
    above: TrainingPolicy | None,
    mine: TrainingPolicy,
    clauses: Mapping[str, EffectiveClause],
) -> TrainingPolicy:
    """A lower layer may only tighten the training: a higher pass mark, more questions, a
    shorter validity, renewal on a change turned on, the administrator's confirmation
    turned off. A field the layer does not set keeps the value above; notes accumulate
    (a lower layer may reword one), each naming a clause."""
    if above is not None:
        stated = {k: getattr(mine, k) for k in mine.model_fields_set if k != "notes"}
        mine = above.model_copy(update={**stated, "notes": {**above.notes, **mine.notes}})
    _merge_on_only(src, "training", above, mine, clauses, ("renew_on_change",))
    for cid in mine.notes:
        if cid not in clauses:
            raise _err(
                src, ("training", "notes", cid), f"条項 {cid} がありません / no clause {cid}"
            )
    if above is None:
        return mine
    for name, looser in (
        ("pass_mark", mine.pass_mark < above.pass_mark),
        ("questions", mine.questions < above.questions),
        ("valid_days", mine.valid_days > above.valid_days),
        ("accept_confirmed", mine.accept_confirmed and not above.accept_confirmed),
    ):
        if looser:
            raise _err(
                src,
                ("training", name),
                f"上位の層が定めた training.{name}: {getattr(above, name)} を下位の層で緩めることは"
                f"できません / a lower layer cannot relax 'training.{name}'",
            )
    return mine
