//! [`Command`]: everything the user can ask for from a menu, a shortcut or a
//! button, with its text and its keys in one place.

use super::dialogs::PathPurpose;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Defines [`Command`] from its variants, so that the list of commands that
/// need nothing more than themselves ([`Command::UNIT`]) and every
/// command's tooltip (its doc comment) come from the one declaration.
macro_rules! commands {
    (
        $( $(#[doc = $unit_doc:literal])+ $unit:ident, )*
        ;
        $( $(#[doc = $data_doc:literal])+ $data:ident ( $($field:ty),+ ), )*
    ) => {
        /// A user action. Menus, shortcuts, buttons and the command palette
        /// all produce these; the app carries them out after the frame's UI pass.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Command {
            $( $(#[doc = $unit_doc])+ $unit, )*
            $( $(#[doc = $data_doc])+ $data($($field),+), )*
        }

        impl Command {
            /// Every command that needs nothing more than itself, in
            /// declaration order: what the palette lists and shortcuts run.
            pub const UNIT: &'static [Command] = &[$(Command::$unit),*];

            /// What the command does, in a sentence: its tooltip.
            pub fn tooltip(&self) -> &'static str {
                match self {
                    $( Command::$unit => concat!($($unit_doc),+), )*
                    $( Command::$data(..) => concat!($($data_doc),+), )*
                }
                .trim()
            }
        }
    };
}

commands! {
    /// Start an empty notebook.
    NewNotebook,
    /// Pick a notebook file to open.
    Open,
    /// Save to the current file (asks for one if there is none).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Type a path to open or save, for machines without a file dialog.
    TypePath,
    /// Leave the app (asks about unsaved changes).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Add an article and open it for writing.
    NewArticle,
    /// Turn the reader's selection into an event.
    EventFromSelection,
    /// Turn the reader's selection into a figure on a series.
    FigureFromSelection,
    /// Delete the selected article, event, figure or series.
    DeleteSelected,
    /// Import article files.
    ImportFiles,
    /// Import every article file in a folder.
    ImportFolder,
    /// Stop the import under way.
    CancelImport,
    /// Stop opening a notebook; the one showing stays.
    CancelOpen,
    /// Find events and figures in the open article.
    ProposeForArticle,
    /// Add a place to the notebook's gazetteer (named after the reader's selection, if any).
    AddPlace,
    /// Add an actor to the notebook's list (named after the reader's selection, if any).
    AddActor,
    /// Show the whole timeline.
    FitTimeline,
    /// Zoom the timeline in.
    ZoomIn,
    /// Zoom the timeline out.
    ZoomOut,
    /// Pan the timeline towards the past.
    PanLeft,
    /// Pan the timeline towards the future.
    PanRight,
    /// Show the start of the timeline, at the same zoom.
    JumpToStart,
    /// Show the end of the timeline, at the same zoom.
    JumpToEnd,
    /// Narrow the lists and the inspector to the dates now in view.
    WindowFromView,
    /// Widen the lists back to every date.
    ClearWindow,
    /// Show or hide the lists on the left.
    ToggleLists,
    /// Show or hide the inspector on the right.
    ToggleInspector,
    /// Show or hide the reader above the timeline.
    ToggleReader,
    /// Show or hide the map beside the timeline.
    ToggleMap,
    /// Fold the reader to its title row, or unfold it.
    FoldReader,
    /// Put every panel back to its default size.
    ResetLayout,
    /// Name the filters in force and keep them in the notebook as a view.
    NameView,
    /// Find any command by name and run it.
    OpenPalette,
    /// Show everything again: no window, category, tag, place, series or "as known on" filter.
    ClearFilters,
    ;
    /// Apply a saved view's filters.
    ApplyView(crate::model::ViewId),
    /// Keep the filters in force as a view of this name (replacing one so named).
    SaveView(String),
    /// Keep the filters in force under a saved view's name instead of its own.
    UpdateView(crate::model::ViewId),
    /// Delete a saved view.
    DeleteView(crate::model::ViewId),
    /// Open this notebook file.
    OpenPath(std::path::PathBuf),
    /// Write the notebook out: CSV, the chart as SVG or PNG, or a report.
    Export(crate::export::Format),
    /// Import these files (dropped on the window).
    ImportPaths(Vec<std::path::PathBuf>),
    /// Accept a proposal as an event or a figure.
    AcceptProposal(crate::model::ProposalId),
    /// Accept every proposal of the same sentence.
    AcceptSentence(crate::model::ProposalId),
    /// Reject a proposal.
    RejectProposal(crate::model::ProposalId),
    /// Show an article in the reader, at these words when given.
    ShowInReader(crate::model::ArticleId, Option<(usize, usize)>),
    /// Open an article's fields for writing.
    EditArticle(crate::model::ArticleId),
    /// Give an article its published date (or none), and work out again the
    /// dates its proposals reckoned from the day of import.
    DateArticle(crate::model::ArticleId, Option<crate::model::PartialDate>),
    /// Settle merge conflict `.0` by keeping one side.
    SettleConflict(usize, crate::store::merge::Side),
}

impl Command {
    /// Commands that have a keyboard shortcut, taken from [`Command::UNIT`],
    /// more modifiers first so that Ctrl+Shift+Z is matched before Ctrl+Z.
    pub fn with_shortcuts() -> Vec<Command> {
        let mut found: Vec<(KeyboardShortcut, Command)> = Command::UNIT
            .iter()
            .filter_map(|c| Some((c.shortcut()?, c.clone())))
            .collect();
        found.sort_by_key(|(shortcut, _)| {
            let m = shortcut.modifiers;
            std::cmp::Reverse(
                u8::from(m.command) + u8::from(m.ctrl) + u8::from(m.shift) + u8::from(m.alt),
            )
        });
        found.into_iter().map(|(_, command)| command).collect()
    }

    /// What the command palette offers: every command that needs nothing
    /// more, and each export.
    pub fn palette() -> Vec<Command> {
        let mut all = Command::UNIT.to_vec();
        all.extend(
            crate::export::Format::ALL
                .iter()
                .map(|f| Command::Export(*f)),
        );
        all
    }

    /// The menu text.
    pub fn label(&self) -> &'static str {
        match self {
            Command::NewNotebook => "New notebook",
            Command::Open => "Open…",
            Command::OpenPath(_) => "Open",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::TypePath => "Open or save by path…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::NewArticle => "New article",
            Command::EventFromSelection => "Event from selection…",
            Command::FigureFromSelection => "Figure from selection…",
            Command::DeleteSelected => "Delete selected",
            Command::AddPlace => "Add a place",
            Command::AddActor => "Add an actor",
            Command::Export(crate::export::Format::Csv) => "Export CSV…",
            Command::Export(crate::export::Format::Svg) => "Export chart as SVG…",
            Command::Export(crate::export::Format::Png) => "Export chart as PNG…",
            Command::Export(crate::export::Format::Markdown) => "Export situation report…",
            Command::Export(crate::export::Format::MapSvg) => "Export map as SVG…",
            Command::Export(crate::export::Format::MapPng) => "Export map as PNG…",
            Command::ImportFiles => "Import articles…",
            Command::ImportFolder => "Import a folder…",
            Command::ImportPaths(_) => "Import",
            Command::CancelImport => "Cancel import",
            Command::CancelOpen => "Cancel opening",
            Command::ProposeForArticle => "Find events and figures in this article",
            Command::AcceptProposal(_) => "Accept",
            Command::AcceptSentence(_) => "Accept all in this sentence",
            Command::RejectProposal(_) => "Reject",
            Command::DateArticle(..) => "Set the article's date",
            Command::ShowInReader(..) => "Show in the reader",
            Command::EditArticle(_) => "Edit article",
            Command::FitTimeline => "Fit timeline",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::PanLeft => "Pan left",
            Command::PanRight => "Pan right",
            Command::JumpToStart => "Go to the start",
            Command::JumpToEnd => "Go to the end",
            Command::WindowFromView => "Window to the dates in view",
            Command::ClearWindow => "Clear the window",
            Command::SettleConflict(_, crate::store::merge::Side::Ours) => "Keep ours",
            Command::SettleConflict(_, crate::store::merge::Side::Theirs) => "Keep theirs",
            Command::ToggleLists => "Show the lists",
            Command::ToggleInspector => "Show the inspector",
            Command::ToggleReader => "Show the reader",
            Command::ToggleMap => "Show the map",
            Command::FoldReader => "Fold the reader",
            Command::ResetLayout => "Reset layout",
            Command::NameView => "Save as a view…",
            Command::OpenPalette => "Command palette…",
            Command::ClearFilters => "Show everything",
            Command::ApplyView(_) => "Apply the view",
            Command::SaveView(_) => "Save as a view",
            Command::UpdateView(_) => "Update the view",
            Command::DeleteView(_) => "Delete the view",
        }
    }

    /// The keys, if any.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let command = Modifiers::COMMAND;
        let command_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let keys = match self {
            Command::NewNotebook => (command, Key::N),
            Command::Open => (command, Key::O),
            Command::Save => (command, Key::S),
            Command::SaveAs => (command_shift, Key::S),
            Command::Quit => (command, Key::Q),
            Command::Undo => (command, Key::Z),
            Command::Redo => (command_shift, Key::Z),
            Command::NewArticle => (command_shift, Key::N),
            Command::EventFromSelection => (command, Key::E),
            Command::FigureFromSelection => (command, Key::G),
            Command::FitTimeline => (Modifiers::NONE, Key::F),
            Command::ZoomIn => (Modifiers::NONE, Key::Plus),
            Command::ZoomOut => (Modifiers::NONE, Key::Minus),
            Command::PanLeft => (Modifiers::NONE, Key::ArrowLeft),
            Command::PanRight => (Modifiers::NONE, Key::ArrowRight),
            Command::JumpToStart => (Modifiers::NONE, Key::Home),
            Command::JumpToEnd => (Modifiers::NONE, Key::End),
            Command::WindowFromView => (Modifiers::NONE, Key::W),
            Command::ImportFiles => (command, Key::I),
            Command::ToggleLists => (command_shift, Key::L),
            Command::ToggleInspector => (command_shift, Key::I),
            Command::ToggleReader => (command_shift, Key::R),
            Command::ToggleMap => (command_shift, Key::M),
            Command::OpenPalette => (command_shift, Key::P),
            Command::FoldReader => (command_shift, Key::F),
            Command::DeleteSelected
            | Command::ResetLayout
            | Command::NameView
            | Command::OpenPath(_)
            | Command::TypePath
            | Command::ImportFolder
            | Command::Export(_)
            | Command::ClearWindow
            | Command::ClearFilters
            | Command::ApplyView(_)
            | Command::SaveView(_)
            | Command::UpdateView(_)
            | Command::DeleteView(_)
            | Command::SettleConflict(..)
            | Command::AddPlace
            | Command::AddActor
            | Command::ImportPaths(_)
            | Command::CancelImport
            | Command::CancelOpen
            | Command::ProposeForArticle
            | Command::AcceptProposal(_)
            | Command::AcceptSentence(_)
            | Command::RejectProposal(_)
            | Command::DateArticle(..)
            | Command::ShowInReader(..)
            | Command::EditArticle(_) => return None,
        };
        Some(KeyboardShortcut::new(keys.0, keys.1))
    }

    /// Whether the shortcut is a bare key, which must not fire while the
    /// user types in a text field.
    pub fn is_bare_key(&self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Start an empty notebook.
    NewNotebook,
    /// Ask for a notebook to open.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Close the window.
    Quit,
}

/// What a modal asked for, carried out after the frame.
#[derive(Debug)]
pub enum AfterModal {
    /// Save, then go on with the pending action.
    SaveThen(Pending),
    /// Go on without saving.
    Proceed(Pending),
    /// Open, save, import or export at a typed path.
    TypedPath {
        /// What for.
        purpose: PathPurpose,
        /// The path.
        path: PathBuf,
    },
    /// Take up the work in this recovery file.
    Restore(PathBuf),
    /// Delete this recovery file.
    DiscardRecovery(PathBuf),
    /// Leave the recovery file for the next start.
    KeepRecovery,
}
