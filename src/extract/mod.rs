//! Text in, facts out: the counts, dates, places and actors an article
//! mentions, each with its byte span in the text, and HTML turned into text.
//!
//! Invariants: every span is a valid byte range of the text on character
//! boundaries; facts come sorted by start; extraction never panics on any
//! input and takes time linear in the text.
//!
//! This module never knows about the notebook's UI or files.

pub mod dates;
pub mod html;
mod json;
pub mod lexicon;
pub mod names;
pub mod noun_phrase;
pub mod numbers;
pub mod place_choice;
pub mod place_evidence;
pub mod place_words;
pub mod places;
pub mod quantities;
pub mod score;
pub mod tokens;

use crate::model::{PartialDate, Qualifier};
use foldhash::{HashMap, HashMapExt};
use jiff::civil::Date;
use names::{Actor, NameFinder, Place, Target};
use place_evidence::Candidate;
use places::WorldPlace;
use std::sync::Arc;

/// One thing found in the text.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A count: "2,500-3,500 US troops".
    Quantity(quantities::Quantity),
    /// A date: "May 1".
    Date(dates::DateMention),
    /// A place from the gazetteer or the notebook, or one the text alone
    /// names ("the village of X"), which has no coordinates.
    Place {
        /// Byte span.
        start: usize,
        /// Byte span end.
        end: usize,
        /// Canonical name.
        name: Arc<str>,
        /// ISO 3166-1 alpha-2 code of its country (none for a notebook's
        /// own place, nor for a place known only from the text and listed
        /// with none the gazetteer holds).
        country: Option<&'static str>,
        /// Latitude, degrees (none for a place known only from the text).
        lat: Option<f64>,
        /// Longitude, degrees.
        lon: Option<f64>,
    },
    /// An actor from the list.
    Actor {
        /// Byte span.
        start: usize,
        /// Byte span end.
        end: usize,
        /// Canonical name.
        name: Arc<str>,
    },
}

impl Fact {
    /// Byte span in the text.
    pub fn span(&self) -> (usize, usize) {
        match self {
            Fact::Quantity(q) => (q.start, q.end),
            Fact::Date(d) => (d.start, d.end),
            Fact::Place { start, end, .. } | Fact::Actor { start, end, .. } => (*start, *end),
        }
    }

    /// One line of JSON in the schema of DESIGN.md ("Extraction output").
    pub fn to_json(&self, text: &str) -> String {
        let mut line = Vec::new();
        json::append(self, text, &mut line);
        String::from_utf8(line).unwrap_or_default()
    }

    /// Appends [`Self::to_json`]'s line, without its newline, to `line`:
    /// `sitrep extract` writes hundreds of thousands of them into one buffer.
    pub fn append_json(&self, text: &str, line: &mut Vec<u8>) {
        json::append(self, text, line);
    }
}

/// The qualifier as the JSON schema spells it.
pub fn qualifier_name(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "exact",
        Qualifier::About => "about",
        Qualifier::MoreThan => "more_than",
        Qualifier::LessThan => "less_than",
        Qualifier::AtLeast => "at_least",
        Qualifier::AtMost => "at_most",
        Qualifier::UpTo => "up_to",
    }
}

/// The facts of one sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// Byte span of the sentence.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
    /// Its facts, by start.
    pub facts: Vec<Fact>,
}

/// Finds facts in text. Build once (the name automaton takes a moment, the
/// world gazetteer is parsed on first use), use for many texts.
#[derive(Clone, Debug)]
pub struct Extractor {
    places: Vec<Place>,
    place_names: Vec<Arc<str>>,
    actor_names: Vec<Arc<str>>,
    names: NameFinder,
    world: &'static places::Gazetteer,
    lexicon: &'static lexicon::Lexicon,
}

impl Extractor {
    /// An extractor with the shipped gazetteer and actor list.
    pub fn with_defaults() -> Result<Self, String> {
        Self::new(Vec::new(), names::parse_actors(names::ACTORS_TSV))
    }

    /// An extractor with the shipped lists and a notebook's own places and
    /// actors (an actor named like a built-in one adds to its aliases).
    pub fn for_notebook(notebook: &crate::model::Notebook) -> Result<Self, String> {
        let mut places = Vec::new();
        places.extend(notebook.places.iter().map(|p| Place {
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            kind: "notebook".into(),
            lat: p.lat,
            lon: p.lon,
        }));
        let mut actors = names::parse_actors(names::ACTORS_TSV);
        for own in &notebook.actors {
            match actors
                .iter_mut()
                .find(|a| a.name.eq_ignore_ascii_case(own.name.trim()))
            {
                Some(known) => known.aliases.extend(own.aliases.iter().cloned()),
                None => actors.push(Actor {
                    name: own.name.trim().to_owned(),
                    aliases: own.aliases.clone(),
                }),
            }
        }
        Self::new(places, actors)
    }

    /// An extractor over the world gazetteer and these extra places and actors.
    pub fn new(places: Vec<Place>, actors: Vec<Actor>) -> Result<Self, String> {
        let names = NameFinder::new(&places, &actors)
            .map_err(|e| format!("cannot build the name matcher: {e}"))?;
        let place_names = places.iter().map(|p| Arc::from(p.name.as_str())).collect();
        let actor_names = actors.iter().map(|a| Arc::from(a.name.as_str())).collect();
        Ok(Self {
            places,
            place_names,
            actor_names,
            names,
            world: places::world(),
            lexicon: lexicon::lexicon(),
        })
    }

    /// The world gazetteer this extractor names places from.
    pub fn gazetteer(&self) -> &'static places::Gazetteer {
        self.world
    }

    /// Every fact in `text`, sorted by start. Dates resolve against `published`.
    pub fn extract(&self, text: &str, published: Date) -> Vec<Fact> {
        // Dense reporting holds a fact every thirty bytes; a large Vec's
        // untouched capacity costs nothing, while regrowing copies it all.
        let mut all = Vec::with_capacity(text.len() / 24 + 16);
        self.walk(text, published, |_, facts| all.append(facts));
        all
    }

    /// Calls `each` with every fact of `text` in order, without holding
    /// them all: for writing a long text's facts as they come.
    pub fn each_fact(&self, text: &str, published: Date, mut each: impl FnMut(Fact)) {
        self.walk(text, published, |_, facts| {
            facts.drain(..).for_each(&mut each)
        });
    }

    /// The facts of `text`, sentence by sentence.
    pub fn sentences(&self, text: &str, published: Date) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        self.walk(text, published, |(start, end), facts| {
            sentences.push(Sentence {
                start,
                end,
                facts: std::mem::take(facts),
            });
        });
        sentences
    }

    /// Calls `each` with every sentence's span and its facts (sorted by
    /// start). Places are chosen once the whole text is read, since the
    /// countries it names decide between namesakes.
    fn walk(
        &self,
        text: &str,
        published: Date,
        mut each: impl FnMut((usize, usize), &mut Vec<Fact>),
    ) {
        // Dense reporting holds a fact every thirty bytes: size the buffers
        // once rather than copy them as they grow through a long text (the
        // pages of capacity never reached are never touched).
        let expected = text.len() / 24 + 16;
        let mut names = Vec::with_capacity(expected / 4);
        self.names.find(text, &mut names);
        let mut names = names.into_iter().peekable();
        let mut tokens = Vec::new();
        let mut quantities = Vec::new();
        let mut carried: Option<String> = None;
        let mut dates = Vec::new();
        let mut candidates = Vec::with_capacity(expected);
        // Every sentence's span and where its facts begin in `facts`.
        let spans = tokens::sentences(text);
        let mut first_fact = Vec::with_capacity(spans.len() + 1);
        let mut facts: Vec<Fact> = Vec::with_capacity(expected);
        for &(start, end) in &spans {
            first_fact.push(facts.len());
            tokens.clear();
            tokens::tokenize(text, start, end, &mut tokens);
            quantities::find_after(text, &tokens, carried.as_deref(), &mut quantities);
            carried = quantities::carried_group(&quantities);
            dates::find(text, &tokens, published, &mut dates);
            self.world
                .candidates(text, &tokens, self.lexicon, &mut candidates);
            facts.extend(quantities.drain(..).map(Fact::Quantity));
            facts.extend(dates.drain(..).map(Fact::Date));
            while let Some(name) = names.next_if(|n| n.start < end) {
                if name.start < start {
                    continue;
                }
                facts.push(match name.target {
                    Target::Place(index) => {
                        let place = &self.places[index];
                        Fact::Place {
                            start: name.start,
                            end: name.end,
                            name: Arc::clone(&self.place_names[index]),
                            country: None,
                            lat: Some(place.lat),
                            lon: Some(place.lon),
                        }
                    }
                    Target::Actor(index) => Fact::Actor {
                        start: name.start,
                        end: name.end,
                        name: Arc::clone(&self.actor_names[index]),
                    },
                });
            }
        }
        first_fact.push(facts.len());
        let placed = self.world_places(text, &candidates, &facts, &first_fact);
        // Each sentence's own facts and its world places, merged by start.
        let mut placed = placed.into_iter().peekable();
        let mut facts = facts.into_iter();
        let mut sentence = Vec::new();
        for (n, &(start, end)) in spans.iter().enumerate() {
            sentence.extend(facts.by_ref().take(first_fact[n + 1] - first_fact[n]));
            while let Some(place) = placed.next_if(|p| p.span().0 < end) {
                if place.span().0 >= start {
                    sentence.push(place);
                }
            }
            if sentence.len() > 1 {
                sentence.sort_by_key(|f| f.span());
            }
            each((start, end), &mut sentence);
            sentence.clear();
        }
    }

    /// The world places of a text, in text order: the candidates that stand,
    /// less those a date, a notebook's own place or (for a place known only
    /// from the text) an actor already covers.
    /// `first_fact` holds where each sentence's facts begin in `facts`, and
    /// their end.
    fn world_places(
        &self,
        text: &str,
        candidates: &[Candidate],
        facts: &[Fact],
        first_fact: &[usize],
    ) -> Vec<Fact> {
        let mut chosen = Vec::with_capacity(candidates.len());
        place_choice::resolve(self.world, candidates, &mut chosen);
        // Both lists are in text order, so one pass keeps this linear.
        // Sentences follow each other, so sorting each one's few blockers
        // sorts them all.
        let mut blockers: Vec<(usize, usize, bool)> = Vec::with_capacity(facts.len());
        for range in first_fact.windows(2) {
            let from = blockers.len();
            blockers.extend(facts[range[0]..range[1]].iter().filter_map(|f| {
                let (start, end) = f.span();
                match f {
                    Fact::Date(_) | Fact::Place { .. } => Some((start, end, true)),
                    Fact::Actor { .. } => Some((start, end, false)),
                    Fact::Quantity(_) => None,
                }
            }));
            blockers[from..].sort_unstable();
        }
        // One shared name per place, however often the text names it.
        let mut names: HashMap<usize, Arc<str>> = HashMap::new();
        let mut placed = Vec::with_capacity(chosen.len());
        let mut blocker = 0;
        for mention in chosen.into_iter().flatten() {
            while blockers.get(blocker).is_some_and(|b| b.1 <= mention.start) {
                blocker += 1;
            }
            let taken = blockers[blocker..]
                .iter()
                .take_while(|b| b.0 < mention.end)
                .any(|&(start, end, always)| {
                    start < mention.end
                        && mention.start < end
                        && (always || mention.place.is_none())
                });
            if taken {
                continue;
            }
            let name = match mention.place {
                Some(place) => Arc::clone(
                    names
                        .entry(place as *const WorldPlace as usize)
                        .or_insert_with(|| Arc::from(place.name)),
                ),
                None => Arc::from(text.get(mention.start..mention.end).unwrap_or("")),
            };
            placed.push(Fact::Place {
                start: mention.start,
                end: mention.end,
                name,
                country: mention.country,
                lat: mention.place.map(|p| p.lat),
                lon: mention.place.map(|p| p.lon),
            });
        }
        placed
    }
}

/// Parses the shipped gazetteer and lexicon now, so that the first
/// extraction does not wait for them; the app calls it on a worker thread at
/// start-up. Later calls return at once.
pub fn warm_up() {
    // Neither needs the other: on two cores the lexicon costs no wait.
    std::thread::scope(|scope| {
        scope.spawn(lexicon::lexicon);
        places::world();
    });
}

/// The day relative phrases ("on Sunday") count from: the article's
/// publication date, else `fallback` (the day it was captured).
pub fn reference_date(published: Option<PartialDate>, fallback: Date) -> Date {
    published.map_or(fallback, |p| p.date)
}
