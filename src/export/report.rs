//! The situation report: a Markdown page an analyst sends to an editor for
//! a window of dates, with the chart beside it, the window's events in
//! order with their sources, and each series' latest figures with their
//! ranges and sources.

use crate::model::{Evidence, Notebook, Observation, format_number};
use crate::timeline::{self, Filter};
use jiff::civil::Date;
use std::fmt::Write as _;

/// What the report covers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// First and last day of the window, inclusive.
    pub window: (Date, Date),
    /// The timeline's filters (as known on, categories, tags); its own window is replaced.
    pub filter: Filter,
    /// The chart's file name, relative to the report, if one is written beside it.
    pub chart: Option<String>,
    /// The map's file name, relative to the report, if one is written beside it.
    pub map: Option<String>,
    /// The day the report is written.
    pub made_on: Option<Date>,
}

/// The window from the first to the last dated event or figure, if any.
pub fn whole_window(notebook: &Notebook) -> Option<(Date, Date)> {
    let spans = notebook
        .events
        .iter()
        .flat_map(|e| std::iter::once(e.start).chain(e.end))
        .chain(
            notebook
                .series
                .iter()
                .flat_map(|s| s.observations.iter().map(|o| o.as_of)),
        );
    let mut first: Option<Date> = None;
    let mut last: Option<Date> = None;
    for date in spans {
        first = Some(first.map_or(date.first_day(), |d| d.min(date.first_day())));
        last = Some(last.map_or(date.last_day(), |d| d.max(date.last_day())));
    }
    first.zip(last)
}

/// Text that Markdown prints as written: emphasis, links, tables and HTML
/// in a source's words are shown, not interpreted.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// "*Title* (Outlet, 2021-07-01), <url>: “quote”".
fn source(notebook: &Notebook, evidence: &Evidence) -> String {
    let quote = format!("“{}”", md(&evidence.quote));
    let Some(article) = notebook.article(evidence.article) else {
        return format!("(article deleted): {quote}");
    };
    let title = if article.title.trim().is_empty() {
        "(untitled article)".to_owned()
    } else {
        md(&article.title)
    };
    let mut about: Vec<String> = Vec::new();
    if !article.outlet.trim().is_empty() {
        about.push(md(&article.outlet));
    }
    if let Some(published) = article.published {
        about.push(published.to_string());
    }
    let mut text = format!("*{title}*");
    if !about.is_empty() {
        let _ = write!(text, " ({})", about.join(", "));
    }
    let url = article.url.trim();
    if url.starts_with("http://") || url.starts_with("https://") {
        // Angle brackets make an autolink and keep spaces or brackets in it harmless.
        let _ = write!(text, ", <{}>", url.replace(['<', '>', ' '], ""));
    }
    format!("{text}: {quote}")
}

/// The report as Markdown.
pub fn report(notebook: &Notebook, options: &ReportOptions) -> String {
    let (first, last) = if options.window.0 <= options.window.1 {
        options.window
    } else {
        (options.window.1, options.window.0)
    };
    let filter = Filter {
        window: Some((first, last)),
        ..options.filter.clone()
    };
    let mut out = String::new();
    let title = if notebook.meta.title.trim().is_empty() {
        "Untitled notebook".to_owned()
    } else {
        md(&notebook.meta.title)
    };
    let _ = writeln!(out, "# Situation report: {title}\n");
    let mut about = format!("From {first} to {last}");
    if let Some(day) = filter.known_on {
        let _ = write!(about, ", as known on {day}");
    }
    if !filter.tags.is_empty() {
        let _ = write!(about, ", tagged {}", md(&filter.tags.join(", ")));
    }
    if let Some(region) = &filter.region {
        let _ = write!(about, ", events at {}", md(&region.name));
    }
    if let Some(day) = options.made_on {
        let _ = write!(about, ". Written {day}");
    }
    let _ = writeln!(about, ", from a Sitrep notebook.");
    out.push_str(&about);
    out.push('\n');
    if let Some(chart) = &options.chart {
        let _ = writeln!(
            out,
            "![Timeline from {first} to {last}](<{}>)\n",
            chart.replace(['<', '>'], "")
        );
    }
    if let Some(map) = &options.map {
        let _ = writeln!(
            out,
            "![Where the events happened, {first} to {last}](<{}>)\n",
            map.replace(['<', '>'], "")
        );
    }

    let mut test = filter.events(notebook);
    let mut events: Vec<&crate::model::Event> =
        notebook.events.iter().filter(|e| test.lists(e)).collect();
    events.sort_by_key(|e| (e.start.first_day(), e.end.map(|d| d.last_day()), e.id));
    let _ = writeln!(out, "## Events ({})\n", events.len());
    if events.is_empty() {
        out.push_str("No events in this window.\n");
    }
    for event in &events {
        let when = match event.end {
            Some(end) => format!("{} – {end}", event.start),
            None => event.start.to_string(),
        };
        let mut line = format!(
            "- **{when}** {} ({})",
            md(&event.title),
            event.category.label()
        );
        if !event.place.trim().is_empty() {
            let _ = write!(line, ", {}", md(&event.place));
        }
        if !event.actors.is_empty() {
            let _ = write!(line, "; {}", md(&event.actors.join(", ")));
        }
        let _ = writeln!(out, "{line}");
        if event.evidence.is_empty() {
            out.push_str("  - No source recorded.\n");
        }
        for evidence in &event.evidence {
            let _ = writeln!(out, "  - {}", source(notebook, evidence));
        }
    }

    let _ = writeln!(out, "\n## Latest figures\n");
    let mut any = false;
    for series in &notebook.series {
        let in_window: Vec<&Observation> = series
            .observations
            .iter()
            .filter(|o| test.lists_figure(series.id, o))
            .collect();
        let Some(latest_day) = in_window.iter().map(|o| o.as_of.first_day()).max() else {
            continue;
        };
        any = true;
        // Every figure for the latest date: conflicting reports are all shown.
        let mut latest: Vec<&Observation> = in_window
            .into_iter()
            .filter(|o| o.as_of.first_day() == latest_day)
            .collect();
        latest.sort_by_key(|o| o.id);
        let unit = series.unit.trim();
        let _ = writeln!(out, "### {}\n", md(&series.name));
        if latest.len() > 1 {
            let _ = writeln!(
                out,
                "{} reports for the same date disagree; all are listed.\n",
                latest.len()
            );
        }
        for observation in latest {
            let mut line = format!(
                "- **{}**: {} {}",
                observation.as_of,
                md(&observation.describe()),
                md(unit)
            );
            if let Some(best) = observation.best {
                let _ = write!(line, ", best estimate {}", format_number(best));
            }
            if let Some(share) = observation.share(series.denominator) {
                let _ = write!(line, ", {share:.1} % of the whole");
            }
            let _ = writeln!(out, "{}", line.trim_end());
            match &observation.evidence {
                Some(evidence) => {
                    let _ = writeln!(out, "  - {}", source(notebook, evidence));
                }
                None => out.push_str("  - No source recorded.\n"),
            }
        }
        out.push('\n');
    }
    if !any {
        out.push_str("No figures in this window.\n");
    }
    out
}

/// The chart for a report: the window's dates across, the same filters.
pub fn chart_options(notebook: &Notebook, options: &ReportOptions) -> super::chart::ChartOptions {
    let (first, last) = options.window;
    let (first, last) = (first.min(last), first.max(last));
    super::chart::ChartOptions {
        range: Some((timeline::day_x(first), timeline::day_x(last) + 1.0)),
        filter: Filter {
            window: None,
            ..options.filter.clone()
        },
        title: format!("{}: {first} to {last}", notebook.meta.title),
        ..super::chart::ChartOptions::new(notebook)
    }
}
