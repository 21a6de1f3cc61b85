//! Numbers as reporters write them: digits with thousands separators
//! ("2,500", "85 000"), decimals, spelled words ("twenty-five", "two
//! hundred", "a dozen") and scales ("2.3 million").

use super::tokens::{Kind, Token, lower, with_lower};
use super::words::{punct_at, word_at};

/// Whether a figure has a thousands separator or a decimal point ("2,500", "2.5").
pub fn has_separator(figure: &str) -> bool {
    figure.bytes().any(|b| b == b',' || b == b'.')
}

/// The value of a spelled number word ("seven" → 7); "one" needs its noun right after it.
pub fn spelled(word: &str) -> Option<f64> {
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    // Every number word begins and ends with one of these letters: most
    // words of a text are turned away here, before any lower-casing.
    let bytes = word.as_bytes();
    let (first, last) = (bytes[0] | 0x20, bytes[bytes.len() - 1] | 0x20);
    if !matches!(first, b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'd')
        || !matches!(last, b'e' | b'o' | b'r' | b'x' | b'n' | b't' | b'y' | b'd')
    {
        return None;
    }
    // And with one of these three letters: "the", "that" and "said" go.
    let prefix = [bytes[0] | 0x20, bytes[1] | 0x20, bytes[2] | 0x20];
    if !matches!(
        &prefix,
        b"one"
            | b"two"
            | b"twe"
            | b"thr"
            | b"thi"
            | b"fou"
            | b"fiv"
            | b"fif"
            | b"for"
            | b"six"
            | b"sev"
            | b"eig"
            | b"nin"
            | b"ten"
            | b"ele"
            | b"hun"
            | b"doz"
    ) {
        return None;
    }
    let lower = lower(word)?;
    Some(match lower.as_bytes() {
        b"one" => 1.0,
        b"two" => 2.0,
        b"three" => 3.0,
        b"four" => 4.0,
        b"five" => 5.0,
        b"six" => 6.0,
        b"seven" => 7.0,
        b"eight" => 8.0,
        b"nine" => 9.0,
        b"ten" => 10.0,
        b"eleven" => 11.0,
        b"twelve" => 12.0,
        b"thirteen" => 13.0,
        b"fourteen" => 14.0,
        b"fifteen" => 15.0,
        b"sixteen" => 16.0,
        b"seventeen" => 17.0,
        b"eighteen" => 18.0,
        b"nineteen" => 19.0,
        b"twenty" => 20.0,
        b"thirty" => 30.0,
        b"forty" => 40.0,
        b"fifty" => 50.0,
        b"sixty" => 60.0,
        b"seventy" => 70.0,
        b"eighty" => 80.0,
        b"ninety" => 90.0,
        b"hundred" => 100.0,
        b"dozen" => 12.0,
        _ => return None,
    })
}

/// Digits with thousands commas and a decimal point as a finite number.
fn parse_digits(text: &str) -> Option<f64> {
    // Most figures are whole: read them as integers, which is exact below
    // 2^53 and skips the general float parser.
    let mut whole = 0u64;
    let mut digits = 0;
    let plain = text.bytes().all(|b| match b {
        b'0'..=b'9' => {
            whole = whole.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            digits += 1;
            true
        }
        b',' => true,
        _ => false,
    });
    if plain && (1..=15).contains(&digits) {
        return Some(whole as f64);
    }
    let value: f64 = if text.contains(',') {
        // Without an allocation for the common case of short figures.
        let mut buf = [0u8; 32];
        let mut len = 0;
        for b in text.bytes().filter(|&b| b != b',') {
            *buf.get_mut(len)? = b;
            len += 1;
        }
        std::str::from_utf8(&buf[..len]).ok()?.parse().ok()?
    } else {
        text.parse().ok()?
    };
    value.is_finite().then_some(value)
}

/// Digits grouped in threes by dots ("12.500", "1.250.000") as a whole
/// number; `None` for anything else ("2.5", "12.50", "0.500").
fn dotted_thousands(figure: &str) -> Option<f64> {
    if !figure.as_bytes().contains(&b'.') {
        return None;
    }
    let mut groups = figure.split('.');
    let lead = groups.next()?;
    let well_formed = (1..=3).contains(&lead.len())
        && !lead.starts_with('0')
        && lead.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed || figure.len() > 19 {
        return None;
    }
    let whole = figure
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    Some(whole as f64)
}

/// Three digits at token `at`, one space after the token before it
/// (a plain, no-break or thin space): the next group of "85 000".
fn thousands_after_space(text: &str, tokens: &[Token], at: usize) -> Option<f64> {
    let group = tokens
        .get(at)
        .filter(|g| g.kind == Kind::Number && g.end - g.start == 3)?;
    let gap = text.get(tokens.get(at.checked_sub(1)?)?.end..group.start)?;
    let one_space = matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
    let digits = group.text(text);
    (one_space && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| parse_digits(digits))
        .flatten()
}

/// The group after "310, " in "310, 000 people": a comma glued to the
/// figure at `at`, one space, then three digits. A list ("100, 150 and 200
/// people", "of those, 15, 300") is left alone unless the group is "000",
/// which no list holds.
fn thousands_after_comma_space(text: &str, tokens: &[Token], at: usize) -> Option<f64> {
    let comma = tokens.get(at + 1)?;
    if punct_at(text, tokens, at + 1) != Some(',') || comma.start != tokens[at].end {
        return None;
    }
    let group = thousands_after_space(text, tokens, at + 2)?;
    let zeros = group == 0.0;
    let in_a_list = at
        .checked_sub(1)
        .is_some_and(|before| punct_at(text, tokens, before) == Some(','))
        || punct_at(text, tokens, at + 3).is_some_and(|c| matches!(c, ',' | '-' | '–' | '&'))
        || word_at(text, tokens, at + 3).is_some_and(|w| matches!(w, "and" | "or" | "to"));
    (zeros || !in_a_list).then_some(group)
}

/// A number at token `i`: its value and the index just past it.
pub fn number_at(text: &str, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let token = tokens.get(i)?;
    match token.kind {
        Kind::Number => {
            let t = token.text(text);
            // "1,000,000" is fine; "1,00" is not a number a reporter writes.
            if t.as_bytes().contains(&b',') && !t.split(',').skip(1).all(|g| g.len() == 3) {
                return None;
            }
            let mut next = i + 1;
            // "12.500 refugees": thousands grouped with dots, as much of
            // Europe writes them; "2.500 million" is a decimal still.
            let mut value = match dotted_thousands(t) {
                Some(whole) if scaled(text, tokens, 1.0, next).1 == next => whole,
                _ => parse_digits(t)?,
            };
            if !has_separator(t) && t.len() <= 3 && !t.starts_with('0') {
                // "85 000", "1 250 000": thousands grouped with spaces.
                while let Some(group) = thousands_after_space(text, tokens, next) {
                    value = value * 1000.0 + group;
                    next += 1;
                }
                // "310, 000 people": a stray space after the comma.
                if next == i + 1
                    && let Some(group) = thousands_after_comma_space(text, tokens, i)
                {
                    value = value * 1000.0 + group;
                    next += 2;
                }
            }
            Some(scaled(text, tokens, value, next))
        }
        Kind::Word => {
            let word = token.text(text);
            // "a dozen", "a hundred".
            if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
                let next = tokens.get(i + 1)?.text(text);
                if next.eq_ignore_ascii_case("dozen") || next.eq_ignore_ascii_case("hundred") {
                    return Some((spelled(next)?, i + 2));
                }
                // "a million people", "a thousand families".
                let (value, after) = scaled(text, tokens, 1.0, i + 1);
                return (after > i + 1).then_some((value, after));
            }
            // "twenty-five".
            let value = match word.split_once('-') {
                Some((tens, ones)) => {
                    let (tens, ones) = (spelled(tens)?, spelled(ones)?);
                    if !(20.0..100.0).contains(&tens) || tens % 10.0 != 0.0 || ones >= 10.0 {
                        return None;
                    }
                    tens + ones
                }
                None => spelled(word)?,
            };
            if word.eq_ignore_ascii_case("dozen") || word.eq_ignore_ascii_case("hundred") {
                return None;
            }
            // "two hundred", "three million".
            if let Some(next) = word_at(text, tokens, i + 1).and_then(lower)
                && next.as_str() == "hundred"
            {
                return Some(scaled(text, tokens, value * 100.0, i + 2));
            }
            let (value, after) = scaled(text, tokens, value, i + 1);
            if after > i + 1 {
                return Some((value, after));
            }
            // "two dozen".
            if let Some(next) = tokens.get(i + 1)
                && next.kind == Kind::Word
                && next.text(text).eq_ignore_ascii_case("dozen")
            {
                return Some((value * 12.0, i + 2));
            }
            Some((value, i + 1))
        }
        _ => None,
    }
}

/// A number followed by "million", "billion" or "thousand" ("2.3 million", "12-thousand").
pub fn scaled(text: &str, tokens: &[Token], value: f64, next: usize) -> (f64, usize) {
    let mut at = next;
    if punct_at(text, tokens, at) == Some('-')
        && tokens
            .get(at)
            .is_some_and(|t| t.start == tokens[at - 1].end)
    {
        at += 1;
    }
    let factor = match word_at(text, tokens, at).and_then(lower) {
        Some(w) if w.as_str() == "thousand" => 1e3,
        Some(w) if w.as_str() == "million" => 1e6,
        Some(w) if w.as_str() == "billion" => 1e9,
        _ => return (value, next),
    };
    ((value * factor).round(), at + 1)
}

/// Whether the number at token `i` is a model's or a flight's number
/// joined to a capitalised prefix by a hyphen ("C-17", "MiG-29", "Su-25",
/// "F-16"): part of a name, never a count.
pub fn is_in_model_name(text: &str, tokens: &[Token], i: usize) -> bool {
    i >= 2
        && punct_at(text, tokens, i - 1) == Some('-')
        && tokens[i - 1].start == tokens[i - 2].end
        && tokens[i].start == tokens[i - 1].end
        && tokens[i - 2].kind == Kind::Word
        && tokens[i - 2]
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Where a model's name that starts at token `j` ends (the index past
/// it), when one does: a capitalised prefix glued to digits ("C-17",
/// "MiG-29"), or a maker followed by a designation with digits ("Boeing
/// 747", "Airbus A400M") before the noun they modify.
pub fn model_name_end(text: &str, tokens: &[Token], j: usize) -> Option<usize> {
    let prefix = tokens.get(j)?;
    let capital = prefix.kind == Kind::Word
        && prefix
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    if !capital {
        return None;
    }
    // Tokens glued one to the next, from `from`: "C", "-", "17".
    let glued_end = |from: usize| {
        let mut end = from + 1;
        while tokens
            .get(end)
            .is_some_and(|t| t.start == tokens[end - 1].end)
        {
            end += 1;
        }
        end
    };
    let has_digit = |from: usize, to: usize| {
        tokens[from..to]
            .iter()
            .any(|t| t.text(text).bytes().any(|b| b.is_ascii_digit()))
    };
    let own = glued_end(j);
    if own > j + 1 && has_digit(j, own) {
        return Some(own);
    }
    let designation = tokens.get(j + 1)?;
    let end = glued_end(j + 1);
    // "US C-17 flights": "US" is no maker, "C-17" a model of its own.
    let hyphened = (j + 1..end).any(|k| punct_at(text, tokens, k) == Some('-'));
    let model = has_digit(j + 1, end)
        && !hyphened
        && !has_separator(designation.text(text))
        && word_at(text, tokens, end).is_some();
    model.then_some(end)
}

/// The low end of a range whose second figure alone names its scale:
/// "2.5-3 million" starts at 2.5 million. `first` is the first figure's
/// tokens (from, past), `values` the two figures as read, and the second
/// ends just before `past`. A first figure with a scale of its own, or one
/// the scale would lift past the second ("2,000 to 3 million"), stays.
pub fn scaled_range_start(
    text: &str,
    tokens: &[Token],
    first: (usize, usize),
    (low, high): (f64, f64),
    past: usize,
) -> f64 {
    let scale = past
        .checked_sub(1)
        .and_then(|last| word_at(text, tokens, last))
        .and_then(|word| {
            with_lower(word, |w| match w {
                "thousand" => Some(1e3),
                "million" => Some(1e6),
                "billion" => Some(1e9),
                _ => None,
            })
        });
    match scale {
        Some(scale) if first.1 == first.0 + 1 && (low * scale).round() < high => {
            (low * scale).round()
        }
        _ => low,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// The first number of `text`, as read.
    fn first_number(text: &str) -> Option<f64> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        number_at(text, &tokens, 0).map(|(value, _)| value)
    }

    #[test]
    fn thousands_grouped_with_dots_spaces_or_a_stray_space() {
        assert_eq!(first_number("12.500 refugees"), Some(12_500.0));
        assert_eq!(first_number("1.250.000 people"), Some(1_250_000.0));
        assert_eq!(first_number("310, 000 people"), Some(310_000.0));
        assert_eq!(first_number("12, 500 displaced"), Some(12_500.0));
        assert_eq!(first_number("1 250 000 people"), Some(1_250_000.0));
        assert_eq!(first_number("64\u{a0}000 migrants"), Some(64_000.0));
        assert_eq!(first_number("7\u{202f}500 tents"), Some(7_500.0));
    }

    #[test]
    fn decimals_and_lists_stay_as_written() {
        assert_eq!(first_number("2.5 million people"), Some(2_500_000.0));
        assert_eq!(first_number("1.250 million people"), Some(1_250_000.0));
        assert_eq!(first_number("6.4 magnitude"), Some(6.4));
        assert_eq!(first_number("12.50 a litre"), Some(12.5));
        assert_eq!(first_number("0.500 grams"), Some(0.5));
        // A list of figures, not one broken figure.
        assert_eq!(first_number("100, 150 and 200 people"), Some(100.0));
        assert_eq!(first_number("100, 150, 200 people"), Some(100.0));
        assert_eq!(first_number("2021, 500 people"), Some(2021.0));
    }

    #[test]
    fn a_range_takes_the_scale_its_second_figure_names() {
        let start = |text: &str| {
            let mut tokens = Vec::new();
            tokenize(text, 0, text.len(), &mut tokens);
            let (low, past_low) = number_at(text, &tokens, 0).expect("low");
            let (high, past) = number_at(text, &tokens, past_low + 1).expect("high");
            scaled_range_start(text, &tokens, (0, past_low), (low, high), past)
        };
        assert_eq!(start("2.5-3 million"), 2_500_000.0);
        assert_eq!(start("5 to 6 thousand"), 5_000.0);
        assert_eq!(start("2,000 to 3 million"), 2_000.0);
        assert_eq!(start("2,500-3,500"), 2_500.0);
    }
}
