//! The ticket list: tabs, the search and filter form, the results (with
//! the preview column while searching) and the way to the next page. Every
//! control is a URL below the portal's path (`?q=…&state=…&sort=…`), so
//! back, forward and reload keep it; the form's fields are read by the
//! frame and turned into that URL (`data-action="list"`).

use super::conversation::status_badge;
use leptos::prelude::*;
use portal_core::TicketStatus;
use portal_core::listing::{ListQuery, ListedTicket, Preview, Sort, SortKey, TicketPage};
use portal_core::time::{relative, short_relative, utc_datetime};
use portal_store::Workspace;

/// What the customer may see of the list's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// Unrestricted by the visibility rule: "All" is their companies' tickets.
    pub sees_company_tickets: bool,
}

/// The list page for `query`, or for a query that could not be read,
/// the reason and the way back to the plain list.
pub fn tickets(
    workspace: &Workspace,
    viewer: Viewer,
    query: Result<&ListQuery, String>,
    page: TicketPage,
    now: i64,
) -> String {
    let base = super::base(workspace);
    let default = ListQuery::default();
    let list = query.as_ref().map_or(&default, |q| *q);
    let body = match query {
        Ok(list) => results(&base, workspace, list, page, now),
        Err(problem) => view! {
            <p class="notice error" role="alert" data-testid="list-problem">{problem}</p>
            <p><a href=base.clone() data-testid="clear">"Clear the search and filters"</a></p>
        }
        .into_any(),
    };
    view! {
        {toolbar(&base, viewer, list)}
        {controls(workspace, viewer, list)}
        {body}
    }
    .to_html()
}

fn toolbar(base: &str, viewer: Viewer, list: &ListQuery) -> impl IntoView {
    let all_current = (!list.own_only).then_some("page");
    let mine_current = list.own_only.then_some("page");
    view! {
        <div class="toolbar">
            <nav class="tabs" data-testid="tabs">
                {viewer.sees_company_tickets.then(|| view! {
                    <a href=base.to_string() aria-current=all_current data-testid="tab-all">"All"</a>
                })}
                <a href=format!("{base}?tab=mine") aria-current=mine_current data-testid="tab-mine">"Created by me"</a>
            </nav>
            <a href=format!("{base}/new") class="button" data-testid="new-ticket">"New ticket"</a>
        </div>
    }
}

/// The search box, the filters and the sort, as a form the frame turns
/// into the list's URL.
fn controls(workspace: &Workspace, viewer: Viewer, list: &ListQuery) -> impl IntoView {
    let filtered = ["type", "state", "created_from", "created_to", "updated_from", "updated_to", "creator"]
        .iter()
        .any(|name| !list.param(name).is_empty());
    let chosen = |name: &str, value: &str| list.param(name) == value;
    let types = workspace.ticket_types.clone();
    let sorts = sort_choices(list.search.is_some());
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
                    placeholder="Search tickets"
                    aria-label="Search tickets"
                    maxlength=portal_core::listing::MAX_SEARCH_CHARS
                    data-testid="search"
                />
                <button type="submit" data-testid="search-submit">"Search"</button>
                <label class="sort">
                    "Sort "
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
                <summary>"Filters"</summary>
                <label>
                    "Type "
                    <select name="type" data-testid="filter-type" data-apply>
                        <option value="">"Any"</option>
                        {types
                            .into_iter()
                            .map(|t| {
                                let (selected, label) = (chosen("type", &t), t.clone());
                                view! { <option value=t selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "State "
                    <select name="state" data-testid="filter-state" data-apply>
                        <option value="">"Any"</option>
                        {TicketStatus::ALL
                            .into_iter()
                            .map(|s| {
                                let selected = chosen("state", s.as_str());
                                view! { <option value=s.as_str() selected=selected>{s.label()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                {date_range("Created", "created", list)}
                {date_range("Updated", "updated", list)}
                {viewer.sees_company_tickets.then(|| view! {
                    <label>
                        "Created by "
                        <input type="email" name="creator" value=list.param("creator").to_string()
                            placeholder="email" data-testid="filter-creator" />
                    </label>
                })}
                <button type="submit">"Apply"</button>
            </details>
        </form>
    }
}

fn date_range(label: &'static str, name: &'static str, list: &ListQuery) -> impl IntoView {
    let (from, to) = (format!("{name}_from"), format!("{name}_to"));
    view! {
        <fieldset class="range">
            <legend>{label}</legend>
            <input type="date" name=from.clone() value=list.param(&from).to_string() aria-label=format!("{label} from")
                data-testid=format!("filter-{from}") data-apply />
            " to "
            <input type="date" name=to.clone() value=list.param(&to).to_string() aria-label=format!("{label} to")
                data-testid=format!("filter-{to}") data-apply />
        </fieldset>
    }
}

/// The sorts offered: best match only while searching.
fn sort_choices(searching: bool) -> Vec<(Sort, &'static str)> {
    let by = |key, descending| Sort { key, descending };
    let mut choices = Vec::new();
    if searching {
        choices.push((Sort::RELEVANCE, "Best match"));
    }
    choices.extend([
        (by(SortKey::Updated, true), "Last updated, newest first"),
        (by(SortKey::Updated, false), "Last updated, oldest first"),
        (by(SortKey::Created, true), "Created, newest first"),
        (by(SortKey::Created, false), "Created, oldest first"),
        (by(SortKey::Number, true), "Number, highest first"),
        (by(SortKey::Number, false), "Number, lowest first"),
        (by(SortKey::Type, false), "Type, A to Z"),
        (by(SortKey::Type, true), "Type, Z to A"),
        (by(SortKey::State, false), "State, open first"),
        (by(SortKey::State, true), "State, closed first"),
    ]);
    choices
}

fn results(base: &str, workspace: &Workspace, list: &ListQuery, page: TicketPage, now: i64) -> AnyView {
    if page.tickets.is_empty() {
        let notice = if list.after.is_some() {
            "There are no more tickets."
        } else if list.is_filtered() {
            "No tickets match."
        } else {
            "You have no tickets yet."
        };
        return view! {
            <p class="notice" data-testid="no-tickets">{notice}</p>
            {list.is_filtered().then(|| view! {
                <p><a href=base.to_string() data-testid="clear">"Clear the search and filters"</a></p>
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
                    {heading(base, list, SortKey::Number, "#")}<th>"Title"</th>
                    {previews.then(|| view! { <th data-testid="preview-heading">"Preview"</th> })}
                    {heading(base, list, SortKey::Type, "Type")}{heading(base, list, SortKey::State, "Status")}
                    {heading(base, list, SortKey::Created, "Created")}{heading(base, list, SortKey::Updated, "Last updated")}
                </tr>
            </thead>
            <tbody>
                {page.tickets.into_iter().map(|t| row(base, t, previews, now)).collect_view()}
            </tbody>
        </table>
        <nav class="pager">
            {first.map(|href| view! { <a href=href data-testid="first-page">"← First page"</a> })}
            {next.map(|href| view! { <a href=href data-testid="next-page">"Next page →"</a> })}
        </nav>
    }
    .into_any()
}

/// A column heading that sorts the list by its column when clicked (the
/// other way round when it already does), saying how it is sorted.
fn heading(base: &str, list: &ListQuery, key: SortKey, label: &'static str) -> impl IntoView {
    let sort = list.sort.clicked(key);
    let href = format!("{base}{}", list.link(&[("sort", &sort.as_param())], None));
    view! {
        <th aria-sort=list.sort.aria_sort(key) data-testid=format!("sort-by-{}", key.as_str())>
            <a href=href>{label}</a>
        </th>
    }
}

fn row(base: &str, t: ListedTicket, previews: bool, now: i64) -> impl IntoView {
    view! {
        <tr data-testid="ticket-row">
            <td data-testid="ticket-number">{format!("#{}", t.number)}</td>
            <td data-testid="ticket-title">
                <a href=format!("{base}/tickets/{}", t.number)>{t.title}</a>
            </td>
            {previews.then(|| view! {
                <td class="preview" data-testid="ticket-preview">{t.preview.map(|p| preview(p, now))}</td>
            })}
            <td data-testid="ticket-type">{t.ticket_type}</td>
            <td>{status_badge(t.status)}</td>
            <td data-testid="ticket-created">
                <time title=utc_datetime(t.created_at)>{relative(now, t.created_at)}</time>
            </td>
            <td data-testid="ticket-updated">
                <time title=utc_datetime(t.updated_at)>{relative(now, t.updated_at)}</time>
            </td>
        </tr>
    }
}

/// The snippet with its matching words marked; the text is escaped as any
/// other text of a template.
fn preview(preview: Preview, now: i64) -> impl IntoView {
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
            {author}" · "<time title=utc_datetime(at)>{short_relative(now, at)}</time>
        </span>
    }
}
