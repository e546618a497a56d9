//! What the customer reads of a ticket: its facts and public conversation.

use leptos::prelude::*;
use portal_core::attachment::format_size;
use portal_core::time::{relative, utc_date, utc_datetime};
use portal_core::{AttachmentInfo, AuthorKind, TicketDetail, TicketStatus};

/// A ticket's facts and public conversation, oldest first. Bodies are
/// Markdown rendered through the sanitiser.
pub fn ticket(detail: TicketDetail, now: i64) -> impl IntoView {
    use crate::markdown::to_safe_html;
    view! {
        <h2>
            <span class="number" data-testid="ticket-number">{format!("#{}", detail.number)}</span>
            " "
            <span data-testid="ticket-title">{detail.title}</span>
        </h2>
        <dl class="facts">
            <dt>"Status"</dt><dd>{status_badge(detail.status)}</dd>
            <dt>"Channel"</dt><dd data-testid="ticket-channel">{detail.channel}</dd>
            <dt>"Created"</dt><dd><time title=utc_datetime(detail.created_at)>{utc_date(detail.created_at)}</time></dd>
            {detail.ticket_type.map(|t| view! { <dt>"Type"</dt><dd data-testid="ticket-type">{t}</dd> })}
            {detail
                .attributes
                .into_iter()
                .map(|a| view! { <dt>{a.label}</dt><dd data-testid="ticket-attribute">{a.value}</dd> })
                .collect_view()}
        </dl>
        <div class="message-body description" inner_html=to_safe_html(&detail.description)></div>
        {files(detail.attachments)}
        <ol class="conversation" data-testid="conversation">
            {detail
                .messages
                .into_iter()
                .map(|m| {
                    let kind = match m.author_kind {
                        AuthorKind::Customer => "Customer",
                        AuthorKind::Agent => "Support",
                    };
                    view! {
                        <li class=format!("message from-{}", m.author_kind.as_str()) data-testid="message">
                            <header>
                                <strong data-testid="message-author">{m.author_name}</strong>
                                <span class="kind" data-testid="message-kind">{kind}</span>
                                <time title=utc_datetime(m.created_at)>{relative(now, m.created_at)}</time>
                                " "
                                <span class="exact">{utc_datetime(m.created_at)}</span>
                            </header>
                            <div class="message-body" data-testid="message-body" inner_html=to_safe_html(&m.body)></div>
                            {files(m.attachments)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// A message's files. The frame turns a click into an authenticated
/// download (the link alone carries no session).
fn files(attachments: Vec<AttachmentInfo>) -> impl IntoView {
    (!attachments.is_empty()).then(|| {
        view! {
            <ul class="files" data-testid="files">
                {attachments
                    .into_iter()
                    .map(|file| {
                        let name = file.name.clone();
                        view! {
                        <li>
                            <a
                                href=format!("/api/portal/attachments/{}", file.id)
                                data-attachment=file.id
                                download=name
                                data-testid="file"
                            >
                                {file.name}
                            </a>
                            " "
                            <span class="size">{format_size(file.size)}</span>
                        </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

pub(super) fn status_badge(status: TicketStatus) -> impl IntoView {
    view! {
        <span class=format!("status status-{}", status.as_str()) data-testid="ticket-status">{status.label()}</span>
    }
}
