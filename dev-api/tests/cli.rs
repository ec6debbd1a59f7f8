//! The dev-api binary's command line: help is an answer, a wrong flag is an error.

use std::process::Command;

fn dev_api(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dev-api")).args(args).output().expect("dev-api runs")
}

#[test]
fn help_prints_the_usage_and_succeeds() {
    let out = dev_api(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("USAGE: dev-api"));
}

#[test]
fn a_bad_flag_fails_naming_it() {
    let out = dev_api(&["--port", "70000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--port"), "{}", String::from_utf8_lossy(&out.stderr));
}
