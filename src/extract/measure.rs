//! What a count's own sentence says happened to the counted ("were
//! killed": deaths; "fled across the border": refugees) and how the number
//! relates to time (a level, a running total "since April", or one
//! incident's toll), read with general English rules: a few dozen verb and
//! noun stems, which count each cue belongs to, and tense. Nothing here
//! knows a conflict, a country or a year.

use super::lexicon::lexicon;
use super::tokens::{Kind, Token, tokenize};
use crate::model::{FigureKind, Measure};

/// What a sentence says of one of its counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// What happened to the counted, when the sentence says.
    pub measure: Option<Measure>,
    /// A level, a running total or one incident's toll.
    pub kind: FigureKind,
}

/// One count of a sentence, as [`read_sentence`] needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Count<'u> {
    /// Byte span of the count's words.
    pub span: (usize, usize),
    /// The noun it counts.
    pub unit: &'u str,
}

/// A lower-case word of the sentence and its byte span.
struct Word {
    start: usize,
    lower: String,
}

/// Reads what the sentence `text[sentence.0..sentence.1]` says of each of
/// its `counts` (in text order, as the extractor gives them); `countries`
/// are the byte spans of country names in it, in text order ("fled to
/// Chad" is fleeing abroad), and `day_dated` whether it names a day of its
/// own ("on Sunday"), which makes a toll one incident's. The sentence is
/// read once, in time linear in its length.
pub fn read_sentence(
    text: &str,
    sentence: (usize, usize),
    counts: &[Count],
    countries: &[(usize, usize)],
    day_dated: bool,
) -> Vec<Reading> {
    let words = words_of(text, sentence);
    let cues: Vec<(usize, Measure)> = (0..words.len())
        .filter_map(|k| cue_at(&words, k, countries).map(|m| (k, m)))
        .collect();
    let ranges: Vec<(usize, usize)> = counts.iter().map(|c| word_range(&words, c.span)).collect();
    let parsed = Parsed {
        words,
        cues,
        ranges,
    };
    let owned = owned_cues(&parsed, counts);
    let tense = Tense::of(&parsed.words, day_dated);
    let mut measures: Vec<Option<Measure>> = Vec::with_capacity(counts.len());
    for (which, count) in counts.iter().enumerate() {
        let previous = which.checked_sub(1).and_then(|p| measures[p]);
        measures.push(measure_of(&parsed, count, which, owned[which], previous));
    }
    measures
        .iter()
        .zip(&parsed.ranges)
        .map(|(&measure, &range)| Reading {
            measure,
            kind: tense.kind(&parsed.words, measure, range),
        })
        .collect()
}

/// A sentence as read once: its words, its cues (word index and measure,
/// in order) and each count's first and last word.
struct Parsed {
    words: Vec<Word>,
    cues: Vec<(usize, Measure)>,
    ranges: Vec<(usize, usize)>,
}

/// The measure a series' name and unit say it counts: "Civilians killed",
/// "Refugees in neighbouring countries", "Internally displaced".
pub fn measure_in_name(name: &str, unit: &str) -> Option<Measure> {
    let both = format!("{name} {unit}");
    let words = words_of(&both, (0, both.len()));
    (0..words.len()).find_map(|k| cue_at(&words, k, &[]))
}

/// Whether a unit counts people (or groups of them): only such counts
/// are killed, displaced or detained. A word the lexicon lacks ("rohingya")
/// is taken as a group of people.
pub fn counts_people(unit: &str) -> bool {
    matches!(
        unit,
        "people" | "persons" | "families" | "households" | "individuals" | "civilians"
    ) || lexicon().reading(unit).is_none_or(|r| r.person)
        || measure_noun(unit).is_some()
}

/// Whether a unit counts one part of the people ("children", "women",
/// "students", "families"): such a count is not a count of everyone, so
/// it goes only on a series of the same part.
pub fn is_subgroup(unit: &str) -> bool {
    matches!(
        unit,
        "children"
            | "women"
            | "men"
            | "girls"
            | "boys"
            | "minors"
            | "infants"
            | "babies"
            | "students"
            | "schoolgirls"
            | "schoolboys"
            | "schoolchildren"
            | "pupils"
            | "journalists"
            | "workers"
            | "doctors"
            | "medics"
            | "nurses"
            | "teachers"
            | "families"
            | "households"
    )
}

/// Whether a unit counts fighters (troops, militants, police): their
/// toll is one side's, never the people's at large.
pub fn is_combatant(unit: &str) -> bool {
    matches!(
        unit,
        "troops"
            | "soldiers"
            | "personnel"
            | "forces"
            | "fighters"
            | "militants"
            | "rebels"
            | "insurgents"
            | "jihadists"
            | "combatants"
            | "peacekeepers"
            | "militiamen"
            | "police"
            | "policemen"
            | "officers"
            | "guards"
            | "servicemen"
            | "members"
    )
}

fn words_of(text: &str, (start, end): (usize, usize)) -> Vec<Word> {
    let mut tokens: Vec<Token> = Vec::new();
    tokenize(text, start, end, &mut tokens);
    tokens
        .iter()
        .filter(|t| matches!(t.kind, Kind::Word | Kind::Number))
        .map(|t| Word {
            start: t.start,
            lower: t.text(text).to_lowercase(),
        })
        .collect()
}

/// The words (first, last) a byte span covers.
fn word_range(words: &[Word], (start, end): (usize, usize)) -> (usize, usize) {
    let first = words.partition_point(|w| w.start < start);
    let past = words.partition_point(|w| w.start < end);
    (first, past.saturating_sub(1).max(first))
}

/// A noun that names the measure itself: "refugees", "deaths", "detainees".
fn measure_noun(word: &str) -> Option<Measure> {
    Some(match word {
        "deaths" | "death" | "fatalities" | "dead" | "bodies" | "killings" | "toll" => {
            Measure::Deaths
        }
        "injuries" | "wounded" | "injured" => Measure::Injured,
        "refugees" | "refugee" | "asylum" => Measure::Refugees,
        "idps" | "idp" | "displaced" | "displacement" | "homeless" => Measure::Displaced,
        "detainees" | "prisoners" | "arrests" | "detentions" => Measure::Detained,
        "hostages" | "abductees" | "abductions" | "kidnappings" => Measure::Abducted,
        "evacuees" | "evacuations" => Measure::Evacuated,
        "returnees" => Measure::Returned,
        _ => return None,
    })
}

/// A verb or adjective stem that says what happened to the counted.
fn measure_verb(word: &str) -> Option<Measure> {
    let stems: &[(&str, Measure)] = &[
        ("kill", Measure::Deaths),
        ("die", Measure::Deaths),
        ("died", Measure::Deaths),
        ("dying", Measure::Deaths),
        ("slain", Measure::Deaths),
        ("massacr", Measure::Deaths),
        ("executed", Measure::Deaths),
        ("executions", Measure::Deaths),
        ("perish", Measure::Deaths),
        ("murder", Measure::Deaths),
        ("wound", Measure::Injured),
        ("injur", Measure::Injured),
        ("hurt", Measure::Injured),
        ("maim", Measure::Injured),
        ("displac", Measure::Displaced),
        ("uproot", Measure::Displaced),
        ("arrest", Measure::Detained),
        ("detain", Measure::Detained),
        ("jail", Measure::Detained),
        ("imprison", Measure::Detained),
        ("missing", Measure::Missing),
        ("disappeared", Measure::Missing),
        ("unaccounted", Measure::Missing),
        ("abduct", Measure::Abducted),
        ("seize", Measure::Abducted),
        ("seized", Measure::Abducted),
        ("kidnap", Measure::Abducted),
        ("hungry", Measure::Hungry),
        ("hunger", Measure::Hungry),
        ("famine", Measure::Hungry),
        ("starv", Measure::Hungry),
        ("malnourish", Measure::Hungry),
        ("malnutrition", Measure::Hungry),
        ("evacuat", Measure::Evacuated),
        ("airlift", Measure::Evacuated),
        ("returned", Measure::Returned),
    ];
    stems
        .iter()
        .find(|(stem, _)| has_stem(word, stem))
        .map(|&(_, measure)| measure)
}

/// Whether `word` is a form of `stem`: a long stem opens the word
/// ("displac" in "displacement"), a short one takes only an inflection
/// ("kill" in "killed", never "die" in "diesel").
fn has_stem(word: &str, stem: &str) -> bool {
    match word.strip_prefix(stem) {
        Some(rest) if stem.len() >= 5 => rest.len() <= 6,
        Some(rest) => matches!(rest, "" | "s" | "d" | "ed" | "ing" | "ings"),
        None => false,
    }
}

/// Words after "fled" or "crossed" that take the counted abroad.
fn is_abroad_word(word: &str) -> bool {
    matches!(
        word,
        "abroad" | "border" | "borders" | "neighbouring" | "neighboring" | "countries" | "overseas"
    )
}

/// Words after "fled" that keep the counted inside their country.
fn is_home_word(word: &str) -> bool {
    matches!(
        word,
        "home" | "homes" | "houses" | "villages" | "village" | "neighbourhoods" | "neighborhoods"
    )
}

/// The measure word `k` of the sentence states, reading on a few words
/// where the word alone does not say ("fled their homes", "food insecure").
fn cue_at(words: &[Word], k: usize, countries: &[(usize, usize)]) -> Option<Measure> {
    let word = words[k].lower.as_str();
    let ahead = || words[k + 1..words.len().min(k + 6)].iter();
    let in_country = |at: usize| {
        let next = countries.partition_point(|&(_, end)| end <= at);
        countries.get(next).is_some_and(|&(start, _)| start <= at)
    };
    let abroad = || ahead().any(|w| is_abroad_word(&w.lower) || in_country(w.start));
    match word {
        "fled" | "flee" | "fleeing" | "flees" => {
            let home = ahead().take(3).any(|w| is_home_word(&w.lower));
            return Some(if !home && abroad() {
                Measure::Refugees
            } else {
                Measure::Displaced
            });
        }
        "crossed" | "cross" | "crossing" | "arrived" | "arrivals" => {
            return abroad().then_some(Measure::Refugees);
        }
        "left" | "leaving" => {
            let home = ahead().take(3).any(|w| is_home_word(&w.lower));
            return if home {
                Some(Measure::Displaced)
            } else {
                abroad().then_some(Measure::Refugees)
            };
        }
        "forced" | "driven" => {
            return words[k + 1..words.len().min(k + 9)]
                .iter()
                .any(|w| is_home_word(&w.lower))
                .then_some(Measure::Displaced);
        }
        "food" => {
            let short = words[k.saturating_sub(2)..k].iter().any(|w| {
                matches!(
                    w.lower.as_str(),
                    "lack" | "lacked" | "lacking" | "lacks" | "without" | "enough" | "short"
                )
            });
            let insecure = ahead()
                .take(2)
                .any(|w| w.lower.starts_with("insecur") || w.lower == "shortages");
            return (short || insecure).then_some(Measure::Hungry);
        }
        // "sought refuge", "taking shelter", "sheltering abroad": fleeing.
        "refuge" | "safety" | "shelter" | "sheltering" | "sheltered" => {
            let sought =
                word != "safety" || k > 0 && words[k - 1].lower.starts_with(['s', 't', 'f']);
            return sought.then(|| {
                if abroad() {
                    Measure::Refugees
                } else {
                    Measure::Displaced
                }
            });
        }
        "rounded" | "rounding" => {
            return ahead()
                .take(3)
                .any(|w| w.lower == "up")
                .then_some(Measure::Detained);
        }
        "need" | "needing" => {
            let aid = |w: &Word| matches!(w.lower.as_str(), "aid" | "assistance" | "help");
            let in_need = k > 0 && words[k - 1].lower == "in";
            return (in_need || ahead().take(3).any(aid)).then_some(Measure::InNeed);
        }
        "lives" => {
            let lost = k > 0 && matches!(words[k - 1].lower.as_str(), "their" | "lost");
            return lost.then_some(Measure::Deaths);
        }
        "flown" => {
            return ahead()
                .next()
                .is_some_and(|w| w.lower == "out")
                .then_some(Measure::Evacuated);
        }
        _ => {}
    }
    measure_noun(word).or_else(|| measure_verb(word))
}

/// Auxiliaries before a passive or perfect cue: "were killed", "have died".
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "was" | "were" | "been" | "being" | "are" | "is" | "be" | "have" | "has" | "had" | "got"
    )
}

/// The measure of a count: a cue among its own words ("displaced
/// people"), else the nearest cue that belongs to it rather than to a
/// neighbouring count (`owned`: "300 refugees were killed": deaths), else
/// its own noun ("refugees"), else the measure of the count before it
/// (`previous`) when it is part of that one ("120 killed, including 30
/// children").
fn measure_of(
    parsed: &Parsed,
    count: &Count,
    which: usize,
    owned: Option<(usize, Measure)>,
    previous: Option<Measure>,
) -> Option<Measure> {
    let Parsed {
        words,
        cues,
        ranges,
    } = parsed;
    let (first, last) = ranges[which];
    if !counts_people(count.unit) {
        return None;
    }
    let from = cues.partition_point(|(k, _)| *k < first);
    let inside = cues[from..]
        .iter()
        .take_while(|(k, _)| *k <= last)
        .filter(|(k, _)| words[*k].lower != count.unit)
        .last();
    if let Some(&(_, measure)) = inside {
        return Some(measure);
    }
    if let Some((_, measure)) = owned {
        return Some(measure);
    }
    // "1.8 million refugees": the noun says it when no word around does.
    measure_noun(count.unit).or_else(|| {
        let part = which > 0 && is_part_of_previous(words, ranges[which - 1], ranges[which]);
        previous.filter(|_| part)
    })
}

/// The nearest cue each count owns ([`owner_of`]), with its distance:
/// counts of things ("26 flights") own none, the people near them do.
fn owned_cues(parsed: &Parsed, counts: &[Count]) -> Vec<Option<(usize, Measure)>> {
    let Parsed {
        words,
        cues,
        ranges,
    } = parsed;
    let people: Vec<usize> = (0..counts.len())
        .filter(|&c| counts_people(counts[c].unit))
        .collect();
    let mut owned: Vec<Option<(usize, Measure)>> = vec![None; counts.len()];
    for &(k, measure) in cues {
        let Some(owner) = owner_of(words, k, &people, ranges) else {
            continue;
        };
        let (first, last) = ranges[owner];
        let distance = if k > last {
            k - last
        } else {
            first.saturating_sub(k)
        };
        if owned[owner].is_none_or(|(best, _)| distance < best) {
            owned[owner] = Some((distance, measure));
        }
    }
    owned
}

/// The count a cue at word `k` speaks of, of `people` (indices of counts
/// of people, in text order): the nearest, a cue right after a count or
/// after an auxiliary ("400 injured", "were killed") looking back, any
/// other looking ahead ("killed 120 people").
fn owner_of(
    words: &[Word],
    k: usize,
    people: &[usize],
    ranges: &[(usize, usize)],
) -> Option<usize> {
    let split = people.partition_point(|&c| ranges[c].1 < k);
    let before = split.checked_sub(1).map(|p| people[p]);
    let after = people[split..].iter().copied().find(|&c| ranges[c].0 > k);
    let passive =
        k > 0 && is_auxiliary(&words[k - 1].lower) || k > 1 && is_auxiliary(&words[k - 2].lower);
    match (before, after) {
        (Some(b), Some(a)) => {
            let back = k - ranges[b].1;
            let ahead = ranges[a].0 - k;
            if back <= 1 || passive || back < ahead {
                Some(b)
            } else {
                Some(a)
            }
        }
        (b, a) => b.or(a),
    }
}

/// "120 killed, including 30 children", "of whom 40 were women", "1,200
/// more": whether a count (at word range `this`) is part of the count
/// before it (at `previous`).
fn is_part_of_previous(words: &[Word], previous: (usize, usize), this: (usize, usize)) -> bool {
    let between = words.get(previous.1 + 1..this.0).unwrap_or_default();
    between.iter().any(|w| {
        matches!(
            w.lower.as_str(),
            "including" | "among" | "whom" | "them" | "mostly" | "more" | "another"
        )
    }) || words
        .get(this.0 + 1)
        .is_some_and(|w| matches!(w.lower.as_str(), "more" | "others"))
}

/// Words that make a count everything counted since a start.
fn is_total_word(words: &[Word], k: usize) -> bool {
    let next = words.get(k + 1).map(|w| w.lower.as_str());
    let previous = k.checked_sub(1).map(|p| words[p].lower.as_str());
    match words[k].lower.as_str() {
        "since" | "cumulative" | "cumulatively" | "altogether" | "overall" | "totalling"
        | "totaling" => true,
        "total" => previous != Some("a") || next == Some("of"),
        "far" => matches!(previous, Some("so" | "thus")),
        "date" => previous == Some("to"),
        "all" => previous == Some("in"),
        "rose" | "risen" | "climbed" | "reached" | "stands" | "stood" => {
            words[..k].iter().rev().take(6).any(|w| w.lower == "toll")
        }
        _ => false,
    }
}

/// Words of a state that holds at a time: "still held", "remain".
pub fn is_stock_word(word: &str) -> bool {
    matches!(
        word,
        "held" | "holding" | "remain" | "remains" | "remaining" | "still" | "currently" | "present"
    )
}

/// Nouns of one violent incident: "in an airstrike", "the attack".
fn is_incident_word(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "attack",
        "strike",
        "airstrike",
        "bomb",
        "blast",
        "explosion",
        "shelling",
        "raid",
        "ambush",
        "massacre",
        "assault",
        "shooting",
        "missile",
        "rocket",
        "drone",
        "clash",
        "gunmen",
        "stampede",
        "crash",
        "overnight",
        "yesterday",
    ];
    STEMS.iter().any(|stem| word.starts_with(stem))
}

/// What a sentence says of time for all its counts, read once.
struct Tense {
    /// "since April", "so far", "the toll rose to".
    total: bool,
    /// "still held", "remain".
    stock: bool,
    /// One attack, or a day of its own.
    incident: bool,
}

impl Tense {
    fn of(words: &[Word], day_dated: bool) -> Self {
        Self {
            total: (0..words.len()).any(|k| is_total_word(words, k)),
            stock: words.iter().any(|w| is_stock_word(&w.lower)),
            incident: day_dated || words.iter().any(|w| is_incident_word(&w.lower)),
        }
    }

    /// A level, a running total or one incident's toll: words of a total
    /// make a running total, words of a state a level; a toll of deaths or
    /// injuries in one attack or on one day is an incident's; such a toll
    /// in the perfect near its count ("the war has killed") is a running
    /// total, in the past an incident's; the rest are levels.
    fn kind(
        &self,
        words: &[Word],
        measure: Option<Measure>,
        (first, last): (usize, usize),
    ) -> FigureKind {
        if self.total {
            return FigureKind::RunningTotal;
        }
        if self.stock || !measure.is_some_and(Measure::is_flow) {
            return FigureKind::Level;
        }
        if self.incident {
            return FigureKind::Incident;
        }
        let near = words
            .get(first.saturating_sub(4)..words.len().min(last + 4))
            .unwrap_or_default();
        if near
            .iter()
            .any(|w| matches!(w.lower.as_str(), "has" | "have"))
        {
            FigureKind::RunningTotal
        } else {
            FigureKind::Incident
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measure and kind of the count spelled `count` in `sentence`,
    /// the sentence's other counts given too.
    fn reading(sentence: &str, counts: &[(&str, &str)], which: usize) -> Reading {
        let spans: Vec<Count> = counts
            .iter()
            .map(|(words, unit)| {
                let at = sentence.find(words).unwrap_or(0);
                Count {
                    span: (at, at + words.len()),
                    unit,
                }
            })
            .collect();
        read_sentence(sentence, (0, sentence.len()), &spans, &[], false)
            .get(which)
            .copied()
            .unwrap_or_default()
    }

    #[test]
    fn each_count_takes_the_cue_that_belongs_to_it() {
        let s = "At least 120 people were killed and 300 wounded in the shelling.";
        let counts = [("120 people", "people"), ("300", "people")];
        assert_eq!(reading(s, &counts, 0).measure, Some(Measure::Deaths));
        assert_eq!(reading(s, &counts, 1).measure, Some(Measure::Injured));
        let s = "The strikes killed 40 civilians and forced 5,000 from their homes.";
        let counts = [("40 civilians", "civilians"), ("5,000", "people")];
        assert_eq!(reading(s, &counts, 0).measure, Some(Measure::Deaths));
        assert_eq!(reading(s, &counts, 1).measure, Some(Measure::Displaced));
        let s = "Twelve flights evacuated 2,000 people overnight.";
        let counts = [("Twelve flights", "flights"), ("2,000 people", "people")];
        assert_eq!(reading(s, &counts, 0).measure, None);
        assert_eq!(reading(s, &counts, 1).measure, Some(Measure::Evacuated));
    }

    #[test]
    fn fleeing_abroad_is_not_fleeing_home() {
        let s = "Some 20,000 people fled across the border last week.";
        let counts = [("20,000 people", "people")];
        assert_eq!(reading(s, &counts, 0).measure, Some(Measure::Refugees));
        let s = "Some 20,000 people fled their homes last week.";
        assert_eq!(reading(s, &counts, 0).measure, Some(Measure::Displaced));
    }

    #[test]
    fn totals_levels_and_incidents() {
        let total = "The war has killed more than 12,000 people since April.";
        let counts = [("12,000 people", "people")];
        assert_eq!(reading(total, &counts, 0).kind, FigureKind::RunningTotal);
        let incident = "More than 120 people were killed in an attack on the market.";
        let counts = [("120 people", "people")];
        assert_eq!(reading(incident, &counts, 0).kind, FigureKind::Incident);
        let level = "About 2,500 troops remain in the country.";
        let counts = [("2,500 troops", "troops")];
        assert_eq!(reading(level, &counts, 0), Reading::default());
    }

    #[test]
    fn a_series_name_says_its_measure() {
        for (name, unit, expected) in [
            ("Deaths", "people", Some(Measure::Deaths)),
            ("Civilians killed", "civilians", Some(Measure::Deaths)),
            (
                "Refugees in neighbouring countries",
                "people",
                Some(Measure::Refugees),
            ),
            ("Internally displaced", "people", Some(Measure::Displaced)),
            ("US troops", "troops", None),
            ("Districts under Taliban control", "districts", None),
        ] {
            assert_eq!(measure_in_name(name, unit), expected, "{name}");
        }
    }
}
