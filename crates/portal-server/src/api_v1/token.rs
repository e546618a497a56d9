//! API tokens: `pt_` and 256 random bits as 64 lower-case hex characters,
//! shown once when created and stored only as their SHA-256 (as session
//! tokens are, see [`portal_core::SessionToken`]).

use crate::now_millis;
use portal_core::TokenName;
use portal_core::WorkspaceId;
use portal_store::{ApiToken, Store, StoreError};
use sha2::{Digest, Sha256};

/// An API token as its holder sends it: `Authorization: Bearer pt_<64 hex>`.
#[derive(Clone)]
pub struct ApiTokenSecret(String);

impl ApiTokenSecret {
    pub const PREFIX: &'static str = "pt_";
    pub const BYTES: usize = 32;

    /// A new token from the operating system's CSPRNG.
    pub fn generate() -> Self {
        Self::from_random(rand::random::<[u8; Self::BYTES]>())
    }

    pub fn from_random(bytes: [u8; Self::BYTES]) -> Self {
        Self(format!("{}{}", Self::PREFIX, hex::encode(bytes)))
    }

    /// Accepts only the exact shape [`ApiTokenSecret::generate`] makes.
    pub fn parse(raw: &str) -> Option<Self> {
        let hex = raw.strip_prefix(Self::PREFIX)?;
        let ok = hex.len() == Self::BYTES * 2 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| Self(raw.to_string()))
    }

    /// From an `Authorization` header value; the scheme name is
    /// case-insensitive (RFC 7235).
    pub fn from_bearer_header(value: &str) -> Option<Self> {
        let (scheme, token) = value.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        Self::parse(token.trim())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the store keeps and looks tokens up by. As for sessions, looking
    /// up by the hash of a 256-bit random value needs no constant-time
    /// compare.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }
}

impl std::fmt::Debug for ApiTokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiTokenSecret(..)")
    }
}

/// Makes a token for `workspace` and stores its hash. The returned secret is
/// the only copy: show it once.
pub async fn issue(
    store: &dyn Store,
    workspace: WorkspaceId,
    name: &TokenName,
) -> Result<(ApiToken, ApiTokenSecret), StoreError> {
    let secret = ApiTokenSecret::generate();
    let token = store.create_api_token(workspace, name, &secret.hash(), now_millis()).await?;
    Ok((token, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_parse_strictly() {
        let token = ApiTokenSecret::from_random([0xab; 32]);
        assert_eq!(token.as_str().len(), 67);
        assert!(token.as_str().starts_with("pt_"));
        assert!(ApiTokenSecret::parse(token.as_str()).is_some());
        for header in [format!("Bearer {}", token.as_str()), format!("bearer  {} ", token.as_str())] {
            assert!(ApiTokenSecret::from_bearer_header(&header).is_some(), "{header:?}");
        }
        assert!(ApiTokenSecret::from_bearer_header(token.as_str()).is_none());
        assert!(ApiTokenSecret::from_bearer_header(&format!("Basic {}", token.as_str())).is_none());
        assert!(ApiTokenSecret::parse(&token.as_str()[3..]).is_none(), "the prefix is required");
        assert!(ApiTokenSecret::parse(&token.as_str().to_uppercase()).is_none());
        assert!(ApiTokenSecret::parse(&token.as_str()[..66]).is_none());
        assert_eq!(token.hash().len(), 32);
        assert_ne!(ApiTokenSecret::generate().as_str(), ApiTokenSecret::generate().as_str());
        assert_eq!(format!("{token:?}"), "ApiTokenSecret(..)");
    }
}
