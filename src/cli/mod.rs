//! The command line: `sitrep [NOTEBOOK.ron]` opens the window; the
//! subcommands (`check`, `extract`, `import`, `export`, `merge`, `fmt`,
//! `completions`) work without one. The grammar is in [`args`].
//!
//! Every error is one line on stderr, `sitrep: CMD: what went wrong`
//! (usage errors then add clap's tip and usage lines). Exit codes: 0 ok,
//! 1 invalid input or conflicts, 2 usage ([`args::EXIT_CODES`]). Nothing
//! here duplicates logic of the other modules. The JSON lines of `sitrep
//! extract` are written in [`json`], the one place that knows their format.

use crate::extract::Extractor;
use crate::import;
use crate::model::Notebook;
use crate::store;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub mod args;
pub mod json;
mod notebooks;

pub use args::{Cli, Cmd, ExportOptions};

pub use notebooks::{fmt, merge};

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
                let _ = writeln!(stderr, "sitrep: check: {error}");
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

/// `sitrep extract`: the facts of one article file as JSON lines,
/// relative dates counted from `published` (else the date the file states).
pub fn extract(
    file: &Path,
    published: Option<jiff::civil::Date>,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    // The gazetteer takes a tenth of a second to parse: do it while the file is read.
    let building = std::thread::spawn(|| {
        crate::extract::warm_up();
        Extractor::with_defaults()
    });
    let source = match import::read_file(file) {
        Ok(source) => source,
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: extract: {error}");
            return ExitCode::from(1);
        }
    };
    for warning in &source.warnings {
        let _ = writeln!(stderr, "{}: warning: {warning}", file.display());
    }
    let extractor = match building.join() {
        Ok(Ok(extractor)) => extractor,
        Ok(Err(error)) => {
            let _ = writeln!(stderr, "sitrep: extract: {error}");
            return ExitCode::from(1);
        }
        Err(_) => {
            let _ = writeln!(stderr, "sitrep: extract: the extractor could not be built");
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
            json::append(fact, &source.text, lines);
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
                let _ = writeln!(stderr, "sitrep: import: {error}");
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
            let _ = writeln!(stderr, "sitrep: import: {error}");
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
    let watcher = import::watch::Watcher::new(&notebook);
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
                let hits = watcher.hits(&source.title, &source.text);
                let watched = if hits.is_empty() {
                    String::new()
                } else {
                    format!("; watched: {}", hits.describe(&watcher))
                };
                let _ = writeln!(
                    stdout,
                    "{}: imported \"{}\" ({dated}) with {}{watched}",
                    file.display(),
                    source.title,
                    crate::model::counted(*proposals, "proposal", "proposals")
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
                let _ = writeln!(stderr, "sitrep: import: {reason}");
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
            let _ = writeln!(stderr, "sitrep: import: {error}");
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
    (format, out): (crate::export::Format, &Path),
    options: &ExportOptions,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let notebook = match store::load(notebook) {
        Ok(notebook) => notebook,
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: export: {error}");
            return ExitCode::from(1);
        }
    };
    let request = match export_request(&notebook, format, options) {
        Ok(request) => request,
        Err(message) => {
            let _ = writeln!(stderr, "sitrep: export: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(view) = options.view.as_deref().and_then(|n| notebook.view_named(n)) {
        for problem in crate::timeline::views::view_problems(&notebook, view) {
            let _ = writeln!(stderr, "sitrep: export: view '{}': {problem}", view.name);
        }
    }
    match crate::export::write(&notebook, out, &request) {
        Ok(written) => {
            for path in written {
                let _ = writeln!(stdout, "wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(stderr, "sitrep: export: {error}");
            ExitCode::from(1)
        }
    }
}

/// The export of this notebook to `format` that the options describe: the
/// saved view they name (`--view`), if any, with the other options laid on
/// top (`--from`, `--to` and `--known-on` replace the view's; `--tag` and
/// `--hide` add to it). Err: no view of that name (the message lists them).
pub fn export_request(
    notebook: &Notebook,
    format: crate::export::Format,
    args: &ExportOptions,
) -> Result<crate::export::Request, String> {
    let mut filter = match &args.view {
        None => crate::timeline::Filter::default(),
        Some(name) => match notebook.view_named(name) {
            Some(view) => crate::timeline::Filter::from_view(view),
            None => return Err(no_such_view(notebook, name)),
        },
    };
    let (from, to) = (
        args.from.or(filter.window.map(|w| w.0)),
        args.to.or(filter.window.map(|w| w.1)),
    );
    filter.window = None;
    filter.known_on = args.known_on.or(filter.known_on);
    filter.as_share |= args.share;
    for tag in &args.tags {
        if !filter.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            filter.tags.push(tag.clone());
        }
    }
    for category in &args.hidden {
        if !filter.hidden_categories.contains(category) {
            filter.hidden_categories.push(*category);
        }
    }
    let data = crate::timeline::data_range(notebook);
    let range = match (from, to) {
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
    let window = match (from, to, whole) {
        (None, None, _) => None,
        (from, to, whole) => {
            let first = from.or(whole.map(|w| w.0));
            let last = to.or(whole.map(|w| w.1));
            first.zip(last)
        }
    };
    Ok(crate::export::Request::new(
        notebook,
        format,
        (args.width, args.height),
        filter,
        range,
        window,
    ))
}

/// "no view named X": with the names there are, so the next try is right.
fn no_such_view(notebook: &Notebook, name: &str) -> String {
    if notebook.views.is_empty() {
        return format!("no view named '{name}': this notebook has no saved views");
    }
    let names: Vec<&str> = notebook.views.iter().map(|v| v.name.as_str()).collect();
    format!(
        "no view named '{name}': this notebook has {}",
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Runs the command line (`args` with the program name first, as
/// [`std::env::args_os`] gives them); opens the window when asked to.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    use clap::Parser;
    let args: Vec<OsString> = args.into_iter().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => {
            let typed = subcommand_typed(&args);
            let mistyped = match typed {
                None => first_word(&args).and_then(|word| mistyped_subcommand(Path::new(word))),
                Some(_) => None,
            };
            return usage_error(mistyped.as_ref().unwrap_or(&error), typed.as_deref());
        }
    };
    let Some(command) = cli.command else {
        if let Some(mistyped) = cli.notebook.as_deref().and_then(mistyped_subcommand) {
            return usage_error(&mistyped, None);
        }
        return run_window(cli.notebook);
    };
    let name = command.name();
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr());
    match command {
        Cmd::Check(a) => check(&a.files, a.strict, &mut stdout, &mut stderr),
        Cmd::Extract(a) => extract(&a.file, a.published, &mut stdout, &mut stderr),
        Cmd::Import(a) => import(&a.files, &a.into, &mut stdout, &mut stderr),
        Cmd::Export(a) => match export_target(&a) {
            Ok((format, out)) => export(
                &a.notebook,
                (format, &out),
                &a.options,
                &mut stdout,
                &mut stderr,
            ),
            Err(message) => {
                let _ = writeln!(stderr, "sitrep: {name}: {message}");
                ExitCode::from(2)
            }
        },
        Cmd::Merge(a) => merge(
            &a.base,
            &a.ours,
            &a.theirs,
            a.output.as_deref(),
            &mut stdout,
            &mut stderr,
        ),
        Cmd::Fmt(a) => fmt(&a.files, a.check, &mut stdout, &mut stderr),
        Cmd::Completions(a) => {
            use clap::CommandFactory;
            clap_complete::generate(a.shell, &mut Cli::command(), "sitrep", &mut stdout);
            ExitCode::SUCCESS
        }
    }
}

/// The format and file `sitrep export` was asked for, or why its flags
/// do not fit together.
pub fn export_target(
    command: &args::ExportCmd,
) -> Result<(crate::export::Format, PathBuf), String> {
    let options = &command.options;
    if let (Some(from), Some(to)) = (options.from, options.to)
        && from > to
    {
        return Err(format!("--from {from} is after --to {to}"));
    }
    if let Some(map) = &command.target.map {
        let extension = map.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["svg", "png"]
            .iter()
            .any(|e| extension.eq_ignore_ascii_case(e))
        {
            return Err(format!(
                "--map writes a picture: name it .svg or .png, not {}",
                map.display()
            ));
        }
    }
    command.target.chosen().ok_or_else(|| {
        "say what to write: --csv, --svg, --png, --md or --map, then a file".to_owned()
    })
}

/// Prints a usage error, or the help or version asked for, and gives its
/// status: help and version go to stdout with 0; errors read
/// `sitrep: CMD: what went wrong`, then clap's tip and usage, with 2.
fn usage_error(error: &clap::Error, subcommand: Option<&str>) -> ExitCode {
    use clap::error::ErrorKind;
    let status = ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = error.print();
        return status;
    }
    eprint!(
        "{}",
        in_house_error(&error.render().to_string(), subcommand)
    );
    status
}

/// Clap's `error: …` text in the one error format, `sitrep: CMD: …`.
pub fn in_house_error(rendered: &str, subcommand: Option<&str>) -> String {
    let prefix = match subcommand {
        Some(name) => format!("sitrep: {name}: "),
        None => "sitrep: ".to_owned(),
    };
    let what = rendered.strip_prefix("error: ").unwrap_or(rendered);
    format!("{prefix}{what}")
}

/// The first argument that is not an option.
fn first_word(args: &[OsString]) -> Option<&std::ffi::OsStr> {
    args.iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(OsString::as_os_str)
}

/// The subcommand the arguments name, if their first word is one.
fn subcommand_typed(args: &[OsString]) -> Option<String> {
    use clap::CommandFactory;
    let first = first_word(args)?.to_str()?;
    let command = Cli::command();
    let known = command.get_subcommands().any(|c| c.get_name() == first) || first == "help";
    known.then(|| first.to_owned())
}

/// The usage error for `sitrep chek`: a bare word that names no file but
/// is close to a subcommand is a typo, not a notebook to open.
fn mistyped_subcommand(path: &Path) -> Option<clap::Error> {
    use clap::Subcommand;
    if path.exists() || path.extension().is_some() || path.components().count() != 1 {
        return None;
    }
    let subcommands_only = Cmd::augment_subcommands(clap::Command::new("sitrep"))
        .override_usage("sitrep [NOTEBOOK.ron]\n       sitrep <COMMAND>");
    let error = subcommands_only
        .try_get_matches_from([std::ffi::OsStr::new("sitrep"), path.as_os_str()])
        .err()?;
    error
        .get(clap::error::ContextKind::SuggestedSubcommand)
        .is_some()
        .then_some(error)
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
