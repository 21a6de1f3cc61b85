//! [`App`]: the window. It owns the document, the UI state and the
//! background jobs; each frame it draws the panels, collects what they ask
//! for (edits and commands), and carries that out after the UI pass.
//!
//! Split by job, as rerun's viewer is: this file holds the state, its
//! accessors and the frame's order; `jobs` the worker threads (load, save,
//! dialogs, import, export); `recovery` the copies of unsaved work;
//! `command_handling` what each [`Command`] does; `frame` the shortcuts,
//! menus, status bar and the after-frame step; `modals` the dialogs.

mod command_handling;
mod frame;
mod jobs;
mod modals;
mod recovery;
mod saved_views;

pub use super::commands::{AfterModal, Pending};

use super::commands::{Command, When};
use super::dialogs::{FileDialogs, NativeDialogs, PathPurpose};
use super::runner::{JobId, Reporter, Runner};
use super::state::{ListsState, MapState, Out, ReviewState, Selection, TimelineState, UiState};
use super::{articles, inspector, reader, review, tagging, timeline_view};
use crate::extract::Extractor;
use crate::import;
use crate::model::{Edit, Notebook};
use crate::store::{self, LoadError, SaveError};
use crate::workspace::Document;
use egui::{Context, Key, Ui, ViewportCommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where the sample notebook lives in a checkout.
pub const SAMPLE_NOTEBOOK: &str = "saves/afghanistan-2021.ron";

const RECENT_KEY: &str = "sitrep.recent";
/// The app's name for its data folder (recent files, window size, recovery copies).
pub const APP_ID: &str = "Sitrep";
const RECENT_MAX: usize = 10;
/// A dialog that answers "no file" faster than a person can cancel means
/// there is no dialog backend: offer to type the path instead.
const NO_DIALOG_BACKEND: Duration = Duration::from_millis(300);

/// How the app starts.
pub struct AppOptions {
    /// The notebook to open; `None` opens the last one used, else the sample.
    pub open: Option<PathBuf>,
    /// Fall back to the last notebook and the sample when `open` is `None`
    /// (tests turn this off to start empty).
    pub open_last_or_sample: bool,
    /// The file dialogs to use.
    pub dialogs: Arc<dyn FileDialogs>,
    /// Where recovery copies of unsaved work go; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    /// How often unsaved work is copied there (also whenever the window loses focus).
    pub autosave_every: std::time::Duration,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            open: None,
            open_last_or_sample: true,
            dialogs: Arc::new(NativeDialogs),
            recovery_dir: eframe::storage_dir(APP_ID).map(|dir| dir.join("recovery")),
            autosave_every: std::time::Duration::from_secs(30),
        }
    }
}

/// A dialog over the window.
#[derive(Debug)]
pub enum Modal {
    /// "Save changes to X?" before `then`.
    UnsavedChanges {
        /// What the user asked for.
        then: Pending,
    },
    /// Type a path (no file dialog on this machine, or by choice).
    TypedPath {
        /// Open, save, import or export.
        purpose: PathPurpose,
        /// The path typed so far.
        text: String,
        /// Why this is shown, if the dialog failed.
        reason: String,
    },
    /// Make an event from the reader's selection.
    NewEvent(tagging::EventDraft),
    /// Make a figure from the reader's selection.
    NewFigure(tagging::FigureDraft),
    /// Name the filters in force, to keep them as a view.
    NameView {
        /// The name typed so far.
        text: String,
    },
    /// Offer back work an earlier session left unsaved (the first one here;
    /// the rest are offered after it).
    Recover(Vec<store::recovery::Found>),
}

/// One file's outcome in an import: the article's source, the edit that adds it, its proposal count.
use crate::workspace::import_batch::ReadResult as ImportResult;

/// What a worker thread hands back to the UI thread.
enum JobDone {
    Picked {
        saving: bool,
        then: Option<Pending>,
        path: Option<PathBuf>,
        quick: bool,
    },
    PickedImport {
        paths: Vec<PathBuf>,
        quick: bool,
    },
    PickedExport {
        path: Option<PathBuf>,
        format: crate::export::Format,
        suggested: String,
        quick: bool,
    },
    Exported {
        result: Result<Vec<PathBuf>, String>,
    },
    ImportProgress {
        done: usize,
        total: usize,
    },
    /// How far an open or a save has come (not the end of the job).
    StoreProgress(store::Progress),
    /// Recovery copies earlier sessions left behind.
    FoundRecoveries(Vec<store::recovery::Found>),
    /// A recovery copy was written (or not).
    Autosaved(Result<(), String>),
    Imported {
        results: Vec<(PathBuf, ImportResult)>,
        cancelled: bool,
    },
    Loaded {
        path: PathBuf,
        result: Box<Result<store::Opened, LoadError>>,
        /// The document it was started over (see `App::doc_version`).
        replaces: (u64, u64),
    },
    Saved {
        path: PathBuf,
        state: u64,
        modified: jiff::Timestamp,
        result: Result<(), SaveError>,
        then: Option<Pending>,
    },
}

/// One line at the bottom of the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The words.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// The Sitrep window.
pub struct App {
    doc: Document,
    view: UiState,
    dialogs: Arc<dyn FileDialogs>,
    ctx: Context,
    /// Jobs under way, with what the status bar says of them.
    jobs: Runner<JobDone>,
    /// The timeline panel's view, caches and worker.
    timeline: TimelineState,
    /// The map panel's view, outlines, markers and worker.
    map: MapState,
    /// The lists panel's search and sorted lists.
    lists: ListsState,
    /// The proposal form's picks and counts.
    review: ReviewState,
    /// How far the open or save under way has come.
    store_progress: Option<(JobId, store::Progress)>,
    recent: Vec<PathBuf>,
    status: Status,
    modal: Option<Modal>,
    allow_close: bool,
    title: String,
    commands: Vec<Command>,
    /// Built for the notebook's own places; rebuilt when they change.
    extractor: Option<(NotebookNames, Arc<Extractor>)>,
    import: Option<ImportProgress>,
    /// The open under way and its Cancel switch.
    opening: Option<(JobId, Arc<AtomicBool>)>,
    import_report: Vec<String>,
    /// Recovery copies of unsaved work; `None` when turned off.
    autosave: Option<Autosave>,
    /// Counts the documents shown, so a late load cannot replace a newer one.
    doc_serial: u64,
    /// The command palette, while it is open.
    palette: Option<super::palette::Palette>,
}

/// The recovery copy of this session's unsaved work.
struct Autosave {
    /// This session's recovery file.
    file: PathBuf,
    /// When to write it (the rule is headless, in the workspace).
    clock: crate::workspace::AutosaveClock,
    /// Whether the window had the focus last frame.
    focused: bool,
}

/// The notebook's own places and actors an extractor was built with.
type NotebookNames = (
    Vec<crate::model::NotebookPlace>,
    Vec<crate::model::NotebookActor>,
);

/// An import under way.
struct ImportProgress {
    done: usize,
    total: usize,
    cancel: Arc<AtomicBool>,
}

impl App {
    /// Builds the app and starts loading the notebook named by `options`.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let recent: Vec<PathBuf> = cc
            .storage
            .and_then(|storage| eframe::get_value::<Vec<String>>(storage, RECENT_KEY))
            .unwrap_or_default()
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let mut app = Self::blank(&cc.egui_ctx, options.dialogs);
        app.recent = recent;
        if let Some(dir) = options.recovery_dir {
            let session = uuid::Uuid::now_v7().simple().to_string();
            let file = store::recovery::own_file(&dir, &session);
            let search = dir.clone();
            app.spawn("Looking for unsaved work…".into(), move |_| {
                JobDone::FoundRecoveries(store::recovery::left_behind(&search, &session))
            });
            app.autosave = Some(Autosave {
                file,
                clock: crate::workspace::AutosaveClock::new(options.autosave_every.as_secs_f64()),
                focused: true,
            });
        }
        let start = options.open.or_else(|| {
            if !options.open_last_or_sample {
                return None;
            }
            app.recent
                .first()
                .filter(|p| p.exists())
                .cloned()
                .or_else(sample_path)
        });
        if let Some(path) = start {
            app.start_load(path);
        }
        app
    }

    /// An app showing `notebook` at once, with no file behind it: for
    /// benchmarks and headless use.
    pub fn with_notebook(ctx: &Context, notebook: Notebook) -> Self {
        let mut app = Self::blank(ctx, Arc::new(NativeDialogs));
        app.doc = Document::new(notebook, None);
        app.view.reader.article = app.doc.notebook().articles.first().map(|a| a.id);
        app
    }

    fn blank(ctx: &Context, dialogs: Arc<dyn FileDialogs>) -> Self {
        // The world gazetteer and the lexicon take a moment to parse: do it
        // now, off the UI thread, so the first import or proposal does not.
        super::runner::warm("sitrep-warm-up", crate::extract::warm_up);
        Self {
            doc: Document::new(empty_notebook(), None),
            view: UiState::default(),
            dialogs,
            ctx: ctx.clone(),
            jobs: Runner::new(ctx.clone()),
            timeline: TimelineState::default(),
            map: MapState::default(),
            lists: ListsState::default(),
            review: ReviewState::default(),
            store_progress: None,
            opening: None,
            recent: Vec::new(),
            status: Status::default(),
            modal: None,
            allow_close: false,
            title: String::new(),
            commands: Vec::new(),
            extractor: None,
            import: None,
            import_report: Vec::new(),
            autosave: None,
            doc_serial: 0,
            palette: None,
        }
    }

    /// The notebook as it stands.
    pub fn notebook(&self) -> &Notebook {
        self.doc.notebook()
    }

    /// The document: path, dirty state, history.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Every panel's state for another document: what was about the old
    /// notebook goes; the layout and the map's outlines stay.
    fn panels_for_another_document(&mut self) {
        self.view.for_another_document();
        self.timeline = TimelineState::default();
        self.map.for_another_document();
        self.lists = ListsState::default();
        self.review = ReviewState::default();
    }

    /// Whether background work (a dialog, a load, a save, the timeline's
    /// layout, the map's outlines) is under way, a cancelled open still
    /// winding down included.
    pub fn is_busy(&self) -> bool {
        !self.jobs.running().is_empty()
            || self.opening.is_some()
            || self.timeline.cache.is_pending()
            || matches!(self.map.outlines, super::state::OutlinesLoad::Loading(_))
            || (self.map_rect().is_some() && self.map.awaiting_places)
    }

    /// The status line.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The dialog on screen, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The window title: "Sitrep — Afghanistan 2021", with `*` for unsaved changes.
    pub fn window_title(&self) -> String {
        let dirty = if self.doc.is_dirty() { "*" } else { "" };
        let read_only = if self.doc.read_only.is_some() {
            " (read-only)"
        } else {
            ""
        };
        format!(
            "Sitrep — {}{dirty}{read_only}",
            self.doc.notebook().meta.title
        )
    }

    /// The recent files, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// What is selected.
    pub fn selection(&self) -> Option<&Selection> {
        self.view.selection.as_ref()
    }

    /// The article in the reader and the span "Show source" highlighted in it.
    pub fn reader_highlight(&self) -> Option<(crate::model::ArticleId, Option<(usize, usize)>)> {
        self.view
            .reader
            .article
            .map(|article| (article, self.view.reader.focus_span))
    }

    /// The words selected in the reader, as a byte span of the article text.
    pub fn reader_selection(&self) -> Option<(usize, usize)> {
        self.view.reader.selection
    }

    /// Where the timeline drew each event and figure mark last frame, on screen.
    pub fn timeline_targets(&self) -> &[(egui::Pos2, Selection)] {
        &self.timeline.targets
    }

    /// The timeline's filters: as known on, categories, tags, the brushed window.
    pub fn timeline_filter(&self) -> &crate::timeline::Filter {
        self.view.scope()
    }

    /// The events the event list showed last frame, in its order.
    pub fn listed_events(&self) -> &[crate::model::EventId] {
        self.lists.lists.events()
    }

    /// The articles the article list showed last frame, in its order.
    pub fn listed_articles(&self) -> &[crate::model::ArticleId] {
        self.lists.lists.articles()
    }

    /// The days (since 1970-01-01) the timeline showed last frame.
    pub fn timeline_range(&self) -> Option<(f64, f64)> {
        self.timeline.x_range
    }

    /// The map's markers drawn last frame: where on screen, and the events there.
    pub fn map_markers(&self) -> Vec<(egui::Pos2, Vec<crate::model::EventId>)> {
        self.map
            .drawn
            .iter()
            .filter_map(|&(at, index)| {
                let marker = self.map.markers.markers.get(index)?;
                Some((at, marker.events.clone()))
            })
            .collect()
    }

    /// How many points a projected degree takes on the map (its zoom), once drawn.
    pub fn map_scale(&self) -> Option<f64> {
        self.map.frame.map(|frame| frame.scale)
    }

    /// Where the map was drawn last frame, if it is shown.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        (!self.view.hidden.map).then_some(self.map.rect).flatten()
    }

    /// Where each plot of the timeline was drawn last frame (its unit and
    /// its drawing area, axes outside it), for the plots in sight.
    pub fn plot_frames(&self) -> &[(String, egui::Rect)] {
        &self.timeline.plot_frames
    }

    /// Where each panel was drawn last frame.
    pub fn panel_rects(&self) -> super::state::PanelRects {
        self.view.panels
    }

    /// Where the event lane was drawn last frame, on screen.
    pub fn timeline_lane_rect(&self) -> Option<egui::Rect> {
        self.timeline.lane_frame
    }

    /// Whether the timeline shows the layout for the notebook as it stands
    /// (a big notebook's is built on a worker after each change).
    pub fn timeline_is_current(&self) -> bool {
        !self.timeline.cache.is_pending() && self.timeline.cache.index.is_some()
    }

    /// What the last import skipped or warned about, one line per file.
    pub fn import_report(&self) -> &[String] {
        &self.import_report
    }

    /// How far an import has come: (files done, files in all).
    pub fn import_progress(&self) -> Option<(usize, usize)> {
        self.import.as_ref().map(|i| (i.done, i.total))
    }

    /// Queues a command, as a menu item would.
    pub fn run(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        let text = text.into();
        if is_error {
            log::warn!("{text}");
        }
        self.status = Status { text, is_error };
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_jobs();
        self.autosave(&ctx);
        self.handle_close_request(&ctx);
        self.collect_shortcuts(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::ImportPaths(dropped));
        }
        let mut out = Out::default();
        self.view.revision = self.doc.state();

        egui::Panel::top("sitrep-menu").show(ui, |ui| self.menu_bar(ui));
        if let Some(why) = self.doc.read_only.clone() {
            egui::Panel::top("sitrep-read-only").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, "Read-only:");
                    ui.label(format!("this notebook {why}"));
                });
            });
        }
        egui::Panel::bottom("sitrep-status").show(ui, |ui| self.status_bar(ui));
        // Each panel is held to its share of the window (restored sizes
        // included), so that no selection or long title squeezes the
        // timeline out; View → Reset layout puts back the defaults.
        let window = ctx.content_rect().size();
        let layout = super::layout::Layout::for_window(window);
        let reset = std::mem::take(&mut self.view.reset_layout);
        // The window the panel sizes were made for is kept with them (egui
        // keeps both between sessions): opening or resizing to another size
        // brings them near the new window's defaults.
        let window_key = egui::Id::unique("sitrep-layout-window");
        let made_for: Option<[f32; 2]> = ctx.data_mut(|d| d.get_persisted(window_key));
        let resized =
            made_for.is_some_and(|[w, h]| (w - window.x).abs() + (h - window.y).abs() > 1.0);
        if made_for != Some([window.x, window.y]) {
            ctx.data_mut(|d| d.insert_persisted(window_key, [window.x, window.y]));
        }
        let sized = |panel: egui::Panel, size: super::layout::PanelSize| {
            let panel = panel.default_size(size.default);
            if reset {
                panel.exact_size(size.default)
            } else if resized {
                panel.size_range(size.min..=size.max_after_resize())
            } else {
                panel.size_range(size.min..=size.max)
            }
        };
        let hidden = self.view.hidden;
        self.view.panels = Default::default();
        if !hidden.lists {
            let shown = sized(egui::Panel::left("sitrep-lists"), layout.lists).show(ui, |ui| {
                articles::show(
                    ui,
                    self.doc.notebook(),
                    self.doc.state(),
                    self.timeline.brush_from.is_some(),
                    &mut self.lists,
                    &mut self.view,
                    &mut out,
                )
            });
            self.view.panels.lists = Some(shown.response.rect);
        }
        if !hidden.inspector {
            let shown =
                sized(egui::Panel::right("sitrep-inspector"), layout.inspector).show(ui, |ui| {
                    inspector::show(
                        ui,
                        self.doc.notebook(),
                        (&self.map.markers, &mut self.review),
                        &mut self.view,
                        &mut out,
                    )
                });
            self.view.panels.inspector = Some(shown.response.rect);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if !hidden.reader {
                let reader = if self.view.reader_folded {
                    egui::Panel::top("sitrep-reader-folded")
                        .resizable(false)
                        .exact_size(super::layout::READER_FOLDED_HEIGHT)
                } else {
                    // The trends below are what a notebook is opened for:
                    // the reader starts small; drag its edge to read more.
                    sized(egui::Panel::top("sitrep-reader"), layout.reader)
                };
                let shown = reader.show(ui, |ui| {
                    reader::show(ui, self.doc.notebook(), &mut self.view, &mut out)
                });
                self.view.panels.reader = Some(shown.response.rect);
            }
            // The map takes the right part of the timeline's room, or the
            // bottom of it in a narrow window; with room for neither it waits.
            let full = ui.available_rect_before_wrap();
            let split = if self.view.hidden.map {
                None
            } else {
                super::layout::map_split(full)
            };
            let timeline_rect = match split {
                Some((timeline_rect, map_rect)) => {
                    ui.scope_builder(egui::UiBuilder::new().max_rect(map_rect), |ui| {
                        ui.shrink_clip_rect(map_rect);
                        super::map_view::show(
                            ui,
                            self.doc.notebook(),
                            self.doc.state(),
                            &mut self.map,
                            &self.view,
                            &mut out,
                        )
                    });
                    self.view.panels.map = Some(map_rect);
                    timeline_rect
                }
                None => {
                    self.map.rect = None;
                    self.map.hovered = false;
                    full
                }
            };
            self.view.panels.timeline = Some(timeline_rect);
            ui.scope_builder(egui::UiBuilder::new().max_rect(timeline_rect), |ui| {
                // Nothing of the timeline (a wide filter row) draws over the map.
                ui.shrink_clip_rect(timeline_rect);
                timeline_view::show(
                    ui,
                    self.doc.shared(),
                    self.doc.state(),
                    &mut self.timeline,
                    &mut self.view,
                    &mut out,
                )
            });
        });
        self.modals(&ctx, &mut out);
        if let Some(palette) = &mut self.palette {
            let views: Vec<super::palette::Entry> = self
                .doc
                .notebook()
                .views
                .iter()
                .map(|v| (format!("View: {}", v.name), Command::ApplyView(v.id)))
                .collect();
            match super::palette::show(&ctx, palette, &views) {
                super::palette::Outcome::Open => {}
                super::palette::Outcome::Run(command) => {
                    self.palette = None;
                    out.commands.push(command);
                }
                super::palette::Outcome::Close => self.palette = None,
            }
        }

        self.after_frame(out);
        self.update_title(&ctx);
        if self.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent: Vec<String> = self
            .recent
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eframe::set_value(storage, RECENT_KEY, &recent);
    }

    /// A clean exit: nothing is left to recover.
    fn on_exit(&mut self) {
        self.remove_recovery_copy();
    }
}

fn empty_notebook() -> Notebook {
    Notebook::new(
        uuid::Uuid::now_v7().to_string(),
        "Untitled notebook",
        jiff::Timestamp::now(),
    )
}

/// The sample notebook: beside the working directory, else in the source checkout.
fn sample_path() -> Option<PathBuf> {
    let relative = PathBuf::from(SAMPLE_NOTEBOOK);
    if relative.exists() {
        return Some(relative);
    }
    let in_checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_NOTEBOOK);
    in_checkout.exists().then_some(in_checkout)
}

fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}
