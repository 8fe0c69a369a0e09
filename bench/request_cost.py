"""CPU cost of reading and screening one gateway request, before the decision: the
declared-schema path (strict JSON, schema walk, injection screening of every part a client
writes, detection over all parts and their boundaries) beside the former path (plain
``json.loads``, only user messages screened, one detection over the joined contents),
side by side in the same process, CPU time (``time.process_time``), alternating rounds.

    .venv/bin/python bench/request_cost.py [--rounds 5] [--n 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from _common import write_result
from gateway import prompt_of
from hinagata.detect import default_detector
from hinagata.gateway._analyse import analyse
from hinagata.gateway._schema import parse
from hinagata.gateway._strictjson import loads
from hinagata.guard import default_detector as default_injection_detector


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    bodies = {
        "chat, system + 1,000-char user": {
            "model": "wg",
            "messages": [
                {"role": "system", "content": "あなたは市役所の職員です。簡潔に答えてください。"},
                {"role": "user", "content": prompt_of(1000)},
            ],
            "temperature": 0.2,
        },
        "chat with 5 tools + 1,000-char user": {
            "model": "wg",
            "messages": [{"role": "user", "content": prompt_of(1000)}],
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": f"tool_{i}",
                        "description": "台帳から記録を検索する",
                        "parameters": {
                            "type": "object",
                            "properties": {
                                "query": {"type": "string", "description": "検索語"},
                                "limit": {"type": "integer"},
                            },
                            "required": ["query"],
                        },
                    },
                }
                for i in range(5)
            ],
        },
    }
    detector, injection = default_detector(), default_injection_detector()

    def former(raw: str) -> None:
        body = json.loads(raw)
        texts = [m["content"] for m in body["messages"]]
        for m in body["messages"]:
            if m["role"] == "user":
                injection.scan(m["content"], "prompt")
        detector.scan("\n\n".join(texts))

    def declared(raw: str) -> None:
        parsed = parse("chat", loads(raw))
        kinds = ["prompt" if s.kind != "meta" else None for s in parsed.slots]
        analyse([s.text for s in parsed.slots], kinds, None)

    results: dict[str, dict[str, float]] = {}
    for label, body in bodies.items():
        raw = json.dumps(body, ensure_ascii=False)
        runs: dict[str, list[float]] = {"former": [], "declared": []}
        fns: dict[str, Callable[[str], None]] = {"former": former, "declared": declared}
        for f in fns.values():
            f(raw)
        for _ in range(args.rounds):
            for name, f in fns.items():
                t0 = time.process_time()
                for _ in range(args.n):
                    f(raw)
                runs[name].append((time.process_time() - t0) * 1000 / args.n)
        a, b = statistics.median(runs["former"]), statistics.median(runs["declared"])
        results[label] = {
            "former_ms": round(a, 3),
            "declared_ms": round(b, 3),
            "added_ms": round(b - a, 3),
        }
        print(f"{label:40} former {a:6.2f} ms  declared {b:6.2f} ms  (+{b - a:.2f} ms)")
    write_result("request_cost", {"args": vars(args), "results": results})


if __name__ == "__main__":
    main()
