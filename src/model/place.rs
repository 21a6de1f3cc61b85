//! How much ground a place covers, and how sure its resolution is: the
//! words "fighting in Afghanistan" name a country, not its capital.

use serde::{Deserialize, Serialize};

/// How much ground a resolved place covers, smallest first.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum PlaceScale {
    /// A city, town, village, camp or crossing: one point.
    #[default]
    Point,
    /// A second-level division (a district, a locality, a township).
    District,
    /// A first-level division or a region the press names (a province,
    /// a state, Darfur).
    Region,
    /// A whole country.
    Country,
}

impl PlaceScale {
    /// Every scale, smallest first.
    pub const ALL: [PlaceScale; 4] = [
        PlaceScale::Point,
        PlaceScale::District,
        PlaceScale::Region,
        PlaceScale::Country,
    ];

    /// The word shown to the user and written in exports ("point", "region").
    pub fn label(self) -> &'static str {
        match self {
            PlaceScale::Point => "point",
            PlaceScale::District => "district",
            PlaceScale::Region => "region",
            PlaceScale::Country => "country",
        }
    }
}

/// One place a name may mean: what a resolution chose, or one of the
/// others it weighed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceOption {
    /// Its name in the gazetteer ("Gaza").
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its country ("PS").
    pub country: String,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// How much ground it covers.
    #[serde(default)]
    pub scale: PlaceScale,
}

/// Where the extractor put the place a proposal names, and how sure it
/// was: accepted, it becomes the notebook's own (settled) place of that
/// name, so later articles resolve the name the same way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResolvedPlace {
    /// The place chosen.
    pub chosen: PlaceOption,
    /// How sure the choice was, 0–1.
    pub confidence: f32,
    /// Other places the name could mean, likeliest first (kept when unsure).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<PlaceOption>,
}

/// The great-circle distance between two `(lat, lon)` points, kilometres.
pub fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Whether a latitude and longitude can be a place on Earth: finite, in
/// range, and not the 0, 0 that stands for "no coordinates".
pub fn is_on_earth(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && (lat, lon) != (0.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_coordinates_are_no_place() {
        assert!(is_on_earth(34.5, 69.2));
        assert!(!is_on_earth(0.0, 0.0));
        assert!(!is_on_earth(91.0, 10.0));
        assert!(!is_on_earth(10.0, -181.0));
        assert!(!is_on_earth(f64::NAN, 1.0));
    }
}
