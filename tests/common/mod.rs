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
