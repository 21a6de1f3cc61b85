//! The app as a new user meets it: the sample notebook's trends, and menu
//! actions that work on any desktop, with or without a file dialog.
#![cfg(feature = "app")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sitrep::export::Format;
use sitrep::ui::{App, Command, Modal, PathPurpose, ScriptedDialogs};
use std::path::PathBuf;
use std::time::Duration;

mod common;
use common::{app_with, settle};

/// A small notebook the tests know by heart.
const FIXTURE: &str = "tests/fixtures/one-article.ron";

fn app(open: Option<PathBuf>, dialogs: &ScriptedDialogs) -> Harness<'static, App> {
    app_with(open, dialogs, None, Duration::from_secs(30))
}

/// Replaces what the field called `label` holds with `text`.
fn retype(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn without_a_file_dialog_import_and_export_ask_for_a_typed_path() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    // The scripted dialog answers "nothing" at once, as rfd does with no portal.
    harness.state_mut().run(Command::ImportFiles);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(
        matches!(
            harness.state().modal(),
            Some(Modal::TypedPath {
                purpose: PathPurpose::Import,
                ..
            })
        ),
        "{:?}",
        harness.state().modal()
    );
    let article = std::fs::canonicalize("tests/fixtures/article.html").expect("fixture");
    retype(&mut harness, "Article path", &article.display().to_string());
    harness.get_by_label("OK").click();
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(
        harness.state().notebook().articles.len(),
        2,
        "{:?}",
        harness.state().status()
    );

    harness.state_mut().run(Command::Export(Format::Csv));
    harness.run_steps(1);
    settle(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::TypedPath {
            purpose: PathPurpose::Export(Format::Csv),
            ..
        })
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("figures");
    retype(&mut harness, "Export path", &out.display().to_string());
    harness.get_by_label("OK").click();
    harness.run_steps(1);
    settle(&mut harness);
    let written = out.with_extension("csv");
    let csv = std::fs::read_to_string(&written).expect("the export was written");
    assert!(csv.contains("NATO"), "{csv}");
    let status = harness.state().status().text.clone();
    assert!(status.starts_with("Exported"), "{status}");
}

/// Waits for background work, then lets scrolling to the selection finish.
fn settle_scrolled(harness: &mut Harness<'static, App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(64);
}

/// Selects `len` characters starting `from` characters into the reader's text.
fn select_in_reader(harness: &mut Harness<'static, App>, from: usize, len: usize) {
    harness.get_by_label("Article text").click();
    harness.run();
    // Up to the first line, whatever line the click landed on.
    for _ in 0..80 {
        harness.key_press(Key::ArrowUp);
    }
    harness.key_press(Key::Home);
    for _ in 0..from {
        harness.key_press(Key::ArrowRight);
    }
    for _ in 0..len {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    harness.run();
}

#[test]
fn an_event_from_a_sloppy_selection_is_trimmed_and_filled_from_its_words() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    // " the Taliban seized Shir Khan Bandar," as a quick drag picks it up.
    select_in_reader(&mut harness, 98, 37);
    assert_eq!(harness.state().reader_selection(), Some((98, 135)));
    harness.state_mut().run(Command::EventFromSelection);
    harness.run();
    assert!(
        matches!(harness.state().modal(), Some(Modal::NewEvent(_))),
        "{:?}",
        harness.state().status()
    );
    harness.get_by_label("Create event").click();
    harness.run();
    let notebook = harness.state().notebook();
    let event = notebook
        .events
        .iter()
        .find(|e| e.title.contains("seized Shir Khan"))
        .unwrap_or_else(|| panic!("no event made: {:?}", harness.state().modal()));
    assert_eq!(event.title, "the Taliban seized Shir Khan Bandar");
    assert_eq!(
        event.evidence[0].quote, event.title,
        "the evidence is trimmed too"
    );
    assert_eq!(event.place, "Shir Khan Bandar");
    assert_eq!(event.actors, ["Taliban"]);
    assert_eq!(event.category, sitrep::model::Category::Military);
    assert_eq!(event.start.iso(), "2021-06-22");
}

#[test]
fn proposals_take_the_kind_their_words_say_and_a_reject_says_so() {
    use sitrep::model::{Category, ProposalKind};
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    harness.state_mut().run(Command::ProposeForArticle);
    settle_scrolled(&mut harness);
    let events: Vec<(sitrep::model::ProposalId, String)> = harness
        .state()
        .notebook()
        .proposals
        .iter()
        .filter_map(|p| match &p.kind {
            ProposalKind::Event { title, .. } => Some((p.id, title.clone())),
            ProposalKind::Figure { .. } => None,
        })
        .collect();
    let (seized, _) = events
        .iter()
        .find(|(_, title)| title.contains("seized"))
        .expect("a proposal for the capture");
    harness.state_mut().run(Command::AcceptProposal(*seized));
    settle_scrolled(&mut harness);
    assert_eq!(harness.state().status().text, "Accepted");
    let made = harness
        .state()
        .notebook()
        .events
        .iter()
        .find(|e| e.title.contains("seized Shir Khan Bandar"))
        .expect("accepted");
    assert_eq!(made.category, Category::Military);

    let other = harness.state().notebook().proposals[0].id;
    harness.state_mut().run(Command::RejectProposal(other));
    settle_scrolled(&mut harness);
    assert!(
        harness.state().status().text.starts_with("Rejected"),
        "{:?}",
        harness.state().status()
    );
    assert!(harness.state().notebook().proposal(other).is_none());
}

#[test]
fn the_sample_opens_on_trends_whose_points_lead_to_their_sources() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(sitrep::ui::SAMPLE_NOTEBOOK.into()), &dialogs);
    let notebook = harness.state().notebook().clone();
    assert!(
        notebook.articles.len() >= 20,
        "{} articles",
        notebook.articles.len()
    );
    assert!(
        notebook.events.len() >= 30,
        "{} events",
        notebook.events.len()
    );
    let long = notebook
        .series
        .iter()
        .filter(|s| s.observations.len() >= 8)
        .count();
    assert!(long >= 2, "series of eight figures or more: {long}");
    assert!(
        notebook
            .articles
            .iter()
            .all(|a| !a.outlet.is_empty() && a.published.is_some()),
        "every article is cited with its outlet and date"
    );
    assert!(
        notebook
            .articles
            .iter()
            .filter(|a| !a.url.is_empty())
            .count()
            >= 20,
        "and, where the source can be found, its address"
    );
    // Hover a point of the longest series: its source's words show.
    let series = notebook
        .series
        .iter()
        .max_by_key(|s| s.observations.len())
        .expect("series");
    let (pos, observation) = harness
        .state()
        .timeline_targets()
        .iter()
        .find_map(|(pos, selection)| match selection {
            sitrep::ui::Selection::Observation(s, o) if *s == series.id => Some((*pos, *o)),
            _ => None,
        })
        .expect("a point of the series is on screen");
    harness.event(egui::Event::PointerMoved(pos));
    harness.run_steps(60);
    let observation = series
        .observations
        .iter()
        .find(|o| o.id == observation)
        .expect("observation");
    let evidence = observation.evidence.as_ref().expect("sourced");
    let article = notebook.article(evidence.article).expect("article");
    let quote: String = evidence.quote.chars().take(30).collect();
    harness.get_by_label_contains(&quote);
    harness.get_by_label_contains(&format!("— {}", article.title));
}

#[test]
fn panels_hide_and_come_back_to_give_the_timeline_room() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    assert!(harness.query_by_label("Inspector").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    assert!(harness.query_by_label("Inspector").is_none(), "hidden");
    let (min, max) = harness.state().timeline_range().expect("drawn");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(
        harness.query_by_label("Articles").is_none(),
        "the lists too"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(harness.query_by_label("Inspector").is_some(), "back");
    assert!(harness.query_by_label("Articles").is_some());
    assert_eq!(
        harness.state().timeline_range(),
        Some((min, max)),
        "the dates in view stay"
    );
}

#[test]
fn a_plain_scroll_wheel_over_the_event_lane_moves_through_time() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    let (min, max) = harness.state().timeline_range().expect("drawn");
    let (pos, _) = *harness
        .state()
        .timeline_targets()
        .iter()
        .find(|(_, s)| matches!(s, sitrep::ui::Selection::Event(_)))
        .expect("an event on screen");
    harness.hover_at(pos);
    harness.run();
    // Scrolling down, as when reading on down a page.
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(40);
    let (later_min, later_max) = harness.state().timeline_range().expect("drawn");
    assert!(later_min > min, "{min} -> {later_min}");
    assert!(
        ((later_max - later_min) - (max - min)).abs() < 1e-6 * (max - min),
        "a pan, not a zoom"
    );
}
