//! Synthetic notebooks for benchmarks and scale tests: made-up articles,
//! events and figures over several years. Everything in them says it is
//! synthetic; nothing in them is true. Deterministic for a given size.
//!
//! A tool of the tests and benchmarks, not of the library: each includes
//! this file (`#[path]`), and the library's own unit tests too (`src/lib.rs`).

// Each includer uses part of it.
#![allow(dead_code)]

use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::Date;
use sitrep::model::{
    Article, ArticleId, Category, Event, EventId, Evidence, Notebook, NotebookPlace, Observation,
    ObservationId, PartialDate, PlaceId, Precision, Qualifier, Series, SeriesId, SeriesStyle,
};

/// How big a synthetic notebook to make.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Articles.
    pub articles: usize,
    /// Events.
    pub events: usize,
    /// Series.
    pub series: usize,
    /// Figures in each series.
    pub observations_per_series: usize,
    /// Days the facts spread over.
    pub days: i64,
}

impl Size {
    /// The large case: 10,000 articles, 100,000 events, 20 × 50,000 figures over five years.
    pub const LARGE: Size = Size {
        articles: 10_000,
        events: 100_000,
        series: 20,
        observations_per_series: 50_000,
        days: 5 * 365,
    };
}

/// A small, fast, deterministic generator (SplitMix64): no dependency, same notebook every run.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Makes a synthetic notebook of `size`.
pub fn notebook(size: Size) -> Notebook {
    let start = Date::constant(2019, 1, 1);
    let day = |offset: i64| start.checked_add(offset.days()).unwrap_or(start);
    let mut mix = Mix(2021);
    let mut notebook = Notebook::new(
        "synthetic".into(),
        "Synthetic notebook (not real data)",
        Timestamp::UNIX_EPOCH,
    );
    let text = "SYNTHETIC TEXT, NOT A REAL REPORT. Officials said 120 fighters and 35 civilians were counted near the district centre on Sunday.";
    for index in 0..size.articles {
        let mut article = Article::new(
            ArticleId::from_u128(1 + index as u128),
            format!("Synthetic article {index}"),
            text,
            Timestamp::UNIX_EPOCH,
        );
        article.outlet = "Synthetic Wire".into();
        article.published = Some(PartialDate {
            date: day(mix.below(size.days as u64) as i64),
            precision: Precision::Day,
        });
        notebook.articles.push(article);
    }
    let article_count = size.articles.max(1) as u64;
    // Every figure and event cites words that are really at its span.
    let quote = "120 fighters";
    let start = text.find(quote).unwrap_or(0);
    let evidence = |mix: &mut Mix| Evidence {
        article: ArticleId::from_u128(1 + mix.below(article_count) as u128),
        start,
        end: start + quote.len(),
        quote: quote.into(),
    };
    // Made-up places spread over the globe, the notebook's own, so that
    // the map has something to show: a third of the events name none.
    let place_count = (size.events / 200).clamp(1, 500);
    for k in 0..place_count {
        notebook.places.push(NotebookPlace {
            id: PlaceId::from_u128(1 + k as u128),
            name: format!("Synthetic place {k}"),
            aliases: Vec::new(),
            lat: ((k * 37) % 120) as f64 - 55.0,
            lon: ((k * 101) % 340) as f64 - 170.0,
            country: String::new(),
            scale: Default::default(),
            settled: false,
            unsure: None,
        });
    }
    for index in 0..size.events {
        let precision = if mix.below(10) == 0 {
            Precision::Month
        } else {
            Precision::Day
        };
        let start = PartialDate {
            date: day(mix.below(size.days as u64) as i64),
            precision,
        }
        .with_precision(precision);
        notebook.events.push(Event {
            id: EventId::from_u128(1 + index as u128),
            title: format!("Synthetic event {index}"),
            start,
            end: None,
            category: Category::ALL[mix.below(Category::ALL.len() as u64) as usize],
            tags: Vec::new(),
            place: if index % 3 == 0 {
                String::new()
            } else {
                format!("Synthetic place {}", (index * 7) % place_count)
            },
            actors: Vec::new(),
            notes: String::new(),
            evidence: vec![evidence(&mut mix)],
            confidence: None,
        });
    }
    for s in 0..size.series {
        let unit = ["districts", "troops", "civilians", "refugees"][s % 4];
        let mut level = 100.0 + mix.below(1000) as f64;
        let mut observations = Vec::with_capacity(size.observations_per_series);
        for o in 0..size.observations_per_series {
            // A random walk with the odd spike, spread evenly over the days.
            level = (level + mix.below(21) as f64 - 10.0).max(0.0);
            let spike = if mix.below(1000) == 0 { 5.0 } else { 1.0 };
            let low = level * spike;
            let offset = (o as i64 * size.days) / size.observations_per_series.max(1) as i64;
            observations.push(Observation {
                id: ObservationId::from_u128(((s as u128) << 32) + o as u128 + 1),
                as_of: PartialDate {
                    date: day(offset),
                    precision: Precision::Day,
                },
                low,
                high: low + mix.below(50) as f64,
                best: None,
                qualifier: if mix.below(5) == 0 {
                    Qualifier::MoreThan
                } else {
                    Qualifier::Exact
                },
                denominator: None,
                place: String::new(),
                evidence: Some(evidence(&mut mix)),
                notes: String::new(),
            });
        }
        notebook.series.push(Series {
            id: SeriesId::from_u128(1 + s as u128),
            name: format!("Synthetic series {s}"),
            unit: unit.into(),
            subject: String::new(),
            denominator: None,
            style: if s % 2 == 0 {
                SeriesStyle::Step
            } else {
                SeriesStyle::Band
            },
            color: None,
            plot: String::new(),
            kind: Default::default(),
            measure: None,
            observations,
        });
    }
    notebook.canonicalize();
    notebook
}
