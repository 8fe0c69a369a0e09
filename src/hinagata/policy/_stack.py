"""Loading a stack of policy layers into one effective policy, and checking the layering.

national → platform (共同化) → municipality → department. A lower layer may add clauses,
add *forbid* rules and class rules (tighten), append local text, and use the extension
points that a higher layer declared (loosen, but only for the departments and services it
names). Anything else is refused with the file, line, clause and reason.

The effective rules compile into one Cedar policy set (parsed once): a forbid always wins
over a permit, so a lower layer that adds a forbid can only tighten — the safety of the
layering is a property of the semantics, not of careful merge code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import cedarpy

from hinagata._yaml import DataFileError, LocatedData, load_yaml, validate
from hinagata.assess import ClassRule, ClassScheme, IdentificationRule, Markings
from hinagata.policy._model import (
    LEVELS,
    Chapter,
    Clause,
    Disclosure,
    Extension,
    ExtensionPoint,
    InjectionScreening,
    InjectionThresholds,
    Layer,
    OutputScreening,
    Rule,
    TranscriptPolicy,
    UntrustedContent,
)
from hinagata.services import Catalog, load_catalog

__all__ = ["CEDAR_SCHEMA", "EffectiveClause", "EffectiveRule", "LayerInfo", "Policy", "load_policy"]

CEDAR_SCHEMA = """
entity User = {
  "trained": Bool,
  "department": String,
  "municipality": String,
  "roles": Set<String>,
};
entity Service = {
  "service_type": String,
  "domestic_provider": Bool,
  "japan_only": Bool,
  "no_training": Bool,
  "contract": String,
  "ismap": String,
  "lgwan": String,
};
type Facts = {
  "class_rank": Long,
  "masked_class_rank": Long,
  "identifiable": Bool,
  "masked_identifiable": Bool,
  "special_care": Bool,
  "my_number": Bool,
  "personal": Bool,
  "granted": Bool,
  "marking": String,
  "unreadable": Bool,
  "injection": Bool,
  "untrusted_injection": Bool,
  "content_identifiable"?: Bool,
  "masked_content_identifiable"?: Bool,
};
action send_raw, send_masked, request_review appliesTo {
  principal: User, resource: Service, context: Facts
};
"""

_NATIONAL = "national"
_POLICY_FILE = "policy.yaml"


@dataclass(frozen=True)
class LayerInfo:
    id: str
    name: str
    level: str
    version: str
    source: str


@dataclass
class EffectiveClause:
    clause: Clause
    chapter_id: str
    layer: str
    #: Local text appended by lower layers: (layer id, text).
    appended: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class EffectiveRule:
    rule: Rule
    clause_id: str
    clause_title: str
    layer: str
    #: For department layers: the department the rule is limited to.
    department: str | None = None
    #: Extension uses that lift this rule for their scope.
    lifted_by: tuple[Extension, ...] = ()


@dataclass(frozen=True)
class Policy:
    """The effective policy of one municipality (or of the national template alone)."""

    layers: tuple[LayerInfo, ...]
    chapters: tuple[tuple[Chapter, tuple[EffectiveClause, ...], str], ...]
    rules: dict[str, EffectiveRule]
    extension_points: dict[str, tuple[ExtensionPoint, str]]
    extensions: tuple[tuple[Extension, str], ...]
    class_rules: tuple[ClassRule, ...]
    markings: Markings
    scheme: ClassScheme
    catalog: Catalog
    municipality: str | None
    title: str
    version: str
    content_hash: str
    cedar_text: str
    _cedar: Any = field(repr=False, compare=False)
    #: What the gateway attaches to answers (None: the policy asks for no disclosure).
    disclosure: Disclosure | None = None
    #: Whether full prompts and answers are kept, and how long.
    transcripts: TranscriptPolicy | None = None
    #: Screening of tool results and other untrusted content (None: not screened).
    untrusted: UntrustedContent | None = None
    #: Screening of answers (None: not screened).
    output: OutputScreening | None = None
    #: How prompt injection is detected (None: the national default, mode ``both``).
    injection: InjectionScreening | None = None
    #: The content rule (特異な記述) in effect (None: only direct identifiers count).
    identification: IdentificationRule | None = None

    @property
    def cedar(self) -> Any:
        """The pre-parsed Cedar policy set."""
        return self._cedar

    @property
    def name(self) -> str:
        return self.layers[-1].name

    def rule_layer(self, rule_id: str) -> str:
        return self.rules[rule_id].layer


# ---------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class _Loaded:
    layer: Layer
    located: LocatedData
    path: Path | None  # None for the bundled template


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


def _resolve(ref: str, base: _Loaded) -> Path:
    assert base.path is not None
    return (base.path.parent / ref).resolve()


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


def _err(src: _Loaded, loc: tuple[str | int, ...], message: str) -> DataFileError:
    dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    return DataFileError(src.located.source, [(src.located.line_of(loc), dotted, message)])


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


def _compose(layers: Sequence[_Loaded]) -> Policy:
    _check_levels(layers)
    chapters: dict[str, tuple[Chapter, list[EffectiveClause], str]] = {}
    clause_index: dict[str, EffectiveClause] = {}
    rules: dict[str, EffectiveRule] = {}
    points: dict[str, tuple[ExtensionPoint, str]] = {}
    extensions: list[tuple[Extension, str]] = []
    class_rules: list[ClassRule] = []
    secret: list[str] = []
    internal: list[str] = []
    scheme = ClassScheme.FIVE_LEVEL
    catalog = load_catalog()
    municipality: str | None = None
    title = ""
    disclosure: Disclosure | None = None
    transcripts: TranscriptPolicy | None = None
    untrusted: UntrustedContent | None = None
    output: OutputScreening | None = None
    injection: InjectionScreening | None = None
    identification: IdentificationRule | None = None
    for src in layers:
        layer = src.layer
        meta = layer.layer
        lid = meta.id
        national = meta.level == "national"
        if meta.level in ("national", "platform", "municipality"):
            title = meta.title or (meta.name if meta.level == "municipality" else title)
        municipality = meta.municipality or municipality
        if meta.catalog:
            if src.path is None:
                raise _err(src, ("layer", "catalog"), "bundled layer cannot name a catalog")
            catalog = load_catalog(_resolve(meta.catalog, src))
        cls = layer.classification
        if cls.scheme:
            scheme = ClassScheme.get(cls.scheme)
        secret.extend(cls.markings.secret)
        internal.extend(cls.markings.internal)
        for i, cr in enumerate(cls.rules):
            if any(cr.id == r.id for r in class_rules):
                raise _err(
                    src,
                    ("classification", "rules", i, "id"),
                    f"区分の規則 id が重複しています / duplicate class rule id {cr.id}",
                )
            class_rules.append(cr)
        for ci, chapter in enumerate(layer.chapters):
            entry = chapters.get(chapter.id)
            if entry is None:
                entry = (chapter, [], lid)
                chapters[chapter.id] = entry
            for cj, clause in enumerate(chapter.clauses):
                loc: tuple[str | int, ...] = ("chapters", ci, "clauses", cj)
                if clause.id in clause_index:
                    raise _err(
                        src,
                        (*loc, "id"),
                        f"条項 {clause.id} は既に {clause_index[clause.id].layer} で定められています / clause id already defined",
                    )
                eff = EffectiveClause(clause, chapter.id, lid)
                clause_index[clause.id] = eff
                entry[1].append(eff)
                own_rules: set[str] = set()
                for rk, rule in enumerate(clause.rules):
                    rloc = (*loc, "rules", rk)
                    if rule.id in rules:
                        raise _err(
                            src,
                            (*rloc, "id"),
                            f"規定 id {rule.id} が重複しています / duplicate rule id",
                        )
                    if not national and rule.effect == "permit":
                        raise _err(
                            src,
                            (*rloc, "effect"),
                            f"条項 {clause.id}: 下位の層は規定を緩める permit を追加できません。"
                            "上位の層が定めた拡張点（extensions）を使ってください / a lower layer may only add 'forbid' rules; "
                            "loosen through an extension point",
                        )
                    rules[rule.id] = EffectiveRule(
                        rule,
                        clause.id,
                        clause.title,
                        lid,
                        meta.department if meta.level == "department" else None,
                    )
                    own_rules.add(rule.id)
                for pk, ep in enumerate(clause.extension_points):
                    ploc = (*loc, "extension_points", pk)
                    if ep.id in points:
                        raise _err(
                            src,
                            (*ploc, "id"),
                            f"拡張点 id {ep.id} が重複しています / duplicate extension point id",
                        )
                    for lifted in ep.lifts:
                        if lifted not in own_rules:
                            raise _err(
                                src,
                                (*ploc, "lifts"),
                                f"拡張点は同じ条項の規定しか緩められません / {lifted} is not a rule of clause {clause.id}",
                            )
                    points[ep.id] = (ep, lid)
        for k, change in enumerate(layer.changes):
            target = clause_index.get(change.clause)
            if target is None or target.layer == lid:
                raise _err(
                    src,
                    ("changes", k, "clause"),
                    f"上位の層に条項 {change.clause} がありません / no clause {change.clause} above",
                )
            target.appended.append((lid, change.append_text))
        for k, use in enumerate(layer.extensions):
            found = points.get(use.point)
            if found is None or found[1] == lid:
                raise _err(
                    src,
                    ("extensions", k, "point"),
                    f"上位の層に拡張点 {use.point} がありません / no extension point {use.point} above",
                )
            ep, _ = found
            for kind in ("departments", "services"):
                if getattr(use, kind) and kind not in ep.bind:
                    raise _err(
                        src,
                        ("extensions", k, kind),
                        f"拡張点 {ep.id} は {kind} で限定できません / {ep.id} cannot be bound by {kind}",
                    )
            for sid in use.services:
                if sid not in catalog.ids:
                    raise _err(
                        src,
                        ("extensions", k, "services"),
                        f"サービス {sid} は台帳にありません / unknown service {sid}",
                    )
            if (
                meta.level == "department"
                and meta.department
                and use.departments
                and set(use.departments) != {meta.department}
            ):
                raise _err(
                    src,
                    ("extensions", k, "departments"),
                    "所属の層は自所属に限って拡張できます / a department layer extends for itself only",
                )
            extensions.append((use, lid))
            for lifted in ep.lifts:
                r = rules[lifted]
                rules[lifted] = EffectiveRule(
                    r.rule, r.clause_id, r.clause_title, r.layer, r.department, (*r.lifted_by, use)
                )
        if layer.disclosure is not None:
            disclosure = _merge_on_only(
                src,
                "disclosure",
                disclosure,
                layer.disclosure,
                clause_index,
                ("header", "append_to_answer"),
            )
        if layer.transcripts is not None:
            transcripts = _merge_on_only(
                src, "transcripts", transcripts, layer.transcripts, clause_index, ("keep",)
            )
        if layer.untrusted is not None:
            untrusted = _merge_untrusted(src, untrusted, layer.untrusted, clause_index)
        if layer.output is not None:
            output = _merge_output(src, output, layer.output, clause_index)
        if layer.injection is not None:
            injection = _merge_injection(src, injection, layer.injection, clause_index)
        if layer.identification is not None:
            identification = _merge_identification(
                src, identification, layer.identification, clause_index
            )
    cedar_text = "\n".join(_cedar_policy(rid, er) for rid, er in rules.items())
    compiled = _compile(cedar_text, rules, {s.layer.layer.id: s for s in layers})
    infos = tuple(
        LayerInfo(
            s.layer.layer.id,
            s.layer.layer.name,
            s.layer.layer.level,
            s.layer.layer.version,
            s.located.source,
        )
        for s in layers
    )
    version = "+".join(f"{i.id}@{i.version}" for i in infos)
    digest = hashlib.sha256()
    for loaded in layers:
        digest.update(
            json.dumps(
                loaded.located.data, ensure_ascii=False, sort_keys=True, default=str
            ).encode()
        )
    digest.update(
        json.dumps(catalog.model_dump(mode="json"), ensure_ascii=False, sort_keys=True).encode()
    )
    return Policy(
        layers=infos,
        chapters=tuple((ch, tuple(cl), lid) for ch, cl, lid in chapters.values()),
        rules=rules,
        extension_points=points,
        extensions=tuple(extensions),
        class_rules=tuple(class_rules),
        markings=Markings.from_patterns(secret, internal),
        scheme=scheme,
        catalog=catalog,
        municipality=municipality,
        title=title,
        version=version,
        content_hash=digest.hexdigest(),
        cedar_text=cedar_text,
        _cedar=compiled,
        disclosure=disclosure,
        transcripts=transcripts,
        untrusted=untrusted,
        output=output,
        injection=injection,
        identification=identification,
    )


_T = TypeVar(
    "_T", Disclosure, TranscriptPolicy, UntrustedContent, OutputScreening, InjectionScreening
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
    for kind in ("prompt", "document"):
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
            for k in ("prompt", "document")
        }
        mine = mine.model_copy(update={"thresholds": InjectionThresholds(**merged)})
    return mine


def _model_thresholds() -> dict[str, float]:
    """The bundled model's calibrated thresholds (the ceiling of a policy's thresholds)."""
    from hinagata.guard import load_model

    return dict(load_model().thresholds)


def _merge_identification(
    src: _Loaded,
    above: IdentificationRule | None,
    mine: IdentificationRule,
    clauses: Mapping[str, EffectiveClause],
) -> IdentificationRule:
    """A lower layer may only tighten the content rule; the municipality states its size band.

    Tighter: a weight at least the one above, a threshold at most the one above, unique
    kinds and small areas added, never removed. Only a municipality layer states its size
    band and lists its small areas; a department layer sets nothing here.
    """
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
    if above is None:
        if not mine.clauses:
            raise _err(
                src,
                (section, "clauses"),
                "identification には根拠の条項（clauses）が必要です / 'clauses' is required",
            )
        return mine
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


def _check_levels(layers: Sequence[_Loaded]) -> None:
    last = -1
    for src in layers:
        level = LEVELS.index(src.layer.layer.level)
        if level <= last and src.layer.layer.level != "department":
            raise _err(
                src,
                ("layer", "level"),
                "層の順序が正しくありません（国→共同化→団体→所属）/ layers must go national → platform → municipality → department",
            )
        last = max(last, level)
    if layers[0].layer.layer.level != "national":
        raise _err(
            layers[0],
            ("layer", "level"),
            "最上位は国のひな型でなければなりません / the top layer must be national",
        )


def _cedar_policy(rule_id: str, er: EffectiveRule) -> str:
    rule = er.rule
    actions = ", ".join(f'Action::"{a}"' for a in rule.actions)
    when = [f"({rule.when})"] if rule.when else []
    if er.department:
        when.append(f"principal.department == {_cedar_str(er.department)}")
    unless = [f"({rule.unless})"] if rule.unless else []
    for use in er.lifted_by:
        scope = []
        if use.departments:
            scope.append(
                f"[{', '.join(map(_cedar_str, use.departments))}].contains(principal.department)"
            )
        if use.services:
            scope.append(
                f"[{', '.join(f'Service::{_cedar_str(s)}' for s in use.services)}].contains(resource)"
            )
        unless.append("(" + " && ".join(scope) + ")")
    text = f"@id({_cedar_str(rule_id)})\n{rule.effect} (principal, action in [{actions}], resource)"
    if when:
        text += "\nwhen { " + " && ".join(when) + " }"
    if unless:
        text += "\nunless { " + " || ".join(unless) + " }"
    return text + ";"


def _cedar_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _compile(text: str, rules: dict[str, EffectiveRule], by_id: dict[str, _Loaded]) -> Any:
    """Parse and type-check the rules against the schema; errors name the rule's file and line."""
    for rid, er in rules.items():
        policy = _cedar_policy(rid, er)
        owner = by_id[er.layer]
        loc = _rule_loc(owner, er.clause_id, rid)
        try:
            result = cedarpy.validate_policies(policy, CEDAR_SCHEMA)
        except ValueError as exc:
            raise _err(
                owner, loc, f"条件を解釈できません / cannot parse the condition: {exc}"
            ) from exc
        if not result.validation_passed:
            detail = "; ".join(sorted({str(e).split("] ", 1)[-1] for e in result.errors}))
            raise _err(owner, loc, f"条件が正しくありません / invalid condition: {detail}")
    return cedarpy.PolicySet.from_str(text)


def _rule_loc(src: _Loaded, clause_id: str, rule_id: str) -> tuple[str | int, ...]:
    for ci, ch in enumerate(src.layer.chapters):
        for cj, cl in enumerate(ch.clauses):
            if cl.id != clause_id:
                continue
            for rk, r in enumerate(cl.rules):
                if r.id == rule_id:
                    return ("chapters", ci, "clauses", cj, "rules", rk, "when")
    return ()
