//! Levels of detail for a series: its figures' extremes per bin of time, at
//! bins doubling in width, so a plot of a million figures reads a few
//! hundred bins per frame instead of every figure.
//!
//! Invariant: every level holds every figure once (the counts add up), and
//! a bin's extremes are the extremes of the figures whose middle falls in
//! it; bins are sorted by their place in time.

use super::FigureMark;

/// The narrowest bins: a sixteenth of a day.
const FINEST_BIN_EXPONENT: i32 = -4;
/// The widest bins: 2^20 days (some 2,900 years) is more than any notebook spans.
const WIDEST_BIN_EXPONENT: i32 = 20;
/// Up to this many figures in view per column, the figures themselves are read.
const RAW_FIGURES_PER_COLUMN: usize = 1;

/// One bin of a level: the figures whose middle falls in it, reduced to extremes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bin {
    /// Which bin: its start is `index × width`.
    index: i64,
    low: f64,
    high: f64,
    central_min: f64,
    central_max: f64,
    count: usize,
}

impl Bin {
    fn merge(&mut self, other: &Bin) {
        self.low = self.low.min(other.low);
        self.high = self.high.max(other.high);
        self.central_min = self.central_min.min(other.central_min);
        self.central_max = self.central_max.max(other.central_max);
        self.count += other.count;
    }
}

/// A series' figures at every level of detail.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigurePyramid {
    /// `levels[k]` has bins `2^(k + FINEST_BIN_EXPONENT)` days wide.
    levels: Vec<Vec<Bin>>,
}

fn bin_days(level: usize) -> f64 {
    f64::from(level as i32 + FINEST_BIN_EXPONENT).exp2()
}

impl FigurePyramid {
    /// The pyramid of a series' figures (in any order).
    pub fn build(figures: &[FigureMark]) -> FigurePyramid {
        let finest = bin_days(0);
        let mut bins: Vec<Bin> = figures
            .iter()
            .map(|f| Bin {
                index: (f.x_mid() / finest).floor() as i64,
                low: f.low,
                high: f.high,
                central_min: f.central,
                central_max: f.central,
                count: 1,
            })
            .collect();
        bins.sort_by_key(|b| b.index);
        let mut levels = vec![merge_same(bins)];
        while levels.len() < (WIDEST_BIN_EXPONENT - FINEST_BIN_EXPONENT) as usize
            && levels.last().is_some_and(|l| l.len() > 1)
        {
            let coarser: Vec<Bin> = levels
                .last()
                .map(|finer| {
                    finer
                        .iter()
                        // Shifting rounds towards minus infinity, as floor does.
                        .map(|b| Bin {
                            index: b.index >> 1,
                            ..*b
                        })
                        .collect()
                })
                .unwrap_or_default();
            levels.push(merge_same(coarser));
        }
        FigurePyramid { levels }
    }

    /// The figures between `x_min` and `x_max` reduced to at most `width`
    /// columns, as [`columns`] gives them, at a cost set by `width`, not by
    /// the figures: the coarsest level whose bins are at most half a column
    /// wide is read (a figure is then drawn at most a quarter of a column
    /// from where it is). `figures` are the ones the pyramid was built
    /// from, sorted by start; when few are in view they are read instead.
    pub fn columns(
        &self,
        figures: &[FigureMark],
        x_min: f64,
        x_max: f64,
        width: usize,
    ) -> Vec<Column> {
        let width = width.max(1);
        if !(x_min.is_finite() && x_max.is_finite()) || x_max <= x_min {
            return Vec::new();
        }
        let column_days = (x_max - x_min) / width as f64;
        let level = (0..self.levels.len())
            .rev()
            .find(|&level| bin_days(level) <= column_days / 2.0);
        let in_view = figures.partition_point(|f| f.x_start <= x_max)
            - figures.partition_point(|f| f.x_start < x_min);
        let Some(level) = level.filter(|_| in_view > width * RAW_FIGURES_PER_COLUMN) else {
            return columns(figures, x_min, x_max, width);
        };
        let bin_width = bin_days(level);
        let bins = &self.levels[level];
        let first = bins.partition_point(|b| (b.index as f64 + 1.0) * bin_width < x_min);
        let last = bins.partition_point(|b| (b.index as f64) * bin_width <= x_max);
        let mut columns = ColumnsInView::new(x_min, x_max, width);
        for bin in &bins[first..last.max(first)] {
            columns.add((bin.index as f64 + 0.5) * bin_width, bin);
        }
        columns.finish()
    }
}

/// The figures that fall in one pixel column, reduced to their extremes, so
/// a plot costs what its pixels cost and no spike disappears.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The middle of the column.
    pub x: f64,
    /// Lowest low in it.
    pub low: f64,
    /// Highest high in it.
    pub high: f64,
    /// Lowest central value.
    pub central_min: f64,
    /// Highest central value.
    pub central_max: f64,
    /// How many figures it holds.
    pub count: usize,
}

/// Reduces the figures between `x_min` and `x_max` (sorted by start, as
/// [`super::unit_plots`] gives them) to at most `width` columns, in order;
/// empty columns are left out. Reads every figure in view: for many, see
/// [`FigurePyramid::columns`].
pub fn columns(figures: &[FigureMark], x_min: f64, x_max: f64, width: usize) -> Vec<Column> {
    let width = width.max(1);
    if !(x_min.is_finite() && x_max.is_finite()) || x_max <= x_min {
        return Vec::new();
    }
    // Sorted by start; no figure spans more than a year, so this bounds the visible ones.
    let first = figures.partition_point(|f| f.x_start < x_min - 367.0);
    let last = figures.partition_point(|f| f.x_start <= x_max);
    let mut columns = ColumnsInView::new(x_min, x_max, width);
    for figure in figures.get(first..last).unwrap_or(&[]) {
        columns.add(
            figure.x_mid(),
            &Bin {
                index: 0,
                low: figure.low,
                high: figure.high,
                central_min: figure.central,
                central_max: figure.central,
                count: 1,
            },
        );
    }
    columns.finish()
}

/// Pixel columns being filled, in any order of x.
struct ColumnsInView {
    x_min: f64,
    x_max: f64,
    scale: f64,
    slots: Vec<Option<Column>>,
}

impl ColumnsInView {
    fn new(x_min: f64, x_max: f64, width: usize) -> ColumnsInView {
        ColumnsInView {
            x_min,
            x_max,
            scale: width as f64 / (x_max - x_min),
            slots: vec![None; width],
        }
    }

    /// Adds what lies at `x` (nothing, outside the view).
    fn add(&mut self, x: f64, bin: &Bin) {
        if !(self.x_min..=self.x_max).contains(&x) {
            return;
        }
        let index =
            (((x - self.x_min) * self.scale).floor().max(0.0) as usize).min(self.slots.len() - 1);
        match &mut self.slots[index] {
            Some(column) => {
                column.low = column.low.min(bin.low);
                column.high = column.high.max(bin.high);
                column.central_min = column.central_min.min(bin.central_min);
                column.central_max = column.central_max.max(bin.central_max);
                column.count += bin.count;
            }
            empty => {
                *empty = Some(Column {
                    x: self.x_min + (index as f64 + 0.5) / self.scale,
                    low: bin.low,
                    high: bin.high,
                    central_min: bin.central_min,
                    central_max: bin.central_max,
                    count: bin.count,
                })
            }
        }
    }

    fn finish(self) -> Vec<Column> {
        self.slots.into_iter().flatten().collect()
    }
}

/// Sorted bins with equal indices merged into one.
fn merge_same(sorted: Vec<Bin>) -> Vec<Bin> {
    let mut merged: Vec<Bin> = Vec::with_capacity(sorted.len());
    for bin in sorted {
        match merged.last_mut() {
            Some(last) if last.index == bin.index => last.merge(&bin),
            _ => merged.push(bin),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ObservationId, Qualifier};
    use proptest::prelude::*;

    fn figure(n: u128, x_start: f64, days: f64, low: f64, spread: f64) -> FigureMark {
        FigureMark {
            id: ObservationId::from_u128(n),
            x_start,
            x_end: x_start + days,
            low,
            high: low + spread,
            central: low + spread / 2.0,
            qualifier: Qualifier::Exact,
            slot: 0,
            slots: 1,
        }
    }

    fn figures_from(raw: &[(u16, bool, u16, u8)]) -> Vec<FigureMark> {
        let mut figures: Vec<FigureMark> = raw
            .iter()
            .enumerate()
            .map(|(n, &(day, monthly, low, spread))| {
                let days = if monthly { 30.0 } else { 1.0 };
                figure(
                    n as u128 + 1,
                    18_000.0 + f64::from(day),
                    days,
                    f64::from(low),
                    f64::from(spread),
                )
            })
            .collect();
        figures.sort_by(|a, b| a.x_start.total_cmp(&b.x_start));
        figures
    }

    #[test]
    fn every_level_holds_every_figure() {
        let figures = figures_from(&[(0, false, 5, 1), (0, false, 9, 0), (400, true, 1, 3)]);
        let pyramid = FigurePyramid::build(&figures);
        assert!(pyramid.levels.len() > 5);
        for level in &pyramid.levels {
            assert_eq!(level.iter().map(|b| b.count).sum::<usize>(), 3);
            assert!(level.windows(2).all(|w| w[0].index < w[1].index));
        }
        assert_eq!(pyramid.levels.last().map(Vec::len), Some(1));
    }

    #[test]
    fn a_lone_spike_survives_the_coarsest_view() {
        let mut raw: Vec<(u16, bool, u16, u8)> = (0..5_000).map(|d| (d, false, 100, 0)).collect();
        raw.push((2_345, false, 60_000, 0));
        let figures = figures_from(&raw);
        let pyramid = FigurePyramid::build(&figures);
        let columns = pyramid.columns(&figures, 17_990.0, 23_010.0, 50);
        assert!(columns.len() <= 50);
        assert_eq!(columns.iter().map(|c| c.count).sum::<usize>(), 5_001);
        let highest = columns.iter().map(|c| c.high).fold(0.0, f64::max);
        assert_eq!(highest, 60_000.0);
    }

    proptest! {
        /// What the pyramid draws is what reading every figure draws: the
        /// same figures, the same extremes, each within a column of its place.
        #[test]
        fn the_pyramid_draws_what_the_figures_draw(
            raw in proptest::collection::vec((0u16..3_000, any::<bool>(), 0u16..1_000, 0u8..50), 1..600),
            from in 0.0f64..3_000.0,
            days in 1.0f64..4_000.0,
            width in 1usize..120,
        ) {
            let figures = figures_from(&raw);
            let pyramid = FigurePyramid::build(&figures);
            let (x_min, x_max) = (18_000.0 + from - 40.0, 18_000.0 + from - 40.0 + days);
            let fast = pyramid.columns(&figures, x_min, x_max, width);
            let exact = columns(&figures, x_min, x_max, width);
            prop_assert!(fast.len() <= width);
            let total = |c: &[Column]| c.iter().map(|c| c.count).sum::<usize>();
            // A figure near an edge may fall either side of it, by a quarter column at most.
            let near_edges = figures
                .iter()
                .filter(|f| {
                    let margin = days / width as f64 / 4.0 + 1e-9;
                    (f.x_mid() - x_min).abs() <= margin || (f.x_mid() - x_max).abs() <= margin
                })
                .count();
            prop_assert!(total(&fast).abs_diff(total(&exact)) <= near_edges);
            let column_days = days / width as f64;
            for column in &exact {
                let near: Vec<&Column> = fast
                    .iter()
                    .filter(|c| (c.x - column.x).abs() <= column_days * 1.01)
                    .collect();
                if column.count > 0 && near_edges == 0 {
                    prop_assert!(near.iter().any(|c| c.high >= column.high), "a high was lost");
                    prop_assert!(near.iter().any(|c| c.low <= column.low), "a low was lost");
                }
            }
        }
    }
}
