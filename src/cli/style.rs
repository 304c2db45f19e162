//! Terminal styling: bold and colors only on a terminal, never with NO_COLOR.

use std::io::IsTerminal;

/// Whether stdout gets ANSI styling.
pub fn stdout_styled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Whether stderr gets ANSI styling.
fn stderr_styled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Text styles used in output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    on: bool,
}

impl Style {
    /// Styling for stdout.
    pub fn stdout() -> Style {
        Style {
            on: stdout_styled(),
        }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold text (matched terms, headlines).
    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    /// Dimmed text (paths, secondary details).
    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }

    /// Green text (dates).
    pub fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }
}

/// The `error` label in front of error messages, red on a terminal.
pub fn error_label() -> String {
    Style {
        on: stderr_styled(),
    }
    .wrap("1;31", "error")
}

/// The `warning` label, yellow on a terminal.
pub fn warning_label() -> String {
    Style {
        on: stderr_styled(),
    }
    .wrap("1;33", "warning")
}
