//! The notebook out, for spreadsheets, pages and editors: CSV of every
//! event and figure with its source ([`csv`]), the timeline as SVG or PNG
//! ([`chart`]), and a Markdown situation report for a window of dates
//! ([`report`]).
//!
//! Invariants: one CSV row per event or figure, dates in ISO form with
//! their precision beside them, every row, figure and event naming its
//! source; pictures are drawn from the same [`crate::timeline`] layout and
//! filters as the app; files are written atomically.
//! This module never imports egui.

pub mod chart;
pub mod map;
mod png;
pub mod report;

pub use chart::ChartOptions;
pub use report::ReportOptions;

use std::path::{Path, PathBuf};

/// The kinds of file the notebook exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Every event and figure, a row each.
    Csv,
    /// The timeline as a vector picture.
    Svg,
    /// The timeline as a raster picture, from the SVG.
    Png,
    /// A situation report with its chart beside it.
    Markdown,
    /// The map of where the events happened, as a vector picture.
    MapSvg,
    /// The map as a raster picture, from its SVG.
    MapPng,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Svg,
        Format::Png,
        Format::Markdown,
        Format::MapSvg,
        Format::MapPng,
    ];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Markdown => "md",
            Format::MapSvg => "svg",
            Format::MapPng => "png",
        }
    }

    /// The format a file name's extension asks for.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| {
            f.extension() == extension || (extension == "markdown" && *f == Format::Markdown)
        })
    }
}

/// What to export besides the notebook: the picture's options (size,
/// filters, dates across) and, for a report, its window.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The file kind.
    pub format: Format,
    /// The chart (SVG, PNG, and the report's chart).
    pub chart: ChartOptions,
    /// The report's window; `None` takes the chart's dates, else everything.
    pub window: Option<(jiff::civil::Date, jiff::civil::Date)>,
    /// The day the report is written.
    pub made_on: Option<jiff::civil::Date>,
}

impl Request {
    /// An export of `notebook` as `format`: a chart of `size` pixels showing
    /// `range` (days since 1970; `None` fits the data) under `filter`, and a
    /// report of `window` (`None`: the chart's dates, else everything),
    /// written today. The app and `sitrep export` both ask through this.
    pub fn new(
        notebook: &Notebook,
        format: Format,
        size: (u32, u32),
        filter: crate::timeline::Filter,
        range: Option<(f64, f64)>,
        window: Option<(jiff::civil::Date, jiff::civil::Date)>,
    ) -> Self {
        Self {
            format,
            chart: ChartOptions {
                width: size.0,
                height: size.1,
                filter,
                range,
                ..ChartOptions::new(notebook)
            },
            window,
            made_on: Some(crate::extract::today()),
        }
    }
}

/// The report's chart file: beside the report, named after it
/// (`report.md` → `report-chart.svg`).
pub fn chart_path_for_report(report: &Path) -> PathBuf {
    beside_report(report, "chart")
}

/// The report's map file: beside the report, named after it
/// (`report.md` → `report-map.svg`).
pub fn map_path_for_report(report: &Path) -> PathBuf {
    beside_report(report, "map")
}

/// `report.md` → `report-WHAT.svg`, in the report's folder.
fn beside_report(report: &Path, what: &str) -> PathBuf {
    let stem = report
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    report.with_file_name(format!("{stem}-{what}.svg"))
}

/// Writes the export to `path` (and, for a report, its chart and map beside it);
/// returns the files written. Each file is written atomically.
pub fn write(notebook: &Notebook, path: &Path, request: &Request) -> Result<Vec<PathBuf>, String> {
    let save = |path: &Path, bytes: &[u8]| {
        crate::store::write_atomically(path, bytes).map_err(|e| e.to_string())
    };
    match request.format {
        Format::Csv => {
            let mut filter = request.chart.filter.clone();
            filter.window = filter.window.or(request.window);
            save(path, csv(notebook, &filter)?.as_bytes())?;
        }
        Format::Svg => {
            request.chart.check()?;
            save(path, chart::svg(notebook, &request.chart).as_bytes())?;
        }
        Format::Png => {
            request.chart.check()?;
            save(path, &chart::png(&chart::svg(notebook, &request.chart))?)?;
        }
        Format::MapSvg | Format::MapPng => {
            request.chart.check()?;
            // The map shows the events of the report's dates (--from/--to).
            let mut options = request.chart.clone();
            options.filter.window = options.filter.window.or(request.window);
            let picture = map::svg(notebook, &options)?;
            if request.format == Format::MapPng {
                save(path, &chart::png(&picture)?)?;
            } else {
                save(path, picture.as_bytes())?;
            }
        }
        Format::Markdown => {
            let window = request
                .window
                .or_else(|| {
                    request.chart.range.map(|(a, b)| {
                        (crate::timeline::x_date(a), crate::timeline::x_date(b - 0.5))
                    })
                })
                .or_else(|| report::whole_window(notebook))
                .ok_or_else(|| {
                    "nothing in the notebook is dated: no window to report on".to_owned()
                })?;
            let chart_path = chart_path_for_report(path);
            let name_of = |path: &Path| path.file_name().map(|n| n.to_string_lossy().into_owned());
            // The map of the window, when some event in it has a place.
            let mut map_options = request.chart.clone();
            map_options.filter.window = Some(window);
            let placed = !crate::map::markers::event_markers(notebook, &map_options.filter)
                .markers
                .is_empty();
            let map_path = placed.then(|| map_path_for_report(path));
            let options = ReportOptions {
                window,
                filter: request.chart.filter.clone(),
                chart: name_of(&chart_path),
                map: map_path.as_deref().and_then(name_of),
                made_on: request.made_on,
            };
            let chart = ChartOptions {
                width: request.chart.width,
                height: request.chart.height,
                ..report::chart_options(notebook, &options)
            };
            chart.check()?;
            save(&chart_path, chart::svg(notebook, &chart).as_bytes())?;
            let mut written: Vec<PathBuf> = vec![path.to_path_buf(), chart_path];
            if let Some(map_path) = map_path {
                save(&map_path, map::svg(notebook, &map_options)?.as_bytes())?;
                written.push(map_path);
            }
            save(path, report::report(notebook, &options).as_bytes())?;
            return Ok(written);
        }
    }
    Ok(vec![path.to_owned()])
}

use crate::model::{Notebook, Precision};

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 24] = [
    "kind",
    "id",
    "date",
    "end",
    "precision",
    "title",
    "category",
    "place",
    "place_country",
    "place_lat",
    "place_lon",
    "place_precision",
    "place_confidence",
    "actors",
    "series",
    "unit",
    "low",
    "high",
    "best",
    "qualifier",
    "denominator",
    "source_title",
    "source_url",
    "quote",
];

fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Every event and figure the filter lists (its window included) as CSV
/// (RFC 4180, UTF-8, header first), events by date then figures by series
/// and date.
pub fn csv(notebook: &Notebook, filter: &crate::timeline::Filter) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| format!("cannot write CSV: {e}");
    writer.write_record(CSV_COLUMNS).map_err(fail)?;
    let source = |evidence: Option<&crate::model::Evidence>| -> (String, String, String) {
        match evidence {
            Some(evidence) => {
                let article = notebook.article(evidence.article);
                (
                    article
                        .map(|a| a.title.clone())
                        .unwrap_or_else(|| "(article deleted)".into()),
                    article.map(|a| a.url.clone()).unwrap_or_default(),
                    evidence.quote.clone(),
                )
            }
            None => Default::default(),
        }
    };
    // Where each place is, looked up once per name.
    let locator = crate::timeline::Locator::new(notebook);
    let mut located: std::collections::HashMap<String, [String; 5]> = Default::default();
    let mut where_is = |place: &str| -> [String; 5] {
        located
            .entry(place.to_owned())
            .or_insert_with(|| match locator.resolve(place) {
                Some(found) => [
                    found.country.unwrap_or_default().to_owned(),
                    found.at[1].to_string(),
                    found.at[0].to_string(),
                    found.scale.label().to_owned(),
                    format!("{:.2}", found.confidence),
                ],
                None => Default::default(),
            })
            .clone()
    };
    let mut test = filter.events(notebook);
    let mut events: Vec<_> = notebook.events.iter().filter(|e| test.lists(e)).collect();
    events.sort_by_key(|e| (e.start.first_day(), e.id));
    for event in events {
        let (title, url, quote) = source(event.evidence.first());
        let [country, lat, lon, extent, sure] = where_is(&event.place);
        let row = [
            "event".to_owned(),
            event.id.to_string(),
            event.start.first_day().to_string(),
            event
                .end
                .map(|e| e.last_day().to_string())
                .unwrap_or_default(),
            precision_name(event.start.precision).to_owned(),
            event.title.clone(),
            event.category.label().to_owned(),
            event.place.clone(),
            country,
            lat,
            lon,
            extent,
            sure,
            event.actors.join("; "),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            title,
            url,
            quote,
        ];
        writer.write_record(&row).map_err(fail)?;
    }
    for series in &notebook.series {
        let mut observations: Vec<_> = series
            .observations
            .iter()
            .filter(|o| test.lists_figure(series.id, o))
            .collect();
        observations.sort_by_key(|o| (o.as_of.first_day(), o.id));
        for observation in observations {
            let (title, url, quote) = source(observation.evidence.as_ref());
            let [country, lat, lon, extent, sure] = where_is(&observation.place);
            let row = [
                "figure".to_owned(),
                observation.id.to_string(),
                observation.as_of.first_day().to_string(),
                String::new(),
                precision_name(observation.as_of.precision).to_owned(),
                String::new(),
                String::new(),
                observation.place.clone(),
                country,
                lat,
                lon,
                extent,
                sure,
                String::new(),
                series.name.clone(),
                series.unit.clone(),
                number(Some(observation.low)),
                number(Some(observation.high)),
                number(observation.best),
                crate::extract::qualifier_name(observation.qualifier).to_owned(),
                number(observation.denominator.or(series.denominator)),
                title,
                url,
                quote,
            ];
            writer.write_record(&row).map_err(fail)?;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("cannot write CSV: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("cannot write CSV: {e}"))
}
