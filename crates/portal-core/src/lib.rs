//! The domain of the customer portal: identity verification, the values that
//! cross the trust boundary (parsed once at the edge, trusted inside), and the
//! access scope every customer-data query takes.
//!
//! No IO and no async runtime: this crate compiles for `wasm32` so the
//! browser bundle shares the same types and validation.

pub mod access;
pub mod attachment;
pub mod attributes;
pub mod audience;
pub mod company;
pub mod console;
pub mod conversation;
pub mod embed;
pub mod identity;
pub mod inbound;
pub mod jwt;
pub mod listing;
pub mod message;
pub mod model;
pub mod retry;
pub mod routing;
pub mod session;
pub mod slack;
pub mod standalone;
pub mod ticket_form;
pub mod ticket_type;
pub mod time;
pub mod translations;
pub mod visibility;
pub mod webhook;

pub use access::{AgentScope, CustomerScope, TokenName};
pub use attachment::{AttachmentError, AttachmentInfo, AttachmentLimits, AttachmentName, FileKind};
pub use attributes::{AttributeView, ShownAttribute, TicketAttributes};
pub use company::CompanyKey;
pub use conversation::{
    AuthorKind, EventKind, IdempotencyKey, MessageBody, MessageView, PortalEvent, PublicMessage, TicketDescription,
    TicketDetail, TicketTitle, TicketView,
};
pub use embed::{AllowedOrigins, HostMessage, InitUser, MessageError, MessageValue, Origin};
pub use identity::{IdentityError, company_claim, sign, sign_email, verify, verify_email_hash};
pub use jwt::{Claim, TokenRefusal, VerifiedToken};
pub use message::{Message, MessageArg};
pub use model::*;
pub use session::SessionToken;
pub use standalone::{
    AccessEvent, AccessEventKind, PortalHost, SessionKind, SessionRecord, SignInUrl, SitePage, StandaloneSettings,
};
pub use ticket_form::{FieldKind, FormField, TicketForm};
pub use ticket_type::{TicketType, TicketTypes};
pub use translations::{LanguageTexts, TranslationError, Translations};
pub use visibility::TicketVisibility;
