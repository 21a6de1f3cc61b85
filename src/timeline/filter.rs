//! [`Filter`]: what the timeline, the lists, the map and the exports show
//! of a notebook, and [`EventTest`], the same over many events with each
//! place located once.

use super::{Locator, Region, date_span, day_x};
use crate::model::{Category, Notebook};
use jiff::civil::Date;
use std::collections::HashMap;

/// What the timeline shows: everything, or only what had been published
/// by a day ("as known on"), without some categories of events, only what
/// carries some tags; and the window of dates the lists are narrowed to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Show only what articles published on or before this day report.
    pub known_on: Option<Date>,
    /// Event categories left off the lane.
    pub hidden_categories: Vec<Category>,
    /// Plot figures as a percentage of their whole ("50 of 370" = 13.5 %);
    /// figures with no whole are left out.
    pub as_share: bool,
    /// Show only items tagged with one of these (on the item or its source
    /// article), compared without case; empty shows everything.
    pub tags: Vec<String>,
    /// The brushed window, first and last day inclusive: the lists and the
    /// report keep only what falls in it; the plots shade it.
    pub window: Option<(Date, Date)>,
    /// Show only events at places in this region (figures name no place
    /// and are left as they are).
    pub region: Option<Region>,
    /// Series left off the plots and lists.
    pub hidden_series: Vec<crate::model::SeriesId>,
}

/// One change to what is shown: what the filter bar, the map and the lists
/// ask for, and the app carries out (the scope changes nowhere else).
#[derive(Clone, Debug, PartialEq)]
pub enum ScopeChange {
    /// Show or hide a category of events.
    ShowCategory(Category, bool),
    /// Plot figures as shares of their whole, or as they are.
    AsShare(bool),
    /// Keep what is tagged so (compared without case), or stop keeping it.
    KeepTag(String, bool),
    /// Keep every tag again.
    EveryTag,
    /// Keep only events at places in a region, or everywhere.
    Region(Option<Region>),
    /// Draw a series, or leave it off.
    ShowSeries(crate::model::SeriesId, bool),
    /// Draw every series again.
    EverySeries,
    /// Narrow the lists to a window of days, or to every day.
    Window(Option<(Date, Date)>),
    /// Show what was known on a day, or everything.
    KnownOn(Option<Date>),
    /// Show everything.
    Everything,
    /// Show what a saved view shows.
    Replace(Box<Filter>),
}

impl Filter {
    /// Carries out one change.
    pub fn change(&mut self, change: ScopeChange) {
        match change {
            ScopeChange::ShowCategory(category, shown) => {
                self.hidden_categories.retain(|c| *c != category);
                if !shown {
                    self.hidden_categories.push(category);
                }
            }
            ScopeChange::AsShare(on) => self.as_share = on,
            ScopeChange::KeepTag(tag, kept) => {
                self.tags.retain(|t| !t.eq_ignore_ascii_case(&tag));
                if kept {
                    self.tags.push(tag);
                }
            }
            ScopeChange::EveryTag => self.tags.clear(),
            ScopeChange::Region(region) => self.region = region,
            ScopeChange::ShowSeries(series, shown) => {
                self.hidden_series.retain(|s| *s != series);
                if !shown {
                    self.hidden_series.push(series);
                }
            }
            ScopeChange::EverySeries => self.hidden_series.clear(),
            ScopeChange::Window(window) => self.window = window,
            ScopeChange::KnownOn(day) => self.known_on = day,
            ScopeChange::Everything => *self = Filter::default(),
            ScopeChange::Replace(filter) => *self = *filter,
        }
    }

    /// Whether the evidence was known on the filter's day: some cited article
    /// was published by then. Items with no dated source are always shown.
    fn known<'e>(
        &self,
        notebook: &Notebook,
        evidence: impl IntoIterator<Item = &'e crate::model::Evidence>,
    ) -> bool {
        let Some(day) = self.known_on else {
            return true;
        };
        let mut dated = false;
        for evidence in evidence {
            if let Some(published) = notebook.article(evidence.article).and_then(|a| a.published) {
                if published.first_day() <= day {
                    return true;
                }
                dated = true;
            }
        }
        !dated
    }

    /// Whether some tag of `tags`, or of a cited article, is one the filter asks for.
    fn tagged<'e>(
        &self,
        notebook: &Notebook,
        tags: &[String],
        evidence: impl IntoIterator<Item = &'e crate::model::Evidence>,
    ) -> bool {
        if self.tags.is_empty() {
            return true;
        }
        let wanted = |tag: &String| self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag.trim()));
        tags.iter().any(wanted)
            || evidence.into_iter().any(|evidence| {
                notebook
                    .article(evidence.article)
                    .is_some_and(|a| a.tags.iter().any(wanted))
            })
    }

    /// The filter without its window: what the plots and the lane depend on
    /// (the window only shades them), so brushing does not rebuild them.
    pub fn without_window(&self) -> Filter {
        Filter {
            window: None,
            ..self.clone()
        }
    }

    /// Whether the x range `[x_start, x_end)` overlaps the window (always, without one).
    pub fn in_window(&self, x_start: f64, x_end: f64) -> bool {
        match self.window {
            None => true,
            Some((first, last)) => x_start < day_x(last) + 1.0 && x_end > day_x(first),
        }
    }

    /// Whether an event is on the lane. (Over many events, [`Filter::events`]
    /// locates each place once.)
    pub fn shows_event(&self, notebook: &Notebook, event: &crate::model::Event) -> bool {
        self.events(notebook).shows(event)
    }

    /// Whether an event is on the lane, `inside` saying whether a place is
    /// in the region (asked only when there is one).
    fn shows_event_where(
        &self,
        notebook: &Notebook,
        event: &crate::model::Event,
        inside: impl FnOnce(&str) -> bool,
    ) -> bool {
        !self.hidden_categories.contains(&event.category)
            && self.known(notebook, &event.evidence)
            && self.tagged(notebook, &event.tags, &event.evidence)
            && (self.region.is_none() || inside(&event.place))
    }

    /// Whether a place is in the region (every place is, without one).
    fn in_region(&self, locator: &Locator, place: &str) -> bool {
        self.region
            .as_ref()
            .is_none_or(|region| locator.locate(place).is_some_and(|at| region.contains(at)))
    }

    /// Tests events one after another, locating each place only once.
    pub fn events<'f, 'n>(&'f self, notebook: &'n Notebook) -> EventTest<'f, 'n> {
        EventTest {
            filter: self,
            notebook,
            inside: HashMap::new(),
            locator: std::cell::OnceCell::new(),
        }
    }
}

/// A [`Filter`] at work on one notebook's events: it remembers whether each
/// place it has seen is in the region, so a thousand events at one place
/// cost one lookup.
pub struct EventTest<'f, 'n> {
    filter: &'f Filter,
    notebook: &'n Notebook,
    inside: HashMap<&'n str, bool>,
    /// Made on the first place asked about: a filter with no region never needs it.
    locator: std::cell::OnceCell<Locator<'n>>,
}

impl<'n> EventTest<'_, 'n> {
    /// Whether an event is on the lane.
    pub fn shows(&mut self, event: &'n crate::model::Event) -> bool {
        let (filter, notebook) = (self.filter, self.notebook);
        filter.shows_event_where(notebook, event, |_| self.place_inside(&event.place))
    }

    /// Whether an event is in the lists: on the lane and in the window.
    pub fn lists(&mut self, event: &'n crate::model::Event) -> bool {
        let (start, mut end) = date_span(event.start);
        if let Some(last) = event.end {
            end = end.max(date_span(last).1);
        }
        self.filter.in_window(start, end) && self.shows(event)
    }

    /// Whether a place is in the region, asking the gazetteer once per place.
    fn place_inside(&mut self, place: &'n str) -> bool {
        let (filter, notebook) = (self.filter, self.notebook);
        let locator = &self.locator;
        *self.inside.entry(place).or_insert_with(|| {
            filter.in_region(locator.get_or_init(|| Locator::new(notebook)), place)
        })
    }

    /// Whether a figure of a series is plotted.
    pub fn shows_figure(
        &mut self,
        series: crate::model::SeriesId,
        observation: &'n crate::model::Observation,
    ) -> bool {
        let (filter, notebook) = (self.filter, self.notebook);
        filter.shows_figure_where(notebook, series, observation, |_| {
            self.place_inside(&observation.place)
        })
    }

    /// Whether a figure is in the lists: plotted and in the window.
    pub fn lists_figure(
        &mut self,
        series: crate::model::SeriesId,
        observation: &'n crate::model::Observation,
    ) -> bool {
        let (start, end) = date_span(observation.as_of);
        self.filter.in_window(start, end) && self.shows_figure(series, observation)
    }
}

impl Filter {
    /// Whether a figure of a series is plotted: its series shown, known by
    /// the day, tagged as asked, and in the region if it names a place
    /// (a figure that names none stays). Over many figures, [`Filter::events`]
    /// locates each place once.
    pub fn shows_figure(
        &self,
        notebook: &Notebook,
        series: crate::model::SeriesId,
        observation: &crate::model::Observation,
    ) -> bool {
        self.events(notebook).shows_figure(series, observation)
    }

    fn shows_figure_where(
        &self,
        notebook: &Notebook,
        series: crate::model::SeriesId,
        observation: &crate::model::Observation,
        inside: impl FnOnce(&str) -> bool,
    ) -> bool {
        !self.hidden_series.contains(&series)
            && self.known(notebook, observation.evidence.as_ref())
            && self.tagged(notebook, &[], observation.evidence.as_ref())
            && (self.region.is_none()
                || observation.place.trim().is_empty()
                || inside(&observation.place))
    }

    /// Whether a figure is in the lists: plotted and in the window.
    pub fn lists_figure(
        &self,
        notebook: &Notebook,
        series: crate::model::SeriesId,
        observation: &crate::model::Observation,
    ) -> bool {
        self.events(notebook).lists_figure(series, observation)
    }

    /// Whether an article is in the list: published by the "as known on"
    /// day, tagged as asked, and published in the window (undated articles
    /// only when there is no window).
    pub fn lists_article(&self, article: &crate::model::Article) -> bool {
        let published = article.published.map(date_span);
        let known = match (self.known_on, article.published) {
            (Some(day), Some(published)) => published.first_day() <= day,
            _ => true,
        };
        let tagged = self.tags.is_empty()
            || article
                .tags
                .iter()
                .any(|tag| self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag.trim())));
        let in_window = match (self.window, published) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(_), Some((start, end))) => self.in_window(start, end),
        };
        known && tagged && in_window
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_toggle_without_repeats_and_clear() {
        let mut filter = Filter::default();
        filter.change(ScopeChange::ShowCategory(Category::Military, false));
        filter.change(ScopeChange::ShowCategory(Category::Military, false));
        assert_eq!(filter.hidden_categories, [Category::Military]);
        filter.change(ScopeChange::ShowCategory(Category::Military, true));
        assert!(filter.hidden_categories.is_empty());
        filter.change(ScopeChange::KeepTag("North".into(), true));
        filter.change(ScopeChange::KeepTag("north".into(), true));
        assert_eq!(filter.tags, ["north"]);
        filter.change(ScopeChange::KeepTag("NORTH".into(), false));
        assert!(filter.tags.is_empty());
        let day = "2021-06-22".parse().ok();
        filter.change(ScopeChange::KnownOn(day));
        filter.change(ScopeChange::AsShare(true));
        assert_eq!((filter.known_on, filter.as_share), (day, true));
        filter.change(ScopeChange::Everything);
        assert_eq!(filter, Filter::default());
    }
}
