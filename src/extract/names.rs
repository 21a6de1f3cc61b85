//! Actors and a notebook's own places, found by name: the shipped list of
//! actors and the places the analyst added, each with aliases, matched on
//! word boundaries with diacritics folded. (The world gazetteer is in
//! [`super::places`].)

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The actors Sitrep knows by default: `name, aliases`.
pub const ACTORS_TSV: &str = include_str!("../../assets/actors.tsv");

/// A named place with coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The canonical name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// province, district, city, crossing, country…
    pub kind: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

/// A named actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The canonical name.
    pub name: String,
    /// Other names it goes by ("US", "U.S.").
    pub aliases: Vec<String>,
}

/// Reads an actor list: `name<TAB>alias|alias`.
pub fn parse_actors(tsv: &str) -> Vec<Actor> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let name = cols.next()?.trim().to_owned();
            let aliases = cols.next().map(split_aliases).unwrap_or_default();
            (!name.is_empty()).then_some(Actor { name, aliases })
        })
        .collect()
}

fn split_aliases(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Replaces letters with diacritics by their base letter ("Kundūz" → "Kunduz").
/// Other characters are kept, so byte lengths change only where a letter folds.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

pub use super::gazetteer_index::fold_char;

/// Which place a shared spelling means first: the crossing, the city, then the province…
fn kind_rank(kind: &str) -> u8 {
    match kind {
        // The analyst's own places win: they were added for a reason.
        "notebook" => 0,
        "crossing" => 0,
        "city" | "world" => 1,
        "country" => 2,
        "province" => 3,
        "base" | "river" => 4,
        "district" => 5,
        _ => 6,
    }
}

/// What a name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into the places.
    Place(usize),
    /// Index into the actors.
    Actor(usize),
}

/// A name found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMention {
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// What it names.
    pub target: Target,
}

/// Finds place and actor names in text with one automaton.
#[derive(Clone, Debug)]
pub struct NameFinder {
    automaton: AhoCorasick,
    /// For each pattern, what it names (a spelling may name a place and an actor).
    targets: Vec<Vec<Target>>,
    /// Whether a name holds an apostrophe, so that "’" must be folded to
    /// match it: no shipped name does, and most news has curly quotes.
    apostrophe: bool,
}

impl NameFinder {
    /// Builds the automaton over every name and alias, folded.
    pub fn new(places: &[Place], actors: &[Actor]) -> Result<Self, aho_corasick::BuildError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut index_of: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut add = |spelling: &str, target: Target| {
            let folded = fold(spelling);
            // The text is searched a line at a time ([`NameFinder::find`]).
            if folded.chars().count() < 2 || folded.contains('\n') {
                return;
            }
            match index_of.get(&folded) {
                Some(&index) => {
                    let slot = &mut targets[index];
                    // One place per spelling: a province and its capital share a
                    // name, and the text means one place, not two.
                    let existing_place = slot.iter().position(|t| matches!(t, Target::Place(_)));
                    match (target, existing_place) {
                        (Target::Place(new), Some(at)) => {
                            if let Target::Place(old) = slot[at]
                                && kind_rank(&places[new].kind) < kind_rank(&places[old].kind)
                            {
                                slot[at] = target;
                            }
                        }
                        _ if !slot.contains(&target) => slot.push(target),
                        _ => {}
                    }
                }
                None => {
                    index_of.insert(folded.clone(), patterns.len());
                    patterns.push(folded);
                    targets.push(vec![target]);
                }
            }
        };
        for (index, place) in places.iter().enumerate() {
            add(&place.name, Target::Place(index));
            for alias in &place.aliases {
                add(alias, Target::Place(index));
            }
        }
        for (index, actor) in actors.iter().enumerate() {
            add(&actor.name, Target::Actor(index));
            for alias in &actor.aliases {
                add(alias, Target::Actor(index));
            }
        }
        // A DFA costs memory once and searches fastest: extraction runs over whole archives.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        let apostrophe = patterns.iter().any(|p| p.contains('\''));
        Ok(Self {
            automaton,
            targets,
            apostrophe,
        })
    }

    /// Every name in `text`, on word boundaries, with spans into `text`.
    /// Matching is case-sensitive: "us" and "un" in running text are not the US and the UN.
    pub fn find(&self, text: &str, out: &mut Vec<NameMention>) {
        // No name spans a line end, so only the lines that must be folded
        // are copied folded, and the text between them is searched as it
        // is: a folded copy of the whole text with a map back for every
        // byte cost more than the search (a single "’" made a text need it).
        let bytes = text.as_bytes();
        let mut folded = String::new();
        let mut origin = Vec::new();
        let mut clean_from = 0;
        // The next letter and the next wider character to fold, each
        // looked for again only once the text is read past it.
        let mut letter = self.next_to_fold(text, 0, false);
        let mut wide = self.next_to_fold(text, 0, true);
        loop {
            for (next, wide_ones) in [(&mut letter, false), (&mut wide, true)] {
                if next.is_some_and(|at| at < clean_from) {
                    *next = self.next_to_fold(text, clean_from, wide_ones);
                }
            }
            let Some(at) = letter.into_iter().chain(wide).min() else {
                break;
            };
            let line_start = memchr::memrchr(b'\n', &bytes[clean_from..at])
                .map_or(clean_from, |n| clean_from + n + 1);
            let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |n| at + n + 1);
            self.find_in(&text[clean_from..line_start], clean_from, None, out);
            folded.clear();
            origin.clear();
            for (at, c) in text[line_start..line_end].char_indices() {
                let f = fold_char(c);
                origin.extend(std::iter::repeat_n(line_start + at, f.len_utf8()));
                folded.push(f);
            }
            origin.push(line_end);
            self.find_in(&folded, 0, Some(&origin), out);
            clean_from = line_end;
        }
        self.find_in(&text[clean_from..], clean_from, None, out);
    }

    /// Where the first character at or after byte `from` is that folding
    /// could make part of a match: a letter with a diacritic (`wide`
    /// false), or "ḥ", or "’" when a name has an apostrophe (`wide` true).
    /// Folding keeps letters letters and other characters not, so word
    /// boundaries never change; a character that folds to one no name
    /// holds takes part in no match either way.
    fn next_to_fold(&self, text: &str, from: usize, wide: bool) -> Option<usize> {
        let bytes = text.as_bytes().get(from..)?;
        let folds = |at: &usize| {
            text.get(from + at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| {
                    let folded = fold_char(c);
                    folded != c && (folded != '\'' || self.apostrophe)
                })
        };
        // Every folding character opens with one of these bytes (Latin-1
        // and Latin Extended-A letters; "ḥ"; "’"), which are never inside
        // a character: memchr finds the few there are.
        let found = match (wide, self.apostrophe) {
            (false, _) => memchr::memchr3_iter(0xC3, 0xC4, 0xC5, bytes).find(folds),
            (true, true) => memchr::memchr2_iter(0xE1, 0xE2, bytes).find(folds),
            (true, false) => memchr::memchr_iter(0xE1, bytes).find(folds),
        };
        found.map(|at| from + at)
    }

    /// The names in `haystack`, whole lines of the text from byte `offset`
    /// (so a line end or the text's ends bound it), or one folded line
    /// whose bytes map back through `origin`.
    fn find_in(
        &self,
        haystack: &str,
        offset: usize,
        origin: Option<&[usize]>,
        out: &mut Vec<NameMention>,
    ) {
        if haystack.is_empty() {
            return;
        }
        let bytes = haystack.as_bytes();
        for found in self.automaton.find_iter(haystack) {
            let (s, e) = (found.start(), found.end());
            let before_ok = s == 0
                || !haystack[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let after_ok = e >= bytes.len()
                || !haystack[e..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !(before_ok && after_ok) {
                continue;
            }
            let (start, end) = match origin {
                Some(map) => (map[s], map[e]),
                None => (offset + s, offset + e),
            };
            for &target in &self.targets[found.pattern().as_usize()] {
                out.push(NameMention { start, end, target });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_parse() {
        let actors = parse_actors(ACTORS_TSV);
        assert!(
            actors
                .iter()
                .any(|a| a.name == "United States" && a.aliases.iter().any(|x| x == "U.S."))
        );
    }

    #[test]
    fn every_folding_character_opens_with_a_byte_the_line_test_looks_for() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            if fold_char(c) != c {
                let mut utf8 = [0; 4];
                let first = c.encode_utf8(&mut utf8).as_bytes()[0];
                assert!(matches!(first, 0xC3..=0xC5 | 0xE1 | 0xE2), "{c:?}");
                assert_eq!(c.is_alphanumeric(), fold_char(c).is_alphanumeric());
            }
        }
    }

    #[test]
    fn a_curly_apostrophe_is_folded_only_for_a_name_that_has_one() {
        let places = vec![Place {
            name: "Ma'arrat".into(),
            aliases: vec![],
            kind: "town".into(),
            lat: 35.6,
            lon: 36.7,
        }];
        let finder = NameFinder::new(&places, &[]).expect("small automaton");
        let text = "Shelling hit Ma’arrat.\nThe army’s guns left Ma'arrat.";
        let mut found = Vec::new();
        finder.find(text, &mut found);
        let names: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(names, ["Ma’arrat", "Ma'arrat"]);
    }

    #[test]
    fn names_match_on_word_boundaries_with_diacritics_folded() {
        let places = vec![Place {
            name: "Kunduz".into(),
            aliases: vec!["Kondoz".into()],
            kind: "city".into(),
            lat: 36.7,
            lon: 68.9,
        }];
        let actors = vec![Actor {
            name: "United States".into(),
            aliases: vec!["US".into()],
        }];
        let finder = NameFinder::new(&places, &actors).expect("small automaton");
        let text = "Kundūz fell; US troops left Kondoz. Kunduzi and us and USA stay.";
        let mut found = Vec::new();
        finder.find(text, &mut found);
        let names: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(names, ["Kundūz", "US", "Kondoz"]);
    }
}
