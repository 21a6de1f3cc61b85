//! Evidence: the words in an article that an event or a figure stands on,
//! and whether they still match the article's text.

use super::{ArticleId, Notebook};
use serde::{Deserialize, Serialize};

/// The words in an article that support an event or a figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The article quoted.
    pub article: ArticleId,
    /// Byte offset where the quote starts in the article text.
    pub start: usize,
    /// Byte offset just past the quote.
    pub end: usize,
    /// A copy of the quoted words, so the evidence survives edits to the text.
    pub quote: String,
}

/// Whether evidence still matches the article it cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// The span holds exactly the quoted words.
    Matches,
    /// The quote is still in the text, but elsewhere (the text was edited).
    Moved {
        /// Where the quote now starts.
        start: usize,
    },
    /// The quote is no longer in the text.
    Missing,
    /// The article is not in the notebook.
    ArticleGone,
}

impl Evidence {
    /// Checks the evidence against the notebook's copy of its article.
    pub fn status(&self, notebook: &Notebook) -> EvidenceStatus {
        let Some(article) = notebook.article(self.article) else {
            return EvidenceStatus::ArticleGone;
        };
        if article.text.get(self.start..self.end) == Some(self.quote.as_str()) {
            return EvidenceStatus::Matches;
        }
        match article.text.find(&self.quote) {
            Some(start) if !self.quote.is_empty() => EvidenceStatus::Moved { start },
            _ => EvidenceStatus::Missing,
        }
    }

    /// The byte span to highlight in the article, following a moved quote.
    pub fn current_span(&self, notebook: &Notebook) -> Option<(usize, usize)> {
        match self.status(notebook) {
            EvidenceStatus::Matches => Some((self.start, self.end)),
            EvidenceStatus::Moved { start } => Some((start, start + self.quote.len())),
            EvidenceStatus::Missing | EvidenceStatus::ArticleGone => None,
        }
    }
}

/// The byte spans of every piece of evidence quoting `article`, as they
/// stand in its current text, merged and sorted: what the reader marks.
pub fn cited_spans(notebook: &Notebook, article: ArticleId) -> Vec<(usize, usize)> {
    let events = notebook.events.iter().flat_map(|e| e.evidence.iter());
    let figures = notebook
        .series
        .iter()
        .flat_map(|s| s.observations.iter().filter_map(|o| o.evidence.as_ref()));
    let mut spans: Vec<(usize, usize)> = events
        .chain(figures)
        .filter(|e| e.article == article)
        .filter_map(|e| e.current_span(notebook))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}
