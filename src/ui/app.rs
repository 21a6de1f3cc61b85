//! [`App`]: the window. It owns the document, the view state and the
//! background jobs; each frame it draws the panels, collects what they ask
//! for (edits and commands), and carries that out after the UI pass.

use super::commands::Command;
use super::dialogs::{FileDialogs, NativeDialogs, PathPurpose};
use super::document::Document;
use super::view::{Out, Selection, View};
use super::{articles, inspector, reader, review, tagging, timeline_view};
use crate::extract::Extractor;
use crate::import;
use crate::model::{Edit, Notebook};
use crate::store::{self, LoadError, SaveError};
use egui::{Context, Key, Ui, ViewportCommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
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
    /// Offer back work an earlier session left unsaved (the first one here;
    /// the rest are offered after it).
    Recover(Vec<store::recovery::Found>),
}

/// One file's outcome in an import: the article's source, the edit that adds it, its proposal count.
type ImportResult = Result<(import::Source, Edit, usize), import::ImportError>;

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
        result: Result<store::Opened, LoadError>,
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
    view: View,
    dialogs: Arc<dyn FileDialogs>,
    ctx: Context,
    jobs_tx: Sender<(JobId, JobDone)>,
    jobs_rx: Receiver<(JobId, JobDone)>,
    /// Jobs under way, oldest first, with what the status bar says of them.
    running: Vec<(JobId, String)>,
    next_job: JobId,
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
    /// Seconds between copies while there are unsaved changes.
    every: f64,
    /// The document state last copied.
    written: Option<u64>,
    /// When (input time, seconds) the last copy was started, or the
    /// unsaved changes began; `None` while there are none.
    last_at: Option<f64>,
    /// Whether the window had the focus last frame.
    focused: bool,
    /// Whether a copy may be on disk.
    on_disk: bool,
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
                every: options.autosave_every.as_secs_f64(),
                written: None,
                last_at: None,
                focused: true,
                on_disk: false,
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
        std::thread::spawn(crate::extract::warm_up);
        let (jobs_tx, jobs_rx) = channel();
        Self {
            doc: Document::new(empty_notebook(), None),
            view: View::default(),
            dialogs,
            ctx: ctx.clone(),
            jobs_tx,
            jobs_rx,
            running: Vec::new(),
            next_job: 0,
            store_progress: None,
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

    /// Whether background work (a dialog, a load, a save) is under way.
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
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
        &self.view.timeline.targets
    }

    /// The timeline's filters: as known on, categories, tags, the brushed window.
    pub fn timeline_filter(&self) -> &crate::timeline::Filter {
        &self.view.timeline.filter
    }

    /// The events the event list showed last frame, in its order.
    pub fn listed_events(&self) -> &[crate::model::EventId] {
        self.view.lists.events()
    }

    /// The articles the article list showed last frame, in its order.
    pub fn listed_articles(&self) -> &[crate::model::ArticleId] {
        self.view.lists.articles()
    }

    /// The days (since 1970-01-01) the timeline showed last frame.
    pub fn timeline_range(&self) -> Option<(f64, f64)> {
        self.view.timeline.x_range
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

    // ---- background jobs ----

    /// Runs `job` on a worker thread; what it returns comes back to
    /// [`Self::poll_jobs`], and it can report progress on the way.
    fn spawn(&mut self, label: String, job: impl FnOnce(&Reporter) -> JobDone + Send + 'static) {
        let id = self.next_job;
        self.next_job += 1;
        self.running.push((id, label));
        let reporter = Reporter {
            id,
            tx: self.jobs_tx.clone(),
            ctx: self.ctx.clone(),
        };
        std::thread::spawn(move || {
            let done = job(&reporter);
            reporter.send(done);
        });
    }

    fn start_load(&mut self, path: PathBuf) {
        let shown = path.display().to_string();
        let replaces = self.doc_version();
        self.spawn(format!("Opening {shown}…"), move |reporter| {
            let result = store::open_with_progress(&path, |p| reporter.progress(p));
            JobDone::Loaded {
                path,
                result,
                replaces,
            }
        });
    }

    /// Which document, in which state, is showing: a load replaces only
    /// the one it was started over, never work done or restored meanwhile.
    fn doc_version(&self) -> (u64, u64) {
        (self.doc_serial, self.doc.state())
    }

    fn replace_doc(&mut self, doc: Document) {
        self.doc = doc;
        self.doc_serial += 1;
    }

    fn start_save(&mut self, path: PathBuf, then: Option<Pending>) {
        if self.doc.read_only.is_some() && self.doc.path.as_deref() == Some(path.as_path()) {
            self.set_status(
                "This notebook is read-only: use Save As to keep your changes in a new file",
                true,
            );
            return;
        }
        let mut snapshot = self.doc.notebook().clone();
        let modified = jiff::Timestamp::now();
        snapshot.meta.modified = modified;
        let state = self.doc.state();
        let shown = path.display().to_string();
        self.spawn(format!("Saving {shown}…"), move |reporter| {
            let result = store::save_with_progress(&path, &snapshot, |p| reporter.progress(p));
            JobDone::Saved {
                path,
                state,
                modified,
                result,
                then,
            }
        });
    }

    fn start_pick(&mut self, saving: bool, then: Option<Pending>) {
        let dialogs = Arc::clone(&self.dialogs);
        let suggested = self
            .doc
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || format!("{}.ron", slug(&self.doc.notebook().meta.title)),
                |name| name.to_string_lossy().into_owned(),
            );
        let label = if saving {
            "Choosing where to save…"
        } else {
            "Choosing a notebook…"
        };
        self.spawn(label.to_owned(), move |_| {
            let asked = Instant::now();
            let path = if saving {
                dialogs.pick_save(&suggested)
            } else {
                dialogs.pick_open()
            };
            JobDone::Picked {
                saving,
                then,
                path,
                quick: asked.elapsed() < NO_DIALOG_BACKEND,
            }
        });
    }

    fn extractor(&mut self) -> Result<Arc<Extractor>, String> {
        let notebook = self.doc.notebook();
        let names = (notebook.places.clone(), notebook.actors.clone());
        if let Some((built_for, extractor)) = &self.extractor
            && *built_for == names
        {
            return Ok(Arc::clone(extractor));
        }
        let extractor = Arc::new(Extractor::for_notebook(notebook)?);
        self.extractor = Some((names, Arc::clone(&extractor)));
        Ok(extractor)
    }

    fn start_export_pick(&mut self, format: crate::export::Format) {
        let dialogs = Arc::clone(&self.dialogs);
        let suggested = format!(
            "{}.{}",
            slug(&self.doc.notebook().meta.title),
            format.extension()
        );
        self.spawn("Choosing where to export…".into(), move |_| {
            let asked = Instant::now();
            let path = dialogs.pick_save(&suggested);
            JobDone::PickedExport {
                path,
                format,
                suggested,
                quick: asked.elapsed() < NO_DIALOG_BACKEND,
            }
        });
    }

    /// What an export from the app draws: the timeline as it is on screen
    /// (its dates and filters); a report covers the brushed window, else the
    /// dates in view.
    pub fn export_request(&self, format: crate::export::Format) -> crate::export::Request {
        let timeline = &self.view.timeline;
        let notebook = self.doc.notebook();
        crate::export::Request {
            format,
            chart: crate::export::ChartOptions {
                width: export_size(timeline.area).0,
                height: export_size(timeline.area).1,
                filter: timeline.filter.clone(),
                range: timeline.x_range,
                ..crate::export::ChartOptions::new(notebook)
            },
            window: timeline.filter.window,
            made_on: Some(crate::timeline::x_date(
                (jiff::Timestamp::now().as_second() / 86_400) as f64,
            )),
        }
    }

    /// Writes the export on a worker thread from a snapshot of the notebook.
    fn start_export(&mut self, path: PathBuf, format: crate::export::Format) {
        // The extension says the format; a name without the right one gets it.
        let path = if crate::export::Format::from_path(&path) == Some(format) {
            path
        } else {
            let mut name = path.into_os_string();
            name.push(".");
            name.push(format.extension());
            PathBuf::from(name)
        };
        let snapshot = self.doc.notebook().clone();
        let request = self.export_request(format);
        let shown = path.display().to_string();
        self.spawn(format!("Exporting {shown}…"), move |_| {
            JobDone::Exported {
                result: crate::export::write(&snapshot, &path, &request),
            }
        });
    }

    fn start_import_pick(&mut self, folder: bool) {
        let dialogs = Arc::clone(&self.dialogs);
        self.spawn("Choosing articles to import…".into(), move |_| {
            let asked = Instant::now();
            let paths = dialogs.pick_import(folder);
            JobDone::PickedImport {
                paths,
                quick: asked.elapsed() < NO_DIALOG_BACKEND,
            }
        });
    }

    /// Reads and extracts files on a worker thread, reporting progress; the
    /// notebook changes only when the results come back, as one undoable step.
    fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.import.is_some() {
            self.set_status("An import is already under way", true);
            return;
        }
        let extractor = match self.extractor() {
            Ok(extractor) => extractor,
            Err(error) => return self.set_status(error, true),
        };
        let cancel = Arc::new(AtomicBool::new(false));
        self.import = Some(ImportProgress {
            done: 0,
            total: 0,
            cancel: Arc::clone(&cancel),
        });
        self.spawn("Importing…".into(), move |reporter| {
            let files = import::expand(&paths);
            let total = files.len();
            let mut results = Vec::with_capacity(total);
            let mut cancelled = false;
            for (done, file) in files.into_iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    cancelled = true;
                    break;
                }
                reporter.send(JobDone::ImportProgress { done, total });
                let result = import::read_file(&file).map(|source| {
                    let (edit, proposals) =
                        import::article_edit(&source, &extractor, jiff::Timestamp::now());
                    (source, edit, proposals)
                });
                results.push((file, result));
            }
            JobDone::Imported { results, cancelled }
        });
    }

    fn finish_import(&mut self, results: Vec<(PathBuf, ImportResult)>, cancelled: bool) {
        self.import = None;
        let mut edits = Vec::new();
        let mut added_texts: Vec<String> = Vec::new();
        let (mut articles, mut proposals, mut duplicates, mut undated) = (0, 0, 0, 0);
        let mut problems = Vec::new();
        let mut first_article = None;
        for (path, result) in results {
            match result {
                Ok((source, edit, count)) => {
                    let normalized = import::normalize(&source.text);
                    if import::is_duplicate(self.doc.notebook(), &source.text)
                        || added_texts.contains(&normalized)
                    {
                        duplicates += 1;
                        problems.push(format!("{}: already in the notebook", path.display()));
                        continue;
                    }
                    for warning in source.warnings {
                        problems.push(format!("{}: {warning}", path.display()));
                    }
                    if first_article.is_none()
                        && let Edit::Batch(parts) = &edit
                        && let Some(Edit::PutArticle(article)) = parts.first()
                    {
                        first_article = Some(article.id);
                    }
                    added_texts.push(normalized);
                    articles += 1;
                    undated += usize::from(source.published.is_none());
                    proposals += count;
                    edits.push(edit);
                }
                Err(error) => problems.push(error.to_string()),
            }
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits), None);
        }
        if let Some(id) = first_article {
            self.view.open_article(id);
        }
        let mut summary =
            format!("Imported {articles} articles with {proposals} proposals to review");
        if undated > 0 {
            summary.push_str(&format!(
                "; {undated} undated (marked in the list: give each a date before accepting its relative dates)"
            ));
        }
        if duplicates > 0 {
            summary.push_str(&format!("; {duplicates} already in the notebook"));
        }
        if cancelled {
            summary.push_str("; cancelled before the end");
        }
        let refused = problems.len() - duplicates;
        if let Some(first) = problems
            .iter()
            .find(|p| !p.ends_with("already in the notebook"))
        {
            summary.push_str(&format!("; {refused} problems, first: {first}"));
        }
        let is_error = articles == 0 && !problems.is_empty();
        self.set_status(summary, is_error);
        self.import_report = problems;
    }

    fn poll_jobs(&mut self) {
        while let Ok((job, done)) = self.jobs_rx.try_recv() {
            match done {
                JobDone::ImportProgress { done, total } => {
                    if let Some(import) = self.import.as_mut() {
                        import.done = done;
                        import.total = total;
                    }
                    continue;
                }
                JobDone::StoreProgress(progress) => {
                    self.store_progress = Some((job, progress));
                    continue;
                }
                _ => {}
            }
            self.running.retain(|(id, _)| *id != job);
            if self.store_progress.is_some_and(|(id, _)| id == job) {
                self.store_progress = None;
            }
            match done {
                JobDone::ImportProgress { .. } | JobDone::StoreProgress(_) => {}
                JobDone::FoundRecoveries(found) => {
                    if !found.is_empty() && self.modal.is_none() {
                        self.modal = Some(Modal::Recover(found));
                    }
                }
                JobDone::Autosaved(Ok(())) => {
                    // Written after a save made it needless: the next frame removes it.
                    if let Some(autosave) = self.autosave.as_mut() {
                        autosave.on_disk = true;
                    }
                }
                JobDone::Autosaved(Err(error)) => {
                    self.set_status(format!("No recovery copy: {error}"), true);
                }
                JobDone::PickedExport {
                    path: Some(path),
                    format,
                    ..
                } => self.start_export(path, format),
                JobDone::PickedExport {
                    path: None,
                    format,
                    suggested,
                    quick,
                } => {
                    if quick {
                        let folder = self.doc.path.as_deref().and_then(Path::parent);
                        let text = folder.map_or(suggested.clone(), |folder| {
                            folder.join(&suggested).display().to_string()
                        });
                        self.offer_typed_path(PathPurpose::Export(format), text);
                    } else {
                        self.set_status("Export cancelled", false);
                    }
                }
                JobDone::Exported { result } => match result {
                    Ok(paths) => {
                        let names: Vec<String> =
                            paths.iter().map(|p| p.display().to_string()).collect();
                        self.set_status(format!("Exported {}", names.join(" and ")), false)
                    }
                    Err(error) => self.set_status(format!("Not exported: {error}"), true),
                },
                JobDone::PickedImport { paths, quick } => {
                    if !paths.is_empty() {
                        self.start_import(paths);
                    } else if quick {
                        self.offer_typed_path(PathPurpose::Import, String::new());
                    } else {
                        self.set_status("Import cancelled", false);
                    }
                }
                JobDone::Imported { results, cancelled } => self.finish_import(results, cancelled),
                JobDone::Picked {
                    saving,
                    then,
                    path: Some(path),
                    ..
                } => {
                    if saving {
                        self.start_save(with_ron_extension(path), then);
                    } else {
                        self.start_load(path);
                    }
                }
                JobDone::Picked { saving, quick, .. } => {
                    let purpose = if saving {
                        PathPurpose::Save
                    } else {
                        PathPurpose::Open
                    };
                    if quick {
                        let text = self
                            .doc
                            .path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        self.offer_typed_path(purpose, text);
                    } else if saving {
                        self.set_status("Save cancelled", false);
                    } else {
                        self.set_status("Open cancelled", false);
                    }
                }
                JobDone::Loaded { path, replaces, .. } if replaces != self.doc_version() => {
                    self.set_status(
                        format!(
                            "Did not open {}: the notebook changed while it was loading; open it again",
                            path.display()
                        ),
                        true,
                    );
                }
                JobDone::Loaded { path, result, .. } => match result {
                    Ok(store::Opened { notebook, caution }) => {
                        let summary = store::summary(&notebook);
                        self.replace_doc(Document::new(notebook, Some(path.clone())));
                        self.doc.read_only = caution.as_ref().map(ToString::to_string);
                        self.view = View::default();
                        self.view.selection = self
                            .doc
                            .notebook()
                            .articles
                            .first()
                            .map(|article| Selection::Article(article.id));
                        self.view.reader.article =
                            self.doc.notebook().articles.first().map(|a| a.id);
                        self.remember(&path);
                        match caution {
                            Some(caution) => self.set_status(
                                format!("Opened {} read-only: it {caution}", path.display()),
                                true,
                            ),
                            None => self.set_status(
                                format!(
                                    "Opened {} ({})",
                                    path.display(),
                                    summary.trim_start_matches("ok: ")
                                ),
                                false,
                            ),
                        }
                    }
                    // The notebook already open stays open and untouched.
                    Err(error) => self.set_status(error.to_string(), true),
                },
                JobDone::Saved {
                    path,
                    state,
                    modified,
                    result,
                    then,
                } => match result {
                    Ok(()) => {
                        self.doc.mark_saved(state, path.clone(), modified);
                        self.doc.read_only = None;
                        self.remember(&path);
                        self.set_status(format!("Saved {}", path.display()), false);
                        if let Some(then) = then {
                            self.proceed(then);
                        }
                    }
                    Err(error) => self.set_status(format!("Not saved: {error}"), true),
                },
            }
        }
    }

    /// Copies unsaved work to the recovery file every `every` seconds and
    /// when the window loses focus; removes the copy once nothing is unsaved.
    fn autosave(&mut self, ctx: &Context) {
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
        if !dirty {
            // The clock starts again with the next change.
            autosave.written = None;
            autosave.last_at = None;
            if autosave.on_disk {
                self.remove_recovery_copy();
            }
            return;
        }
        if autosave.written == Some(state) {
            return;
        }
        let started = *autosave.last_at.get_or_insert(now);
        let due = started + autosave.every;
        if !lost_focus && now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        autosave.written = Some(state);
        autosave.last_at = Some(now);
        autosave.on_disk = true;
        let file = autosave.file.clone();
        let recovery = store::recovery::Recovery {
            written: jiff::Timestamp::now(),
            source: self.doc.path.clone(),
            notebook: self.doc.notebook().clone(),
        };
        self.spawn("Writing a recovery copy…".into(), move |_| {
            JobDone::Autosaved(store::recovery::write(&file, &recovery).map_err(|e| e.to_string()))
        });
    }

    fn remove_recovery_copy(&mut self) {
        let Some(autosave) = self.autosave.as_mut() else {
            return;
        };
        autosave.on_disk = false;
        if let Err(error) = store::recovery::remove(&autosave.file) {
            log::warn!("cannot remove {}: {error}", autosave.file.display());
        }
    }

    /// Shows the next left-behind copy, if any, else closes the offer.
    fn next_recovery(&mut self) {
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
    fn restore(&mut self, file: &Path) {
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
        self.replace_doc(Document::new(recovery.notebook, source.clone()));
        self.doc.mark_unsaved();
        self.view = View::default();
        self.view.reader.article = self.doc.notebook().articles.first().map(|a| a.id);
        if let Some(autosave) = self.autosave.as_mut() {
            match std::fs::rename(file, &autosave.file) {
                Ok(()) => {
                    autosave.on_disk = true;
                    autosave.written = Some(self.doc.state());
                }
                Err(error) => log::warn!("cannot take over {}: {error}", file.display()),
            }
        }
        let from = source.map_or_else(|| "a new notebook".to_owned(), |p| p.display().to_string());
        self.set_status(
            format!("Restored unsaved work on {from}: save it to keep it"),
            false,
        );
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// Asks for a path by typing it: there is no file dialog to ask with.
    fn offer_typed_path(&mut self, purpose: PathPurpose, text: String) {
        log::info!("the file dialog returned at once: offering a typed path");
        self.modal = Some(Modal::TypedPath {
            purpose,
            text,
            reason: "No file dialog is available here: type the path instead.".into(),
        });
    }

    // ---- commands ----

    fn execute(&mut self, command: Command) {
        match command {
            Command::NewNotebook => self.guard(Pending::NewNotebook),
            Command::Open => self.guard(Pending::Open),
            Command::OpenPath(path) => self.guard(Pending::OpenPath(path)),
            Command::Quit => self.guard(Pending::Quit),
            Command::Save => match self.doc.path.clone() {
                Some(path) if self.doc.read_only.is_none() => self.start_save(path, None),
                _ => self.start_pick(true, None),
            },
            Command::SaveAs => self.start_pick(true, None),
            Command::TypePath => {
                self.modal = Some(Modal::TypedPath {
                    purpose: PathPurpose::Open,
                    text: String::new(),
                    reason: String::new(),
                })
            }
            Command::Undo => {
                self.view.drafts.clear();
                match self.doc.undo() {
                    Some(label) => self.set_status(format!("Undid {label}"), false),
                    None => self.set_status("Nothing to undo", false),
                }
                self.view.forget_missing(self.doc.notebook());
            }
            Command::Redo => {
                self.view.drafts.clear();
                match self.doc.redo() {
                    Some(label) => self.set_status(format!("Redid {label}"), false),
                    None => self.set_status("Nothing to redo", false),
                }
                self.view.forget_missing(self.doc.notebook());
            }
            Command::NewArticle => {
                let article = crate::model::Article::new(
                    crate::model::ArticleId::from_uuid(uuid::Uuid::now_v7()),
                    "",
                    "",
                    jiff::Timestamp::now(),
                );
                let id = article.id;
                self.apply(Edit::PutArticle(article), None);
                self.view.open_article(id);
                self.view.reader.editing = true;
                self.view.reader.focus_title = true;
            }
            Command::EventFromSelection => {
                // The names and dates in the words fill the form; without a
                // name matcher the form starts with the words alone.
                let extractor = self.extractor().ok();
                match tagging::EventDraft::from_selection(
                    self.doc.notebook(),
                    &self.view,
                    extractor.as_deref(),
                ) {
                    Some(draft) => self.modal = Some(Modal::NewEvent(draft)),
                    None => self.set_status("Select words in an article first", true),
                }
            }
            Command::FigureFromSelection => {
                match tagging::FigureDraft::from_selection(self.doc.notebook(), &self.view) {
                    Some(draft) => self.modal = Some(Modal::NewFigure(draft)),
                    None => self.set_status("Select words in an article first", true),
                }
            }
            Command::DeleteSelected => {
                if let Some(edit) = self.view.selection.as_ref().and_then(|s| s.delete_edit()) {
                    self.apply(edit, None);
                    self.view.forget_missing(self.doc.notebook());
                }
            }
            Command::AddPlace => {
                let selected = self.selected_words();
                let place = crate::model::NotebookPlace {
                    id: crate::model::PlaceId::from_uuid(uuid::Uuid::now_v7()),
                    name: selected.unwrap_or_else(|| "New place".into()),
                    aliases: Vec::new(),
                    lat: 0.0,
                    lon: 0.0,
                };
                let id = place.id;
                self.apply(Edit::PutPlace(place), None);
                self.view.select(Selection::Place(id));
                self.set_status(
                    "Set the place's latitude and longitude in the inspector",
                    false,
                );
            }
            Command::AddActor => {
                let actor = crate::model::NotebookActor {
                    id: crate::model::ActorId::from_uuid(uuid::Uuid::now_v7()),
                    name: self.selected_words().unwrap_or_else(|| "New actor".into()),
                    aliases: Vec::new(),
                };
                let id = actor.id;
                self.apply(Edit::PutActor(actor), None);
                self.view.select(Selection::Actor(id));
            }
            Command::Export(format) => self.start_export_pick(format),
            Command::ImportFiles => self.start_import_pick(false),
            Command::ImportFolder => self.start_import_pick(true),
            Command::ImportPaths(paths) => self.start_import(paths),
            Command::CancelImport => {
                if let Some(import) = &self.import {
                    import.cancel.store(true, Ordering::Relaxed);
                }
            }
            Command::ProposeForArticle => self.propose_for_open_article(),
            Command::AcceptProposal(id) => {
                let choice = self.view.series_choices.get(&id).cloned();
                let category = self.view.category_choices.get(&id).copied();
                match import::accept_edit(self.doc.notebook(), id, choice.as_ref(), category) {
                    Ok(edit) => {
                        let made = accepted_item(&edit);
                        let next = review::next_after(self.doc.notebook(), &self.view, id);
                        self.apply(edit, None);
                        // Review goes on with the next proposal; with none left, show what was made.
                        match next.map(Selection::Proposal).or(made) {
                            Some(selection) => self.view.select(selection),
                            None => self.view.selection = None,
                        }
                        self.set_status("Accepted", false);
                    }
                    Err(error) => self.set_status(format!("Cannot accept: {error}"), true),
                }
            }
            Command::DateArticle(article, date) => self.date_article(article, date),
            Command::AcceptSentence(id) => {
                let ids = import::same_sentence(self.doc.notebook(), id);
                match import::accept_all_edit(self.doc.notebook(), &ids) {
                    Ok(edit) => {
                        self.apply(edit, None);
                        self.set_status(format!("Accepted {} proposals", ids.len()), false);
                    }
                    Err(error) => self.set_status(format!("Cannot accept: {error}"), true),
                }
            }
            Command::RejectProposal(id) => {
                let next = review::next_after(self.doc.notebook(), &self.view, id);
                match self.doc.apply(Edit::DeleteProposal(id), None) {
                    Ok(()) => {
                        if let Some(next) = next {
                            self.view.select(Selection::Proposal(next));
                        }
                        self.set_status("Rejected (Ctrl+Z brings it back)", false);
                    }
                    Err(error) => {
                        self.set_status(format!("Could not reject: {error}"), true);
                    }
                }
            }
            Command::ToggleLists => self.view.hidden.lists = !self.view.hidden.lists,
            Command::ToggleInspector => self.view.hidden.inspector = !self.view.hidden.inspector,
            Command::ToggleReader => self.view.hidden.reader = !self.view.hidden.reader,
            Command::OpenPalette => {
                self.palette = match self.palette {
                    Some(_) => None,
                    None => Some(super::palette::Palette::default()),
                }
            }
            Command::FitTimeline => self.view.timeline.fit(self.doc.notebook()),
            Command::ZoomIn => self.view.timeline.zoom(0.5),
            Command::ZoomOut => self.view.timeline.zoom(2.0),
            Command::PanLeft => self.view.timeline.pan(-0.2),
            Command::PanRight => self.view.timeline.pan(0.2),
            Command::JumpToStart => self.view.timeline.jump(self.doc.notebook(), false),
            Command::JumpToEnd => self.view.timeline.jump(self.doc.notebook(), true),
            Command::WindowFromView => {
                if let Some((min, max)) = self.view.timeline.x_range {
                    let first = crate::timeline::x_date(min);
                    let last = crate::timeline::x_date(max - 0.5).max(first);
                    self.view.timeline.filter.window = Some((first, last));
                    self.set_status(format!("Window: {first} to {last}"), false);
                }
            }
            Command::ClearWindow => self.view.timeline.filter.window = None,
            Command::SettleConflict(index, side) => {
                match store::merge::resolve(self.doc.notebook(), index, side) {
                    Ok(edit) => {
                        self.apply(edit, None);
                        let left = self.doc.notebook().conflicts.len();
                        // The next conflict, if any is left.
                        self.view.selection = match left {
                            0 => None,
                            _ => Some(Selection::Conflict(index.min(left - 1))),
                        };
                        self.set_status(format!("Settled; {left} conflicts left"), false);
                    }
                    Err(error) => self.set_status(format!("Cannot settle: {error}"), true),
                }
            }
        }
    }

    /// The words selected in the reader, on one line, if short enough to be a name.
    fn selected_words(&self) -> Option<String> {
        let article = self.doc.notebook().article(self.view.reader.article?)?;
        let (start, end) = self.view.reader.selection?;
        let words = article
            .text
            .get(start..end)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!words.is_empty() && words.len() < 80).then_some(words)
    }

    /// Runs extraction on the article in the reader and adds what it finds
    /// (that is not already proposed or accepted at the same words) as proposals.
    fn propose_for_open_article(&mut self) {
        let Some(article) = self
            .view
            .reader
            .article
            .and_then(|id| self.doc.notebook().article(id))
            .cloned()
        else {
            return self.set_status("Open an article first", true);
        };
        let extractor = match self.extractor() {
            Ok(extractor) => extractor,
            Err(error) => return self.set_status(error, true),
        };
        let today = jiff::tz::TimeZone::UTC
            .to_datetime(jiff::Timestamp::now())
            .date();
        let reference = crate::extract::reference_date(article.published, today);
        let notebook = self.doc.notebook();
        let taken: Vec<(usize, usize)> = crate::ui::reader::evidence_spans(notebook, article.id)
            .into_iter()
            .chain(
                notebook
                    .proposals
                    .iter()
                    .filter(|p| p.evidence.article == article.id)
                    .map(|p| (p.evidence.start, p.evidence.end)),
            )
            .collect();
        let fresh: Vec<Edit> = import::propose(&article, &extractor, reference)
            .into_iter()
            .filter(|p| {
                !taken
                    .iter()
                    .any(|&(s, e)| s <= p.evidence.start && p.evidence.end <= e)
            })
            .map(Edit::PutProposal)
            .collect();
        let count = fresh.len();
        if count > 0 {
            self.apply(Edit::Batch(fresh), None);
        }
        self.set_status(
            format!("Found {count} new proposals in this article"),
            false,
        );
    }

    /// Gives an article its date, and its waiting proposals their dates
    /// worked out from it, as one undo step.
    fn date_article(
        &mut self,
        article: crate::model::ArticleId,
        date: Option<crate::model::PartialDate>,
    ) {
        // Without an extractor the date is still set; its proposals keep theirs.
        let extractor = self.extractor();
        if let Err(error) = &extractor {
            self.set_status(format!("Proposals keep their dates: {error}"), true);
        }
        let extractor = extractor.ok();
        match import::date_article_edit(self.doc.notebook(), article, date, extractor.as_deref()) {
            // Keyed like the reader's field, so typing a date is one step.
            Ok(edit) => self.apply(edit, Some(format!("article:{article}:published"))),
            Err(error) => self.set_status(format!("Cannot set the date: {error}"), true),
        }
    }

    /// Runs `then` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::UnsavedChanges { then });
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::NewNotebook => {
                self.replace_doc(Document::new(empty_notebook(), None));
                self.view = View::default();
                self.set_status("New notebook", false);
            }
            Pending::Open => self.start_pick(false, None),
            Pending::OpenPath(path) => self.start_load(path),
            Pending::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn apply(&mut self, edit: Edit, coalesce: Option<String>) {
        if let Err(error) = self.doc.apply(edit, coalesce) {
            self.set_status(format!("Could not change the notebook: {error}"), true);
        }
    }

    // ---- the frame ----

    fn collect_shortcuts(&mut self, ctx: &Context) {
        // Any text widget with the keyboard, the reader included, owns bare
        // keys (arrows move its cursor); only editable fields own Ctrl+Z.
        let text_focused = ctx.egui_wants_keyboard_input();
        let typing = text_focused && ctx.memory(|m| m.focused()) != self.view.reader.text_id;
        let modal_open = self.modal.is_some() || self.palette.is_some();
        ctx.input_mut(|input| {
            for command in Command::with_shortcuts() {
                let Some(shortcut) = command.shortcut() else {
                    continue;
                };
                let owned_by_text = (text_focused && command.is_bare_key())
                    || (typing && matches!(command, Command::Undo | Command::Redo));
                if owned_by_text || (modal_open && command.is_bare_key()) {
                    continue;
                }
                if input.consume_shortcut(&shortcut) {
                    self.commands.push(command);
                }
            }
            if !text_focused && !modal_open && input.consume_key(egui::Modifiers::NONE, Key::Delete)
            {
                match self.view.selection {
                    Some(Selection::Proposal(id)) => {
                        self.commands.push(Command::RejectProposal(id))
                    }
                    _ => self.commands.push(Command::DeleteSelected),
                }
            }
            // Enter accepts the proposal under review.
            if !text_focused
                && !modal_open
                && let Some(Selection::Proposal(id)) = self.view.selection
                && input.consume_key(egui::Modifiers::NONE, Key::Enter)
            {
                self.commands.push(Command::AcceptProposal(id));
            }
            // Ctrl+Y is redo too, as on Windows.
            if !typing
                && input.consume_shortcut(&egui::KeyboardShortcut::new(
                    egui::Modifiers::COMMAND,
                    Key::Y,
                ))
            {
                self.commands.push(Command::Redo);
            }
        });
    }

    fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::UnsavedChanges {
                then: Pending::Quit,
            });
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
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
                ui.separator();
                self.menu_item(ui, Command::FitTimeline, true);
                self.menu_item(ui, Command::ZoomIn, true);
                self.menu_item(ui, Command::ZoomOut, true);
                self.menu_item(ui, Command::PanLeft, true);
                self.menu_item(ui, Command::PanRight, true);
                self.menu_item(ui, Command::JumpToStart, true);
                self.menu_item(ui, Command::JumpToEnd, true);
                ui.separator();
                self.menu_item(ui, Command::WindowFromView, true);
                let windowed = self.view.timeline.filter.window.is_some();
                self.menu_item(ui, Command::ClearWindow, windowed);
                ui.separator();
                self.menu_item(ui, Command::OpenPalette, true);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, command: Command, enabled: bool) {
        self.labelled_item(ui, command.clone(), command.label(), enabled);
    }

    fn labelled_item(&mut self, ui: &mut Ui, command: Command, label: &str, enabled: bool) {
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

    fn status_bar(&mut self, ui: &mut Ui) {
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
            } else if let Some((job, label)) = self.running.last() {
                ui.spinner();
                ui.label(label);
                if let Some((_, progress)) = self.store_progress.filter(|(id, _)| id == job) {
                    store_progress_bar(ui, progress);
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
                ui.weak(format!(
                    "{} · {} articles · {} events · {} figures",
                    self.doc.display_name(),
                    notebook.articles.len(),
                    notebook.events.len(),
                    notebook.observation_count()
                ));
            });
        });
    }

    fn modals(&mut self, ctx: &Context, out: &mut Out) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let mut close = false;
        match modal {
            Modal::Recover(found) => {
                let Some(first) = found.first() else {
                    self.modal = None;
                    return;
                };
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-recover")).show(ctx, |ui| {
                        ui.heading("Unsaved work from an earlier session");
                        match &first.recovery {
                            Ok(recovery) => {
                                let from = recovery.source.as_ref().map_or_else(
                                    || "a notebook never saved".to_owned(),
                                    |p| p.display().to_string(),
                                );
                                ui.label(format!(
                                    "Sitrep stopped without saving “{}”, from {from}.",
                                    recovery.notebook.meta.title
                                ));
                                ui.label(format!(
                                    "The copy was written {} UTC and holds {}.",
                                    recovery.written.strftime("%Y-%m-%d %H:%M:%S"),
                                    store::summary(&recovery.notebook).trim_start_matches("ok: ")
                                ));
                            }
                            Err(error) => {
                                ui.label(format!("A recovery copy cannot be read: {error}"));
                            }
                        }
                        ui.horizontal(|ui| {
                            if first.recovery.is_ok() && ui.button("Restore").clicked() {
                                out.after_modal = Some(AfterModal::Restore(first.file.clone()));
                            }
                            if ui.button("Discard").clicked() {
                                out.after_modal =
                                    Some(AfterModal::DiscardRecovery(first.file.clone()));
                            }
                            if ui.button("Decide later").clicked() {
                                out.after_modal = Some(AfterModal::KeepRecovery);
                            }
                        });
                    });
                // Escape or a click outside keeps the copy for next time.
                if response.should_close() && out.after_modal.is_none() {
                    out.after_modal = Some(AfterModal::KeepRecovery);
                }
            }
            Modal::UnsavedChanges { then } => {
                let name = self.doc.display_name();
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-unsaved")).show(ctx, |ui| {
                        ui.heading("Unsaved changes");
                        ui.label(format!("Save the changes to {name} first?"));
                        ui.horizontal(|ui| {
                            if ui.button("Save").clicked() {
                                out.after_modal = Some(AfterModal::SaveThen(then.clone()));
                            }
                            if ui.button("Discard").clicked() {
                                out.after_modal = Some(AfterModal::Proceed(then.clone()));
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
                close |= response.should_close() || out.after_modal.is_some();
            }
            Modal::TypedPath {
                purpose,
                text,
                reason,
            } => {
                let response =
                    egui::Modal::new(egui::Id::unique("sitrep-typed-path")).show(ctx, |ui| {
                        ui.heading(purpose.heading());
                        if !reason.is_empty() {
                            ui.label(reason.as_str());
                        }
                        if matches!(purpose, PathPurpose::Open | PathPurpose::Save) {
                            ui.horizontal(|ui| {
                                ui.selectable_value(purpose, PathPurpose::Open, "Open");
                                ui.selectable_value(purpose, PathPurpose::Save, "Save");
                            });
                        }
                        let field = ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text(purpose.hint())
                                .desired_width(360.0),
                        );
                        let name = purpose.field_name();
                        field.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, name)
                        });
                        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        ui.horizontal(|ui| {
                            let go = ui
                                .add_enabled(!text.trim().is_empty(), egui::Button::new("OK"))
                                .clicked();
                            if (go || entered) && !text.trim().is_empty() {
                                out.after_modal = Some(AfterModal::TypedPath {
                                    purpose: *purpose,
                                    path: PathBuf::from(text.trim()),
                                });
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
                close |= response.should_close() || out.after_modal.is_some();
            }
            Modal::NewEvent(draft) => {
                let notebook = self.doc.notebook();
                close = form_modal(ctx, "sitrep-new-event", out, |ui| {
                    tagging::event_form(ui, notebook, draft)
                });
            }
            Modal::NewFigure(draft) => {
                let notebook = self.doc.notebook();
                close = form_modal(ctx, "sitrep-new-figure", out, |ui| {
                    tagging::figure_form(ui, notebook, draft)
                });
            }
        }
        if close {
            self.modal = None;
        }
    }

    fn after_frame(&mut self, out: Out) {
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
            self.apply(edit, coalesce);
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

    fn update_title(&mut self, ctx: &Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
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
        // On a small screen the side panels start narrower, so that the
        // reader and the timeline keep room; each can be dragged or hidden.
        let screen = ctx.content_rect().size();
        let hidden = self.view.hidden;
        if !hidden.lists {
            egui::Panel::left("sitrep-lists")
                .resizable(true)
                .default_size((screen.x * 0.18).clamp(160.0, 240.0))
                .show(ui, |ui| {
                    articles::show(
                        ui,
                        self.doc.notebook(),
                        self.doc.state(),
                        &mut self.view,
                        &mut out,
                    )
                });
        }
        if !hidden.inspector {
            egui::Panel::right("sitrep-inspector")
                .resizable(true)
                .default_size((screen.x * 0.22).clamp(200.0, 300.0))
                .show(ui, |ui| {
                    inspector::show(ui, self.doc.notebook(), &mut self.view, &mut out)
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if !hidden.reader {
                // A quarter of the height at first: the trends below are
                // what a notebook is opened for; drag the edge to read more.
                egui::Panel::top("sitrep-reader")
                    .resizable(true)
                    .default_size((screen.y * 0.25).clamp(140.0, 300.0))
                    .show(ui, |ui| {
                        reader::show(ui, self.doc.notebook(), &mut self.view, &mut out)
                    });
            }
            timeline_view::show(
                ui,
                self.doc.notebook(),
                self.doc.state(),
                &mut self.view,
                &mut out,
            );
        });
        self.modals(&ctx, &mut out);
        if let Some(palette) = &mut self.palette {
            match super::palette::show(&ctx, palette) {
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

/// What an accept edit made, to select it.
fn accepted_item(edit: &Edit) -> Option<Selection> {
    let Edit::Batch(parts) = edit else {
        return None;
    };
    parts.iter().rev().find_map(|part| match part {
        Edit::PutEvent(event) => Some(Selection::Event(event.id)),
        Edit::PutObservation {
            series,
            observation,
        } => Some(Selection::Observation(*series, observation.id)),
        _ => None,
    })
}

/// Shows a create-something dialog; returns whether it closed. What it
/// creates goes into `out` as one edit.
fn form_modal(
    ctx: &Context,
    id: &'static str,
    out: &mut Out,
    form: impl FnOnce(&mut Ui) -> tagging::FormResult,
) -> bool {
    let response = egui::Modal::new(egui::Id::unique(id)).show(ctx, form);
    match response.inner {
        tagging::FormResult::Done(edit) => {
            out.edits.push((*edit, None));
            true
        }
        tagging::FormResult::Cancel => true,
        tagging::FormResult::Open => response.should_close(),
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

/// A file name from a title: "Afghanistan 2021" → "afghanistan-2021".
/// Which background job a message is from.
type JobId = u64;

/// A worker's line back to the app: progress on the way, the result at the end.
struct Reporter {
    id: JobId,
    tx: Sender<(JobId, JobDone)>,
    ctx: Context,
}

impl Reporter {
    fn send(&self, done: JobDone) {
        let _ = self.tx.send((self.id, done));
        self.ctx.request_repaint();
    }

    fn progress(&self, progress: store::Progress) {
        self.send(JobDone::StoreProgress(progress));
    }
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

/// The size of pictures exported from the app, in pixels.
const EXPORT_SIZE: (u32, u32) = (1600, 900);

/// Pictures exported from the app: the timeline's shape on screen, at
/// least [`EXPORT_SIZE`] wide (for print), within what a PNG may be.
fn export_size(area: Option<(f32, f32)>) -> (u32, u32) {
    let Some((width, height)) = area.filter(|(w, h)| *w > 1.0 && *h > 1.0) else {
        return EXPORT_SIZE;
    };
    let scale = (EXPORT_SIZE.0 as f32 / width).max(1.0);
    let side = |points: f32| {
        (points * scale).round().clamp(
            crate::export::ChartOptions::MIN_SIZE as f32,
            crate::export::ChartOptions::MAX_SIZE as f32,
        ) as u32
    };
    (side(width), side(height))
}

fn slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "notebook".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::export_size;

    #[test]
    fn exported_pictures_take_the_timelines_shape_at_print_width() {
        assert_eq!(export_size(None), (1600, 900));
        assert_eq!(
            export_size(Some((800.0, 400.0))),
            (1600, 800),
            "scaled up to print width"
        );
        assert_eq!(
            export_size(Some((2000.0, 500.0))),
            (2000, 500),
            "never scaled down"
        );
        assert_eq!(
            export_size(Some((1600.0, 50.0))),
            (1600, 200),
            "within the smallest size"
        );
    }
}
