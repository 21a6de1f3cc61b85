//! The notebook's data: articles, the events and figures marked in them, and
//! the one way a notebook changes ([`Edit`]).
//!
//! Invariants every [`Notebook`] keeps (checked by [`Notebook::validate`] and
//! restored by [`Notebook::canonicalize`]):
//! - every collection is sorted by id, and ids are unique within it, so the
//!   same notebook always serializes to the same bytes and two analysts'
//!   edits land in different places of the file;
//! - every number is finite and `low <= high`.
//!
//! Evidence spans are *not* required to fit their article: the text may have
//! been edited since, and a mismatch is shown to the user, never dropped.
//!
//! This module never imports egui, touches files or reads the clock: ids and
//! timestamps are made by the caller and handed in.

mod date;
mod edit;
mod evidence;
mod figures;
mod ids;
mod measure;
mod place;
mod proposal_wire;
mod validate;
mod views;

pub use date::{DateParseError, DateSource, PartialDate, Precision, describe_published};
pub use edit::{Edit, EditError};
pub use evidence::{
    CitedBy, Evidence, EvidenceProblem, EvidenceStatus, cited_spans, evidence_problems,
};
pub use figures::{FigureValue, Observation, Qualifier, counted, describe_figure, format_number};
pub use ids::{
    ActorId, ArticleId, EventId, ObservationId, PlaceId, ProposalId, SeriesId, ViewId, WatchId,
};
pub use measure::{FigureKind, Measure};
pub use place::{PlaceOption, PlaceScale, ResolvedPlace, distance_km, is_on_earth};
pub use validate::Invalid;
pub use views::{DayWindow, Region, SavedView, WatchTerm};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The file format version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole notebook: what one `.ron` file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    /// File format version; see [`FORMAT_VERSION`].
    pub format: u32,
    /// Title and bookkeeping.
    pub meta: Meta,
    /// Source articles, sorted by id.
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Events, sorted by id.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Figure series with their observations, sorted by id.
    #[serde(default)]
    pub series: Vec<Series>,
    /// What Sitrep found in imported articles and the analyst has not yet
    /// accepted or rejected, sorted by id.
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    /// Places the analyst added to the gazetteer for this notebook, sorted by id.
    #[serde(default)]
    pub places: Vec<NotebookPlace>,
    /// Actors the analyst added (or gave more names to), sorted by id.
    #[serde(default)]
    pub actors: Vec<NotebookActor>,
    /// Named sets of filters, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<SavedView>,
    /// Terms that mark an imported article as one to read first, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watch: Vec<WatchTerm>,
    /// What a three-way merge could not settle: both values, for the
    /// analyst to choose between. Written only when there are some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A field that both sides of a merge changed differently (or an item one
/// side deleted and the other edited). The merged notebook holds "ours";
/// "theirs" waits here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Where the item is: `events/<id>`, `series/<id>/observations/<id>`, `meta`.
    pub item: String,
    /// The field both changed; empty when the whole item is in question.
    pub field: String,
    /// Our value, as JSON text (`null` when we deleted the item).
    pub ours: String,
    /// Their value, as JSON text (`null` when they deleted the item).
    pub theirs: String,
}

/// An actor the analyst taught Sitrep, or more names for a built-in one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotebookActor {
    /// Stable id.
    pub id: ActorId,
    /// The name it is shown by; the same name as a built-in actor adds to its aliases.
    pub name: String,
    /// Other names to find it by.
    #[serde(default, skip_serializing_if = "is_default")]
    pub aliases: Vec<String>,
}

/// A place the analyst taught Sitrep: found in articles like the built-in ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotebookPlace {
    /// Stable id.
    pub id: PlaceId,
    /// The name it is shown by.
    pub name: String,
    /// Other spellings to find it by.
    #[serde(default, skip_serializing_if = "is_default")]
    pub aliases: Vec<String>,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code of its country, when known.
    #[serde(default, skip_serializing_if = "is_default")]
    pub country: String,
    /// How much ground it covers.
    #[serde(default, skip_serializing_if = "is_default")]
    pub scale: PlaceScale,
    /// A resolution the analyst settled (accepted or corrected) rather than
    /// a place they added: the same name in later articles resolves to it,
    /// but it is not searched for as a name of its own.
    #[serde(default, skip_serializing_if = "is_default")]
    pub settled: bool,
    /// How sure an automatic resolution was, when it was unsure (accepted
    /// in a batch without a look): the map marks it until the analyst picks.
    /// `None`: sure, or decided by the analyst.
    #[serde(default, skip_serializing_if = "is_default")]
    pub unsure: Option<f32>,
}

/// Something Sitrep found in an article, waiting for the analyst's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Stable id.
    pub id: ProposalId,
    /// The words it was found in (for an event: the whole sentence).
    pub evidence: Evidence,
    /// What it proposes.
    pub kind: ProposalKind,
    /// Its date hangs on the article's: its words do not state the year
    /// ("on Tuesday", "May 1"), or a figure's sentence gives no date at all.
    /// It follows the article's date until the analyst sets it by hand;
    /// while the article has none (the day of import stood in), it waits.
    #[serde(default, skip_serializing_if = "is_default")]
    pub date_relative: bool,
    /// Where the place it names was resolved, and how surely.
    #[serde(default, skip_serializing_if = "is_default")]
    pub place_at: Option<ResolvedPlace>,
}

/// What a proposal would become once accepted. In the file its figure's
/// six fields stand beside the others, as they always have
/// (`proposal_wire`); in memory they are one [`FigureValue`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    from = "proposal_wire::ProposalKind",
    into = "proposal_wire::ProposalKind"
)]
pub enum ProposalKind {
    /// A figure on a series.
    Figure {
        /// What it says: its range, qualifier, unit, subject and whole.
        figure: FigureValue,
        /// When it was true: the sentence's date, else the article's.
        as_of: Option<PartialDate>,
        /// "dozens", "hundreds": only a rough size is known.
        vague: bool,
        /// A place the sentence names: where the figure was counted.
        place: String,
        /// What happened to the counted, as the sentence says ("killed":
        /// deaths); none when it says nothing of it.
        measure: Option<Measure>,
        /// A level, a running total or one incident's toll.
        kind: FigureKind,
    },
    /// An event.
    Event {
        /// A first title: the sentence.
        title: String,
        /// The date the sentence gives.
        date: PartialDate,
        /// A place the sentence names.
        place: String,
        /// The country of that place, as the gazetteer chose it ("Afghanistan").
        country: String,
        /// The actors the sentence names.
        actors: Vec<String>,
    },
}

/// The notebook's title and bookkeeping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// A stable id for the notebook itself (UUID v7 text).
    pub id: String,
    /// Shown in the window title.
    pub title: String,
    /// When the notebook was made.
    pub created: Timestamp,
    /// When the notebook was last saved.
    pub modified: Timestamp,
}

/// A news article (or any source text) the analyst collected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id.
    pub id: ArticleId,
    /// Headline.
    pub title: String,
    /// Publication or agency, with whom it cites.
    #[serde(default, skip_serializing_if = "is_default")]
    pub outlet: String,
    /// Where it was found; never fetched by Sitrep.
    #[serde(default, skip_serializing_if = "is_default")]
    pub url: String,
    /// Byline.
    #[serde(default, skip_serializing_if = "is_default")]
    pub author: String,
    /// When it was published: the "known on" date of its facts.
    #[serde(default, skip_serializing_if = "is_default")]
    pub published: Option<PartialDate>,
    /// Where `published` came from.
    #[serde(default, skip_serializing_if = "is_default")]
    pub published_from: Option<DateSource>,
    /// When it entered the notebook.
    pub captured: Timestamp,
    /// The text evidence spans point into.
    pub text: String,
    /// SHA-256 of `text`, lower-case hex: spots re-imports of the same text.
    pub sha256: String,
    /// Free tags.
    #[serde(default, skip_serializing_if = "is_default")]
    pub tags: Vec<String>,
    /// The analyst's notes.
    #[serde(default, skip_serializing_if = "is_default")]
    pub notes: String,
}

impl Article {
    /// Makes an article with the given text and empty metadata.
    pub fn new(
        id: ArticleId,
        title: impl Into<String>,
        text: impl Into<String>,
        captured: Timestamp,
    ) -> Self {
        let text = text.into();
        Self {
            id,
            title: title.into(),
            outlet: String::new(),
            url: String::new(),
            author: String::new(),
            published: None,
            published_from: None,
            captured,
            sha256: sha256_hex(&text),
            text,
            tags: Vec::new(),
            notes: String::new(),
        }
    }

    /// Replaces the text and keeps `sha256` in step with it.
    pub fn set_text(&mut self, text: String) {
        self.sha256 = sha256_hex(&text);
        self.text = text;
    }
}

/// The longest one-line field (a title, a name) a notebook may hold, in bytes.
pub const MAX_LINE_BYTES: usize = 16 * 1024;
/// The longest article text or notes, in bytes (as large as an import may be).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Whether a field holds its default, so the file leaves it out (it reads
/// back as the default): lines stay short and diffs show only what is set.
fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Lower-case hex SHA-256 of a text.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// What kind of thing happened; colours the event lane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Fighting, captures, attacks.
    Military,
    /// Withdrawals and deployments of forces.
    Withdrawal,
    /// Government, elections, statements.
    Political,
    /// Talks, meetings, negotiations.
    Diplomatic,
    /// Civilians, refugees, aid.
    Humanitarian,
    /// Anything else.
    #[default]
    Other,
}

impl Category {
    /// Every category, in menu order.
    pub const ALL: [Category; 6] = [
        Category::Military,
        Category::Withdrawal,
        Category::Political,
        Category::Diplomatic,
        Category::Humanitarian,
        Category::Other,
    ];

    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Category::Military => "Military",
            Category::Withdrawal => "Withdrawal",
            Category::Political => "Political",
            Category::Diplomatic => "Diplomatic",
            Category::Humanitarian => "Humanitarian",
            Category::Other => "Other",
        }
    }
}

/// How far to trust a report, on the Admiralty (NATO) scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confidence {
    /// Source reliability: `A` (completely reliable) to `F` (cannot be judged).
    pub reliability: Reliability,
    /// Information credibility: 1 (confirmed) to 6 (cannot be judged).
    pub credibility: u8,
}

/// Source reliability grades of the Admiralty scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

/// Something that happened, as the sources report it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id.
    pub id: EventId,
    /// One line: what happened.
    pub title: String,
    /// When it happened (or began), with its precision.
    pub start: PartialDate,
    /// When it ended, if it lasted.
    #[serde(default, skip_serializing_if = "is_default")]
    pub end: Option<PartialDate>,
    /// What kind of event.
    #[serde(default, skip_serializing_if = "is_default")]
    pub category: Category,
    /// Free tags.
    #[serde(default, skip_serializing_if = "is_default")]
    pub tags: Vec<String>,
    /// Where, by name.
    #[serde(default, skip_serializing_if = "is_default")]
    pub place: String,
    /// Who took part.
    #[serde(default, skip_serializing_if = "is_default")]
    pub actors: Vec<String>,
    /// The analyst's notes.
    #[serde(default, skip_serializing_if = "is_default")]
    pub notes: String,
    /// The words that support it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub evidence: Vec<Evidence>,
    /// How far to trust it, when judged.
    #[serde(default, skip_serializing_if = "is_default")]
    pub confidence: Option<Confidence>,
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesStyle {
    /// Holds its value until the next observation (counts of districts).
    #[default]
    Step,
    /// Straight lines between observations.
    Line,
    /// The low-high range as a shaded band.
    Band,
}

impl SeriesStyle {
    /// Every style, in menu order.
    pub const ALL: [SeriesStyle; 3] = [SeriesStyle::Step, SeriesStyle::Line, SeriesStyle::Band];

    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            SeriesStyle::Step => "Step",
            SeriesStyle::Line => "Line",
            SeriesStyle::Band => "Band",
        }
    }
}

/// A figure tracked over time: districts held, troops present…
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Stable id.
    pub id: SeriesId,
    /// Shown in legends: "US troops".
    pub name: String,
    /// The plural noun counted, lower case: series with one unit share a plot.
    pub unit: String,
    /// Whose figure it is (US, NATO, Taliban…), when that matters.
    #[serde(default, skip_serializing_if = "is_default")]
    pub subject: String,
    /// The whole the figure is part of (370 districts), if any.
    #[serde(default, skip_serializing_if = "is_default")]
    pub denominator: Option<f64>,
    /// How it is drawn.
    #[serde(default, skip_serializing_if = "is_default")]
    pub style: SeriesStyle,
    /// Its colour, when the analyst picked one.
    #[serde(default, skip_serializing_if = "is_default")]
    pub color: Option<[u8; 3]>,
    /// The plot it is drawn in, named by the analyst: series with one plot
    /// name share it, whatever their units; empty, it shares the plot of
    /// its unit.
    #[serde(default, skip_serializing_if = "is_default")]
    pub plot: String,
    /// How its figures relate to time: a level (the default: joined, each
    /// holding until the next), a running total (joined, growing) or
    /// incident tolls (separate marks, never joined). A series keeps one
    /// kind: Sitrep proposes only figures of its kind onto it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: FigureKind,
    /// What happened to the counted (deaths, displaced…), when set; none
    /// means it is read from the series' name and unit.
    #[serde(default, skip_serializing_if = "is_default")]
    pub measure: Option<Measure>,
    /// The figures, sorted by id.
    #[serde(default, skip_serializing_if = "is_default")]
    pub observations: Vec<Observation>,
}

impl Series {
    /// A series with no figures, drawn as steps, of the default kind and
    /// with nothing else set.
    pub fn new(id: SeriesId, name: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            unit: unit.into(),
            subject: String::new(),
            denominator: None,
            style: SeriesStyle::Step,
            color: None,
            plot: String::new(),
            kind: FigureKind::Level,
            measure: None,
            observations: Vec::new(),
        }
    }
}

impl Notebook {
    /// An empty notebook.
    pub fn new(id: String, title: impl Into<String>, now: Timestamp) -> Self {
        Self {
            format: FORMAT_VERSION,
            meta: Meta {
                id,
                title: title.into(),
                created: now,
                modified: now,
            },
            articles: Vec::new(),
            events: Vec::new(),
            series: Vec::new(),
            proposals: Vec::new(),
            places: Vec::new(),
            actors: Vec::new(),
            views: Vec::new(),
            watch: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Finds an article by id.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        find(&self.articles, id, |a| a.id)
    }

    /// Finds an event by id.
    pub fn event(&self, id: EventId) -> Option<&Event> {
        find(&self.events, id, |e| e.id)
    }

    /// Finds a proposal by id.
    pub fn proposal(&self, id: ProposalId) -> Option<&Proposal> {
        find(&self.proposals, id, |p| p.id)
    }

    /// Finds one of the notebook's own places by id.
    pub fn place(&self, id: PlaceId) -> Option<&NotebookPlace> {
        find(&self.places, id, |p| p.id)
    }

    /// Finds one of the notebook's own actors by id.
    pub fn actor(&self, id: ActorId) -> Option<&NotebookActor> {
        find(&self.actors, id, |a| a.id)
    }

    /// Finds a saved view by id.
    pub fn view(&self, id: ViewId) -> Option<&SavedView> {
        find(&self.views, id, |v| v.id)
    }

    /// Finds a saved view by name, without case.
    pub fn view_named(&self, name: &str) -> Option<&SavedView> {
        let name = name.trim();
        self.views
            .iter()
            .find(|v| v.name.trim().eq_ignore_ascii_case(name))
    }

    /// Finds a series by id.
    pub fn series(&self, id: SeriesId) -> Option<&Series> {
        find(&self.series, id, |s| s.id)
    }

    /// Finds an observation and the series that holds it.
    pub fn observation(
        &self,
        series: SeriesId,
        id: ObservationId,
    ) -> Option<(&Series, &Observation)> {
        let series = self.series(series)?;
        find(&series.observations, id, |o| o.id).map(|o| (series, o))
    }

    /// How many observations all series hold.
    pub fn observation_count(&self) -> usize {
        self.series.iter().map(|s| s.observations.len()).sum()
    }

    /// Sorts every collection by id: the canonical order of the file.
    pub fn canonicalize(&mut self) {
        self.articles.sort_by_key(|a| a.id);
        self.events.sort_by_key(|e| e.id);
        self.series.sort_by_key(|s| s.id);
        for series in &mut self.series {
            series.observations.sort_by_key(|o| o.id);
        }
        self.proposals.sort_by_key(|p| p.id);
        self.places.sort_by_key(|p| p.id);
        self.actors.sort_by_key(|a| a.id);
        self.views.sort_by_key(|v| v.id);
        self.watch.sort_by_key(|w| w.id);
    }
}

/// Binary search in a collection kept sorted by id.
fn find<T, K: Ord>(items: &[T], id: K, key: impl Fn(&T) -> K) -> Option<&T> {
    items
        .binary_search_by(|item| key(item).cmp(&id))
        .ok()
        .map(|index| &items[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_the_articles() {
        assert_eq!(format_number(2500.0), "2,500");
        assert_eq!(format_number(7000.0), "7,000");
        assert_eq!(format_number(50.0), "50");
        assert_eq!(format_number(-1234567.0), "-1,234,567");
        assert_eq!(format_number(13.5), "13.5");
    }

    #[test]
    fn observation_describes_its_qualifier_range_and_denominator() {
        let observation = Observation {
            id: ObservationId::from_u128(1),
            as_of: PartialDate::day(2021, 6, 22).expect("valid date"),
            low: 50.0,
            high: 50.0,
            best: None,
            qualifier: Qualifier::MoreThan,
            denominator: Some(370.0),
            place: String::new(),
            evidence: None,
            notes: String::new(),
        };
        assert_eq!(observation.describe(), "more than 50 of 370");
        let troops = Observation {
            low: 2500.0,
            high: 3500.0,
            qualifier: Qualifier::Exact,
            denominator: None,
            ..observation
        };
        assert_eq!(troops.describe(), "2,500–3,500");
        assert_eq!(troops.central(), 3000.0);
    }

    #[test]
    fn evidence_follows_a_quote_that_moved_and_reports_one_that_vanished() {
        let id = ArticleId::from_u128(7);
        let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
        notebook.articles.push(Article::new(
            id,
            "a",
            "The Taliban took the crossing.",
            Timestamp::UNIX_EPOCH,
        ));
        let evidence = Evidence {
            article: id,
            start: 4,
            end: 11,
            quote: "Taliban".into(),
        };
        assert_eq!(evidence.status(&notebook), EvidenceStatus::Matches);
        notebook.articles[0].set_text("Reports say the Taliban took the crossing.".into());
        assert_eq!(
            evidence.status(&notebook),
            EvidenceStatus::Moved { start: 16 }
        );
        assert_eq!(evidence.current_span(&notebook), Some((16, 23)));
        notebook.articles[0].set_text("Nothing here.".into());
        assert_eq!(evidence.status(&notebook), EvidenceStatus::Missing);
        notebook.articles.clear();
        assert_eq!(evidence.status(&notebook), EvidenceStatus::ArticleGone);
    }

    #[test]
    fn validate_reports_duplicate_ids_and_bad_figures() {
        let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
        let id = ArticleId::from_u128(3);
        notebook
            .articles
            .push(Article::new(id, "a", "x", Timestamp::UNIX_EPOCH));
        notebook
            .articles
            .push(Article::new(id, "b", "y", Timestamp::UNIX_EPOCH));
        let problems = notebook.validate();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("used twice"),
            "{}",
            problems[0]
        );
    }
}
