//! The UI state the panels share: what is selected, what the reader shows,
//! where the timeline looks, what is shown. None of it is saved in the
//! notebook.

use crate::import::SeriesChoice;
use crate::model::{
    ActorId, ArticleId, Category, Edit, EventId, Notebook, ObservationId, PlaceId, ProposalId,
    SeriesId,
};
use std::collections::HashMap;

/// The item the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// An article.
    Article(ArticleId),
    /// An event.
    Event(EventId),
    /// A series.
    Series(SeriesId),
    /// A figure in a series.
    Observation(SeriesId, ObservationId),
    /// Something Sitrep proposes, waiting for review.
    Proposal(ProposalId),
    /// A place of the notebook's own gazetteer.
    Place(PlaceId),
    /// One of the notebook's own actors.
    Actor(ActorId),
    /// An unsettled merge conflict, by its place in the notebook's list.
    Conflict(usize),
}

impl Selection {
    /// Whether the item is still in the notebook.
    pub fn exists(&self, notebook: &Notebook) -> bool {
        match *self {
            Selection::Article(id) => notebook.article(id).is_some(),
            Selection::Event(id) => notebook.event(id).is_some(),
            Selection::Series(id) => notebook.series(id).is_some(),
            Selection::Observation(series, id) => notebook.observation(series, id).is_some(),
            Selection::Proposal(id) => notebook.proposal(id).is_some(),
            Selection::Place(id) => notebook.place(id).is_some(),
            Selection::Actor(id) => notebook.actor(id).is_some(),
            Selection::Conflict(index) => index < notebook.conflicts.len(),
        }
    }

    /// The edit that deletes the item.
    pub fn delete_edit(&self) -> Option<Edit> {
        Some(match *self {
            Selection::Article(id) => Edit::DeleteArticle(id),
            Selection::Event(id) => Edit::DeleteEvent(id),
            Selection::Series(id) => Edit::DeleteSeries(id),
            Selection::Observation(series, id) => Edit::DeleteObservation { series, id },
            Selection::Proposal(id) => Edit::DeleteProposal(id),
            Selection::Place(id) => Edit::DeletePlace(id),
            Selection::Actor(id) => Edit::DeleteActor(id),
            // A conflict is settled by choosing a side, not deleted.
            Selection::Conflict(_) => return None,
        })
    }
}

/// The article reader's state.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The article shown.
    pub article: Option<ArticleId>,
    /// Whether its fields are open for writing.
    pub editing: bool,
    /// Put the keyboard in the title field next frame (a new article).
    pub focus_title: bool,
    /// The selected words, as a byte span of the text.
    pub selection: Option<(usize, usize)>,
    /// Scroll to and flash this span next frame ("Show source").
    pub scroll_to: Option<(usize, usize)>,
    /// The span "Show source" last pointed at: drawn stronger.
    pub focus_span: Option<(usize, usize)>,
    /// The read-only text widget's id: keys pressed there are not typing.
    pub text_id: Option<egui::Id>,
}

/// Where the timeline looks.
#[derive(Debug, Default)]
pub struct TimelineState {
    /// The visible x range (days since 1970) as last drawn.
    pub x_range: Option<(f64, f64)>,
    /// A range to impose on the next frame (keyboard zoom, pan, fit).
    pub requested: Option<(f64, f64)>,
    /// Where each mark was drawn last frame, on screen: what a click there selects.
    pub targets: Vec<(egui::Pos2, Selection)>,
    /// What the plots draw, kept while the notebook and the zoom stay the same.
    pub cache: TimelineCache,
    /// Where a drag on the window strip started.
    pub brush_from: Option<jiff::civil::Date>,
    /// The size of the timeline on screen last frame, in points: exported
    /// pictures take its shape.
    pub area: Option<(f32, f32)>,
    /// Where the event lane's plot was on screen last frame.
    pub lane_frame: Option<egui::Rect>,
    /// Where each plot drawn last frame was on screen, and its unit.
    pub plot_frames: Vec<(String, egui::Rect)>,
}

/// The timeline's layout: an index built once per notebook state, filter
/// and lane count (on a worker for big notebooks), and what the current
/// view reads from it.
#[derive(Debug, Default)]
pub struct TimelineCache {
    /// The notebook state, filter (without its window) and most lanes the index is for.
    pub index_for: Option<IndexKey>,
    /// The plots, levels of detail and event lanes; the last one built
    /// stays in use while a newer one is built.
    pub index: Option<std::sync::Arc<crate::timeline::index::TimelineIndex>>,
    /// Counts the indexes installed, so the view knows when to re-read.
    pub index_generation: u64,
    /// An index being built on a worker.
    pub building: Option<IndexBuild>,
    /// The index wanted next for a big notebook, and since when (egui
    /// time): it is built once the notebook has held still a moment.
    pub wanted: Option<(IndexKey, f64)>,
    /// The index generation, range and width (as bits) the view was read for.
    pub view_for: Option<LanesInViewKey>,
    /// The events in view in their lanes, thinned to what the pixels can show.
    pub visible: std::sync::Arc<crate::timeline::lanes::LanesInView>,
    /// Per series, its figures in view reduced to pixel columns (dense series only).
    pub columns: std::collections::HashMap<
        crate::model::SeriesId,
        std::sync::Arc<Vec<crate::timeline::Column>>,
    >,
    /// The document state the tag list is for.
    pub tags_for: Option<u64>,
    /// Every tag in the notebook, for the tag filter.
    pub tags: std::sync::Arc<Vec<String>>,
}

impl TimelineCache {
    /// Whether a newer index is wanted or being built than the one shown.
    pub fn is_pending(&self) -> bool {
        self.building.is_some()
            || self
                .wanted
                .as_ref()
                .is_some_and(|(key, _)| Some(key) != self.index_for.as_ref())
    }
}

/// What a timeline index is built for.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexKey {
    /// The notebook state.
    pub revision: u64,
    /// The scope without its window (brushing must not rebuild the plots).
    pub filter: crate::timeline::Filter,
    /// The most event lanes.
    pub max_lanes: usize,
}

/// What the events in view were thinned for: the index, the x range and
/// the width on screen (as bits, compared exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanesInViewKey {
    /// Which index (by the count of indexes installed).
    pub generation: u64,
    /// The first and last x in view.
    pub x_range: (u64, u64),
    /// The width in pixels.
    pub width: u64,
}

/// What the map's markers were placed for.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkersKey {
    /// The notebook state.
    pub revision: u64,
    /// The scope, its place left out (every place stays on the map).
    pub filter: crate::timeline::Filter,
}

/// What the map's home view was worked out from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HomeKey {
    /// The markers (by address: new markers are a new allocation).
    pub markers: usize,
    /// Whether the outlines were read (a country's extent is known then).
    pub outlines_ready: bool,
}

/// How many proposals share a proposal's sentence, and for what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSiblings {
    /// The notebook state counted in.
    pub revision: u64,
    /// The proposal.
    pub proposal: ProposalId,
    /// How many share its sentence.
    pub count: usize,
}

/// A timeline index being built on a worker; dropping it asks the worker
/// to stop.
#[derive(Debug)]
pub struct IndexBuild {
    /// What it is built for.
    pub key: IndexKey,
    /// The worker (its result is `None` if it stopped).
    pub task: super::runner::Task<Option<crate::timeline::index::TimelineIndex>>,
}

impl MapState {
    /// The map for another document: its markers and view go, while the
    /// country outlines, which belong to no notebook, stay.
    pub fn for_another_document(&mut self) {
        let outlines = match std::mem::take(&mut self.outlines) {
            ready @ OutlinesLoad::Ready(_) => ready,
            _ => OutlinesLoad::NotStarted,
        };
        *self = MapState {
            outlines,
            ..MapState::default()
        };
    }
}

impl TimelineState {
    /// Shows everything dated in the notebook; an empty one shows this year.
    pub fn fit(&mut self, notebook: &Notebook) {
        self.requested = crate::timeline::data_range(notebook).or_else(|| {
            let year = crate::extract::today().year();
            let first = jiff::civil::Date::new(year, 1, 1).ok()?;
            let last = jiff::civil::Date::new(year, 12, 31).ok()?;
            Some((
                crate::timeline::day_x(first),
                crate::timeline::day_x(last) + 1.0,
            ))
        });
    }

    /// Zooms around the middle: a factor below 1 zooms in.
    pub fn zoom(&mut self, factor: f64) {
        if let Some((min, max)) = self.requested.or(self.x_range) {
            let middle = (min + max) / 2.0;
            let half = ((max - min) / 2.0 * factor).clamp(0.5, 365.0 * 200.0);
            self.requested = Some((middle - half, middle + half));
        }
    }

    /// Moves to the start (or the end) of what the notebook dates, keeping the zoom.
    pub fn jump(&mut self, notebook: &Notebook, to_end: bool) {
        let (Some((min, max)), Some((data_min, data_max))) = (
            self.requested.or(self.x_range),
            crate::timeline::data_range(notebook),
        ) else {
            return;
        };
        let width = max - min;
        self.requested = Some(if to_end {
            (data_max - width, data_max)
        } else {
            (data_min, data_min + width)
        });
    }

    /// Pans by a fraction of the visible width (negative: towards the past).
    pub fn pan(&mut self, fraction: f64) {
        if let Some((min, max)) = self.requested.or(self.x_range) {
            let shift = (max - min) * fraction;
            self.requested = Some((min + shift, max + shift));
        }
    }
}

/// The review form's own state: what the analyst picked for proposals not
/// yet accepted, and how many share the selected one's sentence.
#[derive(Debug, Default)]
pub struct ReviewState {
    /// The series the analyst picked for a figure proposal, before accepting.
    pub series_choices: HashMap<ProposalId, SeriesChoice>,
    /// The category picked for an event proposal, before accepting.
    pub category_choices: HashMap<ProposalId, Category>,
    /// How many proposals share the selected proposal's sentence, for the
    /// document state and proposal it was counted for (it re-reads the article).
    pub sentence_siblings: Option<SentenceSiblings>,
}

/// The lists panel's own state: its search, its watch switch and its
/// sorted lists.
#[derive(Debug, Default)]
pub struct ListsState {
    /// The article list's search text.
    pub search: String,
    /// List only the articles that hold a watch term.
    pub watched_only: bool,
    /// The sorted, narrowed lists.
    pub lists: super::lists::ListCache,
}

/// Everything the UI remembers between frames that is not the notebook.
#[derive(Debug, Default)]
pub struct UiState {
    /// The inspector's item.
    pub selection: Option<Selection>,
    /// The reader.
    pub reader: ReaderState,
    /// Text typed into fields that must parse (dates, numbers) and does not
    /// yet: kept here so a half-typed date is not thrown away.
    pub drafts: HashMap<String, String>,
    /// The document state this frame draws (set by the app each frame).
    pub revision: u64,
    /// The evidence spans of one article and how many items cite it, for the
    /// document state they were counted in: found by scanning every event and
    /// figure, so not every frame.
    pub citations: Option<Citations>,
    /// Which panels the analyst has hidden to give the timeline room.
    pub hidden: HiddenPanels,
    /// The reader folded to its title row, giving the timeline its room.
    pub reader_folded: bool,
    /// Put every panel back to its default size next frame (View → Reset layout).
    pub reset_layout: bool,
    /// Where each panel was drawn last frame.
    pub panels: PanelRects,
    /// What the timeline, the lists, the map and the exports show: read by
    /// every panel, changed only where commands are carried out
    /// ([`UiState::scope_mut`]; `tests/architecture.rs` checks).
    scope: crate::timeline::Filter,
}

/// The map's outlines, markers and view.
#[derive(Debug, Default)]
pub struct MapState {
    /// The country outlines, read once on a worker.
    pub outlines: OutlinesLoad,
    /// The notebook state and timeline filter the markers are for.
    pub markers_for: Option<MarkersKey>,
    /// The events at their places.
    pub markers: std::sync::Arc<crate::map::markers::MapMarkers>,
    /// Where the map looks; `None` until first drawn (the whole world).
    pub frame: Option<MapFrame>,
    /// The markers drawn last frame: where, and which (index into `markers`).
    pub drawn: Vec<(egui::Pos2, usize)>,
    /// Where the map was on screen last frame.
    pub rect: Option<egui::Rect>,
    /// The panel size the whole world was last fitted to.
    pub fitted_to: Option<egui::Vec2>,
    /// Whether it was last fitted with the outlines read.
    pub fitted_outlines: bool,
    /// Whether the analyst has panned or zoomed since the map was fitted.
    pub moved: bool,
    /// Where a Shift+drag box selection began, while one is drawn.
    pub box_from: Option<egui::Pos2>,
    /// The markers wait for the gazetteer, still being read.
    pub awaiting_places: bool,
    /// Whether the pointer was over the map last frame: the view keys
    /// (+, -, arrows, F) then move the map, not the timeline.
    pub hovered: bool,
    /// Where the map opens and returns to, and what it was worked out from
    /// (the markers, and whether the outlines were read).
    pub home: Option<([f64; 4], HomeKey)>,
    /// Where the map was right-clicked, `[longitude, latitude]`: the
    /// context menu puts the selected item's place there.
    pub pinned: Option<[f64; 2]>,
}

impl MapState {
    /// Zooms in by `factor` (2 doubles the size of everything) about the middle.
    pub fn zoom(&mut self, factor: f64) {
        self.moved = true;
        if let Some(frame) = &mut self.frame {
            frame.scale = (frame.scale * factor).clamp(1e-3, MAX_MAP_POINTS_PER_DEGREE);
        }
    }

    /// Moves the view by `fraction` of its width (negative: westwards).
    pub fn pan(&mut self, fraction: f64) {
        self.moved = true;
        if let (Some(frame), Some(rect)) = (&mut self.frame, self.rect) {
            frame.center[0] += fraction * f64::from(rect.width()) / frame.scale;
        }
    }
}

/// How far in the map zooms: a degree at most this many points.
pub const MAX_MAP_POINTS_PER_DEGREE: f64 = 2_000.0;

/// Where the map looks: the projected point (degrees) at the middle of the
/// panel and how many points a projected degree takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapFrame {
    /// The projected point at the middle.
    pub center: [f64; 2],
    /// Points per projected degree.
    pub scale: f64,
}

/// The country outlines, as far as they are read.
#[derive(Debug, Default)]
pub enum OutlinesLoad {
    /// Not asked for yet.
    #[default]
    NotStarted,
    /// Being read (and projected) on a worker.
    Loading(super::runner::Task<Result<std::sync::Arc<crate::map::ProjectedOutlines>, String>>),
    /// Read and projected.
    Ready(std::sync::Arc<crate::map::ProjectedOutlines>),
    /// Could not be read: why.
    Failed(String),
}

/// Panels hidden from the window (View menu): a small screen can give the
/// timeline all its room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HiddenPanels {
    /// The article, event and figure lists.
    pub lists: bool,
    /// The inspector.
    pub inspector: bool,
    /// The reader.
    pub reader: bool,
    /// The map beside the timeline.
    pub map: bool,
}

/// Where each panel was on screen last frame (`None`: not shown).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PanelRects {
    /// The article, event and figure lists.
    pub lists: Option<egui::Rect>,
    /// The inspector.
    pub inspector: Option<egui::Rect>,
    /// The reader.
    pub reader: Option<egui::Rect>,
    /// The timeline: the event lane and the plots.
    pub timeline: Option<egui::Rect>,
    /// The map.
    pub map: Option<egui::Rect>,
}

/// What cites an article.
#[derive(Debug, Clone)]
pub struct Citations {
    /// The document state they were counted in.
    pub revision: u64,
    /// The article.
    pub article: ArticleId,
    /// Merged, sorted evidence spans in its text.
    pub spans: Vec<(usize, usize)>,
    /// Events and figures that cite it.
    pub items: usize,
}

impl UiState {
    /// What is shown: "as known on", categories, tags, series, place and
    /// the window of days.
    pub fn scope(&self) -> &crate::timeline::Filter {
        &self.scope
    }

    /// What is shown, to change: for carrying out commands alone (a panel
    /// asks with [`super::Command::Scope`]).
    pub fn scope_mut(&mut self) -> &mut crate::timeline::Filter {
        &mut self.scope
    }

    /// What cites `article`, recounted only when the notebook changed.
    pub fn citations(
        &mut self,
        notebook: &Notebook,
        revision: u64,
        article: ArticleId,
    ) -> &Citations {
        let stale = self
            .citations
            .as_ref()
            .is_none_or(|c| c.revision != revision || c.article != article);
        if stale {
            let events = notebook
                .events
                .iter()
                .filter(|e| e.evidence.iter().any(|ev| ev.article == article))
                .count();
            let figures = notebook
                .series
                .iter()
                .flat_map(|s| &s.observations)
                .filter(|o| o.evidence.as_ref().is_some_and(|e| e.article == article))
                .count();
            let spans = crate::model::cited_spans(notebook, article);
            self.citations = Some(Citations {
                revision,
                article,
                spans,
                items: events + figures,
            });
        }
        self.citations.get_or_insert_with(|| Citations {
            revision,
            article,
            spans: Vec::new(),
            items: 0,
        })
    }
}

impl UiState {
    /// The state for another document: everything about the old notebook
    /// goes, while the analyst's layout (hidden and folded panels) stays.
    pub fn for_another_document(&mut self) {
        *self = UiState {
            hidden: self.hidden,
            reader_folded: self.reader_folded,
            ..UiState::default()
        };
    }

    /// Selects an item; an article also opens in the reader.
    pub fn select(&mut self, selection: Selection) {
        if let Selection::Article(id) = selection {
            self.open_article(id);
        }
        if self.selection.as_ref() != Some(&selection) {
            self.drafts.clear();
        }
        self.selection = Some(selection);
    }

    /// Shows `article` in the reader, scrolled to `span` and marking it when
    /// given: the one way the reader changes article. The selected words
    /// always go, so a span picked in one text is never applied to another.
    pub fn show_in_reader(&mut self, article: ArticleId, span: Option<(usize, usize)>) {
        if self.reader.article != Some(article) {
            self.reader = ReaderState {
                text_id: self.reader.text_id,
                ..ReaderState::default()
            };
            self.reader.article = Some(article);
        }
        self.reader.selection = None;
        self.reader.editing = false;
        self.reader.scroll_to = span;
        self.reader.focus_span = span;
    }

    /// Opens an article in the reader and selects it.
    pub fn open_article(&mut self, id: ArticleId) {
        self.show_in_reader(id, None);
        if self.selection != Some(Selection::Article(id)) {
            self.drafts.clear();
        }
        self.selection = Some(Selection::Article(id));
    }

    /// Drops references to items that are gone (after undo or delete).
    pub fn forget_missing(&mut self, notebook: &Notebook) {
        if self.selection.as_ref().is_some_and(|s| !s.exists(notebook)) {
            self.selection = None;
            self.drafts.clear();
        }
        if self
            .reader
            .article
            .is_some_and(|id| notebook.article(id).is_none())
        {
            self.reader = ReaderState {
                text_id: self.reader.text_id,
                ..ReaderState::default()
            };
        }
    }
}

/// What the panels asked for during a frame; the app carries it out after.
#[derive(Debug, Default)]
pub struct Out {
    /// Edits, each with an optional key: edits with the same key in a row merge into one undo step.
    pub edits: Vec<(Edit, Option<String>)>,
    /// Commands from buttons.
    pub commands: Vec<super::Command>,
    /// A new selection.
    pub select: Option<Selection>,
    /// End the current typing run.
    pub seal: bool,
    /// What a modal decided.
    pub after_modal: Option<super::commands::AfterModal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_notebook_shows_this_year() {
        let notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
        let mut timeline = TimelineState::default();
        timeline.fit(&notebook);
        let (min, max) = timeline.requested.expect("a range");
        let today = crate::timeline::day_x(crate::extract::today());
        assert!(min <= today && today < max, "{min}..{max} holds {today}");
        assert!(
            (365.0..=367.0).contains(&(max - min)),
            "a year: {}",
            max - min
        );
    }
}
