//! The ticket list: tabs, the search and filter form, the results (with
//! the preview column while searching) and the way to the next page. Every
//! control is a URL below the portal's path (`?q=…&state=…&sort=…`), so
//! back, forward and reload keep it; the form's fields are read by the
//! frame and turned into that URL (`data-action="list"`).

use super::conversation::{status_badge, status_label};
use leptos::prelude::*;
use portal_core::TicketStatus;
use portal_core::listing::{ListQuery, ListedTicket, Preview, Sort, SortKey, TicketPage};
use portal_i18n::Locale;
use portal_store::Workspace;

/// What the customer may see of the list's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// "All" holds more than the tickets they opened: their companies'
    /// (unrestricted by the visibility rule), or tickets they are a
    /// participant of.
    pub sees_others: bool,
}

/// The list page for `query`, or for a query that could not be read,
/// the reason and the way back to the plain list.
pub fn tickets(
    locale: Locale,
    base: &str,
    workspace: &Workspace,
    viewer: Viewer,
    query: Result<&ListQuery, String>,
    page: TicketPage,
    now: i64,
) -> String {
    let base = base.to_string();
    let default = ListQuery::default();
    let list = query.as_ref().map_or(&default, |q| *q);
    let body = match query {
        Ok(list) => results(locale, &base, workspace, list, page, now),
        Err(problem) => view! {
            <p class="notice error" role="alert" data-testid="list-problem">{problem}</p>
            <p><a href=base.clone() data-testid="clear">{locale.t("list-clear")}</a></p>
        }
        .into_any(),
    };
    view! {
        {toolbar(locale, &base, viewer, list)}
        {controls(locale, workspace, viewer, list)}
        {body}
    }
    .to_html()
}

fn toolbar(locale: Locale, base: &str, viewer: Viewer, list: &ListQuery) -> impl IntoView {
    let all_current = (!list.own_only).then_some("page");
    let mine_current = list.own_only.then_some("page");
    view! {
        <div class="toolbar">
            <nav class="tabs" aria-label=locale.t("list-tabs-label") data-testid="tabs">
                {viewer.sees_others.then(|| view! {
                    <a href=base.to_string() aria-current=all_current data-testid="tab-all">{locale.t("list-tab-all")}</a>
                })}
                <a href=format!("{base}?tab=mine") aria-current=mine_current data-testid="tab-mine">{locale.t("list-tab-mine")}</a>
            </nav>
            <a href=format!("{base}/account") data-testid="account-link">{locale.t("account-link")}</a>
            <a href=format!("{base}/new") class="button" data-testid="new-ticket">{locale.t("new-ticket")}</a>
        </div>
    }
}

/// The search box, the filters and the sort, as a form the frame turns
/// into the list's URL.
fn controls(locale: Locale, workspace: &Workspace, viewer: Viewer, list: &ListQuery) -> impl IntoView {
    let filtered = ["type", "state", "created_from", "created_to", "updated_from", "updated_to", "creator"]
        .iter()
        .any(|name| !list.param(name).is_empty());
    let chosen = |name: &str, value: &str| list.param(name) == value;
    let types = workspace.ticket_types.clone();
    let sorts = sort_choices(locale, list.search.is_some());
    // A refresh of the same list (a live event) keeps the form as the
    // customer left it, half-typed search included; another list gets its own.
    let same_list = list
        .link(&[], None)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    view! {
        <form class="list-controls" data-action="list" role="search" data-testid="list-controls"
            data-keep=format!("list-{same_list:x}")>
            {list.own_only.then(|| view! { <input type="hidden" name="tab" value="mine" /> })}
            <div class="search-row">
                <input
                    type="search"
                    name="q"
                    value=list.param("q").to_string()
                    placeholder=locale.t("list-search")
                    aria-label=locale.t("list-search")
                    maxlength=portal_core::listing::MAX_SEARCH_CHARS
                    data-testid="search"
                />
                <button type="submit" data-testid="search-submit">{locale.t("list-search-button")}</button>
                <label class="sort">
                    {locale.t("list-sort")}" "
                    <select name="sort" data-testid="sort" data-apply>
                        {sorts
                            .into_iter()
                            .map(|(sort, label)| {
                                let value = sort.as_param();
                                let selected = list.sort == sort;
                                view! { <option value=value selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <details class="filters" open=filtered>
                <summary>{locale.t("list-filters")}</summary>
                <label>
                    {locale.t("ticket-type")}" "
                    <select name="type" data-testid="filter-type" data-apply>
                        <option value="">{locale.t("list-any")}</option>
                        {types
                            .into_iter()
                            .map(|t| {
                                let selected = chosen("type", &t);
                                let label = workspace.translations.ticket_type(locale.tag(), &t).to_string();
                                view! { <option value=t selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {locale.t("ticket-state")}" "
                    <select name="state" data-testid="filter-state" data-apply>
                        <option value="">{locale.t("list-any")}</option>
                        {TicketStatus::ALL
                            .into_iter()
                            .map(|s| {
                                let selected = chosen("state", s.as_str());
                                view! { <option value=s.as_str() selected=selected>{status_label(locale, s)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                {date_range(locale, "created", list)}
                {date_range(locale, "updated", list)}
                {viewer.sees_others.then(|| view! {
                    <label>
                        {locale.t("list-created-by")}" "
                        <input type="email" name="creator" value=list.param("creator").to_string()
                            placeholder=locale.t("list-email") data-testid="filter-creator" />
                    </label>
                })}
                <button type="submit">{locale.t("list-apply")}</button>
            </details>
        </form>
    }
}

fn date_range(locale: Locale, name: &'static str, list: &ListQuery) -> impl IntoView {
    let (from, to) = (format!("{name}_from"), format!("{name}_to"));
    view! {
        <fieldset class="range">
            <legend>{locale.t(&format!("list-range-{name}"))}</legend>
            <input type="date" name=from.clone() value=list.param(&from).to_string()
                aria-label=locale.t(&format!("list-range-{name}-from"))
                data-testid=format!("filter-{from}") data-apply />
            " "{locale.t("list-range-to")}" "
            <input type="date" name=to.clone() value=list.param(&to).to_string()
                aria-label=locale.t(&format!("list-range-{name}-to"))
                data-testid=format!("filter-{to}") data-apply />
        </fieldset>
    }
}

/// The sorts offered: best match only while searching.
fn sort_choices(locale: Locale, searching: bool) -> Vec<(Sort, String)> {
    let by = |key, descending| Sort { key, descending };
    let mut choices = Vec::new();
    if searching {
        choices.push((Sort::RELEVANCE, locale.t("sort-relevance")));
    }
    for key in [SortKey::Updated, SortKey::Created, SortKey::Number, SortKey::Type, SortKey::State] {
        // Dates and numbers read best newest or highest first; words A to Z.
        let descending_first = matches!(key, SortKey::Updated | SortKey::Created | SortKey::Number);
        for descending in [descending_first, !descending_first] {
            let way = if descending { "descending" } else { "ascending" };
            choices.push((by(key, descending), locale.t(&format!("sort-{}-{way}", key.as_str()))));
        }
    }
    choices
}

fn results(locale: Locale, base: &str, workspace: &Workspace, list: &ListQuery, page: TicketPage, now: i64) -> AnyView {
    if page.tickets.is_empty() {
        let notice = locale.t(if list.after.is_some() {
            "list-no-more"
        } else if list.is_filtered() {
            "list-no-match"
        } else {
            "list-none-yet"
        });
        return view! {
            <p class="notice" data-testid="no-tickets">{notice}</p>
            {list.is_filtered().then(|| view! {
                <p><a href=base.to_string() data-testid="clear">{locale.t("list-clear")}</a></p>
            })}
        }
        .into_any();
    }
    let previews = list.search.is_some() && workspace.search_preview;
    let next = page.next.map(|cursor| format!("{base}{}", list.link(&[], Some(&cursor))));
    let first = list.after.is_some().then(|| format!("{base}{}", list.link(&[], None)));
    view! {
        <table class="tickets" data-testid="ticket-list">
            <thead>
                <tr>
                    {heading(base, list, SortKey::Number, locale.t("ticket-number"))}<th>{locale.t("ticket-title")}</th>
                    {previews.then(|| view! { <th data-testid="preview-heading">{locale.t("list-preview")}</th> })}
                    {heading(base, list, SortKey::Type, locale.t("ticket-type"))}
                    {heading(base, list, SortKey::State, locale.t("ticket-state"))}
                    {heading(base, list, SortKey::Created, locale.t("ticket-created"))}
                    {heading(base, list, SortKey::Updated, locale.t("ticket-updated"))}
                </tr>
            </thead>
            <tbody>
                {page
                    .tickets
                    .into_iter()
                    .map(|mut t| {
                        let texts = &workspace.translations;
                        t.ticket_type = t.ticket_type.map(|name| texts.ticket_type(locale.tag(), &name).to_string());
                        row(locale, base, t, previews, now)
                    })
                    .collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label=locale.t("list-pages-label")>
            {first.map(|href| view! { <a href=href data-testid="first-page">{locale.t("list-first-page")}</a> })}
            {next.map(|href| view! { <a href=href data-testid="next-page">{locale.t("list-next-page")}</a> })}
        </nav>
    }
    .into_any()
}

/// A column heading that sorts the list by its column when clicked (the
/// other way round when it already does), saying how it is sorted.
fn heading(base: &str, list: &ListQuery, key: SortKey, label: String) -> impl IntoView {
    let sort = list.sort.clicked(key);
    let href = format!("{base}{}", list.link(&[("sort", &sort.as_param())], None));
    view! {
        <th aria-sort=list.sort.aria_sort(key) data-testid=format!("sort-by-{}", key.as_str())>
            <a href=href>{label}</a>
        </th>
    }
}

fn row(locale: Locale, base: &str, t: ListedTicket, previews: bool, now: i64) -> impl IntoView {
    view! {
        <tr data-testid="ticket-row">
            <td data-testid="ticket-number">{format!("#{}", t.number)}</td>
            <td data-testid="ticket-title">
                <a href=format!("{base}/tickets/{}", t.number)><bdi>{t.title}</bdi></a>
            </td>
            {previews.then(|| view! {
                <td class="preview" data-testid="ticket-preview">{t.preview.map(|p| preview(locale, p, now))}</td>
            })}
            <td data-testid="ticket-type">{t.ticket_type}</td>
            <td>{status_badge(locale, t.status)}</td>
            <td data-testid="ticket-created">
                <time title=locale.date_time(t.created_at)>{locale.relative(now, t.created_at)}</time>
            </td>
            <td data-testid="ticket-updated">
                <time title=locale.date_time(t.updated_at)>{locale.relative(now, t.updated_at)}</time>
            </td>
        </tr>
    }
}

/// The snippet with its matching words marked; the text is escaped as any
/// other text of a template.
fn preview(locale: Locale, preview: Preview, now: i64) -> impl IntoView {
    let Preview { snippet, author, at } = preview;
    view! {
        <span class="snippet" data-testid="snippet">
            {snippet.cut_before.then_some("…")}
            {snippet
                .parts
                .into_iter()
                .map(|part| if part.matched {
                    view! { <mark>{part.text}</mark> }.into_any()
                } else {
                    part.text.into_any()
                })
                .collect_view()}
            {snippet.cut_after.then_some("…")}
        </span>
        <span class="by" data-testid="snippet-by">
            <bdi>{author}</bdi>" · "<time title=locale.date_time(at)>{locale.short_relative(now, at)}</time>
        </span>
    }
}
