//! The codemap's invariants (see `src/lib.rs`), checked on the source:
//! the headless core never names egui, no source file grows past 800
//! lines, and no two modules of `src/ui`, nor of `src/extract`, import each
//! other, directly or round a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_headless_core_never_names_egui() {
    // The command line opens the window only through `ui::run_window`.
    for module in [
        "model", "store", "extract", "timeline", "import", "export", "cli", "map",
    ] {
        for file in rust_files(&src().join(module)) {
            let text = fs::read_to_string(&file).expect("readable");
            for name in ["egui", "eframe"] {
                assert!(
                    !text.contains(&format!("{name}::")),
                    "{} names {name}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(&file).expect("readable").lines().count();
            (lines > 800).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}

/// The modules of `src/{area}` each one refers to, in code (comments,
/// where documentation links to a neighbour, are left out).
fn imports_within(area: &str) -> BTreeMap<String, BTreeSet<String>> {
    let root = src().join(area);
    let module_of = |file: &Path| -> Option<String> {
        let relative = file.strip_prefix(&root).ok()?;
        let first = relative.components().next()?.as_os_str().to_str()?;
        let name = first.trim_end_matches(".rs");
        (name != "mod").then(|| name.to_owned())
    };
    let files = rust_files(&root);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let source = fs::read_to_string(file).expect("readable");
        let text: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let entry = imports.entry(module.clone()).or_default();
        for other in modules.iter().filter(|m| **m != module) {
            let named = [
                format!("super::{other}::"),
                format!("super::{other};"),
                format!("crate::{area}::{other}::"),
                format!(" {other}::"),
            ]
            .iter()
            .any(|form| text.contains(form.as_str()));
            let grouped = text
                .split("super::{")
                .skip(1)
                .filter_map(|rest| rest.split('}').next())
                .any(|group| group.split([',', ' ', '\n']).any(|w| w == other));
            if named || grouped {
                entry.insert(other.clone());
            }
        }
    }
    imports
}

/// Panics naming the first module that imports itself round a circle.
fn assert_no_circle(area: &str, imports: &BTreeMap<String, BTreeSet<String>>) {
    for start in imports.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = imports[start].iter().collect();
        while let Some(module) = stack.pop() {
            assert_ne!(
                module, start,
                "{area}::{start} imports itself round a circle: {imports:#?}"
            );
            if seen.insert(module.clone()) {
                stack.extend(imports.get(module).into_iter().flatten());
            }
        }
    }
}

#[test]
fn no_two_extract_modules_import_each_other_even_round_a_circle() {
    let imports = imports_within("extract");
    assert!(imports.len() > 15, "{imports:?}");
    assert_no_circle("extract", &imports);
    // The word tests sit below every finder.
    for finder in ["dates", "quantities", "noun_phrase", "place_evidence"] {
        assert!(imports[finder].contains("words"), "{finder}: {imports:#?}");
        assert!(!imports["words"].contains(finder));
    }
}

#[test]
fn no_two_ui_modules_import_each_other_even_round_a_circle() {
    let imports = imports_within("ui");
    assert!(imports.len() > 10, "{imports:?}");
    assert_no_circle("ui", &imports);
    // The shared view state is a leaf: it names no panel.
    for panel in [
        "articles",
        "inspector",
        "reader",
        "review",
        "tagging",
        "timeline_view",
        "app",
    ] {
        assert!(!imports["state"].contains(panel), "state imports {panel}");
    }
}

/// The README's table of keys is the command table's: every key of every
/// command, made by `sitrep::ui::key_table` (paste its output between the
/// markers when a key changes).
#[cfg(feature = "app")]
#[test]
fn the_readme_lists_every_key_of_the_command_table() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let (open, close) = (
        "<!-- keys: made from the command table -->\n",
        "<!-- /keys -->",
    );
    let listed = readme
        .split_once(open)
        .and_then(|(_, rest)| rest.split_once(close))
        .map(|(table, _)| table)
        .expect("the README marks its key table");
    let table = sitrep::ui::key_table();
    assert_eq!(listed, table, "the README's keys should read:\n{table}");
}

/// What is shown (the scope: dates, categories, tags, series, place, "as
/// known on") changes only where commands are carried out: panels ask with
/// `Command::Scope`.
#[test]
fn the_scope_changes_only_in_command_handling() {
    let allowed = ["command_handling.rs", "saved_views.rs"];
    let mut changers = Vec::new();
    for file in rust_files(&src().join("ui")) {
        let text = fs::read_to_string(&file).expect("readable");
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if text.contains("scope_mut()") && !allowed.contains(&name) && name != "view.rs" {
            changers.push(file.display().to_string());
        }
    }
    assert!(
        changers.is_empty(),
        "these change the scope themselves: {changers:?}"
    );
}

/// The panels of the window: each reads the notebook and the view and
/// returns what it wants done; the parts they draw (the review list and
/// form, the tagging dialogs, the unit plots, the views menu, the watch
/// terms, the place picker) and the shared helpers are not panels.
const PANELS: [&str; 5] = [
    "articles",
    "inspector",
    "reader",
    "timeline_view",
    "map_view",
];

#[test]
fn no_panel_names_another_panel() {
    let imports = imports_within("ui");
    for panel in PANELS {
        let named: Vec<&String> = imports[panel]
            .iter()
            .filter(|other| PANELS.contains(&other.as_str()))
            .collect();
        assert!(named.is_empty(), "{panel} names {named:?}");
    }
}

/// Only the runner starts threads in the UI: every background job goes
/// through it.
#[test]
fn only_the_runner_spawns_a_thread_in_the_ui() {
    let spawners: Vec<String> = rust_files(&src().join("ui"))
        .into_iter()
        .filter(|file| !file.ends_with("runner.rs"))
        .filter(|file| {
            let text = fs::read_to_string(file).expect("readable");
            text.contains("thread::spawn") || text.contains("thread::Builder")
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(spawners.is_empty(), "these start threads: {spawners:?}");
}
