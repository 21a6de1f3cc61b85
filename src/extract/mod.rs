//! Text in, facts out: the counts, dates, places and actors an article
//! mentions, each with its byte span in the text, and HTML turned into text.
//!
//! Invariants: every span is a valid byte range of the text on character
//! boundaries; facts come sorted by start; extraction never panics on any
//! input and takes time linear in the text.
//!
//! This module never knows about the notebook's UI or files.

pub mod category;
pub mod dates;
pub mod figure_guess;
mod gazetteer_index;
pub mod lexicon;
pub mod measure;
pub mod names;
pub mod not_counts;
pub mod noun_phrase;
pub mod numbers;
pub mod place_choice;
pub mod place_context;
pub mod place_evidence;
pub mod place_words;
pub mod places;
pub mod qualifiers;
pub mod quantities;
pub mod tokens;
pub mod words;

use crate::model::{PartialDate, PlaceScale, Qualifier};
use foldhash::{HashMap, HashMapExt};
use jiff::civil::Date;
use names::{Actor, NameFinder, Place, Target};
use place_evidence::Candidate;
use places::WorldPlace;
use std::sync::Arc;

/// A count found in text: where, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte offset where the phrase starts.
    pub start: usize,
    /// Byte offset just past the unit noun.
    pub end: usize,
    /// What it says: its range, qualifier, unit (the noun counted, lower
    /// case), subject ("US", as written; empty when the text names none)
    /// and whole.
    pub figure: crate::model::FigureValue,
}

/// One thing found in the text.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A count: "2,500-3,500 US troops".
    Quantity(Quantity),
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
        /// Latitude, degrees (none for a place known only from the text
        /// with no country to put it in).
        lat: Option<f64>,
        /// Longitude, degrees.
        lon: Option<f64>,
        /// How much ground the point stands for: "fighting in Afghanistan"
        /// is the country, not a pin at its centre.
        scale: PlaceScale,
        /// How sure the resolution is, 0–1; below
        /// [`place_choice::REVIEW_BELOW`] it is proposed for review.
        confidence: f32,
        /// Other places the name could mean, likeliest first, when the
        /// resolution is unsure.
        alternatives: smallvec::SmallVec<[&'static WorldPlace; 3]>,
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

/// The shipped actors with a notebook's own: an actor named like a built-in
/// one adds to its aliases, any other is added.
pub fn actors_for(notebook: &crate::model::Notebook) -> Vec<Actor> {
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
    actors
}

/// Finds facts in text. Build once (the name automaton takes a moment, the
/// world gazetteer is parsed on first use), use for many texts.
#[derive(Clone, Debug)]
pub struct Extractor {
    place_names: Vec<Arc<str>>,
    /// For each of `places`: what the notebook knows of it beyond its names.
    place_facts: Vec<OwnPlace>,
    /// Resolutions the analyst settled, by matching key: the same name
    /// resolves the same way in every later article.
    settled: HashMap<String, (Arc<str>, OwnPlace)>,
    /// The countries the notebook is about, with weights.
    focus: Vec<(&'static str, f64)>,
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
    /// actors (an actor named like a built-in one adds to its aliases); the
    /// resolutions the notebook settled and the countries it is about
    /// decide between namesakes. A place of the notebook with impossible
    /// coordinates is left out.
    pub fn for_notebook(notebook: &crate::model::Notebook) -> Result<Self, String> {
        let world = places::world();
        let usable = notebook
            .places
            .iter()
            .filter(|p| crate::model::is_on_earth(p.lat, p.lon));
        let (settled, taught): (Vec<_>, Vec<_>) = usable.partition(|p| p.settled);
        // An unsure resolution accepted without a look is no lesson.
        let settled: Vec<_> = settled
            .into_iter()
            .filter(|p| p.unsure.is_none_or(|c| c >= place_choice::REVIEW_BELOW))
            .collect();
        let places = taught
            .iter()
            .map(|p| Place {
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                kind: "notebook".into(),
                lat: p.lat,
                lon: p.lon,
            })
            .collect();
        let mut extractor = Self::new(places, actors_for(notebook))?;
        extractor.place_facts = taught.iter().map(|p| OwnPlace::of(world, p)).collect();
        let mut key = String::new();
        for own in settled {
            for spelling in std::iter::once(&own.name).chain(&own.aliases) {
                key.clear();
                places::push_spelling_key(spelling, &mut key);
                extractor
                    .settled
                    .entry(key.clone())
                    .or_insert_with(|| (Arc::from(own.name.as_str()), OwnPlace::of(world, own)));
            }
        }
        extractor.focus = notebook_focus(world, notebook);
        Ok(extractor)
    }

    /// An extractor over the world gazetteer and these extra places and actors.
    pub fn new(places: Vec<Place>, actors: Vec<Actor>) -> Result<Self, String> {
        let names = NameFinder::new(&places, &actors)
            .map_err(|e| format!("cannot build the name matcher: {e}"))?;
        let place_names = places.iter().map(|p| Arc::from(p.name.as_str())).collect();
        let place_facts = places
            .iter()
            .map(|p| OwnPlace {
                country: None,
                lat: p.lat,
                lon: p.lon,
                scale: PlaceScale::Point,
            })
            .collect();
        let actor_names = actors.iter().map(|a| Arc::from(a.name.as_str())).collect();
        Ok(Self {
            place_names,
            place_facts,
            settled: HashMap::new(),
            focus: Vec::new(),
            actor_names,
            names,
            world: places::world(),
            lexicon: lexicon::lexicon(),
        })
    }

    /// The same extractor told that texts are likely about these countries
    /// (ISO codes with weights; 1.0 counts as much as one mention in the
    /// text): what a notebook following a crisis knows before it reads.
    pub fn with_focus(mut self, focus: Vec<(&'static str, f64)>) -> Self {
        self.focus = focus;
        self
    }

    /// The countries this extractor takes texts to be about.
    pub fn focus(&self) -> &[(&'static str, f64)] {
        &self.focus
    }

    /// The settled place a name resolves to, if the notebook settled one.
    fn settled_place(&self, name: &str) -> Option<(&Arc<str>, &OwnPlace)> {
        if self.settled.is_empty() {
            return None;
        }
        let mut key = String::with_capacity(name.len());
        places::push_spelling_key(name, &mut key);
        self.settled.get(&key).map(|(name, own)| (name, own))
    }

    /// The world gazetteer this extractor names places from.
    pub fn gazetteer(&self) -> &'static places::Gazetteer {
        self.world
    }

    /// Every fact in `text`, sorted by start. Dates resolve against `published`.
    pub fn extract(&self, text: &str, published: Date) -> Vec<Fact> {
        let Walked {
            mut facts, placed, ..
        } = self.walk(text, published);
        merge_behind(&mut facts, placed);
        facts
    }

    /// Calls `each` with every fact of `text` in order, without holding
    /// them all: for writing a long text's facts as they come.
    pub fn each_fact(&self, text: &str, published: Date, mut each: impl FnMut(Fact)) {
        let Walked { facts, placed, .. } = self.walk(text, published);
        let mut placed = placed.into_iter().peekable();
        for fact in facts {
            let span = fact.span();
            while let Some(place) = placed.next_if(|p| p.span() < span) {
                each(place);
            }
            each(fact);
        }
        placed.for_each(each);
    }

    /// The facts of `text`, sentence by sentence.
    pub fn sentences(&self, text: &str, published: Date) -> Vec<Sentence> {
        let Walked {
            spans,
            first_fact,
            facts,
            placed,
        } = self.walk(text, published);
        let mut placed = placed.into_iter().peekable();
        let mut facts = facts.into_iter();
        let mut sentences = Vec::with_capacity(spans.len());
        for (n, &(start, end)) in spans.iter().enumerate() {
            let own = facts.by_ref().take(first_fact[n + 1] - first_fact[n]);
            let mut sentence: Vec<Fact> = own.collect();
            let from_world = sentence.len();
            sentence.extend(std::iter::from_fn(|| placed.next_if(|p| p.span().0 < end)));
            if from_world > 0 && sentence.len() > from_world {
                sentence.sort_by_key(Fact::span);
            }
            sentences.push(Sentence {
                start,
                end,
                facts: sentence,
            });
        }
        sentences
    }

    /// Reads `text` sentence by sentence, then chooses its world places,
    /// since the countries the whole text names decide between namesakes.
    fn walk(&self, text: &str, published: Date) -> Walked {
        // Dense reporting holds a fact every thirty bytes: size the buffers
        // once rather than copy them as they grow through a long text (the
        // pages of capacity never reached are never touched).
        let expected = text.len() / 24 + 16;
        let mut names = Vec::with_capacity(expected / 4);
        self.names.find(text, &mut names);
        let mut names = names.into_iter().peekable();
        let mut tokens = Vec::new();
        let mut quantities = Vec::new();
        let mut carried: Option<quantities::Carried> = None;
        let mut dates = Vec::new();
        let mut candidates = Vec::with_capacity(expected);
        let mut key = String::with_capacity(64);
        let spans = tokens::sentences(text);
        let mut first_fact = Vec::with_capacity(spans.len() + 1);
        let mut facts: Vec<Fact> = Vec::with_capacity(expected);
        for &(start, end) in &spans {
            let first = facts.len();
            first_fact.push(first);
            tokens.clear();
            tokens::tokenize(text, start, end, &mut tokens);
            quantities::find_after(text, &tokens, carried.as_ref(), &mut quantities);
            carried = quantities::carried_group(text, &quantities);
            dates::find(text, &tokens, published, &mut dates);
            self.world
                .candidates(text, &tokens, self.lexicon, &mut key, &mut candidates);
            facts.extend(quantities.drain(..).map(Fact::Quantity));
            facts.extend(dates.drain(..).map(Fact::Date));
            while let Some(name) = names.next_if(|n| n.start < end) {
                if name.start < start {
                    continue;
                }
                facts.push(match name.target {
                    Target::Place(index) => self.place_facts[index]
                        .fact((name.start, name.end), &self.place_names[index]),
                    Target::Actor(index) => Fact::Actor {
                        start: name.start,
                        end: name.end,
                        name: Arc::clone(&self.actor_names[index]),
                    },
                });
            }
            // Sentences follow each other: sorting each one's facts sorts them all.
            if facts.len() - first > 1 {
                facts[first..].sort_by_key(Fact::span);
            }
        }
        first_fact.push(facts.len());
        let mut placed = self.world_places(text, &candidates, &facts);
        if !placed.is_sorted_by_key(Fact::span) {
            placed.sort_by_key(Fact::span);
        }
        Walked {
            spans,
            first_fact,
            facts,
            placed,
        }
    }

    /// The world places of a text, in text order: the candidates that stand,
    /// less those a date, a notebook's own place or (for a place known only
    /// from the text) an actor already covers (`facts`, sorted by span).
    fn world_places(&self, text: &str, candidates: &[Candidate], facts: &[Fact]) -> Vec<Fact> {
        let mut chosen = Vec::with_capacity(candidates.len());
        place_choice::resolve(self.world, candidates, &self.focus, &mut chosen);
        // Both lists are in text order (the facts sorted by span), so one
        // pass keeps this linear.
        let blockers: Vec<(usize, usize, bool)> = facts
            .iter()
            .filter_map(|f| {
                let (start, end) = f.span();
                match f {
                    Fact::Date(_) | Fact::Place { .. } => Some((start, end, true)),
                    Fact::Actor { .. } => Some((start, end, false)),
                    Fact::Quantity(_) => None,
                }
            })
            .collect();
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
            let words = text.get(mention.start..mention.end).unwrap_or("");
            placed.push(match self.settled_place(words) {
                Some((own_name, own)) => own.fact((mention.start, mention.end), own_name),
                None => Fact::Place {
                    start: mention.start,
                    end: mention.end,
                    name,
                    country: mention.country,
                    lat: mention.at.map(|(lat, _)| lat),
                    lon: mention.at.map(|(_, lon)| lon),
                    scale: mention.scale,
                    confidence: mention.confidence,
                    alternatives: mention.alternatives,
                },
            });
        }
        placed
    }
}

/// What a notebook knows of one of its own places beyond its names.
#[derive(Clone, Debug, PartialEq)]
struct OwnPlace {
    country: Option<&'static str>,
    lat: f64,
    lon: f64,
    scale: PlaceScale,
}

impl OwnPlace {
    /// The fact of this place found at `span`: the notebook's word is final.
    fn fact(&self, (start, end): (usize, usize), name: &Arc<str>) -> Fact {
        Fact::Place {
            start,
            end,
            name: Arc::clone(name),
            country: self.country,
            lat: Some(self.lat),
            lon: Some(self.lon),
            scale: self.scale,
            confidence: 1.0,
            alternatives: smallvec::SmallVec::new(),
        }
    }

    fn of(world: &'static places::Gazetteer, place: &crate::model::NotebookPlace) -> Self {
        Self {
            country: world.country(&place.country).map(|c| c.country),
            lat: place.lat,
            lon: place.lon,
            scale: place.scale,
        }
    }
}

/// The countries a notebook is about: those of its own places, of the
/// events it was proposed, and of the places its events and figures name
/// where the name alone tells the country ("Kandahar", not "Washington"
/// with its many namesakes), each weighted by its share of the most-named
/// one (which weighs as one mention in a text).
pub fn notebook_focus(
    world: &'static places::Gazetteer,
    notebook: &crate::model::Notebook,
) -> Vec<(&'static str, f64)> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    let own = notebook
        .places
        .iter()
        .filter_map(|p| world.country(&p.country).map(|c| c.country));
    let proposed = notebook.proposals.iter().filter_map(|p| match &p.kind {
        crate::model::ProposalKind::Event { country, .. } if !country.is_empty() => world
            .lookup(country)
            .into_iter()
            .find(|c| c.kind == places::PlaceKind::Country)
            .map(|c| c.country),
        _ => None,
    });
    for country in own.chain(proposed) {
        *counts.entry(country).or_insert(0) += 1;
    }
    // Each distinct name once: a thousand events at one place cost one lookup.
    let mut named: HashMap<&str, usize> = HashMap::new();
    let item_places = notebook.events.iter().map(|e| e.place.as_str()).chain(
        notebook
            .series
            .iter()
            .flat_map(|s| s.observations.iter().map(|o| o.place.as_str())),
    );
    for place in item_places {
        let place = place.split(',').next().unwrap_or("").trim();
        if !place.is_empty() {
            *named.entry(place).or_insert(0) += 1;
        }
    }
    for (name, times) in named {
        if let Some(country) = place_context::telling_country(world, name) {
            *counts.entry(country).or_insert(0) += times;
        }
    }
    // The notebook's title names the crisis it follows ("Sudan 2023"):
    // that country leads, however the items fall.
    let leading = counts.values().copied().max().unwrap_or(0) + 1;
    for country in countries_named(world, &notebook.meta.title) {
        *counts.entry(country).or_insert(0) += leading;
    }
    let most = counts.values().copied().max().unwrap_or(0).max(1) as f64;
    let mut focus: Vec<(&'static str, f64)> = counts
        .into_iter()
        .map(|(country, n)| (country, n as f64 / most))
        .filter(|&(_, weight)| weight >= 0.25)
        .collect();
    focus.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    focus
}

/// The countries a short text (a title) names outright, in order.
fn countries_named(world: &'static places::Gazetteer, text: &str) -> Vec<&'static str> {
    let mut tokens = Vec::new();
    tokens::tokenize(text, 0, text.len(), &mut tokens);
    let mut candidates = Vec::new();
    world.candidates(
        text,
        &tokens,
        lexicon::lexicon(),
        &mut String::new(),
        &mut candidates,
    );
    let mut countries = Vec::new();
    for candidate in &candidates {
        if let Some(country) = candidate.named_country(world)
            && !countries.contains(&country)
        {
            countries.push(country);
        }
    }
    countries
}

/// What [`Extractor::walk`] found: the sentences' spans, where each one's
/// facts begin in `facts` (and their end), the facts of the sentences
/// sorted by span, and the world places, sorted by span.
struct Walked {
    spans: Vec<(usize, usize)>,
    first_fact: Vec<usize>,
    facts: Vec<Fact>,
    placed: Vec<Fact>,
}

/// Merges `placed` into `facts`, both sorted by span, keeping `facts`'
/// own before a place of the same span (as a stable sort of both would).
/// Done in place from the back, so that a long text's facts are held once.
fn merge_behind(facts: &mut Vec<Fact>, mut placed: Vec<Fact>) {
    let (own, more) = (facts.len(), placed.len());
    if more == 0 {
        return;
    }
    facts.reserve_exact(more);
    let base = facts.as_mut_ptr();
    let from = placed.as_ptr();
    let (mut i, mut j, mut k) = (own, more, own + more);
    // SAFETY: `facts` has room for `own + more` items. Every step moves one
    // item into slot `k - 1`, which is past every unmoved item of `facts`
    // (k > i always, since j > 0), so nothing is overwritten before it is
    // moved; each of the `own + more` items is moved exactly once, and the
    // lengths are set only once every slot below `own + more` holds one.
    // Comparing spans cannot panic.
    unsafe {
        while j > 0 {
            k -= 1;
            if i > 0 && (*base.add(i - 1)).span() > (*from.add(j - 1)).span() {
                i -= 1;
                std::ptr::copy_nonoverlapping(base.add(i), base.add(k), 1);
            } else {
                j -= 1;
                std::ptr::copy_nonoverlapping(from.add(j), base.add(k), 1);
            }
        }
        placed.set_len(0);
        facts.set_len(own + more);
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

/// Today in UTC: the day that stands in for a text's own date when it has
/// none. The one place extraction's callers read the clock.
pub fn today() -> Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// [`reference_date`] with today standing in.
pub fn reference_for(published: Option<PartialDate>) -> Date {
    reference_date(published, today())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app reads sentence by sentence, the CLI fact by fact and the
    /// scorer all at once: all three must see the same facts in one order.
    #[test]
    fn every_way_of_reading_gives_the_same_facts_in_order() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let text = "KHARTOUM, May 3 - Fighting spread from Khartoum to Omdurman on \
            Sunday, and 1,200 people fled towards Kosti. In Darfur, at least 40 \
            were killed in El Geneina, aid workers said.\n\nOn 4 May the army \
            said it held Bahri. Sudan's neighbours, Chad and Egypt, took in \
            20,000 refugees.";
        let published: Date = "2023-05-05".parse().expect("date");
        let all = extractor.extract(text, published);
        let mut streamed = Vec::new();
        extractor.each_fact(text, published, |f| streamed.push(f));
        let by_sentence: Vec<Fact> = extractor
            .sentences(text, published)
            .into_iter()
            .flat_map(|s| s.facts)
            .collect();
        assert!(
            all.iter()
                .filter(|f| matches!(f, Fact::Place { .. }))
                .count()
                >= 5
        );
        assert!(all.iter().any(|f| matches!(f, Fact::Quantity(_))));
        assert!(all.is_sorted_by_key(Fact::span), "{all:?}");
        assert_eq!(streamed, all);
        assert_eq!(by_sentence, all);
    }
}
