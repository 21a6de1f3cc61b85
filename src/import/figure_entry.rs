//! One figure as a proposal or the analyst's hand gives it, and the one rule
//! that turns it into an edit: the series it goes on (found or made, with
//! the same unit, measure and kind whichever way it came) and its
//! observation. Accepting a proposal and tagging a selection both go
//! through [`figure_edit`], so the same words land on the same plot.

use super::series_choice::{FigureFacts, SeriesChoice, series_unit, suggest_series_for};
use crate::extract::{self, Extractor};
pub use crate::model::FigureValue;
use crate::model::{
    Edit, Evidence, FigureKind, Measure, Notebook, Observation, ObservationId, PartialDate, Series,
    SeriesId, SeriesStyle,
};

/// What the words of a figure say, read with their sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureReading {
    /// What it says.
    pub value: FigureValue,
    /// What happened to the counted, as its sentence says.
    pub measure: Option<Measure>,
    /// A level, a running total or one incident's toll.
    pub kind: FigureKind,
}

impl FigureReading {
    /// What is known of it when its series is chosen.
    pub fn facts(&self) -> FigureFacts<'_> {
        FigureFacts {
            unit: &self.value.unit,
            subject: &self.value.subject,
            measure: self.measure,
            kind: self.kind,
        }
    }

    /// The series Sitrep suggests for it: [`suggest_series_for`] its facts.
    pub fn suggested_series(&self, notebook: &Notebook) -> SeriesChoice {
        suggest_series_for(notebook, &self.facts())
    }
}

/// A figure ready to become an observation.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureEntry {
    /// What it says, and what its sentence says of it.
    pub reading: FigureReading,
    /// The analyst's best single value, if any.
    pub best: Option<f64>,
    /// When it was true.
    pub as_of: PartialDate,
    /// Where, as the text names it.
    pub place: String,
    /// The words it comes from.
    pub evidence: Option<Evidence>,
    /// The analyst's notes.
    pub notes: String,
}

/// The edit that records a figure on the series `series` says: an existing
/// one, or a new one named so, counting the figure's unit (soldiers and
/// personnel as troops), subject, measure and kind. The one way a figure
/// becomes an observation.
pub fn figure_edit(entry: &FigureEntry, series: &SeriesChoice) -> Result<Edit, String> {
    let value = &entry.reading.value;
    if !(value.low.is_finite() && value.high.is_finite()) {
        return Err("the figure is not a finite number".into());
    }
    if value.low > value.high {
        return Err("Low is above high".into());
    }
    let observation = Observation {
        id: ObservationId::from_uuid(uuid::Uuid::now_v7()),
        as_of: entry.as_of,
        low: value.low,
        high: value.high,
        best: entry.best,
        qualifier: value.qualifier,
        denominator: value.denominator,
        place: entry.place.trim().to_owned(),
        evidence: entry.evidence.clone(),
        notes: entry.notes.clone(),
    };
    Ok(match series {
        SeriesChoice::Existing(id) => Edit::PutObservation {
            series: *id,
            observation,
        },
        SeriesChoice::New { name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err("Name the new series".into());
            }
            let series = Series {
                id: SeriesId::from_uuid(uuid::Uuid::now_v7()),
                name: name.to_owned(),
                unit: series_unit(&value.unit.trim().to_lowercase()).to_owned(),
                subject: value.subject.trim().to_owned(),
                denominator: value.denominator,
                style: if value.high > value.low {
                    SeriesStyle::Band
                } else {
                    SeriesStyle::Step
                },
                color: None,
                plot: String::new(),
                kind: entry.reading.kind,
                measure: entry.reading.measure,
                observations: Vec::new(),
            };
            let id = series.id;
            Edit::Batch(vec![
                Edit::PutSeries(series),
                Edit::PutObservation {
                    series: id,
                    observation,
                },
            ])
        }
    })
}

/// The figure in words the analyst selected in an article, read as an
/// import reads it (given an `extractor`): the count in the selection with
/// what its whole sentence says happened to the counted and of which kind
/// it is; else the first count or number of the words alone. `None` when
/// the selection holds no number at all. Relative dates are read against
/// `published`.
pub fn read_selection(
    extractor: Option<&Extractor>,
    text: &str,
    selection: (usize, usize),
    published: Option<PartialDate>,
) -> Option<FigureReading> {
    let quote = text.get(selection.0..selection.1)?;
    // Only the selection's sentence is read: the dialog opens at once on
    // however long an article.
    let (start, end) = extract::tokens::sentences(text)
        .into_iter()
        .find(|&(start, end)| start <= selection.0 && selection.0 < end)
        .unwrap_or(selection);
    let text = text.get(start..end).unwrap_or(quote);
    let (from, to) = (
        selection.0 - start.min(selection.0),
        selection.1 - start.min(selection.1),
    );
    let reference = extract::reference_for(published);
    let sentences = extractor.map_or_else(Vec::new, |e| e.sentences(text, reference));
    let sentence = sentences
        .iter()
        .find(|s| s.start <= from && from < s.end.max(s.start + 1));
    if let (Some(sentence), Some(extractor)) = (sentence, extractor) {
        let own = super::OwnFacts::of(text, sentence, extractor);
        let readings = super::count_readings(text, sentence, &own);
        if let Some((q, reading)) = readings.iter().find(|(q, _)| q.start < to && from < q.end) {
            return Some(FigureReading {
                value: q.figure.clone(),
                measure: reading.measure,
                kind: reading.kind,
            });
        }
    }
    let guess = extract::figure_guess::guess(quote);
    let low = guess.low?;
    Some(FigureReading {
        value: FigureValue {
            low,
            high: guess.high.unwrap_or(low),
            qualifier: guess.qualifier,
            unit: guess.unit,
            subject: guess.subject,
            denominator: guess.denominator,
        },
        ..FigureReading::default()
    })
}
