//! The open notebook with its file path and its undo history.
//!
//! Every change goes through [`Document::apply`], which applies an
//! [`Edit`] and keeps its inverse. Each notebook state in the history has a
//! number, so "unsaved changes" is simply "the current state is not the one
//! last saved" — undoing back to the saved state clears the `*`.

use crate::model::{Edit, EditError, Notebook};
use std::path::PathBuf;
use std::sync::Arc;

/// A step that can be undone or redone.
#[derive(Debug)]
struct Step {
    /// Applying this moves to the other end of the step.
    edit: Edit,
    /// "add event", for the Edit menu.
    label: String,
    /// The state this step leads to.
    target: u64,
    /// Edits with the same key in a row (typing in one field) merge into one step.
    coalesce: Option<String>,
}

/// The notebook being worked on.
#[derive(Debug)]
pub struct Document {
    /// The notebook. Read freely; change only through [`Document::apply`].
    /// Shared so that workers (the timeline's layout) read it without a
    /// copy; an edit while one still reads it copies it first.
    notebook: Arc<Notebook>,
    /// Where it is saved, if it ever was.
    pub path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    /// Set when a coalescing run must not continue (focus moved, undo…).
    sealed: bool,
    /// Why saving over its file is refused (a newer format, unknown
    /// fields); `None` when it may be saved.
    pub read_only: Option<String>,
}

impl Document {
    /// A document for a notebook, with nothing unsaved; `path` is where it was loaded from.
    pub fn new(notebook: Notebook, path: Option<PathBuf>) -> Self {
        // Nothing is unsaved yet, whether or not there is a file behind it.
        let saved_state = Some(0);
        Self {
            notebook: Arc::new(notebook),
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state,
            sealed: true,
            read_only: None,
        }
    }

    /// The notebook as it stands.
    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// The notebook as it stands, for a worker to read on another thread.
    pub fn shared(&self) -> &Arc<Notebook> {
        &self.notebook
    }

    /// Counts the notebook as not saved to `path` (work restored after a crash).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// Whether there are changes the file does not have.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// A number for the current state: saves record it to know what they saved.
    pub fn state(&self) -> u64 {
        self.state
    }

    /// Records that the state numbered `state` is now on disk at `path`.
    pub fn mark_saved(&mut self, state: u64, path: PathBuf, modified: jiff::Timestamp) {
        self.saved_state = Some(state);
        self.path = Some(path);
        // The save time is bookkeeping, not an edit: it is not undoable and
        // does not make the notebook dirty.
        Arc::make_mut(&mut self.notebook).meta.modified = modified;
    }

    /// Applies an edit as a new undoable step. With a `coalesce` key equal to
    /// the previous step's (and no seal in between), the two merge into one
    /// step, so typing a word in a field is one undo, not one per letter.
    pub fn apply(&mut self, edit: Edit, coalesce: Option<String>) -> Result<(), EditError> {
        let label = edit.describe(&self.notebook);
        let inverse = edit.apply(Arc::make_mut(&mut self.notebook))?;
        let new_state = self.fresh_state();
        let merges = !self.sealed
            && coalesce.is_some()
            && self
                .undo
                .last()
                .is_some_and(|step| step.coalesce == coalesce);
        // A merged edit keeps the older inverse: undo goes back to before the whole run.
        if !merges {
            self.undo.push(Step {
                edit: inverse,
                label,
                target: self.state,
                coalesce: coalesce.clone(),
            });
        }
        self.redo.clear();
        self.state = new_state;
        self.sealed = coalesce.is_none();
        Ok(())
    }

    /// Ends any typing run, so the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    fn fresh_state(&mut self) -> u64 {
        let state = self.next_state;
        self.next_state += 1;
        state
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        self.move_along(step, true)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        self.move_along(step, false)
    }

    fn move_along(&mut self, step: Step, undoing: bool) -> Option<String> {
        match step.edit.apply(Arc::make_mut(&mut self.notebook)) {
            Ok(reverse) => {
                let back = Step {
                    edit: reverse,
                    label: step.label.clone(),
                    target: self.state,
                    coalesce: None,
                };
                if undoing {
                    self.redo.push(back)
                } else {
                    self.undo.push(back)
                }
                self.state = step.target;
                self.sealed = true;
                Some(step.label)
            }
            // An inverse always applies to the state it was made from; if it
            // ever does not, drop the step rather than corrupt the history.
            Err(error) => {
                log::error!("history step could not apply: {error}");
                None
            }
        }
    }

    /// What Undo would undo: "add event".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// The file name shown in the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => "unsaved notebook".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn doc() -> Document {
        Document::new(
            Notebook::new("n".into(), "Start", Timestamp::UNIX_EPOCH),
            Some("x.ron".into()),
        )
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut doc = doc();
        for title in ["S", "Si", "Sit"] {
            doc.apply(Edit::SetTitle(title.into()), Some("title".into()))
                .expect("applies");
        }
        assert!(doc.is_dirty());
        assert_eq!(doc.undo(), Some("rename notebook".into()));
        assert_eq!(doc.notebook().meta.title, "Start");
        assert!(
            !doc.is_dirty(),
            "undoing to the saved state clears the dirty mark"
        );
        doc.redo();
        assert_eq!(doc.notebook().meta.title, "Sit");
        assert!(doc.is_dirty());
    }

    #[test]
    fn a_seal_splits_typing_runs_and_a_new_edit_clears_redo() {
        let mut doc = doc();
        doc.apply(Edit::SetTitle("A".into()), Some("title".into()))
            .expect("applies");
        doc.seal();
        doc.apply(Edit::SetTitle("AB".into()), Some("title".into()))
            .expect("applies");
        doc.undo();
        assert_eq!(doc.notebook().meta.title, "A");
        assert!(doc.redo_label().is_some());
        doc.apply(Edit::SetTitle("C".into()), None)
            .expect("applies");
        assert!(doc.redo_label().is_none());
        doc.undo();
        doc.undo();
        assert_eq!(doc.notebook().meta.title, "Start");
        assert_eq!(doc.undo(), None);
    }

    #[test]
    fn a_reader_on_another_thread_keeps_its_notebook_and_alone_it_is_not_copied() {
        let mut doc = doc();
        let before = Arc::as_ptr(doc.shared());
        doc.apply(Edit::SetTitle("Alone".into()), None)
            .expect("applies");
        assert_eq!(Arc::as_ptr(doc.shared()), before, "edited in place");
        let reader = Arc::clone(doc.shared());
        doc.apply(Edit::SetTitle("Shared".into()), None)
            .expect("applies");
        assert_eq!(
            reader.meta.title, "Alone",
            "the reader's notebook holds still"
        );
        assert_eq!(doc.notebook().meta.title, "Shared");
    }
}
