//! The map: time to read the shipped country outlines (both levels of
//! detail; the app does it once, off the UI thread; target 100 ms), and
//! CPU time for one frame of the map panel alone at 1400×900 with the
//! large synthetic notebook's 100k events (egui `run_ui` + `tessellate`,
//! no GPU; target 4 ms), still and while dragged (median and worst frame
//! printed); and the region filter (a picked place) over those events.
//! Run: `cargo bench --bench map`.

use criterion::{Criterion, criterion_group, criterion_main};
#[path = "../tests/tools/synthetic.rs"]
mod synthetic;
use sitrep::ui::MapAlone;
use std::hint::black_box;
use std::time::{Duration, Instant};
use synthetic::Size;

fn bench_outlines(c: &mut Criterion) {
    let coarse = include_str!("../assets/world-atlas/countries-110m.json");
    let fine = include_str!("../assets/world-atlas/countries-50m.json");
    c.bench_function("read the country outlines (1:110m and 1:50m)", |b| {
        b.iter(|| {
            let coarse = sitrep::map::parse_countries(black_box(coarse)).expect("reads");
            let fine = sitrep::map::parse_countries(black_box(fine)).expect("reads");
            coarse.len() + fine.len()
        })
    });
}

/// The window's input for one frame, with `events` in it, at `time` seconds.
fn input(events: Vec<egui::Event>, time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        time: Some(time),
        events,
        ..Default::default()
    }
}

/// One frame of the map alone: the UI pass and its tessellation.
fn frame(ctx: &egui::Context, map: &mut MapAlone, events: Vec<egui::Event>, time: f64) -> usize {
    let output = ctx.run_ui(input(events, time), |ui| {
        egui::CentralPanel::default().show(ui, |ui| map.show(ui));
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn button(pos: egui::Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

fn bench_map_frame(c: &mut Criterion) {
    let notebook = synthetic::notebook(Size::LARGE);
    let events = notebook.events.len();
    let ctx = egui::Context::default();
    let mut map = MapAlone::new(notebook);
    let mut time = 0.0;
    while !map.is_ready() {
        frame(&ctx, &mut map, Vec::new(), time);
        std::thread::sleep(Duration::from_millis(20));
        time += 0.02;
    }
    for _ in 0..3 {
        frame(&ctx, &mut map, Vec::new(), time);
    }
    let places = map.places();
    c.bench_function(
        &format!("map panel, {events} events at {places} places, 1400×900"),
        |b| {
            b.iter(|| {
                time += 1.0;
                frame(&ctx, &mut map, Vec::new(), time)
            })
        },
    );
    // Dragging: press, then move the pointer a frame at a time, there and back.
    let at = map.rect().expect("drawn").center();
    time += 1.0;
    frame(
        &ctx,
        &mut map,
        vec![egui::Event::PointerMoved(at), button(at, true)],
        time,
    );
    let mut times = Vec::new();
    for i in 0..120 {
        let dx = 2.0 * if i < 60 { i as f32 } else { (120 - i) as f32 };
        time += 1.0 / 60.0;
        let started = Instant::now();
        black_box(frame(
            &ctx,
            &mut map,
            vec![egui::Event::PointerMoved(at + egui::vec2(dx, dx / 2.0))],
            time,
        ));
        times.push(started.elapsed());
    }
    frame(&ctx, &mut map, vec![button(at, false)], time + 0.1);
    times.sort();
    eprintln!(
        "map panel, {events} events at {places} places: dragging, {} frames, median {:.2?}, worst {:.2?}",
        times.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

/// What picking a place costs the lists, the lane and the exports: every
/// event's place located and tested against the region.
fn bench_region_filter(c: &mut Criterion) {
    let notebook = synthetic::notebook(Size::LARGE);
    let place = notebook
        .events
        .iter()
        .find_map(|e| {
            Some((
                e.place.clone(),
                sitrep::map::markers::locate(&notebook, &e.place)?,
            ))
        })
        .expect("a placed event");
    let filter = sitrep::timeline::Filter {
        region: Some(sitrep::model::Region::around(&place.0, place.1)),
        ..Default::default()
    };
    c.bench_function(
        &format!("region filter over {} events", notebook.events.len()),
        |b| {
            b.iter(|| {
                let mut test = filter.events(&notebook);
                notebook.events.iter().filter(|e| test.shows(e)).count()
            })
        },
    );
}

criterion_group!(
    benches,
    bench_outlines,
    bench_map_frame,
    bench_region_filter
);
criterion_main!(benches);
