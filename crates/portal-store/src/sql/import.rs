//! Bulk imports (`portal seed`, migrations from another helpdesk): tickets
//! with their conversations, many rows per statement, and the search
//! index rebuilt from scratch.

use super::statement::{Arg, Statement};
use super::*;

/// Tickets per multi-row INSERT. See [`IMPORT_CHUNK_ROWS`] for why it is small.
pub(super) const TICKETS_PER_STATEMENT: usize = IMPORT_CHUNK_ROWS;
/// Messages per multi-row INSERT.
pub(super) const MESSAGES_PER_STATEMENT: usize = IMPORT_CHUNK_ROWS;

/// The INSERT of `tickets`, numbered from `first`, for workspace `$1`;
/// `companies` are the ids of their companies, in the same order.
pub(super) fn insert_tickets(
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
pub(super) fn insert_messages<'a>(
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
