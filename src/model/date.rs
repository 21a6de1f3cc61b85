//! Dates as the sources give them: a day, a month or a year.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where an article's published date came from, so that the analyst can
/// judge how far to trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateSource {
    /// The page's own metadata: schema.org `datePublished` or a `<meta>` tag.
    Metadata,
    /// A `<time datetime>` stamp in the page.
    TimeStamp,
    /// A dateline or a date stamp in the first lines of the text.
    Dateline,
    /// A date in the page's address ("/2021/06/22/").
    Address,
    /// The mail's `Date:` header.
    MailHeader,
    /// A "Published: …" line at the head of a text file.
    HeaderLine,
    /// Typed by the analyst.
    Analyst,
}

impl DateSource {
    /// How the reader and the article list say it.
    pub fn label(self) -> &'static str {
        match self {
            DateSource::Metadata => "from the page's metadata",
            DateSource::TimeStamp => "from the page's time stamp",
            DateSource::Dateline => "from the dateline",
            DateSource::Address => "from the page's address",
            DateSource::MailHeader => "from the mail's Date header",
            DateSource::HeaderLine => "from the file's Published line",
            DateSource::Analyst => "entered by hand",
        }
    }
}

/// An article's date as the analyst reads it: "22 Jun 2021, from the page's
/// metadata", "22 Jun 2021", or "undated".
pub fn describe_published(published: Option<PartialDate>, from: Option<DateSource>) -> String {
    match (published, from) {
        (Some(date), Some(from)) => format!("{date}, {}", from.label()),
        (Some(date), None) => date.to_string(),
        (None, _) => "undated".to_owned(),
    }
}

/// How much of a [`PartialDate`] is known.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Precision {
    /// A single day.
    #[default]
    Day,
    /// Some time in a month: drawn as the whole month.
    Month,
    /// Some time in a year: drawn as the whole year.
    Year,
}

impl Precision {
    /// Every precision, in menu order.
    pub const ALL: [Precision; 3] = [Precision::Day, Precision::Month, Precision::Year];

    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Day => "Day",
            Precision::Month => "Month",
            Precision::Year => "Year",
        }
    }
}

/// A date known to a day, a month or a year. `date` holds the first day of
/// the period for month and year precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    /// The day, or the first day of the month or year.
    pub date: Date,
    /// How much of `date` is meant.
    pub precision: Precision,
}

/// Why text could not be read as a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl std::fmt::Display for DateParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateParseError {}

impl PartialDate {
    /// A single day; `None` when the day does not exist (2021-02-30).
    pub fn day(year: i16, month: i8, day: i8) -> Option<Self> {
        Some(Self {
            date: Date::new(year, month, day).ok()?,
            precision: Precision::Day,
        })
    }

    /// A whole month.
    pub fn month(year: i16, month: i8) -> Option<Self> {
        Some(Self {
            date: Date::new(year, month, 1).ok()?,
            precision: Precision::Month,
        })
    }

    /// A whole year.
    pub fn year(year: i16) -> Option<Self> {
        Some(Self {
            date: Date::new(year, 1, 1).ok()?,
            precision: Precision::Year,
        })
    }

    /// The same date, coarsened or refined to `precision`.
    pub fn with_precision(self, precision: Precision) -> Self {
        let date = match precision {
            Precision::Day => self.date,
            Precision::Month => self.date.first_of_month(),
            Precision::Year => self.date.first_of_year(),
        };
        Self { date, precision }
    }

    /// Reads `2021-06-22`, `2021-06` or `2021` (the precision follows the form).
    pub fn parse(text: &str) -> Result<Self, DateParseError> {
        let text = text.trim();
        let bad = || {
            DateParseError(format!(
                "'{text}' is not a date: write 2021-06-22, 2021-06 or 2021"
            ))
        };
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, digits: usize| -> Option<i64> {
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())?
        };
        let year = parts.first().and_then(|p| number(p, 4)).ok_or_else(bad)? as i16;
        let month = || parts.get(1).and_then(|p| number(p, 2)).map(|m| m as i8);
        let parsed = match parts.len() {
            1 => Self::year(year),
            2 => Self::month(year, month().ok_or_else(bad)?),
            3 => Self::day(
                year,
                month().ok_or_else(bad)?,
                parts.get(2).and_then(|p| number(p, 2)).ok_or_else(bad)? as i8,
            ),
            _ => None,
        };
        parsed.ok_or_else(|| {
            if parts.len() == 3 {
                DateParseError(format!("'{text}' is not a day of the calendar"))
            } else {
                bad()
            }
        })
    }

    /// `2021-06-22`, `2021-06` or `2021`: the form [`PartialDate::parse`] reads.
    pub fn iso(self) -> String {
        match self.precision {
            Precision::Day => self.date.strftime("%Y-%m-%d").to_string(),
            Precision::Month => self.date.strftime("%Y-%m").to_string(),
            Precision::Year => self.date.strftime("%Y").to_string(),
        }
    }

    /// The first day the date may mean.
    pub fn first_day(self) -> Date {
        self.with_precision(self.precision).date
    }

    /// The last day the date may mean.
    pub fn last_day(self) -> Date {
        let first = self.first_day();
        match self.precision {
            Precision::Day => first,
            Precision::Month => first.last_of_month(),
            Precision::Year => first.last_of_year(),
        }
    }
}

impl std::fmt::Display for PartialDate {
    /// "22 Jun 2021", "Jun 2021", "2021".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self.precision {
            Precision::Day => self.date.strftime("%-d %b %Y").to_string(),
            Precision::Month => self.date.strftime("%b %Y").to_string(),
            Precision::Year => self.date.strftime("%Y").to_string(),
        };
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2021-06-22", "2021-06", "2021"] {
            assert_eq!(PartialDate::parse(text).expect(text).iso(), text);
        }
        assert_eq!(
            PartialDate::parse("2021-06").expect("month").precision,
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse(" 2021-06-22 ").expect("day").to_string(),
            "22 Jun 2021"
        );
    }

    #[test]
    fn refuses_days_that_do_not_exist_and_other_shapes() {
        assert!(
            PartialDate::parse("2021-02-30")
                .unwrap_err()
                .0
                .contains("not a day")
        );
        for text in ["", "June 2021", "21-06-22", "2021-6-1", "2021-06-22-01"] {
            assert!(PartialDate::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_month_spans_the_whole_month() {
        let june = PartialDate::parse("2021-06").expect("month");
        assert_eq!(june.first_day(), Date::new(2021, 6, 1).expect("date"));
        assert_eq!(june.last_day(), Date::new(2021, 6, 30).expect("date"));
        let year = PartialDate::parse("2021").expect("year");
        assert_eq!(year.last_day(), Date::new(2021, 12, 31).expect("date"));
    }
}
