//! Evidence: the words in an article that an event or a figure stands on,
//! and whether they still match the article's text.

use super::{ArticleId, EventId, Notebook, ObservationId, ProposalId, SeriesId};
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

/// A piece of evidence that no longer holds, in words: which item cites it
/// and what is wrong where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceProblem {
    /// The item that cites it.
    pub cited_by: CitedBy,
    /// That item in words: "event 0190… “Taliban take Kunduz”".
    pub item: String,
    /// What is wrong, with the span and the article.
    pub problem: String,
}

/// What cites a piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitedBy {
    /// An event.
    Event(EventId),
    /// A figure of a series.
    Figure(SeriesId, ObservationId),
    /// A proposal under review.
    Proposal(ProposalId),
}

impl std::fmt::Display for EvidenceProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.problem)
    }
}

/// Every piece of evidence in the notebook (events, figures, proposals)
/// whose span is not inside its article, not on character boundaries, or
/// not the quoted words, or whose article is gone: what `sitrep check` and
/// the app's problem list report.
pub fn evidence_problems(notebook: &Notebook) -> Vec<EvidenceProblem> {
    let mut found = Vec::new();
    let mut check = |cited_by: CitedBy, item: &dyn Fn() -> String, evidence: &Evidence| {
        if let Some(problem) = what_is_wrong(notebook, evidence) {
            found.push(EvidenceProblem {
                cited_by,
                item: item(),
                problem,
            });
        }
    };
    for event in &notebook.events {
        for evidence in &event.evidence {
            let item = || format!("event {} “{}”", event.id, short(&event.title));
            check(CitedBy::Event(event.id), &item, evidence);
        }
    }
    for series in &notebook.series {
        for observation in &series.observations {
            if let Some(evidence) = &observation.evidence {
                let item = || {
                    format!(
                        "figure {} of series “{}”",
                        observation.id,
                        short(&series.name)
                    )
                };
                check(CitedBy::Figure(series.id, observation.id), &item, evidence);
            }
        }
    }
    for proposal in &notebook.proposals {
        let item = || format!("proposal {}", proposal.id);
        check(CitedBy::Proposal(proposal.id), &item, &proposal.evidence);
    }
    found
}

/// Why `evidence` does not hold, if it does not.
fn what_is_wrong(notebook: &Notebook, evidence: &Evidence) -> Option<String> {
    let Some(article) = notebook.article(evidence.article) else {
        return Some(format!(
            "cites article {}, which is not in the notebook",
            evidence.article
        ));
    };
    let text = &article.text;
    let (start, end) = (evidence.start, evidence.end);
    // Most evidence holds: the sound case is checked first, and the words
    // for a problem are made only when there is one (a million figures).
    if start <= end && text.get(start..end) == Some(evidence.quote.as_str()) {
        return None;
    }
    let place = format!(
        "bytes {start}..{end} of article “{}”",
        short(&article.title)
    );
    let quote = short(&evidence.quote);
    if start > end {
        return Some(format!("the span ends before it starts: {place}"));
    }
    if end > text.len() {
        return Some(format!(
            "the span runs past the end of the text ({} bytes): {place}",
            text.len()
        ));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Some(format!("the span cuts a character in two: {place}"));
    }
    if text[start..end] == evidence.quote {
        return None;
    }
    Some(match text.find(&evidence.quote) {
        Some(at) if !evidence.quote.is_empty() => format!(
            "the quote “{quote}” is no longer at {place}; it is now at {at}..{}",
            at + evidence.quote.len()
        ),
        _ => format!("the quote “{quote}” is not in the text any more ({place})"),
    })
}

/// At most 40 characters of `text`, on one line.
fn short(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Category, Event, EventId};

    fn notebook_citing(start: usize, end: usize, quote: &str) -> Notebook {
        let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
        let article = Article::new(
            ArticleId::from_u128(1),
            "Crossing falls",
            "Fighters seized the crossing at dawn, officials said.",
            jiff::Timestamp::UNIX_EPOCH,
        );
        let evidence = Evidence {
            article: article.id,
            start,
            end,
            quote: quote.into(),
        };
        notebook.articles.push(article);
        notebook.events.push(Event {
            id: EventId::from_u128(2),
            title: "Crossing seized".into(),
            start: crate::model::PartialDate::parse("2024-03-01").expect("date"),
            end: None,
            category: Category::default(),
            tags: Vec::new(),
            place: String::new(),
            actors: Vec::new(),
            notes: String::new(),
            evidence: vec![evidence],
            confidence: None,
        });
        notebook
    }

    #[test]
    fn sound_evidence_has_no_problem() {
        assert!(evidence_problems(&notebook_citing(0, 8, "Fighters")).is_empty());
    }

    #[test]
    fn each_kind_of_broken_evidence_is_named_with_its_item_and_place() {
        let cases = [
            (
                0,
                99_999,
                "Fighters",
                "runs past the end of the text (53 bytes): bytes 0..99999",
            ),
            (9, 3, "seized", "ends before it starts"),
            (
                20,
                28,
                "Fighters",
                "no longer at bytes 20..28 of article “Crossing falls”; it is now at 0..8",
            ),
            (
                0,
                8,
                "Rebels",
                "the quote “Rebels” is not in the text any more",
            ),
        ];
        for (start, end, quote, expected) in cases {
            let problems = evidence_problems(&notebook_citing(start, end, quote));
            assert_eq!(problems.len(), 1, "{problems:?}");
            let line = problems[0].to_string();
            assert!(
                line.starts_with("event 00000000-0000-0000-0000-000000000002 “Crossing seized”: "),
                "{line}"
            );
            assert!(line.contains(expected), "{line}");
        }
        let mut gone = notebook_citing(0, 8, "Fighters");
        gone.articles.clear();
        assert!(
            evidence_problems(&gone)[0]
                .problem
                .contains("which is not in the notebook")
        );
    }

    #[test]
    fn a_span_inside_a_character_is_caught() {
        let mut notebook = notebook_citing(1, 3, "é");
        notebook.articles[0].set_text("Café closed.".into());
        notebook.events[0].evidence[0] = Evidence {
            article: ArticleId::from_u128(1),
            start: 4,
            end: 5,
            quote: "é".into(),
        };
        let problems = evidence_problems(&notebook);
        assert!(
            problems[0].problem.contains("cuts a character in two"),
            "{problems:?}"
        );
    }
}
