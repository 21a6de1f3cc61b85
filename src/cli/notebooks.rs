//! The subcommands that write notebook files back: `sitrep merge` and
//! `sitrep fmt`.

use super::*;

/// `sitrep merge`: merges by id and writes the result (also when there are
/// conflicts: both values are kept in it). Exit 1 on conflicts, listed on stderr.
pub fn merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: Option<&Path>,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let mut notebooks = Vec::with_capacity(3);
    for path in [base, ours, theirs] {
        match store::load(path) {
            Ok(notebook) => notebooks.push(notebook),
            Err(error) => {
                let _ = writeln!(stderr, "sitrep: merge: {error}");
                return ExitCode::from(1);
            }
        }
    }
    let merged = match store::merge::merge(&notebooks[0], &notebooks[1], &notebooks[2]) {
        Ok(merged) => merged,
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: merge: {error}");
            return ExitCode::from(1);
        }
    };
    let written = match out {
        Some(path) => store::write_replacing(path, store::to_text(&merged.notebook).as_bytes())
            .map_err(|e| e.to_string()),
        None => stdout
            .write_all(store::to_text(&merged.notebook).as_bytes())
            .map_err(|e| format!("cannot write the result: {e}")),
    };
    if let Err(error) = written {
        let _ = writeln!(stderr, "sitrep: merge: {error}");
        return ExitCode::from(1);
    }
    if merged.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(
        stderr,
        "sitrep: merge: {} conflicts (ours kept in place, theirs kept beside it; settle them in Sitrep):",
        merged.conflicts.len()
    );
    for conflict in &merged.conflicts {
        let field = if conflict.field.is_empty() {
            "(deleted on one side, edited on the other)"
        } else {
            conflict.field.as_str()
        };
        let _ = writeln!(
            stderr,
            "  {} {field}: ours {} / theirs {}",
            conflict.item,
            short(&conflict.ours),
            short(&conflict.theirs)
        );
    }
    ExitCode::from(1)
}

/// A value cut to fit one line of a listing.
fn short(text: &str) -> String {
    let mut cut: String = text.chars().take(80).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// `sitrep fmt`: rewrites each notebook in canonical form (atomically), or
/// with `check` only says which are not; exit 1 if any is not (or is bad).
pub fn fmt(
    files: &[PathBuf],
    check: bool,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for file in files {
        let opened = std::fs::read(file)
            .map_err(|e| format!("{}: {e}", file.display()))
            .and_then(|bytes| {
                let opened =
                    store::parse_opened(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
                Ok((bytes, opened))
            });
        let (bytes, opened) = match opened {
            Ok(read) => read,
            Err(error) => {
                let _ = writeln!(stderr, "sitrep: fmt: {error}");
                code = ExitCode::from(1);
                continue;
            }
        };
        if let Some(caution) = opened.caution {
            let _ = writeln!(
                stderr,
                "sitrep: fmt: {}: left as it is: it {caution}",
                file.display()
            );
            code = ExitCode::from(1);
            continue;
        }
        let canonical = store::to_text(&opened.notebook);
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if check {
            let _ = writeln!(stdout, "{}: not in canonical form", file.display());
            code = ExitCode::from(1);
        } else if let Err(error) = store::write_replacing(file, canonical.as_bytes()) {
            let _ = writeln!(stderr, "sitrep: fmt: {error}");
            code = ExitCode::from(1);
        } else {
            let _ = writeln!(stdout, "{}: rewritten", file.display());
        }
    }
    code
}
