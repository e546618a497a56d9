//! Routing: the rules that assign a new ticket and escalate a waiting one.
//!
//! Assignment rules are an ordered list: the first whose filter matches a
//! new ticket (from any channel) assigns it, to one agent or round-robin
//! over a group, skipping paused accounts. Escalation rules fire once per
//! ticket when it waits too long for its first agent reply, or for an
//! answer to its customer; they mark it escalated, reassign it, and/or
//! post to Slack.

use crate::model::{AgentId, Millis};
use crate::visibility::{Condition, CustomerFacts};
use serde::{Deserialize, Serialize};

/// The most rules of each kind a workspace keeps.
pub const MAX_RULES: usize = 50;
/// The longest rule name.
pub const NAME_MAX: usize = 100;
/// The longest wait an escalation rule may name: 60 days, in minutes.
pub const MINUTES_MAX: i64 = 60 * 24 * 60;

/// Which tickets a rule applies to: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFilter {
    /// One of the workspace's ticket types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<String>,
    /// The key of the ticket's company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// `portal`, `api` or `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Conditions on the customer, in the audience's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer: Vec<Condition>,
}

/// What a filter is checked against: a ticket and its customer.
#[derive(Debug, Clone, Copy)]
pub struct TicketFacts<'a> {
    pub ticket_type: Option<&'a str>,
    pub company: Option<&'a str>,
    pub channel: &'a str,
    pub customer: CustomerFacts<'a>,
}

impl TicketFilter {
    pub fn matches(&self, ticket: &TicketFacts<'_>) -> bool {
        let same = |wanted: &Option<String>, got: Option<&str>| wanted.as_deref().is_none_or(|w| Some(w) == got);
        same(&self.ticket_type, ticket.ticket_type)
            && same(&self.company, ticket.company)
            && same(&self.channel, Some(ticket.channel))
            && self.customer.iter().all(|c| c.matches(&ticket.customer))
    }

    /// Whether a ticket's own columns (type, company) may match: the part
    /// of the filter an escalation rule's query checks.
    pub fn is_ticket_only(&self) -> bool {
        self.channel.is_none() && self.customer.is_empty()
    }
}

/// Whom an assignment rule assigns to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "agents")]
pub enum Assignee {
    Agent(AgentId),
    /// In turn, skipping paused accounts.
    RoundRobin(Vec<AgentId>),
}

impl Assignee {
    /// The agent to assign, given the rule's turn (`next`, counting up
    /// forever) and which accounts may take tickets; and the turn after.
    pub fn pick(&self, next: i64, available: impl Fn(AgentId) -> bool) -> Option<(AgentId, i64)> {
        match self {
            Self::Agent(agent) => available(*agent).then_some((*agent, next)),
            Self::RoundRobin(group) => {
                let len = i64::try_from(group.len()).ok().filter(|len| *len > 0)?;
                (0..len).map(|step| next + step).find_map(|turn| {
                    let agent = group[usize::try_from(turn.rem_euclid(len)).ok()?];
                    available(agent).then_some((agent, turn + 1))
                })
            }
        }
    }
}

/// An assignment rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRule {
    pub name: String,
    pub filter: TicketFilter,
    pub assign: Assignee,
}

/// When an escalation rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "minutes")]
pub enum EscalationTrigger {
    /// No agent has replied (publicly) within this many minutes of the
    /// ticket's opening.
    NoFirstReply(i64),
    /// The customer wrote last and has waited this many minutes.
    CustomerWaiting(i64),
}

impl EscalationTrigger {
    pub fn minutes(self) -> i64 {
        match self {
            Self::NoFirstReply(minutes) | Self::CustomerWaiting(minutes) => minutes,
        }
    }

    /// The instant before which the wait began for the rule to fire at `now`.
    pub fn cutoff(self, now: Millis) -> Millis {
        now - self.minutes() * 60_000
    }
}

/// An escalation rule: when, for which tickets (type and company only),
/// and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationRule {
    pub name: String,
    pub trigger: EscalationTrigger,
    #[serde(default)]
    pub filter: TicketFilter,
    /// Mark the ticket escalated (the inbox's filter and badge).
    pub mark: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassign: Option<AgentId>,
    /// Post to the workspace's Slack channel, in the ticket's thread.
    pub post_to_slack: bool,
}

/// When a workspace's team works: escalation waits count only these
/// minutes. Days are Monday first; the day is open from `opens` to `closes`,
/// minutes after local midnight in `zone` (an IANA name such as
/// `Europe/Berlin`), daylight saving time included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    pub zone: String,
    pub days: [bool; 7],
    pub opens: u16,
    pub closes: u16,
}

#[cfg(feature = "hours")]
impl BusinessHours {
    pub fn new(zone: &str, days: [bool; 7], opens: u16, closes: u16) -> Result<Self, RuleError> {
        let zone = zone.trim();
        jiff::tz::TimeZone::get(zone).map_err(|_| RuleError::Zone(zone.to_string()))?;
        if !days.contains(&true) || opens >= closes || closes > 24 * 60 {
            return Err(RuleError::Hours);
        }
        Ok(Self { zone: zone.to_string(), days, opens, closes })
    }

    /// Whether at least `minutes` working minutes passed from `from` to `to`.
    pub fn reaches(&self, from: Millis, to: Millis, minutes: i64) -> bool {
        self.working_millis(from, to, minutes.saturating_mul(60_000)) >= minutes.saturating_mul(60_000)
    }

    /// The working time from `from` to `to`, counted up to `enough` at most
    /// (so a long wait is not walked day by day to its end). An unknown
    /// zone counts every minute.
    fn working_millis(&self, from: Millis, to: Millis, enough: i64) -> i64 {
        use jiff::{Timestamp, tz::TimeZone};
        let (Ok(start), Ok(end), Ok(tz)) =
            (Timestamp::from_millisecond(from), Timestamp::from_millisecond(to), TimeZone::get(&self.zone))
        else {
            return to - from;
        };
        let (mut day, last) = (start.to_zoned(tz.clone()).date(), end.to_zoned(tz.clone()).date());
        let at = |date: jiff::civil::Date, minute: u16| -> Option<Timestamp> {
            let (hour, minute) = (i8::try_from(minute / 60).ok()?, i8::try_from(minute % 60).ok()?);
            let local = if hour == 24 { date.tomorrow().ok()?.at(0, 0, 0, 0) } else { date.at(hour, minute, 0, 0) };
            Some(local.to_zoned(tz.clone()).ok()?.timestamp())
        };
        let mut total = 0i64;
        while day <= last && total < enough {
            let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).unwrap_or(0);
            if self.days[weekday]
                && let (Some(open), Some(close)) = (at(day, self.opens), at(day, self.closes))
            {
                let (a, b) = (open.max(start), close.min(end));
                if b > a {
                    total += b.as_millisecond() - a.as_millisecond();
                }
            }
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        total
    }
}

/// Why a rule was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("a rule needs a name of at most {NAME_MAX} characters")]
    Name,
    #[error("a round-robin group needs at least one agent")]
    EmptyGroup,
    #[error("the wait must be 1 to {MINUTES_MAX} minutes")]
    Minutes,
    #[error("an escalation rule must do something: mark, reassign or post to Slack")]
    NoAction,
    #[error("an escalation rule filters on ticket type and company only")]
    EscalationFilter,
    #[error("the channel must be portal, api or email")]
    Channel,
    #[error("unknown time zone {0:?}: use an IANA name such as Europe/Berlin")]
    Zone(String),
    #[error("business hours need at least one day, and opening before closing")]
    Hours,
}

fn check_name(name: &str) -> Result<String, RuleError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err(RuleError::Name);
    }
    Ok(name.to_string())
}

fn check_filter(filter: &TicketFilter) -> Result<(), RuleError> {
    match filter.channel.as_deref() {
        None | Some("portal" | "api" | "email") => Ok(()),
        Some(_) => Err(RuleError::Channel),
    }
}

impl AssignmentRule {
    pub fn new(name: &str, filter: TicketFilter, assign: Assignee) -> Result<Self, RuleError> {
        check_filter(&filter)?;
        if matches!(&assign, Assignee::RoundRobin(group) if group.is_empty()) {
            return Err(RuleError::EmptyGroup);
        }
        Ok(Self { name: check_name(name)?, filter, assign })
    }
}

impl EscalationRule {
    pub fn new(
        name: &str,
        trigger: EscalationTrigger,
        filter: TicketFilter,
        mark: bool,
        reassign: Option<AgentId>,
        post_to_slack: bool,
    ) -> Result<Self, RuleError> {
        if !(1..=MINUTES_MAX).contains(&trigger.minutes()) {
            return Err(RuleError::Minutes);
        }
        if !filter.is_ticket_only() {
            return Err(RuleError::EscalationFilter);
        }
        if !mark && reassign.is_none() && !post_to_slack {
            return Err(RuleError::NoAction);
        }
        Ok(Self { name: check_name(name)?, trigger, filter, mark, reassign, post_to_slack })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::CustomerAttributes;

    /// An instant given in UTC as `YYYY-MM-DDTHH:MM`.
    fn utc(at: &str) -> Millis {
        format!("{at}:00Z").parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn business_hours_count_only_working_minutes_in_the_workspace_zone() {
        let weekdays = [true, true, true, true, true, false, false];
        let berlin = BusinessHours::new("Europe/Berlin", weekdays, 9 * 60, 17 * 60).unwrap();
        // Friday 2026-12-04 16:30 Berlin (15:30 UTC) to Monday 09:30 Berlin: 30 + 30 minutes.
        let (friday, monday) = (utc("2026-12-04T15:30"), utc("2026-12-07T08:30"));
        assert!(berlin.reaches(friday, monday, 60));
        assert!(!berlin.reaches(friday, monday, 61));
        assert!(!berlin.reaches(utc("2026-12-05T10:00"), utc("2026-12-06T20:00"), 1), "a weekend counts nothing");
        // Daylight saving time: 2026-03-30 is a Monday after the change; 9:00 Berlin is 07:00 UTC.
        assert!(!berlin.reaches(utc("2026-03-30T06:30"), utc("2026-03-30T07:00"), 1), "before opening");
        assert!(berlin.reaches(utc("2026-03-30T06:30"), utc("2026-03-30T07:10"), 10));
        assert_eq!(BusinessHours::new("Mars/Olympus", weekdays, 0, 60), Err(RuleError::Zone("Mars/Olympus".into())));
        assert_eq!(BusinessHours::new("UTC", [false; 7], 0, 60), Err(RuleError::Hours));
        assert_eq!(BusinessHours::new("UTC", weekdays, 60, 60), Err(RuleError::Hours));
        let all_day = BusinessHours::new("UTC", [true; 7], 0, 24 * 60).unwrap();
        assert!(all_day.reaches(utc("2026-12-05T00:00"), utc("2026-12-06T00:00"), 24 * 60));
    }

    fn facts<'a>(
        attributes: &'a CustomerAttributes,
        ticket_type: Option<&'a str>,
        channel: &'a str,
    ) -> TicketFacts<'a> {
        let customer = CustomerFacts { email: "ann@vip.example", attributes, companies: &[] };
        TicketFacts { ticket_type, company: None, channel, customer }
    }

    #[test]
    fn a_filter_matches_when_every_condition_given_holds() {
        let none = CustomerAttributes::default();
        let bugs = TicketFilter { ticket_type: Some("Bug".into()), ..TicketFilter::default() };
        assert!(bugs.matches(&facts(&none, Some("Bug"), "portal")));
        assert!(!bugs.matches(&facts(&none, Some("Question"), "portal")));
        assert!(!bugs.matches(&facts(&none, None, "portal")));
        let vip_mail = TicketFilter {
            channel: Some("email".into()),
            customer: vec![Condition::parse_line("email ends_with @vip.example").unwrap()],
            ..TicketFilter::default()
        };
        assert!(vip_mail.matches(&facts(&none, None, "email")));
        assert!(!vip_mail.matches(&facts(&none, None, "portal")));
        assert!(TicketFilter::default().matches(&facts(&none, None, "api")), "no condition: every ticket");
    }

    #[test]
    fn round_robin_takes_turns_and_skips_paused_accounts() {
        let group = Assignee::RoundRobin(vec![AgentId(1), AgentId(2), AgentId(3)]);
        let all = |_: AgentId| true;
        assert_eq!(group.pick(0, all), Some((AgentId(1), 1)));
        assert_eq!(group.pick(1, all), Some((AgentId(2), 2)));
        assert_eq!(group.pick(5, all), Some((AgentId(3), 6)));
        let two_paused = |agent: AgentId| agent != AgentId(2);
        assert_eq!(group.pick(1, two_paused), Some((AgentId(3), 3)));
        assert_eq!(group.pick(0, |_| false), None, "everyone paused: nobody");
        assert_eq!(Assignee::Agent(AgentId(7)).pick(4, |_| false), None);
    }

    #[test]
    fn rules_are_checked_when_made() {
        let filter = TicketFilter::default();
        assert_eq!(AssignmentRule::new(" ", filter.clone(), Assignee::Agent(AgentId(1))), Err(RuleError::Name));
        assert_eq!(AssignmentRule::new("x", filter.clone(), Assignee::RoundRobin(vec![])), Err(RuleError::EmptyGroup));
        let fax = TicketFilter { channel: Some("fax".into()), ..TicketFilter::default() };
        assert_eq!(AssignmentRule::new("x", fax, Assignee::Agent(AgentId(1))), Err(RuleError::Channel));
        let wait = EscalationTrigger::NoFirstReply(30);
        assert_eq!(EscalationRule::new("x", wait, filter.clone(), false, None, false), Err(RuleError::NoAction));
        assert_eq!(
            EscalationRule::new("x", EscalationTrigger::CustomerWaiting(0), filter.clone(), true, None, false),
            Err(RuleError::Minutes)
        );
        let by_customer = TicketFilter { customer: vec![Condition::parse_line("email contains x").unwrap()], ..filter };
        assert_eq!(EscalationRule::new("x", wait, by_customer, true, None, false), Err(RuleError::EscalationFilter));
        assert_eq!(wait.cutoff(3_600_000), 1_800_000);
    }
}
