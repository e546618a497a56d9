//! A portal on a free port over a test database, and the calls the tests make.

use portal::commands;
use portal_app::PortalError;
pub use portal_core::AllowedOrigins;
use portal_core::{
    CustomerId, CustomerName, Email, SecretId, SessionGrant, TicketStatus, TicketSummary, WorkspaceId, WorkspaceSlug,
};
use portal_server::config::Config;
use portal_server::{Portal, now_millis};
use portal_store::testing::TestDb;
use portal_store::{NewTicket, Store, Workspace};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::oneshot;

pub use portal_core::sign_email;
pub use portal_store::testing::on_each_backend;

/// The origin the test workspace lets embed the portal.
pub const ORIGIN: &str = "http://127.0.0.1:9999";
pub const SLUG: &str = "acme";
pub const GREETING: &str = "Welcome to Acme support";
pub const HOUR: i64 = 60 * 60 * 1000;

/// A portal serving over its own database, with one workspace (`acme`,
/// embeddable from [`ORIGIN`]) and its secret.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base: String,
    pub db: TestDb,
    pub store: Arc<dyn Store>,
    pub slug: String,
    pub workspace: Workspace,
    /// The workspace's identity-verification secret.
    pub secret: String,
    pub client: reqwest::Client,
    /// Where the portal keeps attached files.
    pub blob_dir: std::path::PathBuf,
    /// The running portal's state, for tests that hold its limits.
    pub state: portal_app::state::AppState,
    /// `http://127.0.0.1:PORT` of the metrics listener, when `metrics_bind` is set.
    pub metrics_base: Option<String>,
    /// Where the built-in SMTP listener takes mail, when `smtp_bind` is set.
    pub smtp_addr: Option<std::net::SocketAddr>,
    shutdown: Option<oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
    _site_root: tempfile::TempDir,
}

/// A portal on a free port of 127.0.0.1, its site root and attached files in
/// `dir` (the tests never load the WebAssembly bundle: an empty folder will do).
pub fn test_config(dir: &tempfile::TempDir) -> Config {
    Config {
        bind: ([127, 0, 0, 1], 0).into(),
        site_root: dir.path().to_path_buf(),
        blob_dir: dir.path().join("blobs"),
        ..Config::default()
    }
}

/// Starts a portal on `127.0.0.1:0` over `db` and creates the `acme`
/// workspace the way an operator does (`portal workspace create`).
pub async fn spawn_app(db: TestDb) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// [`spawn_app`], with the configuration changed by `configure` first.
pub async fn spawn_app_with(db: TestDb, configure: impl FnOnce(&mut Config)) -> TestApp {
    start(db, configure, true).await
}

/// Another instance beside `app`, as a second process would be: its own
/// store (pool and listener) over the same database and its own server,
/// configured by `configure`, serving `app`'s workspace. PostgreSQL only:
/// one SQLite file has one portal process.
pub async fn spawn_another_instance(app: &TestApp, configure: impl FnOnce(&mut Config)) -> TestApp {
    let store = portal_store::connect(&app.db.url, app.db.keys()).await.expect("another store on the same database");
    let db = TestDb { store, url: app.db.url.clone(), backend: app.db.backend, key: app.db.key.clone() };
    start(db, configure, false).await
}

/// Serves over `db`, creating the `acme` workspace when `new_workspace`
/// (else it must be there already).
async fn start(db: TestDb, configure: impl FnOnce(&mut Config), new_workspace: bool) -> TestApp {
    let site_root = tempfile::tempdir().expect("temporary site root");
    let mut config = test_config(&site_root);
    configure(&mut config);
    let store = db.store.clone();
    let portal = Portal::bind(&config, store.clone()).await.expect("bind the portal to a free port");
    // Listening from here on: connections queue until `serve` accepts them.
    let base = format!("http://{}", portal.addr);
    let state = portal.state.clone();
    let metrics_base = portal.metrics_addr.map(|addr| format!("http://{addr}"));
    let smtp_addr = portal.smtp_addr;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(portal.serve(async move {
        let _ = stopped.await;
    }));

    if new_workspace {
        commands::create_workspace(&*store, SLUG, "Acme", GREETING, &[ORIGIN.to_string()])
            .await
            .expect("create the acme workspace");
    }
    let workspace = store
        .workspace_by_slug(&slug(SLUG))
        .await
        .expect("look up the acme workspace")
        .expect("the acme workspace exists");
    if new_workspace {
        // A new workspace's portal starts off; the tests use it switched on.
        store.set_portal_enabled(workspace.id, true).await.expect("switch the acme portal on");
    }
    let workspace = store.workspace(workspace.id).await.expect("look up").expect("the acme workspace exists");
    let secret = only_secret(&*store, workspace.id).await;

    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("HTTP client");
    TestApp {
        base,
        db,
        store,
        slug: SLUG.to_string(),
        workspace,
        secret,
        client,
        blob_dir: config.blob_dir.clone(),
        state,
        metrics_base,
        smtp_addr,
        shutdown: Some(shutdown),
        server,
        _site_root: site_root,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        // Idle keep-alive connections would hold a graceful shutdown open;
        // nothing is left to wait for once the test is over.
        self.server.abort();
    }
}

pub fn slug(raw: &str) -> WorkspaceSlug {
    WorkspaceSlug::parse(raw).unwrap_or_else(|e| panic!("slug {raw:?}: {e}"))
}

async fn only_secret(store: &dyn Store, workspace: WorkspaceId) -> String {
    let mut secrets = store.active_secrets(workspace, now_millis()).await.expect("active secrets");
    assert_eq!(secrets.len(), 1, "a new workspace has exactly one active secret");
    secrets.pop().unwrap().value
}

/// Rows the portal may write when someone signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    pub customers: i64,
    pub sessions: i64,
}

impl Rows {
    pub const NONE: Self = Self { customers: 0, sessions: 0 };
}

/// The JSON body of `POST /api/portal/session/open`: the server function's
/// argument names as keys (`input = Json`).
pub fn sign_in_body(workspace: &str, origin: &str, name: &str, email: &str, hash: &str) -> Value {
    json!({
        "workspace": workspace,
        "origin": origin,
        "name": name,
        "email": email,
        "verification_hash": hash,
    })
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// POSTs `body` as JSON, with `Authorization: Bearer <token>` when given.
    pub async fn post(&self, path: &str, body: &Value, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// The verification hash the site's server computes with the current secret.
    pub fn hash(&self, email: &str) -> String {
        sign_email(self.secret.as_bytes(), email)
    }

    pub async fn open_session(&self, body: &Value) -> reqwest::Response {
        self.post("/api/portal/session/open", body, None).await
    }

    /// Signs in on `acme` from the allowed origin, expecting success.
    pub async fn sign_in(&self, email: &str) -> SessionGrant {
        self.sign_in_with(&self.slug, ORIGIN, email, &self.hash(email)).await
    }

    pub async fn sign_in_with(&self, workspace: &str, origin: &str, email: &str, hash: &str) -> SessionGrant {
        let response = self.open_session(&sign_in_body(workspace, origin, "Test Customer", email, hash)).await;
        let what = format!("sign-in of {email} on {workspace} from {origin}");
        expect_ok::<SessionGrant>(response, &what).await
    }

    pub async fn tickets(&self, token: Option<&str>) -> reqwest::Response {
        self.post("/api/portal/tickets", &json!({}), token).await
    }

    /// The bearer's ticket titles, expecting success.
    pub async fn ticket_titles(&self, token: &str) -> Vec<String> {
        let tickets: Vec<TicketSummary> = expect_ok(self.tickets(Some(token)).await, "listing tickets").await;
        let mut titles: Vec<String> = tickets.into_iter().map(|t| t.title).collect();
        titles.sort();
        titles
    }

    pub async fn close_session(&self, token: &str) -> reqwest::Response {
        self.post("/api/portal/session/close", &json!({}), Some(token)).await
    }

    pub async fn rows(&self) -> Rows {
        Rows {
            customers: self.db.scalar("SELECT COUNT(*) FROM customers").await,
            sessions: self.db.scalar("SELECT COUNT(*) FROM sessions").await,
        }
    }

    /// Another workspace, created like `acme`; returns it and its secret.
    pub async fn add_workspace(&self, raw_slug: &str, origin: &str) -> (Workspace, String) {
        commands::create_workspace(&*self.store, raw_slug, raw_slug, "Hello", &[origin.to_string()])
            .await
            .unwrap_or_else(|e| panic!("create workspace {raw_slug}: {e}"));
        let ws = self.store.workspace_by_slug(&slug(raw_slug)).await.expect("look up").expect("just created");
        self.store.set_portal_enabled(ws.id, true).await.expect("switch the portal on");
        let ws = self.store.workspace(ws.id).await.expect("look up").expect("just created");
        let secret = only_secret(&*self.store, ws.id).await;
        (ws, secret)
    }

    /// A customer with tickets, created through the store (as an import would).
    pub async fn customer_with_tickets(&self, workspace: WorkspaceId, email: &str, titles: &[&str]) -> CustomerId {
        let now = now_millis();
        let email = Email::parse(email).expect("a valid email");
        let name = CustomerName::parse("Fixture Customer").expect("a valid name");
        let customer = self.store.upsert_customer(workspace, &email, &name, now).await.expect("upsert customer");
        for title in titles {
            let ticket = NewTicket { title: (*title).into(), description: String::new(), status: TicketStatus::Open };
            self.store.create_ticket(workspace, customer.id, &ticket, now).await.expect("create ticket");
        }
        customer.id
    }

    /// The id of the active secret whose value is `value`.
    pub async fn secret_id(&self, workspace: WorkspaceId, value: &str) -> SecretId {
        let secrets = self.store.active_secrets(workspace, now_millis()).await.expect("active secrets");
        secrets.iter().find(|s| s.value == value).expect("the secret is active").id
    }
}

/// How [`TestApp::raw_post`] sends its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `Content-Length` and `Expect: 100-continue`: the body is sent only if
    /// the server asks for it (as curl does for large bodies), so a refusal
    /// based on the length alone arrives without a reset connection.
    ExpectContinue,
    /// `Transfer-Encoding: chunked`: the server learns the size by reading.
    Chunked,
}

impl TestApp {
    /// A POST over a plain TCP connection, for requests `reqwest` cannot make
    /// deterministically: a large body the server refuses before reading it
    /// (the server then closes the connection, and a client still writing
    /// the body may see a reset instead of the answer), or a chunked body.
    /// Returns the final status and body; an IO error if the connection
    /// broke before an answer came.
    pub async fn raw_post(&self, path: &str, body: &[u8], framing: Framing) -> std::io::Result<(u16, String)> {
        use tokio::io::AsyncWriteExt;

        let addr = self.base.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        let mut head =
            format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nConnection: close\r\n");
        let answer = match framing {
            Framing::ExpectContinue => {
                head.push_str(&format!("Content-Length: {}\r\nExpect: 100-continue\r\n\r\n", body.len()));
                stream.write_all(head.as_bytes()).await?;
                let first = read_response(&mut stream, true).await?;
                if first.starts_with("HTTP/1.1 100") {
                    stream.write_all(body).await?;
                    read_response(&mut stream, false).await?
                } else {
                    first
                }
            }
            Framing::Chunked => {
                head.push_str("Transfer-Encoding: chunked\r\n\r\n");
                let mut request = head.into_bytes();
                for chunk in body.chunks(16 * 1024) {
                    request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    request.extend_from_slice(chunk);
                    request.extend_from_slice(b"\r\n");
                }
                request.extend_from_slice(b"0\r\n\r\n");
                let (mut reader, mut writer) = stream.split();
                // Read while writing: the server may answer before it has read
                // everything, and then stop reading.
                let write = async {
                    let _ = writer.write_all(&request).await;
                };
                let (_, answer) = tokio::join!(write, read_response(&mut reader, false));
                answer?
            }
        };
        let status = answer
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("POST {path}: not an HTTP response: {answer:?}"));
        let body = answer.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
        Ok((status, body))
    }
}

/// Reads one response: only its head when `interim` (a `100 Continue` has
/// no body and the connection stays open), else everything until the
/// server closes (requests say `Connection: close`).
async fn read_response<R: tokio::io::AsyncRead + Unpin>(reader: &mut R, interim: bool) -> std::io::Result<String> {
    use tokio::io::AsyncReadExt;

    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = std::time::Duration::from_secs(30);
    loop {
        let n = tokio::time::timeout(deadline, reader.read(&mut buf))
            .await
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer within 30 s"))??;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&out);
        if interim && text.contains("\r\n\r\n") && text.starts_with("HTTP/1.1 100") {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Reads a successful server-function response as `T`.
pub async fn expect_ok<T: serde::de::DeserializeOwned>(response: reqwest::Response, what: &str) -> T {
    let status = response.status();
    let body = response.text().await.unwrap_or_else(|e| panic!("{what}: reading the body: {e}"));
    assert_eq!(status, StatusCode::OK, "{what}: expected 200, got {status} with body {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{what}: unexpected body {body}: {e}"))
}

/// Checks a refusal: its status, and that the body is `expected` as the
/// server functions encode a `PortalError` (JSON).
pub async fn expect_error(response: reqwest::Response, status: u16, expected: &PortalError, what: &str) {
    let got = response.status();
    let body = response.text().await.unwrap_or_else(|e| panic!("{what}: reading the body: {e}"));
    assert_eq!(got.as_u16(), status, "{what}: expected {status} ({expected}), got {got} with body {body}");
    let error: PortalError = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("{what}: expected a PortalError as JSON, got {body}: {e}"));
    assert_eq!(&error, expected, "{what}: the error the customer sees");
}

/// Checks a validation refusal: 400 and `PortalError::Invalid`, whose
/// message must mention `mentions`.
pub async fn expect_invalid(response: reqwest::Response, mentions: &str, what: &str) {
    let got = response.status();
    let body = response.text().await.unwrap_or_else(|e| panic!("{what}: reading the body: {e}"));
    assert_eq!(got, StatusCode::BAD_REQUEST, "{what}: expected 400, got {got} with body {body}");
    match serde_json::from_str::<PortalError>(&body) {
        Ok(PortalError::Invalid(message)) => assert!(
            message.to_lowercase().contains(mentions),
            "{what}: expected a message about {mentions:?}, got {message:?}"
        ),
        other => panic!("{what}: expected PortalError::Invalid as JSON, got {other:?} from {body}"),
    }
}

/// 64 lower-case hex characters, shaped like a real session token.
pub fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Starts the real `portal serve` binary on a free port over `db`, with its
/// files in `dir` and `env` added to its environment, and returns it with
/// its base URL once it says it is ready. Killed when dropped.
pub async fn start_portal_binary(
    db: &TestDb,
    dir: &tempfile::TempDir,
    env: &[(&str, &str)],
) -> (tokio::process::Child, String) {
    use tokio::io::{AsyncBufReadExt as _, BufReader};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .arg("--site-root")
        .arg(dir.path())
        .env("PORTAL_DATABASE_URL", &db.url)
        .env("PORTAL_SECRET_KEY", &db.key)
        .env("PORTAL_BLOB_DIR", dir.path().join("blobs"))
        .env("PORTAL_LOG", "info")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the portal binary");
    let mut lines = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
    let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.expect("read the portal's output") {
            if let Some(url) = line.trim().strip_prefix("portal:") {
                return url.trim().to_string();
            }
        }
        panic!("the portal exited before it was ready");
    })
    .await
    .expect("the portal is ready within 60 s");
    (child, base)
}
