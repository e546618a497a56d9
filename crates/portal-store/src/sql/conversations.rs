//! The SQL implementation of [`ConversationStore`]: the customer's side.

#[cfg(doc)]
use super::Dialect;
use super::messages::{
    AttachmentRow, MessageRecord, NewMessage, attachment_columns, attachment_from_row, parse_author_kind,
};
use super::rules::WorkspaceRules;
use super::search;
use super::shared::{LIST_LIMIT_MAX, LIST_LIMIT_MIN, shown_attributes_from_json};
use super::tickets::{
    NewEvent, OneTicket, TicketRecord, TicketRow, parse_status, ticket_columns, ticket_from_row, ticket_wake,
    visible_tickets, visible_to_customer,
};
use super::{SqlStore, sql_impl};
use crate::{ConversationStore, CustomerReply, CustomerTicket, ReplyOutcome, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::conversation::{EventKind, PortalEvent};
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::{
    AttachmentId, AttachmentInfo, AttachmentLimits, AuthorKind, CustomerId, CustomerScope, Millis, TicketCounts,
    TicketDetail, TicketForm, TicketNumber, TicketStatus, TicketSummary, WorkspaceId,
};
use tracing::instrument;

/// The channel of tickets customers open in the portal.
const CHANNEL_PORTAL: &str = "portal";

#[derive(sqlx::FromRow)]
struct CountsRow {
    open: i64,
    awaiting: i64,
}

/// A row of a customer's ticket list.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    number: i64,
    title: String,
    status: String,
    updated_at: Millis,
}

/// Who wrote a customer's reply.
#[derive(sqlx::FromRow)]
struct Author {
    name: String,
    email: String,
}

/// An event with its ticket's number and, for a message's event, the
/// message (absent when it is not one).
#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    ticket_number: i64,
    status: Option<String>,
    message_id: Option<i64>,
    message_author_kind: Option<String>,
    message_author_name: Option<String>,
    message_body: Option<String>,
    message_internal: Option<bool>,
    message_created_at: Option<Millis>,
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The tickets the scope may see (or, `own_only`, those its customer
    /// opened), most recently updated first.
    async fn ticket_list(&self, scope: &CustomerScope, own_only: bool, limit: u32) -> Result<Vec<TicketSummary>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let rows = sqlx::query_as::<_, SummaryRow>(concat!(
            "SELECT t.number, t.title, t.status, t.updated_at FROM ",
            visible_tickets!(),
            " WHERE (NOT $4 OR t.creator_id = $2) ORDER BY t.updated_at DESC, t.number DESC LIMIT $3"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(limit)
        .bind(own_only)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|SummaryRow { number, title, status, updated_at }| {
                Ok(TicketSummary {
                    number: TicketNumber(number),
                    title,
                    status: parse_status(number, &status)?,
                    updated_at,
                })
            })
            .collect()
    }

    /// The [`TicketCounts`] of what `customer` may see under the visibility
    /// rule: the one query behind the frame's badge and the REST counts.
    pub(super) async fn counts_for(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<TicketCounts> {
        let CountsRow { open, awaiting } = sqlx::query_as::<_, CountsRow>(concat!(
            "SELECT COUNT(*) AS open, COALESCE(SUM(CASE WHEN (SELECT m.author_kind FROM messages m \
             WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND NOT m.is_internal \
             ORDER BY m.created_at DESC, m.id DESC LIMIT 1) = 'agent' THEN 1 ELSE 0 END), 0) AS awaiting FROM ",
            visible_tickets!(),
            " WHERE t.status <> 'closed'"
        ))
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_one(&self.pool)
        .await?;
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(TicketCounts { awaiting_customer: count(awaiting), open: count(open) })
    }

    /// The ticket numbered `number`, if the scope may see it.
    pub(super) async fn customer_ticket(
        conn: &mut DB::Connection,
        scope: &CustomerScope,
        number: TicketNumber,
    ) -> Result<Option<TicketRecord>> {
        sqlx::query_as::<_, TicketRow>(concat!(
            "SELECT ",
            ticket_columns!(),
            " FROM tickets t WHERE ",
            visible_to_customer!(),
            " AND t.number = $3"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(number.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(ticket_from_row)
        .transpose()
    }

    /// Reopens `ticket` if it is closed, with its `ticket.status` event, and
    /// says whether it did; fails with [`StoreError::TicketClosed`] when the
    /// workspace does not allow it. Callers hold [`Dialect::LOCK_WORKSPACE`].
    pub(super) async fn reopen_if_closed(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        rules: &WorkspaceRules,
        ticket: &TicketRecord,
        now: Millis,
    ) -> Result<bool> {
        if ticket.status != TicketStatus::Closed {
            return Ok(false);
        }
        if !rules.reopen_allowed {
            return Err(StoreError::TicketClosed);
        }
        Self::update_ticket(conn, workspace, ticket, TicketStatus::Open, ticket.ticket_type.as_deref(), now).await?;
        let event = NewEvent {
            workspace,
            ticket_id: ticket.id,
            customer: ticket.creator,
            kind: EventKind::TicketStatus,
            message_id: None,
            status: Some(TicketStatus::Open),
            now,
        };
        Self::insert_event(conn, &event).await?;
        Ok(true)
    }

    /// Attaches the scope's waiting uploads `ids` to a ticket (and to one of
    /// its messages, or to the ticket itself when `message_id` is None).
    /// Anything but the scope's own unsent uploads, within the workspace's
    /// count, fails the whole transaction.
    async fn claim_uploads(
        conn: &mut DB::Connection,
        scope: &CustomerScope,
        limits: &AttachmentLimits,
        ticket_id: i64,
        message_id: Option<i64>,
        ids: &[AttachmentId],
    ) -> Result<()> {
        limits.check_count(ids.len()).map_err(|e| StoreError::Invalid(e.to_string()))?;
        for (n, id) in ids.iter().enumerate() {
            if ids[..n].contains(id) {
                return Err(StoreError::Invalid(format!("file {id} is attached twice")));
            }
            let claimed = sqlx::query_scalar::<_, i64>(
                "UPDATE attachments SET ticket_id = $4, message_id = $5 \
                 WHERE workspace_id = $1 AND uploader_id = $2 AND id = $3 AND ticket_id IS NULL RETURNING id",
            )
            .bind(scope.workspace_id().0)
            .bind(scope.customer_id().0)
            .bind(id.0)
            .bind(ticket_id)
            .bind(message_id)
            .fetch_optional(&mut *conn)
            .await?;
            if claimed.is_none() {
                return Err(StoreError::Invalid(format!("file {id} is not one of your uploads waiting to be sent")));
            }
        }
        Ok(())
    }

    /// The files of one message, oldest first.
    async fn message_files(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        message_id: i64,
    ) -> Result<Vec<AttachmentInfo>> {
        sqlx::query_as::<_, AttachmentRow>(concat!(
            "SELECT ",
            attachment_columns!(),
            " FROM attachments a WHERE a.workspace_id = $1 AND a.message_id = $2 ORDER BY a.id"
        ))
        .bind(workspace.0)
        .bind(message_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(attachment_from_row)
        .collect()
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> ConversationStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>> {
        self.ticket_list(scope, false, limit).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn ticket_counts(&self, scope: &CustomerScope) -> Result<TicketCounts> {
        self.counts_for(scope.workspace_id(), scope.customer_id()).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn list_own_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>> {
        self.ticket_list(scope, true, limit).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn find_tickets(&self, scope: &CustomerScope, query: &ListQuery, previews: bool) -> Result<TicketPage> {
        self.find(search::Finder::Customer(scope), query, previews).await.map(|(page, _)| page)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn ticket_detail(&self, scope: &CustomerScope, number: TicketNumber) -> Result<Option<TicketDetail>> {
        let mut conn = self.pool.acquire().await?;
        let Some(ticket) = Self::customer_ticket(&mut conn, scope, number).await? else {
            return Ok(None);
        };
        let taking_part = Self::takes_part(&mut conn, scope.workspace_id(), &ticket, scope.customer_id()).await?;
        let (records, attachments) = Self::conversation(&mut conn, scope.workspace_id(), ticket.id, false).await?;
        // `public` drops internal notes again, whatever the query said.
        let messages = records.into_iter().filter_map(MessageRecord::public).collect();
        let (shown, form) =
            sqlx::query_as::<_, (String, String)>("SELECT shown_attributes, ticket_form FROM workspaces WHERE id = $1")
                .bind(scope.workspace_id().0)
                .fetch_one(&mut *conn)
                .await?;
        let corrupt = |what: &str, e: String| {
            StoreError::Corrupt(format!("workspace {}: stored {what}: {e}", scope.workspace_id()))
        };
        let mut shown = shown_attributes_from_json(&shown).map_err(|e| corrupt("shown attributes", e.to_string()))?;
        // What the customer filled in on the form is theirs to read too.
        let form: TicketForm = serde_json::from_str(&form).map_err(|e| corrupt("ticket form", e.to_string()))?;
        for field in form.as_shown() {
            if !shown.iter().any(|s| s.key == field.key) {
                shown.push(field);
            }
        }
        Ok(Some(TicketDetail {
            number: ticket.number,
            title: ticket.title,
            description: ticket.description,
            status: ticket.status,
            channel: ticket.channel,
            ticket_type: ticket.ticket_type,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            attributes: ticket.attributes.shown(&shown),
            attachments,
            messages,
            taking_part,
        }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_reply(
        &self,
        scope: &CustomerScope,
        number: TicketNumber,
        reply: &CustomerReply<'_>,
        now: Millis,
    ) -> Result<ReplyOutcome> {
        let CustomerReply { body, key, attachments } = *reply;
        let workspace = scope.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::customer_ticket(&mut tx, scope, number).await?.ok_or(StoreError::NotFound)?;
        // Seeing a company's ticket is not taking part in it.
        if !Self::takes_part(&mut tx, workspace, &ticket, scope.customer_id()).await? {
            return Err(StoreError::NotParticipant);
        }
        let first = Self::message_by_key(&mut tx, workspace, Some(scope.customer_id()), key.as_str()).await?;
        if let Some((ticket_id, mut first)) = first {
            // A retry sends the same text to the same ticket; anything else reuses the key.
            if ticket_id != ticket.id || first.body != body.as_str() {
                return Err(StoreError::KeyReused);
            }
            first.attachments = Self::message_files(&mut tx, workspace, first.id).await?;
            let message = first.public().ok_or(StoreError::KeyReused)?;
            return Ok(ReplyOutcome { message, duplicate: true, reopened: false });
        }
        let reopened = Self::reopen_if_closed(&mut tx, workspace, &rules, &ticket, now).await?;
        let Author { name, email } =
            sqlx::query_as::<_, Author>("SELECT name, email FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind(workspace.0)
                .bind(scope.customer_id().0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let author_name = if name.trim().is_empty() { email } else { name };
        let new = NewMessage {
            workspace,
            ticket_id: ticket.id,
            author_kind: AuthorKind::Customer,
            author_customer: Some(scope.customer_id()),
            author_name: &author_name,
            body: body.as_str(),
            internal: false,
            key: Some(key.as_str()),
            now,
        };
        let mut message = Self::insert_message(&mut tx, &new).await?;
        Self::claim_uploads(&mut tx, scope, &rules.attachment_limits, ticket.id, Some(message.id), attachments).await?;
        message.attachments = Self::message_files(&mut tx, workspace, message.id).await?;
        let status = if reopened { TicketStatus::Open } else { ticket.status };
        Self::public_message_written(&mut tx, workspace, &ticket, status, message.id, now).await?;
        self.commit_events(tx, ticket.wake(workspace)).await?;
        let message = message.public().ok_or_else(|| StoreError::Corrupt("a customer reply is public".into()))?;
        Ok(ReplyOutcome { message, duplicate: false, reopened })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn reopen_ticket(&self, scope: &CustomerScope, number: TicketNumber, now: Millis) -> Result<()> {
        let workspace = scope.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::customer_ticket(&mut tx, scope, number).await?.ok_or(StoreError::NotFound)?;
        if !Self::takes_part(&mut tx, workspace, &ticket, scope.customer_id()).await? {
            return Err(StoreError::NotParticipant);
        }
        if Self::reopen_if_closed(&mut tx, workspace, &rules, &ticket, now).await? {
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_create_ticket(
        &self,
        scope: &CustomerScope,
        ticket: &CustomerTicket<'_>,
        now: Millis,
    ) -> Result<TicketSummary> {
        let CustomerTicket { title, description, ticket_type, company, attributes, attachments } = *ticket;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, scope.workspace_id()).await?;
        let memberships = sqlx::query_as::<_, (i64, String)>(
            "SELECT c.id, c.key FROM company_members m \
             JOIN companies c ON c.workspace_id = m.workspace_id AND c.id = m.company_id \
             WHERE m.workspace_id = $1 AND m.customer_id = $2",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_all(&mut *tx)
        .await?;
        let company_id = match (company, memberships.as_slice()) {
            (Some(key), _) => Some(
                memberships
                    .iter()
                    .find(|(_, k)| k == key.as_str())
                    .map(|(id, _)| *id)
                    .ok_or_else(|| StoreError::Invalid("the customer is not a member of that company".into()))?,
            ),
            (None, [(only, _)]) => Some(*only),
            (None, _) => None,
        };
        let new = OneTicket {
            workspace: scope.workspace_id(),
            creator: scope.customer_id(),
            title: title.as_str(),
            description: description.as_str(),
            channel: CHANNEL_PORTAL,
            ticket_type: rules.check_type(ticket_type)?,
            attributes,
            company_id,
            now,
        };
        let (ticket_id, number) = Self::insert_one_ticket(&mut tx, &new).await?;
        Self::claim_uploads(&mut tx, scope, &rules.attachment_limits, ticket_id, None, attachments).await?;
        // A company's ticket reaches its other members' lists live too.
        self.commit_events(tx, ticket_wake(scope.workspace_id(), scope.customer_id(), company_id)).await?;
        Ok(TicketSummary { number, title: title.as_str().to_string(), status: TicketStatus::Open, updated_at: now })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn events_since(&self, scope: &CustomerScope, after_id: i64, limit: u32) -> Result<Vec<PortalEvent>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query_as::<_, EventRow>(concat!(
            "SELECT e.id, e.kind, t.number AS ticket_number, e.status, m.id AS message_id, \
             m.author_kind AS message_author_kind, m.author_name AS message_author_name, m.body AS message_body, \
             m.is_internal AS message_internal, m.created_at AS message_created_at \
             FROM events e \
             JOIN tickets t ON t.workspace_id = e.workspace_id AND t.id = e.ticket_id \
             LEFT JOIN messages m ON m.workspace_id = e.workspace_id AND m.id = e.message_id \
             WHERE e.workspace_id = $1 AND ",
            visible_to_customer!(),
            " AND e.id > $3 AND (e.message_id IS NULL OR NOT m.is_internal) \
             ORDER BY e.id LIMIT $4"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let EventRow {
                id,
                kind,
                ticket_number,
                status,
                message_id: m_id,
                message_author_kind: m_kind,
                message_author_name: m_name,
                message_body: m_body,
                message_internal: m_internal,
                message_created_at: m_at,
            } = row;
            let kind = EventKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("event {id}: stored kind {kind:?} is unknown")))?;
            let status = status.map(|s| parse_status(ticket_number, &s)).transpose()?;
            let message = match (m_id, m_kind, m_name, m_body, m_internal, m_at) {
                (Some(m_id), Some(m_kind), Some(author_name), Some(body), Some(internal), Some(created_at)) => {
                    let mut record = MessageRecord {
                        id: m_id,
                        author_kind: parse_author_kind(m_id, &m_kind)?,
                        author_name,
                        body,
                        internal,
                        created_at,
                        attachments: Vec::new(),
                    };
                    if !record.internal {
                        record.attachments = Self::message_files(&mut conn, scope.workspace_id(), m_id).await?;
                    }
                    match record.public() {
                        Some(message) => Some(message),
                        // Never sent: an internal note has no public form.
                        None => continue,
                    }
                }
                _ => None,
            };
            events.push(PortalEvent { id, kind, ticket_number: TicketNumber(ticket_number), message, status });
        }
        Ok(events)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn latest_event_id(&self, workspace: WorkspaceId) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) FROM events WHERE workspace_id = $1")
            .bind(workspace.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(id)
    }
}
