//! The expiring identity: a JWT the site's server signs with the workspace
//! secret (HS256 and nothing else), for `init` beside the HMAC of the email.
//!
//! Claims: `email`, `name` (optional), `iat`, `exp` (at most
//! [`MAX_LIFETIME_SECS`] after `iat`), `jti` (single use: the caller stores
//! it until [`VerifiedToken::keep_until`] and refuses it a second time),
//! `aud` (the workspace's slug) and optionally `companies` (the company keys,
//! as an array or one comma-separated string). Clocks may differ by
//! [`CLOCK_SKEW_SECS`].
//!
//! The refusals ([`TokenRefusal`]) compile everywhere, since the frame shows
//! them; the verification itself is server-side only (feature `jwt`).

use serde::{Deserialize, Serialize};

/// A token lives at most this long (`exp - iat`, in seconds).
pub const MAX_LIFETIME_SECS: i64 = 10 * 60;
/// How far the site's clock and the portal's may disagree, in seconds.
pub const CLOCK_SKEW_SECS: i64 = 60;
/// Longest token accepted for checking (a token with 50 company keys is
/// about 4 KB).
pub const MAX_TOKEN_LEN: usize = 8 * 1024;
/// Longest `jti` accepted.
pub const MAX_JTI_LEN: usize = 255;

/// A claim the portal reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Claim {
    Email,
    Name,
    Iat,
    Exp,
    Jti,
    Aud,
    Companies,
    Sub,
}

impl Claim {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Name => "name",
            Self::Iat => "iat",
            Self::Exp => "exp",
            Self::Jti => "jti",
            Self::Aud => "aud",
            Self::Companies => "companies",
            Self::Sub => "sub",
        }
    }
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a sign-in token was refused. Each has its catalog message
/// ([`TokenRefusal::message_id`]), which the frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TokenRefusal {
    #[error("the sign-in token is not a well-formed JWT")]
    Malformed,
    #[error("the sign-in token must be signed with HS256")]
    Algorithm,
    /// Signed with no active secret of the workspace (another workspace's,
    /// a retired one, or none at all).
    #[error("the sign-in token's signature does not verify")]
    Signature,
    #[error("the sign-in token's {0} claim is missing or not of its type")]
    Claim(Claim),
    #[error("the sign-in token is for another support portal (aud)")]
    Audience,
    #[error("the sign-in token was issued in the future (iat)")]
    IssuedInFuture,
    #[error("the sign-in token lives longer than 10 minutes (exp - iat)")]
    TooLongLived,
    #[error("the sign-in token has expired (exp)")]
    Expired,
    #[error("the sign-in token was used already (jti)")]
    Replayed,
    /// The workspace accepts only tokens, and the site sent a hash.
    #[error("this support portal accepts only sign-in tokens, not verification hashes")]
    TokenRequired,
}

impl TokenRefusal {
    /// The catalog message the customer reads (`errors` in the frame's
    /// words). A bad signature reads as any failed verification.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Malformed => "error-token-malformed",
            Self::Algorithm => "error-token-algorithm",
            Self::Signature => "error-not-verified",
            Self::Claim(_) => "error-token-claim",
            Self::Audience => "error-token-audience",
            Self::IssuedInFuture => "error-token-future",
            Self::TooLongLived => "error-token-too-long",
            Self::Expired => "error-token-expired",
            Self::Replayed => "error-token-replayed",
            Self::TokenRequired => "error-token-required",
        }
    }

    /// A fixed word per refusal, for metrics and the audit log.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Malformed => "token_malformed",
            Self::Algorithm => "token_algorithm",
            Self::Signature => "token_signature",
            Self::Claim(_) => "token_claim",
            Self::Audience => "token_audience",
            Self::IssuedInFuture => "token_future",
            Self::TooLongLived => "token_too_long",
            Self::Expired => "token_expired",
            Self::Replayed => "token_replayed",
            Self::TokenRequired => "token_required",
        }
    }
}

/// What a verified token says. The email and name are as signed, still to
/// be parsed as any `init`'s are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    pub email: String,
    pub name: String,
    pub jti: String,
    /// The company keys claimed, as sent; `None` leaves memberships alone.
    pub companies: Option<Vec<String>>,
    /// Until when (Unix milliseconds) the `jti` must be remembered: past
    /// it, the token is refused as expired anyway.
    pub keep_until: crate::Millis,
}

impl VerifiedToken {
    /// What is stored of the `jti`: its SHA-256, so every id takes the same
    /// room and none is kept as the site wrote it.
    pub fn jti_hash(&self) -> Vec<u8> {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.jti.as_bytes()).to_vec()
    }
}

#[cfg(feature = "jwt")]
pub use verify::{sign_jwt, verify_jwt};

#[cfg(feature = "jwt")]
mod verify {
    use super::*;
    use crate::Millis;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use jsonwebtoken::errors::ErrorKind;
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
    use serde_json::{Map, Value};

    /// Signs `claims` with HS256: what the site's server does. The portal
    /// uses it for the demo site and tests.
    pub fn sign_jwt(secret: &[u8], claims: &Value) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret))
            .expect("a JSON value always serializes")
    }

    /// Verifies `token` against every secret in `secrets` (several are
    /// active during a rotation), then its claims for the workspace
    /// `audience` at `now`. Returns the index of the secret that signed it.
    ///
    /// Nothing is trusted before the signature: the header's algorithm is
    /// read first only to refuse anything but HS256 by name (`none`
    /// included), and claims are read only from a verified token.
    pub fn verify_jwt<'a>(
        secrets: impl IntoIterator<Item = &'a [u8]>,
        token: &str,
        audience: &str,
        now: Millis,
    ) -> Result<(usize, VerifiedToken), TokenRefusal> {
        if token.is_empty() || token.len() > MAX_TOKEN_LEN || !token.is_ascii() {
            return Err(TokenRefusal::Malformed);
        }
        let parts: Vec<&str> = token.split('.').collect();
        let [header, _, _] = parts[..] else {
            return Err(TokenRefusal::Malformed);
        };
        let header = URL_SAFE_NO_PAD.decode(header).map_err(|_| TokenRefusal::Malformed)?;
        let header: Map<String, Value> = serde_json::from_slice(&header).map_err(|_| TokenRefusal::Malformed)?;
        match header.get("alg").and_then(Value::as_str) {
            Some("HS256") => {}
            Some(_) => return Err(TokenRefusal::Algorithm),
            None => return Err(TokenRefusal::Malformed),
        }

        // The claims are checked here, with `now`, rather than by the crate
        // (which reads the system clock): the library checks the signature.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();

        // Every secret is tried even after a match, so the time taken does
        // not tell which one matched.
        let mut matched = None;
        for (index, secret) in secrets.into_iter().enumerate() {
            let outcome =
                jsonwebtoken::decode::<Map<String, Value>>(token, &DecodingKey::from_secret(secret), &validation);
            match outcome {
                Ok(data) if matched.is_none() => matched = Some(Ok((index, data.claims))),
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::InvalidSignature) => {}
                // Signed by this secret, but what it signed is not a JSON object.
                Err(_) if matched.is_none() => matched = Some(Err(TokenRefusal::Malformed)),
                Err(_) => {}
            }
        }
        let (index, claims) = matched.ok_or(TokenRefusal::Signature)??;
        Ok((index, check_claims(&claims, audience, now)?))
    }

    fn check_claims(claims: &Map<String, Value>, audience: &str, now: Millis) -> Result<VerifiedToken, TokenRefusal> {
        let text = |claim: Claim| claims.get(claim.as_str()).and_then(Value::as_str).ok_or(TokenRefusal::Claim(claim));
        let optional_text = |claim: Claim| match claims.get(claim.as_str()) {
            None | Some(Value::Null) => Ok(""),
            Some(Value::String(s)) => Ok(s.as_str()),
            Some(_) => Err(TokenRefusal::Claim(claim)),
        };
        // A NumericDate may carry a fraction of a second.
        let date = |claim: Claim| {
            let value = claims.get(claim.as_str());
            value
                .and_then(Value::as_i64)
                .or_else(|| {
                    value.and_then(Value::as_f64).filter(|f| f.is_finite() && f.abs() < 1e15).map(|f| f.floor() as i64)
                })
                .ok_or(TokenRefusal::Claim(claim))
        };

        let email = text(Claim::Email)?.to_string();
        // `sub`, when a site sends one, names the same person: a token whose
        // subject is someone else than its `email` is not trusted for either.
        if claims.contains_key(Claim::Sub.as_str()) && text(Claim::Sub)? != email {
            return Err(TokenRefusal::Claim(Claim::Sub));
        }
        let name = optional_text(Claim::Name)?.to_string();
        let jti = text(Claim::Jti)?;
        if jti.is_empty() || jti.len() > MAX_JTI_LEN {
            return Err(TokenRefusal::Claim(Claim::Jti));
        }
        let iat = date(Claim::Iat)?;
        let exp = date(Claim::Exp)?;
        let companies = match claims.get(Claim::Companies.as_str()) {
            None | Some(Value::Null) => None,
            Some(Value::String(list)) => Some(list.split(',').map(str::to_string).collect()),
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or(TokenRefusal::Claim(Claim::Companies))?,
            ),
            Some(_) => return Err(TokenRefusal::Claim(Claim::Companies)),
        };
        let for_us = match claims.get(Claim::Aud.as_str()) {
            Some(Value::String(aud)) => aud == audience,
            Some(Value::Array(auds)) if auds.iter().all(Value::is_string) => {
                auds.iter().any(|aud| aud.as_str() == Some(audience))
            }
            _ => return Err(TokenRefusal::Claim(Claim::Aud)),
        };
        if !for_us {
            return Err(TokenRefusal::Audience);
        }

        let now = now.div_euclid(1000);
        if iat > now.saturating_add(CLOCK_SKEW_SECS) {
            return Err(TokenRefusal::IssuedInFuture);
        }
        if exp.saturating_sub(iat) > MAX_LIFETIME_SECS {
            return Err(TokenRefusal::TooLongLived);
        }
        let last_second = exp.saturating_add(CLOCK_SKEW_SECS);
        if now >= last_second {
            return Err(TokenRefusal::Expired);
        }
        Ok(VerifiedToken { email, name, jti: jti.to_string(), companies, keep_until: last_second.saturating_mul(1000) })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        const SECRET: &[u8] = b"workspace-secret";
        const NOW: Millis = 1_800_000_000_000;
        const NOW_S: i64 = NOW / 1000;

        fn claims() -> Value {
            json!({
                "email": "alice@example.com",
                "name": "Alice",
                "iat": NOW_S,
                "exp": NOW_S + 300,
                "jti": "d9b1c6a0-0001",
                "aud": "acme",
            })
        }

        fn with(change: impl FnOnce(&mut Map<String, Value>)) -> Value {
            let mut claims = claims();
            change(claims.as_object_mut().unwrap());
            claims
        }

        fn check(token: &str) -> Result<(usize, VerifiedToken), TokenRefusal> {
            verify_jwt([SECRET], token, "acme", NOW)
        }

        fn b64(json: &Value) -> String {
            URL_SAFE_NO_PAD.encode(json.to_string())
        }

        #[test]
        fn a_subject_must_be_the_email() {
            let mut with_sub = claims();
            with_sub["sub"] = json!("alice@example.com");
            assert!(verify_jwt([SECRET], &sign_jwt(SECRET, &with_sub), "acme", NOW).is_ok());
            for other in [json!("bob@example.com"), json!(7), json!(null)] {
                with_sub["sub"] = other.clone();
                let refused = verify_jwt([SECRET], &sign_jwt(SECRET, &with_sub), "acme", NOW);
                assert_eq!(refused.unwrap_err(), TokenRefusal::Claim(Claim::Sub), "{other}");
            }
        }

        #[test]
        fn a_good_token_verifies() {
            let (index, token) = check(&sign_jwt(SECRET, &claims())).unwrap();
            assert_eq!(index, 0);
            assert_eq!(token.email, "alice@example.com");
            assert_eq!(token.name, "Alice");
            assert_eq!(token.jti, "d9b1c6a0-0001");
            assert_eq!(token.companies, None);
            assert_eq!(token.keep_until, (NOW_S + 300 + CLOCK_SKEW_SECS) * 1000);
        }

        #[test]
        fn name_is_optional_and_companies_come_as_a_list_or_a_string() {
            let token = sign_jwt(
                SECRET,
                &with(|c| {
                    c.remove("name");
                    c.insert("companies".into(), json!(["acme", "globex"]));
                }),
            );
            let (_, verified) = check(&token).unwrap();
            assert_eq!(verified.name, "");
            assert_eq!(verified.companies, Some(vec!["acme".to_string(), "globex".to_string()]));
            let token = sign_jwt(SECRET, &with(|c| _ = c.insert("companies".into(), json!("acme,globex"))));
            assert_eq!(check(&token).unwrap().1.companies, Some(vec!["acme".to_string(), "globex".to_string()]));
            let token = sign_jwt(SECRET, &with(|c| _ = c.insert("aud".into(), json!(["other", "acme"]))));
            assert!(check(&token).is_ok(), "aud as a list naming the workspace");
        }

        #[test]
        fn any_active_secret_verifies_and_others_do_not() {
            let old = b"old-secret";
            let new = b"new-secret";
            let token = sign_jwt(old, &claims());
            assert_eq!(verify_jwt([&old[..], &new[..]], &token, "acme", NOW).unwrap().0, 0);
            assert_eq!(verify_jwt([&new[..], &old[..]], &token, "acme", NOW).unwrap().0, 1);
            // Once `old` is retired it is no longer among the active secrets.
            assert_eq!(verify_jwt([&new[..]], &token, "acme", NOW), Err(TokenRefusal::Signature));
            assert_eq!(verify_jwt(std::iter::empty(), &token, "acme", NOW), Err(TokenRefusal::Signature));
        }

        #[test]
        fn time_rules() {
            let cases: Vec<(&str, i64, i64, Result<(), TokenRefusal>)> = vec![
                ("fresh", NOW_S, NOW_S + 600, Ok(())),
                ("within the skew after exp", NOW_S - 600, NOW_S - 59, Ok(())),
                ("expired", NOW_S - 600, NOW_S - 60, Err(TokenRefusal::Expired)),
                ("long expired", NOW_S - 7200, NOW_S - 7000, Err(TokenRefusal::Expired)),
                ("iat within the skew ahead", NOW_S + 60, NOW_S + 300, Ok(())),
                ("iat in the future", NOW_S + 61, NOW_S + 300, Err(TokenRefusal::IssuedInFuture)),
                ("exp too far", NOW_S, NOW_S + 601, Err(TokenRefusal::TooLongLived)),
                ("iat too old", NOW_S - 3600, NOW_S + 300, Err(TokenRefusal::TooLongLived)),
            ];
            for (name, iat, exp, want) in cases {
                let token = sign_jwt(
                    SECRET,
                    &with(|c| {
                        c.insert("iat".into(), json!(iat));
                        c.insert("exp".into(), json!(exp));
                    }),
                );
                assert_eq!(check(&token).map(|_| ()), want, "case {name}");
            }
        }

        #[test]
        fn refusals() {
            let other = sign_jwt(b"another-workspace-secret", &claims());
            let hs512 =
                jsonwebtoken::encode(&Header::new(Algorithm::HS512), &claims(), &EncodingKey::from_secret(SECRET))
                    .unwrap();
            let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&claims()));
            let none_signed = format!("{}.{}.x", b64(&json!({"alg": "none"})), b64(&claims()));
            let no_alg = format!("{}.{}.x", b64(&json!({"typ": "JWT"})), b64(&claims()));
            let good = sign_jwt(SECRET, &claims());
            let mut tampered = good.clone();
            tampered.replace_range(good.len() - 2.., "AA");
            let (head, rest) = good.split_once('.').unwrap();
            let (_, signature) = rest.split_once('.').unwrap();
            let other_claims = format!(
                "{head}.{}.{signature}",
                b64(&with(|c| _ = c.insert("email".into(), json!("eve@example.com"))))
            );
            let not_object =
                jsonwebtoken::encode(&Header::new(Algorithm::HS256), &json!([1, 2]), &EncodingKey::from_secret(SECRET))
                    .unwrap();
            let cases: Vec<(&str, String, TokenRefusal)> = vec![
                ("other secret", other, TokenRefusal::Signature),
                ("tampered signature", tampered, TokenRefusal::Signature),
                ("claims swapped", other_claims, TokenRefusal::Signature),
                ("HS512", hs512, TokenRefusal::Algorithm),
                ("alg none", none, TokenRefusal::Algorithm),
                ("alg none with a signature", none_signed, TokenRefusal::Algorithm),
                ("no alg", no_alg, TokenRefusal::Malformed),
                ("empty", String::new(), TokenRefusal::Malformed),
                ("two parts", "abc.def".into(), TokenRefusal::Malformed),
                ("four parts", format!("{good}.x"), TokenRefusal::Malformed),
                ("junk", "not a token at all".into(), TokenRefusal::Malformed),
                ("non-ASCII", "é.ü.ß".into(), TokenRefusal::Malformed),
                ("header not JSON", format!("{}.e30.x", URL_SAFE_NO_PAD.encode("{alg")), TokenRefusal::Malformed),
                ("oversized", "a".repeat(MAX_TOKEN_LEN + 1), TokenRefusal::Malformed),
                ("claims not an object", not_object, TokenRefusal::Malformed),
            ];
            for (name, token, want) in cases {
                assert_eq!(check(&token).map(|_| ()), Err(want), "case {name}");
            }
        }

        #[test]
        fn audience_must_be_the_workspace() {
            let token = sign_jwt(SECRET, &with(|c| _ = c.insert("aud".into(), json!("globex"))));
            assert_eq!(check(&token).map(|_| ()), Err(TokenRefusal::Audience));
            let token = sign_jwt(SECRET, &with(|c| _ = c.insert("aud".into(), json!(["globex"]))));
            assert_eq!(check(&token).map(|_| ()), Err(TokenRefusal::Audience));
            let token = sign_jwt(SECRET, &claims());
            assert_eq!(verify_jwt([SECRET], &token, "globex", NOW).map(|_| ()), Err(TokenRefusal::Audience));
        }

        #[test]
        fn missing_or_mistyped_claims() {
            for claim in [Claim::Email, Claim::Iat, Claim::Exp, Claim::Jti, Claim::Aud] {
                let token = sign_jwt(SECRET, &with(|c| _ = c.remove(claim.as_str())));
                assert_eq!(check(&token).map(|_| ()), Err(TokenRefusal::Claim(claim)), "missing {claim}");
            }
            let cases: Vec<(Claim, Value)> = vec![
                (Claim::Email, json!(42)),
                (Claim::Name, json!(["Alice"])),
                (Claim::Iat, json!("now")),
                (Claim::Exp, json!(null)),
                (Claim::Jti, json!("")),
                (Claim::Jti, json!("j".repeat(MAX_JTI_LEN + 1))),
                (Claim::Aud, json!(7)),
                (Claim::Aud, json!(["acme", 7])),
                (Claim::Companies, json!(["acme", 7])),
                (Claim::Companies, json!({"acme": true})),
            ];
            for (claim, value) in cases {
                let token = sign_jwt(SECRET, &with(|c| _ = c.insert(claim.as_str().into(), value.clone())));
                assert_eq!(check(&token).map(|_| ()), Err(TokenRefusal::Claim(claim)), "{claim} = {value}");
            }
        }

        #[test]
        fn fractional_dates_are_read_down_to_the_second() {
            let token = sign_jwt(
                SECRET,
                &with(|c| {
                    c.insert("iat".into(), json!(NOW_S as f64 + 0.5));
                    c.insert("exp".into(), json!(NOW_S as f64 + 300.9));
                }),
            );
            assert_eq!(check(&token).unwrap().1.keep_until, (NOW_S + 300 + CLOCK_SKEW_SECS) * 1000);
        }
    }
}
