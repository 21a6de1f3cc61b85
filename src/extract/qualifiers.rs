//! The words before a count that say how exact it is: "more than 50",
//! "at least 31", "as many as 70", "not less than nine", "an estimated
//! 3,000". A qualifier describes the number it stands before.

use super::tokens::{Token, lower};
use super::words::word_at;
use crate::model::Qualifier;

/// The qualifier that ends just before token `i`, with the index where it starts.
pub fn qualifier_before(text: &str, tokens: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    let word = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| word_at(text, tokens, j))
            .and_then(lower)
    };
    // Every qualifier ends in one of these words: most numbers stop here,
    // before the words further back are read.
    let w1 = word(1)?;
    if !matches!(
        w1.as_str(),
        "than"
            | "as"
            | "to"
            | "of"
            | "least"
            | "most"
            | "more"
            | "estimated"
            | "over"
            | "under"
            | "about"
            | "around"
            | "some"
            | "roughly"
            | "approximately"
            | "nearly"
            | "almost"
            | "approx"
            | "circa"
    ) {
        return None;
    }
    let (w1, w2, w3) = (Some(w1), word(2), word(3));
    let is =
        |w: &Option<super::tokens::LowerWord>, s: &str| w.as_ref().is_some_and(|w| w.as_str() == s);
    let two = |a: &str, b: &str| is(&w2, a) && is(&w1, b);
    let three = |a: &str, b: &str, c: &str| is(&w3, a) && two(b, c);
    // "not less than seven", "no fewer than 20".
    if (is(&w3, "not") || is(&w3, "no")) && (two("less", "than") || two("fewer", "than")) {
        return Some((Qualifier::AtLeast, i - 3));
    }
    if three("not", "more", "than") {
        return Some((Qualifier::AtMost, i - 3));
    }
    if three("as", "many", "as") || three("as", "high", "as") || three("as", "much", "as") {
        return Some((Qualifier::UpTo, i - 3));
    }
    if two("close", "to") {
        return Some((Qualifier::About, i - 2));
    }
    if two("upwards", "of") {
        return Some((Qualifier::MoreThan, i - 2));
    }
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
