//! Writing many tickets at once, outside any customer's scope: imports,
//! demo and seed data, benchmarks and tests. A part of [`crate::Store`].

use crate::Result;
use async_trait::async_trait;
use portal_core::{CompanyKey, CustomerId, Millis, TicketStatus, TicketSummary, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
}

/// A ticket with its conversation, for [`BulkStore::import_conversations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTicket {
    pub creator: CustomerId,
    pub company: Option<CompanyKey>,
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Oldest first.
    pub messages: Vec<ImportedMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMessage {
    /// The customer who wrote it; `None` for an agent.
    pub author: Option<CustomerId>,
    pub author_name: String,
    pub body: String,
    pub internal: bool,
    pub created_at: Millis,
}

#[async_trait]
pub trait BulkStore {
    /// Creates a ticket with the workspace's next number.
    async fn create_ticket(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &NewTicket,
        now: Millis,
    ) -> Result<TicketSummary>;
    /// Creates many tickets in one transaction (imports, demo data, benchmarks).
    async fn import_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &[NewTicket],
        now: Millis,
    ) -> Result<()>;
    /// Imports tickets with their conversations in one transaction,
    /// numbered in order from the workspace's counter. Imported history is
    /// not news: no events are written. Each company must exist.
    async fn import_conversations(&self, workspace: WorkspaceId, tickets: &[ImportedTicket]) -> Result<()>;
    /// Empties the search index and fills it again from every ticket (the
    /// triggers keep it in step otherwise; this is for a restored database,
    /// and to time the index build).
    async fn rebuild_search_index(&self) -> Result<()>;
}
