//! The event lane laid out ahead of time, so that a frame costs what its
//! pixels cost however many events the notebook holds.
//!
//! Lanes depend on the zoom (a label needs room before the next event in
//! its lane). A notebook with few events is laid out exactly for each zoom
//! asked for; a big one is laid out once per zoom level, a factor of √2
//! apart, and a frame uses the level at or below its zoom, where the events
//! stand at least as far apart as they were laid out for. Each level also
//! keeps, per lane, one event per marker-wide cell: when more events are in
//! view than the pixels can show, a frame reads only those.

use super::{EventMark, Filter, assign_lanes, unlaid_event_marks};
use crate::model::Notebook;
use std::sync::atomic::{AtomicBool, Ordering};

/// Up to this many events, lanes are laid out exactly for each zoom.
pub const EXACT_LAYOUT_MAX_EVENTS: usize = 4_000;
/// A marker is about this many pixels across: one per lane and cell is drawn.
const CELL_PX: f64 = 4.0;
/// Levels per doubling of the zoom.
const LEVELS_PER_DOUBLING: f64 = 2.0;
/// The deepest zoom laid out ahead, in pixels per day; closer in, the
/// deepest level's lanes serve (events only stand further apart).
const DEEPEST_PIXELS_PER_DAY: f64 = 4096.0;
/// The farthest zoom laid out ahead: the whole span in this many pixels.
const WIDEST_SPAN_PX: f64 = 32.0;
/// Furthest an event reaches before its start, for finding those in view:
/// none lasts more than a few years.
const LONGEST_EVENT_DAYS: f64 = 3.0 * 366.0;

/// The events of a notebook under a filter, ready to be drawn at any zoom.
#[derive(Debug, Default)]
pub struct EventLanes {
    /// The events shown, sorted by start; their lanes are set per level.
    marks: Vec<EventMark>,
    /// Characters in each mark's title.
    title_chars: Vec<usize>,
    /// Laid out ahead for big notebooks, by ascending zoom; empty for small ones.
    levels: Vec<LaneLevel>,
    /// The level number of `levels[0]`: level `n` is `2^(n/2)` pixels per day.
    first_level: i32,
    char_width: f64,
    max_lanes: usize,
}

/// The lanes at one zoom level.
#[derive(Debug)]
struct LaneLevel {
    lane: Vec<u8>,
    label_shown: Vec<bool>,
    lanes: usize,
    /// Per lane, the first mark (index into `marks`) of each occupied cell, in order.
    cells: Vec<Vec<u32>>,
}

/// What one frame of the event lane draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanesInView {
    /// The marks in view with their lanes, sorted by start; where there are
    /// more than the pixels can show, one per lane and marker-wide cell.
    pub marks: Vec<EventMark>,
    /// How many lanes the whole layout at this zoom uses (not only those in
    /// view), so that the lane's height holds still while panning.
    pub lanes: usize,
}

fn level_of(pixels_per_day: f64) -> i32 {
    (pixels_per_day.log2() * LEVELS_PER_DOUBLING).floor() as i32
}

fn level_pixels_per_day(level: i32) -> f64 {
    (f64::from(level) / LEVELS_PER_DOUBLING).exp2()
}

impl EventLanes {
    /// Lays out the events `filter` shows, labels measured at `char_width`
    /// pixels per character, in at most `max_lanes` lanes. Returns `None` if
    /// `cancelled` is set before it is done (a newer layout is wanted).
    pub fn build(
        notebook: &Notebook,
        filter: &Filter,
        char_width: f64,
        max_lanes: usize,
        cancelled: &AtomicBool,
    ) -> Option<EventLanes> {
        let marks = unlaid_event_marks(notebook, filter);
        EventLanes::lay_out(marks, char_width, max_lanes, cancelled)
    }

    /// [`EventLanes::build`] from the marks [`unlaid_event_marks`] gives.
    pub fn lay_out(
        mut marks: Vec<EventMark>,
        char_width: f64,
        max_lanes: usize,
        cancelled: &AtomicBool,
    ) -> Option<EventLanes> {
        let title_chars: Vec<usize> = marks.iter().map(|m| m.title.chars().count()).collect();
        let mut lanes = EventLanes {
            marks: Vec::new(),
            title_chars,
            levels: Vec::new(),
            first_level: 0,
            char_width,
            max_lanes,
        };
        if marks.len() > EXACT_LAYOUT_MAX_EVENTS {
            let first = marks
                .iter()
                .map(|m| m.x_start)
                .fold(f64::INFINITY, f64::min);
            let last = marks
                .iter()
                .map(|m| m.x_end)
                .fold(f64::NEG_INFINITY, f64::max);
            let span = (last - first).max(1.0);
            lanes.first_level = level_of(WIDEST_SPAN_PX / span);
            let deepest = level_of(DEEPEST_PIXELS_PER_DAY).max(lanes.first_level);
            for level in lanes.first_level..=deepest {
                if cancelled.load(Ordering::Relaxed) {
                    return None;
                }
                let pixels_per_day = level_pixels_per_day(level);
                assign_lanes(
                    &mut marks,
                    &lanes.title_chars,
                    pixels_per_day,
                    char_width,
                    max_lanes,
                );
                lanes.levels.push(LaneLevel::of(&marks, pixels_per_day));
            }
        }
        lanes.marks = marks;
        Some(lanes)
    }

    /// How many events are on the lane.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Whether no event is on the lane.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// The marks a lane from `x_min` to `x_max`, `width` pixels wide, draws.
    pub fn in_view(&self, x_min: f64, x_max: f64, width: f64) -> LanesInView {
        if !(x_min.is_finite() && x_max.is_finite()) || x_max <= x_min || self.marks.is_empty() {
            return LanesInView {
                marks: Vec::new(),
                lanes: 1,
            };
        }
        let width = width.max(1.0);
        let pixels_per_day = width / (x_max - x_min);
        let first = self
            .marks
            .partition_point(|m| m.x_start < x_min - LONGEST_EVENT_DAYS);
        let last = self.marks.partition_point(|m| m.x_start <= x_max);
        let few = last - first <= (width as usize) * 2;
        if self.levels.is_empty() {
            let mut marks = self.marks.clone();
            assign_lanes(
                &mut marks,
                &self.title_chars,
                pixels_per_day,
                self.char_width,
                self.max_lanes,
            );
            let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(1);
            let in_view = marks.drain(first..last).filter(|m| m.x_end >= x_min);
            let marks = if few {
                in_view.collect()
            } else {
                thin_to_cells(in_view, x_min, pixels_per_day)
            };
            return LanesInView { marks, lanes };
        }
        let wanted = level_of(pixels_per_day) - self.first_level;
        let level = &self.levels[wanted.clamp(0, self.levels.len() as i32 - 1) as usize];
        let mut indices: Vec<usize> = if few {
            (first..last).collect()
        } else {
            let mut picked = Vec::new();
            for cells in &level.cells {
                let from = cells.partition_point(|&i| (i as usize) < first);
                let to = cells.partition_point(|&i| (i as usize) < last);
                picked.extend(cells[from..to].iter().map(|&i| i as usize));
            }
            picked.sort_unstable();
            picked
        };
        indices.retain(|&i| self.marks[i].x_end >= x_min);
        let marks = indices
            .into_iter()
            .map(|i| EventMark {
                lane: usize::from(level.lane[i]),
                label_shown: level.label_shown[i],
                ..self.marks[i].clone()
            })
            .collect();
        LanesInView {
            marks,
            lanes: level.lanes,
        }
    }
}

/// One mark per lane and marker-wide cell, the first of each.
fn thin_to_cells(
    marks: impl Iterator<Item = EventMark>,
    x_min: f64,
    pixels_per_day: f64,
) -> Vec<EventMark> {
    let mut seen = std::collections::HashSet::new();
    marks
        .filter(|m| {
            let cell = ((m.x_start - x_min) * pixels_per_day / CELL_PX).floor() as i64;
            seen.insert((m.lane, cell))
        })
        .collect()
}

impl LaneLevel {
    fn of(marks: &[EventMark], pixels_per_day: f64) -> LaneLevel {
        let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(1);
        let mut cells: Vec<Vec<u32>> = vec![Vec::new(); lanes];
        let mut last_cell: Vec<Option<i64>> = vec![None; lanes];
        for (index, mark) in marks.iter().enumerate() {
            let cell = (mark.x_start * pixels_per_day / CELL_PX).floor() as i64;
            if last_cell[mark.lane] != Some(cell) {
                last_cell[mark.lane] = Some(cell);
                cells[mark.lane].push(u32::try_from(index).unwrap_or(u32::MAX));
            }
        }
        LaneLevel {
            lane: marks
                .iter()
                .map(|m| u8::try_from(m.lane).unwrap_or(u8::MAX))
                .collect(),
            label_shown: marks.iter().map(|m| m.label_shown).collect(),
            lanes,
            cells,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{self, Size};

    fn lanes_of(notebook: &Notebook) -> EventLanes {
        EventLanes::build(
            notebook,
            &Filter::default(),
            7.0,
            6,
            &AtomicBool::new(false),
        )
        .expect("not cancelled")
    }

    fn many_events() -> Notebook {
        synthetic::notebook(Size {
            articles: 20,
            events: EXACT_LAYOUT_MAX_EVENTS * 3,
            series: 0,
            observations_per_series: 0,
            ..Size::LARGE
        })
    }

    #[test]
    fn a_small_notebook_is_laid_out_exactly_as_the_export_lays_it_out() {
        let notebook = synthetic::notebook(Size {
            articles: 5,
            events: 300,
            series: 0,
            observations_per_series: 0,
            ..Size::LARGE
        });
        let lanes = lanes_of(&notebook);
        let (x_min, x_max) = super::super::data_range(&notebook).expect("dated");
        let width = 1200.0;
        let exact = super::super::event_marks(
            &notebook,
            &Filter::default(),
            width / (x_max - x_min),
            7.0,
            6,
        );
        let drawn = lanes.in_view(x_min, x_max, width);
        // Every event in view is drawn, in the lane the exact layout gives it.
        for mark in &drawn.marks {
            let same = exact.iter().find(|m| m.id == mark.id).expect("same events");
            assert_eq!((mark.lane, mark.label_shown), (same.lane, same.label_shown));
        }
        assert_eq!(drawn.marks.len(), exact.len());
    }

    #[test]
    fn a_big_notebook_uses_the_level_at_or_below_the_zoom() {
        let notebook = many_events();
        let lanes = lanes_of(&notebook);
        assert!(!lanes.levels.is_empty(), "laid out ahead");
        let (x_min, _) = super::super::data_range(&notebook).expect("dated");
        // Zoomed in to a few weeks: every event in view is drawn, and in each
        // lane the labels shown do not run into the next event of the lane.
        let width = 1000.0;
        let x_max = x_min + 40.0;
        let drawn = lanes.in_view(x_min, x_max, width);
        let pixels_per_day = width / (x_max - x_min);
        let level_ppd = level_pixels_per_day(level_of(pixels_per_day));
        assert!(level_ppd <= pixels_per_day && level_ppd * 1.5 > pixels_per_day);
        let all_in_view = lanes
            .marks
            .iter()
            .filter(|m| m.x_start <= x_max && m.x_end >= x_min)
            .count();
        assert_eq!(drawn.marks.len(), all_in_view);
        for lane in 0..drawn.lanes {
            let in_lane: Vec<&EventMark> = drawn.marks.iter().filter(|m| m.lane == lane).collect();
            for pair in in_lane.windows(2) {
                if pair[0].label_shown {
                    let label_end_px = pair[0].x_start * pixels_per_day
                        + (pair[0].title.chars().count() as f64) * 7.0;
                    assert!(
                        label_end_px <= pair[1].x_start * pixels_per_day,
                        "a shown label runs into the next event of lane {lane}"
                    );
                }
            }
        }
    }

    #[test]
    fn zoomed_out_a_frame_draws_about_one_event_per_lane_and_marker() {
        let notebook = many_events();
        let lanes = lanes_of(&notebook);
        let (x_min, x_max) = super::super::data_range(&notebook).expect("dated");
        let width = 800.0;
        let drawn = lanes.in_view(x_min, x_max, width);
        assert!(!drawn.marks.is_empty());
        // At most one per lane and cell, give or take the level's rounding.
        let cells = (width / CELL_PX * 1.5) as usize * drawn.lanes;
        assert!(
            drawn.marks.len() <= cells,
            "{} marks drawn for {cells} cells",
            drawn.marks.len()
        );
        assert!(drawn.marks.windows(2).all(|w| w[0].x_start <= w[1].x_start));
        // Every lane that has events has some drawn.
        for lane in 0..drawn.lanes {
            assert!(drawn.marks.iter().any(|m| m.lane == lane), "lane {lane}");
        }
    }

    #[test]
    fn a_cancelled_layout_gives_nothing() {
        let notebook = many_events();
        let cancelled = AtomicBool::new(true);
        assert!(EventLanes::build(&notebook, &Filter::default(), 7.0, 6, &cancelled).is_none());
    }
}
