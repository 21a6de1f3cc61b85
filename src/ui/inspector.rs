//! The inspector: every field of the selected item, editable. Each change is
//! an [`Edit`] (typing in one field merges into one undo step).

use super::fields;
use super::fields::split_list;
use super::state::{Out, ReviewState, Selection, UiState};
use crate::map::markers::MapMarkers;
use crate::model::{
    Category, Confidence, Edit, Evidence, EvidenceStatus, Notebook, PartialDate, Qualifier,
    Reliability, SeriesStyle,
};
use egui::Ui;

/// Draws the inspector for the selection.
/// Draws the inspector for the selected item; `markers` are where the map
/// last put the notebook's places (the Where row reads them), `review`
/// what the proposal form keeps.
pub fn show(
    ui: &mut Ui,
    notebook: &Notebook,
    (markers, review): (&MapMarkers, &mut ReviewState),
    view: &mut UiState,
    out: &mut Out,
) {
    // Long titles and quotes wrap inside the panel rather than widen it.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
    ui.heading("Inspector");
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("sitrep-inspector-scroll")
        .show(ui, |ui| match view.selection.clone() {
            None => {
                ui.weak("Select an article, an event or a figure to see and edit it here.");
            }
            Some(Selection::Article(id)) => article(ui, notebook, id, view, out),
            Some(Selection::Event(id)) => event(ui, notebook, id, markers, view, out),
            Some(Selection::Series(id)) => series(ui, notebook, id, view, out),
            Some(Selection::Observation(series, id)) => {
                observation(ui, notebook, (series, id), markers, view, out)
            }
            Some(Selection::Proposal(id)) => {
                super::review::inspector(ui, notebook, id, (review, view), out)
            }
            Some(Selection::Place(id)) => place(ui, notebook, id, view, out),
            Some(Selection::Actor(id)) => actor(ui, notebook, id, view, out),
            Some(Selection::Conflict(index)) => conflict(ui, notebook, index, out),
        });
}

fn key(kind: &str, id: impl std::fmt::Display, field: &str) -> Option<String> {
    Some(format!("{kind}:{id}:{field}"))
}

fn article(
    ui: &mut Ui,
    notebook: &Notebook,
    id: crate::model::ArticleId,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some(article) = notebook.article(id) else {
        return;
    };
    ui.label(egui::RichText::new("Article").strong());
    ui.label(if article.title.is_empty() {
        "(untitled)"
    } else {
        &article.title
    });
    ui.weak(format!(
        "{} · {} · {} words",
        if article.outlet.is_empty() {
            "no outlet"
        } else {
            &article.outlet
        },
        crate::model::describe_published(article.published, article.published_from),
        article.text.split_whitespace().count()
    ));
    let revision = view.revision;
    let cited = view.citations(notebook, revision, id).items;
    ui.weak(format!(
        "Cited by {}",
        crate::model::counted(cited, "event or figure", "events and figures")
    ));
    if ui.button("Edit article").clicked() {
        out.commands.push(super::Command::EditArticle(id));
    }
    egui::Grid::new("sitrep-inspect-article")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = article.clone();
            let tags = article.tags.join(", ");
            let draft = format!("article:{id}:tags");
            if let Some(tags) = fields::parsed(ui, &mut view.drafts, &draft, "Tags", tags, |t| {
                Ok(split_list(t))
            }) {
                updated.tags = tags;
                out.edits.push((
                    Edit::PutArticle(updated.clone()),
                    key("article", id, "tags"),
                ));
            }
            if fields::multiline(ui, "Notes", &mut updated.notes, 4) {
                out.edits
                    .push((Edit::PutArticle(updated), key("article", id, "notes")));
            }
        });
    delete_button(ui, "Delete article", out);
}

fn event(
    ui: &mut Ui,
    notebook: &Notebook,
    id: crate::model::EventId,
    markers: &MapMarkers,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some(event) = notebook.event(id) else {
        return;
    };
    ui.label(egui::RichText::new("Event").strong());
    egui::Grid::new("sitrep-inspect-event")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = event.clone();
            if fields::text(ui, "Title", &mut updated.title) {
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "title")));
            }
            let draft = format!("event:{id}:start");
            if let Some(start) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Date",
                event.start.iso(),
                |t| PartialDate::parse(t).map_err(|e| e.to_string()),
            ) {
                updated.start = start;
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "start")));
            }
            let draft = format!("event:{id}:end");
            let start = updated.start;
            let end_text = event.end.map(PartialDate::iso).unwrap_or_default();
            if let Some(end) =
                fields::parsed(ui, &mut view.drafts, &draft, "End date", end_text, |t| {
                    let end = fields::parse_optional_date(t)?;
                    match end {
                        Some(end) if end.last_day() < start.first_day() => {
                            Err("ends before it starts".into())
                        }
                        _ => Ok(end),
                    }
                })
            {
                updated.end = end;
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "end")));
            }
            let mut category = updated.category;
            if fields::choice(ui, "Category", &mut category, &Category::ALL, |o| o.label()) {
                updated.category = category;
                out.edits.push((Edit::PutEvent(updated.clone()), None));
            }
            if fields::text(ui, "Place", &mut updated.place) {
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "place")));
            }
            super::place_pick::item_place(ui, notebook, &updated.place, markers, out);
            let draft = format!("event:{id}:actors");
            if let Some(actors) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Actors",
                event.actors.join(", "),
                |t| Ok(split_list(t)),
            ) {
                updated.actors = actors;
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "actors")));
            }
            let draft = format!("event:{id}:tags");
            if let Some(tags) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Tags",
                event.tags.join(", "),
                |t| Ok(split_list(t)),
            ) {
                updated.tags = tags;
                out.edits
                    .push((Edit::PutEvent(updated.clone()), key("event", id, "tags")));
            }
            if let Some(confidence) = confidence_field(ui, updated.confidence) {
                updated.confidence = confidence;
                out.edits.push((Edit::PutEvent(updated.clone()), None));
            }
            if fields::multiline(ui, "Notes", &mut updated.notes, 3) {
                out.edits
                    .push((Edit::PutEvent(updated), key("event", id, "notes")));
            }
        });
    ui.separator();
    ui.label(egui::RichText::new("Evidence").strong());
    if event.evidence.is_empty() {
        ui.weak("No evidence yet.");
    }
    for (index, evidence) in event.evidence.iter().enumerate() {
        ui.push_id(index, |ui| evidence_view(ui, notebook, evidence, out));
    }
    delete_button(ui, "Delete event", out);
}

/// Reliability and credibility pickers; returns the new value when changed.
fn confidence_field(ui: &mut Ui, current: Option<Confidence>) -> Option<Option<Confidence>> {
    const GRADES: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];
    let label = ui.label("Confidence");
    let mut value = current;
    ui.horizontal_wrapped(|ui| {
        let text = value.map_or("not judged".to_owned(), |c| format!("{:?}{}", c.reliability, c.credibility));
        egui::ComboBox::from_id_salt("sitrep-inspect-confidence")
            .selected_text(text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut value, None, "not judged");
                for reliability in GRADES {
                    for credibility in 1..=6u8 {
                        let option = Some(Confidence { reliability, credibility });
                        ui.selectable_value(&mut value, option, format!("{reliability:?}{credibility}"));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Admiralty scale: source reliability A (reliable) to F, information credibility 1 (confirmed) to 6");
    });
    ui.end_row();
    (value != current).then_some(value)
}

fn evidence_view(ui: &mut Ui, notebook: &Notebook, evidence: &Evidence, out: &mut Out) {
    let source = notebook
        .article(evidence.article)
        .map_or("(article deleted)".to_owned(), |a| a.title.clone());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let quote: String = evidence.quote.chars().take(300).collect();
        ui.label(egui::RichText::new(format!("“{quote}”")).italics());
        ui.weak(source);
        let status = evidence.status(notebook);
        match status {
            EvidenceStatus::Matches => {}
            EvidenceStatus::Moved { .. } => {
                ui.weak("The article text changed; the quote was found elsewhere in it.");
            }
            EvidenceStatus::Missing => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The quote is no longer in the article text.",
                );
            }
            EvidenceStatus::ArticleGone => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The article was deleted; the quote is kept here.",
                );
            }
        }
        let can_show = matches!(
            status,
            EvidenceStatus::Matches | EvidenceStatus::Moved { .. }
        );
        if ui
            .add_enabled(can_show, egui::Button::new("Show source"))
            .clicked()
            && let Some(span) = evidence.current_span(notebook)
        {
            out.commands
                .push(super::Command::ShowInReader(evidence.article, Some(span)));
        }
    });
}

fn series(
    ui: &mut Ui,
    notebook: &Notebook,
    id: crate::model::SeriesId,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some(series) = notebook.series(id) else {
        return;
    };
    ui.label(egui::RichText::new("Series").strong());
    egui::Grid::new("sitrep-inspect-series")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = series.clone();
            if fields::text(ui, "Name", &mut updated.name) {
                out.edits
                    .push((Edit::PutSeries(updated.clone()), key("series", id, "name")));
            }
            if fields::text(ui, "Unit", &mut updated.unit) {
                out.edits
                    .push((Edit::PutSeries(updated.clone()), key("series", id, "unit")));
            }
            if fields::text(ui, "Subject", &mut updated.subject) {
                out.edits.push((
                    Edit::PutSeries(updated.clone()),
                    key("series", id, "subject"),
                ));
            }
            // Series of one plot name share a plot, whatever their units.
            if fields::text(ui, "Plot", &mut updated.plot) {
                out.edits
                    .push((Edit::PutSeries(updated.clone()), key("series", id, "plot")));
            }
            let draft = format!("series:{id}:denominator");
            let current = fields::number_text(series.denominator);
            if let Some(denominator) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Of (whole)",
                current,
                fields::parse_optional_number,
            ) {
                updated.denominator = denominator;
                out.edits.push((
                    Edit::PutSeries(updated.clone()),
                    key("series", id, "denominator"),
                ));
            }
            let mut style = updated.style;
            if fields::choice(ui, "Style", &mut style, &SeriesStyle::ALL, |o| o.label()) {
                updated.style = style;
                out.edits.push((Edit::PutSeries(updated.clone()), None));
            }
            let label = ui.label("Colour");
            let mut color = updated
                .color
                .unwrap_or(super::plot_common::default_color(id));
            if ui
                .color_edit_button_srgb(&mut color)
                .labelled_by(label.id)
                .changed()
            {
                updated.color = Some(color);
                out.edits
                    .push((Edit::PutSeries(updated), key("series", id, "color")));
            }
            ui.end_row();
        });
    ui.weak(crate::model::counted(
        series.observations.len(),
        "figure",
        "figures",
    ));
    figures_in_window(ui, notebook, series, view, out);
    delete_button(ui, "Delete series", out);
}

/// Figures listed in a series' inspector when a window is brushed.
const WINDOW_FIGURES_LISTED: usize = 40;

/// The series' figures in the brushed window, a click away each.
fn figures_in_window(
    ui: &mut Ui,
    notebook: &Notebook,
    series: &crate::model::Series,
    view: &UiState,
    out: &mut Out,
) {
    let filter = view.scope();
    let Some((first, last)) = filter.window else {
        return;
    };
    let mut in_window: Vec<&crate::model::Observation> = series
        .observations
        .iter()
        .filter(|o| filter.lists_figure(notebook, series.id, o))
        .collect();
    in_window.sort_by_key(|o| (o.as_of.first_day(), o.id));
    ui.label(format!(
        "{} in the window {first} – {last}",
        in_window.len()
    ));
    let unit = series.unit.as_str();
    for observation in in_window.iter().rev().take(WINDOW_FIGURES_LISTED) {
        let selected = view.selection == Some(Selection::Observation(series.id, observation.id));
        let text = format!("{} · {} {unit}", observation.as_of, observation.describe());
        if ui.selectable_label(selected, text).clicked() {
            out.select = Some(Selection::Observation(series.id, observation.id));
        }
    }
    if in_window.len() > WINDOW_FIGURES_LISTED {
        ui.weak(format!(
            "… and {} earlier in the window",
            in_window.len() - WINDOW_FIGURES_LISTED
        ));
    }
}

fn observation(
    ui: &mut Ui,
    notebook: &Notebook,
    (series_id, id): (crate::model::SeriesId, crate::model::ObservationId),
    markers: &MapMarkers,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some((series, observation)) = notebook.observation(series_id, id) else {
        return;
    };
    ui.label(egui::RichText::new("Figure").strong());
    if ui.link(format!("on {}", series.name)).clicked() {
        out.select = Some(Selection::Series(series_id));
    }
    ui.label(observation.describe());
    let put = |observation| Edit::PutObservation {
        series: series_id,
        observation,
    };
    egui::Grid::new("sitrep-inspect-figure")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = observation.clone();
            let draft = format!("figure:{id}:as_of");
            if let Some(as_of) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "As of",
                observation.as_of.iso(),
                |t| PartialDate::parse(t).map_err(|e| e.to_string()),
            ) {
                updated.as_of = as_of;
                out.edits
                    .push((put(updated.clone()), key("figure", id, "as_of")));
            }
            let high = observation.high;
            let draft = format!("figure:{id}:low");
            if let Some(low) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Low",
                fields::number_text(Some(observation.low)),
                |t| {
                    let low = fields::parse_number(t)?;
                    if low > high {
                        Err("low is above high".into())
                    } else {
                        Ok(low)
                    }
                },
            ) {
                updated.low = low;
                out.edits
                    .push((put(updated.clone()), key("figure", id, "low")));
            }
            let low = updated.low;
            let draft = format!("figure:{id}:high");
            if let Some(high) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "High",
                fields::number_text(Some(observation.high)),
                |t| {
                    let high = fields::parse_number(t)?;
                    if high < low {
                        Err("high is below low".into())
                    } else {
                        Ok(high)
                    }
                },
            ) {
                updated.high = high;
                out.edits
                    .push((put(updated.clone()), key("figure", id, "high")));
            }
            let draft = format!("figure:{id}:best");
            if let Some(best) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Best",
                fields::number_text(observation.best),
                fields::parse_optional_number,
            ) {
                updated.best = best;
                out.edits
                    .push((put(updated.clone()), key("figure", id, "best")));
            }
            let mut qualifier = updated.qualifier;
            if fields::choice(ui, "Qualifier", &mut qualifier, &Qualifier::ALL, |o| {
                o.label()
            }) {
                updated.qualifier = qualifier;
                out.edits.push((put(updated.clone()), None));
            }
            let draft = format!("figure:{id}:denominator");
            if let Some(denominator) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Of (whole)",
                fields::number_text(observation.denominator),
                fields::parse_optional_number,
            ) {
                updated.denominator = denominator;
                out.edits
                    .push((put(updated.clone()), key("figure", id, "denominator")));
            }
            if fields::text(ui, "Place", &mut updated.place) {
                out.edits
                    .push((put(updated.clone()), key("figure", id, "place")));
            }
            super::place_pick::item_place(ui, notebook, &updated.place, markers, out);
            if fields::multiline(ui, "Notes", &mut updated.notes, 3) {
                out.edits.push((put(updated), key("figure", id, "notes")));
            }
        });
    ui.separator();
    ui.label(egui::RichText::new("Evidence").strong());
    match &observation.evidence {
        Some(evidence) => evidence_view(ui, notebook, evidence, out),
        None => {
            ui.weak("No evidence yet.");
        }
    }
    delete_button(ui, "Delete figure", out);
}

/// A merge conflict: both values side by side, and a button for each.
fn conflict(ui: &mut Ui, notebook: &Notebook, index: usize, out: &mut Out) {
    let Some(conflict) = notebook.conflicts.get(index) else {
        return;
    };
    ui.label(egui::RichText::new("Merge conflict").strong());
    ui.label(super::lists::conflict_item_name(notebook, &conflict.item));
    if conflict.field.is_empty() {
        ui.weak("One side deleted this item and the other edited it; the edited one is kept.");
    } else {
        ui.weak(format!(
            "Both sides changed “{}” differently; the notebook holds ours until you choose.",
            conflict.field
        ));
    }
    for (label, value) in [("Ours", &conflict.ours), ("Theirs", &conflict.theirs)] {
        ui.add_space(4.0);
        ui.strong(label);
        ui.label(egui::RichText::new(value.as_str()).monospace());
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        use crate::store::merge::Side;
        if ui.button("Keep ours").clicked() {
            out.commands
                .push(super::Command::SettleConflict(index, Side::Ours));
        }
        if ui.button("Keep theirs").clicked() {
            out.commands
                .push(super::Command::SettleConflict(index, Side::Theirs));
        }
    });
}

fn delete_button(ui: &mut Ui, label: &str, out: &mut Out) {
    ui.add_space(12.0);
    if ui
        .button(label)
        .on_hover_text("Delete key; Ctrl+Z brings it back")
        .clicked()
    {
        out.commands.push(super::Command::DeleteSelected);
    }
}

/// The name and aliases rows that places and actors share; returns the
/// field that changed.
fn name_and_aliases(
    ui: &mut Ui,
    kind: &str,
    id: impl std::fmt::Display,
    name: &mut String,
    aliases: &mut Vec<String>,
    view: &mut UiState,
) -> Option<&'static str> {
    let mut changed = fields::text(ui, "Name", name).then_some("name");
    let draft = format!("{kind}:{id}:aliases");
    let shown = aliases.join(", ");
    if let Some(parsed) = fields::parsed(ui, &mut view.drafts, &draft, "Aliases", shown, |t| {
        Ok(split_list(t))
    }) {
        *aliases = parsed;
        changed = Some("aliases");
    }
    changed
}

fn place(
    ui: &mut Ui,
    notebook: &Notebook,
    id: crate::model::PlaceId,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some(place) = notebook.place(id) else {
        return;
    };
    ui.label(egui::RichText::new("Place").strong());
    ui.weak(if place.settled {
        "Where this name is, as settled in review or on the map: articles \
         that name it resolve it here."
    } else {
        "Sitrep finds this place in articles by its name and aliases."
    });
    let country = crate::extract::places::world()
        .country_name(&place.country)
        .unwrap_or("no known country");
    ui.weak(format!("A {} in {country}.", place.scale.label()));
    egui::Grid::new("sitrep-inspect-place")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = place.clone();
            let (name, aliases) = (&mut updated.name, &mut updated.aliases);
            if let Some(field) = name_and_aliases(ui, "place", id, name, aliases, view) {
                out.edits
                    .push((Edit::PutPlace(updated.clone()), key("place", id, field)));
            }
            let coordinate = |limit: f64| {
                move |t: &str| {
                    let value = fields::parse_number(t)?;
                    if value.abs() <= limit {
                        Ok(value)
                    } else {
                        Err(format!("must be between -{limit} and {limit}"))
                    }
                }
            };
            let draft = format!("place:{id}:lat");
            if let Some(lat) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Latitude",
                place.lat.to_string(),
                coordinate(90.0),
            ) {
                updated.lat = lat;
                out.edits
                    .push((Edit::PutPlace(updated.clone()), key("place", id, "lat")));
            }
            let draft = format!("place:{id}:lon");
            if let Some(lon) = fields::parsed(
                ui,
                &mut view.drafts,
                &draft,
                "Longitude",
                place.lon.to_string(),
                coordinate(180.0),
            ) {
                updated.lon = lon;
                out.edits
                    .push((Edit::PutPlace(updated), key("place", id, "lon")));
            }
        });
    delete_button(ui, "Delete place", out);
}

fn actor(
    ui: &mut Ui,
    notebook: &Notebook,
    id: crate::model::ActorId,
    view: &mut UiState,
    out: &mut Out,
) {
    let Some(actor) = notebook.actor(id) else {
        return;
    };
    ui.label(egui::RichText::new("Actor").strong());
    ui.weak("Sitrep finds this actor in articles by its name and aliases (exact case).");
    egui::Grid::new("sitrep-inspect-actor")
        .num_columns(2)
        .show(ui, |ui| {
            let mut updated = actor.clone();
            let (name, aliases) = (&mut updated.name, &mut updated.aliases);
            if let Some(field) = name_and_aliases(ui, "actor", id, name, aliases, view) {
                out.edits
                    .push((Edit::PutActor(updated), key("actor", id, field)));
            }
        });
    delete_button(ui, "Delete actor", out);
}
