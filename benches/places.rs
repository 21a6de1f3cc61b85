//! Resolving the places of one article (target: a 5 KB article in under
//! 1 ms): the names the evidence put forward weighed against the whole
//! text, the notebook's focus and every namesake. Run: `cargo bench --bench
//! places`.

use criterion::{Criterion, criterion_group, criterion_main};
use sitrep::extract::lexicon::lexicon;
use sitrep::extract::place_choice::resolve;
use sitrep::extract::places::world;
use sitrep::extract::tokens::{sentences, tokenize};
use std::hint::black_box;

/// A report in the style of the wires, written for this benchmark, with
/// namesakes to tell apart (Washington, Saida, Gaza, Kharkiv, Boni).
const REPORT: &str = "KHARTOUM, June 3 - Fighting spread from Khartoum to Omdurman and Bahri on Tuesday, \
residents said, as the army shelled positions near El Obeid in North Kordofan. \
Aid agencies said 12,000 people fled towards Kosti and Wad Madani in Gezira state, \
while others crossed into Chad near Adre. In Washington, officials said talks in Jeddah \
would resume. Sudanese troops retook Kassala after a week, and the Rapid Support Forces \
claimed El Geneina in West Darfur. Camps around Nyala and Zalingei were overwhelmed. \
The UN said convoys reached Saida and Gaza in the same week, and that shelling in Kharkiv \
Oblast had slowed deliveries from Odesa. A landmine near Boni, in central Mali, killed \
four. Refugees in Renk and Malakal in South Sudan said the border at Joda was closed. ";

fn article(min_bytes: usize) -> String {
    let mut text = String::new();
    while text.len() < min_bytes {
        text.push_str(REPORT);
    }
    text
}

fn bench_resolve(c: &mut Criterion) {
    let world = world();
    let text = article(5 * 1024);
    let mut tokens = Vec::new();
    let mut candidates = Vec::new();
    let mut key = String::new();
    for (start, end) in sentences(&text) {
        tokens.clear();
        tokenize(&text, start, end, &mut tokens);
        world.candidates(&text, &tokens, lexicon(), &mut key, &mut candidates);
    }
    let focus = [("SD", 1.0)];
    let mut group = c.benchmark_group("places");
    group.bench_function("resolve the places of a 5 KB article", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(candidates.len());
            resolve(world, black_box(&candidates), &focus, &mut out);
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_resolve);
criterion_main!(benches);
