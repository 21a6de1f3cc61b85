//! Any text through the extractor (and any bytes through the importer):
//! facts whose spans lie on character boundaries inside the text, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::extract::Extractor;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::with_defaults().expect("gazetteer loads"));
    let text = String::from_utf8_lossy(data);
    let published = jiff::civil::Date::constant(2021, 6, 22);
    for fact in extractor.extract(&text, published) {
        let (start, end) = fact.span();
        assert!(start <= end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    for extension in ["html", "txt", "eml"] {
        let _ = sitrep::import::from_bytes(extension, "fuzz", data);
    }
});
