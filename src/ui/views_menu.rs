//! The saved views menu beside the timeline's heading: the notebook's
//! named sets of filters, applied in one click; the filters in force saved
//! as a new view, or into one already there. A leaf: it reads the notebook
//! and the UI state and asks for [`Command`]s.

use super::Command;
use super::state::{Out, UiState};
use crate::model::{Notebook, SavedView};
use egui::Ui;

/// The draft key of the name typed for a new view.
const NEW_VIEW_DRAFT: &str = "sitrep-new-view-name";

/// The view the timeline's filters now equal, if one does.
pub fn current<'n>(notebook: &'n Notebook, view: &UiState) -> Option<&'n SavedView> {
    notebook.views.iter().find(|v| view.scope().matches_view(v))
}

/// Draws the menu button and, open, the views.
pub fn show(ui: &mut Ui, notebook: &Notebook, view: &mut UiState, out: &mut Out) {
    let in_force = current(notebook, view);
    let current_id = in_force.map(|v| v.id);
    let label = match in_force {
        Some(saved) => format!("View: {}", saved.name),
        None if notebook.views.is_empty() => "Views".to_owned(),
        None => format!("Views ({})", notebook.views.len()),
    };
    // A click in the name field must not close the menu (then the typed
    // name would go to the single-key shortcuts): each button closes it.
    super::fields::sticky_menu(ui, label, |ui| {
        let mut views: Vec<&SavedView> = notebook.views.iter().collect();
        views.sort_by_key(|v| v.name.to_lowercase());
        for saved in views {
            ui.horizontal(|ui| {
                let applied = current_id == Some(saved.id);
                if ui
                    .selectable_label(applied, &saved.name)
                    .on_hover_text(describe(notebook, saved))
                    .clicked()
                {
                    out.commands.push(Command::ApplyView(saved.id));
                    ui.close();
                }
                if !applied
                    && ui
                        .small_button("Update")
                        .on_hover_text("Keep the filters in force under this name instead")
                        .clicked()
                {
                    out.commands.push(Command::UpdateView(saved.id));
                }
                if ui
                    .small_button("Delete")
                    .on_hover_text("Delete this view (Ctrl+Z brings it back)")
                    .clicked()
                {
                    out.commands.push(Command::DeleteView(saved.id));
                }
            });
        }
        if !notebook.views.is_empty() {
            ui.separator();
        }
        let name = view.drafts.entry(NEW_VIEW_DRAFT.to_owned()).or_default();
        let field = ui.add(
            egui::TextEdit::singleline(name)
                .hint_text("Name for these filters")
                .desired_width(220.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Name for these filters")
        });
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = !name.trim().is_empty();
        let save = ui
            .add_enabled(typed, egui::Button::new("Save as a view"))
            .on_hover_text("Keep the filters in force (dates, categories, tags, place, series, as known on) in the notebook");
        if typed && (save.clicked() || entered) {
            out.commands
                .push(Command::SaveView(name.trim().to_owned()));
            name.clear();
            ui.close();
        }
        ui.separator();
        if ui
            .button(Command::ClearFilters.label())
            .on_hover_text(Command::ClearFilters.tooltip())
            .clicked()
        {
            out.commands.push(Command::ClearFilters);
            ui.close();
        }
    })
    .on_hover_text("Saved sets of filters: apply one, or save the filters in force");
}

/// What a view keeps, in a line: its tooltip.
pub fn describe(notebook: &Notebook, saved: &SavedView) -> String {
    let mut parts = Vec::new();
    if let Some(window) = saved.window {
        parts.push(format!("{} – {}", window.from, window.to));
    }
    if let Some(region) = &saved.region {
        parts.push(format!("at {}", region.name));
    }
    if !saved.tags.is_empty() {
        parts.push(format!("tagged {}", saved.tags.join(", ")));
    }
    if !saved.hidden_categories.is_empty() {
        let names: Vec<&str> = saved.hidden_categories.iter().map(|c| c.label()).collect();
        parts.push(format!("without {}", names.join(", ")));
    }
    if !saved.hidden_series.is_empty() {
        parts.push(format!("{} series hidden", saved.hidden_series.len()));
    }
    if let Some(day) = saved.known_on {
        parts.push(format!("as known on {day}"));
    }
    if saved.as_share {
        parts.push("shares of the whole".into());
    }
    let mut text = if parts.is_empty() {
        "Everything".to_owned()
    } else {
        parts.join(" · ")
    };
    for problem in crate::timeline::views::view_problems(notebook, saved) {
        text.push_str("\nNote: ");
        text.push_str(&problem);
    }
    text
}
