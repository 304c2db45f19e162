//! Build script of the `dateline` command: tells the integration tests what
//! this machine lacks, so that a test needing it is reported `ignored` with
//! the reason instead of passing without having run.
//!
//! Under CI (`CI` set) nothing is ever marked absent: there a test whose data
//! or browser is missing fails, so CI cannot report a count it did not run.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-changed=../shared/data");
    println!("cargo::rustc-check-cfg=cfg(shared_data_absent)");
    println!("cargo::rustc-check-cfg=cfg(browser_absent)");
    if std::env::var_os("CI").is_some() {
        return;
    }
    if !Path::new("../shared/data").is_dir() {
        println!("cargo::rustc-cfg=shared_data_absent");
    }
    if !["chromium", "chromedriver"]
        .iter()
        .all(|program| on_path(program))
    {
        println!("cargo::rustc-cfg=browser_absent");
    }
}

/// Whether `program` is an executable file in a folder of `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
