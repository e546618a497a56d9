//! Bulk imports (`portal seed`, migrations from another helpdesk): tickets
//! with their conversations, many rows per statement, and the search
//! index rebuilt from scratch.
//!
//! The SQL implementation of [`BulkStore`].

use super::statement::{Arg, Statement};
use super::{SqlStore, sql_impl};
use crate::{BulkStore, ImportedMessage, ImportedTicket, NewTicket, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::{AuthorKind, CustomerId, Millis, TicketNumber, TicketSummary, WorkspaceId};
use std::collections::HashMap;
use std::fmt::Write as _;
use tracing::instrument;

/// Rows per multi-row INSERT in [`BulkStore::import_tickets`] (4 parameters a
/// row). Kept small on purpose: SQLite finds a `$N` parameter by a linear scan
/// of the statement's parameter names, so binding costs grow with the square
/// of the parameters per statement; PostgreSQL is as fast with 100 rows as
/// with 1,000.
const IMPORT_CHUNK_ROWS: usize = 100;
/// Tickets per multi-row INSERT. See [`IMPORT_CHUNK_ROWS`] for why it is small.
const TICKETS_PER_STATEMENT: usize = IMPORT_CHUNK_ROWS;
/// Messages per multi-row INSERT.
const MESSAGES_PER_STATEMENT: usize = IMPORT_CHUNK_ROWS;

/// An imported ticket's number and id.
#[derive(sqlx::FromRow)]
struct NumberedTicket {
    number: i64,
    id: i64,
}

/// A multi-row INSERT of `rows` tickets. `$1` workspace, `$2` creator, `$3`
/// now, then (number, title, description, status) per row.
fn insert_tickets_sql(rows: usize) -> String {
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

/// The INSERT of `tickets`, numbered from `first`, for workspace `$1`;
/// `companies` are the ids of their companies, in the same order.
fn import_tickets_statement(
    workspace: WorkspaceId,
    tickets: &[ImportedTicket],
    companies: &[Option<i64>],
    first: i64,
) -> Statement {
    let mut s = Statement::default();
    let workspace = s.arg(Arg::Int(workspace.0));
    s.push(
        "INSERT INTO tickets (workspace_id, number, title, description, status, creator_id, company_id, \
         created_at, updated_at) VALUES ",
    );
    for (i, (ticket, company)) in tickets.iter().zip(companies).enumerate() {
        let values = [
            Arg::Int(first + i as i64),
            Arg::Text(ticket.title.clone()),
            Arg::Text(ticket.description.clone()),
            Arg::Text(ticket.status.as_str().into()),
            Arg::Int(ticket.creator.0),
            Arg::OptionalInt(*company),
            Arg::Int(ticket.created_at),
            Arg::Int(ticket.updated_at),
        ];
        let placeholders: Vec<String> = values.into_iter().map(|v| s.arg(v)).collect();
        s.push(if i == 0 { "(" } else { ", (" }).push(&workspace).push(", ").push(&placeholders.join(", ")).push(")");
    }
    s
}

/// The INSERT of the messages of `tickets`, whose ids are `ids`.
fn import_messages_statement<'a>(
    workspace: WorkspaceId,
    messages: impl Iterator<Item = (i64, &'a ImportedMessage)>,
) -> Statement {
    let mut s = Statement::default();
    let workspace = s.arg(Arg::Int(workspace.0));
    s.push(
        "INSERT INTO messages (workspace_id, ticket_id, author_kind, author_customer_id, author_name, body, \
         is_internal, created_at) VALUES ",
    );
    for (i, (ticket, message)) in messages.enumerate() {
        let kind = if message.author.is_some() { AuthorKind::Customer } else { AuthorKind::Agent };
        let values = [
            Arg::Int(ticket),
            Arg::Text(kind.as_str().into()),
            Arg::OptionalInt(message.author.map(|c| c.0)),
            Arg::Text(message.author_name.clone()),
            Arg::Text(message.body.clone()),
            Arg::Bool(message.internal),
            Arg::Int(message.created_at),
        ];
        let placeholders: Vec<String> = values.into_iter().map(|v| s.arg(v)).collect();
        s.push(if i == 0 { "(" } else { ", (" }).push(&workspace).push(", ").push(&placeholders.join(", ")).push(")");
    }
    s
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// Inserts `tickets` in one transaction, numbered in order from the
    /// workspace's counter, and returns the first number.
    async fn insert_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        tickets: &[NewTicket],
        now: Millis,
    ) -> Result<i64> {
        let count = i64::try_from(tickets.len()).map_err(|_| StoreError::Invalid("too many tickets".into()))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let first = Self::allocate_numbers(&mut tx, workspace, count).await?;
        let mut number = first;
        for chunk in tickets.chunks(IMPORT_CHUNK_ROWS) {
            let sql = insert_tickets_sql(chunk.len());
            let mut query = sqlx::query::<DB>(&sql).bind(workspace.0).bind(creator.0).bind(now);
            for ticket in chunk {
                query = query
                    .bind(number)
                    .bind(ticket.title.as_str())
                    .bind(ticket.description.as_str())
                    .bind(ticket.status.as_str());
                number += 1;
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(first)
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> BulkStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_ticket(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &NewTicket,
        now: Millis,
    ) -> Result<TicketSummary> {
        let number = self.insert_tickets(workspace, creator, std::slice::from_ref(new), now).await?;
        Ok(TicketSummary {
            number: TicketNumber(number),
            title: new.title.clone(),
            status: new.status,
            updated_at: now,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn import_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &[NewTicket],
        now: Millis,
    ) -> Result<()> {
        if !new.is_empty() {
            self.insert_tickets(workspace, creator, new, now).await?;
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn import_conversations(&self, workspace: WorkspaceId, tickets: &[ImportedTicket]) -> Result<()> {
        if tickets.is_empty() {
            return Ok(());
        }
        let count = i64::try_from(tickets.len()).map_err(|_| StoreError::Invalid("too many tickets".into()))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Each ticket indexed once, at the end (migration 0032).
        sqlx::query("INSERT INTO search_deferred (since) VALUES (0)").execute(&mut *tx).await?;
        let first = Self::allocate_numbers(&mut tx, workspace, count).await?;
        let mut companies = HashMap::new();
        let mut company_ids = Vec::with_capacity(tickets.len());
        for ticket in tickets {
            company_ids.push(match &ticket.company {
                Some(key) => match companies.get(key) {
                    Some(id) => Some(*id),
                    None => {
                        let id = Self::company_id(&mut tx, workspace, key).await?;
                        companies.insert(key.clone(), id);
                        Some(id)
                    }
                },
                None => None,
            });
        }
        for (offset, chunk) in tickets.chunks(TICKETS_PER_STATEMENT).enumerate() {
            let from = offset * TICKETS_PER_STATEMENT;
            let ids = &company_ids[from..from + chunk.len()];
            let statement = import_tickets_statement(workspace, chunk, ids, first + from as i64);
            statement.bind_query(sqlx::query::<DB>(&statement.sql)).execute(&mut *tx).await?;
        }
        let ids: HashMap<i64, i64> = sqlx::query_as::<_, NumberedTicket>(
            "SELECT number, id FROM tickets WHERE workspace_id = $1 AND number >= $2 AND number < $3",
        )
        .bind(workspace.0)
        .bind(first)
        .bind(first + count)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|ticket| (ticket.number, ticket.id))
        .collect();
        let messages: Vec<(i64, &ImportedMessage)> = tickets
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.messages.iter().map(move |m| (first + i as i64, m)))
            .map(|(number, m)| (ids[&number], m))
            .collect();
        for chunk in messages.chunks(MESSAGES_PER_STATEMENT) {
            let statement = import_messages_statement(workspace, chunk.iter().copied());
            statement.bind_query(sqlx::query::<DB>(&statement.sql)).execute(&mut *tx).await?;
        }
        let imported = " WHERE id IN (SELECT id FROM tickets WHERE workspace_id = $1 AND number >= $2 AND number < $3)";
        sqlx::query(&format!("{}{imported}", DB::INDEX_FROM_SOURCE))
            .bind(workspace.0)
            .bind(first)
            .bind(first + count)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM search_deferred").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn rebuild_search_index(&self) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        for statement in [DB::EMPTY_INDEX, DB::INDEX_FROM_SOURCE] {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_sql_numbers_its_parameters() {
        assert_eq!(
            insert_tickets_sql(2),
            "INSERT INTO tickets (workspace_id, creator_id, created_at, updated_at, number, title, description, status) \
             VALUES ($1, $2, $3, $3, $4, $5, $6, $7), ($1, $2, $3, $3, $8, $9, $10, $11)"
        );
    }
}
