//! Indexes the shipped gazetteer once, at build time: the program then
//! decodes the index in milliseconds instead of keying 152,000 rows at
//! every start (see `src/extract/gazetteer_index.rs`).

#[path = "extract/gazetteer_index.rs"]
mod gazetteer_index;

use gazetteer_index::{Index, Row, encode_rows, key_hash, push_word_key, rows};

const GAZETTEER: &str = "assets/gazetteer/gazetteer.tsv";

fn main() {
    println!("cargo::rerun-if-changed={GAZETTEER}");
    println!("cargo::rerun-if-changed=src/extract/gazetteer_index.rs");
    let tsv = match std::fs::read_to_string(GAZETTEER) {
        Ok(tsv) => tsv,
        Err(error) => {
            println!("cargo::error=cannot read {GAZETTEER}: {error}");
            return;
        }
    };
    let rows: Vec<Row> = rows(&tsv).collect();
    let mut out = Vec::with_capacity(tsv.len() * 3);
    Index::build(rows.iter().copied(), push_word_key).encode(
        tsv.len() as u64,
        key_hash(tsv.as_bytes()),
        &mut out,
    );
    encode_rows(&tsv, &rows, &mut out);
    let Some(dir) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set");
        return;
    };
    let path = std::path::Path::new(&dir).join("gazetteer.idx");
    if let Err(error) = std::fs::write(&path, &out) {
        println!("cargo::error=cannot write {}: {error}", path.display());
    }
}
