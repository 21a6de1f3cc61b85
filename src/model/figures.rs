//! Figures: a reported count with its qualifier and range, and how it reads.

use super::{Evidence, ObservationId, PartialDate, is_default};
use serde::{Deserialize, Serialize};

/// The six things a reported figure says: its range, how it relates to the
/// truth, what it counts, whose it is and of how many. The one struct that
/// carries them, from the words to the observation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureValue {
    /// Low end.
    pub low: f64,
    /// High end (the low end again for a single number).
    pub high: f64,
    /// "more than" and the like.
    pub qualifier: Qualifier,
    /// The noun counted: "districts".
    pub unit: String,
    /// Whose figure, when the text says ("US"); empty when it does not.
    pub subject: String,
    /// "of 370".
    pub denominator: Option<f64>,
}

impl FigureValue {
    /// "more than 50 of 370", as the lists and the review write it.
    pub fn describe(&self) -> String {
        describe_figure(self.low, self.high, self.qualifier, self.denominator)
    }
}

/// How a reported figure relates to the true value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Qualifier {
    /// As stated.
    #[default]
    Exact,
    /// "about", "some", "nearly".
    About,
    /// "more than": the truth is above `high`.
    MoreThan,
    /// "less than", "fewer than".
    LessThan,
    /// "at least".
    AtLeast,
    /// "at most".
    AtMost,
    /// "up to".
    UpTo,
}

impl Qualifier {
    /// Every qualifier, in menu order.
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::UpTo,
    ];

    /// The words shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Exact => "exactly",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "at most",
            Qualifier::UpTo => "up to",
        }
    }

    /// Whether the true value may lie above the stated figure.
    pub fn open_upward(self) -> bool {
        matches!(self, Qualifier::MoreThan | Qualifier::AtLeast)
    }

    /// Whether the true value may lie below the stated figure.
    pub fn open_downward(self) -> bool {
        matches!(
            self,
            Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo
        )
    }
}

/// One reported figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Stable id.
    pub id: ObservationId,
    /// When the figure was true.
    pub as_of: PartialDate,
    /// Low end of the stated range (the figure itself when it is one number).
    pub low: f64,
    /// High end of the stated range.
    pub high: f64,
    /// A best estimate inside the range, when one is stated.
    #[serde(default, skip_serializing_if = "is_default")]
    pub best: Option<f64>,
    /// How the figure relates to the truth.
    #[serde(default, skip_serializing_if = "is_default")]
    pub qualifier: Qualifier,
    /// The whole it is part of, when this report states one.
    #[serde(default, skip_serializing_if = "is_default")]
    pub denominator: Option<f64>,
    /// Where it was counted ("Kunduz"), when the report says: it puts the
    /// figure on the map.
    #[serde(default, skip_serializing_if = "is_default")]
    pub place: String,
    /// The words that support it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub evidence: Option<Evidence>,
    /// The analyst's notes.
    #[serde(default, skip_serializing_if = "is_default")]
    pub notes: String,
}

impl Observation {
    /// The single value to draw: the best estimate, else the middle of the range.
    pub fn central(&self) -> f64 {
        self.best.unwrap_or((self.low + self.high) / 2.0)
    }

    /// The central value as a percentage of its whole: this report's, else
    /// `series_whole`; `None` without a positive whole.
    pub fn share(&self, series_whole: Option<f64>) -> Option<f64> {
        let whole = self.denominator.or(series_whole).filter(|w| *w > 0.0)?;
        Some(self.central() * 100.0 / whole)
    }

    /// "more than 50 of 370", "2,500–3,500".
    pub fn describe(&self) -> String {
        describe_figure(self.low, self.high, self.qualifier, self.denominator)
    }
}

/// A figure in words: "more than 50 of 370", "2,500–3,500".
pub fn describe_figure(
    low: f64,
    high: f64,
    qualifier: Qualifier,
    denominator: Option<f64>,
) -> String {
    let mut text = String::new();
    if qualifier != Qualifier::Exact {
        text.push_str(qualifier.label());
        text.push(' ');
    }
    text.push_str(&format_number(low));
    if high != low {
        text.push('–');
        text.push_str(&format_number(high));
    }
    if let Some(denominator) = denominator {
        text.push_str(" of ");
        text.push_str(&format_number(denominator));
    }
    text
}

/// "1 article", "2 articles", "1,200 articles": a count with its noun in the
/// number it takes.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    let noun = if count == 1 { singular } else { plural };
    format!("{} {noun}", format_number(count as f64))
}

/// Formats a figure with thousands separators and no needless decimals.
pub fn format_number(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", value.abs() as u64);
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0.0 {
        grouped.insert(0, '-');
    }
    grouped
}
