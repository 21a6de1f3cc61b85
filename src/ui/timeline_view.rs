//! The timeline: an event lane above one plot per unit, all on one linked
//! calendar axis. Hovering a mark shows its words; clicking selects it.

use super::plot_common::{HIT_RADIUS, category_color, source_line, time_plot, window_span};
use super::runner::{Poll, Task};
use super::state::{
    IndexBuild, IndexKey, LanesInViewKey, Out, Selection, TimelineCache, TimelineState, UiState,
};
use crate::model::{Category, Notebook};
use crate::timeline::index::TimelineIndex;
use crate::timeline::labels::{self, PlacedLabel, PlotSpan};
use crate::timeline::{self, EventMark, ScopeChange};
use egui::{Color32, Ui};
use egui_plot::{Line, MarkerShape, PlotPoint, Points, Text};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Event lanes at most; a short window gets fewer, so the plots keep room.
const MAX_LANES: usize = 6;
const LANE_HEIGHT: f32 = 22.0;
/// More events than this on screen and the labels would be noise: markers only.
const MAX_LABELS: usize = 400;

/// The category toggles, the shares switch, the tag filter, the window and
/// the "as known on" cursor: each asks for its change as a command.
fn filters(
    ui: &mut Ui,
    notebook: &Notebook,
    tags: Arc<Vec<String>>,
    view: &UiState,
    out: &mut Out,
) {
    let filter = view.scope();
    let mut ask = |change: ScopeChange| out.commands.push(super::Command::Scope(change));
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
                ask(ScopeChange::ShowCategory(category, !shown));
            }
        }
        ui.separator();
        let mut as_share = filter.as_share;
        if ui
            .checkbox(&mut as_share, "Shares of the whole")
            .on_hover_text(
                "Plot each figure as a percentage of its whole: 50 of 370 districts = 13.5 %",
            )
            .changed()
        {
            ask(ScopeChange::AsShare(as_share));
        }
        if !tags.is_empty() {
            ui.separator();
            let label = if filter.tags.is_empty() {
                "Tags: all".to_owned()
            } else {
                format!("Tags: {}", filter.tags.join(", "))
            };
            super::fields::sticky_menu(ui, label, |ui| {
                for tag in tags.iter() {
                    let mut on = filter.tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
                    if ui.checkbox(&mut on, tag.as_str()).changed() {
                        ask(ScopeChange::KeepTag(tag.clone(), on));
                    }
                }
                if !filter.tags.is_empty() && ui.button("Show every tag").clicked() {
                    ask(ScopeChange::EveryTag);
                }
            })
            .on_hover_text("Show only what is tagged so, or comes from articles tagged so");
        }
        if let Some(region) = &filter.region {
            ui.separator();
            ui.label(format!("Place: {}", region.name));
            if ui
                .button("Clear place")
                .on_hover_text("Show events at every place again")
                .clicked()
            {
                ask(ScopeChange::Region(None));
            }
        }
        if !filter.hidden_series.is_empty() {
            ui.separator();
            ui.label(format!("{} series hidden", filter.hidden_series.len()));
            if ui
                .button("Show every series")
                .on_hover_text("Draw every series again")
                .clicked()
            {
                ask(ScopeChange::EverySeries);
            }
        }
        if let Some((first, last)) = filter.window {
            ui.separator();
            ui.label(format!("Window {first} – {last}"));
            if ui
                .button("Clear window")
                .on_hover_text("Show every date in the lists again")
                .clicked()
            {
                ask(ScopeChange::Window(None));
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
            ask(ScopeChange::KnownOn(
                on.then_some(filter.known_on.unwrap_or(last)),
            ));
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
                ask(ScopeChange::KnownOn(Some(timeline::x_date(x))));
            }
        }
    });
}

/// Notebooks with up to this many events and figures have their timeline
/// index built at once; bigger ones on a worker, the last index staying in
/// use meanwhile.
const BUILD_AT_ONCE_MAX_WEIGHT: usize = 20_000;
/// After a change to a big notebook, its index is rebuilt once no other
/// change has come for this long.
const REBUILD_AFTER_PAUSE_SECONDS: f64 = 0.3;
/// Characters are measured at this many pixels for laying out the lanes.
const LANE_CHAR_PX: f64 = 7.0;

/// Makes the cache's index the one for `key`: at once for a small notebook;
/// for a big one, starts a worker (stopping any other) or takes what it made.
fn refresh_index(
    ctx: &egui::Context,
    notebook: &Arc<Notebook>,
    key: IndexKey,
    cache: &mut TimelineCache,
) {
    if cache.index_for.as_ref() == Some(&key) {
        return;
    }
    if let Some(build) = cache.building.as_ref().filter(|b| b.key == key) {
        match build.task.poll() {
            Poll::Ready(Some(index)) => install(cache, key, index),
            Poll::Running => {}
            // Stopped or gone: start again next frame.
            Poll::Ready(None) | Poll::Stopped => {
                cache.building = None;
                ctx.request_repaint();
            }
        }
        return;
    }
    // A build for what is no longer wanted is stopped (dropping it does).
    cache.building = None;
    let cancel = Arc::new(AtomicBool::new(false));
    let big = TimelineIndex::weight(notebook) > BUILD_AT_ONCE_MAX_WEIGHT;
    if big && cache.index.is_some() {
        // Typing makes a change per key: wait for a pause, showing the last
        // index meanwhile, rather than start (and copy for) a build per key.
        let now = ctx.input(|i| i.time);
        let since = match &cache.wanted {
            Some((wanted, since)) if *wanted == key => *since,
            _ => {
                cache.wanted = Some((key.clone(), now));
                now
            }
        };
        let waited = now - since;
        if waited < REBUILD_AFTER_PAUSE_SECONDS {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                REBUILD_AFTER_PAUSE_SECONDS - waited,
            ));
            return;
        }
    }
    if !big {
        if let Some(index) =
            TimelineIndex::build(notebook, &key.filter, LANE_CHAR_PX, key.max_lanes, &cancel)
        {
            install(cache, key, index);
        }
        return;
    }
    let worker_notebook = Arc::clone(notebook);
    let (filter, max_lanes) = (key.filter.clone(), key.max_lanes);
    let started = Task::start(ctx, "sitrep-timeline-index", move |cancel| {
        let inputs = TimelineIndex::gather(&worker_notebook, &filter);
        // Let go of the notebook as soon as it is read: an edit while a
        // worker still holds it has to copy it.
        drop(worker_notebook);
        TimelineIndex::from_inputs(inputs, LANE_CHAR_PX, max_lanes, cancel)
    });
    match started {
        Ok(task) => cache.building = Some(IndexBuild { key, task }),
        // No thread to be had: build here rather than show nothing.
        Err(_) => {
            if let Some(index) =
                TimelineIndex::build(notebook, &key.filter, LANE_CHAR_PX, key.max_lanes, &cancel)
            {
                install(cache, key, index);
            }
        }
    }
}

fn install(cache: &mut TimelineCache, key: IndexKey, index: TimelineIndex) {
    cache.index = Some(Arc::new(index));
    cache.index_for = Some(key);
    cache.index_generation += 1;
    cache.building = None;
    cache.view_for = None;
}

fn today_x() -> f64 {
    timeline::day_x(crate::extract::today())
}

/// Draws the timeline into the rest of `ui`.
pub fn show(
    ui: &mut Ui,
    shared: &Arc<Notebook>,
    revision: u64,
    timeline: &mut TimelineState,
    view: &mut UiState,
    out: &mut Out,
) {
    let notebook: &Notebook = shared;
    timeline.area = Some((ui.available_width(), ui.available_height()));
    ui.horizontal_wrapped(|ui| {
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
        super::views_menu::show(ui, notebook, view, out);
    })
    .response
    .on_hover_text(
        "Drag or scroll to pan, Ctrl+scroll to zoom; F fits, + and - zoom, arrow keys pan.",
    );
    if timeline.cache.tags_for != Some(revision) {
        timeline.cache.tags = Arc::new(timeline::all_tags(notebook));
        timeline.cache.tags_for = Some(revision);
    }
    filters(ui, notebook, Arc::clone(&timeline.cache.tags), view, out);
    if timeline.x_range.is_none() && timeline.requested.is_none() {
        timeline.requested = Some(
            timeline::data_range(notebook).unwrap_or_else(|| (today_x() - 180.0, today_x() + 30.0)),
        );
    }
    let requested = timeline.requested.take();
    let (x_min, x_max) = requested.or(timeline.x_range).unwrap_or((0.0, 1.0));
    let width = ui.available_width().max(100.0) as f64;
    let link = egui::Id::unique("sitrep-timeline-link");

    // The event lane takes at most a quarter of the timeline's height: the
    // plots below are what a notebook is opened for.
    let lanes_fit = ((ui.available_height() * 0.25 - 36.0) / LANE_HEIGHT).floor();
    let max_lanes = (lanes_fit.max(2.0) as usize).min(MAX_LANES);
    // The window only shades the plots: brushing must not rebuild them.
    let key = IndexKey {
        revision,
        filter: view.scope().without_window(),
        max_lanes,
    };
    let window = view.scope().window;
    let cache = &mut timeline.cache;
    refresh_index(ui.ctx(), shared, key, cache);
    let Some(index) = cache.index.clone() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(format!(
                "Laying out {} events and figures…",
                crate::model::format_number(TimelineIndex::weight(notebook) as f64)
            ));
        });
        return;
    };
    let view_key = LanesInViewKey {
        generation: cache.index_generation,
        x_range: (x_min.to_bits(), x_max.to_bits()),
        width: width.to_bits(),
    };
    if cache.view_for != Some(view_key) {
        cache.visible = Arc::new(index.events.in_view(x_min, x_max, width));
        cache.columns.clear();
        cache.view_for = Some(view_key);
    }
    let visible = Arc::clone(&cache.visible);
    let lanes = visible.lanes;
    let marks: Vec<&EventMark> = visible.marks.iter().collect();
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
            let placed = event_items(plot_ui, &marks, text_color, notebook, view);
            (plot_ui.plot_bounds(), placed)
        });
    timeline.lane_frame = Some(*events_response.transform.frame());
    timeline.plot_frames.clear();
    timeline.targets.clear();
    for mark in marks.iter().copied() {
        let at = PlotPoint::new(mark.x_start + 0.5, -(mark.lane as f64));
        let pos = events_response.transform.position_from_point(&at);
        if events_response.transform.frame().contains(pos) {
            timeline.targets.push((pos, Selection::Event(mark.id)));
        }
    }
    let (bounds, (placed_labels, crowds)) = events_response.inner;
    timeline.x_range = Some((bounds.min()[0], bounds.max()[0]));
    brush(ui, &events_response.transform, timeline, view, out);
    wheel_pan(ui, &events_response.response, bounds, timeline);
    if let Some(crowd) = hit_crowd(
        &events_response.response,
        &events_response.transform,
        &crowds,
    ) {
        events_response
            .response
            .clone()
            .on_hover_ui_at_pointer(|ui| {
                ui.strong(format!(
                    "{} with no room for their labels here (zoom in to read them)",
                    crate::model::counted(crowd.ids.len(), "event", "events")
                ));
                for id in crowd.ids.iter().take(20) {
                    if let Some(event) = notebook.event(*id) {
                        ui.label(format!("{} · {}", event.start, event.title));
                    }
                }
                if crowd.ids.len() > 20 {
                    ui.weak(format!("and {} more", crowd.ids.len() - 20));
                }
            });
    } else if let Some(mark) = hit_event(
        &events_response.response,
        &events_response.transform,
        &marks,
        &placed_labels,
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

    if view.scope().as_share {
        let left_out = timeline::series_without_whole(notebook);
        if !left_out.is_empty() {
            ui.weak(format!(
                "Not shown as shares: {} (no figure says what whole it is part of)",
                left_out.join(", ")
            ));
        }
    }
    if index.plots.is_empty() {
        ui.add_space(12.0);
        if notebook.series.is_empty() {
            ui.weak("No figures yet: select words such as “7,000 NATO soldiers” in an article and choose Figure from selection.");
        }
        return;
    }
    // Each plot (and its legend) tall enough for three labelled ticks.
    // Between a plot's legend and its drawing, and after it.
    let gaps = 2.0 * ui.spacing().item_spacing.y;
    let each = ((ui.available_height() - 4.0) / index.plots.len() as f32 - gaps)
        .max(super::plot_view::MIN_PLOT_HEIGHT + 20.0);
    // A solid bar, so that plots below the fold are seen to be there.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .id_salt("sitrep-plots-scroll")
        .show(ui, |ui| {
            for ((plot, &top), pyramids) in index
                .plots
                .iter()
                .zip(&index.plot_tops)
                .zip(&index.pyramids)
            {
                // Plots scrolled out of sight only take their space.
                let rect = egui::Rect::from_min_size(
                    ui.cursor().min,
                    egui::vec2(ui.available_width(), each),
                );
                if ui.is_rect_visible(rect) {
                    super::plot_view::unit_plot(
                        ui, notebook, plot, pyramids, top, requested, link, each, timeline, view,
                        out,
                    );
                } else {
                    ui.allocate_space(egui::vec2(
                        ui.available_width(),
                        each + ui.spacing().item_spacing.y,
                    ));
                }
            }
        });
}

/// A plain scroll wheel over the event lane pans through time (the plot
/// itself pans only on sideways scrolling, and zooms with Ctrl).
fn wheel_pan(
    ui: &Ui,
    response: &egui::Response,
    bounds: egui_plot::PlotBounds,
    timeline: &mut TimelineState,
) {
    let (delta, modifiers) = ui.input(|i| (i.smooth_scroll_delta, i.modifiers));
    if !response.hovered()
        || delta.y == 0.0
        || delta.x != 0.0
        || modifiers.command
        || modifiers.ctrl
    {
        return;
    }
    let (x_min, x_max) = (bounds.min()[0], bounds.max()[0]);
    let days_per_pixel = (x_max - x_min) / f64::from(response.rect.width().max(1.0));
    // Scrolling down moves on in time, as reading down a page does.
    let shift = -f64::from(delta.y) * days_per_pixel;
    timeline.requested = Some((x_min + shift, x_max + shift));
    ui.ctx().request_repaint();
}

/// The date strip under the event lane: drag across it to pick the window
/// of dates the lists, the inspector and the report keep; double-click clears it.
fn brush(
    ui: &mut Ui,
    transform: &egui_plot::PlotTransform,
    timeline: &mut TimelineState,
    view: &UiState,
    out: &mut Out,
) {
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
    // Drawn as it will be once the app has carried out the change.
    let mut window = view.scope().window;
    let asked = window;
    if response.drag_started()
        && let Some(pointer) = ui.input(|i| i.pointer.press_origin())
    {
        timeline.brush_from = Some(day_at(pointer.x));
    }
    if response.dragged()
        && let (Some(from), Some(pointer)) = (timeline.brush_from, response.interact_pointer_pos())
    {
        let to = day_at(pointer.x.clamp(strip.left(), strip.right()));
        window = Some((from.min(to), from.max(to)));
    }
    if response.drag_stopped() {
        timeline.brush_from = None;
    }
    if response.double_clicked() {
        window = None;
    }
    if window != asked {
        out.commands
            .push(super::Command::Scope(ScopeChange::Window(window)));
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(strip, 3.0, visuals.faint_bg_color);
    match window {
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

/// Draws the event lane's markers, bars, labels and the counts of events
/// with no room for theirs; returns the labels and counts as placed, so
/// that hovering one shows its events.
fn event_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    marks: &[&EventMark],
    text_color: Color32,
    notebook: &Notebook,
    view: &UiState,
) -> (Vec<PlacedLabel>, Vec<labels::Crowd>) {
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
    if marks.len() > MAX_LABELS {
        return (Vec::new(), Vec::new());
    }
    let transform = *plot_ui.transform();
    let span = PlotSpan {
        x_min: transform.bounds().min()[0],
        x_max: transform.bounds().max()[0],
        width: f64::from(transform.frame().width()),
    };
    // The plot writes its texts in the small style: measure them in it.
    let font = egui::TextStyle::Small.resolve(&plot_ui.ctx().global_style());
    let (placed, crowds) = plot_ui.ctx().fonts_mut(|fonts| {
        let mut measure = |text: &str| -> f64 {
            text.chars()
                .map(|c| f64::from(fonts.glyph_width(&font, c)))
                .sum()
        };
        let mut placed = labels::place_labels(
            marks,
            &span,
            &mut |mark| labels::full_label(notebook, mark),
            &mut measure,
        );
        let crowds = labels::place_crowds(marks, &span, &mut placed, &mut measure);
        (placed, crowds)
    });
    let days_per_px = (span.x_max - span.x_min) / span.width.max(1.0);
    for label in &placed {
        let strong = selected == Some(label.id);
        let text = if strong {
            egui::RichText::new(label.text.as_str()).strong()
        } else {
            egui::RichText::new(label.text.as_str())
        };
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(span.x_min + label.left * days_per_px, -(label.lane as f64)),
                text,
            )
            .anchor(egui::Align2::LEFT_CENTER)
            .color(text_color)
            .allow_hover(false)
            .id(("event-label", label.id)),
        );
    }
    let weak = text_color.gamma_multiply(0.7);
    for crowd in &crowds {
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(span.x_min + crowd.left * days_per_px, -(crowd.lane as f64)),
                egui::RichText::new(crowd.text.as_str()).italics(),
            )
            .anchor(egui::Align2::LEFT_CENTER)
            .color(weak)
            .allow_hover(false)
            .id(("event-crowd", crowd.lane, crowd.ids.first().copied())),
        );
    }
    (placed, crowds)
}

/// The count of unlabelled events under the pointer, if any.
fn hit_crowd<'a>(
    response: &egui::Response,
    transform: &egui_plot::PlotTransform,
    crowds: &'a [labels::Crowd],
) -> Option<&'a labels::Crowd> {
    if response.dragged() {
        return None;
    }
    let pointer = response.hover_pos()?;
    let x = f64::from(pointer.x - transform.frame().left());
    crowds.iter().find(|crowd| {
        let y = transform
            .position_from_point(&PlotPoint::new(0.0, -(crowd.lane as f64)))
            .y;
        x >= crowd.left - 2.0
            && x <= crowd.right + 2.0
            && (pointer.y - y).abs() <= LANE_HEIGHT / 2.0
    })
}

/// The event under the pointer: nearest by its marker, else by its bar,
/// else the one whose label the pointer is on.
fn hit_event<'a>(
    response: &egui::Response,
    transform: &egui_plot::PlotTransform,
    marks: &[&'a EventMark],
    placed: &[PlacedLabel],
) -> Option<&'a EventMark> {
    // While the lane is dragged, nothing is hovered: the marks slide under the pointer.
    if response.dragged() {
        return None;
    }
    let pointer = response.hover_pos()?;
    let within_reach = |distance: f32| distance <= HIT_RADIUS;
    // A marker under the pointer wins over a lasting event's bar passing by.
    let marker_distance = |mark: &EventMark| {
        let at =
            transform.position_from_point(&PlotPoint::new(mark.x_start + 0.5, -(mark.lane as f64)));
        at.distance(pointer)
    };
    let bar_distance = |mark: &EventMark| {
        if mark.x_end - mark.x_start <= 1.5 {
            return f32::INFINITY;
        }
        let y = -(mark.lane as f64) - 0.3;
        let start = transform.position_from_point(&PlotPoint::new(mark.x_start, y));
        let end = transform.position_from_point(&PlotPoint::new(mark.x_end, y));
        let dx = (start.x - pointer.x).max(pointer.x - end.x).max(0.0);
        (dx * dx + (pointer.y - start.y).powi(2)).sqrt()
    };
    let nearest_by = |distance: &dyn Fn(&EventMark) -> f32| {
        marks
            .iter()
            .copied()
            .map(|mark| (distance(mark), mark))
            .filter(|(d, _)| within_reach(*d))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, mark)| mark)
    };
    let nearest = nearest_by(&marker_distance).or_else(|| nearest_by(&bar_distance));
    nearest.or_else(|| {
        let left = transform.frame().left();
        let label = placed.iter().find(|label| {
            let y = transform
                .position_from_point(&PlotPoint::new(0.0, -(label.lane as f64)))
                .y;
            let x = pointer.x - left;
            (f64::from(x) >= label.left && f64::from(x) <= label.right)
                && (pointer.y - y).abs() <= LANE_HEIGHT / 2.0
        })?;
        marks.iter().copied().find(|m| m.id == label.id)
    })
}
