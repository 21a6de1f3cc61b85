//! The workspace: what the app and the command line share above the data
//! model, headless and built without the `app` feature. The open document
//! (notebook, path, undo history, dirty state), when to copy unsaved work
//! for recovery, and the import batch planner live here; the review rules are in [`crate::import`] (accept,
//! date an article) and the export request in [`crate::export::Request`].
//! The app and every CLI subcommand call these same functions.

pub mod autosave;
mod document;
pub mod import_batch;

pub use autosave::AutosaveClock;
pub use document::Document;
