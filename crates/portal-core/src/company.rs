//! Companies: customers belong to zero or more, a ticket to at most one.
//! Membership is set by agents (the REST API, the CLI), never inferred from
//! an email domain.

use serde::{Deserialize, Serialize};

pub const MAX_KEY_CHARS: usize = 100;
pub const MAX_NAME_CHARS: usize = 200;
/// Companies one customer may belong to.
pub const MAX_MEMBERSHIPS: usize = 50;

/// The site's own id for a company: 1 to 100 characters of letters, digits
/// and `.`, `_`, `-`, `:`, `@`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanyKey(String);

impl CompanyKey {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let ok = (1..=MAX_KEY_CHARS).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b".-_:@".contains(&b));
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(format!(
                "company key {:?} must be 1 to {MAX_KEY_CHARS} characters of letters, digits and . _ - : @",
                raw.chars().take(MAX_KEY_CHARS + 1).collect::<String>()
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CompanyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CompanyKey {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<CompanyKey> for String {
    fn from(key: CompanyKey) -> Self {
        key.0
    }
}

/// A company's display name, trimmed: 1 to 200 characters, no control characters.
pub fn check_company_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(format!("a company name is 1 to {MAX_NAME_CHARS} characters, without control characters"));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_names() {
        for good in ["acme", "ACME-Inc.", "org:42", "a@b", &"x".repeat(100)] {
            assert!(CompanyKey::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "two words", "a/b", "é", &"x".repeat(101)] {
            assert!(CompanyKey::parse(bad).unwrap_err().contains("company key"), "{bad}");
        }
        assert_eq!(check_company_name("  Acme Inc. ").unwrap(), "Acme Inc.");
        for bad in ["", "  ", "a\nb", &"x".repeat(201)] {
            assert!(check_company_name(bad).is_err(), "{bad:?}");
        }
    }
}
