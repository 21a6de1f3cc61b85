//! Sitrep: a desktop notebook for following a fast-moving conflict.
//!
//! An analyst collects news articles, marks the events and figures they
//! report, and reads them on a timeline. A notebook is one RON file.
//!
//! # Codemap
//!
//! Arrows point from a module to what it may use:
//!
//! ```text
//! main.rs ──► cli ──► ui ──► timeline ──► model
//!                  │      ├─► store ─────► model
//!                  │      └─► import ────► extract ──► model
//!                  └─► store, import, extract (headless subcommands)
//! ```
//!
//! - [`model`]: the notebook's data types (articles, events, series and
//!   their observations, partial dates, evidence) and [`model::Edit`], the
//!   one way a notebook changes. Applying an edit returns its inverse; undo,
//!   redo and the dirty flag ride on that. No egui, no files, no clock: ids
//!   and timestamps are handed in.
//! - [`store`]: the RON file format. Loading checks size, UTF-8 and the
//!   `format` number before anything else and answers with a whole notebook
//!   or one error with line:column; saving is atomic and keeps `.ron.bak`.
//!   Knows nothing of windows.
//! - [`extract`]: text in, facts out: counts, dates (resolved against the
//!   publication date), places (embedded gazetteer plus a notebook's own)
//!   and actors, each with a byte span; HTML to text. One tokenizer pass per
//!   sentence and one Aho-Corasick automaton for all names keep it linear
//!   and fast. No egui, no notebook files.
//! - [`import`]: files in (txt, md, html, eml), articles and their
//!   proposals out, as one [`model::Edit`]; refusals are one line each;
//!   duplicates are found by the SHA-256 of the normalised text. Also the
//!   rules for accepting a proposal (which series a figure joins). No egui.
//! - [`export`]: the notebook out for other tools and readers: CSV, the
//!   timeline as SVG/PNG (drawn from `timeline`, rasterized with resvg) and a
//!   Markdown situation report. No egui.
//! - [`timeline`]: the notebook turned into what a plot needs: calendar
//!   grid marks, event lanes with non-overlapping labels, one plot per unit.
//!   No egui, so it is tested and benchmarked headless.
//! - [`ui`]: the eframe [`ui::App`]: a document (notebook, path, history),
//!   view state, background jobs for file I/O, and one file per panel.
//!   Menus, shortcuts and buttons all go through one [`ui::Command`] enum.
//!   It changes the notebook only by applying [`model::Edit`]s.
//! - [`cli`]: the command line (`sitrep check`, `extract`, `import`,
//!   `export`, `merge`, `fmt`); opens the window when no subcommand is given.
//!
//! The window and everything egui (`ui`) sit behind the default `app`
//! feature: without it the library is the headless core (what the fuzz
//! targets build against).

pub mod cli;
pub mod export;
pub mod extract;
pub mod import;
pub mod model;
pub mod store;
pub mod timeline;
#[cfg(feature = "app")]
pub mod ui;
