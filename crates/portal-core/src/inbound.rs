//! Email coming in: which ticket a customer's mail answers, and what of its
//! text is new.
//!
//! Each notification the portal mails carries a reply address of its own,
//! `support+<token>@acme.com`: the token is random, and the store keeps only
//! its hash, so a token cannot be guessed or made up, only copied from a
//! mail the portal sent. `In-Reply-To` and `References` are the second way
//! to find the ticket; they are not secret, so only the sender rule (the
//! ticket's customer, or a participant) makes such a mail a public message.

use crate::conversation::MessageBody;
use crate::model::TicketNumber;
use sha2::{Digest, Sha256};

/// The token in a reply address: 128 random bits as 32 lower-case hex
/// digits, short enough for a local part (at most 64 characters) and safe
/// from mail software that changes the case of addresses.
#[derive(Clone, PartialEq, Eq)]
pub struct ReplyToken(String);

impl ReplyToken {
    pub const BYTES: usize = 16;

    pub fn from_random(bytes: [u8; Self::BYTES]) -> Self {
        Self(hex::encode(bytes))
    }

    /// The token as written in an address, in either case.
    pub fn parse(raw: &str) -> Option<Self> {
        let token = raw.to_ascii_lowercase();
        let ok = token.len() == Self::BYTES * 2 && token.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then_some(Self(token))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the store keeps and looks the token up by.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }
}

impl std::fmt::Debug for ReplyToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplyToken(..)")
    }
}

/// The portal's address for mail in, such as `support@portal.example`:
/// replies go to `support+<token>@portal.example`, and new mail for a
/// workspace to `support+<workspace>@portal.example` (the API, which knows
/// the workspace by its token, also takes the bare address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundAddress {
    local: String,
    domain: String,
}

/// What one address a mail was sent to says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressed {
    /// Not the portal's address.
    Elsewhere,
    /// The portal's address without a tag.
    New,
    /// A reply address with a well-formed token.
    Reply(ReplyToken),
    /// The portal's address with a tag that is no token: a workspace's
    /// slug, or made up.
    Workspace(String),
}

impl InboundAddress {
    pub fn parse(raw: &str) -> Option<Self> {
        let (local, domain) = raw.trim().split_once('@')?;
        let fine =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && !b"@<>\"(),;:[]\\".contains(&b));
        (fine(local) && fine(domain) && !local.contains('+'))
            .then(|| Self { local: local.to_ascii_lowercase(), domain: domain.to_ascii_lowercase() })
    }

    /// Where new mail for the workspace `slug` goes.
    pub fn workspace_address(&self, slug: &str) -> String {
        format!("{}+{slug}@{}", self.local, self.domain)
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The address replies to the mail holding `token` go to.
    pub fn reply_address(&self, token: &ReplyToken) -> String {
        format!("{}+{}@{}", self.local, token.as_str(), self.domain)
    }

    /// What `address` (one recipient of a mail in) means to the portal.
    pub fn read(&self, address: &str) -> Addressed {
        let Some((local, domain)) = address.trim().rsplit_once('@') else { return Addressed::Elsewhere };
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return Addressed::Elsewhere;
        }
        match local.split_once('+') {
            None if local.eq_ignore_ascii_case(&self.local) => Addressed::New,
            Some((base, tag)) if base.eq_ignore_ascii_case(&self.local) => {
                ReplyToken::parse(tag).map_or_else(|| Addressed::Workspace(tag.to_ascii_lowercase()), Addressed::Reply)
            }
            _ => Addressed::Elsewhere,
        }
    }
}

impl std::fmt::Display for InboundAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

/// The `Message-ID` the mail of an agent's reply carries.
pub fn reply_message_id(message_id: i64, workspace_slug: &str, host: &str) -> String {
    format!("<reply-{message_id}.{workspace_slug}@{host}>")
}

/// The id every mail of a ticket refers to, so mail clients thread them.
pub fn ticket_thread_id(number: TicketNumber, workspace_slug: &str, host: &str) -> String {
    format!("<ticket-{number}.{workspace_slug}@{host}>")
}

/// The ticket of the workspace that one of `ids` (a mail's `In-Reply-To`
/// and `References`, with or without angle brackets) names.
pub fn thread_ticket<'a>(ids: impl IntoIterator<Item = &'a str>, workspace_slug: &str) -> Option<TicketNumber> {
    ids.into_iter().find_map(|id| {
        let id = id.trim().trim_start_matches('<').trim_end_matches('>');
        let (left, _host) = id.split_once('@')?;
        let (number, slug) = left.strip_prefix("ticket-")?.split_once('.')?;
        (slug == workspace_slug).then(|| number.parse().ok().map(TicketNumber)).flatten()
    })
}

/// An attribution ("On … wrote:") names the writer in a word of the
/// portal's languages, ends with a colon and is followed by quoted lines.
const ATTRIBUTION_WORDS: &[&str] = &["wrote", "schrieb", "écrit", "escribió", "escreveu", "のメッセージ", "كتب"];
/// How an attribution wrapped over two lines starts.
const ATTRIBUTION_OPENINGS: &[&str] = &["On ", "Am ", "Le ", "El ", "Em "];
const QUOTE_HEADERS: &[&str] = &["-----Original Message-----", "-----Ursprüngliche Nachricht-----", "________________"];
const DEVICE_FOOTERS: &[&str] =
    &["Sent from my ", "Von meinem ", "Envoyé de mon ", "Enviado desde mi ", "Enviado do meu "];

/// What the customer wrote: the mail's text without the history it quotes
/// and without the signature. Inline answers between quoted lines stay.
pub fn new_text(body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let quoted_after = |i: usize| {
        lines[i + 1..].iter().map(|line| line.trim()).find(|line| !line.is_empty()).is_none_or(|l| l.starts_with('>'))
    };
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let attribution = trimmed.ends_with(':')
            && !trimmed.starts_with('>')
            && ATTRIBUTION_WORDS.iter().any(|word| trimmed.contains(word))
            && quoted_after(i);
        if *line == "--" || *line == "-- " || QUOTE_HEADERS.iter().any(|h| trimmed.starts_with(h)) || attribution {
            let wrapped = attribution
                && i > 0
                && ATTRIBUTION_OPENINGS.iter().any(|opening| lines[i - 1].starts_with(opening))
                && !ATTRIBUTION_OPENINGS.iter().any(|opening| trimmed.starts_with(opening));
            end = if wrapped { i - 1 } else { i };
            break;
        }
    }
    let kept: Vec<&str> = lines[..end]
        .iter()
        .copied()
        .filter(|line| !line.trim_start().starts_with('>'))
        .filter(|line| !DEVICE_FOOTERS.iter().any(|footer| line.trim().starts_with(footer)))
        .collect();
    // Blank lines left where quotes were collapse to one.
    let mut text = String::new();
    for line in kept {
        if line.trim().is_empty() && (text.is_empty() || text.ends_with("\n\n")) {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text.trim().to_string()
}

/// A mail's text as a message: the new text, cut to the longest message
/// the portal keeps (a note says so); `None` when nothing new is left.
pub fn message_body(body: &str) -> Option<MessageBody> {
    let text = new_text(body);
    if text.is_empty() {
        return None;
    }
    let limit = MessageBody::MAX_CHARS - 20;
    let text = if text.chars().count() > MessageBody::MAX_CHARS {
        format!("{}\n\n[…]", text.chars().take(limit).collect::<String>())
    } else {
        text
    };
    MessageBody::parse(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_addresses_carry_the_token_and_read_back() {
        let inbound = InboundAddress::parse("Support@Acme.com").unwrap();
        let token = ReplyToken::from_random([7; 16]);
        let address = inbound.reply_address(&token);
        assert_eq!(address, format!("support+{}@acme.com", "07".repeat(16)));
        assert!(address.split('@').next().unwrap().len() <= 64);
        assert_eq!(inbound.read(&address), Addressed::Reply(token.clone()));
        assert_eq!(inbound.read(&address.to_uppercase()), Addressed::Reply(token));
        assert_eq!(inbound.read("SUPPORT@acme.com"), Addressed::New);
        assert_eq!(inbound.read("support+Globex@acme.com"), Addressed::Workspace("globex".into()));
        assert_eq!(inbound.read(&format!("support+{}@acme.com", "0".repeat(30))), Addressed::Workspace("0".repeat(30)));
        assert_eq!(inbound.read("support@elsewhere.com"), Addressed::Elsewhere);
        assert_eq!(inbound.read("sales+0707@acme.com"), Addressed::Elsewhere);
        for bad in ["", "support", "a+b@acme.com", "@acme.com", "a b@acme.com", "<a@b>"] {
            assert_eq!(InboundAddress::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_mail_threads_to_its_workspaces_ticket_only() {
        let id = ticket_thread_id(TicketNumber(42), "acme", "portal.example");
        assert_eq!(thread_ticket([id.as_str()], "acme"), Some(TicketNumber(42)));
        assert_eq!(thread_ticket(["<other@x>", "ticket-7.acme@h"], "acme"), Some(TicketNumber(7)));
        assert_eq!(thread_ticket([id.as_str()], "globex"), None);
        assert_eq!(thread_ticket(["<reply-3.acme@h>", "<ticket-x.acme@h>"], "acme"), None);
    }

    #[test]
    fn quoted_history_and_signatures_are_removed() {
        let mail = "Thanks, that fixed it.\n\nOne more thing: the export.\n\n\
                    On Mon, 1 Dec 2026 at 10:00, Acme Support <support+ab@acme.com> wrote:\n\
                    > Try turning it off and on.\n> \n> -- \n> Acme\n";
        assert_eq!(new_text(mail), "Thanks, that fixed it.\n\nOne more thing: the export.");
        let wrapped = "Yes.\n\nOn Mon, 1 Dec 2026 at 10:00, Acme Support <\nsupport+ab@acme.com> wrote:\n> old\n";
        assert_eq!(new_text(wrapped), "Yes.");
        let signed = "See attached.\n-- \nAna Lima\nAcme Corp\n";
        assert_eq!(new_text(signed), "See attached.");
        let outlook = "Done.\r\n\r\n-----Original Message-----\r\nFrom: Support\r\n";
        assert_eq!(new_text(outlook), "Done.");
        let german = "Danke!\n\nAm 01.12.2026 um 10:00 schrieb Acme Support <support@acme.com>:\n> alt\n";
        assert_eq!(new_text(german), "Danke!");
        let inline = "> Which version?\n2.1\n> Which browser?\nFirefox\n";
        assert_eq!(new_text(inline), "2.1\nFirefox");
        assert_eq!(new_text("Ok\n\nSent from my phone\n"), "Ok");
        assert_eq!(new_text("> only quotes\n"), "");
        // A colon after "wrote" with no quote below is the customer's own text.
        assert_eq!(
            new_text("This is what I wrote:\nthe report is empty"),
            "This is what I wrote:\nthe report is empty"
        );
    }

    #[test]
    fn a_long_mail_is_cut_to_a_message_and_an_empty_one_is_none() {
        let long = "x".repeat(MessageBody::MAX_CHARS + 5);
        let body = message_body(&long).unwrap();
        assert!(body.as_str().ends_with("[…]") && body.as_str().chars().count() <= MessageBody::MAX_CHARS);
        assert_eq!(message_body("> quoted\n-- \nsig"), None);
    }
}
