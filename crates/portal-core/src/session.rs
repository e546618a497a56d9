//! Embedded-session tokens: 256 random bits, shown to the frame once, stored
//! only as their SHA-256.

use sha2::{Digest, Sha256};

/// A bearer token as sent by the frame. Random bytes come from the caller
/// (the server's CSPRNG) so this crate stays free of IO.
#[derive(Clone)]
pub struct SessionToken(String);

impl SessionToken {
    pub const BYTES: usize = 32;

    pub fn from_random(bytes: [u8; Self::BYTES]) -> Self {
        Self(hex::encode(bytes))
    }

    /// Accepts only the exact shape the server hands out.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = raw.len() == Self::BYTES * 2 && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| Self(raw.to_string()))
    }

    /// From an `Authorization` header value.
    pub fn from_bearer_header(value: &str) -> Option<Self> {
        Self::parse(value.strip_prefix("Bearer ")?.trim())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the store keeps and looks sessions up by. Looking up by a hash of
    /// a 256-bit random value needs no constant-time compare: the attacker
    /// controls the input but not the preimage of the stored value.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_parse_strictly() {
        let token = SessionToken::from_random([0xab; 32]);
        assert_eq!(token.as_str().len(), 64);
        assert!(SessionToken::parse(token.as_str()).is_some());
        assert!(SessionToken::from_bearer_header(&format!("Bearer {}", token.as_str())).is_some());
        assert!(SessionToken::from_bearer_header(token.as_str()).is_none());
        assert!(SessionToken::parse(&token.as_str().to_uppercase()).is_none());
        assert!(SessionToken::parse(&token.as_str()[1..]).is_none());
        assert_eq!(token.hash().len(), 32);
        assert_eq!(format!("{token:?}"), "SessionToken(..)");
    }
}
