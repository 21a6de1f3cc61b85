//! The notebook file: one pretty, deterministic RON document with a
//! versioned envelope (`format: 1`).
//!
//! Invariants:
//! - Loading never panics and never half-loads: it returns a whole, valid
//!   [`Notebook`] or one [`LoadError`] that says where (file, line, column)
//!   and why. The size cap ([`MAX_FILE_BYTES`]) is checked before reading,
//!   and ron's recursion limit stays on.
//! - `format` is read before anything else: a file from a newer Sitrep is
//!   refused, never half-read.
//! - The same notebook always gives the same bytes ([`to_text`]), so a load
//!   followed by a save changes nothing and git diffs stay small.
//! - Saving is atomic ([`save`]): a crash at any instant leaves the old file
//!   or the new one, whole, and the previous version stays as `NAME.ron.bak`.
//!
//! This module never knows about windows or widgets.

pub mod merge;
pub mod parallel;
mod read;
pub mod recovery;

use read::parse_opened_with;
pub use read::{migrate, parse, parse_opened};

use crate::model::{FORMAT_VERSION, Notebook};
use serde::Deserialize;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Larger files are refused before they are read. A notebook of a million
/// cited figures is about 300 MB; this leaves room and still refuses a
/// video or a disk image opened by mistake.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Structures deeper than this are written on one line.
const ITEM_DEPTH: usize = 4;

/// Nesting deeper than this is refused (ron's own guard against stack overflow).
const RECURSION_LIMIT: usize = 64;

/// Why a notebook could not be read. Its `Display` is one line.
#[derive(Debug)]
pub enum ParseError {
    /// Not text: the first bad byte's position.
    NotUtf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        col: usize,
    },
    /// The RON is malformed, truncated or of the wrong shape.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// ron's words.
        message: String,
    },
    /// The file has no `format` number: it is not a Sitrep notebook.
    NoFormat,
    /// The file is empty, or does not begin as a notebook does.
    NotANotebook {
        /// What it is instead.
        why: &'static str,
    },
    /// The file was written by a newer Sitrep.
    NewerFormat {
        /// The format number the file declares.
        found: u32,
    },
    /// Well-formed, but breaks the notebook's rules (duplicate ids, NaN…).
    Invalid {
        /// The first problem found.
        first: String,
        /// How many problems there are in all.
        count: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotUtf8 { line, col } => {
                write!(f, "{line}:{col}: not UTF-8 text (is this a notebook?)")
            }
            ParseError::Syntax { line, col, message } => write!(f, "{line}:{col}: {message}"),
            ParseError::NotANotebook { why } => write!(f, "1:1: not a Sitrep notebook: {why}"),
            ParseError::NoFormat => {
                f.write_str("no `format` number (or format 0): this is not a Sitrep notebook")
            }
            ParseError::NewerFormat { found } => write!(
                f,
                "written by a newer Sitrep (format {found}; this one reads up to {FORMAT_VERSION}): update Sitrep to open it"
            ),
            ParseError::Invalid { first, count: 1 } => write!(f, "{first}"),
            ParseError::Invalid { first, count } => {
                write!(f, "{first} (and {} more problems)", count - 1)
            }
        }
    }
}

/// Why a notebook file could not be opened. Its `Display` is one line that
/// starts with the path.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// Over [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// Stopped at the user's request; nothing was loaded.
    Cancelled {
        /// The file.
        path: PathBuf,
    },
    /// Read, but not a notebook this Sitrep can open.
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong and where.
        error: ParseError,
    },
}

impl LoadError {
    /// The parse error, when the file was read but refused.
    pub fn parse_error(&self) -> Option<&ParseError> {
        match self {
            LoadError::Parse { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            LoadError::TooLarge { path, size } => write!(
                f,
                "{}: too large to be a notebook ({} MiB; the limit is {} MiB)",
                path.display(),
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            LoadError::Cancelled { path } => write!(f, "{}: opening cancelled", path.display()),
            LoadError::Parse { path, error } => write!(f, "{}:{error}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a notebook could not be saved. The file on disk is as it was.
#[derive(Debug)]
pub struct SaveError {
    /// The file that was being written.
    pub path: PathBuf,
    /// What was being done: "write", "replace"…
    pub step: &'static str,
    /// What the system said.
    pub source: io::Error,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot {}: {}",
            self.path.display(),
            self.step,
            self.source
        )
    }
}

impl std::error::Error for SaveError {}

/// How Sitrep writes RON: values nested deeper than `depth_limit` on one line.
fn pretty_config(depth_limit: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n")
        .depth_limit(depth_limit)
}

/// The notebook as file text: pretty, deterministic RON.
pub fn to_text(notebook: &Notebook) -> String {
    // Items nested below the lists of articles, events and series (a
    // figure, a piece of evidence) are written one per line: a million
    // figures stay a readable, diffable file a third the size.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    match parallel::text_parts(notebook, threads, None) {
        Some(parts) => parts.concat(),
        None => to_text_in_one_pass(notebook),
    }
}

/// [`to_text`] on one thread: the reference the parallel writing matches.
fn to_text_in_one_pass(notebook: &Notebook) -> String {
    match ron::ser::to_string_pretty(notebook, pretty_config(ITEM_DEPTH)) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Serializing plain data to a String cannot fail; if ron ever does,
        // say so in the file rather than panic and lose the session.
        Err(error) => format!("// ron could not write this notebook: {error}\n"),
    }
}

/// Reads only `format`, skipping the rest, so a newer file is refused
/// before its unknown shape can cause confusing errors.
#[derive(Deserialize)]
struct FormatProbe {
    /// 0 when missing: no Sitrep ever wrote format 0.
    #[serde(default)]
    format: u32,
}

/// Why an opened notebook must not be saved over: saving would lose
/// something this Sitrep cannot read. The app opens it read-only and says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caution {
    /// Written by a newer Sitrep; read as far as this one understands it.
    NewerFormat {
        /// The file's format number.
        found: u32,
    },
    /// Fields this Sitrep does not know (`events[3].sources`…); a save
    /// would drop them.
    UnknownFields(Vec<String>),
}

impl fmt::Display for Caution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caution::NewerFormat { found } => write!(
                f,
                "was written by a newer Sitrep (format {found}; this one writes {FORMAT_VERSION}): opened read-only so nothing it holds is lost; update Sitrep to edit it, or Save As to keep a copy without what this version cannot read"
            ),
            Caution::UnknownFields(fields) => {
                let shown: Vec<&str> = fields.iter().take(3).map(String::as_str).collect();
                let more = if fields.len() > 3 {
                    format!(" and {} more", fields.len() - 3)
                } else {
                    String::new()
                };
                write!(
                    f,
                    "holds fields this Sitrep does not know ({}{more}): opened read-only so a save cannot drop them; Save As keeps a copy without them",
                    shown.join(", ")
                )
            }
        }
    }
}

/// A notebook as opened for editing: the notebook, and why it must not be
/// saved over, if it must not.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// What the file holds, as far as this Sitrep reads it.
    pub notebook: Notebook,
    /// Set when saving over the file would lose something.
    pub caution: Option<Caution>,
}

/// What a load or save is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Turning the text into a notebook and checking its rules.
    Parsing,
    /// Turning the notebook into text.
    Preparing,
    /// Writing the text to disk.
    Writing,
    /// Putting the written file in place: `done` of 2 steps, keeping the
    /// previous version as `.bak` (0 → 1) and renaming over it (1 → 2).
    Replacing,
}

impl Stage {
    /// "Reading", "Parsing"…, for a progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "Reading",
            Stage::Parsing => "Parsing",
            Stage::Preparing => "Preparing",
            Stage::Writing => "Writing",
            Stage::Replacing => "Replacing",
        }
    }
}

/// How far a load or save has come: `done` of `total` bytes in `stage`
/// (stages that cannot be measured report 0 of 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is being done.
    pub stage: Stage,
    /// Bytes done.
    pub done: u64,
    /// Bytes in all.
    pub total: u64,
}

/// Bytes read or written between two progress reports.
const PROGRESS_CHUNK: usize = 4 * 1024 * 1024;

/// Opens a notebook file. Never panics; on error nothing was loaded. Strict:
/// a file of a newer format is an error (see [`open_with_progress`]).
pub fn load(path: &Path) -> Result<Notebook, LoadError> {
    let bytes = read_with_progress(path, None, |_| {})?;
    parse(&bytes).map_err(|error| LoadError::Parse {
        path: path.to_owned(),
        error,
    })
}

/// Opens a notebook file for the app, telling `report` how far it has come:
/// a newer format or unknown fields open with a [`Caution`]. Setting
/// `cancel` stops it at the next step ([`LoadError::Cancelled`]): between
/// two pieces read, between two pieces of a big file parsed, before checking.
pub fn open_with_progress(
    path: &Path,
    cancel: &AtomicBool,
    report: impl FnMut(Progress),
) -> Result<Opened, LoadError> {
    let cancelled = || LoadError::Cancelled {
        path: path.to_owned(),
    };
    let mut report = report;
    let bytes = read_with_progress(path, Some(cancel), &mut report)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    let opened = parse_opened_with(&bytes, cancel, |done, total| {
        report(Progress {
            stage: Stage::Parsing,
            done,
            total,
        })
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    opened.map_err(|stopped| match stopped {
        read::Stopped::Error(error) => LoadError::Parse {
            path: path.to_owned(),
            error,
        },
        read::Stopped::Cancelled => cancelled(),
    })
}

/// The file's bytes, within the size cap, read in steps that are reported.
fn read_with_progress(
    path: &Path,
    cancel: Option<&AtomicBool>,
    mut report: impl FnMut(Progress),
) -> Result<Vec<u8>, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    loop {
        if cancel.is_some_and(|cancel| cancel.load(Ordering::Relaxed)) {
            return Err(LoadError::Cancelled {
                path: path.to_owned(),
            });
        }
        // Straight into the buffer, a step at a time (retrying when interrupted).
        match (&mut reader)
            .take(PROGRESS_CHUNK as u64)
            .read_to_end(&mut bytes)
        {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => return Err(io_error(error)),
        }
        report(Progress {
            stage: Stage::Reading,
            done: bytes.len() as u64,
            total: size.max(bytes.len() as u64),
        });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
        });
    }
    report(Progress {
        stage: Stage::Parsing,
        done: 0,
        total: 0,
    });
    Ok(bytes)
}

/// Where the previous version of `path` is kept: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves a notebook atomically: the text goes to a temporary file in the same
/// folder, is flushed to disk, and is renamed over `path`; the folder is then
/// flushed too. The file's permissions are kept, and its previous version is
/// kept as [`backup_path`]. On error the file on disk is untouched.
pub fn save(path: &Path, notebook: &Notebook) -> Result<(), SaveError> {
    save_with_progress(path, notebook, |_| {})
}

/// [`save`], telling `report` how far it has come.
pub fn save_with_progress(
    path: &Path,
    notebook: &Notebook,
    report: impl FnMut(Progress),
) -> Result<(), SaveError> {
    save_stamped(path, notebook, notebook.meta.modified, report)
}

/// [`save_with_progress`], the file saying it was modified at `modified`
/// (the notebook itself is left as it is: it may be shared with the app).
pub fn save_stamped(
    path: &Path,
    notebook: &Notebook,
    modified: jiff::Timestamp,
    mut report: impl FnMut(Progress),
) -> Result<(), SaveError> {
    report(Progress {
        stage: Stage::Preparing,
        done: 0,
        total: 0,
    });
    // A big notebook's text comes in parts, written one after the other
    // rather than first copied into one string.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = match parallel::text_parts(notebook, threads, Some(modified)) {
        Some(parts) => parts,
        // Small enough that a stamped copy costs nothing worth saving.
        None if notebook.meta.modified == modified => vec![to_text_in_one_pass(notebook)],
        None => {
            let mut stamped = notebook.clone();
            stamped.meta.modified = modified;
            vec![to_text_in_one_pass(&stamped)]
        }
    };
    let parts: Vec<&[u8]> = parts.iter().map(String::as_bytes).collect();
    write_parts(path, &parts, true, report)
}

/// Writes `bytes` to `path` by temp file, fsync and rename (see [`save`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with_progress(path, bytes, true, |_| {})
}

/// [`write_atomically`] without keeping the previous version as `.bak`: for
/// files whose history lives elsewhere (git's merge driver, `sitrep fmt`).
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with_progress(path, bytes, false, |_| {})
}

fn write_with_progress(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    report: impl FnMut(Progress),
) -> Result<(), SaveError> {
    write_parts(path, &[bytes], backup, report)
}

fn write_parts(
    path: &Path,
    parts: &[&[u8]],
    backup: bool,
    report: impl FnMut(Progress),
) -> Result<(), SaveError> {
    write_through(path, parts, backup, report, |file, chunk| {
        file.write_all(chunk)
    })
}

/// [`write_atomically`] with every chunk of bytes written by `write`: for
/// callers that watch or limit the writing (the tests simulate a disk that
/// fills up half-way). Whatever `write` fails with, the file is untouched.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    write_through(path, &[bytes], true, |_| {}, write)
}

/// Writes `parts`, one after the other, as the file at `path` (see [`save`]).
fn write_through(
    path: &Path,
    parts: &[&[u8]],
    backup: bool,
    mut report: impl FnMut(Progress),
    mut write: impl FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    let error = |step, source| SaveError {
        path: path.to_owned(),
        step,
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    remove_stale_temps(path);
    let temp = temp_path(path);
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| error("create a temporary file in its folder", e))?;
        let total = parts.iter().map(|part| part.len() as u64).sum();
        let mut done = 0u64;
        for chunk in parts.iter().flat_map(|part| part.chunks(PROGRESS_CHUNK)) {
            write(&mut file, chunk).map_err(|e| error("write", e))?;
            done += chunk.len() as u64;
            report(Progress {
                stage: Stage::Writing,
                done,
                total,
            });
        }
        file.sync_all().map_err(|e| error("flush to disk", e))?;
        drop(file);
        let replacing = |done| Progress {
            stage: Stage::Replacing,
            done,
            total: 2,
        };
        report(replacing(0));
        if let Ok(metadata) = fs::metadata(path) {
            fs::set_permissions(&temp, metadata.permissions())
                .map_err(|e| error("keep its permissions", e))?;
            if backup {
                keep_backup(path).map_err(|e| error("keep the previous version as .bak", e))?;
            }
        }
        report(replacing(1));
        fs::rename(&temp, path).map_err(|e| error("replace", e))?;
        report(replacing(2));
        // Flushing the folder makes the rename itself durable; some file
        // systems cannot open a folder for that, and then there is nothing more to do.
        if let Ok(dir) = File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Copies the current file to `.bak` through its own temp file and rename,
/// so the backup is whole too. A hard link is tried first: it costs nothing.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let temp = temp_path(&backup);
    if fs::hard_link(path, &temp).is_err() {
        fs::copy(path, &temp)?;
    }
    let renamed = fs::rename(&temp, &backup);
    // When `.bak` already is a link to the same file (a save killed just
    // after keeping it), rename succeeds without doing anything and leaves
    // the temporary link behind; its name is this call's own.
    let _ = fs::remove_file(&temp);
    renamed
}

/// Removes temporary files beside `path` left by saves of processes that
/// died mid-write (a crash, a kill): they are never the real file, and
/// would pile up. Those of running processes are left alone.
fn remove_stale_temps(path: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(rest) = file
            .strip_prefix(&format!(".{name}."))
            .and_then(|r| r.strip_prefix("bak.").or(Some(r)))
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Some((pid, counter)) = rest.split_once('.') else {
            continue;
        };
        let (Ok(pid), true) = (
            pid.parse::<u32>(),
            counter.bytes().all(|b| b.is_ascii_digit()),
        ) else {
            continue;
        };
        if !process_running(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` may still be running. Without a way to tell
/// (no /proc), it may: its files are then left alone.
fn process_running(pid: u32) -> bool {
    pid == std::process::id()
        || !Path::new("/proc/self").exists()
        || Path::new("/proc").join(pid.to_string()).exists()
}

/// A fresh temporary name beside `path`: hidden, unique per process and call.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{unique}.tmp", std::process::id()))
}

/// One line about a notebook for `sitrep check`:
/// `ok: 1 articles, 5 events, 3 series, 3 observations`.
pub fn summary(notebook: &Notebook) -> String {
    format!(
        "ok: {} articles, {} events, {} series, {} observations",
        notebook.articles.len(),
        notebook.events.len(),
        notebook.series.len(),
        notebook.observation_count()
    )
}
