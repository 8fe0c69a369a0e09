"""Municipality size bands (人口規模), shared by the case catalog and the content rule.

One definition: a case in the catalog is grouped by the same band a municipality's policy
layer states for identification by content (a smaller municipality takes fewer
attributes to single someone out).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["SIZE_BANDS"]

#: Size band key → its Japanese name.
SIZE_BANDS: Mapping[str, str] = {
    "under_10k": "1万人未満",
    "10k_50k": "1万人以上5万人未満",
    "50k_200k": "5万人以上20万人未満",
    "over_200k": "20万人以上",
    "designated": "政令指定都市",
    "prefecture": "都道府県",
}
