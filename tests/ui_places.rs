//! Correcting where a place is, in the real `App`, by hand: an unsure
//! place is marked in the review form and its other meaning picked with a
//! click; a right-click on the map puts the selected item's place there.
//! Either way the notebook keeps the answer for the map and later imports.
#![cfg(feature = "app")]

use egui_kittest::kittest::{NodeT, Queryable};
use sitrep::ui::ScriptedDialogs;
use std::time::Duration;

mod common;
use common::{app_sized, click_at, import_text, settle};

const SIZES: [[f32; 2]; 2] = [[1024.0, 700.0], [1400.0, 900.0]];

/// The settled place the notebook keeps for `name`, if any.
fn settled(
    harness: &egui_kittest::Harness<'static, sitrep::ui::App>,
    name: &str,
) -> Option<sitrep::model::NotebookPlace> {
    harness
        .state()
        .notebook()
        .places
        .iter()
        .find(|p| p.name == name)
        .cloned()
}

/// Where the notebook's event proposal puts its place.
fn event_place(
    harness: &egui_kittest::Harness<'static, sitrep::ui::App>,
) -> sitrep::model::ResolvedPlace {
    harness
        .state()
        .notebook()
        .proposals
        .iter()
        .find(|p| matches!(p.kind, sitrep::model::ProposalKind::Event { .. }))
        .and_then(|p| p.place_at.clone())
        .expect("the event proposal keeps where its place is")
}

#[test]
fn an_unsure_place_is_marked_and_its_other_meaning_picked_with_a_click() {
    for size in SIZES {
        let dialogs = ScriptedDialogs::default();
        let mut harness = app_sized(None, &dialogs, None, Duration::from_secs(30), size);
        import_text(
            &mut harness,
            "Aid convoy\nPublished: 2024-03-05\n\nOn Monday the convoy reached Saida, officials said.\n",
        );
        let row = harness.get_by_label_contains("Event: ").rect().center();
        click_at(&mut harness, row);
        // The inspector's grid lays itself out over a few frames.
        harness.run_steps(60);
        harness.get_by_label_contains("Unsure: ");
        let proposed = event_place(&harness).chosen.country;
        // Whichever of the two Saidas was proposed, the other is offered.
        let (other, country) = if proposed == "LB" {
            ("Algeria", "DZ")
        } else {
            ("Lebanon", "LB")
        };
        let button = harness
            .get_all_by_role(egui::accesskit::Role::Button)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains(other))
            })
            .unwrap_or_else(|| panic!("a button for the Saida in {other}"))
            .rect()
            .center();
        click_at(&mut harness, button);
        harness.run_steps(4);
        let proposal = event_place(&harness);
        assert_eq!(proposal.chosen.country, country);
        assert_eq!(proposal.confidence, 1.0);
        let place = settled(&harness, &proposal.chosen.name).expect("the notebook learnt it");
        assert_eq!(
            (place.country.as_str(), place.settled),
            (country, true),
            "{size:?}"
        );
        assert!((place.lat - proposal.chosen.lat).abs() < 1e-9);
        harness.get_by_label_contains("100% sure");
    }
}

#[test]
fn a_right_click_on_the_map_puts_the_selected_items_place_there() {
    for size in SIZES {
        let dialogs = ScriptedDialogs::default();
        let mut harness = app_sized(
            Some("tests/fixtures/one-article.ron".into()),
            &dialogs,
            None,
            Duration::from_secs(30),
            size,
        );
        settle(&mut harness);
        let map = harness.state().map_rect().expect("the map is shown");
        // Select the event at a marker by clicking it.
        let (marker, events) = harness
            .state()
            .map_markers()
            .into_iter()
            .find(|(_, events)| !events.is_empty())
            .expect("an event on the map");
        click_at(&mut harness, marker);
        let Some(sitrep::ui::Selection::Event(id)) = harness.state().selection().cloned() else {
            panic!("an event is selected: {:?}", harness.state().selection());
        };
        assert!(events.contains(&id));
        let name = harness
            .state()
            .notebook()
            .event(id)
            .expect("event")
            .place
            .clone();
        // Right-click where the map is empty, then pick the menu's entry.
        let spot = map.center() + egui::vec2(map.width() * 0.1, map.height() * 0.1);
        harness.hover_at(spot);
        harness.run();
        harness.event(egui::Event::PointerButton {
            pos: spot,
            button: egui::PointerButton::Secondary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        });
        harness.event(egui::Event::PointerButton {
            pos: spot,
            button: egui::PointerButton::Secondary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run();
        let entry = harness
            .get_by_label(&format!("Put “{name}” here"))
            .rect()
            .center();
        click_at(&mut harness, entry);
        harness.run_steps(4);
        let place = settled(&harness, &name).expect("the notebook keeps the new point");
        assert!(place.settled);
        // The marker now sits where the click was.
        let moved = harness
            .state()
            .map_markers()
            .into_iter()
            .find(|(_, events)| events.contains(&id))
            .expect("still on the map");
        assert!(moved.0.distance(spot) < 3.0, "{:?} vs {spot:?}", moved.0);
    }
}

#[test]
fn a_country_named_as_a_whole_is_drawn_as_the_country() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sudan.ron");
    let mut notebook =
        sitrep::model::Notebook::new("n".into(), "Sudan", jiff::Timestamp::UNIX_EPOCH);
    notebook.events.push(sitrep::model::Event {
        id: sitrep::model::EventId::from_u128(1),
        title: "Fighting spreads across the country".into(),
        start: sitrep::model::PartialDate::parse("2023-05").expect("date"),
        end: None,
        category: sitrep::model::Category::Military,
        tags: Vec::new(),
        place: "Sudan".into(),
        actors: Vec::new(),
        notes: String::new(),
        evidence: Vec::new(),
        confidence: None,
    });
    sitrep::store::save(&path, &notebook).expect("saves");
    for size in SIZES {
        let dialogs = ScriptedDialogs::default();
        let mut harness = app_sized(
            Some(path.clone()),
            &dialogs,
            None,
            Duration::from_secs(30),
            size,
        );
        settle(&mut harness);
        // The outlines are read on a worker: step until they are drawn.
        for _ in 0..300 {
            harness.run_steps(1);
            if common::painted_shapes(&harness)
                .iter()
                .any(|s| matches!(s, egui::Shape::Path(p) if p.points.len() > 20))
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        harness.run_steps(2);
        let map = harness.state().map_rect().expect("the map is shown");
        let [r, g, b] = sitrep::timeline::category_rgb(sitrep::model::Category::Military);
        // Sudan's outline, drawn over in the event's colour across much of
        // the map: not a pin at its centre.
        let outline: Vec<egui::Rect> = common::painted_shapes(&harness)
            .into_iter()
            .filter_map(|shape| match shape {
                egui::Shape::Path(path) if path.points.len() > 20 => {
                    let egui::epaint::ColorMode::Solid(color) = path.stroke.color else {
                        return None;
                    };
                    let near = |a: u8, b: u8| a.abs_diff(b) <= 60;
                    let [cr, cg, cb, _] = color.to_srgba_unmultiplied();
                    (near(cr, r) && near(cg, g) && near(cb, b)).then(|| path.visual_bounding_rect())
                }
                _ => None,
            })
            .collect();
        assert!(
            !outline.is_empty(),
            "no country outline in the event's colour at {size:?}"
        );
        let spans = outline.iter().fold(egui::Rect::NOTHING, |a, b| a.union(*b));
        assert!(
            spans.width() > map.width() * 0.3 && map.expand(1.0).contains_rect(spans),
            "the country fills the view it opens on: {spans:?} in {map:?}"
        );
    }
}
