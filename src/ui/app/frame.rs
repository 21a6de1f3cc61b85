//! The frame around the panels: shortcuts, the menu bar, the status bar,
//! and what is done after the UI pass with what the panels asked for.

use super::*;

impl App {
    // ---- the frame ----

    pub(super) fn collect_shortcuts(&mut self, ctx: &Context) {
        // Any text widget with the keyboard, the reader included, owns bare
        // keys (arrows move its cursor); only editable fields own Ctrl+Z.
        let text_focused = ctx.egui_wants_keyboard_input();
        let focused = ctx.memory(|m| m.focused());
        // A field of the notebook (inspector, article editor) changes it
        // with every key, one undo step per typing run: there Ctrl+Z is the
        // notebook's undo, which also takes back a new article whole. Other
        // fields (filters, names, dialogs) keep their own.
        let typing = text_focused
            && focused != self.view.reader.text_id
            && !focused.is_some_and(|id| self.is_notebook_field(ctx, id));
        let modal_open = self.modal.is_some() || self.palette.is_some();
        let on_map = self.map.hovered;
        let proposal_selected = matches!(self.view.selection, Some(Selection::Proposal(_)));
        ctx.input_mut(|input| {
            for (binding, command) in Command::bindings() {
                let owned_by_text = (text_focused && binding.is_bare())
                    || (typing && matches!(command, Command::Undo | Command::Redo));
                if owned_by_text || (modal_open && binding.is_bare()) {
                    continue;
                }
                let holds = match binding.when {
                    When::Always => true,
                    When::OnMap => on_map,
                    When::OffMap => !on_map,
                    When::ProposalSelected => proposal_selected,
                };
                if holds && input.consume_shortcut(&binding.shortcut) {
                    self.commands.push(command);
                }
            }
        });
    }

    /// Whether the widget `id` is a field of the inspector or the reader:
    /// in a panel (not a menu or dialog), inside either's rectangle.
    fn is_notebook_field(&self, ctx: &Context, id: egui::Id) -> bool {
        if self.modal.is_some() || self.palette.is_some() {
            return false;
        }
        let Some(response) = ctx.read_response(id) else {
            return false;
        };
        let panels = self.view.panels;
        response.layer_id.order == egui::Order::Background
            && [panels.inspector, panels.reader]
                .into_iter()
                .flatten()
                .any(|panel| panel.contains_rect(response.rect))
    }

    pub(super) fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::UnsavedChanges {
                then: Pending::Quit,
            });
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::NewNotebook, true);
                self.menu_item(ui, Command::Open, true);
                ui.menu_button("Open Recent", |ui| {
                    if self.recent.is_empty() {
                        ui.label("No recent notebooks");
                    }
                    for path in self.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(Command::OpenPath(path));
                        }
                    }
                });
                self.menu_item(ui, Command::TypePath, true);
                ui.separator();
                let idle = self.import.is_none();
                self.menu_item(ui, Command::ImportFiles, idle);
                self.menu_item(ui, Command::ImportFolder, idle);
                ui.menu_button("Export", |ui| {
                    for format in crate::export::Format::ALL {
                        self.menu_item(ui, Command::Export(format), true);
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Save, true);
                self.menu_item(ui, Command::SaveAs, true);
                ui.separator();
                self.menu_item(ui, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.undo_label().map(|l| format!("Undo {l}"));
                let redo = self.doc.redo_label().map(|l| format!("Redo {l}"));
                self.labelled_item(
                    ui,
                    Command::Undo,
                    undo.as_deref().unwrap_or("Undo"),
                    undo.is_some(),
                );
                self.labelled_item(
                    ui,
                    Command::Redo,
                    redo.as_deref().unwrap_or("Redo"),
                    redo.is_some(),
                );
                ui.separator();
                self.menu_item(ui, Command::NewArticle, true);
                let has_selection = self.view.reader.selection.is_some();
                self.menu_item(ui, Command::EventFromSelection, has_selection);
                self.menu_item(ui, Command::FigureFromSelection, has_selection);
                ui.separator();
                self.menu_item(ui, Command::DeleteSelected, self.view.selection.is_some());
            });
            ui.menu_button("View", |ui| {
                let hidden = self.view.hidden;
                for (command, shown) in [
                    (Command::ToggleLists, !hidden.lists),
                    (Command::ToggleInspector, !hidden.inspector),
                    (Command::ToggleReader, !hidden.reader),
                    (Command::ToggleMap, !hidden.map),
                ] {
                    let mut button = egui::Button::selectable(shown, command.label());
                    if let Some(shortcut) = command.shortcut() {
                        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
                    }
                    if ui.add(button).on_hover_text(command.tooltip()).clicked() {
                        self.commands.push(command);
                        ui.close();
                    }
                }
                self.menu_item(ui, Command::FoldReader, !hidden.reader);
                self.menu_item(ui, Command::ResetLayout, true);
                ui.separator();
                self.menu_item(ui, Command::FitTimeline, true);
                self.menu_item(ui, Command::ZoomIn, true);
                self.menu_item(ui, Command::ZoomOut, true);
                self.menu_item(ui, Command::PanLeft, true);
                self.menu_item(ui, Command::PanRight, true);
                self.menu_item(ui, Command::JumpToStart, true);
                self.menu_item(ui, Command::JumpToEnd, true);
                ui.separator();
                let map_shown = !hidden.map;
                for command in [
                    Command::FitMap,
                    Command::MapZoomIn,
                    Command::MapZoomOut,
                    Command::MapPanLeft,
                    Command::MapPanRight,
                ] {
                    self.menu_item(ui, command, map_shown);
                }
                ui.separator();
                self.menu_item(ui, Command::WindowFromView, true);
                let windowed = self.view.scope().window.is_some();
                self.menu_item(ui, Command::ClearWindow, windowed);
                ui.separator();
                self.menu_item(ui, Command::OpenPalette, true);
            });
        });
    }

    pub(super) fn menu_item(&mut self, ui: &mut Ui, command: Command, enabled: bool) {
        self.labelled_item(ui, command.clone(), command.label(), enabled);
    }

    pub(super) fn labelled_item(
        &mut self,
        ui: &mut Ui,
        command: Command,
        label: &str,
        enabled: bool,
    ) {
        let mut button = egui::Button::new(label);
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let response = ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip());
        if response.clicked() {
            self.commands.push(command);
            ui.close();
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(import) = &self.import {
                let fraction = if import.total == 0 {
                    0.0
                } else {
                    import.done as f32 / import.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(220.0)
                        .text(format!(
                            "Importing {} of {}",
                            (import.done + 1).min(import.total.max(1)),
                            import.total.max(1)
                        )),
                );
                if ui.button("Cancel import").clicked() {
                    self.commands.push(Command::CancelImport);
                }
            } else if let Some((job, label)) = self.jobs.running().last() {
                ui.spinner();
                ui.label(label);
                if let Some((_, progress)) = self.store_progress.filter(|(id, _)| id == job) {
                    store_progress_bar(ui, progress);
                }
                if self.opening.as_ref().is_some_and(|(id, _)| id == job)
                    && ui.button("Cancel").clicked()
                {
                    self.commands.push(Command::CancelOpen);
                }
            } else if !self.status.text.is_empty() {
                let color = if self.status.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(color, &self.status.text);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let notebook = self.doc.notebook();
                use crate::model::counted;
                ui.weak(format!(
                    "{} · {} · {} · {}",
                    self.doc.display_name(),
                    counted(notebook.articles.len(), "article", "articles"),
                    counted(notebook.events.len(), "event", "events"),
                    counted(notebook.observation_count(), "figure", "figures")
                ));
            });
        });
    }

    pub(super) fn after_frame(&mut self, out: Out) {
        let acted = !out.edits.is_empty()
            || out.seal
            || out.select.is_some()
            || out.after_modal.is_some()
            || !out.commands.is_empty()
            || !self.commands.is_empty();
        if acted {
            // What changed after this frame's UI pass shows in the next one.
            self.ctx.request_repaint();
        }
        for (edit, coalesce) in out.edits {
            // A change made at once (not a typing run) says what it did.
            let said = coalesce
                .is_none()
                .then(|| describe_change(&edit, self.doc.notebook()));
            let before = self.doc.state();
            self.apply(edit, coalesce);
            if let Some(said) = said.filter(|_| self.doc.state() != before) {
                self.set_status(said, false);
            }
        }
        if out.seal {
            self.doc.seal();
        }
        if let Some(selection) = out.select {
            self.view.select(selection);
        }
        match out.after_modal {
            Some(AfterModal::SaveThen(then)) => match self.doc.path.clone() {
                Some(path) if self.doc.read_only.is_none() => self.start_save(path, Some(then)),
                _ => self.start_pick(true, Some(then)),
            },
            Some(AfterModal::Proceed(then)) => self.proceed(then),
            Some(AfterModal::TypedPath { purpose, path }) => match purpose {
                PathPurpose::Save => self.start_save(with_ron_extension(path), None),
                PathPurpose::Open => self.guard(Pending::OpenPath(path)),
                PathPurpose::Import => self.start_import(vec![path]),
                PathPurpose::Export(format) => self.start_export(path, format),
            },
            Some(AfterModal::Restore(file)) => {
                self.next_recovery();
                self.restore(&file);
            }
            Some(AfterModal::DiscardRecovery(file)) => {
                self.next_recovery();
                match store::recovery::remove(&file) {
                    Ok(()) => self.set_status("Discarded the recovery copy", false),
                    Err(error) => {
                        self.set_status(format!("Cannot remove {}: {error}", file.display()), true)
                    }
                }
            }
            Some(AfterModal::KeepRecovery) => {
                self.modal = None;
                self.set_status("The recovery copy is kept for the next start", false);
            }
            None => {}
        }
        self.commands.extend(out.commands);
        for command in std::mem::take(&mut self.commands) {
            self.execute(command);
        }
        self.view.forget_missing(self.doc.notebook());
    }

    pub(super) fn update_title(&mut self, ctx: &Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// What an edit does, for the status line: "Added event “Kabul falls” ·
/// Ctrl+Z undoes it".
fn describe_change(edit: &Edit, before: &crate::model::Notebook) -> String {
    let last = match edit {
        Edit::Batch(parts) => parts.last().unwrap_or(edit),
        single => single,
    };
    let what = edit.describe(before);
    let named = match last {
        Edit::PutEvent(event) => format!("{what} “{}”", event.title.trim()),
        Edit::PutArticle(article) if !article.title.trim().is_empty() => {
            format!("{what} “{}”", article.title.trim())
        }
        Edit::PutObservation { series, .. } => {
            let name = match before.series(*series) {
                Some(series) => series.name.clone(),
                None => match edit {
                    Edit::Batch(parts) => parts
                        .iter()
                        .find_map(|part| match part {
                            Edit::PutSeries(new) if new.id == *series => Some(new.name.clone()),
                            _ => None,
                        })
                        .unwrap_or_default(),
                    _ => String::new(),
                },
            };
            format!("{what} on “{name}”")
        }
        Edit::PutPlace(place) => format!("{what} “{}”", place.name),
        Edit::PutActor(actor) => format!("{what} “{}”", actor.name),
        _ => what,
    };
    let mut said = String::new();
    let mut chars = named.chars();
    if let Some(first) = chars.next() {
        said.extend(first.to_uppercase());
        said.push_str(chars.as_str());
    }
    format!("{said} · Ctrl+Z undoes it")
}

/// "Reading 120 of 300 MB" with a bar; stages without a measure get a label only.
fn store_progress_bar(ui: &mut Ui, progress: store::Progress) {
    let megabytes = |bytes: u64| bytes as f64 / 1e6;
    if progress.total == 0 {
        ui.weak(format!("{}…", progress.stage.label()));
        return;
    }
    ui.add(
        egui::ProgressBar::new(progress.done as f32 / progress.total as f32)
            .desired_width(220.0)
            .text(format!(
                "{} {:.0} of {:.0} MB",
                progress.stage.label(),
                megabytes(progress.done),
                megabytes(progress.total)
            )),
    );
}
