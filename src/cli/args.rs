//! The command line's grammar: one clap definition that parses the
//! arguments and writes `--help`, `help CMD`, the usage lines of errors and
//! the shell completions, so the documentation cannot drift from the parser.

use crate::model::Category;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// What the exit status means, for every subcommand.
pub const EXIT_CODES: &str = "\
Exit status:
  0  success (`check`: warnings about evidence are printed, the status stays 0)
  1  invalid input: a file that cannot be read or is not a notebook, a refused
     import, merge conflicts, `check --strict` with broken evidence,
     `fmt --check` with a file not in canonical form
  2  usage: an unknown subcommand or option, a missing or malformed argument";

/// `sitrep`: with no subcommand, the desktop app.
#[derive(Debug, Parser)]
#[command(
    name = "sitrep",
    version,
    about = "A desktop notebook for tracking a fast-moving conflict: articles, \
             the events and figures they report, and a timeline.",
    long_about = "A desktop notebook for tracking a fast-moving conflict: articles, \
                  the events and figures they report, and a timeline.\n\n\
                  With no subcommand Sitrep opens its window on NOTEBOOK.ron, or on \
                  the last notebook open, or on the sample. The subcommands work \
                  without a window.",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The notebook to open in the window (default: the last one, else the sample)
    #[arg(value_name = "NOTEBOOK.ron")]
    pub notebook: Option<PathBuf>,
    /// A subcommand that works without a window.
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Validate notebooks and every piece of their evidence
    ///
    /// Prints `FILE: ok: …` for each notebook that loads, then one line on
    /// stderr for each piece of evidence that does not hold: a span outside its
    /// article or off a character boundary, a quote that no longer equals the
    /// article's words at its span, a reference to something missing. Stops at
    /// the first file that does not load.
    Check(CheckArgs),
    /// Print the counts, dates, places and actors in a file as JSON lines
    Extract(ExtractArgs),
    /// Add articles (txt, md, html, eml; folders too) and their proposals to a notebook
    ///
    /// Each file is reported on one line; a text the notebook already holds is
    /// skipped. The notebook is made if it does not exist and saved once.
    Import(ImportArgs),
    /// Write a notebook out as CSV, a picture of its timeline, or a report
    Export(ExportCmd),
    /// Three-way merge of notebooks by id
    ///
    /// Items are matched by id; a field both sides changed differently is a
    /// conflict: both versions are kept and listed, and the status is 1. As
    /// git's merge driver: `sitrep merge %O %A %B -o %A`.
    Merge(MergeArgs),
    /// Rewrite notebooks in canonical form (the way Sitrep saves them)
    Fmt(FmtArgs),
    /// Print a shell completion script
    ///
    /// For example: `sitrep completions bash > ~/.local/share/bash-completion/completions/sitrep`,
    /// `sitrep completions zsh > ~/.zfunc/_sitrep`, or
    /// `sitrep completions fish > ~/.config/fish/completions/sitrep.fish`.
    Completions(CompletionsArgs),
}

impl Cmd {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Cmd::Check(_) => "check",
            Cmd::Extract(_) => "extract",
            Cmd::Import(_) => "import",
            Cmd::Export(_) => "export",
            Cmd::Merge(_) => "merge",
            Cmd::Fmt(_) => "fmt",
            Cmd::Completions(_) => "completions",
        }
    }
}

/// `sitrep check`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct CheckArgs {
    /// Broken evidence is an error (status 1), not a warning
    #[arg(long)]
    pub strict: bool,
    /// The notebooks to check
    #[arg(value_name = "NOTEBOOK.ron", required = true)]
    pub files: Vec<PathBuf>,
}

/// `sitrep extract`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct ExtractArgs {
    /// The article: text, Markdown, HTML or mail
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The day relative phrases ("on Sunday") count from (default: the date the file states)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub published: Option<jiff::civil::Date>,
}

/// `sitrep import`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct ImportArgs {
    /// Article files or folders
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The notebook to add them to (made if missing)
    #[arg(long, value_name = "NOTEBOOK.ron")]
    pub into: PathBuf,
}

/// `sitrep export`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct ExportCmd {
    /// The notebook to export
    #[arg(value_name = "NOTEBOOK.ron")]
    pub notebook: PathBuf,
    /// What to write, and where.
    #[command(flatten)]
    pub target: ExportTarget,
    /// How to draw and what to keep.
    #[command(flatten)]
    pub options: ExportOptions,
}

/// How `sitrep export` draws and what it keeps.
#[derive(Clone, Debug, Args)]
pub struct ExportOptions {
    /// Picture width in pixels (SVG, PNG and the report's chart)
    #[arg(long, value_name = "PX", default_value_t = 1200)]
    pub width: u32,
    /// Picture height in pixels
    #[arg(long, value_name = "PX", default_value_t = 700)]
    pub height: u32,
    /// First day shown; the start of the report's window
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub from: Option<jiff::civil::Date>,
    /// Last day shown; the end of the report's window
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub to: Option<jiff::civil::Date>,
    /// Only what had been published by this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub known_on: Option<jiff::civil::Date>,
    /// Only items tagged so, or from articles tagged so (repeatable)
    #[arg(long = "tag", value_name = "TAG", value_parser = parse_tag)]
    pub tags: Vec<String>,
    /// Leave a category of events out (repeatable)
    #[arg(long = "hide", value_name = "CATEGORY", ignore_case = true)]
    pub hidden: Vec<Category>,
    /// Figures as a percentage of their whole
    #[arg(long)]
    pub share: bool,
    /// Start from a view saved in the notebook (by name, without case); the
    /// other options change it: --from, --to, --known-on replace its own,
    /// --tag and --hide add to it
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
}

/// The one file kind `sitrep export` writes, and its path.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ExportTarget {
    /// Every event and figure with its source, as CSV (those the filters keep)
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
    /// The timeline as an SVG picture
    #[arg(long, value_name = "OUT")]
    pub svg: Option<PathBuf>,
    /// The timeline as a PNG picture
    #[arg(long, value_name = "OUT")]
    pub png: Option<PathBuf>,
    /// A situation report in Markdown, its chart beside it as OUT-chart.svg (and its map as OUT-map.svg)
    #[arg(long, value_name = "OUT")]
    pub md: Option<PathBuf>,
    /// The map of where the events happened, as OUT.svg or OUT.png
    #[arg(long, value_name = "OUT")]
    pub map: Option<PathBuf>,
}

impl ExportTarget {
    /// The format asked for and the file to write.
    pub fn chosen(&self) -> Option<(crate::export::Format, PathBuf)> {
        use crate::export::Format;
        [
            (Format::Csv, &self.csv),
            (Format::Svg, &self.svg),
            (Format::Png, &self.png),
            (Format::Markdown, &self.md),
            (
                match self.map.as_ref().and_then(|p| p.extension()) {
                    Some(e) if e.eq_ignore_ascii_case("png") => Format::MapPng,
                    _ => Format::MapSvg,
                },
                &self.map,
            ),
        ]
        .into_iter()
        .find_map(|(format, path)| Some((format, path.clone()?)))
    }
}

/// `sitrep merge`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct MergeArgs {
    /// The common ancestor
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// Where to write the result (default: standard output)
    #[arg(short, long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// `sitrep fmt`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct FmtArgs {
    /// Only check: status 1 if a notebook is not in canonical form
    #[arg(long)]
    pub check: bool,
    /// The notebooks to rewrite
    #[arg(value_name = "NOTEBOOK.ron", required = true)]
    pub files: Vec<PathBuf>,
}

/// `sitrep completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// A tag as the command line takes it: without the spaces about it.
fn parse_tag(text: &str) -> Result<String, String> {
    Ok(text.trim().to_owned())
}

/// A calendar day as the command line takes it.
fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.trim()
        .parse()
        .map_err(|_| "not a day: write it as YYYY-MM-DD".to_owned())
}

impl ValueEnum for Category {
    fn value_variants<'a>() -> &'a [Self] {
        &Category::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.label()))
    }
}
