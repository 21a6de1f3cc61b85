//! Time to read the shipped country outlines (both levels of detail), which
//! the map does once, off the UI thread (target: 100 ms).
//! Run: `cargo bench --bench map`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

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

criterion_group!(benches, bench_outlines);
criterion_main!(benches);
