//! Assignment and escalation rules: kept per workspace, applied to each new
//! ticket in its own transaction (assignment) and by a periodic sweep
//! (escalation). A part of [`crate::Store`].

use crate::Result;
use async_trait::async_trait;
use portal_core::routing::{AssignmentRule, BusinessHours, EscalationRule, TicketFilter};
use portal_core::{Millis, TicketNumber, WorkspaceId};

/// A workspace's rules, each list in its order, each rule with its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoutingRules {
    pub assignment: Vec<(i64, AssignmentRule)>,
    pub escalation: Vec<(i64, EscalationRule)>,
    /// When the team works; `None`: escalation waits count every minute.
    pub business_hours: Option<BusinessHours>,
}

/// A rule of either kind, to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewRule {
    Assignment(AssignmentRule),
    Escalation(EscalationRule),
}

/// A ticket an escalation rule fired on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalated {
    pub workspace_id: WorkspaceId,
    pub ticket_number: TicketNumber,
    pub rule: String,
}

#[async_trait]
pub trait RoutingStore {
    async fn routing_rules(&self, workspace: WorkspaceId) -> Result<RoutingRules>;
    /// Adds a rule at the end of its list. Its agents must be the
    /// workspace's (`Invalid` otherwise).
    async fn add_rule(&self, workspace: WorkspaceId, rule: &NewRule, now: Millis) -> Result<i64>;
    /// Sets (or, with `None`, clears) the workspace's business hours.
    async fn set_business_hours(&self, workspace: WorkspaceId, hours: Option<&BusinessHours>) -> Result<()>;
    /// Says whether the rule was the workspace's.
    async fn remove_rule(&self, workspace: WorkspaceId, id: i64) -> Result<bool>;
    /// Moves a rule one place up its list (`NotFound` for another
    /// workspace's; the first stays first).
    async fn move_rule_up(&self, workspace: WorkspaceId, id: i64) -> Result<()>;
    /// Fires every escalation rule on the tickets it is due for at `now`
    /// (their wait counted in business hours where the workspace has them),
    /// once per ticket and rule, whichever instance sweeps first: marks,
    /// reassigns and queues the Slack post in the transaction that claims it.
    async fn escalate_due(&self, now: Millis) -> Result<Vec<Escalated>>;
    /// The workspace's latest tickets (up to `limit` looked at) that
    /// `filter` matches, with their titles: an assignment rule's preview.
    async fn preview_filter(
        &self,
        workspace: WorkspaceId,
        filter: &TicketFilter,
        limit: u32,
    ) -> Result<Vec<(TicketNumber, String)>>;
    /// The tickets an escalation rule would fire on at `now` (at most
    /// `limit`), ignoring whether it fired on them before.
    async fn preview_escalation(
        &self,
        workspace: WorkspaceId,
        rule: &EscalationRule,
        now: Millis,
        limit: u32,
    ) -> Result<Vec<(TicketNumber, String)>>;
}
