//! The terminal's copy of every message dev-api "sends". Printing happens on a thread of its
//! own, outside the store's lock, and a closed, full or slow stdout loses only printed lines:
//! never a request, never a code (the outbox keeps those).

use std::io::Write;
use std::sync::mpsc::{sync_channel, SyncSender};

/// Lines waiting to be printed; past this, new lines are dropped until the terminal reads.
const WAITING: usize = 1_000;

/// Where sent messages are printed; the default prints nothing.
#[derive(Debug, Default)]
pub struct Printer(Option<SyncSender<String>>);

impl Printer {
    /// Prints to stdout from a thread of its own, ignoring write errors.
    pub fn stdout() -> Self {
        let (lines, waiting) = sync_channel::<String>(WAITING);
        std::thread::spawn(move || {
            for line in waiting {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}").and_then(|()| out.flush());
            }
        });
        Printer(Some(lines))
    }

    /// Hands `line` to the printing thread without waiting for it.
    pub fn print(&self, line: String) {
        if let Some(lines) = &self.0 {
            let _ = lines.try_send(line);
        }
    }
}
