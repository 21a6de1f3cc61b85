//! CPU time to build one frame of the main window — the real `App` with the
//! article list, event lane, plots and map showing — headless (egui `run_ui` +
//! `tessellate`, no GPU), for the sample notebook and a large synthetic one:
//! a still frame, and frames while the user drags the timeline, zooms it
//! with Ctrl+scroll and zooms it with the + and - keys (input events fed to
//! the real `App`; the median and worst frame of each are printed).
//! Run: `cargo bench --bench frame`. For a profiler, `SITREP_PROFILE_STILL=1`
//! runs only large still frames and `SITREP_PROFILE_INTERACTION=1` only the
//! large notebook's gestures, many times.

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
#[path = "../tests/tools/synthetic.rs"]
mod synthetic;
use sitrep::ui::App;
use std::hint::black_box;
use std::time::{Duration, Instant};
use synthetic::Size;

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
    // The first frames lay out and cache (a big notebook's timeline on a
    // worker); what is measured is a frame after that. The very first frame
    // is what the user waits for once the notebook is read.
    let first = Instant::now();
    frame(&ctx, &mut app, &mut eframe_frame);
    eprintln!(
        "first frame ({} figures): {:.2?}",
        app.notebook()
            .series
            .iter()
            .map(|s| s.observations.len())
            .sum::<usize>(),
        first.elapsed()
    );
    for _ in 0..4 {
        frame(&ctx, &mut app, &mut eframe_frame);
    }
    while !app.timeline_is_current() {
        std::thread::sleep(Duration::from_millis(20));
        frame(&ctx, &mut app, &mut eframe_frame);
    }
    frame(&ctx, &mut app, &mut eframe_frame);
    (ctx, app, eframe_frame)
}

/// Feeds input events to the app a frame at a time, timing each frame.
struct Driver<'a> {
    ctx: &'a egui::Context,
    app: &'a mut App,
    eframe_frame: &'a mut eframe::Frame,
    time: f64,
}

/// The primary button pressed or let go at `pos`.
fn button(pos: egui::Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

/// How far along a drag is at frame `i` of 120: out for a second, then back.
fn there_and_back(i: usize, step: f32) -> f32 {
    if i < 60 {
        i as f32 * step
    } else {
        (120 - i) as f32 * step
    }
}

impl Driver<'_> {
    /// Presses at `at`, so that the next moves drag.
    fn press(&mut self, at: egui::Pos2) {
        self.step(vec![egui::Event::PointerMoved(at)]);
        self.step(vec![button(at, true)]);
    }

    fn step(&mut self, events: Vec<egui::Event>) -> Duration {
        let raw = egui::RawInput {
            time: Some(self.time),
            events,
            ..input()
        };
        self.time += 1.0 / 60.0;
        let (app, eframe_frame) = (&mut *self.app, &mut *self.eframe_frame);
        let start = Instant::now();
        let output = self.ctx.run_ui(raw, |ui| app.ui(ui, eframe_frame));
        black_box(
            self.ctx
                .tessellate(output.shapes, output.pixels_per_point)
                .len(),
        );
        start.elapsed()
    }
}

/// The median and worst of some frame times.
fn median_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    (median, times.last().copied().unwrap_or_default())
}

/// Drags the event lane sideways, zooms with Ctrl+scroll over it, then with
/// the + and - keys; gives each gesture's frame times.
fn interaction(
    ctx: &egui::Context,
    app: &mut App,
    eframe_frame: &mut eframe::Frame,
) -> [(&'static str, Vec<Duration>); 3] {
    let lane = app.timeline_lane_rect().expect("the timeline was drawn");
    let at = lane.center();
    let start = app.timeline_range();
    let width = |app: &App| app.timeline_range().map_or(0.0, |(min, max)| max - min);
    let mut driver = Driver {
        ctx,
        app,
        eframe_frame,
        time: 100.0,
    };
    driver.press(at);
    let mut drag = Vec::new();
    for i in 0..120 {
        // Right for a second, then back: the range moves every frame.
        let dx = there_and_back(i, 5.0);
        let pos = at + egui::vec2(dx.min(lane.width() / 2.0 - 10.0), 0.0);
        drag.push(driver.step(vec![egui::Event::PointerMoved(pos)]));
        if i == 60 {
            assert_ne!(
                driver.app.timeline_range(),
                start,
                "dragging moved the timeline"
            );
        }
    }
    driver.step(vec![button(at, false)]);
    let width_before = width(driver.app);
    let mut scroll = Vec::new();
    for i in 0..120 {
        let delta = if i < 60 { 60.0 } else { -60.0 };
        let wheel = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::CTRL,
        };
        if i == 60 {
            assert!(
                width(driver.app) < width_before * 0.9,
                "Ctrl+scroll zoomed in"
            );
        }
        scroll.push(driver.step(vec![
            egui::Event::ModifiersChanged(egui::Modifiers::CTRL),
            egui::Event::PointerMoved(at),
            wheel,
        ]));
    }
    driver.step(vec![egui::Event::ModifiersChanged(egui::Modifiers::NONE)]);
    let width_before = width(driver.app);
    let mut keys = Vec::new();
    for i in 0..60 {
        let key = if i < 30 {
            egui::Key::Plus
        } else {
            egui::Key::Minus
        };
        let press = |pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        if i == 30 {
            assert!(
                width(driver.app) < width_before * 0.9,
                "the + key zoomed in"
            );
        }
        keys.push(driver.step(vec![press(true)]));
        keys.push(driver.step(vec![press(false)]));
    }
    [
        ("drag", drag),
        ("ctrl+scroll zoom", scroll),
        ("+/- key zoom", keys),
    ]
}

/// Drags the map beside the large notebook's timeline about: the still
/// frame and its frames while panning (the map is shown by default).
fn print_map(ctx: &egui::Context, app: &mut App, eframe_frame: &mut eframe::Frame) {
    for _ in 0..5 {
        frame(ctx, app, eframe_frame);
    }
    while app.is_busy() {
        std::thread::sleep(Duration::from_millis(20));
        frame(ctx, app, eframe_frame);
    }
    let markers = app.map_markers().len();
    let still = mean_frame(ctx, app, eframe_frame, 30);
    let rect = app.map_rect().expect("the map is shown");
    let at = rect.center();
    let mut driver = Driver {
        ctx,
        app,
        eframe_frame,
        time: 500.0,
    };
    driver.press(at);
    let mut drag = Vec::new();
    for i in 0..120 {
        let dx = there_and_back(i, 2.0);
        drag.push(driver.step(vec![egui::Event::PointerMoved(
            at + egui::vec2(dx, dx / 2.0),
        )]));
    }
    driver.step(vec![button(at, false)]);
    let (median, worst) = median_worst(drag);
    eprintln!(
        "map, large ({markers} places drawn): still frame with the map {still:.2?}; dragging the map median {median:.2?}, worst {worst:.2?}"
    );
    for _ in 0..3 {
        frame(ctx, driver.app, driver.eframe_frame);
    }
}

fn print_interaction(
    name: &str,
    ctx: &egui::Context,
    app: &mut App,
    eframe_frame: &mut eframe::Frame,
) {
    for (gesture, times) in interaction(ctx, app, eframe_frame) {
        let frames = times.len();
        let (median, worst) = median_worst(times);
        eprintln!(
            "interaction, {name}, {gesture}: {frames} frames, median {median:.2?}, worst {worst:.2?}"
        );
    }
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

    if std::env::var_os("SITREP_PROFILE_STILL").is_some() {
        mean_frame(&large_ctx, &mut large_app, &mut large_frame, 1500);
        return;
    }
    if std::env::var_os("SITREP_PROFILE_INTERACTION").is_some() {
        for _ in 0..15 {
            print_interaction("large", &large_ctx, &mut large_app, &mut large_frame);
        }
        return;
    }
    print_interaction("sample", &sample_ctx, &mut sample_app, &mut sample_frame);
    print_interaction("large", &large_ctx, &mut large_app, &mut large_frame);
    print_map(&large_ctx, &mut large_app, &mut large_frame);
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
