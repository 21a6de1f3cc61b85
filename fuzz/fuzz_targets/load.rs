//! Any bytes as a notebook file: a notebook or one clear error, never a
//! panic; what loads saves and loads back the same; a recovery copy too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::store;

fuzz_target!(|data: &[u8]| {
    if let Ok(opened) = store::parse_opened(data) {
        let text = store::to_text(&opened.notebook);
        let again = store::parse(text.as_bytes()).expect("what loads saves and loads back");
        assert_eq!(again, opened.notebook);
        // What the timeline and the exports do with it must not panic either.
        let _ = sitrep::timeline::unit_plots(&again, &Default::default());
        let _ = sitrep::timeline::event_marks(&again, &Default::default(), 2.0, 7.0, 6);
    }
    let _ = store::recovery::parse(data);
});
