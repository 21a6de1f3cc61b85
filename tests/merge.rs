//! Three-way merge by id: what two analysts did to copies of one notebook
//! comes together, and what cannot is reported with both values kept; also
//! as git's merge driver, and `sitrep fmt`.

use sitrep::model::{Event, EventId, Notebook, Observation, ObservationId};
use sitrep::store::{self, merge};
use std::path::Path;
use std::process::Command;

mod common;
use common::sitrep_in as sitrep;

fn sample() -> Notebook {
    store::load(Path::new("tests/fixtures/one-article.ron")).expect("sample")
}

fn event_titled<'n>(notebook: &'n mut Notebook, start: &str) -> &'n mut Event {
    notebook
        .events
        .iter_mut()
        .find(|e| e.title.starts_with(start))
        .expect("sample event")
}

fn nato_figure(notebook: &Notebook, id: u128, value: f64) -> (usize, Observation) {
    let index = notebook
        .series
        .iter()
        .position(|s| s.name == "NATO troops")
        .expect("NATO series");
    let mut figure = notebook.series[index].observations[0].clone();
    figure.id = ObservationId::from_u128(id);
    figure.low = value;
    figure.high = value;
    (index, figure)
}

/// Ours renames one event and adds a NATO figure; theirs sets another
/// event's place, adds an event and another NATO figure.
fn two_sides() -> (Notebook, Notebook, Notebook) {
    let base = sample();
    let mut ours = base.clone();
    event_titled(&mut ours, "Biden meets").title =
        "Biden meets Ghani and Abdullah at the White House".into();
    let (series, figure) = nato_figure(&ours, 1, 6_500.0);
    ours.series[series].observations.push(figure);
    let mut theirs = base.clone();
    event_titled(&mut theirs, "Fighting on the edges").place = "Maymana".into();
    let mut added = theirs.events[0].clone();
    added.id = EventId::from_u128(2);
    added.title = "Added by the other analyst".into();
    theirs.events.push(added);
    let (series, figure) = nato_figure(&theirs, 3, 6_000.0);
    theirs.series[series].observations.push(figure);
    for notebook in [&mut ours, &mut theirs] {
        notebook.canonicalize();
    }
    (base, ours, theirs)
}

/// Ours' renamed event and theirs' added one are both in `notebook`.
fn assert_has_both_sides(notebook: &Notebook) {
    let titles: Vec<&str> = notebook.events.iter().map(|e| e.title.as_str()).collect();
    assert!(
        titles.iter().any(|t| t.ends_with("at the White House")),
        "{titles:?}"
    );
    assert!(titles.contains(&"Added by the other analyst"), "{titles:?}");
}

#[test]
fn edits_to_different_items_and_fields_combine() {
    let (base, mut ours, theirs) = two_sides();
    // Both sides touch the same event, in different fields.
    event_titled(&mut ours, "Fighting on the edges").notes = "Seen in two reports".into();
    let merged = merge::merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let mut notebook = merged.notebook;
    assert_has_both_sides(&notebook);
    let fighting = event_titled(&mut notebook, "Fighting on the edges").clone();
    assert_eq!(fighting.place, "Maymana", "their field");
    assert_eq!(
        fighting.notes, "Seen in two reports",
        "our field of the same event"
    );
    let nato = notebook
        .series
        .iter()
        .find(|s| s.name == "NATO troops")
        .expect("series");
    let values: Vec<f64> = nato.observations.iter().map(|o| o.low).collect();
    assert_eq!(
        nato.observations.len(),
        3,
        "both sides' new figures are kept: {values:?}"
    );
    assert!(notebook.conflicts.is_empty());
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_with_both_values_kept() {
    let (base, mut ours, mut theirs) = two_sides();
    event_titled(&mut theirs, "Biden meets").title = "Biden hosts Ghani".into();
    // And one side deletes an event the other edits.
    let withdrawal = event_titled(&mut ours, "US begins").id;
    ours.events.retain(|e| e.id != withdrawal);
    event_titled(&mut theirs, "US begins").notes = "Date from the Pentagon".into();
    let merged = merge::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(merged.conflicts.len(), 2, "{:?}", merged.conflicts);
    let title = merged
        .conflicts
        .iter()
        .find(|c| c.field == "title")
        .expect("the title conflict");
    assert!(title.item.starts_with("events/"), "{}", title.item);
    assert!(
        title.ours.contains("at the White House") && title.theirs.contains("Biden hosts Ghani")
    );
    let mut notebook = merged.notebook.clone();
    assert!(
        notebook
            .events
            .iter()
            .any(|e| e.title.ends_with("at the White House")),
        "ours is in place"
    );
    assert_eq!(
        notebook.conflicts, merged.conflicts,
        "theirs is kept in the file"
    );
    assert_eq!(
        event_titled(&mut notebook, "US begins").notes,
        "Date from the Pentagon",
        "an edited item is never lost to a delete"
    );
    // Settling: keep theirs puts their title in place and drops the record.
    let index = notebook
        .conflicts
        .iter()
        .position(|c| c.field == "title")
        .expect("listed");
    let edit = merge::resolve(&notebook, index, merge::Side::Theirs).expect("settles");
    edit.apply(&mut notebook).expect("applies");
    assert!(
        notebook
            .events
            .iter()
            .any(|e| e.title == "Biden hosts Ghani")
    );
    assert_eq!(notebook.conflicts.len(), 1);
    // And it survives a save and a load.
    let text = store::to_text(&notebook);
    assert_eq!(store::parse(text.as_bytes()).expect("reloads"), notebook);
}

#[test]
fn sitrep_merge_writes_the_result_and_exits_1_listing_conflicts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (base, ours, mut theirs) = two_sides();
    for (name, notebook) in [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ] {
        store::save(&dir.path().join(name), notebook).expect("save");
    }
    let (code, _, stderr) = sitrep(
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let out = store::load(&dir.path().join("out.ron")).expect("the result loads");
    assert_eq!(out.events.len(), 8);
    assert!(!dir.path().join("out.ron.bak").exists(), "no backup litter");

    event_titled(&mut theirs, "Biden meets").title = "Biden hosts Ghani".into();
    store::save(&dir.path().join("theirs.ron"), &theirs).expect("save");
    let (code, stdout, stderr) =
        sitrep(&["merge", "base.ron", "ours.ron", "theirs.ron"], dir.path());
    assert_eq!(code, 1, "a conflict exits 1");
    assert!(stderr.contains("1 conflicts"), "{stderr}");
    let id = theirs
        .events
        .iter()
        .find(|e| e.title == "Biden hosts Ghani")
        .expect("event")
        .id;
    assert!(
        stderr.contains(&format!("events/{id} title")),
        "the id and field are listed: {stderr}"
    );
    let printed = store::parse(stdout.as_bytes()).expect("the result goes to stdout without -o");
    assert_eq!(printed.conflicts.len(), 1);

    let (code, _, stderr) = sitrep(&["merge", "base.ron", "ours.ron"], dir.path());
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = sitrep(
        &["merge", "base.ron", "ours.ron", "missing.ron"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("missing.ron"), "{stderr}");
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("git runs")
}

fn commit_notebook(dir: &Path, notebook: &Notebook, message: &str) {
    store::save(&dir.join("notebook.ron"), notebook).expect("save");
    let _ = std::fs::remove_file(dir.join("notebook.ron.bak"));
    assert!(git(dir, &["add", "notebook.ron"]).status.success());
    assert!(git(dir, &["commit", "-q", "-m", message]).status.success());
}

#[test]
fn git_merges_two_branches_of_a_notebook_with_sitrep_as_its_driver() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path();
    assert!(git(repo, &["init", "-q", "-b", "main"]).status.success());
    // The two lines the README gives.
    let driver = format!("{} merge %O %A %B -o %A", env!("CARGO_BIN_EXE_sitrep"));
    assert!(
        git(repo, &["config", "merge.sitrep.driver", &driver])
            .status
            .success()
    );
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=sitrep\n").expect("attributes");
    assert!(git(repo, &["add", ".gitattributes"]).status.success());
    let (base, ours, theirs) = two_sides();
    commit_notebook(repo, &base, "base");
    assert!(
        git(repo, &["checkout", "-q", "-b", "theirs"])
            .status
            .success()
    );
    commit_notebook(repo, &theirs, "their edits");
    assert!(git(repo, &["checkout", "-q", "main"]).status.success());
    commit_notebook(repo, &ours, "our edits");
    let merged = git(repo, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merged.status.success(),
        "git merge: {}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let notebook = store::load(&repo.join("notebook.ron")).expect("merged notebook loads");
    assert_has_both_sides(&notebook);
    let status =
        String::from_utf8_lossy(&git(repo, &["status", "--porcelain"]).stdout).into_owned();
    assert!(status.trim().is_empty(), "nothing left behind: {status}");

    // Now a real conflict: git stops, the file holds both values.
    assert!(git(repo, &["checkout", "-q", "theirs"]).status.success());
    let mut their_title = notebook.clone();
    event_titled(&mut their_title, "Biden meets").title = "Biden hosts Ghani".into();
    commit_notebook(repo, &their_title, "their title");
    assert!(git(repo, &["checkout", "-q", "main"]).status.success());
    let mut our_title = notebook.clone();
    event_titled(&mut our_title, "Biden meets").title = "Ghani in Washington".into();
    commit_notebook(repo, &our_title, "our title");
    let conflicted = git(repo, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(!conflicted.status.success(), "git reports the conflict");
    let notebook = store::load(&repo.join("notebook.ron")).expect("still a notebook");
    assert_eq!(notebook.conflicts.len(), 1);
    assert!(notebook.conflicts[0].ours.contains("Ghani in Washington"));
    assert!(notebook.conflicts[0].theirs.contains("Biden hosts Ghani"));
}

#[test]
fn fmt_rewrites_in_canonical_form_and_check_says_which_are_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.ron");
    std::fs::copy("tests/fixtures/format-1.ron", &old).expect("copy");
    let (code, stdout, _) = sitrep(&["fmt", "--check", "old.ron"], dir.path());
    assert_eq!(code, 1, "the old layout is not canonical");
    assert!(
        stdout.contains("old.ron: not in canonical form"),
        "{stdout}"
    );
    let before = store::load(&old).expect("loads");
    let (code, stdout, stderr) = sitrep(&["fmt", "old.ron"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("rewritten"));
    assert_eq!(store::load(&old).expect("loads"), before, "same notebook");
    let (code, _, _) = sitrep(&["fmt", "--check", "old.ron"], dir.path());
    assert_eq!(code, 0, "canonical now");
    std::fs::write(dir.path().join("bad.ron"), "(format: 1,").expect("write");
    let (code, _, stderr) = sitrep(&["fmt", "bad.ron"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.starts_with("sitrep: fmt: bad.ron:"), "{stderr}");
}
