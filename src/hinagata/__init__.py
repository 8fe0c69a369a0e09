"""Hinagata (ひな型): safe adoption of generative AI for Japanese municipalities.

The public API is re-exported here: ``scan`` finds personal information in Japanese text.
"""

from hinagata.detect import Detector, Finding, scan

__all__ = ["Detector", "Finding", "__version__", "scan"]
__version__ = "0.1.0"
