"""Values split across slots: found at the boundaries, every fragment masked in place."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata.gateway._analyse import analyse
from hinagata.gateway._payload import findings_by_slot, join_slots, mask_slots
from hinagata.gateway._schema import Slot
from hinagata.mask import Masker, restore

TEXT = (
    "相談記録。相談者は高橋 健一さん、電話は090-1234-5678、来週折り返す。"
    + "来週また連絡する予定。" * 12
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(1, len(TEXT) - 1), min_size=1, max_size=3, unique=True))
def test_a_value_cut_anywhere_is_masked_in_every_piece(cuts: list[int]) -> None:
    bounds = [0, *sorted(cuts), len(TEXT)]
    pieces = [TEXT[a:b] for a, b in itertools.pairwise(bounds)]
    analysis = analyse(pieces, [None] * len(pieces), None)
    slots = [Slot(("p", i), t) for i, t in enumerate(pieces)]
    _, starts = join_slots(slots)
    per_slot = findings_by_slot(analysis.findings, slots, starts)
    for slot, found in zip(slots, per_slot, strict=True):
        for f in found:
            assert slot.text[f.start : f.end] == f.text
    masker = Masker()
    masked = mask_slots(masker, slots, per_slot)
    sent = "".join(masked)
    assert "090-1234-5678" not in sent and "高橋 健一" not in sent
    # No piece of the number longer than the masking can hide is left as it was.
    assert not any(d in sent for d in ("1234", "5678")), masked
    # Restoring the pieces gives back the text.
    assert "".join(restore(m, masker.mapping) for m in masked) == TEXT
