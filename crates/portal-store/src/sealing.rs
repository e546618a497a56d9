//! Secrets at rest: values the store must be able to read back (the
//! workspaces' identity-verification secrets) are sealed with a server key
//! (XChaCha20-Poly1305), so a copy of the database alone signs nobody in.
//!
//! A [`KeyRing`] holds one or more 256-bit keys: the first seals, all of them
//! unseal, so a key can be replaced without a moment in which stored values
//! cannot be read. A sealed value names the key that sealed it and is bound
//! to what it belongs to (the `context`, such as the workspace), so it cannot
//! be moved to another row.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// What every sealed value starts with; anything else was stored before
/// sealing existed (and is sealed when the store opens).
const PREFIX: &str = "v1.";
const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;

/// Why a key ring or a sealed value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("a key must be 64 hexadecimal characters (256 bits); got {0} characters")]
    BadKey(usize),
    #[error("no key given")]
    NoKey,
    #[error("sealed with key {0}, which is not in the key ring")]
    UnknownKey(String),
    #[error("not a sealed value")]
    Malformed,
    #[error("the sealed value does not open with its key (altered, or moved from another row)")]
    Tampered,
}

struct Key {
    /// The first 4 bytes of the key's SHA-256, in hex: names the key in a
    /// sealed value without revealing it.
    id: String,
    cipher: XChaCha20Poly1305,
}

/// The server's sealing keys. Cheap to clone; never prints a key.
#[derive(Clone)]
pub struct KeyRing {
    keys: Arc<[Key]>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRing").field("key_ids", &self.key_ids()).finish()
    }
}

impl KeyRing {
    /// Reads keys written as hex, separated by white space or commas; the
    /// first is the one that seals.
    pub fn parse(text: &str) -> Result<Self, SealError> {
        let keys = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|word| !word.is_empty())
            .map(|word| {
                let bytes = hex::decode(word).map_err(|_| SealError::BadKey(word.chars().count()))?;
                let bytes: [u8; KEY_BYTES] = bytes.try_into().map_err(|_| SealError::BadKey(word.chars().count()))?;
                Ok(Key::new(&bytes))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(SealError::NoKey);
        }
        Ok(Self { keys: keys.into() })
    }

    /// A new random key, as the hex text [`KeyRing::parse`] reads.
    pub fn generate_key() -> String {
        hex::encode(rand::random::<[u8; KEY_BYTES]>())
    }

    /// A ring of one new random key (for tests and first starts).
    pub fn generate() -> Self {
        Self::parse(&Self::generate_key()).expect("a generated key parses")
    }

    /// The ids of the keys, the sealing one first.
    pub fn key_ids(&self) -> Vec<&str> {
        self.keys.iter().map(|key| key.id.as_str()).collect()
    }

    /// Whether `value` was sealed (by any key), rather than stored plain.
    pub fn is_sealed(value: &str) -> bool {
        value.starts_with(PREFIX)
    }

    /// Seals `plain` for `context` with the first key.
    pub fn seal(&self, plain: &str, context: &str) -> String {
        let key = &self.keys[0];
        let nonce_bytes = rand::random::<[u8; NONCE_BYTES]>();
        let payload = Payload { msg: plain.as_bytes(), aad: context.as_bytes() };
        let sealed =
            key.cipher.encrypt(XNonce::from_slice(&nonce_bytes), payload).expect("sealing a short value cannot fail");
        format!("{PREFIX}{}.{}.{}", key.id, hex::encode(nonce_bytes), hex::encode(sealed))
    }

    /// Opens a value [`KeyRing::seal`] made for the same `context`.
    pub fn unseal(&self, sealed: &str, context: &str) -> Result<String, SealError> {
        let rest = sealed.strip_prefix(PREFIX).ok_or(SealError::Malformed)?;
        let mut parts = rest.split('.');
        let (Some(id), Some(nonce), Some(body), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(SealError::Malformed);
        };
        let nonce: [u8; NONCE_BYTES] =
            hex::decode(nonce).ok().and_then(|n| n.try_into().ok()).ok_or(SealError::Malformed)?;
        let body = hex::decode(body).map_err(|_| SealError::Malformed)?;
        let key = self.keys.iter().find(|key| key.id == id).ok_or_else(|| SealError::UnknownKey(id.to_string()))?;
        let plain = key
            .cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &body, aad: context.as_bytes() })
            .map_err(|_| SealError::Tampered)?;
        String::from_utf8(plain).map_err(|_| SealError::Tampered)
    }
}

impl Key {
    fn new(bytes: &[u8; KEY_BYTES]) -> Self {
        Self { id: hex::encode(&Sha256::digest(bytes)[..4]), cipher: XChaCha20Poly1305::new(bytes.into()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "4f1c2a9e0b7d3c5a8e6f1d2c3b4a59687766554433221100ffeeddccbbaa9988";

    #[test]
    fn a_sealed_value_opens_with_its_ring_and_context_only() {
        let ring = KeyRing::generate();
        let sealed = ring.seal(SECRET, "workspace 1");
        assert!(KeyRing::is_sealed(&sealed) && !sealed.contains(SECRET), "{sealed}");
        assert_ne!(sealed, ring.seal(SECRET, "workspace 1"), "a fresh nonce each time");
        assert_eq!(ring.unseal(&sealed, "workspace 1").unwrap(), SECRET);
        assert_eq!(ring.unseal(&sealed, "workspace 2"), Err(SealError::Tampered), "moved to another workspace");
        let other = KeyRing::generate();
        assert!(matches!(other.unseal(&sealed, "workspace 1"), Err(SealError::UnknownKey(_))));

        let mut altered = sealed.clone();
        let last = altered.pop().unwrap();
        altered.push(if last == '0' { '1' } else { '0' });
        assert_eq!(ring.unseal(&altered, "workspace 1"), Err(SealError::Tampered));
        for garbled in [SECRET, "v1.", "v1.a.b", "v1.abcd.zz.00", "v1.a.b.c.d"] {
            assert!(ring.unseal(garbled, "workspace 1").is_err(), "{garbled}");
        }
    }

    #[test]
    fn the_first_key_seals_and_every_key_opens() {
        let (old, new) = (KeyRing::generate_key(), KeyRing::generate_key());
        let before = KeyRing::parse(&old).unwrap().seal(SECRET, "c");
        let both = KeyRing::parse(&format!("{new}\n{old}\n")).unwrap();
        assert_eq!(both.unseal(&before, "c").unwrap(), SECRET);
        let after = both.seal(SECRET, "c");
        assert_eq!(KeyRing::parse(&new).unwrap().unseal(&after, "c").unwrap(), SECRET);
        assert!(KeyRing::parse(&old).unwrap().unseal(&after, "c").is_err());
        assert_eq!(KeyRing::parse(&format!("{new}, {old}")).unwrap().key_ids(), both.key_ids());
    }

    #[test]
    fn bad_keys_are_refused_and_keys_are_never_printed() {
        assert_eq!(KeyRing::parse("").unwrap_err(), SealError::NoKey);
        assert_eq!(KeyRing::parse(" \n").unwrap_err(), SealError::NoKey);
        assert_eq!(KeyRing::parse("abcd").unwrap_err(), SealError::BadKey(4));
        assert_eq!(KeyRing::parse(&"zz".repeat(32)).unwrap_err(), SealError::BadKey(64));
        let key = KeyRing::generate_key();
        let printed = format!("{:?}", KeyRing::parse(&key).unwrap());
        assert!(!printed.contains(&key) && printed.contains("key_ids"), "{printed}");
    }
}
