//! Mail in: a customer's answer to a notification lands in its ticket, and
//! any other mail to the workspace opens a ticket on the `email` channel.
//!
//! The ticket is found by the reply address's token (see
//! `portal_core::inbound`), else by the threading headers. A made-up
//! token is refused, never guessed around. Whether the answer is the
//! customer's public reply or an internal note is the store's sender rule
//! (`MailStore::mail_reply`). Mail that machines send in answer to mail
//! (out-of-office notices, bounces) is taken and dropped, so two robots
//! never write to each other through a ticket.

pub mod smtp;

use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders};
use portal_app::state::{AppState, now_millis};
use portal_core::attachment::check_content;
use portal_core::inbound::{Addressed, ReplyToken, message_body, thread_ticket};
use portal_core::{
    AgentScope, CustomerName, Email, IdempotencyKey, TicketDescription, TicketNumber, TicketTitle, WorkspaceId,
};
use portal_store::{AgentChannel, AgentNewTicket, MailFile, MailIn, StoreError};
use sha2::{Digest, Sha256};

/// Largest raw message taken in (what the common mail providers accept).
pub const MAX_MAIL_BYTES: usize = 25 * 1024 * 1024;

/// What became of a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Written into ticket `number`: a public reply of the customer's, or
    /// an internal note for agents to review.
    Reply { number: TicketNumber, public: bool, duplicate: bool, files: Files },
    /// A new ticket, on the `email` channel (or, when `duplicate`, the one
    /// this same mail opened before).
    NewTicket { number: TicketNumber, files: Files, duplicate: bool },
    /// An automatic answer (out of office, a bounce): nothing written.
    Automatic,
}

/// The mail's attached files: those kept, and those not, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files {
    pub kept: Vec<String>,
    pub refused: Vec<(String, String)>,
}

/// Why a mail was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the message is not an RFC 5322 email")]
    Unreadable,
    #[error("the message has no valid From address")]
    NoSender,
    #[error("the message has no text once quotes and signature are removed")]
    Empty,
    #[error("the address names a reply token or a workspace that this workspace does not have")]
    UnknownAddress,
    #[error("the ticket this message answers does not exist")]
    UnknownTicket,
    #[error(transparent)]
    Store(StoreError),
}

/// Takes one raw message for the agent's workspace. `envelope` holds the
/// recipients the sending server named (the SMTP listener's `RCPT TO`),
/// read before the message's own headers.
pub async fn receive(
    state: &AppState,
    agent: &AgentScope,
    raw: &[u8],
    envelope: &[String],
) -> Result<Received, Refused> {
    let workspace = match state.store.workspace(agent.workspace_id()).await {
        Ok(Some(workspace)) => workspace,
        Ok(None) => return Err(Refused::Store(StoreError::NotFound)),
        Err(error) => return Err(Refused::Store(error)),
    };
    let slug = workspace.slug.as_str();
    let mail = MessageParser::default().parse(raw).ok_or(Refused::Unreadable)?;
    if is_automatic(&mail) {
        return Ok(Received::Automatic);
    }
    let from = mail.from().and_then(Address::first).ok_or(Refused::NoSender)?;
    let sender = from.address().and_then(|a| Email::parse(a).ok()).ok_or(Refused::NoSender)?;
    let sender_name = from.name().unwrap_or_default().trim().to_string();
    let text = mail.body_text(0).unwrap_or_default();
    let key = mail_key(mail.message_id(), raw);
    let now = now_millis();
    // The reply address is proof: its ticket, or a refusal. The threading
    // headers are a hint: a ticket they name that is not there is no error.
    let (number, proven) = match reply_token(state, &mail, envelope, slug)? {
        Some(token) => (Some(ticket_of_token(state, agent.workspace_id(), &token).await?), true),
        None => (thread_ticket(thread_ids(&mail).iter().map(String::as_str), slug), false),
    };
    if let Some(number) = number {
        let body = message_body(&text).ok_or(Refused::Empty)?;
        let mail_in = MailIn { sender: sender.clone(), sender_name: sender_name.clone(), body, key: key.clone() };
        match state.store.mail_reply(agent, number, &mail_in, now).await {
            Ok(outcome) => {
                // A stranger's files are not taken: nobody asked for them.
                let files = if outcome.public && !outcome.duplicate {
                    let message = Some(outcome.message_id);
                    attach(state, agent, &workspace, number, message, &mail).await
                } else {
                    Files::default()
                };
                let (public, duplicate) = (outcome.public, outcome.duplicate);
                return Ok(Received::Reply { number, public, duplicate, files });
            }
            Err(StoreError::NotFound) if !proven => {}
            Err(StoreError::NotFound) => return Err(Refused::UnknownTicket),
            Err(error) => return Err(Refused::Store(error)),
        }
    }
    // A new ticket, unless this mail opened one already: titled by the
    // subject (or the first line), the text its description.
    match state.store.mail_ticket(agent.workspace_id(), &key).await {
        Ok(Some(number)) => return Ok(Received::NewTicket { number, files: Files::default(), duplicate: true }),
        Ok(None) => {}
        Err(error) => return Err(Refused::Store(error)),
    }
    let description = message_body(&text);
    let first_line = description.as_ref().and_then(|d| d.as_str().lines().next().map(str::to_string));
    let title = mail.subject().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).or(first_line);
    let title: String = title.ok_or(Refused::Empty)?.chars().take(TicketTitle::MAX_CHARS).collect();
    let empty = || TicketDescription::parse("").expect("an empty description");
    let new = AgentNewTicket {
        customer_email: sender,
        // A name the portal cannot keep (too long, control characters) is left out.
        customer_name: CustomerName::parse(&sender_name)
            .or_else(|_| CustomerName::parse(""))
            .map_err(|_| Refused::NoSender)?,
        title: TicketTitle::parse(&title).map_err(|_| Refused::Empty)?,
        description: description.and_then(|d| TicketDescription::parse(d.as_str()).ok()).unwrap_or_else(empty),
        ticket_type: None,
        attributes: Default::default(),
        company: None,
        channel: AgentChannel::Email,
        mail_key: Some(key),
    };
    let created = state.store.agent_create_ticket(agent, &new, now).await.map_err(Refused::Store)?;
    let files = attach(state, agent, &workspace, created.number, None, &mail).await;
    Ok(Received::NewTicket { number: created.number, files, duplicate: false })
}

/// Keeps the mail's files that pass the portal's checks (the workspace's
/// count and size, names, content matching the name) on ticket `number`,
/// its message `message_id` or the ticket itself. The mail is written
/// already: a file that cannot be kept is reported, never a reason to lose
/// the text.
async fn attach(
    state: &AppState,
    agent: &AgentScope,
    workspace: &portal_store::Workspace,
    number: TicketNumber,
    message_id: Option<i64>,
    mail: &mail_parser::Message<'_>,
) -> Files {
    let limits = workspace.attachment_limits;
    let mut files = Files::default();
    let mut checked = Vec::new();
    for (index, part) in mail.attachments().enumerate() {
        let raw_name = part.attachment_name().unwrap_or("attachment").to_string();
        let content = part.contents();
        let check = if index >= limits.max_files as usize {
            Err(format!("more than {} files", limits.max_files))
        } else {
            limits
                .check_file(&raw_name, content.len() as u64)
                .and_then(|name| check_content(&name, content).map(|()| name))
                .map_err(|error| error.to_string())
        };
        match check {
            Ok(name) => checked.push((name, content)),
            Err(reason) => files.refused.push((raw_name, reason)),
        }
    }
    let mut stored = Vec::new();
    for (name, content) in checked {
        match state.blobs.put(content).await {
            Ok(blob_key) => stored.push(MailFile { name, size: content.len() as u64, blob_key }),
            Err(error) => {
                tracing::error!(%error, "storing a mailed file failed");
                files.refused.push((name.as_str().to_string(), "it could not be stored".into()));
            }
        }
    }
    let quota = state.limits.attachment_quota_bytes;
    match state.store.attach_mail_files(agent, number, message_id, &stored, quota, now_millis()).await {
        Ok(attached) => files.kept = attached.into_iter().map(|file| file.name).collect(),
        Err(error) => {
            tracing::warn!(%error, ticket = %number, "a mail's files were not kept");
            let reason = match error {
                StoreError::QuotaExceeded { .. } => "the workspace has no room for more files",
                _ => "they could not be stored",
            };
            for file in &stored {
                if let Err(error) = state.blobs.delete(&file.blob_key).await {
                    tracing::warn!(%error, "deleting an unkept file failed");
                }
                files.refused.push((file.name.as_str().to_string(), reason.into()));
            }
        }
    }
    files
}

/// `Auto-Submitted` other than `no` (RFC 3834), or a delivery report.
fn is_automatic(mail: &mail_parser::Message<'_>) -> bool {
    let auto = mail.header_raw("Auto-Submitted").map(str::trim).is_some_and(|v| !v.eq_ignore_ascii_case("no"));
    auto || mail.is_content_type("multipart", "report")
}

/// The token of the first of the mail's recipients that is a reply
/// address. A recipient naming another workspace, or a token in the wrong
/// shape, refuses the mail: it was meant for somewhere else, or made up.
fn reply_token(
    state: &AppState,
    mail: &mail_parser::Message<'_>,
    envelope: &[String],
    slug: &str,
) -> Result<Option<ReplyToken>, Refused> {
    let Some(inbound) = &state.inbound_address else { return Ok(None) };
    let listed = [mail.to(), mail.cc()].into_iter().flatten().flat_map(Address::iter).filter_map(|a| a.address());
    // What the receiving server recorded of the envelope, for Bcc and forwards.
    let recorded = ["Delivered-To", "X-Original-To"].into_iter().filter_map(|name| mail.header_raw(name));
    let recorded = recorded.map(|a| a.trim().trim_matches(['<', '>']).to_string());
    for address in envelope.iter().cloned().chain(listed.map(str::to_string)).chain(recorded) {
        match inbound.read(&address) {
            Addressed::Reply(token) => return Ok(Some(token)),
            Addressed::Workspace(tag) if tag != slug => return Err(Refused::UnknownAddress),
            Addressed::Workspace(_) | Addressed::New | Addressed::Elsewhere => {}
        }
    }
    Ok(None)
}

async fn ticket_of_token(
    state: &AppState,
    workspace: WorkspaceId,
    token: &ReplyToken,
) -> Result<TicketNumber, Refused> {
    match state.store.reply_ticket(workspace, &token.hash()).await {
        Ok(Some(number)) => Ok(number),
        Ok(None) => Err(Refused::UnknownAddress),
        Err(error) => Err(Refused::Store(error)),
    }
}

/// The ids the mail answers: `In-Reply-To`, then `References`.
fn thread_ids(mail: &mail_parser::Message<'_>) -> Vec<String> {
    let ids = |value: &HeaderValue<'_>| -> Vec<String> {
        match value {
            HeaderValue::Text(id) => vec![id.to_string()],
            HeaderValue::TextList(ids) => ids.iter().map(|id| id.to_string()).collect(),
            _ => Vec::new(),
        }
    };
    let mut all = ids(mail.in_reply_to());
    all.extend(ids(mail.references()));
    all
}

/// The same mail (by `Message-ID`, else by its bytes) gets the same key,
/// so a delivery repeated by the sending server writes one message.
fn mail_key(message_id: Option<&str>, raw: &[u8]) -> IdempotencyKey {
    let digest = match message_id {
        Some(id) => Sha256::digest(id.trim().as_bytes()),
        None => Sha256::digest(raw),
    };
    IdempotencyKey::parse(&format!("mail-{}", &hex::encode(digest)[..40])).expect("a key of hex digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_delivery_has_the_same_key() {
        let a = mail_key(Some("<abc@mail.example>"), b"one");
        assert_eq!(a, mail_key(Some("<abc@mail.example>"), b"two"));
        assert_ne!(a, mail_key(Some("<abd@mail.example>"), b"one"));
        assert_eq!(mail_key(None, b"same"), mail_key(None, b"same"));
    }

    #[test]
    fn automatic_answers_are_recognised() {
        let parse = |raw: &'static str| MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert!(is_automatic(&parse("From: a@b\r\nAuto-Submitted: auto-replied\r\n\r\nAway")));
        assert!(!is_automatic(&parse("From: a@b\r\nAuto-Submitted: no\r\n\r\nHi")));
        assert!(is_automatic(&parse(
            "From: MAILER-DAEMON@b\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x--\r\n"
        )));
        assert!(!is_automatic(&parse("From: a@b\r\nSubject: hi\r\n\r\nHello")));
    }

    #[test]
    fn threading_ids_come_from_both_headers() {
        let raw = "From: a@b\r\nIn-Reply-To: <reply-9.acme@p>\r\nReferences: <ticket-4.acme@p> <x@y>\r\n\r\nHi";
        let mail = MessageParser::default().parse(raw.as_bytes()).unwrap();
        let ids = thread_ids(&mail);
        assert_eq!(thread_ticket(ids.iter().map(String::as_str), "acme"), Some(TicketNumber(4)), "{ids:?}");
    }
}
