//! Identity verification: the host site signs the customer's email with the
//! workspace secret, `hex(HMAC-SHA256(secret, email))`, on its own server.
//!
//! The MAC is computed over the exact bytes received and compared in
//! constant time (`Mac::verify_slice`); there is no `==` on MAC bytes.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Length of a hex-encoded SHA-256 MAC.
pub const HASH_HEX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("the verification hash is missing")]
    MissingHash,
    #[error("the verification hash must be 64 lower-case hexadecimal characters")]
    MalformedHash,
    #[error("could not verify your identity")]
    Mismatch,
}

/// `hex(HMAC-SHA256(secret, email))`: what the site's server computes.
/// The portal uses it only for the demo host site and the `portal hash` tool.
pub fn sign_email(secret: &[u8], email: &str) -> String {
    sign(secret, email)
}

/// What a site signs to claim the customer's companies: the line
/// `companies`, the email, and the company keys as sent (comma-separated),
/// joined by new lines. The first line keeps a claim's signature from ever
/// passing for an email's: an email has no new line.
pub fn company_claim(email: &str, companies: &str) -> String {
    format!("companies\n{email}\n{companies}")
}

/// `hex(HMAC-SHA256(secret, message))`.
pub fn sign(secret: &[u8], message: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Parses the received hash. Only lower-case hex is accepted: every mainstream
/// HMAC library prints lower case, and a single canonical form means one
/// signature string per email.
fn parse_hash(hash: &str) -> Result<[u8; 32], IdentityError> {
    if hash.is_empty() {
        return Err(IdentityError::MissingHash);
    }
    let well_formed =
        hash.len() == HASH_HEX_LEN && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !well_formed {
        return Err(IdentityError::MalformedHash);
    }
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(hash, &mut bytes).map_err(|_| IdentityError::MalformedHash)?;
    Ok(bytes)
}

/// Verifies `hash` against every secret in `secrets` (several are active
/// during a rotation) and returns the index of the secret that matched.
///
/// Every secret is tried even after a match, so the time taken does not tell
/// which one matched.
pub fn verify_email_hash<'a>(
    secrets: impl IntoIterator<Item = &'a [u8]>,
    email: &str,
    hash: &str,
) -> Result<usize, IdentityError> {
    verify(secrets, email, hash)
}

/// Verifies `hash` over `message` as [`verify_email_hash`] does over an email.
pub fn verify<'a>(
    secrets: impl IntoIterator<Item = &'a [u8]>,
    message: &str,
    hash: &str,
) -> Result<usize, IdentityError> {
    let expected = parse_hash(hash)?;
    let mut matched = None;
    for (index, secret) in secrets.into_iter().enumerate() {
        let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
        mac.update(message.as_bytes());
        if mac.verify_slice(&expected).is_ok() && matched.is_none() {
            matched = Some(index);
        }
    }
    matched.ok_or(IdentityError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2, to pin the primitive itself.
    #[test]
    fn rfc4231_case_2() {
        let mac = sign_email(b"Jefe", "what do ya want for nothing?");
        assert_eq!(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    /// Vectors produced independently by Node's `crypto` and Python's `hmac`
    /// (see `tests/vectors/`), checked by both generators in the test command.
    #[test]
    fn independent_vectors() {
        let text = include_str!("../tests/vectors/hmac.json");
        let vectors: serde_json::Value = serde_json::from_str(text).unwrap();
        let vectors = vectors.as_array().unwrap();
        assert!(vectors.len() >= 5);
        for v in vectors {
            let secret = v["secret"].as_str().unwrap();
            let email = v["email"].as_str().unwrap();
            let hash = v["hash"].as_str().unwrap();
            assert_eq!(sign_email(secret.as_bytes(), email), hash, "{email}");
            assert_eq!(verify_email_hash([secret.as_bytes()], email, hash), Ok(0));
        }
    }

    #[test]
    fn bad_hashes_are_refused() {
        let secret = b"workspace-secret";
        let other = b"another-workspace-secret";
        let email = "alice@example.com";
        let good = sign_email(secret, email);
        let cases: Vec<(&str, String, IdentityError)> = vec![
            ("missing", String::new(), IdentityError::MissingHash),
            ("truncated", good[..63].to_string(), IdentityError::MalformedHash),
            ("half", good[..32].to_string(), IdentityError::MalformedHash),
            ("too long", format!("{good}0"), IdentityError::MalformedHash),
            ("non-hex", "z".repeat(64), IdentityError::MalformedHash),
            ("upper-case hex", good.to_uppercase(), IdentityError::MalformedHash),
            ("padded", format!(" {}", &good[1..]), IdentityError::MalformedHash),
            ("other workspace", sign_email(other, email), IdentityError::Mismatch),
            ("other email", sign_email(secret, "bob@example.com"), IdentityError::Mismatch),
            ("email case", sign_email(secret, "Alice@example.com"), IdentityError::Mismatch),
            ("flipped bit", flip_last(&good), IdentityError::Mismatch),
        ];
        for (name, hash, want) in cases {
            assert_eq!(verify_email_hash([&secret[..]], email, &hash), Err(want), "case {name}");
        }
        assert_eq!(
            verify_email_hash(std::iter::empty(), email, &good),
            Err(IdentityError::Mismatch),
            "no active secret"
        );
    }

    #[test]
    fn any_active_secret_verifies_during_rotation() {
        let old = b"old-secret";
        let new = b"new-secret";
        let email = "alice@example.com";
        let secrets = [&old[..], &new[..]];
        assert_eq!(verify_email_hash(secrets, email, &sign_email(old, email)), Ok(0));
        assert_eq!(verify_email_hash(secrets, email, &sign_email(new, email)), Ok(1));
    }

    #[test]
    fn a_company_claim_is_signed_apart_from_the_email() {
        let secret = b"workspace-secret";
        let claim = company_claim("alice@example.com", "acme,globex");
        let hash = sign(secret, &claim);
        assert_eq!(verify([&secret[..]], &claim, &hash), Ok(0));
        assert_eq!(
            verify([&secret[..]], &company_claim("bob@example.com", "acme,globex"), &hash),
            Err(IdentityError::Mismatch)
        );
        assert_eq!(
            verify([&secret[..]], &company_claim("alice@example.com", "acme"), &hash),
            Err(IdentityError::Mismatch)
        );
        assert_eq!(verify_email_hash([&secret[..]], "alice@example.com", &hash), Err(IdentityError::Mismatch));
    }

    fn flip_last(hash: &str) -> String {
        let mut s = hash.to_string();
        let last = s.pop().unwrap();
        s.push(if last == '0' { '1' } else { '0' });
        s
    }
}
