//! The access-control layer's currency. Every store call that returns
//! customer data takes a [`CustomerScope`], and a scope can only be made
//! from a session the store has found active: there is no other constructor.

use crate::console::Role;
use crate::model::{AgentId, ApiTokenId, CustomerId, Millis, SecretId, WorkspaceId};

/// A session the store found live (not revoked, not expired, opened with a
/// secret that is still active, its workspace's portal switched on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSession {
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    pub secret_id: SecretId,
    pub origin: String,
    /// Embedded sessions are bearer tokens, standalone ones cookies.
    pub kind: crate::standalone::SessionKind,
    /// Whether the workspace still lists `origin` among its allowed
    /// origins. The portal's own origin may embed it, listed or not: the
    /// server admits that one beside these.
    pub origin_allowed: bool,
    pub expires_at: Millis,
    /// What the workspace's visibility rule decided for the customer when
    /// the session was looked up (see [`crate::visibility`]).
    pub sees_company_tickets: bool,
    /// Whether the workspace's audience admits the customer (see
    /// [`crate::audience`]), as decided when the session was looked up.
    pub in_audience: bool,
}

/// What a customer may see: their workspace, and within it the tickets
/// they created and, unless the visibility rule restricts them, those of
/// their companies. The store applies the rule itself; the scope only says
/// what it decided, for the pages to offer the right tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerScope {
    workspace_id: WorkspaceId,
    customer_id: CustomerId,
    sees_company_tickets: bool,
}

impl CustomerScope {
    /// The scope of a live session; none for a customer outside the
    /// workspace's audience, who may see nothing at all.
    pub fn for_session(session: &ActiveSession) -> Option<Self> {
        session.in_audience.then_some(Self {
            workspace_id: session.workspace_id,
            customer_id: session.customer_id,
            sees_company_tickets: session.sees_company_tickets,
        })
    }

    pub fn sees_company_tickets(&self) -> bool {
        self.sees_company_tickets
    }

    pub fn workspace_id(&self) -> WorkspaceId {
        self.workspace_id
    }

    pub fn customer_id(&self) -> CustomerId {
        self.customer_id
    }
}

/// What an admin calls an API token: 1 to [`TokenName::MAX_CHARS`]
/// characters once trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, crate::model::ValidationError> {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS || name.chars().any(char::is_control) {
            return Err(crate::model::ValidationError::InvalidTokenName { max: Self::MAX_CHARS });
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An API token the store found live (not revoked). The token itself is
/// never stored; the store looks it up by hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveApiToken {
    pub id: ApiTokenId,
    pub workspace_id: WorkspaceId,
    pub name: String,
}

/// A workspace's mailbox, found by the store from the address a mail was
/// sent to (a reply token it issued, or the workspace's own address): mail
/// to it is taken in for that workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveMailbox {
    pub workspace_id: WorkspaceId,
}

/// An integration a workspace's admins connected (a webhook endpoint, a
/// Slack app) that the store found enabled: it reads, and for Slack
/// writes, as an agent's tool does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveIntegration {
    pub workspace_id: WorkspaceId,
}

/// A console account signed in with a cookie session the store found live
/// (not revoked, not expired).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveAgent {
    pub id: AgentId,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// What an agent (an API client holding a live token, or a console account
/// signed in) may see: every ticket of one workspace, internal notes
/// included, and nothing of any other workspace. Like [`CustomerScope`], it
/// can only be made from a record the store found active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentScope {
    workspace_id: WorkspaceId,
}

impl AgentScope {
    pub fn for_api_token(token: &ActiveApiToken) -> Self {
        Self { workspace_id: token.workspace_id }
    }

    pub fn for_console(agent: &ActiveAgent) -> Self {
        Self { workspace_id: agent.workspace_id }
    }

    /// Mail taken in works as an agent's hand: the store's sender rule
    /// decides whether customers see it.
    pub fn for_mailbox(mailbox: &ActiveMailbox) -> Self {
        Self { workspace_id: mailbox.workspace_id }
    }

    pub fn for_integration(integration: &ActiveIntegration) -> Self {
        Self { workspace_id: integration.workspace_id }
    }

    pub fn workspace_id(&self) -> WorkspaceId {
        self.workspace_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_names_are_short_printable_text() {
        assert_eq!(TokenName::parse("  deploy bot ").unwrap().as_str(), "deploy bot");
        for bad in ["", "   ", "a\u{0}b", &"x".repeat(101)] {
            assert!(TokenName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(TokenName::parse(&"é".repeat(100)).is_ok(), "characters are counted, not bytes");
    }
}
