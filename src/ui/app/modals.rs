//! The dialogs over the window: unsaved changes, recovery, typed paths,
//! the forms that create things, merge conflicts.

use super::*;

impl App {
    pub(super) fn modals(&mut self, ctx: &Context, out: &mut Out) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let mut close = false;
        match modal {
            Modal::Recover(found) => {
                let Some(first) = found.first() else {
                    self.modal = None;
                    return;
                };
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-recover")).show(ctx, |ui| {
                        ui.heading("Unsaved work from an earlier session");
                        match &first.recovery {
                            Ok(recovery) => {
                                let from = recovery.source.as_ref().map_or_else(
                                    || "a notebook never saved".to_owned(),
                                    |p| p.display().to_string(),
                                );
                                ui.label(format!(
                                    "Sitrep stopped without saving “{}”, from {from}.",
                                    recovery.notebook.meta.title
                                ));
                                ui.label(format!(
                                    "The copy was written {} UTC and holds {}.",
                                    recovery.written.strftime("%Y-%m-%d %H:%M:%S"),
                                    store::summary(&recovery.notebook).trim_start_matches("ok: ")
                                ));
                            }
                            Err(error) => {
                                ui.label(format!("A recovery copy cannot be read: {error}"));
                            }
                        }
                        ui.horizontal(|ui| {
                            if first.recovery.is_ok() && ui.button("Restore").clicked() {
                                out.after_modal = Some(AfterModal::Restore(first.file.clone()));
                            }
                            if ui.button("Discard").clicked() {
                                out.after_modal =
                                    Some(AfterModal::DiscardRecovery(first.file.clone()));
                            }
                            if ui.button("Decide later").clicked() {
                                out.after_modal = Some(AfterModal::KeepRecovery);
                            }
                        });
                    });
                // Escape or a click outside keeps the copy for next time.
                if response.should_close() && out.after_modal.is_none() {
                    out.after_modal = Some(AfterModal::KeepRecovery);
                }
            }
            Modal::UnsavedChanges { then } => {
                let name = self.doc.display_name();
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-unsaved")).show(ctx, |ui| {
                        ui.heading("Unsaved changes");
                        ui.label(format!("Save the changes to {name} first?"));
                        ui.horizontal(|ui| {
                            if ui.button("Save").clicked() {
                                out.after_modal = Some(AfterModal::SaveThen(then.clone()));
                            }
                            if ui.button("Discard").clicked() {
                                out.after_modal = Some(AfterModal::Proceed(then.clone()));
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
                close |= response.should_close() || out.after_modal.is_some();
            }
            Modal::TypedPath {
                purpose,
                text,
                reason,
            } => {
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-typed-path")).show(ctx, |ui| {
                        ui.heading(purpose.heading());
                        if !reason.is_empty() {
                            ui.label(reason.as_str());
                        }
                        if matches!(purpose, PathPurpose::Open | PathPurpose::Save) {
                            ui.horizontal(|ui| {
                                ui.selectable_value(purpose, PathPurpose::Open, "Open");
                                ui.selectable_value(purpose, PathPurpose::Save, "Save");
                            });
                        }
                        let field = ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text(purpose.hint())
                                .desired_width(360.0),
                        );
                        let name = purpose.field_name();
                        field.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, name)
                        });
                        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        ui.horizontal(|ui| {
                            let go = ui
                                .add_enabled(!text.trim().is_empty(), egui::Button::new("OK"))
                                .clicked();
                            if (go || entered) && !text.trim().is_empty() {
                                out.after_modal = Some(AfterModal::TypedPath {
                                    purpose: *purpose,
                                    path: PathBuf::from(text.trim()),
                                });
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
                close |= response.should_close() || out.after_modal.is_some();
            }
            Modal::NameView { text } => {
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-name-view")).show(ctx, |ui| {
                        ui.heading("Save the filters in force as a view");
                        let field = ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text("Name for these filters")
                                .desired_width(300.0),
                        );
                        field.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                "Name for these filters",
                            )
                        });
                        if !field.has_focus() && !field.lost_focus() && text.is_empty() {
                            field.request_focus();
                        }
                        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        ui.horizontal(|ui| {
                            let typed = !text.trim().is_empty();
                            let save = ui
                                .add_enabled(typed, egui::Button::new("Save as a view"))
                                .clicked();
                            if typed && (save || entered) {
                                out.commands.push(Command::SaveView(text.trim().to_owned()));
                                close = true;
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
                close |= response.should_close();
            }
            Modal::NewEvent(draft) => {
                let notebook = self.doc.notebook();
                close = form_modal(ctx, "sitrep-new-event", out, |ui| {
                    tagging::event_form(ui, notebook, draft)
                });
            }
            Modal::NewFigure(draft) => {
                let notebook = self.doc.notebook();
                close = form_modal(ctx, "sitrep-new-figure", out, |ui| {
                    tagging::figure_form(ui, notebook, draft)
                });
            }
        }
        if close {
            self.modal = None;
        }
    }
}

/// Shows a create-something dialog; returns whether it closed. What it
/// creates goes into `out` as one edit.
fn form_modal(
    ctx: &Context,
    id: &'static str,
    out: &mut Out,
    form: impl FnOnce(&mut Ui) -> tagging::FormResult,
) -> bool {
    let response = egui::Modal::new(egui::Id::unique(id)).show(ctx, form);
    match response.inner {
        tagging::FormResult::Done(edit) => {
            out.edits.push((*edit, None));
            true
        }
        tagging::FormResult::Cancel => true,
        tagging::FormResult::Open => response.should_close(),
    }
}
