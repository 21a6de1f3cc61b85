//! Recovery copies: while a notebook has unsaved changes the app writes it
//! here (never over the user's file), so that after a crash the next start
//! can offer it back. A clean exit removes the copy.
//!
//! Each running app has its own file, `recovery-<pid>-<session>.ron`, in
//! the app's data folder, written atomically like a notebook; the copy of
//! an app that is still running is not offered to another.

use super::{MAX_FILE_BYTES, ParseError, SaveError};
use crate::model::Notebook;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// When it was written.
    pub written: Timestamp,
    /// The notebook file the changes belong to; `None` for a notebook never saved.
    pub source: Option<PathBuf>,
    /// The notebook with its unsaved changes (shared with the app, which
    /// need not copy it to have it written).
    pub notebook: std::sync::Arc<Notebook>,
}

/// A recovery file found at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The recovery file itself.
    pub file: PathBuf,
    /// What it holds, or why it cannot be read.
    pub recovery: Result<Recovery, String>,
}

/// This app's own recovery file in `dir`.
pub fn own_file(dir: &Path, session: &str) -> PathBuf {
    dir.join(format!("recovery-{}-{session}.ron", std::process::id()))
}

/// Writes the recovery copy atomically (creating `dir` if needed).
pub fn write(file: &Path, recovery: &Recovery) -> Result<(), SaveError> {
    write_with_progress(file, recovery, |_| {})
}

/// [`write`], telling `report` how far it has come.
pub fn write_with_progress(
    file: &Path,
    recovery: &Recovery,
    report: impl FnMut(super::Progress),
) -> Result<(), SaveError> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|source| SaveError {
            path: dir.to_owned(),
            step: "create the recovery folder",
            source,
        })?;
    }
    super::write_with_progress(file, to_text(recovery).as_bytes(), false, report)
}

fn to_text(recovery: &Recovery) -> String {
    // One level deeper than a notebook file: the notebook is a field here.
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .depth_limit(super::ITEM_DEPTH + 1);
    ron::ser::to_string_pretty(recovery, config).unwrap_or_default()
}

/// Reads a recovery file's bytes: the same limits and rules as a notebook.
pub fn parse(bytes: &[u8]) -> Result<Recovery, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, col) = super::read::line_col(&bytes[..error.valid_up_to()]);
        ParseError::NotUtf8 { line, col }
    })?;
    let options = ron::Options::default().with_recursion_limit(super::RECURSION_LIMIT);
    let mut recovery: Recovery = options.from_str(text).map_err(super::read::syntax)?;
    // Just read, so not shared: no copy is made.
    std::sync::Arc::make_mut(&mut recovery.notebook).canonicalize();
    let problems = recovery.notebook.validate();
    if let Some(first) = problems.first() {
        return Err(ParseError::Invalid {
            first: first.to_string(),
            count: problems.len(),
        });
    }
    Ok(recovery)
}

/// Reads a recovery file.
pub fn read(file: &Path) -> Result<Recovery, String> {
    let size = std::fs::metadata(file)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{}: too large to be a recovery copy",
            file.display()
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    parse(&bytes).map_err(|e| format!("{}: {e}", file.display()))
}

/// The recovery files in `dir` left by apps that are no longer running,
/// newest first; this app's own (`session`) is never among them.
pub fn left_behind(dir: &Path, session: &str) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|file| {
            let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                return false;
            };
            let Some(rest) = name
                .strip_prefix("recovery-")
                .and_then(|r| r.strip_suffix(".ron"))
            else {
                return false;
            };
            let (pid, other_session) = rest.split_once('-').unwrap_or((rest, ""));
            other_session != session && !still_running(pid)
        })
        .map(|file| Found {
            recovery: read(&file),
            file,
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.recovery.as_ref().ok().map(|r| r.written)));
    found
}

/// Whether the process that wrote a recovery file still runs (another open
/// Sitrep). This process's own earlier sessions do not count.
fn still_running(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    // Where /proc exists (Linux) it tells; elsewhere offer the copy anyway.
    Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists()
}

/// Removes a recovery file; one that is already gone is fine.
pub fn remove(file: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(file) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}
