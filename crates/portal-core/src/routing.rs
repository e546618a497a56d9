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
