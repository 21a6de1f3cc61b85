//! The `sitrep` binary: the app and its command line (see [`sitrep::cli`]).

fn main() -> std::process::ExitCode {
    sitrep::cli::run(std::env::args_os())
}
