//! Files to articles: reading `.txt`, `.md`, `.html`/`.htm` and `.eml`
//! files with limits and clear refusals, and turning what they hold into an
//! article plus the proposals Sitrep finds in it, as one [`Edit`].
//!
//! Invariants: a file is refused (never half-imported) when it is empty,
//! binary or over [`MAX_IMPORT_BYTES`]; bytes are decoded by the charset
//! they state or show ([`charset`]), lossily only when nothing fits, and
//! then with a warning that counts what was replaced; one bad file in a batch never stops the others; the
//! same text (by SHA-256 of its normalised form) is never added twice.
//!
//! It reads files and makes ids and timestamps; it never touches the UI.

mod accept;
mod byline;
pub mod charset;
mod dateline;
mod figure_entry;
mod html;
mod html_guard;
mod mail;
pub mod page_date;
mod redate;
mod series_choice;
pub mod watch;

pub use accept::{
    accept_all_edit, accept_edit, correct_place_edit, describe_option, event_from,
    place_candidates, same_sentence,
};
pub use figure_entry::{FigureEntry, FigureReading, FigureValue, figure_edit, read_selection};
pub use redate::{date_article_edit, waits_for_article_date};
pub use series_choice::{
    FigureFacts, SeriesChoice, name_for, new_series_name, series_kind, series_measure,
    suggest_for_proposal, suggest_series, suggest_series_for,
};

use crate::extract::{self, Extractor, Fact};
use crate::model::{
    Article, ArticleId, DateSource, Edit, Evidence, Notebook, PartialDate, PlaceOption, Precision,
    Proposal, ProposalId, ProposalKind, ResolvedPlace, sha256_hex,
};
use jiff::Timestamp;
use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

/// The file endings Sitrep imports.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "eml"];

/// Why a file was not imported. `Display` is one line starting with the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for ImportError {}

/// An article read from a file, before it joins a notebook.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Source {
    /// Headline.
    pub title: String,
    /// Publication.
    pub outlet: String,
    /// Where it came from.
    pub url: String,
    /// Byline.
    pub author: String,
    /// Publication date, when the file says.
    pub published: Option<PartialDate>,
    /// Where the file says it.
    pub published_from: Option<DateSource>,
    /// The text, normalised.
    pub text: String,
    /// Things the user should know ("invalid UTF-8 replaced").
    pub warnings: Vec<String>,
}

/// Reads and converts one file.
pub fn read_file(path: &Path) -> Result<Source, ImportError> {
    let error = |reason: String| ImportError {
        path: path.to_owned(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let size = file
        .metadata()
        .map_err(|e| error(format!("cannot read: {e}")))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(error(format!(
            "too large to be an article ({}; the limit is 16 MiB, {MAX_IMPORT_BYTES} bytes)",
            size_in_words(size)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(error("too large to be an article (over 16 MiB)".into()));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    from_bytes(&extension, name, &bytes).map_err(error)
}

/// Converts file bytes by kind (`extension`); `name` titles a text with no title of its own.
pub fn from_bytes(extension: &str, name: &str, bytes: &[u8]) -> Result<Source, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file: nothing to import".into());
    }
    // UTF-16 text is full of NUL bytes: its byte-order mark says it is text.
    if encoding_rs::Encoding::for_bom(bytes).is_none() && looks_binary(bytes) {
        return Err("not a text file (binary data): import .txt, .md, .html or .eml".into());
    }
    if extension == "eml" {
        let mut source = mail::read(bytes)?;
        return finish(source.title.trim().is_empty().then_some(name), &mut source)
            .map(|()| source);
    }
    let mut warnings = Vec::new();
    let decoded = charset::decode(bytes, matches!(extension, "html" | "htm"));
    if decoded.because == charset::GUESSED {
        warnings.push(format!(
            "no charset stated: read as {}, guessed from the bytes",
            decoded.encoding
        ));
    }
    if decoded.replaced > 0 {
        warnings.push(format!(
            "not valid {}: {} undecodable byte sequence{} replaced with �",
            decoded.encoding,
            decoded.replaced,
            if decoded.replaced == 1 {
                " was"
            } else {
                "s were"
            }
        ));
    }
    let text = decoded.text;
    let mut source = match extension {
        "html" | "htm" => from_html(&text)?,
        "md" | "markdown" => from_markdown(&text),
        _ => from_plain(&text),
    };
    finish(source.title.trim().is_empty().then_some(name), &mut source)?;
    if source.published.is_none() {
        // After what the file says of itself: the text's head, then the address.
        let found = dateline::published(&source.text)
            .map(|date| (date, DateSource::Dateline))
            .or_else(|| page_date::from_url(&source.url).map(|date| (date, DateSource::Address)));
        source.published = found.map(|(date, _)| date);
        source.published_from = found.map(|(_, from)| from);
    }
    source.warnings.extend(warnings);
    Ok(source)
}

/// Titles an untitled text by its file's `name`, normalises the text and
/// refuses a file that holds none.
fn finish(name: Option<&str>, source: &mut Source) -> Result<(), String> {
    if let Some(name) = name {
        source.title = name.replace(['_', '-'], " ");
    }
    // A long text file is most often in that form already: checked in one
    // pass, it is kept rather than copied.
    if !is_normalized(&source.text) {
        source.text = normalize(&source.text);
    }
    if source.text.trim().is_empty() {
        return Err("no article text in the file".into());
    }
    Ok(())
}

/// Binary if it has NUL bytes or many control characters near the start.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// Whether `text` is already in [`normalize`]'s form, found without a copy.
fn is_normalized(text: &str) -> bool {
    let bytes = text.as_bytes();
    if text.trim().len() != text.len()
        || memchr::memchr(b'\r', bytes).is_some()
        || memchr::memmem::find(bytes, b"\n\n\n").is_some()
    {
        return false;
    }
    let mut line_start = 0;
    memchr::memchr_iter(b'\n', bytes).all(|end| {
        let line = &text[line_start..end];
        line_start = end + 1;
        !line.ends_with(char::is_whitespace)
    })
}

/// The form article text is stored and compared in: LF line ends, no
/// trailing spaces, at most one blank line in a row, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut rest = text;
    // One pass, one copy: a long article is the case to be quick on.
    loop {
        let (line, next) = match memchr::memchr2(b'\r', b'\n', rest.as_bytes()) {
            Some(at) => {
                let width = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..at], Some(&rest[at + width..]))
            }
            None => (rest, None),
        };
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
        } else {
            blank_run = 0;
        }
        if blank_run <= 1 {
            out.push_str(line);
            out.push('\n');
        }
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    out.truncate(out.trim_end().len());
    let leading = out.len() - out.trim_start().len();
    out.drain(..leading);
    out
}

fn from_plain(text: &str) -> Source {
    let (published, text) = take_date_line(text);
    // A first short line followed by a blank line reads as a headline.
    let mut lines = text.trim_start().splitn(2, '\n');
    let first = lines.next().unwrap_or("").trim();
    let rest = lines.next().unwrap_or("");
    let mut source = if !first.is_empty() && first.len() <= 200 && rest.starts_with(['\n', '\r']) {
        Source {
            title: first.to_owned(),
            text: rest.to_owned(),
            ..Source::default()
        }
    } else {
        Source {
            text: text.into_owned(),
            ..Source::default()
        }
    };
    source.published_from = published.map(|_| DateSource::HeaderLine);
    source.published = published;
    source
}

/// A "Published: 2021-06-22" (or "Date: …") line among the first five lines
/// gives the publication date; the line itself is not article text.
fn take_date_line(text: &str) -> (Option<PartialDate>, Cow<'_, str>) {
    for (index, line) in text.lines().take(5).enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !matches!(
            key.trim().to_ascii_lowercase().as_str(),
            "published" | "date"
        ) {
            continue;
        }
        if let Ok(date) = PartialDate::parse(value.trim()) {
            let rest: Vec<&str> = text
                .lines()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, l)| l)
                .collect();
            return (Some(date), Cow::Owned(rest.join("\n")));
        }
    }
    (None, Cow::Borrowed(text))
}

fn from_markdown(text: &str) -> Source {
    let mut title = String::new();
    let mut body = String::with_capacity(text.len());
    for line in text.lines() {
        if title.is_empty() && line.starts_with("# ") {
            title = line.trim_start_matches('#').trim().to_owned();
            continue;
        }
        body.push_str(line.trim_start_matches('#').trim_start_matches("> "));
        body.push('\n');
    }
    Source {
        title,
        text: body,
        ..Source::default()
    }
}

fn from_html(html: &str) -> Result<Source, String> {
    let mut page = html::to_text(html)?;
    // Pages often repeat the byline as the first line of the text.
    if let Some(byline) = &page.byline {
        let trimmed = page.text.trim_start();
        let first_line = trimmed.lines().next().unwrap_or("").trim();
        if first_line
            .trim_start_matches("By ")
            .trim_start_matches("by ")
            == byline.trim_start_matches("By ")
        {
            page.text = trimmed[first_line.len()..].to_owned();
        }
    }
    // The page's own statements in order of trust, then what the
    // readability pass found.
    // The page's address is read later, after the text's dateline.
    let published = page_date::published(html, None).or_else(|| {
        let stamp = page.published.as_deref()?;
        page_date::day_of(stamp).map(|date| (date, DateSource::Metadata))
    });
    let author = page
        .byline
        .as_deref()
        .map(|b| byline::clean(b, page.site_name.as_deref().unwrap_or_default()))
        .unwrap_or_default();
    Ok(Source {
        title: page.title,
        outlet: page.site_name.unwrap_or_default(),
        url: page
            .url
            .or_else(|| page_date::address(html))
            .unwrap_or_default(),
        author,
        published: published.map(|(date, _)| date),
        published_from: published.map(|(_, from)| from),
        text: page.text,
        warnings: page.warnings,
    })
}

/// A size as a person reads it: MiB when far from the limit, else bytes, so
/// that a file just over the limit never reads as "16 MiB".
fn size_in_words(bytes: u64) -> String {
    if bytes >= MAX_IMPORT_BYTES + 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{bytes} bytes")
    }
}

/// The files an import of `paths` means: files as given, folders by their
/// importable files (not descending further), sorted by name.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            inside.retain(|p| {
                p.is_file()
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            });
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Whether the notebook already holds this text.
pub fn is_duplicate(notebook: &Notebook, text: &str) -> bool {
    let digest = sha256_hex(&normalize(text));
    notebook
        .articles
        .iter()
        .any(|a| a.sha256 == digest || sha256_hex(&normalize(&a.text)) == digest)
}

/// The edit that adds `source` as an article with the proposals found in it.
pub fn article_edit(source: &Source, extractor: &Extractor, now: Timestamp) -> (Edit, usize) {
    let id = ArticleId::from_uuid(uuid::Uuid::now_v7());
    let mut article = Article::new(id, source.title.trim(), source.text.clone(), now);
    article.outlet = source.outlet.clone();
    article.url = source.url.clone();
    article.author = source.author.clone();
    article.published = source.published;
    article.published_from = source.published_from;
    let today = jiff::tz::TimeZone::UTC.to_datetime(now).date();
    let proposals = propose(
        &article,
        extractor,
        extract::reference_date(source.published, today),
    );
    let count = proposals.len();
    let mut edits = vec![Edit::PutArticle(article)];
    edits.extend(proposals.into_iter().map(Edit::PutProposal));
    (Edit::Batch(edits), count)
}

/// Proposals for an article: a figure for each count, and an event for each
/// sentence that gives a day or a month.
pub fn propose(
    article: &Article,
    extractor: &Extractor,
    reference: jiff::civil::Date,
) -> Vec<Proposal> {
    let text = &article.text;
    let evidence = |start: usize, end: usize| Evidence {
        article: article.id,
        start,
        end,
        quote: text.get(start..end).unwrap_or("").to_owned(),
    };
    let mut proposals = Vec::new();
    for sentence in extractor.sentences(text, reference) {
        let own = OwnFacts::of(text, &sentence, extractor);
        let dates = &own.dates;
        let (place, country, place_at) = match own.place.clone() {
            Some((place, country, at)) => (Some(place), country, at),
            None => (None, String::new(), None),
        };
        let actors = &own.actors;
        // A figure is as of the sentence's one date, unless that date lies
        // after the article ("leave by September 11"): then as of publication.
        let (as_of, as_of_relative) = match dates.as_slice() {
            [(only, unanchored)] if only.first_day() <= reference => (Some(*only), *unanchored),
            _ => (article.published, true),
        };
        for (q, reading) in count_readings(text, &sentence, &own) {
            proposals.push(Proposal {
                id: ProposalId::from_uuid(uuid::Uuid::now_v7()),
                evidence: evidence(q.start, q.end),
                kind: ProposalKind::Figure {
                    figure: q.figure.clone(),
                    as_of,
                    vague: false,
                    place: place.clone().unwrap_or_default(),
                    measure: reading.measure,
                    kind: reading.kind,
                },
                date_relative: as_of_relative,
                place_at: place_at.clone(),
            });
        }
        if let Some(&(date, date_relative)) = dates.first() {
            let words: Vec<&str> = text[sentence.start..sentence.end]
                .split_whitespace()
                .collect();
            let mut title = words.join(" ");
            if title.chars().count() > 120 {
                title = title.chars().take(119).collect::<String>() + "…";
            }
            proposals.push(Proposal {
                id: ProposalId::from_uuid(uuid::Uuid::now_v7()),
                evidence: evidence(sentence.start, sentence.end),
                kind: ProposalKind::Event {
                    title,
                    date,
                    place: place.unwrap_or_default(),
                    country,
                    actors: actors.clone(),
                },
                date_relative,
                place_at,
            });
        }
    }
    proposals
}

/// Where a found place was put, for its proposals: the notebook settles it
/// when the proposal is accepted. A place with no coordinates has none.
fn resolved_place(fact: &Fact) -> Option<ResolvedPlace> {
    let Fact::Place {
        name,
        country,
        lat: Some(lat),
        lon: Some(lon),
        scale,
        confidence,
        alternatives,
        ..
    } = fact
    else {
        return None;
    };
    let option = |place: &extract::places::WorldPlace| PlaceOption {
        name: place.name.to_owned(),
        country: place.country.to_owned(),
        lat: place.lat,
        lon: place.lon,
        scale: place.scale(),
    };
    Some(ResolvedPlace {
        chosen: PlaceOption {
            name: name.to_string(),
            country: country.unwrap_or_default().to_owned(),
            lat: *lat,
            lon: *lon,
            scale: *scale,
        },
        confidence: *confidence,
        alternatives: alternatives.iter().map(|p| option(p)).collect(),
    })
}

/// Each count of a sentence with what the sentence says of it: what
/// happened to the counted and whether it is a level, a running total or
/// one incident's toll. The one reading of a figure, for proposals and for
/// figures tagged by hand.
fn count_readings<'s>(
    text: &str,
    sentence: &'s extract::Sentence,
    own: &OwnFacts,
) -> Vec<(&'s extract::Quantity, extract::measure::Reading)> {
    let quantities: Vec<&extract::Quantity> = sentence
        .facts
        .iter()
        .filter_map(|f| match f {
            Fact::Quantity(q) => Some(q),
            _ => None,
        })
        .collect();
    let counts: Vec<extract::measure::Count> = quantities
        .iter()
        .map(|q| extract::measure::Count {
            span: (q.start, q.end),
            unit: &q.figure.unit,
        })
        .collect();
    let readings = extract::measure::read_sentence(
        text,
        (sentence.start, sentence.end),
        &counts,
        &own.countries,
        own.day_dated,
    );
    quantities.into_iter().zip(readings).collect()
}

/// What a sentence states of its own, its opening dateline aside: its
/// dates (each with whether it hangs on the reference day), its place and
/// that place's country, its actors, the spans of the countries it names,
/// and whether it names a day. The dateline's date and place stand in only
/// when the sentence gives none of its own.
struct OwnFacts {
    dates: Vec<(PartialDate, bool)>,
    place: Option<(String, String, Option<ResolvedPlace>)>,
    actors: Vec<String>,
    countries: Vec<(usize, usize)>,
    day_dated: bool,
}

impl OwnFacts {
    fn of(text: &str, sentence: &extract::Sentence, extractor: &Extractor) -> Self {
        let lead = text
            .get(sentence.start..sentence.end)
            .and_then(dateline::lead_end)
            .map_or(sentence.start, |n| sentence.start + n);
        let in_lead = |f: &&Fact| f.span().1 <= lead;
        let (head, body): (Vec<&Fact>, Vec<&Fact>) = sentence.facts.iter().partition(in_lead);
        let dates_of = |facts: &[&Fact]| -> Vec<(PartialDate, bool)> {
            facts
                .iter()
                .filter_map(|f| match f {
                    Fact::Date(d) if d.date.precision != Precision::Year => {
                        let phrase = text.get(d.start..d.end).unwrap_or_default();
                        let states_year = phrase.contains(&d.date.date.year().to_string());
                        Some((d.date, !states_year))
                    }
                    _ => None,
                })
                .collect()
        };
        let own_dates = dates_of(&body);
        let day_dated = own_dates.iter().any(|(d, _)| d.precision == Precision::Day);
        let dates = if own_dates.is_empty() {
            dates_of(&head)
        } else {
            own_dates
        };
        let gazetteer = extractor.gazetteer();
        let place_of = |facts: &[&Fact]| {
            facts.iter().find_map(|f| match f {
                Fact::Place { name, country, .. } => {
                    let country_name = country
                        .map(|c| gazetteer.country_name(c).unwrap_or(c).to_owned())
                        .unwrap_or_default();
                    Some((name.to_string(), country_name, resolved_place(f)))
                }
                _ => None,
            })
        };
        let place = place_of(&body).or_else(|| place_of(&head));
        let mut actors: Vec<String> = Vec::new();
        for fact in &sentence.facts {
            if let Fact::Actor { name, .. } = fact
                && !actors.iter().any(|a| a.as_str() == &**name)
            {
                actors.push(name.to_string());
            }
        }
        let countries = body
            .iter()
            .filter_map(|f| match f {
                Fact::Place {
                    start,
                    end,
                    name,
                    country: Some(code),
                    ..
                } if gazetteer.country_name(code) == Some(&**name) => Some((*start, *end)),
                _ => None,
            })
            .collect();
        Self {
            dates,
            place,
            actors,
            countries,
            day_dated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_takes_its_first_line_as_title_and_is_normalised() {
        let source = from_bytes(
            "txt",
            "file",
            b"Crossing falls\r\n\r\nFirst para.  \r\n\r\n\r\n\r\nSecond.\r\n",
        )
        .expect("reads");
        assert_eq!(source.title, "Crossing falls");
        assert_eq!(source.text, "First para.\n\nSecond.");
        let untitled =
            from_bytes("txt", "my_notes", b"Just one paragraph with no headline.").expect("reads");
        assert_eq!(untitled.title, "my notes");
    }

    #[test]
    fn a_text_already_normalised_is_told_apart_without_a_copy() {
        for text in [
            "",
            "One.",
            "One.\n\nTwo.",
            "One.\n\n\nTwo.",
            "One. \nTwo.",
            "One.\u{a0}\nTwo.",
            "One.\r\nTwo.",
            "One.\rTwo.",
            "\nOne.",
            " One.",
            "One.\n",
            "One.\n \nTwo.",
            "One.\n\u{b}\nTwo.",
            "A\tB\nC",
        ] {
            assert_eq!(is_normalized(text), normalize(text) == text, "{text:?}");
        }
    }

    #[test]
    fn figures_are_as_of_their_sentence_date_but_never_of_a_deadline_ahead() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let mut article = Article::new(
            ArticleId::from_u128(1),
            "t",
            "On Monday 300 fighters attacked. The last 2,500 US troops leave by September 11.",
            Timestamp::UNIX_EPOCH,
        );
        article.published = PartialDate::parse("2021-06-22").ok();
        let reference = "2021-06-22".parse().expect("date");
        let as_of: Vec<String> = propose(&article, &extractor, reference)
            .into_iter()
            .filter_map(|p| match p.kind {
                ProposalKind::Figure { as_of, .. } => as_of.map(PartialDate::iso),
                ProposalKind::Event { .. } => None,
            })
            .collect();
        assert_eq!(as_of, ["2021-06-21", "2021-06-22"]);
    }

    #[test]
    fn a_figure_is_placed_where_its_sentence_says() {
        let extractor = Extractor::with_defaults().expect("extractor");
        let mut article = Article::new(
            ArticleId::from_u128(1),
            "t",
            "Aid workers said 4,000 families had reached Kassala by Sunday. Another 1,200 people fled their homes.",
            Timestamp::UNIX_EPOCH,
        );
        article.published = PartialDate::parse("2024-03-04").ok();
        let reference = "2024-03-04".parse().expect("date");
        let places: Vec<String> = propose(&article, &extractor, reference)
            .into_iter()
            .filter_map(|p| match p.kind {
                ProposalKind::Figure { place, .. } => Some(place),
                ProposalKind::Event { .. } => None,
            })
            .collect();
        assert_eq!(
            places,
            ["Kassala", ""],
            "the second sentence names no place"
        );
    }

    #[test]
    fn a_published_line_gives_the_date_and_leaves_the_text() {
        let source = from_bytes(
            "txt",
            "f",
            b"Crossing falls\nPublished: 2021-06-22\n\nThe Taliban took it.",
        )
        .expect("reads");
        assert_eq!(
            source.published.map(PartialDate::iso).as_deref(),
            Some("2021-06-22")
        );
        assert_eq!(
            (source.title.as_str(), source.text.as_str()),
            ("Crossing falls", "The Taliban took it.")
        );
    }

    #[test]
    fn mail_headers_give_title_author_and_date() {
        let mail = b"From: Desk <desk@example.org>\nSubject: Border crossing falls\nDate: Tue, 22 Jun 2021 10:00:00 +0000\n\nThe Taliban took the crossing.\n";
        let source = from_bytes("eml", "m", mail).expect("reads");
        assert_eq!(source.title, "Border crossing falls");
        assert_eq!(
            source.published.map(PartialDate::iso).as_deref(),
            Some("2021-06-22")
        );
        assert_eq!(source.text, "The Taliban took the crossing.");
    }
}
