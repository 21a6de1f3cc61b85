//! The command line: `sitrep [NOTEBOOK.ron]` opens the window;
//! `sitrep check NOTEBOOK.ron...` validates files without one.
//!
//! Exit codes: 0 ok, 1 bad input (one line on stderr that says what and
//! where), 2 usage. Nothing here duplicates logic of the other modules.

use crate::store;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Open the window, on this notebook if one is named.
    Window(Option<PathBuf>),
    /// Validate these notebooks.
    Check(Vec<PathBuf>),
    /// Print usage.
    Help,
}

const USAGE: &str = "\
usage:
  sitrep [NOTEBOOK.ron]          open the app (default: the last notebook, else the sample)
  sitrep check NOTEBOOK.ron...   validate notebooks; one line each; exit 1 on the first bad file";

/// Reads the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Invocation, String> {
    match args {
        [] => Ok(Invocation::Window(None)),
        [flag] if flag == "-h" || flag == "--help" => Ok(Invocation::Help),
        [command, files @ ..] if command == "check" => {
            if files.is_empty() {
                Err("check: name at least one notebook".into())
            } else {
                Ok(Invocation::Check(files.iter().map(PathBuf::from).collect()))
            }
        }
        [flag, ..] if flag.starts_with('-') => Err(format!("unknown option '{flag}'")),
        [path] => Ok(Invocation::Window(Some(PathBuf::from(path)))),
        [_, extra, ..] => Err(format!("unexpected argument '{extra}'")),
    }
}

/// `sitrep check`: prints `FILE: ok: …` per good file; stops at the first
/// bad one with its error on stderr.
pub fn check(files: &[PathBuf], stdout: &mut impl Write, stderr: &mut impl Write) -> ExitCode {
    for file in files {
        match store::load(file) {
            Ok(notebook) => {
                let _ = writeln!(stdout, "{}: {}", file.display(), store::summary(&notebook));
            }
            Err(error) => {
                let _ = writeln!(stderr, "{error}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Runs the command line; opens the window when asked to.
pub fn run(args: &[String]) -> ExitCode {
    match parse_args(args) {
        Ok(Invocation::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Invocation::Check(files)) => {
            check(&files, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Ok(Invocation::Window(path)) => run_window(path),
        Err(message) => {
            eprintln!("sitrep: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_window(path: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sitrep")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Sitrep",
        options,
        Box::new(move |cc| {
            let app_options = crate::ui::AppOptions {
                open: path,
                ..Default::default()
            };
            Ok(Box::new(crate::ui::App::new(cc, app_options)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sitrep: cannot open a window: {error}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_choose_window_or_check() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_args(&args(&[])), Ok(Invocation::Window(None)));
        assert_eq!(
            parse_args(&args(&["a.ron"])),
            Ok(Invocation::Window(Some("a.ron".into())))
        );
        assert_eq!(
            parse_args(&args(&["check", "a.ron", "b.ron"])),
            Ok(Invocation::Check(vec!["a.ron".into(), "b.ron".into()]))
        );
        assert!(parse_args(&args(&["check"])).is_err());
        assert!(parse_args(&args(&["--frobnicate"])).is_err());
        assert!(parse_args(&args(&["a.ron", "b.ron"])).is_err());
    }
}
