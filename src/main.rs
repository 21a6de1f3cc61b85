//! The `sitrep` binary: the app and its command line (see [`sitrep::cli`]).

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    sitrep::cli::run(&args)
}
