//! Slack: the Web API client, the courier of the posts outbox (new tickets
//! to the workspace's channel, their later changes into the ticket's
//! thread), and the requests Slack sends back (see [`requests`]).
//!
//! The API's base URL is configuration (`slack_api_url`), so tests run
//! against a fake Slack. Slack rate-limiting (429 with `Retry-After`) or
//! down delays posts, as [`Schedule::SLACK`] says; it loses none.

pub mod requests;

use axum::Router;
use axum::routing::post;

use async_trait::async_trait;
use portal_app::state::{AppState, now_millis};
use portal_core::retry::Schedule;
use portal_core::slack::escape;
use portal_core::{AgentScope, AuthorKind, Millis};
use portal_i18n::Locale;
use portal_store::{AgentTicket, SlackPost, SlackPostKind};
use serde_json::{Value, json};
use std::time::Duration;

/// Slack's own API, unless configured otherwise.
pub const DEFAULT_API_URL: &str = "https://slack.com/api";
/// How long a worker holds the posts it claimed: longer than a try.
const HOLD: Millis = 60_000;
/// How long one API call may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Why a call did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlackError {
    /// 429: try again after this long.
    RateLimited(Duration),
    /// Slack answered `ok: false` with this error code.
    Refused(String),
    /// No answer, or not one Slack gives.
    Unreachable(String),
}

impl std::fmt::Display for SlackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::RateLimited(after) => write!(f, "rate-limited for {} s", after.as_secs()),
            Self::Refused(code) => write!(f, "{code}"),
            Self::Unreachable(why) => write!(f, "{why}"),
        }
    }
}

/// One of the bot's channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: String,
    pub name: String,
}

/// The Slack Web API, as the portal calls it.
#[derive(Clone)]
pub struct SlackApi {
    client: reqwest::Client,
    base: String,
}

impl SlackApi {
    pub fn new(base: &str) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("customer-portal/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client, base: base.trim_end_matches('/').to_string() })
    }

    async fn answer(response: Result<reqwest::Response, reqwest::Error>) -> Result<Value, SlackError> {
        let response = response.map_err(|e| SlackError::Unreachable(e.to_string()))?;
        if response.status() == reqwest::StatusCode::TOO_MANY_REQUESTS {
            let after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(30);
            return Err(SlackError::RateLimited(Duration::from_secs(after.clamp(1, 3600))));
        }
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|e| SlackError::Unreachable(format!("Slack answered {status} without JSON: {e}")))?;
        if body["ok"] == json!(true) {
            Ok(body)
        } else {
            Err(SlackError::Refused(body["error"].as_str().unwrap_or("unknown_error").to_string()))
        }
    }

    /// A write method (`chat.postMessage`), with a JSON body.
    async fn post(&self, token: &str, method: &str, body: &Value) -> Result<Value, SlackError> {
        let request = self.client.post(format!("{}/{method}", self.base)).bearer_auth(token).json(body);
        Self::answer(request.send().await).await
    }

    /// A read method, with its arguments in the query.
    async fn get(&self, token: &str, method: &str, query: &[(&str, &str)]) -> Result<Value, SlackError> {
        let request = self.client.get(format!("{}/{method}", self.base)).bearer_auth(token).query(query);
        Self::answer(request.send().await).await
    }

    /// Posts a message; returns its `ts`.
    pub async fn post_message(&self, token: &str, message: &Value) -> Result<String, SlackError> {
        let answer = self.post(token, "chat.postMessage", message).await?;
        answer["ts"].as_str().map(str::to_string).ok_or_else(|| SlackError::Unreachable("no ts in the answer".into()))
    }

    /// The channels the bot is a member of, by name.
    pub async fn bot_channels(&self, token: &str) -> Result<Vec<Channel>, SlackError> {
        let mut channels = Vec::new();
        let mut cursor = String::new();
        // A few pages at most: a console page is waiting.
        for _ in 0..5 {
            let query = [
                ("types", "public_channel,private_channel"),
                ("exclude_archived", "true"),
                ("limit", "200"),
                ("cursor", cursor.as_str()),
            ];
            let page = self.get(token, "conversations.list", &query).await?;
            for channel in page["channels"].as_array().into_iter().flatten() {
                if channel["is_member"] == json!(true)
                    && let (Some(id), Some(name)) = (channel["id"].as_str(), channel["name"].as_str())
                {
                    channels.push(Channel { id: id.to_string(), name: name.to_string() });
                }
            }
            cursor = page["response_metadata"]["next_cursor"].as_str().unwrap_or_default().to_string();
            if cursor.is_empty() {
                break;
            }
        }
        channels.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(channels)
    }

    /// The email of a Slack user, when Slack gives it (scope users:read.email).
    pub async fn user_email(&self, token: &str, user: &str) -> Result<Option<String>, SlackError> {
        let answer = self.get(token, "users.info", &[("user", user)]).await?;
        Ok(answer["user"]["profile"]["email"].as_str().map(str::to_string))
    }
}

/// The routes Slack calls, with their own body limit (Slack's requests are small).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/slack/{workspace}/events", post(requests::events))
        .route("/slack/{workspace}/interactions", post(requests::interactions))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(1024 * 1024))
}

/// The posts outbox's courier.
#[derive(Clone)]
pub struct SlackCourier(pub SlackApi);

#[async_trait]
impl crate::outbox::Courier for SlackCourier {
    type Item = SlackPost;
    const KIND: &'static str = "slack";

    async fn claim(&self, state: &AppState, now: Millis, limit: u32) -> portal_store::Result<Vec<SlackPost>> {
        state.store.claim_slack_posts(now, HOLD, limit).await
    }

    async fn deliver(&self, state: &AppState, post: &SlackPost) -> bool {
        let outcome = self.send(state, post).await;
        let now = now_millis();
        let recorded = match &outcome {
            Ok(()) => state.store.slack_posted(post.id, now).await,
            Err(error) => {
                tracing::info!(post = post.id, %error, "slack post not made");
                let (retry_at, counts) = match error {
                    SlackError::RateLimited(after) => {
                        (Some(now + Millis::try_from(after.as_millis()).unwrap_or(60_000)), false)
                    }
                    _ => (Schedule::SLACK.after(post.attempts).map(|wait| now + wait), true),
                };
                state.store.slack_not_posted(post.id, now, &error.to_string(), retry_at, counts).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(%error, post = post.id, "recording a slack post failed");
        }
        outcome.is_ok()
    }
}

impl SlackCourier {
    /// Makes what `post` tells of in Slack: the ticket's message first if
    /// it has none, then the reply or status under it.
    async fn send(&self, state: &AppState, post: &SlackPost) -> Result<(), SlackError> {
        let scope = AgentScope::for_integration(&post.integration);
        let store_error = |e: portal_store::StoreError| SlackError::Unreachable(format!("reading the ticket: {e}"));
        let Some(ticket) = state.store.agent_ticket(&scope, post.ticket_number).await.map_err(store_error)? else {
            return Err(SlackError::Refused("the ticket no longer exists".into()));
        };
        let workspace = state.store.workspace(post.integration.workspace_id).await.map_err(store_error)?;
        let locale = workspace.as_ref().map_or(Locale::default(), |ws| ws.default_locale);
        let reply = match post.kind {
            SlackPostKind::TicketCreated => None,
            SlackPostKind::Message => {
                let message = ticket.messages.iter().find(|m| Some(m.id) == post.message_id);
                match message {
                    // Agents' messages came from Slack or the console: not echoed.
                    Some(m) if m.author_kind == AuthorKind::Customer && !m.internal => {
                        let wrote =
                            locale.t_args("slack-post-customer-wrote", &[("customer", m.author_name.clone().into())]);
                        Some(format!("*{}*\n{}", escape(&wrote), quote(&m.body)))
                    }
                    _ => return Ok(()),
                }
            }
            SlackPostKind::Status => {
                let status = post.status.unwrap_or(ticket.status);
                let name = locale.t(&format!("status-{}", status.as_str()));
                Some(escape(&locale.t_args("slack-post-status", &[("status", name.into())])))
            }
            SlackPostKind::Escalated => {
                Some(escape(&locale.t_args("slack-post-escalated", &[("reason", post.detail.clone().into())])))
            }
        };
        let (channel, thread_ts) = match &post.thread {
            Some((channel, ts)) => (channel.clone(), ts.clone()),
            None => {
                let root = ticket_message(state, locale, &post.channel_id, &ticket);
                let ts = self.0.post_message(&post.bot_token, &root).await?;
                state
                    .store
                    .open_slack_thread(post.id, &post.channel_id, &ts)
                    .await
                    .map_err(|e| SlackError::Unreachable(format!("recording the thread: {e}")))?;
                (post.channel_id.clone(), ts)
            }
        };
        if let Some(text) = reply {
            let message = json!({"channel": channel, "thread_ts": thread_ts, "text": text, "mrkdwn": true});
            self.0.post_message(&post.bot_token, &message).await?;
        }
        Ok(())
    }
}

/// Markdown as a Slack quote: escaped, each line after `>`.
fn quote(body: &str) -> String {
    escape(body).lines().map(|line| format!(">{line}")).collect::<Vec<_>>().join("\n")
}

/// A ticket's own message: its title linked to the console, who opened
/// it, its company and type, and the buttons agents use.
pub fn ticket_message(state: &AppState, locale: Locale, channel: &str, ticket: &AgentTicket) -> Value {
    let number = ticket.number.0;
    let link = format!("{}/console/tickets/{number}", state.public_url.as_str());
    let title =
        locale.t_args("slack-post-new-ticket", &[("number", number.into()), ("title", ticket.title.clone().into())]);
    let customer = match ticket.customer.name.trim() {
        "" => ticket.customer.email.clone(),
        name => format!("{name} <{}>", ticket.customer.email),
    };
    let mut context = vec![locale.t_args("slack-post-from", &[("customer", customer.into())])];
    if let Some(company) = &ticket.company {
        context.push(locale.t_args("slack-post-company", &[("company", company.to_string().into())]));
    }
    if let Some(kind) = &ticket.ticket_type {
        context.push(locale.t_args("slack-post-type", &[("type", kind.clone().into())]));
    }
    let description: String = ticket.description.chars().take(2000).collect();
    let mut text = format!("*<{link}|{}>*", escape(&title));
    if !description.trim().is_empty() {
        text.push('\n');
        text.push_str(&escape(&description));
    }
    let button = |action: &str, label: &str| {
        json!({"type": "button", "action_id": action, "value": number.to_string(),
               "text": {"type": "plain_text", "text": locale.t(label)}})
    };
    json!({
        "channel": channel,
        "text": title,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(&context.join(" · "))}]},
            {"type": "actions", "block_id": "ticket", "elements": [button("close", "slack-post-close"), button("assign_me", "slack-post-assign-me")]},
        ],
    })
}
