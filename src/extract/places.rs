//! Places named in text, from the world gazetteer (GeoNames, see
//! `assets/gazetteer/ATTRIBUTION.md`): every country with its press names,
//! first- and second-level divisions, and towns and cities.
//! Which names in a text are places is decided in [`super::place_evidence`].

use super::names::fold_char;
use super::place_words::DEMONYM_ENDINGS;

/// The endings of words made from a country's name, shortest first, with
/// the French "-ien" ("Nigerien"): the first stem that names a country wins.
const DEMONYM_ENDINGS_SHORTEST_FIRST: [&str; 14] = [
    "i", "n", "is", "an", "ic", "ns", "ans", "ese", "ian", "ish", "ean", "ern", "ien", "ians",
];
pub use crate::model::PlaceScale;
use foldhash::{HashMap as FoldMap, HashMapExt};
use hashbrown::{HashTable, hash_table};
use smallvec::SmallVec;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// The gazetteer shipped with Sitrep: `name, aliases, kind, country, lat,
/// lon, population, region, radius_km`.
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
    /// The press name of the first-level division it lies in ("Badakhshan"),
    /// empty for a country, a region or when unknown.
    pub region: &'static str,
    /// For a division: how far from its centre most of its places lie,
    /// kilometres (0 for a point or a country).
    pub radius_km: f32,
}

impl WorldPlace {
    /// How much ground it covers: a country, a region, a district or a point.
    pub fn scale(&self) -> PlaceScale {
        match self.kind {
            PlaceKind::Country => PlaceScale::Country,
            PlaceKind::Region => PlaceScale::Region,
            PlaceKind::District => PlaceScale::District,
            PlaceKind::Capital | PlaceKind::City | PlaceKind::Town => PlaceScale::Point,
        }
    }

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
    pub(super) index: KeyIndex,
    pub(super) country_names: FoldMap<&'static str, &'static str>,
    /// The row of each country, by code.
    country_rows: FoldMap<&'static str, u32>,
    /// The row of each first-level division, by country and name.
    region_rows: FoldMap<(&'static str, &'static str), u32>,
    /// Country names in lower case with their codes, sorted: for
    /// "Lebanese" → "leban…".
    pub(super) country_keys: Vec<(String, &'static str)>,
    /// Country names without a final a, e or y, and whether anything was cut.
    pub(super) demonym_stems: FoldMap<&'static str, bool>,
}

static WORLD: OnceLock<Gazetteer> = OnceLock::new();

/// The shipped gazetteer, parsed on first use and then shared. Parsing takes
/// tens of milliseconds: the app builds it on a worker thread.
pub fn world() -> &'static Gazetteer {
    WORLD.get_or_init(|| Gazetteer::parse(GAZETTEER_TSV))
}

/// Whether [`world`] has been parsed, so that calling it will not wait.
pub fn world_is_ready() -> bool {
    WORLD.get().is_some()
}

/// Appends the matching key of one word: diacritics folded, lower case,
/// apostrophes made one, hyphens made spaces.
pub(super) fn push_key(word: &str, key: &mut String) {
    // Most words are short and ASCII: lower-cased a lane at a time.
    if let Some(lowered) = super::tokens::lower(word)
        && !lowered.as_bytes().iter().any(|&b| b == b'-' || b == b'`')
    {
        lowered.push_to(key);
        return;
    }
    if word.is_ascii() {
        let keyed = word.bytes().map(|b| match b {
            b'`' => b'\'',
            b'-' => b' ',
            b => b.to_ascii_lowercase(),
        });
        // SAFETY: ASCII bytes map to ASCII bytes, and ASCII is UTF-8.
        unsafe { key.as_mut_vec() }.extend(keyed);
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

/// The matching key of a spelling of one or more words.
pub(super) fn key_of(spelling: &str) -> String {
    let mut key = String::with_capacity(spelling.len());
    push_spelling_key(spelling, &mut key);
    key
}

/// Appends the matching key of a spelling of one or more words.
pub(super) fn push_spelling_key(spelling: &str, key: &mut String) {
    let mut push_words = |words: &mut dyn Iterator<Item = &str>| {
        for (i, word) in words.enumerate() {
            if i > 0 {
                key.push(' ');
            }
            push_key(word, key);
        }
    };
    // ASCII white space is all the white space of plain ASCII, but for the
    // vertical tab.
    if spelling.is_ascii() && !spelling.contains('\x0b') {
        push_words(&mut spelling.split_ascii_whitespace());
    } else {
        push_words(&mut spelling.split_whitespace());
    }
}

/// The tab-separated columns of a line.
fn columns(line: &'static str) -> impl Iterator<Item = &'static str> {
    let mut from = 0;
    let tabs = memchr::memchr_iter(b'\t', line.as_bytes()).chain([line.len()]);
    tabs.map(move |to| {
        let column = line.get(from..to).unwrap_or("");
        from = to + 1;
        column
    })
}

/// A plain decimal ("-21.3413") read exactly as `str::parse` would: its
/// digits as an integer and the power of ten below it are both exact in an
/// `f64`, and one division rounds correctly. Anything else goes to
/// `str::parse`.
fn decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let text = text.trim_end_matches('\r');
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, text.as_bytes()),
    };
    let mut mantissa = 0u64;
    let mut point = None;
    for (at, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() && at > 0 && at + 1 < digits.len() => point = Some(at),
            _ => return text.parse().ok(),
        }
    }
    let places = point.map_or(0, |at| digits.len() - at - 1);
    if digits.is_empty() || digits.len() > 16 {
        return text.parse().ok();
    }
    let value = mantissa as f64 / POWERS[places];
    Some(if negative { -value } else { value })
}

/// Normalised spellings to their slots, every key kept in one string: the
/// gazetteer's few hundred thousand keys then cost no allocation each, and
/// start-up waits on building them.
#[derive(Debug, Default)]
pub(super) struct KeyIndex {
    keys: String,
    /// Where each key is in `keys`, and its slot.
    table: HashTable<(u32, u32, Slot)>,
    hasher: foldhash::fast::RandomState,
}

impl KeyIndex {
    fn with_capacity(keys: usize, key_bytes: usize) -> Self {
        Self {
            keys: String::with_capacity(key_bytes),
            table: HashTable::with_capacity(keys),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    fn key<'k>(keys: &'k str, &(start, len, _): &(u32, u32, Slot)) -> &'k str {
        keys.get(start as usize..(start + len) as usize)
            .unwrap_or_default()
    }

    /// The slot of a key.
    pub(super) fn get(&self, key: &str) -> Option<&Slot> {
        let hash = self.hasher.hash_one(key);
        // Lengths first, then bytes: this runs for every capitalised word.
        let keys = self.keys.as_bytes();
        self.table
            .find(hash, |&(start, len, _)| {
                len as usize == key.len()
                    && keys.get(start as usize..(start + len) as usize) == Some(key.as_bytes())
            })
            .map(|(_, _, slot)| slot)
    }

    /// Whether a key has a slot.
    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The slot of a key, made when new: the key is copied only then.
    fn slot_of(&mut self, key: &str) -> &mut Slot {
        let Self {
            keys,
            table,
            hasher,
        } = self;
        let hash = hasher.hash_one(key);
        let entry = table.entry(
            hash,
            |entry| Self::key(keys, entry) == key,
            |entry| hasher.hash_one(Self::key(keys, entry)),
        );
        match entry {
            hash_table::Entry::Occupied(found) => &mut found.into_mut().2,
            hash_table::Entry::Vacant(vacant) => {
                let start = keys.len() as u32;
                keys.push_str(key);
                &mut vacant
                    .insert((start, key.len() as u32, Slot::default()))
                    .into_mut()
                    .2
            }
        }
    }
}

impl Gazetteer {
    /// Parses a gazetteer in the layout of `assets/gazetteer/gazetteer.tsv`;
    /// malformed lines are skipped (the file is generated).
    pub fn parse(tsv: &'static str) -> Self {
        let mut places = Vec::with_capacity(140_000);
        // Start-up waits on this: split with memchr, and read coordinates
        // without the general float parser.
        let mut line_start = 0;
        for line_end in memchr::memchr_iter(b'\n', tsv.as_bytes()).chain([tsv.len()]) {
            let line = tsv.get(line_start..line_end).unwrap_or("");
            let header = line_start == 0;
            line_start = line_end + 1;
            if header {
                continue;
            }
            let mut cols = columns(line);
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
            let (Some(lat), Some(lon)) = (decimal(lat), decimal(lon)) else {
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
                population: cols
                    .next()
                    .and_then(|p| p.trim_end_matches('\r').parse().ok())
                    .unwrap_or(0),
                region: cols.next().map_or("", |r| r.trim_end_matches('\r')),
                radius_km: cols
                    .next()
                    .and_then(|r| r.trim_end_matches('\r').parse().ok())
                    .unwrap_or(0.0),
            });
        }
        let mut index = KeyIndex::with_capacity(places.len() * 3, tsv.len());
        let mut country_names = FoldMap::new();
        let mut country_rows = FoldMap::new();
        let mut region_rows = FoldMap::new();
        let mut key = String::new();
        for (at, place) in places.iter().enumerate() {
            if place.kind == PlaceKind::Country {
                country_names.insert(place.country, place.name);
                country_rows.insert(place.country, at as u32);
            }
            if place.kind == PlaceKind::Region {
                region_rows
                    .entry((place.country, place.name))
                    .or_insert(at as u32);
            }
            for (n, spelling) in place.spellings().enumerate() {
                let id = at as u32 | if n > 0 { ALIAS_BIT } else { 0 };
                key.clear();
                push_spelling_key(spelling, &mut key);
                let short = key.len() < 12 && key.chars().count() < 3;
                if short && !spelling.chars().all(|c| c.is_uppercase()) {
                    continue;
                }
                let slot = index.slot_of(&key);
                if !slot.places.iter().any(|&p| p & !ALIAS_BIT == at as u32) {
                    slot.places.push(id);
                }
                // Keys are short: a plain scan beats a memrchr call.
                let mut cut = key.len();
                while let Some(space) = key.as_bytes()[..cut].iter().rposition(|&b| b == b' ') {
                    index.slot_of(&key[..space]).prefix = true;
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
        let mut country_keys: Vec<(String, &'static str)> = country_names
            .iter()
            .map(|(&code, name)| (name.to_lowercase(), code))
            .collect();
        country_keys.sort_unstable();
        Self {
            places,
            index,
            country_names,
            country_rows,
            region_rows,
            country_keys,
            demonym_stems,
        }
    }

    /// The first broken row of a gazetteer file, as one line naming it: a
    /// missing column, a coordinate that is no number or off the Earth, or
    /// 0, 0 (no place sits there; it stands for "unknown").
    pub fn check(tsv: &str) -> Result<(), String> {
        for (index, line) in tsv.lines().enumerate().skip(1) {
            let number = index + 1;
            let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            let [name, _aliases, kind, country, lat, lon, ..] = cols.as_slice() else {
                return Err(format!(
                    "gazetteer line {number}: {} columns, expected at least 6 (name, aliases, kind, country, lat, lon)",
                    cols.len()
                ));
            };
            if name.trim().is_empty() || kind.is_empty() || country.len() != 2 {
                return Err(format!(
                    "gazetteer line {number}: needs a name, a kind and a two-letter country"
                ));
            }
            let read = |what: &str, text: &str| {
                text.parse::<f64>().map_err(|_| {
                    format!("gazetteer line {number} ({name}): {what} '{text}' is not a number")
                })
            };
            let (lat, lon) = (read("latitude", lat)?, read("longitude", lon)?);
            if !crate::model::is_on_earth(lat, lon) {
                return Err(format!(
                    "gazetteer line {number} ({name}): {lat}, {lon} is no place on Earth"
                ));
            }
        }
        Ok(())
    }

    /// Every row.
    pub fn places(&self) -> &[WorldPlace] {
        &self.places
    }

    /// The row of an index entry (which may carry [`ALIAS_BIT`]).
    pub(super) fn place(&self, id: u32) -> &WorldPlace {
        &self.places[(id & !ALIAS_BIT) as usize]
    }

    /// The index entries of a spelling's places (with [`ALIAS_BIT`] set
    /// where only an alias spells them), if any.
    pub(super) fn ids_of(&self, spelling: &str) -> Option<&[u32]> {
        self.index
            .get(key_of(spelling).as_str())
            .map(|slot| slot.places.as_slice())
            .filter(|ids| !ids.is_empty())
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
        let from = self
            .country_keys
            .partition_point(|(k, _)| k.as_str() < stem);
        self.country_keys
            .get(from)
            .is_some_and(|(k, _)| k.starts_with(stem))
    }

    /// The country whose name a lower-case stem begins, when one alone does
    /// or one is spelled so exactly ("niger" of "Nigerien": Niger, not Nigeria).
    pub(super) fn country_beginning_with(&self, stem: &str) -> Option<&'static str> {
        let from = self
            .country_keys
            .partition_point(|(k, _)| k.as_str() < stem);
        let mut matching = self.country_keys[from..]
            .iter()
            .take_while(|(k, _)| k.starts_with(stem));
        let first = matching.next()?;
        if first.0 == stem || matching.next().is_none() {
            Some(first.1)
        } else {
            None
        }
    }

    /// The country a word is made from ("Israeli", "Palestinians",
    /// "Sudanese", "Afghan"), when one alone fits: the remainder of the
    /// country's name is a few letters, or the word begins it.
    pub(super) fn demonym_country(&self, word: &str) -> Option<&'static str> {
        // Asked of every capitalised word the gazetteer lacks: most are
        // turned away by their last letters before anything is allocated.
        let bytes = word.as_bytes();
        if bytes.len() < 5 || !word.is_ascii() || bytes[1].is_ascii_uppercase() {
            return None;
        }
        let singular = word.strip_suffix('s').unwrap_or(word);
        if !DEMONYM_ENDINGS.iter().any(|e| word.ends_with(e)) && singular == word {
            return None;
        }
        let lower = singular.to_ascii_lowercase();
        std::iter::once(lower.as_str())
            .chain(
                DEMONYM_ENDINGS_SHORTEST_FIRST
                    .iter()
                    .filter_map(|e| lower.strip_suffix(e)),
            )
            .filter(|stem| stem.len() >= 4)
            .find_map(|stem| {
                let code = self.country_beginning_with(stem)?;
                let name = self.country_name(code)?;
                let fits = name.len() <= stem.len() + 3
                    || name.to_ascii_lowercase().starts_with(lower.as_str());
                (fits && !name.contains(' ')).then_some(code)
            })
    }

    /// Every row of a country by its code ("AF"), if the gazetteer has one.
    pub fn country(&'static self, code: &str) -> Option<&'static WorldPlace> {
        self.country_rows.get(code).map(|&at| self.place(at))
    }

    /// The first-level division of a country by its press name.
    pub fn region_of(&'static self, country: &str, name: &str) -> Option<&'static WorldPlace> {
        self.region_rows
            .get(&(country, name))
            .map(|&at| self.place(at))
    }

    /// The English name of a country by its ISO code ("AF" → "Afghanistan").
    pub fn country_name(&self, code: &str) -> Option<&'static str> {
        self.country_names.get(code).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demonym_ending_is_tried_shortest_first() {
        for ending in DEMONYM_ENDINGS {
            assert!(DEMONYM_ENDINGS_SHORTEST_FIRST.contains(ending), "{ending}");
        }
        assert!(DEMONYM_ENDINGS_SHORTEST_FIRST.is_sorted_by_key(|e| e.len()));
        let world = world();
        for (word, country) in [
            ("Israeli", "IL"),
            ("Palestinians", "PS"),
            ("Sudanese", "SD"),
            ("Nigerien", "NE"),
            ("Nigerian", "NG"),
            ("Afghan", "AF"),
            ("Ukrainian", "UA"),
        ] {
            assert_eq!(world.demonym_country(word), Some(country), "{word}");
        }
        assert_eq!(world.demonym_country("Christian"), None);
    }

    #[test]
    fn the_shipped_gazetteer_has_no_broken_row_and_nothing_at_0_0() {
        assert_eq!(Gazetteer::check(GAZETTEER_TSV), Ok(()));
    }

    #[test]
    fn a_broken_row_is_named_in_one_line() {
        let header = "name\taliases\tkind\tcountry\tlat\tlon\n";
        let bad = format!("{header}Kabul\t\tcapital\tAF\t34.5\t69.2\nNowhere\t\ttown\tAF\tx\t1\n");
        assert_eq!(
            Gazetteer::check(&bad),
            Err("gazetteer line 3 (Nowhere): latitude 'x' is not a number".into())
        );
        let zero = format!("{header}Nowhere\t\ttown\tAF\t0\t0\n");
        assert!(Gazetteer::check(&zero).is_err_and(|e| e.contains("line 2") && !e.contains('\n')));
        let short = format!("{header}Kabul\tcapital\n");
        assert!(Gazetteer::check(&short).is_err_and(|e| e.starts_with("gazetteer line 2:")));
    }

    #[test]
    fn capitals_and_big_cities_keep_their_press_names_apart_from_their_regions() {
        let world = world();
        let kinds = |name: &str| -> Vec<(PlaceKind, &str)> {
            world
                .lookup(name)
                .iter()
                .map(|p| (p.kind, p.country))
                .collect()
        };
        assert!(kinds("Washington").contains(&(PlaceKind::Capital, "US")));
        assert!(kinds("Washington").contains(&(PlaceKind::Region, "US")));
        assert!(kinds("Kyiv").contains(&(PlaceKind::Capital, "UA")));
        assert!(kinds("New York").contains(&(PlaceKind::City, "US")));
        // A country sits at the middle of its land, not at its capital.
        let afghanistan = world.country("AF").expect("Afghanistan");
        assert!((afghanistan.lat - 33.9).abs() < 1.5 && (afghanistan.lon - 66.0).abs() < 2.0);
    }

    #[test]
    fn every_coordinate_reads_as_the_standard_parser_reads_it() {
        for line in GAZETTEER_TSV.lines().skip(1) {
            for column in line.split('\t').skip(4).take(2) {
                assert_eq!(decimal(column), column.parse().ok(), "{column}");
            }
        }
        for odd in [
            "-0.0",
            "12",
            "1e5",
            "",
            "-",
            ".5",
            "3.",
            "1.2.3",
            "99999999999999999",
        ] {
            assert_eq!(decimal(odd), odd.parse::<f64>().ok(), "{odd}");
        }
    }
}
