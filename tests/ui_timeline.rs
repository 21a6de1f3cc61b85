//! The app as a new user meets it: the sample notebook's trends, and menu
//! actions that work on any desktop, with or without a file dialog.
#![cfg(feature = "app")]

#[path = "tools/synthetic.rs"]
mod synthetic;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use sitrep::export::Format;
use sitrep::ui::{App, Command, Modal, PathPurpose, ScriptedDialogs};
use std::path::PathBuf;
use std::time::Duration;

mod common;
use common::{app_with, click_at, settle};

/// A small notebook the tests know by heart.
const FIXTURE: &str = "tests/fixtures/one-article.ron";

fn app(open: Option<PathBuf>, dialogs: &ScriptedDialogs) -> Harness<'static, App> {
    app_with(open, dialogs, None, Duration::from_secs(30))
}

/// Replaces what the field called `label` holds with `text`.
fn retype(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn without_a_file_dialog_import_and_export_ask_for_a_typed_path() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    // The scripted dialog answers "nothing" at once, as rfd does with no portal.
    harness.state_mut().run(Command::ImportFiles);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(
        matches!(
            harness.state().modal(),
            Some(Modal::TypedPath {
                purpose: PathPurpose::Import,
                ..
            })
        ),
        "{:?}",
        harness.state().modal()
    );
    let article = std::fs::canonicalize("tests/fixtures/article.html").expect("fixture");
    retype(&mut harness, "Article path", &article.display().to_string());
    harness.get_by_label("OK").click();
    harness.run_steps(1);
    settle(&mut harness);
    assert_eq!(
        harness.state().notebook().articles.len(),
        2,
        "{:?}",
        harness.state().status()
    );

    harness.state_mut().run(Command::Export(Format::Csv));
    harness.run_steps(1);
    settle(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::TypedPath {
            purpose: PathPurpose::Export(Format::Csv),
            ..
        })
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("figures");
    retype(&mut harness, "Export path", &out.display().to_string());
    harness.get_by_label("OK").click();
    harness.run_steps(1);
    settle(&mut harness);
    let written = out.with_extension("csv");
    let csv = std::fs::read_to_string(&written).expect("the export was written");
    assert!(csv.contains("NATO"), "{csv}");
    let status = harness.state().status().text.clone();
    assert!(status.starts_with("Exported"), "{status}");
}

/// Waits for background work, then lets scrolling to the selection finish.
fn settle_scrolled(harness: &mut Harness<'static, App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(64);
}

/// Selects `len` characters starting `from` characters into the reader's text.
fn select_in_reader(harness: &mut Harness<'static, App>, from: usize, len: usize) {
    // On its first line: the field runs on below the reader's fold, so its
    // middle may be out of sight.
    let at = harness.get_by_label("Article text").rect().left_top() + egui::vec2(12.0, 8.0);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    // Up to the first line, whatever line the click landed on.
    for _ in 0..80 {
        harness.key_press(Key::ArrowUp);
    }
    harness.key_press(Key::Home);
    for _ in 0..from {
        harness.key_press(Key::ArrowRight);
    }
    for _ in 0..len {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    harness.run();
}

#[test]
fn an_event_from_a_sloppy_selection_is_trimmed_and_filled_from_its_words() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    // " the Taliban seized Shir Khan Bandar," as a quick drag picks it up.
    select_in_reader(&mut harness, 98, 37);
    assert_eq!(harness.state().reader_selection(), Some((98, 135)));
    harness.state_mut().run(Command::EventFromSelection);
    harness.run();
    assert!(
        matches!(harness.state().modal(), Some(Modal::NewEvent(_))),
        "{:?}",
        harness.state().status()
    );
    harness.get_by_label("Create event").click();
    harness.run();
    let notebook = harness.state().notebook();
    let event = notebook
        .events
        .iter()
        .find(|e| e.title.contains("seized Shir Khan"))
        .unwrap_or_else(|| panic!("no event made: {:?}", harness.state().modal()));
    assert_eq!(event.title, "the Taliban seized Shir Khan Bandar");
    assert_eq!(
        event.evidence[0].quote, event.title,
        "the evidence is trimmed too"
    );
    assert_eq!(event.place, "Shir Khan Bandar");
    assert_eq!(event.actors, ["Taliban"]);
    assert_eq!(event.category, sitrep::model::Category::Military);
    assert_eq!(event.start.iso(), "2021-06-22");
}

#[test]
fn proposals_take_the_kind_their_words_say_and_a_reject_says_so() {
    use sitrep::model::{Category, ProposalKind};
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    harness.state_mut().run(Command::ProposeForArticle);
    settle_scrolled(&mut harness);
    let events: Vec<(sitrep::model::ProposalId, String)> = harness
        .state()
        .notebook()
        .proposals
        .iter()
        .filter_map(|p| match &p.kind {
            ProposalKind::Event { title, .. } => Some((p.id, title.clone())),
            ProposalKind::Figure { .. } => None,
        })
        .collect();
    let (seized, _) = events
        .iter()
        .find(|(_, title)| title.contains("seized"))
        .expect("a proposal for the capture");
    harness.state_mut().run(Command::AcceptProposal(*seized));
    settle_scrolled(&mut harness);
    assert_eq!(harness.state().status().text, "Accepted");
    let made = harness
        .state()
        .notebook()
        .events
        .iter()
        .find(|e| e.title.contains("seized Shir Khan Bandar"))
        .expect("accepted");
    assert_eq!(made.category, Category::Military);

    let other = harness.state().notebook().proposals[0].id;
    harness.state_mut().run(Command::RejectProposal(other));
    settle_scrolled(&mut harness);
    assert!(
        harness.state().status().text.starts_with("Rejected"),
        "{:?}",
        harness.state().status()
    );
    assert!(harness.state().notebook().proposal(other).is_none());
}

#[test]
fn the_sample_opens_on_trends_whose_points_lead_to_their_sources() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(sitrep::ui::SAMPLE_NOTEBOOK.into()), &dialogs);
    let notebook = harness.state().notebook().clone();
    assert!(
        notebook.articles.len() >= 20,
        "{} articles",
        notebook.articles.len()
    );
    assert!(
        notebook.events.len() >= 30,
        "{} events",
        notebook.events.len()
    );
    let long = notebook
        .series
        .iter()
        .filter(|s| s.observations.len() >= 8)
        .count();
    assert!(long >= 2, "series of eight figures or more: {long}");
    assert!(
        notebook
            .articles
            .iter()
            .all(|a| !a.outlet.is_empty() && a.published.is_some()),
        "every article is cited with its outlet and date"
    );
    assert!(
        notebook
            .articles
            .iter()
            .filter(|a| !a.url.is_empty())
            .count()
            >= 20,
        "and, where the source can be found, its address"
    );
    // Hover a point of the longest series: its source's words show.
    let series = notebook
        .series
        .iter()
        .max_by_key(|s| s.observations.len())
        .expect("series");
    let (pos, observation) = harness
        .state()
        .timeline_targets()
        .iter()
        .find_map(|(pos, selection)| match selection {
            sitrep::ui::Selection::Observation(s, o) if *s == series.id => Some((*pos, *o)),
            _ => None,
        })
        .expect("a point of the series is on screen");
    harness.event(egui::Event::PointerMoved(pos));
    harness.run_steps(60);
    let observation = series
        .observations
        .iter()
        .find(|o| o.id == observation)
        .expect("observation");
    let evidence = observation.evidence.as_ref().expect("sourced");
    let article = notebook.article(evidence.article).expect("article");
    let quote: String = evidence.quote.chars().take(30).collect();
    harness.get_by_label_contains(&quote);
    harness.get_by_label_contains(&format!("— {}", article.title));
}

#[test]
fn panels_hide_and_come_back_to_give_the_timeline_room() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    assert!(harness.query_by_label("Inspector").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    assert!(harness.query_by_label("Inspector").is_none(), "hidden");
    let (min, max) = harness.state().timeline_range().expect("drawn");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(
        harness.query_by_label("Articles").is_none(),
        "the lists too"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(harness.query_by_label("Inspector").is_some(), "back");
    assert!(harness.query_by_label("Articles").is_some());
    assert_eq!(
        harness.state().timeline_range(),
        Some((min, max)),
        "the dates in view stay"
    );
}

/// Turns a plain mouse wheel down by `points` with the pointer at `at`.
fn wheel_down(harness: &mut Harness<'static, App>, at: egui::Pos2, points: f32) {
    harness.hover_at(at);
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -points),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
}

#[test]
fn a_plain_scroll_wheel_over_the_event_lane_moves_through_time() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(FIXTURE.into()), &dialogs);
    let (min, max) = harness.state().timeline_range().expect("drawn");
    let (pos, _) = *harness
        .state()
        .timeline_targets()
        .iter()
        .find(|(_, s)| matches!(s, sitrep::ui::Selection::Event(_)))
        .expect("an event on screen");
    // Scrolling down, as when reading on down a page.
    wheel_down(&mut harness, pos, 120.0);
    harness.run_steps(40);
    let (later_min, later_max) = harness.state().timeline_range().expect("drawn");
    assert!(later_min > min, "{min} -> {later_min}");
    assert!(
        ((later_max - later_min) - (max - min)).abs() < 1e-6 * (max - min),
        "a pan, not a zoom"
    );
}

/// The sample drawn at 1400×900: the harness and every shape its last
/// frame painted whole within its clip rect, with groups opened.
fn sample_painted() -> (Harness<'static, App>, Vec<egui::Shape>) {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(sitrep::ui::SAMPLE_NOTEBOOK.into()), &dialogs);
    harness.run_steps(4);
    let out = common::painted_shapes(&harness);
    (harness, out)
}

fn rgb(color: Option<[u8; 3]>) -> egui::Color32 {
    let [r, g, b] = color.expect("the sample gives each series its colour");
    egui::Color32::from_rgb(r, g, b)
}

#[test]
fn trends_are_drawn_as_lines_in_their_series_colours_never_as_filled_wedges() {
    let (harness, shapes) = sample_painted();
    // egui_plot merges a dense line's vertical runs into a filled band
    // unless told not to: a step line's jumps then became solid wedges.
    assert!(
        !shapes.iter().any(|s| matches!(s, egui::Shape::Band(_))),
        "a trend was drawn as a filled band"
    );
    let notebook = harness.state().notebook().clone();
    for series in notebook.series.iter().filter(|s| s.observations.len() >= 2) {
        let color = rgb(series.color);
        let longest = shapes
            .iter()
            .filter_map(|s| match s {
                egui::Shape::Path(path)
                    if path.stroke.color == egui::epaint::ColorMode::Solid(color) =>
                {
                    Some(path.points.len())
                }
                _ => None,
            })
            .max()
            .unwrap_or(0);
        assert!(
            longest >= series.observations.len().min(3),
            "{}: its trend is a line through its figures ({longest} points)",
            series.name
        );
    }
}

#[test]
fn each_legend_entry_shows_its_series_colour() {
    let (harness, shapes) = sample_painted();
    let notebook = harness.state().notebook().clone();
    let mut checked = 0;
    for series in &notebook.series {
        let Some(entry) = harness.query_by_label(&series.name) else {
            continue; // a plot scrolled out of sight
        };
        let rect = entry.rect();
        let timeline = harness.state().panel_rects().timeline.expect("timeline");
        if !timeline.contains_rect(rect) {
            continue; // a plot scrolled out of sight
        }
        // The legend's dot: the smaller of the two circles at its left end.
        let dot = shapes
            .iter()
            .filter_map(|s| match s {
                egui::Shape::Circle(circle) if rect.contains(circle.center) => Some(*circle),
                _ => None,
            })
            .min_by(|a, b| a.radius.total_cmp(&b.radius))
            .unwrap_or_else(|| panic!("{}: no dot in its legend entry", series.name));
        assert_eq!(dot.fill, rgb(series.color), "{}", series.name);
        checked += 1;
    }
    assert!(checked >= 2, "legend entries seen: {checked}");
}

#[test]
fn the_zero_of_a_plot_never_sits_on_its_dates() {
    let texts: Vec<(String, egui::Rect)> = sample_painted()
        .1
        .iter()
        .filter_map(|s| match s {
            egui::Shape::Text(text) => Some((
                text.galley.text().to_owned(),
                text.galley.rect.translate(text.pos.to_vec2()),
            )),
            _ => None,
        })
        .collect();
    let zeros: Vec<&(String, egui::Rect)> = texts.iter().filter(|(t, _)| t == "0").collect();
    assert!(!zeros.is_empty(), "the plots' axes start at 0");
    for (_, zero) in zeros {
        for (other, rect) in &texts {
            if rect != zero && !other.trim().is_empty() {
                assert!(
                    !rect.shrink(0.5).intersects(zero.shrink(0.5)),
                    "\"0\" at {zero:?} overlaps \"{other}\" at {rect:?}"
                );
            }
        }
    }
}

#[test]
fn shares_of_the_whole_names_the_series_it_cannot_show() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = app(Some(sitrep::ui::SAMPLE_NOTEBOOK.into()), &dialogs);
    harness.get_by_label("Shares of the whole").click();
    harness.run();
    assert!(harness.state().timeline_filter().as_share);
    let without_whole: Vec<String> = harness
        .state()
        .notebook()
        .series
        .iter()
        .filter(|s| {
            s.denominator.is_none() && s.observations.iter().all(|o| o.denominator.is_none())
        })
        .map(|s| s.name.clone())
        .collect();
    assert!(
        !without_whole.is_empty(),
        "the sample's troop series have no whole"
    );
    let note = harness.get_by_label_contains("Not shown as shares");
    let said = note
        .accesskit_node()
        .label()
        .or_else(|| note.value())
        .unwrap_or_default();
    for name in &without_whole {
        assert!(said.contains(name.as_str()), "{name} is not named: {said}");
    }
}

#[test]
fn at_800_by_600_the_reader_stays_clear_of_the_inspector_and_every_plot_can_be_reached() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = common::app_sized(
        Some(sitrep::ui::SAMPLE_NOTEBOOK.into()),
        &dialogs,
        None,
        Duration::from_secs(30),
        [800.0, 600.0],
    );
    harness.run_steps(4);
    let inspector = harness.get_by_label("Inspector").rect();
    let text = harness.get_by_label("Article text").rect();
    assert!(
        text.right() <= inspector.left() + 1.0,
        "the reader's text {text:?} runs under the inspector {inspector:?}"
    );
    assert!(text.top() < 600.0 && text.height() > 20.0, "{text:?}");
    // Scroll the plots down with the wheel until every series' legend has shown.
    let names: Vec<String> = harness
        .state()
        .notebook()
        .series
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..30 {
        for name in &names {
            if harness
                .query_by_label(name)
                .is_some_and(|n| n.rect().bottom() <= 600.0)
            {
                seen.insert(name.clone());
            }
        }
        if seen.len() == names.len() {
            break;
        }
        wheel_down(&mut harness, egui::pos2(300.0, 560.0), 80.0);
        harness.run_steps(10);
    }
    assert_eq!(
        seen.len(),
        names.len(),
        "plots reached: {seen:?} of {names:?}"
    );
}

#[test]
fn a_big_notebooks_timeline_is_laid_out_on_a_worker_and_follows_each_change() {
    use crate::synthetic::{self, Size};
    use sitrep::ui::Selection;
    // Big enough that the layout is built on a worker, and the event lane laid out per zoom level.
    let notebook = synthetic::notebook(Size {
        articles: 40,
        events: 6_000,
        series: 4,
        observations_per_series: 5_000,
        days: 400,
    });
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| App::with_notebook(&cc.egui_ctx, notebook));
    settle(&mut harness);
    assert!(harness.state().timeline_is_current());
    let events_drawn =
        |harness: &Harness<'static, App>| -> Vec<(egui::Pos2, sitrep::model::EventId)> {
            harness
                .state()
                .timeline_targets()
                .iter()
                .filter_map(|(pos, selection)| match selection {
                    Selection::Event(id) => Some((*pos, *id)),
                    _ => None,
                })
                .collect()
        };
    assert!(!events_drawn(&harness).is_empty(), "the lane shows events");
    // Zoomed in, every event in view is drawn and can be clicked.
    for _ in 0..12 {
        harness.key_press(Key::Plus);
    }
    harness.run();
    let (pos, id) = events_drawn(&harness)[0];
    click_at(&mut harness, pos);
    assert_eq!(harness.state().selection(), Some(&Selection::Event(id)));

    // Deleting it is an edit: the layout is rebuilt and the event leaves the lane.
    harness.state_mut().run(Command::DeleteSelected);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(harness.state().notebook().event(id).is_none());
    assert!(harness.state().timeline_is_current());
    assert!(!events_drawn(&harness).iter().any(|(_, drawn)| *drawn == id));
    assert!(!events_drawn(&harness).is_empty());

    // Hiding every category is a change of filter: the lane empties.
    for category in sitrep::model::Category::ALL {
        harness.get_by_label(category.label()).click();
        harness.run();
    }
    settle(&mut harness);
    assert!(events_drawn(&harness).is_empty(), "every category hidden");
}
