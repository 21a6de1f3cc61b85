//! The argument parser's choices.

use super::*;

#[test]
fn arguments_choose_window_or_check() {
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(parse_args(&args(&[])), Ok(Invocation::Window(None)));
    assert_eq!(
        parse_args(&args(&["a.ron"])),
        Ok(Invocation::Window(Some("a.ron".into())))
    );
    assert_eq!(
        parse_args(&args(&["check", "a.ron", "b.ron"])),
        Ok(Invocation::Check {
            files: vec!["a.ron".into(), "b.ron".into()],
            strict: false
        })
    );
    assert!(parse_args(&args(&["check"])).is_err());
    assert!(parse_args(&args(&["--frobnicate"])).is_err());
    assert!(parse_args(&args(&["a.ron", "b.ron"])).is_err());
}
