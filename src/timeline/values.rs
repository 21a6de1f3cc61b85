//! The value axis and the values written beside a plot's points: one rule
//! for the window and the exported chart.
//!
//! Ticks are round numbers (1, 2, 5 × 10ⁿ), at least three from 0 to the
//! top, as many as the plot's height spaces legibly, so that an axis never
//! shows a lone "0". A value is written on the first side of its point
//! that keeps it inside the plot and clear of every marker, every line,
//! every value already written and every box kept out (a legend); a value
//! with room nowhere is left to its point's hover.
//!
//! Lengths are pixels of the plot, y growing downwards; the caller measures
//! text in its own font and passes the sizes in.

use super::labels::ValueSide;

/// A rectangle in pixels: left, top, width, height.
pub type PixelBox = (f64, f64, f64, f64);

/// The least number of ticks on a value axis.
pub const LEAST_TICKS: usize = 3;
/// The closest two tick labels come, in pixels.
pub const LEAST_TICK_SPACING_PX: f64 = 24.0;
/// Tick labels this far apart, or more, are as many as are wanted.
const COMFORTABLE_TICK_SPACING_PX: f64 = 40.0;
/// A marker's half size: what a value keeps clear of around each point.
pub const MARKER_HALF_PX: f64 = 6.0;
/// From a point to a value written above or below it.
const VALUE_GAP_PX: f64 = 9.0;

/// Round ticks from 0 to `top` for an axis `pixels` long: spaced at least
/// [`COMFORTABLE_TICK_SPACING_PX`] apart when the axis is long enough, and
/// never fewer than [`LEAST_TICKS`] (0 included).
pub fn value_ticks(top: f64, pixels: f64) -> Vec<f64> {
    if !(top.is_finite() && top > 0.0) {
        return vec![0.0];
    }
    let per_pixel = top / pixels.max(1.0);
    let steps = round_steps_around(top);
    let fits = |step: f64| (top / step).floor() as usize + 1 >= LEAST_TICKS;
    let step = steps
        .iter()
        .copied()
        .find(|&step| step / per_pixel >= COMFORTABLE_TICK_SPACING_PX && fits(step))
        .or_else(|| steps.iter().rev().copied().find(|&step| fits(step)))
        .unwrap_or(top / 2.0);
    let count = (top / step).floor() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// Round steps (1, 2, 5 × 10ⁿ) from a thousandth of `top` to `top`, smallest first.
fn round_steps_around(top: f64) -> Vec<f64> {
    let magnitude = top.log10().floor() as i32;
    (magnitude - 4..=magnitude)
        .flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)))
        .filter(|&step| step <= top)
        .collect()
}

/// A value to write beside its point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueToPlace {
    /// The point, pixels.
    pub x: f64,
    /// The point, pixels (down).
    pub y: f64,
    /// The text's width, pixels.
    pub width: f64,
    /// The text's height, pixels.
    pub height: f64,
    /// The side the line through the point leaves free ([`super::labels::value_side`]).
    pub preferred: ValueSide,
}

/// What a plot holds besides its values: where a value must not go.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Obstacles {
    /// Every point drawn in the plot.
    pub markers: Vec<(f64, f64)>,
    /// Every line drawn: trends, ranges, month bars.
    pub segments: Vec<((f64, f64), (f64, f64))>,
    /// Boxes kept free (a legend).
    pub keep_out: Vec<PixelBox>,
}

impl Obstacles {
    /// What the traces of a plot draw: a marker at each figure, its range
    /// and month bar, and the trend's line (for a trace that joins its
    /// figures), else each figure's stem from zero. `px` maps a day and a
    /// value to the plot's pixels; `days_per_pixel` spreads figures of one day.
    pub fn of_traces<'a>(
        traces: impl IntoIterator<Item = (&'a super::SeriesTrace, &'a [super::FigureMark])>,
        days_per_pixel: f64,
        px: impl Fn(f64, f64) -> (f64, f64),
    ) -> Self {
        let mut obstacles = Self::default();
        for (trace, figures) in traces {
            for figure in figures {
                let x = figure.x_drawn(days_per_pixel);
                obstacles.markers.push(px(x, figure.central));
                if !trace.joins {
                    obstacles.segments.push((px(x, 0.0), px(x, figure.low)));
                }
                if figure.high > figure.low {
                    obstacles
                        .segments
                        .push((px(x, figure.low), px(x, figure.high)));
                }
                if figure.x_end - figure.x_start > 1.5 {
                    obstacles.segments.push((
                        px(figure.x_start, figure.central),
                        px(figure.x_end, figure.central),
                    ));
                }
            }
            if trace.joins && figures.len() >= 2 {
                let trend = super::trend::trend_points(figures, trace.style);
                obstacles.segments.extend(
                    trend
                        .windows(2)
                        .map(|pair| (px(pair[0][0], pair[0][1]), px(pair[1][0], pair[1][1]))),
                );
            }
        }
        obstacles
    }
}

/// A figure's value as its source states it, placed beside its point.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedValue {
    /// Which of the traces given it belongs to.
    pub trace: usize,
    /// The figure.
    pub figure: crate::model::ObservationId,
    /// "more than 50 of 370".
    pub text: String,
    /// Its box's left edge, pixels.
    pub left: f64,
    /// Its box's top edge, pixels.
    pub top: f64,
}

/// The values of a plot's figures, by the one rule of the window and the
/// exported chart: every figure of `traces` (each in view, sorted by date)
/// is an obstacle; those of a trace of at most
/// [`super::labels::MAX_LABELLED_FIGURES`] figures are written, each
/// preferring the side its line leaves free ([`super::labels::value_side`]),
/// inside `frame` and clear of `keep_out` ([`place_values`]). `px` maps a
/// day and a value to pixels; `measure` gives a text's width and
/// `line_height` its height.
#[allow(clippy::too_many_arguments)]
pub fn plot_values(
    notebook: &crate::model::Notebook,
    traces: &[(&super::SeriesTrace, &[super::FigureMark])],
    days_per_pixel: f64,
    px: impl Fn(f64, f64) -> (f64, f64),
    measure: &mut dyn FnMut(&str) -> f64,
    line_height: f64,
    frame: PixelBox,
    keep_out: Vec<PixelBox>,
) -> Vec<PlacedValue> {
    let labelled =
        |figures: &[super::FigureMark]| figures.len() <= super::labels::MAX_LABELLED_FIGURES;
    if !traces.iter().any(|(_, figures)| labelled(figures)) {
        return Vec::new();
    }
    let mut obstacles = Obstacles::of_traces(traces.iter().copied(), days_per_pixel, &px);
    obstacles.keep_out = keep_out;
    let mut wanted = Vec::new();
    let mut whose = Vec::new();
    for (index, &(trace, figures)) in traces.iter().enumerate() {
        if !labelled(figures) {
            continue;
        }
        let step = trace.style == crate::model::SeriesStyle::Step;
        for (k, figure) in figures.iter().enumerate() {
            let Some((_, observation)) = notebook.observation(trace.id, figure.id) else {
                continue;
            };
            let text = observation.describe();
            let previous = k.checked_sub(1).map(|p| figures[p].central);
            let next = figures.get(k + 1).map(|f| f.central);
            let (x, y) = px(figure.x_drawn(days_per_pixel), figure.central);
            wanted.push(ValueToPlace {
                x,
                y,
                width: measure(&text),
                height: line_height,
                preferred: super::labels::value_side(previous, figure.central, next, step),
            });
            whose.push((index, figure.id, text));
        }
    }
    place_values(&wanted, &obstacles, frame)
        .into_iter()
        .zip(whose)
        .filter_map(|(place, (trace, figure, text))| {
            place.map(|(left, top, _, _)| PlacedValue {
                trace,
                figure,
                text,
                left,
                top,
            })
        })
        .collect()
}

/// Where each value is written (its box), in the order given, earlier
/// values first; `None` where no side has room (the point keeps its hover).
pub fn place_values(
    values: &[ValueToPlace],
    obstacles: &Obstacles,
    frame: PixelBox,
) -> Vec<Option<PixelBox>> {
    let mut placed: Vec<PixelBox> = Vec::new();
    values
        .iter()
        .map(|value| {
            let chosen = candidates(value, frame)
                .into_iter()
                .find(|&candidate| is_clear(candidate, obstacles, &placed));
            if let Some(found) = chosen {
                placed.push(found);
            }
            chosen
        })
        .collect()
}

/// The boxes a value may take, best first: the preferred side, then the
/// others; each kept inside the frame by sliding it along the side, and
/// dropped if it cannot be.
fn candidates(value: &ValueToPlace, frame: PixelBox) -> Vec<PixelBox> {
    let (w, h) = (value.width, value.height);
    let at = |side: ValueSide| -> PixelBox {
        let (x, y) = (value.x, value.y);
        match side {
            ValueSide::Above => (x - w / 2.0, y - VALUE_GAP_PX - h, w, h),
            ValueSide::Below => (x - w / 2.0, y + VALUE_GAP_PX, w, h),
            ValueSide::AboveLeft => (x - MARKER_HALF_PX - w, y - MARKER_HALF_PX - h, w, h),
            ValueSide::AboveRight => (x + MARKER_HALF_PX, y - MARKER_HALF_PX - h, w, h),
        }
    };
    let beside = |right: bool| -> PixelBox {
        let left = if right {
            value.x + VALUE_GAP_PX
        } else {
            value.x - VALUE_GAP_PX - w
        };
        (left, value.y - h / 2.0, w, h)
    };
    let mut order = vec![at(value.preferred)];
    for side in [
        ValueSide::Above,
        ValueSide::Below,
        ValueSide::AboveRight,
        ValueSide::AboveLeft,
    ] {
        if side != value.preferred {
            order.push(at(side));
        }
    }
    order.push(beside(true));
    order.push(beside(false));
    let (f_left, f_top, f_width, f_height) = frame;
    order
        .into_iter()
        .filter_map(|(left, top, w, h)| {
            if w > f_width || top < f_top || top + h > f_top + f_height {
                return None;
            }
            let left = left.clamp(f_left, f_left + f_width - w);
            Some((left, top, w, h))
        })
        .collect()
}

fn overlaps(a: PixelBox, b: PixelBox) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

fn is_clear(candidate: PixelBox, obstacles: &Obstacles, placed: &[PixelBox]) -> bool {
    let marker_box = |&(x, y): &(f64, f64)| {
        (
            x - MARKER_HALF_PX,
            y - MARKER_HALF_PX,
            2.0 * MARKER_HALF_PX,
            2.0 * MARKER_HALF_PX,
        )
    };
    !placed.iter().any(|&other| overlaps(candidate, other))
        && !obstacles
            .keep_out
            .iter()
            .any(|&other| overlaps(candidate, other))
        && !obstacles
            .markers
            .iter()
            .any(|m| overlaps(candidate, marker_box(m)))
        && !obstacles
            .segments
            .iter()
            .any(|&(a, b)| segment_crosses(a, b, candidate))
}

/// Whether the segment from `a` to `b` passes through the inside of `rect`
/// (Liang–Barsky clipping; touching an edge is not crossing).
fn segment_crosses(a: (f64, f64), b: (f64, f64), rect: PixelBox) -> bool {
    let (left, top, width, height) = rect;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - left),
        (dx, left + width - a.0),
        (-dy, a.1 - top),
        (dy, top + height - a.1),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
            continue;
        }
        let t = q / p;
        if p < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 >= t1 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_short_plot_of_thousands_still_shows_three_ticks() {
        // Troops in the low thousands on a plot under a hundred pixels tall:
        // powers of ten alone would leave only "0" on the axis.
        let ticks = value_ticks(9_450.0, 90.0);
        assert!(ticks.len() >= 3, "{ticks:?}");
        assert_eq!(ticks[0], 0.0);
        assert!(ticks.iter().all(|&t| t <= 9_450.0));
        assert_eq!(
            value_ticks(9_450.0, 300.0),
            [0.0, 2_000.0, 4_000.0, 6_000.0, 8_000.0]
        );
    }

    proptest! {
        #[test]
        fn ticks_are_round_at_least_three_and_inside(top in 1e-3f64..1e12, pixels in 60.0f64..2_000.0) {
            let ticks = value_ticks(top, pixels);
            prop_assert!(ticks.len() >= LEAST_TICKS, "{ticks:?} for {top} over {pixels}");
            prop_assert!(ticks.iter().all(|&t| t <= top * (1.0 + 1e-9)));
            let step = ticks[1] - ticks[0];
            let mantissa = step / 10f64.powf(step.log10().floor());
            prop_assert!([1.0, 2.0, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-6), "{step}");
            // Legible where the plot allows: ticks are no closer than two
            // lines of text, unless three would not otherwise fit.
            if pixels >= 3.0 * COMFORTABLE_TICK_SPACING_PX * 2.5 {
                prop_assert!(step / top * pixels >= LEAST_TICK_SPACING_PX, "{ticks:?}");
            }
        }
    }

    fn value(x: f64, y: f64, preferred: ValueSide) -> ValueToPlace {
        ValueToPlace {
            x,
            y,
            width: 60.0,
            height: 12.0,
            preferred,
        }
    }

    const FRAME: PixelBox = (0.0, 0.0, 400.0, 200.0);

    #[test]
    fn a_value_goes_where_it_prefers_when_that_is_clear() {
        let placed = place_values(
            &[value(100.0, 100.0, ValueSide::Above)],
            &Obstacles::default(),
            FRAME,
        );
        let (left, top, _, h) = placed[0].expect("placed");
        assert_eq!(left, 70.0);
        assert!(top + h <= 100.0 - MARKER_HALF_PX);
    }

    #[test]
    fn a_value_at_the_edge_slides_inside_the_plot() {
        let placed = place_values(
            &[value(395.0, 100.0, ValueSide::Above)],
            &Obstacles::default(),
            FRAME,
        );
        let (left, _, w, _) = placed[0].expect("placed");
        assert!(left + w <= 400.0);
    }

    #[test]
    fn a_value_never_covers_a_marker_a_line_a_legend_or_another_value() {
        let values = [
            value(100.0, 100.0, ValueSide::Above),
            value(110.0, 100.0, ValueSide::Above),
        ];
        let obstacles = Obstacles {
            markers: vec![(100.0, 100.0), (110.0, 100.0), (100.0, 70.0)],
            segments: vec![((0.0, 130.0), (400.0, 130.0))],
            keep_out: vec![(0.0, 0.0, 400.0, 20.0)],
        };
        let placed = place_values(&values, &obstacles, FRAME);
        let boxes: Vec<PixelBox> = placed.iter().flatten().copied().collect();
        assert!(!boxes.is_empty());
        for (i, &a) in boxes.iter().enumerate() {
            for &(x, y) in &obstacles.markers {
                let marker = (
                    x - MARKER_HALF_PX,
                    y - MARKER_HALF_PX,
                    2.0 * MARKER_HALF_PX,
                    2.0 * MARKER_HALF_PX,
                );
                assert!(!overlaps(a, marker), "{a:?} on the marker at {x},{y}");
            }
            assert!(!segment_crosses((0.0, 130.0), (400.0, 130.0), a));
            assert!(!overlaps(a, obstacles.keep_out[0]));
            for &b in &boxes[i + 1..] {
                assert!(!overlaps(a, b));
            }
        }
    }

    #[test]
    fn a_value_with_room_nowhere_is_left_to_its_hover() {
        let tight = (90.0, 90.0, 30.0, 20.0);
        let placed = place_values(
            &[value(100.0, 100.0, ValueSide::Above)],
            &Obstacles::default(),
            tight,
        );
        assert_eq!(placed, [None]);
    }

    #[test]
    fn segments_crossing_and_missing_boxes() {
        let rect = (10.0, 10.0, 10.0, 10.0);
        assert!(segment_crosses((0.0, 15.0), (30.0, 15.0), rect));
        assert!(segment_crosses((0.0, 0.0), (30.0, 30.0), rect));
        assert!(!segment_crosses((0.0, 25.0), (30.0, 25.0), rect));
        assert!(!segment_crosses((0.0, 0.0), (5.0, 30.0), rect));
        assert!(
            !segment_crosses((0.0, 10.0), (30.0, 10.0), rect),
            "along an edge"
        );
    }
}
