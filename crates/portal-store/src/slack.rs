//! Slack: each workspace's Slack app, the thread of each ticket, the Slack
//! users who answer as agents, and the durable outbox of posts. A part of
//! [`crate::Store`].
//!
//! Posts are written by the database, as webhook deliveries are, in the
//! transaction of the change they tell of, and claimed the same way: one
//! worker a row, a ticket's posts in order (its first opens the thread the
//! rest go into).

use crate::{Agent, Result};
use async_trait::async_trait;
use portal_core::access::ActiveIntegration;
use portal_core::{AgentId, Millis, TicketNumber, TicketStatus, WorkspaceId};

/// A workspace's Slack app, its secrets unsealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlackConnection {
    pub integration: ActiveIntegration,
    pub bot_token: String,
    pub signing_secret: String,
    /// Where new tickets are posted; empty: no channel chosen yet.
    pub channel_id: String,
    pub channel_name: String,
    pub note_prefix: String,
}

/// What a post tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlackPostKind {
    /// The ticket's own message, which opens its thread.
    TicketCreated,
    /// A public message (posted when a customer wrote it).
    Message,
    /// The ticket took a status.
    Status,
    /// An escalation rule fired.
    Escalated,
}

impl SlackPostKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TicketCreated => "ticket.created",
            Self::Message => "message.created",
            Self::Status => "ticket.status",
            Self::Escalated => "escalated",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::TicketCreated, Self::Message, Self::Status, Self::Escalated].into_iter().find(|k| k.as_str() == raw)
    }
}

/// A post a worker claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlackPost {
    pub id: i64,
    /// Tries so far, this one included.
    pub attempts: u32,
    pub integration: ActiveIntegration,
    pub bot_token: String,
    /// The connection's channel, where a ticket without a thread is posted.
    pub channel_id: String,
    pub ticket_number: TicketNumber,
    pub kind: SlackPostKind,
    pub message_id: Option<i64>,
    /// The status the ticket took (status posts).
    pub status: Option<TicketStatus>,
    /// What an escalation post says.
    pub detail: String,
    /// The ticket's thread, once its first post went out: (channel, ts).
    pub thread: Option<(String, String)>,
}

#[async_trait]
pub trait SlackStore {
    /// Connects the workspace's Slack app, or replaces its token and secret
    /// (the channel chosen is kept). Both are sealed before they are stored.
    async fn connect_slack(
        &self,
        workspace: WorkspaceId,
        bot_token: &str,
        signing_secret: &str,
        now: Millis,
    ) -> Result<()>;
    async fn slack_connection(&self, workspace: WorkspaceId) -> Result<Option<SlackConnection>>;
    /// The channel new tickets go to. `NotFound` when Slack is not connected.
    async fn set_slack_channel(&self, workspace: WorkspaceId, channel_id: &str, channel_name: &str) -> Result<()>;
    /// `NotFound` when Slack is not connected.
    async fn set_slack_note_prefix(&self, workspace: WorkspaceId, prefix: &str) -> Result<()>;
    /// Disconnects Slack: its waiting posts go too. Says whether it was connected.
    async fn disconnect_slack(&self, workspace: WorkspaceId) -> Result<bool>;
    /// Claims up to `limit` posts due at `now`, held by no worker, whose
    /// ticket has no earlier post still on its way; each for this worker
    /// until `now + hold`, counting the try.
    async fn claim_slack_posts(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<SlackPost>>;
    /// The post's ticket got its message (`ts` in `channel`), which its
    /// later posts go under: recorded at once, so a failure after it does
    /// not post it twice.
    async fn open_slack_thread(&self, id: i64, channel: &str, ts: &str) -> Result<()>;
    /// Slack took it.
    async fn slack_posted(&self, id: i64, now: Millis) -> Result<()>;
    /// It was not posted: tried again from `retry_at`, or with `None`, never.
    /// A try that does not count (Slack asked to wait: rate-limited) leaves
    /// the count of tries as it was, so waiting never uses up the tries.
    async fn slack_not_posted(
        &self,
        id: i64,
        now: Millis,
        error: &str,
        retry_at: Option<Millis>,
        counts: bool,
    ) -> Result<()>;
    /// The ticket whose thread is `ts` in `channel`.
    async fn slack_thread_ticket(
        &self,
        workspace: WorkspaceId,
        channel: &str,
        ts: &str,
    ) -> Result<Option<TicketNumber>>;
    /// The agent a Slack user answers as, if linked and not paused.
    async fn slack_agent(&self, workspace: WorkspaceId, slack_user: &str) -> Result<Option<Agent>>;
    /// Links a Slack user to an agent, replacing either's earlier link.
    async fn link_slack_user(&self, workspace: WorkspaceId, slack_user: &str, agent: AgentId) -> Result<()>;
    /// The Slack user an agent is linked to.
    async fn slack_user_of(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>>;
}
