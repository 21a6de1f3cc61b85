//! The real `App`, driven as a user would: typing, selecting words, menus,
//! shortcuts and dialogs (scripted, never real ones).
#![cfg(feature = "app")]

#[path = "tools/synthetic.rs"]
mod synthetic;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sitrep::model::{EvidenceStatus, Qualifier};
use sitrep::ui::{App, Command, Modal, PathPurpose, Pending, ScriptedDialogs, Selection};
use std::path::PathBuf;
use std::time::Duration;

mod common;
use common::{app_with, click_at, select_in_reader, settle};

/// A small notebook of one article, seven events and three figures, that
/// the tests below know by heart (the shipped sample grows and changes).
const SAMPLE: &str = "tests/fixtures/one-article.ron";

fn app(open: Option<PathBuf>, dialogs: &ScriptedDialogs) -> Harness<'static, App> {
    app_with(open, dialogs, None, Duration::from_secs(30))
}

fn type_into(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

const ARTICLE_TEXT: &str = "Fighters seized the river crossing at dawn. The last 2,500-3,500 US troops are leaving the country.";

#[test]
fn write_an_article_tag_an_event_and_a_figure_undo_redo_save_and_reopen() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Crossing falls to the Taliban");
    type_into(&mut harness, "Outlet", "Example Wire");
    type_into(&mut harness, "Published", "2021-06-22");
    type_into(&mut harness, "Text", ARTICLE_TEXT);
    harness.get_by_label("Done").click();
    harness.run();

    let article = harness
        .state()
        .notebook()
        .articles
        .first()
        .expect("an article was written")
        .clone();
    assert_eq!(article.title, "Crossing falls to the Taliban");
    assert_eq!(article.outlet, "Example Wire");
    assert_eq!(
        article.published.map(|d| d.iso()),
        Some("2021-06-22".into())
    );
    assert_eq!(article.text, ARTICLE_TEXT);
    assert!(
        harness.state().window_title().ends_with('*'),
        "unsaved changes show in the title"
    );

    // An event from the first sentence.
    select_in_reader(&mut harness, 0, "Fighters seized the river crossing".len());
    assert_eq!(harness.state().reader_selection(), Some((0, 34)));
    harness.get_by_label("Event from selection").click();
    harness.run();
    assert!(matches!(harness.state().modal(), Some(Modal::NewEvent(_))));
    harness.get_by_label("Create event").click();
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(notebook.events.len(), 1);
    let event = &notebook.events[0];
    assert_eq!(event.title, "Fighters seized the river crossing");
    assert_eq!(
        event.start.iso(),
        "2021-06-22",
        "the date comes from the article"
    );
    assert_eq!(
        event.evidence[0].quote,
        "Fighters seized the river crossing"
    );
    assert_eq!(event.evidence[0].status(notebook), EvidenceStatus::Matches);

    // A figure from the troop numbers.
    let words = "2,500-3,500 US troops";
    let from = ARTICLE_TEXT.find(words).expect("in text");
    select_in_reader(&mut harness, from, words.len());
    harness.get_by_label("Figure from selection").click();
    harness.run();
    harness.get_by_label("Create figure").click();
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(
        notebook.series.len(),
        1,
        "a new series was made for the figure"
    );
    let series = &notebook.series[0];
    assert_eq!(
        (
            series.name.as_str(),
            series.unit.as_str(),
            series.subject.as_str()
        ),
        ("US troops", "troops", "US")
    );
    let figure = &series.observations[0];
    assert_eq!(
        (figure.low, figure.high, figure.qualifier),
        (2500.0, 3500.0, Qualifier::Exact)
    );
    let evidence = figure.evidence.as_ref().expect("evidence");
    assert_eq!(
        (evidence.start, evidence.end, evidence.quote.as_str()),
        (from, from + words.len(), words)
    );
    let tagged = harness.state().notebook().clone();

    // Undo takes the figure and its new series away in one step; redo brings them back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().notebook().series.is_empty());
    assert_eq!(harness.state().notebook().events.len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().notebook(), &tagged);

    // Save: no file yet, so the (scripted) dialog asks where.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crossing.ron");
    dialogs.push(Some(path.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(path.exists(), "saved: {:?}", harness.state().status());
    assert!(!harness.state().document().is_dirty());
    assert!(!harness.state().window_title().contains('*'));
    let saved = harness.state().notebook().clone();
    assert_eq!(saved.events, tagged.events);
    assert_eq!(saved.series, tagged.series);

    // Reopen in a fresh app: the same notebook.
    let reopened = app(Some(path.clone()), &ScriptedDialogs::default());
    assert_eq!(reopened.state().notebook(), &saved);
    assert_eq!(
        reopened.state().document().path.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    harness.state_mut().run(Command::NewArticle);
    harness.run();
    assert!(harness.state().document().is_dirty());

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(
        matches!(
            harness.state().modal(),
            Some(Modal::UnsavedChanges {
                then: Pending::Quit
            })
        ),
        "the close guard appears"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_eq!(
        harness.state().notebook().articles.len(),
        1,
        "cancel keeps the work"
    );

    // New notebook asks too; Discard goes ahead.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::UnsavedChanges {
            then: Pending::NewNotebook
        })
    ));
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().notebook().articles.is_empty());
    assert!(!harness.state().document().is_dirty() || harness.state().document().path.is_none());
}

#[test]
fn save_from_the_close_guard_saves_then_closes() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    harness.state_mut().run(Command::NewArticle);
    harness.run();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("guarded.ron");
    dialogs.push(Some(path.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run_steps(1);
    settle(&mut harness);
    assert!(path.exists());
    let reloaded = sitrep::store::load(&path).expect("the guard's save is a whole notebook");
    assert_eq!(reloaded.articles.len(), 1);
}

#[test]
fn a_bad_file_leaves_the_open_notebook_open_and_untouched() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let before = harness.state().notebook().clone();
    assert_eq!(before.meta.title, "Afghanistan 2021");
    assert_eq!(harness.state().window_title(), "Sitrep — Afghanistan 2021");

    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format: 1, meta: (id: \"x\"").expect("write");
    harness.state_mut().run(Command::OpenPath(bad));
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(harness.state().notebook(), &before);
    assert!(!harness.state().document().is_dirty());
    let status = harness.state().status();
    assert!(
        status.is_error && status.text.contains("broken.ron:1:"),
        "{status:?}"
    );
}

#[test]
fn show_source_opens_the_article_at_the_quoted_words() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let notebook = harness.state().notebook().clone();
    let event = notebook
        .events
        .iter()
        .find(|e| e.title.starts_with("Taliban take Shir Khan Bandar"))
        .expect("event");
    harness
        .get_by_label_contains("Taliban take Shir Khan Bandar")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection(),
        Some(&Selection::Event(event.id))
    );
    harness
        .get_all_by_label("Show source")
        .next()
        .expect("a Show source button")
        .click();
    harness.run();
    let evidence = &event.evidence[0];
    assert_eq!(
        harness.state().reader_highlight(),
        Some((evidence.article, Some((evidence.start, evidence.end))))
    );
}

#[test]
fn editing_in_the_inspector_is_one_undo_step_per_field() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    harness.get_by_label_contains("Biden meets Ghani").click();
    harness.run();
    type_into(&mut harness, "Place", " (White House)");
    let title = |h: &Harness<'static, App>| {
        h.state()
            .notebook()
            .events
            .iter()
            .find(|e| e.title == "Biden meets Ghani and Abdullah")
            .map(|e| e.place.clone())
    };
    assert_eq!(title(&harness).as_deref(), Some("Washington (White House)"));
    assert!(harness.state().document().is_dirty());
    harness.state_mut().run(Command::Undo);
    harness.run();
    assert_eq!(title(&harness).as_deref(), Some("Washington"));
    assert!(
        !harness.state().document().is_dirty(),
        "undoing to the saved state clears the *"
    );
}

#[test]
fn without_a_file_dialog_the_app_offers_a_typed_path() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    // The scripted dialog answers "nothing" at once, as rfd does with no portal.
    harness.state_mut().run(Command::SaveAs);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::TypedPath {
            purpose: PathPurpose::Save,
            ..
        })
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("typed");
    harness.get_by_label("Notebook path").focus();
    harness.run_steps(1);
    // The field offers the current path; replace it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Notebook path")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run_steps(1);
    settle(&mut harness);
    let saved = path.with_extension("ron");
    assert!(saved.exists(), "{:?}", harness.state().status());
    assert_eq!(sitrep::store::load(&saved).expect("loads").events.len(), 7);
}

#[test]
fn clicking_a_mark_on_the_timeline_selects_it() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let notebook = harness.state().notebook().clone();
    let us_troops = notebook
        .series
        .iter()
        .find(|s| s.name == "US troops")
        .expect("series");
    let figure = Selection::Observation(us_troops.id, us_troops.observations[0].id);
    let (pos, _) = *harness
        .state()
        .timeline_targets()
        .iter()
        .find(|(_, selection)| *selection == figure)
        .expect("the US troops figure is on screen");
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selection(), Some(&figure));

    let event = notebook
        .events
        .iter()
        .find(|e| e.title.starts_with("UN envoy"))
        .expect("event");
    let (pos, _) = *harness
        .state()
        .timeline_targets()
        .iter()
        .find(|(_, selection)| *selection == Selection::Event(event.id))
        .expect("the UN envoy event is on screen");
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().selection(),
        Some(&Selection::Event(event.id))
    );
}

#[test]
fn keyboard_zooms_pans_and_fits_the_timeline() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let (min, max) = harness.state().timeline_range().expect("drawn");
    harness.key_press(Key::Plus);
    harness.run();
    let (zoomed_min, zoomed_max) = harness.state().timeline_range().expect("drawn");
    assert!((zoomed_max - zoomed_min) < (max - min) * 0.6, "+ zooms in");
    harness.key_press(Key::ArrowRight);
    harness.run();
    let (panned_min, _) = harness.state().timeline_range().expect("drawn");
    assert!(
        panned_min > zoomed_min,
        "the right arrow pans towards the future"
    );
    harness.key_press(Key::F);
    harness.run();
    let (fit_min, fit_max) = harness.state().timeline_range().expect("drawn");
    assert!(
        (fit_min - min).abs() < 1.0 && (fit_max - max).abs() < 1.0,
        "F fits everything again"
    );
    harness.key_press(Key::Plus);
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    let (end_min, end_max) = harness.state().timeline_range().expect("drawn");
    assert!(
        (end_max - fit_max).abs() < 1.0 && end_min > fit_min + 1.0,
        "End shows the last dates at the same zoom"
    );
    harness.key_press(Key::Home);
    harness.run();
    let (home_min, _) = harness.state().timeline_range().expect("drawn");
    assert!(
        (home_min - fit_min).abs() < 1.0,
        "Home shows the first dates"
    );
}

#[test]
fn delete_removes_the_selected_item_and_undo_brings_it_back() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    harness.get_by_label_contains("Biden meets Ghani").click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(harness.state().notebook().events.len(), 6);
    assert_eq!(harness.state().selection(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().notebook().events.len(), 7);
    // Redo's second key, from the same table.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().notebook().events.len(), 6);
}

#[test]
fn a_large_paste_lands_whole_in_the_article() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    harness.state_mut().run(Command::NewArticle);
    harness.run();
    let paragraph = "Reports from the north describe fighting near the provincial capital, with district centres changing hands overnight. ";
    let large: String = paragraph.repeat(2_000);
    assert!(large.len() > 200_000);
    harness.get_by_label("Text").focus();
    harness.run();
    harness.event(egui::Event::Paste(large.clone()));
    harness.run();
    let article = &harness.state().notebook().articles[0];
    assert_eq!(article.text, large);
    assert_eq!(article.sha256, sitrep::model::sha256_hex(&large));
}

const REPORT: &str = "Fresh fighting near the border\nPublished: 2021-06-22\n\nOfficials said on Monday that 7,000 NATO soldiers were still leaving the country. Separately, more than 60 of the country's 370 districts were held by the Taliban.\n";

#[test]
fn import_a_file_accept_a_proposed_figure_and_find_it_on_its_series() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.txt");
    std::fs::write(&file, REPORT).expect("write");
    dialogs.push(Some(file.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run_steps(1);
    settle(&mut harness);
    let notebook = harness.state().notebook().clone();
    assert_eq!(notebook.articles.len(), 2, "{:?}", harness.state().status());
    let article = notebook
        .articles
        .iter()
        .find(|a| a.title == "Fresh fighting near the border")
        .expect("imported");
    assert!(
        notebook
            .proposals
            .iter()
            .filter(|p| p.evidence.article == article.id)
            .count()
            >= 3
    );

    // The figure proposal for NATO soldiers: review it in the inspector and accept it.
    harness
        .get_by_label_contains("Figure: 7,000 NATO soldiers")
        .click();
    harness.run();
    harness.get_by_label("Accept").click();
    harness.run();
    let notebook = harness.state().notebook();
    let nato = notebook
        .series
        .iter()
        .find(|s| s.name == "NATO troops")
        .expect("the sample's NATO series");
    assert_eq!(
        nato.observations.len(),
        2,
        "the figure joined the existing NATO series"
    );
    let added = nato
        .observations
        .iter()
        .find(|o| o.evidence.as_ref().is_some_and(|e| e.article == article.id))
        .expect("the accepted figure");
    assert_eq!(added.low, 7000.0);
    assert_eq!(
        added.as_of.iso(),
        "2021-06-21",
        "as of the sentence's date (Monday)"
    );
    let evidence = added.evidence.as_ref().expect("evidence");
    assert_eq!(evidence.quote, "7,000 NATO soldiers");
    assert_eq!(
        evidence.status(notebook),
        sitrep::model::EvidenceStatus::Matches
    );
    assert!(
        !notebook
            .proposals
            .iter()
            .any(|p| p.evidence.quote == "7,000 NATO soldiers"),
        "accepted proposals leave the list"
    );

    // Undo puts the proposal back and takes the figure away.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(
        notebook
            .series
            .iter()
            .find(|s| s.name == "NATO troops")
            .expect("series")
            .observations
            .len(),
        1
    );
    assert!(
        notebook
            .proposals
            .iter()
            .any(|p| p.evidence.quote == "7,000 NATO soldiers")
    );

    // The keyboard reviews too: Delete rejects, Enter accepts.
    harness
        .get_by_label_contains("Figure: more than 60 of 370 districts")
        .click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(
        !harness
            .state()
            .notebook()
            .proposals
            .iter()
            .any(|p| p.evidence.quote.starts_with("more than 60"))
    );
    harness
        .get_by_label_contains("Figure: 7,000 NATO soldiers")
        .click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let nato = harness
        .state()
        .notebook()
        .series
        .iter()
        .find(|s| s.name == "NATO troops")
        .expect("series");
    assert_eq!(nato.observations.len(), 2, "Enter accepted the figure");

    // Importing the same text again is reported, not added.
    dialogs.push(Some(file));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(harness.state().notebook().articles.len(), 2);
    assert!(
        harness
            .state()
            .status()
            .text
            .contains("already in the notebook"),
        "{:?}",
        harness.state().status()
    );
}

#[test]
fn a_bad_file_in_an_import_does_not_stop_the_others() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "First report\n\nThe Taliban took Kunduz on Sunday.",
    )
    .expect("write");
    std::fs::write(dir.path().join("b.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    std::fs::write(
        dir.path().join("c.md"),
        "# Second report\n\nAbout 200 civilians fled.",
    )
    .expect("write");
    std::fs::write(dir.path().join("ignored.png"), [137u8, 80, 78, 71]).expect("write");
    harness
        .state_mut()
        .run(Command::ImportPaths(vec![dir.path().to_owned()]));
    harness.run_steps(1);
    settle(&mut harness);
    let titles: Vec<&str> = harness
        .state()
        .notebook()
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"First report") && titles.contains(&"Second report"));
    let report = harness.state().import_report();
    assert!(
        report
            .iter()
            .any(|line| line.contains("b.txt") && line.contains("binary")),
        "{report:?}"
    );
    // One import is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().notebook().articles.is_empty());
}

#[test]
fn a_place_added_to_the_notebook_is_found_in_articles() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    harness.state_mut().run(Command::NewArticle);
    harness.run();
    type_into(&mut harness, "Published", "2021-07-02");
    type_into(
        &mut harness,
        "Text",
        "Fighters entered Qarya-e Sabz on Thursday after a night of shelling.",
    );
    harness.get_by_label("Done").click();
    harness.run();
    select_in_reader(
        &mut harness,
        "Fighters entered ".len(),
        "Qarya-e Sabz".len(),
    );
    harness.get_by_label_contains("Places (0)").click();
    harness.run();
    harness.get_by_label("Add a place").click();
    harness.run();
    let place = harness
        .state()
        .notebook()
        .places
        .first()
        .expect("a place")
        .clone();
    assert_eq!(place.name, "Qarya-e Sabz", "named after the selected words");
    harness.get_by_label("Latitude").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Latitude").type_text("34.51");
    harness.run();
    assert_eq!(harness.state().notebook().places[0].lat, 34.51);

    harness.state_mut().run(Command::ProposeForArticle);
    harness.run();
    let (place, _, date) = first_event_proposal(&harness);
    assert_eq!(
        (place.as_str(), date.as_str()),
        ("Qarya-e Sabz", "2021-07-01")
    );
}

#[test]
fn file_export_csv_writes_every_event_and_figure() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report");
    dialogs.push(Some(out.clone()));
    harness
        .state_mut()
        .run(Command::Export(sitrep::export::Format::Csv));
    harness.run_steps(1);
    settle(&mut harness);
    let written = std::fs::read_to_string(out.with_extension("csv")).expect("exported");
    assert_eq!(
        written.lines().count(),
        1 + 7 + 3,
        "{:?}",
        harness.state().status()
    );
    assert!(harness.state().status().text.starts_with("Exported"));
}

/// Imports an article of `text` and accepts the proposal whose quote starts with `quote`.
fn import_and_accept(harness: &mut Harness<'static, App>, text: &str, quote: &str) {
    common::import_text(harness, text);
    let proposal = harness
        .state()
        .notebook()
        .proposals
        .iter()
        .find(|p| p.evidence.quote.starts_with(quote))
        .expect("a proposal for the quote")
        .id;
    harness.state_mut().run(Command::AcceptProposal(proposal));
    harness.run();
}

#[test]
fn as_known_on_shows_only_what_had_been_published_and_categories_hide() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    import_and_accept(
        &mut harness,
        "Later report\nPublished: 2021-07-05\n\nOn Sunday more than 100 of the country's 370 districts were held by the Taliban.",
        "more than 100",
    );
    let targets = |h: &Harness<'static, App>| {
        h.state()
            .timeline_targets()
            .iter()
            .filter(|(_, s)| matches!(s, Selection::Observation(..)))
            .count()
    };
    harness.key_press(Key::F);
    harness.run();
    assert_eq!(
        targets(&harness),
        4,
        "three sample figures and the later one"
    );

    harness.get_by_label("As known on").click();
    harness.run();
    assert_eq!(
        targets(&harness),
        4,
        "known on the last publication day: everything"
    );
    // Drag the cursor back to the first publication day.
    let first_day = sitrep::timeline::day_x(jiff::civil::Date::constant(2021, 6, 22));
    harness
        .get_all_by_role(egui::accesskit::Role::Slider)
        .next()
        .expect("a slider")
        .set_value_accesskit(first_day);
    harness.run();
    assert_eq!(
        targets(&harness),
        3,
        "as known on 22 June 2021 the later figure was not yet published"
    );

    let events = |h: &Harness<'static, App>| {
        h.state()
            .timeline_targets()
            .iter()
            .filter(|(_, s)| matches!(s, Selection::Event(_)))
            .count()
    };
    let before = events(&harness);
    harness.get_by_label("Diplomatic").click();
    harness.run();
    assert_eq!(
        events(&harness),
        before - 3,
        "the three diplomatic events leave the lane"
    );
}

#[test]
fn shares_of_the_whole_plot_only_figures_that_have_one() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let figures = |h: &Harness<'static, App>| {
        h.state()
            .timeline_targets()
            .iter()
            .filter(|(_, s)| matches!(s, Selection::Observation(..)))
            .count()
    };
    assert_eq!(figures(&harness), 3);
    harness.get_by_label("Shares of the whole").click();
    harness.run();
    assert_eq!(
        figures(&harness),
        1,
        "only the districts (of 370) have a whole"
    );
}

/// Presses at `from`, moves in steps to `to` and lets go, as a mouse drag.
fn drag(harness: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
    common::drag_with(harness, Modifiers::NONE, from, to);
}

#[test]
fn brushing_dates_narrows_the_lists_and_the_inspector_and_clears() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let all = harness.state().listed_events().len();
    assert_eq!(all, 7);
    let notebook = harness.state().notebook().clone();
    // Brush the right part of the fitted timeline on the date strip.
    let strip = harness.get_by_label("Date window").rect();
    let at = |fraction: f32| egui::pos2(strip.left() + strip.width() * fraction, strip.center().y);
    // The plot frame is narrower than the strip's row; aim well inside it.
    drag(&mut harness, at(0.62), at(0.9));
    let (first, last) = harness
        .state()
        .timeline_filter()
        .window
        .expect("the drag picked a window");
    let (x_min, x_max) = harness.state().timeline_range().expect("drawn");
    let day = |fraction: f64| sitrep::timeline::x_date(x_min + (x_max - x_min) * fraction);
    assert!(
        first >= day(0.55) && last <= day(0.95) && first < last,
        "the window is about where the drag went: {first} – {last}"
    );
    let overlapping = |first: jiff::civil::Date, last: jiff::civil::Date| -> Vec<String> {
        let mut titles: Vec<String> = notebook
            .events
            .iter()
            .filter(|e| e.start.first_day() <= last && e.end.unwrap_or(e.start).last_day() >= first)
            .map(|e| e.title.clone())
            .collect();
        titles.sort();
        titles
    };
    let listed = |h: &Harness<'static, App>| -> Vec<String> {
        let mut titles: Vec<String> = h
            .state()
            .listed_events()
            .iter()
            .map(|id| {
                notebook
                    .event(*id)
                    .expect("listed event exists")
                    .title
                    .clone()
            })
            .collect();
        titles.sort();
        titles
    };
    assert_eq!(listed(&harness), overlapping(first, last));
    assert!(
        listed(&harness).len() < all,
        "the window leaves some events out"
    );
    assert!(
        harness.query_by_label_contains("of 7)").is_some(),
        "the heading counts them"
    );

    // The series inspector lists only the window's figures.
    harness
        .get_by_label_contains("Districts under Taliban control (")
        .click();
    harness.run();
    assert!(
        harness.query_by_label_contains("in the window").is_some(),
        "the inspector says what the window holds"
    );

    harness.get_by_label("Clear window").click();
    harness.run();
    assert_eq!(harness.state().timeline_filter().window, None);
    assert_eq!(harness.state().listed_events().len(), all);

    // W makes a window of the dates in view.
    harness.key_press(Key::Plus);
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    harness.key_press(Key::W);
    harness.run();
    let (first, last) = harness
        .state()
        .timeline_filter()
        .window
        .expect("W sets a window");
    let (x_min, x_max) = harness.state().timeline_range().expect("drawn");
    assert_eq!(
        (first, last),
        (
            sitrep::timeline::x_date(x_min),
            sitrep::timeline::x_date(x_max - 0.5)
        )
    );
    assert_eq!(listed(&harness), overlapping(first, last));
}

#[test]
fn the_tag_filter_keeps_only_tagged_items() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let event = harness
        .state()
        .notebook()
        .events
        .iter()
        .find(|e| e.title.starts_with("Taliban take Shir Khan Bandar"))
        .expect("sample event")
        .clone();
    let tagged = event.id;
    harness
        .get_by_label_contains("Taliban take Shir Khan Bandar")
        .click();
    harness.run();
    type_into(&mut harness, "Tags", "crossing");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness
            .state()
            .notebook()
            .event(tagged)
            .expect("event")
            .tags,
        ["crossing"]
    );
    // The sample's article is tagged "border" and "Kunduz": all its events carry those.
    harness.get_by_label("Tags: all").click();
    harness.run();
    harness.get_by_label("crossing").click();
    harness.run();
    assert_eq!(harness.state().timeline_filter().tags, ["crossing"]);
    assert_eq!(harness.state().listed_events(), [tagged]);
    let on_lane: Vec<Selection> = harness
        .state()
        .timeline_targets()
        .iter()
        .filter(|(_, s)| matches!(s, Selection::Event(_)))
        .map(|(_, s)| s.clone())
        .collect();
    assert_eq!(
        on_lane,
        [Selection::Event(tagged)],
        "the lane keeps only it"
    );
}

#[test]
fn the_chart_and_the_report_export_from_the_file_menu() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let dir = tempfile::tempdir().expect("temp dir");
    harness.get_by_label("Diplomatic").click();
    harness.run();

    dialogs.push(Some(dir.path().join("chart")));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Export chart as SVG…").click();
    harness.run_steps(1);
    settle(&mut harness);
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).expect("SVG written");
    assert!(svg.contains("NATO troops"), "the series are drawn");
    assert!(
        svg.contains("Taliban take Shir Khan Bandar"),
        "military events are drawn"
    );
    assert!(
        !svg.contains("Biden meets Ghani"),
        "the hidden diplomatic events are not: the picture is what the app shows"
    );

    dialogs.push(Some(dir.path().join("chart.png")));
    harness
        .state_mut()
        .run(Command::Export(sitrep::export::Format::Png));
    harness.run_steps(1);
    settle(&mut harness);
    let png = std::fs::read(dir.path().join("chart.png")).expect("PNG written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    dialogs.push(Some(dir.path().join("report.md")));
    harness
        .state_mut()
        .run(Command::Export(sitrep::export::Format::Markdown));
    harness.run_steps(1);
    settle(&mut harness);
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("report written");
    assert!(report.contains("](<report-chart.svg>)"), "{report}");
    assert!(dir.path().join("report-chart.svg").exists());
    assert!(
        harness.state().status().text.contains("report-chart.svg"),
        "{:?}",
        harness.state().status()
    );
}

#[test]
fn conflicting_reports_for_one_day_are_drawn_side_by_side() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    import_and_accept(
        &mut harness,
        "Another count\nPublished: 2021-06-22\n\nOfficials said 7,000 NATO soldiers were leaving on Tuesday.",
        "7,000",
    );
    let nato = harness
        .state()
        .notebook()
        .series
        .iter()
        .find(|s| s.name == "NATO troops")
        .expect("the NATO series")
        .clone();
    assert_eq!(
        nato.observations.len(),
        2,
        "the second report joins the series"
    );
    assert_eq!(
        nato.observations[0].as_of, nato.observations[1].as_of,
        "for the same day, with the same value"
    );
    harness.key_press(Key::F);
    harness.run();
    let positions: Vec<egui::Pos2> = harness
        .state()
        .timeline_targets()
        .iter()
        .filter(|(_, s)| matches!(s, Selection::Observation(series, _) if *series == nato.id))
        .map(|(pos, _)| *pos)
        .collect();
    assert_eq!(positions.len(), 2, "both are drawn");
    assert!(
        (positions[0].x - positions[1].x).abs() >= 8.0,
        "side by side, not on top of each other: {positions:?}"
    );
}

fn recovery_files(dir: &std::path::Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn unsaved_work_is_copied_on_focus_loss_and_offered_back_after_a_crash() {
    let dialogs = ScriptedDialogs::default();
    let recovery = tempfile::tempdir().expect("temp dir");
    let work = tempfile::tempdir().expect("temp dir");
    let notebook = work.path().join("notebook.ron");
    std::fs::copy(SAMPLE, &notebook).expect("copy");
    let before = std::fs::read(&notebook).expect("read");
    let mut harness = app_with(
        Some(notebook.clone()),
        &dialogs,
        Some(recovery.path().to_owned()),
        Duration::from_secs(30),
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Written just before the crash");
    assert!(
        recovery_files(recovery.path()).is_empty(),
        "not yet: 30 s have not passed"
    );
    harness.event(egui::Event::WindowFocused(false));
    harness.run_steps(1);
    settle(&mut harness);
    let copies = recovery_files(recovery.path());
    assert_eq!(
        copies.len(),
        1,
        "losing the focus writes a copy: {copies:?}"
    );
    let copy = sitrep::store::recovery::read(&copies[0]).expect("the copy reads");
    assert!(
        copy.notebook
            .articles
            .iter()
            .any(|a| a.title == "Written just before the crash")
    );
    assert_eq!(copy.source.as_deref(), Some(notebook.as_path()));
    assert_eq!(
        std::fs::read(&notebook).expect("read"),
        before,
        "the user's file is untouched"
    );
    // The crash: the app goes away without a clean exit.
    drop(harness);

    let mut harness = app_with(
        None,
        &dialogs,
        Some(recovery.path().to_owned()),
        Duration::from_secs(30),
    );
    assert!(
        matches!(harness.state().modal(), Some(Modal::Recover(_))),
        "the next start offers the work back"
    );
    assert!(
        harness.query_by_label_contains("Written").is_some()
            || harness
                .query_by_label_contains("holds 2 articles")
                .is_some()
    );
    harness.get_by_label("Restore").click();
    harness.run();
    let state = harness.state();
    assert!(
        state
            .notebook()
            .articles
            .iter()
            .any(|a| a.title == "Written just before the crash")
    );
    assert!(
        state.document().is_dirty(),
        "restored work is unsaved until saved"
    );
    assert_eq!(state.document().path.as_deref(), Some(notebook.as_path()));
    assert_eq!(
        recovery_files(recovery.path()).len(),
        1,
        "the copy stays until saved"
    );
    // A clean exit removes it.
    eframe::App::on_exit(harness.state_mut());
    assert!(
        recovery_files(recovery.path()).is_empty(),
        "a clean exit leaves nothing"
    );
}

#[test]
fn a_copy_is_written_every_interval_and_removed_once_saved() {
    let dialogs = ScriptedDialogs::default();
    let recovery = tempfile::tempdir().expect("temp dir");
    let work = tempfile::tempdir().expect("temp dir");
    let notebook = work.path().join("notebook.ron");
    std::fs::copy(SAMPLE, &notebook).expect("copy");
    let mut harness = app_with(
        Some(notebook.clone()),
        &dialogs,
        Some(recovery.path().to_owned()),
        Duration::from_millis(200),
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run_steps(2);
    assert!(harness.state().document().is_dirty());
    // Frames pass (a sixtieth of a second each) until the interval is up.
    for _ in 0..30 {
        harness.step();
    }
    settle(&mut harness);
    assert_eq!(
        recovery_files(recovery.path()).len(),
        1,
        "the interval wrote a copy"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(!harness.state().document().is_dirty());
    harness.run();
    assert!(
        recovery_files(recovery.path()).is_empty(),
        "nothing unsaved, nothing to recover"
    );
}

#[test]
fn a_save_that_fails_keeps_the_notebook_open_and_unsaved() {
    let dialogs = ScriptedDialogs::default();
    let work = tempfile::tempdir().expect("temp dir");
    let folder = work.path().join("shared drive");
    std::fs::create_dir(&folder).expect("mkdir");
    let notebook = folder.join("notebook.ron");
    std::fs::copy(SAMPLE, &notebook).expect("copy");
    let mut harness = app(Some(notebook.clone()), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Work that must not be lost");
    // The folder goes away (an unplugged drive, a deleted share).
    std::fs::remove_dir_all(&folder).expect("remove");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    let state = harness.state();
    assert!(state.status().is_error, "{:?}", state.status());
    assert!(
        state.status().text.starts_with("Not saved:")
            && state.status().text.contains("shared drive"),
        "says what and where: {}",
        state.status().text
    );
    assert!(state.document().is_dirty(), "still unsaved");
    assert!(
        state
            .notebook()
            .articles
            .iter()
            .any(|a| a.title == "Work that must not be lost"),
        "nothing typed is lost"
    );
}

#[test]
fn a_notebook_from_a_newer_sitrep_opens_read_only_and_is_never_saved_over() {
    let dialogs = ScriptedDialogs::default();
    let work = tempfile::tempdir().expect("temp dir");
    let newer = work.path().join("newer.ron");
    let text =
        std::fs::read_to_string(SAMPLE)
            .expect("sample")
            .replacen("format: 1,", "format: 2,", 1);
    std::fs::write(&newer, &text).expect("write");
    let mut harness = app(Some(newer.clone()), &dialogs);
    assert_eq!(
        harness.state().notebook().events.len(),
        7,
        "what it can read is shown"
    );
    assert!(
        harness.query_by_label("Read-only:").is_some(),
        "a banner says so"
    );
    let why = harness
        .state()
        .document()
        .read_only
        .clone()
        .unwrap_or_default();
    assert!(why.contains("newer Sitrep"), "and why: {why}");
    assert!(harness.state().window_title().contains("read-only"));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "An edit");
    // Save asks where instead of writing over the newer file; the user cancels.
    dialogs.push(None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(
        std::fs::read_to_string(&newer).expect("read"),
        text,
        "never saved over"
    );
    let copy = work.path().join("copy.ron");
    dialogs.push(Some(copy.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(
        sitrep::store::load(&copy).is_ok(),
        "Save As writes a copy this version owns"
    );
    assert_eq!(std::fs::read_to_string(&newer).expect("read"), text);
}

#[test]
fn merge_conflicts_are_listed_and_settled_in_the_app() {
    use sitrep::store::merge;
    let base = sitrep::store::load(std::path::Path::new(SAMPLE)).expect("sample");
    let rename = |title: &str| {
        let mut side = base.clone();
        side.events
            .iter_mut()
            .find(|e| e.title.starts_with("Biden meets"))
            .expect("event")
            .title = title.into();
        side
    };
    let merged = merge::merge(
        &base,
        &rename("Ours: Biden meets Ghani"),
        &rename("Theirs: Ghani at the White House"),
    )
    .expect("merges");
    assert_eq!(merged.conflicts.len(), 1);
    let work = tempfile::tempdir().expect("temp dir");
    let path = work.path().join("merged.ron");
    sitrep::store::save(&path, &merged.notebook).expect("save");
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(path), &dialogs);
    assert!(
        harness
            .query_by_label_contains("Merge conflicts (1)")
            .is_some()
    );
    harness.get_by_label_contains("· title").click();
    harness.run();
    harness.get_by_label("Keep theirs").click();
    harness.run();
    let notebook = harness.state().notebook();
    assert!(notebook.conflicts.is_empty(), "settled");
    assert!(
        notebook
            .events
            .iter()
            .any(|e| e.title == "Theirs: Ghani at the White House")
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(notebook.conflicts.len(), 1, "undo brings the conflict back");
    assert!(
        notebook
            .events
            .iter()
            .any(|e| e.title == "Ours: Biden meets Ghani")
    );
}

#[test]
fn work_done_while_a_notebook_loads_is_never_replaced_by_it() {
    use crate::synthetic::{Size, notebook};
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    let work = tempfile::tempdir().expect("temp dir");
    let big = work.path().join("big.ron");
    let size = Size {
        articles: 100,
        events: 1_000,
        series: 2,
        observations_per_series: 40_000,
        days: 700,
    };
    sitrep::store::save(&big, &notebook(size)).expect("save");
    harness.state_mut().run(Command::OpenPath(big));
    harness.run_steps(1);
    // Before the big file is read, the analyst starts writing.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.run_steps(2);
    settle(&mut harness);
    let state = harness.state();
    assert_eq!(
        state.notebook().meta.title,
        "Afghanistan 2021",
        "still the sample"
    );
    assert_eq!(state.notebook().articles.len(), 2, "with the new article");
    assert!(state.document().is_dirty());
    assert!(
        state.status().text.starts_with("Did not open"),
        "{:?}",
        state.status()
    );
}

#[test]
fn a_proposed_event_says_which_country_its_place_was_found_in() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(None, &dialogs);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("kassala.txt");
    std::fs::write(
        &file,
        "Shelling reaches the east\nPublished: 2023-06-01\n\nOn Monday shelling hit Kassala, near the border, officials said.\n",
    )
    .expect("write");
    dialogs.push(Some(file));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run_steps(1);
    settle(&mut harness);
    let (place, country, _) = first_event_proposal(&harness);
    assert_eq!((place.as_str(), country.as_str()), ("Kassala", "Sudan"));
    harness.get_by_label_contains("Event: ").click();
    // The inspector's grid lays itself out over a few frames.
    harness.run_steps(60);
    harness.get_by_label_contains("Found as a place in Sudan");
}

/// The place, country and date of the notebook's first event proposal.
fn first_event_proposal(harness: &Harness<'static, App>) -> (String, String, String) {
    harness
        .state()
        .notebook()
        .proposals
        .iter()
        .find_map(|p| match &p.kind {
            sitrep::model::ProposalKind::Event {
                place,
                country,
                date,
                ..
            } => Some((place.clone(), country.clone(), date.iso())),
            _ => None,
        })
        .expect("an event proposal")
}

#[test]
fn the_map_shows_the_timelines_events_at_their_places_and_follows_its_window() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(SAMPLE.into()), &dialogs);
    assert!(
        harness.state().map_rect().is_some(),
        "the map starts shown, beside the timeline"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run();
    assert!(
        harness.state().map_rect().is_none(),
        "Ctrl+Shift+M hides it"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    harness.run_steps(1);
    settle(&mut harness);
    let events_on_map = |h: &Harness<'static, App>| -> Vec<sitrep::model::EventId> {
        let mut ids: Vec<_> = h
            .state()
            .map_markers()
            .into_iter()
            .flat_map(|(_, ids)| ids)
            .collect();
        ids.sort();
        ids
    };
    let everywhere = events_on_map(&harness);
    let notebook = harness.state().notebook().clone();
    // The map opens on the country the notebook is about (Afghanistan):
    // every event placed there is drawn; Washington and Doha lie outside.
    let markers =
        sitrep::map::markers::event_markers(&notebook, &sitrep::timeline::Filter::default());
    let outlines = sitrep::map::outlines().expect("outlines");
    let [west, south, east, north] =
        sitrep::map::markers::focus_bounds(&markers, |code| outlines.country_bounds(code))
            .expect("the map has a focus");
    let placed: Vec<_> = notebook
        .events
        .iter()
        .filter(|e| {
            sitrep::map::markers::locate(&notebook, &e.place).is_some_and(|[lon, lat]| {
                (west..=east).contains(&lon) && (south..=north).contains(&lat)
            })
        })
        .map(|e| e.id)
        .collect();
    assert!(placed.len() >= 2, "the events in Afghanistan are placed");
    assert!(
        placed.iter().all(|id| everywhere.contains(id)),
        "every event placed in the country the map opens on is on it"
    );
    assert!(
        everywhere.len() < notebook.events.len(),
        "events far away (Washington) are off the first view"
    );

    // Brushing a window on the timeline leaves only its events on the map.
    let strip = harness.get_by_label("Date window").rect();
    let at = |fraction: f32| egui::pos2(strip.left() + strip.width() * fraction, strip.center().y);
    // Early June: the month-long reports, not the days later in the month.
    drag(&mut harness, at(0.6), at(0.7));
    harness.run();
    let listed = harness.state().listed_events().to_vec();
    let windowed = events_on_map(&harness);
    assert!(
        !windowed.is_empty() && windowed.len() < everywhere.len(),
        "{} of {} on the map; window {:?}, {} listed",
        windowed.len(),
        everywhere.len(),
        harness.state().timeline_filter().window,
        listed.len()
    );
    assert!(
        windowed.iter().all(|id| listed.contains(id)),
        "the map shows what the window lists"
    );

    // A click on a marker picks its place: the lists keep its events only,
    // one of them is selected, and the other places stay on the map.
    harness.get_by_label("Clear window").click();
    harness.run();
    let (pos, mut ids) = harness.state().map_markers()[0].clone();
    click_at(&mut harness, pos);
    match harness.state().selection() {
        Some(Selection::Event(id)) => assert!(ids.contains(id)),
        other => panic!("{other:?}"),
    }
    let mut listed = harness.state().listed_events().to_vec();
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids, "the lists keep the place's events");
    assert_eq!(events_on_map(&harness), everywhere);
    harness.get_by_label("Clear place").click();
    harness.run();
    assert!(harness.state().listed_events().len() > ids.len());

    // With the pointer on the map, + zooms the map and F shows the world
    // again; the timeline stays as it was.
    let map = harness.state().map_rect().expect("shown");
    let range = harness.state().timeline_range();
    let world = harness.state().map_scale().expect("drawn");
    harness.hover_at(map.center());
    harness.run();
    harness.key_press(Key::Plus);
    harness.run();
    let closer = harness.state().map_scale().expect("drawn");
    assert!((closer / world - 2.0).abs() < 1e-9, "{world} -> {closer}");
    assert_eq!(harness.state().timeline_range(), range);
    harness.key_press(Key::F);
    harness.run();
    assert_eq!(harness.state().map_scale(), Some(world));
}
