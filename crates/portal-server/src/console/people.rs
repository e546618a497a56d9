//! Customers and companies (agents and admins): find a customer, edit their
//! attributes and companies, disable them (their sessions end at once);
//! list companies, add or rename one, see a company's members and add or
//! remove them.

use super::auth::Signed;
use super::view::{self, Notice, Section};
use super::{Refusal, sentence, store_notice, store_problem, unchanged};
use crate::now_millis;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::attributes::CustomerAttributes;
use portal_core::company::check_company_name;
use portal_core::{CompanyKey, CustomerId, Email};
use portal_i18n::Locale;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Customers shown on a page of the list.
const CUSTOMERS_PER_PAGE: usize = 100;

/// A page of the customer list: those matching `q`, from after the email `after`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CustomerListQuery {
    q: String,
    after: String,
}

pub async fn customers(
    signed: Signed,
    State(state): State<AppState>,
    Query(query): Query<CustomerListQuery>,
) -> Response {
    let locale = signed.2;
    let (search, after) = (query.q.as_str(), Some(query.after.as_str()).filter(|a| !a.is_empty()));
    // One more than a page, to tell whether another follows.
    let mut found =
        match state.store.list_customers(signed.0.workspace_id, search, after, CUSTOMERS_PER_PAGE as u32 + 1).await {
            Ok(found) => found,
            Err(e) => return store_problem(locale, Some(&signed.0), e),
        };
    let more = found.len() > CUSTOMERS_PER_PAGE;
    found.truncate(CUSTOMERS_PER_PAGE);
    let next = found.last().filter(|_| more).map(|last| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", search)
            .append_pair("after", &last.customer.email)
            .finish();
        view! { <a class="button secondary" href=format!("/console/customers?{query}") data-testid="next-page">{locale.t("console-next-page")}</a> }
    });
    let rows = found
        .into_iter()
        .map(|entry| {
            let c = entry.customer;
            let state = locale.t(if c.disabled {
                "console-customers-disabled"
            } else if c.in_audience {
                "console-customers-active"
            } else {
                "console-customers-outside"
            });
            view! {
                <tr data-testid="customer-row">
                    <td><a href=format!("/console/customers/{}", c.id.0)>{c.email}</a></td>
                    <td>{c.name}</td>
                    <td>{entry.companies.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", ")}</td>
                    <td>{locale.number(entry.tickets)}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <form method="get" action="/console/customers" class="filters">
            <input name="q" type="search" placeholder=locale.t("console-customers-search") aria-label=locale.t("console-customers-search") value=search.to_string() />
            <button type="submit">{locale.t("console-customers-find")}</button>
        </form>
        <table class="tickets">
            <thead><tr>
                <th>{locale.t("console-col-email")}</th>
                <th>{locale.t("console-col-name")}</th>
                <th>{locale.t("console-col-companies")}</th>
                <th>{locale.t("console-col-tickets")}</th>
                <th>{locale.t("console-col-access")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {next}
    }
    .to_html();
    view::page(locale, &locale.t("console-customers-title"), Some(&signed.0), Section::Customers, &None, body)
}

fn customer_id(raw: &str) -> Option<CustomerId> {
    raw.parse().ok().map(CustomerId)
}

pub async fn customer(signed: Signed, State(state): State<AppState>, Path(id): Path<String>) -> Response {
    render_customer(&state, &signed, &id, None).await
}

async fn render_customer(state: &AppState, signed: &Signed, id: &str, notice: Option<Notice>) -> Response {
    let locale = signed.2;
    let not_found =
        || view::problem(locale, StatusCode::NOT_FOUND, Some(&signed.0), &locale.t("console-customer-gone"));
    let Some(id) = customer_id(id) else {
        return not_found();
    };
    let entry = match state.store.customer_by_id(signed.0.workspace_id, id).await {
        Ok(Some(entry)) => entry,
        Ok(None) => return not_found(),
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let c = entry.customer;
    // What the customer sees of their sessions on their own account page.
    let sessions = match state.store.customer_sessions(signed.0.workspace_id, c.id, 20).await {
        Ok(sessions) => sessions,
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let now = portal_app::state::now_millis();
    let sessions = sessions
        .into_iter()
        .map(|s| {
            let kind = locale.t(match s.kind {
                portal_core::SessionKind::Embedded => "console-session-embedded",
                portal_core::SessionKind::Standalone => "console-session-standalone",
            });
            let state = locale.t(if s.is_live(now) { "console-session-live" } else { "console-session-ended" });
            view! {
                <tr data-testid="customer-session">
                    <td>{view::when(locale, s.created_at)}</td><td>{kind}</td><td>{s.origin}</td><td>{s.browser}</td><td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let attributes = entry.attributes.as_map().iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join("\n");
    let companies = entry.companies.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", ");
    let action = format!("/console/customers/{}", c.id.0);
    let (access_label, access_value, access_class) = if c.disabled {
        ("console-customer-enable", "enable", "")
    } else {
        ("console-customer-disable", "disable", "danger")
    };
    let access = locale.t(if c.disabled {
        "console-customer-access-disabled"
    } else if c.in_audience {
        "console-customer-access-active"
    } else {
        "console-customer-access-outside"
    });
    let body = view! {
        <nav class="crumbs"><a href="/console/customers">{locale.t("console-back-to-customers")}</a></nav>
        <dl class="facts" data-testid="customer">
            <dt>{locale.t("console-col-email")}</dt><dd>{c.email.clone()}</dd>
            <dt>{locale.t("console-col-name")}</dt><dd>{c.name}</dd>
            <dt>{locale.t("console-col-since")}</dt><dd>{view::when(locale, entry.created_at)}</dd>
            <dt>{locale.t("console-col-tickets")}</dt><dd><a href=format!("/console/inbox?creator={}", c.email)>{locale.number(entry.tickets)}</a></dd>
            <dt>{locale.t("console-col-access")}</dt><dd data-testid="access">{access}</dd>
        </dl>
        <form method="post" action=action.clone() class="card" data-testid="customer-form">
            <label>{locale.t("console-customer-attributes")} <textarea name="attributes" rows="4">{attributes}</textarea></label>
            <label>{locale.t("console-customer-companies")} <input name="companies" value=companies /></label>
            <button type="submit">{locale.t("console-save")}</button>
        </form>
        <form method="post" action=format!("{action}/access") class="card">
            <button type="submit" name="access" value=access_value class=access_class data-testid="access-toggle">{locale.t(access_label)}</button>
        </form>
        <h2>{locale.t("console-customer-sessions")}</h2>
        <table class="tickets" data-testid="customer-sessions">
            <thead><tr>
                <th scope="col">{locale.t("console-session-opened")}</th><th scope="col">{locale.t("console-session-where")}</th>
                <th scope="col">{locale.t("console-session-origin")}</th><th scope="col">{locale.t("console-session-browser")}</th>
                <th scope="col">{locale.t("console-session-state")}</th>
            </tr></thead>
            <tbody>{sessions}</tbody>
        </table>
    }
    .to_html();
    view::page(locale, &locale.t("console-customer-title"), Some(&signed.0), Section::Customers, &notice, body)
}

fn parse_attributes(locale: Locale, text: &str) -> Result<CustomerAttributes, String> {
    let mut map = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once('=').ok_or_else(|| {
            locale.t_args("console-customer-write-key-value", &[("line", line.trim().to_string().into())])
        })?;
        map.insert(key.trim().to_string(), value.trim().to_string());
    }
    CustomerAttributes::parse(map).map_err(sentence)
}

fn parse_companies(text: &str) -> Result<Vec<CompanyKey>, String> {
    text.split(',').map(str::trim).filter(|k| !k.is_empty()).map(|k| CompanyKey::parse(k).map_err(sentence)).collect()
}

/// A customer's attributes (`key = value` lines) and companies (keys, one a line).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CustomerForm {
    attributes: String,
    companies: String,
}

pub async fn update_customer(
    signed: Signed,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<CustomerForm>,
) -> Response {
    let Some(customer) = customer_id(&id) else {
        return render_customer(&state, &signed, &id, None).await;
    };
    let locale = signed.2;
    let ws = signed.0.workspace_id;
    let notice = match (parse_attributes(locale, &form.attributes), parse_companies(&form.companies)) {
        (Ok(attributes), Ok(companies)) => {
            // Companies first: an unknown company is refused before the attributes change.
            let saved = async {
                state.store.set_customer_companies(ws, customer, &companies).await?;
                state.store.set_customer_attributes(ws, customer, &attributes).await
            };
            match saved.await {
                Ok(()) => Notice::Done(locale.t("console-customer-saved")),
                Err(e) => store_notice(locale, "console-nothing-changed", e),
            }
        }
        (Err(refused), _) | (_, Err(refused)) => unchanged(locale, refused),
    };
    render_customer(&state, &signed, &id, Some(notice)).await
}

/// `access` is `enable` or `disable`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccessForm {
    access: String,
}

pub async fn set_access(
    signed: Signed,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<AccessForm>,
) -> Response {
    let Some(customer) = customer_id(&id) else {
        return render_customer(&state, &signed, &id, None).await;
    };
    let locale = signed.2;
    let disabled = match form.access.as_str() {
        "disable" => true,
        "enable" => false,
        _ => {
            let notice = Notice::Refused(locale.t("console-customer-choose-access"));
            return render_customer(&state, &signed, &id, Some(notice)).await;
        }
    };
    let (ws, now) = (signed.0.workspace_id, now_millis());
    let changed = async {
        state.store.set_customer_disabled(ws, customer, disabled, now).await?;
        // A disabled customer's sessions already open nothing; revoked, they
        // show as ended on their account page and stay ended when enabled.
        if disabled {
            state.store.revoke_customer_sessions(ws, customer, now).await?;
        }
        Ok::<_, portal_store::StoreError>(())
    };
    let notice = match changed.await {
        Ok(()) => {
            tracing::info!(target: "audit", event = "console.customer_access", agent = signed.0.id.0, customer = customer.0, disabled);
            Notice::Done(locale.t(if disabled { "console-customer-disabled" } else { "console-customer-enabled" }))
        }
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    render_customer(&state, &signed, &id, Some(notice)).await
}

pub async fn companies(signed: Signed, State(state): State<AppState>) -> Response {
    render_companies(&state, &signed, None).await
}

async fn render_companies(state: &AppState, signed: &Signed, notice: Option<Notice>) -> Response {
    let locale = signed.2;
    let list = match state.store.list_companies(signed.0.workspace_id).await {
        Ok(list) => list,
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let rows = list
        .into_iter()
        .map(|c| {
            let href = format!("/console/companies/{}", c.key);
            view! {
                <tr data-testid="company-row">
                    <td><a href=href>{c.key.to_string()}</a></td>
                    <td>{c.name}</td>
                    <td>{locale.number(c.members)}</td>
                    <td>{locale.number(c.tickets)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <table class="tickets">
            <thead><tr>
                <th>{locale.t("console-col-key")}</th>
                <th>{locale.t("console-col-name")}</th>
                <th>{locale.t("console-col-members")}</th>
                <th>{locale.t("console-col-tickets")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <form method="post" action="/console/companies" class="card inline" data-testid="company-form">
            <label>{locale.t("console-col-key")} <input name="key" required placeholder=locale.t("console-companies-key-example") /></label>
            <label>{locale.t("console-col-name")} <input name="name" required placeholder=locale.t("console-companies-name-example") /></label>
            <button type="submit">{locale.t("console-companies-save")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-companies-title"), Some(&signed.0), Section::Companies, &notice, body)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompanyForm {
    key: String,
    name: String,
}

pub async fn save_company(signed: Signed, State(state): State<AppState>, Form(form): Form<CompanyForm>) -> Response {
    let locale = signed.2;
    let checked =
        CompanyKey::parse(form.key.trim()).and_then(|key| Ok((key, check_company_name(&form.name)?))).map_err(sentence);
    let notice = match checked {
        Ok((key, name)) => match state.store.upsert_company(signed.0.workspace_id, &key, &name, now_millis()).await {
            Ok(()) => Notice::Done(locale.t_args("console-companies-saved", &[("key", key.to_string().into())])),
            Err(e) => store_notice(locale, "console-nothing-changed", e),
        },
        Err(refused) => unchanged(locale, refused),
    };
    render_companies(&state, &signed, Some(notice)).await
}

pub async fn company(signed: Signed, State(state): State<AppState>, Path(key): Path<String>) -> Response {
    render_company(&state, &signed, &key, None).await
}

async fn render_company(state: &AppState, signed: &Signed, key: &str, notice: Option<Notice>) -> Response {
    let ws = signed.0.workspace_id;
    let locale = signed.2;
    let not_found = || view::problem(locale, StatusCode::NOT_FOUND, Some(&signed.0), &locale.t("console-company-gone"));
    let Ok(key) = CompanyKey::parse(key) else {
        return not_found();
    };
    let loaded = async {
        let company = state.store.company(ws, &key).await?;
        let members = state.store.company_members(ws, &key).await?;
        Ok::<_, portal_store::StoreError>(company.map(|c| (c, members)))
    };
    let (company, members) = match loaded.await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let action = format!("/console/companies/{key}/members");
    let rows = members
        .into_iter()
        .map(|entry| {
            let c = entry.customer;
            view! {
                <tr data-testid="member-row">
                    <td><a href=format!("/console/customers/{}", c.id.0)>{c.email}</a></td>
                    <td>{c.name}</td>
                    <td>{locale.number(entry.tickets)}</td>
                    <td>
                        <form method="post" action=action.clone()>
                            <button type="submit" name="remove" value=c.id.0.to_string() class="secondary">{locale.t("console-company-remove")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        <nav class="crumbs"><a href="/console/companies">{locale.t("console-back-to-companies")}</a></nav>
        <dl class="facts" data-testid="company">
            <dt>{locale.t("console-col-key")}</dt><dd>{key.to_string()}</dd>
            <dt>{locale.t("console-col-name")}</dt><dd>{company.name}</dd>
            <dt>{locale.t("console-col-members")}</dt><dd>{locale.number(company.members)}</dd>
            <dt>{locale.t("console-col-tickets")}</dt><dd><a href=format!("/console/inbox?company={key}") data-testid="company-tickets">{locale.number(company.tickets)}</a></dd>
        </dl>
        <table class="tickets">
            <thead><tr>
                <th>{locale.t("console-col-email")}</th>
                <th>{locale.t("console-col-name")}</th>
                <th>{locale.t("console-col-tickets")}</th>
                <th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <form method="post" action=action class="card inline" data-testid="member-form">
            <label>{locale.t("console-company-member-email")} <input name="add" type="email" required /></label>
            <button type="submit">{locale.t("console-company-add-member")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-company-title"), Some(&signed.0), Section::Companies, &notice, body)
}

/// The email of a customer to `add`, or the id of a member to `remove`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MembersForm {
    add: String,
    remove: String,
}

/// Adds the customer with the email `add`, or removes the customer `remove`;
/// the visibility rule and the audience are applied to them again.
pub async fn change_members(
    signed: Signed,
    State(state): State<AppState>,
    Path(key): Path<String>,
    Form(form): Form<MembersForm>,
) -> Response {
    let Ok(company) = CompanyKey::parse(&key) else {
        return render_company(&state, &signed, &key, None).await;
    };
    let ws = signed.0.workspace_id;
    let locale = signed.2;
    let change = async {
        let (customer, joining) = match (form.add.trim(), customer_id(&form.remove)) {
            ("", Some(id)) => (id, false),
            (email, None) if !email.is_empty() => {
                let email = Email::parse(email).map_err(|e| locale.message(&e.message()))?;
                let found = state.store.customer_by_email(ws, &email).await?;
                let none = || locale.t_args("console-company-no-customer", &[("email", email.to_string().into())]);
                (found.ok_or_else(none)?.id, true)
            }
            _ => return Err(Refusal::from(locale.t("console-company-add-or-remove"))),
        };
        state.store.set_membership(ws, customer, &company, joining).await.map_err(|e| match e {
            portal_store::StoreError::NotFound => Refusal::from(locale.t("console-company-no-such-customer")),
            e => Refusal::Store(e),
        })?;
        Ok(if joining { "console-company-added" } else { "console-company-removed" })
    };
    let notice = match change.await {
        Ok(done) => Notice::Done(locale.t(done)),
        Err(refused) => refused.notice(locale, "console-nothing-changed"),
    };
    render_company(&state, &signed, &key, Some(notice)).await
}
