#!/usr/bin/env python3
"""Run trafilatura on the trafilatura-eval pages and score it exactly as `sitrep eval clean` does.

Scoring follows trafilatura's own tests/comparison.py: a `gold_with` snippet found verbatim in the
extracted text is a true positive (else a false negative); a `gold_without` snippet found is a false
positive (else a true negative). Title and date accuracy are exact matches over pages that have gold.
pages_per_s counts extraction CPU time only (process time, file reading excluded), so a loaded
machine does not deflate it; compare whole processes with `/usr/bin/time -v` (user time).

Usage (one core, peak RSS):
    pip install trafilatura
    taskset -c 0 /usr/bin/time -v python3 scripts/trafilatura_baseline.py \
        --data ../shared/data/trafilatura-eval [--limit N] [--fast]
"""
import argparse
import json
import os
import sys
import time


def norm_title(s):
    return " ".join((s or "").split()).casefold()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "trafilatura-eval"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--fast", action="store_true", help="trafilatura fast mode (no fallback extractors)")
    args = ap.parse_args()

    import trafilatura  # imported late so --help works without it

    records = []
    with open(os.path.join(args.data, "trafilatura_eval.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
    if args.limit:
        records = records[: args.limit]

    tp = fp = tn = fn = 0
    dates = dates_ok = titles = titles_ok = 0
    elapsed = 0.0
    for rec in records:
        with open(os.path.join(args.data, rec["html_file"]), "rb") as f:
            page = f.read()
        start = time.process_time()
        out = trafilatura.extract(page, url=rec.get("url"), output_format="json", with_metadata=True,
                                  include_comments=False, fast=args.fast)
        elapsed += time.process_time() - start
        meta = json.loads(out) if out else {}
        text = meta.get("text") or ""
        for s in rec.get("gold_with", []):
            if s in text:
                tp += 1
            else:
                fn += 1
        for s in rec.get("gold_without", []):
            if s in text:
                fp += 1
            else:
                tn += 1
        if rec.get("gold_date"):
            dates += 1
            dates_ok += (meta.get("date") or "")[:10] == rec["gold_date"][:10]
        if rec.get("gold_title"):
            titles += 1
            titles_ok += norm_title(meta.get("title")) == norm_title(rec["gold_title"])

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report = {
        "set": "clean",
        "extractor": f"trafilatura {trafilatura.__version__}" + (" (fast)" if args.fast else ""),
        "pages": len(records),
        "metrics": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "date_accuracy": round(dates_ok / dates, 4) if dates else None,
            "title_accuracy": round(titles_ok / titles, 4) if titles else None,
            "pages_per_s": round(len(records) / elapsed, 2) if elapsed else None,
        },
        "counts": {"tp": tp, "fp": fp, "tn": tn, "fn": fn, "dates": dates, "titles": titles},
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
