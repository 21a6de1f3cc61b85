//! The left panel's lists in order: articles newest first, events by date,
//! each series' latest figures, filtered by the search box and the
//! timeline's filters, and rebuilt only when one of those changes. A leaf:
//! it knows the notebook and the timeline's filter, no panel.

use crate::model::Notebook;

/// Figures listed under each series; the rest are on the timeline.
pub const FIGURES_LISTED: usize = 50;

/// The lists' sorted, filtered order, rebuilt only when the notebook or the filter changes.
#[derive(Debug, Default)]
pub struct ListCache {
    key: Option<(u64, String, crate::timeline::Filter)>,
    pub(super) articles: Vec<crate::model::ArticleId>,
    pub(super) events: Vec<crate::model::EventId>,
    /// Each series' latest figures, oldest first, and how many came before them.
    pub(super) figures: Vec<(Vec<crate::model::ObservationId>, usize)>,
    /// Evidence that does not hold, and the notebook revision it was found in.
    pub(super) problems: (Option<u64>, Vec<crate::model::EvidenceProblem>),
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

    /// Rebuilds the lists for the search box text and the timeline's
    /// filters; while `settling` (a window being brushed) only a change to
    /// the notebook or the search rebuilds them.
    pub fn refresh(
        &mut self,
        notebook: &Notebook,
        revision: u64,
        search: &str,
        timeline: &crate::timeline::Filter,
        settling: bool,
    ) {
        if self.problems.0 != Some(revision) {
            self.problems = (Some(revision), crate::model::evidence_problems(notebook));
        }
        let needle = search.trim().to_lowercase();
        if self
            .key
            .as_ref()
            .is_some_and(|(r, f, t)| *r == revision && *f == needle && (settling || t == timeline))
        {
            return;
        }
        let mut articles: Vec<&crate::model::Article> = notebook
            .articles
            .iter()
            .filter(|a| timeline.lists_article(a))
            .filter(|a| {
                needle.is_empty()
                    || a.title.to_lowercase().contains(&needle)
                    || a.outlet.to_lowercase().contains(&needle)
                    || a.text.to_lowercase().contains(&needle)
            })
            .collect();
        // Newest first: what came in last is what the analyst works on.
        articles.sort_by(|a, b| {
            b.published
                .map(|d| d.first_day())
                .cmp(&a.published.map(|d| d.first_day()))
        });
        self.articles = articles.into_iter().map(|a| a.id).collect();
        let mut events: Vec<&crate::model::Event> = notebook
            .events
            .iter()
            .filter(|e| timeline.lists_event(notebook, e))
            .collect();
        events.sort_by_key(|e| (e.start.first_day(), e.id));
        self.events = events.into_iter().map(|e| e.id).collect();
        self.figures = notebook
            .series
            .iter()
            .map(|series| {
                let mut latest: Vec<&crate::model::Observation> = series
                    .observations
                    .iter()
                    .filter(|o| timeline.lists_figure(notebook, o))
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
        self.key = Some((revision, needle, timeline.clone()));
    }
}
