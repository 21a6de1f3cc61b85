//! Carrying out the saved view commands: apply one, keep the filters in
//! force as one, update, delete, and show everything again.

use super::*;
use crate::model::{SavedView, ViewId};
use crate::timeline::Filter;

impl App {
    /// Applies a saved view's filters; says what it names that is gone.
    pub(super) fn apply_view(&mut self, id: ViewId) {
        let Some(saved) = self.doc.notebook().view(id).cloned() else {
            self.set_status("That view is no longer in the notebook", true);
            return;
        };
        self.view
            .scope_mut()
            .change(crate::timeline::ScopeChange::Replace(Box::new(
                Filter::from_view(&saved),
            )));
        if let Some((first, last)) = self.view.scope().window {
            // The window fills most of the timeline, with a margin each side.
            let (start, end) = (
                crate::timeline::day_x(first),
                crate::timeline::day_x(last) + 1.0,
            );
            let margin = ((end - start) * 0.1).max(1.0);
            self.timeline.requested = Some((start - margin, end + margin));
        }
        let problems = crate::timeline::views::view_problems(self.doc.notebook(), &saved);
        if problems.is_empty() {
            self.set_status(format!("View: {}", saved.name), false);
        } else {
            self.set_status(
                format!("View: {} ({})", saved.name, problems.join("; ")),
                true,
            );
        }
    }

    /// Keeps the filters in force as a view named `name`; a view already
    /// so named (without case) is updated in place, keeping its id.
    pub(super) fn save_view(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let existing = self.doc.notebook().view_named(name).map(|v| v.id);
        let id = existing.unwrap_or_else(|| ViewId::from_uuid(uuid::Uuid::now_v7()));
        let saved = self.view.scope().to_view(id, name);
        self.put_view(saved, existing.is_some());
    }

    /// Keeps the filters in force under a saved view's name instead of its own.
    pub(super) fn update_view(&mut self, id: ViewId) {
        let Some(name) = self.doc.notebook().view(id).map(|v| v.name.clone()) else {
            return;
        };
        let saved = self.view.scope().to_view(id, &name);
        self.put_view(saved, true);
    }

    fn put_view(&mut self, saved: SavedView, replacing: bool) {
        let name = saved.name.clone();
        match self.doc.apply(Edit::PutView(saved), None) {
            Ok(()) if replacing => self.set_status(
                format!("Updated the view {name} (Ctrl+Z brings back the old one)"),
                false,
            ),
            Ok(()) => self.set_status(format!("Saved the view {name}"), false),
            Err(error) => self.set_status(format!("Could not save the view: {error}"), true),
        }
    }

    /// Deletes a saved view.
    pub(super) fn delete_view(&mut self, id: ViewId) {
        let Some(name) = self.doc.notebook().view(id).map(|v| v.name.clone()) else {
            return;
        };
        match self.doc.apply(Edit::DeleteView(id), None) {
            Ok(()) => self.set_status(
                format!("Deleted the view {name} (Ctrl+Z brings it back)"),
                false,
            ),
            Err(error) => self.set_status(format!("Could not delete the view: {error}"), true),
        }
    }
}
