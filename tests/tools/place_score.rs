//! How well the extractor resolves the places it finds: each labelled place
//! of a set of real excerpts, with the country and point the text means
//! (`places-gold.jsonl` beside the shared corpus), against the place the
//! extractor resolved for the same words.
//!
//! Shares of the resolved places (found with coordinates): those put in
//! the right country, and those put near enough. A point (city, town,
//! village, camp, crossing, district) is near within [`NEAR_POINT_KM`], or
//! when resolved only as the region or district it lies in (a village the
//! gazetteer lacks, put at its region's centre), when that area's centre
//! is within [`NEAR_AREA_KM`] in the right country; an area (province,
//! region, river, other) is near within [`NEAR_AREA_KM`] of its centre in
//! the right country, an approximation of "inside the right region" that
//! needs no outlines; a country in the right country. The share of the
//! labelled places that are resolved at all is measured beside them, so
//! resolving less cannot raise the others.

use serde_json::Value;
use sitrep::extract::{Extractor, Fact};
use sitrep::model::PlaceScale;
use std::collections::HashMap;

/// A point within this many kilometres of where the text means is right.
pub const NEAR_POINT_KM: f64 = 25.0;
/// An area's resolved point within this many kilometres of its centre is right.
pub const NEAR_AREA_KM: f64 = 300.0;

/// What a resolution run found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolutionReport {
    /// Labelled places.
    pub places: usize,
    /// Of them, found by the extractor with coordinates.
    pub located: usize,
    /// Of the located, put in the right country.
    pub right_country: usize,
    /// Of the located, near where the text means.
    pub near: usize,
    /// Of the near, points resolved only as the area they lie in.
    pub near_as_area: usize,
    /// One line per place not found, not located, or put elsewhere.
    pub misses: Vec<String>,
}

impl ResolutionReport {
    /// The share of labelled places the extractor found and located.
    pub fn located_share(&self) -> f64 {
        share(self.located, self.places)
    }

    /// The share of located places put in the right country.
    pub fn country_share(&self) -> f64 {
        share(self.right_country, self.located)
    }

    /// The share of located places put near where the text means.
    pub fn near_share(&self) -> f64 {
        share(self.near, self.located)
    }

    /// "resolution: …", one line.
    pub fn summary(&self) -> String {
        format!(
            "resolution: {} labelled places, {} resolved ({:.3}); of those, right country {:.3}, near {:.3} ({} km a point, {} km an area; {} points only as their area)\n",
            self.places,
            self.located,
            self.located_share(),
            self.country_share(),
            self.near_share(),
            NEAR_POINT_KM,
            NEAR_AREA_KM,
            self.near_as_area,
        )
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

pub use sitrep::model::distance_km;

/// Where the extractor put each place it found in `text`, by its words (a
/// possessive stripped), first mention first: country and point.
fn resolved(extractor: &Extractor, text: &str, published: jiff::civil::Date) -> Resolved {
    let mut found = Resolved::new();
    for fact in extractor.extract(text, published) {
        if let Fact::Place {
            start,
            end,
            country,
            lat,
            lon,
            scale,
            ..
        } = fact
        {
            let words =
                sitrep::extract::tokens::strip_possessive(text.get(start..end).unwrap_or(""));
            found
                .entry(words.to_owned())
                .or_insert((country, lat.zip(lon), scale));
        }
    }
    found
}

/// Each place's words, and the country and point they were put at.
type Resolved = HashMap<String, (Option<&'static str>, Option<(f64, f64)>, PlaceScale)>;

/// Scores `extractor`'s resolution of the places of `excerpts` (the
/// labelled `.jsonl` of real news) against `gold` (one place a line:
/// `id`, `place`, `kind`, `country`, `lat`, `lon`). A line that cannot be
/// read is an error naming its file's line.
pub fn score_resolution(
    extractor: &Extractor,
    excerpts: &str,
    gold: &str,
) -> Result<ResolutionReport, String> {
    score_with(excerpts, gold, |_| extractor)
}

/// [`score_resolution`] as the app resolves places: each excerpt read into
/// a notebook titled by its crisis label (`crisis`, "Mozambique Cabo
/// Delgado insurgency"), whose title tells the extractor the country the
/// notebook follows. Excerpts without a label are read as text alone.
pub fn score_resolution_in_notebooks(
    extractor: &Extractor,
    excerpts: &str,
    gold: &str,
) -> Result<ResolutionReport, String> {
    let world = extractor.gazetteer();
    let mut by_crisis: HashMap<String, Extractor> = HashMap::new();
    for line in excerpts.lines() {
        let item: Value = serde_json::from_str(line).unwrap_or_default();
        if let Some(crisis) = item["crisis"].as_str()
            && !by_crisis.contains_key(crisis)
        {
            let notebook =
                sitrep::model::Notebook::new(String::new(), crisis, jiff::Timestamp::UNIX_EPOCH);
            let focus = sitrep::extract::notebook_focus(world, &notebook);
            by_crisis.insert(crisis.to_owned(), extractor.clone().with_focus(focus));
        }
    }
    score_with(excerpts, gold, |crisis| {
        crisis.and_then(|c| by_crisis.get(c)).unwrap_or(extractor)
    })
}

/// Scores with the extractor `extractor_for` gives for an excerpt's crisis label.
fn score_with<'e>(
    excerpts: &str,
    gold: &str,
    extractor_for: impl Fn(Option<&str>) -> &'e Extractor,
) -> Result<ResolutionReport, String> {
    let mut texts: HashMap<String, (String, jiff::civil::Date, Option<String>)> = HashMap::new();
    for (index, line) in excerpts.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Value = serde_json::from_str(line)
            .map_err(|e| format!("excerpts line {}: not JSON: {e}", index + 1))?;
        let (Some(id), Some(text), Some(published)) = (
            item["id"].as_str(),
            item["text"].as_str(),
            item["published"].as_str().and_then(|p| p.parse().ok()),
        ) else {
            return Err(format!(
                "excerpts line {}: needs id, text and published",
                index + 1
            ));
        };
        let crisis = item["crisis"].as_str().map(str::to_owned);
        texts.insert(id.to_owned(), (text.to_owned(), published, crisis));
    }
    let mut report = ResolutionReport::default();
    let mut cache: HashMap<String, Resolved> = HashMap::new();
    for (index, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let item: Value =
            serde_json::from_str(line).map_err(|e| format!("gold line {number}: not JSON: {e}"))?;
        let (Some(id), Some(place), Some(kind), Some(country), Some(lat), Some(lon)) = (
            item["id"].as_str(),
            item["place"].as_str(),
            item["kind"].as_str(),
            item["country"].as_str(),
            item["lat"].as_f64(),
            item["lon"].as_f64(),
        ) else {
            return Err(format!(
                "gold line {number}: needs id, place, kind, country, lat and lon"
            ));
        };
        let (text, published, crisis) = texts
            .get(id)
            .ok_or(format!("gold line {number}: no excerpt {id}"))?;
        let found = cache
            .entry(id.to_owned())
            .or_insert_with(|| resolved(extractor_for(crisis.as_deref()), text, *published));
        report.places += 1;
        let Some(&(found_country, point, scale)) = found.get(place) else {
            report.misses.push(format!("{id} {place}: not found"));
            continue;
        };
        let Some(point) = point else {
            report
                .misses
                .push(format!("{id} {place}: found with no coordinates"));
            continue;
        };
        report.located += 1;
        let in_country = found_country == Some(country);
        report.right_country += usize::from(in_country);
        let km = distance_km(point, (lat, lon));
        let in_area = in_country && km <= NEAR_AREA_KM;
        let (near, as_area) = match kind {
            "country" => (in_country, false),
            "city" | "town" | "village" | "camp" | "crossing" | "district" => match scale {
                PlaceScale::Point => (km <= NEAR_POINT_KM, false),
                PlaceScale::District | PlaceScale::Region => (in_area, true),
                PlaceScale::Country => (false, false),
            },
            _ => (in_area, false),
        };
        report.near += usize::from(near);
        report.near_as_area += usize::from(near && as_area);
        if !near {
            report.misses.push(format!(
                "{id} {place} ({kind}, {country}): put in {} at {:.2}, {:.2} as a {}, {km:.0} km off",
                found_country.unwrap_or("?"),
                point.0,
                point.1,
                scale.label(),
            ));
        }
    }
    Ok(report)
}

/// The floors a resolution run must reach: `resolved SHARE`, `country
/// SHARE` and `near SHARE` lines, `#` comments. Returns what falls below, one line each.
pub fn below_resolution_floors(
    report: &ResolutionReport,
    floors: &str,
) -> Result<Vec<String>, String> {
    let mut below = Vec::new();
    for (index, line) in floors.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let floor = |s: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or(format!("line {}: '{s}' is not a share 0..1", index + 1))
        };
        // Compared at the printed precision, so a floor copied from the output holds.
        let printed = |v: f64| (v * 1000.0).round() / 1000.0;
        let (what, got, want) = match parts.as_slice() {
            ["resolved", value] => ("resolved", printed(report.located_share()), floor(value)?),
            ["country", value] => (
                "right country",
                printed(report.country_share()),
                floor(value)?,
            ),
            ["near", value] => ("near", printed(report.near_share()), floor(value)?),
            _ => {
                return Err(format!(
                    "line {}: expected 'resolved SHARE', 'country SHARE' or 'near SHARE'",
                    index + 1
                ));
            }
        };
        if got < want {
            below.push(format!("resolution {what}: {got:.3} (floor {want:.3})"));
        }
    }
    Ok(below)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_on_the_globe() {
        // About 111 km to a degree of latitude; none across the same point.
        assert!((distance_km((0.0, 0.0), (1.0, 0.0)) - 111.2).abs() < 0.5);
        assert_eq!(distance_km((34.5, 69.2), (34.5, 69.2)), 0.0);
        // Across the date line it is short, not half the world.
        assert!(distance_km((0.0, 179.5), (0.0, -179.5)) < 112.0);
    }

    #[test]
    fn a_notebook_titled_by_its_crisis_tells_namesakes_apart() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let excerpts = r#"{"id":"x1","published":"2024-10-01","crisis":"Algeria floods 2024","text":"A convoy reached Saida on Monday.","gold":{}}"#;
        let gold =
            r#"{"id":"x1","place":"Saida","kind":"city","country":"DZ","lat":34.83,"lon":0.15}"#;
        let report = score_resolution_in_notebooks(&extractor, excerpts, gold).expect("scores");
        assert_eq!(
            (report.located, report.right_country, report.near),
            (1, 1, 1)
        );
    }

    #[test]
    fn a_place_in_the_wrong_country_or_far_off_counts_against_it() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let excerpts = r#"{"id":"x1","published":"2024-05-01","text":"Shelling hit Kharkiv and Kyiv on Tuesday.","gold":{}}"#;
        let right =
            r#"{"id":"x1","place":"Kharkiv","kind":"city","country":"UA","lat":49.99,"lon":36.23}"#;
        let report = score_resolution(&extractor, excerpts, right).expect("scores");
        assert_eq!(
            (report.places, report.right_country, report.near),
            (1, 1, 1)
        );
        let elsewhere =
            r#"{"id":"x1","place":"Kyiv","kind":"city","country":"UA","lat":40.0,"lon":10.0}"#;
        let report = score_resolution(&extractor, excerpts, elsewhere).expect("scores");
        assert_eq!((report.right_country, report.near), (1, 0), "{report:?}");
        let missing =
            r#"{"id":"x1","place":"Odesa","kind":"city","country":"UA","lat":46.48,"lon":30.72}"#;
        let report = score_resolution(&extractor, excerpts, missing).expect("scores");
        assert_eq!((report.located, report.near), (0, 0));
        assert!(report.misses[0].contains("not found"));
        assert_eq!(
            below_resolution_floors(&report, "resolved 0.5\nnear 0.0\n").expect("floors"),
            ["resolution resolved: 0.000 (floor 0.500)"]
        );
        assert!(below_resolution_floors(&report, "nearby 0.5").is_err());
        assert!(score_resolution(&extractor, excerpts, "{\"id\":\"nope\"}").is_err());
    }
}
