//! The map's ground: country outlines (Natural Earth, through the
//! `world-atlas` TopoJSON files in `assets/world-atlas`, read with the
//! `topojson` crate) and the projection the map draws them in; and, in
//! [`markers`], the notebook's events at their places.
//!
//! Invariants: coordinates are longitude and latitude in degrees, and
//! projected points are in degrees too (x is the longitude; y grows
//! northwards), so the same numbers serve the app and the exports; nothing
//! here names egui or reads the notebook.

pub mod markers;

use std::sync::OnceLock;

/// Countries at 1:110m: the whole world at a glance.
const COARSE_TOPOJSON: &str = include_str!("../../assets/world-atlas/countries-110m.json");
/// Countries at 1:50m: the outlines for a closer look.
const FINE_TOPOJSON: &str = include_str!("../../assets/world-atlas/countries-50m.json");
/// The collection of countries in those files.
const COUNTRIES: &str = "countries";
/// Closer in than this many pixels a degree, the 1:110m outlines look
/// jagged and the 1:50m ones are drawn.
const FINE_FROM_PIXELS_PER_DEGREE: f64 = 12.0;
/// Web Mercator stops short of the poles; so does the map.
pub const MAX_LATITUDE: f64 = 85.0;

/// One country's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// Its name in Natural Earth ("Afghanistan", "S. Sudan").
    pub name: String,
    /// Its ISO 3166-1 alpha-2 code ("AF"), empty when the atlas gives none.
    pub code: String,
    /// Its rings (outer boundaries and holes alike), each a closed run of
    /// `[longitude, latitude]` points.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// Every country, at two levels of detail.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlines {
    /// 1:110m, for a map zoomed out.
    pub coarse: Vec<Outline>,
    /// 1:50m, for a map zoomed in.
    pub fine: Vec<Outline>,
}

impl Outlines {
    /// The alpha-2 code of the country a `[longitude, latitude]` point
    /// lies in (by the 1:50m outlines), if any.
    pub fn country_at(&self, [lon, lat]: [f64; 2]) -> Option<&str> {
        self.fine
            .iter()
            .find(|outline| {
                // Even-odd: a point inside an island's ring and not in a hole.
                outline
                    .rings
                    .iter()
                    .filter(|ring| ring_contains(ring, [lon, lat]))
                    .count()
                    % 2
                    == 1
            })
            .map(|outline| outline.code.as_str())
            .filter(|code| !code.is_empty())
    }

    /// The bounds `[west, south, east, north]` of a country's largest
    /// ring, by alpha-2 code (the mainland: not Alaska for the US).
    pub fn country_bounds(&self, code: &str) -> Option<[f64; 4]> {
        let ring = self
            .coarse
            .iter()
            .filter(|o| o.code == code)
            .flat_map(|o| &o.rings)
            .max_by_key(|ring| ring.len())?;
        ring.iter().fold(None, |bounds, &[lon, lat]| {
            Some(match bounds {
                None => [lon, lat, lon, lat],
                Some([w, s, e, n]) => [w.min(lon), s.min(lat), e.max(lon), n.max(lat)],
            })
        })
    }

    /// The outlines to draw when a degree of longitude takes
    /// `pixels_per_degree` pixels: the finer ones once the coarse would
    /// look jagged.
    pub fn at_zoom(&self, pixels_per_degree: f64) -> &[Outline] {
        if pixels_per_degree > FINE_FROM_PIXELS_PER_DEGREE {
            &self.fine
        } else {
            &self.coarse
        }
    }
}

/// The outlines shipped with Sitrep, read once (some tens of
/// milliseconds: call it off the UI thread the first time).
pub fn outlines() -> Result<&'static Outlines, String> {
    static OUTLINES: OnceLock<Result<Outlines, String>> = OnceLock::new();
    OUTLINES
        .get_or_init(|| {
            Ok(Outlines {
                coarse: parse_countries(COARSE_TOPOJSON)
                    .map_err(|e| format!("countries-110m.json: {e}"))?,
                fine: parse_countries(FINE_TOPOJSON)
                    .map_err(|e| format!("countries-50m.json: {e}"))?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The countries of a TopoJSON text whose `countries` collection holds
/// polygons; a country without a name is called by its id.
pub fn parse_countries(text: &str) -> Result<Vec<Outline>, String> {
    let topology: topojson::TopoJson = text
        .parse()
        .map_err(|e: topojson::Error| format!("not TopoJSON: {e}"))?;
    let topojson::TopoJson::Topology(topology) = topology else {
        return Err("not a TopoJSON topology".to_owned());
    };
    let features = topojson::to_geojson(&topology, COUNTRIES)
        .map_err(|e| format!("no `{COUNTRIES}` collection: {e}"))?;
    let mut outlines = Vec::with_capacity(features.features.len());
    for feature in features.features {
        let name = feature
            .property("name")
            .and_then(|name| name.as_str())
            .map(str::to_owned)
            .or_else(|| feature.id.as_ref().map(|id| format!("{id:?}")))
            .unwrap_or_default();
        let code = feature
            .id
            .as_ref()
            .and_then(|id| match id {
                geojson::feature::Id::String(text) => alpha2_of(text),
                geojson::feature::Id::Number(n) => alpha2_of(&format!("{n:0>3}")),
            })
            .unwrap_or_default()
            .to_owned();
        let Some(geometry) = feature.geometry else {
            continue;
        };
        let polygons = match geometry.value {
            geojson::Value::Polygon(rings) => vec![rings],
            geojson::Value::MultiPolygon(polygons) => polygons,
            _ => continue,
        };
        let rings = polygons
            .into_iter()
            .flatten()
            .map(|ring| {
                ring.into_iter()
                    .filter_map(|position| match position.as_slice() {
                        [lon, lat, ..] if lon.is_finite() && lat.is_finite() => Some([*lon, *lat]),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|ring| ring.len() >= 3)
            .collect();
        outlines.push(Outline { name, code, rings });
    }
    if outlines.is_empty() {
        return Err(format!("the `{COUNTRIES}` collection holds no outline"));
    }
    Ok(outlines)
}

/// Whether a ring holds a point (ray casting).
fn ring_contains(ring: &[[f64; 2]], [x, y]: [f64; 2]) -> bool {
    let mut inside = false;
    let mut previous = match ring.last() {
        Some(&last) => last,
        None => return false,
    };
    for &[x1, y1] in ring {
        let [x0, y0] = previous;
        if (y1 > y) != (y0 > y) && x < (x0 - x1) * (y - y1) / (y0 - y1) + x1 {
            inside = !inside;
        }
        previous = [x1, y1];
    }
    inside
}

/// ISO numeric codes (as the atlas names countries) to alpha-2 codes (as
/// the gazetteer does), from `assets/world-atlas/country-codes.tsv`.
const COUNTRY_CODES: &str = include_str!("../../assets/world-atlas/country-codes.tsv");

/// The alpha-2 code of an ISO numeric code ("004" → "AF").
fn alpha2_of(numeric: &str) -> Option<&'static str> {
    COUNTRY_CODES
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once('\t'))
        .find(|(n, _)| *n == numeric)
        .map(|(_, alpha2)| alpha2.trim_end_matches('\r'))
}

/// An outline ready to draw: a run of projected points (a whole ring, or
/// the part of one between two crossings of the 180th meridian) and its box.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectedRun {
    /// Projected points ([`project`]).
    pub points: Vec<[f64; 2]>,
    /// Whether it closes on itself (a whole ring).
    pub closed: bool,
    /// The lowest x and y of its points.
    pub min: [f64; 2],
    /// The highest x and y of its points.
    pub max: [f64; 2],
    /// The alpha-2 code of the country it outlines (empty when unknown).
    pub code: String,
}

/// The outlines projected once, at both levels of detail, so that a frame
/// only scales and culls them.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectedOutlines {
    /// From [`Outlines::coarse`].
    pub coarse: Vec<ProjectedRun>,
    /// From [`Outlines::fine`].
    pub fine: Vec<ProjectedRun>,
}

impl ProjectedOutlines {
    /// Projects `outlines`.
    pub fn of(outlines: &Outlines) -> ProjectedOutlines {
        ProjectedOutlines {
            coarse: project_runs(&outlines.coarse),
            fine: project_runs(&outlines.fine),
        }
    }

    /// The runs to draw at `pixels_per_degree` (see [`Outlines::at_zoom`]).
    pub fn at_zoom(&self, pixels_per_degree: f64) -> &[ProjectedRun] {
        if pixels_per_degree > FINE_FROM_PIXELS_PER_DEGREE {
            &self.fine
        } else {
            &self.coarse
        }
    }
}

/// Each ring projected, broken where it jumps across the map (a ring that
/// crosses the 180th meridian: Russia, Fiji, Antarctica).
fn project_runs(outlines: &[Outline]) -> Vec<ProjectedRun> {
    let mut runs = Vec::new();
    for (ring, code) in outlines
        .iter()
        .flat_map(|o| o.rings.iter().map(|ring| (ring, &o.code)))
    {
        let mut pieces: Vec<Vec<[f64; 2]>> = vec![Vec::new()];
        for (index, &point) in ring.iter().enumerate() {
            if index > 0 && (point[0] - ring[index - 1][0]).abs() > 180.0 {
                pieces.push(Vec::new());
            }
            if let Some(piece) = pieces.last_mut() {
                piece.push(project(point));
            }
        }
        let closed = pieces.len() == 1;
        for points in pieces.into_iter().filter(|p| p.len() >= 2) {
            let (min, max) = points
                .iter()
                .fold(([f64::MAX; 2], [f64::MIN; 2]), |(min, max), p| {
                    (
                        [min[0].min(p[0]), min[1].min(p[1])],
                        [max[0].max(p[0]), max[1].max(p[1])],
                    )
                });
            runs.push(ProjectedRun {
                points,
                closed,
                min,
                max,
                code: code.clone(),
            });
        }
    }
    runs
}

/// Where a place is drawn: Web Mercator, in degrees (x = longitude, y the
/// Mercator latitude, which equals the latitude at the equator and
/// stretches towards the poles), latitude clamped to ±[`MAX_LATITUDE`].
pub fn project([lon, lat]: [f64; 2]) -> [f64; 2] {
    let phi = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let y = (std::f64::consts::FRAC_PI_4 + phi / 2.0)
        .tan()
        .ln()
        .to_degrees();
    [lon, y]
}

/// The place a projected point stands for: the inverse of [`project`].
pub fn unproject([x, y]: [f64; 2]) -> [f64; 2] {
    let lat = (2.0 * y.to_radians().exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
    [x, lat]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_hold_the_countries_of_every_crisis() {
        let outlines = outlines().expect("the shipped outlines read");
        assert!(outlines.coarse.len() > 150, "{}", outlines.coarse.len());
        assert!(outlines.fine.len() >= outlines.coarse.len());
        for name in [
            "Afghanistan",
            "Sudan",
            "Ukraine",
            "Myanmar",
            "Haiti",
            "Mali",
        ] {
            let coarse = outlines.coarse.iter().find(|o| o.name == name);
            let fine = outlines.fine.iter().find(|o| o.name == name);
            let (Some(coarse), Some(fine)) = (coarse, fine) else {
                panic!("{name} is missing");
            };
            let points = |o: &Outline| o.rings.iter().map(Vec::len).sum::<usize>();
            assert!(
                points(fine) > points(coarse),
                "{name}: the fine outline is finer"
            );
        }
        for outline in outlines.coarse.iter().chain(&outlines.fine) {
            for [lon, lat] in outline.rings.iter().flatten() {
                assert!((-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat));
            }
        }
        // Kabul lies inside Afghanistan's box.
        let afghanistan = outlines.coarse.iter().find(|o| o.name == "Afghanistan");
        let points: Vec<[f64; 2]> = afghanistan
            .into_iter()
            .flat_map(|o| o.rings.concat())
            .collect();
        let (lon_min, lon_max) = points
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p[0]), b.max(p[0])));
        let (lat_min, lat_max) = points
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p[1]), b.max(p[1])));
        assert!((lon_min..lon_max).contains(&69.2) && (lat_min..lat_max).contains(&34.5));
    }

    #[test]
    fn closer_in_the_outlines_are_finer() {
        let outlines = outlines().expect("read");
        assert_eq!(outlines.at_zoom(3.0).len(), outlines.coarse.len());
        assert_eq!(outlines.at_zoom(40.0).len(), outlines.fine.len());
        let projected = ProjectedOutlines::of(outlines);
        assert!(projected.at_zoom(40.0).len() > projected.at_zoom(3.0).len());
    }

    #[test]
    fn rings_across_the_date_line_are_broken_there_and_never_span_the_map() {
        let projected = ProjectedOutlines::of(outlines().expect("read"));
        for run in projected.coarse.iter().chain(&projected.fine) {
            for pair in run.points.windows(2) {
                assert!((pair[0][0] - pair[1][0]).abs() <= 180.0);
            }
            assert!(
                run.points
                    .iter()
                    .all(|p| p[0] >= run.min[0] && p[1] <= run.max[1])
            );
        }
        assert!(
            projected.coarse.iter().any(|run| !run.closed),
            "Russia or Fiji is broken"
        );
    }

    #[test]
    fn bad_outline_files_say_what_is_wrong() {
        let not_json = parse_countries("\u{0}\u{1}PNG").expect_err("binary");
        assert!(not_json.starts_with("not TopoJSON"), "{not_json}");
        let no_countries = parse_countries(
            r#"{"type":"Topology","objects":{"land":{"type":"GeometryCollection","geometries":[]}},"arcs":[]}"#,
        )
        .expect_err("no countries");
        assert!(no_countries.contains("countries"), "{no_countries}");
    }

    #[test]
    fn the_projection_keeps_the_equator_and_goes_both_ways() {
        let [x, y] = project([10.0, 0.0]);
        assert!(x == 10.0 && y.abs() < 1e-12);
        let north = project([0.0, 60.0]);
        assert!(north[1] > 60.0, "stretched towards the pole");
        assert!(
            project([0.0, 89.9])[1].is_finite(),
            "clamped short of the pole"
        );
        for lat in [-80.0, -33.9, 0.0, 34.5, 61.2] {
            let back = unproject(project([69.2, lat]));
            assert!((back[1] - lat).abs() < 1e-9 && back[0] == 69.2);
        }
    }
}
#[cfg(test)]
mod code_tests {
    #[test]
    fn every_outline_knows_its_country_code() {
        let outlines = super::outlines().expect("outlines");
        let coded = outlines
            .coarse
            .iter()
            .filter(|o| !o.code.is_empty())
            .count();
        assert!(
            coded * 10 >= outlines.coarse.len() * 9,
            "{coded} of {}",
            outlines.coarse.len()
        );
        let sudan = outlines
            .coarse
            .iter()
            .find(|o| o.name == "Sudan")
            .expect("Sudan");
        assert_eq!(sudan.code, "SD");
        assert_eq!(outlines.country_at([30.0, 15.0]), Some("SD"));
        let bounds = outlines.country_bounds("AF").expect("Afghanistan");
        assert!(bounds[0] > 59.0 && bounds[2] < 76.0, "{bounds:?}");
    }
}
