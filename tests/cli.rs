//! The `sitrep` binary's headless subcommands, run as a user would.

mod common;
use common::sitrep;

#[test]
fn check_passes_the_sample_notebook_with_a_summary() {
    let (code, stdout, stderr) = sitrep(&["check", "tests/fixtures/one-article.ron"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "tests/fixtures/one-article.ron: ok: 1 articles, 7 events, 3 series, 3 observations\n"
    );
}

#[test]
fn check_stops_at_a_bad_file_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, meta: (id: 3))").expect("write");
    let bad = bad.display().to_string();
    let (code, stdout, stderr) = sitrep(&["check", "tests/fixtures/one-article.ron", &bad]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("ok: 1 articles"),
        "the good file is still reported: {stdout}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with(&format!("sitrep: check: {bad}:1:")),
        "the subcommand, then path and line:column: {stderr}"
    );
    let (code, _, stderr) = sitrep(&["check", "no/such/file.ron"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("sitrep: check: no/such/file.ron: cannot read"),
        "{stderr}"
    );
}

#[test]
fn check_names_each_broken_piece_of_evidence_and_strict_fails_on_it() {
    let (_, _, stderr) = sitrep(&["check", "tests/fixtures/one-article.ron"]);
    assert_eq!(stderr, "", "sound evidence: nothing to say");

    let out_of_range = "tests/hostile/span-out-of-range.ron";
    let (code, stdout, stderr) = sitrep(&["check", out_of_range]);
    assert_eq!(code, 0, "warnings only: {stderr}");
    assert!(stdout.contains("ok: 1 articles"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("{out_of_range}: warning: event ")),
        "{stderr}"
    );
    assert!(
        stderr.contains("the span runs past the end of the text")
            && stderr.contains("bytes 99999999..100000000 of article"),
        "{stderr}"
    );
    let (code, _, stderr) = sitrep(&["check", "--strict", out_of_range]);
    assert_eq!(code, 1, "--strict fails on broken evidence");
    assert!(stderr.contains(": error: event "), "{stderr}");

    // A quote edited away from the article's words.
    let dir = tempfile::tempdir().expect("temp dir");
    let changed = dir.path().join("changed.ron");
    let fixture = std::fs::read_to_string("tests/fixtures/one-article.ron").expect("fixture");
    let edited = fixture.replace(
        "quote: \"On Sunday the White House announced\"",
        "quote: \"On Monday the White House announced\"",
    );
    assert_ne!(edited, fixture);
    std::fs::write(&changed, edited).expect("write");
    let (code, _, stderr) = sitrep(&["check", &changed.display().to_string()]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("the quote “On Monday the White House announced” is not in the text any more (bytes 1415..1450 of article"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2_in_one_format_with_a_suggestion() {
    let (code, _, stderr) = sitrep(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("sitrep: check: "), "{stderr}");
    assert!(stderr.contains("Usage: sitrep check"), "{stderr}");
    let (code, _, stderr) = sitrep(&["--bogus"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("sitrep: unexpected argument '--bogus'"),
        "{stderr}"
    );
    let (code, _, stderr) = sitrep(&["check", "--strcit", "a.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("similar argument exists: '--strict'"),
        "{stderr}"
    );
    let (code, _, stderr) = sitrep(&["mrege", "a", "b", "c"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("similar subcommand exists: 'merge'"),
        "{stderr}"
    );
    let (code, _, stderr) = sitrep(&["chek"]);
    assert_eq!(code, 2, "a typo is not a notebook to open: {stderr}");
    assert!(
        stderr.starts_with("sitrep: unrecognized subcommand 'chek'"),
        "{stderr}"
    );
    assert!(stderr.contains("'check'"), "{stderr}");
}

#[test]
fn every_subcommand_has_help_from_the_parser_and_the_program_a_version() {
    let (code, stdout, _) = sitrep(&["--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Exit status:"),
        "exit codes documented: {stdout}"
    );
    for command in [
        "check",
        "extract",
        "import",
        "export",
        "merge",
        "fmt",
        "completions",
    ] {
        assert!(stdout.contains(command), "--help lists {command}");
        let (code, by_flag, stderr) = sitrep(&[command, "--help"]);
        assert_eq!(code, 0, "{command} --help: {stderr}");
        assert!(
            by_flag.contains(&format!("Usage: sitrep {command}")),
            "{by_flag}"
        );
        let (code, by_help, _) = sitrep(&["help", command]);
        assert_eq!(code, 0, "help {command}");
        assert_eq!(by_help, by_flag, "`help {command}` is `{command} --help`");
    }
    let (code, stdout, _) = sitrep(&["help"]);
    assert_eq!(code, 0, "`sitrep help` prints help, it opens no window");
    assert!(stdout.contains("Usage: sitrep"));
    let (code, stdout, _) = sitrep(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, format!("sitrep {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn flags_take_equals_and_double_dash_ends_the_options() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dash = dir.path().join("-odd name.ron");
    std::fs::copy("tests/fixtures/one-article.ron", &dash).expect("copy");
    let dash = dash.display().to_string();
    let (code, stdout, stderr) = sitrep(&["check", "--strict", "--", &dash]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("ok: 1 articles"), "{stdout}");
    let svg = dir.path().join("t.svg").display().to_string();
    let (code, _, stderr) = sitrep(&[
        "export",
        "tests/fixtures/one-article.ron",
        &format!("--svg={svg}"),
        "--width=640",
        "--hide=military",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let picture = std::fs::read_to_string(&svg).expect("written");
    assert!(picture.contains(r#"width="640""#), "the =value was taken");
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_a_path_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"no-such-\xff.ron");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("check")
        .arg(name)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "an unreadable file: {stderr}"
    );
    assert!(stderr.starts_with("sitrep: check: no-such-"), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn completions_are_written_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, stdout, stderr) = sitrep(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        for word in ["check", "strict", "known-on"] {
            assert!(stdout.contains(word), "{shell} completes {word}");
        }
    }
    let (code, _, stderr) = sitrep(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[test]
fn extract_prints_json_lines_with_byte_spans() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.txt");
    let text =
        "Crossing falls\n\nOn Sunday the Taliban held more than 50 of the country's 370 districts.";
    std::fs::write(&file, text).expect("write");
    let (code, stdout, stderr) = sitrep(&[
        "extract",
        &file.display().to_string(),
        "--published",
        "2021-06-22",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let quantity = lines
        .iter()
        .find(|l| l["kind"] == "quantity")
        .expect("quantity");
    assert_eq!(
        quantity["text"],
        "more than 50 of the country's 370 districts"
    );
    let date = lines.iter().find(|l| l["kind"] == "date").expect("date");
    assert_eq!(date["date"], "2021-06-20");
    let (code, _, stderr) = sitrep(&[
        "extract",
        &file.display().to_string(),
        "--published",
        "June",
    ]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn import_adds_articles_skips_duplicates_and_reports_bad_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notebook = dir.path().join("n.ron");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Report\n\nThe last 2,500 US troops left on May 1.").expect("write");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let into = notebook.display().to_string();
    let (code, stdout, stderr) = sitrep(&[
        "import",
        &good.display().to_string(),
        &empty.display().to_string(),
        "--into",
        &into,
    ]);
    assert_eq!(code, 1, "a refused file makes the exit code 1");
    assert!(stdout.contains("imported \"Report\""), "{stdout}");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    let saved = sitrep::store::load(&notebook).expect("a whole notebook");
    assert_eq!(saved.articles.len(), 1);
    assert!(
        saved.proposals.len() >= 2,
        "a figure and an event: {:?}",
        saved.proposals
    );
    let (code, stdout, _) = sitrep(&["import", &good.display().to_string(), "--into", &into]);
    assert_eq!(code, 0);
    assert!(stdout.contains("skipped"), "{stdout}");
    assert_eq!(
        sitrep::store::load(&notebook)
            .expect("loads")
            .articles
            .len(),
        1
    );
}

#[test]
fn export_csv_round_trips_through_a_csv_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.csv");
    let (code, _, stderr) = sitrep(&[
        "export",
        "tests/fixtures/one-article.ron",
        "--csv",
        &out.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_path(&out).expect("a CSV file");
    let headers = reader.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        sitrep::export::CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("a well-formed row"))
        .collect();
    assert_eq!(rows.len(), 7 + 3, "7 events and 3 figures");
    let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let districts = rows
        .iter()
        .find(|r| &r[column("series")] == "Districts under Taliban control")
        .expect("row");
    assert_eq!(&districts[column("date")], "2021-06-22");
    assert_eq!(&districts[column("qualifier")], "more_than");
    assert_eq!(&districts[column("denominator")], "370");
    assert_eq!(
        &districts[column("quote")],
        "more than 50 of the country's 370 districts"
    );
    let fighting = rows
        .iter()
        .find(|r| r[column("title")].starts_with("Fighting on the edges"))
        .expect("event");
    assert_eq!(
        (&fighting[column("date")], &fighting[column("precision")]),
        ("2021-06-01", "month")
    );
    assert!(fighting[column("source_title")].contains("Tajikistan"));
    // Where each place is, how much ground it covers and how sure that is.
    let washington = rows
        .iter()
        .find(|r| &r[column("place")] == "Washington")
        .expect("an event in Washington");
    assert_eq!(
        (
            &washington[column("place_country")],
            &washington[column("place_precision")]
        ),
        ("US", "point")
    );
    let lat: f64 = washington[column("place_lat")].parse().expect("latitude");
    assert!((lat - 38.9).abs() < 0.3, "the US capital, not the state");
    let sure: f64 = washington[column("place_confidence")]
        .parse()
        .expect("confidence");
    assert!((0.0..=1.0).contains(&sure));
    let several = rows
        .iter()
        .find(|r| r[column("place")].contains("Faryab"))
        .expect("an event in several provinces");
    assert_eq!(&several[column("place_precision")], "region");
    let dates: Vec<&str> = rows
        .iter()
        .filter(|r| &r[0] == "event")
        .map(|r| r.get(column("date")).unwrap_or(""))
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "events in date order: {dates:?}"
    );
}

#[test]
fn export_draws_svg_and_png_of_the_asked_size_and_a_report_beside_its_chart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name).display().to_string();
    let sample = "tests/fixtures/one-article.ron";

    let (code, stdout, stderr) = sitrep(&["export", sample, "--svg", &path("t.svg")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("t.svg"), "says what it wrote: {stdout}");
    let svg = std::fs::read_to_string(path("t.svg")).expect("svg");
    assert!(svg.contains(r#"width="1200" height="700""#), "default size");

    let (code, _, stderr) = sitrep(&[
        "export",
        sample,
        "--png",
        &path("t.png"),
        "--width",
        "640",
        "--height",
        "400",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let png = std::fs::read(path("t.png")).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!((width, height), (640, 400));

    let (code, stdout, stderr) = sitrep(&[
        "export",
        sample,
        "--md",
        &path("june.md"),
        "--from",
        "2021-06-01",
        "--to",
        "2021-06-30",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("june-chart.svg"), "{stdout}");
    let report = std::fs::read_to_string(path("june.md")).expect("report");
    assert!(report.contains("From 2021-06-01 to 2021-06-30"), "{report}");
    assert!(
        !report.contains("final stage of troop withdrawal"),
        "the 1 May event is outside June"
    );
    assert!(std::fs::read_to_string(path("june-chart.svg")).is_ok());
    // The map of June's events beside it, and in it.
    assert!(stdout.contains("june-map.svg"), "{stdout}");
    assert!(report.contains("(<june-map.svg>)"), "{report}");
    let map = std::fs::read_to_string(path("june-map.svg")).expect("map");
    assert!(map.contains(r#"<circle class="place""#) && map.contains("2021-06-01 to 2021-06-30"));

    for (args, why) in [
        (
            vec!["--svg", "x.svg", "--width", "wide"],
            "a width must be a number",
        ),
        (
            vec![
                "--svg",
                "x.svg",
                "--from",
                "2021-07-01",
                "--to",
                "2021-06-01",
            ],
            "from after to",
        ),
        (
            vec!["--svg", "x.svg", "--hide", "Skirmish"],
            "unknown category",
        ),
        (
            vec!["--svg", "x.svg", "--csv", "y.csv"],
            "one format at a time",
        ),
        (vec!["--ods", "x.ods"], "unknown format"),
    ] {
        let mut all = vec!["export", sample];
        all.extend(args);
        let (code, _, stderr) = sitrep(&all);
        assert_eq!(code, 2, "{why}: {stderr}");
    }
    let (code, _, stderr) = sitrep(&[
        "export",
        sample,
        "--png",
        &path("huge.png"),
        "--width",
        "99999",
    ]);
    assert_eq!(code, 1, "a size out of range is refused: {stderr}");
    assert!(stderr.contains("width 99999"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    assert!(!dir.path().join("huge.png").exists());
}

/// The notebooks a new user opens first are valid, canonical, and every
/// quote in them is the very words at its span in its article.
#[test]
fn the_shipped_samples_are_valid_canonical_and_true_to_their_words() {
    use sitrep::model::EvidenceStatus;
    for sample in ["saves/afghanistan-2021.ron", "saves/sudan-2023.ron"] {
        let (code, stdout, stderr) = sitrep(&["check", sample]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        let (code, _, stderr) = sitrep(&["fmt", "--check", sample]);
        assert_eq!(code, 0, "{sample} is not in canonical form: {stderr}");
        let notebook = sitrep::store::load(std::path::Path::new(sample)).expect("loads");
        let evidence = notebook.events.iter().flat_map(|e| &e.evidence).chain(
            notebook
                .series
                .iter()
                .flat_map(|s| &s.observations)
                .filter_map(|o| o.evidence.as_ref()),
        );
        for quote in evidence {
            assert_eq!(
                quote.status(&notebook),
                EvidenceStatus::Matches,
                "{sample}: {quote:?}"
            );
        }
        assert!(
            notebook
                .series
                .iter()
                .all(|s| s.observations.iter().all(|o| o.evidence.is_some())),
            "{sample}: every figure has its source"
        );
    }
}

#[test]
fn export_map_draws_both_samples_as_svg_and_png_within_their_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name).display().to_string();
    for (name, notebook) in [
        ("sample", "saves/afghanistan-2021.ron"),
        ("fixture", "tests/fixtures/one-article.ron"),
    ] {
        let svg_path = path(&format!("{name}.svg"));
        let (code, stdout, stderr) = sitrep(&["export", notebook, "--map", &svg_path]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(stdout.contains(&svg_path), "{stdout}");
        let svg = std::fs::read_to_string(&svg_path).expect("svg");
        assert!(svg.contains(r#"width="1200" height="700""#) && svg.contains("<path"));
        assert!(
            svg.matches(r#"<circle class="place""#).count() >= 3,
            "{name}: places marked"
        );

        let png_path = path(&format!("{name}.png"));
        let (code, _, stderr) = sitrep(&[
            "export", notebook, "--map", &png_path, "--width", "800", "--height", "500",
        ]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let png = std::fs::read(&png_path).expect("png");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
    // Only the events of the dates asked for: early June's month-long reports.
    let june = path("june.svg");
    let all = std::fs::read_to_string(path("fixture.svg")).expect("svg");
    let (code, _, stderr) = sitrep(&[
        "export",
        "tests/fixtures/one-article.ron",
        "--map",
        &june,
        "--from",
        "2021-06-05",
        "--to",
        "2021-06-10",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let june = std::fs::read_to_string(&june).expect("svg");
    let places = |svg: &str| svg.matches(r#"<circle class="place""#).count();
    assert!(
        places(&june) >= 1 && places(&june) < places(&all),
        "{} of {}",
        places(&june),
        places(&all)
    );
    // A map is a picture.
    let (code, _, stderr) = sitrep(&[
        "export",
        "tests/fixtures/one-article.ron",
        "--map",
        &path("map.csv"),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("sitrep: export: --map writes a picture"),
        "{stderr}"
    );
}
