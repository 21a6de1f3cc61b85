//! Wall time to turn hostile and huge HTML pages into an article: deep
//! nesting, huge attribute lists, long runs without tags and a long flat
//! page, each at 1, 4 and 16 MiB so that time proportional to size shows as
//! an even throughput. The target is 2 s for any 16 MiB page. Also: watch
//! terms found in 16 MiB of article text (the first pass over a notebook's
//! articles when a term is added).
//! Run: `cargo bench --bench import`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sitrep::import;
use std::hint::black_box;
use std::time::Duration;

const MIB: usize = 1024 * 1024;

/// A page whose body is `unit` repeated to `size` bytes.
fn page(size: usize, open: &str, unit: &str, close: &str) -> Vec<u8> {
    let head = "<html><head><title>Bench</title></head><body><article>";
    let mut html = String::with_capacity(size + close.len() + 64);
    html.push_str(head);
    html.push_str(open);
    while html.len() + unit.len() < size {
        html.push_str(unit);
    }
    html.push_str(close);
    html.push_str("</article></body></html>");
    html.into_bytes()
}

/// One chain of `div`s as deep as the page is long, a few words at each level.
fn deep_chain(size: usize) -> Vec<u8> {
    page(size, "", "<div>Shelling hit 3 villages. ", "")
}

/// Many branches, each 300 levels deep, side by side: after the depth cap,
/// the worst case for the readability pass, which walks each element's
/// ancestors and descendants.
fn deep_branches(size: usize) -> Vec<u8> {
    let branch = format!(
        "{}<p>Officials said 12 people were hurt on Tuesday.</p>{}",
        "<div class=\"wrap\">".repeat(300),
        "</div>".repeat(300)
    );
    page(size, "", &branch, "")
}

/// One paragraph with as many attributes as fit.
fn attributes(size: usize) -> Vec<u8> {
    page(
        size,
        "<p",
        " data-track=\"x\"",
        ">The convoy of 40 trucks arrived.</p>",
    )
}

/// Text with no tag at all.
fn no_tags(size: usize) -> Vec<u8> {
    page(
        size,
        "<p>",
        "aid reached 2,000 families in the camp ",
        "</p>",
    )
}

/// An ordinary article, only very long.
fn flat(size: usize) -> Vec<u8> {
    page(
        size,
        "",
        "<div class=\"para\"><p>Fighters took 4 districts near the river, officials said on \
         Tuesday.</p><a href=\"/more\">More</a><br></div>\n",
        "",
    )
}

/// A page shape: its name and how to make it at a size.
type Shape = (&'static str, fn(usize) -> Vec<u8>);

fn bench_import(c: &mut Criterion) {
    let shapes: [Shape; 5] = [
        ("deep chain", deep_chain),
        ("deep branches", deep_branches),
        ("huge attribute list", attributes),
        ("no tags", no_tags),
        ("flat article", flat),
    ];
    let mut group = c.benchmark_group("import html");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    for (name, make) in shapes {
        for mib in [1, 4, 16] {
            // Just under the import limit, which is 16 MiB exactly.
            let bytes = make(mib * MIB - 64);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(name, format!("{mib} MiB")),
                &bytes,
                |b, bytes| {
                    b.iter(|| {
                        black_box(import::from_bytes("html", "bench.html", bytes).expect("imports"))
                    })
                },
            );
        }
    }
    group.finish();
}

/// Three watch terms (a gazetteer place with its other spellings, an actor,
/// free words) over 16 MiB of news-like text, as 3,200 articles of 5 KiB.
fn bench_watch(c: &mut Criterion) {
    let mut notebook = sitrep::model::Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    for (i, term) in ["Kunduz", "Taliban", "border crossing"].iter().enumerate() {
        notebook.watch.push(sitrep::model::WatchTerm {
            id: sitrep::model::WatchId::from_u128(i as u128 + 1),
            term: (*term).to_owned(),
        });
    }
    let watcher = import::watch::Watcher::new(&notebook);
    let sentence = "Officials said fighters crossed the river near the district centre on Sunday, and aid groups counted 120 families who had left their homes. ";
    let article: String = sentence.repeat(5 * 1024 / sentence.len());
    let articles = 16 * MIB / article.len();
    let mut group = c.benchmark_group("watch terms");
    group.throughput(Throughput::Bytes((articles * article.len()) as u64));
    group.sample_size(10);
    group.bench_function(format!("{articles} articles of 5 KiB"), |b| {
        b.iter(|| {
            (0..articles)
                .filter(|_| !watcher.hits("A title", black_box(&article)).is_empty())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_import, bench_watch);
criterion_main!(benches);
