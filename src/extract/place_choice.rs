//! Choosing, for each name the evidence put forward, the place it means and
//! whether it stands: see [`super::place_evidence`] for the evidence and
//! [`super::place_context`] for how namesakes are weighed.

use super::place_context::{Choice, Context, Focus, choose};
use super::place_evidence::Candidate;
use super::place_words::Typed;
use super::places::{Gazetteer, PlaceKind, PlaceScale, WorldPlace};
use foldhash::{HashMap, HashMapExt};
use smallvec::SmallVec;

/// Towns smaller than this abroad are no match for a village or camp the
/// words name in a text about another country.
const SMALL_TOWN: u64 = 50_000;

/// Below this confidence a place is proposed for review with its
/// alternatives rather than taken as read.
pub const REVIEW_BELOW: f32 = 0.6;

/// A place found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past it (without a possessive "'s").
    pub end: usize,
    /// The gazetteer's place, or `None` for a place known only from the
    /// text ("the village of X").
    pub place: Option<&'static WorldPlace>,
    /// ISO code of its country: the place's, or for a place known only from
    /// the text, that of a place it is listed with or of the text's focus.
    pub country: Option<&'static str>,
    /// Where it is drawn, `(lat, lon)`: the place's point, or for a place
    /// known only from the text, the centre of the region or country it is
    /// known to lie in (see `scale`).
    pub at: Option<(f64, f64)>,
    /// How much ground `at` stands for: a village known only from the text
    /// and placed at its region's centre is a region on the map.
    pub scale: PlaceScale,
    /// How sure the resolution is, 0–1.
    pub confidence: f32,
    /// Other places the name could mean, likeliest first (kept only when
    /// the confidence is below [`REVIEW_BELOW`]).
    pub alternatives: SmallVec<[&'static WorldPlace; 3]>,
}

/// Weighs the evidence of every candidate of one text and chooses a place
/// for each that stands: the countries and places the text names, and the
/// notebook's `focus`, decide between namesakes.
pub fn resolve(
    gazetteer: &'static Gazetteer,
    candidates: &[Candidate],
    focus: &Focus,
    out: &mut Vec<Option<PlaceMention>>,
) {
    let context = Context::of(gazetteer, candidates, focus);
    // A text names the same places again and again: choose once per spelling.
    let mut memo: HashMap<(usize, Option<PlaceScale>), Option<Choice>> = HashMap::new();
    let chosen: Vec<Option<Choice>> = candidates
        .iter()
        .map(|c| {
            if c.places.is_empty() {
                return None;
            }
            memo.entry((c.places.as_ptr() as usize, c.implied))
                .or_insert_with(|| choose(gazetteer, &context, c.places, c.implied))
                .clone()
        })
        .collect();
    let mut stands: Vec<bool> = candidates
        .iter()
        .zip(&chosen)
        .map(|(c, chosen)| match chosen {
            _ if c.focus.is_some() => false,
            Some(choice) => known_stands(&context, c, choice.place, choice.by_alias),
            None => c.typed == Typed::One || c.evidence,
        })
        .collect();
    let main_country = context.main_country();
    // A small namesake abroad that only an old spelling names, in a text
    // about somewhere else, is a place the gazetteer lacks ("Boni" in Mali
    // is not Bonn): known only from the text, and no anchor for its list.
    // Likewise a small town abroad that the words call a village or a camp,
    // in a text that names the country it is about ("Mile camp" in a text
    // about Chad is not the Chinese county town).
    let clearly_about = main_country.filter(|&c| context.weights.get(c).is_some_and(|&w| w >= 1.0));
    let places: Vec<Option<&'static WorldPlace>> = chosen
        .iter()
        .zip(candidates)
        .map(|(choice, c)| {
            let choice = choice.as_ref()?;
            let place = choice.place;
            let abroad = place.kind != PlaceKind::Country
                && !context.countries.contains(place.country)
                && main_country.is_some();
            // Abroad, though its own mention may have made its country one
            // the text names: nothing else in the text vouches for that
            // country, and the text names another outright.
            let elsewhere = place.kind != PlaceKind::Country
                && context.support_besides(place.country, c.places) == 0.0
                && clearly_about.is_some_and(|main| main != place.country);
            let foreign_alias = (abroad || elsewhere) && choice.by_alias;
            // "Mile camp" in a text about Chad is not the Chinese county town.
            let small_town_typed_abroad = elsewhere
                && matches!(place.kind, PlaceKind::Town | PlaceKind::City)
                && place.population < SMALL_TOWN
                && (c.typed != Typed::No || c.implied == Some(PlaceScale::Point));
            (!(foreign_alias || small_town_typed_abroad)).then_some(place)
        })
        .collect();
    let named: Vec<Option<&'static WorldPlace>> =
        chosen.iter().map(|c| c.as_ref().map(|c| c.place)).collect();
    let country_of_list = stand_by_lists(gazetteer, candidates, (&named, &places), &mut stands);
    for (k, c) in candidates.iter().enumerate() {
        if !stands[k] {
            out.push(None);
            continue;
        }
        let mention = match chosen[k].as_ref().filter(|_| places[k].is_some()) {
            Some(choice) => PlaceMention {
                start: c.start,
                end: c.end,
                place: Some(choice.place),
                country: Some(choice.place.country),
                at: Some((choice.place.lat, choice.place.lon)),
                scale: choice.place.scale(),
                confidence: choice.confidence,
                alternatives: if choice.confidence < REVIEW_BELOW {
                    choice.others.clone()
                } else {
                    SmallVec::new()
                },
            },
            None => match country_of_list[k] {
                Some((country, region)) => {
                    known_only_from_text(gazetteer, c, Some(country), region)
                }
                None => known_only_from_text(
                    gazetteer,
                    c,
                    main_country,
                    main_country.and_then(|country| context.main_region(country)),
                ),
            },
        };
        out.push(Some(mention));
    }
}

/// A place the gazetteer lacks, or has only abroad: put at the centre of
/// the region of a place it is listed with, else of the country the text
/// is about, and said to cover that much ground; with no country, not put
/// on the map at all.
fn known_only_from_text(
    gazetteer: &'static Gazetteer,
    c: &Candidate,
    country: Option<&'static str>,
    region: Option<&'static WorldPlace>,
) -> PlaceMention {
    let area = region.or_else(|| country.and_then(|code| gazetteer.country(code)));
    PlaceMention {
        start: c.start,
        end: c.end,
        place: None,
        country,
        at: area.map(|a| (a.lat, a.lon)),
        scale: area.map_or(PlaceScale::Point, |a| a.scale()),
        confidence: if region.is_some() { 0.4 } else { 0.2 },
        alternatives: SmallVec::new(),
    }
}

/// Whether a name the gazetteer holds stands as `place`.
fn known_stands(context: &Context, c: &Candidate, place: &WorldPlace, by_alias: bool) -> bool {
    let big = matches!(
        place.kind,
        PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital
    ) || place.population >= 200_000;
    let home = context.countries.contains(place.country);
    if c.surname || c.modifier && place.kind == PlaceKind::Country {
        false
    } else if c.shouted {
        big || home
    } else if c.evidence {
        true
    } else if context.surnames.contains(c.places) {
        // "Austin is set to leave" after "Lloyd Austin".
        false
    } else if !home && !big && (by_alias || c.modifier) {
        // "Hamas" is an old name of Hamm; "Fano forces" are no Italian town's.
        false
    } else {
        // With no word around it to say "place", a small namesake abroad is
        // more likely a person or a word than the place.
        c.plain && (big || home || context.countries.is_empty())
    }
}

/// The country of the place a name is listed with, and that place's
/// first-level division when known.
type ListedIn = (&'static str, Option<&'static WorldPlace>);

/// Lists: "Axum, Adwa and Shire", "Mbuta and Alkideow villages", "Russia
/// and Turkey". A member the evidence left out stands when the list holds
/// places; returns, for a place known only from the text, the country of a
/// place it is listed with.
/// `chosen` holds each name's gazetteer place; `located` the same less
/// those taken for places the gazetteer lacks.
fn stand_by_lists(
    gazetteer: &'static Gazetteer,
    candidates: &[Candidate],
    (chosen, located): (
        &[Option<&'static WorldPlace>],
        &[Option<&'static WorldPlace>],
    ),
    stands: &mut [bool],
) -> Vec<Option<ListedIn>> {
    let mut country_of_list: Vec<Option<ListedIn>> = vec![None; candidates.len()];
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
        let is_anchor = |k: usize, chosen: &[Option<&WorldPlace>]| {
            stands[k]
                && chosen[k].is_some_and(|p| p.kind != PlaceKind::Country)
                && !candidates[k].surname
        };
        let anchor = members.clone().find(|&k| is_anchor(k, chosen));
        // A name the gazetteer lacks lies in the known place listed after it
        // ("Kofab and Argo in Badakhshan", "Panjwai in Kandahar"), else
        // beside the one before it ("Mekele and Shire"): both found in one
        // pass each way, so a long list stays linear.
        let mut after: SmallVec<[Option<usize>; 8]> = smallvec::smallvec![None; to - from];
        let mut next_anchor = None;
        for k in members.clone().rev() {
            after[k - from] = next_anchor;
            if is_anchor(k, located) {
                next_anchor = Some(k);
            }
        }
        let mut before: Option<usize> = None;
        let mut nearest: SmallVec<[Option<usize>; 8]> = smallvec::smallvec![None; to - from];
        for k in members.clone() {
            nearest[k - from] = after[k - from].or(before);
            if is_anchor(k, located) {
                before = Some(k);
            }
        }
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
            if stands[k] || c.surname || c.shouted || c.modifier || c.focus.is_some() {
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
            if located[k].is_none() {
                country_of_list[k] = nearest[k - from].and_then(|a| located[a]).map(|p| {
                    let region = (p.kind == PlaceKind::Region)
                        .then_some(p)
                        .or_else(|| gazetteer.region_of(p.country, p.region));
                    (p.country, region)
                });
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
        resolve(world(), &candidates, &[], &mut found);
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
