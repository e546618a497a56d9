//! The fixtures the contract tests share. Running a body once per backend
//! is `portal_store::testing` (the `testing` feature), shared with the
//! server's HTTP tests.

use portal_core::access::AgentScope;
use portal_core::access::TokenName;
use portal_core::{
    AllowedOrigins, CustomerId, CustomerName, CustomerScope, Email, IdempotencyKey, MessageBody, Millis, Origin,
    SecretId, SessionLifetime, TicketDescription, TicketNumber, TicketStatus, TicketTitle, TicketTypes, WorkspaceId,
    WorkspaceSlug,
};
use portal_store::{AgentNewTicket, AgentPost, CustomerReply, NewSession, NewTicket, NewWorkspace, Store, Workspace};

pub use portal_store::CustomerTicket;
pub use portal_store::testing::on_each_backend;

/// A fixed "now" so tests control every timestamp.
pub const NOW: Millis = 1_700_000_000_000;
pub const HOUR: Millis = SessionLifetime::HOUR;

pub fn slug(raw: &str) -> WorkspaceSlug {
    WorkspaceSlug::parse(raw).unwrap()
}

pub fn origin(raw: &str) -> Origin {
    Origin::parse(raw).unwrap()
}

/// The allowed origins `raw`, each an origin.
pub fn origins(raw: &[&str]) -> AllowedOrigins {
    AllowedOrigins::parse(raw.iter().copied()).unwrap()
}

pub fn description(raw: &str) -> TicketDescription {
    TicketDescription::parse(raw).unwrap()
}

pub fn token_name(raw: &str) -> TokenName {
    TokenName::parse(raw).unwrap()
}

pub fn ticket_types(raw: &[&str]) -> TicketTypes {
    TicketTypes::parse(raw).unwrap()
}

pub fn email(raw: &str) -> Email {
    Email::parse(raw).unwrap()
}

pub fn name(raw: &str) -> CustomerName {
    CustomerName::parse(raw).unwrap()
}

pub fn new_workspace(raw_slug: &str) -> NewWorkspace {
    NewWorkspace {
        slug: slug(raw_slug),
        name: format!("Workspace {raw_slug}"),
        greeting: "How can we help?".into(),
        allowed_origins: origins(&["https://example.com"]),
        session_lifetime: SessionLifetime::DEFAULT,
        portal_enabled: true,
    }
}

pub async fn workspace(store: &dyn Store, raw_slug: &str) -> Workspace {
    store.create_workspace(&new_workspace(raw_slug), NOW).await.unwrap()
}

pub fn ticket(title: &str) -> NewTicket {
    NewTicket { title: title.into(), description: format!("About {title}"), status: TicketStatus::Open }
}

/// A fresh random token hash.
pub fn token_hash() -> Vec<u8> {
    rand::random::<[u8; 32]>().to_vec()
}

pub fn new_session(workspace: WorkspaceId, customer: CustomerId, secret: SecretId, hash: &[u8]) -> NewSession {
    NewSession {
        workspace_id: workspace,
        customer_id: customer,
        secret_id: secret,
        token_hash: hash.to_vec(),
        origin: origin("https://example.com"),
        kind: portal_core::SessionKind::Embedded,
        browser: "Firefox".into(),
        expires_at: NOW + HOUR,
    }
}

/// Signs a customer in the only way there is: upsert, open a session, and
/// look it up. Returns the customer's id and scope.
pub async fn sign_in(store: &dyn Store, workspace: WorkspaceId, raw_email: &str) -> (CustomerId, CustomerScope) {
    let secret = match store.active_secrets(workspace, NOW).await.unwrap().pop() {
        Some(secret) => secret,
        None => store.add_secret(workspace, "fixture-secret", NOW).await.unwrap(),
    };
    let customer = store.upsert_customer(workspace, &email(raw_email), &name("Fixture"), NOW).await.unwrap();
    let hash = token_hash();
    store.open_session(&new_session(workspace, customer.id, secret.id, &hash), NOW).await.unwrap();
    let session = store.active_session(&hash, NOW).await.unwrap().expect("the session just opened is active");
    (
        customer.id,
        CustomerScope::for_session(&session).expect("the workspace admits everyone unless a test says otherwise"),
    )
}

pub fn body(raw: &str) -> MessageBody {
    MessageBody::parse(raw).unwrap()
}

pub fn key(raw: &str) -> IdempotencyKey {
    IdempotencyKey::parse(raw).unwrap()
}

/// A reply with no files.
pub fn text<'a>(body: &'a MessageBody, key: &'a IdempotencyKey) -> CustomerReply<'a> {
    CustomerReply { body, key, attachments: &[] }
}

pub fn title(raw: &str) -> TicketTitle {
    TicketTitle::parse(raw).unwrap()
}

/// A fresh random idempotency key.
pub fn fresh_key() -> IdempotencyKey {
    key(&format!("key-{}", hex::encode(rand::random::<[u8; 12]>())))
}

/// An agent of `workspace`, the only way there is: create an API token and
/// look it up.
pub async fn agent(store: &dyn Store, workspace: WorkspaceId) -> AgentScope {
    let hash = token_hash();
    store.create_api_token(workspace, &token_name("fixture agent"), &hash, NOW).await.unwrap();
    let token = store.active_api_token(&hash).await.unwrap().expect("the token just created is active");
    AgentScope::for_api_token(&token)
}

/// A public reply (`internal: false`) or an internal note, by "Agent Smith",
/// without an idempotency key.
pub fn agent_post(text: &str, internal: bool) -> AgentPost {
    AgentPost { body: body(text), internal, author_name: "Agent Smith".into(), key: None }
}

/// Opens a ticket as the scope's customer, with no type.
pub async fn customer_ticket(store: &dyn Store, scope: &CustomerScope, raw_title: &str, at: Millis) -> TicketNumber {
    store
        .customer_create_ticket(scope, &CustomerTicket::new(&title(raw_title), &description("")), at)
        .await
        .unwrap()
        .number
}

/// A ticket an agent opens for a customer (found by email or created), in
/// no company, with no attributes.
pub fn new_ticket_for(raw_email: &str, raw_name: &str, ticket_type: Option<&str>) -> AgentNewTicket {
    AgentNewTicket {
        customer_email: email(raw_email),
        customer_name: name(raw_name),
        title: title("Follow-up"),
        description: description("From a phone call."),
        ticket_type: ticket_type.map(str::to_string),
        attributes: Default::default(),
        company: None,
        channel: Default::default(),
        mail_key: None,
    }
}
