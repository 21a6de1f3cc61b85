//! Commands and the shared view in the real `App`: the palette finds and
//! runs any command by name; switching article drops the selected words;
//! broken evidence is listed and leads to what cites it.
#![cfg(feature = "app")]

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sitrep::ui::ScriptedDialogs;
use std::time::Duration;

mod common;
use common::{app_with, select_in_reader};

#[test]
fn the_palette_finds_a_command_by_name_and_runs_it() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app_with(None, &dialogs, None, Duration::from_secs(30));
    assert!(harness.state().notebook().articles.is_empty());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    // Every command is listed, with its keys.
    harness.get_by_label_contains("Fit timeline");
    harness.get_by_label_contains("Export CSV");
    harness.get_by_label("Command").type_text("article new");
    harness.run();
    assert!(
        harness.query_by_label_contains("Fit timeline").is_none(),
        "typing narrows the list"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().notebook().articles.len(),
        1,
        "Enter ran the command"
    );
    assert!(
        harness.query_by_label("Command").is_none(),
        "the palette closed"
    );

    // Escape closes it without running anything.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Command").type_text("new article");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Command").is_none());
    assert_eq!(harness.state().notebook().articles.len(), 1);
}

/// The app on the one-article fixture.
fn one_article_app() -> egui_kittest::Harness<'static, sitrep::ui::App> {
    app_with(
        Some("tests/fixtures/one-article.ron".into()),
        &ScriptedDialogs::default(),
        None,
        Duration::from_secs(30),
    )
}

#[test]
fn save_as_a_view_from_the_palette_asks_for_a_name() {
    let mut harness = one_article_app();
    let views = harness.state().notebook().views.len();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.event(egui::Event::Text("save as a view".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    // The name dialog has the keyboard: typed words are its, not shortcuts.
    let window = harness.state().timeline_filter().window;
    harness.event(egui::Event::Text("Fighting in the west".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(notebook.views.len(), views + 1);
    assert!(
        notebook
            .views
            .iter()
            .any(|v| v.name == "Fighting in the west")
    );
    assert_eq!(
        harness.state().timeline_filter().window,
        window,
        "W went to the name"
    );
    assert!(harness.state().modal().is_none(), "the dialog closed");
}

#[test]
fn undo_takes_a_new_article_away_whole_even_from_its_title_field() {
    let mut harness = one_article_app();
    let before = harness.state().notebook().articles.clone();
    let at = harness.get_by_label("New article").rect().center();
    common::click_at(&mut harness, at);
    // The title field has the keyboard: type a title, then undo there.
    harness.event(egui::Event::Text("Convoy reaches the border".into()));
    harness.run();
    assert_eq!(harness.state().notebook().articles.len(), before.len() + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().notebook().articles,
        before,
        "nothing is left behind"
    );
    assert_eq!(harness.state().listed_articles().len(), before.len());
    assert!(
        harness
            .query_by_label_contains("(untitled article)")
            .is_none()
    );
}

/// A report of its own, so the notebook holds two articles.
const SECOND: &str = "Ferry stopped at the border\n\n\
    The ferry across the lake stopped on 4 March 2024 after 300 passengers \
    were turned back, the harbour master said.\n";

#[test]
fn switching_article_always_drops_the_selected_words() {
    let mut harness = one_article_app();
    common::import_text(&mut harness, SECOND);
    let notebook = harness.state().notebook().clone();
    let second = notebook
        .articles
        .iter()
        .find(|a| a.title == "Ferry stopped at the border")
        .expect("imported")
        .id;
    assert_eq!(
        harness.state().reader_highlight().map(|(a, _)| a),
        Some(second)
    );

    // Words picked in the new article, then one of its proposals from the list.
    select_in_reader(&mut harness, 4, 5);
    assert!(harness.state().reader_selection().is_some());
    let proposal = notebook
        .proposals
        .iter()
        .find(|p| p.evidence.article == second && p.evidence.quote == "300 passengers")
        .expect("a figure proposal")
        .clone();
    harness
        .get_by_label_contains("Figure: 300 passengers")
        .click();
    harness.run();
    assert_eq!(
        harness.state().reader_selection(),
        None,
        "the old words went"
    );
    assert_eq!(
        harness.state().reader_highlight(),
        Some((
            second,
            Some((proposal.evidence.start, proposal.evidence.end))
        ))
    );

    // Words picked again, then "Show source" of an event quoting the other article.
    select_in_reader(&mut harness, 4, 5);
    assert!(harness.state().reader_selection().is_some());
    let event = notebook
        .events
        .iter()
        .find(|e| e.evidence.iter().any(|ev| ev.article != second))
        .expect("an event of the first article")
        .clone();
    harness.state_mut().run(sitrep::ui::Command::ShowInReader(
        event.evidence[0].article,
        Some((event.evidence[0].start, event.evidence[0].end)),
    ));
    harness.run();
    assert_eq!(harness.state().reader_selection(), None);
    assert_eq!(
        harness.state().reader_highlight().map(|(a, _)| a),
        Some(event.evidence[0].article)
    );
}

#[test]
fn broken_evidence_is_listed_and_a_click_selects_what_cites_it() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app_with(
        Some("tests/hostile/span-out-of-range.ron".into()),
        &dialogs,
        None,
        Duration::from_secs(30),
    );
    let notebook = harness.state().notebook().clone();
    let problems = sitrep::model::evidence_problems(&notebook);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let sitrep::model::CitedBy::Event(event) = problems[0].cited_by else {
        panic!("an event cites it: {problems:?}");
    };
    harness.get_by_label_contains("Broken evidence (1)");
    harness.get_by_label(&problems[0].item).click();
    harness.run();
    assert_eq!(
        harness.state().selection(),
        Some(&sitrep::ui::Selection::Event(event))
    );
}

/// Opening can be cancelled while the file is still coming in: the
/// notebook showing stays, and the load's late result is dropped. The file
/// is a named pipe the test feeds, so the cancel lands mid-read every time.
#[cfg(unix)]
#[test]
fn cancelling_an_open_keeps_the_notebook_showing() {
    use sitrep::ui::Command;
    use std::io::Write;
    const SAMPLE: &str = "tests/fixtures/one-article.ron";
    let dialogs = ScriptedDialogs::default();
    let mut harness = app_with(Some(SAMPLE.into()), &dialogs, None, Duration::from_secs(30));
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("incoming.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let other = std::fs::read_to_string(SAMPLE).expect("fixture");

    harness.state_mut().run(Command::OpenPath(pipe.clone()));
    harness.run_steps(2);
    // Opening the pipe for writing waits until the load has opened it to read.
    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&pipe)
        .expect("the load reads the pipe");
    let (first, rest) = other.as_bytes().split_at(other.len() / 2);
    writer.write_all(first).expect("first half");
    harness.run_steps(2);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().status().text, "Open cancelled");
    assert!(
        harness.query_by_label("Cancel").is_none(),
        "the bar is gone"
    );
    // The rest arrives after the cancel; the load stops and brings nothing.
    writer.write_all(rest).expect("second half");
    drop(writer);
    common::settle(&mut harness);
    let state = harness.state();
    assert_eq!(
        state.document().path.as_deref(),
        Some(std::path::Path::new(SAMPLE)),
        "the notebook showing stays"
    );
    assert_eq!(state.status().text, "Open cancelled");
}
