//! Places named in text, from the world gazetteer (GeoNames, see
//! `assets/gazetteer/ATTRIBUTION.md`): every country with its press names,
//! first- and second-level divisions, and towns and cities.
//!
//! A world list holds many names that are also English words or parts of
//! other names ("Split", "Reading", "Chad", "Israel Katz", "Armed Forces of
//! Ukraine"), so a name found in text becomes a place only on evidence: its
//! capitals and its position in the sentence, the words around it ("in",
//! "near", "province"), the place's size and kind, and the countries the rest
//! of the text names (a town in the country the article is about beats a
//! namesake elsewhere).

use super::lexicon::Lexicon;
use super::names::fold_char;
use super::tokens::{Kind, Token};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The gazetteer shipped with Sitrep: `name, aliases, kind, country, lat, lon, population`.
pub const GAZETTEER_TSV: &str = include_str!("../../assets/gazetteer/gazetteer.tsv");

/// The longest name, in words, that matching tries.
const MAX_WORDS: usize = 6;

/// What sort of place a row is, most important first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level division, or a region the press names (Darfur).
    Region,
    /// A national capital.
    Capital,
    /// A city, a seat of a division, a crossing, a river or a base.
    City,
    /// A second-level division.
    District,
    /// A town or village.
    Town,
}

impl PlaceKind {
    fn parse(kind: &str) -> Self {
        match kind {
            "country" => Self::Country,
            "region" | "province" | "area" => Self::Region,
            "capital" => Self::Capital,
            "city" | "crossing" | "river" | "base" | "world" => Self::City,
            "district" => Self::District,
            _ => Self::Town,
        }
    }
}

/// One row of the gazetteer, borrowed from the embedded file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldPlace {
    /// Its name.
    pub name: &'static str,
    /// Other spellings, `|`-separated.
    pub aliases: &'static str,
    /// What sort of place it is.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: &'static str,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Inhabitants (of a division: of its places), 0 when unknown.
    pub population: u64,
}

impl WorldPlace {
    /// Its name and every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.split('|').filter(|a| !a.is_empty()))
    }
}

/// What one normalised spelling leads to.
#[derive(Debug, Default)]
struct Slot {
    /// Places spelled so.
    places: Vec<u32>,
    /// Whether a longer name begins with these words.
    prefix: bool,
}

/// The world gazetteer, indexed by normalised spelling.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<WorldPlace>,
    index: HashMap<Box<str>, Slot>,
    country_names: HashMap<&'static str, &'static str>,
    demonym_stems: HashMap<&'static str, bool>,
}

/// The shipped gazetteer, parsed on first use and then shared. Parsing takes
/// tens of milliseconds: the app builds it on a worker thread.
pub fn world() -> &'static Gazetteer {
    static WORLD: OnceLock<Gazetteer> = OnceLock::new();
    WORLD.get_or_init(|| Gazetteer::parse(GAZETTEER_TSV))
}

/// Appends the matching key of one word: diacritics folded, lower case,
/// apostrophes made one, hyphens made spaces.
fn push_key(word: &str, key: &mut String) {
    for c in word.chars() {
        match fold_char(c) {
            '’' | '‘' | '`' | 'ʼ' | 'ʻ' | '\'' => key.push('\''),
            '-' | '‐' | '–' => key.push(' '),
            c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
            c => key.extend(c.to_lowercase()),
        }
    }
}

fn key_of(spelling: &str) -> String {
    let mut key = String::with_capacity(spelling.len());
    for (i, word) in spelling.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        push_key(word, &mut key);
    }
    key
}

impl Gazetteer {
    /// Parses a gazetteer in the layout of `assets/gazetteer/gazetteer.tsv`;
    /// malformed lines are skipped (the file is generated).
    pub fn parse(tsv: &'static str) -> Self {
        let mut places = Vec::with_capacity(140_000);
        for line in tsv.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(name), Some(aliases), Some(kind), Some(country), Some(lat), Some(lon)) = (
                cols.next(),
                cols.next(),
                cols.next(),
                cols.next(),
                cols.next(),
                cols.next(),
            ) else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
                continue;
            };
            if name.is_empty() {
                continue;
            }
            places.push(WorldPlace {
                name,
                aliases,
                kind: PlaceKind::parse(kind),
                country,
                lat,
                lon,
                population: cols.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            });
        }
        let mut index: HashMap<Box<str>, Slot> = HashMap::with_capacity(places.len() * 3);
        let mut country_names = HashMap::new();
        let mut key = String::new();
        for (at, place) in places.iter().enumerate() {
            if place.kind == PlaceKind::Country {
                country_names.insert(place.country, place.name);
            }
            for spelling in place.spellings() {
                key.clear();
                key.push_str(&key_of(spelling));
                if key.chars().count() < 3 && !spelling.chars().all(|c| c.is_uppercase()) {
                    continue;
                }
                let slot = index.entry(key.as_str().into()).or_default();
                if !slot.places.contains(&(at as u32)) {
                    slot.places.push(at as u32);
                }
                let mut cut = key.len();
                while let Some(space) = key[..cut].rfind(' ') {
                    index.entry(key[..space].into()).or_default().prefix = true;
                    cut = space;
                }
            }
        }
        let demonym_stems = country_names
            .values()
            .map(|name| {
                let stem = name.trim_end_matches(['a', 'e', 'y']);
                (stem, stem.len() < name.len())
            })
            .collect();
        Self {
            places,
            index,
            country_names,
            demonym_stems,
        }
    }

    /// Every row.
    pub fn places(&self) -> &[WorldPlace] {
        &self.places
    }

    /// The places a spelling names, most important first.
    pub fn lookup(&self, spelling: &str) -> Vec<&WorldPlace> {
        let mut found: Vec<&WorldPlace> = self
            .index
            .get(key_of(spelling).as_str())
            .map(|slot| {
                slot.places
                    .iter()
                    .map(|&i| &self.places[i as usize])
                    .collect()
            })
            .unwrap_or_default();
        found.sort_by(|a, b| a.kind.cmp(&b.kind).then(b.population.cmp(&a.population)));
        found
    }

    /// The English name of a country by its ISO code ("AF" → "Afghanistan").
    pub fn country_name(&self, code: &str) -> Option<&'static str> {
        self.country_names.get(code).copied()
    }
}

/// A place found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past it (without a possessive "'s").
    pub end: usize,
    /// The place chosen.
    pub place: &'static WorldPlace,
}

/// A name that matched, before the evidence is weighed.
#[derive(Clone, Debug)]
pub struct Candidate {
    start: usize,
    end: usize,
    places: Vec<u32>,
    /// Sure enough to stand without more evidence.
    plain: bool,
    /// Words around it say "place".
    evidence: bool,
    /// A country name right before a noun it modifies ("US troops").
    modifier: bool,
    /// Written in capitals though the name is not ("KABUL" in a dateline).
    shouted: bool,
}

/// Endings that make a demonym of a country's stem ("Chad" + "ian").
const DEMONYM_ENDINGS: &[&str] = &[
    "ian", "ians", "an", "ans", "ese", "i", "is", "ish", "ic", "n", "ns",
];

/// Whether a word is a demonym of a country the gazetteer names
/// ("Chadian", "Somali", "Sudanese"): those are not places. `stems` maps a
/// country name without its final a, e or y to whether anything was cut.
fn is_demonym(word: &str, stems: &HashMap<&'static str, bool>) -> bool {
    if word.ends_with('i') && stems.get(word) == Some(&true) {
        return true;
    }
    DEMONYM_ENDINGS.iter().any(|ending| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 3 && stems.contains_key(stem))
    })
}

/// Words after a name that say what sort of place it is ("Kunduz province").
const DIVISION_WORDS: &[&str] = &[
    "province",
    "provinces",
    "district",
    "districts",
    "state",
    "region",
    "governorate",
    "oblast",
    "city",
    "town",
    "village",
    "township",
    "county",
    "prefecture",
    "department",
    "municipality",
    "locality",
    "camp",
    "area",
    "border",
    "crossing",
    "river",
    "valley",
    "airport",
    "port",
    "division",
    "raion",
    "subdistrict",
    "neighbourhood",
    "neighborhood",
    "commune",
    "territory",
];

/// Words for a kind of division that are not part of a place's name, even capitalised.
const ADMIN_WORDS: &[&str] = &[
    "province",
    "state",
    "states",
    "region",
    "governorate",
    "oblast",
    "district",
    "county",
    "prefecture",
    "department",
    "locality",
    "municipality",
    "township",
    "raion",
];

/// Words before a name that say "a place follows".
const LOCATIVE_WORDS: &[&str] = &[
    "in",
    "near",
    "from",
    "to",
    "at",
    "into",
    "outside",
    "around",
    "across",
    "toward",
    "towards",
    "via",
    "through",
    "throughout",
    "inside",
    "of",
    "between",
    "entered",
    "reached",
    "captured",
    "seized",
    "besieged",
    "shelled",
    "struck",
    "bombed",
    "fled",
    "visited",
];

/// Titles and compass words that may stand before a place without being part of a name.
const HARMLESS_BEFORE: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Upper",
    "Lower",
    "Greater",
    "Mid",
];

fn first_is_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

fn lowercase(word: &str) -> String {
    word.to_lowercase()
}

/// The possessive ending of a word, if any ("Ukraine's" → 2 bytes... of "'s").
fn possessive_len(word: &str) -> usize {
    if word.ends_with("'s") || word.ends_with("'S") {
        2
    } else if word.ends_with("’s") {
        "’s".len()
    } else {
        0
    }
}

impl Gazetteer {
    /// Finds the names in one sentence's tokens and notes the evidence around each.
    pub fn candidates(
        &self,
        text: &str,
        tokens: &[Token],
        lexicon: &Lexicon,
        out: &mut Vec<Candidate>,
    ) {
        let mut key = String::new();
        let sentence_start = tokens
            .iter()
            .position(|t| t.kind == Kind::Word || t.kind == Kind::Number)
            .unwrap_or(0);
        let mut i = 0;
        while i < tokens.len() {
            let token = tokens[i];
            let word = token.text(text);
            if token.kind != Kind::Word || !first_is_upper(word) {
                i += 1;
                continue;
            }
            // The longest run of words that spells a name.
            key.clear();
            let mut best: Option<(usize, &Slot, usize)> = None;
            let mut j = i;
            while j < tokens.len() && j < i + MAX_WORDS {
                let t = tokens[j];
                if t.kind != Kind::Word || (j > i && t.start != tokens[j - 1].end + 1) {
                    break;
                }
                let w = t.text(text);
                let possessive = possessive_len(w);
                if j > i {
                    key.push(' ');
                }
                let before_word = key.len();
                push_key(w, &mut key);
                // "Cox's Bazar" keeps its "'s"; "Ukraine's" does not.
                let (slot, possessive) = match self.index.get(key.as_str()) {
                    Some(slot) if possessive == 0 || slot.prefix || !slot.places.is_empty() => {
                        (slot, 0)
                    }
                    _ if possessive > 0 => {
                        key.truncate(before_word);
                        push_key(&w[..w.len() - possessive], &mut key);
                        match self.index.get(key.as_str()) {
                            Some(slot) => (slot, possessive),
                            None => break,
                        }
                    }
                    _ => break,
                };
                if !slot.places.is_empty() {
                    best = Some((j, slot, possessive));
                }
                if !slot.prefix || possessive > 0 {
                    break;
                }
                j += 1;
            }
            let Some((mut last, mut slot, possessive)) = best else {
                i += 1;
                continue;
            };
            // "Shan State", "Kisoro district": the type word is not part of the name,
            // but a capitalised feature word is ("Gaza City", "Dnipro River").
            if last > i && possessive == 0 {
                let tail = tokens[last].text(text);
                let lower = tail.to_lowercase();
                let admin = ADMIN_WORDS.contains(&lower.as_str())
                    || (!first_is_upper(tail) && DIVISION_WORDS.contains(&lower.as_str()));
                if admin {
                    key.clear();
                    for (n, t) in tokens[i..last].iter().enumerate() {
                        if n > 0 {
                            key.push(' ');
                        }
                        push_key(t.text(text), &mut key);
                    }
                    if let Some(shorter) = self
                        .index
                        .get(key.as_str())
                        .filter(|s| !s.places.is_empty())
                    {
                        slot = shorter;
                        last -= 1;
                    }
                }
            }
            let start = token.start;
            let end = tokens[last].end - possessive;
            let matched = &text[start..end];
            let word_before = |back: usize| {
                i.checked_sub(back)
                    .and_then(|k| tokens.get(k))
                    .filter(|t| t.kind == Kind::Word)
                    .map(|t| t.text(text))
            };
            let after = tokens.get(last + 1).copied();
            let word_after = after.filter(|t| t.kind == Kind::Word).map(|t| t.text(text));
            let initial = i == sentence_start;
            let lower_after = word_after.map(lowercase);
            let division_after = possessive == 0
                && lower_after
                    .as_deref()
                    .is_some_and(|w| DIVISION_WORDS.contains(&w));
            // Part of a longer capitalised name: "Israel Katz", "Tigray People's Liberation Front".
            let name_after = possessive == 0
                && !division_after
                && word_after.is_some_and(|w| first_is_upper(w) && !is_all_caps(matched))
                && after.is_some_and(|t| t.start == tokens[last].end + 1);
            let name_before = word_before(1).is_some_and(|w| {
                first_is_upper(w)
                    && !HARMLESS_BEFORE.contains(&w)
                    && !(i - 1 == sentence_start && lexicon.is_common(&lowercase(w)))
                    && tokens[i - 1].end + 1 == start
            });
            // "Armed Forces of Ukraine", "University of Khartoum".
            let of_a_name = word_before(1) == Some("of")
                && i >= 2
                && i - 2 != sentence_start
                && word_before(2).is_some_and(first_is_upper);
            let locative_before = word_before(1).is_some_and(|w| {
                let w = lowercase(w);
                LOCATIVE_WORDS.contains(&w.as_str())
                    || HARMLESS_BEFORE.iter().any(|h| h.eq_ignore_ascii_case(&w))
            });
            let dateline = initial
                && after.is_some_and(|t| {
                    t.kind == Kind::Punct
                        && matches!(t.text(text), ":" | "," | "–" | "—" | "(" | "-")
                });
            let caps =
                is_all_caps(matched) && matched.chars().filter(|c| c.is_alphabetic()).count() > 1;
            let exact_acronym = caps
                && slot
                    .places
                    .iter()
                    .any(|&p| self.places[p as usize].spellings().any(|s| s == matched));
            let single = last == i;
            let lower_matched = lowercase(matched);
            if single && lexicon.is_function_word(&lower_matched) {
                i = last + 1;
                continue;
            }
            let common = single && lexicon.is_common(&lower_matched);
            let demonym = single && is_demonym(matched, &self.demonym_stems);
            // "US troops", "Myanmar military": a country name before a noun it modifies.
            let modifier = possessive == 0
                && lower_after.as_deref().is_some_and(|w| {
                    word_after.is_some_and(|a| !first_is_upper(a))
                        && !lexicon.is_function_word(w)
                        && lexicon
                            .reading(w)
                            .is_some_and(|r| r.mostly_noun() && r.adjective <= r.noun)
                });
            let glued = name_after || name_before || of_a_name || demonym;
            if !glued {
                out.push(Candidate {
                    start,
                    end,
                    places: slot.places.clone(),
                    plain: if caps { exact_acronym } else { !common },
                    evidence: !(common && initial)
                        && (locative_before || division_after || dateline || possessive > 0),
                    shouted: caps && !exact_acronym && matched.chars().count() >= 4,
                    modifier,
                });
            }
            i = last + 1;
        }
    }

    /// Weighs the evidence of every candidate of one text and chooses a
    /// place for each that stands: the countries the text names decide
    /// between namesakes.
    pub fn resolve(&'static self, candidates: &[Candidate], out: &mut Vec<Option<PlaceMention>>) {
        let mut countries: HashSet<&str> = HashSet::new();
        for c in candidates {
            for &p in &c.places {
                let place = &self.places[p as usize];
                let telling = place.kind == PlaceKind::Country
                    || (c.places.len() == 1
                        && matches!(place.kind, PlaceKind::Region | PlaceKind::Capital));
                if telling && (c.plain || c.evidence) && !c.modifier {
                    countries.insert(place.country);
                }
            }
        }
        for c in candidates {
            let best = c
                .places
                .iter()
                .map(|&p| &self.places[p as usize])
                .max_by(|a, b| {
                    let score = |p: &WorldPlace| {
                        let kind = match p.kind {
                            PlaceKind::Country => 6.0,
                            PlaceKind::Region => 5.0,
                            PlaceKind::Capital => 5.0,
                            PlaceKind::City => 4.0,
                            PlaceKind::District => 3.0,
                            PlaceKind::Town => 2.0,
                        };
                        let home = if countries.contains(p.country) {
                            3.0
                        } else {
                            0.0
                        };
                        kind + home + (p.population as f64 + 1.0).log10() / 2.0
                    };
                    score(a).total_cmp(&score(b))
                });
            let Some(place) = best else {
                out.push(None);
                continue;
            };
            let big = matches!(
                place.kind,
                PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital
            ) || place.population >= 200_000;
            let home = countries.contains(place.country);
            let stands = if c.modifier && place.kind == PlaceKind::Country {
                false
            } else if c.shouted {
                big || home
            } else if c.evidence {
                true
            } else {
                // With no word around it to say "place", a small namesake
                // abroad is more likely a person or a word than the place.
                c.plain && (big || home || countries.is_empty())
            };
            out.push(stands.then_some(PlaceMention {
                start: c.start,
                end: c.end,
                place,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::lexicon;
    use crate::extract::tokens::tokenize;

    fn places(text: &str) -> Vec<(String, &'static str)> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let mut candidates = Vec::new();
        world().candidates(text, &tokens, lexicon(), &mut candidates);
        let mut found = Vec::new();
        world().resolve(&candidates, &mut found);
        found
            .into_iter()
            .flatten()
            .map(|m| (text[m.start..m.end].to_owned(), m.place.country))
            .collect()
    }

    #[test]
    fn countries_by_their_press_names() {
        let found = places("The U.S. and the UK sent envoys to DR Congo and Ivory Coast.");
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["U.S.", "UK", "DR Congo", "Ivory Coast"]);
        assert_eq!(found[2].1, "CD");
    }

    #[test]
    fn common_words_and_parts_of_names_are_not_places() {
        assert!(places("Split decisions were made after Reading the report.").is_empty());
        assert!(places("Defence minister Israel Katz said so.").is_empty());
        assert!(places("the Armed Forces of Ukraine said").is_empty());
        assert!(places("Hundreds of US troops left.").is_empty());
    }

    #[test]
    fn a_namesake_in_the_articles_country_wins() {
        let found = places("Fighting in Sudan reached Kassala and El Obeid in North Darfur.");
        assert!(
            found.iter().all(|(_, country)| *country == "SD"),
            "{found:?}"
        );
        assert_eq!(found.len(), 4, "{found:?}");
    }
}
