//! Numbers that look like counts and are not: a measure or a time after
//! the number ("5 km", "20 years"), a reading on a scale ("a 6.4 magnitude
//! quake", "magnitude 7.8", "category 4"), and the days of a date range
//! ("between 3 and 17 May", "12 and 13 June"). General English rules:
//! nothing here knows a country, a conflict or a year.

use super::tokens::{Kind, Token, lower, with_lower};
use super::words::{is_month, punct_at, word_at};

/// Words after a number that make it a measure, a time, money or an age,
/// not a count ("5 km", "20 years", "12 midnight", "3 dollars").
pub fn is_not_a_count_after(word: &str) -> bool {
    lower(word).is_some_and(|word| {
        matches!(
            word.as_str(),
            "a.m."
                | "acres"
                | "afghanis"
                | "am"
                | "barrels"
                | "days"
                | "dollars"
                | "euros"
                | "feet"
                | "gmt"
                | "hectares"
                | "hours"
                | "hrs"
                | "kg"
                | "kilometer"
                | "kilometers"
                | "kilometre"
                | "kilometres"
                | "km"
                | "liters"
                | "litres"
                | "meter"
                | "meters"
                | "metre"
                | "metres"
                | "metric"
                | "midnight"
                | "mile"
                | "miles"
                | "minutes"
                | "months"
                | "noon"
                | "o'clock"
                | "p.m."
                | "per"
                | "percent"
                | "pm"
                | "pounds"
                | "rupees"
                | "seconds"
                | "sq"
                | "square"
                | "tonnes"
                | "tons"
                | "utc"
                | "weeks"
                | "year"
                | "year-old"
                | "years"
                | "years-old"
        )
    })
}

/// Words that name a scale when they stand right before its reading
/// ("magnitude 7.8", "category 4", "level 3", "Mw 6.1").
fn names_a_scale_before(word: &str) -> bool {
    // Told by the first letter first: this runs for the word before every number.
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if word.len() > 9 || !matches!(first, b'm' | b'r' | b'c' | b'l' | b'p' | b'g' | b'i' | b's') {
        return false;
    }
    with_lower(word, |w| {
        matches!(
            w,
            "magnitude"
                | "richter"
                | "category"
                | "level"
                | "phase"
                | "grade"
                | "intensity"
                | "scale"
                | "m"
                | "mw"
                | "ml"
        )
    })
}

/// Words that name a scale when they follow its reading ("6.4 magnitude",
/// "5.9 Richter", "7.1-magnitude" is glued and goes elsewhere).
fn names_a_scale_after(word: &str) -> bool {
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if word.len() > 13 || !matches!(first, b'm' | b'r') {
        return false;
    }
    with_lower(word, |w| {
        matches!(w, "magnitude" | "richter" | "richter-scale" | "mw")
    })
}

/// Whether the number from token `first` to just before `past` is a reading
/// on a scale, not a count: "magnitude 7.8 earthquake", "a 6.4 magnitude
/// quake", "5.9 on the Richter scale", "a magnitude-6 tremor", "category 4".
pub fn is_scale_reading(text: &str, tokens: &[Token], first: usize, past: usize) -> bool {
    let before = first.checked_sub(1);
    // "magnitude 7.8", and "magnitude-7.8" with the hyphen glued on both sides.
    let named_before = before.is_some_and(|j| {
        word_at(text, tokens, j).is_some_and(names_a_scale_before)
            || j >= 1
                && punct_at(text, tokens, j) == Some('-')
                && tokens[j].start == tokens[j - 1].end
                && tokens[j].end == tokens[first].start
                && word_at(text, tokens, j - 1).is_some_and(names_a_scale_before)
    });
    if named_before {
        return true;
    }
    if word_at(text, tokens, past).is_some_and(names_a_scale_after) {
        return true;
    }
    // "5.9 on the Richter scale".
    let on_the = word_at(text, tokens, past).is_some_and(|w| w.eq_ignore_ascii_case("on"))
        && word_at(text, tokens, past + 1).is_some_and(|w| w.eq_ignore_ascii_case("the"));
    on_the && word_at(text, tokens, past + 2).is_some_and(names_a_scale_after)
}

/// A day of the month written as digits: 1 to 31, at most two digits.
fn is_day(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        if t.kind != Kind::Number || t.end - t.start > 2 {
            return false;
        }
        let digits = t.text(text).as_bytes();
        (1..=2).contains(&digits.len())
            && digits.iter().all(u8::is_ascii_digit)
            && (1..=31).contains(&digits.iter().fold(0u8, |n, d| n * 10 + (d - b'0')))
    })
}

/// Whether token `i` joins two days of one range or list ("3 and 17",
/// "3-17", "3 to 17", "12, 13").
fn joins_days(text: &str, tokens: &[Token], i: usize) -> bool {
    match tokens.get(i).map(|t| t.kind) {
        Some(Kind::Punct) => matches!(punct_at(text, tokens, i), Some('-' | '–' | '—' | ',' | '&')),
        Some(Kind::Word) => word_at(text, tokens, i).is_some_and(|w| {
            (2..=7).contains(&w.len())
                && with_lower(w, |w| {
                    matches!(w, "and" | "or" | "to" | "through" | "till" | "until")
                })
        }),
        _ => false,
    }
}

/// Longest run of days a range or list holds ("1, 2, 3 and 4 May").
const MOST_DAYS: usize = 8;

/// Where the day list that starts at token `i` ends, when it is the
/// opening of a date range or list that names its month only at its end:
/// "3 and 17 May", "3-17 May", "12, 13 and 14 June". The index is the
/// last day's, the one followed by the month; `None` for a number that is
/// no day, stands alone, or leads to no month.
pub fn day_list_end(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    if !is_day(text, tokens, i) {
        return None;
    }
    let mut at = i;
    for _ in 0..MOST_DAYS {
        if !joins_days(text, tokens, at + 1) || !is_day(text, tokens, at + 2) {
            return None;
        }
        at += 2;
        if word_at(text, tokens, at + 1).is_some_and(is_month) {
            return Some(at);
        }
    }
    None
}

/// Whether token `i` is a day that ends a range or list after a month:
/// the 17 of "May 3-17" and "May 3 to 17" ("Dec. 15 and 19" as well).
pub fn closes_a_day_list(text: &str, tokens: &[Token], i: usize) -> bool {
    if !is_day(text, tokens, i) {
        return false;
    }
    let mut at = i;
    for _ in 0..MOST_DAYS {
        let (Some(join), Some(day)) = (at.checked_sub(1), at.checked_sub(2)) else {
            return false;
        };
        if !joins_days(text, tokens, join) || !is_day(text, tokens, day) {
            return false;
        }
        at = day;
        let month_before = at.checked_sub(1).is_some_and(|m| {
            word_at(text, tokens, m).is_some_and(is_month)
                || m >= 1
                    && punct_at(text, tokens, m) == Some('.')
                    && word_at(text, tokens, m - 1).is_some_and(is_month)
        });
        if month_before {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn tokens_of(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        tokens
    }

    #[test]
    fn day_lists_end_at_their_month() {
        for (text, last) in [
            ("3 and 17 May", "17"),
            ("3-17 May", "17"),
            ("12, 13 and 14 June", "14"),
            ("8 to 21 March", "21"),
        ] {
            let tokens = tokens_of(text);
            let end = day_list_end(text, &tokens, 0).map(|at| tokens[at].text(text));
            assert_eq!(end, Some(last), "{text}");
        }
        for text in [
            "3 and 17 soldiers",
            "3 and 40 May",
            "300 and 17 May",
            "17 May",
        ] {
            assert_eq!(day_list_end(text, &tokens_of(text), 0), None, "{text}");
        }
    }

    #[test]
    fn a_day_after_a_month_closes_its_list() {
        let text = "on May 3-17 and Dec. 15 and 19, but 3 and 17 people";
        let tokens = tokens_of(text);
        let closing: Vec<&str> = (0..tokens.len())
            .filter(|&i| closes_a_day_list(text, &tokens, i))
            .map(|i| tokens[i].text(text))
            .collect();
        assert_eq!(closing, ["17", "19"]);
    }

    #[test]
    fn scale_readings_are_named_before_or_after() {
        for (text, number) in [
            ("a magnitude 7.8 earthquake", "7.8"),
            ("a 6.4 magnitude quake", "6.4"),
            ("it measured 5.9 on the Richter scale", "5.9"),
            ("a magnitude-6 tremor", "6"),
            ("a category 4 storm", "4"),
        ] {
            let tokens = tokens_of(text);
            let at = tokens
                .iter()
                .position(|t| t.text(text) == number)
                .expect("the number");
            assert!(is_scale_reading(text, &tokens, at, at + 1), "{text}");
        }
        let text = "a 6 storey building and 40 magnets";
        let tokens = tokens_of(text);
        assert!(!is_scale_reading(text, &tokens, 1, 2));
        assert!(!is_scale_reading(text, &tokens, 6, 7));
    }
}
