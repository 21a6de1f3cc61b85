//! Hostile and broken notebooks: the files in `tests/hostile/` and some
//! made on the fly (a 300 MiB file, endless strings). Each loads with one
//! clear line that says what and where, or loads with what is odd flagged;
//! none panics, hangs or eats the machine's memory. The app opens every one
//! of them without panicking, and opening never touches the network or
//! the paths a notebook names.

use sitrep::model::EvidenceStatus;
use sitrep::store::{self, Caution};
use std::path::{Path, PathBuf};

mod common;

/// What a hostile file must do.
#[derive(Debug)]
enum Expect {
    /// Refused, with these words in the one-line error.
    Refused(&'static str),
    /// Opened, but read-only (saving would lose something).
    ReadOnly,
    /// Opened; some evidence no longer matches its span, which the app shows.
    OpensWithMismatch,
    /// Opened as it is.
    Opens,
    /// Either opened or refused; it just must not panic.
    Survives,
}

const CASES: [(&str, Expect); 20] = [
    (
        "truncated.ron",
        Expect::Refused(":76:95: a text in quotes is never closed: the file may have been cut off"),
    ),
    ("wrong-types.ron", Expect::Refused("xpected string")),
    (
        "events-not-a-list.ron",
        Expect::Refused(":28:12: a list `[…]` should start here"),
    ),
    (
        "deep-nesting.ron",
        Expect::Refused(":1:19: a record `(…)` should start here"),
    ),
    (
        "nul-between-tokens.ron",
        Expect::Refused(":2:15: a field name should stand here"),
    ),
    ("nul-in-a-string.ron", Expect::Survives),
    ("invalid-utf8.ron", Expect::Refused("not UTF-8")),
    ("bom.ron", Expect::Opens),
    ("future-format.ron", Expect::ReadOnly),
    ("duplicate-ids.ron", Expect::Refused("used twice")),
    ("span-out-of-range.ron", Expect::OpensWithMismatch),
    ("span-not-on-a-char-boundary.ron", Expect::OpensWithMismatch),
    ("impossible-date.ron", Expect::Refused("date is not valid")),
    ("nan.ron", Expect::Refused("finite")),
    ("infinite.ron", Expect::Refused("finite")),
    ("low-above-high.ron", Expect::Refused("low")),
    ("unknown-field.ron", Expect::ReadOnly),
    (
        "not-a-notebook.ron",
        Expect::Refused("not a Sitrep notebook: a notebook begins with `(format: 1,`"),
    ),
    (
        "empty.ron",
        Expect::Refused("not a Sitrep notebook: the file is empty"),
    ),
    ("binary.ron", Expect::Refused("not UTF-8")),
];

fn hostile(name: &str) -> PathBuf {
    Path::new("tests/hostile").join(name)
}

#[test]
fn every_hostile_file_is_refused_clearly_or_opened_with_its_oddity_flagged() {
    let listed: Vec<&str> = CASES.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir("tests/hostile").expect("the collection") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(listed.contains(&name.as_str()), "{name} has no expectation");
    }
    for (name, expect) in &CASES {
        let path = hostile(name);
        let opened = store::open_with_progress(&path, &Default::default(), |_| {});
        match (expect, &opened) {
            (Expect::Refused(words), Err(error)) => {
                let line = error.to_string();
                assert!(!line.contains('\n'), "{name}: one line: {line}");
                assert!(
                    line.starts_with(&path.display().to_string()),
                    "{name}: says where: {line}"
                );
                assert!(line.contains(words), "{name}: says what ({words}): {line}");
            }
            (Expect::ReadOnly, Ok(opened)) => {
                assert!(
                    matches!(
                        opened.caution,
                        Some(Caution::NewerFormat { .. } | Caution::UnknownFields(_))
                    ),
                    "{name}: {:?}",
                    opened.caution
                );
            }
            (Expect::OpensWithMismatch, Ok(opened)) => {
                let notebook = &opened.notebook;
                let statuses: Vec<EvidenceStatus> =
                    notebook
                        .events
                        .iter()
                        .flat_map(|e| &e.evidence)
                        .chain(notebook.series.iter().flat_map(|s| {
                            s.observations.iter().filter_map(|o| o.evidence.as_ref())
                        }))
                        .map(|e| e.status(notebook))
                        .collect();
                assert!(
                    statuses.iter().any(|s| *s != EvidenceStatus::Matches),
                    "{name}: the bad span is noticed"
                );
            }
            (Expect::Opens, Ok(opened)) => assert_eq!(opened.caution, None, "{name}"),
            (Expect::Survives, _) => {}
            (expect, got) => panic!("{name}: expected {expect:?}, got {got:?}"),
        }
    }
}

#[test]
fn a_300_mib_file_is_turned_down_quickly_and_cheaply() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: 300 MiB of NUL bytes that take no disk.
    file.set_len(300 * 1024 * 1024).expect("set length");
    drop(file);
    let error = store::load(&path).expect_err("not a notebook");
    let line = error.to_string();
    assert!(line.contains("1:1"), "refused at its first byte: {line}");
}

#[test]
fn endless_strings_are_refused_naming_the_field() {
    let sample = std::fs::read_to_string("tests/fixtures/one-article.ron").expect("sample");
    let long_title = sample.replacen(
        "title: \"Afghanistan 2021\"",
        &format!("title: \"{}\"", "A".repeat(20_000_000)),
        1,
    );
    let error = store::parse(long_title.as_bytes()).expect_err("too long");
    assert!(
        error.to_string().contains("title is 20000000 bytes long"),
        "{error}"
    );
    let long_text = sample.replacen(
        "text: \"Summary",
        &format!("text: \"{}Summary", "x".repeat(17 * 1024 * 1024)),
        1,
    );
    let error = store::parse(long_text.as_bytes()).expect_err("too long");
    assert!(error.to_string().contains("its text is"), "{error}");
}

mod mutations {
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        std::fs::read("tests/fixtures/one-article.ron").expect("sample")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Bytes flipped, cut, repeated or dropped anywhere in a real
        /// notebook: a notebook or an error, never a panic; what loads,
        /// saves and loads back the same.
        #[test]
        fn a_damaged_notebook_never_panics(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..8)
        ) {
            let mut bytes = sample();
            for (at, byte, kind) in edits {
                if bytes.is_empty() { break; }
                let i = at.index(bytes.len());
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.truncate(i),
                    2 => { let piece: Vec<u8> = bytes[i..(i + 40).min(bytes.len())].to_vec(); bytes.splice(i..i, piece); }
                    _ => { bytes.remove(i); }
                }
            }
            if let Ok(opened) = sitrep::store::parse_opened(&bytes) {
                let text = sitrep::store::to_text(&opened.notebook);
                let again = sitrep::store::parse(text.as_bytes()).expect("saves and loads back");
                prop_assert_eq!(again, opened.notebook);
            }
        }
    }
}

mod normalising {
    use proptest::prelude::*;

    /// What normalising means, line by line: LF ends, no trailing spaces,
    /// no two blank lines in a row, trimmed.
    fn by_definition(text: &str) -> String {
        let mut out = String::new();
        let mut blank_run = 0;
        for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
            let line = line.trim_end();
            blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
            if blank_run <= 1 {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.trim().to_owned()
    }

    proptest! {
        /// Pasted text with any mix of line ends, spaces and blank lines is
        /// stored in one form, so the same article is never added twice.
        #[test]
        fn an_article_is_normalised_as_defined_and_only_once(
            text in "[ a\\t\r\n\u{a0}é]{0,40}"
        ) {
            let once = sitrep::import::normalize(&text);
            prop_assert_eq!(&once, &by_definition(&text));
            prop_assert_eq!(sitrep::import::normalize(&once), once);
        }
    }
}

#[cfg(feature = "app")]
mod in_the_app {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use sitrep::ui::{App, ScriptedDialogs};
    use std::time::Duration;

    fn open(path: PathBuf) -> Harness<'static, App> {
        let dialogs = ScriptedDialogs::default();
        super::common::app_with(Some(path), &dialogs, None, Duration::from_secs(30))
    }

    #[test]
    fn the_app_opens_every_hostile_file_without_panicking() {
        for (name, expect) in &CASES {
            let mut harness = open(hostile(name));
            let state = harness.state();
            if let Expect::Refused(_) = expect {
                assert!(state.status().is_error, "{name}: {:?}", state.status());
                assert!(
                    state.notebook().events.is_empty(),
                    "{name}: nothing half-loaded"
                );
            }
            // Visit every event: the inspector shows its evidence and whether it still matches.
            let events: Vec<String> = state
                .notebook()
                .events
                .iter()
                .map(|e| e.title.clone())
                .collect();
            for title in events {
                // The event list's row, or its line under Broken evidence.
                let found = match harness.query_all_by_label_contains(&title).next() {
                    Some(row) => {
                        row.click();
                        true
                    }
                    None => false,
                };
                if found {
                    harness.run_steps(3);
                }
            }
            if let Expect::OpensWithMismatch = expect {
                assert!(
                    harness.state().notebook().events.iter().any(|e| {
                        e.evidence.iter().any(|ev| {
                            ev.status(harness.state().notebook()) != EvidenceStatus::Matches
                        })
                    }),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn opening_touches_no_network_and_no_path_the_notebook_names() {
        use std::io::ErrorKind;
        let dir = tempfile::tempdir().expect("temp dir");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let named = dir.path().join("named-by-the-notebook");
        std::fs::write(&named, "canary").expect("write");
        let named_dir = dir.path().join("a-folder-it-names");
        let text = std::fs::read_to_string("tests/fixtures/one-article.ron")
            .expect("sample")
            .replacen(
                "outlet: \"Free Press Kashmir",
                &format!(
                    "url: \"http://127.0.0.1:{port}/track.png\",\n            author: \"file://{}\",\n            outlet: \"Free Press Kashmir",
                    named.display()
                ),
                1,
            )
            .replacen("place: \"Washington\"", &format!("place: \"{}\"", named_dir.display()), 1);
        let notebook = dir.path().join("hostile.ron");
        std::fs::write(&notebook, text).expect("write");
        let before = std::fs::metadata(&named)
            .expect("canary")
            .modified()
            .expect("mtime");
        let mut harness = open(notebook);
        assert!(
            !harness.state().status().is_error,
            "{:?}",
            harness.state().status()
        );
        harness.run_steps(10);
        // The reader shows the URL as text to click, nothing more.
        assert!(
            harness
                .query_by_label_contains(&format!("127.0.0.1:{port}"))
                .is_some()
        );
        assert!(
            matches!(listener.accept(), Err(e) if e.kind() == ErrorKind::WouldBlock),
            "nothing connected to the URL in the notebook"
        );
        assert_eq!(std::fs::read_to_string(&named).expect("canary"), "canary");
        assert_eq!(
            std::fs::metadata(&named)
                .expect("canary")
                .modified()
                .expect("mtime"),
            before
        );
        assert!(!named_dir.exists(), "no path the notebook names is made");
    }

    #[test]
    fn article_text_is_shown_as_written_never_interpreted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let markup =
            "<b>bold</b> **strong** [a link](https://example.org) <script>alert(1)</script>";
        let text = std::fs::read_to_string("tests/fixtures/one-article.ron")
            .expect("sample")
            .replacen(
                "text: \"Summary written",
                &format!("text: \"{markup} Summary written"),
                1,
            );
        let notebook = dir.path().join("markup.ron");
        std::fs::write(&notebook, text).expect("write");
        let harness = open(notebook);
        let shown = harness
            .get_by_label("Article text")
            .value()
            .unwrap_or_default();
        assert!(
            shown.starts_with(markup),
            "the reader shows the characters themselves: {}",
            &shown[..shown.len().min(200)]
        );
    }
}
