//! The SQL implementation of [`MailStore`].

use super::messages::NewMessage;
use super::{SqlStore, sql_impl};
use crate::{FailedMail, MailIn, MailInOutcome, MailStore, MailTokens, Notification, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::{
    AgentScope, AuthorKind, CustomerId, CustomerScope, IdempotencyKey, Millis, TicketNumber, TicketStatus, WorkspaceId,
};
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    attempts: i64,
    workspace_id: i64,
    slug: String,
    workspace_name: String,
    default_locale: String,
    brand_color: String,
    mail_from_name: String,
    mail_reply_to: String,
    site_page: String,
    customer_id: i64,
    email: String,
    customer_name: String,
    email_notifications: bool,
    number: i64,
    title: String,
    message_id: i64,
    author_name: String,
    body: String,
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// Writes the notification of an agent's public reply to the ticket's
    /// customer, unless they turned email off: inside the reply's own
    /// transaction.
    pub(super) async fn enqueue_mail(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        message_id: i64,
        customer: CustomerId,
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO outbox (workspace_id, message_id, customer_id, created_at, due_at) \
             SELECT $1, $2, c.id, $3, $3 FROM customers c \
             WHERE c.workspace_id = $1 AND c.id = $4 AND c.email_notifications",
        )
        .bind(workspace.0)
        .bind(message_id)
        .bind(now)
        .bind(customer.0)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> MailStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn claim_mail(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<Notification>> {
        // The outer conditions repeat the inner ones: on PostgreSQL a worker
        // that waited for another's row lock re-checks them against the row
        // as the other left it, and finds it claimed.
        let claimed = sqlx::query_scalar::<_, i64>(
            "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1 \
                 AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY id LIMIT $3) \
             AND sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING id",
        )
        .bind(now)
        .bind(now + hold)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut notifications = Vec::with_capacity(claimed.len());
        for id in claimed {
            let row = sqlx::query_as::<_, NotificationRow>(
                "SELECT o.id, o.attempts, o.workspace_id, w.slug, w.name AS workspace_name, \
                 COALESCE(c.mail_language, w.default_locale) AS default_locale, \
                 w.brand_color, w.mail_from_name, w.mail_reply_to, w.site_page, o.customer_id, c.email, c.name AS customer_name, c.email_notifications, t.number, t.title, \
                 m.id AS message_id, m.author_name, m.body \
                 FROM outbox o JOIN workspaces w ON w.id = o.workspace_id \
                 JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id \
                 JOIN messages m ON m.workspace_id = o.workspace_id AND m.id = o.message_id \
                 JOIN tickets t ON t.workspace_id = m.workspace_id AND t.id = m.ticket_id \
                 WHERE o.id = $1",
            )
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            match row {
                Some(row) if row.email_notifications => notifications.push(Notification {
                    id: row.id,
                    attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                    workspace_id: WorkspaceId(row.workspace_id),
                    workspace_slug: row.slug,
                    workspace_name: row.workspace_name,
                    language: row.default_locale,
                    brand_color: row.brand_color,
                    from_name: row.mail_from_name,
                    reply_to: row.mail_reply_to,
                    site_page: row.site_page,
                    customer_id: CustomerId(row.customer_id),
                    customer_email: row.email,
                    customer_name: row.customer_name,
                    ticket_number: TicketNumber(row.number),
                    ticket_title: row.title,
                    message_id: row.message_id,
                    author_name: row.author_name,
                    body: row.body,
                }),
                // Turned off since, or its reply is gone: nothing to send.
                _ => {
                    sqlx::query("DELETE FROM outbox WHERE id = $1").bind(id).execute(&self.pool).await?;
                }
            }
        }
        Ok(notifications)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_mail_tokens(&self, id: i64, tokens: &MailTokens<'_>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE outbox SET unsubscribe_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(tokens.unsubscribe)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO reply_tokens (token_hash, workspace_id, ticket_id, created_at) \
             SELECT $2, o.workspace_id, m.ticket_id, o.created_at FROM outbox o \
             JOIN messages m ON m.workspace_id = o.workspace_id AND m.id = o.message_id WHERE o.id = $1",
        )
        .bind(id)
        .bind(tokens.reply)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn reply_ticket(&self, workspace: WorkspaceId, reply_hash: &[u8]) -> Result<Option<TicketNumber>> {
        let number = sqlx::query_scalar::<_, i64>(
            "SELECT t.number FROM reply_tokens r \
             JOIN tickets t ON t.workspace_id = r.workspace_id AND t.id = r.ticket_id \
             WHERE r.workspace_id = $1 AND r.token_hash = $2",
        )
        .bind(workspace.0)
        .bind(reply_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(number.map(TicketNumber))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn mail_ticket(&self, workspace: WorkspaceId, mail_key: &IdempotencyKey) -> Result<Option<TicketNumber>> {
        let number = sqlx::query_scalar::<_, i64>(
            "SELECT t.number FROM mail_tickets m JOIN tickets t ON t.workspace_id = m.workspace_id AND t.id = m.ticket_id \
             WHERE m.workspace_id = $1 AND m.mail_key = $2",
        )
        .bind(workspace.0)
        .bind(mail_key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(number.map(TicketNumber))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn reply_mailbox(&self, reply_hash: &[u8]) -> Result<Option<portal_core::access::ActiveMailbox>> {
        let workspace = sqlx::query_scalar::<_, i64>("SELECT workspace_id FROM reply_tokens WHERE token_hash = $1")
            .bind(reply_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(workspace.map(|id| portal_core::access::ActiveMailbox { workspace_id: WorkspaceId(id) }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn mail_reply(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        mail: &MailIn,
        now: Millis,
    ) -> Result<MailInOutcome> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::workspace_ticket(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        let sender = sqlx::query_as::<_, (i64, String)>(
            "SELECT id, name FROM customers WHERE workspace_id = $1 AND email_key = $2 AND disabled_at IS NULL",
        )
        .bind(workspace.0)
        .bind(mail.sender.key())
        .fetch_optional(&mut *tx)
        .await?;
        let mut author = None;
        if let Some((id, name)) = sender
            && Self::takes_part(&mut tx, workspace, &ticket, CustomerId(id)).await?
            && (ticket.status != TicketStatus::Closed || rules.reopen_allowed)
        {
            author =
                Some((CustomerId(id), if name.trim().is_empty() { mail.sender.as_str().to_string() } else { name }));
        }
        if let Some((ticket_id, first)) =
            Self::message_by_key(&mut tx, workspace, author.as_ref().map(|(id, _)| *id), mail.key.as_str()).await?
        {
            if ticket_id != ticket.id {
                return Err(StoreError::KeyReused);
            }
            return Ok(MailInOutcome { message_id: first.id, public: !first.internal, duplicate: true });
        }
        // Anyone else's mail waits for an agent, under the name it gave.
        let note_author = match mail.sender_name.trim() {
            "" => mail.sender.as_str().to_string(),
            name => format!("{name} <{}>", mail.sender.as_str()),
        };
        let note_author: String = note_author.chars().take(200).collect();
        let new = NewMessage {
            workspace,
            ticket_id: ticket.id,
            author_kind: if author.is_some() { AuthorKind::Customer } else { AuthorKind::Agent },
            author_customer: author.as_ref().map(|(id, _)| *id),
            author_name: author.as_ref().map_or(note_author.as_str(), |(_, name)| name.as_str()),
            body: mail.body.as_str(),
            internal: author.is_none(),
            key: Some(mail.key.as_str()),
            now,
        };
        let message = Self::insert_message(&mut tx, &new).await?;
        if author.is_none() {
            tx.commit().await?;
            return Ok(MailInOutcome { message_id: message.id, public: false, duplicate: false });
        }
        let reopened = Self::reopen_if_closed(&mut tx, workspace, &rules, &ticket, now).await?;
        let status = if reopened { TicketStatus::Open } else { ticket.status };
        Self::public_message_written(&mut tx, workspace, &ticket, status, message.id, now).await?;
        self.commit_events(tx, ticket.wake(workspace)).await?;
        Ok(MailInOutcome { message_id: message.id, public: true, duplicate: false })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn mail_sent(&self, id: i64, now: Millis) -> Result<()> {
        sqlx::query("UPDATE outbox SET sent_at = $2, claimed_until = NULL, last_error = '' WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn mail_not_sent(&self, id: i64, now: Millis, error: &str, retry_at: Option<Millis>) -> Result<()> {
        let error: String = error.chars().take(500).collect();
        match retry_at {
            Some(at) => {
                sqlx::query("UPDATE outbox SET due_at = $2, claimed_until = NULL, last_error = $3 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .bind(error)
            }
            None => {
                sqlx::query("UPDATE outbox SET failed_at = $2, claimed_until = NULL, last_error = $3 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .bind(error)
            }
        }
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn unsubscribe(&self, workspace: WorkspaceId, token_hash: &[u8]) -> Result<bool> {
        let changed = sqlx::query_scalar::<_, i64>(
            "UPDATE customers SET email_notifications = FALSE WHERE workspace_id = $1 AND id = \
             (SELECT customer_id FROM outbox WHERE workspace_id = $1 AND unsubscribe_hash = $2) RETURNING id",
        )
        .bind(workspace.0)
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(changed.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn email_notifications(&self, scope: &CustomerScope) -> Result<bool> {
        let on = sqlx::query_scalar::<_, bool>(
            "SELECT email_notifications FROM customers WHERE workspace_id = $1 AND id = $2",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_optional(&self.pool)
        .await?;
        on.ok_or(crate::StoreError::NotFound)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_mail_language(&self, workspace: WorkspaceId, customer: CustomerId, tag: &str) -> Result<()> {
        sqlx::query("UPDATE customers SET mail_language = $3 WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.0)
            .bind(customer.0)
            .bind(tag)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_email_notifications(&self, scope: &CustomerScope, on: bool) -> Result<()> {
        sqlx::query("UPDATE customers SET email_notifications = $3 WHERE workspace_id = $1 AND id = $2")
            .bind(scope.workspace_id().0)
            .bind(scope.customer_id().0)
            .bind(on)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn failed_mail(&self, workspace: WorkspaceId, number: TicketNumber) -> Result<Vec<FailedMail>> {
        let rows = sqlx::query_as::<_, (i64, Millis, String)>(
            "SELECT o.message_id, o.failed_at, o.last_error FROM outbox o \
             JOIN messages m ON m.workspace_id = o.workspace_id AND m.id = o.message_id \
             JOIN tickets t ON t.workspace_id = m.workspace_id AND t.id = m.ticket_id \
             WHERE o.workspace_id = $1 AND t.number = $2 AND o.failed_at IS NOT NULL ORDER BY o.failed_at DESC",
        )
        .bind(workspace.0)
        .bind(number.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(message_id, failed_at, error)| FailedMail { message_id, failed_at, error }).collect())
    }
}
