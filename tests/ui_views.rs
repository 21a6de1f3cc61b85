//! Saved views in the real `App`: the filters in force kept under a name,
//! applied again in one click, saved with the notebook and found there on
//! reopening.
#![cfg(feature = "app")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sitrep::model::Category;
use sitrep::ui::{App, Command, ScriptedDialogs};
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;
use common::{app_with, settle};

const SAMPLE: &str = "tests/fixtures/one-article.ron";

fn app(open: &Path) -> Harness<'static, App> {
    app_with(
        Some(open.to_path_buf()),
        &ScriptedDialogs::default(),
        None,
        Duration::from_secs(30),
    )
}

fn copy_of_sample(dir: &Path) -> PathBuf {
    let path = dir.join("views.ron");
    std::fs::copy(SAMPLE, &path).expect("copy");
    path
}

#[test]
fn a_view_keeps_the_filters_applies_in_one_click_and_survives_save_and_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_of_sample(dir.path());
    let mut harness = app(&path);
    let troops = harness
        .state()
        .notebook()
        .series
        .iter()
        .find(|s| s.name == "NATO troops")
        .expect("sample series")
        .id;

    // Hide a category and a series, as an analyst narrowing the picture.
    harness.get_by_label("Diplomatic").click();
    harness.run();
    harness.get_by_label("Show NATO troops").click();
    harness.run();
    let narrowed = harness.state().timeline_filter().clone();
    assert_eq!(narrowed.hidden_categories, [Category::Diplomatic]);
    assert_eq!(narrowed.hidden_series, [troops]);
    let listed = harness.state().listed_events().len();

    // Keep them as a view.
    harness.get_by_label("Views").click();
    harness.run();
    harness.get_by_label("Name for these filters").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Name for these filters")
        .type_text("No talks");
    harness.run();
    harness.get_by_label("Save as a view").click();
    harness.run();
    let views = harness.state().notebook().views.clone();
    assert_eq!(views.len(), 1, "{views:?}");
    assert_eq!(views[0].name, "No talks");
    assert_eq!(views[0].hidden_categories, [Category::Diplomatic]);
    assert_eq!(views[0].hidden_series, [troops]);
    assert!(
        harness.query_by_label("View: No talks").is_some(),
        "the menu names the view in force"
    );

    // Show everything, then the view again in one click.
    harness.get_by_label("View: No talks").click();
    harness.run();
    harness.get_by_label("Show everything").click();
    harness.run();
    assert_eq!(
        *harness.state().timeline_filter(),
        sitrep::timeline::Filter::default()
    );
    assert!(harness.state().listed_events().len() > listed);
    harness.get_by_label("Views (1)").click();
    harness.run();
    harness.get_by_label("No talks").click();
    harness.run();
    assert_eq!(*harness.state().timeline_filter(), narrowed);
    assert_eq!(harness.state().listed_events().len(), listed);

    // Undo takes the view back out; redo returns it.
    harness.state_mut().run(Command::Undo);
    harness.run();
    assert!(harness.state().notebook().views.is_empty());
    harness.state_mut().run(Command::Redo);
    harness.run();
    assert_eq!(harness.state().notebook().views, views);

    harness.state_mut().run(Command::Save);
    harness.run_steps(1);
    settle(&mut harness);
    let saved = sitrep::store::load(&path).expect("saved notebook loads");
    assert_eq!(saved.views, views);

    // A colleague opens the file: the view is listed and applies.
    let mut reopened = app(&path);
    assert_eq!(
        *reopened.state().timeline_filter(),
        sitrep::timeline::Filter::default()
    );
    reopened.get_by_label("Views (1)").click();
    reopened.run();
    reopened.get_by_label("No talks").click();
    reopened.run();
    assert_eq!(*reopened.state().timeline_filter(), narrowed);
    assert_eq!(reopened.state().listed_events().len(), listed);

    // From the keyboard: the command palette finds the view by its name.
    reopened.state_mut().run(Command::ClearFilters);
    reopened.run();
    reopened.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    reopened.run();
    reopened.get_by_label("Command").type_text("no talks");
    reopened.run();
    reopened.key_press(Key::Enter);
    reopened.run();
    assert_eq!(*reopened.state().timeline_filter(), narrowed);
}

#[test]
fn a_view_naming_a_lost_tag_applies_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_of_sample(dir.path());
    let mut notebook = sitrep::store::load(&path).expect("sample");
    notebook.views.push(sitrep::model::SavedView {
        tags: vec!["gone-tag".into()],
        ..sitrep::model::SavedView::named(sitrep::model::ViewId::from_u128(4), "Old tag")
    });
    sitrep::store::save(&path, &notebook).expect("saved");
    let mut harness = app(&path);
    let view = harness.state().notebook().views[0].id;
    harness.state_mut().run(Command::ApplyView(view));
    harness.run();
    let status = harness.state().status().clone();
    assert!(status.is_error, "{status:?}");
    assert!(
        status.text.contains("no item is tagged 'gone-tag' now"),
        "{status:?}"
    );
    assert_eq!(harness.state().timeline_filter().tags, ["gone-tag"]);
    assert!(harness.state().listed_events().is_empty());
    assert_eq!(
        harness.state().notebook().views,
        notebook.views,
        "the view is kept as it was"
    );
}

#[test]
fn a_watch_term_marks_counts_and_puts_first_the_articles_that_hold_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = copy_of_sample(dir.path());
    let mut harness = app(&path);
    harness.get_by_label("Watch terms (0)").click();
    harness.run();
    harness.get_by_label("Watch for").focus();
    harness.run_steps(1);
    harness.get_by_label("Watch for").type_text("ferry");
    harness.run();
    harness.get_by_label("Watch").click();
    harness.run();
    let terms: Vec<String> = harness
        .state()
        .notebook()
        .watch
        .iter()
        .map(|w| w.term.clone())
        .collect();
    assert_eq!(terms, ["ferry"]);

    // The morning's import: two articles of one day, the second one watched.
    let files = [
        (
            "prices.txt",
            "Market prices rise\nPublished: 2021-07-02\n\nFlour prices rose again in the capital's markets.",
        ),
        (
            "ferry.txt",
            "Ferry service halted\nPublished: 2021-07-02\n\nThe ferry across the river stopped running on Friday, traders said.",
        ),
    ];
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, text)| {
            let file = dir.path().join(name);
            std::fs::write(&file, text).expect("write");
            file
        })
        .collect();
    harness.state_mut().run(Command::ImportPaths(paths));
    harness.run_steps(1);
    settle(&mut harness);
    let notebook = harness.state().notebook().clone();
    let id_of = |title: &str| {
        notebook
            .articles
            .iter()
            .find(|a| a.title == title)
            .expect("imported")
            .id
    };
    let (ferry, prices) = (id_of("Ferry service halted"), id_of("Market prices rise"));
    let status = harness.state().status().text.clone();
    assert!(status.contains("1 hold watch terms"), "{status}");
    assert_eq!(
        harness.state().reader_highlight().map(|(id, _)| id),
        Some(ferry),
        "the watched article is the one opened"
    );
    let listed = harness.state().listed_articles().to_vec();
    assert_eq!(&listed[..2], [ferry, prices], "watched first of its day");
    assert!(harness.query_by_label("• Ferry service halted").is_some());
    assert!(harness.query_by_label("Market prices rise").is_some());

    harness.get_by_label("• Watched (1)").click();
    harness.run();
    assert_eq!(harness.state().listed_articles(), [ferry]);

    // Stop watching: the mark and the switch go, every article is listed again.
    harness.get_by_label("Stop").click();
    harness.run();
    assert!(harness.state().notebook().watch.is_empty());
    assert!(harness.query_by_label("• Watched (1)").is_none());
    assert_eq!(
        harness.state().listed_articles().len(),
        notebook.articles.len()
    );
}
