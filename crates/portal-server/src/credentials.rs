//! The secrets the portal makes and the passwords it keeps: identity
//! secrets, generated passwords, and argon2id hashes. One place, used by the
//! console, the operator commands and the demo alike.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// 256 random bits, hex encoded: the HMAC key is this string's bytes.
pub fn new_secret() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// A password for an account whose owner chose none: 20 characters from
/// a 62-letter alphabet, about 119 bits.
pub fn new_password() -> String {
    use rand::Rng;
    use rand::distr::Alphanumeric;
    rand::rng().sample_iter(&Alphanumeric).take(20).map(char::from).collect()
}

/// An argon2id hash (PHC string) of `password` with a fresh salt. Costly on
/// purpose: the console runs it in a bounded slot.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing the password failed: {e}"))
}

/// Constant-time by construction (argon2's own comparison).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batter", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
    }

    #[test]
    fn generated_secrets_and_passwords_differ_each_time() {
        assert_eq!(new_secret().len(), 64);
        assert_ne!(new_secret(), new_secret());
        assert_eq!(new_password().chars().count(), 20);
        assert_ne!(new_password(), new_password());
    }
}
