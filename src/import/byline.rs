//! A page's byline made into its authors' names: no "By", no date or time
//! glued on ("Jane Doe22 Dec 2016"), no job title after a separator, no
//! outlet standing in for a person, and several authors as one list
//! ("Jane Doe, John Roe").

/// Month and weekday names, lower case: words that end a name when a date
/// follows them in the byline.
pub(super) const DATE_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that always end a name: what follows is when it was published.
const STAMP_WORDS: &[&str] = &["updated", "published", "posted", "modified"];

/// Words that mark an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "news", "press", "times", "post", "journal", "wire", "agency", "network", "media", "magazine",
    "daily", "herald", "tribune", "gazette", "staff", "desk", "service",
];

/// Words of a job title that follows a name after a comma ("Senior
/// Correspondent", "Chief Middle East correspondent"), lower case.
const TITLE_WORDS: &[&str] = &[
    "correspondent",
    "correspondents",
    "writer",
    "reporter",
    "editor",
    "journalist",
    "contributor",
    "columnist",
    "producer",
    "photographer",
    "photojournalist",
    "analyst",
    "researcher",
    "chief",
    "bureau",
    "staff",
    "senior",
    "special",
    "foreign",
    "freelance",
    "contributing",
    "reporting",
    "director",
];

/// The authors a byline names, as "A, B"; empty when it names none but the
/// outlet (`outlet`, the site's name) or a date.
pub fn clean(byline: &str, outlet: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    let byline = cut_at_outlet(strip_by(byline.trim()), outlet);
    for (k, part) in split_authors(&cut_after_name(byline)).iter().enumerate() {
        let name = part
            .trim()
            .trim_matches(|c: char| c == ',' || c == ';' || c == ':')
            .trim();
        if name.is_empty() || !name.chars().any(char::is_alphabetic) || is_outlet(name, outlet) {
            continue;
        }
        if k > 0 && !names.is_empty() && is_no_name(name) {
            continue;
        }
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names.join(", ")
}

/// Whether a part after a name is no person's name: a job title ("Senior
/// Correspondent"), where the writer is ("in Kyiv"), or one word standing
/// for an agency ("Reuters", "AFP"), since a person is named by two.
fn is_no_name(part: &str) -> bool {
    let words: Vec<String> = part.split_whitespace().map(str::to_lowercase).collect();
    words.len() == 1
        || words.iter().any(|w| TITLE_WORDS.contains(&w.as_str()))
        || part.starts_with(char::is_lowercase)
}

/// The byline without a leading "By", "Posted by", "Written by"…
fn strip_by(byline: &str) -> &str {
    let lower = byline.to_ascii_lowercase();
    for lead in [
        "by ",
        "by:",
        "posted by ",
        "written by ",
        "words by ",
        "story by ",
    ] {
        if lower.starts_with(lead) {
            return byline[lead.len()..].trim_start();
        }
    }
    byline
}

/// The byline before the outlet's name, when that follows a person's
/// ("Mark Roe BuzzFeed News Reporter" on BuzzFeed News).
fn cut_at_outlet<'b>(byline: &'b str, outlet: &str) -> &'b str {
    let outlet = outlet.trim();
    if outlet.is_empty() || !byline.is_ascii() || !outlet.is_ascii() {
        return byline;
    }
    match byline
        .to_ascii_lowercase()
        .find(&outlet.to_ascii_lowercase())
    {
        Some(at) if at > 0 => &byline[..at],
        _ => byline,
    }
}

/// The byline up to where a name stops: a separator before a title or a
/// date (" | ", " - ", "•"), a digit (glued on or not), a word that stamps
/// a time ("Updated"), or a month or weekday when a date follows.
fn cut_after_name(byline: &str) -> String {
    let mut end = byline.len();
    for separator in [" | ", " - ", " – ", " — ", "•", "\n", "\t", " (http"] {
        if let Some(at) = byline.find(separator) {
            end = end.min(at);
        }
    }
    let dated = byline.contains(|c: char| c.is_ascii_digit());
    if let Some(at) = byline.find(|c: char| c.is_ascii_digit()) {
        end = end.min(at);
    }
    let words: Vec<&str> = byline[..end].split_whitespace().collect();
    let mut kept = Vec::new();
    for (k, word) in words.iter().enumerate() {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let next = words.get(k + 1).map(|w| w.to_lowercase());
        let stamp = STAMP_WORDS.contains(&bare.as_str())
            || bare == "last" && next.is_some_and(|n| n.starts_with("updated"));
        if stamp || dated && DATE_WORDS.contains(&bare.as_str()) {
            break;
        }
        kept.push(*word);
    }
    kept.join(" ")
}

/// The names of a list of authors: "A, B and C", "A & B", "A Edited by B";
/// an "and" between single words ("Mac & i") is a name of its own.
fn split_authors(names: &str) -> Vec<String> {
    let mut listed = names.to_owned();
    for joiner in [" and ", " & ", " AND ", " Edited by ", " edited by "] {
        let parts: Vec<&str> = listed.split(joiner).collect();
        let names_on_both_sides = parts.len() > 1
            && parts
                .iter()
                .all(|p| p.trim().contains(' ') || p.contains(','));
        if names_on_both_sides || joiner.contains("dited") {
            listed = parts.join(",");
        }
    }
    listed.split([',', ';']).map(str::to_owned).collect()
}

/// Whether a name is the outlet rather than a person: it starts with the
/// outlet's name and says more ("Example Health News" on Example), or it is
/// the outlet's name and reads as an organisation ("BBC News"), not as the
/// writer of a one-person site.
fn is_outlet(name: &str, outlet: &str) -> bool {
    let (name, outlet) = (name.to_lowercase(), outlet.trim().to_lowercase());
    if outlet.is_empty() || !name.starts_with(&outlet) {
        return false;
    }
    name.len() > outlet.len()
        || name
            .split_whitespace()
            .any(|w| ORGANISATION_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_out_clean() {
        for (byline, outlet, expected) in [
            ("By Jane Doe", "", "Jane Doe"),
            ("by Lucas Nolan22 Dec 2016651", "", "Lucas Nolan"),
            ("BY AMINA YUSUF | Updated 10:42 AM", "", "AMINA YUSUF"),
            ("Jane Doe - Staff Writer", "", "Jane Doe"),
            ("Jane Doe and John Roe", "", "Jane Doe, John Roe"),
            (
                "By Ana Silva, Tomás Ruiz & Li Wei",
                "",
                "Ana Silva, Tomás Ruiz, Li Wei",
            ),
            ("Jane Doe, Example Wire", "Example Wire", "Jane Doe"),
            ("Example Wire News", "Example Wire News", ""),
            ("Example Health News", "Example", ""),
            (
                "Omar Haddad Example Daily Reporter",
                "Example Daily",
                "Omar Haddad",
            ),
            ("June 22, 2021", "", ""),
            ("Published Tuesday 22 June", "", ""),
            ("Last Updated: January 7, 2025", "", ""),
            ("Hamid Karimi Posted on 22/06/2021", "", "Hamid Karimi"),
            ("Grace May Okafor", "", "Grace May Okafor"),
            ("Sun & Sand", "", "Sun & Sand"),
            ("Written by Ada Obi Edited by Ben Ng", "", "Ada Obi, Ben Ng"),
            ("Posted by Field Team", "", "Field Team"),
            ("Ruth Mensah", "Ruth Mensah", "Ruth Mensah"),
            ("Amira Hassan, Senior Correspondent", "", "Amira Hassan"),
            (
                "By Jane Doe and John Roe, Reuters",
                "",
                "Jane Doe, John Roe",
            ),
            ("Jane Doe | Staff Writer", "", "Jane Doe"),
            (
                "Omar Haddad, Chief Middle East correspondent",
                "",
                "Omar Haddad",
            ),
            ("Li Wei, AFP", "", "Li Wei"),
            ("Ana Silva, in Kyiv", "", "Ana Silva"),
            ("", "", ""),
        ] {
            assert_eq!(clean(byline, outlet), expected, "{byline:?}");
        }
    }
}
