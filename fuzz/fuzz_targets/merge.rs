//! Three notebooks made from the input (split at two 0xFF bytes, which
//! UTF-8 text never holds) merged: a valid notebook or an error, never a
//! panic; merging a notebook with itself changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::store::{self, merge};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0xFF);
    let (Some(base), Some(ours), Some(theirs)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let (Ok(base), Ok(ours), Ok(theirs)) =
        (store::parse(base), store::parse(ours), store::parse(theirs))
    else {
        return;
    };
    if let Ok(merged) = merge::merge(&base, &ours, &theirs) {
        assert!(merged.notebook.validate().is_empty());
        for index in 0..merged.notebook.conflicts.len() {
            for side in [merge::Side::Ours, merge::Side::Theirs] {
                let mut settled = merged.notebook.clone();
                if let Ok(edit) = merge::resolve(&settled, index, side) {
                    let _ = edit.apply(&mut settled);
                }
            }
        }
    }
    let same = merge::merge(&ours, &ours, &ours).expect("a notebook merges with itself");
    assert!(same.conflicts.is_empty());
});
