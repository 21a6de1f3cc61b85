//! Where the words go on a timeline: each event's label in the room its
//! lane leaves after its marker, shortened at a word boundary when the room
//! is short, never under another event's marker or bar and never past the
//! plot's edges; and on which side of a figure's point its value is written
//! so that the series' line does not run through it.
//!
//! Lengths here are in pixels from the plot's left edge; the app and the
//! export measure text with their own fonts and pass the measure in.

use super::EventMark;
use crate::model::{EventId, Notebook};

/// Half the width of an event's marker, in pixels.
pub const MARKER_HALF_PX: f64 = 6.0;
/// From a marker's centre to the start of its label.
pub const LABEL_OFFSET_PX: f64 = 10.0;
/// Clear space kept between a label and the next thing in its lane.
pub const LABEL_GAP_PX: f64 = 6.0;
/// Room kept free inside the plot's edges.
pub const EDGE_PAD_PX: f64 = 2.0;
/// What a shortened label ends with.
pub const ELLIPSIS: &str = "…";

/// The part of the calendar a plot shows, and its width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotSpan {
    /// First day shown (x, days since 1970).
    pub x_min: f64,
    /// Last day shown.
    pub x_max: f64,
    /// Width of the plot area, pixels.
    pub width: f64,
}

impl PlotSpan {
    /// Pixels from the left edge to day `x`.
    pub fn px(&self, x: f64) -> f64 {
        (x - self.x_min) / (self.x_max - self.x_min).max(1e-9) * self.width
    }
}

/// A label as it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Its event.
    pub id: EventId,
    /// The event's lane.
    pub lane: usize,
    /// Left edge, pixels from the plot's left edge.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// The words drawn: the whole label, or its first words and an ellipsis.
    pub text: String,
    /// Whether `text` is shorter than the label (the full one shows on hover).
    pub shortened: bool,
}

/// An event's label in full: its title, and a warning when nothing backs it.
pub fn full_label(notebook: &Notebook, mark: &EventMark) -> String {
    let unsourced = notebook
        .event(mark.id)
        .is_some_and(|e| e.evidence.is_empty());
    if unsourced {
        format!("{} (no source)", mark.title.trim())
    } else {
        mark.title.trim().to_owned()
    }
}

/// What an event takes up in its lane, in pixels: its marker, and its bar
/// when it lasts more than a day.
fn footprint(mark: &EventMark, span: &PlotSpan) -> (f64, f64) {
    let centre = span.px(mark.x_start + 0.5);
    let bar_end = if mark.x_end - mark.x_start > 1.5 {
        span.px(mark.x_end)
    } else {
        f64::NEG_INFINITY
    };
    (
        centre - MARKER_HALF_PX,
        bar_end.max(centre + MARKER_HALF_PX),
    )
}

/// Places the labels of `marks` (sorted by start, with their lanes, as
/// [`super::event_marks`] gives them) in `span`. `text_of` gives a mark's
/// full label and `measure` the width of a text in pixels. Marks whose lane
/// had no room for a label get none; a label that fits nowhere is left out.
pub fn place_labels(
    marks: &[&EventMark],
    span: &PlotSpan,
    text_of: &mut dyn FnMut(&EventMark) -> String,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<PlacedLabel> {
    let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(0);
    let mut by_lane: Vec<Vec<&EventMark>> = vec![Vec::new(); lanes];
    for mark in marks {
        by_lane[mark.lane].push(*mark);
    }
    let right_edge = span.width - EDGE_PAD_PX;
    let mut placed = Vec::new();
    for (lane, in_lane) in by_lane.iter().enumerate() {
        let footprints: Vec<(f64, f64)> = in_lane.iter().map(|m| footprint(m, span)).collect();
        // The right end of everything before each mark in the lane.
        let mut reach_before = f64::NEG_INFINITY;
        for (k, mark) in in_lane.iter().enumerate() {
            let (start, end) = footprints[k];
            let behind = reach_before;
            reach_before = reach_before.max(end);
            if !mark.label_shown || end < 0.0 || start > span.width {
                continue;
            }
            let mut left = start + MARKER_HALF_PX + LABEL_OFFSET_PX;
            if left < EDGE_PAD_PX {
                // Its marker is out of sight: a lasting event keeps its label
                // at the edge while its bar is in view.
                if end - EDGE_PAD_PX < 2.0 * LABEL_OFFSET_PX {
                    continue;
                }
                left = EDGE_PAD_PX;
            }
            if behind + LABEL_GAP_PX > left {
                continue;
            }
            let next_start = footprints
                .get(k + 1)
                .map_or(f64::INFINITY, |&(next, _)| next);
            let right_limit = (next_start - LABEL_GAP_PX).min(right_edge);
            let full = text_of(mark);
            let Some((text, width)) = fit_words(&full, right_limit - left, measure) else {
                continue;
            };
            placed.push(PlacedLabel {
                id: mark.id,
                lane,
                left,
                right: left + width,
                shortened: text != full.trim(),
                text,
            });
        }
    }
    placed
}

/// `text` if it fits in `room` pixels, else its longest run of whole words
/// that fits with an ellipsis; `None` when not even the first word fits.
/// Returns the words and their width.
pub fn fit_words(
    text: &str,
    room: f64,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Option<(String, f64)> {
    let text = text.trim();
    if text.is_empty() || room.is_nan() || room <= 0.0 {
        return None;
    }
    let whole = measure(text);
    if whole <= room {
        return Some((text.to_owned(), whole));
    }
    let ellipsis = measure(ELLIPSIS);
    let mut best = None;
    // Word ends, shortest first: the widths only grow.
    for (at, _) in text.char_indices().filter(|&(_, c)| c.is_whitespace()) {
        let words = text[..at].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(')
        });
        if words.is_empty() {
            continue;
        }
        let width = measure(words) + ellipsis;
        if width > room {
            break;
        }
        best = Some((format!("{words}{ELLIPSIS}"), width));
    }
    best
}

/// Where a figure's value is written beside its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueSide {
    /// Above the point, centred.
    Above,
    /// Below the point, centred.
    Below,
    /// Above and to the left: a line climbing through the point.
    AboveLeft,
    /// Above and to the right: a line falling through the point.
    AboveRight,
}

/// The side of a point its value goes on, clear of the lines that join it
/// to the figures before and after (`None` at either end). A step line
/// jumps at the point and runs flat after it; a straight line runs to each
/// neighbour. Without `room_below` (a point at the foot of its plot, where
/// a value under it would fall on the dates) the value goes above.
pub fn value_side(
    previous: Option<f64>,
    value: f64,
    next: Option<f64>,
    step: bool,
    room_below: bool,
) -> ValueSide {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let before = previous.map(|p| p.total_cmp(&value));
    let after = next.map(|n| n.total_cmp(&value));
    let side = if step {
        // Flat to the right: only the jump into the point is in the way.
        if before == Some(Greater) {
            ValueSide::Below
        } else {
            ValueSide::Above
        }
    } else {
        match (before, after) {
            // A peak, or flat: nothing above.
            (None | Some(Less | Equal), None | Some(Less | Equal)) => ValueSide::Above,
            // A trough: nothing below.
            (None | Some(Greater | Equal), None | Some(Greater | Equal)) => ValueSide::Below,
            (Some(Less), Some(Greater)) => ValueSide::AboveLeft,
            (Some(Greater), Some(Less)) => ValueSide::AboveRight,
        }
    };
    match side {
        // A step line's jump comes down into the point from the left, and
        // its flat run leaves the space above and to the right free.
        ValueSide::Below if !room_below && step => ValueSide::AboveRight,
        ValueSide::Below if !room_below => ValueSide::Above,
        side => side,
    }
}

/// Whether a value written under a point `point_y` pixels down the plot
/// (`frame_bottom` being its foot) stays inside the plot: the gap and one
/// line of text of `text_height` pixels must fit.
pub fn room_below(point_y: f64, frame_bottom: f64, text_height: f64) -> bool {
    point_y + VALUE_GAP_PX + text_height <= frame_bottom
}

/// Pixels between a point and the value written under it.
pub const VALUE_GAP_PX: f64 = 9.0;

/// Series with this many figures in view or fewer get their values written
/// beside their points. [`keep_clear`] leaves out any value that would cover
/// another, so the bound only keeps a long series from being measured and
/// crowded with numbers.
pub const MAX_LABELLED_FIGURES: usize = 40;

/// Which of a series' value labels to write, so that none covers another:
/// each label is a box (left, top, width, height in pixels); one that
/// would overlap a box already kept is left out (its point keeps its
/// hover). Earlier labels win, so the first figures of a run stay written.
pub fn keep_clear(boxes: &[(f64, f64, f64, f64)]) -> Vec<bool> {
    let mut kept: Vec<(f64, f64, f64, f64)> = Vec::new();
    boxes
        .iter()
        .map(|&(left, top, width, height)| {
            let clear = kept.iter().all(|&(l, t, w, h)| {
                left + width <= l || l + w <= left || top + height <= t || t + h <= top
            });
            if clear {
                kept.push((left, top, width, height));
            }
            clear
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn measure_chars(text: &str) -> f64 {
        text.chars().count() as f64 * 7.0
    }

    fn mark(n: u64, lane: usize, x_start: f64, x_end: f64, title: &str) -> EventMark {
        EventMark {
            id: EventId::from_u128(u128::from(n) + 1),
            x_start,
            x_end,
            category: Category::Military,
            title: title.into(),
            lane,
            label_shown: true,
        }
    }

    #[test]
    fn a_long_label_is_cut_between_words_with_an_ellipsis() {
        let (text, width) = fit_words(
            "Taliban step up operations across the north, officials say",
            200.0,
            &mut measure_chars,
        )
        .expect("room for some words");
        assert_eq!(text, "Taliban step up operations…");
        assert!(width <= 200.0);
        assert_eq!(
            fit_words("Kunduz", 20.0, &mut measure_chars),
            None,
            "no room for the first word"
        );
        assert_eq!(
            fit_words("Kabul falls", 100.0, &mut measure_chars),
            Some(("Kabul falls".to_owned(), 77.0))
        );
    }

    #[test]
    fn a_label_stops_before_the_next_marker_and_the_plot_edge() {
        let span = PlotSpan {
            x_min: 0.0,
            x_max: 100.0,
            width: 500.0,
        };
        let marks = [
            mark(
                1,
                0,
                10.0,
                11.0,
                "US hands Bagram air base to Afghan forces overnight",
            ),
            mark(2, 0, 40.0, 41.0, "Biden sets the end of the mission"),
            mark(
                3,
                0,
                90.0,
                91.0,
                "The last flight leaves the airport at midnight",
            ),
        ];
        let marks: Vec<&EventMark> = marks.iter().collect();
        let labels = place_labels(
            &marks,
            &span,
            &mut |m| m.title.to_string(),
            &mut measure_chars,
        );
        assert_eq!(labels.len(), 3, "{labels:?}");
        let second_marker = span.px(40.5) - MARKER_HALF_PX;
        assert!(
            labels[0].right + LABEL_GAP_PX <= second_marker,
            "{labels:?}"
        );
        assert!(labels[0].shortened);
        assert!(labels[2].right <= span.width, "{labels:?}");
        assert!(labels[2].text.ends_with(ELLIPSIS));
    }

    #[test]
    fn a_lasting_event_keeps_its_label_while_its_bar_is_in_view() {
        let span = PlotSpan {
            x_min: 100.0,
            x_max: 130.0,
            width: 600.0,
        };
        let month = mark(1, 0, 90.0, 121.0, "Fighting around provincial capitals");
        let labels = place_labels(
            &[&month],
            &span,
            &mut |m| m.title.to_string(),
            &mut measure_chars,
        );
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].left, EDGE_PAD_PX);
        let gone = mark(2, 0, 90.0, 91.0, "A day out of sight");
        assert!(
            place_labels(
                &[&gone],
                &span,
                &mut |m| m.title.to_string(),
                &mut measure_chars
            )
            .is_empty()
        );
    }

    #[test]
    fn value_labels_that_would_cover_one_another_are_left_out() {
        let boxes = [
            (0.0, 0.0, 50.0, 12.0),
            (30.0, 4.0, 50.0, 12.0),
            (60.0, 0.0, 50.0, 12.0),
            (30.0, 20.0, 50.0, 12.0),
        ];
        assert_eq!(keep_clear(&boxes), [true, false, true, true]);
    }

    #[test]
    fn values_sit_clear_of_the_lines_through_their_points() {
        use ValueSide::*;
        // A step line climbing: the jump comes from below.
        assert_eq!(value_side(Some(10.0), 50.0, Some(80.0), true, true), Above);
        assert_eq!(value_side(Some(80.0), 50.0, Some(10.0), true, true), Below);
        assert_eq!(value_side(None, 50.0, Some(10.0), true, true), Above);
        // Straight lines: peaks above, troughs below, and beside a climb or
        // a fall on the side the line leaves free.
        assert_eq!(value_side(Some(10.0), 50.0, Some(10.0), false, true), Above);
        assert_eq!(value_side(Some(80.0), 50.0, Some(80.0), false, true), Below);
        assert_eq!(
            value_side(Some(10.0), 50.0, Some(80.0), false, true),
            AboveLeft
        );
        assert_eq!(
            value_side(Some(80.0), 50.0, Some(10.0), false, true),
            AboveRight
        );
        assert_eq!(value_side(None, 50.0, Some(80.0), false, true), Below);
        // At the foot of the plot a value never goes under its point.
        assert_eq!(value_side(Some(80.0), 0.0, Some(80.0), false, false), Above);
        assert_eq!(value_side(Some(80.0), 0.0, None, true, false), AboveRight);
        assert_eq!(
            value_side(Some(10.0), 50.0, Some(80.0), false, false),
            AboveLeft
        );
        assert!(room_below(100.0, 130.0, 12.0));
        assert!(!room_below(100.0, 120.0, 12.0));
    }
}
