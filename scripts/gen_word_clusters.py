#!/usr/bin/env python3
"""Generate knowledge/word_clusters.tsv.gz: Brown word clusters for the learned cue model.

Source (a registry package, run once by a maintainer, output committed):
  - spacy-lookups-data 1.0.5 (MIT): `en_lexeme_cluster` (Brown clusters of about 1M English
    word forms, computed on a large web corpus) and `en_lexeme_prob` (their log frequencies).

Brown clustering puts words that occur in the same contexts on nearby leaves of one binary
tree: "chanting" and "shouting" share a leaf, as do "thinks" and "believes", "frustrated" and
"worried". The cue model uses the leaf and its 4-, 8- and 12-bit ancestors as features, so a
cue verb it never saw in training is scored like the ones it did.

Kept: the 100k most frequent lowercased forms that have a cluster (0 means none), each with the
cluster of its most frequent casing. A cluster is written as its integer: its binary digits
after the leading 1 are the path from the root.

    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/sld && unzip -o /tmp/sld/*.whl -d /tmp/sld
    python3 scripts/gen_word_clusters.py /tmp/sld/spacy_lookups_data/data
"""
import gzip
import json
import os
import sys

KEEP = 100_000


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "/tmp/sld/spacy_lookups_data/data"
    clusters = json.load(gzip.open(os.path.join(data, "en_lexeme_cluster.json.gz")))
    prob = json.load(gzip.open(os.path.join(data, "en_lexeme_prob.json.gz")))
    best = {}
    for word, cluster in clusters.items():
        low = word.lower()
        if not cluster or not low or low.strip() != low or not low.isprintable() or "\t" in low:
            continue
        p = prob.get(word, -30.0)
        if low not in best or p > best[low][1]:
            best[low] = (cluster, p)
    top = sorted(best.items(), key=lambda x: (-x[1][1], x[0]))[:KEEP]
    top.sort(key=lambda x: x[0])
    out = os.path.join(os.path.dirname(__file__), "..", "knowledge", "word_clusters.tsv.gz")
    body = "".join(f"{w}\t{c}\n" for w, (c, _) in top)
    head = ("# Brown word clusters (word, cluster as an integer whose bits after the leading 1 are the\n"
            "# tree path), from spacy-lookups-data 1.0.5 (MIT); scripts/gen_word_clusters.py\n")
    # mtime=0: the same input gives the same bytes
    with open(out, "wb") as f:
        f.write(gzip.compress((head + body).encode(), mtime=0))
    print(f"wrote {len(top)} words to {out}")


if __name__ == "__main__":
    main()
