//! Watch terms at work: which articles hold a term the analyst watches for.
//!
//! A term is matched as whole words, without case or accents, by every
//! name of what it names: "Kunduz" also finds "Qunduz" when the gazetteer
//! (or the notebook's own places) lists that spelling; an actor's term
//! finds its other names. Short all-capital spellings ("US", "RSF") match
//! only in capitals, so "US" never finds "us". Anything else is taken as
//! the words typed.

use crate::extract::names::{Actor, fold};
use crate::model::Notebook;
use aho_corasick::{AhoCorasick, MatchKind};

/// Spellings of at most this many characters, all capitals, are acronyms.
const ACRONYM_MOST: usize = 5;
/// Other names shorter than this are left out (a place's two-letter code).
const ALIAS_LEAST: usize = 3;

/// Finds a notebook's watch terms in texts. Build once per list of terms.
#[derive(Debug, Clone)]
pub struct Watcher {
    terms: Vec<String>,
    /// Spellings matched in folded, lower-case text, and the term of each.
    any_case: Option<(AhoCorasick, Vec<usize>)>,
    /// Acronyms matched in folded text as written, and the term of each.
    capitals: Option<(AhoCorasick, Vec<usize>)>,
}

/// What a text holds of the watch terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchHits {
    /// Each term found (its index in [`Watcher::terms`]) and how often, in term order.
    pub terms: Vec<(usize, usize)>,
}

impl WatchHits {
    /// Whether no term was found.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// How many times terms were found in all.
    pub fn total(&self) -> usize {
        self.terms.iter().map(|(_, n)| n).sum()
    }

    /// "Kunduz ×3, airport ×1".
    pub fn describe(&self, watcher: &Watcher) -> String {
        self.terms
            .iter()
            .filter_map(|(term, count)| Some(format!("{} ×{count}", watcher.terms.get(*term)?)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Watcher {
    /// The matcher for the notebook's watch terms (none: it finds nothing).
    pub fn new(notebook: &Notebook) -> Watcher {
        let terms: Vec<String> = notebook
            .watch
            .iter()
            .map(|w| w.term.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let mut any_case: Vec<(String, usize)> = Vec::new();
        let mut capitals: Vec<(String, usize)> = Vec::new();
        let actors = crate::extract::actors_for(notebook);
        for (index, term) in terms.iter().enumerate() {
            for spelling in spellings(notebook, &actors, term) {
                let folded = fold(&spelling);
                if is_acronym(&folded) {
                    capitals.push((folded, index));
                } else {
                    any_case.push((folded.to_lowercase(), index));
                }
            }
        }
        Watcher {
            terms,
            any_case: automaton(any_case),
            capitals: automaton(capitals),
        }
    }

    /// The terms, trimmed, in the notebook's order.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Whether there is nothing to watch for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms an article's title and text hold.
    pub fn hits(&self, title: &str, text: &str) -> WatchHits {
        let mut counts = vec![0usize; self.terms.len()];
        for part in [title, text] {
            if self.is_empty() || part.is_empty() {
                continue;
            }
            let folded = fold(part);
            if let Some((automaton, owners)) = &self.capitals {
                count_words(automaton, owners, &folded, &mut counts);
            }
            if let Some((automaton, owners)) = &self.any_case {
                count_words(automaton, owners, &folded.to_lowercase(), &mut counts);
            }
        }
        WatchHits {
            terms: counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .collect(),
        }
    }
}

fn automaton(patterns: Vec<(String, usize)>) -> Option<(AhoCorasick, Vec<usize>)> {
    let mut patterns = patterns;
    patterns.sort();
    patterns.dedup_by(|a, b| a.0 == b.0);
    if patterns.is_empty() {
        return None;
    }
    let owners = patterns.iter().map(|(_, term)| *term).collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|(p, _)| p))
        .ok()?;
    Some((automaton, owners))
}

/// Counts the matches that are whole words of `haystack`.
fn count_words(automaton: &AhoCorasick, owners: &[usize], haystack: &str, counts: &mut [usize]) {
    for found in automaton.find_iter(haystack) {
        let before = haystack[..found.start()].chars().next_back();
        let after = haystack[found.end()..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if joined(before) || joined(after) {
            continue;
        }
        if let Some(slot) = owners
            .get(found.pattern().as_usize())
            .and_then(|term| counts.get_mut(*term))
        {
            *slot += 1;
        }
    }
}

/// "US", "RSF", "M23": short, with letters, none of them lower case.
fn is_acronym(spelling: &str) -> bool {
    let letters = spelling.chars().filter(|c| c.is_alphabetic()).count();
    spelling.chars().count() <= ACRONYM_MOST
        && letters >= 2
        && !spelling.chars().any(char::is_lowercase)
}

/// The term and every other name of the place or actor it names.
fn spellings(notebook: &Notebook, actors: &[Actor], term: &str) -> Vec<String> {
    let wanted = fold(term).to_lowercase();
    let same = |name: &str| fold(name.trim()).to_lowercase() == wanted;
    let mut found = vec![term.to_owned()];
    let mut add = |names: &mut dyn Iterator<Item = &str>| {
        found.extend(
            names
                .map(str::trim)
                .filter(|n| n.chars().count() >= ALIAS_LEAST)
                .map(str::to_owned),
        );
    };
    for place in &notebook.places {
        if same(&place.name) || place.aliases.iter().any(|a| same(a)) {
            add(&mut std::iter::once(place.name.as_str())
                .chain(place.aliases.iter().map(String::as_str)));
        }
    }
    if let Some(place) = crate::extract::places::world().lookup(term).first() {
        add(&mut place.spellings());
    }
    for actor in actors {
        if same(&actor.name) || actor.aliases.iter().any(|a| same(a)) {
            add(&mut std::iter::once(actor.name.as_str())
                .chain(actor.aliases.iter().map(String::as_str)));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{WatchId, WatchTerm};

    fn watching(terms: &[&str]) -> Watcher {
        let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
        notebook.watch = terms
            .iter()
            .enumerate()
            .map(|(i, t)| WatchTerm {
                id: WatchId::from_u128(i as u128 + 1),
                term: (*t).to_owned(),
            })
            .collect();
        Watcher::new(&notebook)
    }

    #[test]
    fn whole_words_without_case_or_accents() {
        let watcher = watching(&["convoy", "Goma"]);
        let hits = watcher.hits(
            "Fighting near GOMA",
            "A Convoy left; the convoys were stopped. Gomā was calm.",
        );
        assert_eq!(hits.terms, [(0, 1), (1, 2)], "'convoys' is another word");
        assert_eq!(hits.total(), 3);
        assert_eq!(hits.describe(&watcher), "convoy ×1, Goma ×2");
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let watcher = watching(&["RSF"]);
        assert!(watcher.hits("", "the rsf of it").is_empty());
        assert_eq!(watcher.hits("", "RSF fighters").terms, [(0, 1)]);
    }

    #[test]
    fn a_place_is_found_by_its_other_spellings() {
        let gazetteer = crate::extract::places::world();
        let Some((place, alias)) = gazetteer.places().iter().find_map(|p| {
            let alias = p
                .spellings()
                .skip(1)
                .find(|a| a.len() > 4 && a.is_ascii() && !a.eq_ignore_ascii_case(p.name))?;
            (p.name.is_ascii() && gazetteer.lookup(p.name).first() == Some(&p))
                .then_some((p.name, alias))
        }) else {
            panic!("the gazetteer has places with other spellings");
        };
        let watcher = watching(&[place]);
        let hits = watcher.hits("", &format!("Reports from {alias} today."));
        assert_eq!(hits.terms, [(0, 1)], "{place} found as {alias}");
    }

    #[test]
    fn no_terms_find_nothing() {
        let watcher = watching(&[]);
        assert!(watcher.is_empty());
        assert!(watcher.hits("Anything", "at all").is_empty());
    }
}
