//! Rendered snapshots of the window (wgpu; Mesa's software Vulkan in CI).
//! Few and pixel-tolerant: they catch a broken layout, not a changed pixel.
//! Run with `--features render-tests`; `UPDATE_SNAPSHOTS=1` rewrites them.
#![cfg(feature = "render-tests")]

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use sitrep::ui::{App, AppOptions, ScriptedDialogs};
use std::sync::Arc;
use std::time::Duration;

fn options() -> SnapshotOptions {
    // Font hinting and software rasterizers differ a little between machines.
    SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(4000)
}

/// The app on the sample, in a window of `size`, once its background work is done.
fn sample_rendered(size: [f32; 2]) -> Harness<'static, App> {
    let dialogs = Arc::new(ScriptedDialogs::default());
    let mut harness = Harness::builder()
        .with_size(size)
        .wgpu()
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppOptions {
                    open: Some("saves/afghanistan-2021.ron".into()),
                    open_last_or_sample: false,
                    dialogs,
                    recovery_dir: None,
                    autosave_every: Duration::from_secs(30),
                },
            )
        });
    for _ in 0..300 {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();
    assert!(
        !harness.state().map_markers().is_empty(),
        "the map beside the timeline shows the sample's places"
    );
    harness
}

#[test]
fn the_sample_notebook_renders() {
    let mut harness = sample_rendered([1400.0, 900.0]);
    harness.snapshot_options("sample_notebook", &options());

    harness
        .get_by_label_contains("Taliban take Shir Khan Bandar")
        .click();
    harness.run();
    harness.snapshot_options("sample_event_selected", &options());
}

#[test]
fn the_sample_renders_in_a_small_window() {
    sample_rendered([1024.0, 700.0]).snapshot_options("sample_1024x700", &options());
}

#[test]
fn the_sample_renders_in_a_large_window() {
    sample_rendered([1920.0, 1080.0]).snapshot_options("sample_1920x1080", &options());
}
