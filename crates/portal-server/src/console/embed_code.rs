//! Enabling the portal and what a site owner copies (admins): the `<head>`
//! snippet, the iframe tag, the identity-verification secret (shown on
//! demand), the CSP directives and ready HMAC code; rotating the secret;
//! "JWT only" (refusing sign-ins by verification hash); and opening the
//! portal as a chosen customer.

use super::auth::Admin;
use super::view::{self, Notice, Section};
use super::{Refusal, led, store_problem};
use crate::credentials::new_secret;
use crate::now_millis;
use crate::widget;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::{Email, sign_email};
use portal_i18n::Locale;
use portal_store::Workspace;
use serde::Deserialize;

/// The calls a site makes, as the signing step quotes them: code, in no language.
const INIT_CALL: &str = "$unthread.helpCenter(\"init\", {user: {name, email, verificationHash}})";
const STOP_CALL: &str = "helpCenter(\"stop\")";

/// The overlaps an admin may choose when rotating, in hours (0: at once).
const OVERLAP_HOURS: [i64; 5] = [0, 1, 24, 72, 168];

/// The server code that signs a user's email, per language. `SECRET` is
/// read from the environment: the secret never goes into source code.
fn hmac_samples() -> [(&'static str, &'static str); 6] {
    [
        (
            "Node.js",
            "const crypto = require(\"crypto\");\nconst verificationHash = crypto\n  .createHmac(\"sha256\", process.env.PORTAL_IDENTITY_SECRET)\n  .update(user.email)\n  .digest(\"hex\");",
        ),
        (
            "Python",
            "import hashlib, hmac, os\nverification_hash = hmac.new(\n    os.environ[\"PORTAL_IDENTITY_SECRET\"].encode(), user.email.encode(), hashlib.sha256\n).hexdigest()",
        ),
        ("PHP", "$verificationHash = hash_hmac('sha256', $user->email, getenv('PORTAL_IDENTITY_SECRET'));"),
        (
            "Ruby",
            "require \"openssl\"\nverification_hash = OpenSSL::HMAC.hexdigest(\"SHA256\", ENV.fetch(\"PORTAL_IDENTITY_SECRET\"), user.email)",
        ),
        (
            "Go",
            "mac := hmac.New(sha256.New, []byte(os.Getenv(\"PORTAL_IDENTITY_SECRET\")))\nmac.Write([]byte(user.Email))\nverificationHash := hex.EncodeToString(mac.Sum(nil))",
        ),
        (
            "Rust",
            "// hmac = \"0.12\", sha2 = \"0.10\", hex = \"0.4\"\nuse hmac::{Hmac, Mac};\nlet secret = std::env::var(\"PORTAL_IDENTITY_SECRET\")?;\nlet mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())?;\nmac.update(user.email.as_bytes());\nlet verification_hash = hex::encode(mac.finalize().into_bytes());",
        ),
    ]
}

/// What is missing before the portal can be switched on, in words, or
/// `None` when nothing is.
fn missing(locale: Locale, ws: &Workspace, has_secret: bool) -> Option<String> {
    let origin = ws.allowed_origins.is_empty().then(|| locale.t("console-embed-needs-origin"));
    let secret = (!has_secret).then(|| locale.t("console-embed-needs-secret"));
    match (origin, secret) {
        (Some(first), Some(second)) => {
            Some(locale.t_args("console-list-and", &[("first", first.into()), ("second", second.into())]))
        }
        (one, other) => one.or(other),
    }
}

pub async fn page(admin: Admin, State(state): State<AppState>) -> Response {
    render(&state, &admin, None, false).await
}

#[derive(Debug, Deserialize)]
pub struct RotateForm {
    #[serde(default)]
    overlap_hours: Option<String>,
}

pub async fn act(
    admin: Admin,
    State(state): State<AppState>,
    Path(action): Path<String>,
    Form(form): Form<RotateForm>,
) -> Response {
    let locale = admin.1;
    if action == "reveal" {
        return render(&state, &admin, None, true).await;
    }
    let (notice, reveal) = match perform(&state, &admin, &action, &form).await {
        Ok((done, reveal)) => {
            tracing::info!(target: "audit", event = "console.embed_changed", workspace = admin.0.workspace_id.0, agent = admin.0.id.0, action);
            (Notice::Done(done), reveal)
        }
        // The refusals above are whole sentences; a store failure gets the usual lead.
        Err(Refusal::Input(refused)) => (Notice::Refused(refused), false),
        Err(refused) => (refused.notice(locale, "console-nothing-changed"), false),
    };
    render(&state, &admin, Some(notice), reveal).await
}

/// Does `action`; says what was done and whether to show the new secret,
/// or why nothing was.
async fn perform(state: &AppState, admin: &Admin, action: &str, form: &RotateForm) -> Result<(String, bool), Refusal> {
    let store = &state.store;
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let now = now_millis();
    let secrets = store.active_secrets(ws, now).await?;
    match action {
        "enable" => {
            let workspace = store.workspace(ws).await?.ok_or_else(|| locale.t("console-workspace-gone"))?;
            if let Some(needs) = missing(locale, &workspace, !secrets.is_empty()) {
                return Err(locale.t_args("console-embed-cannot-enable", &[("needs", needs.into())]).into());
            }
            store.set_portal_enabled(ws, true).await?;
            Ok((locale.t("console-embed-enabled-done"), false))
        }
        "disable" => {
            store.set_portal_enabled(ws, false).await?;
            Ok((locale.t("console-embed-disabled-done"), false))
        }
        "jwt-only" => {
            store.set_jwt_only(ws, true).await?;
            Ok((locale.t("console-embed-jwt-only-done"), false))
        }
        "hash-allowed" => {
            store.set_jwt_only(ws, false).await?;
            Ok((locale.t("console-embed-hash-allowed-done"), false))
        }
        "secret" if !secrets.is_empty() => Err(locale.t("console-embed-secret-exists").into()),
        "secret" => {
            store.add_secret(ws, &new_secret(), now).await?;
            Ok((locale.t("console-embed-secret-generated"), true))
        }
        "rotate" => {
            let hours = form.overlap_hours.as_deref().unwrap_or("").trim().parse::<i64>().ok();
            let hours = hours.filter(|h| OVERLAP_HOURS.contains(h)).ok_or_else(|| {
                let offered = format!("{OVERLAP_HOURS:?}");
                locale.t_args("console-embed-bad-overlap", &[("hours", offered.into())])
            })?;
            let retire_at = now + hours * portal_core::SessionLifetime::HOUR;
            store.rotate_secret(ws, &new_secret(), now, retire_at).await?;
            Ok((
                match hours {
                    0 => locale.t("console-embed-rotated-now"),
                    h => locale.t_args("console-embed-rotated-overlap", &[("hours", h.into())]),
                },
                true,
            ))
        }
        _ => {
            let action: String = action.chars().take(40).collect();
            let reason = locale.t_args("console-no-such-action", &[("action", action.into())]);
            Err(led(locale, "console-nothing-changed", reason).into())
        }
    }
}

async fn render(state: &AppState, admin: &Admin, notice: Option<Notice>, reveal: bool) -> Response {
    let store = &state.store;
    let locale = admin.1;
    let id = admin.0.workspace_id;
    let now = now_millis();
    let loaded = async {
        let ws = store.workspace(id).await?.ok_or(portal_store::StoreError::NotFound)?;
        let enabled = store.portal_enabled(id).await?;
        let secrets = store.active_secrets(id, now).await?;
        Ok::<_, portal_store::StoreError>((ws, enabled, secrets))
    };
    let (ws, enabled, secrets) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let portal = state.public_url.clone();
    let needs = missing(locale, &ws, !secrets.is_empty());
    let newest = secrets.last().cloned();
    let retiring: Vec<String> = secrets
        .iter()
        .filter_map(|s| s.retires_at)
        .map(|at| locale.t_args("console-embed-retiring", &[("time", view::when(locale, at).into())]))
        .collect();
    let copyable = |id: &'static str, text: String| {
        view! {
            <div class="copyable">
                <pre data-testid=id id=id>{text}</pre>
                <button type="button" class="secondary" data-copy=format!("#{id}") data-copied=locale.t("console-embed-copied")>{locale.t("console-embed-copy")}</button>
            </div>
        }
    };
    let secret_part = match (&newest, reveal) {
        (None, _) => view! {
            <form method="post" action="/console/embed/secret"><button type="submit" data-testid="generate-secret">{locale.t("console-embed-generate-secret")}</button></form>
        }
        .into_any(),
        (Some(secret), true) => copyable("secret", secret.value.clone()).into_any(),
        (Some(_), false) => view! {
            <form method="post" action="/console/embed/reveal"><button type="submit" class="secondary" data-testid="reveal-secret">{locale.t("console-embed-reveal-secret")}</button></form>
        }
        .into_any(),
    };
    let overlap_options = OVERLAP_HOURS
        .map(|h| {
            let label = match h {
                0 => locale.t("console-embed-overlap-none"),
                h if h % 24 == 0 => locale.t_args("console-embed-overlap-days", &[("days", (h / 24).into())]),
                h => locale.t_args("console-embed-overlap-hours", &[("hours", h.into())]),
            };
            view! { <option value=h.to_string() selected=h == 24>{label}</option> }
        })
        .to_vec();
    let switch = if enabled {
        view! { <form method="post" action="/console/embed/disable"><button type="submit" class="secondary" data-testid="disable">{locale.t("console-embed-disable")}</button></form> }.into_any()
    } else {
        view! { <form method="post" action="/console/embed/enable"><button type="submit" data-testid="enable">{locale.t("console-embed-enable")}</button></form> }.into_any()
    };
    let sign_in_switch = if ws.jwt_only {
        view! { <form method="post" action="/console/embed/hash-allowed"><button type="submit" class="secondary" data-testid="hash-allowed">{locale.t("console-embed-allow-hash")}</button></form> }.into_any()
    } else {
        view! { <form method="post" action="/console/embed/jwt-only"><button type="submit" class="secondary" data-testid="jwt-only">{locale.t("console-embed-require-jwt")}</button></form> }.into_any()
    };
    let signing_hint = view::rich(
        locale,
        "console-embed-step-sign-hint",
        vec![
            ("init", view! { <code>{INIT_CALL}</code> }.into_any()),
            ("stop", view! { <code>{STOP_CALL}</code> }.into_any()),
        ],
    );
    let samples = hmac_samples()
        .map(|(language, code)| view! { <details><summary>{language}</summary><pre>{code}</pre></details> })
        .to_vec();
    let csp = format!("script-src {portal}; frame-src {portal}");
    let body = view! {
        <section class="card" data-testid="portal-state">
            <h2>{locale.t("console-embed-status")}</h2>
            <p data-testid="enabled">{locale.t(if enabled { "console-embed-is-enabled" } else { "console-embed-is-disabled" })}</p>
            {needs.map(|needs| view! { <p class="hint">{locale.t_args("console-embed-needs", &[("needs", needs.into())])}</p> })}
            {switch}
        </section>
        <section class="card">
            <h2>{locale.t("console-embed-step-head")}</h2>
            {copyable("snippet", widget::snippet(&portal, &ws.slug))}
            <h2>{locale.t("console-embed-step-frame")}</h2>
            {copyable("iframe-tag", widget::IFRAME_TAG.to_string())}
            <h2>{locale.t("console-embed-step-csp")}</h2>
            {copyable("csp", csp)}
            <h2>{locale.t("console-embed-step-sign")}</h2>
            <p class="hint">{signing_hint}</p>
            {samples}
        </section>
        <section class="card" data-testid="sign-in-part">
            <h2>{locale.t("console-embed-sign-in")}</h2>
            <p data-testid="jwt-only-state">{locale.t(if ws.jwt_only { "console-embed-is-jwt-only" } else { "console-embed-is-hash-allowed" })}</p>
            <p class="hint">{locale.t("console-embed-jwt-hint")}</p>
            {sign_in_switch}
        </section>
        <section class="card" data-testid="secret-part">
            <h2>{locale.t("console-embed-secret")}</h2>
            {secret_part}
            {retiring.into_iter().map(|line| view! { <p class="hint" data-testid="retiring">{line}</p> }).collect::<Vec<_>>()}
            {newest.is_some().then(|| view! {
                <form method="post" action="/console/embed/rotate" class="inline">
                    <label>{locale.t("console-embed-overlap")} <select name="overlap_hours" data-testid="overlap">{overlap_options}</select></label>
                    <button type="submit" class="secondary" data-testid="rotate">{locale.t("console-embed-rotate")}</button>
                </form>
            })}
        </section>
        <section class="card">
            <h2>{locale.t("console-test-as-title")}</h2>
            <p class="hint">{locale.t("console-test-as-hint")}</p>
            <form method="get" action="/console/test-as" class="inline">
                <label>{locale.t("console-col-email")} <input name="email" type="email" required data-testid="test-as-email" /></label>
                <button type="submit" data-testid="test-as">{locale.t("console-test-as-open")}</button>
            </form>
        </section>
    }
    .to_html();
    view::page(locale, &locale.t("console-nav-embed"), Some(&admin.0), Section::Embed, &notice, body)
}

/// The portal as a customer sees it, on a console page that embeds it the
/// way a site does: the loader, the frame, and an `init` with a hash the
/// server signs with the newest secret. The frame verifies it as any other.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TestAsQuery {
    email: String,
}

pub async fn test_as(admin: Admin, State(state): State<AppState>, Query(query): Query<TestAsQuery>) -> Response {
    let locale = admin.1;
    let raw = query.email.trim();
    let email = match Email::parse(raw) {
        Ok(email) => email,
        Err(e) => {
            let text = led(locale, "console-nothing-to-open", locale.message(&e.message()));
            return view::problem(locale, StatusCode::BAD_REQUEST, Some(&admin.0), &text);
        }
    };
    let loaded = async {
        let ws = state.store.workspace(admin.0.workspace_id).await?.ok_or(portal_store::StoreError::NotFound)?;
        let secret = state.store.active_secrets(ws.id, now_millis()).await?.pop();
        let customer = state.store.customer_by_email(ws.id, &email).await?;
        Ok::<_, portal_store::StoreError>((ws, secret, customer))
    };
    let (ws, secret, customer) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let Some(secret) = secret else {
        let text = locale.t("console-test-as-no-secret");
        return view::problem(locale, StatusCode::CONFLICT, Some(&admin.0), &text);
    };
    tracing::info!(target: "audit", event = "console.test_as_customer", workspace = %ws.slug, agent = admin.0.id.0);
    let name = customer.map(|c| c.name).unwrap_or_default();
    // A JWT-only workspace refuses the hash: sign a token as its site would.
    let (hash, jwt) = if ws.jwt_only {
        let now = now_millis() / 1000;
        let claims = serde_json::json!({
            "email": email.as_str(), "name": name, "iat": now, "exp": now + 300, "aud": ws.slug.as_str(),
            "jti": hex::encode(rand::random::<[u8; 16]>()),
        });
        (String::new(), portal_core::jwt::sign_jwt(secret.value.as_bytes(), &claims))
    } else {
        (sign_email(secret.value.as_bytes(), email.as_str()), String::new())
    };
    let seeing = view::rich(
        locale,
        "console-test-as-seeing",
        vec![("email", view! { <strong>{email.to_string()}</strong> }.into_any())],
    );
    let body = view! {
        <p class="hint">{seeing}</p>
        <div class="test-frame"
            data-test-as
            data-portal=state.public_url.to_string()
            data-workspace=ws.slug.to_string()
            data-name=name
            data-email=email.to_string()
            data-hash=hash
            data-jwt=jwt>
            <iframe id="unthread_help_center" title=locale.t("console-test-as-frame")></iframe>
        </div>
    }
    .to_html();
    view::page(locale, &locale.t("console-test-as-title"), Some(&admin.0), Section::Embed, &None, body)
}
