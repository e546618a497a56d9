//! The built-in SMTP listener (`smtp_bind`, off by default): an MX or a
//! mail server's relay delivers customers' mail straight to the portal.
//!
//! It takes mail only for the inbound address's reply addresses
//! (`support+<token>@…`) and workspace addresses (`support+<workspace>@…`);
//! any other recipient is refused at `RCPT`, so it relays nothing. It
//! offers STARTTLS when given a certificate, and refuses a message over
//! [`MAX_MAIL_BYTES`]. The SMTP dialogue is the `mailin` crate's; this
//! module moves its lines and, at the end of a message, answers with what
//! [`receive`] made of it: 250 when written, 550 when refused for good
//! (the sender's server bounces it), 451 when the store is unavailable (it
//! tries again later).

use super::{MAX_MAIL_BYTES, Received, Refused, receive};
use anyhow::Context;
use mailin::{Action, Handler, Response, SessionBuilder};
use portal_app::state::AppState;
use portal_core::access::ActiveMailbox;
use portal_core::inbound::{Addressed, InboundAddress};
use portal_core::{AgentScope, WorkspaceSlug};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

/// The longest line read: commands are far shorter (RFC 5321 allows 512
/// bytes); message lines should be under 1,000 but are not always.
const MAX_LINE: usize = 64 * 1024;
/// A client silent this long is hung up on (RFC 5321 suggests minutes).
const IDLE: Duration = Duration::from_secs(300);
/// Connections served at once; more wait to be accepted.
const CONNECTIONS: usize = 64;

/// A bound listener, ready to serve.
pub struct Listener {
    listener: TcpListener,
    inbound: InboundAddress,
    tls: Option<TlsAcceptor>,
}

impl Listener {
    /// Binds `bind`; with `tls` (certificate chain and key, PEM files),
    /// STARTTLS is offered.
    pub async fn bind(bind: SocketAddr, inbound: InboundAddress, tls: Option<(&Path, &Path)>) -> anyhow::Result<Self> {
        let tls = tls.map(|(cert, key)| tls_acceptor(cert, key)).transpose()?;
        let listener = TcpListener::bind(bind).await.with_context(|| format!("cannot listen for SMTP on {bind}"))?;
        Ok(Self { listener, inbound, tls })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the task is dropped.
    pub async fn serve(self, state: AppState) {
        let slots = Arc::new(tokio::sync::Semaphore::new(CONNECTIONS));
        let name = self.inbound.domain().to_string();
        loop {
            let Ok(permit) = slots.clone().acquire_owned().await else { return };
            let (stream, peer) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accepting an SMTP connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let connection = Connection {
                state: state.clone(),
                inbound: self.inbound.clone(),
                tls: self.tls.clone(),
                name: name.clone(),
            };
            tokio::spawn(async move {
                if let Err(error) = connection.serve(stream, peer).await {
                    tracing::debug!(%error, %peer, "an SMTP connection ended");
                }
                drop(permit);
            });
        }
    }
}

fn tls_acceptor(cert: &Path, key: &Path) -> anyhow::Result<TlsAcceptor> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .with_context(|| format!("smtp_tls_cert: cannot read certificates from {}", cert.display()))?;
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("smtp_tls_key: cannot read a private key from {}", key.display()))?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("smtp_tls_cert and smtp_tls_key do not make a certificate and its key")?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

struct Connection {
    state: AppState,
    inbound: InboundAddress,
    tls: Option<TlsAcceptor>,
    name: String,
}

/// A stream the dialogue runs over: plain TCP, then perhaps TLS.
trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

impl Connection {
    async fn serve(self, stream: TcpStream, peer: SocketAddr) -> anyhow::Result<()> {
        let mut builder = SessionBuilder::new(self.name.clone());
        if self.tls.is_some() {
            builder.enable_start_tls();
        }
        let envelope = Shared::default();
        let mut session = builder.build(peer.ip(), envelope.handler(self.inbound.clone()));
        let mut stream: BufReader<Box<dyn Stream>> = BufReader::new(Box::new(stream));
        write(&mut stream, &session.greeting()).await?;
        let mut line = Vec::new();
        loop {
            line.clear();
            let read = tokio::time::timeout(IDLE, (&mut stream).take(MAX_LINE as u64).read_until(b'\n', &mut line))
                .await
                .context("idle")??;
            if read == 0 {
                return Ok(());
            }
            if !line.ends_with(b"\n") {
                write(&mut stream, &Response::custom(500, "line too long".into())).await?;
                return Ok(());
            }
            let mut response = session.process(&line);
            if let Some(message) = envelope.finished() {
                response = self.take(message).await;
            }
            match response.action {
                Action::Reply => write(&mut stream, &response).await?,
                Action::NoReply => {}
                Action::Close => {
                    write(&mut stream, &response).await?;
                    return Ok(());
                }
                Action::UpgradeTls => {
                    let Some(acceptor) = self.tls.clone() else { return Ok(()) };
                    write(&mut stream, &response).await?;
                    // Nothing the client sent before the handshake is kept (RFC 3207).
                    let plain = stream.into_inner();
                    let tls = acceptor.accept(plain).await.context("the TLS handshake failed")?;
                    stream = BufReader::new(Box::new(tls));
                    session.tls_active();
                }
            }
        }
    }

    /// What the end of a message answers: written, refused, or try later.
    async fn take(&self, message: Message) -> Response {
        if message.too_large {
            return Response::custom(552, format!("5.3.4 the message is larger than {MAX_MAIL_BYTES} bytes"));
        }
        let mailboxes = match self.mailboxes(&message.recipients).await {
            Ok(mailboxes) => mailboxes,
            Err(refused) => return refused,
        };
        let mut last = Response::custom(250, "2.0.0 taken".into());
        for (mailbox, recipients) in mailboxes {
            let scope = AgentScope::for_mailbox(&mailbox);
            last = match receive(&self.state, &scope, &message.data, &recipients).await {
                Ok(Received::Reply { number, .. } | Received::NewTicket { number, .. }) => {
                    tracing::info!(target: "audit", event = "mail.received", workspace = %scope.workspace_id(), ticket = %number);
                    Response::custom(250, format!("2.0.0 taken into ticket {number}"))
                }
                Ok(Received::Automatic) => Response::custom(250, "2.0.0 an automatic answer, dropped".into()),
                Err(Refused::Store(error)) => {
                    tracing::warn!(%error, "storing a mail failed; the sender will try again");
                    return try_later();
                }
                Err(refused) => return Response::custom(550, format!("5.6.0 {refused}")),
            };
        }
        last
    }

    /// The recipients grouped by the workspace they reach. An address no
    /// workspace has refuses the whole message (it was checked in shape
    /// only at `RCPT`).
    async fn mailboxes(&self, recipients: &[String]) -> Result<Vec<(ActiveMailbox, Vec<String>)>, Response> {
        let mut found: Vec<(ActiveMailbox, Vec<String>)> = Vec::new();
        for recipient in recipients {
            let mailbox = self.mailbox_of(recipient).await?;
            match found.iter_mut().find(|(m, _)| *m == mailbox) {
                Some((_, addresses)) => addresses.push(recipient.clone()),
                None => found.push((mailbox, vec![recipient.clone()])),
            }
        }
        Ok(found)
    }

    async fn mailbox_of(&self, recipient: &str) -> Result<ActiveMailbox, Response> {
        let unknown = |what: &str| Response::custom(550, format!("5.1.1 {recipient}: no such {what}"));
        let found = match self.inbound.read(recipient) {
            Addressed::Reply(token) => self.state.store.reply_mailbox(&token.hash()).await,
            Addressed::Workspace(tag) => {
                let slug = WorkspaceSlug::parse(&tag).map_err(|_| unknown("workspace"))?;
                let workspace = self.state.store.workspace_by_slug(&slug).await;
                workspace.map(|ws| ws.map(|ws| ActiveMailbox { workspace_id: ws.id }))
            }
            Addressed::New | Addressed::Elsewhere => return Err(unknown("mailbox")),
        };
        match found {
            Ok(Some(mailbox)) => Ok(mailbox),
            Ok(None) => Err(unknown("mailbox")),
            Err(_) => Err(try_later()),
        }
    }
}

/// The database is unreachable: the sending server keeps the mail and tries again.
fn try_later() -> Response {
    Response::custom(451, "4.3.0 try again later".into())
}

async fn write(stream: &mut BufReader<Box<dyn Stream>>, response: &Response) -> anyhow::Result<()> {
    let stream = stream.get_mut();
    stream.write_all(&response.buffer()?).await?;
    stream.flush().await?;
    Ok(())
}

/// A whole message, once its final `.` arrived.
struct Message {
    recipients: Vec<String>,
    data: Vec<u8>,
    too_large: bool,
}

/// Where the handler leaves a finished message for the connection, which
/// `mailin`'s session does not give back its handler.
#[derive(Clone, Default)]
struct Shared(Arc<std::sync::Mutex<Option<Message>>>);

impl Shared {
    fn handler(&self, inbound: InboundAddress) -> Envelope {
        Envelope { inbound, recipients: Vec::new(), data: Vec::new(), too_large: false, finished: self.clone() }
    }

    fn finished(&self) -> Option<Message> {
        self.0.lock().ok()?.take()
    }
}

/// The `mailin` handler: checks recipients' shape, gathers the message.
struct Envelope {
    inbound: InboundAddress,
    recipients: Vec<String>,
    data: Vec<u8>,
    too_large: bool,
    finished: Shared,
}

impl Handler for Envelope {
    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, _from: &str) -> Response {
        self.recipients.clear();
        mailin::response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        match self.inbound.read(to) {
            Addressed::Reply(_) | Addressed::Workspace(_) if self.recipients.len() < 20 => {
                self.recipients.push(to.to_string());
                mailin::response::OK
            }
            Addressed::Reply(_) | Addressed::Workspace(_) => Response::custom(452, "4.5.3 too many recipients".into()),
            Addressed::New => Response::custom(
                550,
                format!("5.1.1 name a workspace: {}", self.inbound.workspace_address("<workspace>")),
            ),
            Addressed::Elsewhere => Response::custom(550, "5.7.1 relaying denied".into()),
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, _to: &[String]) -> Response {
        self.data.clear();
        self.too_large = false;
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.data.len() + buf.len() > MAX_MAIL_BYTES {
            self.too_large = true;
        } else {
            self.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let recipients = std::mem::take(&mut self.recipients);
        let data = std::mem::take(&mut self.data);
        if let Ok(mut finished) = self.finished.0.lock() {
            *finished = Some(Message { recipients, data, too_large: self.too_large });
        }
        // Replaced by what taking the message answers.
        mailin::response::OK
    }
}
