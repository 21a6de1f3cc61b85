//! Scores the extractor on a labelled file of real excerpts and prints
//! precision, recall and F1 per kind, then every miss and false hit.
//!
//! `cargo run --release --example score-extract -- FILE.jsonl [--floor FLOORS]
//! [--places-gold GOLD.jsonl [--places-floor FLOORS]] [--quiet]`
//!
//! With `--floor`, exits 1 when a kind falls below its floor (the ratchet
//! kept in `tests/corpus/real-news-floor.txt`). With `--places-gold`, it
//! also scores where the found places were put against where each lies
//! (floors in `tests/corpus/places-floor.txt`).

#[path = "place_score.rs"]
mod place_score;
#[path = "score.rs"]
mod score;

use place_score::{below_resolution_floors, score_resolution, score_resolution_in_notebooks};
use score::{below_floors, parse_floors, score};
use sitrep::extract::Extractor;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let mut file = None;
    let mut floor = None;
    let mut places_gold = None;
    let mut places_floor = None;
    let mut quiet = false;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--floor") => floor = args.next(),
            Some("--places-gold") => places_gold = args.next(),
            Some("--places-floor") => places_floor = args.next(),
            Some("--quiet") => quiet = true,
            Some("--help" | "-h") => {
                println!(
                    "usage: score-extract FILE.jsonl [--floor FLOORS] [--places-gold GOLD.jsonl [--places-floor FLOORS]] [--quiet]"
                );
                return ExitCode::SUCCESS;
            }
            _ => file = Some(arg),
        }
    }
    let Some(file) = file else {
        eprintln!("score-extract: name a labelled .jsonl file");
        return ExitCode::from(2);
    };
    let read = |path: &std::ffi::OsString| {
        std::fs::read_to_string(path)
            .map_err(|e| format!("score-extract: {}: {e}", path.to_string_lossy()))
    };
    let run = || -> Result<bool, String> {
        let jsonl = read(&file)?;
        let extractor = Extractor::with_defaults()?;
        let report = score(&extractor, &jsonl)
            .map_err(|e| format!("score-extract: {}: {e}", file.to_string_lossy()))?;
        if !quiet {
            for m in &report.mismatches {
                let what = if m.missed { "missed" } else { "false hit" };
                println!("{} {:<10} {what:<9} {}", m.excerpt, m.kind, m.fact);
            }
            println!();
        }
        print!("{}", report.summary());
        let mut below = Vec::new();
        if let Some(floor) = &floor {
            let floors = parse_floors(&read(floor)?)
                .map_err(|e| format!("score-extract: {}: {e}", floor.to_string_lossy()))?;
            below.extend(below_floors(&report, &floors));
        }
        if let Some(gold) = &places_gold {
            let resolution = score_resolution(&extractor, &jsonl, &read(gold)?)
                .map_err(|e| format!("score-extract: {}: {e}", gold.to_string_lossy()))?;
            if !quiet {
                for miss in &resolution.misses {
                    println!("{miss}");
                }
            }
            print!("{}", resolution.summary());
            // As the app reads them: in a notebook titled by the excerpt's crisis.
            let in_notebooks = score_resolution_in_notebooks(&extractor, &jsonl, &read(gold)?)
                .map_err(|e| format!("score-extract: {}: {e}", gold.to_string_lossy()))?;
            print!("in a notebook of its crisis, {}", in_notebooks.summary());
            if let Some(floor) = &places_floor {
                below.extend(
                    below_resolution_floors(&resolution, &read(floor)?)
                        .map_err(|e| format!("score-extract: {}: {e}", floor.to_string_lossy()))?,
                );
            }
        }
        for line in &below {
            eprintln!("score-extract: below the floor: {line}");
        }
        Ok(below.is_empty())
    };
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
