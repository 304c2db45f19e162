#!/usr/bin/env python3
"""Prints a random sample of the merges of names an index made, to check by hand.

A merge is one spelling the index counts under another entity's name
(`Obama` under `Barack Obama`, `U.S.` under `United States`). Reads
`dateline names --json`; the seed makes the sample repeatable.

    python3 tools/names_sample.py --index /tmp/wikinews-index [--count 40] [--seed 13]
"""

import argparse
import json
import random
import subprocess


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, help="the index folder")
    parser.add_argument("--count", type=int, default=40, help="merges to list")
    parser.add_argument("--seed", type=int, default=13, help="seed of the sample")
    parser.add_argument("--dateline", default="dateline", help="the dateline binary")
    args = parser.parse_args()
    listed = subprocess.run(
        [args.dateline, "--index", args.index, "names", "--json"],
        check=True, capture_output=True, text=True,
    )
    merges = [
        (spelling, entity)
        for entity in json.loads(listed.stdout)["entities"]
        for spelling in entity["spellings"]
        if len(entity["spellings"]) > 1
        and (spelling["name"], spelling["kind"]) != (entity["name"], entity["kind"])
    ]
    print(f"{len(merges)} merges; a sample of {min(args.count, len(merges))} (seed {args.seed}):")
    sample = random.Random(args.seed).sample(merges, min(args.count, len(merges)))
    for number, (spelling, entity) in enumerate(sample, 1):
        print(f"{number:3}. {spelling['name']} ({spelling['kind']}) -> {entity['name']} ({entity['kind']})")


if __name__ == "__main__":
    main()
