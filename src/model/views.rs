//! What a notebook keeps about how it is read: saved views (named sets of
//! filters, applied in one click or with `--view NAME`) and watch terms
//! (words that mark an imported article as one to read first). Both are
//! lists of items with ids, so they merge like everything else in the file.

use super::{Category, SeriesId, ViewId, WatchId, is_default};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A box of the globe, named for what was picked to make it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// What it is called on screen ("Kabul").
    pub name: String,
    /// Westmost longitude, degrees.
    pub west: f64,
    /// Southmost latitude, degrees.
    pub south: f64,
    /// Eastmost longitude, degrees.
    pub east: f64,
    /// Northmost latitude, degrees.
    pub north: f64,
}

impl Region {
    /// The small box around one place (`[longitude, latitude]`).
    pub fn around(name: &str, [lon, lat]: [f64; 2]) -> Region {
        const HALF: f64 = 0.01;
        Region {
            name: name.to_owned(),
            west: lon - HALF,
            south: lat - HALF,
            east: lon + HALF,
            north: lat + HALF,
        }
    }

    /// Whether a place (`[longitude, latitude]`) is in it.
    pub fn contains(&self, [lon, lat]: [f64; 2]) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }

    /// Whether its corners are numbers in range, west of east and south of north.
    pub fn is_sound(&self) -> bool {
        let lon = -180.0..=180.0;
        let lat = -90.0..=90.0;
        lon.contains(&self.west)
            && lon.contains(&self.east)
            && lat.contains(&self.south)
            && lat.contains(&self.north)
            && self.west <= self.east
            && self.south <= self.north
    }
}

/// A window of days, first and last inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayWindow {
    /// The first day.
    pub from: Date,
    /// The last day.
    pub to: Date,
}

/// A named set of filters: what an analyst who follows one province or one
/// category would otherwise set again every morning.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Stable id.
    pub id: ViewId,
    /// What it is listed and asked for by (`--view NAME`).
    pub name: String,
    /// The window of dates the lists and reports keep.
    #[serde(default, skip_serializing_if = "is_default")]
    pub window: Option<DayWindow>,
    /// Only what had been published by this day.
    #[serde(default, skip_serializing_if = "is_default")]
    pub known_on: Option<Date>,
    /// Event categories left off.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hidden_categories: Vec<Category>,
    /// Only items tagged with one of these (or from articles tagged so).
    #[serde(default, skip_serializing_if = "is_default")]
    pub tags: Vec<String>,
    /// Only events at places in this box.
    #[serde(default, skip_serializing_if = "is_default")]
    pub region: Option<Region>,
    /// Series left off the plots and lists.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hidden_series: Vec<SeriesId>,
    /// Figures as a percentage of their whole.
    #[serde(default, skip_serializing_if = "is_default")]
    pub as_share: bool,
}

impl SavedView {
    /// A view of everything: no filter set yet.
    pub fn named(id: ViewId, name: impl Into<String>) -> SavedView {
        SavedView {
            id,
            name: name.into(),
            window: None,
            known_on: None,
            hidden_categories: Vec::new(),
            tags: Vec::new(),
            region: None,
            hidden_series: Vec::new(),
            as_share: false,
        }
    }
}

/// A term the analyst watches for: a place, an actor or any words. An
/// imported article that holds it is marked and listed first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchTerm {
    /// Stable id.
    pub id: WatchId,
    /// The words, as typed; matched as whole words, without case or accents,
    /// and by every name of the place or actor they name.
    pub term: String,
}
