//! What a text (and the notebook it goes into) says about where it is, and
//! how each namesake of a name scores against that: the countries it is
//! about (named, made into adjectives, in the dateline; the notebook's own),
//! the regions it names (a district inside a named province), the places
//! near its other places, the kind of place the words imply, and how big
//! and important each namesake is. The same scores choose a place for a
//! bare name off the text (the map's lookup), so one rule serves both.

use super::place_evidence::Candidate;
use super::places::{ALIAS_BIT, Gazetteer, PlaceKind, PlaceScale, WorldPlace, key_of};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// How many places the distance to namesakes is measured from.
const MAX_ANCHORS: usize = 32;

/// Namesakes this close together are one answer to "where".
const SAME_SPOT_KM: f64 = 50.0;

/// A city this big is known by its other spellings and beats the division
/// named like it.
const BIG_CITY: u64 = 100_000;

/// Countries a notebook (or a caller) says the text is likely about, with
/// weights: 1.0 counts as much as one mention in the text.
pub type Focus = [(&'static str, f64)];

/// What the whole text says about where it is.
pub(super) struct Context {
    /// The countries it is about, with weights (a mention counts 1, a
    /// word made from the name or a country before a noun ½).
    pub(super) weights: HashMap<&'static str, f64>,
    /// The countries it names, or that its unambiguous places lie in.
    pub(super) countries: HashSet<&'static str>,
    /// Where its telling places lie: latitude and longitude in radians and
    /// the cosine of the latitude (at most [`MAX_ANCHORS`]).
    anchors: Vec<(f64, f64, f64)>,
    /// The first-level divisions it names, with how often it names each
    /// (at most [`MAX_ANCHORS`]: a text names few).
    region_rows: Vec<(&'static WorldPlace, usize)>,
    /// The namesakes of names seen as the end of a person's name.
    pub(super) surnames: HashSet<&'static [u32]>,
    /// How much each spelling (by its namesakes' slot) added to its own
    /// country's weight: a name does not vouch for itself.
    own_support: HashMap<usize, f64>,
}

impl Context {
    /// The context of a text's candidates, with the notebook's focus.
    pub(super) fn of(
        gazetteer: &'static Gazetteer,
        candidates: &[Candidate],
        focus: &Focus,
    ) -> Self {
        let mut context = Self::with_focus(focus);
        let priors = Self::with_focus(&[]);
        // A text names the same places again and again: weigh each spelling once.
        let mut priors_memo: HashMap<(usize, Option<PlaceScale>), Option<Choice>> = HashMap::new();
        for c in candidates {
            if let Some(country) = c.focus {
                *context.weights.entry(country).or_insert(0.0) += 0.5;
                continue;
            }
            if c.surname {
                context.surnames.insert(c.places);
                continue;
            }
            // "Borno state": a division word after a name makes it look
            // like a modifier, but it says "place".
            let typed_division = c.evidence && c.implied.is_some();
            if c.modifier && !typed_division {
                // "US troops": the text is about them, a little.
                if let [only] = c.places {
                    let place = gazetteer.place(*only);
                    if place.kind == PlaceKind::Country {
                        *context.weights.entry(place.country).or_insert(0.0) += 0.5;
                    }
                }
                continue;
            }
            if !(c.plain || c.evidence) {
                continue;
            }
            for &p in c.places {
                let place = gazetteer.place(p);
                if place.kind == PlaceKind::Region {
                    let rows = &mut context.region_rows;
                    match rows.iter().position(|(r, _)| std::ptr::eq(*r, place)) {
                        Some(at) => rows[at].1 += 1,
                        None if rows.len() < MAX_ANCHORS => rows.push((place, 1)),
                        None => {}
                    }
                }
            }
            // A name tells where the text is when, on priors alone, one
            // namesake clearly wins and is a country, a region or a capital
            // (or the words say it is a place): "Borno" the Nigerian state,
            // not a village of that name in Italy.
            let key = (c.places.as_ptr() as usize, c.implied);
            let Some(choice) = priors_memo
                .entry(key)
                .or_insert_with(|| choose(gazetteer, &priors, c.places, c.implied))
                .as_ref()
            else {
                continue;
            };
            let place = choice.place;
            let telling = choice.confidence >= 0.8
                && (matches!(
                    place.kind,
                    PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital
                ) || c.evidence);
            if telling {
                let weight = if place.kind == PlaceKind::Country {
                    1.0
                } else {
                    0.5
                };
                *context.weights.entry(place.country).or_insert(0.0) += weight;
                *context
                    .own_support
                    .entry(c.places.as_ptr() as usize)
                    .or_insert(0.0) += weight;
                let lat = place.lat.to_radians();
                let anchor = (lat, place.lon.to_radians(), lat.cos());
                if context.anchors.len() < MAX_ANCHORS && !context.anchors.contains(&anchor) {
                    context.anchors.push(anchor);
                }
            }
        }
        context.countries = context
            .weights
            .iter()
            .filter(|&(_, &w)| w >= 0.5)
            .map(|(&c, _)| c)
            .collect();
        context
    }

    /// A context that knows only the notebook's focus.
    pub(super) fn with_focus(focus: &Focus) -> Self {
        let mut weights = HashMap::new();
        for &(country, weight) in focus {
            *weights.entry(country).or_insert(0.0) += weight;
        }
        Self {
            countries: weights.keys().copied().collect(),
            weights,
            anchors: Vec::new(),
            region_rows: Vec::new(),
            surnames: HashSet::new(),
            own_support: HashMap::new(),
        }
    }

    /// How well a namesake fits: its kind, the text's focus on its
    /// country, nearness to the text's places, lying in a region the text
    /// names, the kind the words imply, and its size.
    /// `city_twin`: a city of the same name and country stands beside a
    /// division; with no word saying "province", the press means the city.
    pub(super) fn score(
        &self,
        place: &WorldPlace,
        by_alias: bool,
        implied: Option<PlaceScale>,
        city_twin: bool,
    ) -> f64 {
        let kind = match place.kind {
            PlaceKind::Country => 6.0,
            PlaceKind::Capital => 5.5,
            PlaceKind::Region => 4.5,
            // A seat of a small division is no more prominent than a town of its size.
            PlaceKind::City if place.population >= BIG_CITY => 4.0,
            PlaceKind::City => 3.0,
            PlaceKind::District => 3.0,
            PlaceKind::Town => 2.0,
        };
        let focus = self.weights.get(place.country).copied().unwrap_or(0.0);
        let home = 3.0 * focus.min(1.0) + 0.5 * (focus - 1.0).clamp(0.0, 2.0);
        // Inside a region the text names, but not the region's own twin
        // ("Saida" the city is not inside "Saida" the province because the
        // one word names both).
        let within = if !place.region.is_empty()
            && self.region_rows.iter().any(|(region, _)| {
                region.country == place.country && region.name.eq_ignore_ascii_case(place.region)
            })
            && !place.region.eq_ignore_ascii_case(place.name)
            && key_of(place.region) != key_of(place.name)
        {
            2.0
        } else {
            0.0
        };
        let fits_words = match implied {
            Some(scale) if scale == place.scale() => 2.5,
            Some(_) => -1.5,
            None => 0.0,
        };
        // Old or foreign spellings of small places are mostly other words
        // ("Hamas" of Hamm); a big city's are the press's.
        let alias = if by_alias && place.population < BIG_CITY / 2 {
            -1.0
        } else {
            0.0
        };
        let division = matches!(place.kind, PlaceKind::Region | PlaceKind::District);
        // A division counts everyone in it: weigh it as a place a twentieth its size.
        let people = if division {
            place.population as f64 / 20.0
        } else {
            place.population as f64
        };
        let twin = if division && city_twin && implied.is_none() {
            -2.0
        } else {
            0.0
        };
        kind + home
            + within
            + fits_words
            + alias
            + twin
            + self.nearness(place)
            + (people + 1.0).log10() / 2.0
    }

    /// Up to 2 points for a namesake close to the text's telling places
    /// (Gaza beside Israel, not Gaza province in Mozambique).
    fn nearness(&self, place: &WorldPlace) -> f64 {
        let (lat, lon) = (place.lat.to_radians(), place.lon.to_radians());
        // Equirectangular distance: close enough to tell near from far.
        let nearest_km = self
            .anchors
            .iter()
            .map(|&(anchor_lat, anchor_lon, cos)| {
                let dlat = anchor_lat - lat;
                let dlon = (anchor_lon - lon) * cos;
                6371.0 * (dlat * dlat + dlon * dlon).sqrt()
            })
            .fold(f64::INFINITY, f64::min);
        if nearest_km.is_finite() {
            2.0 * (-nearest_km / 1000.0).exp()
        } else {
            0.0
        }
    }

    /// The first-level division of `country` the text names most, if any:
    /// where a village of "Rakhine State" that no list holds lies.
    pub(super) fn main_region(&self, country: &str) -> Option<&'static WorldPlace> {
        self.region_rows
            .iter()
            .filter(|(r, _)| r.country == country)
            .max_by_key(|(_, count)| *count)
            .map(|(r, _)| *r)
    }

    /// How much the rest of the text (and the notebook) says it is about
    /// `country`, leaving out what the spelling `places` itself added.
    pub(super) fn support_besides(&self, country: &str, places: &[u32]) -> f64 {
        let own = self
            .own_support
            .get(&(places.as_ptr() as usize))
            .copied()
            .unwrap_or(0.0);
        (self.weights.get(country).copied().unwrap_or(0.0) - own).max(0.0)
    }

    /// The country the text is most about, if any.
    pub(super) fn main_country(&self) -> Option<&'static str> {
        self.weights
            .iter()
            .filter(|&(_, &w)| w >= 0.5)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&c, _)| c)
    }
}

/// A namesake chosen for a name: the place, whether only an alias spells
/// it, how sure the choice is (0–1), and the runners-up, best first.
#[derive(Clone, Debug)]
pub(super) struct Choice {
    pub(super) place: &'static WorldPlace,
    pub(super) by_alias: bool,
    pub(super) confidence: f32,
    pub(super) others: smallvec::SmallVec<[&'static WorldPlace; 3]>,
}

/// Chooses among the namesakes `ids` (index entries, which may carry
/// [`ALIAS_BIT`]) by their scores: the confidence is the winner's share of
/// the softmax over all of them, so two close namesakes give about ½.
pub(super) fn choose(
    gazetteer: &'static Gazetteer,
    context: &Context,
    ids: &[u32],
    implied: Option<PlaceScale>,
) -> Option<Choice> {
    // A big city named like a division: "Kandahar" the city and the
    // province, "New York" (City) and the state; not a city that merely
    // has the division's name among its old spellings.
    let big_city_twin = |division: &WorldPlace| {
        // "Kharkiv Raion" is reported as "Kharkiv": its shortest spelling.
        let shortest = division
            .spellings()
            .min_by_key(|s| s.len())
            .unwrap_or(division.name);
        let division_key = key_of(shortest);
        ids.iter().map(|&id| gazetteer.place(id)).any(|p| {
            p.country == division.country
                && matches!(p.kind, PlaceKind::Capital | PlaceKind::City)
                && p.population >= BIG_CITY
                && key_of(p.name).starts_with(&division_key)
        })
    };
    let mut scored: smallvec::SmallVec<[(&'static WorldPlace, bool, f64); 8]> = ids
        .iter()
        .map(|&id| {
            let place = gazetteer.place(id);
            let by_alias = id & ALIAS_BIT != 0;
            let twin = matches!(place.kind, PlaceKind::Region | PlaceKind::District)
                && big_city_twin(place);
            (
                place,
                by_alias,
                context.score(place, by_alias, implied, twin),
            )
        })
        .collect();
    scored.sort_by(|a, b| b.2.total_cmp(&a.2));
    let &(place, by_alias, best) = scored.first()?;
    // Namesakes at the same spot (a town and the district named after it)
    // are the same answer to "where": their shares add up.
    let (mut same, mut total) = (0.0, 0.0);
    for s in &scored {
        let share = (s.2 - best).exp();
        total += share;
        if crate::model::distance_km((s.0.lat, s.0.lon), (place.lat, place.lon)) <= SAME_SPOT_KM {
            same += share;
        }
    }
    Some(Choice {
        place,
        by_alias,
        confidence: (same / total) as f32,
        others: scored.iter().skip(1).take(3).map(|s| s.0).collect(),
    })
}

/// The place a bare name most likely means for a notebook about `focus`
/// (the map's lookup of an item's place): the rule the extractor uses,
/// with only the notebook to go on. "Washington" is the US capital, not the
/// state; "Kandahar" the city.
/// Returns the place and how sure the choice is (0–1).
pub fn most_likely(
    gazetteer: &'static Gazetteer,
    name: &str,
    focus: &Focus,
) -> Option<(&'static WorldPlace, f32)> {
    let ids = gazetteer.ids_of(name)?;
    let context = Context::with_focus(focus);
    choose(gazetteer, &context, ids, None).map(|c| (c.place, c.confidence))
}

/// The country a name alone tells, with nothing around it: when one
/// namesake wins clearly on priors ("Kandahar", "Mazar-i-Sharif"; not
/// "Washington", which many towns share with the capital).
pub fn telling_country(gazetteer: &'static Gazetteer, name: &str) -> Option<&'static str> {
    let ids = gazetteer.ids_of(name)?;
    let priors = Context::with_focus(&[]);
    choose(gazetteer, &priors, ids, None)
        .filter(|choice| choice.confidence >= 0.8)
        .map(|choice| choice.place.country)
}
