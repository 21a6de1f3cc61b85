//! Which series a figure belongs on: one that counts the same thing (its
//! unit and whose it is), in the same way (what happened to the counted:
//! [`Measure`]) and of the same kind (a level, a running total or one
//! incident's toll: [`FigureKind`]); else a new series named after it.

use crate::extract::measure::{
    counts_people, is_combatant, is_stock_word, is_subgroup, measure_in_name,
};
use crate::model::{FigureKind, Measure, Notebook, Proposal, ProposalKind, Series, SeriesId};

/// Where an accepted figure goes.
#[derive(Clone, Debug, PartialEq)]
pub enum SeriesChoice {
    /// An existing series.
    Existing(SeriesId),
    /// A new series with this name.
    New {
        /// Its name: "US troops".
        name: String,
    },
}

/// What is known of a figure when its series is chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureFacts<'f> {
    /// The noun counted: "people", "troops".
    pub unit: &'f str,
    /// Whose figure, when the text says ("US"); empty when it does not.
    pub subject: &'f str,
    /// What happened to the counted, when the sentence says.
    pub measure: Option<Measure>,
    /// A level, a running total or one incident's toll.
    pub kind: FigureKind,
}

impl<'f> FigureFacts<'f> {
    /// The facts of a figure proposal; none for an event.
    pub fn of(proposal: &'f Proposal) -> Option<Self> {
        match &proposal.kind {
            ProposalKind::Figure {
                figure,
                measure,
                kind,
                ..
            } => Some(Self {
                unit: &figure.unit,
                subject: &figure.subject,
                measure: *measure,
                kind: *kind,
            }),
            ProposalKind::Event { .. } => None,
        }
    }
}

/// "soldiers", "personnel" and "forces" are counted as troops.
pub(super) fn series_unit(unit: &str) -> &str {
    match unit {
        "soldiers" | "soldier" | "personnel" | "forces" | "troops" => "troops",
        "district" => "districts",
        "province" => "provinces",
        other => other,
    }
}

/// What a series counts beyond its unit: the measure set on it, else the
/// one its name and unit say ("Civilians killed": deaths).
pub fn series_measure(series: &Series) -> Option<Measure> {
    series
        .measure
        .or_else(|| measure_in_name(&series.name, &series.unit.to_lowercase()))
}

/// The kind a series holds. A series of deaths or injuries left at the
/// default level (as every series of a notebook older than kinds is) is a
/// running total, a count of the dead being no stock present at a time,
/// unless its name says it is one ("Hostages still held").
pub fn series_kind(series: &Series) -> FigureKind {
    let stock = || {
        series
            .name
            .split_whitespace()
            .any(|w| is_stock_word(&w.to_lowercase()))
    };
    match (series.kind, series_measure(series)) {
        (FigureKind::Level, Some(measure)) if measure.is_flow() && !stock() => {
            FigureKind::RunningTotal
        }
        (kind, _) => kind,
    }
}

/// The series Sitrep suggests for a figure known by its words alone (its
/// unit and subject, not its sentence): one of the notebook's with the
/// same unit (and subject, when the text names one), else a new one named
/// after them: districts → "Districts", US troops → "US troops".
pub fn suggest_series(notebook: &Notebook, unit: &str, subject: &str) -> SeriesChoice {
    let unit = series_unit(unit);
    let same_unit = |s: &&Series| series_unit(&s.unit.to_lowercase()) == unit;
    let existing = notebook
        .series
        .iter()
        .filter(same_unit)
        .find(|s| subject.is_empty() || same_subject(s, subject))
        .or_else(|| {
            if subject.is_empty() {
                notebook.series.iter().find(same_unit)
            } else {
                None
            }
        });
    match existing {
        Some(series) => SeriesChoice::Existing(series.id),
        None => SeriesChoice::New {
            name: new_series_name(unit, subject),
        },
    }
}

/// The series Sitrep suggests for a proposal: [`suggest_series_for`] its
/// [`FigureFacts`]; none for an event.
pub fn suggest_for_proposal(notebook: &Notebook, proposal: &Proposal) -> Option<SeriesChoice> {
    FigureFacts::of(proposal).map(|facts| suggest_series_for(notebook, &facts))
}

/// The series Sitrep suggests for a figure whose sentence was read: one
/// of the notebook's of the same kind and measure (never a count of the
/// killed on a series of refugees, nor one attack's toll on a running
/// total), counting the same unit (or the same people by another name)
/// and whose subject agrees; the same unit and subject rank first. Else a
/// new series ([`name_for`]).
pub fn suggest_series_for(notebook: &Notebook, facts: &FigureFacts) -> SeriesChoice {
    let unit = series_unit(facts.unit);
    let best = notebook
        .series
        .iter()
        .filter(|s| series_kind(s) == facts.kind && series_measure(s) == facts.measure)
        .filter_map(|s| {
            let same_unit = series_unit(&s.unit.to_lowercase()) == unit;
            let people = same_people(facts.unit, &s.unit.to_lowercase(), facts.measure);
            let subject_agrees = facts.subject.is_empty()
                || same_subject(s, facts.subject)
                || s.subject.is_empty() && facts.measure.is_some();
            let subject_match = !facts.subject.is_empty() && same_subject(s, facts.subject);
            ((same_unit || people) && subject_agrees).then_some((s, (same_unit, subject_match)))
        })
        // The first of the best: `max_by_key` would keep the last.
        .fold(
            None::<(&Series, (bool, bool))>,
            |best, (s, rank)| match best {
                Some((_, top)) if top >= rank => best,
                _ => Some((s, rank)),
            },
        );
    match best {
        Some((series, _)) => SeriesChoice::Existing(series.id),
        None => SeriesChoice::New {
            name: name_for(facts),
        },
    }
}

/// Whether two units count the same people under other names
/// ("people", "civilians", "residents"; with a measure, "refugees" or
/// "villagers" too): never soldiers for civilians, nor children for
/// everyone.
fn same_people(unit: &str, theirs: &str, measure: Option<Measure>) -> bool {
    let plain = |u: &str| {
        matches!(
            u,
            "people" | "persons" | "individuals" | "residents" | "inhabitants" | "civilians"
        )
    };
    let everyone = |u: &str| match measure {
        Some(_) => counts_people(u) && !is_combatant(u) && !is_subgroup(u),
        None => plain(u),
    };
    everyone(unit) && everyone(theirs)
}

/// Whether a series is the subject's: its subject, or a name that says it.
fn same_subject(series: &Series, subject: &str) -> bool {
    series.subject.eq_ignore_ascii_case(subject) || series.name.contains(subject)
}

/// The name for a new series of this unit and subject.
pub fn new_series_name(unit: &str, subject: &str) -> String {
    match (series_unit(unit), subject) {
        (unit, "") => capitalize(unit),
        (unit, subject) => format!("{subject} {unit}"),
    }
}

/// The name for a new series of a figure: by what happened to people
/// ("Deaths", "Displaced people"; "Civilians killed" for a named group),
/// else by its unit and subject ("US troops"); an incident series says so.
pub fn name_for(facts: &FigureFacts) -> String {
    let Some(measure) = facts.measure else {
        return with_kind(
            new_series_name(facts.unit, facts.subject),
            facts.kind,
            false,
        );
    };
    let generic = matches!(facts.unit, "people" | "persons" | "individuals")
        || measure_in_name("", facts.unit).is_some();
    let base = if generic {
        measure.people_name().to_owned()
    } else {
        format!("{} {}", capitalize(facts.unit), measure.participle())
    };
    let named = match facts.subject {
        "" => base,
        subject => format!("{subject} {}", lower_first(&base)),
    };
    with_kind(named, facts.kind, measure.is_flow())
}

/// A name with its kind where the name alone would mislead: "Deaths (per
/// incident)"; "Displaced people (cumulative)" unless the measure only grows.
fn with_kind(name: String, kind: FigureKind, flow: bool) -> String {
    match kind {
        FigureKind::Incident => format!("{name} (per incident)"),
        FigureKind::RunningTotal if !flow => format!("{name} (cumulative)"),
        _ => name,
    }
}

fn capitalize(word: &str) -> String {
    with_first(word, char::to_uppercase)
}

/// "Deaths" → "deaths" after a subject ("RSF deaths").
fn lower_first(word: &str) -> String {
    with_first(word, char::to_lowercase)
}

/// The word with its first letter changed by `change`.
fn with_first<I: Iterator<Item = char>>(word: &str, change: impl Fn(char) -> I) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| change(c).collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(unit: &str, measure: Option<Measure>, kind: FigureKind) -> FigureFacts<'_> {
        FigureFacts {
            unit,
            subject: "",
            measure,
            kind,
        }
    }

    #[test]
    fn a_new_series_is_named_from_the_words_alone() {
        assert_eq!(new_series_name("districts", ""), "Districts");
        assert_eq!(new_series_name("troops", "US"), "US troops");
        assert_eq!(new_series_name("districts", "RSF"), "RSF districts");
    }

    #[test]
    fn a_new_series_is_named_by_what_happened() {
        let running = FigureKind::RunningTotal;
        let deaths = facts("people", Some(Measure::Deaths), running);
        assert_eq!(name_for(&deaths), "Deaths");
        let soldiers = facts("soldiers", Some(Measure::Deaths), running);
        assert_eq!(name_for(&soldiers), "Soldiers killed");
        let displaced = facts("people", Some(Measure::Displaced), FigureKind::Level);
        assert_eq!(name_for(&displaced), "Displaced people");
        let attack = facts("people", Some(Measure::Injured), FigureKind::Incident);
        assert_eq!(name_for(&attack), "Injured (per incident)");
        let troops = FigureFacts {
            subject: "US",
            ..facts("troops", None, FigureKind::Level)
        };
        assert_eq!(name_for(&troops), "US troops");
    }
}
