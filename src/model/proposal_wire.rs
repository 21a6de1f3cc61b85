//! The file's shape of a proposal's kind, kept as it has always been
//! written (a figure's six fields beside the others) while the program
//! holds them as one [`FigureValue`]: serde converts between the two, so
//! notebooks keep their bytes.

use super::{FigureKind, FigureValue, Measure, PartialDate, Qualifier, is_default};
use serde::{Deserialize, Serialize};

/// [`super::ProposalKind`] as the file spells it.
#[derive(Clone, Serialize, Deserialize)]
pub(super) enum ProposalKind {
    Figure {
        low: f64,
        high: f64,
        qualifier: Qualifier,
        unit: String,
        subject: String,
        denominator: Option<f64>,
        as_of: Option<PartialDate>,
        vague: bool,
        #[serde(default, skip_serializing_if = "is_default")]
        place: String,
        #[serde(default, skip_serializing_if = "is_default")]
        measure: Option<Measure>,
        #[serde(default, skip_serializing_if = "is_default")]
        kind: FigureKind,
    },
    Event {
        title: String,
        date: PartialDate,
        place: String,
        #[serde(default, skip_serializing_if = "is_default")]
        country: String,
        actors: Vec<String>,
    },
}

impl From<ProposalKind> for super::ProposalKind {
    fn from(wire: ProposalKind) -> Self {
        match wire {
            ProposalKind::Figure {
                low,
                high,
                qualifier,
                unit,
                subject,
                denominator,
                as_of,
                vague,
                place,
                measure,
                kind,
            } => Self::Figure {
                figure: FigureValue {
                    low,
                    high,
                    qualifier,
                    unit,
                    subject,
                    denominator,
                },
                as_of,
                vague,
                place,
                measure,
                kind,
            },
            ProposalKind::Event {
                title,
                date,
                place,
                country,
                actors,
            } => Self::Event {
                title,
                date,
                place,
                country,
                actors,
            },
        }
    }
}

impl From<super::ProposalKind> for ProposalKind {
    fn from(kind: super::ProposalKind) -> Self {
        match kind {
            super::ProposalKind::Figure {
                figure,
                as_of,
                vague,
                place,
                measure,
                kind,
            } => Self::Figure {
                low: figure.low,
                high: figure.high,
                qualifier: figure.qualifier,
                unit: figure.unit,
                subject: figure.subject,
                denominator: figure.denominator,
                as_of,
                vague,
                place,
                measure,
                kind,
            },
            super::ProposalKind::Event {
                title,
                date,
                place,
                country,
                actors,
            } => Self::Event {
                title,
                date,
                place,
                country,
                actors,
            },
        }
    }
}
