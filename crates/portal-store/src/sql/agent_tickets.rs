//! The SQL implementation of [`AgentTicketStore`]: the agents' side.

use super::messages::{MessageRecord, NewMessage};
use super::search;
use super::shared::{LIST_LIMIT_MAX, LIST_LIMIT_MIN, attributes_to_json, stored_company_key};
use super::statement;
use super::tickets::{
    NewEvent, OneTicket, TicketRecord, TicketRow, parse_status, ticket_columns, ticket_from_row, ticket_wake,
};
use super::{SqlStore, sql_impl};
use crate::{
    AgentNewTicket, AgentPost, AgentPostOutcome, AgentTicket, AgentTicketStore, AgentTicketSummary, Customer,
    InboxFacts, InboxFilter, InboxPage, Result, StoreError,
};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::AgentScope;
use portal_core::conversation::EventKind;
use portal_core::listing::ListQuery;
use portal_core::{
    AgentId, AuthorKind, CompanyKey, CustomerId, CustomerName, IdempotencyKey, Millis, TicketAttributes, TicketNumber,
    TicketStatus, WorkspaceId,
};
use std::collections::HashMap;
use tracing::instrument;

/// The columns [`agent_summary_from_row`] reads, from tickets as `t`
/// joined with their creator as `c` and their company, if any, as `co`.
macro_rules! agent_summary_select {
    () => {
        "SELECT t.number, t.title, t.status, t.ticket_type, c.id AS customer_id, c.email AS customer_email, \
         c.name AS customer_name, co.key AS company, t.created_at, t.updated_at \
         FROM tickets t JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
         LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id "
    };
}

#[derive(sqlx::FromRow)]
struct AgentSummaryRow {
    number: i64,
    title: String,
    status: String,
    ticket_type: Option<String>,
    customer_id: i64,
    customer_email: String,
    customer_name: String,
    company: Option<String>,
    created_at: Millis,
    updated_at: Millis,
}

/// A ticket's creator, and its company if any.
#[derive(sqlx::FromRow)]
struct CreatorRow {
    email: String,
    name: String,
    in_audience: bool,
    disabled: bool,
    company: Option<String>,
}

/// A customer an agent's ticket is for, as found or created.
#[derive(sqlx::FromRow)]
struct UpsertedCustomer {
    id: i64,
    email: String,
    name: String,
}

/// What an inbox row adds, for the ticket `id`.
#[derive(sqlx::FromRow)]
struct FactsRow {
    id: i64,
    creator_email: String,
    assignee_id: Option<i64>,
    company: Option<String>,
    escalated: bool,
}

fn agent_summary_from_row(row: AgentSummaryRow) -> Result<AgentTicketSummary> {
    let AgentSummaryRow {
        number,
        title,
        status,
        ticket_type,
        customer_id,
        customer_email,
        customer_name,
        company,
        created_at,
        updated_at,
    } = row;
    Ok(AgentTicketSummary {
        number: TicketNumber(number),
        title,
        status: parse_status(number, &status)?,
        ticket_type,
        customer_id: CustomerId(customer_id),
        customer_email,
        customer_name,
        company: company.as_deref().map(stored_company_key).transpose()?,
        created_at,
        updated_at,
    })
}

/// The name shown on an agent's message: a [`CustomerName`] that is not empty.
fn checked_agent_name(raw: &str) -> Result<String> {
    match CustomerName::parse(raw) {
        Ok(name) if !name.as_str().is_empty() => Ok(String::from(name)),
        Ok(_) => Err(StoreError::Invalid("the author name must not be empty".into())),
        Err(e) => Err(StoreError::Invalid(format!("the author name: {e}"))),
    }
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The workspace's ticket numbered `number`.
    pub(super) async fn workspace_ticket(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        number: TicketNumber,
    ) -> Result<Option<TicketRecord>> {
        sqlx::query_as::<_, TicketRow>(concat!(
            "SELECT ",
            ticket_columns!(),
            " FROM tickets t WHERE t.workspace_id = $1 AND t.number = $2"
        ))
        .bind(workspace.0)
        .bind(number.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(ticket_from_row)
        .transpose()
    }

    /// [`SqlStore::company_id`] of a key that may be absent.
    async fn optional_company_id(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        key: Option<&CompanyKey>,
    ) -> Result<Option<i64>> {
        match key {
            Some(key) => Ok(Some(Self::company_id(conn, workspace, key).await?)),
            None => Ok(None),
        }
    }

    /// Puts `ticket` in the company `company_id`, or in none; moves no
    /// `updated_at` and writes no event.
    async fn set_company(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        company_id: Option<i64>,
    ) -> Result<()> {
        sqlx::query("UPDATE tickets SET company_id = $3 WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.0)
            .bind(ticket.id)
            .bind(company_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    async fn agent_summary(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        number: TicketNumber,
    ) -> Result<Option<AgentTicketSummary>> {
        sqlx::query_as::<_, AgentSummaryRow>(concat!(
            agent_summary_select!(),
            "WHERE t.workspace_id = $1 AND t.number = $2"
        ))
        .bind(workspace.0)
        .bind(number.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(agent_summary_from_row)
        .transpose()
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> AgentTicketStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_list_tickets(&self, agent: &AgentScope, limit: u32) -> Result<Vec<AgentTicketSummary>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        sqlx::query_as::<_, AgentSummaryRow>(concat!(
            agent_summary_select!(),
            "WHERE t.workspace_id = $1 ORDER BY t.updated_at DESC, t.number DESC LIMIT $2"
        ))
        .bind(agent.workspace_id().0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(agent_summary_from_row)
        .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_ticket(&self, agent: &AgentScope, number: TicketNumber) -> Result<Option<AgentTicket>> {
        let workspace = agent.workspace_id();
        let mut conn = self.pool.acquire().await?;
        let Some(ticket) = Self::workspace_ticket(&mut conn, workspace, number).await? else {
            return Ok(None);
        };
        let CreatorRow { email, name, in_audience, disabled, company } = sqlx::query_as::<_, CreatorRow>(
            "SELECT c.email, c.name, c.in_audience, c.disabled_at IS NOT NULL AS disabled, co.key AS company \
             FROM tickets t \
             JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
             LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id \
             WHERE t.workspace_id = $1 AND t.id = $2",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .fetch_one(&mut *conn)
        .await?;
        let (records, attachments) = Self::conversation(&mut conn, workspace, ticket.id, true).await?;
        let messages = records.into_iter().map(MessageRecord::agent).collect();
        Ok(Some(AgentTicket {
            number: ticket.number,
            title: ticket.title,
            description: ticket.description,
            status: ticket.status,
            channel: ticket.channel,
            ticket_type: ticket.ticket_type,
            customer: Customer { id: ticket.creator, workspace_id: workspace, email, name, in_audience, disabled },
            company: company.as_deref().map(stored_company_key).transpose()?,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            attributes: ticket.attributes,
            attachments,
            messages,
        }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_create_ticket(
        &self,
        agent: &AgentScope,
        new: &AgentNewTicket,
        now: Millis,
    ) -> Result<AgentTicketSummary> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket_type = rules.check_type(new.ticket_type.as_deref())?;
        let company_id = Self::optional_company_id(&mut tx, workspace, new.company.as_ref()).await?;
        // As `upsert_customer`, except that an empty name keeps the one known.
        let UpsertedCustomer { id: customer_id, email: customer_email, name: customer_name } =
            sqlx::query_as::<_, UpsertedCustomer>(
                "INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) \
                 ON CONFLICT (workspace_id, email_key) DO UPDATE \
                 SET name = CASE WHEN excluded.name = '' THEN customers.name ELSE excluded.name END, \
                 updated_at = CASE WHEN excluded.name = '' OR excluded.name = customers.name \
                 THEN customers.updated_at ELSE excluded.updated_at END \
                 RETURNING id, email, name",
            )
            .bind(workspace.0)
            .bind(new.customer_email.as_str())
            .bind(new.customer_email.key().as_str())
            .bind(new.customer_name.as_str())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        let one = OneTicket {
            workspace,
            creator: CustomerId(customer_id),
            title: new.title.as_str(),
            description: new.description.as_str(),
            channel: new.channel.as_str(),
            ticket_type,
            attributes: &new.attributes,
            company_id,
            now,
        };
        let (ticket_id, number) = Self::insert_one_ticket(&mut tx, &one).await?;
        if let Some(key) = &new.mail_key {
            sqlx::query("INSERT INTO mail_tickets (workspace_id, mail_key, ticket_id) VALUES ($1, $2, $3)")
                .bind(workspace.0)
                .bind(key.as_str())
                .bind(ticket_id)
                .execute(&mut *tx)
                .await?;
        }
        self.commit_events(tx, ticket_wake(workspace, CustomerId(customer_id), company_id)).await?;
        Ok(AgentTicketSummary {
            number,
            title: new.title.as_str().to_string(),
            status: TicketStatus::Open,
            ticket_type: ticket_type.map(str::to_string),
            customer_id: CustomerId(customer_id),
            customer_email,
            customer_name,
            company: new.company.clone(),
            created_at: now,
            updated_at: now,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_post_message(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        post: &AgentPost,
        now: Millis,
    ) -> Result<AgentPostOutcome> {
        let workspace = agent.workspace_id();
        let author_name = checked_agent_name(&post.author_name)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::workspace_ticket(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        if let Some(key) = &post.key
            && let Some((ticket_id, first)) = Self::message_by_key(&mut tx, workspace, None, key.as_str()).await?
        {
            if ticket_id != ticket.id || first.body != post.body.as_str() || first.internal != post.internal {
                return Err(StoreError::KeyReused);
            }
            return Ok(AgentPostOutcome { message: first.agent(), duplicate: true });
        }
        let new = NewMessage {
            workspace,
            ticket_id: ticket.id,
            author_kind: AuthorKind::Agent,
            author_customer: None,
            author_name: &author_name,
            body: post.body.as_str(),
            internal: post.internal,
            key: post.key.as_ref().map(IdempotencyKey::as_str),
            now,
        };
        let message = Self::insert_message(&mut tx, &new).await?;
        // An internal note leaves no trace the customer could see: not even
        // the ticket's `updated_at` moves.
        if !post.internal {
            Self::public_message_written(&mut tx, workspace, &ticket, ticket.status, message.id, now).await?;
            // Its mail, in the same transaction: never one without the other.
            Self::enqueue_mail(&mut tx, workspace, message.id, ticket.creator, now).await?;
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(AgentPostOutcome { message: message.agent(), duplicate: false })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_ticket_attributes(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        attributes: &TicketAttributes,
    ) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE tickets SET attributes = $3 WHERE workspace_id = $1 AND number = $2 RETURNING id",
        )
        .bind(agent.workspace_id().0)
        .bind(number.0)
        .bind(attributes_to_json(attributes)?.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_update_ticket(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        status: Option<TicketStatus>,
        ticket_type: Option<&str>,
        company: Option<Option<&CompanyKey>>,
        now: Millis,
    ) -> Result<AgentTicketSummary> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let mut ticket = Self::workspace_ticket(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        let ticket_type = rules.check_type(ticket_type)?;
        let new_company = match company {
            Some(key) => Self::optional_company_id(&mut tx, workspace, key).await?,
            None => ticket.company_id,
        };
        // Everything is checked: from here on the change is written whole.
        if new_company != ticket.company_id {
            Self::set_company(&mut tx, workspace, &ticket, new_company).await?;
            ticket.company_id = new_company;
        }
        let new_status = status.unwrap_or(ticket.status);
        let new_type = ticket_type.or(ticket.ticket_type.as_deref());
        let status_changed = new_status != ticket.status;
        if status_changed || new_type != ticket.ticket_type.as_deref() {
            Self::update_ticket(&mut tx, workspace, &ticket, new_status, new_type, now).await?;
        }
        if status_changed {
            let event = NewEvent {
                workspace,
                ticket_id: ticket.id,
                customer: ticket.creator,
                kind: EventKind::TicketStatus,
                message_id: None,
                status: Some(new_status),
                now,
            };
            Self::insert_event(&mut tx, &event).await?;
        }
        let summary = Self::agent_summary(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        if status_changed {
            // `ticket` is as changed: the event concerns its new company's
            // members, or its creator alone.
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(summary)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn find_inbox(&self, agent: &AgentScope, query: &ListQuery, filter: &InboxFilter) -> Result<InboxPage> {
        // `Finder::Agent` has no "created by me": the query's tab is ignored.
        let (page, ids) = self.find(search::Finder::Agent(agent, filter), query, true).await?;
        if ids.is_empty() {
            return Ok(InboxPage { page, facts: Vec::new() });
        }
        let mut s = statement::Statement::default();
        s.with(
            "SELECT t.id, c.email AS creator_email, t.assignee_id, co.key AS company, \
             t.escalated_at IS NOT NULL AS escalated FROM tickets t \
             JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
             LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id \
             WHERE t.workspace_id = {}",
            statement::Arg::Int(agent.workspace_id().0),
        );
        let placeholders: Vec<String> = ids.iter().map(|id| s.arg(statement::Arg::Int(*id))).collect();
        s.push(" AND t.id IN (").push(&placeholders.join(", ")).push(")");
        let rows = s.bind(sqlx::query_as::<DB, FactsRow>(&s.sql)).fetch_all(&self.pool).await?;
        let mut by_id: HashMap<i64, InboxFacts> = HashMap::new();
        for FactsRow { id, creator_email, assignee_id: assignee, company, escalated } in rows {
            let company = company.as_deref().map(stored_company_key).transpose()?;
            by_id.insert(id, InboxFacts { creator_email, assignee: assignee.map(AgentId), company, escalated });
        }
        let facts = ids.iter().filter_map(|id| by_id.remove(id)).collect();
        Ok(InboxPage { page, facts })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn assign_ticket(&self, agent: &AgentScope, number: TicketNumber, assignee: Option<AgentId>) -> Result<()> {
        let workspace = agent.workspace_id();
        if let Some(id) = assignee {
            let known = sqlx::query_scalar::<_, i64>("SELECT id FROM agents WHERE workspace_id = $1 AND id = $2")
                .bind(workspace.0)
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!("no account {} in this workspace", id.0)));
            }
        }
        sqlx::query_scalar::<_, i64>(
            "UPDATE tickets SET assignee_id = $3 WHERE workspace_id = $1 AND number = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(number.0)
        .bind(assignee.map(|a| a.0))
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn ticket_assignee(&self, agent: &AgentScope, number: TicketNumber) -> Result<Option<AgentId>> {
        let assignee = sqlx::query_scalar::<_, Option<i64>>(
            "SELECT assignee_id FROM tickets WHERE workspace_id = $1 AND number = $2",
        )
        .bind(agent.workspace_id().0)
        .bind(number.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(assignee.map(AgentId))
    }
}
