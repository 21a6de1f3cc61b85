//! The notebook's events and figures at their places: one marker per
//! place, sized by how many items are there and coloured by the commonest
//! category of its events. A place is found among the notebook's own
//! places first, then in the world gazetteer; an item whose place is found
//! in neither is left off the map (and counted, so the map can say so).

use crate::model::{Category, EventId, Notebook, ObservationId, PlaceScale, SeriesId};
use crate::timeline::Filter;
use crate::timeline::{Located, Locator};
use std::collections::HashMap;

/// The events at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMarker {
    /// Where, as `[longitude, latitude]` in degrees.
    pub at: [f64; 2],
    /// The place as the events name it.
    pub place: String,
    /// The events there, in the notebook's order.
    pub events: Vec<EventId>,
    /// The figures counted there, by series then id.
    pub figures: Vec<(SeriesId, ObservationId)>,
    /// The events' commonest category (the first in [`Category::ALL`] on a
    /// tie; [`Category::Other`] for a place of figures only).
    pub category: Category,
    /// How much ground the place covers: a country is drawn as the country,
    /// a region as the area it spans, not as a pin at their centres.
    pub scale: PlaceScale,
    /// ISO code of its country, when known.
    pub country: Option<&'static str>,
    /// For a district or region, how far it reaches, kilometres.
    pub radius_km: f32,
    /// How sure the place is (1 for the notebook's own); an unsure one is
    /// marked on the map until the analyst settles it.
    pub confidence: f32,
}

impl PlaceMarker {
    /// Whether the place is too unsure to be drawn without a mark.
    pub fn is_unsure(&self) -> bool {
        self.confidence < crate::extract::place_choice::REVIEW_BELOW
    }
}

impl PlaceMarker {
    /// How many events and figures are there.
    pub fn items(&self) -> usize {
        self.events.len() + self.figures.len()
    }

    /// "3 events, 2 figures".
    pub fn counted(&self) -> String {
        let mut parts = Vec::new();
        for (count, one, many) in [
            (self.events.len(), "event", "events"),
            (self.figures.len(), "figure", "figures"),
        ] {
            match count {
                0 => {}
                1 => parts.push(format!("1 {one}")),
                n => parts.push(format!("{n} {many}")),
            }
        }
        parts.join(", ")
    }
}

/// What the map shows of a notebook under a filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapMarkers {
    /// One marker per place, west to east.
    pub markers: Vec<PlaceMarker>,
    /// Events and figures the filter shows whose place is named but cannot be found.
    pub unplaced: usize,
    /// The country the notebook is most about (its title's, else its
    /// places'), which the map opens on.
    pub focus_country: Option<&'static str>,
}

pub use crate::timeline::locate;

/// The bounds `[west, south, east, north]` (degrees) the map opens on: the
/// places of the country the notebook is about ([`MapMarkers::focus_country`]),
/// else of the one with the most items (a notebook about
/// Afghanistan opens on Afghanistan, though its events also name
/// Washington and Doha), with the reach of the regions among them and the
/// extent (`country_bounds`) of a country named as a whole, and the places
/// of other countries that lie close around them (a border crossing, a
/// neighbour's towns in a crisis that spans a border); none without
/// markers.
pub fn focus_bounds(
    markers: &MapMarkers,
    country_bounds: impl Fn(&str) -> Option<[f64; 4]>,
) -> Option<[f64; 4]> {
    let mut items: HashMap<Option<&str>, usize> = HashMap::new();
    for marker in &markers.markers {
        *items.entry(marker.country).or_insert(0) += marker.items();
    }
    let by_items = items
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(country, _)| *country)?;
    let main = markers
        .focus_country
        .filter(|&focus| items.contains_key(&Some(focus)))
        .map_or(by_items, Some);
    let extent = |marker: &PlaceMarker| {
        let [lon, lat] = marker.at;
        match (marker.scale, marker.country) {
            (PlaceScale::Country, Some(code)) => {
                country_bounds(code).unwrap_or([lon, lat, lon, lat])
            }
            _ => {
                let reach_lat = f64::from(marker.radius_km) / 111.0;
                let reach_lon = reach_lat / lat.to_radians().cos().max(0.1);
                [
                    lon - reach_lon,
                    lat - reach_lat,
                    lon + reach_lon,
                    lat + reach_lat,
                ]
            }
        }
    };
    let union = |a: [f64; 4], b: [f64; 4]| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    };
    let home = markers
        .markers
        .iter()
        .filter(|m| m.country == main)
        .map(extent)
        .reduce(union)?;
    // Close around: within half the home's size of its edges.
    let (half_width, half_height) = ((home[2] - home[0]) / 2.0, (home[3] - home[1]) / 2.0);
    let around = [
        home[0] - half_width,
        home[1] - half_height,
        home[2] + half_width,
        home[3] + half_height,
    ];
    Some(
        markers
            .markers
            .iter()
            .filter(|m| m.country != main)
            .filter(|m| {
                let [lon, lat] = m.at;
                (around[0]..=around[2]).contains(&lon) && (around[1]..=around[3]).contains(&lat)
            })
            .map(extent)
            .fold(home, union),
    )
}

/// The markers for the events and figures `filter` shows in its window
/// (every one when it has none).
pub fn event_markers(notebook: &Notebook, filter: &Filter) -> MapMarkers {
    let mut gathered = Gathering {
        locator: Locator::new(notebook),
        located: HashMap::new(),
        at_place: HashMap::new(),
        unplaced: 0,
    };
    let mut counts: HashMap<[u64; 2], [usize; Category::ALL.len()]> = HashMap::new();
    let mut test = filter.events(notebook);
    for event in &notebook.events {
        let place = event.place.trim();
        if place.is_empty() || !test.lists(event) {
            continue;
        }
        if let Some((marker, key)) = gathered.marker_at(place) {
            marker.events.push(event.id);
            if let Some(slot) = Category::ALL.iter().position(|c| *c == event.category) {
                counts.entry(key).or_insert([0; Category::ALL.len()])[slot] += 1;
            }
        }
    }
    for series in &notebook.series {
        for figure in &series.observations {
            let place = figure.place.trim();
            if place.is_empty() || !test.lists_figure(series.id, figure) {
                continue;
            }
            if let Some((marker, _)) = gathered.marker_at(place) {
                marker.figures.push((series.id, figure.id));
            }
        }
    }
    let focus_country = gathered
        .locator
        .focus()
        .first()
        .map(|&(country, _)| country);
    let Gathering {
        at_place, unplaced, ..
    } = gathered;
    let mut markers: Vec<PlaceMarker> = at_place
        .into_iter()
        .map(|(key, mut marker)| {
            if let Some(counts) = counts.get(&key) {
                let commonest = (0..counts.len())
                    .max_by_key(|&slot| (counts[slot], std::cmp::Reverse(slot)))
                    .unwrap_or(0);
                marker.category = Category::ALL[commonest];
            }
            marker
        })
        .collect();
    markers.sort_by(|a, b| a.at[0].total_cmp(&b.at[0]).then(a.place.cmp(&b.place)));
    MapMarkers {
        markers,
        unplaced,
        focus_country,
    }
}

/// The markers being gathered: each place located once, its spellings
/// sharing one marker.
struct Gathering<'n> {
    locator: Locator<'n>,
    located: HashMap<&'n str, Option<Located>>,
    at_place: HashMap<[u64; 2], PlaceMarker>,
    unplaced: usize,
}

impl<'n> Gathering<'n> {
    /// The marker of a place (made the first time) and its key; none, and
    /// counted, for a place not found.
    fn marker_at(&mut self, place: &'n str) -> Option<(&mut PlaceMarker, [u64; 2])> {
        let locator = &self.locator;
        let Some(found) = *self
            .located
            .entry(place)
            .or_insert_with(|| locator.resolve(place))
        else {
            self.unplaced += 1;
            return None;
        };
        let key = [found.at[0].to_bits(), found.at[1].to_bits()];
        let marker = self
            .at_place
            .entry(key)
            .or_insert_with(|| PlaceMarker::new(found, place));
        Some((marker, key))
    }
}

impl PlaceMarker {
    fn new(found: Located, place: &str) -> PlaceMarker {
        PlaceMarker {
            at: found.at,
            place: place.to_owned(),
            events: Vec::new(),
            figures: Vec::new(),
            category: Category::Other,
            scale: found.scale,
            country: found.country,
            radius_km: found.radius_km,
            confidence: found.confidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, NotebookPlace, PartialDate, PlaceId};

    fn event(n: u128, place: &str, date: &str, category: Category) -> Event {
        Event {
            id: EventId::from_u128(n),
            title: format!("event {n}"),
            start: PartialDate::parse(date).expect("date"),
            end: None,
            category,
            tags: Vec::new(),
            place: place.into(),
            actors: Vec::new(),
            notes: String::new(),
            evidence: Vec::new(),
            confidence: None,
        }
    }

    fn notebook() -> Notebook {
        let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
        notebook.events = vec![
            event(1, "Kabul", "2021-08-15", Category::Military),
            event(2, "Kabul", "2021-08-26", Category::Humanitarian),
            event(3, "kabul", "2021-08-30", Category::Military),
            event(4, "El Fasher", "2024-05-10", Category::Military),
            event(5, "Camp Seven", "2024-05-11", Category::Humanitarian),
            event(
                6,
                "Nowhere-in-particular-xyz",
                "2024-05-12",
                Category::Other,
            ),
            event(7, "", "2024-05-13", Category::Other),
        ];
        notebook.places.push(NotebookPlace {
            id: PlaceId::from_u128(9),
            name: "Camp Seven".into(),
            aliases: Vec::new(),
            lat: 13.6,
            lon: 25.3,
            country: String::new(),
            scale: Default::default(),
            settled: false,
            unsure: None,
        });
        notebook
    }

    #[test]
    fn events_gather_at_their_places_from_the_gazetteer_or_the_notebook() {
        let notebook = notebook();
        let map = event_markers(&notebook, &Filter::default());
        let kabul = map
            .markers
            .iter()
            .find(|m| m.place == "Kabul")
            .expect("Kabul");
        assert_eq!(kabul.events.len(), 3, "however the events spell it");
        assert_eq!(kabul.category, Category::Military);
        assert!((kabul.at[0] - 69.2).abs() < 0.5 && (kabul.at[1] - 34.5).abs() < 0.5);
        let camp = map
            .markers
            .iter()
            .find(|m| m.place == "Camp Seven")
            .expect("own place");
        assert_eq!(camp.at, [25.3, 13.6]);
        assert!(map.markers.iter().any(|m| m.place == "El Fasher"));
        assert_eq!(
            map.unplaced, 1,
            "the made-up place is counted, the empty one is not"
        );
        assert!(map.markers.windows(2).all(|w| w[0].at[0] <= w[1].at[0]));
    }

    #[test]
    fn the_timeline_window_and_filters_apply_to_the_map() {
        let notebook = notebook();
        let window = Filter {
            window: Some((
                jiff::civil::Date::constant(2024, 5, 1),
                jiff::civil::Date::constant(2024, 5, 31),
            )),
            ..Filter::default()
        };
        let map = event_markers(&notebook, &window);
        assert!(
            map.markers
                .iter()
                .all(|m| m.place != "Kabul" && m.place != "kabul")
        );
        assert!(map.markers.iter().any(|m| m.place == "El Fasher"));
        let no_military = Filter {
            hidden_categories: vec![Category::Military],
            ..Filter::default()
        };
        let map = event_markers(&notebook, &no_military);
        let kabul = map
            .markers
            .iter()
            .find(|m| m.place == "Kabul")
            .expect("Kabul");
        assert_eq!(kabul.category, Category::Humanitarian);
        assert!(map.markers.iter().all(|m| m.place != "El Fasher"));
    }

    #[test]
    fn a_place_with_its_country_is_found_by_its_first_part() {
        let notebook = notebook();
        assert!(locate(&notebook, "Kandahar, Afghanistan").is_some());
        assert_eq!(locate(&notebook, "  "), None);
    }

    #[test]
    fn a_place_not_yet_given_coordinates_is_not_put_at_zero_zero() {
        let mut notebook = notebook();
        notebook.places.push(NotebookPlace {
            id: PlaceId::from_u128(10),
            name: "New camp".into(),
            aliases: Vec::new(),
            lat: 0.0,
            lon: 0.0,
            country: String::new(),
            scale: Default::default(),
            settled: false,
            unsure: None,
        });
        notebook
            .events
            .push(event(8, "New camp", "2024-05-14", Category::Other));
        assert_eq!(locate(&notebook, "New camp"), None);
        let map = event_markers(&notebook, &Filter::default());
        assert!(map.markers.iter().all(|m| m.place != "New camp"));
        assert_eq!(map.unplaced, 2, "counted with the made-up place");
    }

    fn figure(n: u128, place: &str, date: &str) -> crate::model::Observation {
        crate::model::Observation {
            id: ObservationId::from_u128(n),
            as_of: PartialDate::parse(date).expect("date"),
            low: 10.0,
            high: 10.0,
            best: None,
            qualifier: crate::model::Qualifier::Exact,
            denominator: None,
            place: place.into(),
            evidence: None,
            notes: String::new(),
        }
    }

    #[test]
    fn figures_with_a_place_are_on_the_map_and_a_region_keeps_them_there() {
        let mut notebook = notebook();
        let mut series = crate::model::Series {
            id: SeriesId::from_u128(40),
            name: "Displaced".into(),
            unit: "people".into(),
            subject: String::new(),
            denominator: None,
            style: Default::default(),
            color: None,
            plot: String::new(),
            kind: Default::default(),
            measure: None,
            observations: vec![
                figure(41, "Kabul", "2021-08-20"),
                figure(42, "Camp Seven", "2024-05-11"),
                figure(43, "Gaborone", "2024-05-12"),
                figure(44, "", "2024-05-12"),
            ],
        };
        series.observations.sort_by_key(|o| o.id);
        notebook.series.push(series);
        let map = event_markers(&notebook, &Filter::default());
        let kabul = map
            .markers
            .iter()
            .find(|m| m.place == "Kabul")
            .expect("Kabul");
        assert_eq!(kabul.counted(), "3 events, 1 figure");
        assert_eq!(kabul.items(), 4);
        let gaborone = map
            .markers
            .iter()
            .find(|m| m.place == "Gaborone")
            .expect("a place of figures only");
        assert!(gaborone.events.is_empty());
        assert_eq!(
            gaborone.figures,
            [(SeriesId::from_u128(40), ObservationId::from_u128(43))]
        );
        assert_eq!(gaborone.category, Category::Other);

        // Picking Kabul: the figure counted elsewhere leaves the plots, the
        // one that names no place stays.
        let region = Filter {
            region: Some(crate::model::Region::around("Kabul", kabul.at)),
            ..Filter::default()
        };
        let series = &notebook.series[0];
        let kept: Vec<u128> = series
            .observations
            .iter()
            .filter(|o| region.shows_figure(&notebook, series.id, o))
            .map(|o| o.id.uuid().as_u128())
            .collect();
        assert_eq!(kept, [41, 44]);
    }
}
