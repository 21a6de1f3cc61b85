//! Where an item's place is, and how the analyst corrects it: the place
//! Sitrep resolved, with the ground it covers and how sure it is, and a
//! picker of every place the name could mean. A pick settles the name in
//! the notebook, so the map and later imports resolve it the same way.

use super::state::Out;
use crate::extract::place_choice::REVIEW_BELOW;
use crate::import::{correct_place_edit, describe_option, place_candidates};
use crate::model::{Notebook, PlaceOption, ResolvedPlace};
use egui::Ui;

/// How many namesakes the picker lists.
const MOST_CHOICES: usize = 12;

/// The "Where" row of a proposal's form: where its place was resolved and
/// how surely; an unsure one is marked and its alternatives offered. A pick
/// names the proposal's place after it, changes `place_at` and teaches the
/// notebook the name.
pub fn proposal_place(
    ui: &mut Ui,
    notebook: &Notebook,
    place: &mut String,
    place_at: &mut Option<ResolvedPlace>,
    out: &mut Out,
) {
    let name = place.trim().to_owned();
    if name.is_empty() {
        return;
    }
    let name = name.as_str();
    ui.label("Where");
    ui.vertical(|ui| {
        let picked = match place_at.as_ref() {
            Some(resolved) => {
                let line = format!(
                    "{} · {:.0}% sure",
                    describe_option(&resolved.chosen),
                    resolved.confidence * 100.0
                );
                if resolved.confidence < REVIEW_BELOW {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("Unsure: {line}"));
                    ui.horizontal_wrapped(|ui| {
                        ui.weak("Or:");
                        resolved
                            .alternatives
                            .iter()
                            .find(|option| ui.small_button(describe_option(option)).clicked())
                            .cloned()
                    })
                    .inner
                } else {
                    ui.weak(line);
                    None
                }
            }
            None => {
                ui.weak("Not on the map: no place of this name is known");
                None
            }
        };
        let picked = picked.or_else(|| picker(ui, notebook, name));
        if let Some(option) = picked {
            // "Sidon" was proposed for the words "Saida"; the Algerian
            // Saida picked is called so from now on.
            settle(notebook, &option.name, &option, out);
            place.clone_from(&option.name);
            *place_at = Some(ResolvedPlace {
                chosen: option,
                confidence: 1.0,
                alternatives: Vec::new(),
            });
        }
    });
    ui.end_row();
}

/// The "Where" row of an event's or a figure's form: where the map puts
/// its place, and a picker to put it elsewhere.
pub fn item_place(
    ui: &mut Ui,
    notebook: &Notebook,
    name: &str,
    markers: &crate::map::markers::MapMarkers,
    out: &mut Out,
) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    ui.label("Where");
    ui.vertical(|ui| {
        let on_map = markers
            .markers
            .iter()
            .find(|m| m.place.trim().eq_ignore_ascii_case(name));
        let found = match on_map {
            Some(marker) => Some((marker.at, marker.scale, marker.country)),
            // Not on the map (filtered out): looked up with the focus the
            // map's last pass found, not worked out again every frame.
            None => crate::timeline::Locator::with_focus(
                notebook,
                markers
                    .focus_country
                    .map(|c| (c, 1.0))
                    .into_iter()
                    .collect(),
            )
            .resolve(name)
            .map(|found| (found.at, found.scale, found.country)),
        };
        match found {
            Some(([lon, lat], scale, country)) => {
                let world = crate::extract::places::world();
                let country = country
                    .and_then(|c| world.country_name(c))
                    .unwrap_or("no known country");
                let settled = notebook
                    .places
                    .iter()
                    .any(|p| p.name.trim().eq_ignore_ascii_case(name));
                ui.weak(format!(
                    "{} in {country} at {lat:.2}, {lon:.2}{}",
                    scale.label(),
                    if settled { " · settled" } else { "" }
                ));
            }
            None => {
                ui.weak("Not on the map: no place of this name is known");
            }
        }
        if let Some(option) = picker(ui, notebook, name) {
            settle(notebook, name, &option, out);
        }
    });
    ui.end_row();
}

/// A menu of the places `name` could mean; the one picked, if any.
fn picker(ui: &mut Ui, notebook: &Notebook, name: &str) -> Option<PlaceOption> {
    let mut picked = None;
    ui.menu_button("Change place…", |ui| {
        let options = place_candidates(notebook, name, MOST_CHOICES);
        if options.is_empty() {
            ui.weak("No place of this name is known: add one under Places");
        }
        for option in options {
            if ui.button(describe_option(&option)).clicked() {
                picked = Some(option);
                ui.close();
            }
        }
    });
    picked
}

/// Settles where `name` is, as one undo step.
fn settle(notebook: &Notebook, name: &str, option: &PlaceOption, out: &mut Out) {
    out.edits
        .push((correct_place_edit(notebook, name, option), None));
}
