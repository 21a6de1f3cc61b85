//! Which names in a text are places, on the evidence of the text.
//!
//! A world list holds many names that are also English words or parts of
//! other names ("Split", "Reading", "Chad", "Israel Katz", "Armed Forces of
//! Ukraine"), and the press names many villages, camps and townships that no
//! list holds. So a capitalised name becomes a place only on evidence: its
//! capitals and its position in the sentence, the words around it ("in",
//! "near", "the village of", "township"), the place's size and kind, the
//! names it is listed with ("Axum, Adwa and Shire"), and the countries the
//! rest of the text names (a town in the country the article is about beats a
//! namesake elsewhere). A name seen as part of a person's name ("Lloyd
//! Austin") is that person when it stands alone later.

use super::lexicon::Lexicon;
use super::place_words::{
    DEMONYM_ENDINGS, Typed, division_word, implied_scale, is_admin_word, is_harmless_before,
    is_kind_of_place, is_locative, is_strong_locative, is_supranational,
};
use super::places::PlaceScale;
use super::places::{Gazetteer, PlaceKind, Slot, push_key, push_spelling_key};
use super::tokens::{Kind, Token, lower, with_lower};

/// The longest name, in words, that matching tries.
const MAX_WORDS: usize = 6;

/// The longest name the gazetteer lacks, in words, that is taken from context.
const MAX_UNKNOWN_WORDS: usize = 3;

/// A name that matched, before the evidence is weighed.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The gazetteer's places of this spelling; empty for a name it lacks.
    pub(super) places: &'static [u32],
    /// Sure enough to stand without more evidence.
    pub(super) plain: bool,
    /// Words around it say "place".
    pub(super) evidence: bool,
    /// A country name right before a noun it modifies ("US troops").
    pub(super) modifier: bool,
    /// Written in capitals though the name is not ("KABUL" in a dateline).
    pub(super) shouted: bool,
    /// The last word of a longer capitalised name ("Lloyd Austin"): never a
    /// place, and alone elsewhere in the text, the same person.
    pub(super) surname: bool,
    /// A word for a kind of place names it: "X village", "the town of X".
    pub(super) typed: Typed,
    /// Where the next capitalised name starts, when only ",", "and", "or"
    /// or "in" stand between: a list of places, or a place and its region.
    pub(super) next: Option<usize>,
    /// Not a place but a word made from a country's name ("Israeli",
    /// "Sudanese"): the text is about that country. Never stands.
    pub(super) focus: Option<&'static str>,
    /// How much ground the kind word beside it says the place covers
    /// ("Kharkiv Oblast": a region; "Herat city": a point).
    pub(super) implied: Option<PlaceScale>,
}

impl Candidate {
    /// The country this name spells outright ("Sudan" in "Sudan 2023"),
    /// or the one its word is made from ("Sudanese").
    pub(super) fn named_country(&self, gazetteer: &Gazetteer) -> Option<&'static str> {
        self.focus.or_else(|| {
            self.places
                .iter()
                .map(|&p| gazetteer.place(p))
                .find(|p| p.kind == PlaceKind::Country)
                .map(|p| p.country)
        })
    }
}

/// Whether a word is a demonym of a country the gazetteer names
/// ("Chadian", "Somali", "Sudanese"): those are not places.
fn is_demonym(word: &str, gazetteer: &Gazetteer) -> bool {
    let stems = &gazetteer.demonym_stems;
    if word.ends_with('i') && stems.get(word) == Some(&true) {
        return true;
    }
    DEMONYM_ENDINGS.iter().any(|ending| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 3 && stems.contains_key(stem))
    })
}

/// Whether a lower-case stem begins the name of a continent ("afric" of "African").
fn is_supranational_stem(stem: &str) -> bool {
    [
        "africa",
        "europe",
        "asia",
        "america",
        "oceania",
        "arctic",
        "mediterranean",
    ]
    .iter()
    .any(|name| name.starts_with(stem))
}

/// A word that may be part of a name: letters with at most one capital in
/// a row ("NSAGs", "TNLA" are acronyms).
fn is_name_like(word: &str) -> bool {
    let mut previous_upper = false;
    for c in word.chars() {
        let upper = c.is_uppercase();
        if upper && previous_upper {
            return false;
        }
        previous_upper = upper;
    }
    true
}

fn first_is_upper(word: &str) -> bool {
    // Asked of every word of every sentence: ASCII without decoding.
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// The possessive ending of a word, if any: the bytes of "'s" or "’s".
fn possessive_len(word: &str) -> usize {
    if word.ends_with("'s") || word.ends_with("'S") {
        2
    } else if word.ends_with("’s") {
        "’s".len()
    } else {
        0
    }
}

/// Particles inside Arabic and other names ("Qubtan al-Jabal", "Tal Al-Hawa").
fn is_name_particle(word: &str) -> bool {
    [
        "al-", "el-", "ad-", "as-", "ar-", "an-", "ash-", "at-", "az-",
    ]
    .iter()
    .any(|p| {
        word.len() > p.len()
            && word
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })
}

/// One sentence's tokens, with the helpers the evidence needs.
struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Index of its first word or number.
    start: usize,
}

impl<'a> Sentence<'a> {
    fn word(&self, at: usize) -> Option<&'a str> {
        super::words::word_at(self.text, self.tokens, at)
    }

    fn word_before(&self, at: usize, back: usize) -> Option<&'a str> {
        at.checked_sub(back).and_then(|k| self.word(k))
    }

    fn punct(&self, at: usize) -> Option<&'a str> {
        self.tokens
            .get(at)
            .filter(|t| t.kind == Kind::Punct)
            .map(|t| t.text(self.text))
    }

    /// Whether token `at` follows token `at - 1` after exactly one space.
    fn spaced(&self, at: usize) -> bool {
        at > 0
            && self
                .tokens
                .get(at)
                .is_some_and(|t| t.start == self.tokens[at - 1].end + 1)
    }

    /// Where the next capitalised word starts, when only ",", "and", "or",
    /// "in" or a dash stand between it and the end of token `last`.
    fn next_in_list(&self, last: usize) -> Option<usize> {
        let mut at = last + 1;
        let mut joined = false;
        if matches!(self.punct(at), Some("," | "–" | "—")) {
            at += 1;
            joined = true;
        }
        if matches!(self.word(at), Some("and" | "or" | "in")) {
            at += 1;
            joined = true;
        }
        let word = self.word(at)?;
        (joined && first_is_upper(word)).then(|| self.tokens[at].start)
    }

    /// "two towns –", "Rakhine townships –": a plural kind of place right
    /// before the name, across a dash or colon.
    fn introduced_as_many(&self, first: usize) -> bool {
        let dash = match first.checked_sub(1).and_then(|k| self.punct(k)) {
            Some("–" | "—" | ":") => true,
            // "camps - X and Y", but not "Hamas-run".
            Some("-") => self.spaced(first) && self.spaced(first - 1),
            _ => false,
        };
        dash && self
            .word_before(first, 2)
            .is_some_and(|w| with_lower(w, division_word) == Some(Typed::Many))
    }

    /// "the town of X", "the outskirts of X": a word for a kind of place,
    /// then "of", right before the name.
    fn introduced_as_one(&self, first: usize) -> bool {
        self.word_before(first, 1) == Some("of")
            && self
                .word_before(first, 2)
                .is_some_and(|w| with_lower(w, is_kind_of_place))
    }

    /// "the areas of X and Y", "the villages of X": a plural kind of place,
    /// then "of", right before the name.
    fn introduced_as_several(&self, first: usize) -> bool {
        self.word_before(first, 1) == Some("of")
            && self
                .word_before(first, 2)
                .is_some_and(|w| with_lower(w, division_word) == Some(Typed::Many))
    }

    /// A word for a kind of place right after token `last` ("X villages",
    /// "X refugee camps", "X local government area").
    fn typed_after(&self, last: usize) -> Typed {
        let mut at = last + 1;
        if matches!(
            self.word(at),
            Some("refugee" | "local" | "Refugee" | "Local")
        ) {
            at += 1;
            if matches!(self.word(at), Some("government" | "Government")) {
                at += 1;
            }
        }
        if at > last + 1 && !self.spaced(at) {
            return Typed::No;
        }
        let adjacent = self
            .word(at)
            .and_then(|w| with_lower(w, division_word))
            .filter(|_| self.spaced(last + 1));
        adjacent.unwrap_or_else(|| self.apposition(last))
    }

    /// "X, the major town in the south", "X, a small village": a name that
    /// a following phrase calls one place.
    fn apposition(&self, last: usize) -> Typed {
        if self.punct(last + 1) != Some(",") {
            return Typed::No;
        }
        let mut at = last + 2;
        if matches!(self.word(at), Some("the" | "a" | "an")) {
            at += 1;
        }
        for _ in 0..3 {
            match self.word(at) {
                Some(w) if !first_is_upper(w) => {
                    if with_lower(w, division_word) == Some(Typed::One) && at > last + 2 {
                        return Typed::One;
                    }
                    at += 1;
                }
                _ => break,
            }
        }
        Typed::No
    }
}

impl Gazetteer {
    /// Finds the names in one sentence's tokens and notes the evidence
    /// around each: names the gazetteer holds, and capitalised names it
    /// lacks where the words around say "place". `key` is room for the
    /// matching keys, kept by the caller from one sentence to the next.
    pub fn candidates(
        &'static self,
        text: &str,
        tokens: &[Token],
        lexicon: &Lexicon,
        key: &mut String,
        out: &mut Vec<Candidate>,
    ) {
        let sentence = Sentence {
            text,
            tokens,
            start: tokens
                .iter()
                .position(|t| t.kind == Kind::Word || t.kind == Kind::Number)
                .unwrap_or(0),
        };
        let first_of_sentence = out.len();
        let mut i = 0;
        while i < tokens.len() {
            let token = tokens[i];
            // Most tokens are lower-case words: told by their first byte.
            let lower_ascii = text
                .as_bytes()
                .get(token.start)
                .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
            if token.kind != Kind::Word || lower_ascii || !first_is_upper(token.text(text)) {
                i += 1;
                continue;
            }
            i = match self.longest_name(&sentence, i, key) {
                Some((last, slot, possessive)) => {
                    self.known(&sentence, lexicon, (i, last, possessive), slot, key, out)
                }
                None => {
                    let linked = out[first_of_sentence..]
                        .last()
                        .is_some_and(|c| c.next == Some(token.start));
                    self.unknown(&sentence, lexicon, i, linked, out)
                        .unwrap_or(i + 1)
                }
            };
        }
    }

    /// The longest run of words from token `first` that spells a name the
    /// gazetteer holds: its last token, its slot and the bytes of a
    /// possessive cut from its last word.
    fn longest_name(
        &'static self,
        sentence: &Sentence,
        first: usize,
        key: &mut String,
    ) -> Option<(usize, Slot<'static>, usize)> {
        let (text, tokens) = (sentence.text, sentence.tokens);
        key.clear();
        let mut best = None;
        let mut j = first;
        while j < tokens.len() && j < first + MAX_WORDS {
            let t = tokens[j];
            if t.kind != Kind::Word || (j > first && !sentence.spaced(j)) {
                break;
            }
            let w = t.text(text);
            let possessive = possessive_len(w);
            if j > first {
                key.push(' ');
            }
            let before_word = key.len();
            push_key(w, key);
            // "Cox's Bazar" keeps its "'s"; "Ukraine's" does not.
            let (slot, possessive) = match self.index.get(key.as_str()) {
                Some(slot) if possessive == 0 || slot.prefix || !slot.places.is_empty() => {
                    (slot, 0)
                }
                _ if possessive > 0 => {
                    key.truncate(before_word);
                    push_key(&w[..w.len() - possessive], key);
                    match self.index.get(key.as_str()) {
                        Some(slot) => (slot, possessive),
                        None => break,
                    }
                }
                _ => break,
            };
            if !slot.places.is_empty() {
                best = Some((j, slot, possessive));
            }
            if !slot.prefix || possessive > 0 {
                break;
            }
            j += 1;
        }
        best
    }

    /// Weighs the words around a name the gazetteer holds, spanning tokens
    /// `first..=last`, and pushes it unless it is part of a longer name.
    /// Returns the token after it.
    fn known(
        &'static self,
        sentence: &Sentence,
        lexicon: &Lexicon,
        (first, mut last, mut possessive): (usize, usize, usize),
        mut slot: Slot<'static>,
        key: &mut String,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let (text, tokens) = (sentence.text, sentence.tokens);
        let mut implied = None;
        // "Shan State", "Chin State's": the type word is not part of the name,
        // but a capitalised feature word is ("Gaza City", "Dnipro River").
        if last > first {
            let tail = tokens[last].text(text);
            let tail = &tail[..tail.len() - possessive];
            let admin = with_lower(tail, |lower| {
                is_admin_word(lower) || (!first_is_upper(tail) && division_word(lower).is_some())
            });
            if admin {
                key.clear();
                // The words are one space apart, as `longest_name` matched them.
                push_spelling_key(&text[tokens[first].start..tokens[last - 1].end], key);
                if let Some(shorter) = self
                    .index
                    .get(key.as_str())
                    .filter(|s| !s.places.is_empty())
                {
                    implied = with_lower(tail, implied_scale);
                    slot = shorter;
                    last -= 1;
                    possessive = 0;
                }
            }
        }
        let start = tokens[first].start;
        let end = tokens[last].end - possessive;
        let matched = &text[start..end];
        // Settled before the evidence is weighed: "The", "In", "Europe".
        let single = last == first;
        let (function_word, common) = if single {
            with_lower(matched, |l| {
                (lexicon.is_function_word(l), lexicon.is_common(l))
            })
        } else {
            (false, false)
        };
        key.clear();
        push_key(matched, key);
        if function_word || is_supranational(key) {
            return last + 1;
        }
        let after = tokens.get(last + 1).copied();
        let word_after = sentence.word(last + 1);
        let initial = first == sentence.start;
        let lower_after = word_after.and_then(lower);
        // The word before, lower-cased once for the tests below (every
        // keyword is short ASCII, so a longer word is none of them).
        let word_before = sentence.word_before(first, 1);
        let lower_before = word_before.and_then(lower);
        let before_is =
            |test: &dyn Fn(&str) -> bool| lower_before.is_some_and(|l| test(l.as_str()));
        // "Rakhine State's Buthidaung Township": the kind word may carry the possessive.
        let division_after = possessive == 0
            && word_after.is_some_and(|w| {
                let w = &w[..w.len() - possessive_len(w)];
                with_lower(w, |l| division_word(l).is_some() || is_admin_word(l))
            });
        // Part of a longer capitalised name: "Israel Katz", "Tigray People's Liberation Front".
        let name_after = possessive == 0
            && !division_after
            && word_after.is_some_and(|w| first_is_upper(w) && !is_all_caps(matched))
            && sentence.spaced(last + 1);
        // The end of a person's name ("Lloyd Austin"), but not "Sudan's Upper Nile".
        let name_before = word_before.is_some_and(|w| {
            first_is_upper(w)
                && possessive_len(w) == 0
                && !w.contains('-')
                && !before_is(&is_harmless_before)
                && !(first - 1 == sentence.start && with_lower(w, |l| lexicon.is_common(l)))
                && sentence.spaced(first)
        });
        // "Armed Forces of Ukraine", "University of Khartoum".
        let of_a_name = sentence.word_before(first, 1) == Some("of")
            && first >= 2
            && first - 2 != sentence.start
            && sentence.word_before(first, 2).is_some_and(first_is_upper);
        let locative_before =
            before_is(&|l| is_harmless_before(l) || is_locative(l) || l == "including");
        // "Nigeria's Plateau": a place of the country whose possessive precedes it.
        let owner_before = sentence
            .word_before(first, 1)
            .filter(|w| possessive_len(w) > 0)
            .and_then(|w| self.country_of_name(&w[..w.len() - possessive_len(w)]))
            .is_some_and(|owner| slot.places.iter().any(|&p| self.place(p).country == owner));
        let dateline = initial
            && after.is_some_and(|t| {
                t.kind == Kind::Punct
                    && match t.text(text) {
                        ":" | "–" | "—" | "(" | "-" => true,
                        // "KABUL, June 8" but not "Daniel, an unusually strong storm".
                        "," => sentence
                            .word(last + 2)
                            .is_some_and(|w| first_is_upper(w) || is_all_caps(w)),
                        _ => false,
                    }
            });
        let caps =
            is_all_caps(matched) && matched.chars().filter(|c| c.is_alphabetic()).count() > 1;
        let exact_acronym = caps
            && slot
                .places
                .iter()
                .any(|&p| self.place(p).spellings().any(|s| s == matched));
        let demonym = single && is_demonym(matched, self);
        // "US troops", "Myanmar military camp", "U.S.-led coalition": a country
        // name before a noun it modifies; but "Ukraine controls 28 settlements".
        let hyphen_modifier = possessive == 0
            && sentence.punct(last + 1) == Some("-")
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.start == tokens[last].end)
            && sentence.word(last + 2).is_some_and(|w| !first_is_upper(w));
        let modifier = hyphen_modifier
            || possessive == 0
                && lower_after.is_some_and(|w| {
                    let w = w.as_str();
                    let verb_with_object = || {
                        tokens.get(last + 2).is_some_and(|t| t.kind == Kind::Number)
                            || matches!(
                                sentence.word(last + 2),
                                Some("the" | "a" | "an" | "its" | "their" | "his" | "her")
                            )
                    };
                    // "military camp" but not "last week".
                    let noun_follows = || {
                        sentence.word(last + 2).is_some_and(|n| {
                            with_lower(n, |n| {
                                lexicon
                                    .reading(n)
                                    .is_some_and(|r| r.mostly_noun() && !r.measure)
                            })
                        })
                    };
                    word_after.is_some_and(|a| !first_is_upper(a))
                        && !lexicon.is_function_word(w)
                        && lexicon.reading(w).is_some_and(|r| {
                            (r.mostly_noun() && r.adjective <= r.noun
                                || r.adjective > r.noun && r.adjective >= r.verb && noun_follows())
                                && !(r.verb > 0 && verb_with_object())
                        })
                });
        let surname = name_before && !name_after && !of_a_name && !demonym;
        if name_after && !name_before && !of_a_name {
            // "Lone Kauk villages", "Tal Al-Hawa": a known word opening a
            // longer name the gazetteer lacks.
            let linked = out.last().is_some_and(|c| c.next == Some(start));
            if let Some(next) = self.unknown(sentence, lexicon, first, linked, out) {
                return next;
            }
        }
        if division_after {
            implied = implied.or_else(|| {
                word_after
                    .and_then(|w| with_lower(&w[..w.len() - possessive_len(w)], implied_scale))
            });
        }
        if surname || !(name_after || name_before || of_a_name || demonym) {
            out.push(Candidate {
                start,
                end,
                places: slot.places,
                plain: if caps { exact_acronym } else { !common },
                evidence: !(common && initial)
                    && (locative_before
                        || division_after
                        || dateline
                        || owner_before
                        || possessive > 0),
                shouted: caps && !exact_acronym && matched.chars().count() >= 4,
                modifier,
                surname,
                typed: Typed::No,
                next: sentence.next_in_list(last),
                focus: None,
                implied,
            });
        }
        last + 1
    }

    /// The country code of a spelling that names a country.
    fn country_of_name(&self, spelling: &str) -> Option<&'static str> {
        let mut key = String::with_capacity(spelling.len());
        push_key(spelling, &mut key);
        self.index.get(key.as_str()).and_then(|slot| {
            slot.places
                .iter()
                .map(|&p| self.place(p))
                .find(|p| p.kind == PlaceKind::Country)
                .map(|p| p.country)
        })
    }

    /// Looks at a capitalised run from token `first` that the gazetteer does
    /// not hold, and pushes it when the words around may make it a place
    /// (`linked`: the candidate before lists it). Returns the token after
    /// it, or `None` when it was not taken.
    fn unknown(
        &self,
        sentence: &Sentence,
        lexicon: &Lexicon,
        first: usize,
        linked: bool,
        out: &mut Vec<Candidate>,
    ) -> Option<usize> {
        let (text, tokens) = (sentence.text, sentence.tokens);
        let opening = tokens[first].text(text);
        if with_lower(opening, |l| lexicon.is_function_word(l)) || !is_name_like(opening) {
            return None;
        }
        if let Some(country) = self.demonym_country(opening) {
            out.push(Candidate {
                start: tokens[first].start,
                end: tokens[first].end,
                places: &[],
                plain: false,
                evidence: false,
                modifier: false,
                shouted: false,
                surname: false,
                typed: Typed::No,
                next: None,
                focus: Some(country),
                implied: None,
            });
            return Some(first + 1);
        }
        // "North Ethiopia": a compass word before a name the gazetteer holds.
        if with_lower(opening, is_harmless_before)
            && sentence
                .word(first + 1)
                .is_some_and(|w| self.begins_a_name(w))
        {
            return None;
        }
        let mut last = first;
        while last + 1 < tokens.len()
            && last + 1 < first + MAX_UNKNOWN_WORDS
            && sentence.spaced(last + 1)
            && possessive_len(tokens[last].text(text)) == 0
            && sentence.word(last + 1).is_some_and(|w| {
                (first_is_upper(w) || is_name_particle(w))
                    && is_name_like(w)
                    && !with_lower(w, |l| {
                        division_word(l).is_some()
                            || is_admin_word(l)
                            || lexicon.is_function_word(l)
                    })
            })
        {
            last += 1;
        }
        let initial = first == sentence.start;
        let typed = if sentence.introduced_as_many(first) || sentence.introduced_as_several(first) {
            Typed::Many
        } else if sentence.introduced_as_one(first) {
            Typed::One
        } else {
            sentence.typed_after(last)
        };
        // "the Kutupalong-Balukhali Expansion Camp": a common word before
        // the kind of place is a description, not the name.
        let common = |t: &Token| with_lower(t.text(text), |l| lexicon.is_common(l));
        while typed != Typed::No && last > first && common(&tokens[last]) {
            last -= 1;
        }
        let locative = sentence
            .word_before(first, 1)
            .is_some_and(|w| with_lower(w, is_strong_locative));
        let next = sentence.next_in_list(last);
        if typed == Typed::No && !locative && !linked && next.is_none()
            || initial && typed == Typed::No
        {
            return None;
        }
        let words = &tokens[first..=last];
        let start = tokens[first].start;
        let end = tokens[last].end;
        let run = &text[start..end];
        if possessive_len(run) > 0 || is_all_caps(run) {
            return None;
        }
        let mut uncommon = 0;
        for t in words {
            let w = t.text(text);
            // "El Salini": the Arabic article is neither a person nor a word.
            if matches!(w, "El" | "Al") {
                continue;
            }
            let (is_common, person) = with_lower(w, |l| {
                let reading = lexicon.reading(l);
                (
                    lexicon.is_function_word(l) || reading.is_some(),
                    reading.is_some_and(|r| r.person),
                )
            });
            if person {
                return None;
            }
            uncommon += usize::from(!is_common);
        }
        let named_by_kind = typed == Typed::One && sentence.introduced_as_one(first);
        if uncommon == 0 && !named_by_kind {
            return None;
        }
        // The dearer tests last, for the few names still standing.
        if words
            .iter()
            .any(|t| self.is_adjective_of_place(t.text(text)))
        {
            return None;
        }
        let mut key = String::with_capacity(run.len());
        push_key(run, &mut key);
        if is_supranational(&key) {
            return None;
        }
        let noun_after = sentence.word(last + 1).is_some_and(|w| {
            !first_is_upper(w)
                && with_lower(w, |l| {
                    !lexicon.is_function_word(l)
                        && lexicon.reading(l).is_some_and(|r| r.mostly_noun())
                })
        });
        out.push(Candidate {
            start,
            end,
            places: &[],
            plain: false,
            evidence: locative && uncommon == words.len() && !noun_after,
            modifier: noun_after && typed == Typed::No,
            shouted: false,
            surname: false,
            typed,
            next,
            focus: None,
            implied: None,
        });
        Some(last + 1)
    }

    /// Whether a word alone names a country or a first-level region.
    fn names_a_country_or_region(&self, word: &str) -> bool {
        let mut key = String::with_capacity(word.len());
        push_key(word, &mut key);
        self.index.get(key.as_str()).is_some_and(|slot| {
            slot.places
                .iter()
                .any(|&p| matches!(self.place(p).kind, PlaceKind::Country | PlaceKind::Region))
        })
    }

    /// Whether a word opens a name the gazetteer holds.
    fn begins_a_name(&self, word: &str) -> bool {
        let mut key = String::with_capacity(word.len());
        push_key(word, &mut key);
        self.index.get(key.as_str()).is_some()
    }

    /// "Lebanese", "African", "Ukrainian-controlled", "Nigeria-Cameroon":
    /// words made from the names of places, not names of places.
    fn is_adjective_of_place(&self, word: &str) -> bool {
        if word.contains('-') {
            return word.split('-').enumerate().any(|(n, part)| {
                part.is_empty()
                    || (n > 0 && !first_is_upper(part))
                    || self.names_a_country_or_region(part)
                    || self.is_adjective_of_place(part)
            });
        }
        with_lower(word, |lower| {
            DEMONYM_ENDINGS.iter().any(|ending| {
                lower.strip_suffix(ending).is_some_and(|stem| {
                    stem.len() >= 4
                        && (self.a_country_begins_with(stem) || is_supranational_stem(stem))
                })
            })
        })
    }
}
