//! The rows both backends read and write: the columns each statement
//! selects (as macros, so statements are still written once with `concat!`),
//! the tuples they decode into, and the checks and conversions between rows
//! and the store's types.

use super::*;

/// The columns [`WorkspaceRules::from_row`] reads, in order.
macro_rules! workspace_rules_columns {
    () => {
        "reopen_allowed, ticket_types, max_attachments, max_attachment_bytes"
    };
}

pub(super) type WorkspaceRulesRow = (bool, String, i64, i64);

/// The columns [`workspace_from_row`] reads, in order.
macro_rules! workspace_columns {
    () => {
        concat!(
            "id, slug, name, greeting, allowed_origins, session_lifetime_ms, created_at, shown_attributes, search_preview, ",
            workspace_rules_columns!()
        )
    };
}

pub(super) type WorkspaceRow = (i64, String, String, String, String, i64, Millis, String, bool, bool, String, i64, i64);

pub(super) fn workspace_from_row(row: WorkspaceRow) -> Result<Workspace> {
    let (
        id,
        slug,
        name,
        greeting,
        origins,
        lifetime,
        created_at,
        shown,
        search_preview,
        reopen_allowed,
        ticket_types,
        files,
        bytes,
    ) = row;
    let rules = WorkspaceRules::from_row(WorkspaceId(id), (reopen_allowed, ticket_types, files, bytes))?;
    let slug = WorkspaceSlug::parse(&slug)
        .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored slug {slug:?}: {e}")))?;
    let session_lifetime = SessionLifetime::from_millis(lifetime)
        .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored session lifetime {lifetime}: {e}")))?;
    Ok(Workspace {
        id: WorkspaceId(id),
        slug,
        name,
        greeting,
        allowed_origins: origins_from_json(&origins)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored allowed origins: {e}")))?,
        session_lifetime,
        created_at,
        reopen_allowed: rules.reopen_allowed,
        ticket_types: rules.ticket_types,
        attachment_limits: rules.attachment_limits,
        shown_attributes: shown_attributes_from_json(&shown)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored shown attributes: {e}")))?,
        search_preview,
    })
}

pub(super) fn shown_attributes_from_json(json: &str) -> Result<Vec<ShownAttribute>, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

pub(super) fn ticket_types_from_json(json: &str) -> Result<Vec<String>, String> {
    serde_json::from_str(json).map_err(|e| format!("not a JSON array of strings: {e}"))
}

/// Checks and trims a workspace's ticket types (see [`Store::set_ticket_types`]).
pub(super) fn checked_ticket_types(names: &[String]) -> Result<Vec<String>> {
    let invalid = |message: String| Err(StoreError::Invalid(message));
    if names.is_empty() || names.len() > MAX_TICKET_TYPES {
        return invalid(format!("a workspace has 1 to {MAX_TICKET_TYPES} ticket types, not {}", names.len()));
    }
    let mut checked: Vec<String> = Vec::with_capacity(names.len());
    for raw in names {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_TICKET_TYPE_CHARS {
            return invalid(format!("a ticket type is 1 to {MAX_TICKET_TYPE_CHARS} characters: {raw:?}"));
        }
        if name.chars().any(char::is_control) {
            return invalid(format!("a ticket type has no control characters: {raw:?}"));
        }
        let key = name.to_lowercase();
        if checked.iter().any(|other| other.to_lowercase() == key) {
            return invalid(format!("the ticket type {name:?} is listed twice"));
        }
        checked.push(name.to_string());
    }
    Ok(checked)
}

/// A ticket's description: empty, or a [`MessageBody`] (trimmed).
pub(super) fn checked_description(raw: &str) -> Result<String> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    MessageBody::parse(raw).map(String::from).map_err(|e| StoreError::Invalid(format!("the description: {e}")))
}

/// The name shown on an agent's message: a [`CustomerName`] that is not empty.
pub(super) fn checked_agent_name(raw: &str) -> Result<String> {
    match CustomerName::parse(raw) {
        Ok(name) if !name.as_str().is_empty() => Ok(String::from(name)),
        Ok(_) => Err(StoreError::Invalid("the author name must not be empty".into())),
        Err(e) => Err(StoreError::Invalid(format!("the author name: {e}"))),
    }
}

pub(super) fn checked_api_token_name(raw: &str) -> Result<String> {
    let name = raw.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > API_TOKEN_NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(format!(
            "an API token name is 1 to {API_TOKEN_NAME_MAX_CHARS} characters without control characters"
        )));
    }
    Ok(name.to_string())
}

/// What a workspace's conversation rules are, as [`Dialect::LOCK_WORKSPACE`] reads them.
pub(super) struct WorkspaceRules {
    pub(super) reopen_allowed: bool,
    pub(super) ticket_types: Vec<String>,
    pub(super) attachment_limits: AttachmentLimits,
}

impl WorkspaceRules {
    pub(super) fn from_row(workspace: WorkspaceId, row: WorkspaceRulesRow) -> Result<Self> {
        let (reopen_allowed, ticket_types, max_files, max_bytes) = row;
        let ticket_types = ticket_types_from_json(&ticket_types)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace}: stored ticket types: {e}")))?;
        let attachment_limits = u32::try_from(max_files)
            .ok()
            .zip(u64::try_from(max_bytes).ok())
            .and_then(|(files, bytes)| AttachmentLimits::new(files, bytes).ok())
            .ok_or_else(|| {
                StoreError::Corrupt(format!("workspace {workspace}: stored attachment limits {max_files}, {max_bytes}"))
            })?;
        Ok(Self { reopen_allowed, ticket_types, attachment_limits })
    }

    /// `ticket_type`, if it is one of the workspace's types.
    pub(super) fn check_type<'t>(&self, ticket_type: Option<&'t str>) -> Result<Option<&'t str>> {
        match ticket_type {
            Some(name) if !self.ticket_types.iter().any(|t| t == name) => {
                Err(StoreError::Invalid(format!("{name:?} is not one of this workspace's ticket types")))
            }
            other => Ok(other),
        }
    }
}

/// The columns [`customer_from_row`] reads, in order.
macro_rules! customer_columns {
    () => {
        "id, email, name, in_audience, disabled_at IS NOT NULL"
    };
}

pub(super) type CustomerRow = (i64, String, String, bool, bool);

pub(super) fn customer_from_row(workspace: WorkspaceId, row: CustomerRow) -> Customer {
    let (id, email, name, in_audience, disabled) = row;
    Customer { id: CustomerId(id), workspace_id: workspace, email, name, in_audience, disabled }
}

/// The tickets a customer scope may see, for a statement that names the
/// tickets table `t` and binds the scope's workspace to `$1` and its
/// customer to `$2`: their own, and those of their companies unless the
/// workspace's visibility rule restricts them (`sees_company_tickets`,
/// kept up to date by the store). The one place the rule is written.
macro_rules! visible_to_customer {
    () => {
        "t.workspace_id = $1 AND (t.creator_id = $2 OR (t.company_id IS NOT NULL AND EXISTS ( \
         SELECT 1 FROM company_members cm \
         JOIN customers cv ON cv.workspace_id = cm.workspace_id AND cv.id = cm.customer_id \
         WHERE cm.workspace_id = $1 AND cm.customer_id = $2 AND cm.company_id = t.company_id \
         AND cv.sees_company_tickets)))"
    };
}

/// The same rule as [`visible_to_customer!`], as the table `t` of a FROM
/// clause (`$1` the workspace, `$2` the customer): two index ranges, the
/// customer's own tickets (`tickets_by_creator`) and, where the rule lets
/// them, their companies' (`tickets_by_company`, reached from their
/// memberships: `CROSS JOIN` keeps SQLite from walking the workspace's
/// tickets in date order instead). A list reads only what it may show. The
/// property test checks lists (this form) and opening tickets (the other)
/// against the rule.
macro_rules! visible_tickets {
    () => {
        "(SELECT * FROM tickets WHERE workspace_id = $1 AND creator_id = $2 \
         UNION ALL \
         SELECT ct.* FROM company_members cm CROSS JOIN tickets ct \
         WHERE cm.workspace_id = $1 AND cm.customer_id = $2 \
         AND ct.workspace_id = $1 AND ct.company_id = cm.company_id AND ct.creator_id <> $2 \
         AND EXISTS (SELECT 1 FROM customers cv WHERE cv.workspace_id = $1 AND cv.id = $2 \
         AND cv.sees_company_tickets)) t"
    };
}

/// The columns [`ticket_from_row`] reads, in order, from tickets as `t`.
macro_rules! ticket_columns {
    () => {
        "t.id, t.number, t.title, t.description, t.status, t.channel, t.ticket_type, t.creator_id, \
         t.created_at, t.updated_at, t.attributes, t.company_id"
    };
}

pub(super) type TicketRow =
    (i64, i64, String, String, String, String, Option<String>, i64, Millis, Millis, String, Option<i64>);

/// A ticket row, whoever may see it.
pub(super) struct TicketRecord {
    pub(super) id: i64,
    pub(super) number: i64,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) status: TicketStatus,
    pub(super) channel: String,
    pub(super) ticket_type: Option<String>,
    pub(super) creator: CustomerId,
    pub(super) created_at: Millis,
    pub(super) updated_at: Millis,
    pub(super) attributes: TicketAttributes,
    pub(super) company_id: Option<i64>,
}

impl TicketRecord {
    /// Whom the ticket's events concern: its creator, or, for a company's
    /// ticket, every customer of the workspace (each reads through its own
    /// scope, so only those who may see it find anything).
    pub(super) fn wake(&self, workspace: WorkspaceId) -> Wake {
        ticket_wake(workspace, self.creator, self.company_id)
    }
}

/// Whom the events of a ticket of `creator`, in the company `company_id`
/// or in none, concern (see [`TicketRecord::wake`]).
pub(super) fn ticket_wake(workspace: WorkspaceId, creator: CustomerId, company_id: Option<i64>) -> Wake {
    match company_id {
        Some(_) => Wake::Workspace(workspace),
        None => Wake::Customer(workspace, creator),
    }
}

/// A company key read back from the database.
pub(super) fn stored_company_key(raw: &str) -> Result<CompanyKey> {
    CompanyKey::parse(raw).map_err(|e| StoreError::Corrupt(format!("stored company key: {e}")))
}

pub(super) fn ticket_from_row(row: TicketRow) -> Result<TicketRecord> {
    let (
        id,
        number,
        title,
        description,
        status,
        channel,
        ticket_type,
        creator,
        created_at,
        updated_at,
        attributes,
        company_id,
    ) = row;
    let attributes = serde_json::from_str(&attributes)
        .map_err(|e| StoreError::Corrupt(format!("ticket {number}: stored attributes: {e}")))?;
    Ok(TicketRecord {
        id,
        number,
        title,
        description,
        status: parse_status(number, &status)?,
        channel,
        ticket_type,
        creator: CustomerId(creator),
        created_at,
        updated_at,
        attributes,
        company_id,
    })
}

pub(super) fn attributes_to_json(attributes: &TicketAttributes) -> Result<String> {
    serde_json::to_string(attributes).map_err(|e| StoreError::Corrupt(format!("attributes: {e}")))
}

/// The columns [`message_from_row`] reads, in order.
macro_rules! message_columns {
    () => {
        "id, author_kind, author_customer_id, author_name, body, is_internal, created_at"
    };
}

pub(super) type MessageRow = (i64, String, Option<i64>, String, String, bool, Millis);

/// A [`MessageRow`] after its ticket's id.
pub(super) type KeyedMessageRow = (i64, i64, String, Option<i64>, String, String, bool, Millis);

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

pub(super) fn message_from_row(row: MessageRow) -> Result<MessageRecord> {
    let (id, author_kind, _, author_name, body, internal, created_at) = row;
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

/// An outbox row to insert, in the transaction of the change it describes.
pub(super) struct NewEvent {
    pub(super) workspace: WorkspaceId,
    pub(super) ticket_id: i64,
    /// The ticket's creator: who may see the event.
    pub(super) customer: CustomerId,
    pub(super) kind: EventKind,
    pub(super) message_id: Option<i64>,
    pub(super) status: Option<TicketStatus>,
    pub(super) now: Millis,
}

/// A single ticket to insert (see [`SqlStore::insert_one_ticket`]).
pub(super) struct OneTicket<'a> {
    pub(super) workspace: WorkspaceId,
    pub(super) creator: CustomerId,
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) channel: &'a str,
    pub(super) ticket_type: Option<&'a str>,
    pub(super) attributes: &'a TicketAttributes,
    pub(super) company_id: Option<i64>,
    pub(super) now: Millis,
}

/// The columns [`attachment_from_row`] reads, in order, from attachments as `a`.
macro_rules! attachment_columns {
    () => {
        "a.id, a.file_name, a.content_type, a.size_bytes"
    };
}

pub(super) type AttachmentRow = (i64, String, String, i64);

pub(super) fn attachment_from_row(row: AttachmentRow) -> Result<AttachmentInfo> {
    let (id, name, content_type, size) = row;
    let size = u64::try_from(size).map_err(|_| StoreError::Corrupt(format!("attachment {id}: stored size {size}")))?;
    Ok(AttachmentInfo { id, name, content_type, size })
}

pub(super) fn stored_attachment_from_row(row: (i64, String, String, i64, String)) -> Result<StoredAttachment> {
    let (id, name, content_type, size, blob_key) = row;
    Ok(StoredAttachment { info: attachment_from_row((id, name, content_type, size))?, blob_key })
}

/// Uploads one customer may have waiting to be sent at once.
pub(super) const MAX_WAITING_UPLOADS: i64 = 30;

/// The columns [`agent_summary_from_row`] reads, in order, from tickets as
/// `t` joined with their creator as `c` and their company, if any, as `co`.
macro_rules! agent_summary_select {
    () => {
        "SELECT t.number, t.title, t.status, t.ticket_type, c.id, c.email, c.name, co.key, t.created_at, \
         t.updated_at FROM tickets t JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
         LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id "
    };
}

pub(super) type AgentSummaryRow =
    (i64, String, String, Option<String>, i64, String, String, Option<String>, Millis, Millis);

pub(super) fn agent_summary_from_row(row: AgentSummaryRow) -> Result<AgentTicketSummary> {
    let (
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
    ) = row;
    Ok(AgentTicketSummary {
        number,
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

pub(super) fn origins_to_json(origins: &[Origin]) -> Result<String> {
    serde_json::to_string(origins).map_err(|e| StoreError::Corrupt(format!("allowed origins: {e}")))
}

pub(super) fn origins_from_json(json: &str) -> Result<Vec<Origin>, String> {
    let raw: Vec<String> = serde_json::from_str(json).map_err(|e| format!("not a JSON array of strings: {e}"))?;
    raw.iter().map(|origin| Origin::parse(origin).map_err(|e| e.to_string())).collect()
}

pub(super) fn parse_status(number: i64, status: &str) -> Result<TicketStatus> {
    TicketStatus::parse(status)
        .ok_or_else(|| StoreError::Corrupt(format!("ticket {number}: stored status {status:?} is unknown")))
}

/// Moves the workspace's ticket counter on by `$2` and returns the first
/// number of the block, atomically: concurrent callers get disjoint blocks.
pub(super) const ALLOCATE_TICKET_NUMBERS: &str = "UPDATE workspaces SET next_ticket_number = next_ticket_number + $2 \
     WHERE id = $1 RETURNING next_ticket_number - $2";

/// A multi-row INSERT of `rows` tickets. `$1` workspace, `$2` creator, `$3`
/// now, then (number, title, description, status) per row.
pub(super) fn insert_tickets_sql(rows: usize) -> String {
    let mut sql = String::with_capacity(120 + rows * 40);
    sql.push_str(
        "INSERT INTO tickets (workspace_id, creator_id, created_at, updated_at, number, title, description, status) VALUES ",
    );
    for row in 0..rows {
        let p = 4 + row * 4;
        if row > 0 {
            sql.push_str(", ");
        }
        let _ = write!(sql, "($1, $2, $3, $3, ${}, ${}, ${}, ${})", p, p + 1, p + 2, p + 3);
    }
    sql
}
