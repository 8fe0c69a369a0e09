"""Detection of Japanese personal information (個人情報の検出)."""

from hinagata.detect._detector import Detector, default_detector, scan, scan_pieces
from hinagata.detect._recognizer import Context, PatternRecognizer, Recognizer
from hinagata.detect._types import FINDING_TYPES, IDENTIFIER_CODE_TYPES, Candidate, Finding
from hinagata.detect.sensitive import Category, Lexicon, LexiconError, load_lexicon

__all__ = [
    "FINDING_TYPES",
    "IDENTIFIER_CODE_TYPES",
    "Candidate",
    "Category",
    "Context",
    "Detector",
    "Finding",
    "Lexicon",
    "LexiconError",
    "PatternRecognizer",
    "Recognizer",
    "default_detector",
    "load_lexicon",
    "scan",
    "scan_pieces",
]
