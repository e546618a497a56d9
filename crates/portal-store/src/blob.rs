//! Where attachment contents live: a small trait, and the default, a folder
//! under the data directory (object storage is in `s3_blob`).
//!
//! Contents are stored under random names the blob store chooses; the
//! customer's file name is only ever a column in the database.

use async_trait::async_trait;
use std::io;
use std::path::PathBuf;

#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `content` under a new random key and returns the key. The
    /// content is whole or absent: never half-written under its key.
    async fn put(&self, content: &[u8]) -> io::Result<String>;
    async fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Deleting a key that is not there is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
}

/// A new random key: 32 lowercase hex characters, never chosen by a customer.
pub(crate) fn new_key() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// Refuses anything but a key [`new_key`] could have made. Keys come back
/// from the database: anything else could name another file or object.
pub(crate) fn check_key(key: &str) -> io::Result<()> {
    let well_formed = key.len() == 32 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if well_formed { Ok(()) } else { Err(io::Error::new(io::ErrorKind::InvalidInput, "not a blob key")) }
}

/// Blobs as files: `<root>/<first two characters of the key>/<key>`.
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    /// Creates the folder when missing.
    pub fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("incoming"))?;
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        check_key(key)?;
        Ok(self.root.join(&key[..2]).join(key))
    }
}

#[async_trait]
impl BlobStore for FsBlobStore {
    async fn put(&self, content: &[u8]) -> io::Result<String> {
        let key = new_key();
        let path = self.path(&key)?;
        // Written aside, then renamed into place: a crash leaves a stray
        // file in `incoming`, never a truncated blob.
        let incoming = self.root.join("incoming").join(&key);
        tokio::fs::write(&incoming, content).await?;
        if let Some(folder) = path.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        tokio::fs::rename(&incoming, &path).await?;
        Ok(key)
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)?).await
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn blobs_round_trip_under_random_names() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = FsBlobStore::open(dir.path()).unwrap();
        let key = blobs.put(b"hello").await.unwrap();
        let other = blobs.put(b"hello").await.unwrap();
        assert_ne!(key, other);
        assert_eq!(blobs.get(&key).await.unwrap(), b"hello");
        blobs.delete(&key).await.unwrap();
        blobs.delete(&key).await.unwrap();
        assert_eq!(blobs.get(&key).await.unwrap_err().kind(), io::ErrorKind::NotFound);
        for bad in ["../../etc/passwd", "", "ABCDEF0123456789ABCDEF0123456789", "0123456789abcdef0123456789abcde/"] {
            assert_eq!(blobs.get(bad).await.unwrap_err().kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        assert_eq!(std::fs::read_dir(dir.path().join("incoming")).unwrap().count(), 0);
    }
}
