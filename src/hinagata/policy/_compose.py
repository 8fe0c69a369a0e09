"""Composing the loaded layers, top to bottom, into one effective policy.

Each layer adds to what the layers above composed: its class rules and markings, its
chapters, clauses, rules and extension points, text appended to clauses above, uses of the
extension points above, and its settings sections (each merged by its own rules). Anything
a lower layer may not do is refused with the file, line, clause and reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from hinagata.assess import ClassRule, ClassScheme, IdentificationRule, Markings
from hinagata.policy._cedar import _cedar_policy, _compile
from hinagata.policy._effective import EffectiveClause, EffectiveRule, LayerInfo, Policy
from hinagata.policy._identification import _merge_identification
from hinagata.policy._layers import _err, _Loaded, _resolve
from hinagata.policy._model import (
    LEVELS,
    Chapter,
    Clause,
    Disclosure,
    Extension,
    ExtensionPoint,
    InjectionScreening,
    OutputScreening,
    TrainingPolicy,
    TranscriptPolicy,
    UntrustedContent,
)
from hinagata.policy._sections import (
    _merge_injection,
    _merge_on_only,
    _merge_output,
    _merge_training,
    _merge_untrusted,
)
from hinagata.services import Catalog, load_catalog


@dataclass
class _Composed:
    """What the layers composed so far."""

    catalog: Catalog
    chapters: dict[str, tuple[Chapter, list[EffectiveClause], str]] = field(default_factory=dict)
    clause_index: dict[str, EffectiveClause] = field(default_factory=dict)
    rules: dict[str, EffectiveRule] = field(default_factory=dict)
    points: dict[str, tuple[ExtensionPoint, str]] = field(default_factory=dict)
    extensions: list[tuple[Extension, str]] = field(default_factory=list)
    class_rules: list[ClassRule] = field(default_factory=list)
    secret: list[str] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)
    scheme: ClassScheme = ClassScheme.FIVE_LEVEL
    municipality: str | None = None
    title: str = ""
    disclosure: Disclosure | None = None
    transcripts: TranscriptPolicy | None = None
    untrusted: UntrustedContent | None = None
    output: OutputScreening | None = None
    injection: InjectionScreening | None = None
    identification: IdentificationRule | None = None
    training: TrainingPolicy | None = None
    departments: tuple[str, ...] = ()


def _compose(layers: Sequence[_Loaded]) -> Policy:
    _check_levels(layers)
    composed = _Composed(catalog=load_catalog())
    for src in layers:
        _add_layer(composed, src)
    return _policy(composed, layers)


def _add_layer(c: _Composed, src: _Loaded) -> None:
    layer = src.layer
    meta = layer.layer
    if meta.level in ("national", "platform", "municipality"):
        c.title = meta.title or (meta.name if meta.level == "municipality" else c.title)
    c.municipality = meta.municipality or c.municipality
    if meta.catalog:
        if src.path is None:
            raise _err(src, ("layer", "catalog"), "bundled layer cannot name a catalog")
        c.catalog = load_catalog(_resolve(meta.catalog, src))
    _add_classification(c, src)
    for ci, chapter in enumerate(layer.chapters):
        _add_chapter(c, src, ci, chapter)
    _apply_changes(c, src)
    for k, use in enumerate(layer.extensions):
        _apply_extension(c, src, k, use)
    _merge_sections(c, src)
    _add_organisation(c, src)


def _add_organisation(c: _Composed, src: _Loaded) -> None:
    """The municipality's departments: national (a typical set) or a municipality layer
    (its own, replacing it); a department layer's department is always one of them."""
    meta = src.layer.layer
    org = src.layer.organisation
    if org is not None:
        if meta.level not in ("national", "municipality"):
            raise _err(
                src,
                ("organisation",),
                "所属の一覧は国のひな型か団体の層で定めます / only the national or a"
                " municipality layer lists the departments",
            )
        c.departments = org.departments
    if meta.level == "department" and meta.department and meta.department not in c.departments:
        c.departments = (*c.departments, meta.department)


def _add_classification(c: _Composed, src: _Loaded) -> None:
    cls = src.layer.classification
    if cls.scheme:
        c.scheme = ClassScheme.get(cls.scheme)
    c.secret.extend(cls.markings.secret)
    c.internal.extend(cls.markings.internal)
    for i, cr in enumerate(cls.rules):
        if any(cr.id == r.id for r in c.class_rules):
            raise _err(
                src,
                ("classification", "rules", i, "id"),
                f"区分の規則 id が重複しています / duplicate class rule id {cr.id}",
            )
        c.class_rules.append(cr)


def _add_chapter(c: _Composed, src: _Loaded, ci: int, chapter: Chapter) -> None:
    lid = src.layer.layer.id
    entry = c.chapters.get(chapter.id)
    if entry is None:
        entry = (chapter, [], lid)
        c.chapters[chapter.id] = entry
    for cj, clause in enumerate(chapter.clauses):
        loc: tuple[str | int, ...] = ("chapters", ci, "clauses", cj)
        if clause.id in c.clause_index:
            raise _err(
                src,
                (*loc, "id"),
                f"条項 {clause.id} は既に {c.clause_index[clause.id].layer} で定められています / clause id already defined",
            )
        eff = EffectiveClause(clause, chapter.id, lid)
        c.clause_index[clause.id] = eff
        entry[1].append(eff)
        own_rules = _add_rules(c, src, loc, clause)
        _add_extension_points(c, src, loc, clause, own_rules)


def _add_rules(c: _Composed, src: _Loaded, loc: tuple[str | int, ...], clause: Clause) -> set[str]:
    """The clause's rules (a lower layer adds forbids only); their ids."""
    meta = src.layer.layer
    national = meta.level == "national"
    own_rules: set[str] = set()
    for rk, rule in enumerate(clause.rules):
        rloc = (*loc, "rules", rk)
        if rule.id in c.rules:
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
        c.rules[rule.id] = EffectiveRule(
            rule,
            clause.id,
            clause.title,
            meta.id,
            meta.department if meta.level == "department" else None,
        )
        own_rules.add(rule.id)
    return own_rules


def _add_extension_points(
    c: _Composed,
    src: _Loaded,
    loc: tuple[str | int, ...],
    clause: Clause,
    own_rules: set[str],
) -> None:
    """The clause's extension points: each lifts rules of its own clause only."""
    for pk, ep in enumerate(clause.extension_points):
        ploc = (*loc, "extension_points", pk)
        if ep.id in c.points:
            raise _err(
                src,
                (*ploc, "id"),
                f"拡張点 id {ep.id} が重複しています / duplicate extension point id",
            )
        if ep.setting is not None and src.layer.layer.level != "national":
            raise _err(
                src,
                (*ploc, "setting"),
                "設定を緩める拡張点は国のひな型だけが定めます / only the national layer opens a"
                " setting to lower layers",
            )
        for lifted in ep.lifts:
            if lifted not in own_rules:
                raise _err(
                    src,
                    (*ploc, "lifts"),
                    f"拡張点は同じ条項の規定しか緩められません / {lifted} is not a rule of clause {clause.id}",
                )
        c.points[ep.id] = (ep, src.layer.layer.id)


def _apply_changes(c: _Composed, src: _Loaded) -> None:
    """Local text appended to clauses of the layers above."""
    lid = src.layer.layer.id
    for k, change in enumerate(src.layer.changes):
        target = c.clause_index.get(change.clause)
        if target is None or target.layer == lid:
            raise _err(
                src,
                ("changes", k, "clause"),
                f"上位の層に条項 {change.clause} がありません / no clause {change.clause} above",
            )
        target.appended.append((lid, change.append_text))


def _apply_extension(c: _Composed, src: _Loaded, k: int, use: Extension) -> None:
    """A use of an extension point above: lifts its rules for the departments and services named."""
    meta = src.layer.layer
    lid = meta.id
    found = c.points.get(use.point)
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
        if sid not in c.catalog.ids:
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
    c.extensions.append((use, lid))
    for lifted in ep.lifts:
        r = c.rules[lifted]
        c.rules[lifted] = EffectiveRule(
            r.rule, r.clause_id, r.clause_title, r.layer, r.department, (*r.lifted_by, use)
        )


def _merge_sections(c: _Composed, src: _Loaded) -> None:
    """The layer's settings sections, each merged with the one above by its own rules."""
    layer = src.layer
    if layer.disclosure is not None:
        c.disclosure = _merge_on_only(
            src,
            "disclosure",
            c.disclosure,
            layer.disclosure,
            c.clause_index,
            ("header", "append_to_answer"),
        )
    if layer.transcripts is not None:
        c.transcripts = _merge_on_only(
            src, "transcripts", c.transcripts, layer.transcripts, c.clause_index, ("keep",)
        )
    if layer.untrusted is not None:
        c.untrusted = _merge_untrusted(src, c.untrusted, layer.untrusted, c.clause_index)
    if layer.output is not None:
        c.output = _merge_output(src, c.output, layer.output, c.clause_index)
    if layer.injection is not None:
        c.injection = _merge_injection(src, c.injection, layer.injection, c.clause_index)
    if layer.identification is not None:
        c.identification = _merge_identification(
            src, c.identification, layer.identification, c.clause_index
        )
    if layer.training is not None:
        c.training = _merge_training(src, c.training, layer.training, c.clause_index)


def _policy(c: _Composed, layers: Sequence[_Loaded]) -> Policy:
    """The effective policy: the rules compiled to Cedar, the layers, version and hash."""
    cedar_text = "\n".join(_cedar_policy(rid, er) for rid, er in c.rules.items())
    compiled = _compile(cedar_text, c.rules, {s.layer.layer.id: s for s in layers})
    infos = tuple(
        LayerInfo(
            s.layer.layer.id,
            s.layer.layer.name,
            s.layer.layer.level,
            s.layer.layer.version,
            s.located.source,
            s.layer.layer.department if s.layer.layer.level == "department" else None,
        )
        for s in layers
    )
    version = "+".join(f"{i.id}@{i.version}" for i in infos)
    return Policy(
        layers=infos,
        chapters=tuple((ch, tuple(cl), lid) for ch, cl, lid in c.chapters.values()),
        rules=c.rules,
        extension_points=c.points,
        extensions=tuple(c.extensions),
        class_rules=tuple(c.class_rules),
        markings=Markings.from_patterns(c.secret, c.internal),
        scheme=c.scheme,
        catalog=c.catalog,
        municipality=c.municipality,
        title=c.title,
        version=version,
        content_hash=_content_hash(layers, c.catalog),
        cedar_text=cedar_text,
        _cedar=compiled,
        disclosure=c.disclosure,
        transcripts=c.transcripts,
        untrusted=c.untrusted,
        output=c.output,
        injection=c.injection,
        identification=c.identification,
        training=c.training,
        departments=c.departments,
    )


def _content_hash(layers: Sequence[_Loaded], catalog: Catalog) -> str:
    """The hash of every layer's data and of the service catalog."""
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
    return digest.hexdigest()


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
