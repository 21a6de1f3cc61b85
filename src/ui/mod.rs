//! The eframe app: the window, its panels, and the background jobs that keep
//! file dialogs, loads and saves off the UI thread.
//!
//! Invariants: the notebook changes only by applying [`crate::model::Edit`]s
//! through the document (so every change can be undone); panels do not
//! change anything directly but report edits and commands in an
//! [`state::Out`] that the app carries out after the UI pass; every input
//! has an accessible name, so tests and screen readers can find it.

mod app;
pub(crate) mod articles;
mod commands;
mod dialogs;
mod fields;
mod inspector;
mod layout;
mod lists;
mod map_view;
mod palette;
mod place_pick;
mod plot_common;
mod plot_view;
pub(crate) mod reader;
mod review;
mod runner;
mod state;
mod tagging;
mod timeline_view;
mod views_menu;
mod watch_terms;

pub use crate::workspace::Document;
pub use app::{APP_ID, App, AppOptions, Modal, Pending, SAMPLE_NOTEBOOK, Status};
pub use commands::{Binding, Command, When, key_table};
pub use dialogs::{FileDialogs, NativeDialogs, PathPurpose, ScriptedDialogs};
#[doc(hidden)]
pub use map_view::MapAlone;
pub use state::{PanelRects, Selection};

/// Opens the app's window on `open` (else the last notebook or the sample)
/// and runs it until it closes.
pub fn run_window(open: Option<std::path::PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sitrep")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let app_options = AppOptions {
                open,
                ..Default::default()
            };
            Ok(Box::new(App::new(cc, app_options)))
        }),
    )
    .map_err(|error| error.to_string())
}
