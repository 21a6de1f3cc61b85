//! The noun a count counts ("14 armoured vehicles", "US troops") and, when
//! the count has none ("another 400 injured"), the group the sentence speaks of.

use super::Quantity;
use super::lexicon::{lexicon, plural};
use super::measure::counts_people;
use super::numbers::model_name_end;
use super::tokens::{Kind, Token, strip_possessive, with_lower};
use super::words::word_at;

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
    "homeless",
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
    let mut subject: Option<(usize, usize)> = None;
    let mut last_noun: Option<(String, usize)> = None;
    // A capitalised common noun mid-sentence ("World Food Programme"): the
    // count is of a name ("217 Pamir Corps") unless a plain noun follows.
    let mut in_name = false;
    let mut group_name: Option<String> = None;
    let mut place_at_head = false;
    let mut j = at;
    // "1,200 “terror targets”": an opening quote before the noun.
    if matches!(tokens.get(j).map(|t| t.text(text)), Some("“" | "\"" | "‘")) {
        j += 1;
    }
    // "three more districts", "two other districts", "six new ones".
    if word_at(text, tokens, j).is_some_and(|w| {
        with_lower(w, |w| {
            matches!(
                w,
                "more" | "other" | "new" | "additional" | "further" | "extra" | "fresh"
            )
        })
    }) && word_at(text, tokens, j + 1).is_some()
    {
        j += 1;
    }
    // The first word of the phrase proper: "400 more injured" is a toll too.
    let head = j;
    let mut window = j + 5;
    let with_subject = |unit: String, subject: Option<(usize, usize)>, index: usize| {
        let subject = subject.map(|(from, to)| text[tokens[from].start..tokens[to].end].to_owned());
        Some((unit, subject, index))
    };
    while j < tokens.len() && j < window {
        let Some(word) = word_at(text, tokens, j) else {
            break;
        };
        let bare = strip_possessive(word);
        // Lower-cased on the stack: most words end the phrase, unkept.
        let short = super::tokens::lower(bare);
        let long;
        let lower: &str = match &short {
            Some(short) => short.as_str(),
            None => {
                long = bare.to_lowercase();
                &long
            }
        };
        // "400 injured", but "600,000 displaced people" and "84 770
        // forcibly displaced people".
        if CASUALTY_WORDS.contains(&lower) {
            if word_at(text, tokens, j + 1)
                .is_some_and(|w| with_lower(w, |w| lex.is_plural_noun(w)))
            {
                j += 1;
                continue;
            }
            if j == head {
                break;
            }
        }
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        // "26 US C-17 flights": a model's name modifies the noun; it is no subject.
        if let Some(past) = capital.then(|| model_name_end(text, tokens, j)).flatten() {
            window += past - j;
            j = past;
            continue;
        }
        if capital {
            let caps = !bare.chars().any(char::is_lowercase);
            let reading = lex.reading(lower);
            if !caps && reading.is_some_and(|r| r.noun > 0) && j > 0 {
                in_name = true;
            }
            if !caps
                && !in_name
                && (lower.ends_with('s') || lower.ends_with("ese") || lower.ends_with('i'))
            {
                if lower.ends_with('s') {
                    return with_subject(lower.to_owned(), subject, j);
                }
                last_noun = Some((lower.to_owned(), j));
            } else {
                if !caps && reading.is_none() && j == head {
                    // "80,000 Rohingya": a people's name counted by itself;
                    // "9,870 Hatay" names where, in a breakdown of a count.
                    if names_a_place(bare) {
                        place_at_head = true;
                    } else {
                        group_name = Some(lower.to_owned());
                    }
                }
                match &mut subject {
                    Some((_, to)) if *to + 1 == j => *to = j,
                    None => subject = Some((j, j)),
                    Some(_) => {}
                }
            }
            if bare.len() != word.len() {
                break;
            }
            j += 1;
            continue;
        }
        // "6,402 east of the capital": a direction, never what is counted.
        if lex.is_function_word(lower) || is_direction(lower) {
            break;
        }
        if lower == "ones" {
            // "six new ones": [`super::quantities::find_after`] looks back for the noun.
            return with_subject(lower.to_owned(), subject, j);
        }
        let (reading, plural_noun) = lex.reading_and_plural(lower);
        // "84 770 forcibly displaced people", "12 badly damaged homes".
        if lower.ends_with("ly")
            && reading.is_some_and(|r| r.adverb > 0 && r.noun == 0)
            && word_at(text, tokens, j + 1).is_some()
        {
            j += 1;
            window += 1;
            continue;
        }
        // "1,200 more left on Monday": "more" adds to a group already
        // counted, and a verb after it is no noun.
        if j == head && head > at && reading.is_some_and(|r| r.verb > r.noun) {
            break;
        }
        let Some(reading) = reading else {
            // "pick-up vans", "non-UNRWA schools": a compound modifier.
            if lower.contains('-') && word_at(text, tokens, j + 1).is_some() {
                j += 1;
                continue;
            }
            // "airstrikes", "returnees": a plural the word list lacks.
            if looks_plural(lower) {
                return with_subject(lower.to_owned(), subject, j);
            }
            break;
        };
        if lower == "others" {
            break;
        }
        // "no one knows": a form read far more often as a verb is no head,
        // unless a noun before it makes it a compound's ("air strikes").
        let compound = last_noun.is_some() && lower.ends_with('s');
        if reading.noun > 0 && plural_noun && (compound || reading.noun * 4 >= reading.verb) {
            if reading.measure {
                return None;
            }
            return with_subject(lower.to_owned(), subject, j);
        }
        if reading.noun > 0
            && reading.noun >= reading.adverb
            && (reading.mostly_noun() || reading.adjective > 0)
        {
            if reading.measure && last_noun.is_none() {
                return None;
            }
            last_noun = Some((lower.to_owned(), j));
        } else if reading.adjective == 0 && !modifies_a_plural(text, tokens, j, reading.noun) {
            break;
        }
        if bare.len() != word.len() {
            break;
        }
        j += 1;
    }
    if let Some((noun, index)) = last_noun {
        // "3,000 left homeless": the people the word stands for, as "400 injured".
        if CASUALTY_WORDS.contains(&noun.as_str()) {
            return Some((String::new(), None, index));
        }
        let unit = if value <= 1.0 && !lex.is_plural_noun(&noun) {
            plural(&noun)
        } else {
            noun
        };
        return with_subject(unit, subject, index);
    }
    if in_name {
        return None;
    }
    if let Some(group) = group_name {
        return Some((group, None, head));
    }
    // "another 400 injured", "the toll rose to 1,537": the noun is
    // understood; [`super::quantities::find_after`] takes it from the sentence.
    if word_at(text, tokens, head).is_some_and(|w| with_lower(w, |w| CASUALTY_WORDS.contains(&w))) {
        return Some((String::new(), None, head));
    }
    let bare = place_at_head
        || word_at(text, tokens, at).is_none_or(|w| {
            with_lower(w, |w| {
                lex.is_function_word(w)
                    || is_direction(w)
                    || lex
                        .reading(w)
                        .is_some_and(|r| r.noun == 0 || !r.mostly_noun())
            })
        });
    // Only a written-out figure stands without its noun: "two" or "one" alone is no count.
    // "2,000 from Afghanistan" is a figure; "in 2020" is a year. A figure
    // under ten stands alone only as an item of a list ("… 95 in the
    // centre and 6 in the north"), and [`super::quantities::find_after`]
    // keeps it only after a count with a noun.
    let figure = at > 0
        && tokens[at - 1].kind == Kind::Number
        && (!(1900.0..=2100.0).contains(&value) || tokens[at - 1].text(text).contains(','))
        && (value >= 10.0 || value >= 1.0 && at >= 2 && is_list_break(text, &tokens[at - 2]));
    (bare && figure).then(|| (String::new(), None, at - 1))
}

/// Whether a token separates the items of a list: ",", ";", ":", "and",
/// a dash.
pub fn is_list_break(text: &str, token: &Token) -> bool {
    matches!(token.text(text), "," | ";" | ":" | "and" | "-" | "–" | "—")
}

/// A compass direction ("north", "south-east", "northwest"): where, not what.
fn is_direction(lower: &str) -> bool {
    match lower
        .strip_prefix("north")
        .or_else(|| lower.strip_prefix("south"))
    {
        Some(rest) => matches!(rest.strip_prefix('-').unwrap_or(rest), "" | "east" | "west"),
        None => matches!(lower, "east" | "west"),
    }
}

/// Whether a capitalised word the lexicon lacks names a place in the
/// world gazetteer, not a people ("Hatay", but "Rohingya").
fn names_a_place(word: &str) -> bool {
    !super::places::world().lookup(word).is_empty()
}

/// "98 aid trucks", "40 rescue workers": a word read more often as a verb
/// is still a noun modifier when a plural noun follows it.
fn modifies_a_plural(text: &str, tokens: &[Token], j: usize, noun: u32) -> bool {
    noun > 0
        && word_at(text, tokens, j + 1)
            .is_some_and(|w| with_lower(w, |w| lexicon().is_counted_plural(w)))
}

/// Whether a word, in any case, stands for people hurt or lost ("injured",
/// "dead", "missing"): a count of it needs no noun. "Others" is not one: it
/// only says "more of the same".
pub fn is_casualty_word(word: &str) -> bool {
    with_lower(word, |w| w != "others" && CASUALTY_WORDS.contains(&w))
}

/// Whether a word the lexicon lacks reads as a plural noun: lower-case
/// letters ending in a plural "s" ("airstrikes", "returnees").
fn looks_plural(lower: &str) -> bool {
    lower.len() >= 5
        && lower.bytes().all(|b| b.is_ascii_lowercase())
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
}

/// Verbs that report what others say: the people before them are the
/// speakers, not the group a toll counts.
fn is_reporting_verb(word: &str) -> bool {
    with_lower(word, is_reporting_verb_lower)
}

fn is_reporting_verb_lower(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "say"
            | "says"
            | "told"
            | "reported"
            | "report"
            | "reports"
            | "put"
            | "estimated"
            | "estimate"
            | "confirmed"
            | "announced"
            | "added"
            | "stated"
            | "claimed"
            | "warned"
            | "noted"
            | "believe"
            | "believed"
            | "fear"
            | "feared"
    )
}

/// Words that make a count without a noun a count of people ("the death
/// toll rose to 1,537", "17,000 have been left homeless").
fn is_people_cue(lower: &str) -> bool {
    matches!(
        lower,
        "toll"
            | "killed"
            | "dead"
            | "died"
            | "deaths"
            | "injured"
            | "wounded"
            | "displaced"
            | "homeless"
            | "fled"
            | "evacuated"
            | "sheltered"
            | "displacement"
            | "casualties"
            | "arrested"
            | "detained"
            | "abducted"
            | "kidnapped"
            | "missing"
            | "refugees"
            | "victims"
            | "killing"
            | "death"
            | "displacements"
            | "evacuees"
            | "evacuation"
            | "hurt"
            | "wounding"
            | "injuring"
            | "displacing"
    )
}

/// Verbs of what is done to people, whose subject did it: (was) "killed",
/// "wounded", "displaced"…
fn is_done_to_people(lower: &str) -> bool {
    matches!(
        lower,
        "killed"
            | "killing"
            | "wounded"
            | "wounding"
            | "injured"
            | "injuring"
            | "displaced"
            | "displacing"
            | "evacuated"
            | "arrested"
            | "detained"
            | "abducted"
            | "kidnapped"
    )
}

/// Words that make the participle after them passive, or stand between a
/// count and its verb ("30 were injured", "12 have reportedly been killed").
fn is_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "get"
            | "got"
            | "have"
            | "has"
            | "had"
            | "reportedly"
            | "also"
    )
}

/// Whether the words after a count's last token (`past` is the token after
/// it) say what was done to people: "30 were injured", "12 died", "40 have
/// been killed". Such a count counts people, as "30 injured" does.
pub fn people_cue_follows(text: &str, tokens: &[Token], past: usize) -> bool {
    let mut at = past;
    while let Some(word) = word_at(text, tokens, at).filter(|_| at < past + 4) {
        let Some(lower) = super::tokens::lower(word) else {
            return false;
        };
        if !is_auxiliary(lower.as_str()) {
            return is_people_cue(lower.as_str());
        }
        at += 1;
    }
    false
}

/// What a sentence says about the group a count without a noun counts:
/// the X of "the number of X", and whether it speaks of people at all.
/// Read once per sentence, so a long sentence of bare numbers stays linear.
pub struct UnderstoodGroup {
    /// The X of "the number of X" (people for "the number of injured"),
    /// with the byte offset of "number".
    number_of: Option<(usize, String)>,
    people: bool,
    /// Byte offsets of the words that speak of people ("evacuated").
    people_cues: Vec<usize>,
    /// Plural nouns for the group the sentence is about, with their token
    /// index and end byte: its opening word ("Journalists are…") or "among
    /// the soldiers".
    groups: Vec<(usize, String, usize)>,
    /// Byte offsets of verbs that do to people in the active voice
    /// ("Clashes killed 1,200"): what stands before one did it, and is no
    /// group of the counted.
    agent_cues: Vec<usize>,
}

impl UnderstoodGroup {
    /// Reads the sentence once.
    pub fn read(text: &str, tokens: &[Token]) -> Self {
        let lex = lexicon();
        let mut number_of = None;
        let mut people = false;
        let mut people_cues = Vec::new();
        let mut groups = Vec::new();
        let mut agent_cues = Vec::new();
        // On the stack for any sentence of ordinary length.
        let words: smallvec::SmallVec<[(usize, &Token); 96]> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == Kind::Word)
            .collect();
        let is_group = |w: &str| lex.is_counted_plural(w);
        for (k, &(index, t)) in words.iter().enumerate() {
            let w = t.text(text);
            let word = |n: usize| words.get(n).map(|(_, t)| t.text(text));
            if let Some(l) = super::tokens::lower(w)
                && is_people_cue(l.as_str())
            {
                people = true;
                people_cues.push(t.start);
                let passive = k
                    .checked_sub(1)
                    .and_then(word)
                    .is_some_and(|w| with_lower(w, is_auxiliary));
                if !passive && is_done_to_people(l.as_str()) {
                    agent_cues.push(t.start);
                }
            }
            // "the number of missing persons": the first plural noun after "of".
            if number_of.is_none()
                && w.eq_ignore_ascii_case("number")
                && word(k + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
            {
                // "the number of injured", but "the number of missing persons".
                let casualty = word(k + 2)
                    .is_some_and(|w| with_lower(w, |w| CASUALTY_WORDS.contains(&w)))
                    && !word(k + 3).is_some_and(|w| with_lower(w, |w| lex.is_plural_noun(w)));
                number_of = if casualty {
                    Some("people".to_owned())
                } else {
                    (k + 2..k + 5)
                        .filter_map(word)
                        .map(str::to_lowercase)
                        .find(|w| lex.is_counted_plural(w))
                }
                .map(|group| (t.start, group));
            }
            // "Journalists were hit", but not "Officials said 20 died".
            let opening = k == 0 && !(k + 1..k + 4).filter_map(word).any(is_reporting_verb);
            let among = k >= 1
                && (word(k - 1).is_some_and(|w| w.eq_ignore_ascii_case("among"))
                    || k >= 2
                        && word(k - 1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
                        && word(k - 2).is_some_and(|w| w.eq_ignore_ascii_case("among")));
            if (opening || among) && with_lower(w, is_group) {
                groups.push((index, w.to_lowercase(), t.end));
            }
        }
        Self {
            number_of,
            people,
            people_cues,
            groups,
            agent_cues,
        }
    }

    /// Whether the sentence speaks of people ("killed", "fled", "the toll").
    pub fn speaks_of_people(&self) -> bool {
        self.people
    }

    /// The noun of an earlier count in the sentence ("three journalists
    /// killed and three others"), else the X of "the number of X", else
    /// people when the sentence speaks of people (or the count's own word
    /// says so: "400 injured").
    ///
    /// `at` is the count's token in `tokens`; `carried` the group the
    /// sentence before counted first ("Ten of our men were killed. There
    /// are 17 wounded"). "The number of X" between an earlier count and
    /// this one wins over the earlier count.
    pub fn unit(
        &self,
        earlier: &[Quantity],
        casualty: bool,
        (tokens, at): (&[Token], usize),
        carried: Option<&str>,
    ) -> Option<String> {
        // "26 flights evacuated 2,000": past a word that speaks of people,
        // a bare count counts people, not the things counted before it.
        let at_byte = tokens.get(at).map_or(usize::MAX, |t| t.start);
        // The cues are in text order: the first at or after the count.
        let people_between = |q: &Quantity| {
            let first = self.people_cues.partition_point(|&cue| cue < q.end);
            self.people_cues
                .get(first)
                .is_some_and(|&cue| cue < at_byte)
        };
        // "destroyed 14 bridges, 30 injured": the injured are people, not
        // bridges; "nine medics were killed and 30 injured": the medics.
        let previous = earlier.iter().rev().find(|q| {
            !q.figure.unit.is_empty()
                && (counts_people(&q.figure.unit) || casualty == people_between(q))
        });
        if let Some((offset, group)) = &self.number_of
            && *offset < at_byte
            && previous.is_none_or(|q| q.end <= *offset)
        {
            return Some(group.clone());
        }
        // "2,800 deaths, with 11,000 wounded": the wounded are people.
        if let Some(previous) = previous
            && !(casualty
                && matches!(
                    previous.figure.unit.as_str(),
                    "deaths" | "fatalities" | "casualties" | "injuries" | "killings"
                ))
        {
            return Some(previous.figure.unit.clone());
        }
        // Groups are in text order: the last one before the count, unless
        // it did to the counted what the verb between says ("Clashes
        // killed 1,200", "Soldiers killed 40"; but "Journalists were
        // killed: 12 in Gaza").
        let before = self.groups.partition_point(|(index, ..)| *index < at);
        if let Some((_, group, end)) = before.checked_sub(1).and_then(|k| self.groups.get(k)) {
            let cue = self.agent_cues.partition_point(|&cue| cue < *end);
            let agent = self.agent_cues.get(cue).is_some_and(|&c| c < at_byte);
            if !agent {
                return Some(group.clone());
            }
        }
        if let Some(carried) = carried {
            return Some(carried.to_owned());
        }
        (casualty || self.people).then(|| "people".to_owned())
    }
}
