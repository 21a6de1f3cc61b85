//! Reading and writing a big notebook on every core. A notebook as Sitrep writes it has
//! its long lists (articles, events, series, proposals) at a known indent,
//! one item per indented `(`: the lists are cut into pieces of whole items,
//! the pieces are read on worker threads, and what is left (the notebook
//! with those lists empty) is read as usual.
//!
//! Invariant: this either gives exactly the notebook the one-pass reading
//! gives, or says it cannot ([`Parallel::NotSuitable`]) and the caller reads
//! the file in one pass: a file laid out otherwise, any error, any field
//! this version does not know. Messages, positions and cautions therefore
//! always come from the one-pass reading. A cut inside a string or comment
//! leaves a piece that does not read, so it falls back too.
//!
//! Writing is the mirror image: the notebook with its long lists empty is
//! written as usual, each list's items are written on worker threads, and
//! the items are put back where the empty lists stand; the bytes are those
//! the one-pass writing gives ([`super::to_text`]).

use crate::model::{Article, Event, Notebook, Proposal, Series};
use memchr::memmem;
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Files smaller than this are read in one pass: threads would not pay.
pub const PARALLEL_FROM_BYTES: usize = 4 << 20;
/// About how much text each piece holds.
const PIECE_BYTES: usize = 4 << 20;
/// The lists read in pieces, in the order the file has them.
const LISTS: [&str; 4] = ["articles", "events", "series", "proposals"];
/// How a list item starts: a line at the item indent opening a record.
const ITEM_START: &str = "\n        (";

/// What reading in parallel came to.
#[derive(Debug)]
pub enum Parallel {
    /// The notebook, as the one-pass reading gives it (before `finish`).
    Parsed(Box<Notebook>),
    /// Read it in one pass instead.
    NotSuitable,
    /// The cancel flag was set.
    Cancelled,
}

/// One piece: a run of whole items of one list.
struct Piece<'a> {
    list: usize,
    text: &'a str,
}

/// What a piece read into.
enum Items {
    Articles(Vec<Article>),
    Events(Vec<Event>),
    Series(Vec<Series>),
    Proposals(Vec<Proposal>),
}

/// Reads `text` (a format-1 notebook) on up to `threads` threads;
/// `report(done, total)` hears how many bytes of the lists have been read.
pub fn parse(
    text: &str,
    options: &ron::Options,
    threads: usize,
    cancel: &AtomicBool,
    report: impl FnMut(u64, u64),
) -> Parallel {
    parse_in_pieces(text, options, threads, PIECE_BYTES, cancel, report)
}

/// [`parse`] with pieces of about `piece_bytes`.
fn parse_in_pieces(
    text: &str,
    options: &ron::Options,
    threads: usize,
    piece_bytes: usize,
    cancel: &AtomicBool,
    mut report: impl FnMut(u64, u64),
) -> Parallel {
    let Some((skeleton, pieces)) = cut(text, piece_bytes) else {
        return Parallel::NotSuitable;
    };
    let mut notebook = match super::migrate(1, &skeleton, options) {
        Ok((notebook, unknown)) if unknown.is_empty() => notebook,
        _ => return Parallel::NotSuitable,
    };
    let total: u64 = pieces.iter().map(|p| p.text.len() as u64).sum();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (send, receive) = mpsc::channel::<(usize, Option<Items>)>();
    let mut results: Vec<Option<Items>> = Vec::new();
    results.resize_with(pieces.len(), || None);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, pieces.len().max(1)) {
            let send = send.clone();
            let (pieces, next, failed) = (&pieces, &next, &failed);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(piece) = pieces.get(index) else {
                        break;
                    };
                    if failed.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let items = read_piece(piece, options);
                    if items.is_none() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if send.send((index, items)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut done = 0u64;
        // Ends when every worker has stopped and dropped its sender.
        for (index, items) in receive {
            done += pieces[index].text.len() as u64;
            report(done, total);
            results[index] = items;
        }
    });
    if cancel.load(Ordering::Relaxed) {
        return Parallel::Cancelled;
    }
    if failed.load(Ordering::Relaxed) || results.iter().any(Option::is_none) {
        return Parallel::NotSuitable;
    }
    for items in results.into_iter().flatten() {
        match items {
            Items::Articles(items) => notebook.articles.extend(items),
            Items::Events(items) => notebook.events.extend(items),
            Items::Series(items) => notebook.series.extend(items),
            Items::Proposals(items) => notebook.proposals.extend(items),
        }
    }
    Parallel::Parsed(Box::new(notebook))
}

/// Lists with fewer items than this are written in one pass.
const PARALLEL_FROM_ITEMS: usize = 20_000;

/// The notebook's text in parts that, one after the other, are byte for
/// byte what [`super::to_text`] writes in one pass, the items of its long
/// lists written on up to `threads` threads; `None` for a notebook too
/// small to be worth it (or, defensively, if the one-pass layout was not
/// where it was expected).
///
/// With `stamp`, the text says the notebook was modified then.
pub fn text_parts(
    notebook: &Notebook,
    threads: usize,
    stamp: Option<jiff::Timestamp>,
) -> Option<Vec<String>> {
    let items = notebook.articles.len()
        + notebook.events.len()
        + notebook.proposals.len()
        + notebook
            .series
            .iter()
            .map(|s| s.observations.len() + 1)
            .sum::<usize>();
    if items < PARALLEL_FROM_ITEMS || threads < 2 {
        return None;
    }
    let mut meta = notebook.meta.clone();
    meta.modified = stamp.unwrap_or(meta.modified);
    let shell = Notebook {
        format: notebook.format,
        meta,
        articles: Vec::new(),
        events: Vec::new(),
        series: Vec::new(),
        proposals: Vec::new(),
        places: notebook.places.clone(),
        actors: notebook.actors.clone(),
        views: notebook.views.clone(),
        watch: notebook.watch.clone(),
        conflicts: notebook.conflicts.clone(),
    };
    let shell = super::to_text_in_one_pass(&shell);
    // Pieces of whole items, a few per thread and list, in file order.
    let lists: [(&str, Vec<Chunk<'_>>); 4] = [
        (
            "articles",
            chunks(&notebook.articles, threads, Chunk::Articles),
        ),
        ("events", chunks(&notebook.events, threads, Chunk::Events)),
        ("series", chunks(&notebook.series, threads, Chunk::Series)),
        (
            "proposals",
            chunks(&notebook.proposals, threads, Chunk::Proposals),
        ),
    ];
    let all: Vec<&Chunk<'_>> = lists.iter().flat_map(|(_, chunks)| chunks).collect();
    let next = AtomicUsize::new(0);
    let mut written: Vec<Option<String>> = Vec::new();
    written.resize_with(all.len(), || None);
    let (send, receive) = mpsc::channel::<(usize, Option<String>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(all.len()).max(1) {
            let send = send.clone();
            let (all, next) = (&all, &next);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(chunk) = all.get(index) else {
                        break;
                    };
                    if send.send((index, chunk.write())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for (index, text) in receive {
            written[index] = text;
        }
    });
    let mut written = written
        .into_iter()
        .collect::<Option<Vec<String>>>()?
        .into_iter();
    let mut parts = Vec::with_capacity(all.len() + 2 * lists.len() + 1);
    let mut from = 0;
    for (name, chunks) in &lists {
        if chunks.is_empty() {
            // An empty list is written `[]`, as in the shell.
            continue;
        }
        let anchor = format!("\n    {name}: []");
        let bracket = from + shell[from..].find(&anchor)? + anchor.len() - 1;
        parts.push(format!("{}\n", &shell[from..bracket]));
        parts.extend(written.by_ref().take(chunks.len()));
        parts.push("    ".to_owned());
        from = bracket;
    }
    parts.push(shell[from..].to_owned());
    Some(parts)
}

/// A run of items of one list, to be written by one thread.
enum Chunk<'a> {
    Articles(&'a [Article]),
    Events(&'a [Event]),
    Series(&'a [Series]),
    Proposals(&'a [Proposal]),
}

impl Chunk<'_> {
    /// The items as they stand in the file: each at the list's indent,
    /// followed by a comma.
    fn write(&self) -> Option<String> {
        match self {
            Chunk::Articles(items) => write_items(items),
            Chunk::Events(items) => write_items(items),
            Chunk::Series(items) => write_items(items),
            Chunk::Proposals(items) => write_items(items),
        }
    }
}

fn write_items<T: serde::Serialize>(items: &[T]) -> Option<String> {
    // The items stand two levels down in the notebook (in their list, in the
    // notebook): written as a list of their own, they stand one level down,
    // so lines break one level sooner, and each line is indented one more level.
    let config = super::pretty_config(super::ITEM_DEPTH - 1);
    let text = ron::ser::to_string_pretty(items, config).ok()?;
    let inner = text.strip_prefix("[\n")?.strip_suffix("\n]")?;
    let mut out = String::with_capacity(inner.len() + inner.len() / 16);
    for line in inner.split('\n') {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// `items` in about four runs per thread.
fn chunks<'a, T>(
    items: &'a [T],
    threads: usize,
    chunk: impl Fn(&'a [T]) -> Chunk<'a>,
) -> Vec<Chunk<'a>> {
    let size = items.len().div_ceil(threads * 4).max(1);
    items.chunks(size).map(chunk).collect()
}

/// The text with the long lists emptied, and the lists' items in pieces;
/// `None` if the file is not laid out the way Sitrep writes it.
fn cut(text: &str, piece_bytes: usize) -> Option<(String, Vec<Piece<'_>>)> {
    let mut skeleton = String::with_capacity(64 * 1024);
    let mut pieces = Vec::new();
    let mut copied_to = 0;
    for (list, name) in LISTS.iter().enumerate() {
        let opening = format!("\n    {name}: [\n");
        let Some(found) = memmem::find(&text.as_bytes()[copied_to..], opening.as_bytes()) else {
            // Absent (an empty list is written on one line): left in the skeleton.
            continue;
        };
        let items_start = copied_to + found + opening.len();
        let closing =
            items_start - 1 + memmem::find(&text.as_bytes()[items_start - 1..], b"\n    ]")?;
        let items = &text[items_start..closing + 1];
        if !items.starts_with(&ITEM_START[1..]) {
            return None;
        }
        skeleton.push_str(&text[copied_to..items_start]);
        copied_to = closing + 1;
        let mut start = 0;
        while start < items.len() {
            let from = start + piece_bytes.max(1);
            let end = match items.as_bytes().get(from..) {
                Some(rest) => memmem::find(rest, ITEM_START.as_bytes())
                    .map_or(items.len(), |at| from + at + 1),
                None => items.len(),
            };
            pieces.push(Piece {
                list,
                text: &items[start..end],
            });
            start = end;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    skeleton.push_str(&text[copied_to..]);
    Some((skeleton, pieces))
}

/// Reads one piece as its list's items; `None` on any error or unknown field.
fn read_piece(piece: &Piece<'_>, options: &ron::Options) -> Option<Items> {
    let mut list = String::with_capacity(piece.text.len() + 2);
    list.push('[');
    list.push_str(piece.text);
    list.push(']');
    Some(match piece.list {
        0 => Items::Articles(read_list(&list, options)?),
        1 => Items::Events(read_list(&list, options)?),
        2 => Items::Series(read_list(&list, options)?),
        _ => Items::Proposals(read_list(&list, options)?),
    })
}

fn read_list<T: DeserializeOwned>(list: &str, options: &ron::Options) -> Option<Vec<T>> {
    let mut deserializer = ron::Deserializer::from_str_with_options(list, options).ok()?;
    let mut unknown = false;
    let items: Vec<T> = serde_ignored::deserialize(&mut deserializer, |_| unknown = true).ok()?;
    deserializer.end().ok()?;
    (!unknown).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{self, Size};

    fn options() -> ron::Options {
        ron::Options::default().with_recursion_limit(super::super::RECURSION_LIMIT)
    }

    fn text_of(size: Size) -> String {
        super::super::to_text(&synthetic::notebook(size))
    }

    const MIDDLING: Size = Size {
        articles: 3_000,
        events: 20_000,
        series: 3,
        observations_per_series: 20_000,
        days: 700,
    };

    fn parsed(text: &str) -> Parallel {
        parse(text, &options(), 2, &AtomicBool::new(false), |_, _| {})
    }

    #[test]
    fn a_big_notebook_read_in_pieces_is_the_notebook_read_in_one_pass() {
        let text = text_of(MIDDLING);
        assert!(
            text.len() > PIECE_BYTES * 3,
            "several pieces: {}",
            text.len()
        );
        let (one_pass, _) = super::super::migrate(1, &text, &options()).expect("reads");
        let mut reports = Vec::new();
        let Parallel::Parsed(in_pieces) = parse(
            &text,
            &options(),
            2,
            &AtomicBool::new(false),
            |done, total| reports.push((done, total)),
        ) else {
            panic!("read in pieces")
        };
        assert_eq!(*in_pieces, one_pass);
        // The fraction read grows to the whole.
        assert!(reports.len() > 3);
        assert!(reports.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(reports.last().map(|r| r.0), reports.last().map(|r| r.1));
    }

    #[test]
    fn anything_unusual_is_left_to_the_one_pass_reading() {
        let text = text_of(MIDDLING);
        // An unknown field in an item: the one-pass reading names it.
        let unknown = text.replacen(
            "            name: \"Synthetic series 1\",",
            "            name: \"Synthetic series 1\",\n            colour_scheme: 3,",
            1,
        );
        assert_ne!(unknown, text);
        assert!(matches!(parsed(&unknown), Parallel::NotSuitable));
        let opened = super::super::parse_opened(unknown.as_bytes()).expect("opens");
        assert_eq!(
            opened.caution,
            Some(super::super::Caution::UnknownFields(vec![
                "series.1.colour_scheme".to_owned()
            ]))
        );
        // A broken item: the one-pass reading says where.
        let broken = text.replacen("precision: Day", "precision: Dya", 1);
        assert!(matches!(parsed(&broken), Parallel::NotSuitable));
        let line = broken[..broken.find("Dya").expect("there")].lines().count();
        match super::super::parse(broken.as_bytes()) {
            Err(super::super::ParseError::Syntax { line: at, .. }) => assert_eq!(at, line),
            other => panic!("{other:?}"),
        }
        // Laid out otherwise (one line): nothing to cut by.
        let compact = ron::to_string(&synthetic::notebook(MIDDLING)).expect("writes");
        assert!(matches!(parsed(&compact), Parallel::NotSuitable));
        // An item start inside a string that spans lines: the cut piece does not read.
        let tricky = text.replacen(
            "text: \"SYNTHETIC TEXT",
            "text: \"SYNTHETIC\n        (not an item)\n    ]\nTEXT",
            1,
        );
        match parsed(&tricky) {
            Parallel::NotSuitable => {}
            Parallel::Parsed(notebook) => {
                let (one_pass, _) = super::super::migrate(1, &tricky, &options()).expect("reads");
                assert_eq!(*notebook, one_pass);
            }
            Parallel::Cancelled => panic!("not cancelled"),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the notebook and whatever a byte was changed to, reading
        /// in pieces gives what the one-pass reading gives, or leaves it to it.
        #[test]
        fn pieces_read_as_one_pass_reads(
            articles in 0usize..6,
            events in 0usize..30,
            series in 0usize..4,
            figures in 0usize..40,
            piece_bytes in 1usize..3_000,
            damage in proptest::option::of((0.0f64..1.0, proptest::sample::select(vec!['"', '(', ')', '[', ']', ',', '\n', ' ', 'x', '/', '*']))),
        ) {
            let notebook = synthetic::notebook(Size { articles, events, series, observations_per_series: figures, days: 90 });
            let mut text = super::super::to_text(&notebook);
            if let Some((at, with)) = damage {
                let mut at = ((text.len() as f64) * at) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                text.replace_range(at..end, &with.to_string());
            }
            let one_pass = super::super::migrate(1, &text, &options());
            match parse_in_pieces(&text, &options(), 2, piece_bytes, &AtomicBool::new(false), |_, _| {}) {
                Parallel::Parsed(in_pieces) => match one_pass {
                    Ok((notebook, unknown)) => {
                        proptest::prop_assert!(unknown.is_empty());
                        proptest::prop_assert_eq!(*in_pieces, notebook);
                    }
                    Err(error) => proptest::prop_assert!(false, "pieces read what one pass refuses: {error}"),
                },
                Parallel::NotSuitable => {}
                Parallel::Cancelled => proptest::prop_assert!(false, "not cancelled"),
            }
            if damage.is_none() && events + articles + series > 0 {
                // An undamaged notebook with a list is always read in pieces.
                let again = parse_in_pieces(&text, &options(), 2, piece_bytes, &AtomicBool::new(false), |_, _| ());
                proptest::prop_assert!(matches!(again, Parallel::Parsed(_)), "undamaged but not read in pieces");
            }
        }
    }

    #[test]
    fn opening_a_big_file_reports_the_fraction_parsed_and_can_stop_midway() {
        use super::super::{LoadError, Stage, open_with_progress};
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.ron");
        std::fs::write(&path, text_of(MIDDLING)).expect("written");
        let mut parsing = Vec::new();
        let opened = open_with_progress(&path, &AtomicBool::new(false), |progress| {
            if progress.stage == Stage::Parsing && progress.total > 0 {
                parsing.push((progress.done, progress.total));
            }
        });
        assert!(opened.is_ok());
        assert!(parsing.len() > 3, "{parsing:?}");
        assert!(parsing.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(parsing.last().map(|p| p.0), parsing.last().map(|p| p.1));

        // Cancelled as the first piece is parsed: the open says so, whatever
        // the threads had in hand (the workers stop before their next piece).
        let cancel = AtomicBool::new(false);
        let opened = open_with_progress(&path, &cancel, |progress| {
            if progress.stage == Stage::Parsing && progress.total > 0 {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        assert!(
            matches!(opened, Err(LoadError::Cancelled { .. })),
            "{opened:?}"
        );
    }

    #[test]
    fn a_big_notebook_written_in_pieces_is_byte_for_byte_the_one_pass_text() {
        let mut notebook = synthetic::notebook(Size {
            articles: 700,
            events: 9_000,
            series: 5,
            observations_per_series: 5_000,
            days: 300,
        });
        // Text that needs escaping, other scripts, and the small lists too.
        notebook.articles[3].title = "Quotes \" and \\ and a\nbreak, \u{1F600} ሰላም".into();
        notebook.events[5].notes = "    articles: [],\n".into();
        notebook.meta.title = "\n    events: []".into();
        let sample = super::super::load("saves/afghanistan-2021.ron".as_ref()).expect("sample");
        notebook.places = sample.places.clone();
        notebook.actors = sample.actors.clone();
        notebook.proposals = sample.proposals.clone();
        notebook.views.push(crate::model::SavedView {
            tags: vec!["north".into()],
            ..crate::model::SavedView::named(crate::model::ViewId::from_u128(1), "A view")
        });
        notebook.watch.push(crate::model::WatchTerm {
            id: crate::model::WatchId::from_u128(2),
            term: "a term".into(),
        });
        let one_pass = super::super::to_text_in_one_pass(&notebook);
        // Read back in pieces, the views and terms are there.
        let Parallel::Parsed(read) = parsed(&one_pass) else {
            panic!("read in pieces")
        };
        assert_eq!((read.views.len(), read.watch.len()), (1, 1));
        for threads in [2, 3, 8] {
            let in_pieces = text_parts(&notebook, threads, None)
                .expect("big enough")
                .concat();
            assert!(in_pieces == one_pass, "{threads} threads: the texts differ");
        }
        // Stamped with a save time, without touching the notebook.
        let stamp = jiff::Timestamp::from_second(1_900_000_000).expect("a time");
        let mut stamped = notebook.clone();
        stamped.meta.modified = stamp;
        assert!(
            text_parts(&notebook, 2, Some(stamp)).map(|p| p.concat())
                == Some(super::super::to_text_in_one_pass(&stamped))
        );
        // With a list empty, and with no proposals.
        notebook.events.clear();
        notebook.proposals.clear();
        assert!(
            text_parts(&notebook, 2, None).map(|p| p.concat())
                == Some(super::super::to_text_in_one_pass(&notebook))
        );
        // Small notebooks are left to the one-pass writing.
        assert!(text_parts(&sample, 2, None).is_none());
    }

    #[test]
    fn a_cancelled_read_says_so() {
        let text = text_of(MIDDLING);
        let cancel = AtomicBool::new(true);
        assert!(matches!(
            parse(&text, &options(), 2, &cancel, |_, _| {}),
            Parallel::Cancelled
        ));
    }
}
