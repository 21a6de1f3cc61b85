//! How the window is shared between the panels: each panel's default size
//! and the least and most it may take of the window, so that no selection,
//! no long title and no size restored from an earlier session can squeeze
//! the timeline out; and where the map goes beside the timeline.
//!
//! Pure arithmetic on sizes: the app passes the window's size in, and the
//! same rule holds at every size (tests check three).

use egui::{Rect, Vec2, pos2};

/// The least width the timeline keeps beside the map.
pub const TIMELINE_LEAST_WIDTH: f32 = 360.0;
/// The least height the timeline keeps above the map, when the map goes below.
pub const TIMELINE_LEAST_HEIGHT: f32 = 240.0;
/// The least the map takes across or down.
pub const MAP_LEAST: f32 = 180.0;
/// Between the timeline and the map.
const GAP: f32 = 8.0;
/// The reader folded to a strip: its title row only.
pub const READER_FOLDED_HEIGHT: f32 = 34.0;

/// A panel's default size and the range it is held to, in points along the
/// axis it can be resized on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelSize {
    /// Its size on first showing, and after *Reset layout*.
    pub default: f32,
    /// The least it may take.
    pub min: f32,
    /// The most it may take.
    pub max: f32,
}

impl PanelSize {
    fn new(default: f32, min: f32, max: f32) -> Self {
        let max = max.max(min);
        Self {
            default: default.clamp(min, max),
            min,
            max,
        }
    }

    /// The most a panel keeps when the window has just changed size (or
    /// opens at another size than the one its sizes were kept for): a
    /// little over its default for the new window, so that sizes made for
    /// a big screen never squeeze the timeline of a small one.
    pub fn max_after_resize(&self) -> f32 {
        (self.default * 1.15).clamp(self.min, self.max)
    }
}

/// The side panels' and the reader's sizes for a window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The lists on the left (width).
    pub lists: PanelSize,
    /// The inspector on the right (width): never more than a third of the window.
    pub inspector: PanelSize,
    /// The reader above the timeline (height).
    pub reader: PanelSize,
}

impl Layout {
    /// The sizes for a window of `window` points: the timeline and its plots
    /// keep the larger part of it.
    pub fn for_window(window: Vec2) -> Self {
        let (width, height) = (window.x.max(1.0), window.y.max(1.0));
        Self {
            lists: PanelSize::new((width * 0.16).clamp(150.0, 240.0), 140.0, width * 0.25),
            inspector: PanelSize::new((width * 0.2).clamp(190.0, 320.0), 170.0, width / 3.0),
            reader: PanelSize::new(
                (height * 0.22).clamp(110.0, 260.0),
                READER_FOLDED_HEIGHT + 40.0,
                height * 0.4,
            ),
        }
    }
}

/// The timeline's and the map's parts of the central area: side by side
/// while the timeline keeps [`TIMELINE_LEAST_WIDTH`], else the map below it
/// while the timeline keeps [`TIMELINE_LEAST_HEIGHT`]; `None` when the map
/// has no room at all (then the timeline takes the whole area).
pub fn map_split(full: Rect) -> Option<(Rect, Rect)> {
    let map_width = (full.width() * 0.3).clamp(MAP_LEAST, 520.0);
    if full.width() - map_width - GAP >= TIMELINE_LEAST_WIDTH {
        let map = Rect::from_min_max(pos2(full.right() - map_width, full.top()), full.max);
        let timeline = Rect::from_min_max(full.min, pos2(map.left() - GAP, full.bottom()));
        return Some((timeline, map));
    }
    let map_height = (full.height() * 0.35).clamp(MAP_LEAST * 0.8, 400.0);
    if full.height() - map_height - GAP >= TIMELINE_LEAST_HEIGHT {
        let map = Rect::from_min_max(pos2(full.left(), full.bottom() - map_height), full.max);
        let timeline = Rect::from_min_max(full.min, pos2(full.right(), map.top() - GAP));
        return Some((timeline, map));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    const SIZES: [[f32; 2]; 3] = [[1024.0, 700.0], [1400.0, 900.0], [1920.0, 1080.0]];

    #[test]
    fn the_side_panels_leave_the_centre_the_larger_part_at_every_size() {
        for [w, h] in SIZES {
            let layout = Layout::for_window(vec2(w, h));
            let sides_at_most = layout.lists.max + layout.inspector.max;
            assert!(sides_at_most <= w * 0.6, "{w}×{h}: {sides_at_most}");
            let sides_by_default = layout.lists.default + layout.inspector.default;
            assert!(
                w - sides_by_default >= w * 0.55,
                "{w}×{h}: {sides_by_default}"
            );
            assert!(layout.inspector.max <= w / 3.0 + 0.5);
            assert!(layout.reader.default <= h * 0.3, "{w}×{h}");
        }
    }

    #[test]
    fn the_map_has_a_place_in_the_centre_left_at_every_size() {
        for [w, h] in SIZES {
            let layout = Layout::for_window(vec2(w, h));
            // The centre as the panels leave it by default, less the menu,
            // status bar, margins and the reader.
            let centre = Rect::from_min_size(
                pos2(layout.lists.default + 8.0, 60.0),
                vec2(
                    w - layout.lists.default - layout.inspector.default - 24.0,
                    h - 60.0 - 28.0 - layout.reader.default,
                ),
            );
            let (timeline, map) = map_split(centre).expect("room for the map");
            assert!(!timeline.intersects(map), "{w}×{h}");
            assert!(timeline.width() >= TIMELINE_LEAST_WIDTH.min(centre.width()));
            assert!(map.width() >= MAP_LEAST * 0.8 && map.height() >= MAP_LEAST * 0.8);
        }
    }
}
