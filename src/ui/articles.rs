//! The left panel: the article list with its filter box, then the events
//! and the series, each a click away from the inspector.

use super::Command;
use super::view::{Out, Selection, View};
use crate::model::Notebook;
use egui::Ui;

/// Draws the lists.
pub fn show(ui: &mut Ui, notebook: &Notebook, view: &mut View, out: &mut Out) {
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
        egui::TextEdit::singleline(&mut view.article_filter)
            .hint_text("Filter articles")
            .desired_width(f32::INFINITY),
    );
    filter
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter articles"));
    let needle = view.article_filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .id_salt("sitrep-list-scroll")
        .show(ui, |ui| {
            let mut shown = 0;
            let mut articles: Vec<_> = notebook.articles.iter().collect();
            // Newest first: what came in last is what the analyst works on.
            articles.sort_by(|a, b| {
                b.published
                    .map(|d| d.first_day())
                    .cmp(&a.published.map(|d| d.first_day()))
            });
            for article in articles {
                let matches = needle.is_empty()
                    || article.title.to_lowercase().contains(&needle)
                    || article.outlet.to_lowercase().contains(&needle)
                    || article.text.to_lowercase().contains(&needle);
                if !matches {
                    continue;
                }
                shown += 1;
                let title = if article.title.trim().is_empty() {
                    "(untitled article)"
                } else {
                    article.title.as_str()
                };
                let date = article
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                let selected = view.selection == Some(Selection::Article(article.id));
                let response = ui
                    .selectable_label(selected, title)
                    .on_hover_text(format!("{date} · {}", article.outlet));
                if response.clicked() {
                    out.select = Some(Selection::Article(article.id));
                }
            }
            if shown == 0 {
                ui.weak(if notebook.articles.is_empty() {
                    "No articles yet."
                } else {
                    "No article matches."
                });
            }
            ui.add_space(8.0);
            super::review::list(ui, notebook, view, out);
            places(ui, notebook, view, out);
            actors(ui, notebook, view, out);
            egui::CollapsingHeader::new(format!("Events ({})", notebook.events.len()))
                .default_open(true)
                .show(ui, |ui| {
                    let mut events: Vec<_> = notebook.events.iter().collect();
                    events.sort_by_key(|e| (e.start.first_day(), e.id));
                    for event in events {
                        let selected = view.selection == Some(Selection::Event(event.id));
                        let text = format!("{} · {}", event.start, event.title);
                        if ui.selectable_label(selected, text).clicked() {
                            out.select = Some(Selection::Event(event.id));
                        }
                    }
                });
            egui::CollapsingHeader::new(format!("Series ({})", notebook.series.len()))
                .default_open(true)
                .show(ui, |ui| {
                    for series in &notebook.series {
                        let selected = view.selection == Some(Selection::Series(series.id));
                        let text =
                            format!("{} ({} figures)", series.name, series.observations.len());
                        if ui.selectable_label(selected, text).clicked() {
                            out.select = Some(Selection::Series(series.id));
                        }
                        let mut observations: Vec<_> = series.observations.iter().collect();
                        observations.sort_by_key(|o| (o.as_of.first_day(), o.id));
                        for observation in observations {
                            let selected = view.selection
                                == Some(Selection::Observation(series.id, observation.id));
                            let text =
                                format!("    {} · {}", observation.as_of, observation.describe());
                            if ui.selectable_label(selected, text).clicked() {
                                out.select =
                                    Some(Selection::Observation(series.id, observation.id));
                            }
                        }
                    }
                });
        });
}

/// The notebook's own places, found in articles like the built-in gazetteer's.
fn places(ui: &mut Ui, notebook: &Notebook, view: &View, out: &mut Out) {
    egui::CollapsingHeader::new(format!("Places ({})", notebook.places.len()))
        .id_salt("sitrep-places")
        .default_open(false)
        .show(ui, |ui| {
            if ui
                .button("Add a place")
                .on_hover_text("Named after the selected words; Sitrep then finds it in articles")
                .clicked()
            {
                out.commands.push(Command::AddPlace);
            }
            for place in &notebook.places {
                let selected = view.selection == Some(Selection::Place(place.id));
                let text = format!("{} ({:.2}, {:.2})", place.name, place.lat, place.lon);
                if ui.selectable_label(selected, text).clicked() {
                    out.select = Some(Selection::Place(place.id));
                }
            }
        });
}

/// The notebook's own actors (or more names for built-in ones).
fn actors(ui: &mut Ui, notebook: &Notebook, view: &View, out: &mut Out) {
    egui::CollapsingHeader::new(format!("Actors ({})", notebook.actors.len()))
        .id_salt("sitrep-actors")
        .default_open(false)
        .show(ui, |ui| {
            if ui
                .button("Add an actor")
                .on_hover_text("Named after the selected words; the same name as a built-in actor adds aliases to it")
                .clicked()
            {
                out.commands.push(Command::AddActor);
            }
            for actor in &notebook.actors {
                let selected = view.selection == Some(Selection::Actor(actor.id));
                if ui.selectable_label(selected, actor.name.as_str()).clicked() {
                    out.select = Some(Selection::Actor(actor.id));
                }
            }
        });
}
