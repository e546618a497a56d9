//! The server key ring that seals identity secrets at rest (see
//! [`portal_store::KeyRing`]): where it comes from, its first creation, and
//! its rotation.

use anyhow::{Context, bail};
use portal_server::config::Config;
use portal_store::{KeyRing, Store};
use std::io::Write as _;
use std::path::Path;

/// The configured key ring: `secret_key` when set, else `secret_key_file`,
/// which is created with a new key when it does not exist yet.
pub fn load(config: &Config) -> anyhow::Result<KeyRing> {
    if let Some(text) = &config.secret_key {
        return KeyRing::parse(&text.0).context("secret_key (PORTAL_SECRET_KEY) is not a key ring");
    }
    let path = &config.secret_key_file;
    match std::fs::read_to_string(path) {
        Ok(text) => KeyRing::parse(&text).with_context(|| format!("{} is not a key ring", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if !write_private(path, &KeyRing::generate_key(), true)? {
                // Another process started at the same moment and wrote it first.
                return load(config);
            }
            tracing::warn!(
                path = %path.display(),
                "generated the key that seals the identity secrets; back it up with the database: \
                 a backup cannot be used without it"
            );
            load(config)
        }
        Err(error) => Err(error).with_context(|| format!("reading the key ring {}", path.display())),
    }
}

/// `portal key rotate`: a new key in `secret_key_file`, every secret sealed
/// with it. Each step leaves a file that opens every stored secret, so a
/// crash at any point loses nothing: the new key is added first, the
/// secrets are sealed again, and only then is the old key dropped.
pub async fn rotate(config: &Config, store: &dyn Store) -> anyhow::Result<String> {
    if config.secret_key.is_some() {
        bail!(
            "the key ring comes from secret_key (PORTAL_SECRET_KEY), which this command cannot change: \
             put a new key (`portal key generate`) first in it, the old one after it, run `portal key reseal`, \
             then remove the old key"
        );
    }
    let path = &config.secret_key_file;
    let old = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let old_ids = KeyRing::parse(&old)?.key_ids().iter().map(|id| id.to_string()).collect::<Vec<_>>();
    let new = KeyRing::generate_key();
    let both = format!("{new}\n{}", old.trim());
    write_private(path, &both, false)?;
    let sealed = store.reseal_secrets(&KeyRing::parse(&both)?).await.context("sealing the secrets with the new key")?;
    write_private(path, &new, false)?;
    let new_id = KeyRing::parse(&new)?.key_ids()[0].to_string();
    Ok(format!(
        "{sealed} identity secret(s) are now sealed with key {new_id} (was {}), kept in {}.\n\
         Restart every portal instance that uses this file. Backups taken before now need the old key.",
        old_ids.join(", "),
        path.display()
    ))
}

/// `portal key reseal`: every secret sealed with the configured ring's first key.
pub async fn reseal(config: &Config, store: &dyn Store) -> anyhow::Result<String> {
    let keys = load(config)?;
    let sealed = store.reseal_secrets(&keys).await?;
    Ok(format!("{sealed} identity secret(s) are now sealed with key {}.", keys.key_ids()[0]))
}

/// Writes `text` readable by the owner alone, through a temporary file, so
/// a reader never sees half a key. With `new`, the file is only created
/// (linked into place, which fails when it exists): returns false when
/// another process created it first.
fn write_private(path: &Path, text: &str, new: bool) -> anyhow::Result<bool> {
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    }
    let temporary = path.with_extension(format!("tmp-{}", hex::encode(rand::random::<[u8; 8]>())));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary).with_context(|| format!("writing {}", temporary.display()))?;
    file.write_all(format!("{text}\n").as_bytes())?;
    file.sync_all()?;
    let placed = if new { std::fs::hard_link(&temporary, path) } else { std::fs::rename(&temporary, path) };
    let _ = std::fs::remove_file(&temporary);
    match placed {
        Ok(()) => Ok(true),
        Err(error) if new && error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error).with_context(|| format!("writing {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_in(dir: &tempfile::TempDir) -> Config {
        Config { secret_key_file: dir.path().join("data").join("secret.key"), ..Config::default() }
    }

    #[test]
    fn a_first_start_writes_a_private_key_file_and_later_starts_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_in(&dir);
        let first = load(&config).unwrap();
        let text = std::fs::read_to_string(&config.secret_key_file).unwrap();
        assert_eq!(text.trim().len(), 64, "one key, in hex");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&config.secret_key_file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(load(&config).unwrap().key_ids(), first.key_ids(), "the same key next time");
    }

    #[test]
    fn instances_starting_together_agree_on_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_in(&dir);
        let ids: Vec<Vec<String>> = std::thread::scope(|scope| {
            let starts: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| load(&config).unwrap().key_ids().iter().map(|id| id.to_string()).collect()))
                .collect();
            starts.into_iter().map(|start| start.join().unwrap()).collect()
        });
        assert!(ids.windows(2).all(|pair| pair[0] == pair[1]), "{ids:?}");
    }

    #[test]
    fn a_configured_key_wins_and_a_bad_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = KeyRing::generate_key();
        let config = Config { secret_key: Some(portal_server::config::KeyText(key.clone())), ..config_in(&dir) };
        assert_eq!(load(&config).unwrap().key_ids(), KeyRing::parse(&key).unwrap().key_ids());
        assert!(!config.secret_key_file.exists(), "no file is made when the key is configured");
        let bad = Config { secret_key: Some(portal_server::config::KeyText("short".into())), ..config_in(&dir) };
        let error = format!("{:#}", load(&bad).unwrap_err());
        assert!(error.contains("PORTAL_SECRET_KEY") && error.contains("64 hexadecimal"), "{error}");
        std::fs::create_dir_all(config.secret_key_file.parent().unwrap()).unwrap();
        std::fs::write(&config.secret_key_file, "not a key").unwrap();
        assert!(load(&config_in(&dir)).is_err());
    }
}
