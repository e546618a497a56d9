//! The SQL implementation of [`ParticipantStore`]: who takes part in a
//! ticket besides its creator.

#[cfg(doc)]
use super::Dialect;
use super::shared::{CustomerRow, customer_columns, customer_from_row};
use super::tickets::{NewEvent, TicketRecord};
use super::{SqlStore, sql_impl};
use crate::{AddedBy, Participant, ParticipantAdded, ParticipantStore, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::AgentScope;
use portal_core::conversation::EventKind;
use portal_core::{CustomerId, CustomerScope, Email, Millis, TicketNumber, WorkspaceId};
use tracing::instrument;

/// A participant with the customer they are.
#[derive(sqlx::FromRow)]
struct ParticipantRow {
    #[sqlx(flatten)]
    customer: CustomerRow,
    added_at: Millis,
    added_by: String,
}

fn participant_from_row(workspace: WorkspaceId, row: ParticipantRow) -> Result<Participant> {
    let ParticipantRow { customer, added_at, added_by } = row;
    let added_by = AddedBy::parse(&added_by).ok_or_else(|| {
        StoreError::Corrupt(format!("participant {} of a ticket: stored added_by {added_by:?} is unknown", customer.id))
    })?;
    Ok(Participant { customer: customer_from_row(workspace, customer), added_at, added_by })
}

/// A participant's columns, from `ticket_participants p` joined with their
/// customer.
macro_rules! participant_select {
    () => {
        concat!(
            "SELECT ",
            customer_columns!(),
            ", p.added_at, p.added_by FROM ticket_participants p \
             JOIN customers ON customers.workspace_id = p.workspace_id AND customers.id = p.customer_id "
        )
    };
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The workspace's ticket `number`, for an agent's change to its
    /// participants, and the customer `email` of the workspace: each
    /// missing is its own refusal, and so is the ticket's creator, who takes
    /// part anyway.
    async fn ticket_and_customer(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        number: TicketNumber,
        email: &Email,
    ) -> Result<(TicketRecord, CustomerId)> {
        let ticket = Self::workspace_ticket(conn, workspace, number).await?.ok_or(StoreError::NotFound)?;
        let customer =
            sqlx::query_scalar::<_, i64>("SELECT id FROM customers WHERE workspace_id = $1 AND email_key = $2")
                .bind(workspace.0)
                .bind(email.key().as_str())
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| StoreError::UnknownCustomer(email.clone()))?;
        let customer = CustomerId(customer);
        if ticket.creator == customer {
            return Err(StoreError::CreatorTakesPart);
        }
        Ok((ticket, customer))
    }

    /// The participant `customer` of the ticket `ticket_id`, if they are one.
    async fn participant(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket_id: i64,
        customer: CustomerId,
    ) -> Result<Option<Participant>> {
        sqlx::query_as::<_, ParticipantRow>(concat!(
            participant_select!(),
            "WHERE p.workspace_id = $1 AND p.ticket_id = $2 AND p.customer_id = $3"
        ))
        .bind(workspace.0)
        .bind(ticket_id)
        .bind(customer.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| participant_from_row(workspace, row))
        .transpose()
    }

    /// Inserts the participant and the `ticket.participants` event that
    /// shows them (and whoever else sees the ticket) the change. Callers
    /// hold [`Dialect::LOCK_WORKSPACE`] and checked they take no part yet.
    async fn insert_participant(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        customer: CustomerId,
        added_by: AddedBy,
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO ticket_participants (workspace_id, ticket_id, customer_id, added_at, added_by) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .bind(customer.0)
        .bind(now)
        .bind(added_by.as_str())
        .execute(&mut *conn)
        .await?;
        Self::participants_changed(conn, workspace, ticket, now).await
    }

    /// The `ticket.participants` event of `ticket`.
    async fn participants_changed(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        now: Millis,
    ) -> Result<()> {
        let event = NewEvent {
            workspace,
            ticket_id: ticket.id,
            customer: ticket.creator,
            kind: EventKind::TicketParticipants,
            message_id: None,
            status: None,
            now,
        };
        Self::insert_event(conn, &event).await
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> ParticipantStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn participants(&self, agent: &AgentScope, number: TicketNumber) -> Result<Vec<Participant>> {
        let workspace = agent.workspace_id();
        let mut conn = self.pool.acquire().await?;
        let ticket = Self::workspace_ticket(&mut conn, workspace, number).await?.ok_or(StoreError::NotFound)?;
        sqlx::query_as::<_, ParticipantRow>(concat!(
            participant_select!(),
            "WHERE p.workspace_id = $1 AND p.ticket_id = $2 ORDER BY p.added_at, customers.email_key"
        ))
        .bind(workspace.0)
        .bind(ticket.id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|row| participant_from_row(workspace, row))
        .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn add_participant(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        email: &Email,
        now: Millis,
    ) -> Result<ParticipantAdded> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (ticket, customer) = Self::ticket_and_customer(&mut tx, workspace, number, email).await?;
        match Self::participant(&mut tx, workspace, ticket.id, customer).await? {
            Some(participant) if participant.added_by == AddedBy::Agent => {
                tx.commit().await?;
                return Ok(ParticipantAdded { participant, already: true });
            }
            // One who joined through their company is now the agent's to
            // keep: they see the ticket whatever the rule says from here on.
            Some(_) => {
                sqlx::query(
                    "UPDATE ticket_participants SET added_by = $4 \
                     WHERE workspace_id = $1 AND ticket_id = $2 AND customer_id = $3",
                )
                .bind(workspace.0)
                .bind(ticket.id)
                .bind(customer.0)
                .bind(AddedBy::Agent.as_str())
                .execute(&mut *tx)
                .await?;
                Self::participants_changed(&mut tx, workspace, &ticket, now).await?;
            }
            None => Self::insert_participant(&mut tx, workspace, &ticket, customer, AddedBy::Agent, now).await?,
        }
        let participant = Self::participant(&mut tx, workspace, ticket.id, customer)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("ticket {number}: the participant just added is gone")))?;
        // The ticket has a participant now: its events concern the workspace.
        self.commit_events(tx, crate::Wake::Workspace(workspace)).await?;
        Ok(ParticipantAdded { participant, already: false })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn remove_participant(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        email: &Email,
        now: Millis,
    ) -> Result<bool> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (ticket, customer) = Self::ticket_and_customer(&mut tx, workspace, number, email).await?;
        let removed = sqlx::query_scalar::<_, i64>(
            "DELETE FROM ticket_participants WHERE workspace_id = $1 AND ticket_id = $2 AND customer_id = $3 \
             RETURNING customer_id",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .bind(customer.0)
        .fetch_optional(&mut *tx)
        .await?;
        if removed.is_none() {
            tx.commit().await?;
            return Ok(false);
        }
        // The others who see the ticket learn of it; the one removed no
        // longer sees it, and its events with it.
        Self::participants_changed(&mut tx, workspace, &ticket, now).await?;
        self.commit_events(tx, ticket.wake(workspace)).await?;
        Ok(true)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn join_ticket(&self, scope: &CustomerScope, number: TicketNumber, now: Millis) -> Result<bool> {
        let workspace = scope.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        // Only a ticket the rule shows them: joining widens nobody's reading.
        let ticket = Self::customer_ticket(&mut tx, scope, number).await?.ok_or(StoreError::NotFound)?;
        if Self::takes_part(&mut tx, workspace, &ticket, scope.customer_id()).await? {
            tx.commit().await?;
            return Ok(false);
        }
        Self::insert_participant(&mut tx, workspace, &ticket, scope.customer_id(), AddedBy::Themselves, now).await?;
        self.commit_events(tx, crate::Wake::Workspace(workspace)).await?;
        Ok(true)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn takes_part_in_others(&self, scope: &CustomerScope) -> Result<bool> {
        let found = sqlx::query_scalar::<_, i64>(
            "SELECT ticket_id FROM ticket_participants \
             WHERE workspace_id = $1 AND customer_id = $2 AND added_by = 'agent' LIMIT 1",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}
