//! Labelled form fields shared by the reader, the inspector and the
//! tagging dialogs. Every input gets an accessible name (its label).

use egui::{Response, Ui};
use std::collections::HashMap;

/// A menu button whose menu stays open while it is clicked inside (a text
/// field, a checkbox): only a click outside, Escape or a button that
/// closes it ends it.
pub fn sticky_menu<R>(ui: &mut Ui, label: String, content: impl FnOnce(&mut Ui) -> R) -> Response {
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new(label)
        .config(config)
        .ui(ui, content)
        .0
}

/// A label and a one-line text field in a two-column grid; returns whether
/// the text changed.
pub fn text(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let label = ui.label(label);
    let changed = ui
        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label.id)
        .changed();
    ui.end_row();
    changed
}

/// A label and a multi-line text field.
pub fn multiline(ui: &mut Ui, label: &str, value: &mut String, rows: usize) -> bool {
    let label = ui.label(label);
    let changed = ui
        .add(
            egui::TextEdit::multiline(value)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    ui.end_row();
    changed
}

/// A field whose text must parse (a date, a number). Half-typed text is kept
/// in `drafts` under `key`, shown with the parse error, until it parses;
/// returns the parsed value when the user changed it to something valid.
pub fn parsed<T>(
    ui: &mut Ui,
    drafts: &mut HashMap<String, String>,
    key: &str,
    label: &str,
    current: String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let label = ui.label(label);
    let mut text = drafts.get(key).cloned().unwrap_or(current);
    let response: Response = ui
        .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let mut result = None;
    if response.changed() {
        result = parse(&text).ok();
        drafts.insert(key.to_owned(), text.clone());
    }
    ui.end_row();
    if drafts.contains_key(key)
        && let Err(error) = parse(&text)
    {
        ui.label("");
        ui.colored_label(ui.visuals().error_fg_color, error);
        ui.end_row();
    }
    result
}

/// A label and a drop-down of `options`; returns whether the choice changed.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> &'static str,
) -> bool {
    let label_response = ui.label(label);
    let before = *value;
    egui::ComboBox::from_id_salt(("sitrep-choice", label))
        .selected_text(name(*value))
        .show_ui(ui, |ui| {
            for option in options {
                ui.selectable_value(value, *option, name(*option));
            }
        })
        .response
        .labelled_by(label_response.id);
    ui.end_row();
    *value != before
}

/// Parses an optional number: empty text is `None`; "2,500" is 2500.
pub fn parse_optional_number(text: &str) -> Result<Option<f64>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match cleaned.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(format!("'{}' is not a number", text.trim())),
    }
}

/// Parses a number that must be there.
pub fn parse_number(text: &str) -> Result<f64, String> {
    parse_optional_number(text)?.ok_or_else(|| "a number is needed here".to_owned())
}

/// Parses an optional date: empty text is `None`.
pub fn parse_optional_date(text: &str) -> Result<Option<crate::model::PartialDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::model::PartialDate::parse(text)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Formats an optional number for a field.
pub fn number_text(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

/// "Taliban, Afghan forces" → ["Taliban", "Afghan forces"].
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_thousands_separators_and_refuse_words() {
        assert_eq!(parse_number("2,500"), Ok(2500.0));
        assert_eq!(parse_optional_number("  "), Ok(None));
        assert!(parse_number("many").unwrap_err().contains("not a number"));
        assert!(parse_number("inf").is_err());
    }
}
