//! A publication date stated at the head of an article's text, for pages and
//! files whose metadata gives none: a date stamp on a line of its own
//! ("Published 22 June 2021", "Updated: Tue 22 Jun 2021 10.30 BST") or a
//! wire dateline ("GENEVA, June 22, 2021 (Reuters) - …").
//!
//! Only a whole date with its year counts: "June 22" alone could be any
//! year, and a date in the lede's prose ("Fighting resumed on 22 June 2021")
//! is when something happened, not when it was reported, so the rest of the
//! line must be stamp words, times, a byline or a dateline's place.

use crate::extract::{dates, tokens};
use crate::model::{PartialDate, Precision};

/// How far into the text a dateline is looked for.
const HEAD_BYTES: usize = 1500;
/// How many non-empty lines are looked at.
const HEAD_LINES: usize = 6;
/// A stamp line is short; a longer line is prose.
const STAMP_LINE_BYTES: usize = 100;
/// A wire dateline's date starts this close to the line's start.
const DATELINE_PLACE_BYTES: usize = 60;

/// Words a date stamp line may hold beside the date (lower case), besides
/// month and weekday names.
const STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "first",
    "on",
    "at",
    "date",
    "dated",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "by",
    "and",
    "filed",
    "issued",
    "released",
    "created",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The day the first lines of `text` give as the article's date.
pub fn published(text: &str) -> Option<PartialDate> {
    let head = text.get(..HEAD_BYTES).unwrap_or_else(|| {
        let mut end = HEAD_BYTES.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    });
    // Only dates that state their year are taken, so the reference day the
    // date finder needs for "Tuesday" never decides anything here.
    let reference = jiff::civil::date(2000, 1, 1);
    let mut found = Vec::new();
    let mut token_buffer = Vec::new();
    for line in head
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEAD_LINES)
    {
        token_buffer.clear();
        tokens::tokenize(line, 0, line.len(), &mut token_buffer);
        found.clear();
        dates::find(line, &token_buffer, reference, &mut found);
        for mention in &found {
            if mention.date.precision != Precision::Day
                || !line[mention.start..mention.end].contains(&mention.date.date.year().to_string())
            {
                continue;
            }
            if is_stamp_line(line, mention.start, mention.end)
                || is_wire_dateline(line, mention.start, mention.end)
            {
                return Some(mention.date);
            }
        }
    }
    None
}

/// The line holds the date and nothing but stamp words, times, time zones
/// and perhaps a short byline ("By Jane Doe | June 22, 2021").
fn is_stamp_line(line: &str, start: usize, end: usize) -> bool {
    if line.trim().len() > STAMP_LINE_BYTES {
        return false;
    }
    let before = &line[..start];
    let after = &line[end..];
    // A byline before a separator: "By Jane Doe | 22 June 2021".
    let before = match before.rsplit_once(['|', '·', '•']) {
        Some((byline, rest)) if byline.trim_start().to_lowercase().starts_with("by ") => rest,
        _ => before,
    };
    [before, after].iter().all(|part| {
        part.split(|c: char| {
            c.is_whitespace()
                || matches!(c, ',' | '|' | '·' | '•' | '(' | ')' | '-' | '–' | '—' | ':')
        })
        .filter(|w| !w.is_empty())
        .all(is_stamp_word)
    })
}

fn is_stamp_word(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    let lower = bare.to_lowercase();
    STAMP_WORDS.contains(&lower.as_str())
        || super::byline::DATE_WORDS.contains(&lower.as_str())
        // An hour or a minute, split off at ':'.
        || (bare.len() <= 2 && bare.chars().all(|c| c.is_ascii_digit()))
        // A time: "10.30", "10:30am".
        || (bare.starts_with(|c: char| c.is_ascii_digit())
            && bare.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'a' | 'p' | 'm' | 'A' | 'P' | 'M'))
            && bare.contains([':', '.']))
        // A time zone: "BST", "EDT", "CET", "UTC+3".
        || (bare.len() >= 2
            && bare.len() <= 6
            && bare.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && bare.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '+'))
}

/// "GENEVA, June 22, 2021 (Reuters) - …", "KYIV, Ukraine, 22 June 2021 — …":
/// a place in capitals, a comma, the date, perhaps the agency, then a dash.
fn is_wire_dateline(line: &str, start: usize, end: usize) -> bool {
    if start > DATELINE_PLACE_BYTES {
        return false;
    }
    let place = line[..start].trim();
    let Some(place) = place.strip_suffix(',') else {
        return false;
    };
    let first_word = place.split([',', ' ']).next().unwrap_or_default();
    let capitals = first_word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first_word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '-' | '’'));
    if !capitals {
        return false;
    }
    let mut after = line[end..].trim_start();
    if let Some(agency) = after.strip_prefix('(') {
        let Some((_, rest)) = agency.split_once(')') else {
            return false;
        };
        after = rest.trim_start();
    }
    after.starts_with(['-', '–', '—', ':'])
}

/// Where a wire dateline that opens a sentence ends, in bytes from its
/// start: "OMDURMAN, Sudan (Reuters) — ", "KHARTOUM, March 3 - ",
/// "April 8, 2014 (JUBA) – ", "BAMAKO: ". None when the sentence opens
/// with prose. What follows it is the sentence's own.
pub fn lead_end(sentence: &str) -> Option<usize> {
    let head = sentence
        .get(..DATELINE_PLACE_BYTES + 40)
        .unwrap_or(sentence);
    let (at, width) = ["\u{2014}", "\u{2013}", " - ", ":"]
        .iter()
        .filter_map(|sep| head.find(sep).map(|at| (at, sep.len())))
        .min()?;
    let place = &head[..at];
    let words: Vec<&str> = place
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let shouted = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !w.chars().any(char::is_lowercase)
            && !w.chars().any(|c| c.is_ascii_digit())
    };
    let fits = |w: &&str| {
        shouted(w)
            || w.chars().all(|c| c.is_ascii_digit())
            || w.chars().next().is_some_and(char::is_uppercase)
    };
    let is_dateline = !words.is_empty()
        && words.iter().any(shouted)
        && words.iter().all(fits)
        && (width > 1 || words.iter().all(shouted));
    if !is_dateline {
        return None;
    }
    let rest = &sentence[at + width..];
    Some(sentence.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        published(text).map(PartialDate::iso)
    }

    #[test]
    fn a_stamp_line_gives_the_date() {
        for (text, expected) in [
            (
                "Published 22 June 2021\n\nTroops left the base.",
                "2021-06-22",
            ),
            (
                "Updated: Tue 22 Jun 2021 10.30 BST\nTroops left.",
                "2021-06-22",
            ),
            (
                "By Amina Yusuf | March 3, 2023\n\nThe convoy arrived.",
                "2023-03-03",
            ),
            (
                "Last updated on 2019-11-04 at 14:05 UTC\nText.",
                "2019-11-04",
            ),
            (
                "Posted: Friday, October 7, 2022 at 9:15 p.m. EDT\nText.",
                "2022-10-07",
            ),
        ] {
            assert_eq!(day(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn a_wire_dateline_gives_the_date() {
        assert_eq!(
            day("PORT-AU-PRINCE, Haiti, March 9, 2024 (Reuters) - Gangs attacked the port.")
                .as_deref(),
            Some("2024-03-09")
        );
        assert_eq!(
            day("KHARTOUM, 15 April 2023 — Fighting broke out at dawn.").as_deref(),
            Some("2023-04-15")
        );
    }

    #[test]
    fn dates_in_the_prose_or_without_a_year_are_not_the_article_date() {
        for text in [
            "Fighting resumed on 22 June 2021 after a week of calm.",
            "The ceasefire signed on March 9, 2024 broke down within days, residents said.",
            "Published June 22\n\nNo year is given.",
            "Rebels said on 3 May 2023 that 12 people had died.",
            "GENEVA (Reuters) - The UN said on 22 June 2021 that aid had stopped.",
        ] {
            assert_eq!(day(text), None, "{text}");
        }
    }

    #[test]
    fn a_dateline_opening_a_sentence_is_found_and_prose_is_not() {
        for (sentence, lead) in [
            (
                "OMDURMAN, Sudan (Reuters) \u{2014} Shelling killed 12.",
                Some("Shelling"),
            ),
            ("KHARTOUM, March 3 - Fighting resumed.", Some("Fighting")),
            ("April 8, 2014 (JUBA) \u{2013} Troops left.", Some("Troops")),
            ("BAMAKO: Gunmen attacked a convoy.", Some("Gunmen")),
            (
                "PORT-AU-PRINCE, Haiti - Gangs took the port.",
                Some("Gangs"),
            ),
            ("The UN said: 40 people died.", None),
            ("Fighting resumed on Sunday - residents said.", None),
            (
                "NATO said on Monday - and again later - that troops left.",
                None,
            ),
        ] {
            let found = lead_end(sentence).map(|at| &sentence[at..]);
            assert_eq!(
                found.map(|rest| rest.split(' ').next().unwrap_or_default()),
                lead,
                "{sentence}"
            );
        }
    }

    #[test]
    fn only_the_head_of_the_text_is_read() {
        let text = format!(
            "{}\nPublished 22 June 2021\n",
            "A line of prose here.\n".repeat(10)
        );
        assert_eq!(day(&text), None);
    }
}
