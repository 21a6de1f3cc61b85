//! Places land where the text means them: resolution in context, drawn at
//! their true extent, settled once by the analyst and kept for later
//! imports. Sentences here are written for these tests.

use sitrep::extract::{Extractor, Fact};
use sitrep::map::markers::{event_markers, focus_bounds};
use sitrep::model::PlaceScale;
use sitrep::timeline::Filter;

fn sample() -> sitrep::model::Notebook {
    sitrep::store::load("saves/afghanistan-2021.ron".as_ref()).expect("the sample notebook")
}

#[test]
fn the_sample_map_opens_on_afghanistan_with_washington_at_the_us_capital() {
    let notebook = sample();
    let markers = event_markers(&notebook, &Filter::default());
    let washington = markers
        .markers
        .iter()
        .find(|m| m.place == "Washington")
        .expect("Washington on the map");
    // Washington, D.C., not the state on the Pacific.
    assert!((washington.at[0] + 77.0).abs() < 0.5 && (washington.at[1] - 38.9).abs() < 0.5);
    let outlines = sitrep::map::outlines().expect("outlines");
    let [west, south, east, north] =
        focus_bounds(&markers, |code| outlines.country_bounds(code)).expect("bounds");
    // Afghanistan spans about 60–75° E and 29–39° N: the view holds its
    // places, west to east, and nothing far beyond it.
    let bounds = format!("{west} {south} {east} {north}");
    assert!(
        west <= 62.0 && east >= 70.0 && south <= 32.0 && north >= 36.5,
        "{bounds}"
    );
    assert!(
        west >= 55.0 && east <= 80.0 && south >= 25.0 && north <= 42.0,
        "{bounds}"
    );
    for marker in &markers.markers {
        if marker.country.is_some_and(|c| c != "AF") {
            continue;
        }
        // Every Afghan place of the sample lies in Afghanistan.
        let [lon, lat] = marker.at;
        assert!(
            (60.0..75.5).contains(&lon) && (29.0..39.0).contains(&lat),
            "{}",
            marker.place
        );
    }
}

/// The places found in a text: words, country, scale, confidence, point.
fn places_in(extractor: &Extractor, text: &str) -> Vec<Found> {
    let published = "2024-05-10".parse().expect("day");
    extractor
        .extract(text, published)
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Place {
                start,
                end,
                country,
                lat,
                lon,
                scale,
                confidence,
                alternatives,
                ..
            } => Some(Found {
                words: text[start..end].to_owned(),
                country: country.unwrap_or(""),
                scale,
                confidence,
                at: lat.zip(lon),
                alternatives: alternatives.iter().map(|p| p.country).collect(),
            }),
            _ => None,
        })
        .collect()
}

#[derive(Debug)]
struct Found {
    words: String,
    country: &'static str,
    scale: PlaceScale,
    confidence: f32,
    at: Option<(f64, f64)>,
    alternatives: Vec<&'static str>,
}

fn place<'f>(found: &'f [Found], words: &str) -> &'f Found {
    found
        .iter()
        .find(|f| f.words == words)
        .unwrap_or_else(|| panic!("{words} not found in {found:?}"))
}

fn plain() -> Extractor {
    Extractor::with_defaults().expect("extractor")
}

#[test]
fn a_capital_beats_the_region_and_the_towns_named_like_it() {
    let found = places_in(
        &plain(),
        "The president met his security team in Washington on Friday.",
    );
    let washington = place(&found, "Washington");
    assert_eq!(
        (washington.country, washington.scale),
        ("US", PlaceScale::Point)
    );
    let (lat, lon) = washington.at.expect("located");
    assert!(
        (lat - 38.9).abs() < 0.3 && (lon + 77.0).abs() < 0.3,
        "{washington:?}"
    );
    let found = places_in(
        &plain(),
        "Protesters gathered outside the consulate in New York.",
    );
    let (lat, lon) = place(&found, "New York").at.expect("located");
    assert!(
        (lat - 40.7).abs() < 0.3 && (lon + 74.0).abs() < 0.3,
        "the city, not the state"
    );
    let found = places_in(&plain(), "Missiles struck Kyiv before dawn.");
    let (lat, lon) = place(&found, "Kyiv").at.expect("located");
    assert!(
        (lat - 50.45).abs() < 0.1 && (lon - 30.52).abs() < 0.1,
        "the city itself"
    );
}

#[test]
fn the_words_around_a_name_say_how_much_ground_it_covers() {
    let found = places_in(&plain(), "Shelling continued across Kharkiv Oblast.");
    assert_eq!(place(&found, "Kharkiv").scale, PlaceScale::Region);
    let found = places_in(&plain(), "Shelling hit the centre of Kharkiv.");
    assert_eq!(place(&found, "Kharkiv").scale, PlaceScale::Point);
    let found = places_in(&plain(), "Fighting spread across Afghanistan this summer.");
    let afghanistan = place(&found, "Afghanistan");
    assert_eq!(afghanistan.scale, PlaceScale::Country);
    // Drawn as the country, from its middle, not as a pin on Kabul.
    let (lat, lon) = afghanistan.at.expect("located");
    assert!(sitrep::model::distance_km((lat, lon), (34.53, 69.17)) > 200.0);
}

#[test]
fn words_made_from_a_country_tell_where_the_text_is() {
    let found = places_in(&plain(), "Israeli strikes pounded Gaza through the night.");
    assert_eq!(place(&found, "Gaza").country, "PS");
    let found = places_in(&plain(), "Sudanese troops retook Kassala after a week.");
    assert_eq!(place(&found, "Kassala").country, "SD");
}

#[test]
fn an_old_spelling_of_a_town_abroad_is_not_the_place() {
    // "Boni" is an old name of Bonn; in a text about Mali it is a Malian village.
    let found = places_in(
        &plain(),
        "A bus hit a landmine near Boni, in central Mali, on Sunday.",
    );
    let boni = place(&found, "Boni");
    assert_eq!(boni.country, "ML", "{boni:?}");
    assert!(
        boni.scale > PlaceScale::Point,
        "placed only as the area it lies in"
    );
}

#[test]
fn a_village_the_gazetteer_lacks_is_put_in_the_region_the_text_names() {
    let text = "In Rakhine State, fighters took the villages of Kyunbaw and Thitkhaw last week.";
    let found = places_in(&plain(), text);
    let village = place(&found, "Kyunbaw");
    assert_eq!(
        (village.country, village.scale),
        ("MM", PlaceScale::Region),
        "{village:?}"
    );
    assert!(village.confidence < sitrep::extract::place_choice::REVIEW_BELOW);
    let (lat, lon) = village.at.expect("placed at its region");
    assert!(
        (19.0..22.5).contains(&lat) && (92.0..95.0).contains(&lon),
        "{lat}, {lon}"
    );
}

#[test]
fn a_name_two_places_share_equally_is_unsure_and_keeps_its_alternatives() {
    let found = places_in(&plain(), "The convoy reached Saida on Monday.");
    let saida = place(&found, "Saida");
    assert!(
        saida.confidence < sitrep::extract::place_choice::REVIEW_BELOW,
        "{saida:?}"
    );
    let mut countries = saida.alternatives.clone();
    countries.push(saida.country);
    assert!(
        countries.contains(&"LB") && countries.contains(&"DZ"),
        "{saida:?}"
    );
}

#[test]
fn no_found_place_sits_at_0_0() {
    let notebook = sample();
    let extractor = Extractor::for_notebook(&notebook).expect("extractor");
    let mut places = 0;
    for article in &notebook.articles {
        for found in places_in(&extractor, &article.text) {
            places += 1;
            if let Some((lat, lon)) = found.at {
                assert!(sitrep::model::is_on_earth(lat, lon), "{found:?}");
            }
        }
    }
    assert!(places > 10);
}

/// Imports a text into `notebook` as the app does (the extractor knows the
/// notebook) and returns the proposals it made.
fn import(notebook: &mut sitrep::model::Notebook, text: &str) -> Vec<sitrep::model::Proposal> {
    let before: Vec<_> = notebook.proposals.iter().map(|p| p.id).collect();
    let source = sitrep::import::from_bytes("txt", "report", text.as_bytes()).expect("reads");
    let extractor = Extractor::for_notebook(notebook).expect("extractor");
    let (edit, _) = sitrep::import::article_edit(&source, &extractor, jiff::Timestamp::UNIX_EPOCH);
    edit.apply(notebook).expect("imports");
    notebook
        .proposals
        .iter()
        .filter(|p| !before.contains(&p.id))
        .cloned()
        .collect()
}

fn event_proposal(proposals: &[sitrep::model::Proposal]) -> &sitrep::model::Proposal {
    proposals
        .iter()
        .find(|p| matches!(p.kind, sitrep::model::ProposalKind::Event { .. }))
        .expect("an event proposal")
}

#[test]
fn a_correction_made_once_holds_for_the_next_import_and_on_the_map() {
    let mut notebook =
        sitrep::model::Notebook::new("n".into(), "Levant", jiff::Timestamp::UNIX_EPOCH);
    let first = import(
        &mut notebook,
        "Report\n\nThe convoy reached Saida on 4 March 2024.",
    );
    let resolved = event_proposal(&first).place_at.clone().expect("resolved");
    // Unsure: proposed with the other place of that name to pick from.
    assert!(resolved.confidence < sitrep::extract::place_choice::REVIEW_BELOW);
    let sidon = std::iter::once(&resolved.chosen)
        .chain(&resolved.alternatives)
        .find(|option| option.country == "LB")
        .expect("the Lebanese Saida among the choices")
        .clone();
    sitrep::import::correct_place_edit(&notebook, "Saida", &sidon)
        .apply(&mut notebook)
        .expect("corrects");
    let second = import(
        &mut notebook,
        "Update\n\nMore aid arrived in Saida on 6 March 2024.",
    );
    let again = event_proposal(&second).place_at.clone().expect("resolved");
    assert_eq!(again.chosen.country, "LB");
    assert_eq!(again.confidence, 1.0);
    let at = sitrep::timeline::locate(&notebook, "Saida").expect("on the map");
    assert!((at[0] - sidon.lon).abs() < 1e-9 && (at[1] - sidon.lat).abs() < 1e-9);
}

#[test]
fn accepting_a_sure_proposal_settles_its_place_for_the_map_and_later_imports() {
    let mut notebook = sitrep::model::Notebook::new("n".into(), "US", jiff::Timestamp::UNIX_EPOCH);
    let proposals = import(
        &mut notebook,
        "Talks\n\nThe president met his security team in Washington on 2 July 2021.",
    );
    let proposal = event_proposal(&proposals);
    sitrep::import::accept_edit(&notebook, proposal.id, None, None)
        .expect("accepts")
        .apply(&mut notebook)
        .expect("applies");
    let settled = notebook
        .places
        .iter()
        .find(|p| p.name == "Washington")
        .expect("the notebook keeps where Washington is");
    assert!(settled.settled && settled.country == "US");
    assert!((settled.lat - 38.9).abs() < 0.3);
    // Settled places are not searched for as names of their own: a word in
    // another sense stays a word.
    let found = places_in(
        &Extractor::for_notebook(&notebook).expect("extractor"),
        "Denzel Washington spoke at the gala.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_notebook_about_a_country_resolves_its_namesakes_there() {
    let mut notebook =
        sitrep::model::Notebook::new("n".into(), "Lebanon", jiff::Timestamp::UNIX_EPOCH);
    import(
        &mut notebook,
        "Strikes\n\nStrikes hit Tyre and Nabatieh in southern Lebanon on 1 October 2024.",
    );
    let proposals = import(
        &mut notebook,
        "Aid\n\nA convoy reached Saida on 3 October 2024.",
    );
    let resolved = event_proposal(&proposals)
        .place_at
        .clone()
        .expect("resolved");
    assert_eq!(resolved.chosen.country, "LB", "{resolved:?}");
}

#[test]
fn a_common_word_or_a_small_town_abroad_needs_the_text_behind_it() {
    let found = places_in(
        &plain(),
        "Thousands sheltered in Mile camp in eastern Chad, aid workers said.",
    );
    assert_eq!(place(&found, "Mile").country, "TD", "{found:?}");
    let found = places_in(
        &plain(),
        "Separatists attacked a school in the Northwest region of Cameroon on Monday.",
    );
    assert!(found.iter().all(|f| f.country == "CM"), "{found:?}");
}

#[test]
fn an_unsure_place_is_marked_on_the_map_until_it_is_settled() {
    let mut notebook =
        sitrep::model::Notebook::new("n".into(), "Convoys", jiff::Timestamp::UNIX_EPOCH);
    import(
        &mut notebook,
        "Aid\n\nThe convoy reached Saida on 4 March 2024.",
    );
    let proposal = event_proposal(&notebook.proposals.clone()).clone();
    // Accepted in a batch: the place was unsure, so nothing is settled.
    sitrep::import::accept_all_edit(&notebook, &[proposal.id])
        .expect("accepts")
        .apply(&mut notebook)
        .expect("applies");
    assert!(
        notebook.places.iter().all(|p| p.unsure.is_some()),
        "an unsure place is kept as unsure: {:?}",
        notebook.places
    );
    let saida = |notebook: &sitrep::model::Notebook| {
        event_markers(notebook, &Filter::default())
            .markers
            .into_iter()
            .find(|m| m.place == notebook.events[0].place)
            .expect("on the map")
    };
    assert!(saida(&notebook).is_unsure());
    let option = sitrep::import::place_candidates(&notebook, &notebook.events[0].place, 12)
        .into_iter()
        .find(|o| o.country == "LB")
        .expect("the Lebanese one among the candidates");
    let name = notebook.events[0].place.clone();
    sitrep::import::correct_place_edit(&notebook, &name, &option)
        .apply(&mut notebook)
        .expect("settles");
    let settled = saida(&notebook);
    assert!(!settled.is_unsure());
    assert_eq!(settled.country, Some("LB"));
}
