//! The timeline as a picture to publish: an SVG drawn from the same layout
//! the app draws (event lanes, one plot per unit, ranges, qualifiers,
//! conflicting figures side by side), and a PNG rasterized from that SVG
//! with resvg and the font the app itself uses, so the picture is the same
//! on every machine.

use crate::model::{Notebook, Qualifier, SeriesStyle, format_number};
use crate::timeline::{self, FigureMark, Filter, UnitPlot};
use std::fmt::Write as _;

pub use super::png::png;

mod labels;
use labels::{LABEL_FONT_PX, ValuePlaces, lane_labels, legend_box, value_label_places};

/// The font every exported text is set in: the one egui draws with.
pub(super) const FONT_FAMILY: &str = "Ubuntu";
/// Lanes of the event lane at most; more events share them without labels.
const MAX_LANES: usize = 6;
const LANE_HEIGHT: f64 = 18.0;
const MARGIN_LEFT: f64 = 72.0;
const MARGIN_RIGHT: f64 = 24.0;
/// More events than this in view and labels would be noise: markers only.
const MAX_LABELS: usize = 300;

/// What to draw and how big.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// What the timeline shows (as known on, categories, tags, shares, window).
    pub filter: Filter,
    /// The dates across (x, days since 1970); `None` fits everything.
    pub range: Option<(f64, f64)>,
    /// The heading over the chart.
    pub title: String,
}

impl ChartOptions {
    /// The smallest picture that still has room for a lane and a plot.
    pub const MIN_SIZE: u32 = 200;
    /// The largest side exported, to keep a PNG within memory.
    pub const MAX_SIZE: u32 = 10_000;

    /// 1200 × 700, everything, fitted, titled after the notebook.
    pub fn new(notebook: &Notebook) -> ChartOptions {
        ChartOptions {
            width: 1200,
            height: 700,
            filter: Filter::default(),
            range: None,
            title: notebook.meta.title.clone(),
        }
    }

    /// Checks the size, in the words a user should see.
    pub fn check(&self) -> Result<(), String> {
        for (name, value) in [("width", self.width), ("height", self.height)] {
            if !(Self::MIN_SIZE..=Self::MAX_SIZE).contains(&value) {
                return Err(format!(
                    "{name} {value} is out of range: use {} to {} pixels",
                    Self::MIN_SIZE,
                    Self::MAX_SIZE
                ));
            }
        }
        Ok(())
    }
}

/// Text made safe inside SVG markup.
pub(super) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn rgb([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A number short enough for a coordinate.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.is_finite() {
        format!("{rounded}")
    } else {
        "0".into()
    }
}

/// Maps days and values to pixels within one plot.
struct Frame {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    x_min: f64,
    x_max: f64,
    y_top: f64,
}

impl Frame {
    fn x(&self, day: f64) -> f64 {
        self.left + (day - self.x_min) / (self.x_max - self.x_min) * self.width
    }

    fn y(&self, value: f64) -> f64 {
        self.top + self.height - (value / self.y_top).clamp(-0.05, 1.05) * self.height
    }

    fn days_per_pixel(&self) -> f64 {
        (self.x_max - self.x_min) / self.width
    }
}

/// The timeline as an SVG document of `options.width` × `options.height`.
pub fn svg(notebook: &Notebook, options: &ChartOptions) -> String {
    let width = f64::from(options.width.max(ChartOptions::MIN_SIZE));
    let height = f64::from(options.height.max(ChartOptions::MIN_SIZE));
    let (x_min, x_max) = options
        .range
        .filter(|(a, b)| a.is_finite() && b.is_finite() && b > a)
        .or_else(|| timeline::data_range(notebook))
        .unwrap_or((0.0, 30.0));
    let plot_width = (width - MARGIN_LEFT - MARGIN_RIGHT).max(10.0);
    let filter = &options.filter;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}, sans-serif">"#,
        w = n(width),
        h = n(height)
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&options.title));
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="{}" y="24" font-size="17" fill="#202020">{}</text>"##,
        n(MARGIN_LEFT),
        xml(&options.title)
    );
    let _ = writeln!(
        out,
        r##"<text x="{}" y="42" font-size="11" fill="#606060">{}</text>"##,
        n(MARGIN_LEFT),
        xml(&describe_view(x_min, x_max, filter))
    );

    // The event lane.
    let pixels_per_day = plot_width / (x_max - x_min);
    let marks = timeline::event_marks(notebook, filter, pixels_per_day, 6.2, MAX_LANES);
    let in_view: Vec<&timeline::EventMark> = marks
        .iter()
        .filter(|m| m.x_end >= x_min && m.x_start <= x_max)
        .collect();
    let lanes = in_view.iter().map(|m| m.lane + 1).max().unwrap_or(1);
    let lane_frame = Frame {
        left: MARGIN_LEFT,
        top: 54.0,
        width: plot_width,
        height: lanes as f64 * LANE_HEIGHT + 8.0,
        x_min,
        x_max,
        y_top: 1.0,
    };
    let plots_top = lane_frame.top + lane_frame.height + 26.0;
    let plots = timeline::unit_plots(notebook, filter);
    let plot_gap = 34.0;
    let plot_height = if plots.is_empty() {
        0.0
    } else {
        ((height - plots_top - 28.0) / plots.len() as f64 - plot_gap).max(30.0)
    };
    let _ = writeln!(
        out,
        r#"<defs><clipPath id="clip-lane"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        n(lane_frame.left),
        n(lane_frame.top),
        n(lane_frame.width),
        n(lane_frame.height)
    );
    grid(&mut out, &lane_frame, filter, true);
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" font-size="11" fill="#606060" text-anchor="end">Events</text>"##,
        n(MARGIN_LEFT - 8.0),
        n(lane_frame.top + 14.0)
    );
    let _ = writeln!(out, r#"<g clip-path="url(#clip-lane)">"#);
    let (labels, crowds) = lane_labels(notebook, &in_view, &lane_frame);
    for mark in &in_view {
        let Some(event) = notebook.event(mark.id) else {
            continue;
        };
        let y = lane_frame.top + 4.0 + (mark.lane as f64 + 0.5) * LANE_HEIGHT;
        let x = lane_frame.x(mark.x_start + 0.5);
        let color = rgb(timeline::category_rgb(mark.category));
        let when = match event.end {
            Some(end) => format!("{} – {end}", event.start),
            None => event.start.to_string(),
        };
        let _ = writeln!(
            out,
            r#"<g class="event" data-id="{}"><title>{} · {} · {}</title>"#,
            event.id,
            xml(&event.title),
            xml(&when),
            event.category.label()
        );
        if mark.x_end - mark.x_start > 1.5 {
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{color}" stroke-opacity="0.6" stroke-width="3"/>"#,
                n(lane_frame.x(mark.x_start)),
                n(lane_frame.x(mark.x_end)),
                // Under the label, not through it.
                y = n(y + 7.0)
            );
        }
        let _ = writeln!(
            out,
            r#"<path d="M{} {}l5 5l-5 5l-5 -5z" fill="{color}"/>"#,
            n(x),
            n(y - 5.0)
        );
        if let Some(label) = labels.get(&mark.id) {
            let _ = writeln!(
                out,
                r##"<text x="{}" y="{}" font-size="{LABEL_FONT_PX}" fill="#202020">{}</text>"##,
                n(lane_frame.left + label.left),
                n(y + 4.0),
                xml(&label.text)
            );
        }
        out.push_str("</g>\n");
    }
    for crowd in &crowds {
        // "+3": events with no room for their labels, named on hover.
        let titles: Vec<String> = crowd
            .ids
            .iter()
            .filter_map(|id| notebook.event(*id))
            .map(|e| format!("{} {}", e.start, e.title))
            .collect();
        let y = lane_frame.top + 4.0 + (crowd.lane as f64 + 0.5) * LANE_HEIGHT;
        let _ = writeln!(
            out,
            r##"<text class="crowd" x="{}" y="{}" font-size="{LABEL_FONT_PX}" font-style="italic" fill="#606060"><title>{}</title>{}</text>"##,
            n(lane_frame.left + crowd.left),
            n(y + 4.0),
            xml(&titles.join("\n")),
            xml(&crowd.text)
        );
    }
    out.push_str("</g>\n");
    axis_labels(&mut out, &lane_frame);

    for (index, plot) in plots.iter().enumerate() {
        let top = plots_top + index as f64 * (plot_height + plot_gap);
        unit_plot(
            &mut out,
            notebook,
            plot,
            index,
            top,
            plot_height,
            plot_width,
            x_min,
            x_max,
            filter,
        );
    }
    if plots.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="12" fill="#606060">No figures to plot.</text>"##,
            n(MARGIN_LEFT),
            n(plots_top + 10.0)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// One line under the title: the dates shown and the filters in force.
fn describe_view(x_min: f64, x_max: f64, filter: &Filter) -> String {
    let mut parts = vec![format!(
        "{} to {}",
        timeline::x_date(x_min),
        timeline::x_date(x_max - 0.5)
    )];
    if let Some(day) = filter.known_on {
        parts.push(format!("as known on {day}"));
    }
    if !filter.hidden_categories.is_empty() {
        let hidden: Vec<&str> = filter.hidden_categories.iter().map(|c| c.label()).collect();
        parts.push(format!("hiding {}", hidden.join(", ")));
    }
    if !filter.tags.is_empty() {
        parts.push(format!("tagged {}", filter.tags.join(", ")));
    }
    if let Some((first, last)) = filter.window {
        parts.push(format!("window {first} to {last} shaded"));
    }
    if let Some(region) = &filter.region {
        parts.push(format!("events at {}", region.name));
    }
    if filter.as_share {
        parts.push("figures as shares of their whole".into());
    }
    parts.push("made with Sitrep".into());
    parts.join(" · ")
}

/// The calendar grid behind a plot (and the window's shading).
fn grid(out: &mut String, frame: &Frame, filter: &Filter, lane: bool) {
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#c8c8c8"/>"##,
        n(frame.left),
        n(frame.top),
        n(frame.width),
        n(frame.height),
        if lane { "#fafafa" } else { "#ffffff" }
    );
    if let Some((first, last)) = filter.window {
        let left = frame.x(timeline::day_x(first)).max(frame.left);
        let right = frame
            .x(timeline::day_x(last) + 1.0)
            .min(frame.left + frame.width);
        if right > left {
            let _ = writeln!(
                out,
                r##"<rect class="window" x="{}" y="{}" width="{}" height="{}" fill="#5a8ce6" fill-opacity="0.14"/>"##,
                n(left),
                n(frame.top),
                n(right - left),
                n(frame.height)
            );
        }
    }
    for mark in calendar(frame) {
        let x = frame.x(mark.x);
        let strong = mark.step_days >= 28.0;
        let _ = writeln!(
            out,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="1"/>"##,
            n(frame.top),
            n(frame.top + frame.height),
            if strong { "#dcdcdc" } else { "#eeeeee" },
            x = n(x)
        );
    }
}

fn calendar(frame: &Frame) -> Vec<timeline::CalendarMark> {
    // Labels need about 70 pixels each.
    timeline::calendar_marks(frame.x_min, frame.x_max, frame.days_per_pixel() * 70.0)
}

/// Dates under a plot, skipping any that would print over the one before.
fn axis_labels(out: &mut String, frame: &Frame) {
    let mut last_right = f64::NEG_INFINITY;
    for mark in calendar(frame) {
        let label = timeline::mark_label(mark.x, mark.step_days);
        let x = frame.x(mark.x);
        let half = label.chars().count() as f64 * 3.2;
        if x - half < last_right + 6.0
            || x < frame.left
            || x + half > frame.left + frame.width + 4.0
        {
            continue;
        }
        last_right = x + half;
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="11" fill="#505050" text-anchor="middle">{}</text>"##,
            n(x),
            n(frame.top + frame.height + 14.0),
            xml(&label)
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn unit_plot(
    out: &mut String,
    notebook: &Notebook,
    plot: &UnitPlot,
    index: usize,
    top: f64,
    height: f64,
    width: f64,
    x_min: f64,
    x_max: f64,
    filter: &Filter,
) {
    let visible = |figures: &[FigureMark]| -> Vec<FigureMark> {
        figures
            .iter()
            .filter(|f| f.x_end >= x_min && f.x_start <= x_max)
            .cloned()
            .collect()
    };
    let shown: Vec<(&timeline::SeriesTrace, Vec<FigureMark>)> = plot
        .traces
        .iter()
        .map(|t| (t, visible(&t.figures)))
        .collect();
    let max_high = shown
        .iter()
        .flat_map(|(_, figures)| figures.iter().map(|f| f.high))
        .fold(0.0f64, f64::max);
    let y_top = (max_high * 1.25).clamp(1.0, f64::MAX / 4.0);
    let frame = Frame {
        left: MARGIN_LEFT,
        top,
        width,
        height,
        x_min,
        x_max,
        y_top,
    };
    grid(out, &frame, filter, false);
    for tick in timeline::values::value_ticks(y_top, frame.height) {
        let y = frame.y(tick);
        let _ = writeln!(
            out,
            r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#eeeeee"/><text x="{}" y="{}" font-size="11" fill="#505050" text-anchor="end">{}</text>"##,
            n(frame.left),
            n(frame.left + frame.width),
            n(frame.left - 6.0),
            n(y + 4.0),
            xml(&format_number(tick)),
            y = n(y)
        );
    }
    let _ = writeln!(
        out,
        r##"<text transform="translate({} {}) rotate(-90)" font-size="12" fill="#303030" text-anchor="middle">{}</text>"##,
        n(16.0),
        n(top + height / 2.0),
        xml(&plot.unit)
    );
    let clip = format!("clip-plot-{index}");
    let _ = writeln!(
        out,
        r#"<defs><clipPath id="{clip}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs><g clip-path="url(#{clip})">"#,
        n(frame.left),
        n(frame.top - 4.0),
        n(frame.width),
        n(frame.height + 8.0)
    );
    let legend_box = legend_box(&shown, &frame);
    let value_places = value_label_places(notebook, &frame, &shown, legend_box);
    for (trace, figures) in &shown {
        let color = rgb(trace
            .color
            .unwrap_or_else(|| timeline::default_series_rgb(trace.id)));
        let _ = writeln!(
            out,
            r#"<g class="series" data-id="{}"><title>{}</title>"#,
            trace.id,
            xml(&trace.name)
        );
        if figures.len() as f64 > frame.width {
            dense(out, &frame, figures, &color);
        } else {
            sparse(out, notebook, &frame, trace, figures, &color, &value_places);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    // The legend, top left inside the plot.
    for (row, (trace, figures)) in shown.iter().enumerate() {
        let color = rgb(trace
            .color
            .unwrap_or_else(|| timeline::default_series_rgb(trace.id)));
        let y = top + 8.0 + row as f64 * 15.0;
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="10" height="10" fill="{color}"/><text x="{}" y="{}" font-size="11" fill="#202020">{} ({})</text>"##,
            n(frame.left + 8.0),
            n(y),
            n(frame.left + 23.0),
            n(y + 9.0),
            xml(&trace.name),
            figures.len()
        );
    }
    axis_labels(out, &frame);
}

/// A shaded band through `(x, low, high)` spans, left to right along the
/// highs and back along the lows.
fn band(out: &mut String, frame: &Frame, spans: &[(f64, f64, f64)], color: &str) {
    let mut path = String::new();
    for (i, (x, _, high)) in spans.iter().enumerate() {
        let command = if i == 0 { "M" } else { "L" };
        let _ = write!(path, "{command}{} {} ", n(frame.x(*x)), n(frame.y(*high)));
    }
    for (x, low, _) in spans.iter().rev() {
        let _ = write!(path, "L{} {} ", n(frame.x(*x)), n(frame.y(*low)));
    }
    let _ = writeln!(
        out,
        r#"<path d="{path}Z" fill="{color}" fill-opacity="0.25"/>"#
    );
}

/// A trace with more figures than pixels: per pixel column, the band of
/// their ranges and a line through their extremes, so no spike disappears.
fn dense(out: &mut String, frame: &Frame, figures: &[FigureMark], color: &str) {
    let columns = timeline::columns(
        figures,
        frame.x_min,
        frame.x_max,
        (frame.width as usize).max(1),
    );
    if columns.is_empty() {
        return;
    }
    let spans: Vec<(f64, f64, f64)> = columns.iter().map(|c| (c.x, c.low, c.high)).collect();
    band(out, frame, &spans, color);
    let mut line = String::new();
    for (i, column) in columns.iter().enumerate() {
        let x = n(frame.x(column.x));
        let _ = write!(
            line,
            "{}{x} {} L{x} {} ",
            if i == 0 { "M" } else { "L" },
            n(frame.y(column.central_min)),
            n(frame.y(column.central_max))
        );
    }
    let _ = writeln!(
        out,
        r#"<path d="{line}" fill="none" stroke="{color}" stroke-width="1.5"/>"#
    );
}

fn sparse(
    out: &mut String,
    notebook: &Notebook,
    frame: &Frame,
    trace: &timeline::SeriesTrace,
    figures: &[FigureMark],
    color: &str,
    value_places: &ValuePlaces,
) {
    let days_per_pixel = frame.days_per_pixel();
    if !trace.joins {
        // One incident's toll after another: each on its own stem.
        for figure in figures {
            let x = n(frame.x(figure.x_drawn(days_per_pixel)));
            let _ = writeln!(
                out,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{color}" stroke-width="1.5"/>"#,
                n(frame.y(0.0)),
                n(frame.y(figure.low))
            );
        }
    } else if figures.len() >= 2 {
        if trace.style == SeriesStyle::Band {
            band(out, frame, &timeline::trend::band_edges(figures), color);
        }
        let path: Vec<String> = timeline::trend::trend_points(figures, trace.style)
            .iter()
            .map(|[x, y]| format!("{} {}", n(frame.x(*x)), n(frame.y(*y))))
            .collect();
        let _ = writeln!(
            out,
            r#"<path d="M{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
            path.join(" L")
        );
    }
    for figure in figures {
        let x = frame.x(figure.x_drawn(days_per_pixel));
        let y = frame.y(figure.central);
        let observation = notebook.observation(trace.id, figure.id).map(|(_, o)| o);
        let said = observation.map(|o| o.describe()).unwrap_or_default();
        let source = observation
            .and_then(|o| o.evidence.as_ref())
            .map(|e| {
                let title = notebook
                    .article(e.article)
                    .map(|a| a.title.as_str())
                    .unwrap_or("(article deleted)");
                format!(
                    " · {title}: “{}”",
                    e.quote.chars().take(200).collect::<String>()
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            r#"<g class="figure" data-id="{}"><title>{} {}{}</title>"#,
            figure.id,
            xml(&timeline::x_date(figure.x_start).to_string()),
            xml(&said),
            xml(&source)
        );
        if figure.high > figure.low {
            let _ = writeln!(
                out,
                r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{color}" stroke-width="3"/>"#,
                n(frame.y(figure.low)),
                n(frame.y(figure.high)),
                x = n(x)
            );
        }
        if figure.x_end - figure.x_start > 1.5 {
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{color}" stroke-width="2"/>"#,
                n(frame.x(figure.x_start)),
                n(frame.x(figure.x_end)),
                y = n(y)
            );
        }
        marker(out, figure.qualifier, x, y, color);
        if let Some(&(left, top)) = value_places.get(&figure.id) {
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="11" fill="{color}">{}</text>"#,
                n(left),
                n(top + f64::from(LABEL_FONT_PX)),
                xml(&said)
            );
        }
        out.push_str("</g>\n");
    }
}

/// A figure's marker: a filled circle when exact, an open one when rough,
/// an open triangle pointing the way the truth may lie ("more than" up).
fn marker(out: &mut String, qualifier: Qualifier, x: f64, y: f64, color: &str) {
    let open = format!(r##"fill="#ffffff" stroke="{color}" stroke-width="2""##);
    let _ = match qualifier {
        Qualifier::Exact => writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="5" fill="{color}"/>"#,
            n(x),
            n(y)
        ),
        Qualifier::About => writeln!(out, r#"<circle cx="{}" cy="{}" r="5" {open}/>"#, n(x), n(y)),
        Qualifier::MoreThan | Qualifier::AtLeast => writeln!(
            out,
            r#"<path d="M{} {}l6 10h-12z" {open}/>"#,
            n(x),
            n(y - 6.0)
        ),
        Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => writeln!(
            out,
            r#"<path d="M{} {}l6 -10h-12z" {open}/>"#,
            n(x),
            n(y + 6.0)
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_cannot_break_the_svg() {
        assert_eq!(xml("<b>&\"'\u{1}"), "&lt;b&gt;&amp;&quot;&apos; ");
    }
}
