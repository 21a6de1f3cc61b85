//! Dates in text, resolved against the article's publication date:
//! "May 1", "1 May 2021", "2021-05-01", "mid-June", "in April", "last year",
//! "on Sunday", "yesterday", "this morning", "since May", "by September 11".
//!
//! Month and weekday names without a year lean to the past (on or before
//! publication); after "by", "until", "till", "before" or "next" they may lie
//! ahead. The calendar arithmetic is jiff's.

use super::tokens::{Kind, Openings, Token, lower, strip_possessive};
use super::words::{is_counted_noun, is_month, word_at};
use crate::model::{PartialDate, Precision};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// A date found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte offset where the phrase starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The date, with its precision.
    pub date: PartialDate,
}

fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    if !is_month(word) {
        return None;
    }
    Some(match &word[..3] {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn day_or_year_at(text: &str, tokens: &[Token], i: usize) -> Option<(i64, usize)> {
    let token = tokens.get(i).filter(|t| t.kind == Kind::Number)?;
    let digits = token.text(text);
    // Days and years have at most four digits: read in one pass, no overflow.
    if digits.len() > 4 {
        return None;
    }
    let mut value = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + i64::from(b - b'0');
    }
    Some((value, digits.len()))
}

fn day_number(text: &str, tokens: &[Token], i: usize) -> Option<i8> {
    let (value, len) = day_or_year_at(text, tokens, i)?;
    ((1..=31).contains(&value) && len <= 2).then_some(value as i8)
}

fn year_number(text: &str, tokens: &[Token], i: usize) -> Option<i16> {
    let (value, len) = day_or_year_at(text, tokens, i)?;
    (len == 4 && (1900..=2100).contains(&value)).then_some(value as i16)
}

fn is_punct(text: &str, tokens: &[Token], i: usize, c: char) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Punct && t.text(text).starts_with(c))
}

/// Whether the words before token `i` make the date a deadline that may lie ahead.
fn looks_ahead(text: &str, tokens: &[Token], i: usize) -> bool {
    let before = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| word_at(text, tokens, j))
            .and_then(lower)
    };
    let one = before(1);
    let one = one.as_ref().map(|w| w.as_str());
    let two = before(2);
    let two = two.as_ref().map(|w| w.as_str());
    matches!(
        one,
        Some("by" | "until" | "till" | "before" | "next" | "from")
    ) || (one == Some("on") && matches!(two, Some("by" | "until")))
}

/// Whether the clause before token `i` speaks of the future: "will meet on
/// Friday", "is due to vote on Monday", "is set to leave on".
fn future_tense_before(text: &str, tokens: &[Token], i: usize) -> bool {
    for back in 1..=6 {
        let Some(j) = i.checked_sub(back) else {
            return false;
        };
        let Some(word) = word_at(text, tokens, j).and_then(lower) else {
            if tokens[j].kind == Kind::Punct && tokens[j].text(text) != "'" {
                return false;
            }
            continue;
        };
        match word.as_str() {
            "will" | "shall" | "due" | "scheduled" | "set" | "expected" | "plans" | "planned" => {
                return true;
            }
            "said" | "says" | "told" | "was" | "were" | "had" | "did" => return false,
            _ => {}
        }
    }
    false
}

/// The year for a month and day given without one.
fn resolve_year(month: i8, day: i8, published: Date, ahead: bool) -> Option<Date> {
    let this_year = Date::new(published.year(), month, day).ok();
    match (this_year, ahead) {
        (Some(date), false) if date <= published => Some(date),
        (Some(date), true) if date >= published => Some(date),
        _ => {
            let year = if ahead {
                published.year() + 1
            } else {
                published.year() - 1
            };
            Date::new(year, month, day).ok()
        }
    }
}

fn month_year(month: i8, published: Date, ahead: bool) -> Option<Date> {
    let this_year = Date::new(published.year(), month, 1).ok()?;
    let published_month = published.first_of_month();
    let year = match ahead {
        false if this_year <= published_month => published.year(),
        true if this_year >= published_month => published.year(),
        false => published.year() - 1,
        true => published.year() + 1,
    };
    Date::new(year, month, 1).ok()
}

/// Finds the dates in one sentence's tokens.
pub fn find(text: &str, tokens: &[Token], published: Date, out: &mut Vec<DateMention>) {
    let mut i = 0;
    while i < tokens.len() {
        if !could_open(text, &tokens[i]) {
            i += 1;
            continue;
        }
        // "between 3 and 17 May", "12 and 13 June": the days before the
        // month are days of it.
        if tokens[i].kind == Kind::Number
            && let Some(last) = super::not_counts::day_list_end(text, tokens, i)
            && let Some((closing, next)) = parse_at(text, tokens, last, published)
        {
            days_before(text, tokens, (i, last), &closing, out);
            out.push(closing);
            i = next;
            continue;
        }
        match parse_at(text, tokens, i, published) {
            Some((mention, mut next)) => {
                let date = mention.date;
                out.push(mention);
                // "Dec. 15 and 19": the second day is in the same month.
                if date.precision == Precision::Day
                    && word_at(text, tokens, next).is_some_and(|w| w == "and")
                    && let Some(day) = day_number(text, tokens, next + 1)
                    && word_at(text, tokens, next + 2).is_none_or(|w| month_number(w).is_none())
                    && !tokens
                        .get(next + 1)
                        .is_some_and(|t| t.text(text).as_bytes().contains(&b','))
                    && let Ok(second) = Date::new(date.date.year(), date.date.month(), day)
                {
                    out.push(DateMention {
                        start: tokens[next + 1].start,
                        end: tokens[next + 1].end,
                        date: PartialDate {
                            date: second,
                            precision: Precision::Day,
                        },
                    });
                    next += 2;
                }
                i = next;
            }
            None => i += 1,
        }
    }
}

/// The days of a list or range that names its month once, at its end
/// (tokens `from` to `last`, every other one a day): each is a mention of
/// its own in the month and year of `closing`, the last day's date, as
/// "Dec. 15 and 19" gives "19" its own. Days out of order ("30 and 2 June"
/// began in another month) give none.
fn days_before(
    text: &str,
    tokens: &[Token],
    (from, last): (usize, usize),
    closing: &DateMention,
    out: &mut Vec<DateMention>,
) {
    if closing.date.precision != Precision::Day {
        return;
    }
    let days: Vec<(usize, i8)> = (from..last)
        .step_by(2)
        .filter_map(|at| Some((at, day_number(text, tokens, at)?)))
        .collect();
    let ascending = days
        .iter()
        .map(|&(_, day)| day)
        .chain([closing.date.date.day()])
        .is_sorted_by(|a, b| a < b);
    if !ascending {
        return;
    }
    for (at, day) in days {
        if let Ok(date) = Date::new(closing.date.date.year(), closing.date.date.month(), day) {
            out.push(DateMention {
                start: tokens[at].start,
                end: tokens[at].end,
                date: PartialDate {
                    date,
                    precision: Precision::Day,
                },
            });
        }
    }
}

/// A cheap test before the full parse: a figure, a capitalised word whose
/// first two letters may open a month, a weekday or a relative word, or
/// one of the lower-case words that open a date ("yesterday", "last",
/// "this", "next", "mid-June"…).
fn could_open(text: &str, token: &Token) -> bool {
    match token.kind {
        Kind::Number | Kind::Mixed => true,
        Kind::Punct => false,
        Kind::Word => {
            const OPENS: Openings = Openings::new(&[
                b"ja", b"fe", b"ma", b"ap", b"ju", b"au", b"se", b"oc", b"no", b"de", b"mo", b"tu",
                b"we", b"th", b"fr", b"sa", b"su", b"mi", b"ye", b"to", b"la", b"ne",
            ]);
            let word = text
                .as_bytes()
                .get(token.start..token.end)
                .unwrap_or_default();
            match word {
                // Lower case opens a date only as one of a few words
                // ([`parse_at`]): "the" and "to" go no further.
                [b'a'..=b'z', ..] => {
                    matches!(
                        word,
                        b"yesterday" | b"today" | b"tomorrow" | b"last" | b"this" | b"next"
                    ) || word.starts_with(b"mid-")
                }
                [a, b, ..] => OPENS.hold(*a, *b),
                _ => false,
            }
        }
    }
}

fn mention(
    tokens: &[Token],
    from: usize,
    to: usize,
    date: Option<PartialDate>,
) -> Option<(DateMention, usize)> {
    let date = date?;
    Some((
        DateMention {
            start: tokens[from].start,
            end: tokens[to - 1].end,
            date,
        },
        to,
    ))
}

fn parse_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Date,
) -> Option<(DateMention, usize)> {
    let token = tokens[i];
    match token.kind {
        Kind::Number => {
            // "2021-05-01".
            if let Some(year) = year_number(text, tokens, i)
                && is_punct(text, tokens, i + 1, '-')
                && is_punct(text, tokens, i + 3, '-')
                && let (Some((month, 2)), Some((day, 2))) = (
                    day_or_year_at(text, tokens, i + 2),
                    day_or_year_at(text, tokens, i + 4),
                )
            {
                return mention(
                    tokens,
                    i,
                    i + 5,
                    PartialDate::day(year, month as i8, day as i8),
                );
            }
            // "1 May 2021", "1 May".
            if let Some(day) = day_number(text, tokens, i)
                && let Some(month) = word_at(text, tokens, i + 1).and_then(month_number)
            {
                if let Some(year) = year_number(text, tokens, i + 2) {
                    return mention(tokens, i, i + 3, PartialDate::day(year, month, day));
                }
                let date = resolve_year(month, day, published, looks_ahead(text, tokens, i));
                return mention(
                    tokens,
                    i,
                    i + 2,
                    date.map(|d| PartialDate {
                        date: d,
                        precision: Precision::Day,
                    }),
                );
            }
            // A year on its own: "in 2020", "since 2001". Not "2020 troops" or "9/11".
            if let Some(year) = year_number(text, tokens, i) {
                let glued_slash = is_punct(text, tokens, i + 1, '/')
                    || (i > 0 && is_punct(text, tokens, i - 1, '/'));
                let counted = word_at(text, tokens, i + 1).is_some_and(is_counted_noun);
                if !glued_slash && !counted {
                    return mention(tokens, i, i + 1, PartialDate::year(year));
                }
            }
            None
        }
        Kind::Word => {
            let word = token.text(text);
            let first = word.as_bytes()[0];
            // A lower-case word opens a date only as one of a few words
            // ("yesterday", "last week", "mid-June"): "the" and "to" go no further.
            if !first.is_ascii_uppercase()
                && !matches!(
                    word,
                    "yesterday" | "today" | "tomorrow" | "last" | "this" | "next"
                )
                && !word.starts_with("mid-")
            {
                return None;
            }
            if let Some(month) = month_number(word) {
                // "Nov. 4": the abbreviation's dot is a token of its own.
                let dot = usize::from(
                    is_punct(text, tokens, i + 1, '.')
                        && tokens.get(i + 1).is_some_and(|t| t.start == token.end),
                );
                // "May 1, 2021", "May 1", "June 2021", "May".
                if let Some(day) = day_number(text, tokens, i + 1 + dot) {
                    let after_day = i + 2 + dot;
                    if is_punct(text, tokens, after_day, ',')
                        && let Some(year) = year_number(text, tokens, after_day + 1)
                    {
                        return mention(
                            tokens,
                            i,
                            after_day + 2,
                            PartialDate::day(year, month, day),
                        );
                    }
                    // "May 1,000" is not a date.
                    if tokens
                        .get(i + 1 + dot)
                        .is_some_and(|t| t.text(text).as_bytes().contains(&b','))
                    {
                        return None;
                    }
                    let date = resolve_year(month, day, published, looks_ahead(text, tokens, i));
                    return mention(
                        tokens,
                        i,
                        after_day,
                        date.map(|d| PartialDate {
                            date: d,
                            precision: Precision::Day,
                        }),
                    );
                }
                if let Some(year) = year_number(text, tokens, i + 1) {
                    return mention(tokens, i, i + 2, PartialDate::month(year, month));
                }
                // A lone "May" at the start of a sentence is more often the verb.
                if word == "May" && i == 0 {
                    return None;
                }
                let date = month_year(month, published, looks_ahead(text, tokens, i));
                // "early July", "late July", "mid June".
                let previous = i
                    .checked_sub(1)
                    .and_then(|j| word_at(text, tokens, j))
                    .and_then(lower);
                let from = match previous.as_ref().map(|w| w.as_str()) {
                    Some("early" | "late" | "mid") => i - 1,
                    _ => i,
                };
                return mention(
                    tokens,
                    from,
                    i + 1,
                    date.map(|d| PartialDate {
                        date: d,
                        precision: Precision::Month,
                    }),
                );
            }
            // "mid-June" is one token.
            if let Some(rest) = word
                .strip_prefix("mid-")
                .or_else(|| word.strip_prefix("Mid-"))
                && let Some(month) = month_number(rest)
            {
                if let Some(year) = year_number(text, tokens, i + 1) {
                    return mention(tokens, i, i + 2, PartialDate::month(year, month));
                }
                let date = month_year(month, published, looks_ahead(text, tokens, i));
                return mention(
                    tokens,
                    i,
                    i + 1,
                    date.map(|d| PartialDate {
                        date: d,
                        precision: Precision::Month,
                    }),
                );
            }
            let bare = strip_possessive(word);
            if let Some(day) = weekday(bare) {
                let next = word_at(text, tokens, i + 1).and_then(lower);
                if matches!(
                    next.as_ref().map(|w| w.as_str()),
                    Some("prayers" | "prayer" | "sermon" | "sermons")
                ) {
                    return None;
                }
                let ahead = looks_ahead(text, tokens, i) || future_tense_before(text, tokens, i);
                let date = if ahead {
                    published.first_on_or_after(day)
                } else {
                    latest_on_or_before(published, day)
                };
                let (start, end) = (token.start, token.start + bare.len());
                return Some((
                    DateMention {
                        start,
                        end,
                        date: PartialDate {
                            date: date?,
                            precision: Precision::Day,
                        },
                    },
                    i + 1,
                ));
            }
            relative(text, tokens, i, published)
        }
        // "07th July, 2021", "3rd May".
        Kind::Mixed => {
            let t = token.text(text);
            let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = t[digits.len()..].to_ascii_lowercase();
            if !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") || digits.len() > 2 {
                return None;
            }
            let day: i8 = digits.parse().ok().filter(|d| (1..=31).contains(d))?;
            let month = word_at(text, tokens, i + 1).and_then(month_number)?;
            let comma = usize::from(is_punct(text, tokens, i + 2, ','));
            if let Some(year) = year_number(text, tokens, i + 2 + comma) {
                return mention(tokens, i, i + 3 + comma, PartialDate::day(year, month, day));
            }
            let date = resolve_year(month, day, published, looks_ahead(text, tokens, i));
            mention(
                tokens,
                i,
                i + 2,
                date.map(|d| PartialDate {
                    date: d,
                    precision: Precision::Day,
                }),
            )
        }
        _ => None,
    }
}

trait FirstOnOrAfter {
    fn first_on_or_after(self, day: Weekday) -> Option<Date>;
}

impl FirstOnOrAfter for Date {
    /// The first `day` on or after this date.
    fn first_on_or_after(self, day: Weekday) -> Option<Date> {
        let offset =
            (day.to_monday_zero_offset() - self.weekday().to_monday_zero_offset()).rem_euclid(7);
        self.checked_add((offset as i64).days()).ok()
    }
}

fn latest_on_or_before(date: Date, day: Weekday) -> Option<Date> {
    let offset =
        (date.weekday().to_monday_zero_offset() - day.to_monday_zero_offset()).rem_euclid(7);
    date.checked_sub((offset as i64).days()).ok()
}

/// "yesterday", "today", "this morning", "last year", "this year"…
fn relative(
    text: &str,
    tokens: &[Token],
    i: usize,
    published: Date,
) -> Option<(DateMention, usize)> {
    let word = lower(tokens[i].text(text))?;
    let word = word.as_str();
    let day = |date: Result<Date, jiff::Error>| {
        date.ok().map(|d| PartialDate {
            date: d,
            precision: Precision::Day,
        })
    };
    match word {
        "yesterday" => return mention(tokens, i, i + 1, day(published.checked_sub(1.day()))),
        "today" => return mention(tokens, i, i + 1, day(Ok(published))),
        "tomorrow" => return mention(tokens, i, i + 1, day(published.checked_add(1.day()))),
        "last" | "this" | "next" => {}
        _ => return None,
    }
    let unit = lower(word_at(text, tokens, i + 1)?)?;
    let step: i64 = match word {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    // "last week" and "next month" are spans too vague to place on a
    // timeline; "this morning" is today.
    let date = match unit.as_str() {
        "year" => PartialDate::year(published.year() + step as i16),
        "morning" | "afternoon" | "evening" if step == 0 => day(Ok(published)),
        _ => return None,
    };
    mention(tokens, i, i + 2, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn dates(text: &str, published: &str) -> Vec<(String, String)> {
        let published: Date = published.parse().expect("date");
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let mut out = Vec::new();
        find(text, &tokens, published, &mut out);
        out.into_iter()
            .map(|m| (text[m.start..m.end].to_owned(), m.date.iso()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn absolute_dates_lean_to_the_past() {
        assert_eq!(
            dates("operations began on May 1", "2021-06-22"),
            vec![pair("May 1", "2021-05-01")]
        );
        assert_eq!(
            dates("on December 3 there", "2021-06-22"),
            vec![pair("December 3", "2020-12-03")]
        );
        assert_eq!(
            dates("on 1 May 2021 and 2021-05-02", "2021-06-22"),
            vec![
                pair("1 May 2021", "2021-05-01"),
                pair("2021-05-02", "2021-05-02")
            ]
        );
        assert_eq!(
            dates("fighting in mid-June and since May", "2021-06-22"),
            vec![pair("mid-June", "2021-06"), pair("May", "2021-05")]
        );
        assert_eq!(
            dates("in June 2021 and in 2020", "2021-06-22"),
            vec![pair("June 2021", "2021-06"), pair("2020", "2020")]
        );
    }

    #[test]
    fn relative_dates_and_deadlines() {
        // 2021-06-22 was a Tuesday.
        assert_eq!(
            dates("On Sunday, the White House said", "2021-06-22"),
            vec![pair("Sunday", "2021-06-20")]
        );
        assert_eq!(
            dates("on Tuesday", "2021-06-22"),
            vec![pair("Tuesday", "2021-06-22")]
        );
        assert_eq!(
            dates("yesterday and this morning", "2021-06-22"),
            vec![
                pair("yesterday", "2021-06-21"),
                pair("this morning", "2021-06-22")
            ]
        );
        assert_eq!(
            dates("last year", "2021-01-05"),
            vec![pair("last year", "2020")]
        );
        assert_eq!(
            dates("troops leave by September 11", "2021-06-22"),
            vec![pair("September 11", "2021-09-11")]
        );
        assert_eq!(
            dates("until May", "2021-06-22"),
            vec![pair("May", "2022-05")]
        );
    }

    #[test]
    fn abbreviations_ordinals_second_days_and_the_future_tense() {
        // 2022-03-08 was a Tuesday.
        assert_eq!(
            dates("on Feb. 3 and 17", "2022-03-08"),
            vec![pair("Feb. 3", "2022-02-03"), pair("17", "2022-02-17")]
        );
        assert_eq!(
            dates("on 21st March, 2020", "2022-03-08"),
            vec![pair("21st March, 2020", "2020-03-21")]
        );
        assert_eq!(
            dates("the council will vote on Friday", "2022-03-08"),
            vec![pair("Friday", "2022-03-11")]
        );
        assert_eq!(
            dates("the council voted on Friday", "2022-03-08"),
            vec![pair("Friday", "2022-03-04")]
        );
        assert_eq!(
            dates("since mid-May 2019", "2022-03-08"),
            vec![pair("mid-May 2019", "2019-05")]
        );
        assert_eq!(dates("last week and next month", "2022-03-08"), vec![]);
    }

    #[test]
    fn traps_are_not_dates() {
        assert_eq!(dates("after Friday prayers", "2021-06-22"), vec![]);
        assert_eq!(dates("since 9/11", "2021-06-22"), vec![]);
        assert_eq!(dates("the 1990s", "2021-06-22"), vec![]);
        assert_eq!(dates("they may leave", "2021-06-22"), vec![]);
        assert_eq!(dates("2021 troops", "2021-06-22"), vec![]);
    }
}
