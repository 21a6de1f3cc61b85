//! One plot of the timeline: the series that share a unit, each drawn as
//! its trend (steps, lines or a band of ranges) with its figures marked as
//! the sources state them, on the calendar axis the event lane shares.

use super::plot_common::{HIT_RADIUS, default_color, source_line, time_plot, window_span};
use super::state::{Out, Selection, TimelineState, UiState};
use crate::model::{Notebook, Qualifier, SeriesId, SeriesStyle, format_number};
use crate::timeline::pyramid::FigurePyramid;
use crate::timeline::{self, FigureMark, UnitPlot, trend, values};
use egui::{Color32, Ui};
use egui_plot::{Line, MarkerShape, PlotPoint, Points, Text};
use std::sync::Arc;

/// The least height of a plot's drawing area: room for three value ticks.
pub(super) const MIN_PLOT_HEIGHT: f32 = 104.0;

fn figure_shape(qualifier: Qualifier) -> (MarkerShape, bool) {
    match qualifier {
        Qualifier::Exact => (MarkerShape::Circle, true),
        Qualifier::About => (MarkerShape::Circle, false),
        Qualifier::MoreThan | Qualifier::AtLeast => (MarkerShape::Up, false),
        Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => (MarkerShape::Down, false),
    }
}

/// The figures of a trace that a plot from `x_min` to `x_max` shows, with one
/// more on each side so lines run on to the edges.
fn visible_figures(figures: &[FigureMark], x_min: f64, x_max: f64) -> &[FigureMark] {
    let first = figures.partition_point(|f| f.x_start < x_min - 367.0);
    let last = figures.partition_point(|f| f.x_start <= x_max);
    &figures[first.saturating_sub(1)..(last + 1).min(figures.len())]
}

#[allow(clippy::too_many_arguments)]
pub(super) fn unit_plot(
    ui: &mut Ui,
    notebook: &Notebook,
    plot: &UnitPlot,
    pyramids: &[FigurePyramid],
    max_high: f64,
    requested: Option<(f64, f64)>,
    link: egui::Id,
    height: f32,
    timeline: &mut TimelineState,
    view: &UiState,
    out: &mut Out,
) {
    let highlight = ui.visuals().strong_text_color();
    let (x_min, x_max) = requested.or(timeline.x_range).unwrap_or((0.0, 1.0));
    let width = ui.available_width().max(100.0) as usize;
    // Headroom above the highest figure, for a value written above it; kept
    // finite for absurdly large ones.
    let y_top = (max_high * 1.35).clamp(1.0, f64::MAX / 4.0);
    let shown: Vec<(&timeline::SeriesTrace, &[FigureMark])> = plot
        .traces
        .iter()
        .map(|t| (t, visible_figures(&t.figures, x_min, x_max)))
        .collect();
    let empty = FigurePyramid::default();
    let cached_columns = &timeline.cache.columns;
    let mut fresh_columns = Vec::new();
    let mut labelled: Vec<(&timeline::SeriesTrace, &[FigureMark], Color32)> = Vec::new();
    // The legend stands above the plot, where it hides no data.
    let legend_height = legend(ui, &plot.traces);
    let height = (height - legend_height).max(MIN_PLOT_HEIGHT);
    // Round ticks, at least three, spaced for the plot's height (less its dates).
    let ticks = values::value_ticks(y_top, f64::from(height - 22.0));
    let tick_step = ticks.get(1).copied().unwrap_or(y_top);
    let response = time_plot(("sitrep-unit-plot", plot.unit.as_str()), link)
        // Tick labels from 12 points apart: a short plot still reads its three.
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .label_spacing(12.0..=20.0)
                .min_thickness(super::plot_common::Y_AXIS_WIDTH),
        ])
        .height(height)
        .y_grid_spacer(move |_| {
            ticks
                .iter()
                .map(|&value| egui_plot::GridMark {
                    value,
                    step_size: tick_step,
                })
                .collect()
        })
        // The headroom below zero keeps "0" clear of the dates under it.
        .y_axis_formatter(|mark, _| {
            if mark.value < 0.0 {
                String::new()
            } else {
                format_number(mark.value)
            }
        })
        .y_axis_label(plot.unit.as_str())
        .show(ui, |plot_ui| {
            if let Some((min, max)) = requested {
                plot_ui.set_plot_bounds_x(min..=max);
            }
            plot_ui.set_plot_bounds_y(-0.06 * y_top..=y_top);
            window_span(plot_ui, view.scope().window);
            for (&(trace, figures), pyramid) in shown
                .iter()
                .zip(pyramids.iter().chain(std::iter::repeat(&empty)))
            {
                let [r, g, b] = trace.color.unwrap_or_else(|| default_color(trace.id));
                let color = Color32::from_rgb(r, g, b);
                if figures.len() > width {
                    let columns = cached_columns
                        .get(&trace.id)
                        .cloned()
                        // A column every two pixels: lines that fine look the same, at half the cost.
                        .unwrap_or_else(|| {
                            Arc::new(pyramid.columns(&trace.figures, x_min, x_max, width / 2))
                        });
                    fresh_columns.push((trace.id, Arc::clone(&columns)));
                    dense_items(plot_ui, trace, &columns, color);
                } else {
                    trace_items(plot_ui, trace, figures, color, highlight, view);
                    labelled.push((trace, figures, color));
                }
            }
            value_labels(plot_ui, notebook, &labelled);
        });
    timeline.cache.columns.extend(fresh_columns);
    timeline
        .plot_frames
        .push((plot.unit.clone(), *response.transform.frame()));
    // Marks a click can select: every figure of a sparse trace (dense traces are columns).
    let sparse: Vec<(&timeline::SeriesTrace, &[FigureMark])> = shown
        .iter()
        .copied()
        .filter(|(_, figures)| figures.len() <= width)
        .collect();
    let days_per_pixel = 1.0 / response.transform.dpos_dvalue_x().max(1e-9);
    for &(trace, figures) in &sparse {
        for figure in figures {
            let at = PlotPoint::new(figure.x_drawn(days_per_pixel), figure.central);
            let pos = response.transform.position_from_point(&at);
            if response.transform.frame().contains(pos) {
                timeline
                    .targets
                    .push((pos, Selection::Observation(trace.id, figure.id)));
            }
        }
    }
    // While the plot is dragged, nothing is hovered: the marks slide under the pointer.
    let Some(pointer) = response
        .response
        .hover_pos()
        .filter(|_| !response.response.dragged())
    else {
        return;
    };
    let mut best: Option<(f32, SeriesId, &FigureMark)> = None;
    for &(trace, figures) in &sparse {
        for figure in figures {
            let at = response.transform.position_from_point(&PlotPoint::new(
                figure.x_drawn(days_per_pixel),
                figure.central,
            ));
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
                ui.weak(source_line(notebook, evidence));
            }
            if figure.slots > 1 {
                ui.weak(format!(
                    "One of {} reports for this date, drawn side by side",
                    figure.slots
                ));
            }
        });
    }
}

/// The name a series goes by in its plot's legend: with its unit, unless
/// the name says it already ("US troops" in a plot of troops).
fn legend_name(trace: &timeline::SeriesTrace) -> String {
    let unit = trace.unit.as_str();
    let unit_word = unit.trim_start_matches("% of ").trim();
    if unit_word.is_empty()
        || trace
            .name
            .to_lowercase()
            .contains(&unit_word.to_lowercase())
    {
        trace.name.clone()
    } else {
        format!("{} ({unit})", trace.name)
    }
}

#[allow(clippy::too_many_arguments)]
fn trace_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    trace: &timeline::SeriesTrace,
    figures: &[FigureMark],
    color: Color32,
    highlight: Color32,
    view: &UiState,
) {
    let name = legend_name(trace);
    let name = name.as_str();
    let days_per_pixel = 1.0 / plot_ui.transform().dpos_dvalue_x().max(1e-9);
    // Step lines' jumps are vertical runs of points: drawn as lines, not
    // merged into the filled bands egui_plot makes of dense data.
    let line = |points: Vec<[f64; 2]>| Line::new(name, points).color(color).allow_band(false);
    if !trace.joins {
        // One incident's toll after another: each its own mark on a stem
        // from zero, never a line that would read as a total rising and falling.
        for figure in figures {
            let x = figure.x_drawn(days_per_pixel);
            plot_ui.line(
                line(vec![[x, 0.0], [x, figure.low]])
                    .width(1.5)
                    .id(("trace-stem", figure.id)),
            );
        }
    } else if figures.len() >= 2 {
        plot_ui.line(
            line(trend::trend_points(figures, trace.style))
                .width(2.0)
                .id(("trace-trend", trace.id)),
        );
        if trace.style == SeriesStyle::Band {
            let edges = trend::band_edges(figures);
            let xs: Vec<f64> = edges.iter().map(|e| e.0).collect();
            let lows: Vec<f64> = edges.iter().map(|e| e.1).collect();
            let highs: Vec<f64> = edges.iter().map(|e| e.2).collect();
            plot_ui.add(
                egui_plot::FilledArea::new(name, &xs, &lows, &highs)
                    .fill_color(color.gamma_multiply(0.25))
                    .stroke(egui::Stroke::NONE)
                    .id(("trace-band", trace.id)),
            );
        }
    }
    for figure in figures {
        let x = figure.x_drawn(days_per_pixel);
        if figure.high > figure.low {
            // The stated range as a whisker.
            plot_ui.line(
                line(vec![[x, figure.low], [x, figure.high]])
                    .width(3.0)
                    .id(("trace-range", figure.id)),
            );
        }
        if figure.x_end - figure.x_start > 1.5 {
            // A month-precision figure covers its whole month.
            plot_ui.line(
                line(vec![
                    [figure.x_start, figure.central],
                    [figure.x_end, figure.central],
                ])
                .width(2.0)
                .id(("trace-period", figure.id)),
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
            .map(|f| [f.x_drawn(days_per_pixel), f.central])
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
            Points::new(name, vec![[figure.x_drawn(days_per_pixel), figure.central]])
                .shape(MarkerShape::Circle)
                .filled(false)
                .radius(10.0)
                .color(highlight)
                .allow_hover(false)
                .id(("trace-selected", figure.id)),
        );
    }
}

/// Each figure's value as its source states it ("more than 50 of 370"),
/// beside its point, by the rule the exported chart follows
/// ([`values::place_values`]): inside the plot, clear of every marker, line
/// and other value of the plot; a value with no room shows on hover.
fn value_labels(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    notebook: &Notebook,
    traces: &[(&timeline::SeriesTrace, &[FigureMark], Color32)],
) {
    let transform = *plot_ui.transform();
    let px = |x: f64, y: f64| {
        let pos = transform.position_from_point(&PlotPoint::new(x, y));
        (f64::from(pos.x), f64::from(pos.y))
    };
    let font = egui::TextStyle::Small.resolve(&plot_ui.ctx().global_style());
    let ctx = plot_ui.ctx().clone();
    let mut measure = |text: &str| {
        ctx.fonts_mut(|fonts| {
            text.chars()
                .map(|c| f64::from(fonts.glyph_width(&font, c)))
                .sum()
        })
    };
    let frame = transform.frame();
    let shown: Vec<(&timeline::SeriesTrace, &[FigureMark])> = traces
        .iter()
        .map(|&(trace, figures, _)| (trace, figures))
        .collect();
    let placed = values::plot_values(
        notebook,
        &shown,
        1.0 / transform.dpos_dvalue_x().max(1e-9),
        px,
        &mut measure,
        f64::from(font.size + 2.0),
        (
            f64::from(frame.left()),
            f64::from(frame.top()),
            f64::from(frame.width()),
            f64::from(frame.height()),
        ),
        Vec::new(),
    );
    for value in placed {
        let (trace, _, color) = traces[value.trace];
        let at = transform.value_from_position(egui::pos2(value.left as f32, value.top as f32));
        plot_ui.text(
            Text::new("", at, value.text)
                .anchor(egui::Align2::LEFT_TOP)
                .color(color)
                .allow_hover(false)
                .id(("trace-label", trace.id, value.figure)),
        );
    }
}

/// The plot's legend, above it: each series' colour and name. Returns the
/// height it took.
fn legend(ui: &mut Ui, traces: &[timeline::SeriesTrace]) -> f32 {
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        for trace in traces {
            let [r, g, b] = trace.color.unwrap_or_else(|| default_color(trace.id));
            let color = Color32::from_rgb(r, g, b);
            let name = legend_name(trace);
            let font = egui::TextStyle::Body.resolve(ui.style());
            let galley = ui
                .painter()
                .layout_no_wrap(name.clone(), font, ui.visuals().text_color());
            let size = egui::vec2(16.0 + galley.size().x, galley.size().y.max(14.0));
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
            let painter = ui.painter();
            painter.circle_filled(egui::pos2(rect.left() + 5.0, rect.center().y), 4.0, color);
            painter.galley(
                egui::pos2(rect.left() + 14.0, rect.center().y - galley.size().y / 2.0),
                galley,
                ui.visuals().text_color(),
            );
            ui.add_space(8.0);
        }
    });
    ui.cursor().top() - top
}

/// A trace with more figures in view than pixels: per pixel column, the
/// range of its figures (no spike disappears) and a line through their extremes.
fn dense_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    trace: &timeline::SeriesTrace,
    columns: &[timeline::Column],
    color: Color32,
) {
    let name = trace.name.as_str();
    let xs: Vec<f64> = columns.iter().map(|c| c.x).collect();
    let lows: Vec<f64> = columns.iter().map(|c| c.low).collect();
    let highs: Vec<f64> = columns.iter().map(|c| c.high).collect();
    plot_ui.add(
        egui_plot::FilledArea::new(name, &xs, &lows, &highs)
            .fill_color(color.gamma_multiply(0.25))
            .id(("trace-dense-band", trace.id)),
    );
    let mut line = Vec::with_capacity(columns.len() * 2);
    for column in columns {
        line.push([column.x, column.central_min]);
        if column.central_max != column.central_min {
            line.push([column.x, column.central_max]);
        }
    }
    plot_ui.line(
        Line::new(name, line)
            .color(color)
            .width(1.5)
            .id(("trace-dense-line", trace.id)),
    );
}
