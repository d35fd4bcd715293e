"""Score the systems table on the development set: precision and recall on (article, system, donor).

    .venv/bin/python -m dashboard.loader tests/devset/texts --out /tmp/out --no-cache
    .venv/bin/python tests/devset/score_systems.py --pred /tmp/out          # precision, recall
    .venv/bin/python tests/devset/score_systems.py --pred /tmp/out -v       # also every miss and extra

Gold names are the annotators' own English names; both sides are mapped to one name per system or type
(``SAME``: spelling variants, a model and its family, a munition and its launcher), so "Leopard 2" and "Leopard",
"air defense" and "air defence systems" are one system. Status is reported apart (accuracy on the matched triples).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

# one name for the variants of one system or type (lower case)
SAME = {
    # generic air defence: systems, their missiles and munitions are one type here (named systems stay apart)
    "air defense": "air defence", "air defence systems": "air defence", "air defense systems": "air defence",
    "air defence missiles": "air defence", "air defense munitions": "air defence",
    "air defence munitions": "air defence", "interceptors": "air defence",
    "surface-to-air missiles": "air defence",
    "armored vehicles": "armoured vehicles",
    "leopard 2": "leopard", "leopard 1": "leopard",
    "himars munitions": "himars",
    "radar systems": "radars", "radar": "radars",
    "155mm shells": "artillery shells", "guided artillery shells": "artillery shells",
    "12.7mm ammunition": "ammunition",
    "anti-tank munitions": "anti-tank weapons",
    "long-range weapons": "long-range missiles",
}


def canon(name: str) -> str:
    n = " ".join(name.strip().lower().split())
    return SAME.get(n, n)


def gold_triples(path: Path) -> tuple[set[tuple[str, str, str]], dict[tuple[str, str, str], str]]:
    triples: set[tuple[str, str, str]] = set()
    status: dict[tuple[str, str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        for s in d.get("systems", []):
            t = (d["article_id"], canon(s["system"]), s.get("donor") or "")
            triples.add(t)
            status.setdefault(t, s.get("status", ""))
    return triples, status


def pred_triples(path: Path, articles: set[str]) -> tuple[set[tuple[str, str, str]], dict[tuple[str, str, str], str]]:
    triples: set[tuple[str, str, str]] = set()
    status: dict[tuple[str, str, str], str] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["article_id"] not in articles:
                continue
            t = (row["article_id"], canon(row["system"]), row.get("donor") or "")
            triples.add(t)
            status.setdefault(t, row.get("status", ""))
    return triples, status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, required=True, help="the loader's output folder (systems.csv)")
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args(argv)
    gold, gstatus = gold_triples(args.gold)
    articles = {json.loads(line)["article_id"] for line in args.gold.read_text(encoding="utf-8").splitlines()
                if line.strip()}
    pred, pstatus = pred_triples(args.pred / "systems.csv", articles)
    tp = gold & pred
    precision = len(tp) / len(pred) if pred else 1.0
    recall = len(tp) / len(gold) if gold else 1.0
    same_status = sum(gstatus[t] == pstatus[t] for t in tp)
    print(f"systems (article, system, donor): gold {len(gold)}  predicted {len(pred)}  matched {len(tp)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    print(f"status agrees on {same_status} of {len(tp)} matched")
    if args.verbose:
        for label, rows in (("MISS", sorted(gold - pred)), ("EXTRA", sorted(pred - gold))):
            for t in rows:
                print(label, *t, sep="\t")
        confusions = Counter((gstatus[t], pstatus[t]) for t in tp if gstatus[t] != pstatus[t])
        for (g, p), n in confusions.most_common():
            print(f"STATUS gold {g} -> predicted {p}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
