//! The timeline: an event lane above one plot per unit, all on one linked
//! calendar axis. Hovering a mark shows its words; clicking selects it.

use super::view::{Out, Selection, View};
use crate::model::{Category, Notebook, Qualifier, SeriesId, SeriesStyle, format_number};
use crate::timeline::{self, EventMark, FigureMark, UnitPlot};
use egui::{Color32, Ui};
use egui_plot::{
    Corner, GridInput, GridMark, Legend, Line, MarkerShape, Plot, PlotPoint, Points, Text,
};

const MAX_LANES: usize = 6;
const LANE_HEIGHT: f32 = 22.0;
const HIT_RADIUS: f32 = 9.0;
/// Series with this many figures or fewer get their values written beside the marks.
const MAX_LABELLED_FIGURES: usize = 12;

/// The colour of an event category's markers.
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Military => Color32::from_rgb(214, 39, 40),
        Category::Withdrawal => Color32::from_rgb(255, 127, 14),
        Category::Political => Color32::from_rgb(31, 119, 180),
        Category::Diplomatic => Color32::from_rgb(44, 160, 44),
        Category::Humanitarian => Color32::from_rgb(148, 103, 189),
        Category::Other => Color32::from_rgb(127, 127, 127),
    }
}

/// A series' colour when the analyst has not picked one: stable per id.
pub fn default_color(id: SeriesId) -> [u8; 3] {
    const PALETTE: [[u8; 3]; 8] = [
        [31, 119, 180],
        [214, 39, 40],
        [44, 160, 44],
        [255, 127, 14],
        [148, 103, 189],
        [140, 86, 75],
        [227, 119, 194],
        [23, 190, 207],
    ];
    PALETTE[(id.uuid().as_u128() % PALETTE.len() as u128) as usize]
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
fn time_plot<'a>(id_salt: impl egui::AsIdSalt, link: egui::Id) -> Plot<'a> {
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
        .label_formatter(|_| None)
}

fn today_x() -> f64 {
    (jiff::Timestamp::now().as_second() / 86_400) as f64
}

/// Draws the timeline into the rest of `ui`.
pub fn show(ui: &mut Ui, notebook: &Notebook, view: &mut View, out: &mut Out) {
    ui.horizontal(|ui| {
        ui.heading("Timeline");
        for (label, command) in [
            ("Fit", super::Command::FitTimeline),
            ("-", super::Command::ZoomOut),
            ("+", super::Command::ZoomIn),
        ] {
            if ui.button(label).on_hover_text(command.label()).clicked() {
                out.commands.push(command);
            }
        }
        ui.weak("Drag to pan, Ctrl+scroll to zoom; F fits, + and - zoom, arrow keys pan.");
    });
    ui.horizontal_wrapped(|ui| {
        for category in Category::ALL {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, category_color(category));
            ui.label(category.label());
        }
    });
    if view.timeline.x_range.is_none() && view.timeline.requested.is_none() {
        view.timeline.requested = Some(
            timeline::data_range(notebook).unwrap_or_else(|| (today_x() - 180.0, today_x() + 30.0)),
        );
    }
    let requested = view.timeline.requested.take();
    let (x_min, x_max) = requested.or(view.timeline.x_range).unwrap_or((0.0, 1.0));
    let width = ui.available_width().max(100.0) as f64;
    let pixels_per_day = width / (x_max - x_min).max(1e-6);
    let link = egui::Id::unique("sitrep-timeline-link");

    let marks = timeline::event_marks(notebook, pixels_per_day, 7.0, MAX_LANES);
    let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(1);
    let plots = timeline::unit_plots(notebook);
    let text_color = ui.visuals().text_color();
    let lane_height = 36.0 + lanes as f32 * LANE_HEIGHT;
    let events_response = time_plot("sitrep-events", link)
        .height(lane_height)
        .show_axes([true, false])
        .show_grid([true, false])
        .show(ui, |plot_ui| {
            if let Some((min, max)) = requested {
                plot_ui.set_plot_bounds_x(min..=max);
            }
            plot_ui.set_plot_bounds_y(-(lanes as f64) + 0.4..=0.6);
            let days_per_pixel = 1.0 / plot_ui.transform().dpos_dvalue_x().max(1e-9);
            event_items(plot_ui, &marks, days_per_pixel, text_color, notebook, view);
            plot_ui.plot_bounds()
        });
    view.timeline.targets.clear();
    for mark in &marks {
        let at = PlotPoint::new(mark.x_start + 0.5, -(mark.lane as f64));
        let pos = events_response.transform.position_from_point(&at);
        if events_response.transform.frame().contains(pos) {
            view.timeline.targets.push((pos, Selection::Event(mark.id)));
        }
    }
    let bounds = events_response.inner;
    view.timeline.x_range = Some((bounds.min()[0], bounds.max()[0]));
    if let Some(mark) = hit_event(
        &events_response.response,
        &events_response.transform,
        &marks,
    ) {
        let event = notebook.event(mark.id);
        let response = events_response.response.clone();
        if response.clicked() {
            out.select = Some(Selection::Event(mark.id));
        }
        if let Some(event) = event {
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&event.title);
                let when = match event.end {
                    Some(end) => format!("{} – {end}", event.start),
                    None => event.start.to_string(),
                };
                ui.label(format!("{when} · {}", event.category.label()));
                for evidence in &event.evidence {
                    let quote: String = evidence.quote.chars().take(240).collect();
                    ui.label(egui::RichText::new(format!("“{quote}”")).italics());
                }
            });
        }
    }

    if plots.is_empty() {
        ui.add_space(12.0);
        ui.weak("No figures yet: select words such as “7,000 NATO soldiers” in an article and choose Figure from selection.");
        return;
    }
    let each = ((ui.available_height() - 4.0) / plots.len() as f32).max(110.0);
    egui::ScrollArea::vertical()
        .id_salt("sitrep-plots-scroll")
        .show(ui, |ui| {
            for plot in &plots {
                unit_plot(ui, notebook, plot, requested, link, each, view, out);
            }
        });
}

fn event_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    marks: &[EventMark],
    days_per_pixel: f64,
    text_color: Color32,
    notebook: &Notebook,
    view: &View,
) {
    let selected = match view.selection {
        Some(Selection::Event(id)) => Some(id),
        _ => None,
    };
    for category in Category::ALL {
        let of_category: Vec<&EventMark> =
            marks.iter().filter(|m| m.category == category).collect();
        if of_category.is_empty() {
            continue;
        }
        let color = category_color(category);
        for mark in of_category.iter().filter(|m| m.x_end - m.x_start > 1.5) {
            // A month-precision or lasting event: a bar over its whole period.
            let y = -(mark.lane as f64);
            plot_ui.line(
                Line::new(category.label(), vec![[mark.x_start, y], [mark.x_end, y]])
                    .color(color.gamma_multiply(0.6))
                    .width(6.0)
                    .allow_hover(false)
                    .id(("event-span", mark.id)),
            );
        }
        let points: Vec<[f64; 2]> = of_category
            .iter()
            .map(|m| [m.x_start + 0.5, -(m.lane as f64)])
            .collect();
        plot_ui.points(
            Points::new(category.label(), points)
                .shape(MarkerShape::Diamond)
                .radius(6.0)
                .color(color)
                .allow_hover(false)
                .id(("event-points", category.label())),
        );
    }
    for mark in marks.iter().filter(|m| m.label_shown) {
        let mut label = mark.title.chars().take(60).collect::<String>();
        if notebook
            .event(mark.id)
            .is_some_and(|e| e.evidence.is_empty())
        {
            label.push_str(" (no source)");
        }
        let strong = selected == Some(mark.id);
        let text = if strong {
            egui::RichText::new(label).strong()
        } else {
            egui::RichText::new(label)
        };
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(
                    mark.x_start + 0.5 + 10.0 * days_per_pixel,
                    -(mark.lane as f64),
                ),
                text,
            )
            .anchor(egui::Align2::LEFT_CENTER)
            .color(text_color)
            .allow_hover(false)
            .id(("event-label", mark.id)),
        );
    }
}

fn hit_event<'a>(
    response: &egui::Response,
    transform: &egui_plot::PlotTransform,
    marks: &'a [EventMark],
) -> Option<&'a EventMark> {
    let pointer = response.hover_pos()?;
    marks
        .iter()
        .map(|mark| {
            let y = -(mark.lane as f64);
            let start = transform.position_from_point(&PlotPoint::new(mark.x_start + 0.5, y));
            let end = transform.position_from_point(&PlotPoint::new(mark.x_end, y));
            // Distance to the marker, or to the bar of a lasting event.
            let dx = if pointer.x < start.x {
                start.x - pointer.x
            } else if pointer.x > end.x.max(start.x) {
                pointer.x - end.x.max(start.x)
            } else {
                0.0
            };
            let distance = (dx * dx + (pointer.y - start.y).powi(2)).sqrt();
            (distance, mark)
        })
        .filter(|(distance, _)| *distance <= HIT_RADIUS)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, mark)| mark)
}

fn figure_shape(qualifier: Qualifier) -> (MarkerShape, bool) {
    match qualifier {
        Qualifier::Exact => (MarkerShape::Circle, true),
        Qualifier::About => (MarkerShape::Circle, false),
        Qualifier::MoreThan | Qualifier::AtLeast => (MarkerShape::Up, false),
        Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => (MarkerShape::Down, false),
    }
}

#[allow(clippy::too_many_arguments)]
fn unit_plot(
    ui: &mut Ui,
    notebook: &Notebook,
    plot: &UnitPlot,
    requested: Option<(f64, f64)>,
    link: egui::Id,
    height: f32,
    view: &mut View,
    out: &mut Out,
) {
    let highlight = ui.visuals().strong_text_color();
    let max_high = plot
        .traces
        .iter()
        .flat_map(|t| &t.figures)
        .map(|f| f.high)
        .fold(0.0f64, f64::max);
    // Headroom above the highest figure, kept finite for absurdly large ones.
    let y_top = (max_high * 1.25).clamp(1.0, f64::MAX / 4.0);
    let response = time_plot(("sitrep-unit-plot", plot.unit.as_str()), link)
        .height(height)
        .y_axis_formatter(|mark, _| format_number(mark.value))
        .y_axis_label(plot.unit.as_str())
        .legend(Legend::default().position(Corner::LeftTop))
        .show(ui, |plot_ui| {
            if let Some((min, max)) = requested {
                plot_ui.set_plot_bounds_x(min..=max);
            }
            plot_ui.set_plot_bounds_y(0.0..=y_top);
            for trace in &plot.traces {
                let [r, g, b] = trace.color.unwrap_or_else(|| default_color(trace.id));
                let color = Color32::from_rgb(r, g, b);
                trace_items(plot_ui, notebook, trace, color, highlight, view);
            }
        });
    for trace in &plot.traces {
        for figure in &trace.figures {
            let at = PlotPoint::new(figure.x_mid(), figure.central);
            let pos = response.transform.position_from_point(&at);
            if response.transform.frame().contains(pos) {
                view.timeline
                    .targets
                    .push((pos, Selection::Observation(trace.id, figure.id)));
            }
        }
    }
    let Some(pointer) = response.response.hover_pos() else {
        return;
    };
    let mut best: Option<(f32, SeriesId, &FigureMark)> = None;
    for trace in &plot.traces {
        for figure in &trace.figures {
            let at = response
                .transform
                .position_from_point(&PlotPoint::new(figure.x_mid(), figure.central));
            let distance = at.distance(pointer);
            if distance <= HIT_RADIUS && best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, trace.id, figure));
            }
        }
    }
    let Some((_, series_id, figure)) = best else {
        return;
    };
    let hovered = response.response.clone();
    if hovered.clicked() {
        out.select = Some(Selection::Observation(series_id, figure.id));
    }
    if let Some((series, observation)) = notebook.observation(series_id, figure.id) {
        hovered.on_hover_ui_at_pointer(|ui| {
            ui.strong(&series.name);
            ui.label(format!(
                "{} · {} {}",
                observation.as_of,
                observation.describe(),
                series.unit
            ));
            if let Some(evidence) = &observation.evidence {
                let quote: String = evidence.quote.chars().take(240).collect();
                ui.label(egui::RichText::new(format!("“{quote}”")).italics());
            }
        });
    }
}

fn trace_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    notebook: &Notebook,
    trace: &timeline::SeriesTrace,
    color: Color32,
    highlight: Color32,
    view: &View,
) {
    let name = trace.name.as_str();
    let figures = &trace.figures;
    if figures.len() >= 2 {
        match trace.style {
            SeriesStyle::Step => {
                let mut points = Vec::with_capacity(figures.len() * 2);
                for pair in figures.windows(2) {
                    points.push([pair[0].x_mid(), pair[0].central]);
                    points.push([pair[1].x_mid(), pair[0].central]);
                }
                if let Some(last) = figures.last() {
                    points.push([last.x_mid(), last.central]);
                }
                plot_ui.line(
                    Line::new(name, points)
                        .color(color)
                        .width(2.0)
                        .id(("trace-step", trace.id)),
                );
            }
            SeriesStyle::Line => {
                let points: Vec<[f64; 2]> =
                    figures.iter().map(|f| [f.x_mid(), f.central]).collect();
                plot_ui.line(
                    Line::new(name, points)
                        .color(color)
                        .width(2.0)
                        .id(("trace-line", trace.id)),
                );
            }
            SeriesStyle::Band => {
                let xs: Vec<f64> = figures.iter().map(FigureMark::x_mid).collect();
                let lows: Vec<f64> = figures.iter().map(|f| f.low).collect();
                let highs: Vec<f64> = figures.iter().map(|f| f.high).collect();
                plot_ui.add(
                    egui_plot::FilledArea::new(name, &xs, &lows, &highs)
                        .fill_color(color.gamma_multiply(0.25))
                        .id(("trace-band", trace.id)),
                );
            }
        }
    }
    for figure in figures {
        if figure.high > figure.low {
            // The stated range as a whisker.
            plot_ui.line(
                Line::new(
                    name,
                    vec![[figure.x_mid(), figure.low], [figure.x_mid(), figure.high]],
                )
                .color(color)
                .width(3.0)
                .id(("trace-range", figure.id)),
            );
        }
        if figure.x_end - figure.x_start > 1.5 {
            // A month-precision figure covers its whole month.
            plot_ui.line(
                Line::new(
                    name,
                    vec![
                        [figure.x_start, figure.central],
                        [figure.x_end, figure.central],
                    ],
                )
                .color(color)
                .width(2.0)
                .id(("trace-period", figure.id)),
            );
        }
    }
    if figures.len() <= MAX_LABELLED_FIGURES {
        let days_per_pixel = 1.0 / plot_ui.transform().dpos_dvalue_x().max(1e-9);
        for figure in figures {
            // The figure as the source states it: "more than 50 of 370".
            let Some((_, observation)) = notebook.observation(trace.id, figure.id) else {
                continue;
            };
            let label = observation.describe();
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(figure.x_mid() + 9.0 * days_per_pixel, figure.central),
                    label,
                )
                .anchor(egui::Align2::LEFT_CENTER)
                .color(color)
                .allow_hover(false)
                .id(("trace-label", figure.id)),
            );
        }
    }
    let selected = match view.selection {
        Some(Selection::Observation(_, id)) => Some(id),
        _ => None,
    };
    for qualifier in Qualifier::ALL {
        let points: Vec<[f64; 2]> = figures
            .iter()
            .filter(|f| f.qualifier == qualifier)
            .map(|f| [f.x_mid(), f.central])
            .collect();
        if points.is_empty() {
            continue;
        }
        let (shape, filled) = figure_shape(qualifier);
        plot_ui.points(
            Points::new(name, points)
                .shape(shape)
                .filled(filled)
                .radius(6.0)
                .color(color)
                .allow_hover(false)
                .id(("trace-points", trace.id, qualifier.label())),
        );
    }
    if let Some(figure) = figures.iter().find(|f| Some(f.id) == selected) {
        plot_ui.points(
            Points::new(name, vec![[figure.x_mid(), figure.central]])
                .shape(MarkerShape::Circle)
                .filled(false)
                .radius(10.0)
                .color(highlight)
                .allow_hover(false)
                .id(("trace-selected", figure.id)),
        );
    }
}
