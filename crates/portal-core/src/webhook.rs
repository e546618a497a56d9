//! Outgoing webhooks: the events a workspace's endpoints may receive, the
//! addresses they may have, and the signature each request carries.
//!
//! A request's body is JSON; its `Portal-Signature` header is
//! `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the
//! endpoint's secret. A receiver recomputes it, compares in constant time
//! and refuses a `t` more than a few minutes old (a replayed request).

use crate::console::web_address;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;

type HmacSha256 = Hmac<Sha256>;

/// The header a delivery's signature travels in.
pub const SIGNATURE_HEADER: &str = "Portal-Signature";
/// The longest endpoint URL.
pub const URL_MAX: usize = 2000;
/// How old a signature's time may be when [`verify_signature`] checks it.
pub const TOLERANCE_SECONDS: i64 = 5 * 60;

/// What an endpoint may be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    /// A ticket was opened (from any channel).
    TicketCreated,
    /// A ticket's status or participants changed.
    TicketUpdated,
    /// A message was written: a public one, or (to endpoints that opted
    /// in) an agent's internal note.
    MessageCreated,
    /// A customer was first seen.
    CustomerCreated,
}

impl WebhookEvent {
    pub const ALL: [Self; 4] = [Self::TicketCreated, Self::TicketUpdated, Self::MessageCreated, Self::CustomerCreated];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TicketCreated => "ticket.created",
            Self::TicketUpdated => "ticket.updated",
            Self::MessageCreated => "message.created",
            Self::CustomerCreated => "customer.created",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.as_str() == raw)
    }
}

/// Why an endpoint's settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error(
        "the URL must be an https:// address (http:// only for localhost) of at most {URL_MAX} characters, without a user name"
    )]
    Url,
    #[error("the URL points into a private, loopback or link-local network, which this server does not send to")]
    PrivateTarget,
    #[error(
        "unknown event type {0:?}; the types are ticket.created, ticket.updated, message.created and customer.created"
    )]
    UnknownEvent(String),
    #[error("choose at least one event type")]
    NoEvents,
}

/// The events an endpoint receives: a set, kept in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventTypes(Vec<WebhookEvent>);

impl EventTypes {
    /// From event type names; at least one, each known, repeats ignored.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, WebhookError> {
        let mut events = Vec::new();
        for name in names {
            let event = WebhookEvent::parse(name.trim()).ok_or_else(|| WebhookError::UnknownEvent(name.to_string()))?;
            events.push(event);
        }
        events.sort();
        events.dedup();
        if events.is_empty() {
            return Err(WebhookError::NoEvents);
        }
        Ok(Self(events))
    }

    /// As stored: the names joined by commas (what the database's triggers
    /// match against).
    pub fn to_stored(&self) -> String {
        self.0.iter().map(|event| event.as_str()).collect::<Vec<_>>().join(",")
    }

    /// From [`Self::to_stored`]; unknown names (from a later version) are skipped.
    pub fn from_stored(stored: &str) -> Self {
        Self(stored.split(',').filter_map(WebhookEvent::parse).collect())
    }

    pub fn contains(&self, event: WebhookEvent) -> bool {
        self.0.contains(&event)
    }

    pub fn iter(&self) -> impl Iterator<Item = WebhookEvent> + '_ {
        self.0.iter().copied()
    }
}

/// An endpoint's address: `https://` (or `http://` on localhost), no user
/// name or password, and no literal address in a network the portal keeps
/// requests out of (see [`is_private_target`]) unless `allowed` says so.
/// Host names are checked again when a delivery resolves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    pub fn parse(raw: &str, allowed: &AllowedNetworks) -> Result<Self, WebhookError> {
        let raw = raw.trim();
        web_address(raw, URL_MAX).ok_or(WebhookError::Url)?;
        if let Some(ip) = literal_host(raw)
            && !allowed.permits(ip)
        {
            return Err(WebhookError::PrivateTarget);
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The host of a URL when it is an IP address (`localhost` counts as the
/// loopback address it names).
fn literal_host(url: &str) -> Option<IpAddr> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    if host.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::from([127, 0, 0, 1]));
    }
    host.parse().ok()
}

/// Whether `ip` is in a network webhooks stay out of unless configured:
/// private, loopback, link-local, shared (carrier-grade NAT), unspecified,
/// multicast or broadcast; IPv4 addresses mapped into IPv6 count as
/// themselves. These reach the portal's own machine and network, not a
/// customer's integration.
pub fn is_private_target(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_private_target(IpAddr::V4(v4)),
            None => {
                v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local()
            }
        },
    }
}

/// The networks of [`is_private_target`] a server's configuration opens to
/// webhooks anyway (`webhook_allowed_networks`, such as `["10.1.0.0/16"]`):
/// an integration on the same private network.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedNetworks(Vec<ipnet::IpNet>);

impl AllowedNetworks {
    /// From CIDR blocks (`10.0.0.0/8`) or single addresses.
    pub fn parse<S: AsRef<str>>(blocks: &[S]) -> Result<Self, String> {
        blocks
            .iter()
            .map(|block| {
                let block = block.as_ref().trim();
                block
                    .parse::<ipnet::IpNet>()
                    .or_else(|_| block.parse::<IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("{block:?} is not a network like 10.0.0.0/8 or an address"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether a webhook may be sent to `ip`: a public address, or one of
    /// these networks.
    pub fn permits(&self, ip: IpAddr) -> bool {
        !is_private_target(ip) || self.0.iter().any(|net| net.contains(&ip))
    }
}

/// The `Portal-Signature` value for `body` sent at `unix_seconds`.
pub fn signature(secret: &[u8], unix_seconds: i64, body: &[u8]) -> String {
    format!("t={unix_seconds},v1={}", hex::encode(mac(secret, unix_seconds, body).finalize().into_bytes()))
}

/// Checks a `Portal-Signature` value as a receiver does: a `v1` that is the
/// HMAC of `t.body` (compared in constant time), and a `t` within
/// [`TOLERANCE_SECONDS`] of `now_seconds`.
pub fn verify_signature(header: &str, secret: &[u8], body: &[u8], now_seconds: i64) -> bool {
    let mut time = None;
    let mut given = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => time = t.parse::<i64>().ok(),
            Some(("v1", v1)) => given.extend(hex::decode(v1).ok()),
            _ => {}
        }
    }
    let Some(time) = time else { return false };
    if (now_seconds - time).abs() > TOLERANCE_SECONDS {
        return false;
    }
    given.iter().any(|v1| mac(secret, time, body).verify_slice(v1).is_ok())
}

fn mac(secret: &[u8], unix_seconds: i64, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// A new endpoint secret: `whsec_` and 64 hexadecimal characters (256
/// random bits from the caller).
pub fn new_secret(random: [u8; 32]) -> String {
    format!("whsec_{}", hex::encode(random))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_private() -> AllowedNetworks {
        AllowedNetworks::default()
    }

    #[test]
    fn event_types_parse_sort_and_refuse_unknown_names() {
        let events = EventTypes::parse(["message.created", "ticket.created", "message.created"]).unwrap();
        assert_eq!(events.to_stored(), "ticket.created,message.created");
        assert_eq!(EventTypes::from_stored(&events.to_stored()), events);
        assert_eq!(EventTypes::parse(["ticket.deleted"]), Err(WebhookError::UnknownEvent("ticket.deleted".into())));
        assert_eq!(EventTypes::parse([]), Err(WebhookError::NoEvents));
    }

    #[test]
    fn urls_must_be_https_and_public_unless_allowed() {
        assert!(WebhookUrl::parse("https://hooks.example.com/portal?x=1", &no_private()).is_ok());
        for bad in ["http://hooks.example.com/", "ftp://x.example/", "https://user:pw@example.com/", "", "https://"] {
            assert_eq!(WebhookUrl::parse(bad, &no_private()), Err(WebhookError::Url), "{bad}");
        }
        for private in [
            "https://10.1.2.3/",
            "https://192.168.0.1:8443/x",
            "https://169.254.169.254/latest/meta-data",
            "http://127.0.0.1:9000/",
            "http://localhost:9000/",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://100.64.0.1/",
        ] {
            assert_eq!(WebhookUrl::parse(private, &no_private()), Err(WebhookError::PrivateTarget), "{private}");
        }
        let loopback = AllowedNetworks::parse(&["127.0.0.0/8", "::1"]).unwrap();
        assert!(WebhookUrl::parse("http://127.0.0.1:9000/hook", &loopback).is_ok());
        assert!(WebhookUrl::parse("http://localhost:9000/hook", &loopback).is_ok());
        assert_eq!(WebhookUrl::parse("https://10.0.0.1/", &loopback), Err(WebhookError::PrivateTarget));
        assert!(AllowedNetworks::parse(&["10.0.0.0/33"]).is_err());
        assert!(is_private_target("::ffff:10.0.0.1".parse().unwrap()));
        assert!(!is_private_target("93.184.216.34".parse().unwrap()));
        assert!(!is_private_target("2606:2800:220:1::1".parse().unwrap()));
    }

    #[test]
    fn a_signature_verifies_only_with_its_secret_body_and_a_recent_time() {
        let header = signature(b"whsec_a", 1_700_000_000, b"{\"id\":1}");
        assert!(verify_signature(&header, b"whsec_a", b"{\"id\":1}", 1_700_000_100));
        assert!(!verify_signature(&header, b"whsec_b", b"{\"id\":1}", 1_700_000_100));
        assert!(!verify_signature(&header, b"whsec_a", b"{\"id\":2}", 1_700_000_100));
        assert!(!verify_signature(&header, b"whsec_a", b"{\"id\":1}", 1_700_000_000 + TOLERANCE_SECONDS + 1));
        assert!(!verify_signature("v1=00", b"whsec_a", b"", 0));
        // The HMAC of "t.body", as any language computes it.
        assert_eq!(signature(b"secret", 1, b"body"), format!("t=1,v1={}", crate::identity::sign(b"secret", "1.body")));
    }
}
