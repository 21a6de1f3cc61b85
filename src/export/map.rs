//! The map as a picture: country outlines and the events the filter shows at
//! their places, framed on where the events are, for `sitrep export --map`
//! and File → Export. Drawn from the same [`crate::map`] the app draws.

use super::chart::{ChartOptions, FONT_FAMILY, xml};
use crate::map::{self, ProjectedOutlines, markers::event_markers};
use crate::model::Notebook;
use crate::timeline::category_rgb;
use std::fmt::Write as _;

/// Places are labelled, the busiest first, up to this many.
const LABELLED_PLACES: usize = 12;
/// Room above the map for the title, in pixels.
const TITLE_PX: f64 = 52.0;

/// The map of what `options.filter` shows (in its window, if any), at
/// `options.width` × `options.height` pixels, as SVG.
pub fn svg(notebook: &Notebook, options: &ChartOptions) -> Result<String, String> {
    let outlines = map::outlines()?;
    let projected = ProjectedOutlines::of(outlines);
    let found = event_markers(notebook, &options.filter);
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    // Framed on the events with a margin, else the whole world.
    let points: Vec<[f64; 2]> = found.markers.iter().map(|m| map::project(m.at)).collect();
    let (mut min, mut max) = points
        .iter()
        .fold(([f64::MAX; 2], [f64::MIN; 2]), |(min, max), p| {
            (
                [min[0].min(p[0]), min[1].min(p[1])],
                [max[0].max(p[0]), max[1].max(p[1])],
            )
        });
    if points.is_empty() {
        (min, max) = (map::project([-180.0, -60.0]), map::project([180.0, 80.0]));
    }
    let margin = ((max[0] - min[0]).max(max[1] - min[1]) * 0.15).max(4.0);
    let (min, max) = (
        [min[0] - margin, min[1] - margin],
        [max[0] + margin, max[1] + margin],
    );
    let area_h = h - TITLE_PX;
    let scale = (w / (max[0] - min[0])).min(area_h / (max[1] - min[1]));
    let centre = [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0];
    let to_px = |[x, y]: [f64; 2]| {
        (
            w / 2.0 + (x - centre[0]) * scale,
            TITLE_PX + area_h / 2.0 - (y - centre[1]) * scale,
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}, sans-serif">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="16" y="24" font-size="17" fill="#202020">{}</text>"##,
        xml(&options.title)
    );
    let what = match options.filter.window {
        Some((first, last)) => format!("Events at their places, {first} to {last}"),
        None => "Events at their places".to_owned(),
    };
    let _ = writeln!(
        out,
        r##"<text x="16" y="42" font-size="11" fill="#606060">{}</text>"##,
        xml(&what)
    );
    let _ = writeln!(
        out,
        r#"<svg x="0" y="{TITLE_PX}" width="{w}" height="{area_h}" viewBox="0 {TITLE_PX} {w} {area_h}" overflow="hidden">"#
    );
    let runs = projected.at_zoom(scale);
    let _ = write!(
        out,
        r##"<path fill="none" stroke="#9a9a9a" stroke-width="0.7" d=""##
    );
    for run in runs {
        if run.max[0] < min[0] || run.min[0] > max[0] || run.max[1] < min[1] || run.min[1] > max[1]
        {
            continue;
        }
        for (index, &point) in run.points.iter().enumerate() {
            let (x, y) = to_px(point);
            let _ = write!(out, "{}{x:.1} {y:.1}", if index == 0 { "M" } else { "L" });
        }
        if run.closed {
            out.push('Z');
        }
    }
    let _ = writeln!(out, r#""/>"#);
    let mut busiest: Vec<&map::markers::PlaceMarker> = found.markers.iter().collect();
    busiest.sort_by_key(|m| std::cmp::Reverse(m.items()));
    for marker in &found.markers {
        let (x, y) = to_px(map::project(marker.at));
        let [r, g, b] = category_rgb(marker.category);
        let radius = 4.0 + 2.5 * (marker.items() as f64).sqrt().min(12.0);
        // A place of figures only is a ring: no event there to colour it.
        let fill = if marker.events.is_empty() {
            "none".to_owned()
        } else {
            format!("rgb({r},{g},{b})")
        };
        let _ = writeln!(
            out,
            r##"<circle class="place" cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{fill}" fill-opacity="0.8" stroke="#202020" stroke-width="0.8"><title>{}: {}</title></circle>"##,
            xml(&marker.place),
            marker.counted()
        );
    }
    // The busiest places are named first; a name that would cross one
    // already written is left off (hovering its marker in the SVG names it).
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    for marker in busiest.into_iter().take(LABELLED_PLACES) {
        let (x, y) = to_px(map::project(marker.at));
        let label = format!("{} ({})", marker.place, marker.items());
        let (left, top) = (x + 9.0, y - 7.0);
        let (right, bottom) = (left + 6.2 * label.chars().count() as f64, y + 6.0);
        if taken
            .iter()
            .any(|&(l, t, r, b)| left < r && l < right && top < b && t < bottom)
        {
            continue;
        }
        taken.push((left, top, right, bottom));
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#202020">{}</text>"##,
            x + 9.0,
            y + 4.0,
            xml(&label)
        );
    }
    let _ = writeln!(out, "</svg>");
    if found.unplaced > 0 {
        let _ = writeln!(
            out,
            r##"<text x="16" y="{:.0}" font-size="10" fill="#606060">{}</text>"##,
            h - 8.0,
            if found.unplaced == 1 {
                "1 event at a place not found on the map".to_owned()
            } else {
                format!("{} events at places not found on the map", found.unplaced)
            }
        );
    }
    let _ = writeln!(
        out,
        r##"<text x="{:.0}" y="{:.0}" font-size="9" fill="#909090" text-anchor="end">Outlines: Natural Earth</text>"##,
        w - 8.0,
        h - 8.0
    );
    out.push_str("</svg>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_of_the_sample_marks_each_place_and_frames_them() {
        let notebook = crate::store::load("saves/afghanistan-2021.ron".as_ref()).expect("sample");
        let options = ChartOptions::new(&notebook);
        let text = svg(&notebook, &options).expect("drawn");
        let places = event_markers(&notebook, &options.filter).markers.len();
        assert!(places >= 5);
        assert_eq!(text.matches(r#"<circle class="place""#).count(), places);
        assert!(text.contains("Kabul ("), "the busiest place is named");
        // Some names are written, never more than the busiest places', and
        // in the crowded cluster not every one (they would cross).
        let names = text.matches("font-size=\"11\" fill=\"#202020\">").count();
        assert!(
            (3..LABELLED_PLACES.min(places)).contains(&names),
            "{names} of {places}"
        );
        assert!(text.contains("<path") && text.contains("Natural Earth"));
        let png = super::super::chart::png(&text).expect("rasterized");
        assert!(png.starts_with(b"\x89PNG"));
    }

    #[test]
    fn a_notebook_with_no_places_is_the_world_with_no_marker() {
        let notebook = Notebook::new("n".into(), "Empty", jiff::Timestamp::UNIX_EPOCH);
        let text = svg(&notebook, &ChartOptions::new(&notebook)).expect("drawn");
        assert_eq!(text.matches("<circle").count(), 0);
        assert!(text.contains("<path"));
    }
}
