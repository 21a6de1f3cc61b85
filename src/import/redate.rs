//! Proposals whose dates hang on the article's own ("on Tuesday", "May 1",
//! or a figure as of publication) follow that date: while the article has
//! none they wait, unaccepted, since the day of import stood in for it, and
//! when the analyst gives or corrects it they are worked out again from it.

use super::propose;
use crate::extract::{self, Extractor};
use crate::model::{ArticleId, DateSource, Edit, Notebook, PartialDate, Proposal, ProposalKind};

/// Why `proposal` cannot be accepted yet, if its date hangs on a date its
/// article does not give.
pub fn waits_for_article_date(notebook: &Notebook, proposal: &Proposal) -> Option<&'static str> {
    let undated = notebook
        .article(proposal.evidence.article)
        .is_some_and(|a| a.published.is_none());
    (proposal.date_relative && undated).then_some(
        "the article has no date, so this proposal's date was reckoned from the day of import: set the article's date first",
    )
}

/// The edit that gives article `id` the date `published` (as the analyst's
/// word) and works out again, from it, the dates of its proposals that hang
/// on it, as one step. The proposals keep every other correction. Without
/// an extractor only the article's date changes.
pub fn date_article_edit(
    notebook: &Notebook,
    id: ArticleId,
    published: Option<PartialDate>,
    extractor: Option<&Extractor>,
) -> Result<Edit, String> {
    let mut article = notebook.article(id).ok_or("the article is gone")?.clone();
    article.published = published;
    article.published_from = published.map(|_| DateSource::Analyst);
    let mut edits = Vec::new();
    let following: Vec<&Proposal> = notebook
        .proposals
        .iter()
        .filter(|p| p.evidence.article == id && p.date_relative)
        .collect();
    if let Some(published) = published
        && let Some(extractor) = extractor
        && !following.is_empty()
    {
        let reference = extract::reference_date(Some(published), published.date);
        let fresh = propose(&article, extractor, reference);
        for old in following {
            let same_words = |p: &&Proposal| {
                p.evidence.start == old.evidence.start
                    && p.evidence.end == old.evidence.end
                    && std::mem::discriminant(&p.kind) == std::mem::discriminant(&old.kind)
            };
            let mut redated = old.clone();
            match (
                &mut redated.kind,
                fresh.iter().find(same_words).map(|p| &p.kind),
            ) {
                (ProposalKind::Event { date, .. }, Some(ProposalKind::Event { date: new, .. })) => {
                    *date = *new
                }
                (
                    ProposalKind::Figure { as_of, .. },
                    Some(ProposalKind::Figure { as_of: new, .. }),
                ) => *as_of = *new,
                // The text changed since: the analyst checks the date by hand.
                _ => continue,
            }
            if redated != *old {
                edits.push(Edit::PutProposal(redated));
            }
        }
    }
    edits.insert(0, Edit::PutArticle(article));
    Ok(Edit::Batch(edits))
}
