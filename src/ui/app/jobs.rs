//! Background jobs: loads, saves, file dialogs, imports and exports run on
//! the app's [`Runner`] and report back through a [`Reporter`]; the frame
//! polls what they send.

use super::*;

impl App {
    /// Runs `job` on a worker (see [`Runner`]); what it returns comes back
    /// to [`Self::poll_jobs`], and it can report progress on the way.
    pub(super) fn spawn(
        &mut self,
        label: String,
        job: impl FnOnce(&Reporter<JobDone>) -> JobDone + Send + 'static,
    ) {
        self.jobs.spawn(label, job);
    }

    pub(super) fn start_load(&mut self, path: PathBuf) {
        let shown = path.display().to_string();
        let replaces = self.doc_version();
        let cancel = Arc::new(AtomicBool::new(false));
        self.opening = Some((self.jobs.next_id(), Arc::clone(&cancel)));
        self.spawn(format!("Opening {shown}…"), move |reporter| {
            let result = store::open_with_progress(&path, &cancel, |p| store_progress(reporter, p));
            JobDone::Loaded {
                path,
                result: Box::new(result),
                replaces,
            }
        });
    }

    /// Stops the open under way: the notebook showing stays, and what the
    /// load still brings is dropped.
    pub(super) fn cancel_open(&mut self) {
        let Some((job, cancel)) = &self.opening else {
            return;
        };
        cancel.store(true, Ordering::Relaxed);
        let job = *job;
        self.jobs.finished(job);
        if self.store_progress.is_some_and(|(id, _)| id == job) {
            self.store_progress = None;
        }
        self.set_status("Open cancelled", false);
    }

    /// Which document, in which state, is showing: a load replaces only
    /// the one it was started over, never work done or restored meanwhile.
    pub(super) fn doc_version(&self) -> (u64, u64) {
        (self.doc_serial, self.doc.state())
    }

    pub(super) fn replace_doc(&mut self, doc: Document) {
        self.doc = doc;
        self.doc_serial += 1;
    }

    pub(super) fn start_save(&mut self, path: PathBuf, then: Option<Pending>) {
        if self.doc.read_only.is_some() && self.doc.path.as_deref() == Some(path.as_path()) {
            self.set_status(
                "This notebook is read-only: use Save As to keep your changes in a new file",
                true,
            );
            return;
        }
        // Shared, not copied: an edit while the save runs copies it then.
        let snapshot = Arc::clone(self.doc.shared());
        let modified = jiff::Timestamp::now();
        let state = self.doc.state();
        let shown = path.display().to_string();
        self.spawn(format!("Saving {shown}…"), move |reporter| {
            let result =
                store::save_stamped(&path, &snapshot, modified, |p| store_progress(reporter, p));
            // Let go before the app hears of it, so marking it saved copies nothing.
            drop(snapshot);
            JobDone::Saved {
                path,
                state,
                modified,
                result,
                then,
            }
        });
    }

    pub(super) fn start_pick(&mut self, saving: bool, then: Option<Pending>) {
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

    pub(super) fn extractor(&mut self) -> Result<Arc<Extractor>, String> {
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

    pub(super) fn start_export_pick(&mut self, format: crate::export::Format) {
        let dialogs = Arc::clone(&self.dialogs);
        let what = match format {
            crate::export::Format::MapSvg | crate::export::Format::MapPng => "-map",
            _ => "",
        };
        let suggested = format!(
            "{}{what}.{}",
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
        let timeline = &self.timeline;
        let notebook = self.doc.notebook();
        crate::export::Request::new(
            notebook,
            format,
            export_size(timeline.area),
            self.view.scope().clone(),
            timeline.x_range,
            self.view.scope().window,
        )
    }

    /// Writes the export on a worker thread from a snapshot of the notebook.
    pub(super) fn start_export(&mut self, path: PathBuf, format: crate::export::Format) {
        // The extension says the format; a name without the right one gets it.
        let path = if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case(format.extension()))
        {
            path
        } else {
            let mut name = path.into_os_string();
            name.push(".");
            name.push(format.extension());
            PathBuf::from(name)
        };
        let snapshot = Arc::clone(self.doc.shared());
        let request = self.export_request(format);
        let shown = path.display().to_string();
        self.spawn(format!("Exporting {shown}…"), move |_| {
            JobDone::Exported {
                result: crate::export::write(&snapshot, &path, &request),
            }
        });
    }

    pub(super) fn start_import_pick(&mut self, folder: bool) {
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
    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>) {
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
                let result = crate::workspace::import_batch::read_one(
                    &file,
                    &extractor,
                    jiff::Timestamp::now(),
                );
                results.push((file, result));
            }
            JobDone::Imported { results, cancelled }
        });
    }

    pub(super) fn finish_import(&mut self, results: Vec<(PathBuf, ImportResult)>, cancelled: bool) {
        use crate::workspace::import_batch::{self, DUPLICATE};
        self.import = None;
        let plan = import_batch::plan(self.doc.notebook(), results);
        let watcher = crate::import::watch::Watcher::new(self.doc.notebook());
        let (watched, most_watched) = plan.watched(&watcher);
        if let Some(edit) = plan.edit.clone() {
            self.apply(edit, None);
        }
        if let Some(id) = most_watched.or(plan.first_article()) {
            self.view.open_article(id);
        }
        let (articles, duplicates, undated) = (plan.added(), plan.duplicates(), plan.undated());
        let mut summary = format!(
            "Imported {} with {} to review",
            crate::model::counted(articles, "article", "articles"),
            crate::model::counted(plan.proposals(), "proposal", "proposals")
        );
        if watched > 0 {
            summary.push_str(&format!(
                "; {watched} hold watch terms (marked •, listed first of their day)"
            ));
        }
        if undated > 0 {
            summary.push_str(&format!(
                "; {undated} undated (marked in the list: give each a date before accepting its relative dates)"
            ));
        }
        if duplicates > 0 {
            summary.push_str(&format!("; {duplicates} {DUPLICATE}"));
        }
        if cancelled {
            summary.push_str("; cancelled before the end");
        }
        let problems = plan.report();
        let refused = problems.len() - duplicates;
        if let Some(first) = problems.iter().find(|p| !p.ends_with(DUPLICATE)) {
            summary.push_str(&format!("; {refused} problems, first: {first}"));
        }
        let is_error = articles == 0 && !problems.is_empty();
        self.set_status(summary, is_error);
        self.import_report = problems;
    }

    pub(super) fn poll_jobs(&mut self) {
        while let Some((job, done)) = self.jobs.poll() {
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
            self.jobs.finished(job);
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
                        autosave.clock.copied(None);
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
                JobDone::Loaded { .. }
                    if self
                        .opening
                        .take_if(|(id, _)| *id == job)
                        .is_some_and(|(_, cancel)| cancel.load(Ordering::Relaxed)) =>
                {
                    // Cancelled: the status already says so.
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
                JobDone::Loaded { path, result, .. } => match *result {
                    Ok(store::Opened { notebook, caution }) => {
                        let summary = store::summary(&notebook);
                        self.replace_doc(Document::new(notebook, Some(path.clone())));
                        self.doc.read_only = caution.as_ref().map(ToString::to_string);
                        self.panels_for_another_document();
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

    pub(super) fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// Asks for a path by typing it: there is no file dialog to ask with.
    pub(super) fn offer_typed_path(&mut self, purpose: PathPurpose, text: String) {
        log::info!("the file dialog returned at once: offering a typed path");
        self.modal = Some(Modal::TypedPath {
            purpose,
            text,
            reason: "No file dialog is available here: type the path instead.".into(),
        });
    }
}

/// Progress of an open or a save, sent to the frame.
fn store_progress(reporter: &Reporter<JobDone>, progress: store::Progress) {
    reporter.send(JobDone::StoreProgress(progress));
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

/// A file name from a title: "Afghanistan 2021" → "afghanistan-2021".
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
