//! The chart as a PNG: its SVG rasterized with resvg, its text set in the
//! font the app itself uses, so the picture is the same on every machine.

use super::chart::{ChartOptions, FONT_FAMILY};

/// Rasterizes an SVG made by [`svg`](super::chart::svg) to PNG bytes with resvg, setting its
/// text in the font the app uses (no system fonts are needed).
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.set_sans_serif_family(FONT_FAMILY);
    options.font_family = FONT_FAMILY.into();
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| format!("cannot read the chart's SVG: {e}"))?;
    let size = tree.size().to_int_size();
    if size.width() > ChartOptions::MAX_SIZE || size.height() > ChartOptions::MAX_SIZE {
        return Err(format!(
            "the chart is {} × {} pixels; at most {} on a side can be rasterized",
            size.width(),
            size.height(),
            ChartOptions::MAX_SIZE
        ));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "cannot make an empty picture that size".to_owned())?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}
