"""The quasi-identifiers' vocabulary: ``data/quasi.yaml`` and the 指定難病 names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["QuasiVocabulary", "load_vocabulary"]


@dataclass(frozen=True)
class QuasiVocabulary:
    """The word lists of ``data/quasi.yaml`` and the 指定難病 names."""

    roles: tuple[str, ...]
    role_not_before: tuple[str, ...]
    workplaces: tuple[str, ...]
    workplace_verbs: tuple[str, ...]
    workplace_not_before: tuple[str, ...]
    family: tuple[str, ...]
    family_not_before: tuple[str, ...]
    singulars: tuple[str, ...]
    singular_not_before: tuple[str, ...]
    matters: tuple[str, ...]
    matter_not_before: tuple[str, ...]
    kin: tuple[str, ...]
    events: tuple[str, ...]
    rare_conditions: tuple[str, ...]
    diseases: tuple[str, ...]
    disease_source: str


def _strings(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{source}: '{key}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(value))


@lru_cache(maxsize=1)
def load_vocabulary() -> QuasiVocabulary:
    """The bundled vocabulary (read once); a missing or broken file names itself."""
    files = resources.files("hinagata.detect").joinpath("data")
    quasi_src = "hinagata/detect/data/quasi.yaml"
    dis_src = "hinagata/detect/data/designated_intractable_diseases.yaml"
    try:
        quasi = yaml.safe_load(files.joinpath("quasi.yaml").read_text("utf-8"))
        dis = yaml.safe_load(
            files.joinpath("designated_intractable_diseases.yaml").read_text("utf-8")
        )
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{quasi_src} / {dis_src}: cannot read the vocabulary: {exc}") from exc
    if not isinstance(quasi, dict) or not isinstance(dis, dict):
        raise ValueError(f"{quasi_src} / {dis_src}: a mapping is required")
    names: list[str] = []
    for entry in _strings(dis, "diseases", dis_src):
        names.extend(n.strip() for n in entry.split("／") if n.strip())
    source = dis.get("source") or {}
    return QuasiVocabulary(
        roles=_strings(quasi, "roles", quasi_src),
        role_not_before=_strings(quasi, "role_not_before", quasi_src),
        workplaces=_strings(quasi, "workplaces", quasi_src),
        workplace_verbs=_strings(quasi, "workplace_verbs", quasi_src),
        workplace_not_before=_strings(quasi, "workplace_not_before", quasi_src),
        family=_strings(quasi, "family", quasi_src),
        family_not_before=_strings(quasi, "family_not_before", quasi_src),
        singulars=_strings(quasi, "singulars", quasi_src),
        singular_not_before=_strings(quasi, "singular_not_before", quasi_src),
        matters=_strings(quasi, "matters", quasi_src),
        matter_not_before=_strings(quasi, "matter_not_before", quasi_src),
        kin=_strings(quasi, "kin", quasi_src),
        events=_strings(quasi, "events", quasi_src),
        rare_conditions=_strings(quasi, "rare_conditions", quasi_src),
        diseases=tuple(dict.fromkeys(names)),
        disease_source=str(source.get("title", "")) if isinstance(source, dict) else "",
    )
