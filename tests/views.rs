//! Saved views and watch terms as a team shares them: written in the
//! notebook file, read back whole, merged by id, and applied by
//! `sitrep export --view NAME`.

use sitrep::model::{Category, DayWindow, Notebook, Region, SavedView, ViewId, WatchId, WatchTerm};
use sitrep::store::{self, merge};
use std::path::Path;

mod common;
use common::sitrep;

fn sample() -> Notebook {
    store::load(Path::new("tests/fixtures/one-article.ron")).expect("sample")
}

fn day(text: &str) -> jiff::civil::Date {
    text.parse().expect("a day")
}

/// A view an analyst following the north in June would keep.
fn north_in_june(notebook: &Notebook) -> SavedView {
    SavedView {
        window: Some(DayWindow {
            from: day("2021-06-01"),
            to: day("2021-06-30"),
        }),
        known_on: Some(day("2021-06-30")),
        hidden_categories: vec![Category::Diplomatic],
        tags: vec!["north".into()],
        region: Some(Region {
            name: "The north".into(),
            west: 60.0,
            south: 34.5,
            east: 72.0,
            north: 38.5,
        }),
        hidden_series: vec![notebook.series[0].id],
        as_share: true,
        ..SavedView::named(ViewId::from_u128(11), "North in June")
    }
}

#[test]
fn a_saved_view_survives_save_and_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("views.ron");
    let mut notebook = sample();
    notebook.views.push(north_in_june(&notebook));
    notebook.watch.push(WatchTerm {
        id: WatchId::from_u128(5),
        term: "Mazar-i-Sharif".into(),
    });
    store::save(&path, &notebook).expect("saved");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("name: \"North in June\""), "{text}");
    assert!(
        text.contains("from: \"2021-06-01\""),
        "dates as days: {text}"
    );
    let reopened = store::load(&path).expect("reopens");
    assert_eq!(reopened.views, notebook.views);
    assert_eq!(reopened.watch, notebook.watch);
    assert_eq!(reopened, notebook);
    // A notebook without views writes no `views` line: older files keep their bytes.
    let plain = store::to_text(&sample());
    assert!(!plain.contains("views:") && !plain.contains("watch:"));
}

#[test]
fn saved_views_merge_by_id_and_the_result_reopens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut base = sample();
    base.views.push(north_in_june(&base));
    let mut ours = base.clone();
    ours.views[0].name = "North, June".into();
    ours.views
        .push(SavedView::named(ViewId::from_u128(20), "Everything"));
    ours.canonicalize();
    let mut theirs = base.clone();
    theirs.views[0].tags.push("airbase".into());
    theirs.views.push(SavedView {
        hidden_categories: vec![Category::Military],
        ..SavedView::named(ViewId::from_u128(30), "No fighting")
    });
    theirs.watch.push(WatchTerm {
        id: WatchId::from_u128(7),
        term: "Kunduz".into(),
    });
    theirs.canonicalize();
    let merged = merge::merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let names: Vec<&str> = merged
        .notebook
        .views
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["North, June", "Everything", "No fighting"]);
    assert_eq!(
        merged.notebook.views[0].tags,
        ["north", "airbase"],
        "their tag and our name on one view"
    );
    assert_eq!(merged.notebook.watch.len(), 1);
    let path = dir.path().join("merged.ron");
    store::save(&path, &merged.notebook).expect("saved");
    assert_eq!(store::load(&path).expect("reopens"), merged.notebook);

    // Both renaming one view differently is a conflict, both names kept.
    let mut theirs = base.clone();
    theirs.views[0].name = "Northern provinces".into();
    let merged = merge::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(merged.conflicts[0].item.starts_with("views/"));
    assert!(merged.conflicts[0].theirs.contains("Northern provinces"));
    assert_eq!(merged.notebook.views[0].name, "North, June");
    // Settled by keeping theirs, as the app's "Keep theirs" does.
    let mut settled = merged.notebook.clone();
    merge::resolve(&settled, 0, merge::Side::Theirs)
        .expect("a view's conflict can be settled")
        .apply(&mut settled)
        .expect("applies");
    assert_eq!(settled.views[0].name, "Northern provinces");
    assert!(settled.conflicts.is_empty());
}

#[test]
fn a_view_from_a_newer_sitrep_opens_read_only_and_a_broken_one_is_named() {
    let mut notebook = sample();
    notebook.views.push(north_in_june(&notebook));
    let text = store::to_text(&notebook).replacen(
        "name: \"North in June\",",
        "name: \"North in June\",\n            layout: \"map-left\",",
        1,
    );
    let opened = store::parse_opened(text.as_bytes()).expect("opens");
    let Some(store::Caution::UnknownFields(fields)) = opened.caution else {
        panic!("the unknown field must be noticed: {:?}", opened.caution);
    };
    assert!(
        fields[0].starts_with("views") && fields[0].contains("layout"),
        "{fields:?}"
    );
    assert_eq!(opened.notebook.views[0].name, "North in June");

    let inverted = store::to_text(&notebook).replacen("west: 60.0", "west: 80.0", 1);
    let error = store::parse(inverted.as_bytes()).expect_err("a box inside out");
    let message = error.to_string();
    assert!(
        message.contains("view 'North in June'") && message.contains("region"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

/// The sample with a view of its June events and one naming a tag nothing carries.
fn notebook_with_views(dir: &Path) -> String {
    let mut notebook = sample();
    notebook.views.push(SavedView {
        window: Some(DayWindow {
            from: day("2021-06-01"),
            to: day("2021-06-30"),
        }),
        ..SavedView::named(ViewId::from_u128(1), "June")
    });
    notebook.views.push(SavedView {
        tags: vec!["no-such-tag".into()],
        ..SavedView::named(ViewId::from_u128(2), "Tagged")
    });
    let path = dir.join("views.ron");
    store::save(&path, &notebook).expect("saved");
    path.display().to_string()
}

fn csv_dates(path: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).expect("a CSV file");
    reader
        .records()
        .map(|r| r.expect("a row")[2].to_owned())
        .collect()
}

#[test]
fn export_view_applies_a_saved_view_and_names_the_views_there_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notebook = notebook_with_views(dir.path());
    let all = dir.path().join("all.csv");
    let (code, _, stderr) = sitrep(&["export", &notebook, "--csv", &all.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    let every = csv_dates(&all);
    assert_eq!(every.len(), 10, "7 events and 3 figures: {every:?}");

    let june = dir.path().join("june.csv");
    let (code, _, stderr) = sitrep(&[
        "export",
        &notebook,
        "--view",
        "june",
        "--csv",
        &june.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let dates = csv_dates(&june);
    assert!(!dates.is_empty() && dates.len() < every.len(), "{dates:?}");
    assert!(
        dates.iter().all(|d| d.starts_with("2021-06")),
        "only June: {dates:?}"
    );

    // The view on the pictures too: the chart says its window.
    let svg = dir.path().join("june.svg");
    let (code, _, stderr) = sitrep(&[
        "export",
        &notebook,
        "--view=June",
        "--svg",
        &svg.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let picture = std::fs::read_to_string(&svg).expect("svg");
    assert!(picture.contains("2021-06-01 to 2021-06-30"), "{picture}");

    let (code, _, stderr) = sitrep(&[
        "export",
        &notebook,
        "--view",
        "July",
        "--csv",
        &june.display().to_string(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim(),
        "sitrep: export: no view named 'July': this notebook has 'June', 'Tagged'"
    );

    let tagged = dir.path().join("tagged.csv");
    let (code, _, stderr) = sitrep(&[
        "export",
        &notebook,
        "--view",
        "Tagged",
        "--csv",
        &tagged.display().to_string(),
    ]);
    assert_eq!(code, 0, "a lost tag is a warning: {stderr}");
    assert_eq!(
        stderr.trim(),
        "sitrep: export: view 'Tagged': no item is tagged 'no-such-tag' now"
    );
    assert!(csv_dates(&tagged).is_empty(), "nothing carries the tag");
}

#[test]
fn import_names_the_watch_terms_each_article_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut notebook = sample();
    notebook.watch.push(WatchTerm {
        id: WatchId::from_u128(3),
        term: "ferry".into(),
    });
    let path = dir.path().join("watch.ron");
    store::save(&path, &notebook).expect("saved");
    let ferry = dir.path().join("ferry.txt");
    std::fs::write(
        &ferry,
        "Ferry service halted\nPublished: 2021-07-02\n\nThe ferry across the river stopped running, traders said.",
    )
    .expect("write");
    let prices = dir.path().join("prices.txt");
    std::fs::write(
        &prices,
        "Market prices rise\nPublished: 2021-07-02\n\nFlour prices rose again.",
    )
    .expect("write");
    let (code, stdout, stderr) = sitrep(&[
        "import",
        &ferry.display().to_string(),
        &prices.display().to_string(),
        "--into",
        &path.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].ends_with("; watched: ferry ×2"), "{stdout}");
    assert!(!lines[1].contains("watched"), "{stdout}");
    let reopened = store::load(&path).expect("reopens");
    assert_eq!(reopened.watch, notebook.watch, "the terms stay");
}
