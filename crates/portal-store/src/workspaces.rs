//! Workspaces and their settings: who may embed a workspace's portal, and
//! how the portal behaves and looks. A part of [`crate::Store`].

use crate::Result;
#[cfg(doc)]
use crate::StoreError;
use async_trait::async_trait;
use portal_core::console::PortalLook;
use portal_core::{
    AllowedOrigins, AttachmentLimits, Millis, Origin, PortalHost, SessionLifetime, ShownAttribute, StandaloneSettings,
    TicketForm, TicketTypes, Translations, WorkspaceId, WorkspaceSlug,
};
use portal_i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkspace {
    pub slug: WorkspaceSlug,
    pub name: String,
    pub greeting: String,
    pub allowed_origins: AllowedOrigins,
    pub session_lifetime: SessionLifetime,
    /// Whether the portal starts switched on. Every way of making a
    /// workspace asks for off (Kustomer's default: an admin switches it on
    /// once the origins and secret are set), except the demo and tests.
    pub portal_enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub slug: WorkspaceSlug,
    pub name: String,
    pub greeting: String,
    pub allowed_origins: Vec<Origin>,
    pub session_lifetime: SessionLifetime,
    pub created_at: Millis,
    /// Whether a customer may reopen a closed ticket (by replying to it).
    pub reopen_allowed: bool,
    /// The ticket types customers choose from, in display order.
    pub ticket_types: Vec<String>,
    /// How many files a message may carry, and how large each may be.
    pub attachment_limits: AttachmentLimits,
    /// The ticket attributes customers see, in order, under these names.
    pub shown_attributes: Vec<ShownAttribute>,
    /// Who the workspace's mail comes from.
    pub mail_sender: portal_core::console::MailSender,
    /// Whether search results show the preview column.
    pub search_preview: bool,
    /// The language of pages when neither the site nor the browser names
    /// one the portal speaks.
    pub default_locale: Locale,
    /// The greeting, ticket types and attribute names in other languages.
    pub translations: Translations,
    /// The attributes customers fill in when they open a ticket.
    pub ticket_form: TicketForm,
    /// Whether the portal is switched on (also [`WorkspaceStore::portal_enabled`]).
    pub portal_enabled: bool,
    /// Whether sign-ins must be a signed token (JWT): a verification hash
    /// is refused.
    pub jwt_only: bool,
    /// How the standalone portal signs customers in, and its host name.
    pub standalone: StandaloneSettings,
}

/// What the console's Behaviour form sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortalBehaviour {
    /// New sessions last this long; open ones keep their expiry.
    pub session_lifetime: SessionLifetime,
    pub reopen_allowed: bool,
    pub search_preview: bool,
    pub default_locale: Locale,
}

#[async_trait]
pub trait WorkspaceStore {
    /// Fails with [`StoreError::Conflict`] when the slug is taken.
    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace>;
    async fn workspace_by_slug(&self, slug: &WorkspaceSlug) -> Result<Option<Workspace>>;
    async fn workspace(&self, id: WorkspaceId) -> Result<Option<Workspace>>;
    /// Replaces the origins allowed to embed the portal, and wakes the
    /// workspace's live connections: a session from an origin no longer
    /// listed has ended.
    async fn set_allowed_origins(&self, id: WorkspaceId, origins: &AllowedOrigins) -> Result<()>;

    // --- Workspace settings -------------------------------------------------

    async fn set_reopen_allowed(&self, id: WorkspaceId, allowed: bool) -> Result<()>;
    /// Whether search results show the preview column.
    async fn set_search_preview(&self, id: WorkspaceId, shown: bool) -> Result<()>;
    /// Replaces the ticket types. Tickets keep the type they have.
    async fn set_ticket_types(&self, id: WorkspaceId, types: &TicketTypes) -> Result<()>;
    /// Which ticket attributes customers see, in order (checked as
    /// [`ShownAttribute::check_list`] says, else [`StoreError::Invalid`]).
    async fn set_shown_attributes(&self, id: WorkspaceId, shown: &[ShownAttribute]) -> Result<()>;
    /// Within [`AttachmentLimits::MAX`], else [`StoreError::Invalid`].
    async fn set_attachment_limits(&self, id: WorkspaceId, limits: AttachmentLimits) -> Result<()>;

    // --- Settings only the console sets -----------------------------------------

    /// The greeting is also [`Workspace::greeting`].
    async fn portal_look(&self, workspace: WorkspaceId) -> Result<PortalLook>;
    async fn set_portal_look(&self, workspace: WorkspaceId, look: &PortalLook) -> Result<()>;
    async fn portal_enabled(&self, workspace: WorkspaceId) -> Result<bool>;
    /// Sets them all together, in one write.
    async fn set_portal_behaviour(&self, workspace: WorkspaceId, behaviour: &PortalBehaviour) -> Result<()>;
    /// A disabled portal opens no session, its frame says so, and the
    /// sessions it had end (their live streams are woken to close).
    async fn set_portal_enabled(&self, workspace: WorkspaceId, enabled: bool) -> Result<()>;
    /// "JWT only": whether sign-ins by verification hash are refused.
    async fn set_jwt_only(&self, workspace: WorkspaceId, jwt_only: bool) -> Result<()>;
    /// The workspace whose standalone portal answers on `host`.
    async fn workspace_by_host(&self, host: &PortalHost) -> Result<Option<Workspace>>;
    /// Replaces who the workspace's mail comes from.
    async fn set_mail_sender(&self, workspace: WorkspaceId, sender: &portal_core::console::MailSender) -> Result<()>;
    /// Replaces the standalone portal's settings; [`StoreError::Conflict`]
    /// when another workspace has the host name.
    async fn set_standalone(&self, workspace: WorkspaceId, settings: &StandaloneSettings) -> Result<()>;
    /// Replaces the new-ticket form's fields. Tickets keep what they were given.
    async fn set_ticket_form(&self, workspace: WorkspaceId, form: &TicketForm) -> Result<()>;
    /// Replaces what admins wrote in other languages.
    async fn set_translations(&self, workspace: WorkspaceId, translations: &Translations) -> Result<()>;
}
