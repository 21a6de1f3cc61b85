//! Recovery copies of unsaved work: written on an interval and when the
//! window loses focus, offered back after a crash, removed once saved.

use super::*;
use crate::workspace::autosave::Decision;

impl App {
    /// Copies unsaved work to the recovery file every `every` seconds and
    /// when the window loses focus; removes the copy once nothing is unsaved.
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let dirty = self.doc.is_dirty();
        let state = self.doc.state();
        let Some(autosave) = self.autosave.as_mut() else {
            return;
        };
        let (now, focused, focus_event) = ctx.input(|i| {
            let lost = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(false)));
            (i.time, i.focused, lost)
        });
        let lost_focus = focus_event || (autosave.focused && !focused);
        autosave.focused = focused;
        match autosave.clock.decide(now, state, dirty, lost_focus) {
            Decision::Idle => return,
            Decision::RemoveCopy => return self.remove_recovery_copy(),
            Decision::WaitFor(seconds) => {
                return ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            Decision::Write => {}
        }
        let file = autosave.file.clone();
        let recovery = store::recovery::Recovery {
            written: jiff::Timestamp::now(),
            source: self.doc.path.clone(),
            notebook: Arc::clone(self.doc.shared()),
        };
        self.spawn("Writing a recovery copy…".into(), move |_| {
            JobDone::Autosaved(store::recovery::write(&file, &recovery).map_err(|e| e.to_string()))
        });
    }

    pub(super) fn remove_recovery_copy(&mut self) {
        let Some(autosave) = self.autosave.as_mut() else {
            return;
        };
        autosave.clock.removed();
        if let Err(error) = store::recovery::remove(&autosave.file) {
            log::warn!("cannot remove {}: {error}", autosave.file.display());
        }
    }

    /// Shows the next left-behind copy, if any, else closes the offer.
    pub(super) fn next_recovery(&mut self) {
        if let Some(Modal::Recover(found)) = self.modal.as_mut() {
            found.remove(0);
            if found.is_empty() {
                self.modal = None;
            }
        }
    }

    /// Takes up the work in a recovery file: the notebook opens with its
    /// unsaved changes, tied to the file it came from, and the copy becomes
    /// this session's own (so it is never lost between two sessions).
    pub(super) fn restore(&mut self, file: &Path) {
        if self.doc.is_dirty() {
            return self.set_status(
                "Save or discard the changes in this notebook first; the copy is kept for the next start",
                true,
            );
        }
        let recovery = match store::recovery::read(file) {
            Ok(recovery) => recovery,
            Err(error) => return self.set_status(format!("Cannot restore: {error}"), true),
        };
        let source = recovery.source.clone();
        self.replace_doc(Document::new(
            Arc::unwrap_or_clone(recovery.notebook),
            source.clone(),
        ));
        self.doc.mark_unsaved();
        self.panels_for_another_document();
        self.view.reader.article = self.doc.notebook().articles.first().map(|a| a.id);
        if let Some(autosave) = self.autosave.as_mut() {
            match std::fs::rename(file, &autosave.file) {
                Ok(()) => autosave.clock.copied(Some(self.doc.state())),
                Err(error) => log::warn!("cannot take over {}: {error}", file.display()),
            }
        }
        let from = source.map_or_else(|| "a new notebook".to_owned(), |p| p.display().to_string());
        self.set_status(
            format!("Restored unsaved work on {from}: save it to keep it"),
            false,
        );
    }
}
