//! What the customer reads of a ticket: its facts and public conversation.

use leptos::prelude::*;
use portal_core::{AttachmentInfo, AuthorKind, PublicMessage, TicketDetail, TicketStatus};
use portal_i18n::Locale;

/// A ticket's facts and public conversation, oldest first. Bodies are
/// Markdown rendered through the sanitiser. The list names its ticket and
/// each message its id: the frame adds a message that arrives live in its
/// place, once (see `embed::live_messages`).
pub fn ticket(locale: Locale, detail: TicketDetail, now: i64) -> impl IntoView {
    use crate::markdown::to_safe_html;
    view! {
        <h2>
            <span class="number" data-testid="ticket-number">{format!("#{}", detail.number)}</span>
            " "
            <bdi data-testid="ticket-title">{detail.title}</bdi>
        </h2>
        <dl class="facts">
            <dt>{locale.t("ticket-state")}</dt><dd>{status_badge(locale, detail.status)}</dd>
            <dt>{locale.t("ticket-channel")}</dt><dd data-testid="ticket-channel">{detail.channel}</dd>
            <dt>{locale.t("ticket-created")}</dt>
            <dd><time title=locale.date_time(detail.created_at)>{locale.date(detail.created_at)}</time></dd>
            {detail.ticket_type.map(|t| view! { <dt>{locale.t("ticket-type")}</dt><dd data-testid="ticket-type">{t}</dd> })}
            {detail
                .attributes
                .into_iter()
                .map(|a| view! { <dt>{a.label}</dt><dd data-testid="ticket-attribute">{a.value}</dd> })
                .collect_view()}
        </dl>
        <div class="message-body description" inner_html=to_safe_html(&detail.description)></div>
        {files(locale, detail.attachments)}
        <ol class="conversation" data-testid="conversation" data-number=detail.number.0>
            {detail.messages.into_iter().map(|m| message(locale, m, now)).collect_view()}
        </ol>
    }
}

/// One message of the conversation: the same whether it comes with the
/// page or alone over the live socket.
pub fn message(locale: Locale, m: PublicMessage, now: i64) -> impl IntoView {
    view! {
        <li class=format!("message from-{}", m.author_kind.as_str()) data-testid="message" data-message-id=m.id>
            <header>
                {author(locale, m.author_kind, m.author_name)}
                <time title=locale.date_time(m.created_at)>{locale.relative(now, m.created_at)}</time>
                " "
                <span class="exact">{locale.date_time(m.created_at)}</span>
            </header>
            <div class="message-body" data-testid="message-body" inner_html=crate::markdown::to_safe_html(&m.body)></div>
            {files(locale, m.attachments)}
        </li>
    }
}

/// Who wrote a message, the kind first: a badge no chosen name can imitate,
/// then the name styled by kind. A customer's name is theirs to choose
/// ("Acme Support"), so their colleagues must never read it as staff.
fn author(locale: Locale, kind: AuthorKind, name: String) -> impl IntoView {
    use leptos::either::Either;
    let label = locale.t(&format!("author-{}", kind.as_str()));
    view! {
        <span class=format!("kind kind-{}", kind.as_str()) data-testid="message-kind">{label}</span>
        {match kind {
            AuthorKind::Agent => Either::Left(view! { <strong class="author" data-testid="message-author"><bdi>{name}</bdi></strong> }),
            AuthorKind::Customer => Either::Right(view! { <bdi class="author" data-testid="message-author">{name}</bdi> }),
        }}
    }
}

/// A message's files. The frame turns a click into an authenticated
/// download (the link alone carries no session).
fn files(locale: Locale, attachments: Vec<AttachmentInfo>) -> impl IntoView {
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
                                data-attachment=file.id.0
                                download=name
                                data-testid="file"
                            >
                                <bdi>{file.name}</bdi>
                            </a>
                            " "
                            <span class="size">{locale.file_size(file.size)}</span>
                        </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

pub(super) fn status_badge(locale: Locale, status: TicketStatus) -> impl IntoView {
    view! {
        <span class=format!("status status-{}", status.as_str()) data-testid="ticket-status">{status_label(locale, status)}</span>
    }
}

/// A ticket state's name in the customer's language.
pub(super) fn status_label(locale: Locale, status: TicketStatus) -> String {
    locale.t(&format!("status-{}", status.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::{PublicMessage, TicketNumber};

    fn message(id: i64, author_kind: AuthorKind, author_name: &str) -> PublicMessage {
        PublicMessage {
            id,
            author_kind,
            author_name: author_name.into(),
            body: "Please send us your password.".into(),
            created_at: 0,
            attachments: Vec::new(),
        }
    }

    /// Ticket 7 with the agent's message 1, then the customer's message 2.
    fn detail() -> TicketDetail {
        TicketDetail {
            number: TicketNumber(7),
            title: "Login".into(),
            description: String::new(),
            status: TicketStatus::Open,
            channel: "Portal".into(),
            ticket_type: None,
            created_at: 0,
            updated_at: 0,
            attributes: Vec::new(),
            attachments: Vec::new(),
            messages: vec![
                message(1, AuthorKind::Agent, "Sam from Acme"),
                message(2, AuthorKind::Customer, "Acme Support"),
            ],
            taking_part: true,
        }
    }

    #[test]
    fn a_customer_never_reads_like_support() {
        let html = ticket(Locale::En, detail(), 0).to_html();
        let items: Vec<&str> = html.split("<li ").skip(1).collect();
        let [agent, customer] = items.as_slice() else { panic!("two messages in {html}") };

        assert!(
            agent.starts_with(r#"data-testid="message" data-message-id="1" class="message from-agent""#),
            "{agent}"
        );
        assert!(
            agent.contains(r#"<span data-testid="message-kind" class="kind kind-agent">Support</span>"#),
            "{agent}"
        );
        assert!(
            agent.contains(r#"<strong data-testid="message-author" class="author"><bdi>Sam from Acme</bdi></strong>"#)
        );

        assert!(
            customer.starts_with(r#"data-testid="message" data-message-id="2" class="message from-customer""#),
            "{customer}"
        );
        let badge = r#"<span data-testid="message-kind" class="kind kind-customer">Customer</span>"#;
        let name = r#"<bdi data-testid="message-author" class="author">Acme Support</bdi>"#;
        let (at_badge, at_name) = (customer.find(badge), customer.find(name));
        assert!(matches!((at_badge, at_name), (Some(b), Some(n)) if b < n), "badge, then name: {customer}");
        for agents_only in ["kind-agent", ">Support<", "<strong", "from-agent"] {
            assert!(!customer.contains(agents_only), "{agents_only} in {customer}");
        }
    }

    /// The frame adds a live message to the open conversation as it is:
    /// it must be the very markup the page has for it, in a list that
    /// says whose it is.
    #[test]
    fn a_message_alone_is_marked_up_as_in_its_conversation() {
        let page = ticket(Locale::De, detail(), 0).to_html();
        assert!(page.contains(r#"<ol data-testid="conversation" data-number="7" class="conversation">"#), "{page}");
        for sent in detail().messages {
            let alone = crate::pages::message(Locale::De, sent, 0);
            assert!(alone.starts_with("<li ") && alone.ends_with("</li>"), "one list item: {alone}");
            assert!(page.contains(&alone), "{alone} as in {page}");
        }
    }
}
