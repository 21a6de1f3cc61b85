//! The `sitrep` binary's headless subcommands, run as a user would.

use std::process::Command;

fn sitrep(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_passes_the_sample_notebook_with_a_summary() {
    let (code, stdout, stderr) = sitrep(&["check", "saves/afghanistan-2021.ron"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "saves/afghanistan-2021.ron: ok: 1 articles, 7 events, 3 series, 3 observations\n"
    );
}

#[test]
fn check_stops_at_a_bad_file_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, meta: (id: 3))").expect("write");
    let bad = bad.display().to_string();
    let (code, stdout, stderr) = sitrep(&["check", "saves/afghanistan-2021.ron", &bad]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("ok: 1 articles"),
        "the good file is still reported: {stdout}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with(&format!("{bad}:1:")),
        "path and line:column first: {stderr}"
    );
    let (code, _, stderr) = sitrep(&["check", "no/such/file.ron"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no/such/file.ron: cannot read"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = sitrep(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("usage"), "{stderr}");
    let (code, _, _) = sitrep(&["--bogus"]);
    assert_eq!(code, 2);
    let (code, stdout, _) = sitrep(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("sitrep check"));
}
