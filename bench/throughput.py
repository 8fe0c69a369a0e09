"""Throughput in characters per second: Hinagata vs Presidio+GiNZA, same texts, same run.

The texts: documents of about 600 characters built from Wikipedia sentences (stockmark
NE corpus), 焼津市 facility descriptions and invented municipal case records (names,
addresses, phone numbers, My Numbers), so both systems see prose and dense personal data.
Each system scans every document once per round, single process, after a warm-up; rounds
alternate between the systems; the figure is total characters / wall time, median of the
rounds, and the speed-up is the median of the per-round ratios.

    bench/.venv/bin/python bench/throughput.py [--docs 60] [--rounds 3] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable

from _common import DATA, need, write_result
from hinagata import scan

_RECORD = (
    "相談記録：{name}さん（{age}歳）、住所 {addr}、電話 {tel}。個人番号 {mn}。"
    "{date}に来庁し、生活保護の申請について相談。母が入院中とのこと。担当 総務課 山口（内線2345）。"
)


def documents(n: int) -> list[str]:
    rng = random.Random(7)
    sents = [
        r["text"]
        for r in json.loads(need(DATA / "stockmark_ner_wikipedia" / "ner.json").read_text("utf-8"))
    ]
    from faker import Faker
    from stdnum.jp import in_

    fake = Faker("ja_JP")
    Faker.seed(7)
    docs: list[str] = []
    for i in range(n):
        parts: list[str] = []
        while sum(map(len, parts)) < 600:
            if i % 3 == 0 and rng.random() < 0.5:
                base = "".join(rng.choice("0123456789") for _ in range(11))
                parts.append(
                    _RECORD.format(
                        name=fake.name(),
                        age=rng.randint(20, 95),
                        addr=fake.address(),
                        tel=f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                        mn=base + in_.calc_check_digit(base),
                        date="令和7年4月10日",
                    )
                )
            else:
                parts.append(rng.choice(sents))
        docs.append("\n".join(parts))
    return docs


def timed(fn: Callable[[str], object], docs: list[str], repeat: int = 1) -> float:
    """Characters per second of ``fn`` over ``docs``, scanned ``repeat`` times."""
    chars = sum(map(len, docs)) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            fn(d)
    return chars / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--repeat", type=int, default=10, help="Hinagata passes over the documents per round"
    )
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    docs = documents(args.docs)
    chars = sum(map(len, docs))
    scan(docs[0])  # warm-up: dictionary load
    systems: dict[str, Callable[[str], object]] = {"hinagata": scan}
    if not args.no_baseline:
        from _baseline import presidio_engine

        engine = presidio_engine()
        engine.analyze(text=docs[0], language="ja")  # warm-up: model load
        systems["presidio_ginza"] = lambda text: engine.analyze(text=text, language="ja")
    # Rounds alternate between the systems so that both see the same machine conditions.
    rates: dict[str, list[float]] = {name: [] for name in systems}
    # A Presidio round takes ~20 s; Hinagata scans the same documents --repeat times per
    # round so that its timing, too, spans seconds rather than a noisy fraction of one.
    for _ in range(args.rounds):
        for name, fn in systems.items():
            rates[name].append(timed(fn, docs, args.repeat if name == "hinagata" else 1))
    result: dict[str, object] = {
        "documents": len(docs),
        "characters": chars,
        "rounds": args.rounds,
        "hinagata_repeat_per_round": args.repeat,
    }
    for name, rs in rates.items():
        result[f"{name}_chars_per_s"] = round(statistics.median(rs))
        result[f"{name}_rounds"] = [round(r) for r in rs]
        print(
            f"{name:15s} {statistics.median(rs):>10,.0f} chars/s  rounds {[round(r) for r in rs]}"
        )
    if "presidio_ginza" in rates:
        ratios = [h / p for h, p in zip(rates["hinagata"], rates["presidio_ginza"], strict=True)]
        result["speedup_per_round"] = [round(r, 1) for r in ratios]
        result["speedup"] = round(statistics.median(ratios), 1)
        print(f"speedup (median of per-round ratios): x{statistics.median(ratios):.0f}")
    command = (
        f"bench/throughput.py --docs {args.docs} --rounds {args.rounds} --repeat {args.repeat}"
        + (" --no-baseline" if args.no_baseline else "")
    )
    write_result("throughput", {"command": command, "results": result})


if __name__ == "__main__":
    main()
