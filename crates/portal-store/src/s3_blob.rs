//! Attachment contents in an S3-compatible bucket, so that every instance of
//! the portal reads the files any of them stored (a folder is one machine's).
//!
//! Objects are named `<prefix>/<first two characters of the key>/<key>`:
//! the folder store's keys and layout, so that a folder copied into the
//! bucket as it is (`aws s3 sync`) is found under the same keys.

use crate::blob::{BlobStore, check_key, new_key};
use async_trait::async_trait;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use std::io;
use std::time::Duration;

/// How long one operation may keep retrying before it fails. A customer's
/// upload or download waits on it: the library's default (three minutes)
/// would outlast any browser's patience.
const RETRY_FOR: Duration = Duration::from_secs(20);

/// A bucket and the prefix the portal's objects go under, as written in a
/// URL such as `s3://bucket/prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    bucket: String,
    prefix: Path,
}

impl S3Location {
    /// Reads `s3://bucket` or `s3://bucket/some/prefix`. The message of an
    /// error says what is wrong, for the operator to read.
    pub fn parse(url: &str) -> Result<Self, String> {
        let rest = url.strip_prefix("s3://").ok_or_else(|| format!("{url:?} is not an s3://bucket/prefix URL"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if !is_bucket_name(bucket) {
            return Err(format!(
                "{bucket:?} is not a bucket name: 3 to 63 lowercase letters, digits, dots and dashes, \
                 starting and ending with a letter or digit"
            ));
        }
        // A query or fragment would be taken for part of the prefix and
        // silently change where files go.
        if prefix.contains(['?', '#']) {
            return Err(format!("the prefix {prefix:?} must not contain '?' or '#'"));
        }
        let prefix = Path::parse(prefix).map_err(|e| format!("the prefix {prefix:?} is not usable: {e}"))?;
        Ok(Self { bucket: bucket.to_string(), prefix })
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The prefix without leading or trailing slashes; empty for the
    /// bucket's top level.
    pub fn prefix(&self) -> &str {
        self.prefix.as_ref()
    }
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.prefix)
    }
}

/// S3's rules for new buckets, which every S3-compatible server accepts.
fn is_bucket_name(name: &str) -> bool {
    let edge = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge(name.bytes().next())
        && edge(name.bytes().last())
}

/// How to reach the bucket. Each `None` leaves the value to the `AWS_*`
/// environment variables, then to the library's defaults (AWS itself,
/// `us-east-1`, credentials from the machine's role).
#[derive(Clone, Default)]
pub struct S3Access {
    /// An S3-compatible server, such as `http://127.0.0.1:9000`. Plain
    /// `http://` is allowed because it is written out here: a local server
    /// usually has no certificate.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Access")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &self.secret_access_key.as_ref().map(|_| ".."))
            .finish()
    }
}

/// Blobs as objects: `<prefix>/<first two characters>/<key>` in one bucket.
pub struct S3BlobStore {
    bucket: AmazonS3,
    prefix: Path,
}

impl S3BlobStore {
    /// Prepares the client; nothing is sent until the first file. The
    /// bucket must exist already: creating buckets is the operator's call.
    pub fn open(location: &S3Location, access: &S3Access) -> io::Result<Self> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&location.bucket)
            .with_retry(RetryConfig { retry_timeout: RETRY_FOR, ..RetryConfig::default() });
        if let Some(endpoint) = &access.endpoint {
            builder = builder.with_endpoint(endpoint);
            if endpoint.starts_with("http://") {
                builder = builder.with_allow_http(true);
            }
        }
        if let Some(region) = &access.region {
            builder = builder.with_region(region);
        }
        if let Some(key_id) = &access.access_key_id {
            builder = builder.with_access_key_id(key_id);
        }
        if let Some(secret) = &access.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let bucket = builder.build().map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        Ok(Self { bucket, prefix: location.prefix.clone() })
    }

    /// Lists the prefix once, so that a missing bucket or refused
    /// credentials stop the start instead of failing a customer's upload.
    pub async fn check(&self) -> io::Result<()> {
        self.bucket.list_with_delimiter(Some(&self.prefix)).await.map(drop).map_err(into_io)
    }

    fn path(&self, key: &str) -> io::Result<Path> {
        check_key(key)?;
        Ok(self.prefix.clone().join(&key[..2]).join(key))
    }
}

#[async_trait]
impl BlobStore for S3BlobStore {
    async fn put(&self, content: &[u8]) -> io::Result<String> {
        let key = new_key();
        // One PUT: an object appears whole when the request succeeds, and
        // not at all otherwise.
        self.bucket.put(&self.path(&key)?, PutPayload::from(content.to_vec())).await.map_err(into_io)?;
        Ok(key)
    }

    async fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        let found = self.bucket.get(&self.path(key)?).await.map_err(into_io)?;
        Ok(Vec::from(found.bytes().await.map_err(into_io)?))
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        match self.bucket.delete(&self.path(key)?).await {
            Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
            Err(e) => Err(into_io(e)),
        }
    }
}

/// Keeps the kinds callers tell apart (a missing object above all: an
/// attachment whose content is gone), with the library's error as the source.
fn into_io(error: object_store::Error) -> io::Error {
    use object_store::Error as E;
    let kind = match &error {
        E::NotFound { .. } => io::ErrorKind::NotFound,
        E::AlreadyExists { .. } => io::ErrorKind::AlreadyExists,
        E::PermissionDenied { .. } | E::Unauthenticated { .. } => io::ErrorKind::PermissionDenied,
        E::InvalidPath { .. } => io::ErrorKind::InvalidInput,
        E::NotSupported { .. } | E::NotImplemented { .. } => io::ErrorKind::Unsupported,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_from_s3_urls() {
        let location = S3Location::parse("s3://portal-files/prod/attachments/").unwrap();
        assert_eq!((location.bucket(), location.prefix()), ("portal-files", "prod/attachments"));
        assert_eq!(location.to_string(), "s3://portal-files/prod/attachments");
        let top = S3Location::parse("s3://portal-files").unwrap();
        assert_eq!((top.bucket(), top.prefix()), ("portal-files", ""));
        for bad in [
            "ftp://portal-files/x",
            "s3:/portal-files",
            "s3://",
            "s3://Portal_Files",
            "s3://-files",
            "s3://ab",
            "s3://portal-files/a//b",
            "s3://portal-files/a/../b",
            "s3://portal-files/a?versionId=1",
        ] {
            assert!(S3Location::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_secret_is_never_printed() {
        let access = S3Access { secret_access_key: Some("wJalrXUtnFEMI".into()), ..S3Access::default() };
        assert!(!format!("{access:?}").contains("wJalrXUtnFEMI"));
    }

    #[test]
    fn objects_are_named_under_the_prefix_and_only_for_keys_of_the_store() {
        let access = S3Access {
            endpoint: Some("http://127.0.0.1:1".into()),
            access_key_id: Some("id".into()),
            secret_access_key: Some("secret".into()),
            ..S3Access::default()
        };
        let blobs = S3BlobStore::open(&S3Location::parse("s3://files/a/b").unwrap(), &access).unwrap();
        let key = new_key();
        assert_eq!(blobs.path(&key).unwrap().as_ref(), format!("a/b/{}/{key}", &key[..2]));
        assert_eq!(blobs.path("../x").unwrap_err().kind(), io::ErrorKind::InvalidInput);
    }
}
