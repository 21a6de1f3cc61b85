//! Places named in text, from the world gazetteer (GeoNames, see
//! `assets/gazetteer/ATTRIBUTION.md`): every country with its press names,
//! first- and second-level divisions, and towns and cities.
//! Which names in a text are places is decided in [`super::place_evidence`].

use super::gazetteer_index::{self as gi, Index, Row, push_word_key};
use super::place_words::DEMONYM_ENDINGS;

/// The endings of words made from a country's name, shortest first, with
/// the French "-ien" ("Nigerien"): the first stem that names a country wins.
const DEMONYM_ENDINGS_SHORTEST_FIRST: [&str; 14] = [
    "i", "n", "is", "an", "ic", "ns", "ans", "ese", "ian", "ish", "ean", "ern", "ien", "ians",
];
pub use crate::model::PlaceScale;
use foldhash::{HashMap as FoldMap, HashMapExt};
pub(super) use gi::{ALIAS_BIT, Slot};
use std::sync::OnceLock;

/// The gazetteer shipped with Sitrep: `name, aliases, kind, country, lat,
/// lon, population, region, radius_km`.
pub const GAZETTEER_TSV: &str = include_str!("../../assets/gazetteer/gazetteer.tsv");

/// The index of [`GAZETTEER_TSV`] and its rows, built by `src/build.rs`.
const GAZETTEER_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.idx"));

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

impl From<Row<'static>> for WorldPlace {
    fn from(row: Row<'static>) -> Self {
        Self {
            name: row.name,
            aliases: row.aliases,
            kind: PlaceKind::parse(row.kind),
            country: row.country,
            lat: row.lat,
            lon: row.lon,
            population: row.population,
            region: row.region,
            radius_km: row.radius_km,
        }
    }
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

/// The world gazetteer, indexed by normalised spelling.
#[derive(Debug)]
pub struct Gazetteer {
    pub(super) places: Vec<WorldPlace>,
    pub(super) index: Index,
    pub(super) country_names: FoldMap<&'static str, &'static str>,
    /// The row of each country, by code.
    country_rows: FoldMap<&'static str, u32>,
    /// The row of each first-level division, by country and name.
    region_rows: FoldMap<(&'static str, &'static str), u32>,
    /// Country names in lower case with their codes, sorted: for
    /// "Lebanese" → "leban…".
    pub(super) country_keys: Vec<(String, &'static str)>,
    /// Every beginning of four bytes or more of a lower-case country name,
    /// with the country it alone begins (see
    /// [`Self::country_beginning_with`]): asked of most capitalised words.
    country_prefixes: FoldMap<Box<str>, Option<&'static str>>,
    /// Country names without a final a, e or y, and whether anything was cut.
    pub(super) demonym_stems: FoldMap<&'static str, bool>,
}

static WORLD: OnceLock<Gazetteer> = OnceLock::new();

/// The shipped gazetteer, read on first use from the index built with the
/// program (a few milliseconds), and then shared.
pub fn world() -> &'static Gazetteer {
    WORLD.get_or_init(|| Gazetteer::prebuilt().unwrap_or_else(|| Gazetteer::parse(GAZETTEER_TSV)))
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
    push_word_key(word, key);
}

/// The matching key of a spelling of one or more words.
pub(super) fn key_of(spelling: &str) -> String {
    let mut key = String::with_capacity(spelling.len());
    push_spelling_key(spelling, &mut key);
    key
}

/// Appends the matching key of a spelling of one or more words.
pub(super) fn push_spelling_key(spelling: &str, key: &mut String) {
    gi::push_spelling_key_with(spelling, key, push_key);
}

impl Gazetteer {
    /// Parses a gazetteer in the layout of `assets/gazetteer/gazetteer.tsv`;
    /// malformed lines are skipped (the file is generated).
    pub fn parse(tsv: &'static str) -> Self {
        let rows: Vec<Row> = gi::rows(tsv).collect();
        let index = Index::build(rows.iter().copied(), push_key);
        Self::with_rows(rows.into_iter().map(WorldPlace::from).collect(), index)
    }

    /// The shipped gazetteer from the index `src/build.rs` made of it, or
    /// `None` if that index is not of this very file.
    pub fn prebuilt() -> Option<Self> {
        let hash = gi::key_hash(GAZETTEER_TSV.as_bytes());
        let (index, rest) =
            Index::decode(GAZETTEER_INDEX, GAZETTEER_TSV.len() as u64, hash).ok()?;
        let mut places = Vec::with_capacity(160_000);
        gi::decode_rows(rest, GAZETTEER_TSV, |row| {
            places.push(WorldPlace::from(row))
        })
        .ok()?;
        Some(Self::with_rows(places, index))
    }

    /// The gazetteer of these rows and their index, with its lookups by
    /// country and region.
    fn with_rows(places: Vec<WorldPlace>, index: Index) -> Self {
        let mut country_names = FoldMap::new();
        let mut country_rows = FoldMap::new();
        let mut region_rows = FoldMap::new();
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
        let mut prefixes: Vec<&str> = country_keys
            .iter()
            .flat_map(|(key, _)| {
                key.char_indices()
                    .map(|(at, c)| &key[..at + c.len_utf8()])
                    .filter(|prefix| prefix.len() >= 4)
            })
            .collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        let country_prefixes = prefixes
            .into_iter()
            .map(|prefix| (prefix.into(), searched_country(&country_keys, prefix)))
            .collect();
        Self {
            places,
            index,
            country_names,
            country_rows,
            region_rows,
            country_keys,
            country_prefixes,
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
            .map(|slot| slot.places)
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
        if stem.len() >= 4 {
            return self.country_prefixes.contains_key(stem);
        }
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
        if stem.len() >= 4 {
            return self.country_prefixes.get(stem).copied().flatten();
        }
        searched_country(&self.country_keys, stem)
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
        super::tokens::with_lower(singular, |lower| self.demonym_stem_country(lower))
    }

    /// [`Self::demonym_country`] of a lower-case word, its plural "s" cut.
    fn demonym_stem_country(&self, lower: &str) -> Option<&'static str> {
        std::iter::once(lower)
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
                    || name
                        .get(..lower.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(lower));
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

/// The country whose lower-case name `stem` begins, when one alone does or
/// one is spelled so exactly, searched in the sorted `keys`.
fn searched_country(keys: &[(String, &'static str)], stem: &str) -> Option<&'static str> {
    let from = keys.partition_point(|(k, _)| k.as_str() < stem);
    let mut matching = keys[from..].iter().take_while(|(k, _)| k.starts_with(stem));
    let first = matching.next()?;
    if first.0 == stem || matching.next().is_none() {
        Some(first.1)
    } else {
        None
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
    fn the_index_built_with_the_program_is_the_one_the_file_gives() {
        let prebuilt = Gazetteer::prebuilt().expect("the build's index is of the shipped file");
        let parsed = Gazetteer::parse(GAZETTEER_TSV);
        assert_eq!(prebuilt.places, parsed.places);
        assert_eq!(prebuilt.index, parsed.index);
        // The build keys words the slow way, the program the fast way.
        for place in &parsed.places {
            for spelling in place.spellings() {
                let mut slow = String::new();
                gi::push_spelling_key_with(spelling, &mut slow, push_word_key);
                assert_eq!(key_of(spelling), slow, "{spelling}");
            }
        }
        assert!(prebuilt.lookup("Kabul").iter().any(|p| p.country == "AF"));
        assert_eq!(
            Index::decode(GAZETTEER_INDEX, GAZETTEER_TSV.len() as u64 + 1, 0).err(),
            Some(gi::DecodeError::Foreign)
        );
        let cut = &GAZETTEER_INDEX[..GAZETTEER_INDEX.len() / 2];
        let hash = gi::key_hash(GAZETTEER_TSV.as_bytes());
        assert!(Index::decode(cut, GAZETTEER_TSV.len() as u64, hash).is_err());
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
                assert_eq!(gi::decimal(column), column.parse().ok(), "{column}");
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
            assert_eq!(gi::decimal(odd), odd.parse::<f64>().ok(), "{odd}");
        }
    }
}
