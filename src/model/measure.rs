//! What a figure counts beyond its noun: what happened to the counted
//! ([`Measure`]: killed, displaced, fled abroad…) and how its figures add
//! up over time ([`FigureKind`]: a level, a running total, or one
//! incident's toll). A figure belongs on a series only when both agree.

use serde::{Deserialize, Serialize};

/// What happened to the people (or things) a figure counts: "120 people
/// were killed" counts deaths, "300 wounded" the injured, "1.2 million have
/// fled their homes" the displaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// Killed, dead, died.
    Deaths,
    /// Wounded, injured, hurt.
    Injured,
    /// Forced from their homes, still inside their country.
    Displaced,
    /// Fled abroad: across a border, into a neighbouring country.
    Refugees,
    /// Arrested, detained, imprisoned.
    Detained,
    /// Missing, disappeared, unaccounted for.
    Missing,
    /// Abducted, kidnapped, taken hostage.
    Abducted,
    /// Hungry: facing famine, food insecure, malnourished.
    Hungry,
    /// Evacuated, airlifted, flown out.
    Evacuated,
    /// Came back home: returnees.
    Returned,
    /// In need of help or aid.
    InNeed,
}

impl Measure {
    /// Every measure, in menu order.
    pub const ALL: [Measure; 11] = [
        Measure::Deaths,
        Measure::Injured,
        Measure::Displaced,
        Measure::Refugees,
        Measure::Detained,
        Measure::Missing,
        Measure::Abducted,
        Measure::Hungry,
        Measure::Evacuated,
        Measure::Returned,
        Measure::InNeed,
    ];

    /// A lower-case key: "deaths", "in_need" (as the test files spell it).
    pub fn key(self) -> &'static str {
        match self {
            Measure::Deaths => "deaths",
            Measure::Injured => "injured",
            Measure::Displaced => "displaced",
            Measure::Refugees => "refugees",
            Measure::Detained => "detained",
            Measure::Missing => "missing",
            Measure::Abducted => "abducted",
            Measure::Hungry => "hungry",
            Measure::Evacuated => "evacuated",
            Measure::Returned => "returned",
            Measure::InNeed => "in_need",
        }
    }

    /// The measure [`Self::key`] names.
    pub fn from_key(key: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.key() == key)
    }

    /// A new series' name for people counted so: "Deaths", "Displaced people".
    pub fn people_name(self) -> &'static str {
        match self {
            Measure::Deaths => "Deaths",
            Measure::Injured => "Injured",
            Measure::Displaced => "Displaced people",
            Measure::Refugees => "Refugees",
            Measure::Detained => "Detained",
            Measure::Missing => "Missing people",
            Measure::Abducted => "Abducted",
            Measure::Hungry => "People facing hunger",
            Measure::Evacuated => "Evacuated",
            Measure::Returned => "Returnees",
            Measure::InNeed => "People in need",
        }
    }

    /// The words after a named group: "Soldiers killed", "Children displaced".
    pub fn participle(self) -> &'static str {
        match self {
            Measure::Deaths => "killed",
            Measure::Injured => "injured",
            Measure::Displaced => "displaced",
            Measure::Refugees => "who fled abroad",
            Measure::Detained => "detained",
            Measure::Missing => "missing",
            Measure::Abducted => "abducted",
            Measure::Hungry => "facing hunger",
            Measure::Evacuated => "evacuated",
            Measure::Returned => "returned",
            Measure::InNeed => "in need",
        }
    }

    /// Whether figures of it only ever grow as more is counted: deaths,
    /// injuries, arrests, abductions, evacuations and returns are events,
    /// never a stock (though the hostages still held are one).
    pub fn is_flow(self) -> bool {
        matches!(
            self,
            Measure::Deaths
                | Measure::Injured
                | Measure::Detained
                | Measure::Abducted
                | Measure::Evacuated
                | Measure::Returned
        )
    }
}

/// How a figure's number relates to time, and so how a series of them is
/// drawn: a series keeps one kind, and Sitrep never proposes a figure of
/// one kind onto a series of another (a running total of 12,000 deaths and
/// one attack's 120 would make a line that falls from 12,000 to 120).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FigureKind {
    /// A stock present at a time: troops present, people displaced as of a
    /// day, districts held. Its figures are joined: each holds until the next.
    #[default]
    Level,
    /// Everything counted since a start ("more than 12,000 killed since
    /// April", "so far", "to date"): joined, and it should only grow.
    RunningTotal,
    /// One incident's toll ("120 killed in one city on one day"): its
    /// figures are separate marks, never joined into a line.
    Incident,
}

impl FigureKind {
    /// Every kind, in menu order.
    pub const ALL: [FigureKind; 3] = [
        FigureKind::Level,
        FigureKind::RunningTotal,
        FigureKind::Incident,
    ];

    /// A lower-case key: "level", "running_total", "incident".
    pub fn key(self) -> &'static str {
        match self {
            FigureKind::Level => "level",
            FigureKind::RunningTotal => "running_total",
            FigureKind::Incident => "incident",
        }
    }

    /// The kind [`Self::key`] names.
    pub fn from_key(key: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Level => "Level",
            FigureKind::RunningTotal => "Running total",
            FigureKind::Incident => "Incident toll",
        }
    }

    /// Whether a series of this kind is drawn as one joined line (levels
    /// and running totals) rather than as separate marks (incidents).
    pub fn joins_points(self) -> bool {
        self != FigureKind::Incident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_each_measure_and_kind_once() {
        for measure in Measure::ALL {
            assert_eq!(Measure::from_key(measure.key()), Some(measure));
        }
        for kind in FigureKind::ALL {
            assert_eq!(FigureKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(FigureKind::default(), FigureKind::Level);
        assert!(!FigureKind::Incident.joins_points());
    }
}
