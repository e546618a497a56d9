//! Configuration: defaults, then an optional `portal.toml`, then `PORTAL_*`
//! environment variables, then command-line flags; later wins.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use portal_app::limits::{LimitSettings, Rate};
use portal_store::{S3Access, S3Location};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://data/portal.db` (default) or `postgres://user@host/db`.
    pub database_url: String,
    /// Where the portal listens.
    pub bind: SocketAddr,
    /// The portal's public origin, as customers' browsers reach it. Derived
    /// from `bind` (as `http://localhost:PORT`) when unset.
    pub public_url: Option<String>,
    /// Where attached files are kept (created when missing), unless
    /// `blob_url` is set.
    pub blob_dir: PathBuf,
    /// Attached files in an S3-compatible bucket instead of `blob_dir`, as
    /// `s3://bucket/prefix`: what several instances share. The bucket must
    /// exist. Reached with the `s3_*` settings, each falling back to the
    /// `AWS_*` environment variables.
    pub blob_url: Option<String>,
    /// The S3-compatible server, such as `http://minio.internal:9000`;
    /// unset: AWS. An `http://` endpoint is used without TLS.
    pub s3_endpoint: Option<String>,
    pub s3_region: Option<String>,
    pub s3_access_key_id: Option<String>,
    pub s3_secret_access_key: Option<KeyText>,
    /// Where the built front-end lives (`pkg/` with the WebAssembly bundle).
    pub site_root: PathBuf,
    /// Where the demo host site listens (`serve --demo` only).
    pub demo_bind: SocketAddr,
    /// Log filter, as in `RUST_LOG`.
    pub log: String,
    /// How log lines are written: `text` (for people) or `json` (one
    /// object a line, for log collectors).
    pub log_format: LogFormat,
    /// Where Prometheus scrapes `/metrics`, on a listener of its own
    /// without a token (and not on `bind`). Unset: see `metrics_token`.
    pub metrics_bind: Option<SocketAddr>,
    /// When set (and `metrics_bind` is not), `/metrics` is served on `bind`
    /// to requests with `Authorization: Bearer <token>`. With neither,
    /// there are no metrics.
    pub metrics_token: Option<KeyText>,
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed, as
    /// `["10.0.0.5"]` (in the environment too). Empty: the peer's address is
    /// the client's.
    pub trusted_proxies: Vec<IpAddr>,
    /// Console password checks (sign-ins, password changes) that may run at
    /// once, each holding about 19 MiB; past them the console answers 503.
    /// 0: twice the number of CPUs.
    pub password_checks: usize,
    /// Replies, new tickets and reopenings a customer may send at once, and
    /// after that one every `write_every_secs` (per session and per customer).
    pub write_burst: u32,
    pub write_every_secs: u64,
    /// Files a customer may upload at once, then one every `upload_every_secs`.
    pub upload_burst: u32,
    pub upload_every_secs: u64,
    /// The attached files one workspace may keep, in MiB, unless set for it
    /// (`portal workspace quota`).
    pub attachment_quota_mb: u64,
    /// The SMTP server customers' mail goes out through: `smtp://host:25`,
    /// `smtp://user:password@host:587?tls=required` (STARTTLS),
    /// `smtps://host:465`. Unset: no mail is sent.
    pub smtp_url: Option<KeyText>,
    /// The address mail comes from (its name is the workspace's).
    pub mail_from: Option<String>,
    /// The address customers' mail comes in to, such as
    /// `support@acme.com`: each notification's replies go to
    /// `support+<token>@acme.com`. Unset: mail has no reply address of its
    /// own, and replies are matched by their threading headers alone.
    pub inbound_address: Option<String>,
    /// Where the built-in SMTP listener takes customers' mail in (for
    /// example `0.0.0.0:25`); unset, it is off. Needs `inbound_address`.
    pub smtp_bind: Option<SocketAddr>,
    /// The certificate chain (PEM) the SMTP listener offers STARTTLS with;
    /// with `smtp_tls_key`. Unset: no STARTTLS.
    pub smtp_tls_cert: Option<PathBuf>,
    pub smtp_tls_key: Option<PathBuf>,
    /// Private, loopback or link-local networks webhooks may be sent to
    /// anyway, as CIDR blocks (`["10.1.0.0/16"]`). Empty: none; webhooks
    /// go to public addresses only.
    pub webhook_allowed_networks: Vec<String>,
    /// The Slack Web API's base URL; unset: Slack's own
    /// (`https://slack.com/api`). Tests point it at a fake Slack.
    pub slack_api_url: Option<String>,
    /// How many days each customer's access log (sign-ins, refusals,
    /// exports) is kept.
    pub access_log_days: u32,
    /// The key ring that seals the workspaces' identity secrets at rest:
    /// 64 hex characters a key, several separated by spaces or commas (the
    /// first seals, all open). When unset, `secret_key_file` holds it.
    pub secret_key: Option<KeyText>,
    /// Where the key ring is kept when `secret_key` is unset; created with a
    /// new key on first start.
    pub secret_key_file: PathBuf,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Key material from the configuration: never printed.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyText(pub String);

impl std::fmt::Debug for KeyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyText(..)")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/portal.db".into(),
            bind: ([127, 0, 0, 1], 3000).into(),
            public_url: None,
            blob_dir: "data/blobs".into(),
            blob_url: None,
            s3_endpoint: None,
            s3_region: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            site_root: "target/site".into(),
            demo_bind: ([127, 0, 0, 1], 3001).into(),
            log: "info,sqlx=warn".into(),
            log_format: LogFormat::Text,
            metrics_bind: None,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            password_checks: 0,
            write_burst: 10,
            write_every_secs: 6,
            upload_burst: 20,
            upload_every_secs: 3,
            attachment_quota_mb: 5 * 1024,
            access_log_days: 90,
            smtp_url: None,
            mail_from: None,
            inbound_address: None,
            webhook_allowed_networks: Vec::new(),
            slack_api_url: None,
            smtp_bind: None,
            smtp_tls_cert: None,
            smtp_tls_key: None,
            secret_key: None,
            secret_key_file: "data/secret.key".into(),
        }
    }
}

/// Where attached files are kept, from `blob_dir` or `blob_url`.
#[derive(Debug, Clone)]
pub enum BlobStorage {
    /// A folder on this machine: one instance's alone.
    Folder(PathBuf),
    /// A bucket every instance reaches.
    Bucket { location: S3Location, access: S3Access },
}

/// Values given as flags; `None` leaves the lower layers' value.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_root: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo_bind: Option<SocketAddr>,
}

/// The settings `PORTAL_*` variables may set.
const KEYS: &[&str] = &[
    "database_url",
    "bind",
    "public_url",
    "blob_dir",
    "blob_url",
    "s3_endpoint",
    "s3_region",
    "s3_access_key_id",
    "s3_secret_access_key",
    "site_root",
    "demo_bind",
    "log",
    "log_format",
    "metrics_bind",
    "metrics_token",
    "trusted_proxies",
    "password_checks",
    "write_burst",
    "write_every_secs",
    "upload_burst",
    "upload_every_secs",
    "attachment_quota_mb",
    "access_log_days",
    "smtp_url",
    "mail_from",
    "inbound_address",
    "smtp_bind",
    "smtp_tls_cert",
    "smtp_tls_key",
    "webhook_allowed_networks",
    "slack_api_url",
    "secret_key",
    "secret_key_file",
];

/// Credentials taken from the environment exactly as written: figment reads
/// `PORTAL_X=12345678` as a number, which a text setting refuses, and a
/// key made of digits is a key all the same.
const VERBATIM_KEYS: &[&str] = &["s3_access_key_id", "s3_secret_access_key"];

/// The [`VERBATIM_KEYS`] set in the environment, as text.
fn verbatim_env_vars() -> std::collections::BTreeMap<&'static str, String> {
    VERBATIM_KEYS
        .iter()
        .filter_map(|key| Some((*key, std::env::var(format!("PORTAL_{}", key.to_ascii_uppercase())).ok()?)))
        .collect()
}

/// Read by a command, not by the configuration.
const COMMAND_VARS: &[&str] = &["admin_password"];

/// `PORTAL_*` variables that set nothing, so a typo does not go unnoticed.
/// (Other tools of the project use `PORTAL_TEST_*`, `PORTAL_E2E_*` and `PORTAL_BENCH_*`.)
pub fn unknown_env_vars() -> Vec<String> {
    std::env::vars()
        .filter_map(|(key, _)| {
            let name = key.strip_prefix("PORTAL_")?.to_ascii_lowercase();
            let ours = KEYS.contains(&name.as_str())
                || COMMAND_VARS.contains(&name.as_str())
                || name.starts_with("test_")
                || name.starts_with("e2e_")
                || name.starts_with("bench_");
            (!ours).then_some(key)
        })
        .collect()
}

impl Config {
    pub fn load(file: Option<&std::path::Path>, overrides: &Overrides) -> Result<Self, Box<figment::Error>> {
        let toml = match file {
            Some(path) => Toml::file_exact(path),
            None => Toml::file("portal.toml"),
        };
        Figment::from(Serialized::defaults(Config::default()))
            .merge(toml)
            .merge(Env::prefixed("PORTAL_").only(KEYS).ignore(VERBATIM_KEYS))
            .merge(Serialized::defaults(verbatim_env_vars()))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(Box::new)
    }

    /// The bounds on what customers and sign-ins can make the server do.
    pub fn limits(&self) -> LimitSettings {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let rate = |burst, every| Rate { burst, every: Duration::from_secs(every) };
        LimitSettings {
            password_checks: if self.password_checks == 0 { 2 * cpus } else { self.password_checks },
            writes: rate(self.write_burst, self.write_every_secs),
            uploads: rate(self.upload_burst, self.upload_every_secs),
            attachment_quota_bytes: self.attachment_quota_mb.saturating_mul(1024 * 1024),
        }
    }

    /// Where attached files go. Errors name the setting at fault: a
    /// mistake here must stop the start, not lose files later.
    pub fn blob_storage(&self) -> Result<BlobStorage, String> {
        let secret = self.s3_secret_access_key.as_ref().map(|key| key.0.clone());
        let s3_settings = [
            ("s3_endpoint", &self.s3_endpoint),
            ("s3_region", &self.s3_region),
            ("s3_access_key_id", &self.s3_access_key_id),
            ("s3_secret_access_key", &secret),
        ];
        let Some(url) = &self.blob_url else {
            // Bucket settings without a bucket: the operator expects files
            // in a bucket that would land on this machine.
            let set: Vec<&str> = s3_settings.iter().filter(|(_, value)| value.is_some()).map(|(key, _)| *key).collect();
            if !set.is_empty() {
                return Err(format!(
                    "{} set without blob_url: attached files would go to blob_dir; set blob_url = \"s3://bucket/prefix\"",
                    set.join(", ")
                ));
            }
            return Ok(BlobStorage::Folder(self.blob_dir.clone()));
        };
        let location =
            S3Location::parse(url).map_err(|why| format!("blob_url must look like s3://bucket/prefix: {why}"))?;
        if let Some((key, _)) =
            s3_settings.iter().find(|(_, value)| value.as_deref().is_some_and(|v| v.trim().is_empty()))
        {
            return Err(format!("{key} is empty: leave it unset to use the AWS_* environment variables"));
        }
        if let Some(endpoint) = &self.s3_endpoint {
            let host = endpoint.strip_prefix("https://").or_else(|| endpoint.strip_prefix("http://"));
            if host.is_none_or(str::is_empty) {
                return Err(format!(
                    "s3_endpoint must be an http:// or https:// URL like http://127.0.0.1:9000, not {endpoint:?}"
                ));
            }
        }
        let access = S3Access {
            endpoint: self.s3_endpoint.clone(),
            region: self.s3_region.clone(),
            access_key_id: self.s3_access_key_id.clone(),
            secret_access_key: secret,
        };
        Ok(BlobStorage::Bucket { location, access })
    }

    /// The database URL with any password replaced, for logs.
    pub fn redacted_database_url(&self) -> String {
        match self.database_url.split_once("://") {
            Some((scheme, rest)) => match rest.rsplit_once('@') {
                Some((user, host)) => {
                    let user = user.split(':').next().unwrap_or_default();
                    format!("{scheme}://{user}:***@{host}")
                }
                None => self.database_url.clone(),
            },
            None => self.database_url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API returns its own error type
    fn layers_apply_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("portal.toml", "database_url = \"sqlite://from-file.db\"\nbind = \"127.0.0.1:4000\"")?;
            jail.set_env("PORTAL_BIND", "127.0.0.1:5000");
            let flags = Overrides { database_url: Some("postgres://flag@db/portal".into()), ..Default::default() };
            let config = Config::load(None, &flags).unwrap();
            assert_eq!(config.database_url, "postgres://flag@db/portal");
            assert_eq!(config.bind.port(), 5000);
            assert_eq!(config.site_root, PathBuf::from("target/site"));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn unknown_keys_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("portal.toml", "databse_url = \"typo\"")?;
            assert!(Config::load(None, &Overrides::default()).is_err());
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn trusted_proxies_come_as_a_list_of_addresses() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PORTAL_TRUSTED_PROXIES", r#"["10.0.0.5", "2001:db8::1"]"#);
            let config = Config::load(None, &Overrides::default()).unwrap();
            assert_eq!(config.trusted_proxies, ["10.0.0.5".parse::<IpAddr>().unwrap(), "2001:db8::1".parse().unwrap()]);
            jail.set_env("PORTAL_TRUSTED_PROXIES", r#"["proxy.internal"]"#);
            assert!(Config::load(None, &Overrides::default()).is_err(), "a host name is not an address");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn the_secret_key_comes_from_the_environment_and_is_never_printed() {
        figment::Jail::expect_with(|jail| {
            let key = "ab".repeat(32);
            jail.set_env("PORTAL_SECRET_KEY", &key);
            jail.set_env("PORTAL_SECRET_KEY_FILE", "/run/secrets/portal.key");
            let config = Config::load(None, &Overrides::default()).unwrap();
            assert_eq!(config.secret_key.as_ref().map(|k| k.0.as_str()), Some(key.as_str()));
            assert_eq!(config.secret_key_file, PathBuf::from("/run/secrets/portal.key"));
            assert!(!format!("{config:?}").contains(&key));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn limits_come_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            let defaults = Config::load(None, &Overrides::default()).unwrap().limits();
            assert_eq!(defaults.writes, Rate { burst: 10, every: Duration::from_secs(6) });
            assert_eq!(defaults.attachment_quota_bytes, 5 << 30);
            assert!(defaults.password_checks >= 2, "twice the CPUs");
            jail.create_file("portal.toml", "write_burst = 3\nattachment_quota_mb = 100")?;
            jail.set_env("PORTAL_PASSWORD_CHECKS", "4");
            jail.set_env("PORTAL_UPLOAD_EVERY_SECS", "10");
            let limits = Config::load(None, &Overrides::default()).unwrap().limits();
            assert_eq!(limits.writes.burst, 3);
            assert_eq!(limits.uploads, Rate { burst: 20, every: Duration::from_secs(10) });
            assert_eq!((limits.password_checks, limits.attachment_quota_bytes), (4, 100 << 20));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn observability_keys_come_from_the_file_and_the_environment() {
        figment::Jail::expect_with(|jail| {
            let defaults = Config::load(None, &Overrides::default()).unwrap();
            assert_eq!(defaults.log_format, LogFormat::Text);
            assert!(defaults.metrics_bind.is_none() && defaults.metrics_token.is_none(), "no metrics unless asked");
            jail.create_file("portal.toml", "log_format = \"json\"\nmetrics_bind = \"127.0.0.1:9464\"")?;
            jail.set_env("PORTAL_METRICS_TOKEN", "scrape-me-please");
            let config = Config::load(None, &Overrides::default()).unwrap();
            assert_eq!(config.log_format, LogFormat::Json);
            assert_eq!(config.metrics_bind, Some(([127, 0, 0, 1], 9464).into()));
            assert_eq!(config.metrics_token.as_ref().map(|t| t.0.as_str()), Some("scrape-me-please"));
            assert!(!format!("{config:?}").contains("scrape-me-please"), "the token is never printed");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn an_unknown_log_format_is_refused_naming_the_key_and_the_choices() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PORTAL_LOG_FORMAT", "xml");
            let error = Config::load(None, &Overrides::default()).unwrap_err().to_string();
            assert!(error.to_lowercase().contains("log_format") && error.contains("xml"), "{error}");
            assert!(error.contains("text") && error.contains("json"), "{error}");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn attachments_go_to_the_folder_unless_a_bucket_is_set() {
        figment::Jail::expect_with(|jail| {
            let config = Config::load(None, &Overrides::default()).unwrap();
            assert!(
                matches!(config.blob_storage(), Ok(BlobStorage::Folder(dir)) if dir == std::path::Path::new("data/blobs"))
            );
            jail.create_file(
                "portal.toml",
                "blob_url = \"s3://portal-files/prod/attachments\"\ns3_endpoint = \"http://127.0.0.1:9000\"",
            )?;
            jail.set_env("PORTAL_S3_REGION", "eu-central-1");
            jail.set_env("PORTAL_S3_ACCESS_KEY_ID", "portal");
            jail.set_env("PORTAL_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret");
            let config = Config::load(None, &Overrides::default()).unwrap();
            let Ok(BlobStorage::Bucket { location, access }) = config.blob_storage() else {
                panic!("a bucket: {:?}", config.blob_storage());
            };
            assert_eq!((location.bucket(), location.prefix()), ("portal-files", "prod/attachments"));
            assert_eq!(access.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
            assert_eq!(access.region.as_deref(), Some("eu-central-1"));
            assert_eq!(access.access_key_id.as_deref(), Some("portal"));
            assert_eq!(access.secret_access_key.as_deref(), Some("wJalrXUtnFEMI-secret"));
            assert!(!format!("{config:?} {access:?}").contains("wJalrXUtnFEMI"), "the secret is never printed");
            // Digits stay text, leading zeros and all.
            jail.set_env("PORTAL_S3_ACCESS_KEY_ID", "0123");
            jail.set_env("PORTAL_S3_SECRET_ACCESS_KEY", "12345678");
            let config = Config::load(None, &Overrides::default()).unwrap();
            assert_eq!(config.s3_access_key_id.as_deref(), Some("0123"));
            assert_eq!(config.s3_secret_access_key.map(|key| key.0).as_deref(), Some("12345678"));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn bad_blob_settings_are_refused_naming_the_setting() {
        figment::Jail::expect_with(|jail| {
            let refusal = |jail: &mut figment::Jail, toml: &str| {
                jail.create_file("portal.toml", toml).unwrap();
                let config = Config::load(None, &Overrides::default()).unwrap();
                config.blob_storage().expect_err(toml)
            };
            let ftp = refusal(jail, "blob_url = \"ftp://x\"");
            assert!(ftp.contains("blob_url") && ftp.contains("s3://bucket/prefix") && ftp.contains("ftp://x"), "{ftp}");
            let bucket = refusal(jail, "blob_url = \"s3://My_Bucket/files\"");
            assert!(bucket.contains("blob_url") && bucket.contains("My_Bucket"), "{bucket}");
            let prefix = refusal(jail, "blob_url = \"s3://files/a//b\"");
            assert!(prefix.contains("blob_url") && prefix.contains("a//b"), "{prefix}");
            let endpoint = refusal(jail, "blob_url = \"s3://files\"\ns3_endpoint = \"minio:9000\"");
            assert!(endpoint.contains("s3_endpoint") && endpoint.contains("minio:9000"), "{endpoint}");
            let empty = refusal(jail, "blob_url = \"s3://files\"\ns3_access_key_id = \" \"");
            assert!(empty.contains("s3_access_key_id is empty"), "{empty}");
            let unused = refusal(jail, "s3_endpoint = \"http://127.0.0.1:9000\"\ns3_region = \"eu-west-1\"");
            assert!(unused.contains("s3_endpoint, s3_region set without blob_url"), "{unused}");
            Ok(())
        });
    }

    #[test]
    fn passwords_are_redacted() {
        let config = Config { database_url: "postgres://app:hunter2@db:5432/portal".into(), ..Config::default() };
        assert_eq!(config.redacted_database_url(), "postgres://app:***@db:5432/portal");
    }
}
