//! The timeline: an event lane above one plot per unit, all on one linked
//! calendar axis. Hovering a mark shows its words; clicking selects it.

use super::view::{Out, Selection, View};
use crate::model::{Category, Notebook, Qualifier, SeriesId, SeriesStyle, format_number};
use crate::timeline::{self, EventMark, FigureMark, UnitPlot};
use egui::{Color32, Ui};
use egui_plot::{
    Corner, GridInput, GridMark, Legend, Line, MarkerShape, Plot, PlotPoint, Points, Text,
};
use jiff::civil::Date;
use std::sync::Arc;

const MAX_LANES: usize = 6;
/// The width of every plot's y axis, so that all plots share their x positions.
const Y_AXIS_WIDTH: f32 = 84.0;
const LANE_HEIGHT: f32 = 22.0;
const HIT_RADIUS: f32 = 9.0;
/// More events than this on screen and the labels would be noise: markers only.
const MAX_LABELS: usize = 400;

/// The marks in view; where there are more than the pixels can show, one per
/// lane and marker-wide cell (the others would be drawn on top of it).
fn visible_marks(marks: &[EventMark], x_min: f64, x_max: f64, width: f64) -> Vec<usize> {
    // Marks are sorted by start; none lasts more than a few years.
    let first = marks.partition_point(|m| m.x_start < x_min - 3.0 * 366.0);
    let last = marks.partition_point(|m| m.x_start <= x_max);
    let in_view = (first..last).filter(|&i| marks[i].x_end >= x_min);
    if last - first <= (width as usize) * 2 {
        return in_view.collect();
    }
    // A marker is about four pixels across: one per lane and four-pixel cell.
    let scale = width / (x_max - x_min).max(1e-9) / 4.0;
    let mut seen = std::collections::HashSet::new();
    in_view
        .filter(|&i| {
            let m = &marks[i];
            let cell = ((m.x_start - x_min) * scale) as i64;
            seen.insert((m.lane, cell))
        })
        .collect()
}
/// Series with this many figures or fewer get their values written beside the marks.
const MAX_LABELLED_FIGURES: usize = 12;

/// The colour of an event category's markers.
pub fn category_color(category: Category) -> Color32 {
    let [r, g, b] = timeline::category_rgb(category);
    Color32::from_rgb(r, g, b)
}

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

/// The category toggles, the shares switch, the tag filter, the window and
/// the "as known on" cursor.
fn filters(ui: &mut Ui, notebook: &Notebook, view: &mut View) {
    let tags = Arc::clone(&view.timeline.cache.tags);
    let filter = &mut view.timeline.filter;
    ui.horizontal_wrapped(|ui| {
        for category in Category::ALL {
            let shown = !filter.hidden_categories.contains(&category);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            let color = if shown {
                category_color(category)
            } else {
                category_color(category).gamma_multiply(0.25)
            };
            ui.painter().rect_filled(rect, 2.0, color);
            if ui
                .selectable_label(shown, category.label())
                .on_hover_text("Show or hide on the event lane")
                .clicked()
            {
                if shown {
                    filter.hidden_categories.push(category);
                } else {
                    filter.hidden_categories.retain(|c| *c != category);
                }
            }
        }
        ui.separator();
        ui.checkbox(&mut filter.as_share, "Shares of the whole")
            .on_hover_text(
                "Plot each figure as a percentage of its whole: 50 of 370 districts = 13.5 %",
            );
        if !tags.is_empty() {
            ui.separator();
            let label = if filter.tags.is_empty() {
                "Tags: all".to_owned()
            } else {
                format!("Tags: {}", filter.tags.join(", "))
            };
            ui.menu_button(label, |ui| {
                for tag in tags.iter() {
                    let mut on = filter.tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
                    if ui.checkbox(&mut on, tag.as_str()).changed() {
                        if on {
                            filter.tags.push(tag.clone());
                        } else {
                            filter.tags.retain(|t| !t.eq_ignore_ascii_case(tag));
                        }
                    }
                }
                if !filter.tags.is_empty() && ui.button("Show every tag").clicked() {
                    filter.tags.clear();
                }
            })
            .response
            .on_hover_text("Show only what is tagged so, or comes from articles tagged so");
        }
        if let Some((first, last)) = filter.window {
            ui.separator();
            ui.label(format!("Window {first} – {last}"));
            if ui
                .button("Clear window")
                .on_hover_text("Show every date in the lists again")
                .clicked()
            {
                filter.window = None;
            }
        }
        ui.separator();
        let dates: Vec<jiff::civil::Date> = notebook
            .articles
            .iter()
            .filter_map(|a| a.published.map(|p| p.first_day()))
            .collect();
        let (Some(first), Some(last)) = (dates.iter().min().copied(), dates.iter().max().copied())
        else {
            return;
        };
        let mut on = filter.known_on.is_some();
        let toggle = ui
            .checkbox(&mut on, "As known on")
            .on_hover_text("Show only what had been published by a day");
        if toggle.changed() {
            filter.known_on = on.then_some(filter.known_on.unwrap_or(last));
        }
        if let Some(day) = filter.known_on {
            let mut x = timeline::day_x(day);
            let slider = egui::Slider::new(&mut x, timeline::day_x(first)..=timeline::day_x(last))
                .step_by(1.0)
                .custom_formatter(|x, _| timeline::x_date(x).to_string())
                .custom_parser(|text| {
                    text.trim()
                        .parse::<jiff::civil::Date>()
                        .ok()
                        .map(timeline::day_x)
                });
            if ui.add(slider).labelled_by(toggle.id).changed() {
                filter.known_on = Some(timeline::x_date(x));
            }
        }
    });
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
        // One width for every plot's y axis keeps the same date at the same x.
        .y_axis_min_width(Y_AXIS_WIDTH)
        .label_formatter(|_| None)
}

fn today_x() -> f64 {
    (jiff::Timestamp::now().as_second() / 86_400) as f64
}

/// Draws the timeline into the rest of `ui`.
pub fn show(ui: &mut Ui, notebook: &Notebook, revision: u64, view: &mut View, out: &mut Out) {
    view.timeline.area = Some((ui.available_width(), ui.available_height()));
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
    if view.timeline.cache.tags_for != Some(revision) {
        view.timeline.cache.tags = Arc::new(timeline::all_tags(notebook));
        view.timeline.cache.tags_for = Some(revision);
    }
    filters(ui, notebook, view);
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

    // The window only shades the plots: brushing must not rebuild them.
    let filter = view.timeline.filter.without_window();
    let window = view.timeline.filter.window;
    let cache = &mut view.timeline.cache;
    let mut layout_changed = false;
    if cache.plots_for.as_ref() != Some(&(revision, filter.clone())) {
        let plots = timeline::unit_plots(notebook, &filter);
        cache.plot_tops = plots
            .iter()
            .map(|p| {
                p.traces
                    .iter()
                    .flat_map(|t| &t.figures)
                    .map(|f| f.high)
                    .fold(0.0f64, f64::max)
            })
            .collect();
        cache.plots = Arc::new(plots);
        cache.plots_for = Some((revision, filter.clone()));
        layout_changed = true;
    }
    // Lanes depend on the zoom; a 1% change keeps them, so panning does not re-lay them out.
    let zoom_key = (pixels_per_day.ln() * 100.0).round() as i64;
    let marks_key = (revision, filter, zoom_key);
    if cache.marks_for.as_ref() != Some(&marks_key) {
        cache.marks = Arc::new(timeline::event_marks(
            notebook,
            &marks_key.1,
            pixels_per_day,
            7.0,
            MAX_LANES,
        ));
        cache.lanes = cache.marks.iter().map(|m| m.lane + 1).max().unwrap_or(1);
        cache.marks_for = Some(marks_key);
        layout_changed = true;
    }
    let view_key = (
        revision,
        zoom_key,
        x_min.to_bits(),
        x_max.to_bits(),
        width.to_bits(),
    );
    if layout_changed || cache.view_for != Some(view_key) {
        cache.visible = Arc::new(visible_marks(&cache.marks, x_min, x_max, width));
        cache.columns.clear();
        cache.view_for = Some(view_key);
    }
    let all_marks = Arc::clone(&cache.marks);
    let visible = Arc::clone(&cache.visible);
    let plots = Arc::clone(&cache.plots);
    let plot_tops = cache.plot_tops.clone();
    let lanes = cache.lanes;
    let marks: Vec<&EventMark> = visible.iter().filter_map(|&i| all_marks.get(i)).collect();
    let text_color = ui.visuals().text_color();
    let lane_height = 36.0 + lanes as f32 * LANE_HEIGHT;
    let events_response = time_plot("sitrep-events", link)
        .height(lane_height)
        .show_axes([true, true])
        .y_axis_formatter(|_, _| String::new())
        .y_axis_label("events")
        .show_grid([true, false])
        .show(ui, |plot_ui| {
            if let Some((min, max)) = requested {
                plot_ui.set_plot_bounds_x(min..=max);
            }
            plot_ui.set_plot_bounds_y(-(lanes as f64) + 0.4..=0.6);
            window_span(plot_ui, window);
            let days_per_pixel = 1.0 / plot_ui.transform().dpos_dvalue_x().max(1e-9);
            event_items(plot_ui, &marks, days_per_pixel, text_color, notebook, view);
            plot_ui.plot_bounds()
        });
    view.timeline.targets.clear();
    for mark in marks.iter().copied() {
        let at = PlotPoint::new(mark.x_start + 0.5, -(mark.lane as f64));
        let pos = events_response.transform.position_from_point(&at);
        if events_response.transform.frame().contains(pos) {
            view.timeline.targets.push((pos, Selection::Event(mark.id)));
        }
    }
    let bounds = events_response.inner;
    view.timeline.x_range = Some((bounds.min()[0], bounds.max()[0]));
    brush(ui, &events_response.transform, view);
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
                    ui.weak(source_line(notebook, evidence));
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
            for (plot, top) in plots.iter().zip(plot_tops) {
                // Plots scrolled out of sight only take their space.
                let rect = egui::Rect::from_min_size(
                    ui.cursor().min,
                    egui::vec2(ui.available_width(), each),
                );
                if ui.is_rect_visible(rect) {
                    unit_plot(ui, notebook, plot, top, requested, link, each, view, out);
                } else {
                    ui.allocate_space(egui::vec2(
                        ui.available_width(),
                        each + ui.spacing().item_spacing.y,
                    ));
                }
            }
        });
}

/// Shades the brushed window of dates on a plot.
fn window_span(plot_ui: &mut egui_plot::PlotUi<'_>, window: Option<(Date, Date)>) {
    if let Some((first, last)) = window {
        let range = timeline::day_x(first)..=timeline::day_x(last) + 1.0;
        plot_ui.add(
            egui_plot::Span::new("", range)
                .fill(Color32::from_rgba_unmultiplied(90, 140, 230, 36))
                .border_width(0.0),
        );
    }
}

/// The date strip under the event lane: drag across it to pick the window
/// of dates the lists, the inspector and the report keep; double-click clears it.
fn brush(ui: &mut Ui, transform: &egui_plot::PlotTransform, view: &mut View) {
    let frame = *transform.frame();
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), 20.0),
        egui::Sense::click_and_drag(),
    );
    let strip = egui::Rect::from_x_y_ranges(frame.x_range(), rect.y_range());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Date window"));
    let day_at = |x: f32| {
        let value = transform.value_from_position(egui::pos2(x, frame.center().y));
        timeline::x_date(value.x)
    };
    let filter = &mut view.timeline.filter;
    if response.drag_started()
        && let Some(pointer) = ui.input(|i| i.pointer.press_origin())
    {
        view.timeline.brush_from = Some(day_at(pointer.x));
    }
    if response.dragged()
        && let (Some(from), Some(pointer)) =
            (view.timeline.brush_from, response.interact_pointer_pos())
    {
        let to = day_at(pointer.x.clamp(strip.left(), strip.right()));
        filter.window = Some((from.min(to), from.max(to)));
    }
    if response.drag_stopped() {
        view.timeline.brush_from = None;
    }
    if response.double_clicked() {
        filter.window = None;
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(strip, 3.0, visuals.faint_bg_color);
    match filter.window {
        Some((first, last)) => {
            let left = transform.position_from_point_x(timeline::day_x(first));
            let right = transform.position_from_point_x(timeline::day_x(last) + 1.0);
            let picked = egui::Rect::from_x_y_ranges(left..=right.max(left + 2.0), rect.y_range());
            painter.rect_filled(picked, 3.0, visuals.selection.bg_fill.gamma_multiply(0.7));
            painter.text(
                egui::pos2(
                    picked
                        .center()
                        .x
                        .clamp(strip.left() + 60.0, strip.right() - 60.0),
                    rect.center().y,
                ),
                egui::Align2::CENTER_CENTER,
                format!("{first} – {last}"),
                egui::FontId::proportional(12.0),
                visuals.strong_text_color(),
            );
        }
        None => {
            painter.text(
                strip.center(),
                egui::Align2::CENTER_CENTER,
                "Drag here to pick a window of dates",
                egui::FontId::proportional(12.0),
                visuals.weak_text_color(),
            );
        }
    }
    response.on_hover_text("Drag across the dates to narrow the lists and the inspector to them; double-click to clear");
}

/// "— Title, Outlet, 22 Jun 2021": where quoted words come from.
fn source_line(notebook: &Notebook, evidence: &crate::model::Evidence) -> String {
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

fn event_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    marks: &[&EventMark],
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
        let of_category: Vec<&EventMark> = marks
            .iter()
            .copied()
            .filter(|m| m.category == category)
            .collect();
        if of_category.is_empty() {
            continue;
        }
        let color = category_color(category);
        for mark in of_category.iter().filter(|m| m.x_end - m.x_start > 1.5) {
            // A month-precision or lasting event: a bar over its whole
            // period, under its label rather than through it.
            let y = -(mark.lane as f64) - 0.3;
            plot_ui.line(
                Line::new(category.label(), vec![[mark.x_start, y], [mark.x_end, y]])
                    .color(color.gamma_multiply(0.6))
                    .width(3.0)
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
        if marks.len() > MAX_LABELS {
            break;
        }
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
    marks: &[&'a EventMark],
) -> Option<&'a EventMark> {
    let pointer = response.hover_pos()?;
    marks
        .iter()
        .copied()
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

/// The figures of a trace that a plot from `x_min` to `x_max` shows, with one
/// more on each side so lines run on to the edges.
fn visible_figures(figures: &[FigureMark], x_min: f64, x_max: f64) -> &[FigureMark] {
    let first = figures.partition_point(|f| f.x_start < x_min - 367.0);
    let last = figures.partition_point(|f| f.x_start <= x_max);
    &figures[first.saturating_sub(1)..(last + 1).min(figures.len())]
}

#[allow(clippy::too_many_arguments)]
fn unit_plot(
    ui: &mut Ui,
    notebook: &Notebook,
    plot: &UnitPlot,
    max_high: f64,
    requested: Option<(f64, f64)>,
    link: egui::Id,
    height: f32,
    view: &mut View,
    out: &mut Out,
) {
    let highlight = ui.visuals().strong_text_color();
    let (x_min, x_max) = requested.or(view.timeline.x_range).unwrap_or((0.0, 1.0));
    let width = ui.available_width().max(100.0) as usize;
    // Headroom above the highest figure, kept finite for absurdly large ones.
    let y_top = (max_high * 1.25).clamp(1.0, f64::MAX / 4.0);
    let shown: Vec<(&timeline::SeriesTrace, &[FigureMark])> = plot
        .traces
        .iter()
        .map(|t| (t, visible_figures(&t.figures, x_min, x_max)))
        .collect();
    let cached_columns = &view.timeline.cache.columns;
    let mut fresh_columns = Vec::new();
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
            window_span(plot_ui, view.timeline.filter.window);
            for &(trace, figures) in &shown {
                let [r, g, b] = trace.color.unwrap_or_else(|| default_color(trace.id));
                let color = Color32::from_rgb(r, g, b);
                if figures.len() > width {
                    let columns = cached_columns
                        .get(&trace.id)
                        .cloned()
                        // A column every two pixels: lines that fine look the same, at half the cost.
                        .unwrap_or_else(|| {
                            Arc::new(timeline::columns(figures, x_min, x_max, width / 2))
                        });
                    fresh_columns.push((trace.id, Arc::clone(&columns)));
                    dense_items(plot_ui, trace, &columns, color);
                } else {
                    trace_items(plot_ui, notebook, trace, figures, color, highlight, view);
                }
            }
        });
    view.timeline.cache.columns.extend(fresh_columns);
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

fn trace_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    notebook: &Notebook,
    trace: &timeline::SeriesTrace,
    figures: &[FigureMark],
    color: Color32,
    highlight: Color32,
    view: &View,
) {
    let name = trace.name.as_str();
    let days_per_pixel = 1.0 / plot_ui.transform().dpos_dvalue_x().max(1e-9);
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
                    vec![
                        [figure.x_drawn(days_per_pixel), figure.low],
                        [figure.x_drawn(days_per_pixel), figure.high],
                    ],
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
        for figure in figures {
            // The figure as the source states it: "more than 50 of 370".
            let Some((_, observation)) = notebook.observation(trace.id, figure.id) else {
                continue;
            };
            let label = observation.describe();
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(
                        figure.x_drawn(days_per_pixel) + 9.0 * days_per_pixel,
                        figure.central,
                    ),
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
