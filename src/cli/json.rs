//! Facts as lines of JSON, in the schema of DESIGN.md ("Extraction output").
//!
//! Written by hand rather than through serde: `sitrep extract` writes a line
//! for every thirty bytes of text, and a generic serializer escapes each key
//! and boxes each number. The tests hold the lines to what `serde_json`
//! reads back.

use crate::extract::{Fact, qualifier_name};
use crate::model::Precision;

/// One fact as one line of JSON (without its newline); `text` is the text
/// it was found in.
pub fn fact_line(fact: &Fact, text: &str) -> String {
    let mut line = Vec::new();
    append(fact, text, &mut line);
    String::from_utf8(line).unwrap_or_default()
}

/// Appends [`fact_line`]'s line to `line`: `sitrep extract` writes hundreds
/// of thousands of them into one buffer.
pub fn append(fact: &Fact, text: &str, line: &mut Vec<u8>) {
    let (start, end) = fact.span();
    let quoted = text.get(start..end).unwrap_or("");
    let kind = match fact {
        Fact::Quantity(_) => "quantity",
        Fact::Date(_) => "date",
        Fact::Place { .. } => "place",
        Fact::Actor { .. } => "actor",
    };
    line.extend_from_slice(b"{\"kind\":\"");
    line.extend_from_slice(kind.as_bytes());
    line.extend_from_slice(b"\",\"text\":");
    string(quoted, line);
    line.extend_from_slice(b",\"start\":");
    integer(start as u64, line);
    line.extend_from_slice(b",\"end\":");
    integer(end as u64, line);
    match fact {
        Fact::Quantity(q) => {
            line.extend_from_slice(b",\"low\":");
            number(q.figure.low, line);
            line.extend_from_slice(b",\"high\":");
            number(q.figure.high, line);
            line.extend_from_slice(b",\"qualifier\":");
            string(qualifier_name(q.figure.qualifier), line);
            line.extend_from_slice(b",\"unit\":");
            string(&q.figure.unit, line);
            line.extend_from_slice(b",\"subject\":");
            let subject = Some(q.figure.subject.as_str()).filter(|s| !s.is_empty());
            optional(subject, line, string);
            line.extend_from_slice(b",\"denominator\":");
            optional(q.figure.denominator, line, number);
        }
        Fact::Date(d) => {
            line.extend_from_slice(b",\"date\":\"");
            day(d.date.first_day(), line);
            line.extend_from_slice(b"\",\"precision\":\"");
            line.extend_from_slice(match d.date.precision {
                Precision::Day => b"day",
                Precision::Month => b"month",
                Precision::Year => b"year",
            });
            line.push(b'"');
        }
        Fact::Place {
            name,
            country,
            lat,
            lon,
            scale,
            confidence,
            ..
        } => {
            line.extend_from_slice(b",\"name\":");
            string(name, line);
            line.extend_from_slice(b",\"country\":");
            optional(*country, line, string);
            line.extend_from_slice(b",\"lat\":");
            optional(*lat, line, float);
            line.extend_from_slice(b",\"lon\":");
            optional(*lon, line, float);
            line.extend_from_slice(b",\"precision\":");
            string(scale.label(), line);
            line.extend_from_slice(b",\"confidence\":");
            // Two decimals say all a reader needs of it.
            float((f64::from(*confidence) * 100.0).round() / 100.0, line);
        }
        Fact::Actor { name, .. } => {
            line.extend_from_slice(b",\"name\":");
            string(name, line);
        }
    }
    line.push(b'}');
}

fn optional<T>(value: Option<T>, line: &mut Vec<u8>, write: impl FnOnce(T, &mut Vec<u8>)) {
    match value {
        Some(value) => write(value, line),
        None => line.extend_from_slice(b"null"),
    }
}

fn integer(value: u64, line: &mut Vec<u8>) {
    line.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Whole numbers print without a decimal point (50, not 50.0).
fn number(value: f64, line: &mut Vec<u8>) {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        line.extend_from_slice(itoa::Buffer::new().format(value as i64).as_bytes());
    } else {
        float(value, line);
    }
}

/// A float as JSON has it: the shortest form that reads back the same, and
/// null for what JSON cannot hold.
fn float(value: f64, line: &mut Vec<u8>) {
    if let Some(ten_thousandths) = four_places(value) {
        // Coordinates have four places at most: print them without ryu's
        // general search (a shorter decimal would read back as another value).
        if value < 0.0 {
            line.push(b'-');
        }
        integer(ten_thousandths / 10_000, line);
        line.push(b'.');
        let fraction = ten_thousandths % 10_000;
        if fraction == 0 {
            line.push(b'0');
        } else {
            let digits = [1000, 100, 10, 1].map(|unit| b'0' + (fraction / unit % 10) as u8);
            let used = 4 - digits.iter().rev().take_while(|&&d| d == b'0').count();
            line.extend_from_slice(&digits[..used]);
        }
    } else if value.is_finite() {
        line.extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
    } else {
        line.extend_from_slice(b"null");
    }
}

/// `|value|` in ten-thousandths when it is exactly the double nearest a
/// decimal of at most four places, between 0.0001 and a billion (where ryu
/// prints plain decimals too).
fn four_places(value: f64) -> Option<u64> {
    let magnitude = value.abs();
    if !(1e-4..1e9).contains(&magnitude) {
        return None;
    }
    let scaled = (magnitude * 1e4).round();
    (scaled / 1e4 == magnitude).then_some(scaled as u64)
}

/// A day as ISO 8601 ("2021-06-22"), as jiff prints it.
fn day(date: jiff::civil::Date, line: &mut Vec<u8>) {
    if (0..=9999).contains(&date.year()) {
        let digits = |n: u32, width: usize, line: &mut Vec<u8>| {
            let mut buffer = itoa::Buffer::new();
            let digits = buffer.format(n);
            line.extend(std::iter::repeat_n(
                b'0',
                width.saturating_sub(digits.len()),
            ));
            line.extend_from_slice(digits.as_bytes());
        };
        digits(date.year() as u32, 4, line);
        line.push(b'-');
        digits(u32::from(date.month() as u8), 2, line);
        line.push(b'-');
        digits(u32::from(date.day() as u8), 2, line);
    } else {
        line.extend_from_slice(date.to_string().as_bytes());
    }
}

/// A JSON string: quotes, backslashes and control characters escaped as
/// `serde_json` escapes them, everything else as it is.
fn string(value: &str, line: &mut Vec<u8>) {
    line.push(b'"');
    let bytes = value.as_bytes();
    // Most strings need no escape: one pass that the compiler vectorises.
    let needs_escape = bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !needs_escape {
        line.extend_from_slice(bytes);
        line.push(b'"');
        return;
    }
    let mut clean_from = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        line.extend_from_slice(&bytes[clean_from..at]);
        clean_from = at + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            line.extend_from_slice(b"\\u00");
            line.push(HEX[usize::from(b >> 4)]);
            line.push(HEX[usize::from(b & 0xf)]);
        } else {
            line.extend_from_slice(escape);
        }
    }
    line.extend_from_slice(&bytes[clean_from..]);
    line.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use serde_json::{Value, json};

    /// The line as the schema defines it, built with serde_json.
    fn expected(fact: &Fact, text: &str) -> Value {
        let (start, end) = fact.span();
        let whole = |v: f64| {
            if v.fract() == 0.0 {
                json!(v as i64)
            } else {
                json!(v)
            }
        };
        let mut line = json!({"text": &text[start..end], "start": start, "end": end});
        let extra = match fact {
            Fact::Quantity(q) => json!({
                "kind": "quantity", "low": whole(q.figure.low), "high": whole(q.figure.high),
                "qualifier": qualifier_name(q.figure.qualifier), "unit": q.figure.unit,
                "subject": Some(&q.figure.subject).filter(|s| !s.is_empty()), "denominator": q.figure.denominator.map(whole),
            }),
            Fact::Date(d) => json!({
                "kind": "date", "date": d.date.first_day().to_string(),
                "precision": match d.date.precision {
                    Precision::Day => "day", Precision::Month => "month", Precision::Year => "year",
                },
            }),
            Fact::Place {
                name,
                country,
                lat,
                lon,
                scale,
                confidence,
                ..
            } => json!({
                "kind": "place", "name": &**name, "country": country, "lat": lat, "lon": lon,
                "precision": scale.label(),
                "confidence": (f64::from(*confidence) * 100.0).round() / 100.0,
            }),
            Fact::Actor { name, .. } => json!({"kind": "actor", "name": &**name}),
        };
        if let (Value::Object(line), Value::Object(extra)) = (&mut line, extra) {
            line.extend(extra);
        }
        line
    }

    #[test]
    fn every_kind_of_fact_reads_back_as_the_schema_says() {
        let text = "On 3 May 2023 about 2.5 million people fled Khartoum, \"the \\capital\",\t\
                    and 12 of the 18 states\u{1}; the village of Umm Badda, Sudan, \
                    took in 300 families. NATO said so in March 1999.";
        let extractor = Extractor::with_defaults().expect("extractor");
        let facts = extractor.extract(text, "2023-05-10".parse().expect("day"));
        let kinds: Vec<&str> = facts
            .iter()
            .map(|f| match f {
                Fact::Quantity(_) => "quantity",
                Fact::Date(_) => "date",
                // "the village of Umm Badda, Sudan": known only from the
                // text, so drawn as the area it is said to lie in.
                Fact::Place { scale, name, .. }
                    if &**name == "Umm Badda" && *scale != crate::model::PlaceScale::Point =>
                {
                    "placed in its area"
                }
                Fact::Place { .. } => "place",
                Fact::Actor { .. } => "actor",
            })
            .collect();
        for kind in ["quantity", "date", "place", "placed in its area", "actor"] {
            assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
        }
        for fact in &facts {
            let mut line = Vec::new();
            append(fact, text, &mut line);
            let read: Value = serde_json::from_slice(&line).expect("valid JSON");
            assert_eq!(read, expected(fact, text));
        }
    }

    #[test]
    fn coordinates_print_as_ryu_prints_them() {
        let gazetteer = crate::extract::places::world();
        let odd = [
            0.0,
            -0.0,
            1e-5,
            0.0001,
            -0.5,
            12.0,
            180.0,
            1e9,
            0.1 + 0.2,
            f64::NAN,
        ];
        let values = gazetteer
            .places()
            .iter()
            .flat_map(|p| [p.lat, p.lon])
            .chain(odd);
        for value in values {
            let mut line = Vec::new();
            float(value, &mut line);
            let expected = serde_json::to_string(&value).expect("json");
            assert_eq!(String::from_utf8(line).expect("utf-8"), expected, "{value}");
        }
    }

    #[test]
    fn strings_escape_as_json_wants() {
        let mut line = Vec::new();
        string("a\"b\\c\n\u{0}\u{1f}\u{7f}é/", &mut line);
        let read: String = serde_json::from_slice(&line).expect("valid JSON");
        assert_eq!(read, "a\"b\\c\n\u{0}\u{1f}\u{7f}é/");
        assert_eq!(
            String::from_utf8(line).expect("utf-8"),
            serde_json::to_string("a\"b\\c\n\u{0}\u{1f}\u{7f}é/").expect("json")
        );
    }
}
