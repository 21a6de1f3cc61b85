//! The line a series is drawn as: through its figures in date order, as
//! steps, straight lines, or the band its ranges span. Shared by the app's
//! plots and the exported chart, so that both draw the same picture.

use super::FigureMark;
use crate::model::{Series, SeriesStyle};

/// Whether a series is drawn as one line through its figures (a level or
/// a running total) or as separate marks, one per figure, never joined
/// (one incident's toll after another: a line between them would read as
/// a count that rose and fell).
pub fn joins_points(series: &Series) -> bool {
    series.kind.joins_points()
}

/// The points of the line through `figures` (sorted by date): a step line
/// holds each figure until the next, the other styles join them straight.
pub fn trend_points(figures: &[FigureMark], style: SeriesStyle) -> Vec<[f64; 2]> {
    match style {
        SeriesStyle::Step => {
            let mut points = Vec::with_capacity(figures.len() * 2);
            for pair in figures.windows(2) {
                points.push([pair[0].x_mid(), pair[0].central]);
                points.push([pair[1].x_mid(), pair[0].central]);
            }
            points.extend(figures.last().map(|last| [last.x_mid(), last.central]));
            points
        }
        SeriesStyle::Line | SeriesStyle::Band => {
            figures.iter().map(|f| [f.x_mid(), f.central]).collect()
        }
    }
}

/// The edges of the band the figures' ranges span, one x each: where
/// several reports share a day, the widest range of them, so that the
/// band's edges run left to right and never fold back.
pub fn band_edges(figures: &[FigureMark]) -> Vec<(f64, f64, f64)> {
    let mut edges: Vec<(f64, f64, f64)> = Vec::with_capacity(figures.len());
    for figure in figures {
        let x = figure.x_mid();
        match edges.last_mut() {
            Some((last, low, high)) if *last == x => {
                *low = low.min(figure.low);
                *high = high.max(figure.high);
            }
            _ => edges.push((x, figure.low, figure.high)),
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ObservationId, Qualifier};

    fn figure(n: u128, x: f64, low: f64, high: f64) -> FigureMark {
        FigureMark {
            id: ObservationId::from_u128(n),
            x_start: x,
            x_end: x + 1.0,
            low,
            high,
            central: (low + high) / 2.0,
            qualifier: Qualifier::Exact,
            slot: 0,
            slots: 1,
        }
    }

    #[test]
    fn a_step_line_holds_each_figure_until_the_next() {
        let figures = [figure(1, 10.0, 50.0, 50.0), figure(2, 20.0, 80.0, 80.0)];
        assert_eq!(
            trend_points(&figures, SeriesStyle::Step),
            vec![[10.5, 50.0], [20.5, 50.0], [20.5, 80.0]]
        );
        assert_eq!(
            trend_points(&figures, SeriesStyle::Line),
            vec![[10.5, 50.0], [20.5, 80.0]]
        );
    }

    #[test]
    fn incident_series_are_separate_marks_and_the_rest_are_joined() {
        let mut series = Series::new(crate::model::SeriesId::from_u128(1), "Deaths", "people");
        assert!(joins_points(&series));
        series.kind = crate::model::FigureKind::RunningTotal;
        assert!(joins_points(&series));
        series.kind = crate::model::FigureKind::Incident;
        assert!(!joins_points(&series));
    }

    #[test]
    fn reports_of_one_day_make_one_band_edge_of_their_widest_range() {
        let figures = [
            figure(1, 10.0, 2500.0, 3500.0),
            figure(2, 10.0, 2000.0, 3000.0),
            figure(3, 40.0, 600.0, 700.0),
        ];
        assert_eq!(
            band_edges(&figures),
            vec![(10.5, 2000.0, 3500.0), (40.5, 600.0, 700.0)]
        );
    }
}
