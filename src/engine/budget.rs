//! The evaluation time budget ([`super::Options::timeout`]): a deadline checked
//! cooperatively, at each round and every [`Deadline::EVERY`] steps of a join, so that a
//! rule whose join would run for hours stops soon after the budget is spent.

use std::time::{Duration, Instant};

/// When a run must stop, and a countdown that keeps reading the clock rare.
#[derive(Clone, Copy, Debug)]
pub struct Deadline {
    /// The moment and the budget it came from (for the message); `None`: no limit.
    at: Option<(Instant, Duration)>,
    /// Steps until the clock is read again.
    left: u32,
    /// Whether the deadline has passed (set by [`Deadline::tick`] and [`Deadline::passed`]).
    expired: bool,
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline {
            at: None,
            left: Self::EVERY,
            expired: false,
        }
    }
}

impl Deadline {
    /// Steps (join candidates, ground rule firings) between two readings of the clock: a
    /// reading costs tens of nanoseconds, a step a few, so this keeps the cost below a
    /// percent while a step-bound loop still notices the deadline within microseconds.
    pub const EVERY: u32 = 4096;

    /// The deadline `timeout` after `start` (`None`: now), or none without a timeout.
    pub fn new(timeout: Option<Duration>, start: Option<Instant>) -> Self {
        let at = timeout.map(|t| {
            let start = start.unwrap_or_else(Instant::now);
            // A budget too large to add is no budget at all.
            (
                start
                    .checked_add(t)
                    .unwrap_or(start + Duration::from_secs(1 << 40)),
                t,
            )
        });
        Deadline {
            at,
            ..Deadline::default()
        }
    }

    /// One step; reads the clock every [`Deadline::EVERY`] steps. True once the deadline
    /// has passed.
    #[inline]
    pub fn tick(&mut self) -> bool {
        self.left -= 1;
        if self.left == 0 {
            self.left = Self::EVERY;
            return self.passed();
        }
        self.expired
    }

    /// Reads the clock now: true once the deadline has passed.
    pub fn passed(&mut self) -> bool {
        if let Some((at, _)) = self.at
            && !self.expired
        {
            self.expired = Instant::now() >= at;
        }
        self.expired
    }

    /// Whether a [`Deadline::tick`] or [`Deadline::passed`] found the deadline passed.
    pub fn expired(&self) -> bool {
        self.expired
    }

    /// The budget, if there is one.
    pub fn budget(&self) -> Option<Duration> {
        self.at.map(|(_, t)| t)
    }
}

/// A duration as a person writes it: `500ms`, `2s`, `90s`, `1.5s`, `10m`, `1h`; a bare
/// number is seconds.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let scale = match unit.trim() {
        "ms" => 0.001,
        "" | "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => return None,
    };
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    Duration::try_from_secs_f64(value * scale).ok()
}

/// A duration written back as [`parse_duration`] reads it, in the largest unit that keeps
/// it whole.
pub fn show_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(3_600_000) && ms > 0 {
        format!("{}h", ms / 3_600_000)
    } else if ms.is_multiple_of(60_000) && ms > 0 {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        let ok = [
            ("500ms", 500),
            ("2s", 2000),
            ("2", 2000),
            ("1.5s", 1500),
            ("10m", 600_000),
            ("1h", 3_600_000),
            ("0", 0),
            (" 3s ", 3000),
        ];
        for (text, ms) in ok {
            assert_eq!(
                parse_duration(text),
                Some(Duration::from_millis(ms)),
                "{text}"
            );
        }
        for bad in ["", "s", "5x", "-1s", ".5s", "5.s", "1e9999", "ten"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        for ms in [0, 1, 500, 1500, 2000, 60_000, 90_000, 3_600_000] {
            let d = Duration::from_millis(ms);
            assert_eq!(parse_duration(&show_duration(d)), Some(d), "{ms}");
        }
        assert_eq!(show_duration(Duration::from_secs(60)), "1m");
    }

    #[test]
    fn a_deadline_is_noticed_within_one_countdown() {
        let mut none = Deadline::new(None, None);
        assert!((0..3 * Deadline::EVERY).all(|_| !none.tick()));
        let mut spent = Deadline::new(Some(Duration::ZERO), None);
        let steps = (1..=2 * Deadline::EVERY).find(|_| spent.tick());
        assert_eq!(steps, Some(Deadline::EVERY));
        assert!(spent.tick(), "once passed, it stays passed");
        let mut later = Deadline::new(Some(Duration::from_secs(3600)), None);
        assert!(!later.passed());
        assert_eq!(later.budget(), Some(Duration::from_secs(3600)));
    }
}
