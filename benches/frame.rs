//! CPU time to build one frame of the main window — the real `App` with the
//! article list, event lane and plots showing — headless (egui `run_ui` +
//! `tessellate`, no GPU), for the sample notebook and a large synthetic one.
//! Run: `cargo bench --bench frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use sitrep::model::synthetic::{self, Size};
use sitrep::ui::App;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

/// One frame of the app: the UI pass and its tessellation.
fn frame(ctx: &egui::Context, app: &mut App, frame: &mut eframe::Frame) -> usize {
    let output = ctx.run_ui(input(), |ui| app.ui(ui, frame));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn ready(notebook: sitrep::model::Notebook) -> (egui::Context, App, eframe::Frame) {
    let ctx = egui::Context::default();
    let mut app = App::with_notebook(&ctx, notebook);
    let mut eframe_frame = eframe::Frame::_new_kittest();
    // The first frames lay out and cache; what is measured is a frame after that.
    for _ in 0..5 {
        frame(&ctx, &mut app, &mut eframe_frame);
    }
    (ctx, app, eframe_frame)
}

fn mean_frame(
    ctx: &egui::Context,
    app: &mut App,
    eframe_frame: &mut eframe::Frame,
    runs: u32,
) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(frame(ctx, app, eframe_frame));
    }
    start.elapsed() / runs
}

/// egui_plot handed a million raw points, the way not to do it: the reference.
fn naive_plot_frame() -> Duration {
    let ctx = egui::Context::default();
    let points: Vec<[f64; 2]> = (0..1_000_000)
        .map(|i| [i as f64, (i % 997) as f64])
        .collect();
    let run = || {
        let output = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                egui_plot::Plot::new("naive").show(ui, |plot_ui| {
                    plot_ui.line(egui_plot::Line::new("raw", points.clone()));
                });
            });
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    run();
    let start = Instant::now();
    for _ in 0..3 {
        black_box(run());
    }
    start.elapsed() / 3
}

fn bench_frames(c: &mut Criterion) {
    let sample =
        sitrep::store::load("saves/afghanistan-2021.ron".as_ref()).expect("the sample notebook");
    let made = Instant::now();
    let large = synthetic::notebook(Size::LARGE);
    eprintln!("synthetic notebook made in {:.2?}", made.elapsed());

    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    let (sample_ctx, mut sample_app, mut sample_frame) = ready(sample);
    group.bench_function("sample notebook", |b| {
        b.iter(|| frame(&sample_ctx, &mut sample_app, &mut sample_frame))
    });
    let (large_ctx, mut large_app, mut large_frame) = ready(large);
    group.bench_function("10k articles, 100k events, 1M figures", |b| {
        b.iter(|| frame(&large_ctx, &mut large_app, &mut large_frame))
    });
    group.finish();

    let small = mean_frame(&sample_ctx, &mut sample_app, &mut sample_frame, 50);
    let big = mean_frame(&large_ctx, &mut large_app, &mut large_frame, 50);
    let naive = naive_plot_frame();
    eprintln!(
        "frame: sample {small:.2?}, large {big:.2?}; large/sample = {:.2}; naive 1M-point plot {naive:.2?}, large/naive = {:.3}",
        big.as_secs_f64() / small.as_secs_f64(),
        big.as_secs_f64() / naive.as_secs_f64()
    );
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
