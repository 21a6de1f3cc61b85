//! The argument parser's choices.

use super::*;
use clap::Parser;

fn parse(list: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("sitrep").chain(list.iter().copied()))
}

#[test]
fn no_subcommand_opens_the_window_on_the_notebook_named() {
    let cli = parse(&[]).expect("parses");
    assert!(cli.command.is_none() && cli.notebook.is_none());
    let cli = parse(&["a.ron"]).expect("parses");
    assert_eq!(cli.notebook, Some(PathBuf::from("a.ron")));
    assert!(cli.command.is_none());
    assert!(
        parse(&["a.ron", "b.ron"]).is_err(),
        "one notebook at a time"
    );
    let cli = parse(&["--", "check"]).expect("parses");
    assert_eq!(
        cli.notebook,
        Some(PathBuf::from("check")),
        "after --, a file may be called check"
    );
}

#[test]
fn flags_take_values_after_an_equals_sign_or_a_space() {
    let Ok(Cli {
        command: Some(Cmd::Export(export)),
        ..
    }) = parse(&[
        "export",
        "n.ron",
        "--svg=t.svg",
        "--from",
        "2021-06-01",
        "--hide=military",
    ])
    else {
        panic!("export parses");
    };
    let (format, out) = export_target(&export).expect("fits together");
    assert_eq!(out, PathBuf::from("t.svg"));
    assert_eq!(format, crate::export::Format::Svg);
    let args = &export.options;
    assert_eq!(args.from, "2021-06-01".parse().ok());
    assert_eq!(args.hidden, vec![crate::model::Category::Military]);
    assert_eq!((args.width, args.height), (1200, 700), "default size");
}

#[test]
fn check_needs_a_notebook_and_knows_strict() {
    let Ok(Cli {
        command: Some(Cmd::Check(check)),
        ..
    }) = parse(&["check", "--strict", "a.ron", "b.ron"])
    else {
        panic!("check parses");
    };
    assert!(check.strict);
    assert_eq!(check.files.len(), 2);
    assert!(parse(&["check"]).is_err());
    assert!(parse(&["--frobnicate"]).is_err());
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_with_a_suggestion() {
    let error = mistyped_subcommand(Path::new("chek")).expect("a typo of check");
    assert!(error.render().to_string().contains("'check'"), "{error}");
    assert!(
        mistyped_subcommand(Path::new("zzzzzz")).is_none(),
        "far from any subcommand: a notebook to open (the app says it is missing)"
    );
    assert!(mistyped_subcommand(Path::new("chek.ron")).is_none());
}

#[test]
fn errors_read_sitrep_then_the_subcommand() {
    assert_eq!(
        in_house_error("error: unexpected argument '--x' found\n", Some("check")),
        "sitrep: check: unexpected argument '--x' found\n"
    );
}

#[test]
fn the_grammar_is_consistent() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}
