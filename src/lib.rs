//! Sitrep: a desktop notebook for following a fast-moving conflict.
//!
//! An analyst collects news articles, marks the events and figures they
//! report, and reads them on a timeline. A notebook is one RON file.
//!
//! # Codemap
//!
//! Arrows point from a module to what it uses; there are no others, and no
//! arrow points back up:
//!
//! ```text
//! main.rs ──► cli ──► workspace ──► import ──► extract ──► model
//!              │          └────────────┴─────────┴──────► model
//!              ├─► export ──► timeline ──► extract (the gazetteer), model
//!              │     └─► store (atomic writes), extract (today)
//!              ├─► store ──► model
//!              └─► ui::run_window (only to open the window)
//! map ──► timeline (its filter and `locate`), model
//! ui ──► workspace, import, export, timeline, map, store, extract, model
//! ```
//!
//! - [`model`]: the notebook's data types (articles, events, series and
//!   their observations, partial dates, evidence and the spans it cites,
//!   saved views and watch terms)
//!   and [`model::Edit`], the one way a notebook changes. A figure's six
//!   fields travel as one [`model::FigureValue`] (a proposal's too; the
//!   file keeps writing them flat, `model/proposal_wire.rs`). Applying an edit
//!   returns its inverse; undo, redo and the dirty flag ride on that. No
//!   egui, no files, no clock: ids and timestamps are handed in.
//! - [`store`]: the RON file format. Loading checks size, UTF-8 and the
//!   `format` number before anything else and answers with a whole notebook
//!   or one error with line:column; saving is atomic and keeps `.ron.bak`.
//! - [`extract`]: text in, facts out: counts, dates (resolved against the
//!   publication date; [`extract::today`] is the one "today"), places and
//!   actors, each with a byte span; the tagging form's figure guess; what a count's sentence says happened
//!   to the counted and whether it is a level, a running total or one
//!   incident's toll (`extract::measure`). Places are found on evidence
//!   (`extract::place_evidence`), their namesakes weighed in context
//!   (`extract::place_context`: the text's and the notebook's countries,
//!   nearness, containment, the kind the words imply, size) and chosen with
//!   a confidence and an extent (`extract::place_choice`); the notebook's
//!   settled places win. The world gazetteer is indexed when Sitrep is
//!   built (`src/build.rs` includes `extract/gazetteer_index.rs`, which
//!   therefore uses nothing else of the crate) and decoded at start. The
//!   finders of counts, dates and places ask their word tests of
//!   `extract::words`, below them all. No notebook files.
//! - [`import`]: files in (txt, md, html, eml; charsets, page dates,
//!   datelines, bylines; HTML to text behind a linear-time guard,
//!   `import::html`), articles and their proposals out as one
//!   [`model::Edit`]; and the review rules: accepting a proposal (which
//!   series a figure joins: one of its measure and kind,
//!   `import::suggest_series_for`), dating an undated article, settling
//!   where a place is (`import::correct_place_edit`); and which articles
//!   hold the notebook's watch terms (`import::watch`).
//! - [`workspace`]: what the app and the command line share above the
//!   model: the open [`workspace::Document`] (notebook, path, undo history,
//!   dirty state) and the import batch planner.
//! - [`export`]: CSV, the timeline as SVG/PNG (drawn from `timeline`,
//!   rasterized with resvg) and a Markdown situation report; one
//!   [`export::Request`] for the app and `sitrep export`.
//! - [`timeline`]: the notebook turned into what a plot needs: calendar
//!   grid marks, event lanes with non-overlapping labels (and "+N" counts
//!   where a label has no room), one plot per unit, its round value ticks
//!   and the values beside its points (`timeline::values`, one rule for the
//!   window and the exported chart), the filters ("as known on", window, tags, categories, series, region)
//!   and saved views made from them and back (`timeline::views`).
//! - [`map`]: the map's ground: country outlines (Natural Earth via the
//!   `world-atlas` TopoJSON in `assets/world-atlas`) at two levels of
//!   detail, and the Web Mercator projection, in degrees; the items at their
//!   places with their extent, and where the map opens (`map::markers`).
//! - [`ui`] (feature `app`): the eframe [`ui::App`], split by job
//!   (`app/{mod,jobs,recovery,command_handling,frame,modals}.rs`); one
//!   [`ui::Command`] table for menus, buttons and the command palette,
//!   holding every key of every command and when it fires (the map's view
//!   keys are the map's own commands; the README's key table is made from
//!   it and a test holds the two equal); `state.rs`, the UI state the
//!   panels share (`UiState`, with the scope: what is shown; "view" is
//!   left to saved views), is a leaf; `layout.rs` holds each
//!   panel to its share of the window; `runner.rs` runs every background
//!   job (the app's jobs with their progress, and a panel's `Task`: the
//!   timeline index, the map's outlines). Each panel (`articles`,
//!   `inspector`, `reader`, `timeline_view`, `map_view`) reads the
//!   notebook and the UI state and returns what it wants done as `Command`s
//!   and `Edit`s; the timeline, the map, the lists and the review form own
//!   their state (`TimelineState`: where it looks, its caches and index
//!   worker; `MapState`: its view, outlines, markers and worker;
//!   `ListsState`: the search and the sorted lists; `ReviewState`: the
//!   picks on proposals not yet accepted), which the app holds apart from
//!   the shared `UiState` and hands to each alone; the parts panels draw (`review`: the proposal list and
//!   form; `tagging`: the tagging dialogs; `plot_view`, `views_menu`,
//!   `watch_terms`, `place_pick`) and the helpers (`fields`,
//!   `plot_common`, `lists`) name no panel.
//! - [`cli`]: the command line (`sitrep check`, `extract`, `import`,
//!   `export`, `merge`, `fmt`); opens the window when no subcommand is given.
//!   The JSON lines of `sitrep extract` are its own (`cli::json`): no other
//!   module knows that format.
//! - Tools, not library: the extraction scorer (`tests/tools/score.rs`,
//!   `place_score.rs`, run as `--example score-extract`) and the synthetic
//!   notebooks of the tests and benchmarks (`tests/tools/synthetic.rs`,
//!   included by each that uses it).
//!
//! # Invariants
//!
//! - `model`, `store`, `extract`, `import`, `workspace`, `export`,
//!   `timeline`, `map` and `cli` never name egui: `cargo test --no-default-features`
//!   builds and tests them without it (CI runs it), and
//!   `tests/architecture.rs` checks the source.
//! - A place found or drawn never sits at 0, 0: a place with no known
//!   coordinates has none (`model::is_on_earth`).
//! - The UI changes the notebook only through [`model::Edit`]s applied to
//!   its [`workspace::Document`]; one user action is one undo step.
//! - What is shown (the scope: `timeline::Filter`, held by the UI state) is
//!   read by every panel and changed only where commands are carried out:
//!   a panel asks with `Command::Scope(timeline::ScopeChange)`
//!   (`tests/architecture.rs` checks).
//! - In the UI only `ui::runner` starts threads, and no panel names
//!   another (`tests/architecture.rs` checks both).
//! - No module of `src/extract` imports another round a circle, and no
//!   module of `src/ui` does; `state` names no
//!   panel; the reader changes article only through
//!   `UiState::show_in_reader`, which drops the selected words.
//! - No source file is over 800 lines.
//! - Every span in the notebook is a byte range of its article's text at
//!   the time it was made; a mismatch since is shown, never dropped.
//!
//! The window and everything egui (`ui`) sit behind the default `app`
//! feature: without it the library is the headless core (what the fuzz
//! targets build against).

pub mod cli;
pub mod export;
pub mod extract;
pub mod import;
pub mod map;
pub mod model;
pub mod store;
pub mod timeline;
#[cfg(feature = "app")]
pub mod ui;
pub mod workspace;

// The synthetic notebooks of the tests and benchmarks, written against the
// library's public paths (`sitrep::model`), serve its unit tests too.
#[cfg(test)]
extern crate self as sitrep;
#[cfg(test)]
#[path = "../tests/tools/synthetic.rs"]
mod synthetic;
