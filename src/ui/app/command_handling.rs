//! Carrying out [`Command`]s: each one, after the frame that asked for it.

use super::*;
use crate::model::counted;
use crate::timeline::ScopeChange;

impl App {
    // ---- commands ----

    pub(super) fn execute(&mut self, command: Command) {
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
            Command::Undo | Command::Redo => {
                let undoing = command == Command::Undo;
                self.view.drafts.clear();
                let (done, verb, noun) = match undoing {
                    true => (self.doc.undo(), "Undid", "undo"),
                    false => (self.doc.redo(), "Redid", "redo"),
                };
                match done {
                    Some(label) => self.set_status(format!("{verb} {label}"), false),
                    None => self.set_status(format!("Nothing to {noun}"), false),
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
                // Its title, typed next, is one undo step with it: undo
                // takes the new article away whole.
                self.apply(
                    Edit::PutArticle(article),
                    Some(format!("article:{id}:title")),
                );
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
                // Read as an import reads it; without an extractor, the
                // words alone.
                let extractor = self.extractor().ok();
                match tagging::FigureDraft::from_selection(
                    self.doc.notebook(),
                    &self.view,
                    extractor.as_deref(),
                ) {
                    Some(draft) => self.modal = Some(Modal::NewFigure(draft)),
                    None => self.set_status("Select words in an article first", true),
                }
            }
            Command::DeleteSelected
                if matches!(self.view.selection, Some(Selection::Proposal(_))) =>
            {
                if let Some(Selection::Proposal(id)) = self.view.selection {
                    self.execute(Command::RejectProposal(id));
                }
            }
            Command::AcceptSelected => {
                if let Some(Selection::Proposal(id)) = self.view.selection {
                    self.execute(Command::AcceptProposal(id));
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
                    country: String::new(),
                    scale: Default::default(),
                    settled: false,
                    unsure: None,
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
            Command::CancelOpen => self.cancel_open(),
            Command::ProposeForArticle => self.propose_for_open_article(),
            Command::AcceptProposal(id) => {
                let choice = self.review.series_choices.get(&id).cloned();
                let category = self.review.category_choices.get(&id).copied();
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
            Command::ShowInReader(article, span) => self.view.show_in_reader(article, span),
            Command::EditArticle(article) => {
                self.view.open_article(article);
                self.view.reader.editing = true;
            }
            Command::AcceptSentence(id) => {
                let ids = import::same_sentence(self.doc.notebook(), id);
                match import::accept_all_edit(self.doc.notebook(), &ids) {
                    Ok(edit) => {
                        self.apply(edit, None);
                        self.set_status(
                            format!("Accepted {}", counted(ids.len(), "proposal", "proposals")),
                            false,
                        );
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
            Command::ToggleMap => self.view.hidden.map = !self.view.hidden.map,
            Command::FoldReader => {
                self.view.hidden.reader = false;
                self.view.reader_folded = !self.view.reader_folded;
            }
            Command::ResetLayout => {
                self.view.hidden = Default::default();
                self.view.reader_folded = false;
                self.view.reset_layout = true;
                self.set_status("Every panel is back at its default size", false);
            }
            Command::NameView => {
                self.modal = Some(Modal::NameView {
                    text: String::new(),
                })
            }
            Command::OpenPalette => {
                self.palette = match self.palette {
                    Some(_) => None,
                    None => Some(crate::ui::palette::Palette::default()),
                }
            }
            Command::FitMap => self.map.frame = None,
            Command::MapZoomIn => self.map.zoom(2.0),
            Command::MapZoomOut => self.map.zoom(0.5),
            Command::MapPanLeft => self.map.pan(-0.2),
            Command::MapPanRight => self.map.pan(0.2),
            Command::FitTimeline => self.timeline.fit(self.doc.notebook()),
            Command::ZoomIn => self.timeline.zoom(0.5),
            Command::ZoomOut => self.timeline.zoom(2.0),
            Command::PanLeft => self.timeline.pan(-0.2),
            Command::PanRight => self.timeline.pan(0.2),
            Command::JumpToStart => self.timeline.jump(self.doc.notebook(), false),
            Command::JumpToEnd => self.timeline.jump(self.doc.notebook(), true),
            Command::WindowFromView => {
                if let Some((min, max)) = self.timeline.x_range {
                    let first = crate::timeline::x_date(min);
                    let last = crate::timeline::x_date(max - 0.5).max(first);
                    self.view
                        .scope_mut()
                        .change(ScopeChange::Window(Some((first, last))));
                    self.set_status(format!("Window: {first} to {last}"), false);
                }
            }
            Command::ClearWindow => self.view.scope_mut().change(ScopeChange::Window(None)),
            Command::ClearFilters => {
                self.view.scope_mut().change(ScopeChange::Everything);
                self.set_status("Showing everything", false);
            }
            Command::Scope(change) => self.view.scope_mut().change(change),
            Command::ApplyView(id) => self.apply_view(id),
            Command::SaveView(name) => self.save_view(&name),
            Command::UpdateView(id) => self.update_view(id),
            Command::DeleteView(id) => self.delete_view(id),
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
    pub(super) fn selected_words(&self) -> Option<String> {
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
    pub(super) fn propose_for_open_article(&mut self) {
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
        let reference = crate::extract::reference_for(article.published);
        let notebook = self.doc.notebook();
        let taken: Vec<(usize, usize)> = crate::model::cited_spans(notebook, article.id)
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
            format!(
                "Found {} in this article",
                counted(count, "new proposal", "new proposals")
            ),
            false,
        );
    }

    /// Gives an article its date, and its waiting proposals their dates
    /// worked out from it, as one undo step.
    pub(super) fn date_article(
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
    pub(super) fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::UnsavedChanges { then });
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Pending) {
        match then {
            Pending::NewNotebook => {
                self.replace_doc(Document::new(empty_notebook(), None));
                self.panels_for_another_document();
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

    pub(super) fn apply(&mut self, edit: Edit, coalesce: Option<String>) {
        if let Err(error) = self.doc.apply(edit, coalesce) {
            self.set_status(format!("Could not change the notebook: {error}"), true);
        }
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
