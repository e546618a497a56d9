//! The SQL implementation of [`RoutingStore`], and the assignment of each
//! new ticket (called by [`SqlStore::insert_one_ticket`], in its transaction).

use super::rules::Ruled;
use super::tickets::OneTicket;
use super::{SqlStore, sql_impl};
use crate::routing::{Escalated, NewRule, RoutingRules, RoutingStore};
use crate::{Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::attributes::CustomerAttributes;
use portal_core::routing::{
    AssignmentRule, BusinessHours, EscalationRule, EscalationTrigger, TicketFacts, TicketFilter,
};
use portal_core::visibility::CustomerFacts;
use portal_core::{AgentId, CustomerId, Millis, TicketNumber, WorkspaceId};
use std::collections::{HashMap, HashSet};

/// Tickets one rule looks at in one sweep: a backlog fires over a few sweeps.
const SWEEP_BATCH: i64 = 500;
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: i64,
    workspace_id: i64,
    kind: String,
    rule: String,
    next_turn: i64,
}

/// A ticket as an assignment rule's preview checks it.
#[derive(sqlx::FromRow)]
struct PreviewRow {
    number: i64,
    title: String,
    ticket_type: Option<String>,
    channel: String,
    company: Option<String>,
    creator_id: i64,
    email: String,
    attributes: String,
}

fn parse<T: serde::de::DeserializeOwned>(row: &RuleRow) -> Result<T> {
    serde_json::from_str(&row.rule).map_err(|e| StoreError::Corrupt(format!("routing rule {}: {e}", row.id)))
}

fn customer_attributes(id: i64, json: &str) -> Result<CustomerAttributes> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))
}

const RULE_COLUMNS: &str = "id, workspace_id, kind, rule, next_turn";

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// Assigns a new ticket by the workspace's first assignment rule that
    /// matches it, moving a round-robin rule's turn on. With no agent of
    /// the rule free (all paused or gone), the ticket stays unassigned.
    pub(super) async fn assign_new_ticket(
        conn: &mut DB::Connection,
        ticket_id: i64,
        new: &OneTicket<'_>,
    ) -> Result<()> {
        let workspace = new.workspace;
        let rules = sqlx::query_as::<_, RuleRow>(&format!(
            "SELECT {RULE_COLUMNS} FROM routing_rules WHERE workspace_id = $1 AND kind = 'assign' ORDER BY position, id"
        ))
        .bind(workspace.0)
        .fetch_all(&mut *conn)
        .await?;
        if rules.is_empty() {
            return Ok(());
        }
        let (email, attributes) = sqlx::query_as::<_, (String, String)>(
            "SELECT email, attributes FROM customers WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(new.creator.0)
        .fetch_one(&mut *conn)
        .await?;
        let attributes = customer_attributes(new.creator.0, &attributes)?;
        let companies = Self::memberships(conn, workspace, Ruled::One(new.creator))
            .await?
            .remove(&new.creator.0)
            .unwrap_or_default();
        let company = match new.company_id {
            Some(id) => {
                sqlx::query_scalar::<_, String>("SELECT key FROM companies WHERE workspace_id = $1 AND id = $2")
                    .bind(workspace.0)
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        };
        let facts = TicketFacts {
            ticket_type: new.ticket_type,
            company: company.as_deref(),
            channel: new.channel,
            customer: CustomerFacts { email: &email, attributes: &attributes, companies: &companies },
        };
        let free: HashSet<i64> =
            sqlx::query_scalar::<_, i64>("SELECT id FROM agents WHERE workspace_id = $1 AND paused_at IS NULL")
                .bind(workspace.0)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        for row in &rules {
            let rule: AssignmentRule = parse(row)?;
            if !rule.filter.matches(&facts) {
                continue;
            }
            if let Some((agent, next)) = rule.assign.pick(row.next_turn, |agent| free.contains(&agent.0)) {
                sqlx::query("UPDATE tickets SET assignee_id = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(workspace.0)
                    .bind(ticket_id)
                    .bind(agent.0)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("UPDATE routing_rules SET next_turn = $2 WHERE id = $1")
                    .bind(row.id)
                    .bind(next)
                    .execute(&mut *conn)
                    .await?;
            }
            return Ok(());
        }
        Ok(())
    }

    /// The part of an escalation query after `FROM tickets t`: the open
    /// tickets of workspace `$1` the rule is due for at its cutoff `$2` by
    /// the clock, of type `$3` and company `$4` when those are not null;
    /// and the expression of the instant each one's wait began.
    fn escalation_due(rule: &EscalationRule) -> (String, String) {
        let public = "m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND NOT m.is_internal";
        let mut sql = String::from(
            " WHERE t.workspace_id = $1 AND t.status <> 'closed' \
             AND ($3 IS NULL OR t.ticket_type = $3) AND ($4 IS NULL OR t.company_id = $4)",
        );
        let since = match rule.trigger {
            EscalationTrigger::NoFirstReply(_) => {
                sql.push_str(&format!(
                    " AND t.created_at <= $2 AND NOT EXISTS (SELECT 1 FROM messages m WHERE {public} AND m.author_kind = 'agent')"
                ));
                "t.created_at".to_string()
            }
            EscalationTrigger::CustomerWaiting(_) => {
                let since =
                    format!("COALESCE((SELECT MAX(m.created_at) FROM messages m WHERE {public}), t.created_at)");
                sql.push_str(&format!(
                    " AND COALESCE((SELECT m.author_kind FROM messages m WHERE {public} ORDER BY m.created_at DESC, m.id DESC \
                     LIMIT 1), 'customer') = 'customer' AND {since} <= $2"
                ));
                since
            }
        };
        (sql, since)
    }

    /// The tickets `rule` is due for at `now`, with the instant each one's
    /// wait began, newest first; with `hours`, only those whose wait in
    /// working minutes is long enough. `not_fired`: leaves out the tickets
    /// the rule fired on before (`$5` is the rule's id).
    #[allow(clippy::too_many_arguments)]
    async fn due_tickets(
        conn: &mut DB::Connection,
        workspace: i64,
        rule_id: Option<i64>,
        rule: &EscalationRule,
        company: Option<i64>,
        hours: Option<&BusinessHours>,
        now: Millis,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String)>> {
        let (due, since) = Self::escalation_due(rule);
        let not_fired = if rule_id.is_some() {
            " AND NOT EXISTS (SELECT 1 FROM ticket_escalations e WHERE e.ticket_id = t.id AND e.rule_id = $5)"
        } else {
            " AND $5 IS NULL"
        };
        let rows = sqlx::query_as::<_, (i64, i64, String, Millis)>(&format!(
            "SELECT t.id, t.number, t.title, {since} AS since FROM tickets t {due}{not_fired} \
             ORDER BY t.created_at DESC, t.id DESC LIMIT $6"
        ))
        .bind(workspace)
        .bind(rule.trigger.cutoff(now))
        .bind(rule.filter.ticket_type.as_deref())
        .bind(company)
        .bind(rule_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows
            .into_iter()
            .filter(|(_, _, _, since)| hours.is_none_or(|hours| hours.reaches(*since, now, rule.trigger.minutes())))
            .map(|(id, number, title, _)| (id, number, title))
            .collect())
    }

    /// The workspace's business hours, if it set them.
    async fn business_hours_of(conn: &mut DB::Connection, workspace: i64) -> Result<Option<BusinessHours>> {
        let stored = sqlx::query_scalar::<_, Option<String>>("SELECT business_hours FROM workspaces WHERE id = $1")
            .bind(workspace)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
        stored
            .map(|json| {
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("workspace {workspace}: stored business hours: {e}")))
            })
            .transpose()
    }

    /// The id of the company an escalation rule names; `Err(())` when the
    /// workspace has no such company (the rule matches nothing).
    async fn rule_company(
        conn: &mut DB::Connection,
        workspace: i64,
        rule: &EscalationRule,
    ) -> Result<Result<Option<i64>, ()>> {
        let Some(key) = &rule.filter.company else { return Ok(Ok(None)) };
        let id = sqlx::query_scalar::<_, i64>("SELECT id FROM companies WHERE workspace_id = $1 AND key = $2")
            .bind(workspace)
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(id.map(Some).ok_or(()))
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> RoutingStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn routing_rules(&self, workspace: WorkspaceId) -> Result<RoutingRules> {
        let rows = sqlx::query_as::<_, RuleRow>(&format!(
            "SELECT {RULE_COLUMNS} FROM routing_rules WHERE workspace_id = $1 ORDER BY position, id"
        ))
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?;
        let mut conn = self.pool.acquire().await?;
        let mut rules = RoutingRules {
            business_hours: Self::business_hours_of(&mut conn, workspace.0).await?,
            ..Default::default()
        };
        for row in &rows {
            match row.kind.as_str() {
                "assign" => rules.assignment.push((row.id, parse(row)?)),
                _ => rules.escalation.push((row.id, parse(row)?)),
            }
        }
        Ok(rules)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn add_rule(&self, workspace: WorkspaceId, rule: &NewRule, now: Millis) -> Result<i64> {
        let (kind, json, agents) = match rule {
            NewRule::Assignment(rule) => {
                let agents = match &rule.assign {
                    portal_core::routing::Assignee::Agent(agent) => vec![*agent],
                    portal_core::routing::Assignee::RoundRobin(group) => group.clone(),
                };
                ("assign", serde_json::to_string(rule), agents)
            }
            NewRule::Escalation(rule) => ("escalate", serde_json::to_string(rule), rule.reassign.into_iter().collect()),
        };
        let json = json.map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let known: HashSet<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM agents WHERE workspace_id = $1")
            .bind(workspace.0)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
        if let Some(stranger) = agents.iter().find(|agent: &&AgentId| !known.contains(&agent.0)) {
            return Err(StoreError::Invalid(format!("no account {} in this workspace", stranger.0)));
        }
        let count =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM routing_rules WHERE workspace_id = $1 AND kind = $2")
                .bind(workspace.0)
                .bind(kind)
                .fetch_one(&mut *tx)
                .await?;
        if count >= i64::try_from(portal_core::routing::MAX_RULES).unwrap_or(i64::MAX) {
            return Err(StoreError::Invalid(format!("at most {} rules of each kind", portal_core::routing::MAX_RULES)));
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO routing_rules (workspace_id, kind, position, rule, created_at) \
             SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4 FROM routing_rules WHERE workspace_id = $1 AND kind = $2 \
             RETURNING id",
        )
        .bind(workspace.0)
        .bind(kind)
        .bind(json)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_business_hours(&self, workspace: WorkspaceId, hours: Option<&BusinessHours>) -> Result<()> {
        let json = hours.map(serde_json::to_string).transpose().map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query_scalar::<_, i64>("UPDATE workspaces SET business_hours = $2 WHERE id = $1 RETURNING id")
            .bind(workspace.0)
            .bind(json.as_deref())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
            .map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn remove_rule(&self, workspace: WorkspaceId, id: i64) -> Result<bool> {
        let gone =
            sqlx::query_scalar::<_, i64>("DELETE FROM routing_rules WHERE workspace_id = $1 AND id = $2 RETURNING id")
                .bind(workspace.0)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(gone.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn move_rule_up(&self, workspace: WorkspaceId, id: i64) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let (kind, position) = sqlx::query_as::<_, (String, i64)>(
            "SELECT kind, position FROM routing_rules WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let above = sqlx::query_as::<_, (i64, i64)>(
            "SELECT id, position FROM routing_rules WHERE workspace_id = $1 AND kind = $2 AND position < $3 \
             ORDER BY position DESC LIMIT 1",
        )
        .bind(workspace.0)
        .bind(&kind)
        .bind(position)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((other, other_position)) = above {
            for (rule, at) in [(id, other_position), (other, position)] {
                sqlx::query("UPDATE routing_rules SET position = $2 WHERE id = $1")
                    .bind(rule)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn escalate_due(&self, now: Millis) -> Result<Vec<Escalated>> {
        let rows = sqlx::query_as::<_, RuleRow>(&format!(
            "SELECT {RULE_COLUMNS} FROM routing_rules WHERE kind = 'escalate' ORDER BY workspace_id, position, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut fired = Vec::new();
        let mut hours: HashMap<i64, Option<BusinessHours>> = HashMap::new();
        for row in &rows {
            let rule: EscalationRule = parse(row)?;
            let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
            let Ok(company) = Self::rule_company(&mut tx, row.workspace_id, &rule).await? else { continue };
            if let std::collections::hash_map::Entry::Vacant(entry) = hours.entry(row.workspace_id) {
                entry.insert(Self::business_hours_of(&mut tx, row.workspace_id).await?);
            }
            let hours = hours[&row.workspace_id].as_ref();
            let due =
                Self::due_tickets(&mut tx, row.workspace_id, Some(row.id), &rule, company, hours, now, SWEEP_BATCH)
                    .await?;
            // The insert claims each ticket for this rule once, across instances.
            let mut tickets = Vec::new();
            for (ticket, number, _) in due {
                let claimed = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO ticket_escalations (workspace_id, ticket_id, rule_id, escalated_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (ticket_id, rule_id) DO NOTHING RETURNING ticket_id",
                )
                .bind(row.workspace_id)
                .bind(ticket)
                .bind(row.id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                if claimed.is_some() {
                    tickets.push((ticket, number));
                }
            }
            for (ticket, number) in &tickets {
                if rule.mark {
                    sqlx::query("UPDATE tickets SET escalated_at = COALESCE(escalated_at, $2) WHERE id = $1")
                        .bind(ticket)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                }
                if let Some(agent) = rule.reassign {
                    sqlx::query(
                        "UPDATE tickets SET assignee_id = $2 WHERE id = $1 AND EXISTS \
                         (SELECT 1 FROM agents a WHERE a.id = $2 AND a.workspace_id = tickets.workspace_id AND a.paused_at IS NULL)",
                    )
                    .bind(ticket)
                    .bind(agent.0)
                    .execute(&mut *tx)
                    .await?;
                }
                if rule.post_to_slack {
                    sqlx::query(
                        "INSERT INTO slack_posts (workspace_id, ticket_id, kind, detail, created_at, due_at) \
                         SELECT c.workspace_id, $2, 'escalated', $3, $4, $4 FROM slack_connections c \
                         WHERE c.workspace_id = $1 AND c.channel_id <> ''",
                    )
                    .bind(row.workspace_id)
                    .bind(ticket)
                    .bind(&rule.name)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                fired.push(Escalated {
                    workspace_id: WorkspaceId(row.workspace_id),
                    ticket_number: TicketNumber(*number),
                    rule: rule.name.clone(),
                });
            }
            tx.commit().await?;
        }
        Ok(fired)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn preview_filter(
        &self,
        workspace: WorkspaceId,
        filter: &TicketFilter,
        limit: u32,
    ) -> Result<Vec<(TicketNumber, String)>> {
        let rows = sqlx::query_as::<_, PreviewRow>(
            "SELECT t.number, t.title, t.ticket_type, t.channel, co.key AS company, t.creator_id, c.email, c.attributes \
             FROM tickets t JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
             LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id \
             WHERE t.workspace_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT $2",
        )
        .bind(workspace.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut conn = self.pool.acquire().await?;
        let mut matched = Vec::new();
        for row in rows {
            let attributes = customer_attributes(row.creator_id, &row.attributes)?;
            let creator = CustomerId(row.creator_id);
            let companies = Self::memberships(&mut conn, workspace, Ruled::One(creator))
                .await?
                .remove(&creator.0)
                .unwrap_or_default();
            let facts = TicketFacts {
                ticket_type: row.ticket_type.as_deref(),
                company: row.company.as_deref(),
                channel: &row.channel,
                customer: CustomerFacts { email: &row.email, attributes: &attributes, companies: &companies },
            };
            if filter.matches(&facts) {
                matched.push((TicketNumber(row.number), row.title));
            }
        }
        Ok(matched)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn preview_escalation(
        &self,
        workspace: WorkspaceId,
        rule: &EscalationRule,
        now: Millis,
        limit: u32,
    ) -> Result<Vec<(TicketNumber, String)>> {
        let mut conn = self.pool.acquire().await?;
        let Ok(company) = Self::rule_company(&mut conn, workspace.0, rule).await? else { return Ok(Vec::new()) };
        let hours = Self::business_hours_of(&mut conn, workspace.0).await?;
        let limit = i64::from(limit);
        let rows = Self::due_tickets(&mut conn, workspace.0, None, rule, company, hours.as_ref(), now, limit).await?;
        Ok(rows.into_iter().map(|(_, number, title)| (TicketNumber(number), title)).collect())
    }
}
