//! Undated articles in the real `App`: marked in the list, and their
//! proposals with relative dates wait for the article's date, then follow it.
#![cfg(feature = "app")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sitrep::model::{DateSource, PartialDate, ProposalKind};
use sitrep::ui::{App, Command, ScriptedDialogs};
use std::time::Duration;

mod common;
use common::{app_with, import_text};

/// A report with no date anywhere: "on Tuesday" can only be reckoned from
/// the day of import, while "on 3 May 2023" states its year.
const UNDATED: &str = "Market attack in the north\n\n\
    Gunmen attacked the cattle market on Tuesday and 14 traders were killed, \
    the regional governor said.\n\n\
    A curfew imposed on 3 May 2023 is still in force in the town.\n";

fn event_date(harness: &Harness<'static, App>, starts: &str) -> Option<String> {
    harness
        .state()
        .notebook()
        .proposals
        .iter()
        .find_map(|p| match &p.kind {
            ProposalKind::Event { title, date, .. } if title.starts_with(starts) => {
                Some(date.iso())
            }
            _ => None,
        })
}

#[test]
fn an_undated_article_is_marked_and_its_relative_dates_wait_for_its_date() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app_with(None, &dialogs, None, Duration::from_secs(30));
    import_text(&mut harness, UNDATED);
    let notebook = harness.state().notebook().clone();
    let article = notebook.articles.first().expect("imported").clone();
    assert_eq!(article.published, None);
    harness.get_by_label("Market attack in the north (undated)");

    // The curfew's date states its year: it can be accepted at once.
    let curfew = notebook
        .proposals
        .iter()
        .find(|p| matches!(&p.kind, ProposalKind::Event { title, .. } if title.starts_with("A curfew")))
        .expect("the curfew event")
        .id;
    harness.state_mut().run(Command::AcceptProposal(curfew));
    harness.run();
    assert_eq!(
        harness.state().notebook().events.len(),
        1,
        "{:?}",
        harness.state().status()
    );

    // "On Tuesday" waits: Accept is disabled, and Enter says why.
    harness.get_by_label_contains("· Gunmen attacked").click();
    harness.run();
    harness.get_by_label("Accept").click();
    harness.run();
    assert_eq!(
        harness.state().notebook().events.len(),
        1,
        "a disabled Accept does nothing"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .state()
            .status()
            .text
            .contains("set the article's date first"),
        "{:?}",
        harness.state().status()
    );

    // The analyst gives the article its date (a Friday): Tuesday follows it.
    harness.get_by_label("Article's date").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Article's date")
        .type_text("2023-05-12");
    harness.run();
    let notebook = harness.state().notebook().clone();
    let dated = notebook.article(article.id).expect("article");
    assert_eq!(
        dated.published.map(PartialDate::iso).as_deref(),
        Some("2023-05-12")
    );
    assert_eq!(dated.published_from, Some(DateSource::Analyst));
    assert_eq!(
        event_date(&harness, "Gunmen").as_deref(),
        Some("2023-05-09")
    );
    harness.get_by_label_contains("12 May 2023, entered by hand");
    assert!(
        harness
            .query_by_label("Market attack in the north (undated)")
            .is_none(),
        "dated now, so no longer marked"
    );

    harness.get_by_label("Accept").click();
    // The inspector moves on to the next item and resizes its grid.
    harness.run_steps(10);
    let notebook = harness.state().notebook();
    assert!(
        notebook
            .events
            .iter()
            .any(|e| e.title.starts_with("Gunmen") && e.start.iso() == "2023-05-09"),
        "{:?}",
        harness.state().status()
    );

    // Undo takes the event back, then the whole typed date in one step.
    harness.state_mut().run(Command::Undo);
    harness.state_mut().run(Command::Undo);
    harness.run();
    let notebook = harness.state().notebook();
    assert_eq!(notebook.article(article.id).and_then(|a| a.published), None);
    assert_ne!(
        event_date(&harness, "Gunmen").as_deref(),
        Some("2023-05-09")
    );
}
