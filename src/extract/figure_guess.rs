//! A first guess at the figure in a few selected words ("more than 50 of
//! the 370 districts"), by the rules the extractor applies to whole
//! articles; the tagging form offers it for the analyst to check.

use super::{numbers, quantities, tokens};
use crate::model::Qualifier;

/// What the selected words suggest about a figure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureGuess {
    /// The first number.
    pub low: Option<f64>,
    /// The second number of a range ("2,500-3,500"), else the first.
    pub high: Option<f64>,
    /// "more than" and the like.
    pub qualifier: Qualifier,
    /// "of 370".
    pub denominator: Option<f64>,
    /// The counted noun: "districts".
    pub unit: String,
    /// Whose: "US".
    pub subject: String,
}

/// A first guess at the figure in the selected words, by the same rules
/// the extractor uses on whole articles; the analyst checks it in the dialog.
pub fn guess(quote: &str) -> FigureGuess {
    let mut tokens = Vec::new();
    tokens::tokenize(quote, 0, quote.len(), &mut tokens);
    let mut found = Vec::new();
    quantities::find(quote, &tokens, &mut found);
    match found.into_iter().next() {
        Some(q) => FigureGuess {
            low: Some(q.figure.low),
            high: Some(q.figure.high),
            qualifier: q.figure.qualifier,
            denominator: q.figure.denominator,
            unit: q.figure.unit,
            subject: q.figure.subject,
        },
        // No counted noun in the words: offer the first number, if any.
        None => {
            let first = (0..tokens.len())
                .filter(|&i| tokens[i].kind == tokens::Kind::Number)
                .find_map(|i| numbers::number_at(quote, &tokens, i).map(|(value, _)| value));
            FigureGuess {
                low: first,
                high: first,
                ..FigureGuess::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_a_qualified_share_of_a_whole() {
        let found = guess("more than 50 of the country's 370 districts");
        assert_eq!(found.low, Some(50.0));
        assert_eq!(found.high, Some(50.0));
        assert_eq!(found.qualifier, Qualifier::MoreThan);
        assert_eq!(found.denominator, Some(370.0));
        assert_eq!(found.unit, "districts");
        let found = guess("more than 50 of 370 districts");
        assert_eq!(found.denominator, Some(370.0));
        assert_eq!(found.unit, "districts");
    }

    #[test]
    fn guesses_a_range_with_its_subject() {
        let found = guess("the remaining 2,500-3,500 US troops");
        assert_eq!((found.low, found.high), (Some(2500.0), Some(3500.0)));
        assert_eq!(found.subject, "US");
        assert_eq!(found.unit, "troops");
        assert_eq!(found.qualifier, Qualifier::Exact);
        let found = guess("7,000 NATO soldiers");
        assert_eq!(
            (found.low, found.subject.as_str(), found.unit.as_str()),
            (Some(7000.0), "NATO", "soldiers")
        );
        assert_eq!(guess("no numbers here").low, None);
        // No counted noun: the first number is offered alone.
        assert_eq!(guess("rose to 1,200 on Monday").low, Some(1200.0));
    }
}
