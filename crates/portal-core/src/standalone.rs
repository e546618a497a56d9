//! The standalone portal: the values its settings and sign-ins take, and
//! what a customer's own account page shows of their sessions.

use crate::console::{ConsoleError, web_address};
use crate::model::Millis;
use serde::{Deserialize, Serialize};

/// Where a session lives: in the site's frame (a bearer token in the
/// frame's memory) or on the standalone portal (a first-party cookie). A
/// token works only the way it was handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Embedded,
    Standalone,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Embedded => "embedded",
            Self::Standalone => "standalone",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "embedded" => Some(Self::Embedded),
            "standalone" => Some(Self::Standalone),
            _ => None,
        }
    }
}

/// The site's own login page, where custom sign-on sends a visitor who is
/// not signed in (with `return_to`). Empty: the workspace has no custom
/// sign-on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInUrl(String);

impl SignInUrl {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        web_address(raw, Self::MAX_LEN).ok_or(ConsoleError::SignInUrl { max: Self::MAX_LEN })?;
        if raw.contains('#') {
            return Err(ConsoleError::SignInUrl { max: Self::MAX_LEN });
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// This page with `return_to` added to its query.
    pub fn with_return_to(&self, return_to: &str) -> String {
        let separator = if self.0.contains('?') { '&' } else { '?' };
        let query: String =
            form_urlencoded::Serializer::new(String::new()).append_pair("return_to", return_to).finish();
        format!("{}{separator}{query}", self.0)
    }
}

/// The site's own page that holds the portal's frame (such as
/// `https://app.acme.com/support`): where a mail's link to a ticket goes,
/// as `<page>#ticket=<number>`, for the loader to open that ticket. Empty:
/// links go to the standalone portal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitePage(String);

impl SitePage {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, ConsoleError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        match web_address(raw, Self::MAX_LEN) {
            Some(_) if !raw.contains('#') => Ok(Self(raw.to_string())),
            _ => Err(ConsoleError::SitePage { max: Self::MAX_LEN }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The page, opening ticket `number` in its frame.
    pub fn ticket_link(&self, number: crate::TicketNumber) -> String {
        format!("{}#ticket={number}", self.0)
    }
}

/// A host name the standalone portal answers on for one workspace
/// (`support.acme.com`), optionally with a port: lower-case letters,
/// digits, hyphens and dots, as in DNS.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PortalHost(String);

impl PortalHost {
    pub const MAX_LEN: usize = 253;

    /// `None` for an empty value (no host of its own).
    pub fn parse(raw: &str) -> Result<Option<Self>, ConsoleError> {
        let host = raw.trim().to_ascii_lowercase();
        if host.is_empty() {
            return Ok(None);
        }
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host.as_str(), None),
        };
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
        if host.len() > Self::MAX_LEN || !name.split('.').all(label_ok) || !port_ok {
            return Err(ConsoleError::PortalHost);
        }
        Ok(Some(Self(host)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a workspace's standalone portal signs customers in, and where it
/// answers besides `/p/{workspace}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandaloneSettings {
    /// Custom sign-on: the site's login page. Empty: none.
    pub sign_in_url: SignInUrl,
    /// Whether the frame offers "Open in a new tab".
    pub new_tab_allowed: bool,
    /// The host name that serves this workspace's portal alone.
    pub host: Option<PortalHost>,
    /// Whether customers may sign in with a one-time code mailed to them.
    pub email_sign_in: bool,
    /// The site's page with the frame, where mail links to tickets go.
    pub site_page: SitePage,
}

/// Where a sign-in returns to: a page of the workspace's standalone portal
/// (a path under `/p/{workspace}`), else its first page. Anything else (a
/// full address, `//elsewhere`, a backslash) is ignored, so a sign-in link
/// cannot send anyone off the portal.
pub fn return_path(workspace: &str, asked: Option<&str>) -> String {
    let home = format!("/p/{workspace}/");
    let Some(asked) = asked else { return home };
    let base = format!("/p/{workspace}");
    let inside = asked == base || asked.starts_with(&format!("{base}/")) || asked.starts_with(&format!("{base}?"));
    let plain = asked.bytes().all(|b| b.is_ascii_graphic()) && !asked.contains("//") && !asked.contains('\\');
    if inside && plain && asked.len() <= 2000 { asked.to_string() } else { home }
}

/// The family of a browser as its `User-Agent` names it, for a customer to
/// recognise their own sessions ("Firefox", "Chrome"); never the version.
pub fn browser_family(user_agent: &str) -> &'static str {
    // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
    const FAMILIES: [(&str, &str); 6] = [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    FAMILIES.iter().find(|(marker, _)| user_agent.contains(marker)).map_or("Other", |(_, family)| family)
}

/// A session as the customer's account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRecord {
    pub kind: SessionKind,
    /// The embedding page's origin, or the standalone portal's.
    pub origin: String,
    pub browser: String,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub revoked_at: Option<Millis>,
}

impl SessionRecord {
    pub fn is_live(&self, now: Millis) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// What happened, in a customer's access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessEventKind {
    SignedIn,
    /// A sign-in of theirs was refused (a replayed token, a disabled account).
    Refused,
    /// They downloaded their data.
    Exported,
    SignedOutEverywhere,
}

impl AccessEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignedIn => "signed-in",
            Self::Refused => "refused",
            Self::Exported => "exported",
            Self::SignedOutEverywhere => "signed-out-everywhere",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::SignedIn, Self::Refused, Self::Exported, Self::SignedOutEverywhere]
            .into_iter()
            .find(|kind| kind.as_str() == raw)
    }
}

/// One line of a customer's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessEvent {
    pub at: Millis,
    pub event: AccessEventKind,
    pub kind: SessionKind,
    /// The embedding page's origin, or the standalone portal's.
    pub origin: String,
    pub browser: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_urls_are_web_pages() {
        assert!(SignInUrl::parse("").unwrap().is_empty());
        let url = SignInUrl::parse(" https://acme.example/login ").unwrap();
        assert_eq!(
            url.with_return_to("https://p.example/p/acme/?a=1"),
            "https://acme.example/login?return_to=https%3A%2F%2Fp.example%2Fp%2Facme%2F%3Fa%3D1"
        );
        let with_query = SignInUrl::parse("https://acme.example/login?from=portal").unwrap();
        assert!(with_query.with_return_to("x").starts_with("https://acme.example/login?from=portal&return_to="));
        assert!(SignInUrl::parse("http://localhost:4000/login").is_ok());
        for bad in [
            "http://acme.example/login",
            "javascript:alert(1)",
            "https://a@b.example/",
            "https://acme.example/<x>",
            "https://acme.example/#top",
            "acme.example",
        ] {
            assert!(SignInUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn portal_hosts_are_dns_names() {
        assert_eq!(PortalHost::parse("").unwrap(), None);
        assert_eq!(PortalHost::parse(" Support.ACME.com ").unwrap().unwrap().as_str(), "support.acme.com");
        assert!(PortalHost::parse("localhost:3000").unwrap().is_some());
        for bad in
            ["-a.com", "a..com", "a_b.com", "a.com:0", "a.com:99999", "a.com:", "https://a.com", "a.com/x", "é.com"]
        {
            assert!(PortalHost::parse(bad).is_err(), "{bad}");
        }
        assert!(PortalHost::parse(&"a".repeat(64)).is_err());
    }

    #[test]
    fn sign_ins_return_only_into_the_workspaces_portal() {
        assert_eq!(return_path("acme", None), "/p/acme/");
        assert_eq!(return_path("acme", Some("/p/acme/tickets/3")), "/p/acme/tickets/3");
        assert_eq!(return_path("acme", Some("/p/acme?tab=mine")), "/p/acme?tab=mine");
        for bad in [
            "https://evil.example/",
            "//evil.example/p/acme/",
            "/p/acmeco/",
            "/p/acme/\\evil",
            "/p/acme//evil.example",
            "/p/other/",
            "/p/acme/\n",
        ] {
            assert_eq!(return_path("acme", Some(bad)), "/p/acme/", "{bad:?}");
        }
    }

    #[test]
    fn browsers_are_named_by_family() {
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(browser_family(chrome), "Chrome");
        assert_eq!(browser_family(&format!("{chrome} Edg/120.0")), "Edge");
        assert_eq!(browser_family("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"), "Firefox");
        assert_eq!(
            browser_family("Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15"),
            "Safari"
        );
        assert_eq!(browser_family("curl/8.0"), "Other");
    }

    #[test]
    fn access_events_round_trip_their_names() {
        for kind in [
            AccessEventKind::SignedIn,
            AccessEventKind::Refused,
            AccessEventKind::Exported,
            AccessEventKind::SignedOutEverywhere,
        ] {
            assert_eq!(AccessEventKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SessionKind::parse("standalone"), Some(SessionKind::Standalone));
        assert_eq!(SessionKind::parse("other"), None);
    }
}
