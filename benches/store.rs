//! Wall time to save and to open the large synthetic notebook (10,000
//! articles, 100,000 events, 1,000,000 cited figures): what the user waits
//! for behind the progress bar. Run: `cargo bench --bench store`.

use criterion::{Criterion, criterion_group, criterion_main};
#[path = "../tests/tools/synthetic.rs"]
mod synthetic;
use sitrep::store;
use std::hint::black_box;
use std::time::Duration;
use synthetic::Size;

fn bench_store(c: &mut Criterion) {
    let large = synthetic::notebook(Size::LARGE);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.ron");
    store::save(&path, &large).expect("saves");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "large notebook file: {:.0} MB ({:.0}% of the {} MiB cap)",
        size as f64 / 1e6,
        size as f64 * 100.0 / store::MAX_FILE_BYTES as f64,
        store::MAX_FILE_BYTES / 1024 / 1024
    );

    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(70));
    group.bench_function("save 1M-figure notebook", |b| {
        b.iter(|| store::save(&path, black_box(&large)).expect("saves"))
    });
    // What the user waits for is the notebook read: freeing the one read
    // before is not part of it (criterion drops the outputs after timing).
    group.bench_function("open 1M-figure notebook", |b| {
        b.iter_with_large_drop(|| store::load(&path).expect("loads"))
    });
    group.finish();
}

criterion_group!(benches, bench_store);
criterion_main!(benches);
