//! The console's values: who works in it ([`Role`]), what an admin may set
//! about the portal's look ([`PortalLook`]), and the password rule. Each is
//! parsed once, with an error that says what is wrong.

use crate::embed::Origin;
use serde::{Deserialize, Serialize};

/// What a console account may do. Agents work tickets, customers and
/// companies; admins also change the portal's settings, secrets and accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Agent,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Agent => "agent",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        match raw {
            "admin" => Ok(Self::Admin),
            "agent" => Ok(Self::Agent),
            _ => Err(ConsoleError::UnknownRole(raw.chars().take(20).collect())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsoleError {
    #[error("the role must be admin or agent, not {0:?}")]
    UnknownRole(String),
    #[error("the password must be {min} to {max} characters")]
    PasswordLength { min: usize, max: usize },
    #[error("the brand colour must be a hex colour like #3b5bdb")]
    BrandColor,
    #[error(
        "the logo URL must be an https:// address (http:// only on localhost) without spaces or quotes, \
         at most {max} characters"
    )]
    LogoUrl { max: usize },
    #[error(
        "the sign-in page must be an https:// address (http:// only on localhost) without spaces, quotes or #, \
         at most {max} characters"
    )]
    SignInUrl { max: usize },
    #[error("the host name must be a DNS name like support.example.com, optionally with a port")]
    PortalHost,
    #[error("the theme must be auto, light or dark")]
    Theme,
    #[error("the greeting must be at most {max} characters, on one line")]
    Greeting { max: usize },
    #[error("the display name must be 1 to {max} characters, without control characters")]
    AgentName { max: usize },
    #[error("the sender's name must be at most {max} characters, on one line")]
    SenderName { max: usize },
    #[error("the reply-to address must be an email address, or empty")]
    ReplyTo,
    #[error(
        "the site's support page must be an https:// address (http:// only on localhost) without spaces, quotes \
         or #, at most {max} characters"
    )]
    SitePage { max: usize },
}

impl ConsoleError {
    /// What to tell the account, as a catalog message (`console.ftl`): a
    /// reason, to follow "Nothing was changed:".
    pub fn message(&self) -> crate::Message {
        use crate::Message as M;
        match self {
            Self::UnknownRole(role) => M::new("console-error-role").text("role", role.as_str()),
            Self::PasswordLength { min, max } => {
                M::new("console-error-password-length").number("min", *min).number("max", *max)
            }
            Self::BrandColor => M::new("console-error-brand-color"),
            Self::LogoUrl { max } => M::new("console-error-logo-url").number("max", *max),
            Self::SignInUrl { max } => M::new("console-error-sign-in-url").number("max", *max),
            Self::PortalHost => M::new("console-error-portal-host"),
            Self::Theme => M::new("console-error-theme"),
            Self::Greeting { max } => M::new("console-error-greeting").number("max", *max),
            Self::AgentName { max } => M::new("console-error-agent-name").number("max", *max),
            Self::SenderName { max } => M::new("console-error-sender-name").number("max", *max),
            Self::ReplyTo => M::new("console-error-reply-to"),
            Self::SitePage { max } => M::new("console-error-site-page").number("max", *max),
        }
    }
}

/// Who a workspace's mail comes from, as its admins set it: the sender's
/// name (empty: the workspace's name) and the address replies go to when
/// the portal takes no mail in itself (empty: the sender's address).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailSender {
    pub from_name: String,
    pub reply_to: Option<crate::Email>,
}

impl MailSender {
    pub const MAX_NAME_CHARS: usize = 100;

    pub fn parse(from_name: &str, reply_to: &str) -> Result<Self, ConsoleError> {
        let from_name = from_name.trim();
        if from_name.chars().count() > Self::MAX_NAME_CHARS || from_name.chars().any(char::is_control) {
            return Err(ConsoleError::SenderName { max: Self::MAX_NAME_CHARS });
        }
        let reply_to = match reply_to.trim() {
            "" => None,
            raw => Some(crate::Email::parse(raw).map_err(|_| ConsoleError::ReplyTo)?),
        };
        Ok(Self { from_name: from_name.to_string(), reply_to })
    }
}

/// Passwords are long enough to resist guessing (NIST SP 800-63B's minimum
/// for chosen passwords is 8; we ask 10) and short enough to hash cheaply.
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 256;

pub fn check_password(password: &str) -> Result<(), ConsoleError> {
    let chars = password.chars().count();
    if (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&chars) {
        Ok(())
    } else {
        Err(ConsoleError::PasswordLength { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS })
    }
}

pub const AGENT_NAME_MAX_CHARS: usize = 200;

/// An agent's display name, as customers see it on replies.
pub fn check_agent_name(raw: &str) -> Result<String, ConsoleError> {
    let name = raw.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > AGENT_NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(ConsoleError::AgentName { max: AGENT_NAME_MAX_CHARS });
    }
    Ok(name.to_string())
}

/// Light or dark, or whatever the customer's system prefers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        match raw {
            "auto" => Ok(Self::Auto),
            "light" => Ok(Self::Light),
            "dark" => Ok(Self::Dark),
            _ => Err(ConsoleError::Theme),
        }
    }
}

/// `#rrggbb`, lower case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BrandColor(String);

impl BrandColor {
    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        let raw = raw.trim();
        match raw.strip_prefix('#') {
            Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Ok(Self(raw.to_ascii_lowercase()))
            }
            _ => Err(ConsoleError::BrandColor),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BrandColor {
    fn default() -> Self {
        Self("#3b5bdb".into())
    }
}

impl TryFrom<String> for BrandColor {
    type Error = ConsoleError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<BrandColor> for String {
    fn from(value: BrandColor) -> Self {
        value.0
    }
}

/// Where the portal's logo is loaded from: https, or http on the machine
/// itself (for trying things out). Empty means no logo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogoUrl(String);

impl LogoUrl {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        web_address(raw, Self::MAX_LEN).ok_or(ConsoleError::LogoUrl { max: Self::MAX_LEN })?;
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<String> for LogoUrl {
    type Error = ConsoleError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LogoUrl> for String {
    fn from(value: LogoUrl) -> Self {
        value.0
    }
}

/// Whether an origin is this machine (`localhost`, `127.0.0.1`, `[::1]`).
/// Whether `raw` is an address a browser may be sent to or load from: at
/// most `max` bytes, https (http only on the machine itself), a host
/// without credentials, and no spaces, quotes or angle brackets.
pub(crate) fn web_address(raw: &str, max: usize) -> Option<()> {
    let clean = raw.len() <= max
        && raw.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`'));
    let (scheme, rest) = raw.split_once("://")?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = Origin::parse(&format!("{scheme}://{}", &rest[..host_end])).ok()?;
    let secure = origin.as_str().starts_with("https://") || is_loopback(&origin);
    (clean && secure && !rest[..host_end].contains('@')).then_some(())
}

pub fn is_loopback(origin: &Origin) -> bool {
    let host = origin.as_str().split_once("://").map_or("", |(_, rest)| rest);
    let host = host.rsplit_once(':').filter(|(_, port)| !port.contains(']')).map_or(host, |(h, _)| h);
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

pub const GREETING_MAX_CHARS: usize = 200;

/// The line the portal opens with. May be empty.
pub fn check_greeting(raw: &str) -> Result<String, ConsoleError> {
    let greeting = raw.trim();
    if greeting.chars().count() > GREETING_MAX_CHARS || greeting.chars().any(char::is_control) {
        return Err(ConsoleError::Greeting { max: GREETING_MAX_CHARS });
    }
    Ok(greeting.to_string())
}

/// How the portal looks to customers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalLook {
    pub greeting: String,
    pub brand_color: BrandColor,
    pub logo_url: LogoUrl,
    pub theme: Theme,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_senders() {
        let sender = MailSender::parse(" Acme Support ", " help@acme.com ").unwrap();
        assert_eq!((sender.from_name.as_str(), sender.reply_to.unwrap().as_str()), ("Acme Support", "help@acme.com"));
        assert_eq!(MailSender::parse("", ""), Ok(MailSender::default()));
        let long = "x".repeat(MailSender::MAX_NAME_CHARS + 1);
        for (name, reply_to) in [(long.as_str(), ""), ("a\nb", ""), ("Acme", "nope"), ("Acme", "a@b@c")] {
            assert!(MailSender::parse(name, reply_to).is_err(), "{name:?} {reply_to:?}");
        }
    }

    #[test]
    fn brand_colours() {
        assert_eq!(BrandColor::parse(" #AA00ff ").unwrap().as_str(), "#aa00ff");
        for bad in ["", "aa00ff", "#aa00f", "#aa00ffe", "#gg0000", "red", "#aa00ff;x", "url(x)"] {
            assert_eq!(BrandColor::parse(bad), Err(ConsoleError::BrandColor), "{bad:?}");
        }
    }

    #[test]
    fn logo_urls() {
        for ok in [
            "",
            "https://cdn.example.com/logo.png",
            "https://example.com",
            "http://localhost:3000/logo.svg",
            "http://127.0.0.1/l.png?v=2",
        ] {
            assert_eq!(LogoUrl::parse(ok).unwrap().as_str(), ok, "{ok:?}");
        }
        for bad in [
            "http://example.com/logo.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "//example.com/logo.png",
            "https://exa mple.com/x.png",
            "https://example.com/\"onerror=x",
            "https://user@example.com/x.png",
            "ftp://example.com/x.png",
            &format!("https://example.com/{}", "a".repeat(2000)),
        ] {
            assert!(LogoUrl::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn loopback_origins() {
        for (raw, loopback) in [
            ("http://localhost:8080", true),
            ("http://127.0.0.1", true),
            ("http://[::1]:3000", true),
            ("http://localhost.example.com", false),
            ("https://example.com", false),
        ] {
            assert_eq!(is_loopback(&Origin::parse(raw).unwrap()), loopback, "{raw}");
        }
    }

    #[test]
    fn passwords_greetings_names_roles_themes() {
        assert!(check_password("short").is_err());
        assert!(check_password(&"x".repeat(257)).is_err());
        assert!(check_password("correct horse").is_ok());
        assert_eq!(check_greeting("  Hi there  ").unwrap(), "Hi there");
        assert!(check_greeting("two\nlines").is_err());
        assert!(check_greeting(&"x".repeat(201)).is_err());
        assert!(check_agent_name("  ").is_err());
        assert_eq!(check_agent_name(" Dana ").unwrap(), "Dana");
        assert_eq!(Role::parse("admin"), Ok(Role::Admin));
        assert!(Role::parse("root").is_err());
        assert_eq!(Theme::parse("dark"), Ok(Theme::Dark));
        assert!(Theme::parse("blue").is_err());
    }
}
