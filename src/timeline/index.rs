//! Everything a timeline frame reads, built once per notebook state and
//! filter (off the UI thread for big notebooks): the plots, each series'
//! levels of detail and the event lanes at every zoom. A frame then costs
//! what its pixels cost, whatever the notebook holds.

use super::lanes::EventLanes;
use super::pyramid::FigurePyramid;
use super::{Filter, UnitPlot, unit_plots};
use crate::model::Notebook;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the timeline draws for one notebook state and filter.
#[derive(Debug, Default)]
pub struct TimelineIndex {
    /// One plot per unit, as [`unit_plots`] gives them.
    pub plots: Vec<UnitPlot>,
    /// Each plot's highest figure, for its y axis.
    pub plot_tops: Vec<f64>,
    /// For each plot, for each of its traces, the figures' levels of detail.
    pub pyramids: Vec<Vec<FigurePyramid>>,
    /// The event lane.
    pub events: EventLanes,
}

/// What the index is built from, gathered from the notebook: building the
/// rest needs the notebook no more, so a worker lets go of it early.
#[derive(Debug)]
pub struct IndexInputs {
    plots: Vec<UnitPlot>,
    events: Vec<super::EventMark>,
}

impl TimelineIndex {
    /// Builds the index for what `filter` shows (its window aside: it only
    /// shades the plots), event labels measured at `char_width` pixels per
    /// character in at most `max_lanes` lanes. `None` if `cancelled` was set.
    pub fn build(
        notebook: &Notebook,
        filter: &Filter,
        char_width: f64,
        max_lanes: usize,
        cancelled: &AtomicBool,
    ) -> Option<TimelineIndex> {
        TimelineIndex::from_inputs(
            TimelineIndex::gather(notebook, filter),
            char_width,
            max_lanes,
            cancelled,
        )
    }

    /// The part of [`TimelineIndex::build`] that reads the notebook.
    pub fn gather(notebook: &Notebook, filter: &Filter) -> IndexInputs {
        let filter = filter.without_window();
        IndexInputs {
            plots: unit_plots(notebook, &filter),
            events: super::unlaid_event_marks(notebook, &filter),
        }
    }

    /// The rest of [`TimelineIndex::build`]: levels of detail and lanes.
    pub fn from_inputs(
        inputs: IndexInputs,
        char_width: f64,
        max_lanes: usize,
        cancelled: &AtomicBool,
    ) -> Option<TimelineIndex> {
        let IndexInputs { plots, events } = inputs;
        let plot_tops = plots
            .iter()
            .map(|p| {
                p.traces
                    .iter()
                    .flat_map(|t| &t.figures)
                    .map(|f| f.high)
                    .fold(0.0f64, f64::max)
            })
            .collect();
        let mut pyramids = Vec::with_capacity(plots.len());
        for plot in &plots {
            if cancelled.load(Ordering::Relaxed) {
                return None;
            }
            pyramids.push(
                plot.traces
                    .iter()
                    .map(|t| FigurePyramid::build(&t.figures))
                    .collect(),
            );
        }
        let events = EventLanes::lay_out(events, char_width, max_lanes, cancelled)?;
        Some(TimelineIndex {
            plots,
            plot_tops,
            pyramids,
            events,
        })
    }

    /// How many events and figures it was built from: how long a rebuild takes.
    pub fn weight(notebook: &Notebook) -> usize {
        notebook.events.len()
            + notebook
                .series
                .iter()
                .map(|s| s.observations.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{self, Size};

    #[test]
    fn the_index_holds_a_pyramid_per_trace_and_every_event() {
        let notebook = synthetic::notebook(Size {
            articles: 10,
            events: 50,
            series: 3,
            observations_per_series: 200,
            days: 400,
        });
        let index = TimelineIndex::build(
            &notebook,
            &Filter::default(),
            7.0,
            6,
            &AtomicBool::new(false),
        )
        .expect("not cancelled");
        assert_eq!(index.events.len(), 50);
        assert_eq!(index.plots.len(), index.pyramids.len());
        for (plot, pyramids) in index.plots.iter().zip(&index.pyramids) {
            assert_eq!(plot.traces.len(), pyramids.len());
        }
        assert_eq!(TimelineIndex::weight(&notebook), 650);
        let hidden = Filter {
            hidden_categories: crate::model::Category::ALL.to_vec(),
            ..Filter::default()
        };
        let none = TimelineIndex::build(&notebook, &hidden, 7.0, 6, &AtomicBool::new(false))
            .expect("not cancelled");
        assert!(none.events.is_empty());
    }
}
