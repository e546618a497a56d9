//! Slack: checking that a request came from Slack, and moving text between
//! Slack's `mrkdwn` and the portal's Markdown.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a request's timestamp may be from the server's clock: older
/// requests are replays.
pub const TOLERANCE_SECONDS: i64 = 5 * 60;
/// The prefix that makes a thread reply an internal note, unless the
/// workspace chose another.
pub const DEFAULT_NOTE_PREFIX: &str = "!note";

/// Whether `signature` (`X-Slack-Signature`, `v0=<hex>`) is Slack's v0
/// signature of `body` at `timestamp` (`X-Slack-Request-Timestamp`) with
/// the app's signing secret, made within [`TOLERANCE_SECONDS`] of
/// `now_seconds`. The comparison takes the same time whatever the bytes.
pub fn verify_request(signing_secret: &str, timestamp: &str, signature: &str, body: &[u8], now_seconds: i64) -> bool {
    let Ok(time) = timestamp.parse::<i64>() else { return false };
    if (now_seconds - time).abs() > TOLERANCE_SECONDS {
        return false;
    }
    let Some(given) = signature.strip_prefix("v0=").and_then(|hex| hex::decode(hex).ok()) else { return false };
    request_mac(signing_secret, timestamp, body).verify_slice(&given).is_ok()
}

/// The `X-Slack-Signature` Slack would send (for tests and the fake Slack).
pub fn sign_request(signing_secret: &str, timestamp: &str, body: &[u8]) -> String {
    format!("v0={}", hex::encode(request_mac(signing_secret, timestamp, body).finalize().into_bytes()))
}

fn request_mac(signing_secret: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(signing_secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac
}

/// Slack's escaping of `&`, `<` and `>` in text it is sent.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A Slack message's text as Markdown: links `<url|label>` and `<url>`
/// become Markdown links, user and channel mentions keep their label, and
/// Slack's escapes are undone. Bold (`*x*`) is close enough to Markdown's
/// emphasis to stay.
pub fn to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = &after[..end];
        let (target, label) = inner.split_once('|').unwrap_or((inner, ""));
        if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
            let shown = if label.is_empty() { target.trim_start_matches("mailto:") } else { label };
            out.push_str(&format!("[{shown}]({target})"));
        } else if !label.is_empty() {
            out.push_str(label);
        } else {
            out.push_str(target.trim_start_matches(['@', '#', '!']));
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The text of a thread reply without the note prefix, when it starts with
/// it (case-insensitive, then white space or the end): `Some(rest)` for a
/// note, `None` for a public reply.
pub fn strip_note_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let trimmed = text.trim_start();
    let head = trimmed.get(..prefix.len())?;
    let rest = &trimmed[prefix.len()..];
    (!prefix.is_empty() && head.eq_ignore_ascii_case(prefix) && rest.chars().next().is_none_or(char::is_whitespace))
        .then(|| rest.trim())
}

/// Checks a note prefix an admin chose: 1 to 20 characters, no white space.
pub fn check_note_prefix(raw: &str) -> Option<String> {
    let prefix = raw.trim();
    let fine =
        (1..=20).contains(&prefix.chars().count()) && !prefix.chars().any(|c| c.is_whitespace() || c.is_control());
    fine.then(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_verifies_only_with_its_secret_body_and_a_recent_timestamp() {
        let body = b"token=x&payload=%7B%7D";
        let signature = sign_request("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body);
        assert!(verify_request("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", &signature, body, 1531420618 + 60));
        assert!(!verify_request("another", "1531420618", &signature, body, 1531420618));
        assert!(!verify_request("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", &signature, b"changed", 1531420618));
        let replayed = 1531420618 + TOLERANCE_SECONDS + 1;
        assert!(!verify_request("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", &signature, body, replayed));
        assert!(!verify_request("s", "soon", "v0=00", body, 0));
        assert!(!verify_request("s", "0", "v1=00", body, 0));
    }

    #[test]
    fn slack_text_becomes_markdown() {
        assert_eq!(
            to_markdown("See <https://x.test/a?b=1&amp;c=2|the docs> &amp; <https://y.test>"),
            "See [the docs](https://x.test/a?b=1&c=2) & [https://y.test](https://y.test)"
        );
        assert_eq!(to_markdown("Hi <@U123|sam>, in <#C1|general> 1 &lt; 2"), "Hi sam, in general 1 < 2");
        assert_eq!(to_markdown("unclosed < here"), "unclosed < here");
        assert_eq!(escape("a < b & c"), "a &lt; b &amp; c");
    }

    #[test]
    fn the_note_prefix_makes_a_note() {
        assert_eq!(strip_note_prefix("!note checked the ledger", "!note"), Some("checked the ledger"));
        assert_eq!(strip_note_prefix("  !NOTE\nline", "!note"), Some("line"));
        assert_eq!(strip_note_prefix("!notes are public", "!note"), None);
        assert_eq!(strip_note_prefix("Thanks!", "!note"), None);
        assert_eq!(check_note_prefix(" //internal "), Some("//internal".to_string()));
        assert_eq!(check_note_prefix("two words"), None);
        assert_eq!(check_note_prefix(""), None);
    }
}
