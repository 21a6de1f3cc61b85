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

/// Events in view whose lane had no room for their labels, counted in
/// one place: "+3", whose hover lists their titles.
#[derive(Clone, Debug, PartialEq)]
pub struct Crowd {
    /// Their lane.
    pub lane: usize,
    /// Left edge of the count, pixels from the plot's left edge.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// "+3".
    pub text: String,
    /// The events it counts, in time order.
    pub ids: Vec<EventId>,
}

/// Gathers each run of unlabelled events in view (no labelled event
/// between them in their lane) into a [`Crowd`], written after the run's
/// last marker, else before its first, where it crosses no marker, bar or
/// label. A run with room on neither side takes the place of the label
/// after it (else before it), whose event it then counts too: every event
/// in view is named or counted. `placed` loses the labels so taken.
pub fn place_crowds(
    marks: &[&EventMark],
    span: &PlotSpan,
    placed: &mut Vec<PlacedLabel>,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<Crowd> {
    let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(0);
    let mut crowds = Vec::new();
    let mut given_up: std::collections::HashSet<EventId> = std::collections::HashSet::new();
    for lane in 0..lanes {
        let in_lane: Vec<&EventMark> = marks.iter().copied().filter(|m| m.lane == lane).collect();
        let footprints: Vec<(f64, f64)> = in_lane.iter().map(|m| footprint(m, span)).collect();
        let in_view = |k: usize| footprints[k].1 >= 0.0 && footprints[k].0 <= span.width;
        // This lane's labels, by event: what a count must not cross.
        let mut labels: std::collections::HashMap<EventId, (f64, f64)> = placed
            .iter()
            .filter(|l| l.lane == lane)
            .map(|l| (l.id, (l.left, l.right)))
            .collect();
        let mut k = 0;
        while k < in_lane.len() {
            if labels.contains_key(&in_lane[k].id) || !in_view(k) {
                k += 1;
                continue;
            }
            let mut first = k;
            while k + 1 < in_lane.len()
                && !labels.contains_key(&in_lane[k + 1].id)
                && in_view(k + 1)
            {
                k += 1;
            }
            let mut last = k;
            k += 1;
            let mut free_places = |labels: &std::collections::HashMap<EventId, (f64, f64)>,
                                   first: usize,
                                   last: usize,
                                   freed: Option<f64>| {
                let text = format!("+{}", last - first + 1);
                let width = measure(&text);
                let clear = |left: f64, (a, b): (f64, f64)| {
                    left + width + LABEL_GAP_PX / 2.0 <= a || b + LABEL_GAP_PX / 2.0 <= left
                };
                let free = |left: f64| {
                    left >= EDGE_PAD_PX
                        && left + width <= span.width - EDGE_PAD_PX
                        && footprints.iter().all(|&f| clear(left, f))
                        && labels.values().all(|&l| clear(left, l))
                };
                let after = footprints[last].1 + LABEL_GAP_PX / 2.0;
                let before = footprints[first].0 - LABEL_GAP_PX / 2.0 - width;
                [after, before]
                    .into_iter()
                    .chain(freed)
                    .find(|&left| free(left))
                    .map(|left| (left, width, text))
            };
            let mut found = free_places(&labels, first, last, None);
            // Where to go on from if no neighbour makes way.
            let resume = k;
            let mut made_way = Vec::new();
            // No room: the neighbour's label makes way, and it is counted too.
            for neighbour in [last + 1, first.wrapping_sub(1)] {
                if found.is_some() {
                    break;
                }
                let Some(&(freed, _)) = in_lane.get(neighbour).and_then(|m| labels.get(&m.id))
                else {
                    continue;
                };
                let id = in_lane[neighbour].id;
                made_way.extend(labels.remove(&id).map(|span| (id, span)));
                if neighbour > last {
                    last = neighbour;
                    k = neighbour + 1;
                } else {
                    first = neighbour;
                }
                found = free_places(&labels, first, last, Some(freed));
            }
            let Some((left, width, text)) = found else {
                // Room nowhere: the neighbours keep their labels, the run its hovers.
                labels.extend(made_way);
                k = resume;
                continue;
            };
            given_up.extend(made_way.into_iter().map(|(id, _)| id));
            crowds.push(Crowd {
                lane,
                left,
                right: left + width,
                text,
                ids: in_lane[first..=last].iter().map(|m| m.id).collect(),
            });
        }
    }
    if !given_up.is_empty() {
        placed.retain(|l| !given_up.contains(&l.id));
    }
    crowds
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
/// neighbour. [`super::values::place_values`] tries the other sides when
/// this one is taken or leaves the plot.
pub fn value_side(previous: Option<f64>, value: f64, next: Option<f64>, step: bool) -> ValueSide {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let before = previous.map(|p| p.total_cmp(&value));
    let after = next.map(|n| n.total_cmp(&value));
    if step {
        // Flat to the right: only the jump into the point is in the way.
        return if before == Some(Greater) {
            ValueSide::Below
        } else {
            ValueSide::Above
        };
    }
    match (before, after) {
        // A peak, or flat: nothing above.
        (None | Some(Less | Equal), None | Some(Less | Equal)) => ValueSide::Above,
        // A trough: nothing below.
        (None | Some(Greater | Equal), None | Some(Greater | Equal)) => ValueSide::Below,
        (Some(Less), Some(Greater)) => ValueSide::AboveLeft,
        (Some(Greater), Some(Less)) => ValueSide::AboveRight,
    }
}

/// Series with this many figures in view or fewer get their values written
/// beside their points; values with no room are left out
/// ([`super::values::place_values`]), so the bound only keeps a long series
/// from being measured and crowded with numbers.
pub const MAX_LABELLED_FIGURES: usize = 40;

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
    fn values_sit_clear_of_the_lines_through_their_points() {
        use ValueSide::*;
        // A step line climbing: the jump comes from below.
        assert_eq!(value_side(Some(10.0), 50.0, Some(80.0), true), Above);
        assert_eq!(value_side(Some(80.0), 50.0, Some(10.0), true), Below);
        assert_eq!(value_side(None, 50.0, Some(10.0), true), Above);
        // Straight lines: peaks above, troughs below, and beside a climb or
        // a fall on the side the line leaves free.
        assert_eq!(value_side(Some(10.0), 50.0, Some(10.0), false), Above);
        assert_eq!(value_side(Some(80.0), 50.0, Some(80.0), false), Below);
        assert_eq!(value_side(Some(10.0), 50.0, Some(80.0), false), AboveLeft);
        assert_eq!(value_side(Some(80.0), 50.0, Some(10.0), false), AboveRight);
        assert_eq!(value_side(None, 50.0, Some(80.0), false), Below);
    }

    /// The labels and counts of `marks` on 100 days over 500 px.
    fn named_and_counted(marks: &[&EventMark]) -> (PlotSpan, Vec<PlacedLabel>, Vec<Crowd>) {
        let span = PlotSpan {
            x_min: 0.0,
            x_max: 100.0,
            width: 500.0,
        };
        let mut placed = place_labels(
            marks,
            &span,
            &mut |m| m.title.to_string(),
            &mut measure_chars,
        );
        let crowds = place_crowds(marks, &span, &mut placed, &mut measure_chars);
        (span, placed, crowds)
    }

    #[test]
    fn events_with_no_room_for_a_label_are_counted_beside_them() {
        // Four events a day apart (5 px): only the last has room for words.
        let marks = [
            mark(1, 0, 10.0, 11.0, "Fighting in the east"),
            mark(2, 0, 11.0, 12.0, "A convoy is attacked"),
            mark(3, 0, 12.0, 13.0, "Talks resume"),
            mark(4, 0, 13.0, 14.0, "A ceasefire is declared"),
        ];
        let marks: Vec<&EventMark> = marks.iter().collect();
        let (span, placed, crowds) = named_and_counted(&marks);
        let counted: usize = crowds.iter().map(|c| c.ids.len()).sum();
        assert_eq!(placed.len() + counted, 4, "{placed:?} {crowds:?}");
        assert_eq!(crowds.len(), 1);
        assert_eq!(crowds[0].text, "+3");
        for crowd in &crowds {
            for label in &placed {
                assert!(crowd.right <= label.left || label.right <= crowd.left);
            }
            for m in &marks {
                let (a, b) = footprint(m, &span);
                assert!(crowd.right <= a || b <= crowd.left, "{crowd:?} on {a}..{b}");
            }
        }
    }

    #[test]
    fn a_run_with_room_on_neither_side_takes_its_neighbour_s_label_place() {
        // Two events at the plot's left edge, right before a third: their
        // count fits neither before them (the edge) nor after them (the
        // third's marker), so the third's label makes way.
        let marks = [
            mark(1, 0, 0.2, 1.2, "Talks open in the capital"),
            mark(2, 0, 0.8, 1.8, "Aid convoy"),
            mark(3, 0, 2.0, 3.0, "Ceasefire declared across the region"),
        ];
        let marks: Vec<&EventMark> = marks.iter().collect();
        let (_, placed, crowds) = named_and_counted(&marks);
        let named: Vec<EventId> = placed.iter().map(|l| l.id).collect();
        let counted: Vec<EventId> = crowds.iter().flat_map(|c| c.ids.clone()).collect();
        assert_eq!(crowds.len(), 1, "{crowds:?}");
        assert_eq!(crowds[0].text, "+3", "the third counted with the two");
        for m in &marks {
            assert!(
                named.contains(&m.id) ^ counted.contains(&m.id),
                "{:?} is named or counted, once: {placed:?} {crowds:?}",
                m.title
            );
        }
    }
}
