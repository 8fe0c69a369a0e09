"""Loading a stack of policy layers into one effective policy, and checking the layering.

national → platform (共同化) → municipality → department. A lower layer may add clauses,
add *forbid* rules and class rules (tighten), append local text, and use the extension
points that a higher layer declared (loosen, but only for the departments and services it
names). Anything else is refused with the file, line, clause and reason.

The effective rules compile into one Cedar policy set (parsed once): a forbid always wins
over a permit, so a lower layer that adds a forbid can only tighten — the safety of the
layering is a property of the semantics, not of careful merge code.

This module loads the layers (the file, the chain it extends, the departments it lists);
``_compose`` composes them, ``_sections`` and ``_identification`` hold each settings
section's merge rules, ``_cedar`` compiles the rules, ``_effective`` the resulting types.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from hinagata._yaml import load_yaml, validate
from hinagata.policy._cedar import CEDAR_SCHEMA
from hinagata.policy._compose import _compose
from hinagata.policy._effective import EffectiveClause, EffectiveRule, LayerInfo, Policy
from hinagata.policy._layers import _NATIONAL, _POLICY_FILE, _err, _Loaded, _resolve
from hinagata.policy._model import Layer

__all__ = ["CEDAR_SCHEMA", "EffectiveClause", "EffectiveRule", "LayerInfo", "Policy", "load_policy"]


def load_policy(path: str | Path | None = None) -> Policy:
    """The effective policy of the layer at ``path`` (a directory or its policy.yaml).

    ``None`` gives the bundled national template alone. Raises
    :class:`~hinagata._yaml.DataFileError` naming the file, line, clause and reason.
    """
    leaf = _bundled_national() if path is None else _load_file(Path(path))
    chain = _chain(leaf)
    departments = [_load_file(_resolve(ref, leaf)) for ref in leaf.layer.layer.departments]
    for d in departments:
        if d.layer.layer.level != "department":
            raise _err(
                d,
                ("layer", "level"),
                "departments に指定できるのは所属の層だけです / not a department layer",
            )
        ext = d.layer.layer.extends
        if ext is None or leaf.path is None or _layer_file(_resolve(ext, d)) != leaf.path.resolve():
            raise _err(
                d,
                ("layer", "extends"),
                "この所属の層は一覧に載せた団体の層を継承していません / must extend the listing municipality layer",
            )
    return _compose([*chain, *departments])


def _bundled_national() -> _Loaded:
    text = (
        resources.files("hinagata.policy")
        .joinpath("templates/national/policy.yaml")
        .read_text("utf-8")
    )
    located = load_yaml("national/policy.yaml (bundled)", text=text)
    return _Loaded(validate(Layer, located), located, None)


def _load_file(path: Path) -> _Loaded:
    if path.is_dir():
        path = path / _POLICY_FILE
    located = load_yaml(path)
    return _Loaded(validate(Layer, located), located, path)


def _layer_file(path: Path) -> Path:
    return (path / _POLICY_FILE if path.is_dir() else path).resolve()


def _chain(leaf: _Loaded) -> list[_Loaded]:
    chain = [leaf]
    seen: set[Path] = set()
    cur = leaf
    while cur.layer.layer.extends:
        ref = cur.layer.layer.extends
        if ref == _NATIONAL:
            chain.append(_bundled_national())
            break
        path = _resolve(ref, cur)
        if path in seen:
            raise _err(
                cur, ("layer", "extends"), f"継承が循環しています / circular 'extends': {ref}"
            )
        seen.add(path)
        if not (path.exists() or (path / _POLICY_FILE).exists()):
            raise _err(
                cur, ("layer", "extends"), f"上位の層が見つかりません / layer not found: {ref}"
            )
        cur = _load_file(path)
        chain.append(cur)
    chain.reverse()
    return chain
