//! Saved views and the timeline's filter, each made from the other; and
//! what a view names that its notebook no longer holds.

use super::{Filter, all_tags};
use crate::model::{DayWindow, Notebook, SavedView, ViewId};

impl Filter {
    /// The filter a saved view describes.
    pub fn from_view(view: &SavedView) -> Filter {
        Filter {
            known_on: view.known_on,
            hidden_categories: view.hidden_categories.clone(),
            as_share: view.as_share,
            tags: view.tags.clone(),
            window: view.window.map(|w| (w.from.min(w.to), w.from.max(w.to))),
            region: view.region.clone(),
            hidden_series: view.hidden_series.clone(),
        }
    }

    /// This filter kept under a name.
    pub fn to_view(&self, id: ViewId, name: &str) -> SavedView {
        let mut hidden_categories = self.hidden_categories.clone();
        hidden_categories.sort_by_key(|c| crate::model::Category::ALL.iter().position(|a| a == c));
        hidden_categories.dedup();
        let mut hidden_series = self.hidden_series.clone();
        hidden_series.sort();
        hidden_series.dedup();
        SavedView {
            id,
            name: name.trim().to_owned(),
            window: self.window.map(|(from, to)| DayWindow { from, to }),
            known_on: self.known_on,
            hidden_categories,
            tags: self.tags.clone(),
            region: self.region.clone(),
            hidden_series,
            as_share: self.as_share,
        }
    }

    /// Whether this filter shows what the view does (the order things
    /// were switched off in does not count).
    pub fn matches_view(&self, view: &SavedView) -> bool {
        let mine = self.to_view(view.id, &view.name);
        let theirs = Filter::from_view(view).to_view(view.id, &view.name);
        let same_tags = mine.tags.len() == theirs.tags.len()
            && mine
                .tags
                .iter()
                .all(|t| theirs.tags.iter().any(|o| o.eq_ignore_ascii_case(t)));
        same_tags
            && SavedView {
                tags: Vec::new(),
                ..mine
            } == SavedView {
                tags: Vec::new(),
                ..theirs
            }
    }
}

/// What a view asks for that the notebook no longer holds, one line each:
/// a tag no item carries, a series since deleted. The view still applies
/// (a missing tag shows nothing, a missing series is simply not drawn), and
/// is kept as it was, so nothing it holds is lost.
pub fn view_problems(notebook: &Notebook, view: &SavedView) -> Vec<String> {
    let known = all_tags(notebook);
    let mut problems: Vec<String> = view
        .tags
        .iter()
        .filter(|tag| !known.iter().any(|k| k.eq_ignore_ascii_case(tag.trim())))
        .map(|tag| format!("no item is tagged '{tag}' now"))
        .collect();
    let gone = view
        .hidden_series
        .iter()
        .filter(|id| notebook.series(**id).is_none())
        .count();
    if gone > 0 {
        problems.push(format!(
            "{gone} series it hides {} no longer in the notebook",
            if gone == 1 { "is" } else { "are" }
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Region, SeriesId};
    use jiff::civil::date;

    fn busy_filter() -> Filter {
        Filter {
            known_on: Some(date(2024, 3, 9)),
            hidden_categories: vec![Category::Other, Category::Military],
            as_share: true,
            tags: vec!["north".into()],
            window: Some((date(2024, 3, 1), date(2024, 3, 31))),
            region: Some(Region::around("Somewhere", [30.0, 15.0])),
            hidden_series: vec![SeriesId::from_u128(9), SeriesId::from_u128(2)],
        }
    }

    #[test]
    fn a_filter_comes_back_from_its_view() {
        let filter = busy_filter();
        let view = filter.to_view(ViewId::from_u128(1), "  North, March ");
        assert_eq!(view.name, "North, March");
        let back = Filter::from_view(&view);
        assert!(back.matches_view(&view));
        assert!(filter.matches_view(&view));
        assert_eq!(back.window, filter.window);
        assert_eq!(back.region, filter.region);
        let mut other = filter.clone();
        other.tags = vec!["NORTH".into()];
        assert!(other.matches_view(&view), "tags compare without case");
        other.as_share = false;
        assert!(!other.matches_view(&view));
    }

    #[test]
    fn a_view_names_what_the_notebook_lost() {
        let notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
        let view = busy_filter().to_view(ViewId::from_u128(1), "v");
        let problems = view_problems(&notebook, &view);
        assert_eq!(
            problems,
            [
                "no item is tagged 'north' now",
                "2 series it hides are no longer in the notebook"
            ]
        );
    }
}
