//! Console accounts: admins list, add, pause and remove them (the first one
//! comes from `portal admin create`), and everyone changes their own password.

use super::auth::{Admin, BUSY_MESSAGE, Busy, LoginLimiter, Signed, busy, held, in_minutes, with_password_slot};
use super::view::{self, Notice, Section};
use super::{store_notice, store_problem};
use crate::credentials::{hash_password, new_password, verify_password};
use crate::now_millis;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::console::{Role, check_agent_name, check_password};
use portal_core::{AgentId, Email};
use portal_store::NewAgent;
use serde::Deserialize;

pub async fn page(admin: Admin, State(state): State<AppState>) -> Response {
    render(&state, &admin, None).await
}

async fn render(state: &AppState, admin: &Admin, notice: Option<Notice>) -> Response {
    let agents = match state.store.agents(admin.0.workspace_id).await {
        Ok(agents) => agents,
        Err(e) => return store_problem(Some(&admin.0), e),
    };
    let rows = agents
        .into_iter()
        .map(|a| {
            let action = format!("/console/accounts/{}", a.id.0);
            let role = |option: Role| {
                view! { <option value=option.as_str() selected=option == a.role>{option.as_str()}</option> }
            };
            // Nobody removes or demotes themselves here: another admin does.
            let own = a.id == admin.0.id;
            let (pause, pause_label) = if a.paused { ("resume", "Resume") } else { ("pause", "Pause") };
            let controls = (!own).then(|| {
                view! {
                    <form method="post" action=action class="inline">
                        <select name="role" aria-labelledby=format!("role-heading account-{}", a.id.0)>{role(Role::Agent)}{role(Role::Admin)}</select>
                        <button type="submit" name="action" value="role" class="secondary">"Save role"</button>
                        <button type="submit" name="action" value=pause class="secondary" data-testid="pause-account">{pause_label}</button>
                        <button type="submit" name="action" value="remove" class="danger" data-testid="remove-account">"Remove"</button>
                    </form>
                }
            });
            let role_shown = if a.paused { format!("{} (paused)", a.role.as_str()) } else { a.role.as_str().to_string() };
            view! {
                <tr data-testid="account-row">
                    <td id=format!("account-{}", a.id.0)>{a.name}</td><td>{a.email}</td><td>{role_shown}</td><td>{view::when(a.created_at)}</td><td>{controls}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <table class="tickets">
            <thead><tr><th>"Name"</th><th>"Email"</th><th id="role-heading">"Role"</th><th>"Since"</th><td></td></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <form method="post" action="/console/accounts" class="card" data-testid="account-form">
            <h2>"Add an account"</h2>
            <label>"Name customers see on replies" <input name="name" required /></label>
            <label>"Email" <input name="email" type="email" required /></label>
            <label>"Role" <select name="role"><option value="agent">"agent"</option><option value="admin">"admin"</option></select></label>
            <label>"Password (empty: one is generated and shown once)" <input name="password" type="password" autocomplete="new-password" /></label>
            <button type="submit">"Add account"</button>
        </form>
    }
    .to_html();
    view::page("Accounts", Some(&admin.0), Section::Accounts, &notice, body)
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
    let chosen = form.password.as_str();
    let password = if chosen.is_empty() { new_password() } else { chosen.to_string() };
    let checked = (|| {
        check_password(&password).map_err(|e| e.to_string())?;
        Ok::<_, String>((
            Email::parse(form.email.trim()).map_err(|e| e.to_string())?,
            check_agent_name(&form.name).map_err(|e| e.to_string())?,
            Role::parse(&form.role).map_err(|e| e.to_string())?,
        ))
    })();
    let notice = match checked {
        Err(refused) => Notice::Refused(format!("Nothing was changed: {refused}.")),
        Ok((email, name, role)) => {
            let hashed = with_password_slot(&state, move || hash_password(&password).map(|hash| (hash, password)));
            match hashed.await {
                Err(Busy) => return busy(render(&state, &admin, Some(Notice::Refused(BUSY_MESSAGE.into()))).await),
                Ok(Some(Ok((password_hash, password)))) => {
                    let new = NewAgent { email, name, role, password_hash };
                    match state.store.create_agent(admin.0.workspace_id, &new, now_millis()).await {
                        Ok(agent) => {
                            tracing::info!(target: "audit", event = "console.account_added", agent = admin.0.id.0, added = agent.id.0);
                            Notice::Done(if chosen.is_empty() {
                                format!("{} can sign in with the password {password} (shown once).", agent.email)
                            } else {
                                format!("{} can sign in with the password you chose.", agent.email)
                            })
                        }
                        Err(e) => store_notice("Nothing was changed", e),
                    }
                }
                _ => Notice::Refused("Nothing was changed: the password could not be hashed.".into()),
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
    let Some(agent) = id.parse().ok().map(AgentId) else {
        return render(&state, &admin, Some(Notice::Refused("Nothing was changed: there is no such account.".into())))
            .await;
    };
    if agent == admin.0.id {
        let refused = "Nothing was changed: another admin changes or removes your own account.";
        return render(&state, &admin, Some(Notice::Refused(refused.into()))).await;
    }
    let ws = admin.0.workspace_id;
    let outcome = match form.action.as_str() {
        "role" => match Role::parse(&form.role) {
            Ok(role) => state
                .store
                .set_agent_role(ws, agent, role)
                .await
                .map(|()| format!("The account is now an {}.", role.as_str())),
            Err(e) => Err(portal_store::StoreError::Invalid(e.to_string())),
        },
        "pause" => state
            .store
            .set_agent_paused(ws, agent, true, now_millis())
            .await
            .map(|()| "The account is paused; its sign-ins have ended.".to_string()),
        "resume" => state
            .store
            .set_agent_paused(ws, agent, false, now_millis())
            .await
            .map(|()| "The account is resumed: it can sign in again.".to_string()),
        "remove" => state
            .store
            .remove_agent(ws, agent)
            .await
            .map(|()| "The account is removed; its sign-ins have ended.".to_string()),
        other => Err(portal_store::StoreError::Invalid(format!("there is no action {other:?}"))),
    };
    let notice = match outcome {
        Ok(done) => {
            tracing::info!(target: "audit", event = "console.account_changed", agent = admin.0.id.0, changed = agent.0);
            Notice::Done(done)
        }
        Err(portal_store::StoreError::NotFound) => {
            Notice::Refused("Nothing was changed: there is no such account.".into())
        }
        Err(e) => store_notice("Nothing was changed", e),
    };
    render(&state, &admin, Some(notice)).await
}

pub async fn password_page(signed: Signed) -> Response {
    password_view(&signed, None)
}

fn password_view(signed: &Signed, notice: Option<Notice>) -> Response {
    let body = view! {
        <form method="post" action="/console/name" class="card narrow" data-testid="name-form">
            <label>"Your name, as customers see it on your replies" <input name="name" required value=signed.0.name.clone() /></label>
            <button type="submit">"Save name"</button>
        </form>
        <form method="post" action="/console/password" class="card narrow" data-testid="password-form">
            <label>"Current password" <input name="current" type="password" required autocomplete="current-password" /></label>
            <label>"New password (10 characters or more)" <input name="new" type="password" required autocomplete="new-password" /></label>
            <button type="submit">"Change password"</button>
        </form>
    }
    .to_html();
    view::page("Your account", Some(&signed.0), Section::Password, &notice, body)
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
    if let Err(e) = check_password(&new) {
        return password_view(&signed, Some(Notice::Refused(format!("Nothing was changed: {e}."))));
    }
    // A stolen sign-in must not be a way to guess the password behind it.
    if let Err(wait) = limiter.reserve_password_change(signed.0.id) {
        let notice = format!("Nothing was changed: too many wrong current passwords. Try again {}.", in_minutes(wait));
        return held(password_view(&signed, Some(Notice::Refused(notice))), wait);
    }
    let stored = match state.store.agent_password_hash(signed.0.workspace_id, signed.0.id).await {
        Ok(Some(hash)) => hash,
        Ok(None) => return view::problem(StatusCode::NOT_FOUND, Some(&signed.0), "This account no longer exists."),
        Err(e) => return store_problem(Some(&signed.0), e),
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
            return busy(password_view(&signed, Some(Notice::Refused(BUSY_MESSAGE.into()))));
        }
    };
    let Some(hash) = checked else {
        return password_view(
            &signed,
            Some(Notice::Refused("Nothing was changed: the current password is not right.".into())),
        );
    };
    let notice = match state
        .store
        .set_agent_password(signed.0.workspace_id, signed.0.id, &hash, &signed.1, now_millis())
        .await
    {
        Ok(()) => {
            tracing::info!(target: "audit", event = "console.password_changed", agent = signed.0.id.0);
            Notice::Done("Your password is changed; your other sign-ins have ended.".into())
        }
        Err(e) => store_notice("Nothing was changed", e),
    };
    password_view(&signed, Some(notice))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn change_name(mut signed: Signed, State(state): State<AppState>, Form(form): Form<NameForm>) -> Response {
    let name = match check_agent_name(&form.name) {
        Ok(name) => name,
        Err(e) => return password_view(&signed, Some(Notice::Refused(format!("Nothing was changed: {e}.")))),
    };
    let notice = match state.store.set_agent_name(signed.0.workspace_id, signed.0.id, &name).await {
        Ok(()) => {
            signed.0.name = name;
            Notice::Done("Your name is saved; your next replies carry it.".into())
        }
        Err(e) => store_notice("Nothing was changed", e),
    };
    password_view(&signed, Some(notice))
}
