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

/// One character with its diacritics folded ("ū" → "u", "’" → "'").
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ş' | 'ś' | 'š' => 's',
        'Ş' | 'Ś' | 'Š' => 'S',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ḥ' => 'h',
        'Ḥ' => 'H',
        '’' => '\'',
        other => other,
    }
}

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
            if folded.chars().count() < 2 {
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
        Ok(Self { automaton, targets })
    }

    /// Every name in `text`, on word boundaries, with spans into `text`.
    /// Matching is case-sensitive: "us" and "un" in running text are not the US and the UN.
    pub fn find(&self, text: &str, out: &mut Vec<NameMention>) {
        let needs_folding = !text.is_ascii() && text.chars().any(|c| fold_char(c) != c);
        if !needs_folding {
            self.find_in(text, None, out);
            return;
        }
        // Map each byte of the folded text back to the original.
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            let f = fold_char(c);
            for _ in 0..f.len_utf8() {
                origin.push(at);
            }
            folded.push(f);
        }
        origin.push(text.len());
        self.find_in(&folded, Some(&origin), out);
    }

    fn find_in(&self, haystack: &str, origin: Option<&[usize]>, out: &mut Vec<NameMention>) {
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
                None => (s, e),
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
