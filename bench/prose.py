"""Personal findings on administrative prose without people in it (our invented set).

The documents are `tests/data/admin_prose_ja.txt` (one per line: greetings, budget
summaries, event notices with an office's phone number, …). Any *personal* finding is a
false positive; institutional contacts are expected and counted separately.

    .venv/bin/python bench/prose.py
"""

from __future__ import annotations

from collections import Counter

from _common import ROOT, write_result
from hinagata import scan


def main() -> None:
    path = ROOT / "tests" / "data" / "admin_prose_ja.txt"
    docs = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    personal: list[str] = []
    institutional = Counter()
    for d in docs:
        for f in scan(d):
            if f.personal:
                personal.append(f"{f.type}:{f.text} | {d[:60]}")
            else:
                institutional[f.type] += 1
    result = {
        "documents": len(docs),
        "characters": sum(map(len, docs)),
        "personal_findings": len(personal),
        "examples": personal[:20],
        "non_personal_findings_by_type": dict(institutional),
    }
    print(result)
    write_result("admin_prose", {"command": "bench/prose.py", "results": result})


if __name__ == "__main__":
    main()
