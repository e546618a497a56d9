//! Console accounts: admins list, add, pause and remove them (the first one
//! comes from `portal admin create`), and everyone changes their own password.

use super::auth::{Admin, Busy, LoginLimiter, Signed, busy, busy_notice, held, minutes, with_password_slot};
use super::view::{self, Notice, Section, role_name};
use super::{store_notice, store_problem, unchanged};
use crate::credentials::{hash_password, new_password, verify_password};
use crate::now_millis;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::console::{PASSWORD_MIN_CHARS, Role, check_agent_name, check_password};
use portal_core::{AgentId, Email};
use portal_store::NewAgent;
use serde::Deserialize;

pub async fn page(admin: Admin, State(state): State<AppState>) -> Response {
    render(&state, &admin, None).await
}

async fn render(state: &AppState, admin: &Admin, notice: Option<Notice>) -> Response {
    let locale = admin.1;
    let agents = match state.store.agents(admin.0.workspace_id).await {
        Ok(agents) => agents,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let rows = agents
        .into_iter()
        .map(|a| {
            let action = format!("/console/accounts/{}", a.id.0);
            let role = |option: Role| {
                view! { <option value=option.as_str() selected=option == a.role>{role_name(locale, option)}</option> }
            };
            // Nobody removes or demotes themselves here: another admin does.
            let own = a.id == admin.0.id;
            let (pause, pause_label) =
                if a.paused { ("resume", "console-accounts-resume") } else { ("pause", "console-accounts-pause") };
            let controls = (!own).then(|| {
                view! {
                    <form method="post" action=action class="inline">
                        <select name="role" aria-label=locale.t("console-col-role")>{role(Role::Agent)}{role(Role::Admin)}</select>
                        <button type="submit" name="action" value="role" class="secondary">{locale.t("console-accounts-save-role")}</button>
                        <button type="submit" name="action" value=pause class="secondary" data-testid="pause-account">{locale.t(pause_label)}</button>
                        <button type="submit" name="action" value="remove" class="danger" data-testid="remove-account">{locale.t("console-accounts-remove")}</button>
                    </form>
                }
            });
            let role_shown = if a.paused {
                locale.t_args("console-accounts-paused-role", &[("role", role_name(locale, a.role).into())])
            } else {
                role_name(locale, a.role)
            };
            view! {
                <tr data-testid="account-row">
                    <td>{a.name}</td><td>{a.email}</td><td>{role_shown}</td><td>{view::when(locale, a.created_at)}</td><td>{controls}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <table class="tickets">
            <thead><tr>
                <th>{locale.t("console-col-name")}</th>
                <th>{locale.t("console-col-email")}</th>
                <th>{locale.t("console-col-role")}</th>
                <th>{locale.t("console-col-since")}</th>
                <td></td>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <form method="post" action="/console/accounts" class="card" data-testid="account-form">
            <h2>{locale.t("console-accounts-add-heading")}</h2>
            <label>{locale.t("console-accounts-name")} <input name="name" required /></label>
            <label>{locale.t("console-col-email")} <input name="email" type="email" required /></label>
            <label>{locale.t("console-col-role")} <select name="role">
                <option value="agent">{role_name(locale, Role::Agent)}</option>
                <option value="admin">{role_name(locale, Role::Admin)}</option>
            </select></label>
            <label>{locale.t("console-accounts-password")} <input name="password" type="password" autocomplete="new-password" /></label>
            <button type="submit">{locale.t("console-accounts-add")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-accounts-title"), Some(&admin.0), Section::Accounts, &notice, body)
}

/// An account to add; an empty password means "generate one".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewAccountForm {
    email: String,
    name: String,
    role: String,
    password: String,
}

pub async fn add(admin: Admin, State(state): State<AppState>, Form(form): Form<NewAccountForm>) -> Response {
    let locale = admin.1;
    let chosen = form.password.as_str();
    let password = if chosen.is_empty() { new_password() } else { chosen.to_string() };
    let checked = (|| {
        check_password(&password).map_err(|e| locale.message(&e.message()))?;
        Ok::<_, String>((
            Email::parse(form.email.trim()).map_err(|e| locale.message(&e.message()))?,
            check_agent_name(&form.name).map_err(|e| locale.message(&e.message()))?,
            Role::parse(&form.role).map_err(|e| locale.message(&e.message()))?,
        ))
    })();
    let notice = match checked {
        Err(refused) => unchanged(locale, refused),
        Ok((email, name, role)) => {
            let hashed = with_password_slot(&state, move || hash_password(&password).map(|hash| (hash, password)));
            match hashed.await {
                Err(Busy) => return busy(render(&state, &admin, Some(busy_notice(locale))).await),
                Ok(Some(Ok((password_hash, password)))) => {
                    let new = NewAgent { email, name, role, password_hash };
                    match state.store.create_agent(admin.0.workspace_id, &new, now_millis()).await {
                        Ok(agent) => {
                            tracing::info!(target: "audit", event = "console.account_added", agent = admin.0.id.0, added = agent.id.0);
                            let email = ("email", agent.email.to_string().into());
                            Notice::Done(if chosen.is_empty() {
                                let args = [email, ("password", password.into())];
                                locale.t_args("console-accounts-added-generated", &args)
                            } else {
                                locale.t_args("console-accounts-added-chosen", &[email])
                            })
                        }
                        Err(e) => store_notice(locale, "console-nothing-changed", e),
                    }
                }
                _ => unchanged(locale, locale.t("console-accounts-not-hashed")),
            }
        }
    };
    render(&state, &admin, Some(notice)).await
}

/// What to do to another account: `action` is `role` (to `role`), `pause`,
/// `resume` or `remove`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountChangeForm {
    action: String,
    role: String,
}

/// Changes another account's role, pauses or resumes it (pausing ends its
/// sessions), or removes it (its sessions end, its tickets are left
/// unassigned). The last admin that is not paused stays one.
pub async fn change(
    admin: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<AccountChangeForm>,
) -> Response {
    let locale = admin.1;
    let no_account = || unchanged(locale, locale.t("console-accounts-no-such-account"));
    let Some(agent) = id.parse().ok().map(AgentId) else {
        return render(&state, &admin, Some(no_account())).await;
    };
    if agent == admin.0.id {
        return render(&state, &admin, Some(unchanged(locale, locale.t("console-accounts-not-yourself")))).await;
    }
    let ws = admin.0.workspace_id;
    let outcome = match form.action.as_str() {
        "role" => match Role::parse(&form.role) {
            Ok(role) => state.store.set_agent_role(ws, agent, role).await.map(|()| {
                let id = match role {
                    Role::Admin => "console-accounts-now-admin",
                    Role::Agent => "console-accounts-now-agent",
                };
                Ok(locale.t(id))
            }),
            Err(e) => Ok(Err(locale.message(&e.message()))),
        },
        "pause" => state
            .store
            .set_agent_paused(ws, agent, true, now_millis())
            .await
            .map(|()| Ok(locale.t("console-accounts-paused"))),
        "resume" => state
            .store
            .set_agent_paused(ws, agent, false, now_millis())
            .await
            .map(|()| Ok(locale.t("console-accounts-resumed"))),
        "remove" => state.store.remove_agent(ws, agent).await.map(|()| Ok(locale.t("console-accounts-removed"))),
        other => {
            let other: String = other.chars().take(40).collect();
            Ok(Err(locale.t_args("console-no-such-action", &[("action", other.into())])))
        }
    };
    let notice = match outcome {
        Ok(Ok(done)) => {
            tracing::info!(target: "audit", event = "console.account_changed", agent = admin.0.id.0, changed = agent.0);
            Notice::Done(done)
        }
        Ok(Err(refused)) => unchanged(locale, refused),
        Err(portal_store::StoreError::NotFound) => no_account(),
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    render(&state, &admin, Some(notice)).await
}

pub async fn password_page(signed: Signed) -> Response {
    password_view(&signed, None)
}

fn password_view(signed: &Signed, notice: Option<Notice>) -> Response {
    let locale = signed.2;
    let body = view! {
        <form method="post" action="/console/name" class="card narrow" data-testid="name-form">
            <label>{locale.t("console-account-name")} <input name="name" required value=signed.0.name.clone() /></label>
            <button type="submit">{locale.t("console-account-save-name")}</button>
        </form>
        <form method="post" action="/console/slack-member" class="card narrow" data-testid="slack-member-form">
            <label>{locale.t("console-slack-member-id")} <input name="member" required autocomplete="off" /></label>
            <button type="submit">{locale.t("console-slack-save")}</button>
        </form>
        <form method="post" action="/console/password" class="card narrow" data-testid="password-form">
            <label>{locale.t("console-account-current-password")} <input name="current" type="password" required autocomplete="current-password" /></label>
            <label>{locale.t_args("console-account-new-password", &[("min", PASSWORD_MIN_CHARS.into())])} <input name="new" type="password" required autocomplete="new-password" /></label>
            <button type="submit">{locale.t("console-account-change-password")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-nav-your-account"), Some(&signed.0), Section::Password, &notice, body)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordChangeForm {
    current: String,
    new: String,
}

pub async fn change_password(
    signed: Signed,
    State(state): State<AppState>,
    Extension(limiter): Extension<std::sync::Arc<LoginLimiter>>,
    Form(form): Form<PasswordChangeForm>,
) -> Response {
    let PasswordChangeForm { current, new } = form;
    let locale = signed.2;
    if let Err(e) = check_password(&new) {
        return password_view(&signed, Some(unchanged(locale, locale.message(&e.message()))));
    }
    // A stolen sign-in must not be a way to guess the password behind it.
    if let Err(wait) = limiter.reserve_password_change(signed.0.id) {
        let reason = locale.t_args("console-account-password-held", &[("minutes", minutes(wait))]);
        return held(password_view(&signed, Some(unchanged(locale, reason))), wait);
    }
    let stored = match state.store.agent_password_hash(signed.0.workspace_id, signed.0.id).await {
        Ok(Some(hash)) => hash,
        Ok(None) => {
            let text = locale.t("console-account-gone");
            return view::problem(locale, StatusCode::NOT_FOUND, Some(&signed.0), &text);
        }
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let checked =
        with_password_slot(&state, move || verify_password(&current, &stored).then(|| hash_password(&new).ok()));
    let checked = match checked.await {
        Ok(checked) => {
            // `Some(None)`: the current password was wrong; `None`: it was not checked.
            let right = checked.as_ref().map(Option::is_some);
            limiter.password_change_checked(signed.0.id, right);
            checked.flatten().flatten()
        }
        Err(Busy) => {
            limiter.password_change_checked(signed.0.id, None);
            return busy(password_view(&signed, Some(busy_notice(locale))));
        }
    };
    let Some(hash) = checked else {
        return password_view(&signed, Some(unchanged(locale, locale.t("console-account-wrong-password"))));
    };
    let notice = match state
        .store
        .set_agent_password(signed.0.workspace_id, signed.0.id, &hash, &signed.1, now_millis())
        .await
    {
        Ok(()) => {
            tracing::info!(target: "audit", event = "console.password_changed", agent = signed.0.id.0);
            Notice::Done(locale.t("console-account-password-changed"))
        }
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    password_view(&signed, Some(notice))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn change_name(mut signed: Signed, State(state): State<AppState>, Form(form): Form<NameForm>) -> Response {
    let locale = signed.2;
    let name = match check_agent_name(&form.name) {
        Ok(name) => name,
        Err(e) => return password_view(&signed, Some(unchanged(locale, locale.message(&e.message())))),
    };
    let notice = match state.store.set_agent_name(signed.0.workspace_id, signed.0.id, &name).await {
        Ok(()) => {
            signed.0.name = name;
            Notice::Done(locale.t("console-account-name-saved"))
        }
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    password_view(&signed, Some(notice))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SlackMemberForm {
    member: String,
}

/// Links the account to a Slack user: their replies in tickets' Slack
/// threads are then posted as this account.
pub async fn link_slack_member(
    signed: Signed,
    State(state): State<AppState>,
    Form(form): Form<SlackMemberForm>,
) -> Response {
    let locale = signed.2;
    let member = form.member.trim();
    let valid = (2..=32).contains(&member.len())
        && member.starts_with(['U', 'W'])
        && member.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !valid {
        return password_view(&signed, Some(unchanged(locale, locale.t("console-slack-member-bad"))));
    }
    let notice = match state.store.link_slack_user(signed.0.workspace_id, member, signed.0.id).await {
        Ok(()) => {
            tracing::info!(target: "audit", event = "console.slack_member_linked", agent = signed.0.id.0);
            Notice::Done(locale.t("console-slack-member-linked"))
        }
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    password_view(&signed, Some(notice))
}
