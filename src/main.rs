//! The `dateline` command: argument parsing and output; the work is in the library.

mod cli;
mod display;
mod web;

fn main() -> std::process::ExitCode {
    cli::main()
}
