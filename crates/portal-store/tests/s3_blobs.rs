//! The S3 blob store against a real S3-compatible server (`moto_server`,
//! started per test by `portal_store::testing::local_s3`): the same
//! promises as the folder store's.

use portal_store::testing::local_s3::LocalS3;
use portal_store::{BlobStore, S3BlobStore};
use std::io::ErrorKind;

#[tokio::test(flavor = "multi_thread")]
async fn blobs_round_trip_in_a_bucket_under_random_names() {
    let s3 = LocalS3::start().await;
    let blobs = S3BlobStore::open(&s3.location("portal/attachments"), &s3.access()).unwrap();

    let content: Vec<u8> = (0..=255u8).cycle().take(3 * 1024 * 1024).collect();
    let key = blobs.put(&content).await.unwrap();
    let other = blobs.put(&content).await.unwrap();
    assert_ne!(key, other, "each put has a name of its own");
    for name in [&key, &other] {
        assert!(name.len() == 32 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{name}");
    }
    assert_eq!(blobs.get(&key).await.unwrap(), content, "byte for byte");
    assert_eq!(blobs.put(b"").await.map(|k| k.len()).unwrap(), 32, "an empty blob is a blob");

    blobs.delete(&key).await.unwrap();
    blobs.delete(&key).await.expect("deleting what is gone is fine");
    assert_eq!(blobs.get(&key).await.unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(blobs.get(&other).await.unwrap(), content, "the other blob stays");
    let never_stored = "0123456789abcdef0123456789abcdef";
    assert_eq!(blobs.get(never_stored).await.unwrap_err().kind(), ErrorKind::NotFound);
    blobs.delete(never_stored).await.expect("deleting what never was is fine");

    for bad in ["../../etc/passwd", "", "ABCDEF0123456789ABCDEF0123456789", "0123456789abcdef0123456789abcde/"] {
        assert_eq!(blobs.get(bad).await.unwrap_err().kind(), ErrorKind::InvalidInput, "get {bad:?}");
        assert_eq!(blobs.delete(bad).await.unwrap_err().kind(), ErrorKind::InvalidInput, "delete {bad:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn stores_with_the_same_location_share_blobs_and_prefixes_keep_them_apart() {
    let s3 = LocalS3::start().await;
    let one = S3BlobStore::open(&s3.location("shared"), &s3.access()).unwrap();
    let two = S3BlobStore::open(&s3.location("shared/"), &s3.access()).unwrap();
    let elsewhere = S3BlobStore::open(&s3.location("other"), &s3.access()).unwrap();

    let key = one.put(b"written by one instance").await.unwrap();
    assert_eq!(two.get(&key).await.unwrap(), b"written by one instance");
    assert_eq!(elsewhere.get(&key).await.unwrap_err().kind(), ErrorKind::NotFound);
    two.delete(&key).await.unwrap();
    assert_eq!(one.get(&key).await.unwrap_err().kind(), ErrorKind::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_bucket_fails_the_check_and_every_write() {
    let s3 = LocalS3::start().await;
    let present = S3BlobStore::open(&s3.location("files"), &s3.access()).unwrap();
    present.check().await.expect("the bucket exists, its prefix may be empty");
    let location = portal_store::S3Location::parse("s3://no-such-bucket/files").unwrap();
    let missing = S3BlobStore::open(&location, &s3.access()).unwrap();
    missing.check().await.expect_err("no bucket");
    missing.put(b"lost").await.expect_err("no bucket to put it in");
}
