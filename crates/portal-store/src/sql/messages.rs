//! Messages and their files as both sides read and write them: a message
//! row read back, found by its idempotency key or inserted, and a ticket's
//! conversation with the files of each message.

use super::{SqlStore, sql_impl};
use crate::{AgentMessage, Result, StoreError};
use macro_rules_attribute::apply;
use portal_core::{AttachmentId, AttachmentInfo, AuthorKind, CustomerId, Millis, PublicMessage, WorkspaceId};

/// The columns [`message_from_row`] reads, from messages.
macro_rules! message_columns {
    () => {
        "id, author_kind, author_name, body, is_internal, created_at"
    };
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    author_kind: String,
    author_name: String,
    body: String,
    is_internal: bool,
    created_at: Millis,
}

/// A [`MessageRow`] with its ticket's id.
#[derive(sqlx::FromRow)]
struct KeyedMessageRow {
    ticket_id: i64,
    #[sqlx(flatten)]
    message: MessageRow,
}

/// A message row, whoever may see it.
pub(super) struct MessageRecord {
    pub(super) id: i64,
    pub(super) author_kind: AuthorKind,
    pub(super) author_name: String,
    pub(super) body: String,
    pub(super) internal: bool,
    pub(super) created_at: Millis,
    /// Filled in by [`SqlStore::attach_files`] where the caller shows them.
    pub(super) attachments: Vec<AttachmentInfo>,
}

fn message_from_row(row: MessageRow) -> Result<MessageRecord> {
    let MessageRow { id, author_kind, author_name, body, is_internal: internal, created_at } = row;
    Ok(MessageRecord {
        id,
        author_kind: parse_author_kind(id, &author_kind)?,
        author_name,
        body,
        internal,
        created_at,
        attachments: Vec::new(),
    })
}

pub(super) fn parse_author_kind(message: i64, kind: &str) -> Result<AuthorKind> {
    AuthorKind::parse(kind)
        .ok_or_else(|| StoreError::Corrupt(format!("message {message}: stored author kind {kind:?} is unknown")))
}

impl MessageRecord {
    /// The customer's view of the message: none for an internal note. Every
    /// customer-facing message is built here.
    pub(super) fn public(self) -> Option<PublicMessage> {
        (!self.internal).then_some(PublicMessage {
            id: self.id,
            author_kind: self.author_kind,
            author_name: self.author_name,
            body: self.body,
            created_at: self.created_at,
            attachments: self.attachments,
        })
    }

    pub(super) fn agent(self) -> AgentMessage {
        AgentMessage {
            id: self.id,
            author_kind: self.author_kind,
            author_name: self.author_name,
            body: self.body,
            internal: self.internal,
            created_at: self.created_at,
            attachments: self.attachments,
        }
    }
}

/// A message to insert.
pub(super) struct NewMessage<'a> {
    pub(super) workspace: WorkspaceId,
    pub(super) ticket_id: i64,
    pub(super) author_kind: AuthorKind,
    pub(super) author_customer: Option<CustomerId>,
    pub(super) author_name: &'a str,
    pub(super) body: &'a str,
    pub(super) internal: bool,
    pub(super) key: Option<&'a str>,
    pub(super) now: Millis,
}

/// The columns [`attachment_from_row`] reads, from attachments as `a`.
macro_rules! attachment_columns {
    () => {
        "a.id, a.file_name, a.content_type, a.size_bytes"
    };
}
pub(super) use attachment_columns;

#[derive(sqlx::FromRow)]
pub(super) struct AttachmentRow {
    id: i64,
    file_name: String,
    content_type: String,
    size_bytes: i64,
}

/// An [`AttachmentRow`] with the message it was sent with, if any.
#[derive(sqlx::FromRow)]
struct TicketFileRow {
    message_id: Option<i64>,
    #[sqlx(flatten)]
    file: AttachmentRow,
}

pub(super) fn attachment_from_row(row: AttachmentRow) -> Result<AttachmentInfo> {
    let AttachmentRow { id, file_name: name, content_type, size_bytes: size } = row;
    let size = u64::try_from(size).map_err(|_| StoreError::Corrupt(format!("attachment {id}: stored size {size}")))?;
    Ok(AttachmentInfo { id: AttachmentId(id), name, content_type, size })
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The message `key` wrote, if any, and its ticket's id. A key is its
    /// author's: the customer's (`Some`) or the agents' side's (`None`),
    /// whatever the ticket, so nobody else's keys are ever read.
    pub(super) async fn message_by_key(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        author: Option<CustomerId>,
        key: &str,
    ) -> Result<Option<(i64, MessageRecord)>> {
        // Each statement names its side as the partial unique index does (0012).
        let row = match author {
            Some(customer) => {
                sqlx::query_as::<_, KeyedMessageRow>(concat!(
                    "SELECT ticket_id, ",
                    message_columns!(),
                    " FROM messages WHERE workspace_id = $1 AND author_kind = 'customer' \
                     AND author_customer_id = $2 AND idempotency_key = $3"
                ))
                .bind(workspace.0)
                .bind(customer.0)
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?
            }
            None => {
                sqlx::query_as::<_, KeyedMessageRow>(concat!(
                    "SELECT ticket_id, ",
                    message_columns!(),
                    " FROM messages WHERE workspace_id = $1 AND author_kind = 'agent' AND idempotency_key = $2"
                ))
                .bind(workspace.0)
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?
            }
        };
        row.map(|row| Ok((row.ticket_id, message_from_row(row.message)?))).transpose()
    }

    pub(super) async fn insert_message(conn: &mut DB::Connection, new: &NewMessage<'_>) -> Result<MessageRecord> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO messages (workspace_id, ticket_id, author_kind, author_customer_id, author_name, body, \
             is_internal, idempotency_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.workspace.0)
        .bind(new.ticket_id)
        .bind(new.author_kind.as_str())
        .bind(new.author_customer.map(|c| c.0))
        .bind(new.author_name)
        .bind(new.body)
        .bind(new.internal)
        .bind(new.key)
        .bind(new.now)
        .fetch_one(&mut *conn)
        .await?;
        Ok(MessageRecord {
            id,
            author_kind: new.author_kind,
            author_name: new.author_name.to_string(),
            body: new.body.to_string(),
            internal: new.internal,
            created_at: new.now,
            attachments: Vec::new(),
        })
    }

    /// A ticket's messages, oldest first (internal notes only `with_notes`),
    /// each with its files, and the ticket's own files.
    pub(super) async fn conversation(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket_id: i64,
        with_notes: bool,
    ) -> Result<(Vec<MessageRecord>, Vec<AttachmentInfo>)> {
        let rows = sqlx::query_as::<_, MessageRow>(concat!(
            "SELECT ",
            message_columns!(),
            " FROM messages WHERE workspace_id = $1 AND ticket_id = $2 AND ($3 OR NOT is_internal) \
             ORDER BY created_at, id"
        ))
        .bind(workspace.0)
        .bind(ticket_id)
        .bind(with_notes)
        .fetch_all(&mut *conn)
        .await?;
        let mut records = rows.into_iter().map(message_from_row).collect::<Result<Vec<_>>>()?;
        let files = Self::ticket_files(conn, workspace, ticket_id).await?;
        // Files of messages not in `records` (internal notes) are dropped here.
        let attachments = Self::attach_files(&mut records, files);
        Ok((records, attachments))
    }

    /// The files of a ticket, oldest first, each with its message (None for
    /// the ticket's own). Callers drop those of messages they do not show.
    async fn ticket_files(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket_id: i64,
    ) -> Result<Vec<(Option<i64>, AttachmentInfo)>> {
        let rows = sqlx::query_as::<_, TicketFileRow>(concat!(
            "SELECT a.message_id, ",
            attachment_columns!(),
            " FROM attachments a WHERE a.workspace_id = $1 AND a.ticket_id = $2 ORDER BY a.id"
        ))
        .bind(workspace.0)
        .bind(ticket_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(|row| Ok((row.message_id, attachment_from_row(row.file)?))).collect()
    }

    /// Hands each message its files; returns the ticket's own.
    fn attach_files(messages: &mut [MessageRecord], files: Vec<(Option<i64>, AttachmentInfo)>) -> Vec<AttachmentInfo> {
        let mut own = Vec::new();
        for (message_id, file) in files {
            match message_id.and_then(|id| messages.iter_mut().find(|m| m.id == id)) {
                Some(message) => message.attachments.push(file),
                None if message_id.is_none() => own.push(file),
                None => {}
            }
        }
        own
    }
}
