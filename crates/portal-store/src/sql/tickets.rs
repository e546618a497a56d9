//! Tickets and their events as both sides write them: which tickets a
//! customer may see, a ticket row read back, a new ticket numbered from the
//! workspace's counter, and the outbox rows that tell live connections.

#[cfg(doc)]
use super::Dialect;
use super::shared::attributes_to_json;
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{Result, StoreError};
use macro_rules_attribute::apply;
use portal_core::conversation::EventKind;
use portal_core::{CustomerId, Millis, TicketAttributes, TicketNumber, TicketStatus, WorkspaceId};

/// The tickets a customer scope may see, for a statement that names the
/// tickets table `t` and binds the scope's workspace to `$1` and its
/// customer to `$2`: their own, those an agent made them a participant of,
/// and those of their companies unless the workspace's visibility rule
/// restricts them (`sees_company_tickets`, kept up to date by the store).
/// Having joined a ticket (`added_by = 'self'`) lets a member write to it,
/// never read it: they read it through their company, as long as the rule
/// lets them. The one place the rule is written.
macro_rules! visible_to_customer {
    () => {
        "t.workspace_id = $1 AND (t.creator_id = $2 OR EXISTS ( \
         SELECT 1 FROM ticket_participants tp \
         WHERE tp.workspace_id = $1 AND tp.ticket_id = t.id AND tp.customer_id = $2 AND tp.added_by = 'agent') \
         OR (t.company_id IS NOT NULL AND EXISTS ( \
         SELECT 1 FROM company_members cm \
         JOIN customers cv ON cv.workspace_id = cm.workspace_id AND cv.id = cm.customer_id \
         WHERE cm.workspace_id = $1 AND cm.customer_id = $2 AND cm.company_id = t.company_id \
         AND cv.sees_company_tickets)))"
    };
}
pub(super) use visible_to_customer;

/// The same rule as [`visible_to_customer!`], as the table `t` of a FROM
/// clause (`$1` the workspace, `$2` the customer): three index ranges, each
/// ticket in one of them only, the customer's own tickets
/// (`tickets_by_creator`), where the rule lets them their companies'
/// (`tickets_by_company`, reached from their memberships: `CROSS JOIN`
/// keeps SQLite from walking the workspace's tickets in date order
/// instead), and the others an agent made them a participant of
/// (`ticket_participants_by_customer`). A list reads only what it may show.
/// The property test checks lists (this form) and opening tickets (the
/// other) against the rule. Its columns are those lists read.
macro_rules! visible_tickets {
    () => {
        concat!(
            "(",
            $crate::sql::tickets::own_tickets!(),
            " UNION ALL ",
            $crate::sql::tickets::company_tickets!(),
            " UNION ALL ",
            $crate::sql::tickets::participant_tickets!(),
            ") t"
        )
    };
}

/// The first branch of [`visible_tickets!`]: the customer's own.
macro_rules! own_tickets {
    () => {
        "SELECT id, workspace_id, number, title, description, status, ticket_type, creator_id, company_id, \
         created_at, updated_at FROM tickets WHERE workspace_id = $1 AND creator_id = $2"
    };
}

/// The second branch of [`visible_tickets!`]: the companies' others.
macro_rules! company_tickets {
    () => {
        "SELECT ct.id, ct.workspace_id, ct.number, ct.title, ct.description, ct.status, ct.ticket_type, \
         ct.creator_id, ct.company_id, ct.created_at, ct.updated_at \
         FROM company_members cm CROSS JOIN tickets ct \
         WHERE cm.workspace_id = $1 AND cm.customer_id = $2 \
         AND ct.workspace_id = $1 AND ct.company_id = cm.company_id AND ct.creator_id <> $2 \
         AND EXISTS (SELECT 1 FROM customers cv WHERE cv.workspace_id = $1 AND cv.id = $2 \
         AND cv.sees_company_tickets)"
    };
}

/// Another's tickets of one company, whose id the statement appends: a
/// branch of a customer's list per company they see (the list reads those
/// companies first, by the same rule as [`company_tickets!`]), so each is
/// one range of the company's index, walked in order.
macro_rules! one_company_tickets {
    () => {
        "SELECT id, workspace_id, number, title, description, status, ticket_type, creator_id, company_id, \
         created_at, updated_at FROM tickets WHERE workspace_id = $1 AND creator_id <> $2 AND company_id = "
    };
}

/// The third branch of [`visible_tickets!`]: those an agent added them to
/// (and no company of theirs already shows).
macro_rules! participant_tickets {
    () => {
        "SELECT pt.id, pt.workspace_id, pt.number, pt.title, pt.description, pt.status, pt.ticket_type, \
         pt.creator_id, pt.company_id, pt.created_at, pt.updated_at \
         FROM ticket_participants tp CROSS JOIN tickets pt \
         WHERE tp.workspace_id = $1 AND tp.customer_id = $2 AND tp.added_by = 'agent' \
         AND pt.workspace_id = $1 AND pt.id = tp.ticket_id AND pt.creator_id <> $2 \
         AND NOT EXISTS (SELECT 1 FROM company_members pm \
         JOIN customers pv ON pv.workspace_id = pm.workspace_id AND pv.id = pm.customer_id \
         WHERE pm.workspace_id = $1 AND pm.customer_id = $2 AND pm.company_id = pt.company_id \
         AND pv.sees_company_tickets)"
    };
}
pub(super) use {company_tickets, one_company_tickets, own_tickets, participant_tickets, visible_tickets};

/// The columns [`ticket_from_row`] reads, from tickets as `t`.
macro_rules! ticket_columns {
    () => {
        "t.id, t.number, t.title, t.description, t.status, t.channel, t.ticket_type, t.creator_id, \
         t.created_at, t.updated_at, t.attributes, t.company_id, EXISTS (SELECT 1 FROM ticket_participants tpx \
         WHERE tpx.workspace_id = t.workspace_id AND tpx.ticket_id = t.id) AS has_participants"
    };
}
pub(super) use ticket_columns;

#[derive(sqlx::FromRow)]
pub(super) struct TicketRow {
    id: i64,
    number: i64,
    title: String,
    description: String,
    status: String,
    channel: String,
    ticket_type: Option<String>,
    creator_id: i64,
    created_at: Millis,
    updated_at: Millis,
    attributes: String,
    company_id: Option<i64>,
    has_participants: bool,
}

/// A ticket row, whoever may see it.
pub(super) struct TicketRecord {
    pub(super) id: i64,
    pub(super) number: TicketNumber,
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
    /// Whether anyone besides its creator takes part in it.
    pub(super) has_participants: bool,
}

impl TicketRecord {
    /// Whom the ticket's events concern: its creator, or, for a company's
    /// ticket or one with participants, every customer of the workspace
    /// (each reads through its own scope, so only those who may see it find
    /// anything).
    pub(super) fn wake(&self, workspace: WorkspaceId) -> Wake {
        if self.has_participants {
            return Wake::Workspace(workspace);
        }
        ticket_wake(workspace, self.creator, self.company_id)
    }
}

/// Whom the events of a ticket of `creator` without participants, in the
/// company `company_id` or in none, concern (see [`TicketRecord::wake`]).
pub(super) fn ticket_wake(workspace: WorkspaceId, creator: CustomerId, company_id: Option<i64>) -> Wake {
    match company_id {
        Some(_) => Wake::Workspace(workspace),
        None => Wake::Customer(workspace, creator),
    }
}

pub(super) fn ticket_from_row(row: TicketRow) -> Result<TicketRecord> {
    let TicketRow {
        id,
        number,
        title,
        description,
        status,
        channel,
        ticket_type,
        creator_id: creator,
        created_at,
        updated_at,
        attributes,
        company_id,
        has_participants,
    } = row;
    let attributes = serde_json::from_str(&attributes)
        .map_err(|e| StoreError::Corrupt(format!("ticket {number}: stored attributes: {e}")))?;
    Ok(TicketRecord {
        id,
        number: TicketNumber(number),
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
        has_participants,
    })
}

pub(super) fn parse_status(number: i64, status: &str) -> Result<TicketStatus> {
    TicketStatus::parse(status)
        .ok_or_else(|| StoreError::Corrupt(format!("ticket {number}: stored status {status:?} is unknown")))
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

/// Moves the workspace's ticket counter on by `$2` and returns the first
/// number of the block, atomically: concurrent callers get disjoint blocks.
pub(super) const ALLOCATE_TICKET_NUMBERS: &str = "UPDATE workspaces SET next_ticket_number = next_ticket_number + $2 \
     WHERE id = $1 RETURNING next_ticket_number - $2";

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The first of `count` ticket numbers taken from the workspace's counter
    /// ([`ALLOCATE_TICKET_NUMBERS`]).
    pub(super) async fn allocate_numbers(conn: &mut DB::Connection, workspace: WorkspaceId, count: i64) -> Result<i64> {
        let first = sqlx::query_scalar::<_, i64>(ALLOCATE_TICKET_NUMBERS)
            .bind(workspace.0)
            .bind(count)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(first)
    }

    /// Inserts one open ticket with the workspace's next number and its
    /// `ticket.created` event. Callers hold [`Dialect::LOCK_WORKSPACE`].
    /// Returns the ticket's id and number.
    pub(super) async fn insert_one_ticket(
        conn: &mut DB::Connection,
        new: &OneTicket<'_>,
    ) -> Result<(i64, TicketNumber)> {
        let number = Self::allocate_numbers(conn, new.workspace, 1).await?;
        let status = TicketStatus::Open;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO tickets (workspace_id, number, title, description, status, channel, ticket_type, \
             creator_id, created_at, updated_at, attributes, company_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) RETURNING id",
        )
        .bind(new.workspace.0)
        .bind(number)
        .bind(new.title)
        .bind(new.description)
        .bind(status.as_str())
        .bind(new.channel)
        .bind(new.ticket_type)
        .bind(new.creator.0)
        .bind(new.now)
        .bind(attributes_to_json(new.attributes)?.as_str())
        .bind(new.company_id)
        .fetch_one(&mut *conn)
        .await?;
        let event = NewEvent {
            workspace: new.workspace,
            ticket_id: id,
            customer: new.creator,
            kind: EventKind::TicketCreated,
            message_id: None,
            status: Some(status),
            now: new.now,
        };
        Self::insert_event(conn, &event).await?;
        Self::assign_new_ticket(conn, id, new).await?;
        Ok((id, TicketNumber(number)))
    }

    /// Sets a ticket's status, type and `updated_at`.
    pub(super) async fn update_ticket(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        status: TicketStatus,
        ticket_type: Option<&str>,
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE tickets SET status = $3, ticket_type = $4, updated_at = $5 WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .bind(status.as_str())
        .bind(ticket_type)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// A public message written to `ticket`: it moves to `status` (its type
    /// kept) and `updated_at`, and its `message.created` event is written.
    /// Callers hold [`Dialect::LOCK_WORKSPACE`].
    pub(super) async fn public_message_written(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        status: TicketStatus,
        message_id: i64,
        now: Millis,
    ) -> Result<()> {
        Self::update_ticket(conn, workspace, ticket, status, ticket.ticket_type.as_deref(), now).await?;
        let event = NewEvent {
            workspace,
            ticket_id: ticket.id,
            customer: ticket.creator,
            kind: EventKind::MessageCreated,
            message_id: Some(message_id),
            status: None,
            now,
        };
        Self::insert_event(conn, &event).await
    }

    /// Whether `customer` takes part in `ticket`, which they may see: they
    /// opened it, or are one of its participants (added, or joined while the
    /// rule shows it to them). Only then may a customer write to a ticket;
    /// seeing it as a member of its company is reading alone.
    pub(super) async fn takes_part(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        customer: CustomerId,
    ) -> Result<bool> {
        if ticket.creator == customer {
            return Ok(true);
        }
        if !ticket.has_participants {
            return Ok(false);
        }
        let found = sqlx::query_scalar::<_, i64>(
            "SELECT customer_id FROM ticket_participants WHERE workspace_id = $1 AND ticket_id = $2 AND customer_id = $3",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .bind(customer.0)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(found.is_some())
    }

    /// Writes an outbox row. Callers hold [`Dialect::LOCK_WORKSPACE`].
    pub(super) async fn insert_event(conn: &mut DB::Connection, new: &NewEvent) -> Result<()> {
        sqlx::query(
            "INSERT INTO events (workspace_id, ticket_id, customer_id, kind, message_id, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.workspace.0)
        .bind(new.ticket_id)
        .bind(new.customer.0)
        .bind(new.kind.as_str())
        .bind(new.message_id)
        .bind(new.status.map(TicketStatus::as_str))
        .bind(new.now)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
