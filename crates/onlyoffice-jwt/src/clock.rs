//! The clock: the system's, or a fixed `now` injected by the caller (tests, replays).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch: `now` when given, else the system clock.
pub fn now_or_system(now: Option<i64>) -> i64 {
    now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    })
}
