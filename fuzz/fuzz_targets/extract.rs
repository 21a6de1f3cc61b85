//! Any text through the extractor (and any bytes through the importer):
//! facts whose spans lie on character boundaries inside the text, in order,
//! each one a line of JSON that quotes exactly its span; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::extract::Extractor;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::with_defaults().expect("gazetteer loads"));
    let text = String::from_utf8_lossy(data);
    let published = jiff::civil::Date::constant(2021, 6, 22);
    let facts = extractor.extract(&text, published);
    let mut previous = 0;
    for fact in &facts {
        let (start, end) = fact.span();
        assert!(start <= end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(start >= previous, "facts come sorted by start");
        previous = start;
        let line: serde_json::Value =
            serde_json::from_str(&sitrep::cli::json::fact_line(&fact, &text)).expect("one line of JSON");
        assert_eq!(line["text"].as_str(), text.get(start..end));
    }
    let by_sentence: usize = extractor
        .sentences(&text, published)
        .iter()
        .map(|s| s.facts.len())
        .sum();
    assert_eq!(by_sentence, facts.len());
    for extension in ["html", "txt", "eml"] {
        let _ = sitrep::import::from_bytes(extension, "fuzz", data);
    }
});
