//! The frame's forms. Each carries what the browser needs to drive it in
//! `data-` attributes: `data-action` names what a submit does, `data-keep`
//! marks a form whose draft survives the page being refreshed, and the
//! file picker uploads what is picked (see `embed::submissions`, `embed::files`).

use leptos::prelude::*;
use portal_core::{CompanyKey, FileKind, MessageBody, TicketNumber, TicketStatus, TicketTitle};
use portal_i18n::Locale;
use portal_store::Workspace;

/// The reply box of ticket `number`, or why there is none.
pub fn reply(locale: Locale, base: &str, workspace: &Workspace, number: TicketNumber, status: TicketStatus) -> AnyView {
    let closed = status == TicketStatus::Closed;
    if closed && !workspace.reopen_allowed {
        return view! {
            <p class="notice" data-testid="closed-notice">
                {locale.t("reply-closed")}" "
                <a href=format!("{base}/new")>{locale.t("reply-closed-open-new")}</a>
            </p>
        }
        .into_any();
    }
    let max = MessageBody::MAX_CHARS;
    view! {
        {closed.then(|| view! {
            <p class="notice" data-testid="closed-notice">
                {locale.t("reply-closed-reopens")}" "
                <button type="button" data-testid="reopen" data-action="reopen" data-number=number.0>{locale.t("reply-reopen")}</button>
            </p>
        })}
        <form class="composer" data-action="reply" data-number=number.0 data-keep=format!("reply-{number}")>
            <label for="reply">{locale.t("reply-label")}</label>
            <textarea id="reply" name="body" data-testid="reply-text" rows="4" aria-describedby="reply-count"></textarea>
            // The reply's idempotency key, made by the browser at the first
            // send and kept until the server has the reply, so a retry can
            // never post it twice.
            <input type="hidden" name="key" value="" />
            {file_picker(locale, workspace)}
            <div class="composer-foot">
                <span class="count" id="reply-count" data-testid="reply-count" data-count="body">{format!("0 / {max}")}</span>
                <span class="send-state" role="status" data-testid="send-state"></span>
                <button type="submit" data-testid="send" disabled>{locale.t("reply-send")}</button>
            </div>
            <p class="notice error" role="alert" data-testid="reply-problem"></p>
        </form>
    }
    .into_any()
}

/// In place of the reply box, for a company member who reads the ticket
/// but takes no part in it: joining makes them a participant, who may reply.
pub fn join(locale: Locale, number: TicketNumber) -> AnyView {
    view! {
        <div class="join" data-testid="join-conversation">
            <p class="notice" id="join-hint">{locale.t("join-hint")}</p>
            <button type="button" data-testid="join" data-action="join" data-number=number.0 data-then-focus="reply-text"
                aria-describedby="join-hint">
                {locale.t("join-button")}
            </button>
            <p class="notice error" role="alert" data-testid="join-problem"></p>
        </div>
    }
    .into_any()
}

/// Opening a new ticket.
pub fn new_ticket(locale: Locale, workspace: &Workspace, companies: &[CompanyKey]) -> impl IntoView {
    let types = workspace.ticket_types.clone();
    let texts = &workspace.translations;
    view! {
        <form class="new-ticket" data-action="create" data-testid="new-ticket-form">
            <h2>{locale.t("new-ticket")}</h2>
            <label for="title">{locale.t("ticket-title")}</label>
            <input id="title" name="title" data-testid="new-title" maxlength=TicketTitle::MAX_CHARS />
            <label for="type">{locale.t("ticket-type")}</label>
            <select id="type" name="ticket_type" data-testid="new-type">
                {types
                    .into_iter()
                    .map(|t| {
                        let label = texts.ticket_type(locale.tag(), &t).to_string();
                        view! { <option value=t>{label}</option> }
                    })
                    .collect_view()}
            </select>
            {(companies.len() > 1).then(|| view! {
                <label for="company">{locale.t("new-ticket-company")}</label>
                <select id="company" name="company" data-testid="new-company" required>
                    <option value="">{locale.t("new-ticket-choose-company")}</option>
                    {companies
                        .iter()
                        .map(|key| view! { <option value=key.as_str().to_string()>{key.as_str().to_string()}</option> })
                        .collect_view()}
                </select>
            })}
            {form_fields(locale, workspace)}
            <label for="description">{locale.t("new-ticket-description")}</label>
            <textarea id="description" name="description" data-testid="new-description" rows="6"></textarea>
            {file_picker(locale, workspace)}
            <button type="submit" data-testid="create">{locale.t("new-ticket-create")}</button>
            <p class="notice error" role="alert" data-testid="new-problem"></p>
        </form>
    }
}

/// The workspace's own fields: each fills the ticket attribute of its key
/// (`attr.<key>`); the server checks them against the same form.
fn form_fields(locale: Locale, workspace: &Workspace) -> impl IntoView + use<> {
    use portal_core::FieldKind;
    let texts = &workspace.translations;
    workspace
        .ticket_form
        .fields()
        .iter()
        .map(|field| {
            let (id, name) = (format!("attr-{}", field.key), format!("attr.{}", field.key));
            let label = texts.attribute(locale.tag(), &field.key, &field.label).to_string();
            let required = field.required;
            let testid = format!("new-attr-{}", field.key);
            let input = match &field.kind {
                FieldKind::Choice(choices) => view! {
                    <select id=id.clone() name=name required=required data-testid=testid>
                        <option value=""></option>
                        {choices.iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                }
                .into_any(),
                kind => {
                    let (kind, step) = match kind {
                        FieldKind::Number => ("number", Some("any")),
                        FieldKind::Date => ("date", None),
                        _ => ("text", None),
                    };
                    view! {
                        <input id=id.clone() name=name type=kind step=step required=required
                            maxlength=portal_core::attributes::MAX_VALUE_CHARS data-testid=testid />
                    }
                    .into_any()
                }
            };
            view! { <label for=id>{label}</label>{input} }
        })
        .collect_view()
}

/// The file picker: each picked file uploads at once and is listed with
/// how it went. Nothing when the workspace takes no files.
fn file_picker(locale: Locale, workspace: &Workspace) -> Option<impl IntoView + use<>> {
    let limits = workspace.attachment_limits;
    (limits.max_files > 0).then(|| {
        let hint = locale.t_args(
            "files-hint",
            &[
                ("count", limits.max_files.into()),
                ("size", locale.file_size(limits.max_bytes).into()),
                ("kinds", FileKind::all_extensions(", ").into()),
            ],
        );
        view! {
            <div class="file-picker">
                <label class="attach">
                    {locale.t("files-attach")}
                    <input type="file" multiple accept=format!(".{}", FileKind::all_extensions(",.")) data-testid="file-input" />
                </label>
                <span class="hint">{hint}</span>
                <ul class="picked" data-testid="picked-files"></ul>
            </div>
        }
    })
}
