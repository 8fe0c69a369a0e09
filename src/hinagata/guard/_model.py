"""The learned injection detector: a linear model over hashed character and word n-grams.

Trained by ``train/train_injection.py`` (see ``docs/injection-model.md``); the weights ship
in the package (``guard/data/injection_model.npy``) with their metadata beside them
(``injection_model.json``: feature settings, bias, calibration, thresholds per kind, and
the SHA-256 of the weights file, checked at load).

The text is normalised like the rules see it (NFKC, invisible characters removed, ASCII
lower-case, look-alikes folded) and digits are folded to ``0``; character n-grams of the
configured lengths are hashed (a polynomial hash over code points, vectorised) into a fixed
number of buckets; where the metadata names ``words``, SudachiPy's normalised word forms
(unigrams and bigrams, hashed with CRC-32) are added into the same buckets
(:class:`WordFeatures`); the vector is L2-normalised and scored as ``σ(a·(w·x + b) + c)``
(the calibration ``a, c`` maps raw margins to a probability-like score). numpy and the
tokenizer the detectors already use: nothing else at run time.

Long texts are scored in bounded windows: sentences packed up to ``window`` characters,
a sentence longer than that cut into overlapping pieces, so one injected sentence in a long
benign document is scored with its neighbours only, and the memory used is that of one
window whatever the length of the text.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hinagata.text import normalize

__all__ = [
    "DEFAULT_MODEL",
    "InjectionModel",
    "ModelError",
    "WordFeatures",
    "bucketize",
    "features",
    "featurize",
    "load_model",
    "ngram_hashes",
    "prepare",
    "prepare_normalized",
    "windows",
]

#: The bundled model's metadata file (the weights file is named in it).
DEFAULT_MODEL = "injection_model.json"
_FORMAT = "hinagata-injection-model/1"
_FORMAT_2 = "hinagata-injection-model/2"

_MUL = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime, as a polynomial base
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(29)
_DIGITS = re.compile(r"[0-9]")
_SENTENCE_END = re.compile(r"[。！？\n]+|(?<=[.;:!?])\s+")


class ModelError(RuntimeError):
    """The weights file is missing, corrupt or does not match its metadata."""


def prepare(text: str) -> str:
    """The text as the model sees it: normalised, folded like the rules see it (ASCII
    lower-case, look-alikes to Latin), digits as ``0``; as long as the normalised text."""
    return prepare_normalized(normalize(text).text)


def prepare_normalized(t: str) -> str:
    """:func:`prepare` for a text already normalised."""
    from hinagata.guard._scoring import _FOLD  # the rules' folding, one table for both

    return _DIGITS.sub("0", t.translate(_FOLD))


def featurize(
    text: str, ngrams: tuple[int, ...], buckets: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """(bucket indices, L2-normalised counts) of the hashed character n-grams of ``text``
    (already :func:`prepare`-d). The text is framed by start and end marks."""
    return bucketize(ngram_hashes(text, ngrams), buckets)


def ngram_hashes(text: str, ngrams: tuple[int, ...]) -> npt.NDArray[np.uint64]:
    """The 64-bit hashes of the character n-grams of ``text`` (framed by start and end
    marks), before they are folded into buckets: members of a model that read the same
    n-grams in different numbers of buckets hash the text once."""
    codes = np.frombuffer(("\x02" + text + "\x03").encode("utf-32-le"), dtype=np.uint32)
    c = codes.astype(np.uint64)
    parts: list[npt.NDArray[np.uint64]] = []
    h = np.zeros(len(c), dtype=np.uint64)
    top = max(ngrams)
    with np.errstate(over="ignore"):
        for n in range(1, top + 1):
            if len(c) < n:
                break
            h = h[: len(c) - n + 1] * _MUL + c[n - 1 :]
            if n in ngrams:
                x = (h + np.uint64(n)) * _MIX
                parts.append(x ^ (x >> _SHIFT))
    if not parts:
        return np.zeros(0, dtype=np.uint64)
    return np.concatenate(parts)


def bucketize(
    hashes: npt.NDArray[np.uint64], buckets: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """(bucket indices, L2-normalised counts) of n-gram ``hashes`` in ``buckets``."""
    if not len(hashes):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = (hashes % np.uint64(buckets)).astype(np.int64)
    uniq, counts = np.unique(idx, return_counts=True)
    vals = counts.astype(np.float32)
    vals /= np.float32(np.sqrt(float(np.dot(vals, vals))))
    return uniq, vals


@dataclass(frozen=True)
class WordFeatures:
    """Word n-grams beside the character n-grams: SudachiPy's normalised forms (mode C),
    so that 無視してください, 無視して下さい and 無視していただき share 無視 / 為る / 下さる.
    A paraphrase changes the characters around an instruction more than its words, and
    words generalise over politeness and inflection where character n-grams memorise.
    ``weight``: the word vector's share against the character vector (each L2-normalised)."""

    ngrams: tuple[int, ...] = (1, 2)
    weight: float = 1.0


class _Words:
    """Thread-local SudachiPy tokenizers over one dictionary (core, mode C), made on first use."""

    def __init__(self) -> None:
        self._dictionary: Any = None
        self._local = threading.local()
        self._lock = threading.Lock()

    def forms(self, text: str) -> list[str]:
        tok = getattr(self._local, "tokenizer", None)
        if tok is None:
            with self._lock:
                if self._dictionary is None:
                    from sudachipy import Dictionary

                    self._dictionary = Dictionary(dict="core")
            from sudachipy import SplitMode

            try:  # SudachiPy 0.7 names it tokenizer(); 0.6 (GiNZA's pin) create()
                tok = self._dictionary.tokenizer(SplitMode.C)
            except AttributeError:
                tok = self._dictionary.create(SplitMode.C)
            self._local.tokenizer = tok
        out: list[str] = []
        for k in range(0, len(text), _TOKENIZE_CHUNK):
            out.extend(
                f
                for m in tok.tokenize(text[k : k + _TOKENIZE_CHUNK])
                if (f := m.normalized_form()).strip()
            )
        return out


_WORDS = _Words()
#: Characters given to SudachiPy at once (far below its input limit).
_TOKENIZE_CHUNK = 4096


def _word_hashes(text: str, ngrams: tuple[int, ...]) -> list[int]:
    forms = _WORDS.forms(text)
    framed = ["\x02", *forms, "\x03"]
    out: list[int] = []
    for n in ngrams:
        seq = forms if n == 1 else framed
        for i in range(len(seq) - n + 1):
            out.append(zlib.crc32(f"{n}:{chr(31).join(seq[i : i + n])}".encode()))
    return out


def features(
    text: str, ngrams: tuple[int, ...], buckets: int, words: WordFeatures | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """(bucket indices, values) of ``text`` (already :func:`prepare`-d): its character
    n-grams (:func:`featurize`), and where ``words`` is given its word n-grams hashed into
    the same buckets, the two vectors added (the words' scaled by ``words.weight``) and
    L2-normalised together."""
    idx, vals = featurize(text, ngrams, buckets)
    if words is None:
        return idx, vals
    hashes = _word_hashes(text, words.ngrams)
    if not hashes:
        return idx, vals
    w_uniq, w_counts = np.unique(np.array(hashes, dtype=np.int64) % buckets, return_counts=True)
    w_vals = w_counts.astype(np.float32)
    w_vals *= np.float32(words.weight) / np.float32(np.sqrt(float(np.dot(w_vals, w_vals))))
    both, at = np.unique(np.concatenate([idx, w_uniq]), return_inverse=True)
    summed = np.zeros(len(both), dtype=np.float32)
    np.add.at(summed, at, np.concatenate([vals, w_vals]))
    summed /= np.float32(np.sqrt(float(np.dot(summed, summed))))
    return both, summed


def windows(text: str, size: int, span: int = 256, sentences: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) windows of ``text``. A text of at most ``size`` characters is one
    window. A longer one: its sentences packed in order into windows of up to ``span``
    characters (a sentence longer than ``span`` is cut into pieces of ``span`` that
    overlap by half). So one injected sentence in a long document is scored with a few
    neighbours only, never diluted by the rest; the work is linear in the length and the
    memory that of one window.

    ``sentences`` (0: off): a text longer than that is also scored in sentence windows of
    up to ``sentences`` characters (packed the same way), after the windows above, so that
    one instruction buried in a long request is scored with its neighbours only and not
    outweighed by the ordinary sentences around it. A window already given is not repeated.
    """
    n = len(text)
    if n <= size:
        yield 0, n
    else:
        yield from _packed(text, span)
    if 0 < sentences < n:
        seen = (0, n) if n <= size else None
        for w in _packed(text, sentences):
            if w != seen:
                yield w


def _packed(text: str, span: int) -> Iterator[tuple[int, int]]:
    """The sentences of ``text`` packed in order into windows of up to ``span`` characters."""
    n = len(text)
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < n] + [n]
    start = end = 0
    for b in bounds[1:]:
        if b - start <= span:
            end = b
            continue
        if end > start:
            yield start, end
            start = end
        while b - start > span:
            yield start, start + span
            start += span // 2
        end = b
    if end > start:
        yield start, end


@dataclass(frozen=True)
class WindowScore:
    start: int  # in the prepared text (same length as the normalised text)
    end: int
    score: float


class _Linear:
    """A linear member: one weight per bucket (NBSVM folds its log-count ratio in)."""

    def __init__(self, weights: npt.NDArray[np.float32], bias: float) -> None:
        self.weights = weights
        self.bias = bias

    def margin(self, idx: npt.NDArray[np.int64], vals: npt.NDArray[np.float32]) -> float:
        return float(np.dot(self.weights[idx], vals)) + self.bias


class _Network:
    """A fastText-style member: the window's n-gram vector embedded (``x·E``, the weighted
    sum of its n-grams' rows), one or two ReLU layers, a linear output."""

    def __init__(self, flat: npt.NDArray[np.float32], buckets: int, dims: int, hidden: int) -> None:
        k = buckets * dims
        self.emb = flat[:k].reshape(buckets, dims)
        self.b1 = flat[k : k + dims]
        k += dims
        self.w2: npt.NDArray[np.float32] | None = None
        self.b2: npt.NDArray[np.float32] | None = None
        width = dims
        if hidden:
            self.w2 = flat[k : k + dims * hidden].reshape(dims, hidden)
            k += dims * hidden
            self.b2 = flat[k : k + hidden]
            k += hidden
            width = hidden
        self.w_out = flat[k : k + width]
        self.b_out = float(flat[k + width])
        if len(flat) != k + width + 1:
            raise ValueError(f"network weights have {len(flat)} values, expected {k + width + 1}")

    def margin(self, idx: npt.NDArray[np.int64], vals: npt.NDArray[np.float32]) -> float:
        h = np.maximum(vals @ self.emb[idx] + self.b1, 0.0)
        if self.w2 is not None and self.b2 is not None:
            h = np.maximum(h @ self.w2 + self.b2, 0.0)
        return float(h @ self.w_out) + self.b_out


@dataclass(frozen=True)
class _Member:
    family: str
    ngrams: tuple[int, ...]
    buckets: int
    words: WordFeatures | None
    scale: float
    offset: float
    scorer: _Linear | _Network


def _words_of(meta: dict[str, Any]) -> WordFeatures | None:
    words = meta.get("words")
    if words is None:
        return None
    return WordFeatures(tuple(int(n) for n in words["ngrams"]), float(words["weight"]))


def _read_weights(
    meta_path: Path, member: dict[str, Any], size: int | None
) -> npt.NDArray[np.float32]:
    import io

    wpath = meta_path.parent / str(member["weights"])
    data = wpath.read_bytes()
    if hashlib.sha256(data).hexdigest() != member["weights_sha256"]:
        raise ValueError(f"{wpath.name} does not match its SHA-256")
    arr = np.load(io.BytesIO(data), allow_pickle=False)
    if arr.ndim != 1 or (size is not None and arr.shape != (size,)):
        raise ValueError(f"weights have shape {arr.shape}, expected ({size},)")
    out: npt.NDArray[np.float32] = arr.astype(np.float32)
    return out


class InjectionModel:
    """Weights loaded once; :meth:`score` is thread-safe (no shared mutable state).

    Format 1 (the first three models): one linear model, ``weights`` its vector. Format 2:
    ``members`` (linear or network), each with its own features and calibration, the score
    of a window the mean of the members' calibrated scores. ``weights``, ``bias``,
    ``scale``, ``offset``, ``ngrams``, ``buckets`` and ``words`` describe the first member."""

    def __init__(
        self,
        meta: dict[str, Any],
        weights: npt.NDArray[np.float32],
        source: str,
        members: tuple[_Member, ...] | None = None,
    ) -> None:
        self.meta = meta
        self.source = source
        if members is None:  # format 1
            scale, offset = (float(v) for v in meta["calibration"])
            members = (
                _Member(
                    str(meta.get("family", "")),
                    tuple(int(n) for n in meta["ngrams"]),
                    int(meta["buckets"]),
                    _words_of(meta),
                    scale,
                    offset,
                    _Linear(weights, float(meta["bias"])),
                ),
            )
        self.members = members
        first = members[0]
        self.weights = weights
        self.ngrams = first.ngrams
        self.buckets = first.buckets
        self.words = first.words
        self.bias = first.scorer.bias if isinstance(first.scorer, _Linear) else first.scorer.b_out
        self.scale, self.offset = first.scale, first.offset
        self.window = int(meta["window"])
        self.span = int(meta.get("span", self.window))
        #: Sentence windows of a longer text (0: none; see :func:`windows`).
        self.sentences = int(meta.get("sentences", 0))
        self.thresholds: dict[str, float] = {k: float(v) for k, v in meta["thresholds"].items()}
        # A model calibrated before operator messages had a kind of their own holds them
        # against its prompt threshold.
        self.thresholds.setdefault("system", self.thresholds["prompt"])
        self.version = str(meta["version"])
        self.family = str(meta.get("family", ""))

    @classmethod
    def load(cls, path: str | Path | None = None) -> InjectionModel:
        """Load a model from its metadata file (default: the bundled one).

        Raises :class:`ModelError` naming the file when it is missing or corrupt.
        """
        if path is None:
            meta_path = Path(str(resources.files("hinagata.guard") / "data" / DEFAULT_MODEL))
        else:
            meta_path = Path(path)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(
                f"注入検知モデルのファイルがありません / injection model file missing: {meta_path}"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ModelError(
                f"注入検知モデルのファイルが壊れています / injection model file corrupt: {meta_path} ({e})"
            ) from None
        try:
            fmt = meta.get("format")
            if fmt == _FORMAT:
                arr = _read_weights(meta_path, meta, int(meta["buckets"]))
                model = cls(meta, arr, str(meta_path))
            elif fmt == _FORMAT_2:
                members = []
                for m in meta["members"]:
                    buckets = int(m["buckets"])
                    scorer: _Linear | _Network
                    if m["type"] == "linear":
                        scorer = _Linear(_read_weights(meta_path, m, buckets), float(m["bias"]))
                    elif m["type"] == "network":
                        flat = _read_weights(meta_path, m, None)
                        scorer = _Network(flat, buckets, int(m["dims"]), int(m["hidden"]))
                    else:
                        raise ValueError(f"member type {m['type']!r}")
                    scale, offset = (float(v) for v in m["calibration"])
                    members.append(
                        _Member(
                            str(m["family"]),
                            tuple(int(n) for n in m["ngrams"]),
                            buckets,
                            _words_of(m),
                            scale,
                            offset,
                            scorer,
                        )
                    )
                if not members:
                    raise ValueError("no members")
                first = members[0].scorer
                weights = first.weights if isinstance(first, _Linear) else first.w_out
                if meta.get("combine", "mean") != "mean":
                    raise ValueError(f"combine is {meta.get('combine')!r}, expected 'mean'")
                model = cls(meta, weights, str(meta_path), tuple(members))
            else:
                raise ValueError(f"format is {fmt!r}, expected {_FORMAT!r} or {_FORMAT_2!r}")
            _check_windows(meta, model)
            for kind in ("prompt", "system", "document"):
                t = model.thresholds[kind]
                if not 0.0 < t < 1.0:
                    raise ValueError(f"threshold for {kind} out of (0, 1): {t}")
        except FileNotFoundError as e:
            raise ModelError(
                f"注入検知モデルの重みファイルがありません / injection model weights missing: {e.filename}"
            ) from None
        except (KeyError, ValueError, TypeError, OSError, OverflowError) as e:
            raise ModelError(
                f"注入検知モデルのファイルが壊れています / injection model file corrupt: {meta_path} ({e})"
            ) from None
        return model

    def margin(self, prepared: str) -> float:
        """The first member's raw margin (format 1: the model's)."""
        m = self.members[0]
        return m.scorer.margin(*features(prepared, m.ngrams, m.buckets, m.words))

    def probability(self, prepared: str) -> float:
        if len(self.members) == 1:
            z = self.scale * self.margin(prepared) + self.offset
            return float(1.0 / (1.0 + np.exp(-z)))
        total = 0.0
        hashes: dict[tuple[int, ...], npt.NDArray[np.uint64]] = {}
        for m in self.members:
            if m.words is None:
                if m.ngrams not in hashes:
                    hashes[m.ngrams] = ngram_hashes(prepared, m.ngrams)
                idx, vals = bucketize(hashes[m.ngrams], m.buckets)
            else:
                idx, vals = features(prepared, m.ngrams, m.buckets, m.words)
            z = m.scale * m.scorer.margin(idx, vals) + m.offset
            total += 1.0 / (1.0 + float(np.exp(-z)))
        return total / len(self.members)

    def score_windows(self, text: str, *, prepared: bool = False) -> list[WindowScore]:
        """The score of each window of ``text`` (raw, or :func:`prepare`-d already).

        A window with hardly a letter in it (a row of numbers, a table of amounts) carries
        no instruction: it scores 0 without asking the model, which would otherwise read the
        unfamiliar shape as an attack (12 34 56 78 90 …)."""
        p = text if prepared else prepare(text)
        return [
            WindowScore(
                s, e, self.probability(p[s:e]) if _letters(p, s, e) >= _MIN_LETTERS else 0.0
            )
            for s, e in windows(p, self.window, self.span, self.sentences)
        ]

    def score(self, text: str, *, prepared: bool = False) -> tuple[float, tuple[int, int]]:
        """The highest window score and that window (offsets in the normalised text)."""
        best, at = 0.0, (0, 0)
        for w in self.score_windows(text, prepared=prepared):
            if w.score > best:
                best, at = w.score, (w.start, w.end)
        return best, at


#: The smallest window, span and sentence window a model may name: below it the windows of a
#: long text would be too many (and a span of 1 would never advance).
_MIN_WINDOW = 16


def _check_windows(meta: dict[str, Any], model: InjectionModel) -> None:
    """``window``, ``span`` and ``sentences`` are whole numbers (not booleans or strings) with
    ``16 ≤ span ≤ window`` and ``sentences`` 0 or in ``[16, window]``: a bad value names
    itself instead of hanging or overflowing on the first long text."""
    for key, value in (("window", meta["window"]), ("span", meta.get("span", meta["window"])),
                       ("sentences", meta.get("sentences", 0))):  # fmt: skip
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{key} must be a whole number: {value!r}")
    if not _MIN_WINDOW <= model.span <= model.window:
        raise ValueError(f"span out of [{_MIN_WINDOW}, window]: {model.span}")
    if model.sentences and not _MIN_WINDOW <= model.sentences <= model.window:
        raise ValueError(f"sentences must be 0 or in [{_MIN_WINDOW}, window]: {model.sentences}")


#: Fewer letters than this in a window: no instruction can be written in it.
_MIN_LETTERS = 6
_LETTER = re.compile(r"[A-Za-z\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]")


def _letters(text: str, start: int, end: int) -> int:
    n = 0
    for _ in _LETTER.finditer(text, start, end):
        n += 1
        if n >= _MIN_LETTERS:
            break
    return n


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> InjectionModel:
    """The model at ``path`` (default: bundled), loaded once per path."""
    return InjectionModel.load(path)
