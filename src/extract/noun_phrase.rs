//! The noun a count counts ("14 armoured vehicles", "US troops") and, when
//! the count has none ("another 400 injured"), the group the sentence speaks of.

use super::lexicon::{lexicon, plural};
use super::numbers::word_at;
use super::quantities::Quantity;
use super::tokens::{Kind, Token, strip_possessive};

/// Words that stand for people when a count has no noun ("400 injured").
const CASUALTY_WORDS: &[&str] = &[
    "injured",
    "wounded",
    "killed",
    "dead",
    "missing",
    "displaced",
    "detained",
    "arrested",
    "abducted",
    "kidnapped",
    "hurt",
    "others",
];

/// The noun a count counts, from token `at` on: `(unit, subject, index of
/// the last word)`. The head is the first plural noun ("14 armoured
/// vehicles", "asylum seekers"), else the last noun of the phrase
/// ("military personnel", "120,000 Sudanese"); capitalised words before it
/// say whose it is ("US troops"). None when the phrase names a measure
/// ("20 years", "5 km"), a name ("217 Pamir Corps"), or nothing.
pub fn noun_phrase(
    text: &str,
    tokens: &[Token],
    at: usize,
    value: f64,
) -> Option<(String, Option<String>, usize)> {
    let lex = lexicon();
    let mut subject = None;
    let mut last_noun: Option<(String, usize)> = None;
    let mut j = at;
    while j < tokens.len() && j < at + 5 {
        let Some(word) = word_at(text, tokens, j) else {
            break;
        };
        let bare = strip_possessive(word);
        let lower = bare.to_lowercase();
        if j == at && CASUALTY_WORDS.contains(&lower.as_str()) {
            break;
        }
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        if capital {
            let caps = !bare.chars().any(char::is_lowercase);
            if !caps && lex.reading(&lower).is_some_and(|r| r.noun > 0) && j > 0 {
                // A capitalised common noun mid-sentence belongs to a name.
                return None;
            }
            if !caps && (lower.ends_with('s') || lower.ends_with("ese") || lower.ends_with('i')) {
                if lower.ends_with('s') {
                    return Some((lower, subject, j));
                }
                last_noun = Some((lower, j));
            } else if subject.is_none() {
                subject = Some(bare.to_owned());
            }
            j += 1;
            continue;
        }
        if lex.is_function_word(&lower) {
            break;
        }
        let Some(reading) = lex.reading(&lower) else {
            break;
        };
        if matches!(lower.as_str(), "ones" | "others") {
            break;
        }
        // "no one knows": a form read far more often as a verb is no head.
        if reading.noun > 0 && lex.is_plural_noun(&lower) && reading.noun * 4 >= reading.verb {
            if reading.measure {
                return None;
            }
            return Some((lower, subject, j));
        }
        if reading.noun > 0
            && reading.noun >= reading.adverb
            && (reading.mostly_noun() || reading.adjective > 0)
        {
            if reading.measure && last_noun.is_none() {
                return None;
            }
            last_noun = Some((lower, j));
        } else if reading.adjective == 0 {
            break;
        }
        if bare.len() != word.len() {
            break;
        }
        j += 1;
    }
    if let Some((noun, index)) = last_noun {
        let unit = if value <= 1.0 && !lex.is_plural_noun(&noun) {
            plural(&noun)
        } else {
            noun
        };
        return Some((unit, subject, index));
    }
    // "another 400 injured", "the toll rose to 1,537": the noun is
    // understood; [`super::quantities::find`] takes it from the sentence.
    let word = word_at(text, tokens, at).map(str::to_lowercase);
    if word.as_deref().is_some_and(|w| CASUALTY_WORDS.contains(&w)) {
        return Some((String::new(), None, at));
    }
    let bare = word.as_deref().is_none_or(|w| {
        lex.is_function_word(w)
            || lex
                .reading(w)
                .is_some_and(|r| r.noun == 0 || !r.mostly_noun())
    });
    // Only a written-out figure stands without its noun: "two" or "one" alone is no count.
    let figure = at > 0
        && tokens[at - 1].kind == Kind::Number
        && !(1900.0..=2100.0).contains(&value)
        && value >= 10.0;
    (bare && figure).then(|| (String::new(), None, at - 1))
}

/// Words that make a count without a noun a count of people ("the death
/// toll rose to 1,537", "17,000 have been left homeless").
const PEOPLE_CUES: &[&str] = &[
    "toll",
    "killed",
    "dead",
    "died",
    "deaths",
    "injured",
    "wounded",
    "displaced",
    "homeless",
    "fled",
    "evacuated",
    "sheltered",
    "displacement",
    "casualties",
    "arrested",
    "detained",
    "abducted",
    "kidnapped",
    "missing",
    "refugees",
    "victims",
];

/// What a sentence says about the group a count without a noun counts:
/// the X of "the number of X", and whether it speaks of people at all.
/// Read once per sentence, so a long sentence of bare numbers stays linear.
pub struct UnderstoodGroup {
    number_of: Option<String>,
    people: bool,
}

impl UnderstoodGroup {
    /// Reads the sentence once.
    pub fn read(text: &str, tokens: &[Token]) -> Self {
        let mut number_of = None;
        let mut people = false;
        let words: Vec<&Token> = tokens.iter().filter(|t| t.kind == Kind::Word).collect();
        for (k, t) in words.iter().enumerate() {
            let w = t.text(text);
            people |= PEOPLE_CUES.iter().any(|c| c.eq_ignore_ascii_case(w));
            if number_of.is_none()
                && w.eq_ignore_ascii_case("number")
                && words
                    .get(k + 1)
                    .is_some_and(|t| t.text(text).eq_ignore_ascii_case("of"))
                && let Some(group) = words.get(k + 2).map(|t| t.text(text).to_lowercase())
                && lexicon().is_plural_noun(&group)
            {
                number_of = Some(group);
            }
        }
        Self { number_of, people }
    }

    /// The noun of an earlier count in the sentence ("three journalists
    /// killed and three others"), else the X of "the number of X", else
    /// people when the sentence speaks of people (or the count's own word
    /// says so: "400 injured").
    pub fn unit(&self, earlier: &[Quantity], casualty: bool) -> Option<String> {
        if let Some(previous) = earlier.iter().rev().find(|q| !q.unit.is_empty()) {
            return Some(previous.unit.clone());
        }
        if let Some(group) = &self.number_of {
            return Some(group.clone());
        }
        (casualty || self.people).then(|| "people".to_owned())
    }
}
