//! Webhook deliveries: the courier of the webhook outbox (see
//! `portal_store::WebhookStore` and [`crate::outbox`]).
//!
//! Each delivery is a signed JSON `POST` (see `portal_core::webhook` and
//! `docs/webhooks.md`) with the event's id in `Portal-Event-Id`; a 2xx
//! answer within [`TIMEOUT`] delivers it. Anything else is tried again as
//! [`Schedule::WEBHOOK`] says. Redirects are not followed, and no request
//! goes to a private, loopback or link-local address unless the
//! configuration allows its network: host names are checked as they are
//! resolved, so one cannot point at the portal's own network either.

use crate::api_v1::webhook_payload;
use async_trait::async_trait;
use portal_app::state::{AppState, now_millis};
use portal_core::Millis;
use portal_core::retry::Schedule;
use portal_core::webhook::{AllowedNetworks, SIGNATURE_HEADER, signature};
use portal_store::{ClaimedDelivery, DeliveryTry};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// How long one try may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a worker holds the deliveries it claimed: longer than a try.
pub const HOLD: Millis = 30_000;
/// An endpoint whose every delivery failed for this long is disabled.
pub const DISABLE_AFTER: Millis = 24 * 60 * 60 * 1000;

/// Sends deliveries: an HTTP client that follows no redirect and resolves
/// host names to permitted addresses only.
#[derive(Clone)]
pub struct WebhookSender {
    client: reqwest::Client,
    networks: Arc<AllowedNetworks>,
}

impl WebhookSender {
    pub fn new(networks: Arc<AllowedNetworks>) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(PermittedResolver(networks.clone())))
            .user_agent(concat!("customer-portal-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client, networks })
    }

    /// One try; `Ok` with the status of a 2xx answer.
    async fn send(&self, delivery: &ClaimedDelivery, body: Vec<u8>) -> Result<u16, (Option<u16>, String)> {
        let url = reqwest::Url::parse(&delivery.url).map_err(|error| (None, format!("bad URL: {error}")))?;
        // Literal addresses are not resolved, so they are checked here.
        if let Some(ip) = url.host_str().and_then(|host| host.trim_matches(['[', ']']).parse::<IpAddr>().ok())
            && !self.networks.permits(ip)
        {
            return Err((None, format!("{ip} is a private address this server does not send to")));
        }
        let signed = signature(delivery.secret.as_bytes(), now_millis() / 1000, &body);
        let answer = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signed)
            .header("Portal-Event-Id", delivery.id.to_string())
            .header("Portal-Event-Type", delivery.event.as_str())
            .body(body)
            .send()
            .await
            .map_err(|error| (None, describe(&error)))?;
        let status = answer.status();
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err((Some(status.as_u16()), format!("the endpoint answered {status}")))
        }
    }
}

/// A request error with its causes (reqwest's own message names none).
fn describe(error: &reqwest::Error) -> String {
    let mut text =
        if error.is_timeout() { format!("no answer within {} s", TIMEOUT.as_secs()) } else { error.to_string() };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

#[async_trait]
impl crate::outbox::Courier for WebhookSender {
    type Item = ClaimedDelivery;
    const KIND: &'static str = "webhooks";

    async fn claim(&self, state: &AppState, now: Millis, limit: u32) -> portal_store::Result<Vec<ClaimedDelivery>> {
        state.store.claim_webhooks(now, HOLD, limit).await
    }

    async fn deliver(&self, state: &AppState, delivery: &ClaimedDelivery) -> bool {
        let outcome = match webhook_payload::body(state, delivery).await {
            Ok(Some(body)) => self.send(delivery, body).await,
            Ok(None) => Err((None, "what the event tells of no longer exists".to_string())),
            Err(error) => Err((None, format!("reading the event failed: {error}"))),
        };
        let now = now_millis();
        let recorded = match &outcome {
            Ok(status) => state.store.webhook_delivered(delivery.id, now, *status).await,
            Err((status, error)) => {
                tracing::info!(delivery = delivery.id, endpoint = delivery.endpoint_id, %error, "webhook not delivered");
                let retry_at = Schedule::WEBHOOK.after(delivery.attempts).map(|wait| now + wait);
                let tried = DeliveryTry { response_status: *status, error };
                state.store.webhook_not_delivered(delivery.id, now, &tried, retry_at, DISABLE_AFTER).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(%error, delivery = delivery.id, "recording a webhook delivery failed");
        }
        outcome.is_ok()
    }
}

/// Resolves host names as the system does, keeping only the addresses
/// webhooks may go to.
struct PermittedResolver(Arc<AllowedNetworks>);

impl reqwest::dns::Resolve for PermittedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let networks = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let permitted: Vec<SocketAddr> = found.iter().copied().filter(|addr| networks.permits(addr.ip())).collect();
            if permitted.is_empty() {
                let refused = found.first().map_or_else(|| "no address".to_string(), |addr| addr.ip().to_string());
                return Err(
                    format!("{host} resolves to {refused}, a private address this server does not send to").into()
                );
            }
            Ok(Box::new(permitted.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::dns::Resolve;
    use std::str::FromStr;

    async fn resolve(networks: AllowedNetworks, host: &str) -> Result<Vec<SocketAddr>, String> {
        let name = reqwest::dns::Name::from_str(host).unwrap();
        PermittedResolver(Arc::new(networks)).resolve(name).await.map(Iterator::collect).map_err(|e| e.to_string())
    }

    /// A host name that resolves into the portal's own network is refused
    /// as it is resolved, unless the configuration allows that network.
    #[tokio::test]
    async fn host_names_resolving_to_private_addresses_are_refused() {
        let refused = resolve(AllowedNetworks::default(), "localhost").await.unwrap_err();
        assert!(refused.contains("private address"), "{refused}");
        let loopback = AllowedNetworks::parse(&["127.0.0.0/8", "::1/128"]).unwrap();
        let found = resolve(loopback, "localhost").await.unwrap();
        assert!(!found.is_empty() && found.iter().all(|addr| addr.ip().is_loopback()), "{found:?}");
    }
}
