//! Saves are crash-safe: a child process saves over and over while this
//! test kills it with SIGKILL at moments spread over its work; after every
//! kill the file loads and is the old or the new version, whole. The same
//! for the recovery copy.
#![cfg(unix)]

use sitrep::model::{Article, ArticleId, Notebook};
use sitrep::store::{self, recovery};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TARGET: &str = "SITREP_CRASH_TARGET";
const MODE: &str = "SITREP_CRASH_MODE";
const KILLS: usize = 200;

/// The two versions the child alternates between: the sample, and the
/// sample with a 2 MB article (so a write takes long enough to be cut).
fn versions() -> (Notebook, Notebook) {
    let old = store::load(Path::new("tests/fixtures/one-article.ron")).expect("sample");
    let mut new = old.clone();
    let text = "A long synthetic report for the crash test. ".repeat(48_000);
    new.articles.push(Article::new(
        ArticleId::from_u128(42),
        "Long report",
        text,
        jiff::Timestamp::UNIX_EPOCH,
    ));
    new.canonicalize();
    (old, new)
}

fn write(mode: &str, target: &Path, notebook: &Notebook) {
    match mode {
        "recovery" => recovery::write(
            target,
            &recovery::Recovery {
                written: jiff::Timestamp::UNIX_EPOCH,
                source: None,
                notebook: notebook.clone(),
            },
        )
        .expect("recovery copy written"),
        _ => store::save(target, notebook).expect("saved"),
    }
}

fn read(mode: &str, target: &Path) -> Result<Notebook, String> {
    match mode {
        "recovery" => recovery::read(target).map(|r| r.notebook),
        _ => store::load(target).map_err(|e| e.to_string()),
    }
}

/// Not a test on its own: the child process the kill tests start. It saves
/// the two versions in turn until it is killed.
#[test]
fn crash_child_saves_until_killed() {
    let (Ok(target), Ok(mode)) = (std::env::var(TARGET), std::env::var(MODE)) else {
        return;
    };
    let (old, new) = versions();
    for round in 0.. {
        let version = if round % 2 == 0 { &new } else { &old };
        write(&mode, Path::new(&target), version);
    }
}

/// Kill delays spread evenly-at-random over `span` (from before the child's
/// first write to well into its later ones), the same every run (a small
/// LCG, no dependency).
fn delays(span: Duration) -> impl Iterator<Item = Duration> {
    let mut seed: u64 = 0x5173_5245_5000_0001;
    let span = span.as_micros().max(1) as u64;
    std::iter::repeat_with(move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Duration::from_micros((seed >> 33) % span)
    })
}

fn kill_while_saving(mode: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let target: PathBuf = dir.path().join("notebook.ron");
    // How long the child takes to get ready and to save, on this machine and build.
    let started = Instant::now();
    let (old, new) = versions();
    let ready = started.elapsed();
    let started = Instant::now();
    write(mode, &target, &new);
    write(mode, &target, &old);
    let two_saves = started.elapsed();
    let span = Duration::from_millis(30) + ready + two_saves * 3;
    let mut saw_new = false;
    let mut cut_mid_write = 0;
    for (kill, delay) in delays(span).take(KILLS).enumerate() {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "crash_child_saves_until_killed",
                "--test-threads=1",
            ])
            .env(TARGET, &target)
            .env(MODE, mode)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let temp_left = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        cut_mid_write += usize::from(temp_left);
        let loaded = read(mode, &target).unwrap_or_else(|e| {
            panic!("after kill {kill} ({delay:?}) the file does not load: {e}")
        });
        assert!(
            loaded == old || loaded == new,
            "after kill {kill} the file is neither version, whole"
        );
        saw_new |= loaded == new;
        if mode == "save" && store::backup_path(&target).exists() {
            let backup = store::load(&store::backup_path(&target)).expect("the .bak loads");
            assert!(backup == old || backup == new, "the .bak is whole too");
        }
    }
    // Whether any kill landed after a complete save depends on the machine's
    // load, so it is reported, not asserted (issue 14 makes the kills land
    // at chosen moments).
    eprintln!("{mode}: a kill came after a complete save: {saw_new}");
    // Most of a save is turning the notebook into text; the window between
    // creating the temporary file and renaming it is short, so only some
    // kills land in it (how many depends on the machine): reported, not asserted.
    eprintln!("{mode}: {cut_mid_write} of {KILLS} kills cut a write in the middle");
    let litter: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        litter.len() <= 1,
        "half-written temporary files of killed saves are cleared by the next save: {litter:?}"
    );
}

#[test]
fn saves_survive_sigkill_at_any_moment() {
    kill_while_saving("save");
}

#[test]
fn recovery_copies_survive_sigkill_at_any_moment() {
    kill_while_saving("recovery");
}
