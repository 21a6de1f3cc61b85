//! Reviewing what Sitrep proposes: the list of proposals, and the
//! inspector's form to correct one before accepting or rejecting it.

use super::Command;
use super::fields;
use super::fields::split_list;
use super::state::{Out, ReviewState, Selection, SentenceSiblings, UiState};
use crate::import::{self, SeriesChoice};
use crate::model::{
    Category, Edit, Notebook, PartialDate, Proposal, ProposalId, ProposalKind, Qualifier,
};
use egui::Ui;

/// One line about a proposal: "Figure: more than 50 districts".
pub fn summary(proposal: &Proposal) -> String {
    match &proposal.kind {
        ProposalKind::Figure {
            figure,
            vague,
            place,
            ..
        } => {
            let who = if figure.subject.is_empty() {
                String::new()
            } else {
                format!("{} ", figure.subject)
            };
            let unit = &figure.unit;
            let rough = if *vague { " (rough)" } else { "" };
            let figure = figure.describe();
            let at = if place.is_empty() {
                String::new()
            } else {
                format!(" in {place}")
            };
            format!("Figure: {figure} {who}{unit}{at}{rough}")
        }
        ProposalKind::Event { title, date, .. } => {
            let short: String = title.chars().take(70).collect();
            format!("Event: {date} · {short}")
        }
    }
}

/// The proposals of the open article (else of the whole notebook), in text order.
fn visible<'n>(notebook: &'n Notebook, view: &UiState) -> Vec<&'n Proposal> {
    let mut shown: Vec<&Proposal> = notebook
        .proposals
        .iter()
        .filter(|p| view.reader.article.is_none_or(|a| p.evidence.article == a))
        .collect();
    shown.sort_by_key(|p| (p.evidence.article, p.evidence.start, p.id));
    shown
}

/// The proposal after `id` in review order, to move on to after deciding on it.
pub fn next_after(notebook: &Notebook, view: &UiState, id: ProposalId) -> Option<ProposalId> {
    let shown = visible(notebook, view);
    let at = shown.iter().position(|p| p.id == id)?;
    shown
        .get(at + 1)
        .or_else(|| at.checked_sub(1).and_then(|i| shown.get(i)))
        .map(|p| p.id)
}

/// The review list, for the left panel.
pub fn list(ui: &mut Ui, notebook: &Notebook, view: &mut UiState, out: &mut Out) {
    let shown = visible(notebook, view);
    let scope = if view.reader.article.is_some() {
        "in this article"
    } else {
        "in all articles"
    };
    egui::CollapsingHeader::new(format!("To review ({} {scope})", shown.len()))
        .id_salt("sitrep-review-list")
        .default_open(true)
        .show(ui, |ui| {
            if shown.is_empty() {
                ui.weak("Nothing to review. Import articles (Ctrl+I), or use Find events and figures on an article.");
            }
            for proposal in shown.iter().take(500) {
                let selected = view.selection == Some(Selection::Proposal(proposal.id));
                if ui.selectable_label(selected, summary(proposal)).clicked() {
                    out.select = Some(Selection::Proposal(proposal.id));
                    let evidence = &proposal.evidence;
                    out.commands.push(Command::ShowInReader(
                        evidence.article,
                        Some((evidence.start, evidence.end)),
                    ));
                }
            }
            if shown.len() > 500 {
                ui.weak(format!("and {} more…", shown.len() - 500));
            }
        });
}

/// The inspector's form for a proposal.
pub fn inspector(
    ui: &mut Ui,
    notebook: &Notebook,
    id: ProposalId,
    (review, view): (&mut ReviewState, &mut UiState),
    out: &mut Out,
) {
    let Some(proposal) = notebook.proposal(id) else {
        return;
    };
    ui.label(egui::RichText::new("Proposal").strong());
    let quote: String = proposal.evidence.quote.chars().take(300).collect();
    ui.label(egui::RichText::new(format!("“{quote}”")).italics());
    let mut updated = proposal.clone();
    let mut dated_by_hand = false;
    egui::Grid::new("sitrep-inspect-proposal")
        .num_columns(2)
        .show(ui, |ui| match &mut updated.kind {
            ProposalKind::Figure {
                figure,
                as_of,
                place,
                ..
            } => {
                let crate::model::FigureValue {
                    low,
                    high,
                    qualifier,
                    unit,
                    subject,
                    denominator,
                } = figure;
                // By what the sentence says happened to the counted, and
                // the figure's kind; the unit alone when it says nothing.
                let choice = review
                    .series_choices
                    .entry(id)
                    .or_insert_with(|| {
                        import::suggest_for_proposal(notebook, proposal)
                            .unwrap_or_else(|| import::suggest_series(notebook, unit, subject))
                    })
                    .clone();
                let label = ui.label("Series");
                let shown = match &choice {
                    SeriesChoice::Existing(series) => notebook
                        .series(*series)
                        .map_or("?".to_owned(), |s| s.name.clone()),
                    SeriesChoice::New { name } => format!("New: {name}"),
                };
                let mut picked = choice.clone();
                let fresh = match &choice {
                    SeriesChoice::New { name } => name.clone(),
                    // The name accepting it would give a new series.
                    SeriesChoice::Existing(_) => import::FigureFacts::of(proposal).map_or_else(
                        || import::new_series_name(unit, subject),
                        |facts| import::name_for(&facts),
                    ),
                };
                egui::ComboBox::from_id_salt("sitrep-proposal-series")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for series in &notebook.series {
                            ui.selectable_value(
                                &mut picked,
                                SeriesChoice::Existing(series.id),
                                &series.name,
                            );
                        }
                        let new = SeriesChoice::New {
                            name: fresh.clone(),
                        };
                        ui.selectable_value(&mut picked, new, format!("New: {fresh}"));
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if let SeriesChoice::New { name } = &mut picked {
                    fields::text(ui, "New series name", name);
                }
                if picked != choice {
                    review.series_choices.insert(id, picked);
                }
                let drafts = &mut view.drafts;
                let field = |name: &str| format!("proposal:{id}:{name}");
                let low_text = fields::number_text(Some(*low));
                if let Some(value) = fields::parsed(
                    ui,
                    drafts,
                    &field("low"),
                    "Low",
                    low_text,
                    fields::parse_number,
                ) {
                    *low = value;
                    *high = high.max(value);
                }
                let high_text = fields::number_text(Some(*high));
                if let Some(value) = fields::parsed(
                    ui,
                    drafts,
                    &field("high"),
                    "High",
                    high_text,
                    fields::parse_number,
                ) {
                    *high = value.max(*low);
                }
                fields::choice(
                    ui,
                    "Qualifier",
                    qualifier,
                    &Qualifier::ALL,
                    Qualifier::label,
                );
                let whole = fields::number_text(*denominator);
                if let Some(value) = fields::parsed(
                    ui,
                    drafts,
                    &field("of"),
                    "Of (whole)",
                    whole,
                    fields::parse_optional_number,
                ) {
                    *denominator = value;
                }
                let date = as_of.map(PartialDate::iso).unwrap_or_default();
                if let Some(value) = fields::parsed(
                    ui,
                    drafts,
                    &field("as_of"),
                    "As of",
                    date,
                    fields::parse_optional_date,
                ) {
                    *as_of = value;
                    dated_by_hand = true;
                }
                fields::text(ui, "Place", place);
                super::place_pick::proposal_place(ui, notebook, place, &mut updated.place_at, out);
            }
            ProposalKind::Event {
                title,
                date,
                place,
                country,
                actors,
            } => {
                fields::text(ui, "Title", title);
                let drafts = &mut view.drafts;
                let field = |name: &str| format!("proposal:{id}:{name}");
                let parse_date = |t: &str| PartialDate::parse(t).map_err(|e| e.to_string());
                if let Some(value) =
                    fields::parsed(ui, drafts, &field("date"), "Date", date.iso(), parse_date)
                {
                    *date = value;
                    dated_by_hand = true;
                }
                fields::text(ui, "Place", place);
                if !country.is_empty() {
                    ui.weak(format!("Found as a place in {country}"));
                    ui.end_row();
                }
                super::place_pick::proposal_place(ui, notebook, place, &mut updated.place_at, out);
                // A picked place brings its country along.
                if let Some(at) = &updated.place_at
                    && let Some(name) =
                        crate::extract::places::world().country_name(&at.chosen.country)
                {
                    name.clone_into(country);
                }
                let names = actors.join(", ");
                if let Some(value) =
                    fields::parsed(ui, drafts, &field("actors"), "Actors", names, |t| {
                        Ok(split_list(t))
                    })
                {
                    *actors = value;
                }
                // The kind its words say, until the analyst picks another.
                let mut category = review
                    .category_choices
                    .get(&id)
                    .copied()
                    .unwrap_or_else(|| crate::extract::category::guess_category(title));
                if fields::choice(
                    ui,
                    "Category",
                    &mut category,
                    &Category::ALL,
                    Category::label,
                ) {
                    review.category_choices.insert(id, category);
                }
            }
        });
    if dated_by_hand {
        // The analyst's date stands on its own, whatever the article's.
        updated.date_relative = false;
    }
    if updated != *proposal {
        // One key for the whole form: a burst of corrections is one undo step.
        out.edits
            .push((Edit::PutProposal(updated), Some(format!("proposal:{id}"))));
    }
    ui.add_space(8.0);
    let waiting = import::waits_for_article_date(notebook, proposal);
    if waiting.is_some() {
        article_date_request(ui, proposal.evidence.article, view, out);
    }
    ui.horizontal_wrapped(|ui| {
        let accept = ui
            .add_enabled(waiting.is_none(), egui::Button::new("Accept"))
            .on_hover_text("Enter")
            .on_disabled_hover_text("Set the article's date first");
        if accept.clicked() {
            out.commands.push(Command::AcceptProposal(id));
        }
        if ui.button("Reject").on_hover_text("Delete").clicked() {
            out.commands.push(Command::RejectProposal(id));
        }
    });
    let siblings = match review.sentence_siblings {
        Some(counted) if counted.revision == view.revision && counted.proposal == id => {
            counted.count
        }
        _ => {
            let count = import::same_sentence(notebook, id).len();
            review.sentence_siblings = Some(SentenceSiblings {
                revision: view.revision,
                proposal: id,
                count,
            });
            count
        }
    };
    if siblings > 1
        && ui
            .button(format!("Accept all {siblings} in this sentence"))
            .clicked()
    {
        out.commands.push(Command::AcceptSentence(id));
    }
}

/// Asks for the date of an undated article, which a proposal's relative date
/// ("on Tuesday") needs before it can be accepted.
fn article_date_request(
    ui: &mut Ui,
    article: crate::model::ArticleId,
    view: &mut UiState,
    out: &mut Out,
) {
    ui.colored_label(
        ui.visuals().warn_fg_color,
        "This article has no date, so this date was reckoned from the day it was imported. \
         When was the article published?",
    );
    egui::Grid::new("sitrep-article-date-request")
        .num_columns(2)
        .show(ui, |ui| {
            let key = format!("article:{article}:published");
            if let Some(date) = fields::parsed(
                ui,
                &mut view.drafts,
                &key,
                "Article's date",
                String::new(),
                fields::parse_optional_date,
            ) {
                out.commands.push(Command::DateArticle(article, date));
            }
        });
}
