//! The left panel's lists in order: articles newest first, events by date,
//! each series' latest figures, filtered by the search box and the
//! timeline's filters, and rebuilt only when one of those changes. A leaf:
//! it knows the notebook and the timeline's filter, no panel.

use crate::import::watch::{WatchHits, Watcher};
use crate::model::{ArticleId, Notebook, WatchTerm};
use std::collections::HashMap;
use std::sync::Arc;

/// Figures listed under each series; the rest are on the timeline.
pub const FIGURES_LISTED: usize = 50;

/// The lists' sorted, filtered order, rebuilt only when the notebook or the filter changes.
#[derive(Debug, Default)]
pub struct ListCache {
    key: Option<ListsKey>,
    pub(super) articles: Vec<crate::model::ArticleId>,
    pub(super) events: Vec<crate::model::EventId>,
    /// Each series' latest figures, oldest first, and how many came before them.
    pub(super) figures: Vec<(Vec<crate::model::ObservationId>, usize)>,
    /// Evidence that does not hold, and the notebook revision it was found in.
    pub(super) problems: (Option<u64>, Vec<crate::model::EvidenceProblem>),
    /// The watch terms at work and what each article holds of them.
    pub(super) watch: WatchCache,
}

/// What the lists were sorted and narrowed for.
#[derive(Debug, PartialEq)]
struct ListsKey {
    /// The notebook state.
    revision: u64,
    /// The search box's text, lower case.
    needle: String,
    /// The scope.
    filter: crate::timeline::Filter,
    /// Only the articles that hold a watch term.
    watched_only: bool,
}

/// The watch terms' matcher and each article's hits. An article is searched
/// again only when its text (its SHA-256) or the terms change.
#[derive(Debug, Default)]
pub struct WatchCache {
    /// What the matcher was built from: the terms, and how many places and
    /// actors the notebook teaches (their names are spellings of terms).
    built_from: Option<(Vec<WatchTerm>, usize, usize)>,
    /// The matcher; `None` while nothing is watched.
    pub(super) watcher: Option<Arc<Watcher>>,
    /// Each article's hits, with the SHA-256 of the text they were found in.
    hits: HashMap<ArticleId, (String, WatchHits)>,
    /// How many articles hold each term, in term order.
    pub(super) articles_per_term: Vec<usize>,
    /// How many articles hold some term.
    pub(super) watched: usize,
}

impl WatchCache {
    /// What an article holds of the watch terms (nothing when nothing is watched).
    pub fn hits(&self, id: ArticleId) -> Option<&WatchHits> {
        self.hits
            .get(&id)
            .map(|(_, hits)| hits)
            .filter(|h| !h.is_empty())
    }

    /// Brings the matcher and the hits up to date with the notebook.
    fn refresh(&mut self, notebook: &Notebook) {
        let from = (
            notebook.watch.clone(),
            notebook.places.len(),
            notebook.actors.len(),
        );
        if self.built_from.as_ref() != Some(&from) {
            self.watcher = (!notebook.watch.is_empty()).then(|| Arc::new(Watcher::new(notebook)));
            self.hits.clear();
            self.built_from = Some(from);
        }
        let Some(watcher) = &self.watcher else {
            self.articles_per_term.clear();
            self.watched = 0;
            return;
        };
        if self.hits.len() > notebook.articles.len() {
            self.hits.retain(|id, _| notebook.article(*id).is_some());
        }
        let mut per_term = vec![0; watcher.terms().len()];
        let mut watched = 0;
        for article in &notebook.articles {
            let current = self
                .hits
                .get(&article.id)
                .is_some_and(|(sha, _)| *sha == article.sha256);
            if !current {
                let hits = watcher.hits(&article.title, &article.text);
                self.hits.insert(article.id, (article.sha256.clone(), hits));
            }
            if let Some((_, hits)) = self.hits.get(&article.id)
                && !hits.is_empty()
            {
                watched += 1;
                for (term, _) in &hits.terms {
                    if let Some(count) = per_term.get_mut(*term) {
                        *count += 1;
                    }
                }
            }
        }
        self.articles_per_term = per_term;
        self.watched = watched;
    }
}

impl ListCache {
    /// The listed events, in list order.
    pub fn events(&self) -> &[crate::model::EventId] {
        &self.events
    }

    /// The listed articles, in list order.
    pub fn articles(&self) -> &[crate::model::ArticleId] {
        &self.articles
    }

    /// Rebuilds the lists for the search box text, the timeline's filters
    /// and the "watched only" switch; while `settling` (a window being
    /// brushed) only a change to the notebook or the search rebuilds them.
    /// Articles that hold a watch term come first among those of their day.
    pub fn refresh(
        &mut self,
        notebook: &Notebook,
        revision: u64,
        (search, watched_only): (&str, bool),
        timeline: &crate::timeline::Filter,
        settling: bool,
    ) {
        if self.problems.0 != Some(revision) {
            self.problems = (Some(revision), crate::model::evidence_problems(notebook));
            self.watch.refresh(notebook);
        }
        let needle = search.trim().to_lowercase();
        // Nothing watched, nothing to narrow to.
        let watched_only = watched_only && self.watch.watcher.is_some();
        if self.key.as_ref().is_some_and(|k| {
            k.revision == revision
                && k.needle == needle
                && k.watched_only == watched_only
                && (settling || k.filter == *timeline)
        }) {
            return;
        }
        let watch = &self.watch;
        let hits = |id: ArticleId| watch.hits(id).map_or(0, WatchHits::total);
        let mut articles: Vec<&crate::model::Article> = notebook
            .articles
            .iter()
            .filter(|a| timeline.lists_article(a))
            .filter(|a| !watched_only || hits(a.id) > 0)
            .filter(|a| {
                needle.is_empty()
                    || a.title.to_lowercase().contains(&needle)
                    || a.outlet.to_lowercase().contains(&needle)
                    || a.text.to_lowercase().contains(&needle)
            })
            .collect();
        // Newest first: what came in last is what the analyst works on;
        // of one day, what holds watch terms first.
        articles.sort_by(|a, b| {
            b.published
                .map(|d| d.first_day())
                .cmp(&a.published.map(|d| d.first_day()))
                .then_with(|| hits(b.id).cmp(&hits(a.id)))
        });
        self.articles = articles.into_iter().map(|a| a.id).collect();
        let mut test = timeline.events(notebook);
        let mut events: Vec<&crate::model::Event> =
            notebook.events.iter().filter(|e| test.lists(e)).collect();
        events.sort_by_key(|e| (e.start.first_day(), e.id));
        self.events = events.into_iter().map(|e| e.id).collect();
        self.figures = notebook
            .series
            .iter()
            .map(|series| {
                let mut latest: Vec<&crate::model::Observation> = series
                    .observations
                    .iter()
                    .filter(|o| test.lists_figure(series.id, o))
                    .collect();
                let earlier = latest.len().saturating_sub(FIGURES_LISTED);
                if earlier > 0 {
                    latest.select_nth_unstable_by_key(earlier, |o| (o.as_of.first_day(), o.id));
                    latest.drain(..earlier);
                }
                latest.sort_by_key(|o| (o.as_of.first_day(), o.id));
                (latest.into_iter().map(|o| o.id).collect(), earlier)
            })
            .collect();
        self.key = Some(ListsKey {
            revision,
            needle,
            filter: timeline.clone(),
            watched_only,
        });
    }
}

/// "Event “Taliban take …”" for `events/<id>`; the raw path when the item is gone.
pub fn conflict_item_name(notebook: &Notebook, item: &str) -> String {
    let mut parts = item.split('/');
    let kind = parts.next().unwrap_or_default();
    let id = parts.next().and_then(|id| uuid::Uuid::parse_str(id).ok());
    let named = match (kind, id) {
        ("events", Some(id)) => notebook
            .event(crate::model::EventId::from_uuid(id))
            .map(|e| format!("Event “{}”", e.title)),
        ("articles", Some(id)) => notebook
            .article(crate::model::ArticleId::from_uuid(id))
            .map(|a| format!("Article “{}”", a.title)),
        ("series", Some(id)) => notebook
            .series(crate::model::SeriesId::from_uuid(id))
            .map(|s| format!("Series “{}”", s.name)),
        ("meta", _) => Some("The notebook".to_owned()),
        _ => None,
    };
    named.unwrap_or_else(|| item.to_owned())
}
