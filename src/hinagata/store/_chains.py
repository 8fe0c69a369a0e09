"""One audit chain per municipality (団体ごとの監査記録の連鎖): names, hash format 3,
checkpoints and anchors.

Every record belongs to one chain: its municipality's, or the platform chain
(:data:`PLATFORM`, the empty name: records that name no municipality). Each chain has
its own head row, numbering (``chain_seq``, from 1, without gaps) and links, so workers
writing for different municipalities never wait for each other, and each chain verifies
on its own. ``seq`` stays one increasing number over all chains, for listing.

Hash format 3 covers, beside what format 2 covers, the chain's name and the record's
number in it, so a record cannot be moved to another chain or place. The records written
before chains existed (formats 1 and 2, migration 0010) form one chain that numbered
them ``1, 2, …``: it is kept as the beginning of the platform chain, whose numbering
is theirs (``chain_seq == seq``); an anchor or checkpoint taken before 0010 is one of the
platform chain. See ADR 0021.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from hinagata.store._entry import Copies, derive_copies
from hinagata.store._entry import canonical as _canonical_v2

__all__ = [
    "HASH_VERSION",
    "NAME_WIDTH",
    "PLATFORM",
    "VERSIONS",
    "anchor_text",
    "canonical",
    "chain_label",
    "checkpoint_message",
    "parse_anchor",
]

#: The chain of records that name no municipality (and of every record written before
#: chains existed). No municipality is called by the empty name.
PLATFORM = ""

#: The hash format of new records (1: the record only; 2: also its copies and version;
#: 3: also its chain and its number in the chain).
HASH_VERSION = 3
VERSIONS = (1, 2, 3)
#: A chain's name is at most this long (the width of the municipality copy).
NAME_WIDTH = 200


def chain_label(chain: str) -> str:
    """The chain's name as people read it.

    >>> chain_label("例示市"), chain_label(PLATFORM)
    ('例示市', '（基盤・団体なし） / platform')
    """
    return chain if chain != PLATFORM else "（基盤・団体なし） / platform"


def canonical(
    seq: int,
    chain: str,
    chain_seq: int,
    ts: dt.datetime,
    kind: str,
    request_id: str,
    data: Mapping[str, Any],
    prev: str,
    version: int,
    copies: Copies | None = None,
) -> bytes:
    """What the keyed hash of a record of format ``version`` covers.

    Formats 1 and 2 are exactly as they were (they know no chain: such a record is valid
    only in the platform chain at ``chain_seq == seq``, which the verifier checks).
    """
    if version < 3:
        return _canonical_v2(seq, ts, kind, request_id, data, prev, version, copies)
    body: dict[str, Any] = {
        "seq": seq,
        "chain": chain,
        "chain_seq": chain_seq,
        "ts": ts.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "request_id": request_id,
        "data": data,
        "prev": prev,
        "v": version,
        "copies": (copies or derive_copies(kind, data, version)).to_json(),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def checkpoint_message(chain: str, seq: int, digest: str) -> bytes:
    """What a retention checkpoint's MAC covers: the chain, the number of the last removed
    record and its hash. The platform chain keeps the message of the one chain before
    0010, so its checkpoints from then verify; any other chain's names the chain."""
    if chain == PLATFORM:
        return f"checkpoint:{seq}:{digest}".encode()
    return json.dumps(["checkpoint", chain, seq, digest], ensure_ascii=False).encode("utf-8")


def anchor_text(heads: Mapping[str, tuple[int, str]]) -> str:
    """Every chain's head as one line to keep outside the database: a JSON object of
    ``chain: "SEQ:HASH"``, sorted by chain.

    >>> anchor_text({"例示市": (3, "b" * 64), "": (5, "a" * 64)})[:12]
    '{"":"5:aaaaa'
    """
    return json.dumps(
        {chain: f"{seq}:{digest}" for chain, (seq, digest) in sorted(heads.items())},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def parse_anchor(anchor: str, chain: str = PLATFORM) -> dict[str, tuple[int, str]]:
    """The heads an anchor names: an object of :func:`anchor_text`, or one ``SEQ:HASH``
    (``hinagata audit anchor`` before 0010, or with ``--municipality``), which is
    ``chain``'s.

    >>> parse_anchor("7:" + "c" * 64, "例示市")["例示市"][0]
    7
    """
    text = anchor.strip()
    if not text.startswith("{"):
        return {chain: _one(text)}
    try:
        heads = json.loads(text)
    except ValueError as exc:
        raise ValueError(_BAD_ANCHOR) from exc
    if not isinstance(heads, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in heads.items()
    ):
        raise ValueError(_BAD_ANCHOR)
    return {k: _one(v) for k, v in heads.items()}


_BAD_ANCHOR = (
    "アンカーは `hinagata audit anchor` が表示したとおりに指定してください / "
    "the anchor must be as printed by `hinagata audit anchor` (SEQ:HASH or its JSON object)"
)


def _one(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ValueError(_BAD_ANCHOR)
    return int(seq), digest
