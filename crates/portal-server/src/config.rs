//! Configuration: defaults, then an optional `portal.toml`, then `PORTAL_*`
//! environment variables, then command-line flags; later wins.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

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
    /// Where attached files are kept (created when missing).
    pub blob_dir: PathBuf,
    /// Where the built front-end lives (`pkg/` with the WebAssembly bundle).
    pub site_root: PathBuf,
    /// Where the demo host site listens (`serve --demo` only).
    pub demo_bind: SocketAddr,
    /// Log filter, as in `RUST_LOG`.
    pub log: String,
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed, as
    /// `["10.0.0.5"]` (in the environment too). Empty: the peer's address is
    /// the client's.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/portal.db".into(),
            bind: ([127, 0, 0, 1], 3000).into(),
            public_url: None,
            blob_dir: "data/blobs".into(),
            site_root: "target/site".into(),
            demo_bind: ([127, 0, 0, 1], 3001).into(),
            log: "info,sqlx=warn".into(),
            trusted_proxies: Vec::new(),
        }
    }
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
const KEYS: &[&str] =
    &["database_url", "bind", "public_url", "blob_dir", "site_root", "demo_bind", "log", "trusted_proxies"];

/// Read by a command, not by the configuration.
const COMMAND_VARS: &[&str] = &["admin_password"];

/// `PORTAL_*` variables that set nothing, so a typo does not go unnoticed.
/// (Other tools of the project use `PORTAL_TEST_*` and `PORTAL_E2E_*`.)
pub fn unknown_env_vars() -> Vec<String> {
    std::env::vars()
        .filter_map(|(key, _)| {
            let name = key.strip_prefix("PORTAL_")?.to_ascii_lowercase();
            let ours = KEYS.contains(&name.as_str())
                || COMMAND_VARS.contains(&name.as_str())
                || name.starts_with("test_")
                || name.starts_with("e2e_");
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
            .merge(Env::prefixed("PORTAL_").only(KEYS))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(Box::new)
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
    fn passwords_are_redacted() {
        let config = Config { database_url: "postgres://app:hunter2@db:5432/portal".into(), ..Config::default() };
        assert_eq!(config.redacted_database_url(), "postgres://app:***@db:5432/portal");
    }
}
