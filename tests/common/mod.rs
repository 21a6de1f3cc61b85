//! What several test files share: running the `sitrep` binary as a user would.
#![allow(dead_code)] // each test file uses a part

use std::path::Path;
use std::process::Command;

/// Runs `sitrep` with `args` in `dir`: exit code, stdout, stderr.
pub fn sitrep_in(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `sitrep` with `args` in the project folder.
pub fn sitrep(args: &[&str]) -> (i32, String, String) {
    sitrep_in(args, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The real app in a headless harness, opening `open`, with its file
/// dialogs scripted, recovery copies in `recovery_dir` every
/// `autosave_every`; background work is done when it returns.
#[cfg(feature = "app")]
pub fn app_with(
    open: Option<std::path::PathBuf>,
    dialogs: &sitrep::ui::ScriptedDialogs,
    recovery_dir: Option<std::path::PathBuf>,
    autosave_every: std::time::Duration,
) -> egui_kittest::Harness<'static, sitrep::ui::App> {
    app_sized(open, dialogs, recovery_dir, autosave_every, [1400.0, 900.0])
}

/// [`app_with`] in a window of `size` points.
#[cfg(feature = "app")]
pub fn app_sized(
    open: Option<std::path::PathBuf>,
    dialogs: &sitrep::ui::ScriptedDialogs,
    recovery_dir: Option<std::path::PathBuf>,
    autosave_every: std::time::Duration,
    size: [f32; 2],
) -> egui_kittest::Harness<'static, sitrep::ui::App> {
    let dialogs = std::sync::Arc::new(dialogs.clone());
    let mut harness = egui_kittest::Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| {
            sitrep::ui::App::new(
                cc,
                sitrep::ui::AppOptions {
                    open,
                    open_last_or_sample: false,
                    dialogs,
                    recovery_dir,
                    autosave_every,
                },
            )
        });
    settle(&mut harness);
    harness
}

/// Steps until background work (dialogs, loads, saves) is done.
#[cfg(feature = "app")]
pub fn settle(harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_busy() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("background work did not finish");
}

/// Imports a text file holding `text` through the app, as a drop would, and
/// waits for the import to finish.
#[cfg(feature = "app")]
pub fn import_text(harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>, text: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("article.txt");
    std::fs::write(&file, text).expect("write");
    harness
        .state_mut()
        .run(sitrep::ui::Command::ImportPaths(vec![file]));
    harness.run_steps(1);
    settle(harness);
}

/// Selects `len` characters starting `from` characters into the reader's text.
#[cfg(feature = "app")]
pub fn select_in_reader(
    harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>,
    from: usize,
    len: usize,
) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label("Article text").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Home);
    for _ in 0..from {
        harness.key_press(egui::Key::ArrowRight);
    }
    for _ in 0..len {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    }
    harness.run();
}

/// Presses or lets go of the primary mouse button at `pos`.
#[cfg(feature = "app")]
pub fn press(
    harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>,
    pos: egui::Pos2,
    pressed: bool,
) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    });
}

/// Moves the pointer to `pos` and clicks there.
#[cfg(feature = "app")]
pub fn click_at(harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run();
    press(harness, pos, true);
    press(harness, pos, false);
    harness.run();
}

/// Presses at `from`, moves in steps to `to` and lets go, holding `modifiers`.
#[cfg(feature = "app")]
pub fn drag_with(
    harness: &mut egui_kittest::Harness<'static, sitrep::ui::App>,
    modifiers: egui::Modifiers,
    from: egui::Pos2,
    to: egui::Pos2,
) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.run();
    press(harness, from, true);
    harness.run_steps(1);
    for step in 1..=8 {
        let at = from + (to - from) * (step as f32 / 8.0);
        harness.event(egui::Event::PointerMoved(at));
        harness.run_steps(1);
    }
    press(harness, to, false);
    harness.run();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
}

/// Every shape the last frame painted whole within its clip rect (what
/// the clip hides is not on screen), with groups opened.
#[cfg(feature = "app")]
pub fn painted_shapes(
    harness: &egui_kittest::Harness<'static, sitrep::ui::App>,
) -> Vec<egui::Shape> {
    fn open(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| open(s, out)),
            other => out.push(other.clone()),
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        if clipped
            .clip_rect
            .contains_rect(clipped.shape.visual_bounding_rect())
        {
            open(&clipped.shape, &mut out);
        }
    }
    out
}
