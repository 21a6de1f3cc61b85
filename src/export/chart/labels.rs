//! Where the chart's words go: the values beside each plot's points and
//! the event lane's labels and "+N" counts, by the rules the app follows
//! (`timeline::values`, `timeline::labels`), measured in the font the PNG
//! is drawn with.

use super::{Frame, MAX_LABELS};
use crate::model::Notebook;
use crate::timeline::{self, FigureMark, values::PixelBox};

/// Where each figure's value is written: the top-left corner of its text.
pub(super) type ValuePlaces = std::collections::HashMap<crate::model::ObservationId, (f64, f64)>;

/// The legend's box, top left inside the plot: one row per series.
pub(super) fn legend_box(
    shown: &[(&timeline::SeriesTrace, Vec<FigureMark>)],
    frame: &Frame,
) -> PixelBox {
    let mut measure = label_measure();
    let widest = shown
        .iter()
        .map(|(trace, figures)| measure(&format!("{} ({})", trace.name, figures.len())))
        .fold(0.0f64, f64::max);
    (
        frame.left + 4.0,
        frame.top + 4.0,
        widest + 24.0,
        shown.len() as f64 * 15.0 + 6.0,
    )
}

/// Where each figure's value is written beside its point, by the rule the
/// app follows ([`timeline::values::place_values`]): inside the plot, clear
/// of every marker, line, other value and the legend; a value with no room
/// (or of a series too long to label) is left to the figure's tooltip.
pub(super) fn value_label_places(
    notebook: &Notebook,
    frame: &Frame,
    shown: &[(&timeline::SeriesTrace, Vec<FigureMark>)],
    legend: PixelBox,
) -> ValuePlaces {
    let sparse: Vec<(&timeline::SeriesTrace, &[FigureMark])> = shown
        .iter()
        .filter(|(_, figures)| figures.len() as f64 <= frame.width)
        .map(|(trace, figures)| (*trace, figures.as_slice()))
        .collect();
    timeline::values::plot_values(
        notebook,
        &sparse,
        frame.days_per_pixel(),
        |x, y| (frame.x(x), frame.y(y)),
        &mut label_measure(),
        f64::from(LABEL_FONT_PX) + 2.0,
        (frame.left, frame.top, frame.width, frame.height),
        vec![legend],
    )
    .into_iter()
    .map(|value| (value.figure, (value.left, value.top)))
    .collect()
}

/// The size of the event labels' text, pixels.
pub(super) const LABEL_FONT_PX: f32 = 11.0;

/// The event labels of the lane and the counts of events with no room for
/// theirs, placed by the rules the app follows and measured in the font the
/// PNG is drawn with.
pub(super) fn lane_labels(
    notebook: &Notebook,
    in_view: &[&timeline::EventMark],
    frame: &Frame,
) -> (
    std::collections::HashMap<crate::model::EventId, timeline::labels::PlacedLabel>,
    Vec<timeline::labels::Crowd>,
) {
    if in_view.len() > MAX_LABELS {
        return Default::default();
    }
    let span = timeline::labels::PlotSpan {
        x_min: frame.x_min,
        x_max: frame.x_max,
        width: frame.width,
    };
    let mut text_of = |mark: &timeline::EventMark| timeline::labels::full_label(notebook, mark);
    let mut measure = label_measure();
    let mut placed = timeline::labels::place_labels(in_view, &span, &mut text_of, &mut measure);
    let crowds = timeline::labels::place_crowds(in_view, &span, &mut placed, &mut measure);
    (
        placed.into_iter().map(|label| (label.id, label)).collect(),
        crowds,
    )
}

/// The width of a label's text in the chart's font, from the font's own
/// advance widths (a character it lacks counts as an em, to be safe).
fn label_measure() -> impl FnMut(&str) -> f64 {
    use skrifa::MetadataProvider;
    let font = skrifa::FontRef::new(epaint_default_fonts::UBUNTU_LIGHT).ok();
    let size = skrifa::instance::Size::new(LABEL_FONT_PX);
    move |text: &str| {
        let Some(font) = &font else {
            return text.chars().count() as f64 * f64::from(LABEL_FONT_PX);
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(size, skrifa::instance::LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .map_or(f64::from(LABEL_FONT_PX), f64::from)
            })
            .sum()
    }
}
