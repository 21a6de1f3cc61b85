//! Accepting proposals: the review rules that turn a proposal into an event
//! or a figure (on a series found or made for it), alone, by sentence or in
//! a batch, as `Edit`s.

use super::figure_entry::{FigureEntry, FigureReading, figure_edit};
use super::series_choice::SeriesChoice;
use super::waits_for_article_date;
use crate::extract;
use crate::model::{
    Edit, Event, Notebook, NotebookPlace, PlaceOption, Proposal, ProposalId, ProposalKind,
};

/// An event made from an accepted event proposal.
pub fn event_from(proposal: &Proposal) -> Option<Event> {
    let ProposalKind::Event {
        title,
        date,
        place,
        actors,
        ..
    } = &proposal.kind
    else {
        return None;
    };
    Some(Event {
        id: crate::model::EventId::from_uuid(uuid::Uuid::now_v7()),
        title: title.clone(),
        start: *date,
        end: None,
        category: crate::extract::category::guess_category(title),
        tags: Vec::new(),
        place: place.clone(),
        actors: actors.clone(),
        notes: String::new(),
        evidence: vec![proposal.evidence.clone()],
        confidence: None,
    })
}

/// The edit that accepts a proposal: the proposal goes, and an event (of
/// `category`, else of the kind its words say) or a figure (with a new
/// series if `series` says so) comes, keeping its evidence.
pub fn accept_edit(
    notebook: &Notebook,
    id: ProposalId,
    series: Option<&SeriesChoice>,
    category: Option<crate::model::Category>,
) -> Result<Edit, String> {
    let proposal = notebook.proposal(id).ok_or("the proposal is gone")?;
    if let Some(why) = waits_for_article_date(notebook, proposal) {
        return Err(why.into());
    }
    let mut edits = vec![Edit::DeleteProposal(id)];
    match &proposal.kind {
        ProposalKind::Event { .. } => {
            let mut event = event_from(proposal).ok_or("not an event")?;
            event.category = category.unwrap_or(event.category);
            edits.push(Edit::PutEvent(event));
        }
        ProposalKind::Figure {
            figure,
            as_of,
            place,
            measure,
            kind,
            ..
        } => {
            let article_date = notebook
                .article(proposal.evidence.article)
                .and_then(|a| a.published);
            let as_of = as_of
                .or(article_date)
                .ok_or("the figure needs an as-of date: set one first")?;
            let entry = FigureEntry {
                reading: FigureReading {
                    value: figure.clone(),
                    measure: *measure,
                    kind: *kind,
                },
                best: None,
                as_of,
                place: place.clone(),
                evidence: Some(proposal.evidence.clone()),
                notes: String::new(),
            };
            let suggestion;
            let choice = match series {
                Some(choice) => choice,
                None => {
                    suggestion = entry.reading.suggested_series(notebook);
                    &suggestion
                }
            };
            match figure_edit(&entry, choice)? {
                Edit::Batch(figure) => edits.extend(figure),
                figure => edits.push(figure),
            }
        }
    }
    edits.extend(settle_place_edit(notebook, proposal));
    Ok(Edit::Batch(edits))
}

/// The place a proposal names, as a proposal says it.
fn place_named(proposal: &Proposal) -> &str {
    match &proposal.kind {
        ProposalKind::Event { place, .. } | ProposalKind::Figure { place, .. } => place.trim(),
    }
}

/// Whether the notebook has a place of its own spelled `name`.
fn has_place_named(notebook: &Notebook, name: &str) -> bool {
    notebook.places.iter().any(|p| {
        p.name.trim().eq_ignore_ascii_case(name)
            || p.aliases
                .iter()
                .any(|a| a.trim().eq_ignore_ascii_case(name))
    })
}

/// Accepting a proposal whose place was resolved settles that resolution:
/// the notebook gains the place under the name the proposal gives, so the
/// map draws it there and later articles resolve the name the same way. An
/// unsure one is kept marked unsure (the map flags it, later imports do not
/// follow it). A name the notebook already has a place for keeps it.
fn settle_place_edit(notebook: &Notebook, proposal: &Proposal) -> Option<Edit> {
    let name = place_named(proposal);
    let resolved = proposal.place_at.as_ref()?;
    if name.is_empty() || has_place_named(notebook, name) {
        return None;
    }
    let mut edit = correct_place_edit(notebook, name, &resolved.chosen);
    // Unsure, and accepted without a pick: kept, and marked as such.
    if resolved.confidence < extract::place_choice::REVIEW_BELOW
        && let Edit::PutPlace(place) = &mut edit
    {
        place.unsure = Some(resolved.confidence);
    }
    Some(edit)
}

/// The edit that settles where a name is: the analyst's correction (a
/// candidate picked, a point clicked on the map) or an accepted
/// resolution. The notebook's own place of that name changes in place;
/// else a settled place is added. The same name in later imports then
/// resolves the same way.
pub fn correct_place_edit(notebook: &Notebook, name: &str, to: &PlaceOption) -> Edit {
    let name = name.trim();
    let existing = notebook.places.iter().find(|p| {
        p.name.trim().eq_ignore_ascii_case(name)
            || p.aliases
                .iter()
                .any(|a| a.trim().eq_ignore_ascii_case(name))
    });
    let place = match existing {
        Some(own) => NotebookPlace {
            lat: to.lat,
            lon: to.lon,
            country: to.country.clone(),
            scale: to.scale,
            unsure: None,
            ..own.clone()
        },
        None => NotebookPlace {
            id: crate::model::PlaceId::from_uuid(uuid::Uuid::now_v7()),
            name: name.to_owned(),
            aliases: Vec::new(),
            lat: to.lat,
            lon: to.lon,
            country: to.country.clone(),
            scale: to.scale,
            settled: true,
            unsure: None,
        },
    };
    Edit::PutPlace(place)
}

/// The places a name could mean, for the analyst to pick from: the
/// notebook's own place of that name first, then the gazetteer's namesakes,
/// most important first (at most `limit`).
pub fn place_candidates(notebook: &Notebook, name: &str, limit: usize) -> Vec<PlaceOption> {
    let name = name.split(',').next().unwrap_or("").trim();
    let mut options: Vec<PlaceOption> = notebook
        .places
        .iter()
        .filter(|p| {
            p.name.trim().eq_ignore_ascii_case(name)
                || p.aliases
                    .iter()
                    .any(|a| a.trim().eq_ignore_ascii_case(name))
        })
        .map(|p| PlaceOption {
            name: p.name.clone(),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
            scale: p.scale,
        })
        .collect();
    let world = extract::places::world();
    for place in world.lookup(name) {
        if options.len() >= limit {
            break;
        }
        let option = PlaceOption {
            name: place.name.to_owned(),
            country: place.country.to_owned(),
            lat: place.lat,
            lon: place.lon,
            scale: place.scale(),
        };
        if !options.contains(&option) {
            options.push(option);
        }
    }
    options
}

/// "Sidon, Lebanon (point)": a place option as a picker lists it.
pub fn describe_option(option: &PlaceOption) -> String {
    let world = extract::places::world();
    let country = world
        .country_name(&option.country)
        .unwrap_or(&option.country);
    if option.scale == crate::model::PlaceScale::Country || country.is_empty() {
        format!("{} ({})", option.name, option.scale.label())
    } else {
        format!("{}, {country} ({})", option.name, option.scale.label())
    }
}

/// The proposals found in the same sentence as `id` (itself included), in text order.
pub fn same_sentence(notebook: &Notebook, id: ProposalId) -> Vec<ProposalId> {
    let Some(proposal) = notebook.proposal(id) else {
        return Vec::new();
    };
    let Some(article) = notebook.article(proposal.evidence.article) else {
        return vec![id];
    };
    let at = proposal.evidence.start;
    let sentence = extract::tokens::sentences(&article.text)
        .into_iter()
        .find(|&(start, end)| start <= at && at < end)
        .unwrap_or((proposal.evidence.start, proposal.evidence.end));
    let mut found: Vec<&Proposal> = notebook
        .proposals
        .iter()
        .filter(|p| {
            p.evidence.article == article.id
                && sentence.0 <= p.evidence.start
                && p.evidence.end <= sentence.1
        })
        .collect();
    found.sort_by_key(|p| (p.evidence.start, p.id));
    found.into_iter().map(|p| p.id).collect()
}

/// Accepts several proposals as one step. Figures that would each make the
/// same new series share one.
pub fn accept_all_edit(notebook: &Notebook, ids: &[ProposalId]) -> Result<Edit, String> {
    let mut scratch = notebook.clone();
    let mut edits = Vec::new();
    for &id in ids {
        // Each accept sees the series the earlier ones made.
        let edit = accept_edit(&scratch, id, None, None)?;
        edit.clone()
            .apply(&mut scratch)
            .map_err(|e| e.to_string())?;
        edits.push(edit);
    }
    Ok(Edit::Batch(edits))
}
