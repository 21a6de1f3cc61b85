//! The notebook turned into what a timeline draws: a calendar axis, event
//! marks packed into lanes so labels never overlap, and one plot per unit
//! with each series' figures as ranges over their dates.
//!
//! Invariants: x is days since 1970-01-01 (fractional days within a day);
//! a date of month or year precision covers its whole period; nothing here
//! changes the notebook.
//!
//! This module never imports egui: it is tested and benchmarked headless.

mod filter;
pub mod index;
pub mod labels;
pub mod lanes;
pub mod pyramid;
pub mod trend;
pub mod values;
pub mod views;

pub use filter::{EventTest, Filter, ScopeChange};

pub use pyramid::{Column, columns};

use crate::model::{
    Category, EventId, Notebook, ObservationId, PartialDate, Qualifier, SeriesId, SeriesStyle,
};
use jiff::ToSpan;
use jiff::civil::Date;

/// Days in an average Gregorian year.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// Days in an average month.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// The x of the start of a day.
pub fn day_x(date: Date) -> f64 {
    // A plain duration, not a calendar span: the same days, far cheaper
    // (the timeline converts every figure's date).
    let seconds = date.duration_since(Date::constant(1970, 1, 1)).as_secs();
    seconds.div_euclid(86_400) as f64
}

/// The day an x falls in (clamped to the calendar jiff knows).
pub fn x_date(x: f64) -> Date {
    let days = x.floor().clamp(-700_000.0, 2_900_000.0) as i64;
    Date::constant(1970, 1, 1)
        .checked_add(days.days())
        .unwrap_or(Date::constant(1970, 1, 1))
}

/// The x range a partial date covers: a day is one day wide, a month the whole month.
pub fn date_span(date: PartialDate) -> (f64, f64) {
    (day_x(date.first_day()), day_x(date.last_day()) + 1.0)
}

/// A grid line of the calendar axis.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarMark {
    /// Where (days since 1970-01-01).
    pub x: f64,
    /// The spacing of marks of this kind, in days: sets how bold the line is
    /// and how its label is written.
    pub step_days: f64,
}

/// Grid marks for the visible range `[min, max]`, at the finest calendar
/// step (day, week, month, quarter, year, 5 or 10 years) no smaller than
/// `min_step_days`, plus the coarser steps above it so that month and year
/// boundaries stand out.
pub fn calendar_marks(min: f64, max: f64, min_step_days: f64) -> Vec<CalendarMark> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    // Keep the number of lines bounded whatever the caller asks.
    let min_step_days = min_step_days.max((max - min) / 400.0);
    let levels: [(Step, f64); 8] = [
        (Step::Days(1), 1.0),
        (Step::Days(7), 7.0),
        (Step::Months(1), DAYS_PER_MONTH),
        (Step::Months(3), 3.0 * DAYS_PER_MONTH),
        (Step::Years(1), DAYS_PER_YEAR),
        (Step::Years(5), 5.0 * DAYS_PER_YEAR),
        (Step::Years(10), 10.0 * DAYS_PER_YEAR),
        (Step::Years(50), 50.0 * DAYS_PER_YEAR),
    ];
    let first = levels
        .iter()
        .position(|(_, days)| *days >= min_step_days)
        .unwrap_or(levels.len() - 1);
    let mut marks: Vec<CalendarMark> = Vec::new();
    // Coarsest first, so that where a month starts on a drawn day the month
    // mark wins and the two labels do not print over each other.
    for (step, step_days) in levels[first..(first + 3).min(levels.len())].iter().rev() {
        // Weeks are not nested in months: only show them as the finest level.
        if matches!(step, Step::Days(7)) && first != 1 {
            continue;
        }
        let coarser = marks.clone();
        for x in step.marks(min, max) {
            // A finer label crowding a coarser one (a week two days from a month) is dropped.
            let crowded = coarser
                .iter()
                .any(|mark| (mark.x - x).abs() < step_days * 0.6);
            if !crowded {
                marks.push(CalendarMark {
                    x,
                    step_days: *step_days,
                });
            }
        }
    }
    marks.sort_by(|a, b| a.x.total_cmp(&b.x));
    marks
}

#[derive(Clone, Copy, Debug)]
enum Step {
    Days(i64),
    Months(i8),
    Years(i16),
}

impl Step {
    fn marks(self, min: f64, max: f64) -> Vec<f64> {
        let start = x_date(min);
        let mut out = Vec::new();
        match self {
            Step::Days(n) => {
                let mut x = min.floor();
                if n == 7 {
                    // Weeks start on Monday; 1970-01-01 was a Thursday.
                    x -= (x + 3.0).rem_euclid(7.0);
                }
                while x <= max {
                    if x >= min {
                        out.push(x);
                    }
                    x += n as f64;
                }
            }
            Step::Months(n) => {
                let mut date = start.first_of_month();
                date = date
                    .with()
                    .month(((date.month() - 1) / n) * n + 1)
                    .build()
                    .unwrap_or(date);
                while day_x(date) <= max {
                    if day_x(date) >= min {
                        out.push(day_x(date));
                    }
                    match date.checked_add((n as i64).months()) {
                        Ok(next) => date = next,
                        Err(_) => break,
                    }
                }
            }
            Step::Years(n) => {
                let year = start.year() - start.year().rem_euclid(n);
                let mut date = Date::new(year, 1, 1).unwrap_or(start);
                while day_x(date) <= max {
                    if day_x(date) >= min {
                        out.push(day_x(date));
                    }
                    match date.checked_add((n as i64).years()) {
                        Ok(next) => date = next,
                        Err(_) => break,
                    }
                }
            }
        }
        out
    }
}

/// The label of a calendar mark: "2021" for years, "Jun 2021" or "Jun" for
/// months, "22 Jun" for days.
pub fn mark_label(x: f64, step_days: f64) -> String {
    let date = x_date(x + 0.5);
    if step_days >= DAYS_PER_YEAR * 0.99 {
        date.strftime("%Y").to_string()
    } else if step_days >= 28.0 {
        if date.month() == 1 {
            date.strftime("%b %Y").to_string()
        } else {
            date.strftime("%b").to_string()
        }
    } else {
        date.strftime("%-d %b").to_string()
    }
}

/// A label for the date under the pointer, as precise as the zoom allows.
pub fn pointer_label(x: f64, days_per_pixel: f64) -> String {
    let date = x_date(x);
    if days_per_pixel > 20.0 {
        date.strftime("%Y").to_string()
    } else if days_per_pixel > 1.0 {
        date.strftime("%b %Y").to_string()
    } else {
        date.strftime("%-d %b %Y").to_string()
    }
}

/// An event as the event lane draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMark {
    /// The event.
    pub id: EventId,
    /// Where it starts.
    pub x_start: f64,
    /// Where it ends (one day, the whole month, or its end date).
    pub x_end: f64,
    /// Its colour group.
    pub category: Category,
    /// The label text.
    pub title: std::sync::Arc<str>,
    /// The lane it is drawn in, from 0 at the top.
    pub lane: usize,
    /// Whether its label fits without overlapping another.
    pub label_shown: bool,
}

pub use crate::model::Region;

/// Where a place name is, as `[longitude, latitude]`: see [`Locator`].
/// Over many names, build one [`Locator`] and ask it.
pub fn locate(notebook: &Notebook, place: &str) -> Option<[f64; 2]> {
    Locator::new(notebook).locate(place)
}

/// Where an item's place is, and how much ground it covers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Located {
    /// `[longitude, latitude]`, degrees.
    pub at: [f64; 2],
    /// A point, a district, a region or a whole country.
    pub scale: crate::model::PlaceScale,
    /// ISO code of its country, when known.
    pub country: Option<&'static str>,
    /// For a district or region, how far it reaches, kilometres (0 when
    /// unknown).
    pub radius_km: f32,
    /// How sure the lookup is, 0–1: 1 for the notebook's own place, else
    /// the gazetteer's choice among namesakes.
    pub confidence: f32,
}

/// Finds where a notebook's place names are: the notebook's own places
/// (taught or settled; name or alias, without case; one still at 0, 0 has
/// not been given coordinates and is passed over) first, then the world
/// gazetteer's likeliest place of that name for a notebook about the
/// countries the notebook is about ("Washington" the US capital,
/// "Kandahar" the city). "Kunduz, Afghanistan" is looked up as "Kunduz"
/// when whole it is not found.
pub struct Locator<'n> {
    notebook: &'n Notebook,
    focus: Vec<(&'static str, f64)>,
}

impl<'n> Locator<'n> {
    /// A locator for one notebook; works out once what the notebook is about.
    pub fn new(notebook: &'n Notebook) -> Self {
        let world = crate::extract::places::world();
        Self {
            notebook,
            focus: crate::extract::notebook_focus(world, notebook),
        }
    }

    /// A locator told what the notebook is about, without working it out
    /// again (the UI keeps it from the map's last pass).
    pub fn with_focus(notebook: &'n Notebook, focus: Vec<(&'static str, f64)>) -> Self {
        Self { notebook, focus }
    }

    /// The countries the notebook is about, most first, with weights.
    pub fn focus(&self) -> &[(&'static str, f64)] {
        &self.focus
    }

    /// Where a place name is, as `[longitude, latitude]`.
    pub fn locate(&self, place: &str) -> Option<[f64; 2]> {
        self.resolve(place).map(|found| found.at)
    }

    /// Where a place name is and how much ground it covers.
    pub fn resolve(&self, place: &str) -> Option<Located> {
        let place = place.trim();
        if place.is_empty() {
            return None;
        }
        let world = crate::extract::places::world();
        let own = |name: &str| {
            self.notebook.places.iter().find(|p| {
                crate::model::is_on_earth(p.lat, p.lon)
                    && (p.name.trim().eq_ignore_ascii_case(name)
                        || p.aliases
                            .iter()
                            .any(|a| a.trim().eq_ignore_ascii_case(name)))
            })
        };
        let found = |name: &str| {
            if let Some(own) = own(name) {
                return Some(Located {
                    at: [own.lon, own.lat],
                    scale: own.scale,
                    country: world.country(&own.country).map(|c| c.country),
                    radius_km: 0.0,
                    confidence: own.unsure.unwrap_or(1.0),
                });
            }
            crate::extract::place_context::most_likely(world, name, &self.focus).map(
                |(p, confidence)| Located {
                    at: [p.lon, p.lat],
                    scale: p.scale(),
                    country: Some(p.country),
                    radius_km: p.radius_km,
                    confidence,
                },
            )
        };
        found(place).or_else(|| found(place.split(',').next()?.trim()))
    }
}

/// The colour of an event category's markers, as sRGB.
pub fn category_rgb(category: Category) -> [u8; 3] {
    match category {
        Category::Military => [214, 39, 40],
        Category::Withdrawal => [255, 127, 14],
        Category::Political => [31, 119, 180],
        Category::Diplomatic => [44, 160, 44],
        Category::Humanitarian => [148, 103, 189],
        Category::Other => [127, 127, 127],
    }
}

/// A series' colour when the analyst has not picked one: stable per id.
pub fn default_series_rgb(id: SeriesId) -> [u8; 3] {
    const PALETTE: [[u8; 3]; 8] = [
        [31, 119, 180],
        [214, 39, 40],
        [44, 160, 44],
        [255, 127, 14],
        [148, 103, 189],
        [140, 86, 75],
        [227, 119, 194],
        [23, 190, 207],
    ];
    PALETTE[(id.uuid().as_u128() % PALETTE.len() as u128) as usize]
}

/// Every tag in the notebook (on articles and events), sorted without case, once each.
pub fn all_tags(notebook: &Notebook) -> Vec<String> {
    let mut tags: Vec<String> = notebook
        .articles
        .iter()
        .flat_map(|a| &a.tags)
        .chain(notebook.events.iter().flat_map(|e| &e.tags))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    tags
}

/// Lays out the events: each gets a lane such that, at `pixels_per_day`,
/// its label (`char_width` per character, after its marker) has room
/// before the next event in the lane. When every lane is taken, an event
/// goes where the label before it keeps at least a few words; failing that,
/// into the least crowded of `max_lanes` lanes with no label of its own
/// ([`labels::place_labels`] then shortens the labels around it).
pub fn event_marks(
    notebook: &Notebook,
    filter: &Filter,
    pixels_per_day: f64,
    char_width: f64,
    max_lanes: usize,
) -> Vec<EventMark> {
    let mut marks = unlaid_event_marks(notebook, filter);
    let title_chars: Vec<usize> = marks.iter().map(|m| m.title.chars().count()).collect();
    assign_lanes(
        &mut marks,
        &title_chars,
        pixels_per_day,
        char_width,
        max_lanes,
    );
    marks
}

/// The events the filter shows, as marks sorted by start, all in lane 0.
pub fn unlaid_event_marks(notebook: &Notebook, filter: &Filter) -> Vec<EventMark> {
    let mut test = filter.events(notebook);
    let mut marks: Vec<EventMark> = notebook
        .events
        .iter()
        .filter(|event| test.shows(event))
        .map(|event| {
            let (x_start, mut x_end) = date_span(event.start);
            if let Some(end) = event.end {
                x_end = x_end.max(date_span(end).1);
            }
            EventMark {
                id: event.id,
                x_start,
                x_end,
                category: event.category,
                title: event.title.as_str().into(),
                lane: 0,
                label_shown: true,
            }
        })
        .collect();
    marks.sort_by(|a, b| a.x_start.total_cmp(&b.x_start).then(a.id.cmp(&b.id)));
    marks
}

/// Gives each mark (sorted by start) its lane and says whether its label is
/// shown, as [`event_marks`] describes; `title_chars[i]` is how many
/// characters mark `i`'s title has.
pub fn assign_lanes(
    marks: &mut [EventMark],
    title_chars: &[usize],
    pixels_per_day: f64,
    char_width: f64,
    max_lanes: usize,
) {
    let max_lanes = max_lanes.max(1);
    let pixels_per_day = if pixels_per_day.is_finite() && pixels_per_day > 0.0 {
        pixels_per_day
    } else {
        1.0
    };
    let gap_px = labels::LABEL_GAP_PX + labels::MARKER_HALF_PX;
    let label_start = labels::MARKER_HALF_PX + labels::LABEL_OFFSET_PX;
    // A label shortened to fewer characters than this says too little.
    let least_label_px = 12.0 * char_width;
    // What each lane holds so far, in pixels: where its whole last label
    // ends, and where the least of it that is worth showing ends.
    let mut lane_ends: Vec<(f64, f64)> = Vec::new();
    for (mark, &chars) in marks.iter_mut().zip(title_chars) {
        mark.label_shown = true;
        let start_px = mark.x_start * pixels_per_day;
        let bar_px = mark.x_end * pixels_per_day;
        let chars = chars as f64;
        let full_end = bar_px.max(start_px + label_start + chars * char_width);
        let least_end =
            bar_px.max(start_px + label_start + (chars * char_width).min(least_label_px));
        let fits = |end: f64| end + gap_px <= start_px;
        let lane = match lane_ends.iter().position(|&(full, _)| fits(full)) {
            Some(lane) => lane,
            None if lane_ends.len() < max_lanes => {
                lane_ends.push((f64::NEG_INFINITY, f64::NEG_INFINITY));
                lane_ends.len() - 1
            }
            None => match lane_ends.iter().position(|&(_, least)| fits(least)) {
                Some(lane) => lane,
                None => {
                    let (lane, _) = lane_ends
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
                        .unwrap_or((0, &(0.0, 0.0)));
                    mark.label_shown = false;
                    let marker_end = bar_px.max(start_px + labels::MARKER_HALF_PX);
                    let (full, least) = lane_ends[lane];
                    lane_ends[lane] = (full.max(marker_end), least.max(marker_end));
                    mark.lane = lane;
                    continue;
                }
            },
        };
        mark.lane = lane;
        lane_ends[lane] = (full_end, least_end);
    }
}

/// One figure as a plot draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureMark {
    /// The observation.
    pub id: ObservationId,
    /// Start of the period it was true for.
    pub x_start: f64,
    /// End of that period (a day, or the whole month).
    pub x_end: f64,
    /// Low end of the range.
    pub low: f64,
    /// High end of the range.
    pub high: f64,
    /// The single value drawn: best estimate or middle of the range.
    pub central: f64,
    /// "more than" and the like.
    pub qualifier: Qualifier,
    /// Its place among figures of the same series for the same period
    /// (conflicting reports), from 0; drawn side by side, never averaged.
    pub slot: u16,
    /// How many figures share its period (1 when it stands alone).
    pub slots: u16,
}

/// Pixels between the markers of conflicting figures drawn side by side.
pub const SIDE_BY_SIDE_PX: f64 = 12.0;

impl FigureMark {
    /// The middle of the period: where a point marker goes.
    pub fn x_mid(&self) -> f64 {
        if self.x_end - self.x_start <= 1.0 {
            self.x_start + 0.5
        } else {
            (self.x_start + self.x_end) / 2.0
        }
    }

    /// Where its marker is drawn at a zoom of `days_per_pixel`: the middle
    /// of its period, moved aside from the other figures for that period.
    pub fn x_drawn(&self, days_per_pixel: f64) -> f64 {
        let from_centre = f64::from(self.slot) - f64::from(self.slots.max(1) - 1) / 2.0;
        self.x_mid() + from_centre * SIDE_BY_SIDE_PX * days_per_pixel
    }
}

/// Numbers the figures that share a period (sorted by start), so that
/// conflicting reports are drawn side by side.
fn assign_slots(figures: &mut [FigureMark]) {
    let mut start = 0;
    while start < figures.len() {
        let period = (figures[start].x_start, figures[start].x_end);
        let mut end = start + 1;
        while end < figures.len() && (figures[end].x_start, figures[end].x_end) == period {
            end += 1;
        }
        let slots = u16::try_from(end - start).unwrap_or(u16::MAX);
        for (slot, figure) in figures[start..end].iter_mut().enumerate() {
            figure.slot = u16::try_from(slot).unwrap_or(u16::MAX);
            figure.slots = slots;
        }
        start = end;
    }
}

/// A series as its plot draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesTrace {
    /// The series.
    pub id: SeriesId,
    /// Legend name.
    pub name: String,
    /// What it counts, lower case ("% of …" when drawn as shares).
    pub unit: String,
    /// How it is drawn.
    pub style: SeriesStyle,
    /// Whether a line joins its figures: a level or a running total; one
    /// incident's toll after another stand as their own marks.
    pub joins: bool,
    /// Its colour, if the analyst set one.
    pub color: Option<[u8; 3]>,
    /// Its figures in date order; figures for the same date all stay.
    pub figures: Vec<FigureMark>,
}

/// The series drawn in one plot: those of one unit, or those the analyst
/// put in one named plot.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitPlot {
    /// Its name and y-axis label: the unit ("districts", "troops") or the
    /// analyst's name for it.
    pub unit: String,
    /// Its series, by name.
    pub traces: Vec<SeriesTrace>,
}

/// Groups the series into plots, in name order: by the plot the analyst
/// named for them, else by unit (case-insensitive), so that figures of one
/// scale share an axis and districts never sit on an axis of thousands.
pub fn unit_plots(notebook: &Notebook, filter: &Filter) -> Vec<UnitPlot> {
    let mut plots: Vec<UnitPlot> = Vec::new();
    let mut test = filter.events(notebook);
    for series in &notebook.series {
        let own_unit = series.unit.trim().to_lowercase();
        let named_plot = series.plot.trim();
        let unit = if !named_plot.is_empty() {
            named_plot.to_owned()
        } else if own_unit.is_empty() {
            "(no unit)".to_owned()
        } else {
            own_unit.clone()
        };
        let (unit, own_unit) = if filter.as_share {
            (format!("% of {unit}"), format!("% of {own_unit}"))
        } else {
            (unit, own_unit)
        };
        let mut figures: Vec<FigureMark> = series
            .observations
            .iter()
            .filter(|o| test.shows_figure(series.id, o))
            .filter_map(|o| {
                // As a share: a percentage of the report's whole, else the series'.
                let scale = if filter.as_share {
                    let whole = o.denominator.or(series.denominator).filter(|w| *w > 0.0)?;
                    100.0 / whole
                } else {
                    1.0
                };
                let (x_start, x_end) = date_span(o.as_of);
                Some(FigureMark {
                    id: o.id,
                    x_start,
                    x_end,
                    low: o.low * scale,
                    high: o.high * scale,
                    central: o.central() * scale,
                    qualifier: o.qualifier,
                    slot: 0,
                    slots: 1,
                })
            })
            .collect();
        if filter.as_share && figures.is_empty() {
            continue;
        }
        figures.sort_by(|a, b| {
            a.x_start
                .total_cmp(&b.x_start)
                .then(a.x_end.total_cmp(&b.x_end))
                .then(a.id.cmp(&b.id))
        });
        assign_slots(&mut figures);
        let trace = SeriesTrace {
            id: series.id,
            name: series.name.clone(),
            unit: own_unit,
            style: series.style,
            joins: trend::joins_points(series),
            color: series.color,
            figures,
        };
        match plots.iter_mut().find(|plot| plot.unit == unit) {
            Some(plot) => plot.traces.push(trace),
            None => plots.push(UnitPlot {
                unit,
                traces: vec![trace],
            }),
        }
    }
    plots.sort_by(|a, b| a.unit.cmp(&b.unit));
    for plot in &mut plots {
        plot.traces
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    }
    plots
}

/// The names of the series that cannot be drawn as shares of a whole:
/// neither they nor any of their figures say what the whole is.
pub fn series_without_whole(notebook: &Notebook) -> Vec<&str> {
    notebook
        .series
        .iter()
        .filter(|s| {
            s.denominator.is_none_or(|w| w <= 0.0)
                && !s
                    .observations
                    .iter()
                    .any(|o| o.denominator.is_some_and(|w| w > 0.0))
        })
        .map(|s| s.name.as_str())
        .collect()
}

/// The x range that holds every event and figure, with a margin; `None`
/// for a notebook with nothing dated.
pub fn data_range(notebook: &Notebook) -> Option<(f64, f64)> {
    let event_spans = notebook.events.iter().flat_map(|e| {
        let mut spans = vec![date_span(e.start)];
        spans.extend(e.end.map(date_span));
        spans
    });
    let figure_spans = notebook
        .series
        .iter()
        .flat_map(|s| s.observations.iter().map(|o| date_span(o.as_of)));
    let (min, max) = event_spans
        .chain(figure_spans)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(min, max), (a, b)| {
            (min.min(a), max.max(b))
        });
    if !min.is_finite() {
        return None;
    }
    let margin = ((max - min) * 0.05).max(3.0);
    // More room on the right: event labels run rightwards from their marks.
    Some((min - margin, max + 4.0 * margin))
}

#[cfg(test)]
mod tests;
