//! The notebook file: round trips, atomic saves, and every kind of bad file
//! getting one clear line instead of a panic or a half-loaded notebook.

#[path = "tools/synthetic.rs"]
mod synthetic;

use sitrep::model::{FORMAT_VERSION, Notebook};
use sitrep::store::{self, LoadError, ParseError};
use std::fs;
use std::path::{Path, PathBuf};

/// A small notebook of one article, seven events and three figures, that
/// the tests below know by heart (the shipped sample grows and changes).
const SAMPLE: &str = "tests/fixtures/one-article.ron";

fn sample_text() -> String {
    fs::read_to_string(SAMPLE).expect("the sample notebook is in the repo")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("temp file");
    path
}

fn load_error(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "bad.ron", bytes);
    let error = store::load(&path).expect_err("a bad file must not load");
    let line = error.to_string();
    assert!(!line.contains('\n'), "the error is one line: {line}");
    assert!(
        line.starts_with(&path.display().to_string()),
        "the error names the file: {line}"
    );
    line
}

#[test]
fn the_sample_loads_and_saves_back_to_the_same_bytes() {
    let text = sample_text();
    let notebook = store::parse(text.as_bytes()).expect("sample parses");
    assert_eq!(
        store::to_text(&notebook),
        text,
        "load then save must not change a byte"
    );
    assert_eq!(
        store::summary(&notebook),
        "ok: 1 articles, 7 events, 3 series, 3 observations"
    );
}

#[test]
fn a_truncated_file_is_refused_with_line_and_column_at_every_cut() {
    let text = sample_text();
    for cut in (1..text.len()).step_by(97) {
        let Some(prefix) = text.get(..cut) else {
            continue;
        };
        match store::parse(prefix.as_bytes()) {
            Err(ParseError::Syntax { line, col, .. }) => assert!(line >= 1 && col >= 1),
            Err(other) => panic!("cut at {cut}: expected a syntax error, got {other}"),
            Ok(_) => panic!("cut at {cut}: a truncated file loaded"),
        }
    }
    let line = load_error(&text.as_bytes()[..text.len() / 2]);
    assert!(line.contains("bad.ron:"), "{line}");
    let position = line.split(':').nth(1).expect("line number");
    assert!(
        position.parse::<usize>().is_ok(),
        "line:column follows the path: {line}"
    );
}

#[test]
fn garbage_and_wrong_types_are_syntax_errors_with_positions() {
    let line = load_error(b"(format: 1, meta: 12)");
    assert!(line.contains("bad.ron:1:"), "{line}");
    let line = load_error(b"this is not ron at all");
    assert!(line.contains(":1:"), "{line}");
    let line = load_error(
        sample_text()
            .replace("low: 50.0", "low: \"fifty\"")
            .as_bytes(),
    );
    assert!(line.contains("Expected"), "{line}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // Where nesting can go deep: a field this Sitrep does not know, whose
    // value is read without a shape to hold it to.
    let mut text = String::from("(format: 1, unknown: ");
    text.push_str(&"[".repeat(100_000));
    let line = load_error(text.as_bytes());
    assert!(line.to_lowercase().contains("recursion"), "{line}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).expect("create");
    // A sparse file: big on paper, nothing on disk.
    file.set_len(store::MAX_FILE_BYTES + 1).expect("set length");
    let error = store::load(&path).expect_err("too large");
    assert!(matches!(error, LoadError::TooLarge { .. }));
    assert!(error.to_string().contains("too large"), "{error}");
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_position() {
    let mut bytes = b"(format: 1,\n  meta: \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x00]);
    let line = load_error(&bytes);
    assert!(line.contains(":2:10: not UTF-8"), "{line}");
}

#[test]
fn a_notebook_from_a_newer_sitrep_is_refused_and_says_so() {
    let newer =
        sample_text().replacen("format: 1,", &format!("format: {},", FORMAT_VERSION + 1), 1);
    let line = load_error(newer.as_bytes());
    assert!(line.contains("newer Sitrep"), "{line}");
    // Even when the rest of the file has a shape this build does not know.
    let line = load_error(b"(format: 7, something_new: {\"a\": [1, 2]}, meta: Unknown)");
    assert!(line.contains("format 7"), "{line}");
    let line = load_error(b"(title: \"no format\")");
    assert!(line.contains("not a Sitrep notebook"), "{line}");
}

#[test]
fn broken_rules_are_refused_naming_the_item() {
    let text = sample_text();
    let duplicated = text.replace(
        "01a205b3-d003-73f5-a8a4-2d68e0f579c5",
        "01a205b3-d002-7a13-91b5-a3f88b4ad08b",
    );
    let line = load_error(duplicated.as_bytes());
    assert!(line.contains("used twice"), "{line}");
    let line = load_error(text.replace("low: 7000.0", "low: NaN").as_bytes());
    assert!(line.contains("not a finite number"), "{line}");
    let line = load_error(text.replace("low: 2500.0", "low: 9500.0").as_bytes());
    assert!(line.contains("low is above high"), "{line}");
    let line = load_error(text.replace("\"2021-06-25\"", "\"2021-02-30\"").as_bytes());
    assert!(line.contains("day") && line.contains("bad.ron:"), "{line}");
}

#[test]
fn a_leading_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(sample_text().as_bytes());
    assert!(store::parse(&bytes).is_ok());
}

#[test]
fn saving_replaces_the_file_whole_and_keeps_the_previous_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notebook.ron");
    let mut notebook: Notebook = store::parse(sample_text().as_bytes()).expect("sample");
    store::save(&path, &notebook).expect("first save");
    assert!(
        !store::backup_path(&path).exists(),
        "nothing to back up the first time"
    );
    let first = fs::read_to_string(&path).expect("saved");

    notebook.meta.title = "Afghanistan 2021, second look".into();
    store::save(&path, &notebook).expect("second save");
    assert_eq!(
        fs::read_to_string(store::backup_path(&path)).expect("backup"),
        first
    );
    assert_eq!(store::load(&path).expect("reloads"), notebook);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "private.ron", sample_text().as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
    let notebook = store::load(&path).expect("loads");
    store::save(&path, &notebook).expect("saves");
    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notebook = store::parse(sample_text().as_bytes()).expect("sample");
    let missing = dir.path().join("no-such-folder").join("n.ron");
    let error = store::save(&missing, &notebook).expect_err("folder is missing");
    assert!(error.to_string().contains("no-such-folder"), "{error}");
    assert!(!error.to_string().contains('\n'));
}

#[test]
fn big_notebooks_report_progress_while_they_load_and_save() {
    use crate::synthetic::{Size, notebook};
    use store::{Progress, Stage};
    let big = notebook(Size {
        articles: 200,
        events: 2_000,
        series: 4,
        observations_per_series: 10_000,
        days: 700,
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    let mut saving: Vec<Progress> = Vec::new();
    store::save_with_progress(&path, &big, |p| saving.push(p)).expect("saved");
    let size = fs::metadata(&path).expect("written").len();
    assert!(
        size > 8 * 1024 * 1024,
        "big enough for several steps: {size}"
    );
    assert_eq!(saving.first().map(|p| p.stage), Some(Stage::Preparing));
    let writes: Vec<&Progress> = saving
        .iter()
        .filter(|p| p.stage == Stage::Writing)
        .collect();
    assert!(writes.len() >= 2, "writing is reported as it goes");
    assert!(writes.windows(2).all(|w| w[0].done < w[1].done));
    assert_eq!(writes.last().map(|p| (p.done, p.total)), Some((size, size)));

    let mut loading: Vec<Progress> = Vec::new();
    let loaded = store::open_with_progress(&path, &Default::default(), |p| loading.push(p))
        .expect("loads")
        .notebook;
    assert_eq!(loaded, big);
    let reads: Vec<&Progress> = loading
        .iter()
        .filter(|p| p.stage == Stage::Reading)
        .collect();
    assert!(reads.len() >= 2, "reading is reported as it goes");
    assert_eq!(reads.last().map(|p| (p.done, p.total)), Some((size, size)));
    assert_eq!(loading.last().map(|p| p.stage), Some(Stage::Parsing));
}

#[test]
fn each_figure_is_one_line_and_unset_fields_are_left_out() {
    let text = sample_text();
    let figure_lines: Vec<&str> = text
        .lines()
        .filter(|line| line.trim_start().starts_with("(id:") && line.contains("as_of:"))
        .collect();
    assert_eq!(figure_lines.len(), 3, "one line per figure:\n{text}");
    assert!(
        figure_lines.iter().all(|l| l.contains("quote:")),
        "with its evidence on the same line"
    );
    assert!(!text.contains("best: None") && !text.contains("notes: \"\""));
    // What is left out reads back as its default.
    let notebook = store::parse(text.as_bytes()).expect("sample parses");
    assert!(
        notebook
            .series
            .iter()
            .all(|s| s.observations.iter().all(|o| o.best.is_none()))
    );
}

/// The sample as the first Sitrep wrote it (every field spelled out, each
/// figure over many lines). It must open in every later version.
const FORMAT_1: &str = "tests/fixtures/format-1.ron";

#[test]
fn a_format_1_notebook_keeps_loading() {
    let notebook = store::load(Path::new(FORMAT_1)).expect("format 1 loads");
    assert_eq!(notebook.format, FORMAT_VERSION);
    assert_eq!(notebook.meta.title, "Afghanistan 2021");
    assert_eq!(
        (
            notebook.articles.len(),
            notebook.events.len(),
            notebook.series.len()
        ),
        (1, 7, 3)
    );
    let districts = notebook
        .series
        .iter()
        .find(|s| s.unit == "districts")
        .expect("the districts series");
    assert_eq!(districts.observations[0].describe(), "more than 50 of 370");
    let opened = store::parse_opened(&fs::read(FORMAT_1).expect("fixture")).expect("opens");
    assert_eq!(
        opened.caution, None,
        "nothing in it is unknown: it may be saved over"
    );
}

#[test]
fn a_newer_notebook_opens_read_only_and_strict_loading_refuses_it() {
    let newer = sample_text()
        .replacen("format: 1,", "format: 7,", 1)
        .replacen(
            "events: [",
            "timeline_layers: [\"front line\"],\n    events: [",
            1,
        );
    let opened = store::parse_opened(newer.as_bytes()).expect("what this version can read");
    assert_eq!(
        opened.caution,
        Some(store::Caution::NewerFormat { found: 7 })
    );
    assert_eq!(opened.notebook.events.len(), 7);
    let why = opened.caution.map(|c| c.to_string()).unwrap_or_default();
    assert!(
        why.contains("newer Sitrep") && why.contains("read-only"),
        "{why}"
    );
    assert!(matches!(
        store::parse(newer.as_bytes()),
        Err(ParseError::NewerFormat { found: 7 })
    ));
    // A newer file this version cannot even read is refused, saying why.
    let unreadable = "(format: 9, meta: \"a string where a struct was\")";
    assert!(matches!(
        store::parse_opened(unreadable.as_bytes()),
        Err(ParseError::NewerFormat { found: 9 })
    ));
}

#[test]
fn unknown_fields_are_named_and_the_notebook_opens_read_only() {
    let text = sample_text().replacen(
        "category: Withdrawal,",
        "category: Withdrawal,\n            severity: 3,",
        1,
    );
    let opened = store::parse_opened(text.as_bytes()).expect("opens");
    let Some(store::Caution::UnknownFields(fields)) = opened.caution else {
        panic!("the unknown field must be noticed: {:?}", opened.caution);
    };
    assert_eq!(fields.len(), 1);
    assert!(fields[0].contains("severity"), "{fields:?}");
    assert!(
        fields[0].starts_with("events"),
        "the path says where: {fields:?}"
    );
}

/// Every file in `dir`, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_disk_that_fills_up_mid_save_leaves_the_file_and_the_folder_as_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("n.ron");
    fs::write(&path, sample_text()).expect("write");
    let before = names_in(dir.path());
    let mut notebook = store::parse(sample_text().as_bytes()).expect("sample");
    notebook.meta.title = "Changed".into();
    let text = store::to_text(&notebook);
    let mut room = 1000usize;
    let error = store::write_atomically_with(&path, text.as_bytes(), |file, chunk| {
        use std::io::Write;
        // Like a full disk: what fits goes in, then ENOSPC.
        let fits = chunk.len().min(room);
        file.write_all(&chunk[..fits])?;
        room -= fits;
        if fits < chunk.len() {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        Ok(())
    })
    .expect_err("the disk is full");
    let line = error.to_string();
    assert!(
        line.contains("n.ron") && line.contains("cannot write"),
        "{line}"
    );
    assert!(line.contains("No space left on device"), "{line}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        sample_text(),
        "untouched"
    );
    assert_eq!(
        names_in(dir.path()),
        before,
        "no temporary file left behind"
    );
}

#[test]
fn a_folder_that_refuses_writes_gives_one_clear_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    // An administrator may write anywhere; /proc refuses new files even to one.
    let probe = locked.join("probe");
    let target = if fs::write(&probe, b"").is_ok() {
        let _ = fs::remove_file(&probe);
        PathBuf::from("/proc/sitrep-notebook.ron")
    } else {
        locked.join("n.ron")
    };
    let notebook = store::parse(sample_text().as_bytes()).expect("sample");
    let error = store::save(&target, &notebook).expect_err("the folder refuses writes");
    let line = error.to_string();
    assert!(line.starts_with(&target.display().to_string()), "{line}");
    assert!(line.contains("cannot create a temporary file"), "{line}");
    assert!(!line.contains('\n'));
    assert!(!target.exists());
}

/// The format number is read from the beginning of a file as Sitrep writes
/// it; a notebook written by hand another way (a comment first, spaces
/// and line breaks about `format`) is read the careful way, the same.
#[test]
fn a_notebook_begun_another_way_opens_the_same() {
    let text = sample_text();
    let expected = store::parse(text.as_bytes()).expect("sample");
    let body = text
        .trim_start()
        .strip_prefix("(")
        .expect("a notebook begins with (");
    for variant in [
        format!("// written by hand\n({body}"),
        format!(
            "(  format :\n 1 ,{}",
            body.trim_start().trim_start_matches("format: 1,")
        ),
    ] {
        let opened =
            store::parse(variant.as_bytes()).unwrap_or_else(|e| panic!("{e}: {}", &variant[..60]));
        assert!(opened == expected, "{}", &variant[..60]);
    }
    let newer = text.replacen("format: 1,", "format: 99,", 1);
    assert!(
        load_error(newer.as_bytes()).contains("newer"),
        "{}",
        load_error(newer.as_bytes())
    );
}

#[test]
fn a_small_synthetic_notebook_is_valid_and_says_it_is_synthetic() {
    use synthetic::{Size, notebook};
    let size = Size {
        articles: 30,
        events: 200,
        series: 3,
        observations_per_series: 500,
        days: 400,
    };
    let made = notebook(size);
    assert!(made.validate().is_empty(), "{:?}", made.validate());
    assert!(
        sitrep::model::evidence_problems(&made).is_empty(),
        "every quote is at its span"
    );
    assert_eq!(
        (
            made.articles.len(),
            made.events.len(),
            made.observation_count()
        ),
        (30, 200, 1500)
    );
    assert!(made.meta.title.contains("Synthetic"));
    assert_eq!(made, notebook(size), "deterministic");
}
