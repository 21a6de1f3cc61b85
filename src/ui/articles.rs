//! The left panel: the article list with its filter box, then the events
//! and the series, each a click away from the inspector.

use super::Command;
use super::state::{ListsState, Out, Selection, UiState};
use crate::model::Notebook;
use egui::Ui;

/// Lists longer than this draw only the rows in view (on one line each).
const VIRTUAL_FROM: usize = 300;

/// Draws `count` rows of `row_height`, calling `row` only for those inside the clip rect.
fn virtual_rows(ui: &mut Ui, count: usize, row_height: f32, mut row: impl FnMut(&mut Ui, usize)) {
    let top = ui.cursor().top();
    let clip = ui.clip_rect();
    let first = (((clip.top() - top) / row_height).floor().max(0.0) as usize).min(count);
    let last = ((((clip.bottom() - top) / row_height).ceil().max(0.0) as usize) + 1).min(count);
    ui.add_space(first as f32 * row_height);
    for index in first..last.max(first) {
        ui.scope(|ui| {
            ui.set_height(row_height);
            row(ui, index);
        });
    }
    ui.add_space(count.saturating_sub(last.max(first)) as f32 * row_height);
}

/// A row of the series list.
enum SeriesRow<'a> {
    Series(&'a crate::model::Series),
    /// How many figures of the series above are left off the list.
    Earlier(usize),
    Figure(&'a crate::model::Series, &'a crate::model::Observation),
}

/// Each series, then how many of its figures are left off, then its latest
/// figures (a long series is read on the timeline).
fn series_rows<'a>(
    notebook: &'a Notebook,
    figures: &[(Vec<crate::model::ObservationId>, usize)],
) -> Vec<SeriesRow<'a>> {
    let mut rows = Vec::new();
    for (index, series) in notebook.series.iter().enumerate() {
        rows.push(SeriesRow::Series(series));
        let Some((latest, earlier)) = figures.get(index) else {
            continue;
        };
        if *earlier > 0 {
            rows.push(SeriesRow::Earlier(*earlier));
        }
        rows.extend(
            latest
                .iter()
                .filter_map(|id| notebook.observation(series.id, *id))
                .map(|(_, observation)| SeriesRow::Figure(series, observation)),
        );
    }
    rows
}

/// One selectable row; in long lists it is cut to one line.
fn row_label(ui: &mut Ui, selected: bool, text: String, one_line: bool) -> egui::Response {
    if one_line {
        ui.add(egui::Button::selectable(selected, text).truncate())
    } else {
        ui.selectable_label(selected, text)
    }
}

/// Draws the lists.
pub fn show(
    ui: &mut Ui,
    notebook: &Notebook,
    revision: u64,
    brushing: bool,
    own: &mut ListsState,
    view: &mut UiState,
    out: &mut Out,
) {
    ui.horizontal(|ui| {
        ui.heading("Articles");
        if ui
            .button("New article")
            .on_hover_text("Ctrl+Shift+N")
            .clicked()
        {
            out.commands.push(Command::NewArticle);
        }
    });
    let filter = ui.add(
        egui::TextEdit::singleline(&mut own.search)
            .hint_text("Filter articles")
            .desired_width(f32::INFINITY),
    );
    filter
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter articles"));
    let mut lists = std::mem::take(&mut own.lists);
    lists.refresh(
        notebook,
        revision,
        (&own.search, own.watched_only),
        view.scope(),
        brushing,
    );
    if lists.watch.watcher.is_some() {
        let watched = ui
            .selectable_label(
                own.watched_only,
                format!("• Watched ({})", lists.watch.watched),
            )
            .on_hover_text(
                "List only the articles that hold a watch term (they come first of their day anyway)",
            );
        if watched.clicked() {
            own.watched_only = !own.watched_only;
        }
    }
    let narrowed = *view.scope() != crate::timeline::Filter::default()
        || (own.watched_only && lists.watch.watcher.is_some());
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("sitrep-list-scroll")
        .show(ui, |ui| {
            let long = lists.articles.len() > VIRTUAL_FROM;
            let mut article_row = |ui: &mut Ui, index: usize| {
                let Some(article) = lists
                    .articles
                    .get(index)
                    .and_then(|id| notebook.article(*id))
                else {
                    return;
                };
                let title = if article.title.trim().is_empty() {
                    "(untitled article)"
                } else {
                    article.title.as_str()
                };
                let selected = view.selection == Some(Selection::Article(article.id));
                let dated = crate::model::describe_published(article.published, article.published_from);
                let watched = lists.watch.hits(article.id).zip(lists.watch.watcher.as_deref());
                let title = match watched {
                    Some(_) => format!("• {title}"),
                    None => title.to_owned(),
                };
                let (text, mut hover) = if article.published.is_some() {
                    (title.to_owned(), format!("{dated} · {}", article.outlet))
                } else {
                    // Marked in the row itself: its relative dates wait for one.
                    (
                        format!("{title} (undated)"),
                        format!(
                            "No published date: proposals that hang on it wait until you set it in the reader · {}",
                            article.outlet
                        ),
                    )
                };
                if let Some((hits, watcher)) = watched {
                    hover.push_str(&format!("\nWatched: {}", hits.describe(watcher)));
                }
                let response = row_label(ui, selected, text, long).on_hover_text(hover);
                if response.clicked() {
                    out.select = Some(Selection::Article(article.id));
                }
            };
            if long {
                virtual_rows(ui, lists.articles.len(), row_height, article_row);
            } else {
                for index in 0..lists.articles.len() {
                    article_row(ui, index);
                }
            }
            if narrowed && lists.articles.len() < notebook.articles.len() {
                ui.weak(format!(
                    "{} of {} articles pass the timeline's filters",
                    lists.articles.len(),
                    notebook.articles.len()
                ));
            }
            if lists.articles.is_empty() {
                ui.weak(if notebook.articles.is_empty() {
                    "No articles yet."
                } else {
                    "No article matches."
                });
            }
            ui.add_space(8.0);
            conflicts(ui, notebook, view, out);
            evidence_problems(ui, &lists.problems.1, view, out);
            super::review::list(ui, notebook, view, out);
            super::watch_terms::show(ui, notebook, &lists.watch.articles_per_term, view, out);
            places(ui, notebook, view, out);
            actors(ui, notebook, view, out);
            let events_heading = if narrowed {
                format!(
                    "Events ({} of {})",
                    lists.events.len(),
                    notebook.events.len()
                )
            } else {
                format!("Events ({})", notebook.events.len())
            };
            egui::CollapsingHeader::new(events_heading)
                .id_salt("sitrep-events-list")
                .default_open(true)
                .show(ui, |ui| {
                    let long = lists.events.len() > VIRTUAL_FROM;
                    let mut event_row = |ui: &mut Ui, index: usize| {
                        let Some(event) =
                            lists.events.get(index).and_then(|id| notebook.event(*id))
                        else {
                            return;
                        };
                        let selected = view.selection == Some(Selection::Event(event.id));
                        let text = format!("{} · {}", event.start, event.title);
                        if row_label(ui, selected, text, long).clicked() {
                            out.select = Some(Selection::Event(event.id));
                        }
                    };
                    if long {
                        virtual_rows(ui, lists.events.len(), row_height, event_row);
                    } else {
                        for index in 0..lists.events.len() {
                            event_row(ui, index);
                        }
                    }
                });
            let hidden_series = view.scope().hidden_series.clone();
            let mut toggled = None;
            egui::CollapsingHeader::new(format!("Series ({})", notebook.series.len()))
                .default_open(true)
                .show(ui, |ui| {
                    let rows = series_rows(notebook, &lists.figures);
                    let long = rows.len() > VIRTUAL_FROM;
                    let mut series_row = |ui: &mut Ui, index: usize| {
                        let Some(row) = rows.get(index) else {
                            return;
                        };
                        let (selection, text) = match *row {
                            SeriesRow::Series(series) => (
                                Selection::Series(series.id),
                                format!(
                                    "{} ({})",
                                    series.name,
                                    crate::model::counted(series.observations.len(), "figure", "figures")
                                ),
                            ),
                            SeriesRow::Earlier(count) => {
                                ui.weak(format!("    … {count} earlier figures on the timeline"));
                                return;
                            }
                            SeriesRow::Figure(series, observation) => (
                                Selection::Observation(series.id, observation.id),
                                format!("    {} · {}", observation.as_of, observation.describe()),
                            ),
                        };
                        let selected = view.selection.as_ref() == Some(&selection);
                        let clicked = match selection {
                            Selection::Series(id) => {
                                ui.horizontal(|ui| {
                                    let mut shown = !hidden_series.contains(&id);
                                    let name = notebook.series(id).map_or("", |s| s.name.as_str());
                                    let toggle =
                                        ui.add(egui::Checkbox::without_text(&mut shown));
                                    toggle.widget_info(|| {
                                        egui::WidgetInfo::selected(
                                            egui::Role::CheckBox,
                                            true,
                                            shown,
                                            format!("Show {name}"),
                                        )
                                    });
                                    if toggle
                                        .on_hover_text("Show on the plots and in the lists")
                                        .changed()
                                    {
                                        toggled = Some(id);
                                    }
                                    row_label(ui, selected, text, true).clicked()
                                })
                                .inner
                            }
                            _ => row_label(ui, selected, text, long).clicked(),
                        };
                        if clicked {
                            out.select = Some(selection);
                        }
                    };
                    if long {
                        virtual_rows(ui, rows.len(), row_height, series_row);
                    } else {
                        (0..rows.len()).for_each(|index| series_row(ui, index));
                    }
                });
            if let Some(id) = toggled {
                let shown = hidden_series.contains(&id);
                out.commands.push(super::Command::Scope(
                    crate::timeline::ScopeChange::ShowSeries(id, shown),
                ));
            }
        });
    own.lists = lists;
}

/// The notebook's own places, found in articles like the built-in gazetteer's.
fn places(ui: &mut Ui, notebook: &Notebook, view: &UiState, out: &mut Out) {
    let rows = notebook.places.iter().map(|place| {
        let text = format!("{} ({:.2}, {:.2})", place.name, place.lat, place.lon);
        (Selection::Place(place.id), text)
    });
    taught_names(
        ui,
        ("Places", "sitrep-places"),
        (
            Command::AddPlace,
            "Named after the selected words; Sitrep then finds it in articles",
        ),
        rows.collect(),
        view,
        out,
    );
}

/// A folded list of names the notebook taught Sitrep (places, actors), with
/// a button to add one.
fn taught_names(
    ui: &mut Ui,
    (title, salt): (&str, &str),
    (add, add_hint): (Command, &str),
    rows: Vec<(Selection, String)>,
    view: &UiState,
    out: &mut Out,
) {
    egui::CollapsingHeader::new(format!("{title} ({})", rows.len()))
        .id_salt(salt)
        .default_open(false)
        .show(ui, |ui| {
            if ui.button(add.label()).on_hover_text(add_hint).clicked() {
                out.commands.push(add);
            }
            for (selection, text) in rows {
                let selected = view.selection.as_ref() == Some(&selection);
                if ui.selectable_label(selected, text).clicked() {
                    out.select = Some(selection);
                }
            }
        });
}

/// Evidence that no longer holds (the quote changed, the span is out of
/// its article, the article is gone), the same list `sitrep check` prints;
/// a click selects the item that cites it.
fn evidence_problems(
    ui: &mut Ui,
    problems: &[crate::model::EvidenceProblem],
    view: &UiState,
    out: &mut Out,
) {
    if problems.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(
        egui::RichText::new(format!("Broken evidence ({})", problems.len()))
            .color(ui.visuals().warn_fg_color),
    )
    .id_salt("sitrep-evidence-problems")
    .default_open(true)
    .show(ui, |ui| {
        for problem in problems.iter().take(200) {
            let selection = match problem.cited_by {
                crate::model::CitedBy::Event(id) => Selection::Event(id),
                crate::model::CitedBy::Figure(series, id) => Selection::Observation(series, id),
                crate::model::CitedBy::Proposal(id) => Selection::Proposal(id),
            };
            let selected = view.selection.as_ref() == Some(&selection);
            let row = ui
                .selectable_label(selected, &problem.item)
                .on_hover_text(&problem.problem);
            if row.clicked() {
                out.select = Some(selection);
            }
        }
        if problems.len() > 200 {
            ui.weak(format!(
                "and {} more (sitrep check lists them all)",
                problems.len() - 200
            ));
        }
    });
}

/// What a merge left for the analyst to settle, above everything else.
fn conflicts(ui: &mut Ui, notebook: &Notebook, view: &UiState, out: &mut Out) {
    if notebook.conflicts.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(
        egui::RichText::new(format!("Merge conflicts ({})", notebook.conflicts.len()))
            .color(ui.visuals().warn_fg_color),
    )
    .id_salt("sitrep-conflicts")
    .default_open(true)
    .show(ui, |ui| {
        for (index, conflict) in notebook.conflicts.iter().enumerate() {
            let selected = view.selection == Some(Selection::Conflict(index));
            let what = if conflict.field.is_empty() {
                "deleted and edited".to_owned()
            } else {
                conflict.field.clone()
            };
            let text = format!(
                "{} · {what}",
                super::lists::conflict_item_name(notebook, &conflict.item)
            );
            if ui.selectable_label(selected, text).clicked() {
                out.select = Some(Selection::Conflict(index));
            }
        }
    });
}

/// The notebook's own actors (or more names for built-in ones).
fn actors(ui: &mut Ui, notebook: &Notebook, view: &UiState, out: &mut Out) {
    let rows = notebook
        .actors
        .iter()
        .map(|actor| (Selection::Actor(actor.id), actor.name.clone()));
    taught_names(
        ui,
        ("Actors", "sitrep-actors"),
        (
            Command::AddActor,
            "Named after the selected words; the same name as a built-in actor adds aliases to it",
        ),
        rows.collect(),
        view,
        out,
    );
}
