//! `dateline generate`: the man page and shell completions, from the same
//! clap definition as the command line itself.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::args::{Cli, GenerateArgs, Generated};

/// Runs `dateline generate`.
pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    let shell = match args.what {
        Generated::Man => {
            clap_mangen::Man::new(command).render(&mut out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Generated::Bash => Shell::Bash,
        Generated::Zsh => Shell::Zsh,
        Generated::Fish => Shell::Fish,
        Generated::Powershell => Shell::PowerShell,
        Generated::Elvish => Shell::Elvish,
    };
    clap_complete::generate(shell, &mut command, "dateline", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
