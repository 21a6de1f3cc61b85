//! Counts of things: "more than 50 of the country's 370 districts",
//! "2,500-3,500 US troops", "dozens of civilians". A count needs a unit noun
//! from [`UNITS`]; years, ages, distances, percentages, money, times,
//! ordinals and dates are not counts.

use super::tokens::{Kind, Token, lower, strip_possessive};
use crate::model::Qualifier;

/// The nouns that make a number a count.
pub const UNITS: &[&str] = &[
    "troops",
    "soldiers",
    "districts",
    "provinces",
    "people",
    "civilians",
    "fighters",
    "militants",
    "refugees",
    "police",
    "policemen",
    "officers",
    "insurgents",
    "casualties",
    "deaths",
    "dead",
    "wounded",
    "prisoners",
    "families",
    "children",
    "women",
    "men",
    "villages",
    "checkpoints",
    "posts",
    "aircraft",
    "vehicles",
    "personnel",
    "contractors",
    "diplomats",
    "interpreters",
    "attacks",
    "airstrikes",
    "forces",
    "guards",
    "commandos",
    "members",
    "residents",
    "migrants",
    "evacuees",
    "detainees",
    "hostages",
    "bases",
    "towns",
    "cities",
    "helicopters",
    "tanks",
    "schools",
    "journalists",
    "workers",
    "students",
    "girls",
    "boys",
    "killed",
    "injured",
    "soldier",
    "district",
    "province",
    "person",
    "civilian",
    "fighter",
    "refugee",
    "officer",
    "village",
    "checkpoint",
    "post",
    "vehicle",
    "attack",
    "airstrike",
    "family",
    "child",
    "base",
    "town",
    "city",
];

/// Words naming whose a count is, between the number and the unit.
const SUBJECTS: &[&str] = &[
    "US",
    "U.S.",
    "NATO",
    "Afghan",
    "Taliban",
    "British",
    "German",
    "Pakistani",
    "American",
    "foreign",
    "government",
    "Turkish",
    "Italian",
    "Australian",
    "Canadian",
    "Iranian",
    "Tajik",
    "Uzbek",
    "Russian",
    "Chinese",
    "French",
    "allied",
    "coalition",
    "international",
    "UN",
    "Western",
];

/// Words that may stand between a number and its unit without meaning anything for the count.
const FILLERS: &[&str] = &[
    "armed",
    "more",
    "additional",
    "other",
    "remaining",
    "extra",
    "new",
    "security",
    "combat",
    "local",
    "elite",
    "special",
    "regular",
    "active",
    "unarmed",
    "innocent",
    "displaced",
    "trapped",
    "stranded",
    "heavily",
    "dead",
    "of",
    "the",
    "their",
    "its",
    "his",
    "her",
];

const NOT_COUNTS_AFTER: &[&str] = &[
    "percent",
    "per",
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "metre",
    "meter",
    "feet",
    "kg",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "pounds",
    "afghanis",
    "rupees",
    "million",
    "billion",
    "trillion",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "GMT",
    "hours",
    "o'clock",
    "years",
    "year",
    "year-old",
    "years-old",
    "days",
    "weeks",
    "months",
    "minutes",
    "seconds",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Whether a word is a month name (capitalised, as in dates).
pub fn is_month(word: &str) -> bool {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    (3..=10).contains(&word.len())
        && first.is_ascii_uppercase()
        && MONTHS.contains(&word.trim_end_matches('.'))
}

/// A count found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte offset where the phrase starts.
    pub start: usize,
    /// Byte offset just past the unit noun.
    pub end: usize,
    /// Low end of the stated range.
    pub low: f64,
    /// High end.
    pub high: f64,
    /// "more than" and the like.
    pub qualifier: Qualifier,
    /// The noun counted, lower case.
    pub unit: String,
    /// Whose count it is, as written ("US"), when the text says.
    pub subject: Option<String>,
    /// "of 370".
    pub denominator: Option<f64>,
    /// "dozens", "hundreds": only a rough size is known.
    pub vague: bool,
}

/// Spelled numbers: (word, value). "one" is included but needs a unit right after it.
fn spelled(word: &str) -> Option<f64> {
    if !(3..=9).contains(&word.len()) {
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

/// Vague plurals: "dozens of" and the like, as a rough range.
fn vague(word: &str) -> Option<(f64, f64)> {
    if !(6..=9).contains(&word.len()) {
        return None;
    }
    match lower(word)?.as_bytes() {
        b"dozens" => Some((24.0, 99.0)),
        b"scores" => Some((40.0, 99.0)),
        b"hundreds" => Some((200.0, 999.0)),
        b"thousands" => Some((2000.0, 9999.0)),
        _ => None,
    }
}

fn parse_digits(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    cleaned.parse().ok().filter(|v: &f64| v.is_finite())
}

/// A number at token `i`: its value, the index just past it, and whether it is spelled out.
fn number_at(text: &str, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let token = tokens.get(i)?;
    match token.kind {
        Kind::Number => {
            let t = token.text(text);
            // "1,000,000" is fine; "1,00" is not a number a reporter writes.
            if t.contains(',') && !t.split(',').skip(1).all(|g| g.len() == 3) {
                return None;
            }
            Some((parse_digits(t)?, i + 1))
        }
        Kind::Word => {
            let word = token.text(text);
            // "a dozen", "a hundred".
            if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
                let next = tokens.get(i + 1)?.text(text);
                if matches!(next.to_ascii_lowercase().as_str(), "dozen" | "hundred") {
                    return Some((spelled(next)?, i + 2));
                }
                return None;
            }
            let value = spelled(word)?;
            if word.eq_ignore_ascii_case("dozen") || word.eq_ignore_ascii_case("hundred") {
                return None;
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

fn word_at<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    tokens
        .get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text))
}

fn punct_at(text: &str, tokens: &[Token], i: usize) -> Option<char> {
    tokens
        .get(i)
        .filter(|t| t.kind == Kind::Punct)
        .and_then(|t| t.text(text).chars().next())
}

/// Whether the token before `i` glues onto it ("$2", "#5").
fn glued_prefix(text: &str, tokens: &[Token], i: usize) -> Option<char> {
    let previous = tokens.get(i.checked_sub(1)?)?;
    (previous.kind == Kind::Punct && previous.end == tokens[i].start)
        .then(|| previous.text(text).chars().next())?
}

/// The qualifier that ends just before token `i`, with the index where it starts.
fn qualifier_before(text: &str, tokens: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    let word = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| word_at(text, tokens, j))
            .and_then(lower)
    };
    let (w1, w2, w3) = (word(1), word(2), word(3));
    let is =
        |w: &Option<super::tokens::LowerWord>, s: &str| w.as_ref().is_some_and(|w| w.as_str() == s);
    let two = |a: &str, b: &str| is(&w2, a) && is(&w1, b);
    if two("more", "than") || two("greater", "than") {
        return Some((Qualifier::MoreThan, i - 2));
    }
    if is(&w3, "in") && two("excess", "of") {
        return Some((Qualifier::MoreThan, i - 3));
    }
    if two("less", "than") || two("fewer", "than") {
        return Some((Qualifier::LessThan, i - 2));
    }
    if two("at", "least") {
        return Some((Qualifier::AtLeast, i - 2));
    }
    if two("at", "most") || two("no", "more") {
        return Some((Qualifier::AtMost, i - 2));
    }
    if two("up", "to") {
        return Some((Qualifier::UpTo, i - 2));
    }
    if two("an", "estimated") {
        return Some((Qualifier::About, i - 2));
    }
    match w1?.as_str() {
        "over" => Some((Qualifier::MoreThan, i - 1)),
        "under" => Some((Qualifier::LessThan, i - 1)),
        "about" | "around" | "some" | "roughly" | "approximately" | "nearly" | "almost"
        | "estimated" | "approx" | "circa" => Some((Qualifier::About, i - 1)),
        _ => None,
    }
}

/// Finds the counts in one sentence's tokens.
pub fn find(text: &str, tokens: &[Token], out: &mut Vec<Quantity>) {
    let mut i = 0;
    while i < tokens.len() {
        if !could_start(text, &tokens[i]) {
            i += 1;
            continue;
        }
        match parse_at(text, tokens, i) {
            Some((quantity, next)) => {
                out.push(quantity);
                i = next;
            }
            None => i += 1,
        }
    }
}

/// A cheap test before the full parse: a number, or a word that can begin a count.
fn could_start(text: &str, token: &Token) -> bool {
    match token.kind {
        Kind::Number => true,
        Kind::Word => {
            let word = token.text(text);
            let first = word.as_bytes()[0] | 0x20;
            word.len() <= 9
                && matches!(
                    first,
                    b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'd' | b'b' | b'a'
                )
                && (spelled(word).is_some()
                    || vague(word).is_some()
                    || word.eq_ignore_ascii_case("between")
                    || word.eq_ignore_ascii_case("a")
                    || word.eq_ignore_ascii_case("an"))
        }
        _ => false,
    }
}

fn parse_at(text: &str, tokens: &[Token], i: usize) -> Option<(Quantity, usize)> {
    let token = tokens[i];
    let mut start_index = i;
    let mut qualifier = Qualifier::Exact;
    let mut vague_range = None;
    let (low, mut high, mut next);

    if token.kind == Kind::Word
        && let Some(range) = vague(token.text(text))
        && word_at(text, tokens, i + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        // "dozens of civilians".
        vague_range = Some(range);
        low = range.0;
        high = range.1;
        next = i + 2;
        qualifier = Qualifier::About;
    } else if word_at(text, tokens, i).is_some_and(|w| w.eq_ignore_ascii_case("between")) {
        // "between 2,500 and 3,500 troops".
        let (a, after_a) = number_at(text, tokens, i + 1)?;
        if !word_at(text, tokens, after_a).is_some_and(|w| w.eq_ignore_ascii_case("and")) {
            return None;
        }
        let (b, after_b) = number_at(text, tokens, after_a + 1)?;
        low = a.min(b);
        high = a.max(b);
        next = after_b;
    } else {
        let (value, after) = number_at(text, tokens, i)?;
        if token.kind == Kind::Number {
            if let Some(prefix) = glued_prefix(text, tokens, i)
                && matches!(prefix, '$' | '£' | '€' | '#' | '¥')
            {
                return None;
            }
            // A date: "May 1", "1 May".
            if i.checked_sub(1)
                .and_then(|j| word_at(text, tokens, j))
                .is_some_and(is_month)
                || word_at(text, tokens, after).is_some_and(is_month)
            {
                return None;
            }
            if word_at(text, tokens, i.wrapping_sub(1))
                .is_some_and(|w| w.eq_ignore_ascii_case("aged"))
            {
                return None;
            }
        }
        low = value;
        high = value;
        next = after;
        // "2,500-3,500", "2,500 to 3,500".
        let dash = matches!(punct_at(text, tokens, next), Some('-' | '–' | '—'));
        let to = word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("to"));
        if (dash || to)
            && let Some((second, after_second)) = number_at(text, tokens, next + 1)
            && tokens[next + 1].kind == token.kind
            && second > value
        {
            high = second;
            next = after_second;
        }
    }

    // What follows must not make it a time, a percentage, a fraction or an age.
    if let Some(c) = punct_at(text, tokens, next)
        && tokens[next].start == tokens[next - 1].end
        && matches!(c, '%' | ':' | '/' | '-')
    {
        return None;
    }
    if let Some(word) = word_at(text, tokens, next)
        && NOT_COUNTS_AFTER
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
    {
        return None;
    }
    // A bare year ("in 2021", "the September 11, 2001 attacks") is a date, not a count.
    if token.kind == Kind::Number
        && !token.text(text).contains([',', '.'])
        && (1900.0..=2100.0).contains(&low)
        && low == high
    {
        let unit_follows = word_at(text, tokens, next).is_some_and(|w| UNITS.contains(&w));
        let previous = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .map(|t| t.text(text));
        let after_a_date = previous == Some(",") || previous.is_some_and(is_month);
        if !unit_follows || after_a_date {
            return None;
        }
    }

    // "of 370", "out of 34", "of the country's 370".
    let mut denominator = None;
    let of_at = if word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("out"))
        && word_at(text, tokens, next + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        Some(next + 2)
    } else if vague_range.is_none()
        && word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        Some(next + 1)
    } else {
        None
    };
    if let Some(after_of) = of_at {
        for skip in 0..=2 {
            let j = after_of + skip;
            if let Some(t) = tokens.get(j)
                && t.kind == Kind::Number
                && let Some((whole, after_whole)) = number_at(text, tokens, j)
            {
                denominator = Some(whole);
                next = after_whole;
                break;
            }
            if word_at(text, tokens, j).is_none() {
                break;
            }
        }
    }

    // Subject and unit: up to three words after the numbers.
    let mut subject = None;
    let mut unit = None;
    let mut j = next;
    let mut fillers = 0;
    while j < tokens.len() && j < next + 4 {
        let Some(word) = word_at(text, tokens, j) else {
            break;
        };
        let bare = strip_possessive(word);
        if UNITS.contains(&bare) {
            unit = Some((bare.to_owned(), j));
            break;
        }
        if subject.is_none() && SUBJECTS.contains(&bare) {
            subject = Some(bare.to_owned());
        } else if lower(bare).is_some_and(|w| FILLERS.contains(&w.as_str())) && fillers < 2 {
            fillers += 1;
        } else {
            break;
        }
        j += 1;
    }
    let (unit, unit_index) = unit?;
    // "one" and "a dozen" read as counts only right before their noun.
    if token.kind == Kind::Word && vague_range.is_none() && unit_index > next + 1 && low < 2.0 {
        return None;
    }
    if vague_range.is_none()
        && let Some((found, from)) = qualifier_before(text, tokens, start_index)
    {
        qualifier = found;
        start_index = from;
    }
    let quantity = Quantity {
        start: tokens[start_index].start,
        end: tokens[unit_index].start + unit.len(),
        low,
        high,
        qualifier,
        unit: unit.to_lowercase(),
        subject,
        denominator,
        vague: vague_range.is_some(),
    };
    Some((quantity, unit_index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// A count as the tests compare it: text, low, high, qualifier, unit, subject, denominator.
    type Count = (
        String,
        f64,
        f64,
        Qualifier,
        String,
        Option<String>,
        Option<f64>,
    );

    fn counts(text: &str) -> Vec<Count> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let mut out = Vec::new();
        find(text, &tokens, &mut out);
        out.into_iter()
            .map(|q| {
                (
                    text[q.start..q.end].to_owned(),
                    q.low,
                    q.high,
                    q.qualifier,
                    q.unit,
                    q.subject,
                    q.denominator,
                )
            })
            .collect()
    }

    #[test]
    fn the_seed_figures() {
        assert_eq!(
            counts("the Taliban held more than 50 of the country's 370 districts"),
            vec![(
                "more than 50 of the country's 370 districts".into(),
                50.0,
                50.0,
                Qualifier::MoreThan,
                "districts".into(),
                None,
                Some(370.0)
            )]
        );
        assert_eq!(
            counts("the last 2,500-3,500 US troops and 7,000 NATO soldiers"),
            vec![
                (
                    "2,500-3,500 US troops".into(),
                    2500.0,
                    3500.0,
                    Qualifier::Exact,
                    "troops".into(),
                    Some("US".into()),
                    None
                ),
                (
                    "7,000 NATO soldiers".into(),
                    7000.0,
                    7000.0,
                    Qualifier::Exact,
                    "soldiers".into(),
                    Some("NATO".into()),
                    None
                ),
            ]
        );
    }

    #[test]
    fn ranges_spelled_and_vague_counts() {
        assert_eq!(
            counts("between 2,500 and 3,500 troops")[0].1
                ..=counts("between 2,500 and 3,500 troops")[0].2,
            2500.0..=3500.0
        );
        assert_eq!(counts("a dozen civilians")[0].1, 12.0);
        assert_eq!(counts("two dozen fighters")[0].1, 24.0);
        let dozens = counts("dozens of civilians");
        assert_eq!(
            (dozens[0].0.as_str(), dozens[0].1, dozens[0].3),
            ("dozens of civilians", 24.0, Qualifier::About)
        );
        assert_eq!(counts("12 out of 34 provinces")[0].6, Some(34.0));
    }

    #[test]
    fn traps_are_not_counts() {
        for text in [
            "50 kilometres north",
            "in 2021 the army",
            "the 1990s",
            "a 25-year-old man",
            "aged 40",
            "13 percent of voters",
            "40% of the districts",
            "$2 billion in aid",
            "at 10:30 on Tuesday",
            "the 2nd brigade",
            "on May 1 the troops",
            "since 9/11",
            "killed 12 in the attack",
            "no one knows",
        ] {
            assert_eq!(counts(text), vec![], "{text}");
        }
    }
}
