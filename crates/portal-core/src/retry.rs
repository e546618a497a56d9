//! When a delivery from one of the durable outboxes (mail, webhooks, Slack)
//! is tried again after a failed try.

use crate::model::Millis;

const SECOND: Millis = 1000;
const MINUTE: Millis = 60 * SECOND;
const HOUR: Millis = 60 * MINUTE;

/// The waits between tries: after try `n` comes `steps[n - 1]`; past the
/// last step it repeats until `tries` have been made, and then the
/// delivery has failed for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    steps: &'static [Millis],
    tries: u32,
}

impl Schedule {
    /// Customers' mail: 30 s, doubling, eight tries over about an hour.
    pub const MAIL: Self =
        Self { steps: &[30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE, 32 * MINUTE], tries: 8 };
    /// Webhooks: about 1 min, 5 min, 30 min, 2 h and 12 h, then failed.
    pub const WEBHOOK: Self = Self { steps: &[MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 12 * HOUR], tries: 6 };
    /// Slack: soon at first (a blip), then hourly for two days, so a
    /// Slack that is down delays posts and loses none.
    pub const SLACK: Self =
        Self { steps: &[5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR], tries: 54 };

    /// How long after try number `tries_made` (1 for the first) the next
    /// one is; `None` when that was the last.
    pub fn after(self, tries_made: u32) -> Option<Millis> {
        if tries_made >= self.tries {
            return None;
        }
        let index = usize::try_from(tries_made.max(1) - 1).unwrap_or(usize::MAX);
        Some(self.steps.get(index).or(self.steps.last()).copied().unwrap_or(MINUTE))
    }

    /// The tries in all.
    pub fn tries(self) -> u32 {
        self.tries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_doubles_from_thirty_seconds_and_stops_after_eight_tries() {
        let waits: Vec<_> = (1..=8).map(|n| Schedule::MAIL.after(n)).collect();
        assert_eq!(waits[0], Some(30_000));
        assert_eq!(waits[6], Some(32 * 60_000));
        assert_eq!(waits[7], None);
    }

    #[test]
    fn webhooks_wait_the_documented_steps_then_fail() {
        let waits: Vec<_> = (1..=6).map(|n| Schedule::WEBHOOK.after(n)).collect();
        assert_eq!(waits, [Some(MINUTE), Some(5 * MINUTE), Some(30 * MINUTE), Some(2 * HOUR), Some(12 * HOUR), None]);
    }

    #[test]
    fn slack_keeps_trying_hourly_for_two_days() {
        assert_eq!(Schedule::SLACK.after(1), Some(5 * SECOND));
        assert_eq!(Schedule::SLACK.after(20), Some(HOUR));
        assert_eq!(Schedule::SLACK.after(54), None);
        let total: Millis = (1..Schedule::SLACK.tries()).filter_map(|n| Schedule::SLACK.after(n)).sum();
        assert!(total > 47 * HOUR, "{total}");
    }
}
