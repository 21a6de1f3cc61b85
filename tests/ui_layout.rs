//! The window's layout holds whatever is selected, dragged or restored: the
//! inspector never takes more than a third of the window, sizes kept from
//! an earlier session are held to the window they open in, the reader
//! folds to a strip, View → Reset layout puts everything back, and every
//! plot reads its values on at least three ticks. Driven by hand: pointer
//! presses and releases at the widgets' laid-out places.
#![cfg(feature = "app")]

use egui::{Modifiers, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use sitrep::ui::{App, ScriptedDialogs};
use std::time::Duration;

mod common;
use common::{app_sized, click_at, drag_with, import_text};

const SAMPLE: &str = "saves/afghanistan-2021.ron";

fn sample_at(size: [f32; 2]) -> Harness<'static, App> {
    app_sized(
        Some(SAMPLE.into()),
        &ScriptedDialogs::default(),
        None,
        Duration::from_secs(3600),
        size,
    )
}

fn click(harness: &mut Harness<'static, App>, label: &str) {
    let at = harness.get_by_label(label).rect().center();
    click_at(harness, at);
}

fn inspector(harness: &Harness<'static, App>) -> Rect {
    harness
        .state()
        .panel_rects()
        .inspector
        .expect("the inspector is shown")
}

/// The centre panels keep their room: the timeline, the reader and the map.
fn assert_centre_usable(harness: &Harness<'static, App>, width: f32, step: &str) {
    let panels = harness.state().panel_rects();
    let inspector = panels.inspector.expect("inspector");
    assert!(
        inspector.width() <= width / 3.0 + 1.0,
        "{step}: the inspector takes {inspector:?} of a {width} px window"
    );
    let timeline = panels.timeline.expect("timeline");
    assert!(timeline.width() >= 360.0, "{step}: timeline {timeline:?}");
    let reader = panels.reader.expect("reader");
    assert!(reader.width() >= 360.0, "{step}: reader {reader:?}");
    assert!(panels.map.is_some(), "{step}: the map has no room");
}

#[test]
fn selecting_any_item_then_relaunching_leaves_every_panel_usable() {
    let mut harness = sample_at([1400.0, 900.0]);
    import_text(
        &mut harness,
        "Long report\n\nPublished: 2021-08-21\n\nOn Saturday thousands of people gathered \
         outside the airport gates in the heat as the evacuation flights continued through \
         the night and officials warned that the crowds were growing faster than the \
         flights could carry them away from the city. More than 1,200 people were flown out \
         of the city by the Saturday evening flights.\n",
    );
    // Every kind of item, by a click on its line in the lists: a long
    // event proposal first, then a figure proposal (the collapse seen).
    let mut lines: Vec<String> = Vec::new();
    for prefix in ["Event: ", "Figure: "] {
        let node = harness
            .get_all_by_label_contains(prefix)
            .next()
            .unwrap_or_else(|| panic!("a proposal starting {prefix:?}"));
        lines.extend(node.accesskit_node().label());
    }
    lines.push("Biden meets Ghani".into());
    let width_before = inspector(&harness).width();
    for line in &lines {
        let at = harness.get_by_label_contains(line).rect().center();
        click_at(&mut harness, at);
        assert_centre_usable(&harness, 1400.0, &format!("selecting {line:?}"));
        // Long titles and quotes wrap: the inspector keeps its width.
        let width = inspector(&harness).width();
        assert!(
            (width - width_before).abs() <= 1.0,
            "selecting {line:?} widens the inspector from {width_before} to {width}"
        );
    }

    // Dragging the inspector's edge across the window stops at a third.
    let edge = inspector(&harness).left();
    drag_with(
        &mut harness,
        Modifiers::NONE,
        pos2(edge - 1.0, 500.0),
        pos2(60.0, 500.0),
    );
    assert_centre_usable(&harness, 1400.0, "dragging the inspector's edge");

    // A relaunch in a smaller window, with the sizes kept from this one.
    let memory = harness.ctx.memory(|m| m.clone());
    drop(harness);
    let mut small = sample_at([1024.0, 700.0]);
    small.ctx.memory_mut(|m| *m = memory);
    small.run();
    assert_centre_usable(&small, 1024.0, "relaunching at 1024×700");

    // View → Reset layout puts every panel back to its default size.
    click(&mut small, "View");
    click(&mut small, "Reset layout");
    small.run();
    let fresh = sample_at([1024.0, 700.0]);
    let (reset, default) = (inspector(&small), inspector(&fresh));
    assert!(
        (reset.width() - default.width()).abs() <= 1.0,
        "reset {reset:?} vs default {default:?}"
    );
}

#[test]
fn the_reader_folds_to_a_strip_and_the_timeline_takes_its_room() {
    let mut harness = sample_at([1024.0, 700.0]);
    let before = harness.state().panel_rects();
    click(&mut harness, "Fold");
    let folded = harness.state().panel_rects();
    let (reader, timeline) = (
        folded.reader.expect("strip"),
        folded.timeline.expect("timeline"),
    );
    assert!(reader.height() <= 40.0, "folded to {reader:?}");
    assert!(
        timeline.height() > before.timeline.expect("timeline").height() + 50.0,
        "the timeline grows: {timeline:?}"
    );
    click(&mut harness, "Unfold");
    let unfolded = harness.state().panel_rects().reader.expect("reader");
    assert!(
        (unfolded.height() - before.reader.expect("reader").height()).abs() <= 1.0,
        "{unfolded:?}"
    );
    // Opening another notebook keeps the layout the analyst chose.
    click(&mut harness, "Fold");
    harness
        .state_mut()
        .run(sitrep::ui::Command::OpenPath("saves/sudan-2023.ron".into()));
    harness.run_steps(1);
    common::settle(&mut harness);
    assert!(harness.state().notebook().meta.title.contains("Sudan"));
    let reopened = harness.state().panel_rects().reader.expect("strip");
    assert!(reopened.height() <= 40.0, "still folded: {reopened:?}");
}

/// The texts painted last frame, with where they are.
fn painted_texts(harness: &Harness<'static, App>) -> Vec<(String, Rect)> {
    common::painted_shapes(harness)
        .into_iter()
        .filter_map(|shape| match shape {
            egui::Shape::Text(text) => Some((
                text.galley.text().to_owned(),
                text.galley.rect.translate(text.pos.to_vec2()),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn every_plot_reads_on_three_ticks_at_every_size() {
    for size in [[1024.0, 700.0], [1400.0, 900.0], [1920.0, 1080.0]] {
        let mut harness = sample_at(size);
        harness.run_steps(3);
        let texts = painted_texts(&harness);
        let timeline = harness.state().panel_rects().timeline.expect("timeline");
        // The plots wholly in sight (the rest are scrolled to).
        let frames: Vec<(String, Rect)> = harness
            .state()
            .plot_frames()
            .iter()
            .filter(|(_, frame)| timeline.expand(1.0).contains_rect(*frame))
            .cloned()
            .collect();
        assert!(!frames.is_empty(), "{size:?}: no plot in sight");
        for (unit, frame) in &frames {
            let ticks: Vec<&str> = texts
                .iter()
                .filter(|(text, rect)| {
                    rect.right() <= frame.left() + 1.0
                        && rect.center().y >= frame.top()
                        && rect.center().y <= frame.bottom()
                        && !text.is_empty()
                        && text
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                })
                .map(|(text, _)| text.as_str())
                .collect();
            assert!(
                ticks.len() >= 3,
                "{size:?}: the {unit} plot {frame:?} shows only {ticks:?}"
            );
        }
    }
}

#[test]
fn no_value_label_runs_past_its_plot_or_covers_another() {
    let mut harness = sample_at([1024.0, 700.0]);
    harness.run_steps(3);
    let texts = painted_texts(&harness);
    let frames = harness.state().plot_frames().to_vec();
    let notebook = harness.state().notebook().clone();
    let said: Vec<String> = notebook
        .series
        .iter()
        .flat_map(|s| s.observations.iter().map(|o| o.describe()))
        .collect();
    let labels: Vec<&(String, Rect)> = texts
        .iter()
        .filter(|(text, rect)| {
            said.contains(text) && frames.iter().any(|(_, f)| f.intersects(*rect))
        })
        .collect();
    assert!(!labels.is_empty(), "some values are written");
    for (text, rect) in &labels {
        let frame = frames
            .iter()
            .map(|(_, f)| *f)
            .find(|f| f.intersects(*rect))
            .expect("its plot");
        assert!(
            frame.expand(1.0).contains_rect(*rect),
            "“{text}” {rect:?} runs past its plot {frame:?}"
        );
    }
    for (i, (a, ra)) in labels.iter().enumerate() {
        for (b, rb) in &labels[i + 1..] {
            assert!(
                !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                "“{a}” {ra:?} covers “{b}” {rb:?}"
            );
        }
    }
}
