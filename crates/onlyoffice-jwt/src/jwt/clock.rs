//! The clock: the system's, or a fixed `now` injected by the caller (tests, replays).

use std::time::{SystemTime, UNIX_EPOCH};

/// Whole seconds since the Unix epoch: `now` when given, else the system clock
/// (rounded down). Used where a time is written (`iat`, `exp`, link expiry).
pub fn now_or_system(now: Option<i64>) -> i64 {
    now.unwrap_or_else(|| {
        since_epoch().map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    })
}

/// Seconds since the Unix epoch with the system clock's sub-second precision: `now`
/// when given, else the system clock. Used where a time claim is compared, so that a
/// fractional `iat`/`nbf`/`exp` (`time.time()`, `microtime(true)`) is judged at its
/// own precision rather than against a clock rounded down to the second.
pub fn precise_now(now: Option<i64>) -> f64 {
    match now {
        Some(now) => now as f64,
        None => since_epoch().map_or(0.0, |d| d.as_secs_f64()),
    }
}

fn since_epoch() -> Option<std::time::Duration> {
    SystemTime::now().duration_since(UNIX_EPOCH).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precise_clock_is_within_a_second_of_the_whole_one() {
        let whole = now_or_system(None) as f64;
        let precise = precise_now(None);
        assert!(
            precise >= whole && precise < whole + 2.0,
            "{whole} {precise}"
        );
        assert_eq!(precise_now(Some(1_767_225_600)), 1_767_225_600.0);
        assert_eq!(now_or_system(Some(-5)), -5);
    }
}
