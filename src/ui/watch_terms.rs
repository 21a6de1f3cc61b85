//! The watch terms section of the left panel: the words the analyst
//! watches for, how many articles hold each, a field to add one and a
//! button to stop watching one. A leaf: it asks for [`Edit`]s.

use super::state::{Out, UiState};
use crate::model::{Edit, Notebook, WatchId, WatchTerm};
use egui::Ui;

/// The draft key of the term being typed.
const NEW_TERM_DRAFT: &str = "sitrep-new-watch-term";

/// Draws the section; `articles_per_term` counts the articles holding each term.
pub fn show(
    ui: &mut Ui,
    notebook: &Notebook,
    articles_per_term: &[usize],
    view: &mut UiState,
    out: &mut Out,
) {
    egui::CollapsingHeader::new(format!("Watch terms ({})", notebook.watch.len()))
        .id_salt("sitrep-watch-terms")
        .default_open(!notebook.watch.is_empty())
        .show(ui, |ui| {
            let draft = view.drafts.entry(NEW_TERM_DRAFT.to_owned()).or_default();
            let mut add = false;
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(draft)
                        .hint_text("A place, an actor or words")
                        .desired_width(160.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Watch for")
                });
                add |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                add |= ui
                    .add_enabled(!draft.trim().is_empty(), egui::Button::new("Watch"))
                    .on_hover_text(
                        "Mark and count the articles that hold it; a place or actor is found by all its names",
                    )
                    .clicked();
            });
            let term = draft.trim().to_owned();
            let known = notebook
                .watch
                .iter()
                .any(|w| w.term.trim().eq_ignore_ascii_case(&term));
            if add && !term.is_empty() && !known {
                out.edits.push((
                    Edit::PutWatch(WatchTerm {
                        id: WatchId::from_uuid(uuid::Uuid::now_v7()),
                        term,
                    }),
                    None,
                ));
                draft.clear();
            }
            // Terms with a count line up with the matcher's (blank terms are skipped there).
            let mut counted = articles_per_term.iter();
            for watched in &notebook.watch {
                let articles = if watched.term.trim().is_empty() {
                    0
                } else {
                    counted.next().copied().unwrap_or(0)
                };
                ui.horizontal(|ui| {
                    ui.label(&watched.term);
                    ui.weak(match articles {
                        1 => "1 article".to_owned(),
                        n => format!("{n} articles"),
                    });
                    if ui
                        .small_button("Stop")
                        .on_hover_text(format!("Stop watching for {}", watched.term))
                        .clicked()
                    {
                        out.edits.push((Edit::DeleteWatch(watched.id), None));
                    }
                });
            }
        });
}
