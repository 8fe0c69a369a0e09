"""The merge rules of the content rule (特異な記述, ``identification``): only tightened.

Tighter: a weight at least the one above, a threshold at most the one above, unique kinds
and small areas added, never removed. Only a municipality layer states its size band and
lists its small areas; a department layer sets nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping

from hinagata.assess import IdentificationRule
from hinagata.policy._effective import EffectiveClause
from hinagata.policy._layers import _err, _Loaded


def _merge_identification(
    src: _Loaded,
    above: IdentificationRule | None,
    mine: IdentificationRule,
    clauses: Mapping[str, EffectiveClause],
) -> IdentificationRule:
    """A lower layer may only tighten the content rule; the municipality states its size band."""
    section = "identification"
    _check_identification_layer(src, mine, clauses)
    if above is None:
        if not mine.clauses:
            raise _err(
                src,
                (section, "clauses"),
                "identification には根拠の条項（clauses）が必要です / 'clauses' is required",
            )
        return mine
    _check_identification_tightens(src, above, mine)
    set_ = mine.model_fields_set
    return above.model_copy(
        update={
            "clauses": tuple(dict.fromkeys((*above.clauses, *mine.clauses))),
            "weights": {**above.weights, **mine.weights},
            "threshold": mine.threshold if "threshold" in set_ else above.threshold,
            "band_thresholds": {**above.band_thresholds, **mine.band_thresholds},
            "unique": tuple(dict.fromkeys((*above.unique, *mine.unique))),
            "size_band": mine.size_band if "size_band" in set_ else above.size_band,
            "small_areas": (*above.small_areas, *mine.small_areas),
            "small_area_weight": mine.small_area_weight
            if "small_area_weight" in set_
            else above.small_area_weight,
            "small_area_households": mine.small_area_households
            if "small_area_households" in set_
            else above.small_area_households,
        }
    )


def _check_identification_layer(
    src: _Loaded, mine: IdentificationRule, clauses: Mapping[str, EffectiveClause]
) -> None:
    """Which layer may set what: no department layer; size band and small areas: a municipality."""
    level = src.layer.layer.level
    section = "identification"
    if level == "department":
        raise _err(
            src,
            (section,),
            "identification は団体の層までで定めてください / set 'identification' at municipality level or above",
        )
    for k, cid in enumerate(mine.clauses):
        if cid not in clauses:
            raise _err(src, (section, "clauses", k), f"条項 {cid} がありません / no clause {cid}")
    if level != "municipality":
        for name in ("size_band", "small_areas"):
            if name in mine.model_fields_set:
                raise _err(
                    src,
                    (section, name),
                    f"{section}.{name} は団体の層で定めてください / only a municipality layer states '{name}'",
                )


def _check_identification_tightens(
    src: _Loaded, above: IdentificationRule, mine: IdentificationRule
) -> None:
    """Refuses a lower layer's content rule that loosens the one above."""
    section = "identification"
    set_ = mine.model_fields_set
    for key, w in mine.weights.items():
        if w < above.weights.get(key, 0.0):
            raise _err(
                src,
                (section, "weights", key),
                f"上位の層が定めた重み weights.{key}: {above.weights.get(key)} を下位の層で下げることはできません / "
                f"a lower layer cannot lower 'weights.{key}'",
            )
    if "threshold" in set_ and mine.threshold > above.threshold:
        raise _err(
            src,
            (section, "threshold"),
            f"上位の層が定めた threshold: {above.threshold} を下位の層で上げることはできません / "
            "a lower layer cannot raise 'threshold'",
        )
    for key, t in mine.band_thresholds.items():
        limit = above.band_thresholds.get(key, above.threshold)
        if t > limit:
            raise _err(
                src,
                (section, "band_thresholds", key),
                f"上位の層が定めた band_thresholds.{key}: {limit} を下位の層で上げることはできません / "
                f"a lower layer cannot raise 'band_thresholds.{key}'",
            )
    if "small_area_weight" in set_ and mine.small_area_weight < above.small_area_weight:
        raise _err(
            src,
            (section, "small_area_weight"),
            "上位の層が定めた small_area_weight を下位の層で下げることはできません / "
            "a lower layer cannot lower 'small_area_weight'",
        )
    if "small_area_households" in set_ and mine.small_area_households < above.small_area_households:
        raise _err(
            src,
            (section, "small_area_households"),
            "上位の層が定めた small_area_households を下位の層で下げることはできません / "
            "a lower layer cannot lower 'small_area_households'",
        )
    if "unique" in set_:
        dropped = [k for k in above.unique if k not in mine.unique]
        if dropped:
            raise _err(
                src,
                (section, "unique"),
                f"上位の層が定めた unique の {', '.join(dropped)} を外すことはできません / "
                f"a lower layer cannot drop unique kinds {dropped}",
            )
    if "size_band" in set_ and above.size_band is not None and mine.size_band != above.size_band:
        raise _err(
            src,
            (section, "size_band"),
            f"人口規模は既に {above.size_band} と定められています / the size band is already set",
        )
