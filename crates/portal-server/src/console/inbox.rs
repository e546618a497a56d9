//! The agents' inbox and ticket view: every ticket of the workspace with
//! the customers' search, filters and sort plus the assignee, and a ticket's
//! whole conversation with its internal notes. Replies and status changes
//! go through the same store calls as the REST API, so customers see them
//! live; internal notes write no event and never reach them. The ticket's
//! participants (customers besides its creator who take part) are added by
//! email and removed there too.

use super::auth::Signed;
use super::view::{self, Notice, Section};
use super::{Refusal, led, sentence, store_notice, store_problem, unchanged};
use crate::now_millis;
use axum::Form;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use portal_app::markdown::to_safe_html;
use portal_app::state::AppState;
use portal_core::conversation::AuthorKind;
use portal_core::listing::{ListQuery, Sort, SortKey};
use portal_core::{AgentId, CompanyKey, Email, MessageBody, TicketNumber, TicketStatus};
use portal_i18n::Locale;
use portal_store::{AddedBy, Agent, AgentPost, AgentTicket, Assignee, InboxFilter, Participant, Workspace};
use serde::Deserialize;

const STATES: [TicketStatus; 4] =
    [TicketStatus::Open, TicketStatus::InProgress, TicketStatus::OnHold, TicketStatus::Closed];

/// A ticket state as the console names it.
fn state_label(locale: Locale, status: TicketStatus) -> String {
    locale.t(&format!("status-{}", status.as_str()))
}

/// The inbox's `assignee` parameter: `me`, `none`, an account id, or empty.
fn parse_assignee(locale: Locale, raw: &str, me: AgentId, agents: &[Agent]) -> Result<Assignee, String> {
    match raw.trim() {
        "" => Ok(Assignee::Anyone),
        "me" => Ok(Assignee::Agent(me)),
        "none" => Ok(Assignee::Nobody),
        id => id
            .parse::<i64>()
            .ok()
            .and_then(|id| agents.iter().find(|a| a.id.0 == id))
            .map(|a| Assignee::Agent(a.id))
            .ok_or_else(|| locale.t_args("console-inbox-no-such-account", &[("id", id.to_string().into())])),
    }
}

fn param(query: &str, name: &str) -> String {
    form_urlencoded::parse(query.as_bytes()).find(|(n, _)| n == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

async fn loaded(state: &AppState, signed: &Signed) -> Result<(Workspace, Vec<Agent>), Response> {
    let locale = signed.2;
    let problem = |e| store_problem(locale, Some(&signed.0), e);
    let ws = match state.store.workspace(signed.0.workspace_id).await {
        Ok(Some(ws)) => ws,
        Ok(None) => {
            let text = locale.t("console-workspace-gone");
            return Err(view::problem(locale, StatusCode::NOT_FOUND, Some(&signed.0), &text));
        }
        Err(e) => return Err(problem(e)),
    };
    let agents = state.store.agents(ws.id).await.map_err(problem)?;
    Ok((ws, agents))
}

pub async fn inbox(signed: Signed, State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let locale = signed.2;
    let title = locale.t("console-inbox-title");
    let (ws, agents) = match loaded(&state, &signed).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    let (assignee_param, company_param) = (param(&query, "assignee"), param(&query, "company"));
    let escalated_param = param(&query, "escalated");
    let parsed =
        ListQuery::parse(&query, &ws.ticket_types).map_err(|e| locale.message(&e.message())).and_then(|list| {
            let assignee = parse_assignee(locale, &assignee_param, signed.0.id, &agents)?;
            let company = match company_param.trim() {
                "" => None,
                key => Some(CompanyKey::parse(key).map_err(sentence)?),
            };
            Ok((list, InboxFilter { assignee, company, escalated: !escalated_param.is_empty() }))
        });
    let (list, filter) = match parsed {
        Ok(parsed) => parsed,
        Err(refused) => {
            let notice = Some(Notice::Refused(led(locale, "console-inbox-refused", refused)));
            return view::page(
                locale,
                &title,
                Some(&signed.0),
                Section::Inbox,
                &notice,
                filters(locale, &ListQuery::default(), &Default::default(), &ws, &agents),
            );
        }
    };
    let found = match state.store.find_inbox(&signed.scope(), &list, &filter).await {
        Ok(found) => found,
        Err(e) => return store_problem(locale, Some(&signed.0), e),
    };
    let name_of = |id: Option<AgentId>| {
        id.and_then(|id| agents.iter().find(|a| a.id == id)).map_or(String::from("—"), |a| a.name.clone())
    };
    let rows = found
        .page
        .tickets
        .iter()
        .zip(&found.facts)
        .map(|(ticket, facts)| {
            let href = format!("/console/tickets/{}", ticket.number);
            view! {
                <tr data-testid="inbox-row">
                    <td>{format!("#{}", ticket.number)}</td>
                    <td>
                        <a href=href>{ticket.title.clone()}</a>
                        {facts.escalated.then(|| view! { " "<span class="badge escalated" data-testid="escalated">{locale.t("console-escalated-badge")}</span> })}
                        {ticket.preview.clone().map(|found| preview(locale, found))}
                    </td>
                    <td><span class=format!("status status-{}", ticket.status.as_str())>{state_label(locale, ticket.status)}</span></td>
                    <td>{ticket.ticket_type.clone().unwrap_or_default()}</td>
                    <td>{facts.creator_email.clone()}</td>
                    <td>{facts.company.as_ref().map(|c| c.to_string()).unwrap_or_default()}</td>
                    <td data-testid="assignee">{name_of(facts.assignee)}</td>
                    <td>{view::when(locale, ticket.updated_at)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    let next = found.page.next.as_ref().map(|cursor| {
        let mut link = list.link(&[], Some(cursor));
        for (name, value) in [("assignee", &assignee_param), ("company", &company_param), ("escalated", &escalated_param)] {
            if !value.is_empty() {
                let value = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC);
                link.push_str(&format!("&{name}={value}"));
            }
        }
        view! { <a class="button secondary" href=format!("/console/inbox{link}") data-testid="next-page">{locale.t("console-next-page")}</a> }
    });
    let table = view! {
        <table class="tickets">
            <thead><tr>
                <th>"#"</th>
                <th>{locale.t("console-col-title")}</th>
                <th>{locale.t("console-col-state")}</th>
                <th>{locale.t("console-col-type")}</th>
                <th>{locale.t("console-col-customer")}</th>
                <th>{locale.t("console-col-company")}</th>
                <th>{locale.t("console-col-assignee")}</th>
                <th>{locale.t("console-col-updated")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {empty.then(|| view! { <p class="hint" data-testid="empty">{locale.t("console-inbox-empty")}</p> })}
        {next}
    }
    .to_html();
    let params =
        InboxParams { assignee: &assignee_param, company: &company_param, escalated: !escalated_param.is_empty() };
    let body = filters(locale, &list, &params, &ws, &agents) + &table;
    view::page(locale, &title, Some(&signed.0), Section::Inbox, &None, body)
}

/// A search result's best-matching snippet, its words marked.
fn preview(locale: Locale, preview: portal_core::listing::Preview) -> impl IntoView {
    let parts = preview
        .snippet
        .parts
        .into_iter()
        .map(|part| if part.matched { view! { <mark>{part.text}</mark> }.into_any() } else { part.text.into_any() })
        .collect::<Vec<_>>();
    let (before, after) = (preview.snippet.cut_before.then_some("…"), preview.snippet.cut_after.then_some("…"));
    let author = locale.t_args("console-preview-author", &[("author", preview.author.into())]);
    view! { <div class="hint">{author}" "{before}{parts}{after}</div> }
}

/// The inbox's own parameters, as given.
#[derive(Default)]
struct InboxParams<'a> {
    assignee: &'a str,
    company: &'a str,
    escalated: bool,
}

/// The inbox's search and filter form, showing what is set.
fn filters(locale: Locale, list: &ListQuery, inbox: &InboxParams, ws: &Workspace, agents: &[Agent]) -> String {
    let assignee = inbox.assignee;
    let option = |value: String, label: String, current: &str| {
        let selected = value == current;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let states = STATES.map(|s| option(s.as_str().into(), state_label(locale, s), list.param("state"))).to_vec();
    let types = ws.ticket_types.iter().map(|t| option(t.clone(), t.clone(), list.param("type"))).collect::<Vec<_>>();
    let mut people = vec![
        option("me".into(), locale.t("console-inbox-me"), assignee),
        option("none".into(), locale.t("console-nobody"), assignee),
    ];
    people.extend(agents.iter().map(|a| option(a.id.0.to_string(), a.name.clone(), assignee)));
    let sorts = SortKey::ALL
        .into_iter()
        .flat_map(|key| match key {
            SortKey::Relevance => vec![Sort::RELEVANCE],
            key => vec![Sort { key, descending: true }, Sort { key, descending: false }],
        })
        .map(|sort| {
            // The frame's names of the sorts.
            let label = match sort.key {
                SortKey::Relevance => locale.t("sort-relevance"),
                key => {
                    let way = if sort.descending { "descending" } else { "ascending" };
                    locale.t(&format!("sort-{}-{way}", key.as_str()))
                }
            };
            option(sort.as_param(), label, list.param("sort"))
        })
        .collect::<Vec<_>>();
    view! {
        <form method="get" action="/console/inbox" class="filters" data-testid="inbox-filters">
            <input name="q" type="search" placeholder=locale.t("console-inbox-search") aria-label=locale.t("console-inbox-search") value=list.param("q").to_string() />
            <select name="state" aria-label=locale.t("console-col-state")><option value="">{locale.t("console-inbox-any-state")}</option>{states}</select>
            <select name="type" aria-label=locale.t("console-col-type")><option value="">{locale.t("console-inbox-any-type")}</option>{types}</select>
            <select name="assignee" aria-label=locale.t("console-col-assignee")><option value="">{locale.t("console-inbox-anyone")}</option>{people}</select>
            <input name="company" placeholder=locale.t("console-inbox-company-key") aria-label=locale.t("console-inbox-company-key") size="12" value=inbox.company.to_string() />
            <label class="check"><input type="checkbox" name="escalated" value="1" checked=inbox.escalated data-testid="escalated-only" />" "{locale.t("console-inbox-escalated")}</label>
            <select name="sort" aria-label=locale.t("console-inbox-sort")><option value="">{locale.t("console-inbox-default-order")}</option>{sorts}</select>
            <button type="submit">{locale.t("console-inbox-show")}</button>
        </form>
    }
    .to_html()
}

pub async fn ticket(signed: Signed, State(state): State<AppState>, Path(number): Path<String>) -> Response {
    render_ticket(&state, &signed, &number, None).await
}

/// The page saying a ticket is not there.
fn no_ticket(signed: &Signed) -> Response {
    let locale = signed.2;
    view::problem(locale, StatusCode::NOT_FOUND, Some(&signed.0), &locale.t("console-ticket-gone"))
}

async fn render_ticket(state: &AppState, signed: &Signed, number: &str, notice: Option<Notice>) -> Response {
    let Ok(number) = number.parse::<i64>().map(TicketNumber) else {
        return no_ticket(signed);
    };
    match loaded(state, signed).await {
        Ok(loaded) => show_ticket(state, signed, number, loaded, notice).await,
        Err(response) => response,
    }
}

/// The ticket's page, with the workspace and its accounts already loaded.
async fn show_ticket(
    state: &AppState,
    signed: &Signed,
    number: TicketNumber,
    (ws, agents): (Workspace, Vec<Agent>),
    notice: Option<Notice>,
) -> Response {
    let scope = signed.scope();
    let locale = signed.2;
    let found = async {
        let Some(ticket) = state.store.agent_ticket(&scope, number).await? else {
            return Ok(None);
        };
        let assignee = state.store.ticket_assignee(&scope, number).await?;
        let companies = state.store.list_companies(ws.id).await?;
        let participants = state.store.participants(&scope, number).await?;
        let failed_mail = state.store.failed_mail(ws.id, number).await?;
        Ok::<_, portal_store::StoreError>(Some((ticket, assignee, companies, participants, failed_mail)))
    };
    match found.await {
        Ok(Some((ticket, assignee, companies, participants, failed_mail))) => {
            let keys: Vec<CompanyKey> = companies.into_iter().map(|c| c.key).collect();
            let body = failed_mail_view(locale, failed_mail)
                + &ticket_view(locale, &ws, &agents, &keys, ticket, assignee)
                + &participants_view(locale, number, participants);
            let title = locale.t_args("console-ticket-title", &[("number", number.to_string().into())]);
            view::page(locale, &title, Some(&signed.0), Section::Inbox, &notice, body)
        }
        Ok(None) => no_ticket(signed),
        Err(e) => store_problem(locale, Some(&signed.0), e),
    }
}

/// The ticket's mail that could not be delivered after every try: agents
/// should know the customer has not heard of those replies.
fn failed_mail_view(locale: Locale, failed: Vec<portal_store::FailedMail>) -> String {
    failed
        .into_iter()
        .map(|mail| {
            let when = view::when(locale, mail.failed_at);
            view! {
                <p class="notice error" role="alert" data-testid="failed-mail">
                    {locale.t("console-mail-failed")}" "{when}": "<span class="detail">{mail.error}</span>
                </p>
            }
            .to_html()
        })
        .collect()
}

fn ticket_view(
    locale: Locale,
    ws: &Workspace,
    agents: &[Agent],
    companies: &[CompanyKey],
    ticket: AgentTicket,
    assignee: Option<AgentId>,
) -> String {
    let number = ticket.number;
    let messages = ticket
        .messages
        .into_iter()
        .map(|m| {
            let class = if m.internal { "message internal" } else { "message" };
            let kind = locale.t(match (m.internal, m.author_kind) {
                (true, _) => "console-internal-note",
                (false, AuthorKind::Customer) => "console-author-customer",
                (false, AuthorKind::Agent) => "console-author-agent",
            });
            let testid = if m.internal { "internal-note" } else { "message" };
            view! {
                <li class=class data-testid=testid>
                    <header><strong>{m.author_name}</strong> <span class="kind">{kind}</span> <time>{view::when(locale, m.created_at)}</time></header>
                    <div class="message-body" inner_html=to_safe_html(&m.body)></div>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let option =
        |value: String, label: String, selected: bool| view! { <option value=value selected=selected>{label}</option> };
    let states = STATES.map(|s| option(s.as_str().into(), state_label(locale, s), s == ticket.status)).to_vec();
    let types = ws
        .ticket_types
        .iter()
        .map(|t| option(t.clone(), t.clone(), ticket.ticket_type.as_ref() == Some(t)))
        .collect::<Vec<_>>();
    let company_options = companies
        .iter()
        .map(|k| option(k.to_string(), k.to_string(), ticket.company.as_ref() == Some(k)))
        .collect::<Vec<_>>();
    let assignees =
        agents.iter().map(|a| option(a.id.0.to_string(), a.name.clone(), assignee == Some(a.id))).collect::<Vec<_>>();
    let action = format!("/console/tickets/{number}");
    view! {
        <nav class="crumbs"><a href="/console/inbox">{locale.t("console-back-to-inbox")}</a></nav>
        <article class="ticket" data-testid="console-ticket">
            <h2>{ticket.title}</h2>
            <dl class="facts">
                <dt>{locale.t("console-col-customer")}</dt><dd><a href=format!("/console/customers/{}", ticket.customer.id.0)>{format!("{} <{}>", ticket.customer.name, ticket.customer.email)}</a></dd>
                <dt>{locale.t("console-ticket-opened")}</dt><dd>{view::when(locale, ticket.created_at)}</dd>
                <dt>{locale.t("console-ticket-channel")}</dt><dd>{ticket.channel}</dd>
            </dl>
            <div class="message-body description" inner_html=to_safe_html(&ticket.description)></div>
            <form method="post" action=action.clone() class="card inline" data-testid="ticket-fields">
                <label>{locale.t("console-col-state")} <select name="status">{states}</select></label>
                <label>{locale.t("console-col-type")} <select name="ticket_type"><option value="">"—"</option>{types}</select></label>
                <label>{locale.t("console-col-company")} <select name="company"><option value="">{locale.t("console-none")}</option>{company_options}</select></label>
                <label>{locale.t("console-col-assignee")} <select name="assignee"><option value="">{locale.t("console-nobody")}</option>{assignees}</select></label>
                <button type="submit">{locale.t("console-save")}</button>
            </form>
            <ol class="conversation">{messages}</ol>
            <form method="post" action=format!("{action}/messages") class="composer" data-testid="console-composer">
                <textarea name="body" rows="5" required placeholder=locale.t("console-composer-placeholder") aria-label=locale.t("console-composer-placeholder")></textarea>
                <div class="composer-foot">
                    <button type="submit" name="kind" value="reply" data-testid="send-reply">{locale.t("console-composer-reply")}</button>
                    <button type="submit" name="kind" value="note" class="secondary" data-testid="add-note">{locale.t("console-composer-note")}</button>
                </div>
            </form>
        </article>
    }
    .to_html()
}

/// The customers besides its creator who take part in the ticket: each may
/// be removed, and another added by email.
fn participants_view(locale: Locale, number: TicketNumber, participants: Vec<Participant>) -> String {
    let action = format!("/console/tickets/{number}/participants");
    let empty = participants.is_empty();
    let rows = participants
        .into_iter()
        .map(|p| {
            let c = p.customer;
            let how = locale.t(match p.added_by {
                AddedBy::Agent => "console-participant-added-by-agent",
                AddedBy::Themselves => "console-participant-joined",
            });
            let remove = locale.t_args("console-participant-remove-label", &[("email", c.email.clone().into())]);
            view! {
                <tr data-testid="participant-row">
                    <td><a href=format!("/console/customers/{}", c.id.0)>{c.email.clone()}</a></td>
                    <td>{c.name}</td>
                    <td>{how}</td>
                    <td>{view::when(locale, p.added_at)}</td>
                    <td>
                        <form method="post" action=action.clone()>
                            <button type="submit" name="remove" value=c.email class="secondary"
                                aria-label=remove data-testid="remove-participant">{locale.t("console-participant-remove")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="participants" data-testid="participants" aria-labelledby="participants-heading">
            <h3 id="participants-heading">{locale.t("console-participants-title")}</h3>
            <p class="hint">{locale.t("console-participants-hint")}</p>
            {(!empty).then(|| view! {
                <table class="tickets">
                    <thead><tr>
                        <th>{locale.t("console-col-email")}</th>
                        <th>{locale.t("console-col-name")}</th>
                        <th>{locale.t("console-participant-how")}</th>
                        <th>{locale.t("console-participant-since")}</th>
                        <th><span class="visually-hidden">{locale.t("console-participant-actions")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
            {empty.then(|| view! { <p class="hint" data-testid="no-participants">{locale.t("console-participants-none")}</p> })}
            <form method="post" action=action class="card inline" data-testid="participant-form">
                <label>{locale.t("console-participant-email")} <input name="add" type="email" required data-testid="participant-email" /></label>
                <button type="submit" data-testid="add-participant">{locale.t("console-participant-add")}</button>
            </form>
        </section>
    }
    .to_html()
}

/// The email of a customer to `add` to the ticket's participants, or of a
/// participant to `remove`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ParticipantsForm {
    add: String,
    remove: String,
}

pub async fn change_participants(
    signed: Signed,
    State(state): State<AppState>,
    Path(number): Path<String>,
    Form(form): Form<ParticipantsForm>,
) -> Response {
    let locale = signed.2;
    let Ok(ticket) = number.parse::<i64>().map(TicketNumber) else {
        return no_ticket(&signed);
    };
    let scope = signed.scope();
    let change = async {
        let (raw, adding) = match (form.add.trim(), form.remove.trim()) {
            (email, "") if !email.is_empty() => (email, true),
            ("", email) if !email.is_empty() => (email, false),
            _ => return Err(Refusal::from(locale.t("console-participant-add-or-remove"))),
        };
        let email = Email::parse(raw).map_err(|e| locale.message(&e.message()))?;
        let now = now_millis();
        let done = if adding {
            let added = state.store.add_participant(&scope, ticket, &email, now).await?;
            if added.already { "console-participant-already" } else { "console-participant-added" }
        } else if state.store.remove_participant(&scope, ticket, &email, now).await? {
            "console-participant-removed"
        } else {
            "console-participant-was-not"
        };
        tracing::info!(target: "audit", event = "console.ticket_participants", agent = signed.0.id.0, ticket = ticket.0, adding);
        Ok(done)
    };
    let notice = match change.await {
        Ok(done) => Notice::Done(locale.t(done)),
        // The ticket itself is gone: its page says so.
        Err(Refusal::Store(portal_store::StoreError::NotFound)) => return no_ticket(&signed),
        Err(refused) => refused.notice(locale, "console-nothing-changed"),
    };
    render_ticket(&state, &signed, &number, Some(notice)).await
}

#[derive(Debug, Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
}

pub async fn post_message(
    signed: Signed,
    State(state): State<AppState>,
    Path(number): Path<String>,
    Form(form): Form<MessageForm>,
) -> Response {
    let locale = signed.2;
    let Ok(ticket) = number.parse::<i64>().map(TicketNumber) else {
        return no_ticket(&signed);
    };
    let internal = match form.kind.as_str() {
        "reply" => false,
        "note" => true,
        _ => {
            return render_ticket(&state, &signed, &number, Some(Notice::Refused(locale.t("console-composer-choose"))))
                .await;
        }
    };
    let body = match MessageBody::parse(&form.body) {
        Ok(body) => body,
        Err(e) => {
            let notice = Notice::Refused(led(locale, "console-nothing-sent", locale.message(&e.message())));
            return render_ticket(&state, &signed, &number, Some(notice)).await;
        }
    };
    let post = AgentPost { body, internal, author_name: signed.0.name.clone(), key: None };
    match state.store.agent_post_message(&signed.scope(), ticket, &post, now_millis()).await {
        // Back to the ticket, so a reload does not send it again.
        Ok(_) => Redirect::to(&format!("/console/tickets/{ticket}")).into_response(),
        Err(e) => render_ticket(&state, &signed, &number, Some(store_notice(locale, "console-nothing-sent", e))).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct TicketForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    ticket_type: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    assignee: String,
}

pub async fn update_ticket(
    signed: Signed,
    State(state): State<AppState>,
    Path(number): Path<String>,
    Form(form): Form<TicketForm>,
) -> Response {
    let locale = signed.2;
    let Ok(ticket) = number.parse::<i64>().map(TicketNumber) else {
        return no_ticket(&signed);
    };
    let no_account = |id: &str| locale.t_args("console-ticket-no-account", &[("id", id.to_string().into())]);
    let checked = (|| {
        let status = TicketStatus::parse(&form.status).ok_or_else(|| {
            locale.t_args(
                "console-ticket-no-state",
                &[("state", form.status.chars().take(40).collect::<String>().into())],
            )
        })?;
        let company = match form.company.trim() {
            "" => None,
            key => Some(CompanyKey::parse(key).map_err(sentence)?),
        };
        let assignee = match form.assignee.trim() {
            "" => None,
            id => Some(AgentId(id.parse().map_err(|_| no_account(id))?)),
        };
        Ok::<_, String>((status, company, assignee))
    })();
    // An account of another workspace is refused here, before anything is written.
    let loaded = match loaded(&state, &signed).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    let checked = checked.and_then(|(status, company, assignee)| match assignee {
        Some(id) if !loaded.1.iter().any(|a| a.id == id) => Err(no_account(&id.0.to_string())),
        _ => Ok((status, company, assignee)),
    });
    let (status, company, assignee) = match checked {
        Ok(checked) => checked,
        Err(refused) => {
            return show_ticket(&state, &signed, ticket, loaded, Some(unchanged(locale, refused))).await;
        }
    };
    let scope = signed.scope();
    let ticket_type = Some(form.ticket_type.trim()).filter(|t| !t.is_empty());
    // The type and company are checked by the update, which writes all or
    // nothing; the assignee, checked above, follows.
    let result = async {
        state
            .store
            .agent_update_ticket(&scope, ticket, Some(status), ticket_type, Some(company.as_ref()), now_millis())
            .await?;
        state.store.assign_ticket(&scope, ticket, assignee).await
    };
    let notice = match result.await {
        Ok(_) => Notice::Done(locale.t("console-saved")),
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    show_ticket(&state, &signed, ticket, loaded, Some(notice)).await
}
