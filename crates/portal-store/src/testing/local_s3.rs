//! A real S3-compatible server for tests: `moto_server`, from the Python
//! package `moto[server]` that `scripts/setup --test` installs under
//! `.tools/venv`. Each [`LocalS3`] is a server of its own on a free port of
//! 127.0.0.1 with one empty bucket, stopped when dropped.
//!
//! A missing `moto_server` fails the test: a skipped test would pass
//! without covering anything.

use crate::{S3Access, S3Location};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The bucket every server starts with.
const BUCKET: &str = "portal-test";
/// moto takes any credentials; these only have to be present.
const ACCESS_KEY_ID: &str = "portal-test-key";
const SECRET_ACCESS_KEY: &str = "portal-test-secret";

pub struct LocalS3 {
    /// `http://127.0.0.1:PORT`.
    endpoint: String,
    child: Child,
    /// The server's own output, shown when it fails to start.
    log: tempfile::NamedTempFile,
}

impl LocalS3 {
    /// Starts `moto_server` and creates the bucket.
    pub async fn start() -> Self {
        let program = moto_server();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port for moto_server")
            .port();
        let log = tempfile::NamedTempFile::new().expect("a file for moto_server's output");
        let output = || log.reopen().expect("moto_server's output file");
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(output())
            .stderr(output())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        let mut server = Self { endpoint: format!("http://127.0.0.1:{port}"), child, log };
        server.wait_until_listening(port).await;
        server.create_bucket().await;
        server
    }

    /// `http://127.0.0.1:PORT`, the server's address.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// `s3://<bucket>/<prefix>`: where a store puts its objects.
    pub fn url(&self, prefix: &str) -> String {
        format!("s3://{BUCKET}/{prefix}")
    }

    pub fn location(&self, prefix: &str) -> S3Location {
        S3Location::parse(&self.url(prefix)).expect("the test bucket's URL parses")
    }

    /// The endpoint and the (made-up) credentials the server takes.
    pub fn access(&self) -> S3Access {
        S3Access {
            endpoint: Some(self.endpoint.clone()),
            region: Some("us-east-1".into()),
            access_key_id: Some(ACCESS_KEY_ID.into()),
            secret_access_key: Some(SECRET_ACCESS_KEY.into()),
        }
    }

    async fn wait_until_listening(&mut self, port: u16) {
        // Python takes a moment to import moto's services.
        for _ in 0..300 {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("moto_server exited ({status}) before it listened:\n{}", self.output());
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto_server did not listen on port {port} within 30 s:\n{}", self.output());
    }

    /// Buckets are made by operators, not by the store: the tests make
    /// theirs with S3's plain `PUT /<bucket>`.
    async fn create_bucket(&self) {
        let client = reqwest::Client::builder().no_proxy().build().expect("an HTTP client");
        let url = format!("{}/{BUCKET}", self.endpoint);
        let response = client.put(&url).send().await.unwrap_or_else(|e| panic!("PUT {url}: {e}"));
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "creating the bucket: PUT {url} answered {status}: {body}");
    }

    fn output(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }
}

impl Drop for LocalS3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The project's own `moto_server`, else one on `PATH`.
fn moto_server() -> PathBuf {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/venv/bin/moto_server");
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).map(|dir| dir.join("moto_server")).collect::<Vec<_>>())
        .unwrap_or_default();
    std::iter::once(project).chain(on_path).find(|candidate| candidate.is_file()).unwrap_or_else(|| {
        panic!(
            "moto_server (the local S3 server these tests need) is not installed: \
             run scripts/setup --test, which installs moto[server] under .tools/venv"
        )
    })
}
