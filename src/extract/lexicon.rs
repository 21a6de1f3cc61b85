//! A general English word list (WordNet 3.1, see `assets/lexicon/`): which
//! parts of speech a lower-case word has and which reading is usual, so the
//! extractors can tell a noun from a verb, and a common word from a name,
//! without lists of conflict words.
//!
//! Words are looked up in lower case; inflected forms ("troops", "killed",
//! "larger") are undone by WordNet's rules of detachment and a short table of
//! irregular forms.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::RefCell;
use std::sync::OnceLock;

/// The word list: `word, noun, verb, adjective, adverb, kinds` per line.
pub const WORDS_TSV: &str = include_str!("../../assets/lexicon/words.tsv");

/// Function words: no lexicon lists them, and none is a name or a counted noun.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "against", "all", "along", "also", "although",
    "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "during", "each", "either", "every", "few", "for", "from", "had", "has", "have", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may",
    "me", "might", "more", "most", "much", "must", "my", "near", "neither", "no", "nor", "not",
    "of", "off", "on", "once", "only", "onto", "or", "other", "our", "ours", "out", "over", "own",
    "per", "several", "shall", "she", "should", "since", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "though",
    "through", "till", "to", "toward", "towards", "under", "until", "up", "upon", "us", "via",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
];

/// Irregular plurals WordNet's rules cannot undo: (form, lemma).
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("lives", "life"),
    ("wives", "wife"),
    ("knives", "knife"),
    ("thieves", "thief"),
    ("leaves", "leaf"),
    ("halves", "half"),
];

/// Irregular verb forms WordNet's rules cannot undo: (form, lemma).
const IRREGULAR_VERBS: &[(&str, &str)] = &[
    ("fled", "flee"),
    ("held", "hold"),
    ("left", "leave"),
    ("took", "take"),
    ("taken", "take"),
    ("said", "say"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("fought", "fight"),
    ("seized", "seize"),
    ("died", "die"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("struck", "strike"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("met", "meet"),
    ("sent", "send"),
    ("brought", "bring"),
    ("caught", "catch"),
    ("made", "make"),
    ("found", "find"),
    ("told", "tell"),
    ("gave", "give"),
    ("given", "give"),
    ("began", "begin"),
    ("begun", "begin"),
    ("ran", "run"),
    ("saw", "see"),
    ("seen", "see"),
    ("were", "be"),
    ("was", "be"),
    ("been", "be"),
    ("are", "be"),
    ("is", "be"),
    ("had", "have"),
    ("has", "have"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("lost", "lose"),
    ("won", "win"),
];

/// How a word reads: the counts of its parts of speech and its noun's kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Weight of its noun senses (0: none).
    pub noun: u32,
    /// Weight of its verb senses.
    pub verb: u32,
    /// Weight of its adjective senses.
    pub adjective: u32,
    /// Weight of its adverb senses.
    pub adverb: u32,
    /// Its usual noun sense is a unit of measure or a span of time.
    pub measure: bool,
    /// Its usual noun sense is a person or a group of people.
    pub person: bool,
}

impl Reading {
    /// Whether the word reads as a noun at least as often as anything else.
    pub fn mostly_noun(&self) -> bool {
        self.noun > 0 && self.noun >= self.verb && self.noun >= self.adverb
    }
}

/// The embedded word list, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    words: HashMap<&'static str, Reading>,
    function_words: HashSet<&'static str>,
}

/// How many words' readings each thread remembers before it starts afresh.
const MEMO_CAPACITY: usize = 1 << 16;

/// A word's reading and whether it is a plural noun, worked out once.
type Remembered = (Option<Reading>, bool);

thread_local! {
    /// The readings and plural tests of words already looked up: news text
    /// repeats its words, and undoing inflection takes several lookups.
    /// Kept for one lexicon at a time: the address of the lexicon it holds
    /// readings of comes with it.
    static MEMO: RefCell<(usize, HashMap<Box<str>, Remembered>)> =
        RefCell::new((0, HashMap::with_capacity(1024)));
}

/// The shared lexicon: parsed on first use (a few milliseconds), then kept.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(WORDS_TSV))
}

impl Lexicon {
    /// Parses a word list in the layout of `assets/lexicon/words.tsv`.
    pub fn parse(tsv: &'static str) -> Self {
        let mut words = HashMap::with_capacity(70_000);
        for line in tsv.lines() {
            let mut cols = line.split('\t');
            let Some(word) = cols.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let mut count = || cols.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let (noun, verb, adjective, adverb) = (count(), count(), count(), count());
            let kinds = cols.next().unwrap_or("");
            words.insert(
                word,
                Reading {
                    noun,
                    verb,
                    adjective,
                    adverb,
                    measure: kinds.contains('m'),
                    person: kinds.contains('p'),
                },
            );
        }
        let mut function_words = HashSet::with_capacity(FUNCTION_WORDS.len());
        function_words.extend(FUNCTION_WORDS.iter().copied());
        Self {
            words,
            function_words,
        }
    }

    /// Whether a lower-case word is a function word ("the", "of", "into").
    pub fn is_function_word(&self, lower: &str) -> bool {
        self.function_words.contains(lower)
    }

    /// The reading of a lower-case word as it stands (no inflection undone).
    pub fn lemma(&self, lower: &str) -> Option<Reading> {
        self.words.get(lower).copied()
    }

    /// Whether a lower-case word is an English word: a function word or a
    /// lexicon word, inflected or not.
    pub fn is_common(&self, lower: &str) -> bool {
        self.is_function_word(lower) || self.reading(lower).is_some()
    }

    /// How a lower-case word reads, undoing inflection: its own entry
    /// merged with the entries of the lemmas it may be a form of.
    pub fn reading(&self, lower: &str) -> Option<Reading> {
        self.remembered(lower).0
    }

    /// The reading and plural test of a word, from the thread's memo.
    fn remembered(&self, lower: &str) -> Remembered {
        let owner = self as *const Self as usize;
        let known = MEMO.with(|memo| {
            let memo = memo.borrow();
            (memo.0 == owner)
                .then(|| memo.1.get(lower).copied())
                .flatten()
        });
        if let Some(known) = known {
            return known;
        }
        let found = (self.read(lower), self.find_plural_noun(lower));
        MEMO.with(|memo| {
            let (memo_owner, memo) = &mut *memo.borrow_mut();
            if *memo_owner != owner || memo.len() >= MEMO_CAPACITY {
                memo.clear();
                *memo_owner = owner;
            }
            memo.insert(lower.into(), found);
        });
        found
    }

    /// [`Self::reading`], worked out.
    fn read(&self, lower: &str) -> Option<Reading> {
        let mut found: Option<Reading> = self.lemma(lower);
        let mut merge = |lemma: &str, noun: bool, verb: bool, adjective: bool| {
            if let Some(r) = self.lemma(lemma) {
                let add = Reading {
                    noun: if noun { r.noun } else { 0 },
                    verb: if verb { r.verb } else { 0 },
                    adjective: if adjective { r.adjective } else { 0 },
                    adverb: 0,
                    measure: noun && r.measure,
                    person: noun && r.person,
                };
                let slot = found.get_or_insert_with(Reading::default);
                slot.noun = slot.noun.max(add.noun);
                slot.verb = slot.verb.max(add.verb);
                slot.adjective = slot.adjective.max(add.adjective);
                slot.measure |= add.measure;
                slot.person |= add.person;
            }
        };
        if let Some((_, lemma)) = IRREGULAR_PLURALS.iter().find(|(form, _)| *form == lower) {
            merge(lemma, true, false, false);
        }
        if let Some((_, lemma)) = IRREGULAR_VERBS.iter().find(|(form, _)| *form == lower) {
            merge(lemma, false, true, false);
        }
        for_each_detachment(lower, |(noun, verb, adjective), lemma| {
            merge(lemma, noun, verb, adjective);
            false
        });
        found
    }

    /// Whether a lower-case word is the plural of a thing one counts: a
    /// plural noun that is no unit of measure or span of time ("troops",
    /// not "hours").
    pub fn is_counted_plural(&self, lower: &str) -> bool {
        let (reading, plural) = self.reading_and_plural(lower);
        plural && reading.is_some_and(|r| !r.measure)
    }

    /// [`Self::reading`] and [`Self::is_plural_noun`] in one look-up.
    pub fn reading_and_plural(&self, lower: &str) -> (Option<Reading>, bool) {
        self.remembered(lower)
    }

    /// Whether a lower-case word is a plural noun form ("troops", "men",
    /// "people"), as opposed to its lemma.
    pub fn is_plural_noun(&self, lower: &str) -> bool {
        self.remembered(lower).1
    }

    /// [`Self::is_plural_noun`], worked out.
    fn find_plural_noun(&self, lower: &str) -> bool {
        if matches!(
            lower,
            "people" | "police" | "personnel" | "militia" | "clergy" | "cattle" | "livestock"
        ) {
            return true;
        }
        if self.is_function_word(lower) {
            return false;
        }
        if IRREGULAR_PLURALS
            .iter()
            .any(|(form, lemma)| *form == lower && self.lemma(lemma).is_some_and(|r| r.noun > 0))
        {
            return true;
        }
        for_each_detachment(lower, |(noun, _, _), lemma| {
            noun && self.lemma(lemma).is_some_and(|r| r.noun > 0)
        })
    }
}

/// WordNet's rules of detachment: calls `each` with every lemma a form may
/// come from and the parts of speech (noun, verb, adjective) the rule applies
/// to, until `each` returns true; returns whether it did. One buffer serves
/// every lemma: this runs for many words of every text.
fn for_each_detachment(word: &str, mut each: impl FnMut((bool, bool, bool), &str) -> bool) -> bool {
    const NOUN: (bool, bool, bool) = (true, false, false);
    const VERB: (bool, bool, bool) = (false, true, false);
    const NOUN_VERB: (bool, bool, bool) = (true, true, false);
    const ADJECTIVE: (bool, bool, bool) = (false, false, true);
    const RULES: &[(&str, &str, (bool, bool, bool))] = &[
        ("ies", "y", NOUN_VERB),
        ("ses", "s", NOUN),
        ("xes", "x", NOUN_VERB),
        ("zes", "z", NOUN),
        ("ches", "ch", NOUN_VERB),
        ("shes", "sh", NOUN_VERB),
        ("men", "man", NOUN),
        ("es", "e", VERB),
        ("es", "", VERB),
        ("s", "", NOUN_VERB),
        ("ied", "y", VERB),
        ("ed", "e", VERB),
        ("ed", "", VERB),
        ("ing", "e", VERB),
        ("ing", "", VERB),
        ("er", "", ADJECTIVE),
        ("est", "", ADJECTIVE),
        ("er", "e", ADJECTIVE),
        ("est", "e", ADJECTIVE),
    ];
    if word.len() < 3 || word.ends_with("ss") {
        return false;
    }
    let mut lemma = String::with_capacity(word.len() + 2);
    for (suffix, ending, pos) in RULES {
        let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) else {
            continue;
        };
        lemma.clear();
        lemma.push_str(stem);
        lemma.push_str(ending);
        if each(*pos, &lemma) {
            return true;
        }
        // "planned" → "plan", "shelling" → "shell".
        let bytes = stem.as_bytes();
        if ending.is_empty()
            && (suffix.starts_with('e') || suffix.starts_with('i'))
            && bytes.len() >= 3
            && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
            && each(*pos, &stem[..stem.len() - 1])
        {
            return true;
        }
    }
    false
}

/// The plural of a lower-case noun, for a count of one ("one bank" counts banks).
pub fn plural(noun: &str) -> String {
    if let Some((form, _)) = IRREGULAR_PLURALS.iter().find(|(_, lemma)| *lemma == noun) {
        return (*form).to_owned();
    }
    if noun == "person" {
        return "people".to_owned();
    }
    let bytes = noun.as_bytes();
    let vowel_before_last = bytes
        .len()
        .checked_sub(2)
        .is_some_and(|i| b"aeiou".contains(&bytes[i]));
    if noun.ends_with('y') && !vowel_before_last {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflected_forms_read_as_their_lemmas() {
        let lex = lexicon();
        assert!(lex.reading("troops").is_some_and(|r| r.mostly_noun()));
        assert!(lex.reading("vehicles").is_some_and(|r| r.mostly_noun()));
        assert!(lex.reading("says").is_some_and(|r| !r.mostly_noun()));
        assert!(lex.reading("killed").is_some_and(|r| r.verb > 0));
        assert!(lex.reading("kilometres").is_none_or(|r| r.measure));
        assert!(lex.reading("hours").is_some_and(|r| r.measure));
        assert!(lex.is_plural_noun("districts"));
        assert!(lex.is_plural_noun("men"));
        assert!(!lex.is_plural_noun("district"));
        assert!(lex.is_common("split") && lex.is_common("reading") && lex.is_common("the"));
        assert!(!lex.is_common("kabul"));
    }

    #[test]
    fn plurals_for_counts_of_one() {
        assert_eq!(plural("bank"), "banks");
        assert_eq!(plural("city"), "cities");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("bus"), "buses");
        assert_eq!(plural("man"), "men");
    }
}
