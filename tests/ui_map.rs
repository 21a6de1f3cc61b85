//! The map in the real `App`: a box drawn with Shift+drag picks a region
//! that narrows the timeline's lists; a plain drag only moves the map.
#![cfg(feature = "app")]

use egui::{Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use sitrep::ui::ScriptedDialogs;
use std::time::Duration;

mod common;
use common::{app_with, drag_with, settle};

const SAMPLE: &str = "tests/fixtures/one-article.ron";

/// The small sample in the app, its map drawn.
fn sample_app() -> egui_kittest::Harness<'static, sitrep::ui::App> {
    let mut harness = app_with(
        Some(SAMPLE.into()),
        &ScriptedDialogs::default(),
        None,
        Duration::from_secs(30),
    );
    settle(&mut harness);
    harness
}

#[test]
fn a_box_drawn_on_the_map_keeps_the_events_inside_it() {
    let mut harness = sample_app();
    let map = harness.state().map_rect().expect("the map is shown");
    let markers = harness.state().map_markers();
    assert!(markers.len() >= 2, "{markers:?}");

    // A plain drag moves the map and picks nothing.
    let scale = harness.state().map_scale();
    let before: Vec<Pos2> = markers.iter().map(|(at, _)| *at).collect();
    drag_with(
        &mut harness,
        Modifiers::NONE,
        map.center(),
        map.center() + egui::vec2(30.0, 10.0),
    );
    assert!(harness.state().timeline_filter().region.is_none());
    let after: Vec<Pos2> = harness
        .state()
        .map_markers()
        .iter()
        .map(|(at, _)| *at)
        .collect();
    assert_ne!(before, after, "the markers moved with the map");
    assert_eq!(harness.state().map_scale(), scale);

    // Zoom in on the markers so that a box can hold some and not others.
    let markers = harness.state().map_markers();
    let (first, inside) = markers[0].clone();
    let corner = first - egui::vec2(6.0, 6.0);
    let across = first + egui::vec2(6.0, 6.0);
    let mut expected: Vec<_> = markers
        .iter()
        .filter(|(at, _)| egui::Rect::from_two_pos(corner, across).contains(*at))
        .flat_map(|(_, ids)| ids.clone())
        .collect();
    expected.sort();
    assert!(expected.len() >= inside.len());
    drag_with(&mut harness, Modifiers::SHIFT, corner, across);
    let region = harness
        .state()
        .timeline_filter()
        .region
        .clone()
        .expect("the box picked a region");
    assert!(
        region.name.contains("°N") || region.name.contains("°S"),
        "{region:?}"
    );
    let mut listed = harness.state().listed_events().to_vec();
    listed.sort();
    assert_eq!(listed, expected, "the lists keep the events in the box");
    assert!(listed.len() < harness.state().notebook().events.len());
    assert_eq!(
        harness.state().map_markers().len(),
        markers.len(),
        "the other places stay on the map"
    );
    harness.get_by_label("Clear place").click();
    harness.run();
    assert!(harness.state().timeline_filter().region.is_none());
}

#[test]
fn a_figure_given_a_place_in_the_inspector_is_on_the_map() {
    let mut harness = sample_app();
    let before = harness.state().map_markers().len();
    harness.get_by_label_contains("more than 50 of 370").click();
    harness.run();
    let Some(sitrep::ui::Selection::Observation(series, id)) = harness.state().selection().cloned()
    else {
        panic!("a figure is selected: {:?}", harness.state().selection());
    };
    harness.get_by_label("Place").focus();
    harness.run_steps(1);
    // A place in the country the map opens on, so in view.
    harness.get_by_label("Place").type_text("Herat");
    harness.run();
    let (_, figure) = harness
        .state()
        .notebook()
        .observation(series, id)
        .expect("the figure");
    assert_eq!(figure.place, "Herat");
    let markers = harness.state().map_markers();
    assert_eq!(markers.len(), before + 1, "a ring at Herat");
    assert!(
        markers.iter().any(|(_, events)| events.is_empty()),
        "a place of figures only: {markers:?}"
    );
}
