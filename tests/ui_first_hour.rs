//! An analyst's first hour, scripted at three window sizes and driven by
//! hand: pointer moves, presses and releases at the widgets' laid-out
//! places, and typed keys. After every step the layout must hold (each
//! shown panel keeps its least size, no two overlap, the plots have room)
//! and the notebook must hold what was done.
#![cfg(feature = "app")]

use egui::{Key, Modifiers, Pos2, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use sitrep::ui::{App, ScriptedDialogs};
use std::path::Path;
use std::time::Duration;

mod common;
use common::{app_sized, click_at, drag_with, settle};

const SIZES: [[f32; 2]; 3] = [[1024.0, 700.0], [1400.0, 900.0], [1920.0, 1080.0]];
const SAMPLE: &str = "saves/afghanistan-2021.ron";

fn open(path: &Path, size: [f32; 2], dialogs: &ScriptedDialogs) -> Harness<'static, App> {
    app_sized(
        Some(path.to_path_buf()),
        dialogs,
        None,
        Duration::from_secs(3600),
        size,
    )
}

/// The middle of the widget labelled `label`, as laid out last frame.
fn centre_of(harness: &Harness<'static, App>, label: &str) -> Pos2 {
    harness.get_by_label(label).rect().center()
}

/// Moves the pointer to the widget labelled `label` and clicks it.
fn click(harness: &mut Harness<'static, App>, label: &str) {
    let at = centre_of(harness, label);
    click_at(harness, at);
}

/// Where to click the widget named `label` (a text field's first line),
/// if it is in sight inside `within`; `fields` keeps only text fields.
fn widget_at(
    harness: &Harness<'static, App>,
    label: &str,
    fields: bool,
    within: Rect,
) -> Option<Pos2> {
    use egui::accesskit::Role;
    harness
        .get_all_by_label(label)
        .filter(|n| {
            let role = n.accesskit_node().role();
            !fields || matches!(role, Role::TextInput | Role::MultilineTextInput)
        })
        .map(|n| n.rect())
        .map(|rect| pos2(rect.center().x, (rect.top() + 10.0).min(rect.center().y)))
        .find(|at| within.shrink(2.0).contains(*at))
}

/// Moves the pointer to the widget named `label` inside `within` and
/// clicks it, first turning the mouse wheel over `within` until it is in sight.
fn scroll_and_click(harness: &mut Harness<'static, App>, label: &str, fields: bool, within: Rect) {
    for _ in 0..60 {
        if let Some(at) = widget_at(harness, label, fields, within) {
            click_at(harness, at);
            return;
        }
        // Down the panel until it shows, then back up from the end.
        let above = harness
            .get_all_by_label(label)
            .any(|n| n.rect().center().y < within.top());
        harness.hover_at(within.center());
        harness.run();
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, if above { 60.0 } else { -60.0 }),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        // Scrolling glides over a few frames.
        harness.run_steps(8);
    }
    panic!("{label:?} never comes into sight in {within:?}");
}

/// Clicks into the text field named `label` in `within`, scrolling to it.
fn click_field(harness: &mut Harness<'static, App>, label: &str, within: Rect) {
    scroll_and_click(harness, label, true, within);
}

/// Types `text` as a keyboard would, into whatever has the keyboard.
fn type_text(harness: &mut Harness<'static, App>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

/// Every shown panel keeps its least size, inside the window, and no two
/// overlap; the timeline keeps room for its lane and plots.
fn assert_layout_holds(harness: &Harness<'static, App>, size: [f32; 2], step: &str) {
    let window = Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1]));
    let panels = harness.state().panel_rects();
    let named: Vec<(&str, Rect, [f32; 2])> = [
        ("lists", panels.lists, [140.0, 200.0]),
        ("inspector", panels.inspector, [160.0, 200.0]),
        ("reader", panels.reader, [300.0, 30.0]),
        ("timeline", panels.timeline, [360.0, 240.0]),
        ("map", panels.map, [140.0, 140.0]),
    ]
    .into_iter()
    .map(|(name, rect, least)| {
        let rect = rect.unwrap_or_else(|| panic!("{step} at {size:?}: the {name} is not shown"));
        (name, rect, least)
    })
    .collect();
    for &(name, rect, [least_w, least_h]) in &named {
        assert!(
            window.expand(1.0).contains_rect(rect),
            "{step} at {size:?}: the {name} {rect:?} leaves the window"
        );
        assert!(
            rect.width() >= least_w && rect.height() >= least_h,
            "{step} at {size:?}: the {name} is squeezed to {rect:?}"
        );
    }
    for (i, &(a, ra, _)) in named.iter().enumerate() {
        for &(b, rb, _) in &named[i + 1..] {
            let shared = ra.intersect(rb);
            assert!(
                shared.width() <= 1.0 || shared.height() <= 1.0,
                "{step} at {size:?}: the {a} {ra:?} and the {b} {rb:?} overlap"
            );
        }
    }
    let timeline = panels.timeline.expect("checked");
    assert!(
        timeline.width() >= size[0] * 0.3,
        "{step} at {size:?}: the timeline has only {timeline:?}"
    );
    let lane = harness
        .state()
        .timeline_lane_rect()
        .unwrap_or_else(|| panic!("{step} at {size:?}: no event lane"));
    assert!(
        timeline.expand(1.0).contains_rect(lane),
        "{step}: lane {lane:?}"
    );
    let plots_in_sight = harness
        .state()
        .plot_frames()
        .iter()
        .filter(|(_, frame)| timeline.expand(1.0).contains_rect(*frame) && frame.height() >= 70.0)
        .count();
    assert!(
        plots_in_sight >= 1,
        "{step} at {size:?}: no plot has room: {:?} in {timeline:?} ({panels:?})",
        harness.state().plot_frames()
    );
}

/// Drags across the reader's first line of text, from its start to `to_x`.
fn drag_over_first_line(harness: &mut Harness<'static, App>, to_x: f32) {
    let text = harness.get_by_label("Article text").rect();
    let y = text.top() + 8.0;
    let from = pos2(text.left() + 1.0, y);
    drag_with(
        harness,
        Modifiers::NONE,
        from,
        pos2(to_x.min(text.right()), y),
    );
}

fn first_hour(size: [f32; 2]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("first-hour.ron");
    std::fs::copy(SAMPLE, &path).expect("copy the sample");
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Port city shelled\n\nPublished: 2021-08-20\n\nShelling hit the port district on \
         Thursday, officials said. More than 40 people were wounded in the port district.\n",
    )
    .expect("write a page");
    let dialogs = ScriptedDialogs::default();
    let mut harness = open(&path, size, &dialogs);
    let before = harness.state().notebook().clone();
    assert_layout_holds(&harness, size, "opening the sample");

    // Write an article: New article (above the list), a title, its text.
    click(&mut harness, "New article");
    type_text(&mut harness, "Ferry crossing closed");
    let reader = harness.state().panel_rects().reader.expect("the reader");
    click_field(&mut harness, "Published", reader);
    type_text(&mut harness, "2021-08-19");
    click_field(&mut harness, "Text", reader);
    type_text(
        &mut harness,
        "About 3,000 people waited at the ferry crossing on 2021-08-19.",
    );
    click(&mut harness, "Done");
    let written = harness
        .state()
        .notebook()
        .articles
        .iter()
        .find(|a| a.title == "Ferry crossing closed")
        .expect("the article is in the notebook")
        .clone();
    assert!(
        written.text.starts_with("About 3,000 people"),
        "{written:?} {:?}",
        harness.state().status()
    );
    assert_layout_holds(&harness, size, "writing an article");

    // Select words by dragging: the selection holds whole words.
    drag_over_first_line(&mut harness, 10_000.0);
    let (start, end) = harness.state().reader_selection().expect("words selected");
    let selected = &written.text[start..end];
    assert!(selected.starts_with("About 3,000"), "{selected:?}");
    let word_end = |at: usize| {
        at == written.text.len()
            || !written.text[at..].starts_with(|c: char| c.is_alphanumeric())
            || !written.text[..at].ends_with(|c: char| c.is_alphanumeric())
    };
    assert!(
        word_end(end),
        "the selection ends inside a word: {selected:?}"
    );

    // A figure from it, then an event.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::G);
    harness.run();
    click(&mut harness, "Create figure");
    assert!(
        harness.state().modal().is_none(),
        "the figure form closes: {:?}",
        harness.state().modal()
    );
    let figures = |h: &Harness<'static, App>| h.state().notebook().observation_count();
    assert_eq!(figures(&harness), before.observation_count() + 1);
    let said = &harness.state().status().text;
    assert!(
        said.starts_with("Add figure on") && said.contains("Ctrl+Z"),
        "the status line says what was made: {said:?}"
    );
    assert_layout_holds(&harness, size, "making a figure");
    drag_over_first_line(&mut harness, 10_000.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "Create event");
    assert_eq!(
        harness.state().notebook().events.len(),
        before.events.len() + 1
    );
    assert_layout_holds(&harness, size, "making an event");

    // Review an imported page's proposals: select each, then accept one.
    harness
        .state_mut()
        .run(sitrep::ui::Command::ImportPaths(vec![page]));
    harness.run_steps(1);
    settle(&mut harness);
    let proposals = harness.state().notebook().proposals.len();
    assert!(proposals >= 2, "the page proposes its figure and its event");
    let summaries: Vec<String> = harness
        .get_all_by_label_contains("Figure: ")
        .chain(harness.get_all_by_label_contains("Event: "))
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    let (lists, inspector) = {
        let panels = harness.state().panel_rects();
        (
            panels.lists.expect("lists"),
            panels.inspector.expect("inspector"),
        )
    };
    for summary in &summaries {
        scroll_and_click(&mut harness, summary, false, lists);
        assert_layout_holds(&harness, size, &format!("selecting “{summary}”"));
    }
    scroll_and_click(&mut harness, "Accept", false, inspector);
    assert_eq!(harness.state().notebook().proposals.len(), proposals - 1);
    assert_layout_holds(&harness, size, "accepting a proposal");

    // Hide a category by its switch, brush a window of dates.
    click(&mut harness, "Diplomatic");
    assert_eq!(
        harness.state().timeline_filter().hidden_categories,
        [sitrep::model::Category::Diplomatic]
    );
    let strip = harness.get_by_label("Date window").rect();
    drag_with(
        &mut harness,
        Modifiers::NONE,
        pos2(strip.left() + strip.width() * 0.3, strip.center().y),
        pos2(strip.left() + strip.width() * 0.6, strip.center().y),
    );
    assert!(
        harness.state().timeline_filter().window.is_some(),
        "a window is brushed"
    );
    assert_layout_holds(&harness, size, "brushing dates");

    // Save the filters as a view with clicks and typing alone.
    let views_button = harness
        .get_all_by_role(egui::accesskit::Role::Button)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Views"))
        })
        .expect("the Views menu")
        .rect()
        .center();
    click_at(&mut harness, views_button);
    let window = Rect::from_min_size(Pos2::ZERO, vec2(size[0], size[1]));
    click_field(&mut harness, "Name for these filters", window);
    type_text(&mut harness, "West after the fall");
    assert!(
        harness.query_by_label("Name for these filters").is_some(),
        "the menu stays open while its field is typed in"
    );
    assert!(
        harness.state().timeline_filter().window.is_some(),
        "typing W into the field did not reach the window shortcut"
    );
    click(&mut harness, "Save as a view");
    let views = &harness.state().notebook().views;
    assert_eq!(views.len(), before.views.len() + 1);
    assert!(views.iter().any(|v| v.name == "West after the fall"));
    assert_layout_holds(&harness, size, "saving a view");

    // Undo takes the view back, redo returns it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().notebook().views.len(), before.views.len());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().notebook().views.len(),
        before.views.len() + 1
    );

    // Save, and reopen at another window size.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(1);
    settle(&mut harness);
    assert!(!harness.state().document().is_dirty(), "saved");
    let kept = harness.state().notebook().clone();
    let other = SIZES[(SIZES.iter().position(|s| *s == size).unwrap_or(0) + 1) % SIZES.len()];
    let memory = harness.ctx.memory(|m| m.clone());
    drop(harness);
    let mut reopened = open(&path, other, &dialogs);
    // The panel sizes come back as a relaunch brings them back.
    reopened.ctx.memory_mut(|m| *m = memory);
    reopened.run();
    assert_eq!(reopened.state().notebook().articles, kept.articles);
    assert_eq!(reopened.state().notebook().views, kept.views);
    assert_eq!(reopened.state().notebook().events, kept.events);
    assert_layout_holds(&reopened, other, "reopening at another size");
}

#[test]
fn first_hour_at_1024_by_700() {
    first_hour(SIZES[0]);
}

#[test]
fn first_hour_at_1400_by_900() {
    first_hour(SIZES[1]);
}

#[test]
fn first_hour_at_1920_by_1080() {
    first_hour(SIZES[2]);
}
