//! The map beside the timeline: country outlines (finer when zoomed in) and
//! the events the timeline shows, one marker per place, sized by count and
//! coloured by category. Drag to pan, scroll to zoom, double-click to see
//! the whole world; hovering a marker lists its events with their sources,
//! clicking it narrows everything to that place.

use super::Command;
use super::plot_common::category_color;
use super::runner::{Poll, Task};
use super::state::{
    HomeKey, MAX_MAP_POINTS_PER_DEGREE, MapFrame, MapState, MarkersKey, Out, OutlinesLoad,
    Selection, UiState,
};
use crate::map;
use crate::model::Notebook;
use crate::timeline::{Region, ScopeChange};
use egui::{Pos2, Rect, Shape, Stroke, Ui, pos2, vec2};
use std::sync::Arc;

/// The view of the whole world: the projected box the map starts in.
const WORLD: [f64; 4] = [-180.0, -60.0, 180.0, 80.0];
/// Outline points closer than this to the last drawn are skipped.
const MIN_SEGMENT_POINTS: f32 = 1.5;

/// Draws the map into the rest of `ui`.
pub fn show(
    ui: &mut Ui,
    notebook: &Notebook,
    revision: u64,
    state: &mut MapState,
    view: &UiState,
    out: &mut Out,
) {
    // Every place stays on the map when one is picked, so another can be.
    let filter = crate::timeline::Filter {
        region: None,
        ..view.scope().clone()
    };
    let picked = view.scope().region.clone();
    load_outlines(ui.ctx(), state);
    let key = MarkersKey {
        revision,
        filter: filter.clone(),
    };
    // Places are looked up in the gazetteer, parsed on a worker at start:
    // until it is ready the map keeps its markers rather than wait for it.
    state.awaiting_places = !crate::extract::places::world_is_ready();
    if state.awaiting_places {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(30));
    } else if state.markers_for.as_ref() != Some(&key) {
        state.markers = Arc::new(map::markers::event_markers(notebook, &filter));
        state.markers_for = Some(key);
    }
    let (rect, response) =
        ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
    state.rect = Some(rect);
    state.hovered = response.hovered();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map"));
    // Until the analyst moves it, the map keeps its places in view as the
    // panel changes size; it is first framed once they are known.
    let outlines_ready = matches!(state.outlines, OutlinesLoad::Ready(_));
    let home_key = HomeKey {
        markers: Arc::as_ptr(&state.markers) as usize,
        outlines_ready,
    };
    let home = match state.home {
        Some((home, key)) if key == home_key => home,
        _ => {
            let home = home(&state.markers, outlines_ready);
            state.home = Some((home, home_key));
            home
        }
    };
    if state.frame.is_none() && state.awaiting_places {
        ui.painter()
            .rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        return;
    }
    // Refitted, until the analyst moves it, when the panel changes size,
    // and once the outlines are read (a country's extent is known then);
    // not as places change, which would move the map under the hand.
    let refit = state.fitted_to != Some(rect.size()) || (outlines_ready && !state.fitted_outlines);
    if state.frame.is_none() || (!state.moved && refit) {
        state.frame = Some(fit(rect, home));
        state.fitted_to = Some(rect.size());
        state.fitted_outlines = outlines_ready;
        state.moved = false;
    }
    let Some(frame) = state.frame.as_mut() else {
        return;
    };
    // Shift+drag draws a box: the region the timeline, lists and exports keep.
    let pointer_now = ui.input(|i| i.pointer.latest_pos());
    if response.drag_started() && ui.input(|i| i.modifiers.shift) {
        state.box_from = response.interact_pointer_pos();
    }
    let boxed = state
        .box_from
        .zip(pointer_now)
        .map(|(a, b)| Rect::from_two_pos(a, b));
    if let Some(drawn) = boxed
        && response.drag_stopped()
    {
        state.box_from = None;
        if drawn.width() >= 4.0 && drawn.height() >= 4.0 {
            let region = boxed_region(*frame, rect, drawn);
            out.commands
                .push(Command::Scope(ScopeChange::Region(Some(region))));
        }
    } else if response.dragged() && state.box_from.is_none() {
        state.moved = true;
        let delta = response.drag_delta();
        frame.center[0] -= f64::from(delta.x) / frame.scale;
        frame.center[1] += f64::from(delta.y) / frame.scale;
    }
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y + i.zoom_delta().ln() * 200.0);
        if scroll != 0.0 {
            state.moved = true;
            let factor = f64::from((scroll / 200.0).exp());
            let pointer = response.hover_pos().unwrap_or(rect.center());
            let before = to_map(*frame, rect, pointer);
            frame.scale = (frame.scale * factor)
                .clamp(fit(rect, WORLD).scale * 0.5, MAX_MAP_POINTS_PER_DEGREE);
            let after = to_map(*frame, rect, pointer);
            frame.center[0] += before[0] - after[0];
            frame.center[1] += before[1] - after[1];
        }
    }
    if response.double_clicked() {
        *frame = fit(rect, home);
    }
    let frame = *frame;
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    match &state.outlines {
        OutlinesLoad::Ready(outlines) => {
            let stroke = Stroke::new(1.0, visuals.weak_text_color());
            draw_outlines(&painter, rect, frame, outlines.at_zoom(frame.scale), stroke);
        }
        OutlinesLoad::Failed(why) => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                format!("No outlines: {why}"),
                egui::FontId::proportional(12.0),
                visuals.warn_fg_color,
            );
        }
        OutlinesLoad::Loading(_) | OutlinesLoad::NotStarted => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Loading the outlines…",
                egui::FontId::proportional(12.0),
                visuals.weak_text_color(),
            );
        }
    }
    if let Some(drawn) = boxed.filter(|_| state.box_from.is_some()) {
        painter.rect(
            drawn,
            0.0,
            visuals.selection.bg_fill.gamma_multiply(0.3),
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let markers = Arc::clone(&state.markers);
    let ready_outlines = match &state.outlines {
        OutlinesLoad::Ready(outlines) => Some(Arc::clone(outlines)),
        _ => None,
    };
    state.drawn.clear();
    let pointer = response.hover_pos();
    let mut hovered = None;
    for (index, marker) in markers.markers.iter().enumerate() {
        let at = to_screen(frame, rect, map::project(marker.at));
        if !rect.expand(12.0).contains(at) {
            continue;
        }
        let radius = 3.0 + 2.0 * (marker.items() as f32).sqrt().min(12.0);
        draw_extent(&painter, rect, frame, marker, ready_outlines.as_deref());
        if picked
            .as_ref()
            .is_some_and(|region| region.contains(marker.at))
        {
            painter.circle_stroke(
                at,
                radius + 3.0,
                Stroke::new(2.0, visuals.strong_text_color()),
            );
        }
        if marker.events.is_empty() {
            // Figures only: a ring, no event there to colour it.
            painter.circle_stroke(at, radius, Stroke::new(2.0, visuals.strong_text_color()));
        } else {
            painter.circle(
                at,
                radius,
                category_color(marker.category).gamma_multiply(0.8),
                Stroke::new(1.0, visuals.strong_text_color()),
            );
        }
        if marker.is_unsure() {
            // Unsure where this is: a question mark until someone settles it.
            painter.text(
                at + vec2(radius + 2.0, -radius - 2.0),
                egui::Align2::LEFT_BOTTOM,
                "?",
                egui::FontId::proportional(12.0),
                visuals.warn_fg_color,
            );
        }
        state.drawn.push((at, index));
        if pointer.is_some_and(|p| p.distance(at) <= radius + 3.0) {
            hovered = Some(index);
        }
    }
    if markers.unplaced > 0 {
        painter.text(
            rect.left_bottom() + vec2(6.0, -6.0),
            egui::Align2::LEFT_BOTTOM,
            if markers.unplaced == 1 {
                "1 item at a place not found on the map".to_owned()
            } else {
                format!("{} items at places not found on the map", markers.unplaced)
            },
            egui::FontId::proportional(11.0),
            visuals.weak_text_color(),
        );
    }
    put_place_here(notebook, (frame, rect), &response, state, view, out);
    // While the map is dragged, the pointer only passes over markers.
    let Some(marker) = hovered
        .filter(|_| !response.dragged())
        .and_then(|i| markers.markers.get(i))
    else {
        return;
    };
    if response.clicked() {
        // Picking a place narrows the timeline, the lists and the exports to it.
        let region = Region::around(&marker.place, marker.at);
        out.commands
            .push(Command::Scope(ScopeChange::Region(Some(region))));
        if let Some(first) = marker.events.first() {
            out.select = Some(Selection::Event(*first));
        } else if let Some((series, id)) = marker.figures.first() {
            out.select = Some(Selection::Observation(*series, *id));
        }
    }
    response.on_hover_ui_at_pointer(|ui| {
        let extent = match marker.scale {
            crate::model::PlaceScale::Point => String::new(),
            scale => format!(" (the {})", scale.label()),
        };
        ui.strong(format!("{}{extent} · {}", marker.place, marker.counted()));
        if marker.is_unsure() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Unsure where this is ({:.0}%): select an item and pick its place in the inspector, or right-click the map",
                    marker.confidence * 100.0
                ),
            );
        }
        for event in marker
            .events
            .iter()
            .take(12)
            .filter_map(|id| notebook.event(*id))
        {
            ui.label(format!("{} · {}", event.start, event.title));
            if let Some(evidence) = event.evidence.first() {
                ui.weak(super::plot_common::source_line(notebook, evidence));
            }
        }
        if marker.events.len() > 12 {
            ui.weak(format!("… and {} more events", marker.events.len() - 12));
        }
        for (series, figure) in marker
            .figures
            .iter()
            .take(12)
            .filter_map(|(series, id)| notebook.observation(*series, *id))
        {
            ui.label(format!(
                "{} · {} {}",
                figure.as_of,
                figure.describe(),
                series.name
            ));
            if let Some(evidence) = &figure.evidence {
                ui.weak(super::plot_common::source_line(notebook, evidence));
            }
        }
        if marker.figures.len() > 12 {
            ui.weak(format!("… and {} more figures", marker.figures.len() - 12));
        }
    });
}

/// The place name of the selected event or figure, if it names one.
fn selected_place<'n>(notebook: &'n Notebook, selection: Option<&Selection>) -> Option<&'n str> {
    let place = match selection? {
        Selection::Event(id) => &notebook.event(*id)?.place,
        Selection::Observation(series, id) => &notebook.observation(*series, *id)?.1.place,
        _ => return None,
    };
    Some(place.trim()).filter(|p| !p.is_empty())
}

/// A right-click on the map offers to put the selected item's place
/// there: the notebook then keeps that point for the name, on the map and
/// in later imports.
fn put_place_here(
    notebook: &Notebook,
    (frame, rect): (MapFrame, Rect),
    response: &egui::Response,
    state: &mut MapState,
    view: &UiState,
    out: &mut Out,
) {
    let Some(name) = selected_place(notebook, view.selection.as_ref()) else {
        return;
    };
    if response.secondary_clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        state.pinned = Some(map::unproject(to_map(frame, rect, pointer)));
    }
    let Some([lon, lat]) = state.pinned else {
        return;
    };
    response.context_menu(|ui| {
        if ui.button(format!("Put “{name}” here")).clicked() {
            let country = map::outlines()
                .ok()
                .and_then(|outlines| outlines.country_at([lon, lat]))
                .unwrap_or_default()
                .to_owned();
            let option = crate::model::PlaceOption {
                name: name.to_owned(),
                country,
                lat,
                lon,
                scale: crate::model::PlaceScale::Point,
            };
            out.edits.push((
                crate::import::correct_place_edit(notebook, name, &option),
                None,
            ));
            ui.close();
        }
    });
}

/// The region of the globe a box drawn on the map covers, named by its corners.
fn boxed_region(frame: MapFrame, rect: Rect, drawn: Rect) -> Region {
    let [west, north] = map::unproject(to_map(frame, rect, drawn.left_top()));
    let [east, south] = map::unproject(to_map(frame, rect, drawn.right_bottom()));
    let (west, east) = (west.clamp(-180.0, 180.0), east.clamp(-180.0, 180.0));
    let (south, north) = (south.clamp(-90.0, 90.0), north.clamp(-90.0, 90.0));
    Region {
        name: format!(
            "{} to {}, {} to {}",
            degrees(south, 'N', 'S'),
            degrees(north, 'N', 'S'),
            degrees(west, 'E', 'W'),
            degrees(east, 'E', 'W')
        ),
        west,
        south,
        east,
        north,
    }
}

/// "34.5°N", "12.0°W".
fn degrees(value: f64, positive: char, negative: char) -> String {
    let side = if value < 0.0 { negative } else { positive };
    format!("{:.1}°{side}", value.abs())
}

/// Starts reading the outlines on a worker the first time; takes them when read.
fn load_outlines(ctx: &egui::Context, state: &mut MapState) {
    match &state.outlines {
        OutlinesLoad::NotStarted => {
            let started = Task::start(ctx, "sitrep-map-outlines", |_| {
                map::outlines().map(|outlines| Arc::new(map::ProjectedOutlines::of(outlines)))
            });
            state.outlines = match started {
                Ok(task) => OutlinesLoad::Loading(task),
                Err(error) => OutlinesLoad::Failed(error),
            };
        }
        OutlinesLoad::Loading(task) => match task.poll() {
            Poll::Ready(Ok(outlines)) => state.outlines = OutlinesLoad::Ready(outlines),
            Poll::Ready(Err(why)) => state.outlines = OutlinesLoad::Failed(why),
            Poll::Running => {}
            Poll::Stopped => state.outlines = OutlinesLoad::Failed("the reader stopped".into()),
        },
        OutlinesLoad::Ready(_) | OutlinesLoad::Failed(_) => {}
    }
}

/// Where a projected point is on screen.
fn to_screen(frame: MapFrame, rect: Rect, [x, y]: [f64; 2]) -> Pos2 {
    let c = rect.center();
    pos2(
        c.x + ((x - frame.center[0]) * frame.scale) as f32,
        c.y - ((y - frame.center[1]) * frame.scale) as f32,
    )
}

/// The projected point under a place on screen.
fn to_map(frame: MapFrame, rect: Rect, at: Pos2) -> [f64; 2] {
    let c = rect.center();
    [
        frame.center[0] + f64::from(at.x - c.x) / frame.scale,
        frame.center[1] - f64::from(at.y - c.y) / frame.scale,
    ]
}

/// Where the map opens and returns to (double-click, F): the places of
/// the events shown around the busiest of them (a notebook about
/// Afghanistan opens on Afghanistan, though it names Washington), with a
/// margin, else the world.
fn home(markers: &map::markers::MapMarkers, outlines_ready: bool) -> [f64; 4] {
    const LEAST_SPAN: f64 = 12.0;
    // Read only once the worker has read them, so this never waits.
    let outlines = outlines_ready.then(map::outlines).and_then(Result::ok);
    let bounds = map::markers::focus_bounds(markers, |code| {
        outlines.and_then(|o| o.country_bounds(code))
    });
    let Some([west, south, east, north]) = bounds else {
        return WORLD;
    };
    let pad = |low: f64, high: f64| {
        let margin = ((high - low) * 0.15).max((LEAST_SPAN - (high - low)) / 2.0);
        (low - margin, high + margin)
    };
    let (west, east) = pad(west, east);
    let (south, north) = pad(south, north);
    [
        west.max(WORLD[0]),
        south.max(WORLD[1]),
        east.min(WORLD[2]),
        north.min(WORLD[3]),
    ]
}

/// The frame that shows `[west, south, east, north]` whole in `rect`.
fn fit(rect: Rect, [west, south, east, north]: [f64; 4]) -> MapFrame {
    let [x0, y0] = map::project([west, south]);
    let [x1, y1] = map::project([east, north]);
    let scale = (f64::from(rect.width()) / (x1 - x0)).min(f64::from(rect.height()) / (y1 - y0));
    MapFrame {
        center: [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
        scale: scale.max(1e-3),
    }
}

/// The ground a place covers, under its marker: a country's outline drawn
/// over in the marker's colour, a region's or district's reach as a disc.
/// A point has none.
fn draw_extent(
    painter: &egui::Painter,
    rect: Rect,
    frame: MapFrame,
    marker: &map::markers::PlaceMarker,
    outlines: Option<&map::ProjectedOutlines>,
) {
    let color = category_color(marker.category);
    match marker.scale {
        crate::model::PlaceScale::Point => {}
        crate::model::PlaceScale::Country => {
            let (Some(code), Some(outlines)) = (marker.country, outlines) else {
                return;
            };
            let runs: Vec<map::ProjectedRun> = outlines
                .at_zoom(frame.scale)
                .iter()
                .filter(|run| run.code == code)
                .cloned()
                .collect();
            draw_outlines(
                painter,
                rect,
                frame,
                &runs,
                Stroke::new(2.5, color.gamma_multiply(0.8)),
            );
        }
        crate::model::PlaceScale::District | crate::model::PlaceScale::Region => {
            let at = map::project(marker.at);
            // Mercator stretches a kilometre by 1/cos(latitude), as it does the map.
            let degrees = f64::from(marker.radius_km.max(10.0))
                / 111.0
                / marker.at[1].to_radians().cos().max(0.1);
            let reach = (degrees * frame.scale) as f32;
            let centre = to_screen(frame, rect, at);
            painter.circle(
                centre,
                reach,
                color.gamma_multiply(0.12),
                Stroke::new(1.0, color.gamma_multiply(0.6)),
            );
        }
    }
}

fn draw_outlines(
    painter: &egui::Painter,
    rect: Rect,
    frame: MapFrame,
    runs: &[map::ProjectedRun],
    stroke: Stroke,
) {
    let [west, north] = to_map(frame, rect, rect.left_top());
    let [east, south] = to_map(frame, rect, rect.right_bottom());
    let mut shapes = Vec::new();
    for run in runs {
        // Runs wholly outside the view cost nothing more.
        if run.max[0] < west || run.min[0] > east || run.max[1] < south || run.min[1] > north {
            continue;
        }
        let mut points: Vec<Pos2> = Vec::with_capacity(run.points.len());
        for &point in &run.points {
            let at = to_screen(frame, rect, point);
            // Points within a pixel or so of the last add nothing but cost;
            // where a coastline doubles back within them, a stroke's join
            // would shoot out a spike, so such a point is dropped too.
            if points
                .last()
                .is_some_and(|last| last.distance(at) < MIN_SEGMENT_POINTS)
            {
                continue;
            }
            if let [.., before, last] = points.as_slice()
                && (*last - *before)
                    .normalized()
                    .dot((at - *last).normalized())
                    < -0.9
            {
                points.pop();
            }
            points.push(at);
        }
        if points.len() < 2 {
            continue;
        }
        shapes.push(if run.closed && points.len() >= 3 {
            Shape::closed_line(points, stroke)
        } else {
            Shape::line(points, stroke)
        });
    }
    painter.extend(shapes);
}

/// The map panel alone, filling its `Ui`: what `benches/map.rs` times.
#[doc(hidden)]
pub struct MapAlone {
    notebook: Notebook,
    state: MapState,
    view: UiState,
}

impl MapAlone {
    /// The map of a notebook's events, the timeline's filters at rest
    /// (the gazetteer read first, as the app does at start).
    pub fn new(notebook: Notebook) -> MapAlone {
        crate::extract::places::world();
        MapAlone {
            notebook,
            state: MapState::default(),
            view: UiState::default(),
        }
    }

    /// Draws one frame of the map.
    pub fn show(&mut self, ui: &mut Ui) {
        show(
            ui,
            &self.notebook,
            0,
            &mut self.state,
            &self.view,
            &mut Out::default(),
        );
    }

    /// Whether the outlines have been read (on their worker).
    pub fn is_ready(&self) -> bool {
        matches!(
            self.state.outlines,
            OutlinesLoad::Ready(_) | OutlinesLoad::Failed(_)
        )
    }

    /// How many places have markers.
    pub fn places(&self) -> usize {
        self.state.markers.markers.len()
    }

    /// Where the map is on screen.
    pub fn rect(&self) -> Option<egui::Rect> {
        self.state.rect
    }
}
