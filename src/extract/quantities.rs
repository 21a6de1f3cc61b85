//! Counts of things: "more than 50 of the country's 370 districts",
//! "2,500-3,500 US troops", "14 armoured vehicles", "2.3 million people".
//! A count is a number and the noun phrase it counts, whatever the noun: the
//! English lexicon tells nouns, adjectives and verbs apart, and units of
//! measure and spans of time from things counted. Years, ages, distances,
//! percentages, money, times, ordinals, dates and vague amounts ("dozens")
//! are not counts.

pub use super::Quantity;
use super::lexicon::lexicon;
use super::not_counts::{closes_a_day_list, day_list_end, is_not_a_count_after, is_scale_reading};
use super::noun_phrase::{UnderstoodGroup, is_casualty_word, noun_phrase, people_cue_follows};
use super::numbers::{has_separator, is_in_model_name, number_at, scaled_range_start, spelled};
use super::qualifiers::qualifier_before;
use super::tokens::{Kind, Openings, Token, strip_possessive, with_lower};
use super::words::{is_counted_noun, is_month, punct_at, word_at};
use crate::model::Qualifier;

/// Whether the token before `i` glues onto it ("$2", "#5").
fn glued_prefix(text: &str, tokens: &[Token], i: usize) -> Option<char> {
    let previous = tokens.get(i.checked_sub(1)?)?;
    (previous.kind == Kind::Punct && previous.end == tokens[i].start)
        .then(|| previous.text(text).chars().next())?
}

/// Finds the counts in one sentence's tokens.
pub fn find(text: &str, tokens: &[Token], out: &mut Vec<Quantity>) {
    find_after(text, tokens, None, out);
}

/// The group a sentence's counts leave for the next sentence: the unit of
/// its first count ("Ten of our men were killed"; "the 90 detainees …
/// include 69 women" leaves detainees; "1,500 buildings collapsed" leaves
/// buildings, for "Another 4,000 were damaged").
#[derive(Clone, Debug, PartialEq)]
pub struct Carried {
    /// The plural noun counted.
    pub unit: String,
    /// Whether it counts people: a toll in the next sentence may take it
    /// then, while a group of things is taken only by a count that points
    /// back ("another 4,000", "of these, 900").
    pub people: bool,
}

/// The group `counts`, a sentence's counts in order, leave for the next
/// sentence ([`Carried`]); `text` is what they were found in.
pub fn carried_group(text: &str, counts: &[Quantity]) -> Option<Carried> {
    let first = counts.first()?;
    let lex = lexicon();
    let (reading, plural) = lex.reading_and_plural(&first.figure.unit);
    let person = reading.is_some_and(|r| r.person);
    let people = person || written_as_a_name(text, first);
    if first.figure.unit.is_empty() || !plural && !people {
        return None;
    }
    Some(Carried {
        unit: first.figure.unit.clone(),
        people,
    })
}

/// Whether a count's noun, which ends its words, is written capitalised as
/// a people's name is ("120 Palestinians", "80,000 Rohingya").
fn written_as_a_name(text: &str, count: &Quantity) -> bool {
    let noun = count
        .end
        .checked_sub(count.figure.unit.len())
        .and_then(|from| {
            text.get(from..count.end)
                .filter(|w| w.eq_ignore_ascii_case(&count.figure.unit))
        });
    noun.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Whether the count at token `i` points back at a group named before:
/// "another 4,000", "a further 300", "4,000 more", or a sentence opening
/// "Of these", "Of those", "Among them".
fn points_back(text: &str, tokens: &[Token], i: usize) -> bool {
    let is = |at: usize, words: &[&str]| {
        word_at(text, tokens, at).is_some_and(|w| words.iter().any(|e| w.eq_ignore_ascii_case(e)))
    };
    i.checked_sub(1)
        .is_some_and(|b| is(b, &["another", "further"]))
        || is(i + 1, &["more"])
        || is(0, &["of", "among"]) && is(1, &["these", "those", "them"])
}

/// Finds the counts in one sentence's tokens; a count without a noun may
/// take `carried`, the group the sentence before counted ([`carried_group`]).
pub fn find_after(
    text: &str,
    tokens: &[Token],
    carried: Option<&Carried>,
    out: &mut Vec<Quantity>,
) {
    let first = out.len();
    let mut understood: Option<UnderstoodGroup> = None;
    let mut i = 0;
    while i < tokens.len() {
        if !could_start(text, &tokens[i]) {
            i += 1;
            continue;
        }
        match parse_at(text, tokens, i) {
            Some((mut quantity, next)) => {
                // "Oct. 27": a day, not a count.
                let after_month_dot = i >= 2
                    && punct_at(text, tokens, i - 1) == Some('.')
                    && word_at(text, tokens, i - 2).is_some_and(is_month);
                if after_month_dot {
                    i += 1;
                    continue;
                }
                if quantity.figure.unit == "ones" {
                    // "extended the settlements and built six new ones".
                    match plural_noun_before(text, tokens, i) {
                        Some(noun) => quantity.figure.unit = noun,
                        None => {
                            i += 1;
                            continue;
                        }
                    }
                }
                // "95 in the centre and 6 in the north": a figure under ten
                // without its noun is an item of a list after a count.
                let lone_small_figure = quantity.figure.unit.is_empty()
                    && quantity.figure.low < 10.0
                    && tokens[next - 1].kind == Kind::Number;
                if lone_small_figure && out.len() == first {
                    i += 1;
                    continue;
                }
                if quantity.figure.unit.is_empty() {
                    // "400 injured" says people; "122 others" and "six of
                    // them" say nothing new.
                    let own_word = word_at(text, tokens, next - 1);
                    let others = own_word.is_some_and(|w| w.eq_ignore_ascii_case("others"));
                    let casualty = own_word.is_some_and(is_casualty_word)
                        || !others && people_cue_follows(text, tokens, next);
                    let group =
                        understood.get_or_insert_with(|| UnderstoodGroup::read(text, tokens));
                    let carried = carried
                        .filter(|c| {
                            c.people
                                || !casualty
                                    && !group.speaks_of_people()
                                    && points_back(text, tokens, i)
                        })
                        .map(|c| c.unit.as_str());
                    match group.unit(&out[first..], casualty, (tokens, i), carried) {
                        Some(unit) => quantity.figure.unit = unit,
                        None => {
                            i += 1;
                            continue;
                        }
                    }
                }
                out.push(quantity);
                i = next;
            }
            None => i += 1,
        }
    }
}

/// The nearest plural noun before token `at`, for "ones", within a few
/// words (so a long run of "ones" stays linear).
fn plural_noun_before(text: &str, tokens: &[Token], at: usize) -> Option<String> {
    let lex = lexicon();
    tokens[at.saturating_sub(24)..at]
        .iter()
        .rev()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text).to_lowercase())
        .find(|w| w != "ones" && lex.is_counted_plural(w))
}

/// "276 are women", "500 of the dead are children": a plural noun right
/// after "are" or "were" says what a count without a noun counts.
fn predicate_noun(text: &str, tokens: &[Token], at: usize) -> Option<String> {
    let verb = word_at(text, tokens, at)?;
    if !matches!(verb, "are" | "were") {
        return None;
    }
    let noun = word_at(text, tokens, at + 1)?.to_lowercase();
    let lex = lexicon();
    lex.is_counted_plural(&noun).then_some(noun)
}

/// Words after "N of" that make the rest the group counted, with no
/// denominator: "310 of its peacekeepers", "six of them".
fn opens_a_group(word: &str) -> bool {
    with_lower(word, |word| {
        matches!(
            word,
            "the"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "my"
                | "your"
                | "these"
                | "those"
                | "them"
                | "whom"
        )
    })
}

/// A cheap test before the full parse: a number, or a word that can begin a count.
fn could_start(text: &str, token: &Token) -> bool {
    match token.kind {
        Kind::Number => true,
        Kind::Word => {
            // Bytes first: the text of a word is taken only for the few
            // that open like a number word.
            let bytes = text
                .as_bytes()
                .get(token.start..token.end)
                .unwrap_or_default();
            match bytes {
                [] => return false,
                [a] => return a | 0x20 == b'a',
                [a, n] => return [a | 0x20, n | 0x20] == *b"an",
                _ => {}
            }
            // The first two letters of every number word, and of "between".
            const OPENS: Openings = Openings::new(&[
                b"on", b"tw", b"th", b"fo", b"fi", b"si", b"se", b"ei", b"ni", b"te", b"el", b"hu",
                b"do", b"be",
            ]);
            if bytes.len() > 13 || !OPENS.hold(bytes[0], bytes[1]) {
                return false;
            }
            let word = token.text(text);
            spelled(word).is_some()
                || word.len() > 6
                    && word
                        .split_once('-')
                        .is_some_and(|(tens, _)| spelled(tens).is_some())
                || word.eq_ignore_ascii_case("between")
        }
        _ => false,
    }
}

fn parse_at(text: &str, tokens: &[Token], i: usize) -> Option<(Quantity, usize)> {
    let token = tokens[i];
    let mut start_index = i;
    let mut qualifier = Qualifier::Exact;
    let (mut low, mut high, mut next);
    // "a dozen" is about twelve.
    let dozen = tokens.get(i..(i + 2).min(tokens.len())).is_some_and(|ts| {
        ts.iter()
            .any(|t| t.text(text).eq_ignore_ascii_case("dozen"))
    });

    let between = word_at(text, tokens, i).is_some_and(|w| w.eq_ignore_ascii_case("between"));
    // Where the figure begins: after "between".
    let figure = i + usize::from(between);
    // "3 and 17 May", "between 3 and 17 May", "May 3-17": days, not counts.
    if tokens[figure].kind == Kind::Number
        && (day_list_end(text, tokens, figure).is_some() || closes_a_day_list(text, tokens, i))
    {
        return None;
    }
    if between {
        // "between 2,500 and 3,500 troops".
        let (a, after_a) = number_at(text, tokens, i + 1)?;
        if !word_at(text, tokens, after_a).is_some_and(|w| w.eq_ignore_ascii_case("and")) {
            return None;
        }
        let (b, after_b) = number_at(text, tokens, after_a + 1)?;
        low = a.min(b);
        high = a.max(b);
        if a < b {
            low = scaled_range_start(text, tokens, (i + 1, after_a), (a, b), after_b);
        }
        next = after_b;
    } else {
        let (value, after) = number_at(text, tokens, i)?;
        // Compared in place: this runs for every number of the text.
        let word_before_is = |back: usize, expected: &[&str]| {
            i.checked_sub(back)
                .and_then(|j| word_at(text, tokens, j))
                .is_some_and(|w| expected.iter().any(|e| w.eq_ignore_ascii_case(e)))
        };
        // "one in every five people", "one in four": a ratio, not a count.
        let one_in = word_before_is(1, &["every"])
            || word_before_is(1, &["in"]) && word_before_is(2, &["one"])
            || token.text(text).eq_ignore_ascii_case("one")
                && word_at(text, tokens, after).is_some_and(|w| w.eq_ignore_ascii_case("in"))
                && tokens.get(after + 1).is_some_and(|t| {
                    t.kind == Kind::Number || word_at(text, tokens, after + 1) == Some("every")
                });
        if one_in {
            return None;
        }
        if token.kind == Kind::Number {
            let money = glued_prefix(text, tokens, i)
                .is_some_and(|prefix| matches!(prefix, '$' | '£' | '€' | '#' | '¥'));
            // "C-17", "MiG-29": a model's number.
            if money || is_in_model_name(text, tokens, i) {
                return None;
            }
            // A date: "May 1", "1 May".
            if i.checked_sub(1)
                .and_then(|j| word_at(text, tokens, j))
                .is_some_and(is_month)
                || word_at(text, tokens, after).is_some_and(is_month)
            {
                return None;
            }
            if word_at(text, tokens, i.wrapping_sub(1))
                .is_some_and(|w| w.eq_ignore_ascii_case("aged"))
            {
                return None;
            }
        }
        low = value;
        high = value;
        next = after;
        // "2,500-3,500", "2,500 to 3,500".
        let dash = matches!(punct_at(text, tokens, next), Some('-' | '–' | '—'));
        let to = word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("to"));
        if (dash || to)
            && let Some((second, after_second)) = number_at(text, tokens, next + 1)
            && tokens[next + 1].kind == token.kind
            && second > value
        {
            // "2.5-3 million": the scale of the second figure is the first's too.
            low = scaled_range_start(text, tokens, (i, after), (value, second), after_second);
            high = second;
            next = after_second;
        }
    }
    let figure_end = next;

    // What follows must not make it a time, a percentage, a fraction or an age.
    if let Some(c) = punct_at(text, tokens, next)
        && tokens[next].start == tokens[next - 1].end
        && matches!(c, '%' | ':' | '/' | '-')
    {
        return None;
    }
    if word_at(text, tokens, next).is_some_and(is_not_a_count_after) {
        return None;
    }
    // A bare year ("in 2021", "the September 11, 2001 attacks") is a date, not a count.
    if token.kind == Kind::Number
        && !has_separator(token.text(text))
        && (1900.0..=2100.0).contains(&low)
        && low == high
    {
        let unit_follows = word_at(text, tokens, next).is_some_and(is_counted_noun);
        let previous = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .map(|t| t.text(text));
        let after_a_date = previous == Some(",") || previous.is_some_and(is_month);
        if !unit_follows || after_a_date {
            return None;
        }
    }

    // "of 370", "out of 34", "of the country's 370".
    let mut denominator = None;
    let of_at = if word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("out"))
        && word_at(text, tokens, next + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        Some(next + 2)
    } else if word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("of")) {
        Some(next + 1)
    } else {
        None
    };
    if let Some(after_of) = of_at {
        for skip in 0..=3 {
            let j = after_of + skip;
            let spelled_whole = word_at(text, tokens, j).is_some_and(|w| spelled(w).is_some());
            if let Some(t) = tokens.get(j)
                && (t.kind == Kind::Number || spelled_whole)
                && let Some((whole, after_whole)) = number_at(text, tokens, j)
            {
                denominator = Some(whole);
                next = after_whole;
                break;
            }
            if word_at(text, tokens, j).is_none() {
                break;
            }
        }
    }

    // A number inside a name: "Operation 1027", "Battalion 552"; but not
    // "Some 40,000" opening a sentence.
    if token.kind == Kind::Number
        && i.checked_sub(1).is_some_and(|j| {
            j > 0
                && word_at(text, tokens, j).is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && strip_possessive(w) == w
                        && !is_month(w)
                        && !w.ends_with("day")
                })
        })
        && qualifier_before(text, tokens, i).is_none()
    {
        return None;
    }
    // "310 of its peacekeepers", "six of them": the group after "of".
    let group_after_of = of_at
        .filter(|&a| denominator.is_none() && word_at(text, tokens, a).is_some_and(opens_a_group));
    // "a mother of four": her children.
    let parent_of = i >= 2
        && word_at(text, tokens, i - 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
        && word_at(text, tokens, i - 2).is_some_and(|w| {
            with_lower(w, |w| {
                matches!(w, "mother" | "father" | "parent" | "mum" | "mom" | "dad")
            })
        });
    let phrase = match group_after_of {
        Some(a)
            if word_at(text, tokens, a).is_some_and(|w| {
                w.eq_ignore_ascii_case("them") || w.eq_ignore_ascii_case("whom")
            }) =>
        {
            Some((String::new(), None, a))
        }
        Some(a) => noun_phrase(text, tokens, a + 1, low),
        None => noun_phrase(text, tokens, next, low),
    };
    let (mut unit, subject, unit_index) = match phrase {
        Some(found) => found,
        None if parent_of => ("children".to_owned(), None, next - 1),
        None => return None,
    };
    if unit.is_empty() {
        // "the youngest being 15": an age.
        if i >= 1
            && word_at(text, tokens, i - 1)
                .is_some_and(|w| with_lower(w, |w| matches!(w, "being" | "age" | "aged")))
        {
            return None;
        }
        if let Some(noun) = predicate_noun(text, tokens, unit_index + 1) {
            unit = noun;
        }
    }
    // "one" and "a dozen" read as counts only right before their noun.
    if token.kind == Kind::Word && unit_index > next + 1 && low < 2.0 {
        return None;
    }
    let mut next = unit_index + 1;
    // "three hostages out of the 33".
    if denominator.is_none()
        && word_at(text, tokens, next).is_some_and(|w| w.eq_ignore_ascii_case("out"))
        && word_at(text, tokens, next + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
    {
        let skip = usize::from(
            word_at(text, tokens, next + 2).is_some_and(|w| w.eq_ignore_ascii_case("the")),
        );
        if tokens
            .get(next + 2 + skip)
            .is_some_and(|t| t.kind == Kind::Number)
            && let Some((whole, after)) = number_at(text, tokens, next + 2 + skip)
        {
            denominator = Some(whole);
            next = after;
        }
    }
    if let Some((found, from)) = qualifier_before(text, tokens, start_index) {
        qualifier = found;
        start_index = from;
    } else if dozen {
        qualifier = Qualifier::About;
    }
    let end = if next > unit_index + 1 {
        tokens[next - 1].end
    } else {
        tokens[unit_index].end
    };
    // A count of things is whole: "6.4 quakes" was a reading of some scale;
    // "a 6.4 magnitude quake", "magnitude 7.8" are readings, not counts.
    if low.fract() != 0.0
        || high.fract() != 0.0
        || is_scale_reading(text, tokens, figure, figure_end)
    {
        return None;
    }
    let quantity = Quantity {
        start: tokens[start_index].start,
        end,
        figure: crate::model::FigureValue {
            low,
            high,
            qualifier,
            unit,
            subject: subject.unwrap_or_default(),
            denominator,
        },
    };
    Some((quantity, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// A count as the tests compare it: text, low, high, qualifier, unit, subject, denominator.
    type Count = (
        String,
        f64,
        f64,
        Qualifier,
        String,
        Option<String>,
        Option<f64>,
    );

    fn counts(text: &str) -> Vec<Count> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), &mut tokens);
        let mut out = Vec::new();
        find(text, &tokens, &mut out);
        out.into_iter()
            .map(|q| {
                (
                    text[q.start..q.end].to_owned(),
                    q.figure.low,
                    q.figure.high,
                    q.figure.qualifier,
                    q.figure.unit,
                    Some(q.figure.subject).filter(|s| !s.is_empty()),
                    q.figure.denominator,
                )
            })
            .collect()
    }

    #[test]
    fn the_seed_figures() {
        assert_eq!(
            counts("the Taliban held more than 50 of the country's 370 districts"),
            vec![(
                "more than 50 of the country's 370 districts".into(),
                50.0,
                50.0,
                Qualifier::MoreThan,
                "districts".into(),
                None,
                Some(370.0)
            )]
        );
        assert_eq!(
            counts("the last 2,500-3,500 US troops and 7,000 NATO soldiers"),
            vec![
                (
                    "2,500-3,500 US troops".into(),
                    2500.0,
                    3500.0,
                    Qualifier::Exact,
                    "troops".into(),
                    Some("US".into()),
                    None
                ),
                (
                    "7,000 NATO soldiers".into(),
                    7000.0,
                    7000.0,
                    Qualifier::Exact,
                    "soldiers".into(),
                    Some("NATO".into()),
                    None
                ),
            ]
        );
    }

    #[test]
    fn ranges_spelled_counts_and_no_vague_amounts() {
        assert_eq!(
            counts("between 2,500 and 3,500 troops")[0].1
                ..=counts("between 2,500 and 3,500 troops")[0].2,
            2500.0..=3500.0
        );
        assert_eq!(counts("a dozen civilians")[0].1, 12.0);
        assert_eq!(counts("two dozen fighters")[0].1, 24.0);
        assert_eq!(counts("a dozen civilians")[0].3, Qualifier::About);
        assert_eq!(counts("dozens of civilians"), vec![]);
        assert_eq!(counts("hundreds of families"), vec![]);
        assert_eq!(counts("12 out of 34 provinces")[0].6, Some(34.0));
    }

    /// (value, unit) of each count, for the open-vocabulary tests.
    fn units(text: &str) -> Vec<(f64, String)> {
        counts(text).into_iter().map(|c| (c.1, c.4)).collect()
    }

    fn pairs(list: &[(f64, &str)]) -> Vec<(f64, String)> {
        list.iter().map(|(v, u)| (*v, (*u).to_owned())).collect()
    }

    #[test]
    fn any_noun_can_be_counted() {
        assert_eq!(
            units("rebels burned 14 armoured vehicles and 3 grain silos"),
            pairs(&[(14.0, "vehicles"), (3.0, "silos")])
        );
        assert_eq!(
            units("the agency registered 9 asylum seekers"),
            pairs(&[(9.0, "seekers")])
        );
        assert_eq!(units("at least one clinic"), pairs(&[(1.0, "clinics")]));
        assert_eq!(
            units("some 300 military personnel were flown out"),
            pairs(&[(300.0, "personnel")])
        );
    }

    #[test]
    fn millions_decimals_spelled_and_grouped_numbers() {
        assert_eq!(
            units("2.3 million people"),
            pairs(&[(2_300_000.0, "people")])
        );
        assert_eq!(units("twenty-five boats"), pairs(&[(25.0, "boats")]));
        assert_eq!(
            units("12-thousand residents"),
            pairs(&[(12_000.0, "residents")])
        );
        assert_eq!(
            units("nearly 64 000 migrants"),
            pairs(&[(64_000.0, "migrants")])
        );
        assert_eq!(units("two hundred nurses"), pairs(&[(200.0, "nurses")]));
    }

    #[test]
    fn a_whole_after_possessives_and_adjectives() {
        let found = counts("four of the region's eleven rural counties");
        assert_eq!(
            (found[0].1, found[0].4.as_str(), found[0].6),
            (4.0, "counties", Some(11.0))
        );
        let found = counts("five patients out of the 40");
        assert_eq!((found[0].1, found[0].6), (5.0, Some(40.0)));
    }

    #[test]
    fn a_count_without_its_noun_takes_the_sentence_s() {
        assert_eq!(
            units("Nine medics were killed and another 30 injured."),
            pairs(&[(9.0, "medics"), (30.0, "medics")])
        );
        assert_eq!(
            units("The toll has climbed to 2,140."),
            pairs(&[(2140.0, "people")])
        );
        assert_eq!(units("The budget rose to 2,140."), vec![]);
    }

    #[test]
    fn adverbs_before_the_noun_are_skipped() {
        assert_eq!(
            units("officials said 84 770 forcibly displaced people arrived"),
            pairs(&[(84_770.0, "people")])
        );
        assert_eq!(
            units("the shelling left 12 badly damaged clinics"),
            pairs(&[(12.0, "clinics")])
        );
    }

    #[test]
    fn measures_and_names_are_not_counts() {
        for text in [
            "for 20 years",
            "within 48 hours",
            "about 5 miles away",
            "2 million dollars",
            "Operation 1027 began",
            "the 217 Pamir Corps",
        ] {
            assert_eq!(counts(text), vec![], "{text}");
        }
    }

    #[test]
    fn traps_are_not_counts() {
        for text in [
            "50 kilometres north",
            "in 2021 the army",
            "the 1990s",
            "a 25-year-old man",
            "aged 40",
            "13 percent of voters",
            "40% of the districts",
            "$2 billion in aid",
            "at 10:30 on Tuesday",
            "the 2nd brigade",
            "on May 1 the troops",
            "since 9/11",
            "no one knows",
        ] {
            assert_eq!(counts(text), vec![], "{text}");
        }
    }
}
