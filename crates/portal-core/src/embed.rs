//! The embed protocol between the host page's loader and the portal frame.
//!
//! The loader posts `{type: "init", user: {...}}` or `{type: "stop"}` to the
//! frame with the portal's exact origin; the frame answers `ready`, `stopped`
//! and `signed-in` to the parent. Everything that arrives is untrusted and
//! parsed here, in the browser and again on the server.

use crate::model::{CustomerName, Email, ValidationError};
use serde::{Deserialize, Serialize};

/// A web origin: `scheme://host[:port]`, http or https, lower case, with the
/// scheme's default port dropped (as browsers report `event.origin`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Origin(String);

impl Origin {
    /// `https` or `http`.
    pub fn scheme(&self) -> &str {
        self.0.split_once("://").map_or("", |(scheme, _)| scheme)
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let invalid = || ValidationError::InvalidOrigin(raw.chars().take(100).collect());
        let lower = raw.trim().to_ascii_lowercase();
        let (scheme, rest) = lower.split_once("://").ok_or_else(invalid)?;
        let default_port = match scheme {
            "http" => "80",
            "https" => "443",
            _ => return Err(invalid()),
        };
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, Some(port)),
            _ => (rest, None),
        };
        let host_ok = !host.is_empty()
            && (host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                || (host.starts_with('[')
                    && host.ends_with(']')
                    && host[1..host.len() - 1].bytes().all(|b| b.is_ascii_hexdigit() || b == b':')));
        let port_ok = port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
        });
        if !host_ok || !port_ok {
            return Err(invalid());
        }
        Ok(Self(match port {
            Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
            _ => format!("{scheme}://{host}"),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Origin {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Origin> for String {
    fn from(value: Origin) -> Self {
        value.0
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The origins a workspace lets embed its portal: at most
/// [`AllowedOrigins::MAX`], none twice. The console and the command line
/// both parse them here, so both refuse what the other would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(Vec<Origin>);

impl AllowedOrigins {
    pub const MAX: usize = 20;

    /// Each item an origin (blank ones skipped); a repeated origin counts once.
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self, ValidationError> {
        let mut origins: Vec<Origin> = Vec::new();
        for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
            let origin = Origin::parse(item)?;
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        if origins.len() > Self::MAX {
            return Err(ValidationError::TooManyOrigins { max: Self::MAX });
        }
        Ok(Self(origins))
    }

    /// Just `origin`.
    pub fn single(origin: Origin) -> Self {
        Self(vec![origin])
    }

    /// One origin per line, as the console's form sends them.
    pub fn parse_lines(text: &str) -> Result<Self, ValidationError> {
        Self::parse(text.lines())
    }

    pub fn as_slice(&self) -> &[Origin] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<AllowedOrigins> for Vec<Origin> {
    fn from(value: AllowedOrigins) -> Self {
        value.0
    }
}

/// The user the host page signs in: `helpCenter("init", {user: {...}})`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitUser {
    pub name: CustomerName,
    pub email: Email,
    /// `hex(HMAC-SHA256(secret, email))`; checked by the server only.
    pub verification_hash: String,
    /// The customer's companies as the site claims them: company keys,
    /// comma-separated; `None` leaves their memberships as they are.
    pub companies: Option<String>,
    /// `hex(HMAC-SHA256(secret, company_claim(email, companies)))`.
    pub companies_hash: String,
}

/// A message from the host page, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostMessage {
    Init(InitUser),
    /// `helpCenter("init", {user: {jwt}})`: a sign-in token (see
    /// [`crate::jwt`]), checked by the server only. Whatever else `user`
    /// holds is ignored: the token says who it is.
    InitToken(String),
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// Not meant for the portal (another script's message): ignore quietly.
    #[error("not a portal message")]
    Foreign,
    #[error("the init call has no user: call helpCenter(\"init\", {{user: {{name, email, verificationHash}}}})")]
    MissingUser,
    #[error("user.{0} must be a string")]
    NotAString(&'static str),
    #[error("user.verificationHash (or companiesHash) is longer than a SHA-256 hex digest")]
    HashTooLong,
    #[error("user.companies is longer than {0} characters")]
    CompaniesTooLong(usize),
    #[error("user.jwt is longer than {0} characters")]
    TokenTooLong(usize),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

impl HostMessage {
    /// Longest hash string accepted for checking; anything longer is refused
    /// before it reaches the server.
    const MAX_HASH_LEN: usize = 128;
    /// Longest company claim accepted: 50 keys of up to 64 characters.
    const MAX_COMPANIES_LEN: usize = 50 * 65;

    pub fn parse<M: MessageValue>(data: &M) -> Result<Self, MessageError> {
        let kind = data.get("type").and_then(|t| t.text()).ok_or(MessageError::Foreign)?;
        match kind.as_str() {
            "stop" => Ok(Self::Stop),
            "init" => {
                let user = data.get("user").filter(M::is_object).ok_or(MessageError::MissingUser)?;
                if let Some(jwt) = user.get("jwt").filter(|v| !v.is_null()) {
                    let jwt = jwt.text().ok_or(MessageError::NotAString("jwt"))?;
                    if jwt.len() > crate::jwt::MAX_TOKEN_LEN {
                        return Err(MessageError::TokenTooLong(crate::jwt::MAX_TOKEN_LEN));
                    }
                    return Ok(Self::InitToken(jwt));
                }
                // A missing name is an anonymous customer; a missing hash goes on
                // to the server, which refuses it like any other bad signature.
                let field = |key: &'static str, absent_ok: bool| -> Result<String, MessageError> {
                    match user.get(key) {
                        None if absent_ok => Ok(String::new()),
                        Some(v) if absent_ok && v.is_null() => Ok(String::new()),
                        Some(v) => v.text().ok_or(MessageError::NotAString(key)),
                        None => Err(MessageError::NotAString(key)),
                    }
                };
                let hash = field("verificationHash", true)?;
                let companies_hash = field("companiesHash", true)?;
                if hash.len().max(companies_hash.len()) > Self::MAX_HASH_LEN {
                    return Err(MessageError::HashTooLong);
                }
                let companies = field("companies", true)?;
                if companies.len() > Self::MAX_COMPANIES_LEN {
                    return Err(MessageError::CompaniesTooLong(Self::MAX_COMPANIES_LEN));
                }
                Ok(Self::Init(InitUser {
                    name: CustomerName::parse(&field("name", true)?)?,
                    email: Email::parse(&field("email", false)?)?,
                    verification_hash: hash,
                    companies: (!companies.is_empty()).then_some(companies),
                    companies_hash,
                }))
            }
            _ => Err(MessageError::Foreign),
        }
    }
}

/// Read access to a structured-clone value as `postMessage` delivers it.
/// The browser reads the JavaScript object directly (no JSON round trip, no
/// JSON parser in the bundle); tests use `serde_json::Value`.
pub trait MessageValue: Sized {
    /// The property `key` of an object; `None` when absent or not an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The value if it is a string.
    fn text(&self) -> Option<String>;
    fn is_object(&self) -> bool;
    fn is_null(&self) -> bool;
}

#[cfg(test)]
impl MessageValue for serde_json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn allowed_origins_are_origins_each_once_and_few() {
        let ok = AllowedOrigins::parse_lines("https://example.com\n\n  http://localhost:3000 \nhttps://EXAMPLE.com")
            .unwrap();
        assert_eq!(
            ok.as_slice().iter().map(Origin::as_str).collect::<Vec<_>>(),
            ["https://example.com", "http://localhost:3000"]
        );
        for bad in
            ["*", "https://example.com/path", "javascript:alert(1)", "example.com", "https://*.example.com", "null"]
        {
            assert!(AllowedOrigins::parse_lines(bad).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..=AllowedOrigins::MAX).map(|i| format!("https://s{i}.example.com")).collect();
        assert_eq!(
            AllowedOrigins::parse(many.iter().map(String::as_str)),
            Err(ValidationError::TooManyOrigins { max: AllowedOrigins::MAX })
        );
        let repeated = vec!["https://example.com"; AllowedOrigins::MAX + 5];
        assert_eq!(AllowedOrigins::parse(repeated).unwrap().len(), 1, "repeats count once");
    }

    #[test]
    fn origins() {
        let ok = [
            ("http://127.0.0.1:3001", "http://127.0.0.1:3001"),
            ("HTTPS://Example.COM", "https://example.com"),
            ("https://example.com:443", "https://example.com"),
            ("http://localhost:80", "http://localhost"),
            ("http://[::1]:8080", "http://[::1]:8080"),
        ];
        for (raw, want) in ok {
            assert_eq!(Origin::parse(raw).unwrap().as_str(), want, "{raw}");
        }
        let bad = [
            "*",
            "example.com",
            "https://example.com/",
            "https://example.com/path",
            "javascript:alert(1)",
            "ftp://example.com",
            "https://user@example.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://",
            "https://exa mple.com",
            "https://example.com?x",
        ];
        for raw in bad {
            assert!(Origin::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn init_with_a_token() {
        let token = json!({"type": "init", "user": {"jwt": "a.b.c"}});
        assert_eq!(HostMessage::parse(&token), Ok(HostMessage::InitToken("a.b.c".into())));
        // The token says who it is: a name or email beside it is not read.
        let beside = json!({"type": "init", "user": {"jwt": "a.b.c", "email": 5, "name": "x".repeat(10_000)}});
        assert_eq!(HostMessage::parse(&beside), Ok(HostMessage::InitToken("a.b.c".into())));
        // `jwt: null` is no token: the hash fields are read as before.
        let null = json!({"type": "init", "user": {"jwt": null, "email": "a@b.c", "verificationHash": "ab"}});
        assert!(matches!(HostMessage::parse(&null), Ok(HostMessage::Init(_))));
        let cases = [
            (json!({"type": "init", "user": {"jwt": 7}}), MessageError::NotAString("jwt")),
            (json!({"type": "init", "user": {"jwt": ["a.b.c"]}}), MessageError::NotAString("jwt")),
            (
                json!({"type": "init", "user": {"jwt": "a".repeat(crate::jwt::MAX_TOKEN_LEN + 1)}}),
                MessageError::TokenTooLong(crate::jwt::MAX_TOKEN_LEN),
            ),
        ];
        for (data, want) in cases {
            assert_eq!(HostMessage::parse(&data), Err(want), "{data:.60}");
        }
    }

    #[test]
    fn init_messages() {
        let good =
            json!({"type": "init", "user": {"name": "John", "email": "john@example.com", "verificationHash": "ab"}});
        let HostMessage::Init(user) = HostMessage::parse(&good).unwrap() else { panic!() };
        assert_eq!(user.email.as_str(), "john@example.com");
        assert_eq!(HostMessage::parse(&json!({"type": "stop"})), Ok(HostMessage::Stop));

        let no_name = json!({"type": "init", "user": {"email": "a@b.c", "verificationHash": "ab"}});
        assert!(HostMessage::parse(&no_name).is_ok());
        let no_hash = json!({"type": "init", "user": {"email": "a@b.c"}});
        let HostMessage::Init(user) = HostMessage::parse(&no_hash).unwrap() else { panic!() };
        assert_eq!(user.verification_hash, "");

        let cases = [
            (json!("hello"), MessageError::Foreign),
            (json!({"type": "other"}), MessageError::Foreign),
            (json!({"type": "init"}), MessageError::MissingUser),
            (json!({"type": "init", "user": "john"}), MessageError::MissingUser),
            (json!({"type": "init", "user": {"email": 5, "verificationHash": ""}}), MessageError::NotAString("email")),
            (
                json!({"type": "init", "user": {"email": "a@b.c", "verificationHash": 7}}),
                MessageError::NotAString("verificationHash"),
            ),
            (
                json!({"type": "init", "user": {"email": "a@b.c", "verificationHash": "a".repeat(129)}}),
                MessageError::HashTooLong,
            ),
            (
                json!({"type": "init", "user": {"name": "x".repeat(10_000_000), "email": "a@b.c", "verificationHash": ""}}),
                MessageError::Invalid(ValidationError::NameTooLong { max: 200 }),
            ),
        ];
        for (data, want) in cases {
            assert_eq!(HostMessage::parse(&data), Err(want), "{data:.60}");
        }
    }
}
