//! Scores the extractor against hand-labelled excerpts: precision, recall
//! and F1 per kind of fact, and every miss and false hit.
//!
//! The labelled file holds one JSON object per line with `text`,
//! `published` (YYYY-MM-DD) and `gold: {quantities, dates, places}`, the
//! layout of `../shared/corpus/real-news-dev.jsonl`. What counts as a match:
//! - a quantity: the same low, high, unit, qualifier and denominator;
//! - a date: the same date and precision, on words that overlap the gold text;
//! - a place: the same spelling (without a possessive), once per excerpt.

use serde_json::Value;
use sitrep::extract::{Extractor, Fact, qualifier_name};
use sitrep::model::Precision;
use std::fmt::Write as _;

/// The kinds of fact scored, in the order reports list them.
pub const KINDS: [&str; 3] = ["quantities", "dates", "places"];

/// Counts for one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Facts the labels hold.
    pub expected: usize,
    /// Facts the extractor gave.
    pub found: usize,
    /// Facts in both.
    pub matched: usize,
}

impl Tally {
    /// Matched over found (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }

    /// Matched over expected (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// One disagreement between the labels and the extractor.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// The excerpt's `id` (or its line number).
    pub excerpt: String,
    /// Which kind of fact.
    pub kind: &'static str,
    /// True for a labelled fact the extractor missed, false for a false hit.
    pub missed: bool,
    /// The fact, as `text | values`.
    pub fact: String,
}

/// The outcome of a scoring run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Excerpts read.
    pub excerpts: usize,
    /// Counts per kind, in [`KINDS`] order.
    pub tallies: [Tally; 3],
    /// Every miss and false hit, in file order.
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    /// The counts for one of [`KINDS`].
    pub fn tally(&self, kind: &str) -> Tally {
        KINDS
            .iter()
            .position(|k| *k == kind)
            .map(|i| self.tallies[i])
            .unwrap_or_default()
    }

    /// The table of precision, recall and F1, one line per kind.
    pub fn summary(&self) -> String {
        let mut out = format!("{} excerpts\n", self.excerpts);
        for (kind, t) in KINDS.iter().zip(&self.tallies) {
            let _ = writeln!(
                out,
                "{kind:>10}: precision {:.3}  recall {:.3}  F1 {:.3}  ({} labelled, {} found, {} matched)",
                t.precision(),
                t.recall(),
                t.f1(),
                t.expected,
                t.found,
                t.matched
            );
        }
        out
    }
}

/// A fact as scoring compares it: the words it stands on and its values.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    text: String,
    /// Byte spans where the text may stand (a gold fact has no span of its own).
    spans: Vec<(usize, usize)>,
    values: String,
}

/// Scores `extractor` on every line of `jsonl`. A line that is not a labelled
/// excerpt is an error naming its line number.
pub fn score(extractor: &Extractor, jsonl: &str) -> Result<Report, String> {
    let mut report = Report::default();
    for (index, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let item: Value =
            serde_json::from_str(line).map_err(|e| format!("line {number}: not JSON: {e}"))?;
        let text = item["text"]
            .as_str()
            .ok_or(format!("line {number}: no \"text\""))?;
        let published = item["published"]
            .as_str()
            .and_then(|p| p.parse().ok())
            .ok_or(format!("line {number}: no \"published\" date (YYYY-MM-DD)"))?;
        let excerpt = item["id"]
            .as_str()
            .map_or_else(|| format!("line {number}"), str::to_owned);
        report.excerpts += 1;
        let facts = extractor.extract(text, published);
        for (slot, kind) in KINDS.iter().enumerate() {
            let expected: Vec<Key> = item["gold"][kind]
                .as_array()
                .map(|facts| {
                    facts
                        .iter()
                        .filter_map(|f| gold_key(kind, text, f))
                        .collect()
                })
                .unwrap_or_default();
            let mut found: Vec<Key> = facts
                .iter()
                .filter_map(|f| found_key(kind, text, f))
                .collect();
            if *kind == "places" {
                let mut seen = Vec::new();
                found.retain(|k| {
                    let new = !seen.contains(&k.text);
                    seen.push(k.text.clone());
                    new
                });
            }
            let tally = &mut report.tallies[slot];
            tally.expected += expected.len();
            tally.found += found.len();
            let mut unmatched_found: Vec<Option<Key>> = found.into_iter().map(Some).collect();
            for gold in expected {
                let hit = unmatched_found
                    .iter()
                    .position(|f| f.as_ref().is_some_and(|f| matches(kind, &gold, f)));
                match hit {
                    Some(at) => {
                        tally.matched += 1;
                        unmatched_found[at] = None;
                    }
                    None => report.mismatches.push(Mismatch {
                        excerpt: excerpt.clone(),
                        kind,
                        missed: true,
                        fact: format!("{} | {}", gold.text, gold.values),
                    }),
                }
            }
            for extra in unmatched_found.into_iter().flatten() {
                report.mismatches.push(Mismatch {
                    excerpt: excerpt.clone(),
                    kind,
                    missed: false,
                    fact: format!("{} | {}", extra.text, extra.values),
                });
            }
        }
    }
    Ok(report)
}

fn matches(kind: &str, gold: &Key, found: &Key) -> bool {
    match kind {
        "quantities" => gold.values == found.values,
        "dates" => {
            gold.values == found.values
                && gold
                    .spans
                    .iter()
                    .any(|&(gs, ge)| found.spans.iter().any(|&(fs, fe)| fs < ge && gs < fe))
        }
        _ => gold.text == found.text,
    }
}

fn quantity_values(
    low: f64,
    high: f64,
    unit: &str,
    qualifier: &str,
    denominator: Option<f64>,
) -> String {
    let denominator = denominator.map_or_else(|| "-".to_owned(), |d| d.to_string());
    format!("{low}-{high} {unit} {qualifier} of {denominator}")
}

fn date_values(date: &str, precision: &str) -> String {
    format!("{date} {precision}")
}

fn gold_key(kind: &str, text: &str, fact: &Value) -> Option<Key> {
    match kind {
        "quantities" => Some(Key {
            text: String::new(),
            spans: Vec::new(),
            values: quantity_values(
                fact["low"].as_f64()?,
                fact["high"].as_f64()?,
                fact["unit"].as_str()?,
                fact["qualifier"].as_str()?,
                fact["denominator"].as_f64(),
            ),
        }),
        "dates" => {
            let words = fact["text"].as_str()?;
            Some(Key {
                text: words.to_owned(),
                spans: text
                    .match_indices(words)
                    .map(|(at, w)| (at, at + w.len()))
                    .collect(),
                values: date_values(fact["date"].as_str()?, fact["precision"].as_str()?),
            })
        }
        _ => Some(Key {
            text: fact.as_str()?.to_owned(),
            spans: Vec::new(),
            values: String::new(),
        }),
    }
}

fn found_key(kind: &str, text: &str, fact: &Fact) -> Option<Key> {
    let (start, end) = fact.span();
    let words = text.get(start..end)?.to_owned();
    match (kind, fact) {
        ("quantities", Fact::Quantity(q)) => Some(Key {
            values: quantity_values(
                q.figure.low,
                q.figure.high,
                &q.figure.unit,
                qualifier_name(q.figure.qualifier),
                q.figure.denominator,
            ),
            text: words,
            spans: vec![(start, end)],
        }),
        ("dates", Fact::Date(d)) => Some(Key {
            values: date_values(
                &d.date.first_day().to_string(),
                match d.date.precision {
                    Precision::Day => "day",
                    Precision::Month => "month",
                    Precision::Year => "year",
                },
            ),
            text: words,
            spans: vec![(start, end)],
        }),
        ("places", Fact::Place { .. }) => Some(Key {
            text: sitrep::extract::tokens::strip_possessive(&words).to_owned(),
            spans: vec![(start, end)],
            values: String::new(),
        }),
        _ => None,
    }
}

/// Floors a run must reach: `kind f1 precision` per line, `#` comments.
pub fn parse_floors(text: &str) -> Result<Vec<(String, f64, f64)>, String> {
    let mut floors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let parse = |s: &str| s.parse::<f64>().ok().filter(|v| (0.0..=1.0).contains(v));
        match parts.as_slice() {
            [kind, f1, precision] if KINDS.contains(kind) => floors.push((
                (*kind).to_owned(),
                parse(f1).ok_or(format!("line {}: F1 floor '{f1}' is not 0..1", index + 1))?,
                parse(precision).ok_or(format!(
                    "line {}: precision floor '{precision}' is not 0..1",
                    index + 1
                ))?,
            )),
            _ => {
                return Err(format!(
                    "line {}: expected 'KIND F1 PRECISION' with KIND one of {KINDS:?}",
                    index + 1
                ));
            }
        }
    }
    Ok(floors)
}

/// The kinds of `report` below their floors, one message each.
pub fn below_floors(report: &Report, floors: &[(String, f64, f64)]) -> Vec<String> {
    floors
        .iter()
        .filter_map(|(kind, f1, precision)| {
            let t = report.tally(kind);
            // Compare at the printed precision, so a floor copied from the output holds.
            let (got_f1, got_p) = ((t.f1() * 1000.0).round() / 1000.0, (t.precision() * 1000.0).round() / 1000.0);
            (got_f1 < *f1 || got_p < *precision).then(|| {
                format!("{kind}: F1 {got_f1:.3} (floor {f1:.3}), precision {got_p:.3} (floor {precision:.3})")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, gold: &str) -> Report {
        let line = format!(
            r#"{{"id":"t1","published":"2021-06-22","text":{},"gold":{gold}}}"#,
            serde_json::to_string(text).unwrap_or_default()
        );
        let extractor = Extractor::with_defaults().expect("extractor");
        score(&extractor, &line).expect("scored")
    }

    #[test]
    fn a_right_fact_matches_and_a_wrong_value_is_both_a_miss_and_a_false_hit() {
        let right = one(
            "They held more than 50 of the country's 370 districts on Sunday.",
            concat!(
                r#"{"quantities":[{"low":50,"high":50,"unit":"districts","qualifier":"more_than","denominator":370}],"#,
                r#""dates":[{"text":"Sunday","date":"2021-06-20","precision":"day"}],"places":[]}"#
            ),
        );
        assert_eq!(right.tally("quantities").matched, 1);
        assert_eq!(right.tally("dates").matched, 1);
        assert!(right.mismatches.is_empty(), "{:?}", right.mismatches);
        let wrong = one(
            "They held more than 50 of the country's 370 districts.",
            r#"{"quantities":[{"low":50,"high":50,"unit":"districts","qualifier":"exact","denominator":370}],"dates":[],"places":[]}"#,
        );
        let q = wrong.tally("quantities");
        assert_eq!((q.expected, q.found, q.matched), (1, 1, 0));
        assert_eq!(wrong.mismatches.len(), 2);
        assert_eq!(q.f1(), 0.0);
    }

    #[test]
    fn floors_parse_and_a_kind_below_its_floor_is_named() {
        let floors = parse_floors("# kind f1 precision\nplaces 0.5 0.9\n").expect("floors");
        let report = one(
            "Fighting in Kabul.",
            r#"{"quantities":[],"dates":[],"places":["Kandahar"]}"#,
        );
        let below = below_floors(&report, &floors);
        assert_eq!(below.len(), 1, "{below:?}");
        assert!(below[0].starts_with("places"));
        assert!(parse_floors("places high 0.9").is_err());
        assert!(parse_floors("actors 0.5 0.5").is_err());
    }
}
