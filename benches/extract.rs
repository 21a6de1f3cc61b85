//! Extraction speed over 10+ MB of news-like text (target: 50 MB/s on one
//! core), and the time to load the world gazetteer and lexicon (target:
//! 100 ms). Run: `cargo bench --bench extract`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep::extract::Extractor;
use std::hint::black_box;

/// Sentences in the style of conflict reporting, written for this benchmark.
const SENTENCES: &[&str] = &[
    "The Taliban captured the district centre of Imam Sahib in Kunduz province on Sunday after two days of fighting.",
    "Officials said more than 50 of the country's 370 districts had fallen since May.",
    "The remaining 2,500-3,500 US troops and 7,000 NATO soldiers are expected to leave by September 11.",
    "Dozens of civilians fled towards Mazar-i-Sharif, and at least 12 were wounded near the airport.",
    "A spokesman for the Afghan government said security forces had retaken two checkpoints in Faryab.",
    "Talks in Doha between the two sides produced no agreement last week, diplomats said.",
    "The UN envoy told the Security Council that fighting was likely to worsen in the coming months.",
    "Around 1,000 refugees crossed into Tajikistan near Shir Khan Bandar, 50 kilometres north of Kunduz.",
    "In 2020, the United States signed an agreement with the Taliban that set a withdrawal date of May 1.",
    "Prices in Kabul rose by 13 percent as the road to Torkham was closed for the third time this month.",
];

fn corpus(min_bytes: usize) -> String {
    let mut text = String::with_capacity(min_bytes + 4096);
    let mut paragraph = 0;
    while text.len() < min_bytes {
        for (index, sentence) in SENTENCES.iter().enumerate() {
            // Vary the text a little so that no two paragraphs are identical.
            if (index + paragraph) % 7 == 0 {
                text.push_str(&format!("Report {paragraph}: "));
            }
            text.push_str(sentence);
            text.push(' ');
        }
        text.push_str("\n\n");
        paragraph += 1;
    }
    text
}

fn bench_extract(c: &mut Criterion) {
    let extractor = Extractor::with_defaults().expect("extractor");
    let text = corpus(10 * 1024 * 1024);
    let published = "2021-06-22".parse().expect("date");
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("10 MiB of news text", |b| {
        b.iter(|| black_box(extractor.extract(black_box(&text), published)).len())
    });
    group.finish();
}

/// Reading the embedded world gazetteer (from the index built with the
/// program) and lexicon, which every extractor needs once (target: 100 ms
/// together); and indexing the gazetteer from its file, which the build
/// does instead.
fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    // Both live for the whole run of the program: dropping them is not part
    // of loading, so it is left out of the measure.
    group.bench_function("world gazetteer", |b| {
        b.iter_with_large_drop(sitrep::extract::places::Gazetteer::prebuilt)
    });
    group.bench_function("world gazetteer indexed from its file", |b| {
        b.iter_with_large_drop(|| {
            sitrep::extract::places::Gazetteer::parse(sitrep::extract::places::GAZETTEER_TSV)
        })
    });
    group.bench_function("lexicon", |b| {
        b.iter_with_large_drop(|| {
            sitrep::extract::lexicon::Lexicon::parse(sitrep::extract::lexicon::WORDS_TSV)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_load);
criterion_main!(benches);
