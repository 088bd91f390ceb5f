//! The real binary as a child process, for crash and signal tests.
#![allow(dead_code)]

use std::process::Child;
use std::time::{Duration, Instant};

/// Generous, for a loaded 2-core CI machine.
pub const WAIT: Duration = Duration::from_secs(120);

/// The bot process; killed if a test fails before stopping it.
pub struct BotProcess(pub Child);

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl std::ops::Deref for BotProcess {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for BotProcess {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

pub async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

pub fn signal(child: &Child, name: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}
