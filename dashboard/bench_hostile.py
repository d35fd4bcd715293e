"""Hostile-corpus benchmark: inputs built to make a loader slow, each timed in a fresh process.

    python -m dashboard.bench_hostile                     # every case
    python -m dashboard.bench_hostile --case long-40k --timeout 120

Cases (files written to a temporary folder by this script; the text is made up, not taken from articles):

- ``long-10k``, ``long-40k``, ``long-80k``: one .txt article whose body is a single sentence of that many characters,
  full of meeting words (no full stop, no line break);
- ``huge-field``: a CSV with one record whose text field is 10 MB;
- ``upload-112k``: a 112 KB one-sentence .txt loaded as a browser upload (``load_uploads``);
- ``many-sentences``: one .txt with 200,000 short sentences;
- ``many-undated``: a JSONL file with 200,000 short records without a publication date;
- ``windows-20k``, ``windows-200k``: the date-window pass alone (``meetings.date_windows``) on that many undated
  articles (tables built in memory; it used to take 6.5 s for 1,000 articles and 95 s for 8,000).

Each case runs ``load_corpus(folder, cache=False)`` (all cores, as the app does) in a child process; the report
gives the wall time of the child (with Python's start and imports) and of the load alone, the CPU time of the child
and its workers, imports included (steadier than wall time on a busy machine; for ``windows-*``, of the pass
alone), the peak resident memory of the child and of its largest worker (``getrusage`` maxrss), the number of
articles and error rows, and the first error. The bar (issue 8): at most 30 s and 1 GB each, or refused with an
error row within that.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEETING_WORDS = ("اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا في قاعدة رامشتاين الجوية بمشاركة وزراء دفاع "
                 "ألمانيا وفرنسا وبريطانيا والولايات المتحدة يوم الخميس 12 يونيو 2025، وقمة حلف شمال الأطلسي، "
                 "واتصال هاتفي بين الرئيسين، ")
SHORT = "اجتمع وزراء الدفاع في بروكسل يوم الثلاثاء لبحث الدعم العسكري لأوكرانيا."
TINY = "اجتمع الوزراء في بروكسل يوم الثلاثاء."
TITLE = "اجتماع جديد لمجموعة الاتصال"


def _repeat(text: str, chars: int) -> str:
    return (text * (chars // len(text) + 1))[:chars].rstrip()


def _long(chars: int) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        (folder / f"long{chars}.txt").write_text(f"{TITLE}\n\n{_repeat(MEETING_WORDS, chars)}\n", encoding="utf-8")
    return build


def _huge_field(folder: Path) -> None:
    body = _repeat(MEETING_WORDS, 10 * 1024 * 1024 // 2)  # Arabic letters are 2 bytes in UTF-8: about 10 MB
    with (folder / "huge.csv").open("w", encoding="utf-8") as f:
        f.write(f'id,title,published,text\nh1,{TITLE},2025-06-12,"{body}"\n')


def _upload(folder: Path) -> None:
    (folder / "upload.txt").write_text(f"{TITLE}\n\n{_repeat(MEETING_WORDS, 112 * 1024 // 2)}\n", encoding="utf-8")


def _many_sentences(folder: Path) -> None:
    with (folder / "many.txt").open("w", encoding="utf-8") as f:
        f.write(TITLE + "\n\n")
        for i in range(200_000):
            f.write(TINY.replace("الثلاثاء", "الثلاثاء" if i % 2 else "الخميس") + (" " if i % 10 else "\n"))


def _many_undated(folder: Path) -> None:
    with (folder / "records.jsonl").open("w", encoding="utf-8") as f:
        for i in range(200_000):
            text = f"اجتمع الوزراء أمس للمرة {i % 30 + 1}."
            f.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")


def _window_tables(n: int) -> tuple[Any, Any, Any]:
    """The tables the date-window pass reads for ``n`` undated articles: each names dates, a meeting number or the
    war's year, and has an event dated relative to its (unknown) publication date."""
    from dashboard.schema import frame

    arts, spans, events = [], [], []
    evidence = [("date", "2025-02-10", "10 فبراير 2025"), ("war_year", "3", "عامها الثالث"),
                ("ordinal", "26", "الاجتماع السادس والعشرين"), ("date", "2025-03", "مارس 2025")]
    for i in range(n):
        aid = f"a{i}"
        arts.append({"article_id": aid, "file": "records.jsonl", "record": i + 1})
        for k, v, r in (evidence[i % 4], evidence[(i + 1) % 4]):
            spans.append({"article_id": aid, "kind": k, "value": v, "raw": r, "start": 0, "end": 1, "sentence": 0})
        spans.append({"article_id": aid, "kind": "country", "value": "UKR", "raw": "أوكرانيا", "start": 2, "end": 3,
                      "sentence": 0})
        events.append({"event_id": f"{aid}#e1", "article_id": aid, "event_type": "udcg_meeting", "date": "",
                       "date_offset_days": -1, "date_basis": "yesterday"})
    return frame("articles", arts), frame("spans", spans), frame("events", events)
CASES: dict[str, Callable[[Path], None]] = {
    "long-10k": _long(10_000), "long-40k": _long(40_000), "long-80k": _long(80_000), "huge-field": _huge_field,
    "upload-112k": _upload, "many-sentences": _many_sentences, "many-undated": _many_undated,
    "windows-20k": lambda folder: None, "windows-200k": lambda folder: None,
}


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (wall time depends on what else runs on the machine)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _child(case: str, folder: str) -> None:
    """Run in the child process: load the folder and print one JSON line."""
    from dashboard.loader import load_corpus, load_uploads

    if case.startswith("windows-"):
        from dashboard.meetings import date_windows

        arts, spans, events = _window_tables(int(case.removeprefix("windows-").removesuffix("k")) * 1000)
        t0, c0 = time.perf_counter(), time.process_time()
        arts, events = date_windows(arts, spans, events)
        print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "articles": len(arts),
                          "events": len(events),
                          "errors": 0, "first_error": "", "workers_mb": 0.0,
                          "windows": int(arts["date_window_start"].notna().sum())}))
        return
    t0 = time.perf_counter()
    if case == "upload-112k":
        files = [(p.name, p.read_bytes()) for p in sorted(Path(folder).iterdir())]
        corpus = load_uploads(files)
    else:
        corpus = load_corpus(folder, cache=False)
    seconds = time.perf_counter() - t0
    errors = corpus.errors["error"].astype(str).tolist()
    print(json.dumps({
        "seconds": seconds, "cpu": _cpu(), "articles": len(corpus.articles), "events": len(corpus.events),
        "errors": len(errors), "first_error": errors[0] if errors else "",
        "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }, ensure_ascii=False))


def run_case(case: str, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="ramstein-hostile-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        CASES[case](folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        t0 = time.perf_counter()
        with out_path.open("w") as out_f, err_path.open("w") as err_f:
            proc = subprocess.Popen([sys.executable, "-m", "dashboard.bench_hostile", "--child", case, str(folder)],
                                    stdout=out_f, stderr=err_f, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, 9)  # the child and its workers

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory, not that of earlier cases
        proc.returncode = os.waitstatus_to_exitcode(status)
        timer.cancel()
        wall = time.perf_counter() - t0
        child_mb = usage.ru_maxrss / 1024
        out, err = out_path.read_text(), err_path.read_text()
        result: dict[str, object] = {"case": case, "input_mb": size / 1024 / 1024, "wall": wall}
        if killed.is_set():
            result["status"] = f"killed after {timeout:.0f} s"
        elif proc.returncode != 0:
            result["status"] = f"failed: {err.strip().splitlines()[-1] if err.strip() else proc.returncode}"
        else:
            result.update(json.loads(out.strip().splitlines()[-1]))
            result["status"] = "ok"
        result["peak_mb"] = max(child_mb, float(str(result.get("workers_mb", 0))))
        return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", nargs="+", choices=sorted(CASES), default=list(CASES))
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed (default 120)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    print(f"{'case':<15} {'input':>8} {'wall':>8} {'peak RSS':>9}  result")
    for case in args.case:
        r = run_case(case, args.timeout)
        detail = (f"load {r['seconds']:.1f} s, CPU {r['cpu']:.1f} s; {r['articles']} articles, "
                  f"{r['events']} events, {r['errors']} error rows"
                  + (f" ({str(r['first_error'])[:90]})" if r.get("first_error") else "")
                  if r["status"] == "ok" else r["status"])
        print(f"{case:<15} {r['input_mb']:>6.2f}MB {r['wall']:>7.1f}s {r['peak_mb']:>7.0f}MB  {detail}", flush=True)


if __name__ == "__main__":
    main()
