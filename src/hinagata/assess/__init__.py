"""Assessment of a text: identifiability, special care, information class (評価)."""

from hinagata.assess._assess import Assessment, Markings, assess
from hinagata.assess._classes import CLASS_RANKS, ClassCondition, ClassRule, ClassScheme, rank_of

__all__ = [
    "CLASS_RANKS",
    "Assessment",
    "ClassCondition",
    "ClassRule",
    "ClassScheme",
    "Markings",
    "assess",
    "rank_of",
]
