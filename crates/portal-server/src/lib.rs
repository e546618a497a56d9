//! The portal's HTTP server as a library: configuration, the router (Leptos
//! SSR and server functions, the REST API, the console, live events,
//! attachments, the widget loader, the front-end bundle) and [`Portal`],
//! which binds and serves it. The `portal` binary (the `portal` crate) adds
//! the command line, the operator commands, the seed and the demo.

pub mod api_v1;
pub mod attachments;
pub mod config;
pub mod console;
pub mod credentials;
mod email_sign_in;
mod escalation;
mod http;
pub mod inbound;
pub mod live;
pub mod mail;
pub mod observability;
pub mod outbox;
pub mod slack;
mod standalone;
mod theme;
pub mod webhooks;
pub mod widget;

use anyhow::Context;
use leptos::prelude::LeptosOptions;
use observability::exporter::{self, Exposure};
use portal_app::state::AppState;
use portal_core::Origin;
use portal_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// How long a stopping server waits for its live sockets to say goodbye.
const LIVE_CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// A portal listening on a socket, serving until `shutdown` resolves.
pub struct Portal {
    pub addr: SocketAddr,
    /// The portal's public origin (what the snippet and the loader use).
    pub url: Origin,
    pub state: AppState,
    /// Where `/metrics` is served on a listener of its own (`metrics_bind`).
    pub metrics_addr: Option<SocketAddr>,
    /// How many days customers' access logs are kept.
    access_log_days: u32,
    /// Where customers' mail goes out, when configured.
    mailer: Option<mail::Mailer>,
    webhook_sender: webhooks::WebhookSender,
    slack: slack::SlackApi,
    /// Where the built-in SMTP listener takes mail in (`smtp_bind`).
    pub smtp_addr: Option<SocketAddr>,
    smtp: Option<inbound::smtp::Listener>,
    listener: TcpListener,
    metrics: Exposure,
}

impl Portal {
    /// Binds `config.bind` (port 0 picks a free port), and `metrics_bind`
    /// when set, and prepares the app.
    pub async fn bind(config: &config::Config, store: Arc<dyn Store>) -> anyhow::Result<Self> {
        let listener =
            TcpListener::bind(config.bind).await.with_context(|| format!("cannot listen on {}", config.bind))?;
        let addr = listener.local_addr()?;
        let metrics = Exposure::from_config(config).await?;
        let url = match &config.public_url {
            Some(url) => Origin::parse(url).context("public_url must be an origin like https://support.example.com")?,
            None => Origin::parse(&format!("http://localhost:{}", addr.port()))?,
        };
        let site_root = config.site_root.to_string_lossy().to_string();
        let leptos_options =
            LeptosOptions::builder().output_name("portal-frontend").site_root(site_root).site_pkg_dir("pkg").build();
        let blobs = open_blob_store(config).await?;
        let inbound_address = match config.inbound_address.as_deref() {
            Some(raw) => Some(
                portal_core::inbound::InboundAddress::parse(raw)
                    .context("inbound_address must be an email address without a `+` tag, like support@acme.com")?,
            ),
            None => None,
        };
        let smtp = match (config.smtp_bind, &inbound_address) {
            (None, _) => None,
            (Some(_), None) => anyhow::bail!("smtp_bind needs inbound_address: the address mail comes in to"),
            (Some(bind), Some(inbound)) => {
                let tls = match (&config.smtp_tls_cert, &config.smtp_tls_key) {
                    (Some(cert), Some(key)) => Some((cert.as_path(), key.as_path())),
                    (None, None) => None,
                    _ => anyhow::bail!("smtp_tls_cert and smtp_tls_key go together"),
                };
                Some(inbound::smtp::Listener::bind(bind, inbound.clone(), tls).await?)
            }
        };
        let smtp_addr = smtp.as_ref().map(inbound::smtp::Listener::local_addr).transpose()?;
        let smtp_url = config.smtp_url.as_ref().map(|url| url.0.as_str());
        let mailer = mail::Mailer::from_config(smtp_url, config.mail_from.as_deref())?;
        if mailer.is_none() {
            tracing::warn!("no smtp_url and mail_from: customers get no email; notifications wait in the outbox");
        }
        let webhook_networks = portal_core::webhook::AllowedNetworks::parse(&config.webhook_allowed_networks)
            .map_err(|error| anyhow::anyhow!("webhook_allowed_networks: {error}"))?;
        let webhook_sender = webhooks::WebhookSender::new(Arc::new(webhook_networks.clone()))?;
        let slack = slack::SlackApi::new(config.slack_api_url.as_deref().unwrap_or(slack::DEFAULT_API_URL))?;
        let state = AppState {
            store,
            blobs,
            leptos_options,
            public_url: url.clone(),
            trusted_proxies: config.trusted_proxies.clone().into(),
            limits: Arc::new(portal_app::limits::Limits::new(&config.limits()).map_err(anyhow::Error::msg)?),
            mail_configured: mailer.is_some(),
            inbound_address,
            webhook_networks: Arc::new(webhook_networks),
        };
        let access_log_days = config.access_log_days;
        Ok(Self {
            addr,
            url,
            state,
            metrics_addr: metrics.local_addr(),
            access_log_days,
            mailer,
            webhook_sender,
            slack,
            smtp_addr,
            smtp,
            listener,
            metrics,
        })
    }

    /// Every route the main listener serves.
    pub fn router(&self) -> axum::Router {
        let email_sign_in = email_sign_in::EmailSignIn::new(self.mailer.clone());
        http::router(self.state.clone(), self.metrics.main_route(), email_sign_in, self.slack.clone())
    }

    /// Serves until `shutdown` resolves, then stops gracefully: no new
    /// connection is accepted, requests in flight are answered, live
    /// sockets are closed with a hint to reconnect (to another instance, or
    /// to this one once it is back). The store is the caller's to close.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        attachments::sweep_unsent_uploads(self.state.clone());
        let (stopping, live_sockets) = live::Stopping::new();
        let app = self.router().layer(axum::Extension(stopping.clone()));
        // Dropped (and so ended) when serving ends, however it ends.
        let mut background = tokio::task::JoinSet::new();
        background.spawn(standalone::forget_old_access(self.state.clone(), self.access_log_days));
        if let Some(mailer) = self.mailer {
            background.spawn(outbox::run(self.state.clone(), mailer));
        }
        background.spawn(outbox::run(self.state.clone(), self.webhook_sender));
        background.spawn(outbox::run(self.state.clone(), slack::SlackCourier(self.slack)));
        background.spawn(escalation::sweep(self.state.clone()));
        if let Some(smtp) = self.smtp {
            background.spawn(smtp.serve(self.state.clone()));
        }
        if let Some(handle) = self.metrics.handle().cloned() {
            background.spawn(async move {
                loop {
                    tokio::time::sleep(exporter::UPKEEP_EVERY).await;
                    handle.run_upkeep();
                }
            });
        }
        if let Exposure::Apart { listener, handle } = self.metrics {
            let metrics = exporter::apart_router(self.state.clone(), handle);
            background.spawn(async move {
                if let Err(error) = axum::serve(listener, metrics).await {
                    tracing::error!(%error, "the metrics listener stopped");
                }
            });
        }
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: finishing requests in flight and closing live sockets");
            stopping.stop();
        };
        // The peer's address keys the console's limit on failed sign-ins.
        let served = axum::serve(self.listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(signal)
            .await
            .context("serving HTTP");
        // Upgraded connections are not the server's to wait for: the live
        // sockets are, until each has sent its close frame.
        live_sockets.closed(LIVE_CLOSE_WAIT).await;
        served
    }
}

/// The folder (`blob_dir`) or the bucket (`blob_url`) attached files go to.
async fn open_blob_store(config: &config::Config) -> anyhow::Result<Arc<dyn portal_store::BlobStore>> {
    match config.blob_storage().map_err(anyhow::Error::msg)? {
        config::BlobStorage::Folder(dir) => {
            let blobs = portal_store::FsBlobStore::open(&dir)
                .with_context(|| format!("cannot use {} for attached files", dir.display()))?;
            Ok(Arc::new(blobs))
        }
        config::BlobStorage::Bucket { location, access } => {
            let blobs = portal_store::S3BlobStore::open(&location, &access)
                .with_context(|| format!("blob_url: cannot use {location} for attached files"))?;
            blobs.check().await.with_context(|| {
                format!("blob_url: cannot list {location}: the bucket must exist and the credentials must allow it")
            })?;
            tracing::info!(%location, "attached files are kept in a bucket");
            Ok(Arc::new(blobs))
        }
    }
}

/// Milliseconds since the epoch, the store's unit of time.
pub fn now_millis() -> i64 {
    portal_app::state::now_millis()
}
