//! The command table in the real `App`: the palette finds and runs any
//! command by name, and shows its shortcut.
#![cfg(feature = "app")]

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sitrep::ui::ScriptedDialogs;
use std::time::Duration;

mod common;
use common::app_with;

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
