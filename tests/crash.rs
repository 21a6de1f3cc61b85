//! Saves are crash-safe, shown without relying on timing: a child process
//! saves a new version over the old and reports every step of the save
//! through a pipe, then waits for a go-ahead on its stdin. The parent kills
//! it with SIGKILL at one chosen step per run (before the write, in the
//! middle of it, after the flush, between keeping the `.bak` and the
//! rename, after the rename, after the save returned), so every moment is
//! hit on every machine, and asserts exactly what is on disk after each.
//! The same for the recovery copy.
#![cfg(unix)]

use sitrep::model::{Article, ArticleId, Notebook};
use sitrep::store::{self, Progress, Stage, recovery};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

const TARGET: &str = "SITREP_CRASH_TARGET";
const MODE: &str = "SITREP_CRASH_MODE";
/// Lines of the child's protocol start with this; libtest's own lines do not.
const STEP: &str = "sitrep-crash-step";
const SAVED: &str = "sitrep-crash-saved";

/// The two versions: the sample, and the sample with a 6 MB article, so the
/// new version is written in more than one piece and a kill can cut it.
fn versions() -> (Notebook, Notebook) {
    let old = store::load(Path::new("tests/fixtures/one-article.ron")).expect("sample");
    let mut new = old.clone();
    let text = "A long synthetic report for the crash test. ".repeat(140_000);
    new.articles.push(Article::new(
        ArticleId::from_u128(42),
        "Long report",
        text,
        jiff::Timestamp::UNIX_EPOCH,
    ));
    new.canonicalize();
    (old, new)
}

fn recovery_of(notebook: &Notebook) -> recovery::Recovery {
    recovery::Recovery {
        written: jiff::Timestamp::UNIX_EPOCH,
        source: None,
        notebook: std::sync::Arc::new(notebook.clone()),
    }
}

fn write(mode: &str, target: &Path, notebook: &Notebook, report: impl FnMut(Progress)) {
    match mode {
        "recovery" => recovery::write_with_progress(target, &recovery_of(notebook), report)
            .expect("recovery copy written"),
        _ => store::save_with_progress(target, notebook, report).expect("saved"),
    }
}

fn read(mode: &str, target: &Path) -> Result<Notebook, String> {
    match mode {
        "recovery" => recovery::read(target).map(|r| std::sync::Arc::unwrap_or_clone(r.notebook)),
        _ => store::load(target).map_err(|e| e.to_string()),
    }
}

/// Not a test on its own: the child process the kill tests start. It saves
/// the new version once, printing each step and waiting for a byte on
/// stdin after it, then says it is done and waits to be killed.
#[test]
fn crash_child_saves_step_by_step() {
    let (Ok(target), Ok(mode)) = (std::env::var(TARGET), std::env::var(MODE)) else {
        return;
    };
    let (_, new) = versions();
    let stdin = std::io::stdin();
    let mut go_ahead = [0u8; 1];
    let mut wait = || {
        use std::io::Read;
        // End of input means the parent is gone: stop as a kill would.
        if stdin.lock().read(&mut go_ahead).unwrap_or(0) == 0 {
            std::process::exit(3);
        }
    };
    let mut out = std::io::stdout();
    write(&mode, Path::new(&target), &new, |progress| {
        let _ = writeln!(
            out,
            "{STEP} {:?} {} {}",
            progress.stage, progress.done, progress.total
        );
        let _ = out.flush();
        wait();
    });
    let _ = writeln!(out, "{SAVED}");
    let _ = out.flush();
    wait();
}

/// A step of the save, as the child reported it.
#[derive(Clone, Debug, PartialEq)]
enum Moment {
    Step {
        stage: String,
        done: u64,
        total: u64,
    },
    Saved,
}

impl Moment {
    fn parse(line: &str) -> Option<Moment> {
        // libtest's "test NAME ... " may stand before the first report.
        if line.trim_end().ends_with(SAVED) {
            return Some(Moment::Saved);
        }
        let mut words = line[line.find(STEP)? + STEP.len()..].split_whitespace();
        Some(Moment::Step {
            stage: words.next()?.to_owned(),
            done: words.next()?.parse().ok()?,
            total: words.next()?.parse().ok()?,
        })
    }

    fn is(&self, stage: Stage, done: Option<u64>) -> bool {
        matches!(self, Moment::Step { stage: s, done: d, .. }
            if *s == format!("{stage:?}") && done.is_none_or(|done| done == *d))
    }

    /// Whether, killed here, the new version is in place.
    fn after_the_rename(&self) -> bool {
        *self == Moment::Saved || self.is(Stage::Replacing, Some(2))
    }

    /// Whether, killed here, the previous version has been kept as `.bak`.
    fn backup_kept(&self) -> bool {
        self.is(Stage::Replacing, Some(1)) || self.after_the_rename()
    }

    /// Whether, killed here, the half-done save left its temporary file.
    fn temporary_file_exists(&self) -> bool {
        match self {
            Moment::Step { stage, done, .. } => {
                *stage == format!("{:?}", Stage::Writing)
                    || (*stage == format!("{:?}", Stage::Replacing) && *done < 2)
            }
            Moment::Saved => false,
        }
    }
}

/// Starts the child on `target`; its step reports come back on a pipe.
fn start_child(
    mode: &str,
    target: &Path,
) -> (Child, ChildStdin, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "crash_child_saves_step_by_step",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(TARGET, target)
        .env(MODE, mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let stdin = child.stdin.take().expect("stdin pipe");
    let stdout = BufReader::new(child.stdout.take().expect("stdout pipe"));
    (child, stdin, stdout)
}

/// Runs the child until it reports its `kill_at`-th moment (counting from
/// 0), kills it there and returns that moment.
fn kill_at(mode: &str, target: &Path, kill_at: usize) -> Moment {
    let (mut child, mut go_ahead, mut steps) = start_child(mode, target);
    let mut seen = 0;
    let mut line = String::new();
    let moment = loop {
        line.clear();
        let read = steps.read_line(&mut line).expect("child's report");
        assert!(
            read > 0,
            "the child ended before reporting moment {kill_at}"
        );
        let Some(moment) = Moment::parse(&line) else {
            continue;
        };
        if seen == kill_at || moment == Moment::Saved {
            break moment;
        }
        seen += 1;
        go_ahead.write_all(b"\n").expect("go-ahead");
    };
    // The child is blocked waiting for its go-ahead: the kill lands exactly here.
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    moment
}

fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

fn kill_at_every_step(mode: &str) {
    let (old, new) = versions();
    let mut moments = Vec::new();
    for kill in 0.. {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("notebook.ron");
        write(mode, &target, &old, |_| {});
        let moment = kill_at(mode, &target, kill);
        let on_disk = read(mode, &target)
            .unwrap_or_else(|e| panic!("killed at {moment:?}, the file does not load: {e}"));
        let expected = if moment.after_the_rename() {
            &new
        } else {
            &old
        };
        assert!(
            on_disk == *expected,
            "killed at {moment:?}: the file is not the {} version",
            if moment.after_the_rename() {
                "new"
            } else {
                "old"
            }
        );
        assert_eq!(
            temporary_files(dir.path()).len(),
            usize::from(moment.temporary_file_exists()),
            "killed at {moment:?}: the temporary file is there exactly while a save is cut"
        );
        let backup = store::backup_path(&target);
        if mode == "recovery" {
            assert!(!backup.exists(), "recovery copies keep no .bak");
        } else if !moment.backup_kept() {
            assert!(!backup.exists(), "killed at {moment:?}: no .bak yet");
        } else {
            let kept = store::load(&backup).expect("the .bak loads");
            assert!(
                kept == old,
                "killed at {moment:?}: the .bak is the old version"
            );
        }
        // The next save clears what the killed one left and succeeds.
        write(mode, &target, &new, |_| {});
        assert_eq!(temporary_files(dir.path()), Vec::<PathBuf>::new());
        assert!(read(mode, &target).expect("loads") == new);
        let done = moment == Moment::Saved;
        moments.push(moment);
        if done {
            break;
        }
    }
    let cut_mid_write = moments
        .iter()
        .filter(|m| matches!(m, Moment::Step { stage, done, total } if *stage == "Writing" && done < total))
        .count();
    assert!(
        cut_mid_write >= 1,
        "a kill cut the write in the middle: {moments:?}"
    );
    let mut required = vec![
        (Stage::Replacing, Some(0)),
        (Stage::Replacing, Some(1)),
        (Stage::Replacing, Some(2)),
    ];
    if mode == "save" {
        // A recovery copy is turned into text before its write is watched.
        required.push((Stage::Preparing, None));
    }
    for (stage, done) in required {
        assert!(
            moments.iter().any(|m| m.is(stage, done)),
            "a kill at {stage:?} {done:?}: {moments:?}"
        );
    }
}

#[test]
fn saves_survive_sigkill_at_every_step() {
    kill_at_every_step("save");
}

#[test]
fn recovery_copies_survive_sigkill_at_every_step() {
    kill_at_every_step("recovery");
}
