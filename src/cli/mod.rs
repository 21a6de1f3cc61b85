//! The command line: `sitrep [NOTEBOOK.ron]` opens the window;
//! `sitrep check`, `sitrep extract` and `sitrep import` work without one.
//!
//! Exit codes: 0 ok, 1 bad input (one line on stderr that says what and
//! where), 2 usage. Nothing here duplicates logic of the other modules.

use crate::extract::Extractor;
use crate::import;
use crate::model::Notebook;
use crate::store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod notebooks;

pub use notebooks::{fmt, merge};

/// How `sitrep export` was asked to draw and what to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportArgs {
    /// The file kind.
    pub format: crate::export::Format,
    /// Picture width in pixels (SVG, PNG and the report's chart).
    pub width: u32,
    /// Picture height in pixels.
    pub height: u32,
    /// First day shown (and of the report's window).
    pub from: Option<jiff::civil::Date>,
    /// Last day shown (and of the report's window).
    pub to: Option<jiff::civil::Date>,
    /// Only what had been published by this day.
    pub known_on: Option<jiff::civil::Date>,
    /// Only items with one of these tags.
    pub tags: Vec<String>,
    /// Event categories left out.
    pub hidden: Vec<crate::model::Category>,
    /// Figures as shares of their whole.
    pub share: bool,
}

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Open the window, on this notebook if one is named.
    Window(Option<PathBuf>),
    /// Validate these notebooks.
    Check {
        /// The notebooks.
        files: Vec<PathBuf>,
        /// Broken evidence fails the check (exit 1), not only warns.
        strict: bool,
    },
    /// Print the facts in a file as JSON lines.
    Extract {
        /// The article file.
        file: PathBuf,
        /// The date relative phrases count from.
        published: Option<String>,
    },
    /// Write a notebook out in another format.
    Export {
        /// The notebook.
        notebook: PathBuf,
        /// Where to write.
        out: PathBuf,
        /// What to write and how.
        args: ExportArgs,
    },
    /// Add articles (and their proposals) to a notebook.
    Import {
        /// Article files or folders.
        files: Vec<PathBuf>,
        /// The notebook to add them to (made if missing).
        into: PathBuf,
    },
    /// Three-way merge of notebooks by id.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the result; standard output when `None`.
        out: Option<PathBuf>,
    },
    /// Rewrite notebooks in canonical form.
    Fmt {
        /// The notebooks.
        files: Vec<PathBuf>,
        /// Only check: exit 1 if any is not canonical.
        check: bool,
    },
    /// Print usage.
    Help,
}

const USAGE: &str = "\
usage:
  sitrep [NOTEBOOK.ron]          open the app (default: the last notebook, else the sample)
  sitrep check [--strict] NOTEBOOK.ron...
                                 validate notebooks and their evidence; a line each;
                                 exit 1 on the first bad file (--strict: or broken evidence)
  sitrep extract FILE [--published YYYY-MM-DD]
                                 print the counts, dates, places and actors in FILE as JSON lines
  sitrep import FILE... --into NOTEBOOK.ron
                                 add articles (txt, md, html, eml; folders too) and their proposals
  sitrep merge BASE OURS THEIRS [-o OUT]
                                 three-way merge by id; exit 1 on conflicts (listed, both kept)
  sitrep fmt [--check] NOTEBOOK.ron...
                                 rewrite in canonical form (--check: exit 1 if one is not)
  sitrep export NOTEBOOK.ron (--csv | --svg | --png | --md) OUT [options]
                                 --csv: every event and figure with its source
                                 --svg, --png: the timeline as a picture
                                 --md: a situation report, its chart beside it (OUT-chart.svg)
    options: --width PX --height PX (default 1200 x 700)
             --from YYYY-MM-DD --to YYYY-MM-DD   the dates shown; the report's window
             --known-on YYYY-MM-DD   only what had been published by then
             --tag TAG (repeatable)  only items tagged so (or from articles tagged so)
             --hide CATEGORY (repeatable)  leave a category of events out
             --share                 figures as a percentage of their whole";

fn parse_date(flag: &str, text: Option<&String>) -> Result<jiff::civil::Date, String> {
    let text = text.ok_or_else(|| format!("export: {flag} needs a date (YYYY-MM-DD)"))?;
    text.trim()
        .parse()
        .map_err(|_| format!("export: {flag} '{text}' is not a date (YYYY-MM-DD)"))
}

fn parse_export(rest: &[String]) -> Result<Invocation, String> {
    use crate::export::Format;
    let mut notebook = None;
    let mut target: Option<(Format, PathBuf)> = None;
    let mut args = ExportArgs {
        format: Format::Csv,
        width: 1200,
        height: 700,
        from: None,
        to: None,
        known_on: None,
        tags: Vec::new(),
        hidden: Vec::new(),
        share: false,
    };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let size = |flag: &str, text: Option<&String>| -> Result<u32, String> {
            let text = text.ok_or_else(|| format!("export: {flag} needs a number of pixels"))?;
            text.parse()
                .map_err(|_| format!("export: {flag} '{text}' is not a number of pixels"))
        };
        match arg.as_str() {
            "--csv" | "--svg" | "--png" | "--md" => {
                let format = match arg.as_str() {
                    "--csv" => Format::Csv,
                    "--svg" => Format::Svg,
                    "--png" => Format::Png,
                    _ => Format::Markdown,
                };
                if target.is_some() {
                    return Err("export: one format at a time".into());
                }
                let out = rest
                    .next()
                    .ok_or_else(|| format!("export: {arg} needs a file to write"))?;
                target = Some((format, PathBuf::from(out)));
            }
            "--width" => args.width = size("--width", rest.next())?,
            "--height" => args.height = size("--height", rest.next())?,
            "--from" => args.from = Some(parse_date("--from", rest.next())?),
            "--to" => args.to = Some(parse_date("--to", rest.next())?),
            "--known-on" => args.known_on = Some(parse_date("--known-on", rest.next())?),
            "--tag" => args.tags.push(
                rest.next()
                    .ok_or("export: --tag needs a tag")?
                    .trim()
                    .to_owned(),
            ),
            "--hide" => {
                let name = rest.next().ok_or("export: --hide needs a category")?;
                let category = crate::model::Category::ALL
                    .into_iter()
                    .find(|c| c.label().eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        let names: Vec<&str> = crate::model::Category::ALL
                            .iter()
                            .map(|c| c.label())
                            .collect();
                        format!(
                            "export: unknown category '{name}' (one of {})",
                            names.join(", ")
                        )
                    })?;
                args.hidden.push(category);
            }
            "--share" => args.share = true,
            flag if flag.starts_with("--") => {
                return Err(format!("export: unknown option '{flag}'"));
            }
            path if notebook.is_none() => notebook = Some(PathBuf::from(path)),
            extra => return Err(format!("export: unexpected argument '{extra}'")),
        }
    }
    let notebook = notebook.ok_or("export: name the notebook")?;
    let (format, out) =
        target.ok_or("export: say what to write: --csv, --svg, --png or --md, then a file")?;
    args.format = format;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(format!("export: --from {from} is after --to {to}"));
    }
    Ok(Invocation::Export {
        notebook,
        out,
        args,
    })
}

/// Reads the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Invocation, String> {
    match args {
        [] => Ok(Invocation::Window(None)),
        [flag] if flag == "-h" || flag == "--help" => Ok(Invocation::Help),
        [command, rest @ ..] if command == "check" => {
            let strict = rest.iter().any(|a| a == "--strict");
            let files: Vec<PathBuf> = rest
                .iter()
                .filter(|a| *a != "--strict")
                .map(PathBuf::from)
                .collect();
            if files.is_empty() {
                Err("check: name at least one notebook".into())
            } else {
                Ok(Invocation::Check { files, strict })
            }
        }
        [command, rest @ ..] if command == "extract" => {
            let mut file = None;
            let mut published = None;
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--published" => {
                        published = Some(
                            rest.next()
                                .ok_or("extract: --published needs a date (YYYY-MM-DD)")?
                                .clone(),
                        )
                    }
                    flag if flag.starts_with("--") => {
                        return Err(format!("extract: unknown option '{flag}'"));
                    }
                    path if file.is_none() => file = Some(PathBuf::from(path)),
                    extra => return Err(format!("extract: unexpected argument '{extra}'")),
                }
            }
            Ok(Invocation::Extract {
                file: file.ok_or("extract: name a file")?,
                published,
            })
        }
        [command, rest @ ..] if command == "export" => parse_export(rest),
        [command, rest @ ..] if command == "merge" => {
            let mut paths = Vec::new();
            let mut out = None;
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "-o" | "--output" => {
                        out = Some(PathBuf::from(
                            rest.next().ok_or("merge: -o needs a file to write")?,
                        ))
                    }
                    flag if flag.starts_with('-') => {
                        return Err(format!("merge: unknown option '{flag}'"));
                    }
                    path => paths.push(PathBuf::from(path)),
                }
            }
            let [base, ours, theirs]: [PathBuf; 3] = paths
                .try_into()
                .map_err(|_| "merge: name three notebooks: BASE OURS THEIRS".to_owned())?;
            Ok(Invocation::Merge {
                base,
                ours,
                theirs,
                out,
            })
        }
        [command, rest @ ..] if command == "fmt" => {
            let check = rest.iter().any(|a| a == "--check");
            if let Some(flag) = rest.iter().find(|a| a.starts_with('-') && *a != "--check") {
                return Err(format!("fmt: unknown option '{flag}'"));
            }
            let files: Vec<PathBuf> = rest
                .iter()
                .filter(|a| *a != "--check")
                .map(PathBuf::from)
                .collect();
            if files.is_empty() {
                return Err("fmt: name at least one notebook".into());
            }
            Ok(Invocation::Fmt { files, check })
        }
        [command, rest @ ..] if command == "import" => {
            let mut files = Vec::new();
            let mut into = None;
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--into" => {
                        into = Some(PathBuf::from(
                            rest.next().ok_or("import: --into needs a notebook")?,
                        ))
                    }
                    flag if flag.starts_with("--") => {
                        return Err(format!("import: unknown option '{flag}'"));
                    }
                    path => files.push(PathBuf::from(path)),
                }
            }
            let into = into.ok_or("import: say which notebook with --into NOTEBOOK.ron")?;
            if files.is_empty() {
                return Err("import: name at least one file".into());
            }
            Ok(Invocation::Import { files, into })
        }
        [flag, ..] if flag.starts_with('-') => Err(format!("unknown option '{flag}'")),
        [path] => Ok(Invocation::Window(Some(PathBuf::from(path)))),
        [_, extra, ..] => Err(format!("unexpected argument '{extra}'")),
    }
}

/// `sitrep check`: prints `FILE: ok: …` per file that loads, then on stderr
/// a line for each piece of evidence that does not hold (the item, what is
/// wrong, where); stops at the first file that does not load, with its
/// error. Exit 1 for a file that does not load, and with `strict` for
/// broken evidence too.
pub fn check(
    files: &[PathBuf],
    strict: bool,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let mut broken = false;
    for file in files {
        match store::load(file) {
            Ok(notebook) => {
                let _ = writeln!(stdout, "{}: {}", file.display(), store::summary(&notebook));
                let problems = crate::model::evidence_problems(&notebook);
                let level = if strict { "error" } else { "warning" };
                for problem in &problems {
                    let _ = writeln!(stderr, "{}: {level}: {problem}", file.display());
                }
                broken |= !problems.is_empty();
            }
            Err(error) => {
                let _ = writeln!(stderr, "{error}");
                return ExitCode::from(1);
            }
        }
    }
    if strict && broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `sitrep extract`: the facts of one article file as JSON lines.
pub fn extract(
    file: &Path,
    published: Option<&str>,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let published = match published.map(|p| p.parse::<jiff::civil::Date>()) {
        Some(Ok(date)) => Some(date),
        Some(Err(_)) => {
            let _ = writeln!(stderr, "sitrep: --published wants a day as YYYY-MM-DD");
            return ExitCode::from(2);
        }
        None => None,
    };
    // The gazetteer takes a tenth of a second to parse: do it while the file is read.
    let building = std::thread::spawn(|| {
        crate::extract::warm_up();
        Extractor::with_defaults()
    });
    let source = match import::read_file(file) {
        Ok(source) => source,
        Err(error) => {
            let _ = writeln!(stderr, "{error}");
            return ExitCode::from(1);
        }
    };
    for warning in &source.warnings {
        let _ = writeln!(stderr, "{}: warning: {warning}", file.display());
    }
    let extractor = match building.join() {
        Ok(Ok(extractor)) => extractor,
        Ok(Err(error)) => {
            let _ = writeln!(stderr, "sitrep: {error}");
            return ExitCode::from(1);
        }
        Err(_) => {
            let _ = writeln!(stderr, "sitrep: the extractor could not be built");
            return ExitCode::from(1);
        }
    };
    let reference = published.unwrap_or_else(|| crate::extract::reference_for(source.published));
    let facts = extractor.extract(&source.text, reference);
    // One write per line cost a third of the time in the kernel: lines are
    // gathered and written in large pieces, and the two halves of each
    // piece are written out as JSON on both cores at once.
    const HALF: usize = 1 << 13;
    let lines_of = |facts: &[crate::extract::Fact], lines: &mut Vec<u8>| {
        lines.clear();
        for fact in facts {
            fact.append_json(&source.text, lines);
            lines.push(b'\n');
        }
    };
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let mut written = Ok(());
    for piece in facts.chunks(2 * HALF) {
        let (head, tail) = piece.split_at(piece.len().min(HALF));
        std::thread::scope(|scope| {
            scope.spawn(|| lines_of(tail, &mut second));
            lines_of(head, &mut first);
        });
        written = stdout
            .write_all(&first)
            .and_then(|()| stdout.write_all(&second));
        if written.is_err() {
            break;
        }
    }
    if written.is_ok() {
        written = stdout.flush();
    }
    // A failed write means the reader went away (a closed pipe): stop quietly.
    drop(written);
    ExitCode::SUCCESS
}

/// `sitrep import`: adds each file as an article with its proposals, skips
/// duplicates, reports each file on one line, and saves the notebook once.
/// Exits 1 if any file was refused (the others are still added).
pub fn import(
    files: &[PathBuf],
    into: &Path,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let mut notebook = if into.exists() {
        match store::load(into) {
            Ok(notebook) => notebook,
            Err(error) => {
                let _ = writeln!(stderr, "{error}");
                return ExitCode::from(1);
            }
        }
    } else {
        let title = into
            .file_stem()
            .map_or("Notebook".into(), |s| s.to_string_lossy().into_owned());
        Notebook::new(
            uuid::Uuid::now_v7().to_string(),
            title,
            jiff::Timestamp::now(),
        )
    };
    let extractor = match Extractor::for_notebook(&notebook) {
        Ok(extractor) => extractor,
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: {error}");
            return ExitCode::from(1);
        }
    };
    let now = jiff::Timestamp::now();
    let read = import::expand(files)
        .into_iter()
        .map(|file| {
            let result = crate::workspace::import_batch::read_one(&file, &extractor, now);
            (file, result)
        })
        .collect();
    let plan = crate::workspace::import_batch::plan(&notebook, read);
    let mut failed = plan.refused() > 0;
    for (file, outcome) in &plan.files {
        use crate::workspace::import_batch::Outcome;
        match outcome {
            Outcome::Added {
                source, proposals, ..
            } => {
                for warning in &source.warnings {
                    let _ = writeln!(stderr, "{}: warning: {warning}", file.display());
                }
                let dated = match source.published {
                    Some(_) => format!(
                        "dated {}",
                        crate::model::describe_published(source.published, source.published_from)
                    ),
                    None => {
                        "undated: give it a date before accepting its relative dates".to_owned()
                    }
                };
                let _ = writeln!(
                    stdout,
                    "{}: imported \"{}\" ({dated}) with {proposals} proposals",
                    file.display(),
                    source.title
                );
            }
            Outcome::Duplicate => {
                let _ = writeln!(
                    stdout,
                    "{}: skipped: the notebook already has this text",
                    file.display()
                );
            }
            Outcome::Refused(reason) => {
                let _ = writeln!(stderr, "{reason}");
            }
        }
    }
    let mut added = plan.added();
    if let Some(edit) = plan.edit
        && let Err(error) = edit.apply(&mut notebook)
    {
        let _ = writeln!(stderr, "sitrep: import: {error}");
        failed = true;
        added = 0;
    }
    if added > 0 {
        notebook.meta.modified = jiff::Timestamp::now();
        if let Err(error) = store::save(into, &notebook) {
            let _ = writeln!(stderr, "{error}");
            return ExitCode::from(1);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `sitrep export`: writes the notebook as CSV, SVG, PNG or a Markdown report.
pub fn export(
    notebook: &Path,
    out: &Path,
    args: &ExportArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let notebook = match store::load(notebook) {
        Ok(notebook) => notebook,
        Err(error) => {
            let _ = writeln!(stderr, "{error}");
            return ExitCode::from(1);
        }
    };
    let request = export_request(&notebook, args);
    match crate::export::write(&notebook, out, &request) {
        Ok(written) => {
            for path in written {
                let _ = writeln!(stdout, "wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: {error}");
            ExitCode::from(1)
        }
    }
}

/// The export the arguments describe, for this notebook.
pub fn export_request(notebook: &Notebook, args: &ExportArgs) -> crate::export::Request {
    let data = crate::timeline::data_range(notebook);
    let range = match (args.from, args.to) {
        (None, None) => None,
        (from, to) => {
            let start = from
                .map(crate::timeline::day_x)
                .or(data.map(|d| d.0))
                .unwrap_or(0.0);
            let end = to
                .map(|d| crate::timeline::day_x(d) + 1.0)
                .or(data.map(|d| d.1))
                .unwrap_or(start + 30.0);
            Some((start, end.max(start + 1.0)))
        }
    };
    let whole = crate::export::report::whole_window(notebook);
    let window = match (args.from, args.to, whole) {
        (None, None, _) => None,
        (from, to, whole) => {
            let first = from.or(whole.map(|w| w.0));
            let last = to.or(whole.map(|w| w.1));
            first.zip(last)
        }
    };
    let filter = crate::timeline::Filter {
        known_on: args.known_on,
        hidden_categories: args.hidden.clone(),
        as_share: args.share,
        tags: args.tags.clone(),
        window: None,
    };
    crate::export::Request::new(
        notebook,
        args.format,
        (args.width, args.height),
        filter,
        range,
        window,
    )
}

/// Runs the command line; opens the window when asked to.
pub fn run(args: &[String]) -> ExitCode {
    match parse_args(args) {
        Ok(Invocation::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Invocation::Check { files, strict }) => check(
            &files,
            strict,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Extract { file, published }) => extract(
            &file,
            published.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Export {
            notebook,
            out,
            args,
        }) => export(
            &notebook,
            &out,
            &args,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Import { files, into }) => import(
            &files,
            &into,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Merge {
            base,
            ours,
            theirs,
            out,
        }) => merge(
            &base,
            &ours,
            &theirs,
            out.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Fmt { files, check }) => fmt(
            &files,
            check,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Ok(Invocation::Window(path)) => run_window(path),
        Err(message) => {
            eprintln!("sitrep: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "app")]
fn run_window(path: Option<PathBuf>) -> ExitCode {
    match crate::ui::run_window(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sitrep: cannot open a window: {error}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "app"))]
fn run_window(_path: Option<PathBuf>) -> ExitCode {
    eprintln!("sitrep: this build has no window (built without the `app` feature)");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests;
