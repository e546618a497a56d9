//! The Rules page (admins): the workspace's assignment and escalation
//! rules, in order, with a preview of the tickets each would match.

use super::auth::Admin;
use super::view::{self, Notice, Section};
use super::{Refusal, store_problem, unchanged};
use crate::now_millis;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::routing::{
    Assignee, AssignmentRule, BusinessHours, EscalationRule, EscalationTrigger, RuleError, TicketFilter,
};
use portal_core::visibility::Condition;
use portal_core::{AgentId, TicketNumber};
use portal_i18n::Locale;
use portal_store::{Agent, NewRule};

/// The channels tickets come from, as rules name them.
const CHANNELS: [&str; 3] = ["portal", "api", "email"];

/// Tickets a preview looks at, and shows at most.
const PREVIEW_LOOKS: u32 = 200;
const PREVIEW_SHOWS: usize = 20;

pub async fn page(admin: Admin, State(state): State<AppState>) -> Response {
    render(&state, &admin, None, None).await
}

fn agent_name(agents: &[Agent], id: AgentId) -> String {
    agents.iter().find(|a| a.id == id).map_or_else(|| format!("#{}", id.0), |a| a.name.clone())
}

/// Why a rule or business hours were refused, in the page's language.
fn rule_error(locale: Locale, error: RuleError) -> String {
    match error {
        RuleError::Name => locale.t("console-rules-bad-name"),
        RuleError::EmptyGroup => locale.t("console-rules-empty-group"),
        RuleError::Minutes => locale.t("console-rules-bad-minutes"),
        RuleError::NoAction => locale.t("console-rules-no-action"),
        RuleError::EscalationFilter => locale.t("console-rules-customer-filter"),
        RuleError::Channel => locale.t("console-rules-bad-channel"),
        RuleError::Zone(zone) => locale.t_args("console-hours-bad-zone", &[("zone", zone.into())]),
        RuleError::Hours => locale.t("console-hours-bad-hours"),
    }
}

/// The days of the week, Monday first, as the catalogs name them.
const DAYS: [&str; 7] = [
    "console-day-mon",
    "console-day-tue",
    "console-day-wed",
    "console-day-thu",
    "console-day-fri",
    "console-day-sat",
    "console-day-sun",
];

/// Minutes after midnight as `HH:MM`.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `HH:MM` (or `24:00`) as minutes after midnight.
fn minutes_of(raw: &str) -> Option<u16> {
    let (hours, minutes) = raw.trim().split_once(':')?;
    let (hours, minutes) = (hours.parse::<u16>().ok()?, minutes.parse::<u16>().ok()?);
    (minutes < 60 && hours * 60 + minutes <= 24 * 60).then_some(hours * 60 + minutes)
}

/// The business hours form, showing what is set.
fn hours_form(locale: Locale, hours: Option<&BusinessHours>) -> AnyView {
    let current = hours.map_or_else(
        || locale.t("console-hours-none"),
        |h| {
            let days =
                DAYS.iter().zip(h.days).filter(|(_, open)| *open).map(|(day, _)| locale.t(day)).collect::<Vec<_>>();
            format!("{} · {}–{} · {}", days.join(", "), clock(h.opens), clock(h.closes), h.zone)
        },
    );
    let days = DAYS
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let on = hours.is_some_and(|h| h.days[i]) || (hours.is_none() && i < 5);
            view! { <label class="check"><input type="checkbox" name="day" value=i.to_string() checked=on />" "{locale.t(day)}</label> }
        })
        .collect::<Vec<_>>();
    let (zone, opens, closes) =
        hours.map_or(("UTC".to_string(), 9 * 60, 17 * 60), |h| (h.zone.clone(), h.opens, h.closes));
    view! {
        <form method="post" action="/console/business-hours" class="card" data-testid="business-hours">
            <h2>{locale.t("console-hours-heading")}</h2>
            <p>{locale.t("console-hours-intro")}</p>
            <p data-testid="business-hours-state">{current}</p>
            <label>{locale.t("console-hours-zone")} <input name="zone" value=zone required /></label>
            <fieldset><legend>{locale.t("console-hours-days")}</legend>{days}</fieldset>
            <label>{locale.t("console-hours-opens")} <input name="opens" type="time" value=clock(opens) required /></label>
            <label>{locale.t("console-hours-closes")} <input name="closes" type="time" value=clock(closes) required /></label>
            <button type="submit" name="action" value="save">{locale.t("console-hours-save")}</button>
            <button type="submit" name="action" value="clear" class="secondary" formnovalidate=true>{locale.t("console-hours-clear")}</button>
        </form>
    }
    .into_any()
}

/// Sets or clears the workspace's business hours.
pub async fn business_hours(
    admin: Admin,
    State(state): State<AppState>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let locale = admin.1;
    let value = |name: &str| form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let hours = match value("action") {
        "clear" => Ok(None),
        _ => {
            let mut days = [false; 7];
            for day in form.iter().filter(|(k, _)| k == "day").filter_map(|(_, v)| v.parse::<usize>().ok()) {
                if let Some(open) = days.get_mut(day) {
                    *open = true;
                }
            }
            match (minutes_of(value("opens")), minutes_of(value("closes"))) {
                (Some(opens), Some(closes)) => BusinessHours::new(value("zone"), days, opens, closes).map(Some),
                _ => Err(RuleError::Hours),
            }
        }
    };
    let notice = match hours {
        Err(error) => unchanged(locale, rule_error(locale, error)),
        Ok(hours) => match state.store.set_business_hours(admin.0.workspace_id, hours.as_ref()).await {
            Ok(()) => {
                tracing::info!(target: "audit", event = "console.business_hours_changed", agent = admin.0.id.0);
                Notice::Done(locale.t(if hours.is_some() { "console-hours-saved" } else { "console-hours-cleared" }))
            }
            Err(e) => Refusal::Store(e).notice(locale, "console-nothing-changed"),
        },
    };
    render(&state, &admin, Some(notice), None).await
}

/// A filter in words: its conditions, or "any ticket".
fn describe_filter(locale: Locale, filter: &TicketFilter) -> String {
    let mut parts = Vec::new();
    if let Some(kind) = &filter.ticket_type {
        parts.push(format!("{}: {kind}", locale.t("console-rules-type")));
    }
    if let Some(company) = &filter.company {
        parts.push(format!("{}: {company}", locale.t("console-col-company")));
    }
    if let Some(channel) = &filter.channel {
        parts.push(format!("{}: {channel}", locale.t("console-rules-channel")));
    }
    parts.extend(filter.customer.iter().map(ToString::to_string));
    if parts.is_empty() { locale.t("console-rules-any-ticket") } else { parts.join(" · ") }
}

/// A list of matched tickets under a preview's heading.
fn matched(locale: Locale, id: &str, tickets: &[(TicketNumber, String)]) -> AnyView {
    let count = i64::try_from(tickets.len()).unwrap_or(i64::MAX);
    let items = tickets
        .iter()
        .take(PREVIEW_SHOWS)
        .map(|(number, title)| {
            view! { <li><a href=format!("/console/tickets/{}", number.0)>{format!("#{} ", number.0)}</a>{title.clone()}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="card" data-testid="rule-preview">
            <p>{locale.t_args(id, &[("count", count.into())])}</p>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

async fn render(state: &AppState, admin: &Admin, notice: Option<Notice>, preview: Option<AnyView>) -> Response {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let loaded = async {
        Ok::<_, portal_store::StoreError>((
            state.store.routing_rules(ws).await?,
            state.store.agents(ws).await?,
            state.store.workspace(ws).await?,
        ))
    };
    let (rules, agents, workspace) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let types = workspace.map(|w| w.ticket_types.to_vec()).unwrap_or_default();
    let controls = |id: i64| {
        let action = format!("/console/rules/{id}");
        view! {
            <form method="post" action=action class="inline">
                <button type="submit" name="action" value="preview" class="secondary">{locale.t("console-rules-preview")}</button>
                <button type="submit" name="action" value="up" class="secondary">{locale.t("console-rules-up")}</button>
                <button type="submit" name="action" value="remove" class="danger">{locale.t("console-rules-remove")}</button>
            </form>
        }
    };
    let assignment_rows = rules
        .assignment
        .iter()
        .map(|(id, rule)| {
            let then = match &rule.assign {
                Assignee::Agent(agent) => {
                    locale.t_args("console-rules-assign-agent", &[("agent", agent_name(&agents, *agent).into())])
                }
                Assignee::RoundRobin(group) => {
                    let names = group.iter().map(|a| agent_name(&agents, *a)).collect::<Vec<_>>().join(", ");
                    locale.t_args("console-rules-assign-turns", &[("agents", names.into())])
                }
            };
            view! {
                <tr data-testid="assignment-rule">
                    <td>{rule.name.clone()}</td><td>{describe_filter(locale, &rule.filter)}</td><td>{then}</td><td>{controls(*id)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let escalation_rows = rules
        .escalation
        .iter()
        .map(|(id, rule)| {
            let minutes = ("minutes", rule.trigger.minutes().into());
            let mut when = vec![match rule.trigger {
                EscalationTrigger::NoFirstReply(_) => locale.t_args("console-rules-when-no-reply", &[minutes]),
                EscalationTrigger::CustomerWaiting(_) => locale.t_args("console-rules-when-waiting", &[minutes]),
            }];
            if rule.filter != TicketFilter::default() {
                when.push(describe_filter(locale, &rule.filter));
            }
            let mut then = Vec::new();
            if rule.mark {
                then.push(locale.t("console-rules-then-mark"));
            }
            if let Some(agent) = rule.reassign {
                then.push(locale.t_args("console-rules-then-reassign", &[("agent", agent_name(&agents, agent).into())]));
            }
            if rule.post_to_slack {
                then.push(locale.t("console-rules-then-slack"));
            }
            view! {
                <tr data-testid="escalation-rule">
                    <td>{rule.name.clone()}</td><td>{when.join(" · ")}</td><td>{then.join(" · ")}</td><td>{controls(*id)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = |rows: Vec<AnyView>| {
        if rows.is_empty() {
            view! { <p>{locale.t("console-rules-none")}</p> }.into_any()
        } else {
            view! {
                <table class="tickets">
                    <thead><tr>
                        <th>{locale.t("console-rules-col-name")}</th>
                        <th>{locale.t("console-rules-col-when")}</th>
                        <th>{locale.t("console-rules-col-then")}</th>
                        <td></td>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let type_options = types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect::<Vec<_>>();
    let agent_options = || {
        agents.iter().map(|a| view! { <option value=a.id.0.to_string()>{a.name.clone()}</option> }).collect::<Vec<_>>()
    };
    let agent_checks = agents
        .iter()
        .map(|a| view! { <label class="check"><input type="checkbox" name="group" value=a.id.0.to_string() />" "{a.name.clone()}</label> })
        .collect::<Vec<_>>();
    let type_select = view! {
        <label>{locale.t("console-rules-type")} <select name="ticket_type">
            <option value="">{locale.t("console-rules-any-type")}</option>{type_options.clone()}
        </select></label>
    };
    let company_input = view! { <label>{locale.t("console-rules-company")} <input name="company" /></label> };
    let body = view! {
        {preview}
        <section class="card" data-testid="assignment-rules">
            <h2>{locale.t("console-rules-assignment-heading")}</h2>
            <p>{locale.t("console-rules-assignment-intro")}</p>
            {table(assignment_rows.into_iter().map(IntoAny::into_any).collect())}
        </section>
        <form method="post" action="/console/rules" class="card" data-testid="assignment-form">
            <input type="hidden" name="kind" value="assign" />
            <label>{locale.t("console-rules-name")} <input name="name" required /></label>
            {type_select}
            {company_input}
            <label>{locale.t("console-rules-channel")} <select name="channel">
                <option value="">{locale.t("console-rules-any-channel")}</option>
                {CHANNELS.map(|channel| view! { <option value=channel>{channel}</option> })}
            </select></label>
            <label>{locale.t("console-rules-customer")} <textarea name="customer" rows="2"></textarea></label>
            <label>{locale.t("console-rules-assign-to")} <select name="agent"><option value="">"—"</option>{agent_options()}</select></label>
            <fieldset><legend>{locale.t("console-rules-round-robin")}</legend>{agent_checks}</fieldset>
            <button type="submit" name="action" value="preview" class="secondary">{locale.t("console-rules-preview")}</button>
            <button type="submit" name="action" value="add">{locale.t("console-rules-add")}</button>
        </form>
        <section class="card" data-testid="escalation-rules">
            <h2>{locale.t("console-rules-escalation-heading")}</h2>
            <p>{locale.t("console-rules-escalation-intro")}</p>
            {table(escalation_rows.into_iter().map(IntoAny::into_any).collect())}
        </section>
        <form method="post" action="/console/rules" class="card" data-testid="escalation-form">
            <input type="hidden" name="kind" value="escalate" />
            <label>{locale.t("console-rules-name")} <input name="name" required /></label>
            <label>{locale.t("console-rules-trigger")} <select name="trigger">
                <option value="no_first_reply">{locale.t("console-rules-no-first-reply")}</option>
                <option value="customer_waiting">{locale.t("console-rules-customer-waiting")}</option>
            </select></label>
            <label>{locale.t("console-rules-minutes")} <input name="minutes" type="number" min="1" required /></label>
            <label>{locale.t("console-rules-type")} <select name="ticket_type">
                <option value="">{locale.t("console-rules-any-type")}</option>{type_options}
            </select></label>
            <label>{locale.t("console-rules-company")} <input name="company" /></label>
            <label class="check"><input type="checkbox" name="mark" value="on" checked=true />" "{locale.t("console-rules-mark")}</label>
            <label>{locale.t("console-rules-reassign")} <select name="reassign"><option value="">{locale.t("console-rules-no-reassign")}</option>{agent_options()}</select></label>
            <label class="check"><input type="checkbox" name="post_to_slack" value="on" />" "{locale.t("console-rules-post-to-slack")}</label>
            <button type="submit" name="action" value="preview" class="secondary">{locale.t("console-rules-preview")}</button>
            <button type="submit" name="action" value="add">{locale.t("console-rules-add")}</button>
        </form>
        {hours_form(locale, rules.business_hours.as_ref())}
    }
    .to_html();
    view::page(locale, &locale.t("console-rules-title"), Some(&admin.0), Section::Rules, &notice, body)
}

/// A rule as a form gives it, checked.
fn rule_of(locale: Locale, form: &[(String, String)]) -> Result<NewRule, String> {
    let value = |name: &str| form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.trim());
    let optional = |name: &str| Some(value(name).to_string()).filter(|v| !v.is_empty());
    let agent = |raw: &str| raw.parse::<i64>().ok().map(AgentId);
    let customer = Condition::parse_lines(value("customer"))?;
    let filter = TicketFilter {
        ticket_type: optional("ticket_type"),
        company: optional("company").map(|c| c.to_lowercase()),
        channel: optional("channel"),
        customer,
    };
    let refused = |e: RuleError| rule_error(locale, e);
    match value("kind") {
        "assign" => {
            let group: Vec<AgentId> = form.iter().filter(|(k, _)| k == "group").filter_map(|(_, v)| agent(v)).collect();
            let assign = match (agent(value("agent")), group.is_empty()) {
                (Some(one), _) => Assignee::Agent(one),
                (None, false) => Assignee::RoundRobin(group),
                (None, true) => return Err(locale.t("console-rules-no-agent")),
            };
            AssignmentRule::new(value("name"), filter, assign).map(NewRule::Assignment).map_err(refused)
        }
        _ => {
            let minutes = value("minutes").parse::<i64>().map_err(|_| locale.t("console-rules-bad-minutes"))?;
            let trigger = match value("trigger") {
                "customer_waiting" => EscalationTrigger::CustomerWaiting(minutes),
                _ => EscalationTrigger::NoFirstReply(minutes),
            };
            let (mark, slack) = (!value("mark").is_empty(), !value("post_to_slack").is_empty());
            EscalationRule::new(value("name"), trigger, filter, mark, agent(value("reassign")), slack)
                .map(NewRule::Escalation)
                .map_err(refused)
        }
    }
}

/// The tickets a rule would match, as a preview.
async fn preview_of(state: &AppState, admin: &Admin, rule: &NewRule) -> Result<AnyView, portal_store::StoreError> {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    Ok(match rule {
        NewRule::Assignment(rule) => {
            let found = state.store.preview_filter(ws, &rule.filter, PREVIEW_LOOKS).await?;
            matched(locale, "console-rules-matches", &found)
        }
        NewRule::Escalation(rule) => {
            let found = state.store.preview_escalation(ws, rule, now_millis(), PREVIEW_LOOKS).await?;
            matched(locale, "console-rules-due-now", &found)
        }
    })
}

/// Adds a rule, or previews it.
pub async fn add(admin: Admin, State(state): State<AppState>, Form(form): Form<Vec<(String, String)>>) -> Response {
    let locale = admin.1;
    let rule = match rule_of(locale, &form) {
        Ok(rule) => rule,
        Err(refused) => return render(&state, &admin, Some(unchanged(locale, refused)), None).await,
    };
    let previewing = form.iter().any(|(k, v)| k == "action" && v == "preview");
    if previewing {
        return match preview_of(&state, &admin, &rule).await {
            Ok(preview) => render(&state, &admin, None, Some(preview)).await,
            Err(e) => store_problem(locale, Some(&admin.0), e),
        };
    }
    let notice = match state.store.add_rule(admin.0.workspace_id, &rule, now_millis()).await {
        Ok(id) => {
            tracing::info!(target: "audit", event = "console.rule_added", agent = admin.0.id.0, rule = id);
            Notice::Done(locale.t("console-rules-added"))
        }
        Err(e) => Refusal::Store(e).notice(locale, "console-nothing-changed"),
    };
    render(&state, &admin, Some(notice), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RuleAction {
    action: String,
}

/// Previews, moves up or removes a rule.
pub async fn change(
    admin: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<RuleAction>,
) -> Response {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let Ok(id) = id.parse::<i64>() else {
        return render(&state, &admin, Some(unchanged(locale, locale.t("console-rules-no-such"))), None).await;
    };
    let notice = match form.action.as_str() {
        "preview" => {
            let rules = match state.store.routing_rules(ws).await {
                Ok(rules) => rules,
                Err(e) => return store_problem(locale, Some(&admin.0), e),
            };
            let rule = rules
                .assignment
                .into_iter()
                .find(|(rule, _)| *rule == id)
                .map(|(_, r)| NewRule::Assignment(r))
                .or_else(|| {
                    rules.escalation.into_iter().find(|(rule, _)| *rule == id).map(|(_, r)| NewRule::Escalation(r))
                });
            let Some(rule) = rule else {
                return render(&state, &admin, Some(unchanged(locale, locale.t("console-rules-no-such"))), None).await;
            };
            return match preview_of(&state, &admin, &rule).await {
                Ok(preview) => render(&state, &admin, None, Some(preview)).await,
                Err(e) => store_problem(locale, Some(&admin.0), e),
            };
        }
        "up" => match state.store.move_rule_up(ws, id).await {
            Ok(()) => Notice::Done(locale.t("console-rules-moved")),
            Err(portal_store::StoreError::NotFound) => unchanged(locale, locale.t("console-rules-no-such")),
            Err(e) => Refusal::Store(e).notice(locale, "console-nothing-changed"),
        },
        "remove" => match state.store.remove_rule(ws, id).await {
            Ok(true) => Notice::Done(locale.t("console-rules-removed")),
            Ok(false) => unchanged(locale, locale.t("console-rules-no-such")),
            Err(e) => Refusal::Store(e).notice(locale, "console-nothing-changed"),
        },
        other => {
            let other: String = other.chars().take(40).collect();
            unchanged(locale, locale.t_args("console-no-such-action", &[("action", other.into())]))
        }
    };
    if matches!(notice, Notice::Done(_)) {
        tracing::info!(target: "audit", event = "console.rule_changed", agent = admin.0.id.0, rule = id, action = form.action);
    }
    render(&state, &admin, Some(notice), None).await
}
