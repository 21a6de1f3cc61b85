//! Reading a notebook's text: the format first, then the whole (in
//! parallel for a big file, see [`super::parallel`]), then its rules; and
//! the words a user reads when that fails.

use super::parallel::{self, Parallel};
use super::{Caution, FormatProbe, Opened, ParseError, RECURSION_LIMIT};
use crate::model::{FORMAT_VERSION, Notebook};
use std::sync::atomic::AtomicBool;

/// Reads a notebook from file bytes: UTF-8 (a leading BOM is skipped), the
/// `format` checked first, then the whole, then its rules. Strict: a newer
/// format is an error (see [`parse_opened`] to read it anyway, read-only).
pub fn parse(bytes: &[u8]) -> Result<Notebook, ParseError> {
    match parse_opened(bytes)? {
        Opened {
            caution: Some(Caution::NewerFormat { found }),
            ..
        } => Err(ParseError::NewerFormat { found }),
        opened => Ok(opened.notebook),
    }
}

/// Reads a notebook from file bytes like [`parse`], but reads a newer
/// format as far as this Sitrep understands it, and notes fields it does not
/// know, in [`Opened::caution`].
pub fn parse_opened(bytes: &[u8]) -> Result<Opened, ParseError> {
    match parse_opened_with(bytes, &AtomicBool::new(false), |_, _| {}) {
        Ok(opened) => Ok(opened),
        Err(Stopped::Error(error)) => Err(error),
        // Nothing sets the flag here.
        Err(Stopped::Cancelled) => Err(ParseError::NotANotebook {
            why: "the reading was stopped",
        }),
    }
}

/// Why a reading did not give a notebook.
#[derive(Debug)]
pub(super) enum Stopped {
    /// The file is not a readable notebook.
    Error(ParseError),
    /// `cancel` was set.
    Cancelled,
}

impl From<ParseError> for Stopped {
    fn from(error: ParseError) -> Self {
        Stopped::Error(error)
    }
}

/// [`parse_opened`], stopping early when `cancel` is set, and telling
/// `report(done, total)` how many bytes of a big file's lists have been read.
pub(super) fn parse_opened_with(
    bytes: &[u8],
    cancel: &AtomicBool,
    report: impl FnMut(u64, u64),
) -> Result<Opened, Stopped> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, col) = line_col(&bytes[..error.valid_up_to()]);
        ParseError::NotUtf8 { line, col }
    })?;
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    if text.trim().is_empty() {
        return Err(ParseError::NotANotebook {
            why: "the file is empty",
        }
        .into());
    }
    let probe = match format_at_start(text) {
        Some(format) => FormatProbe { format },
        None => probe_format(text, &options)?,
    };
    let (notebook, unknown) = match probe.format {
        0 => return Err(ParseError::NoFormat.into()),
        found if found > FORMAT_VERSION => {
            // Read what this version understands; if even that fails, say the file is newer.
            let (notebook, _) = migrate(FORMAT_VERSION, text, &options)
                .map_err(|_| ParseError::NewerFormat { found })?;
            let caution = Some(Caution::NewerFormat { found });
            return Ok(finish(notebook, caution)?);
        }
        1 if text.len() >= parallel::PARALLEL_FROM_BYTES => {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            match parallel::parse(text, &options, threads, cancel, report) {
                Parallel::Parsed(notebook) => (*notebook, Vec::new()),
                Parallel::Cancelled => return Err(Stopped::Cancelled),
                Parallel::NotSuitable => migrate(1, text, &options)?,
            }
        }
        format => migrate(format, text, &options)?,
    };
    let caution = (!unknown.is_empty()).then_some(Caution::UnknownFields(unknown));
    Ok(finish(notebook, caution)?)
}

/// The format number of a file that begins the way Sitrep writes it,
/// `(format: 1,` (spaces and line breaks allowed): read without going
/// through the whole file, which for a big notebook took as long as
/// reading it. `None` for any other beginning.
fn format_at_start(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    if digits == 0 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// The format number by reading the whole file (comments, a struct name,
/// `format` not first): the careful way, for files not as Sitrep writes them.
fn probe_format(text: &str, options: &ron::Options) -> Result<FormatProbe, ParseError> {
    options.from_str(text).map_err(|error| match error.code {
        ron::Error::ExpectedStructLike | ron::Error::ExpectedNamedStructLike(_)
            if error.span.start.line == 1 =>
        {
            ParseError::NotANotebook {
                why: "a notebook begins with `(format: 1,` and this file does not",
            }
        }
        _ => syntax(error),
    })
}

/// Reads the text of a notebook written in `format` into the current model,
/// with the paths of any fields it did not know. Every format that changes
/// the file's shape adds an arm here that reads the old shape and converts
/// it, so files of every earlier format keep opening.
pub fn migrate(
    format: u32,
    text: &str,
    options: &ron::Options,
) -> Result<(Notebook, Vec<String>), ParseError> {
    match format {
        // Format 1 is the current model: read it as it is.
        1 => {
            let mut deserializer =
                ron::Deserializer::from_str_with_options(text, options).map_err(syntax)?;
            let mut unknown = Vec::new();
            let mut notebook: Notebook = serde_ignored::deserialize(&mut deserializer, |path| {
                unknown.push(path.to_string());
            })
            .map_err(|e| syntax(deserializer.span_error(e)))?;
            deserializer
                .end()
                .map_err(|e| syntax(deserializer.span_error(e)))?;
            notebook.format = FORMAT_VERSION;
            Ok((notebook, unknown))
        }
        other => Err(ParseError::NewerFormat { found: other }),
    }
}

/// Canonical order and the notebook's rules, for every way in.
fn finish(mut notebook: Notebook, caution: Option<Caution>) -> Result<Opened, ParseError> {
    notebook.canonicalize();
    let problems = notebook.validate();
    if let Some(first) = problems.first() {
        return Err(ParseError::Invalid {
            first: first.to_string(),
            count: problems.len(),
        });
    }
    Ok(Opened { notebook, caution })
}

pub(super) fn syntax(error: ron::error::SpannedError) -> ParseError {
    ParseError::Syntax {
        line: error.span.start.line,
        col: error.span.start.col,
        message: in_words(&error.code),
    }
}

/// A RON error as the analyst reads it: what is wrong, and for a file that
/// stops early, what probably happened.
fn in_words(code: &ron::Error) -> String {
    const CUT_OFF: &str = "the file may have been cut off while being written; \
        Sitrep keeps the previous version beside it as NAME.ron.bak";
    match code {
        ron::Error::Eof => format!("the file ends too early: {CUT_OFF}"),
        ron::Error::ExpectedStringEnd => {
            format!("a text in quotes is never closed: {CUT_OFF}")
        }
        ron::Error::ExpectedArray => "a list `[…]` should start here".to_owned(),
        ron::Error::ExpectedIdentifier => {
            "a field name should stand here (a stray character?)".to_owned()
        }
        ron::Error::ExpectedStructLike | ron::Error::ExpectedNamedStructLike(_) => {
            "a record `(…)` should start here".to_owned()
        }
        other => other.to_string().replace("`FormatProbe`", "the notebook"),
    }
}

/// 1-based line and column just past `prefix`.
pub(super) fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}
