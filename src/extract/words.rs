//! What the count, date and place finders ask of single words of a
//! sentence's tokens: the word or punctuation at a token, month names, and
//! nouns that make a number a count. Below every finder, so that none of
//! them imports another for a word test.

use super::lexicon::lexicon;
use super::tokens::{Kind, Token, with_lower};

/// The word at token `i`, if it is one.
pub fn word_at<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    tokens
        .get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text))
}

/// The punctuation character at token `i`, if it is one.
pub fn punct_at(text: &str, tokens: &[Token], i: usize) -> Option<char> {
    tokens
        .get(i)
        .filter(|t| t.kind == Kind::Punct)
        .and_then(|t| t.text(text).chars().next())
}

/// Whether a word is a month name (capitalised, as in dates).
pub fn is_month(word: &str) -> bool {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    if !(3..=10).contains(&word.len()) || !first.is_ascii_uppercase() {
        return false;
    }
    let word = word.strip_suffix('.').unwrap_or(word);
    // A match on the spelling: this runs for the words around every number.
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Whether a word after a number makes it a count ("2020 troops" is not a year).
pub fn is_counted_noun(word: &str) -> bool {
    let lex = lexicon();
    with_lower(word, |lower| lex.is_counted_plural(lower))
}
