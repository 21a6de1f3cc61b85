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

/// A report of its own, so the notebook holds two articles.
const SECOND: &str = "Ferry stopped at the border\n\n\
    The ferry across the lake stopped on 4 March 2024 after 300 passengers \
    were turned back, the harbour master said.\n";

#[test]
fn switching_article_always_drops_the_selected_words() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app_with(
        Some("tests/fixtures/one-article.ron".into()),
        &dialogs,
        None,
        Duration::from_secs(30),
    );
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
