//! [`Edit`]: the one way a notebook changes. Applying an edit returns its
//! inverse, so undo, redo and the dirty flag all ride on the same values.

use super::{
    ActorId, Article, ArticleId, Event, EventId, Notebook, NotebookActor, NotebookPlace,
    Observation, ObservationId, PlaceId, Proposal, ProposalId, SavedView, Series, SeriesId, ViewId,
    WatchId, WatchTerm,
};

/// A change to a notebook. `Put*` inserts an item, or replaces the one with
/// the same id; `Delete*` removes one. Collections stay sorted by id, so an
/// undone delete puts the item back exactly where it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert or replace an article.
    PutArticle(Article),
    /// Remove an article. Evidence citing it stays, shown as "article gone".
    DeleteArticle(ArticleId),
    /// Insert or replace an event.
    PutEvent(Event),
    /// Remove an event.
    DeleteEvent(EventId),
    /// Insert or replace a series, observations included.
    PutSeries(Series),
    /// Remove a series with all its observations.
    DeleteSeries(SeriesId),
    /// Insert or replace an observation in a series.
    PutObservation {
        /// The series that holds it.
        series: SeriesId,
        /// The observation.
        observation: Observation,
    },
    /// Remove an observation from a series.
    DeleteObservation {
        /// The series that holds it.
        series: SeriesId,
        /// The observation's id.
        id: ObservationId,
    },
    /// Insert or replace a proposal.
    PutProposal(Proposal),
    /// Remove a proposal (accepted or rejected).
    DeleteProposal(ProposalId),
    /// Insert or replace a place of the notebook's own gazetteer.
    PutPlace(NotebookPlace),
    /// Remove a place of the notebook's own gazetteer.
    DeletePlace(PlaceId),
    /// Insert or replace one of the notebook's own actors.
    PutActor(NotebookActor),
    /// Remove one of the notebook's own actors.
    DeleteActor(ActorId),
    /// Insert or replace a saved view.
    PutView(SavedView),
    /// Remove a saved view.
    DeleteView(ViewId),
    /// Insert or replace a watch term.
    PutWatch(WatchTerm),
    /// Remove a watch term.
    DeleteWatch(WatchId),
    /// Rename the notebook.
    SetTitle(String),
    /// Replace the list of unsettled merge conflicts.
    SetConflicts(Vec<super::Conflict>),
    /// Several edits as one step: all apply, or none.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Refuses text longer than a notebook may hold (see [`Notebook::validate`]),
    /// so that nothing saved fails to load again.
    fn check_lengths(&self) -> Result<(), EditError> {
        let too_long = |what: &str, length: usize, most: usize| {
            Err(EditError(format!(
                "the {what} is {length} bytes long; a notebook holds at most {most}"
            )))
        };
        match self {
            Edit::PutArticle(article) if article.text.len() > super::MAX_TEXT_BYTES => {
                too_long("article text", article.text.len(), super::MAX_TEXT_BYTES)
            }
            Edit::PutArticle(article) if article.title.len() > super::MAX_LINE_BYTES => {
                too_long("title", article.title.len(), super::MAX_LINE_BYTES)
            }
            Edit::PutEvent(event) if event.title.len() > super::MAX_LINE_BYTES => {
                too_long("title", event.title.len(), super::MAX_LINE_BYTES)
            }
            Edit::PutView(view) if view.name.len() > super::MAX_LINE_BYTES => {
                too_long("view name", view.name.len(), super::MAX_LINE_BYTES)
            }
            Edit::PutWatch(term) if term.term.len() > super::MAX_LINE_BYTES => {
                too_long("watch term", term.term.len(), super::MAX_LINE_BYTES)
            }
            Edit::SetTitle(title) if title.len() > super::MAX_LINE_BYTES => {
                too_long("title", title.len(), super::MAX_LINE_BYTES)
            }
            _ => Ok(()),
        }
    }
}

/// Why an edit could not apply. The notebook is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the
    /// notebook is unchanged (a failed batch rolls back what it had done).
    pub fn apply(self, notebook: &mut Notebook) -> Result<Edit, EditError> {
        self.check_lengths()?;
        Ok(match self {
            Edit::PutArticle(article) => {
                let id = article.id;
                match put(&mut notebook.articles, article, |a| a.id) {
                    Some(old) => Edit::PutArticle(old),
                    None => Edit::DeleteArticle(id),
                }
            }
            Edit::DeleteArticle(id) => Edit::PutArticle(
                delete(&mut notebook.articles, id, |a| a.id)
                    .ok_or_else(|| missing("article", id))?,
            ),
            Edit::PutEvent(event) => {
                let id = event.id;
                match put(&mut notebook.events, event, |e| e.id) {
                    Some(old) => Edit::PutEvent(old),
                    None => Edit::DeleteEvent(id),
                }
            }
            Edit::DeleteEvent(id) => Edit::PutEvent(
                delete(&mut notebook.events, id, |e| e.id).ok_or_else(|| missing("event", id))?,
            ),
            Edit::PutSeries(series) => {
                let id = series.id;
                match put(&mut notebook.series, series, |s| s.id) {
                    Some(old) => Edit::PutSeries(old),
                    None => Edit::DeleteSeries(id),
                }
            }
            Edit::DeleteSeries(id) => Edit::PutSeries(
                delete(&mut notebook.series, id, |s| s.id).ok_or_else(|| missing("series", id))?,
            ),
            Edit::PutObservation {
                series,
                observation,
            } => {
                let id = observation.id;
                let holder = series_mut(notebook, series)?;
                match put(&mut holder.observations, observation, |o| o.id) {
                    Some(old) => Edit::PutObservation {
                        series,
                        observation: old,
                    },
                    None => Edit::DeleteObservation { series, id },
                }
            }
            Edit::DeleteObservation { series, id } => {
                let holder = series_mut(notebook, series)?;
                let observation = delete(&mut holder.observations, id, |o| o.id)
                    .ok_or_else(|| missing("observation", id))?;
                Edit::PutObservation {
                    series,
                    observation,
                }
            }
            Edit::PutProposal(proposal) => {
                let id = proposal.id;
                match put(&mut notebook.proposals, proposal, |p| p.id) {
                    Some(old) => Edit::PutProposal(old),
                    None => Edit::DeleteProposal(id),
                }
            }
            Edit::DeleteProposal(id) => Edit::PutProposal(
                delete(&mut notebook.proposals, id, |p| p.id)
                    .ok_or_else(|| missing("proposal", id))?,
            ),
            Edit::PutPlace(place) => {
                let id = place.id;
                match put(&mut notebook.places, place, |p| p.id) {
                    Some(old) => Edit::PutPlace(old),
                    None => Edit::DeletePlace(id),
                }
            }
            Edit::DeletePlace(id) => Edit::PutPlace(
                delete(&mut notebook.places, id, |p| p.id).ok_or_else(|| missing("place", id))?,
            ),
            Edit::PutActor(actor) => {
                let id = actor.id;
                match put(&mut notebook.actors, actor, |a| a.id) {
                    Some(old) => Edit::PutActor(old),
                    None => Edit::DeleteActor(id),
                }
            }
            Edit::DeleteActor(id) => Edit::PutActor(
                delete(&mut notebook.actors, id, |a| a.id).ok_or_else(|| missing("actor", id))?,
            ),
            Edit::PutView(view) => {
                let id = view.id;
                match put(&mut notebook.views, view, |v| v.id) {
                    Some(old) => Edit::PutView(old),
                    None => Edit::DeleteView(id),
                }
            }
            Edit::DeleteView(id) => Edit::PutView(
                delete(&mut notebook.views, id, |v| v.id).ok_or_else(|| missing("view", id))?,
            ),
            Edit::PutWatch(term) => {
                let id = term.id;
                match put(&mut notebook.watch, term, |w| w.id) {
                    Some(old) => Edit::PutWatch(old),
                    None => Edit::DeleteWatch(id),
                }
            }
            Edit::DeleteWatch(id) => Edit::PutWatch(
                delete(&mut notebook.watch, id, |w| w.id)
                    .ok_or_else(|| missing("watch term", id))?,
            ),
            Edit::SetTitle(title) => {
                Edit::SetTitle(std::mem::replace(&mut notebook.meta.title, title))
            }
            Edit::SetConflicts(conflicts) => {
                Edit::SetConflicts(std::mem::replace(&mut notebook.conflicts, conflicts))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(notebook) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            for inverse in inverses.into_iter().rev() {
                                // Undoing what this batch just did cannot fail:
                                // every inverse names an item the batch touched.
                                let _ = inverse.apply(notebook);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }

    /// A few words for the Undo/Redo menu: "add event", "edit article".
    pub fn describe(&self, notebook: &Notebook) -> String {
        match self {
            Edit::PutArticle(a) if notebook.article(a.id).is_some() => "edit article".into(),
            Edit::PutArticle(_) => "add article".into(),
            Edit::DeleteArticle(_) => "delete article".into(),
            Edit::PutEvent(e) if notebook.event(e.id).is_some() => "edit event".into(),
            Edit::PutEvent(_) => "add event".into(),
            Edit::DeleteEvent(_) => "delete event".into(),
            Edit::PutSeries(s) if notebook.series(s.id).is_some() => "edit series".into(),
            Edit::PutSeries(_) => "add series".into(),
            Edit::DeleteSeries(_) => "delete series".into(),
            Edit::PutObservation {
                series,
                observation,
            } if notebook.observation(*series, observation.id).is_some() => "edit figure".into(),
            Edit::PutObservation { .. } => "add figure".into(),
            Edit::DeleteObservation { .. } => "delete figure".into(),
            Edit::PutProposal(p) if notebook.proposal(p.id).is_some() => "edit proposal".into(),
            Edit::PutProposal(_) => "add proposal".into(),
            Edit::DeleteProposal(_) => "reject proposal".into(),
            Edit::PutPlace(p) if notebook.place(p.id).is_some() => "edit place".into(),
            Edit::PutPlace(_) => "add place".into(),
            Edit::DeletePlace(_) => "delete place".into(),
            Edit::PutActor(a) if notebook.actor(a.id).is_some() => "edit actor".into(),
            Edit::PutActor(_) => "add actor".into(),
            Edit::DeleteActor(_) => "delete actor".into(),
            Edit::PutView(v) if notebook.view(v.id).is_some() => "update view".into(),
            Edit::PutView(_) => "save view".into(),
            Edit::DeleteView(_) => "delete view".into(),
            Edit::PutWatch(w) if notebook.watch.iter().any(|t| t.id == w.id) => {
                "edit watch term".into()
            }
            Edit::PutWatch(_) => "watch a term".into(),
            Edit::DeleteWatch(_) => "stop watching a term".into(),
            Edit::SetTitle(_) => "rename notebook".into(),
            Edit::SetConflicts(_) => "settle a merge conflict".into(),
            Edit::Batch(edits) => match edits.as_slice() {
                [only] => only.describe(notebook),
                // A batch that makes a series for a new figure reads as "add figure".
                [.., last] => last.describe(notebook),
                [] => "nothing".into(),
            },
        }
    }
}

fn missing(kind: &str, id: impl std::fmt::Display) -> EditError {
    EditError(format!("there is no {kind} {id} in this notebook"))
}

fn series_mut(notebook: &mut Notebook, id: SeriesId) -> Result<&mut Series, EditError> {
    match notebook.series.binary_search_by(|s| s.id.cmp(&id)) {
        Ok(index) => Ok(&mut notebook.series[index]),
        Err(_) => Err(missing("series", id)),
    }
}

/// Inserts `item` at its sorted place, or replaces the item with its id and returns the old one.
fn put<T, K: Ord>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) -> Option<T> {
    match items.binary_search_by(|probe| key(probe).cmp(&key(&item))) {
        Ok(index) => Some(std::mem::replace(&mut items[index], item)),
        Err(index) => {
            items.insert(index, item);
            None
        }
    }
}

fn delete<T, K: Ord>(items: &mut Vec<T>, id: K, key: impl Fn(&T) -> K) -> Option<T> {
    items
        .binary_search_by(|probe| key(probe).cmp(&id))
        .ok()
        .map(|index| items.remove(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Evidence, PartialDate, Precision, Qualifier, SeriesStyle};
    use jiff::Timestamp;
    use proptest::prelude::*;

    fn date(day: i8) -> PartialDate {
        PartialDate::day(2021, 6, day).expect("valid day")
    }

    fn article(id: u128, text: &str) -> Article {
        Article::new(
            ArticleId::from_u128(id),
            format!("article {id}"),
            text,
            Timestamp::UNIX_EPOCH,
        )
    }

    fn event(id: u128, title: &str) -> Event {
        Event {
            id: EventId::from_u128(id),
            title: title.into(),
            start: date(((id % 28) + 1) as i8),
            end: None,
            category: Category::Military,
            tags: vec![],
            place: String::new(),
            actors: vec!["Taliban".into()],
            notes: String::new(),
            evidence: vec![Evidence {
                article: ArticleId::from_u128(1),
                start: 0,
                end: 3,
                quote: "The".into(),
            }],
            confidence: None,
        }
    }

    fn series(id: u128) -> Series {
        Series {
            id: SeriesId::from_u128(id),
            name: format!("series {id}"),
            unit: "troops".into(),
            subject: "US".into(),
            denominator: None,
            style: SeriesStyle::Band,
            color: None,
            plot: String::new(),
            kind: Default::default(),
            measure: None,
            observations: vec![],
        }
    }

    fn observation(id: u128, low: f64) -> Observation {
        Observation {
            id: ObservationId::from_u128(id),
            as_of: date(22).with_precision(Precision::Day),
            low,
            high: low + 1000.0,
            best: None,
            qualifier: Qualifier::About,
            denominator: None,
            place: String::new(),
            evidence: None,
            notes: String::new(),
        }
    }

    fn proposal(id: u128, low: f64) -> Proposal {
        Proposal {
            id: ProposalId::from_u128(id),
            evidence: Evidence {
                article: ArticleId::from_u128(1),
                start: 0,
                end: 3,
                quote: "The".into(),
            },
            kind: crate::model::ProposalKind::Figure {
                figure: crate::model::FigureValue {
                    low,
                    high: low + 5.0,
                    qualifier: Qualifier::MoreThan,
                    unit: "districts".into(),
                    subject: String::new(),
                    denominator: Some(370.0),
                },
                place: String::new(),
                as_of: None,
                vague: false,
                measure: None,
                kind: Default::default(),
            },
            date_relative: false,
            place_at: None,
        }
    }

    /// Ids come from a small range so that puts often replace and deletes often hit.
    fn arb_edit() -> impl Strategy<Value = Edit> {
        let id = 0u128..6;
        let leaf = prop_oneof![
            (id.clone(), "[a-z ]{0,12}").prop_map(|(i, t)| Edit::PutArticle(article(i, &t))),
            id.clone()
                .prop_map(|i| Edit::DeleteArticle(ArticleId::from_u128(i))),
            (id.clone(), "[a-z ]{0,12}").prop_map(|(i, t)| Edit::PutEvent(event(i, &t))),
            id.clone()
                .prop_map(|i| Edit::DeleteEvent(EventId::from_u128(i))),
            id.clone().prop_map(|i| Edit::PutSeries(series(i))),
            id.clone()
                .prop_map(|i| Edit::DeleteSeries(SeriesId::from_u128(i))),
            (id.clone(), id.clone(), 0.0f64..10_000.0).prop_map(|(s, o, low)| {
                Edit::PutObservation {
                    series: SeriesId::from_u128(s),
                    observation: observation(o, low),
                }
            }),
            (id.clone(), id.clone()).prop_map(|(s, o)| Edit::DeleteObservation {
                series: SeriesId::from_u128(s),
                id: ObservationId::from_u128(o),
            }),
            "[A-Za-z ]{0,10}".prop_map(Edit::SetTitle),
            (id.clone(), 0.0f64..100.0).prop_map(|(i, low)| Edit::PutProposal(proposal(i, low))),
            id.clone()
                .prop_map(|i| Edit::DeleteProposal(ProposalId::from_u128(i))),
            (id.clone(), -80.0f64..80.0).prop_map(|(i, lat)| Edit::PutPlace(NotebookPlace {
                id: PlaceId::from_u128(i),
                name: format!("Place {i}"),
                aliases: vec![],
                lat,
                lon: 68.0,
                country: String::new(),
                scale: Default::default(),
                settled: false,
                unsure: None,
            })),
            id.clone()
                .prop_map(|i| Edit::DeletePlace(PlaceId::from_u128(i))),
            (id.clone(), "[A-Za-z]{1,8}").prop_map(|(i, name)| Edit::PutActor(NotebookActor {
                id: ActorId::from_u128(i),
                name,
                aliases: vec![],
            })),
            id.clone()
                .prop_map(|i| Edit::DeleteActor(ActorId::from_u128(i))),
        ];
        leaf.prop_recursive(2, 12, 4, |inner| {
            prop::collection::vec(inner, 0..4).prop_map(Edit::Batch)
        })
    }

    proptest! {
        #[test]
        fn every_edit_sequence_undoes_back_to_the_start_and_redoes_to_the_end(
            edits in prop::collection::vec(arb_edit(), 1..25)
        ) {
            let start = Notebook::new("n".into(), "start", Timestamp::UNIX_EPOCH);
            let mut notebook = start.clone();
            let mut undo = Vec::new();
            let mut states = vec![notebook.clone()];
            for edit in edits {
                let before = notebook.clone();
                match edit.apply(&mut notebook) {
                    Ok(inverse) => { undo.push(inverse); states.push(notebook.clone()); }
                    Err(_) => prop_assert_eq!(&notebook, &before, "a failed edit changed the notebook"),
                }
                prop_assert!(notebook.validate().is_empty());
            }
            let end = notebook.clone();
            let mut redo = Vec::new();
            while let Some(inverse) = undo.pop() {
                redo.push(inverse.apply(&mut notebook).expect("an inverse always applies"));
                states.pop();
                prop_assert_eq!(&notebook, states.last().expect("a state per edit"));
            }
            prop_assert_eq!(&notebook, &start);
            let mut sorted = notebook.clone();
            sorted.canonicalize();
            prop_assert_eq!(&notebook, &sorted, "edits keep collections sorted by id");
            while let Some(edit) = redo.pop() {
                edit.apply(&mut notebook).expect("a redo always applies");
            }
            prop_assert_eq!(&notebook, &end, "redo lands where the edits did");
        }
    }

    #[test]
    fn a_failed_batch_leaves_nothing_behind() {
        let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
        let before = notebook.clone();
        let batch = Edit::Batch(vec![
            Edit::PutSeries(series(1)),
            Edit::DeleteEvent(EventId::from_u128(9)),
        ]);
        let error = batch.apply(&mut notebook).unwrap_err();
        assert!(error.0.contains("no event"), "{error}");
        assert_eq!(notebook, before);
    }

    #[test]
    fn undo_labels_say_what_the_edit_did() {
        let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
        let add = Edit::PutEvent(event(1, "x"));
        assert_eq!(add.describe(&notebook), "add event");
        let inverse = add.apply(&mut notebook).expect("applies");
        assert_eq!(inverse.describe(&notebook), "delete event");
        assert_eq!(
            Edit::PutEvent(event(1, "y")).describe(&notebook),
            "edit event"
        );
    }
}
