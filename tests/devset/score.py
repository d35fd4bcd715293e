"""Score the loader on the development set of real articles, overall and per failure class.

    .venv/bin/python tests/devset/score.py            # needs the texts in tests/devset/texts/ (see README.md)
    .venv/bin/python tests/devset/score.py -v         # also every miss and extra, as score.py -v prints them
    .venv/bin/python tests/devset/score.py --out DIR  # keep the loader's tables
    .venv/bin/python tests/devset/score.py --root ../old-checkout   # another checkout's loader, for before/after

The texts are not in the repository (they are third-party); `articles.csv` lists where each one comes from. The
scorer is ../shared/eval/score.py, imported as it is; this script only chooses subsets for the failure classes.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
TEXTS = HERE / "texts"


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_scorer", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"devset: no scorer at {SCORER}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles() -> list[dict[str, str]]:
    with (HERE / "articles.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gold() -> list[dict[str, Any]]:
    lines = (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_manifest(rows: list[dict[str, str]]) -> int:
    """texts/manifest.csv from articles.csv (the loader reads dates, outlets and URLs from it); missing texts."""
    missing = [r["article_id"] for r in rows if not (TEXTS / f"{r['article_id']}.txt").exists()]
    with (TEXTS / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "published", "outlet", "url"])
        for r in rows:
            w.writerow([f"{r['article_id']}.txt", r["published"], r["outlet"], r["url"]])
    return len(missing)


def run_loader(out: Path, root: Path) -> None:
    cmd = [sys.executable, "-m", "dashboard.loader", str(TEXTS), "--out", str(out), "--no-cache"]
    subprocess.run(cmd, cwd=root, check=True, stdout=subprocess.DEVNULL)


def quiet(fn: Callable[[], dict[str, float]]) -> tuple[dict[str, float], str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        result = fn()
    return result, buf.getvalue()


def subset_score(sc: ModuleType, out: Path, rows: list[dict[str, Any]], types: set[str] | None = None
                 ) -> tuple[dict[str, float], str]:
    """The scorer on some articles, optionally on some event types only (gold and predictions alike)."""
    pred = sc.Prediction(out)
    if types is not None:
        for aid, evs in list(pred.events.items()):
            pred.events[aid] = [e for e in evs if e.get("event_type") in types]
        rows = [{**g, "events": [e for e in g.get("events", []) if e["type"] in types]} for g in rows]
    return quiet(lambda: sc.score(pred, rows, False))


def events_line(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.startswith("events")), "").removeprefix("events").strip()


def planned_recall(sc: ModuleType, out: Path, rows: list[dict[str, Any]]) -> str:
    """Required gold events dated after their article's publication date: how many are matched."""
    pred = sc.Prediction(out)
    hit = total = 0
    for g in rows:
        pub = g.get("published") or ""
        future = [e for e in g.get("events", []) if not e.get("optional") and pub and (e.get("date") or "") > pub]
        if not future:
            continue
        pairs = sc.match_events(future, pred.events.get(g["article_id"], []))
        hit += len(pairs)
        total += len(future)
    return f"{hit}/{total} matched"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--out", type=Path, help="folder for the loader's tables (default: a temporary one)")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose loader runs (for before/after)")
    args = ap.parse_args()
    rows = articles()
    if not TEXTS.is_dir():
        sys.exit(f"devset: no texts in {TEXTS}; see {HERE / 'README.md'} for how to rebuild them")
    missing = write_manifest(rows)
    sc = scorer()
    g = gold()
    present = {p.stem for p in TEXTS.glob("*.txt")}
    g = [r for r in g if r["article_id"] in present]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        run_loader(out, args.root)
        if args.verbose:  # the scorer prints every gold amount's value_usd: another currency's figure shows its value
            shown = [{**r, "amounts": [{"value_usd": a.get("value"), **a} for a in r.get("amounts", [])]} for r in g]
            sc.score(sc.Prediction(out), shown, True)
        overall, text = quiet(lambda: sc.score(sc.Prediction(out), g, False))
        print(f"articles {len(g)} scored ({missing} texts missing)")
        print(text.rstrip())
        print("SCORE " + " ".join(f"{k}={v:.3f}" for k, v in overall.items()))
        print("\nper failure class (subsets of the same scoring):")
        slices = sorted({r["article_id"][1:].split("_")[0] for r in g}, key=lambda x: (len(x), x))  # dA_01 -> A
        by_slice = {s: [r for r in g if r["article_id"].startswith(f"d{s}_")] for s in slices}
        for s, part in by_slice.items():
            res, _ = subset_score(sc, out, part)
            print(f"  slice {s} ({len(part)} articles): " + " ".join(f"{k}={v:.2f}" for k, v in res.items()))
        classes: list[tuple[str, list[dict[str, Any]], set[str] | None]] = [
            ("1 Ramstein meetings (udcg, named or described)", g, {"udcg_meeting"}),
            ("2 several meetings in one article", [r for r in g if sum(not e.get("optional")
                                                                         for e in r.get("events", [])) >= 2], None),
            ("4 calls", g, {"phone_call"}),
            ("  NATO meetings", g, {"nato_meeting"}),
            ("  coalition meetings", g, {"coalition_meeting"}),
            ("  bilateral and other meetings", g, {"bilateral_meeting", "other_meeting"}),
            ("5 articles without a publication date", [r for r in g if not r.get("published")], None),
            ("  articles with one (as a manifest gives it)", [r for r in g if r.get("published")], None),
        ]
        for name, part, types in classes:
            _, txt = subset_score(sc, out, part, types)
            print(f"  {name}: {events_line(txt)}")
        print(f"  3 not events: {events_line(text)} (precision is the measure)")
        print(f"  6 planned meetings (gold dated after publication): {planned_recall(sc, out, g)}")
        fields = next((ln for ln in text.splitlines() if ln.startswith("fields")), "")
        print(f"  7 chairs and other fields: {fields.removeprefix('fields').strip()}")
        amounts = next((ln for ln in text.splitlines() if ln.startswith("amounts")), "")
        print(f"  8 amounts: {amounts.removeprefix('amounts').strip()}")


if __name__ == "__main__":
    main()
