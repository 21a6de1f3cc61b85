//! File dialogs behind a small trait, so the app runs them off the UI
//! thread and tests script the answers instead of opening real ones.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Asks the user for a file. Calls block; the app makes them on a worker thread.
pub trait FileDialogs: Send + Sync {
    /// A notebook to open; `None` when cancelled or when there is no dialog.
    fn pick_open(&self) -> Option<PathBuf>;
    /// Where to save; `suggested` is the file name to offer.
    fn pick_save(&self, suggested: &str) -> Option<PathBuf>;
    /// Articles to import: several files, or (with `folder`) one folder.
    fn pick_import(&self, folder: bool) -> Vec<PathBuf>;
}

/// What a typed path is for, when no file dialog can ask for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// A notebook to open.
    Open,
    /// Where to save the notebook.
    Save,
    /// An article, or a folder of them, to import.
    Import,
    /// Where to write an export.
    Export(crate::export::Format),
}

impl PathPurpose {
    /// The dialog's heading.
    pub fn heading(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open notebook",
            PathPurpose::Save => "Save notebook as",
            PathPurpose::Import => "Import articles",
            PathPurpose::Export(format) => match format {
                crate::export::Format::Csv => "Export CSV to",
                crate::export::Format::Svg => "Export the chart as SVG to",
                crate::export::Format::Png => "Export the chart as PNG to",
                crate::export::Format::Markdown => "Export the situation report to",
                crate::export::Format::MapSvg => "Export the map as SVG to",
                crate::export::Format::MapPng => "Export the map as PNG to",
            },
        }
    }

    /// The path field's accessible name.
    pub fn field_name(self) -> &'static str {
        match self {
            PathPurpose::Open | PathPurpose::Save => "Notebook path",
            PathPurpose::Import => "Article path",
            PathPurpose::Export(_) => "Export path",
        }
    }

    /// An example of what to type.
    pub fn hint(self) -> &'static str {
        match self {
            PathPurpose::Open | PathPurpose::Save => "/path/to/notebook.ron",
            PathPurpose::Import => "/path/to/article.html or a folder of articles",
            PathPurpose::Export(format) => match format {
                crate::export::Format::Csv => "/path/to/notebook.csv",
                crate::export::Format::Svg => "/path/to/chart.svg",
                crate::export::Format::Png => "/path/to/chart.png",
                crate::export::Format::Markdown => "/path/to/report.md",
                crate::export::Format::MapSvg => "/path/to/map.svg",
                crate::export::Format::MapPng => "/path/to/map.png",
            },
        }
    }
}

/// The desktop's own dialogs (xdg portal on Linux) through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Sitrep notebook", &["ron"])
            .set_title("Open notebook")
            .pick_file()
    }

    fn pick_save(&self, suggested: &str) -> Option<PathBuf> {
        let (kind, title) = match crate::export::Format::from_path(std::path::Path::new(suggested))
        {
            Some(crate::export::Format::Csv) => ("CSV", "Export CSV"),
            Some(crate::export::Format::Svg) => ("SVG picture", "Export chart"),
            Some(crate::export::Format::Png) => ("PNG picture", "Export chart"),
            Some(crate::export::Format::Markdown) => ("Markdown report", "Export report"),
            Some(crate::export::Format::MapSvg | crate::export::Format::MapPng) => {
                ("Picture", "Export map")
            }
            None => ("Sitrep notebook", "Save notebook"),
        };
        let extension = std::path::Path::new(suggested)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("ron");
        rfd::FileDialog::new()
            .add_filter(kind, &[extension])
            .set_title(title)
            .set_file_name(suggested)
            .save_file()
    }

    fn pick_import(&self, folder: bool) -> Vec<PathBuf> {
        let dialog = rfd::FileDialog::new().set_title("Import articles");
        if folder {
            dialog.pick_folder().into_iter().collect()
        } else {
            dialog
                .add_filter("Articles", crate::import::EXTENSIONS)
                .pick_files()
                .unwrap_or_default()
        }
    }
}

/// Answers from a script, in order: for tests.
#[derive(Clone, Default)]
pub struct ScriptedDialogs {
    answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
}

impl ScriptedDialogs {
    /// Queues the answer to the next dialog.
    pub fn push(&self, answer: Option<PathBuf>) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.push_back(answer);
        }
    }

    fn next(&self) -> Option<PathBuf> {
        self.answers
            .lock()
            .ok()
            .and_then(|mut answers| answers.pop_front())
            .flatten()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        self.next()
    }

    fn pick_save(&self, _suggested: &str) -> Option<PathBuf> {
        self.next()
    }

    fn pick_import(&self, _folder: bool) -> Vec<PathBuf> {
        self.next().into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::PathPurpose;
    use crate::export::Format;

    #[test]
    fn a_typed_path_prompt_names_its_export() {
        let headings: Vec<&str> = Format::ALL
            .iter()
            .map(|&format| PathPurpose::Export(format).heading())
            .collect();
        let mut distinct = headings.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), headings.len(), "{headings:?}");
        assert_eq!(
            PathPurpose::Export(Format::MapPng).heading(),
            "Export the map as PNG to"
        );
    }
}
