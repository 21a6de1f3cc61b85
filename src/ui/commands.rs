//! [`Command`]: everything the user can ask for from a menu, a shortcut or a
//! button, with its text, its tooltip and every key that runs it in one
//! table (the README's key table is made from it: [`key_table`]).

use super::dialogs::PathPurpose;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// What must hold for a key to run its command, besides the keyboard being
/// free (a bare key never fires while a text field or a dialog has it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// The pointer is on the map.
    OnMap,
    /// The pointer is not on the map.
    OffMap,
    /// A proposal is selected.
    ProposalSelected,
}

/// One key of a command and when it runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The keys.
    pub shortcut: KeyboardShortcut,
    /// When they run the command.
    pub when: When,
}

impl Binding {
    /// Whether it is a key without Ctrl, Alt or Shift.
    pub fn is_bare(&self) -> bool {
        self.shortcut.modifiers.is_none()
    }

    /// The keys as the README and the palette name them ("Ctrl+Shift+Z").
    pub fn text(&self) -> String {
        let m = self.shortcut.modifiers;
        let mut text = String::new();
        for (held, name) in [
            (m.command || m.ctrl, "Ctrl+"),
            (m.alt, "Alt+"),
            (m.shift, "Shift+"),
        ] {
            if held {
                text.push_str(name);
            }
        }
        text.push_str(match self.shortcut.logical_key {
            Key::ArrowLeft => "Left",
            Key::ArrowRight => "Right",
            Key::Plus => "+",
            Key::Minus => "-",
            key => key.name(),
        });
        match self.when {
            When::OnMap => text + " (pointer on the map)",
            When::OffMap => text + " (pointer off the map)",
            When::ProposalSelected => text + " (a proposal selected)",
            When::Always => text,
        }
    }
}

const fn keys(modifiers: Modifiers, key: Key, when: When) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(modifiers, key),
        when,
    }
}

const fn ctrl(key: Key) -> Binding {
    keys(Modifiers::COMMAND, key, When::Always)
}

const fn ctrl_shift(key: Key) -> Binding {
    keys(Modifiers::COMMAND.plus(Modifiers::SHIFT), key, When::Always)
}

const fn bare(key: Key, when: When) -> Binding {
    keys(Modifiers::NONE, key, when)
}

/// Defines [`Command`] from its variants, so that the list of commands that
/// need nothing more than themselves ([`Command::UNIT`]), every command's
/// menu text, tooltip (its doc comment) and keys come from the one
/// declaration.
macro_rules! commands {
    (
        $( $(#[doc = $unit_doc:literal])+ $unit:ident => $unit_label:literal, [$($binding:expr),*], )*
        ;
        $( $(#[doc = $data_doc:literal])+ $data:ident ( $($field:ty),+ ) => $data_label:expr, )*
    ) => {
        /// A user action. Menus, shortcuts, buttons and the command palette
        /// all produce these; the app carries them out after the frame's UI pass.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Command {
            $( $(#[doc = $unit_doc])+ $unit, )*
            $( $(#[doc = $data_doc])+ $data($($field),+), )*
        }

        impl Command {
            /// Every command that needs nothing more than itself, in
            /// declaration order: what the palette lists and keys run.
            pub const UNIT: &'static [Command] = &[$(Command::$unit),*];

            /// What the command does, in a sentence: its tooltip.
            pub fn tooltip(&self) -> &'static str {
                match self {
                    $( Command::$unit => concat!($($unit_doc),+), )*
                    $( Command::$data(..) => concat!($($data_doc),+), )*
                }
                .trim()
            }

            /// The menu text.
            pub fn label(&self) -> &'static str {
                match self {
                    $( Command::$unit => $unit_label, )*
                    $( Command::$data(..) => ($data_label)(self), )*
                }
            }

            /// Every key that runs the command, the one menus show first.
            pub fn keys(&self) -> &'static [Binding] {
                match self {
                    $( Command::$unit => {
                        // A constant, so that the keys live for the whole program.
                        const KEYS: &[Binding] = &[$($binding),*];
                        KEYS
                    } )*
                    $( Command::$data(..) => &[], )*
                }
            }
        }
    };
}

commands! {
    /// Start an empty notebook.
    NewNotebook => "New notebook", [ctrl(Key::N)],
    /// Pick a notebook file to open.
    Open => "Open…", [ctrl(Key::O)],
    /// Save to the current file (asks for one if there is none).
    Save => "Save", [ctrl(Key::S)],
    /// Save to a new file.
    SaveAs => "Save As…", [ctrl_shift(Key::S)],
    /// Type a path to open or save, for machines without a file dialog.
    TypePath => "Open or save by path…", [],
    /// Leave the app (asks about unsaved changes).
    Quit => "Quit", [ctrl(Key::Q)],
    /// Undo the last change.
    Undo => "Undo", [ctrl(Key::Z)],
    /// Redo the last undone change.
    Redo => "Redo", [ctrl_shift(Key::Z), ctrl(Key::Y)],
    /// Add an article and open it for writing.
    NewArticle => "New article", [ctrl_shift(Key::N)],
    /// Turn the reader's selection into an event.
    EventFromSelection => "Event from selection…", [ctrl(Key::E)],
    /// Turn the reader's selection into a figure on a series.
    FigureFromSelection => "Figure from selection…", [ctrl(Key::G)],
    /// Delete the selected article, event, figure or series; reject the selected proposal.
    DeleteSelected => "Delete selected", [bare(Key::Delete, When::Always)],
    /// Accept the selected proposal as an event or a figure.
    AcceptSelected => "Accept the selected proposal", [bare(Key::Enter, When::ProposalSelected)],
    /// Import article files.
    ImportFiles => "Import articles…", [ctrl(Key::I)],
    /// Import every article file in a folder.
    ImportFolder => "Import a folder…", [],
    /// Stop the import under way.
    CancelImport => "Cancel import", [],
    /// Stop opening a notebook; the one showing stays.
    CancelOpen => "Cancel opening", [],
    /// Find events and figures in the open article.
    ProposeForArticle => "Find events and figures in this article", [],
    /// Add a place to the notebook's gazetteer (named after the reader's selection, if any).
    AddPlace => "Add a place", [],
    /// Add an actor to the notebook's list (named after the reader's selection, if any).
    AddActor => "Add an actor", [],
    /// Show the whole timeline.
    FitTimeline => "Fit timeline", [bare(Key::F, When::OffMap)],
    /// Zoom the timeline in.
    ZoomIn => "Zoom in", [bare(Key::Plus, When::OffMap)],
    /// Zoom the timeline out.
    ZoomOut => "Zoom out", [bare(Key::Minus, When::OffMap)],
    /// Pan the timeline towards the past.
    PanLeft => "Pan left", [bare(Key::ArrowLeft, When::OffMap)],
    /// Pan the timeline towards the future.
    PanRight => "Pan right", [bare(Key::ArrowRight, When::OffMap)],
    /// Show the start of the timeline, at the same zoom.
    JumpToStart => "Go to the start", [bare(Key::Home, When::Always)],
    /// Show the end of the timeline, at the same zoom.
    JumpToEnd => "Go to the end", [bare(Key::End, When::Always)],
    /// Narrow the lists and the inspector to the dates now in view.
    WindowFromView => "Window to the dates in view", [bare(Key::W, When::Always)],
    /// Widen the lists back to every date.
    ClearWindow => "Clear the window", [],
    /// Frame the map as it opens: on the notebook's country and places.
    FitMap => "Fit the map", [bare(Key::F, When::OnMap)],
    /// Zoom the map in.
    MapZoomIn => "Zoom the map in", [bare(Key::Plus, When::OnMap)],
    /// Zoom the map out.
    MapZoomOut => "Zoom the map out", [bare(Key::Minus, When::OnMap)],
    /// Pan the map west.
    MapPanLeft => "Pan the map west", [bare(Key::ArrowLeft, When::OnMap)],
    /// Pan the map east.
    MapPanRight => "Pan the map east", [bare(Key::ArrowRight, When::OnMap)],
    /// Show or hide the lists on the left.
    ToggleLists => "Show the lists", [ctrl_shift(Key::L)],
    /// Show or hide the inspector on the right.
    ToggleInspector => "Show the inspector", [ctrl_shift(Key::I)],
    /// Show or hide the reader above the timeline.
    ToggleReader => "Show the reader", [ctrl_shift(Key::R)],
    /// Show or hide the map beside the timeline.
    ToggleMap => "Show the map", [ctrl_shift(Key::M)],
    /// Fold the reader to its title row, or unfold it.
    FoldReader => "Fold the reader", [ctrl_shift(Key::F)],
    /// Put every panel back to its default size.
    ResetLayout => "Reset layout", [],
    /// Name the filters in force and keep them in the notebook as a view.
    NameView => "Save as a view…", [],
    /// Find any command by name and run it.
    OpenPalette => "Command palette…", [ctrl_shift(Key::P)],
    /// Show everything again: no window, category, tag, place, series or "as known on" filter.
    ClearFilters => "Show everything", [],
    ;
    /// Apply a saved view's filters.
    ApplyView(crate::model::ViewId) => |_| "Apply the view",
    /// Keep the filters in force as a view of this name (replacing one so named).
    SaveView(String) => |_| "Save as a view",
    /// Keep the filters in force under a saved view's name instead of its own.
    UpdateView(crate::model::ViewId) => |_| "Update the view",
    /// Delete a saved view.
    DeleteView(crate::model::ViewId) => |_| "Delete the view",
    /// Open this notebook file.
    OpenPath(std::path::PathBuf) => |_| "Open",
    /// Write the notebook out: CSV, the chart as SVG or PNG, or a report.
    Export(crate::export::Format) => export_label,
    /// Import these files (dropped on the window).
    ImportPaths(Vec<std::path::PathBuf>) => |_| "Import",
    /// Accept a proposal as an event or a figure.
    AcceptProposal(crate::model::ProposalId) => |_| "Accept",
    /// Accept every proposal of the same sentence.
    AcceptSentence(crate::model::ProposalId) => |_| "Accept all in this sentence",
    /// Reject a proposal.
    RejectProposal(crate::model::ProposalId) => |_| "Reject",
    /// Show an article in the reader, at these words when given.
    ShowInReader(crate::model::ArticleId, Option<(usize, usize)>) => |_| "Show in the reader",
    /// Open an article's fields for writing.
    EditArticle(crate::model::ArticleId) => |_| "Edit article",
    /// Give an article its published date (or none), and work out again the
    /// dates its proposals reckoned from the day of import.
    DateArticle(crate::model::ArticleId, Option<crate::model::PartialDate>) => |_| "Set the article's date",
    /// Settle merge conflict `.0` by keeping one side.
    SettleConflict(usize, crate::store::merge::Side) => settle_label,
    /// Change what the timeline, the lists and the map show.
    Scope(crate::timeline::ScopeChange) => |_| "Change what is shown",
}

/// The menu text of an export.
fn export_label(command: &Command) -> &'static str {
    use crate::export::Format;
    match command {
        Command::Export(Format::Csv) => "Export CSV…",
        Command::Export(Format::Svg) => "Export chart as SVG…",
        Command::Export(Format::Png) => "Export chart as PNG…",
        Command::Export(Format::Markdown) => "Export situation report…",
        Command::Export(Format::MapSvg) => "Export map as SVG…",
        Command::Export(Format::MapPng) => "Export map as PNG…",
        _ => "Export…",
    }
}

/// The button text of a side of a merge conflict.
fn settle_label(command: &Command) -> &'static str {
    match command {
        Command::SettleConflict(_, crate::store::merge::Side::Theirs) => "Keep theirs",
        _ => "Keep ours",
    }
}

impl Command {
    /// Every key of every command, with the command it runs: more
    /// modifiers first, so that Ctrl+Shift+Z is matched before Ctrl+Z.
    pub fn bindings() -> Vec<(Binding, Command)> {
        let mut found: Vec<(Binding, Command)> = Command::UNIT
            .iter()
            .flat_map(|c| c.keys().iter().map(|k| (*k, c.clone())))
            .collect();
        found.sort_by_key(|(binding, _)| {
            let m = binding.shortcut.modifiers;
            std::cmp::Reverse(
                u8::from(m.command) + u8::from(m.ctrl) + u8::from(m.shift) + u8::from(m.alt),
            )
        });
        found
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

    /// The keys menus and the palette show: the first.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.keys().first().map(|k| k.shortcut)
    }
}

/// The README's table of keys, made from the command table: one row per
/// command that has keys, in the table's order.
pub fn key_table() -> String {
    let mut table = String::from("| keys | does |\n| --- | --- |\n");
    for command in Command::UNIT.iter().filter(|c| !c.keys().is_empty()) {
        let keys: Vec<String> = command.keys().iter().map(Binding::text).collect();
        table.push_str(&format!(
            "| {} | {} |\n",
            keys.join(", "),
            command.tooltip()
        ));
    }
    table
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
