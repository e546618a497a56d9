//! Ticket participants: the customers besides its creator who take part in
//! a ticket, as Intercom's tickets have them. Agents add and remove them;
//! a company member who may see a company ticket joins it. Taking part is
//! what lets a customer write to a ticket (reply, reopen, attach files).
//! One an agent added also sees the ticket as its creator does; one who
//! joined reads it through their company, as long as the visibility rule
//! lets them, and no longer once it does not. A part of [`crate::Store`].

#[cfg(doc)]
use crate::StoreError;
use crate::{Customer, Result};
use async_trait::async_trait;
use portal_core::access::AgentScope;
use portal_core::{CustomerScope, Email, Millis, TicketNumber};

/// How a participant came to take part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddedBy {
    /// An agent added them (the console or the REST API).
    Agent,
    /// They joined from the portal, as a member of the ticket's company.
    Themselves,
}

impl AddedBy {
    /// The name stored in the database and given by the REST API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Themselves => "self",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Agent, Self::Themselves].into_iter().find(|by| by.as_str() == raw)
    }
}

/// A customer taking part in a ticket they did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub customer: Customer,
    pub added_at: Millis,
    pub added_by: AddedBy,
}

/// What adding a participant did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantAdded {
    pub participant: Participant,
    /// They took part already: nothing was written.
    pub already: bool,
}

#[async_trait]
pub trait ParticipantStore {
    /// The ticket's participants (its creator is not one), in the order
    /// they came; [`StoreError::NotFound`] when the workspace has no such
    /// ticket.
    async fn participants(&self, agent: &AgentScope, number: TicketNumber) -> Result<Vec<Participant>>;
    /// Adds the workspace's customer `email` to the ticket's participants,
    /// with a `ticket.participants` event that shows them the ticket live.
    /// Idempotent: one an agent added already is answered as they are, and
    /// nothing is written; one who joined becomes the agent's (added by an
    /// agent, seeing the ticket whatever the visibility rule says). No such ticket is [`StoreError::NotFound`], no
    /// such customer [`StoreError::UnknownCustomer`], the ticket's own
    /// creator [`StoreError::CreatorTakesPart`]; each writes nothing.
    async fn add_participant(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        email: &Email,
        now: Millis,
    ) -> Result<ParticipantAdded>;
    /// Takes the customer `email` out of the ticket's participants; says
    /// whether they were one (nothing is written when not). They then see
    /// the ticket only where the visibility rule shows it to them. Errors
    /// as [`Self::add_participant`]'s.
    async fn remove_participant(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        email: &Email,
        now: Millis,
    ) -> Result<bool>;
    /// The scope's customer joins a ticket they may see (a member of its
    /// company, where the visibility rule lets them), and may then write to
    /// it while they see it: joining grants no reading of its own. Says whether they joined: `false`, writing nothing, when they
    /// took part already (its creator, or a participant). A ticket they may
    /// not see is [`StoreError::NotFound`], as everywhere.
    async fn join_ticket(&self, scope: &CustomerScope, number: TicketNumber, now: Millis) -> Result<bool>;
    /// Whether an agent made the scope's customer a participant of any
    /// ticket (one they did not open): their list then holds more than their
    /// own, even where the visibility rule restricts them to those.
    async fn takes_part_in_others(&self, scope: &CustomerScope) -> Result<bool>;
}
