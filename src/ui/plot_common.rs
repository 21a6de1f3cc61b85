//! What every plot on the shared calendar axis has in common: the axis
//! itself, the linked pan and zoom, the brushed window's shading, series
//! colours, how near a click must be, and how a source is named. A leaf:
//! the timeline and the unit plots both draw with it.

use crate::model::{Category, Notebook, SeriesId};
use crate::timeline;
use egui::Color32;
use egui_plot::{GridInput, GridMark, Plot};
use jiff::civil::Date;

/// The width of every plot's y axis, so that all plots share their x positions.
pub const Y_AXIS_WIDTH: f32 = 84.0;
/// How near, in points, a click must land to a mark to pick it.
pub const HIT_RADIUS: f32 = 9.0;

/// A series' colour when the analyst has not picked one: stable per id.
pub fn default_color(id: SeriesId) -> [u8; 3] {
    timeline::default_series_rgb(id)
}

fn calendar_spacer(input: GridInput) -> Vec<GridMark> {
    timeline::calendar_marks(input.bounds.0, input.bounds.1, input.base_step_size * 8.0)
        .into_iter()
        .map(|mark| GridMark {
            value: mark.x,
            step_size: mark.step_days,
        })
        .collect()
}

fn calendar_label(mark: GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    timeline::mark_label(mark.value, mark.step_size)
}

/// A plot on the shared calendar axis: pans and zooms in time only, with
/// its x axis and cursor linked to the other plots'.
pub fn time_plot<'a>(id_salt: impl egui::AsIdSalt, link: egui::Id) -> Plot<'a> {
    Plot::new(id_salt)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .allow_drag([true, false])
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_grid_spacer(calendar_spacer)
        .x_axis_formatter(calendar_label)
        // One width for every plot's y axis keeps the same date at the same x.
        .y_axis_min_width(Y_AXIS_WIDTH)
        .label_formatter(|_| None)
}

/// Shades the brushed window of dates on a plot.
pub fn window_span(plot_ui: &mut egui_plot::PlotUi<'_>, window: Option<(Date, Date)>) {
    if let Some((first, last)) = window {
        let range = timeline::day_x(first)..=timeline::day_x(last) + 1.0;
        plot_ui.add(
            egui_plot::Span::new("", range)
                .fill(Color32::from_rgba_unmultiplied(90, 140, 230, 36))
                .border_width(0.0),
        );
    }
}

/// "— Title, Outlet, 22 Jun 2021": where quoted words come from.
pub fn source_line(notebook: &Notebook, evidence: &crate::model::Evidence) -> String {
    match notebook.article(evidence.article) {
        Some(article) => {
            let mut parts = vec![article.title.clone()];
            if !article.outlet.trim().is_empty() {
                parts.push(article.outlet.clone());
            }
            if let Some(published) = article.published {
                parts.push(published.to_string());
            }
            format!("— {}", parts.join(", "))
        }
        None => "— (article deleted)".to_owned(),
    }
}

/// The colour of an event category's markers.
pub fn category_color(category: Category) -> Color32 {
    let [r, g, b] = timeline::category_rgb(category);
    Color32::from_rgb(r, g, b)
}
