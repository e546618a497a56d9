//! Attached files in an S3-compatible bucket (`blob_url`), against a real
//! local S3 server (`moto_server`, which `scripts/setup --test` installs):
//! instances over one database share the files, whichever instance took
//! them, and a bucket that cannot be used stops the start.

use crate::app::*;
use crate::attachments::{PNG, download, files_on_disk, uploaded};
use portal_core::AttachmentId;
use portal_server::Portal;
use portal_server::config::{Config, KeyText};
use portal_store::Backend;
use portal_store::testing::local_s3::LocalS3;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Every instance keeps attached files under this prefix of the bucket.
const PREFIX: &str = "portal/attachments";

/// Points `config` at `s3`'s bucket, as an operator's settings would.
fn use_bucket(config: &mut Config, s3: &LocalS3) {
    let access = s3.access();
    config.blob_url = Some(s3.url(PREFIX));
    config.s3_endpoint = access.endpoint;
    config.s3_region = access.region;
    config.s3_access_key_id = access.access_key_id;
    config.s3_secret_access_key = access.secret_access_key.map(KeyText);
}

/// A PNG of 2 MB with random bytes after its header: no two alike, and a
/// single byte lost or changed on the way shows.
fn random_png() -> Vec<u8> {
    let mut content = PNG.to_vec();
    content.extend((0..2 * 1024 * 1024).map(|_| rand::random::<u8>()));
    content
}

/// Sends the upload `file` on a new ticket through `app`, so that it can be
/// downloaded.
async fn send_on_new_ticket(app: &TestApp, token: &str, file: AttachmentId) {
    let new = json!({"title": "A screenshot", "description": "Attached.", "attachments": [file]});
    let _: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(token)).await, "new ticket").await;
}

async fn downloaded(app: &TestApp, token: &str, file: AttachmentId) -> Vec<u8> {
    let response = download(app, token, file).await;
    assert_eq!(response.status(), StatusCode::OK, "downloading {file} through {}", app.base);
    response.bytes().await.expect("the file's bytes").to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn files_stored_through_one_instance_download_byte_for_byte_through_another() {
    on_each_backend("files_stored_through_one_instance_download_byte_for_byte_through_another", |db| async move {
        let s3 = LocalS3::start().await;
        let backend = db.backend;
        let one = spawn_app_with(db, |config| use_bucket(config, &s3)).await;
        let alice = one.sign_in("alice@example.com").await.token;

        let first = random_png();
        let file = uploaded(&one, &alice, "first.png", &first).await;
        send_on_new_ticket(&one, &alice, file.id).await;
        assert!(downloaded(&one, &alice, file.id).await == first, "the file as uploaded, through the same instance");
        assert_eq!(files_on_disk(&one), 0, "nothing in blob_dir: the file is in the bucket");

        if backend != Backend::Postgres {
            // One SQLite file has one portal process.
            return;
        }
        let two = spawn_another_instance(&one, |config| use_bucket(config, &s3)).await;
        assert!(downloaded(&two, &alice, file.id).await == first, "instance two serves what instance one stored");
        // And the other way round.
        let second = random_png();
        let other = uploaded(&two, &alice, "second.png", &second).await;
        send_on_new_ticket(&two, &alice, other.id).await;
        assert!(downloaded(&one, &alice, other.id).await == second, "instance one serves what instance two stored");
        assert_eq!(files_on_disk(&two), 0, "nothing in blob_dir: the file is in the bucket");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bucket_that_is_missing_stops_the_start_naming_blob_url() {
    let s3 = LocalS3::start().await;
    let site_root = tempfile::tempdir().unwrap();
    let mut config = test_config(&site_root);
    use_bucket(&mut config, &s3);
    config.blob_url = Some("s3://no-such-bucket/files".into());
    let url = format!("sqlite://{}", site_root.path().join("portal.db").display());
    let keys = portal_store::KeyRing::parse(&portal_store::KeyRing::generate_key()).unwrap();
    let store = portal_store::connect(&url, keys).await.unwrap();
    let error = match Portal::bind(&config, store).await {
        Ok(_) => panic!("a portal started without its bucket"),
        Err(error) => format!("{error:#}"),
    };
    assert!(error.contains("blob_url") && error.contains("s3://no-such-bucket/files"), "{error}");
}
