//! Places named in text, from the world gazetteer (GeoNames, see
//! `assets/gazetteer/ATTRIBUTION.md`): every country with its press names,
//! first- and second-level divisions, and towns and cities.
//! Which names in a text are places is decided in [`super::place_evidence`].

use super::names::fold_char;
use foldhash::{HashMap as FoldMap, HashMapExt};
use hashbrown::HashMap;
use smallvec::SmallVec;
use std::sync::OnceLock;

/// The gazetteer shipped with Sitrep: `name, aliases, kind, country, lat, lon, population`.
pub const GAZETTEER_TSV: &str = include_str!("../../assets/gazetteer/gazetteer.tsv");

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

/// Set in an index entry that a place's alias, not its name, spells:
/// "Hamas" is an old name of Hamm, which a text about Gaza does not mean.
pub(super) const ALIAS_BIT: u32 = 1 << 31;

/// What one normalised spelling leads to.
#[derive(Debug, Default)]
pub(super) struct Slot {
    /// Places spelled so.
    pub(super) places: SmallVec<[u32; 2]>,
    /// Whether a longer name begins with these words.
    pub(super) prefix: bool,
}

/// The world gazetteer, indexed by normalised spelling.
#[derive(Debug)]
pub struct Gazetteer {
    pub(super) places: Vec<WorldPlace>,
    pub(super) index: HashMap<Box<str>, Slot>,
    pub(super) country_names: FoldMap<&'static str, &'static str>,
    /// Country names in lower case, sorted: for "Lebanese" → "leban…".
    pub(super) country_keys: Vec<String>,
    /// Country names without a final a, e or y, and whether anything was cut.
    pub(super) demonym_stems: FoldMap<&'static str, bool>,
}

/// The shipped gazetteer, parsed on first use and then shared. Parsing takes
/// tens of milliseconds: the app builds it on a worker thread.
pub fn world() -> &'static Gazetteer {
    static WORLD: OnceLock<Gazetteer> = OnceLock::new();
    WORLD.get_or_init(|| Gazetteer::parse(GAZETTEER_TSV))
}

/// Appends the matching key of one word: diacritics folded, lower case,
/// apostrophes made one, hyphens made spaces.
pub(super) fn push_key(word: &str, key: &mut String) {
    // Most words of most texts are ASCII: one pass, byte by byte.
    let from = key.len();
    key.reserve(word.len());
    for b in word.bytes() {
        if !b.is_ascii() {
            key.truncate(from);
            break;
        }
        key.push(match b {
            b'`' => '\'',
            b'-' => ' ',
            b => char::from(b.to_ascii_lowercase()),
        });
    }
    if key.len() > from || word.is_empty() {
        return;
    }
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
    push_spelling_key(spelling, &mut key);
    key
}

/// Appends the matching key of a spelling of one or more words.
pub(super) fn push_spelling_key(spelling: &str, key: &mut String) {
    for (i, word) in spelling.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        push_key(word, key);
    }
}

/// The slot of a key, made when new: the key is copied only then.
fn slot_of<'i>(index: &'i mut HashMap<Box<str>, Slot>, key: &str) -> &'i mut Slot {
    index.entry_ref(key).or_default()
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
        let mut country_names = FoldMap::new();
        let mut key = String::new();
        for (at, place) in places.iter().enumerate() {
            if place.kind == PlaceKind::Country {
                country_names.insert(place.country, place.name);
            }
            for (n, spelling) in place.spellings().enumerate() {
                let id = at as u32 | if n > 0 { ALIAS_BIT } else { 0 };
                key.clear();
                push_spelling_key(spelling, &mut key);
                if key.chars().count() < 3 && !spelling.chars().all(|c| c.is_uppercase()) {
                    continue;
                }
                let slot = slot_of(&mut index, &key);
                if !slot.places.iter().any(|&p| p & !ALIAS_BIT == at as u32) {
                    slot.places.push(id);
                }
                let mut cut = key.len();
                while let Some(space) = key[..cut].rfind(' ') {
                    slot_of(&mut index, &key[..space]).prefix = true;
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
        let mut country_keys: Vec<String> = country_names
            .values()
            .map(|name| name.to_lowercase())
            .collect();
        country_keys.sort_unstable();
        Self {
            places,
            index,
            country_names,
            country_keys,
            demonym_stems,
        }
    }

    /// Every row.
    pub fn places(&self) -> &[WorldPlace] {
        &self.places
    }

    /// The row of an index entry (which may carry [`ALIAS_BIT`]).
    pub(super) fn place(&self, id: u32) -> &WorldPlace {
        &self.places[(id & !ALIAS_BIT) as usize]
    }

    /// The places a spelling names, most important first.
    pub fn lookup(&self, spelling: &str) -> Vec<&WorldPlace> {
        let mut found: Vec<&WorldPlace> = self
            .index
            .get(key_of(spelling).as_str())
            .map(|slot| slot.places.iter().map(|&i| self.place(i)).collect())
            .unwrap_or_default();
        found.sort_by(|a, b| a.kind.cmp(&b.kind).then(b.population.cmp(&a.population)));
        found
    }

    /// Whether the name of a country begins with a lower-case stem.
    pub(super) fn a_country_begins_with(&self, stem: &str) -> bool {
        let from = self.country_keys.partition_point(|k| k.as_str() < stem);
        self.country_keys
            .get(from)
            .is_some_and(|k| k.starts_with(stem))
    }

    /// The English name of a country by its ISO code ("AF" → "Afghanistan").
    pub fn country_name(&self, code: &str) -> Option<&'static str> {
        self.country_names.get(code).copied()
    }
}
