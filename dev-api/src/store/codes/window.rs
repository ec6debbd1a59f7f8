//! A day of sends, kept as their times: the three budgets of [`super::Codes`] and how they
//! are swept and bounded.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Duration as ChronoDuration, Utc};

use super::{seconds_until, MAX_COUNTED_TARGETS};

/// Send times within the last 24 hours, oldest first.
#[derive(Debug, Default)]
pub(super) struct Window(pub(super) VecDeque<DateTime<Utc>>);

impl Window {
    pub(super) fn forget_before(&mut self, since: DateTime<Utc>) {
        while self.0.front().is_some_and(|t| *t <= since) {
            self.0.pop_front();
        }
    }

    /// With `limit` sends in the last 24 h: the seconds until the oldest of them leaves.
    pub(super) fn full(&mut self, now: DateTime<Utc>, limit: usize) -> Option<u64> {
        self.forget_before(now - ChronoDuration::hours(24));
        if self.0.len() < limit {
            return None;
        }
        let oldest = self.0.front().copied().unwrap_or(now);
        Some(seconds_until(oldest + ChronoDuration::hours(24), now))
    }

    pub(super) fn last(&self) -> Option<DateTime<Utc>> {
        self.0.back().copied()
    }
}

/// The three budgets, swept alike.
pub(super) trait WindowMap {
    fn forget_before(&mut self, since: DateTime<Utc>);
}

impl<K: Eq + std::hash::Hash> WindowMap for HashMap<K, Window> {
    fn forget_before(&mut self, since: DateTime<Utc>) {
        self.retain(|_, w| {
            w.forget_before(since);
            !w.0.is_empty()
        });
    }
}

pub(super) trait Bounded {
    /// At the bound, forgets the quarter of targets sent to longest ago.
    fn drop_oldest_quarter(&mut self);
}

impl<K: Eq + std::hash::Hash> Bounded for HashMap<K, Window> {
    fn drop_oldest_quarter(&mut self) {
        if self.len() < MAX_COUNTED_TARGETS {
            return;
        }
        let mut last: Vec<DateTime<Utc>> = self.values().filter_map(Window::last).collect();
        last.sort_unstable();
        let cutoff = last[last.len() / 4];
        self.retain(|_, w| w.last().is_some_and(|t| t > cutoff));
    }
}
