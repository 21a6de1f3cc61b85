//! A first guess at what kind of event a sentence reports, from the verbs
//! and nouns of reporting that say it ("captured", "ceasefire",
//! "displaced"); the analyst checks it. The words are the general language
//! of news about conflict, not the names of any one of them.

use super::tokens::{self, Kind};
use crate::model::Category;

/// A word or the start of one, and the kind of event it tells of.
struct Cue {
    stem: &'static str,
    /// Whether longer words count ("negotiat" for "negotiations").
    prefix: bool,
    category: Category,
}

const fn word(stem: &'static str, category: Category) -> Cue {
    Cue {
        stem,
        prefix: false,
        category,
    }
}

const fn stem(stem: &'static str, category: Category) -> Cue {
    Cue {
        stem,
        prefix: true,
        category,
    }
}

use Category::{Diplomatic, Humanitarian, Military, Political, Withdrawal};

const CUES: &[Cue] = &[
    stem("attack", Military),
    stem("captur", Military),
    stem("seiz", Military),
    word("seized", Military),
    stem("overr", Military),
    word("offensive", Military),
    stem("fight", Military),
    word("fought", Military),
    stem("clash", Military),
    stem("battl", Military),
    stem("shell", Military),
    stem("airstrike", Military),
    stem("strike", Military),
    stem("bomb", Military),
    stem("explosi", Military),
    stem("ambush", Military),
    stem("assault", Military),
    stem("raid", Military),
    stem("siege", Military),
    word("besieged", Military),
    stem("retak", Military),
    word("retook", Military),
    stem("recaptur", Military),
    word("killed", Military),
    word("fell", Military),
    word("falls", Military),
    word("fall", Military),
    stem("advanc", Military),
    stem("insurgen", Military),
    stem("withdr", Withdrawal),
    word("pullout", Withdrawal),
    word("drawdown", Withdrawal),
    stem("redeploy", Withdrawal),
    stem("deploy", Withdrawal),
    word("handed", Withdrawal),
    word("handover", Withdrawal),
    stem("depart", Withdrawal),
    word("troops", Withdrawal),
    stem("presiden", Political),
    stem("elect", Political),
    word("vote", Political),
    stem("parliament", Political),
    stem("resign", Political),
    word("sworn", Political),
    stem("appoint", Political),
    stem("decree", Political),
    word("coup", Political),
    stem("constitution", Political),
    stem("cabinet", Political),
    stem("minist", Political),
    stem("sanction", Political),
    stem("govern", Political),
    word("talks", Diplomatic),
    stem("negotiat", Diplomatic),
    stem("ceasefire", Diplomatic),
    word("cease", Diplomatic),
    stem("truce", Diplomatic),
    stem("agreement", Diplomatic),
    word("deal", Diplomatic),
    stem("accord", Diplomatic),
    stem("summit", Diplomatic),
    word("met", Diplomatic),
    stem("meet", Diplomatic),
    stem("envoy", Diplomatic),
    stem("mediat", Diplomatic),
    stem("diplomat", Diplomatic),
    word("peace", Diplomatic),
    stem("refugee", Humanitarian),
    stem("displac", Humanitarian),
    word("aid", Humanitarian),
    stem("humanitarian", Humanitarian),
    stem("famine", Humanitarian),
    stem("hunger", Humanitarian),
    stem("cholera", Humanitarian),
    stem("evacuat", Humanitarian),
    stem("civilian", Humanitarian),
    word("fled", Humanitarian),
    stem("flee", Humanitarian),
    stem("shelter", Humanitarian),
    stem("starv", Humanitarian),
];

/// The kind of event `text` most likely reports: the category with the
/// most cue words, earlier ones in [`Category::ALL`] winning a tie; `Other`
/// when no word says.
pub fn guess_category(text: &str) -> Category {
    let mut found = Vec::new();
    tokens::tokenize(text, 0, text.len(), &mut found);
    let mut counts = [0usize; Category::ALL.len()];
    for token in found.iter().filter(|t| t.kind == Kind::Word) {
        let matched = tokens::with_lower(tokens::strip_possessive(token.text(text)), |lower| {
            CUES.iter()
                .find(|cue| {
                    if cue.prefix {
                        lower.starts_with(cue.stem)
                    } else {
                        lower == cue.stem
                    }
                })
                .map(|cue| cue.category)
        });
        if let Some(category) = matched
            && let Some(at) = Category::ALL.iter().position(|c| *c == category)
        {
            counts[at] += 1;
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Category::Other;
    }
    let at = counts.iter().position(|&c| c == best).unwrap_or(0);
    Category::ALL[at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_report_say_what_kind_of_event_it_is() {
        for (text, category) in [
            ("The Taliban captured Herat on Thursday", Military),
            ("Insurgents seized the city after heavy fighting", Military),
            ("The last US troops withdrew from the air base", Withdrawal),
            (
                "Both sides agreed a 72-hour ceasefire in Jeddah",
                Diplomatic,
            ),
            ("Talks between the parties resumed in Doha", Diplomatic),
            (
                "More than 1 million people have been displaced",
                Humanitarian,
            ),
            ("Thousands fled across the border as refugees", Humanitarian),
            (
                "The president resigned and parliament was dissolved",
                Political,
            ),
            ("A quiet day in the capital", Category::Other),
        ] {
            assert_eq!(guess_category(text), category, "{text}");
        }
    }
}
