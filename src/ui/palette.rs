//! The command palette (Ctrl+Shift+P): every command by name with its
//! shortcut, and the notebook's saved views ("View: North, June"), narrowed
//! as the user types; arrows move, Enter or a click runs one, Escape
//! closes. It reads [`Command`]'s own table and the entries it is handed.

use super::commands::Command;
use egui::{Context, Key, Modifiers};

/// The palette while it is open.
#[derive(Debug, Default)]
pub struct Palette {
    /// What the user typed.
    pub query: String,
    /// The highlighted row among the matches.
    chosen: usize,
    /// Whether the search field has been given the keyboard yet.
    focused: bool,
}

/// What the user did with the palette this frame.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Still choosing.
    Open,
    /// Run this command (the palette closes).
    Run(Command),
    /// Closed without running anything.
    Close,
}

/// A row of the palette: what it is called there, and what it runs.
pub type Entry = (String, Command);

/// The palette's commands, then the `extra` entries (a notebook's views),
/// whose name or tooltip holds every word of `query`, ignoring case; names
/// that start with the query come first.
pub fn matching(query: &str, extra: &[Entry]) -> Vec<Entry> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let every = Command::palette()
        .into_iter()
        .map(|command| (command.label().to_owned(), command))
        .chain(extra.iter().cloned());
    let mut found: Vec<(bool, Entry)> = every
        .filter_map(|(name, command)| {
            let label = name.to_lowercase();
            let text = format!("{label} {}", command.tooltip().to_lowercase());
            words
                .iter()
                .all(|w| text.contains(w))
                .then(|| (!label.starts_with(&query), (name, command)))
        })
        .collect();
    // A stable sort keeps the table's order within each group.
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().map(|(_, entry)| entry).collect()
}

/// Draws the palette over the window, with `extra` entries after the commands.
pub fn show(ctx: &Context, palette: &mut Palette, extra: &[Entry]) -> Outcome {
    let found = matching(&palette.query, extra);
    palette.chosen = palette.chosen.min(found.len().saturating_sub(1));
    let (down, up, enter, escape) = ctx.input_mut(|input| {
        (
            input.consume_key(Modifiers::NONE, Key::ArrowDown),
            input.consume_key(Modifiers::NONE, Key::ArrowUp),
            input.consume_key(Modifiers::NONE, Key::Enter),
            input.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if down {
        palette.chosen = (palette.chosen + 1).min(found.len().saturating_sub(1));
    }
    if up {
        palette.chosen = palette.chosen.saturating_sub(1);
    }
    if escape {
        return Outcome::Close;
    }
    if enter {
        return found
            .get(palette.chosen)
            .map_or(Outcome::Open, |(_, command)| Outcome::Run(command.clone()));
    }
    let mut outcome = Outcome::Open;
    let response = egui::Modal::new(egui::Id::unique("sitrep-palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        let label = ui.label("Command");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("Type a command")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !palette.focused {
            field.request_focus();
            palette.focused = true;
        }
        if field.changed() {
            palette.chosen = 0;
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                // Full-width rows, so that each shortcut stands at the right edge.
                ui.set_min_width(ui.available_width());
                let justified = egui::Layout::top_down_justified(egui::Align::Min);
                let moved = up || down;
                ui.with_layout(justified, |ui| {
                    rows(ui, &found, palette.chosen, moved, &mut outcome)
                });
            });
    });
    if outcome == Outcome::Open && response.should_close() {
        return Outcome::Close;
    }
    outcome
}

/// The palette's rows: each command with its keys; a click runs it.
fn rows(ui: &mut egui::Ui, found: &[Entry], chosen: usize, moved: bool, outcome: &mut Outcome) {
    if found.is_empty() {
        ui.weak("No command matches");
    }
    for (index, (name, command)) in found.iter().enumerate() {
        let mut row = egui::Button::selectable(index == chosen, name.as_str());
        if let Some(shortcut) = command.shortcut() {
            row = row.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let row = ui.add(row).on_hover_text(command.tooltip());
        if index == chosen && moved {
            row.scroll_to_me(None);
        }
        if row.clicked() {
            *outcome = Outcome::Run(command.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::When;

    fn commands(entries: Vec<Entry>) -> Vec<Command> {
        entries.into_iter().map(|(_, command)| command).collect()
    }

    #[test]
    fn every_command_without_arguments_is_in_the_palette_with_its_own_text() {
        let all = commands(matching("", &[]));
        for command in Command::UNIT {
            assert!(all.contains(command), "{command:?} missing");
            assert!(!command.label().is_empty() && !command.tooltip().is_empty());
        }
        assert!(all.contains(&Command::Export(crate::export::Format::Csv)));
    }

    #[test]
    fn words_narrow_the_list_in_any_order_and_case() {
        let found = commands(matching("TIMELINE fit", &[]));
        assert_eq!(found.first(), Some(&Command::FitTimeline), "{found:?}");
        assert!(matching("no such command at all", &[]).is_empty());
        // A name that starts with the query comes before one that only holds it.
        assert_eq!(
            commands(matching("save", &[])).first(),
            Some(&Command::Save)
        );
    }

    #[test]
    fn saved_views_are_found_by_name() {
        let north = crate::model::ViewId::from_u128(7);
        let extra = [("View: North, June".to_owned(), Command::ApplyView(north))];
        let found = matching("north", &extra);
        assert_eq!(found, extra, "{found:?}");
        assert!(matching("view", &extra).contains(&extra[0]));
    }

    #[test]
    fn keys_come_from_the_table_with_more_modifiers_first() {
        let keyed = Command::bindings();
        let position = |c: &Command| keyed.iter().position(|(_, k)| k == c).expect("keyed");
        assert!(position(&Command::Redo) < position(&Command::Undo));
        assert!(position(&Command::SaveAs) < position(&Command::Save));
        let every_key: usize = Command::UNIT.iter().map(|c| c.keys().len()).sum();
        assert_eq!(keyed.len(), every_key);
        // Redo has two keys; the map and the timeline share theirs, each
        // where the pointer is.
        assert_eq!(Command::Redo.keys().len(), 2);
        let f = |c: &Command| c.keys()[0];
        assert_eq!(
            f(&Command::FitMap).shortcut,
            f(&Command::FitTimeline).shortcut
        );
        assert_ne!(f(&Command::FitMap).when, f(&Command::FitTimeline).when);
        // No two commands answer one key at once.
        for (n, (a, first)) in keyed.iter().enumerate() {
            for (b, second) in &keyed[n + 1..] {
                assert!(
                    a.shortcut != b.shortcut
                        || a.when != b.when && a.when != When::Always && b.when != When::Always,
                    "{first:?} and {second:?} share {}",
                    a.text()
                );
            }
        }
    }
}
