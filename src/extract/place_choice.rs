//! Choosing, for each name the evidence put forward, the place it means and
//! whether it stands: see [`super::place_evidence`] for the evidence.

use super::place_evidence::Candidate;
use super::place_words::Typed;
use super::places::{ALIAS_BIT, Gazetteer, PlaceKind, WorldPlace};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// A place found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past it (without a possessive "'s").
    pub end: usize,
    /// The gazetteer's place, or `None` for a place known only from the
    /// text ("the village of X"): then it has no coordinates.
    pub place: Option<&'static WorldPlace>,
    /// ISO code of its country: the place's, or for a place known only from
    /// the text, that of a place it is listed with, when there is one.
    pub country: Option<&'static str>,
}

/// Weighs the evidence of every candidate of one text and chooses a place
/// for each that stands: the countries and places the text names decide
/// between namesakes.
pub fn resolve(
    gazetteer: &'static Gazetteer,
    candidates: &[Candidate],
    out: &mut Vec<Option<PlaceMention>>,
) {
    let context = Context::of(gazetteer, candidates);
    // A text names the same places again and again: choose once per spelling.
    let mut memo: HashMap<usize, Option<(&'static WorldPlace, bool)>> = HashMap::new();
    let chosen: Vec<Option<(&'static WorldPlace, bool)>> = candidates
        .iter()
        .map(|c| {
            if c.places.is_empty() {
                return None;
            }
            *memo
                .entry(c.places.as_ptr() as usize)
                .or_insert_with(|| context.best_place(gazetteer, c))
        })
        .collect();
    let mut stands: Vec<bool> = candidates
        .iter()
        .zip(&chosen)
        .map(|(c, chosen)| match chosen {
            Some((place, by_alias)) => context.known_stands(c, place, *by_alias),
            None => c.typed == Typed::One || c.evidence,
        })
        .collect();
    let chosen: Vec<Option<&'static WorldPlace>> =
        chosen.iter().map(|c| c.map(|(p, _)| p)).collect();
    let country_of_list = stand_by_lists(candidates, &chosen, &mut stands);
    for (k, c) in candidates.iter().enumerate() {
        out.push(stands[k].then_some(PlaceMention {
            start: c.start,
            end: c.end,
            place: chosen[k],
            country: chosen[k].map(|p| p.country).or(country_of_list[k]),
        }));
    }
}

/// What the whole text says about where it is.
struct Context {
    /// The countries it names, or that its unambiguous places lie in.
    countries: HashSet<&'static str>,
    /// Where its telling places lie: latitude and longitude in radians and
    /// the cosine of the latitude (at most [`MAX_ANCHORS`]).
    anchors: Vec<(f64, f64, f64)>,
    /// The namesakes of names seen as the end of a person's name.
    surnames: HashSet<&'static [u32]>,
}

/// How many places the distance to namesakes is measured from.
const MAX_ANCHORS: usize = 32;

impl Context {
    fn of(gazetteer: &'static Gazetteer, candidates: &[Candidate]) -> Self {
        let mut context = Self {
            countries: HashSet::new(),
            anchors: Vec::new(),
            surnames: HashSet::new(),
        };
        for c in candidates {
            if c.surname {
                context.surnames.insert(c.places);
                continue;
            }
            if c.modifier || !(c.plain || c.evidence) {
                continue;
            }
            let single = c.places.len() == 1;
            for &p in c.places {
                let place = gazetteer.place(p);
                let telling = place.kind == PlaceKind::Country
                    || single && matches!(place.kind, PlaceKind::Region | PlaceKind::Capital)
                    // "the town of Lalibela": one place, and the text says it is one.
                    || single && c.evidence;
                if telling {
                    context.countries.insert(place.country);
                    let lat = place.lat.to_radians();
                    let anchor = (lat, place.lon.to_radians(), lat.cos());
                    if context.anchors.len() < MAX_ANCHORS && !context.anchors.contains(&anchor) {
                        context.anchors.push(anchor);
                    }
                }
            }
        }
        context
    }

    /// The likeliest of a candidate's namesakes: the most important kind,
    /// in a country the text names, near its other places, the most
    /// populous; and whether only an alias spells it.
    fn best_place(
        &self,
        gazetteer: &'static Gazetteer,
        c: &Candidate,
    ) -> Option<(&'static WorldPlace, bool)> {
        let score = |p: &WorldPlace| {
            let kind = match p.kind {
                PlaceKind::Country => 6.0,
                PlaceKind::Region | PlaceKind::Capital => 5.0,
                PlaceKind::City => 4.0,
                PlaceKind::District => 3.0,
                PlaceKind::Town => 2.0,
            };
            let home = if self.countries.contains(p.country) {
                3.0
            } else {
                0.0
            };
            kind + home + self.nearness(p) + (p.population as f64 + 1.0).log10() / 2.0
        };
        let scored = |&id: &u32| {
            let place = gazetteer.place(id);
            (place, id & ALIAS_BIT != 0, score(place))
        };
        if c.places.len() == 1 {
            return c.places.first().map(scored).map(|(p, alias, _)| (p, alias));
        }
        c.places
            .iter()
            .map(scored)
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(p, alias, _)| (p, alias))
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

    /// Whether a name the gazetteer holds stands as `place`.
    fn known_stands(&self, c: &Candidate, place: &WorldPlace, by_alias: bool) -> bool {
        let big = matches!(
            place.kind,
            PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital
        ) || place.population >= 200_000;
        let home = self.countries.contains(place.country);
        if c.surname || c.modifier && place.kind == PlaceKind::Country {
            false
        } else if c.shouted {
            big || home
        } else if c.evidence {
            true
        } else if self.surnames.contains(c.places) {
            // "Austin is set to leave" after "Lloyd Austin".
            false
        } else if !home && !big && (by_alias || c.modifier) {
            // "Hamas" is an old name of Hamm; "Fano forces" are no Italian town's.
            false
        } else {
            // With no word around it to say "place", a small namesake abroad is
            // more likely a person or a word than the place.
            c.plain && (big || home || self.countries.is_empty())
        }
    }
}

/// Lists: "Axum, Adwa and Shire", "Mbuta and Alkideow villages", "Russia
/// and Turkey". A member the evidence left out stands when the list holds
/// places; returns, for a place known only from the text, the country of a
/// place it is listed with.
fn stand_by_lists(
    candidates: &[Candidate],
    chosen: &[Option<&'static WorldPlace>],
    stands: &mut [bool],
) -> Vec<Option<&'static str>> {
    let mut country_of_list: Vec<Option<&'static str>> = vec![None; candidates.len()];
    let mut from = 0;
    while from < candidates.len() {
        let mut to = from + 1;
        while to < candidates.len() && candidates[to - 1].next == Some(candidates[to].start) {
            to += 1;
        }
        let members = from..to;
        let typed_many = candidates[members.clone()]
            .iter()
            .any(|c| c.typed == Typed::Many);
        let anchor = members.clone().find(|&k| {
            stands[k]
                && chosen[k].is_some_and(|p| p.kind != PlaceKind::Country)
                && !candidates[k].surname
        });
        // Each country once, so a long list stays linear.
        let mut standing_countries: smallvec::SmallVec<[&str; 8]> = smallvec::SmallVec::new();
        for k in members.clone().filter(|&k| stands[k]) {
            if let Some(country) = chosen[k].map(|p| p.country)
                && !standing_countries.contains(&country)
            {
                standing_countries.push(country);
            }
        }
        let any_standing = members.clone().any(|k| stands[k]);
        let head_evidence = candidates[from].evidence || candidates[from].typed != Typed::No;
        let long = to - from >= 3;
        for k in members.clone() {
            let c = &candidates[k];
            if stands[k] || c.surname || c.shouted || c.modifier {
                continue;
            }
            stands[k] = match chosen[k] {
                // "Russia and Turkey", "Chad, Cameroon and Sudan": a
                // common word stands beside places when it is a country
                // or region, or lies in a listed place's country.
                Some(place) => {
                    any_standing
                        && (matches!(
                            place.kind,
                            PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital
                        ) || standing_countries.contains(&place.country))
                }
                None => typed_many || anchor.is_some() && (long || head_evidence || c.evidence),
            };
            if chosen[k].is_none() {
                country_of_list[k] = anchor.and_then(|a| chosen[a]).map(|p| p.country);
            }
        }
        from = to;
    }
    country_of_list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::lexicon;
    use crate::extract::places::world;
    use crate::extract::tokens::tokenize;

    fn places(text: &str) -> Vec<(String, &'static str)> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let mut candidates = Vec::new();
        world().candidates(
            text,
            &tokens,
            lexicon(),
            &mut String::new(),
            &mut candidates,
        );
        let mut found = Vec::new();
        resolve(world(), &candidates, &mut found);
        found
            .into_iter()
            .flatten()
            .map(|m| (text[m.start..m.end].to_owned(), m.country.unwrap_or("")))
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

    fn names(text: &str) -> Vec<String> {
        places(text).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn a_kind_of_place_names_a_place_the_gazetteer_lacks() {
        assert_eq!(
            names("Rebels overran the village of Tumbali and shelled Koroba camp."),
            ["Tumbali", "Koroba"]
        );
        assert_eq!(
            names("Gunmen raided Tsekowa and Barnami villages at dawn."),
            ["Tsekowa", "Barnami"]
        );
        assert_eq!(
            names("They held Wuldiya, the largest town of the valley."),
            ["Wuldiya"]
        );
        assert_eq!(
            names("Shelling hit two towns – Kassaro and Ngorla – overnight."),
            ["Kassaro", "Ngorla"]
        );
    }

    #[test]
    fn a_list_that_holds_known_places_lends_them_its_country() {
        let found = places("Fighters moved from Mek'ele and Bilqana toward Omadur.");
        assert_eq!(found[0], ("Mek'ele".to_owned(), "ET"));
        assert_eq!(found[1], ("Bilqana".to_owned(), "ET"));
        // A name listed only beside a country is no place on that ground:
        // organisations are listed beside countries all the time.
        assert_eq!(
            names("Talks between Sudan and Qarnawi broke down."),
            ["Sudan"]
        );
    }

    #[test]
    fn capitalised_names_that_are_no_places_stay_out() {
        assert!(names("Officials from Tumbali Holdings spoke.").is_empty());
        assert!(names("The NSAGs and TNLA fighters withdrew to the hills.").is_empty());
        assert!(names("In a Ukrainian-Russian deal, grain moved.").is_empty());
        assert!(names("Aid reached the Sahel region and parts of Africa.").is_empty());
        assert_eq!(names("U.S.-backed fighters entered Raqqa."), ["Raqqa"]);
        assert!(names("They stormed a Myanmar military camp.").is_empty());
    }

    #[test]
    fn a_surname_alone_is_the_person_again() {
        assert!(
            names("Defence chief Amos Austin flew in. Austin said the talks had failed.")
                .is_empty()
        );
    }

    #[test]
    fn a_country_before_a_verb_or_a_span_of_time_is_a_place() {
        assert_eq!(names("Ukraine controls 28 settlements."), ["Ukraine"]);
        assert_eq!(
            names("Thousands fled in Central African Republic last week."),
            ["Central African Republic"]
        );
    }

    #[test]
    fn kind_words_with_a_possessive_are_cut_from_the_name() {
        assert_eq!(
            names("Troops left Rakhine State's Buthidaung Township."),
            ["Rakhine", "Buthidaung"]
        );
    }

    #[test]
    fn a_kind_word_that_ends_the_text_is_no_trouble() {
        assert!(names("Fire in Mbera refugee").len() <= 1);
        assert!(names("Clashes near Tumbali local").len() <= 1);
        assert!(names("Tumbali local government").len() <= 1);
    }

    #[test]
    fn the_namesake_near_the_texts_other_places_wins() {
        let found = places("Israel said its jets struck Gaza overnight.");
        assert_eq!(found[1], ("Gaza".to_owned(), "PS"));
    }
}
