//! An import of several files as one step, the same for the app and
//! `sitrep import`: each file is read and its proposals found on its own
//! ([`read_one`], the part a worker thread runs), then the batch is planned
//! against the notebook ([`plan`]): texts it already holds, or that an
//! earlier file of the batch brought, are left out, and every new article
//! goes in as one edit, so one undo takes the whole import back.

use crate::extract::Extractor;
use crate::import::{self, ImportError, Source};
use crate::model::{ArticleId, Edit, Notebook};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// What the report says of a text the notebook already holds.
pub const DUPLICATE: &str = "already in the notebook";

/// One file read: its article and proposals as an edit, or why not.
pub type ReadResult = Result<(Source, Edit, usize), ImportError>;

/// Reads `path` and finds its proposals.
pub fn read_one(path: &Path, extractor: &Extractor, now: Timestamp) -> ReadResult {
    import::read_file(path).map(|source| {
        let (edit, proposals) = import::article_edit(&source, extractor, now);
        (source, edit, proposals)
    })
}

/// What became of one file.
#[derive(Debug)]
pub enum Outcome {
    /// Added as an article.
    Added {
        /// The article made.
        article: ArticleId,
        /// What was read, for the report.
        source: Box<Source>,
        /// How many proposals it brought.
        proposals: usize,
    },
    /// Its text is in the notebook already, or came earlier in the batch.
    Duplicate,
    /// Refused, with the one-line reason (which names the file).
    Refused(String),
}

/// A planned import: the one edit to apply and each file's outcome, in order.
#[derive(Debug, Default)]
pub struct Plan {
    /// Every new article and its proposals; `None` when nothing is new.
    pub edit: Option<Edit>,
    /// Each file and what became of it.
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Plan {
    /// Articles added.
    pub fn added(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Added { .. }))
    }

    /// Files left out as duplicates.
    pub fn duplicates(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Duplicate))
    }

    /// Files refused.
    pub fn refused(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Refused(_)))
    }

    /// Proposals brought by the added articles.
    pub fn proposals(&self) -> usize {
        self.files
            .iter()
            .map(|(_, o)| match o {
                Outcome::Added { proposals, .. } => *proposals,
                _ => 0,
            })
            .sum()
    }

    /// Added articles that came without a date.
    pub fn undated(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Added { source, .. } if source.published.is_none()))
    }

    /// How many added articles hold a watch term, and the one that holds
    /// the most (the first of those): the one to read first.
    pub fn watched(&self, watcher: &crate::import::watch::Watcher) -> (usize, Option<ArticleId>) {
        let mut holding = 0;
        let mut best: Option<(usize, ArticleId)> = None;
        for (_, outcome) in &self.files {
            if let Outcome::Added {
                article, source, ..
            } = outcome
            {
                let total = watcher.hits(&source.title, &source.text).total();
                if total > 0 {
                    holding += 1;
                    if best.is_none_or(|(most, _)| total > most) {
                        best = Some((total, *article));
                    }
                }
            }
        }
        (holding, best.map(|(_, article)| article))
    }

    /// The first article added: the one to open.
    pub fn first_article(&self) -> Option<ArticleId> {
        self.files.iter().find_map(|(_, o)| match o {
            Outcome::Added { article, .. } => Some(*article),
            _ => None,
        })
    }

    /// Every warning, duplicate and refusal, a line each naming its file,
    /// in file order: the import report.
    pub fn report(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (path, outcome) in &self.files {
            match outcome {
                Outcome::Added { source, .. } => lines.extend(
                    source
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {w}", path.display())),
                ),
                Outcome::Duplicate => {
                    lines.push(format!("{}: {DUPLICATE}", path.display()));
                }
                Outcome::Refused(reason) => lines.push(reason.clone()),
            }
        }
        lines
    }

    fn count(&self, matches: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|(_, o)| matches(o)).count()
    }
}

/// Plans the import of what was read into `notebook`.
pub fn plan(notebook: &Notebook, read: Vec<(PathBuf, ReadResult)>) -> Plan {
    let mut plan = Plan::default();
    let mut edits = Vec::new();
    let mut batch_texts: Vec<String> = Vec::new();
    for (path, result) in read {
        let outcome = match result {
            Err(error) => Outcome::Refused(error.to_string()),
            Ok((source, edit, proposals)) => {
                let normalized = import::normalize(&source.text);
                if import::is_duplicate(notebook, &source.text) || batch_texts.contains(&normalized)
                {
                    Outcome::Duplicate
                } else {
                    match added_article(&edit) {
                        Some(article) => {
                            batch_texts.push(normalized);
                            edits.push(edit);
                            Outcome::Added {
                                article,
                                source: Box::new(source),
                                proposals,
                            }
                        }
                        None => Outcome::Refused(format!("{}: nothing to add", path.display())),
                    }
                }
            }
        };
        plan.files.push((path, outcome));
    }
    plan.edit = (!edits.is_empty()).then_some(Edit::Batch(edits));
    plan
}

/// The article an import edit adds.
fn added_article(edit: &Edit) -> Option<ArticleId> {
    match edit {
        Edit::Batch(parts) => parts.iter().find_map(added_article),
        Edit::PutArticle(article) => Some(article.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_of_the_notebook_or_of_the_batch_are_left_out_and_refusals_named() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let first = write(
            "a.txt",
            b"Convoy\n\nA convoy of 40 trucks reached the camp on 3 May 2023.\n",
        );
        let again = write(
            "b.txt",
            b"Convoy\r\n\r\nA convoy of 40 trucks reached the camp on 3 May 2023.\r\n",
        );
        let binary = write("c.txt", b"\x00\x01\x02binary\x00");
        let undated = write("d.txt", b"Ferry\n\nThe ferry stopped on Tuesday.\n");
        let now = Timestamp::UNIX_EPOCH;
        let read = [&first, &again, &binary, &undated]
            .into_iter()
            .map(|p| (p.clone(), read_one(p, &extractor, now)))
            .collect();
        let notebook = Notebook::new("n".into(), "t", now);
        let plan = plan(&notebook, read);
        assert_eq!((plan.added(), plan.duplicates(), plan.refused()), (2, 1, 1));
        assert_eq!(
            plan.undated(),
            2,
            "a date in the prose is not the article's"
        );
        let report = plan.report();
        assert!(
            report[0].ends_with("b.txt: already in the notebook"),
            "{report:?}"
        );
        assert!(
            report[1].contains("c.txt") && report[1].contains("binary"),
            "{report:?}"
        );
        let mut notebook = notebook;
        plan.edit
            .clone()
            .expect("an edit")
            .apply(&mut notebook)
            .expect("applies");
        assert_eq!(notebook.articles.len(), 2);
        let convoy = notebook
            .articles
            .iter()
            .find(|a| a.title == "Convoy")
            .map(|a| a.id);
        assert_eq!(
            plan.first_article(),
            convoy,
            "the first file's article opens"
        );
        // Planned again against the notebook that now holds them: all duplicates.
        let read = [&first, &undated]
            .into_iter()
            .map(|p| (p.clone(), read_one(p, &extractor, now)))
            .collect();
        let again = super::plan(&notebook, read);
        assert_eq!(
            (again.added(), again.duplicates(), again.edit.is_none()),
            (0, 2, true)
        );
    }
}
