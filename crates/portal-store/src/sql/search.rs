//! Finding a customer's tickets: the list with its search, filters, sort
//! and keyset pages ([`ListQuery`]), as one statement built from the parts
//! the query asks for, and the preview of each search result.
//!
//! The search index (`ticket_search`, see migrations 0006 and 0009) holds a
//! ticket's title, description, public messages and internal notes, kept in
//! step by triggers; a customer's search reads all but the notes. Each
//! backend's full-text engine is behind [`FullText`].

use super::statement::{Arg, Statement};
use super::tickets::{parse_status, visible_tickets};
use super::{SqlStore, sql_impl};
use crate::{Assignee, InboxFilter, Result};
use macro_rules_attribute::apply;
use portal_core::access::AgentScope;
use portal_core::listing::{Cursor, ListQuery, ListedTicket, Search, SortKey, TicketPage, state_rank};
use portal_core::{CustomerScope, Millis, TicketNumber, WorkspaceId};
use sqlx::{Postgres, Sqlite};

/// Where the words of a search must all be found.
#[derive(Debug, Clone, Copy)]
pub(super) enum Fields {
    Title,
    TitleOrDescription,
    /// The title, the description and the public messages: all a customer may read.
    Public,
    /// Internal notes too: all an agent may read.
    WithNotes,
}

/// How a search finds its matches among the tickets a customer may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Look each visible ticket up in the index: the cost follows what the
    /// customer may see, however common the words.
    PerTicket,
    /// Read the index's tickets for the words once: cheap when one word is
    /// rare, and never dearer for an agent, who sees every ticket.
    Collect,
}

/// A search that at most this many tickets match collects its matches once
/// (SQLite; PostgreSQL's planner chooses for itself).
pub(super) const COLLECT_AT_MOST: i64 = 5_000;

/// A backend's full-text search over `ticket_search`.
pub(super) trait FullText {
    /// How many tickets of all match the full-text query `$1`, counting no
    /// further than `$2`, where the store must choose the [`Reach`] itself.
    const MATCHES_UP_TO: Option<&'static str>;
    /// Empties the index and fills it again from every ticket.
    const REBUILD_INDEX: &'static [&'static str];
    /// Joined to the tickets `t` of a search that looks each ticket up.
    const SEARCH_FROM: &'static str;
    /// A condition: ticket `t`, looked up by itself, matches the full-text
    /// query bound at `param`.
    fn ticket_matches(param: &str) -> String;
    /// A subquery of the ids of every ticket matching the query at `param`.
    fn matching_ids(param: &str) -> String;
    /// The full-text query asking for every word (each a whole word) within
    /// `fields`. Words are letters and digits only.
    fn query(words: &[String], fields: Fields) -> String;
}

impl FullText for Sqlite {
    const REBUILD_INDEX: &'static [&'static str] = &[
        "DELETE FROM ticket_search",
        "INSERT INTO ticket_search (rowid, title, description, conversation, notes) \
         SELECT t.id, t.title, t.description, \
         COALESCE((SELECT group_concat(m.body, ' ') FROM messages m \
         WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 0), ''), \
         COALESCE((SELECT group_concat(m.body, ' ') FROM messages m \
         WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 1), '') FROM tickets t",
    ];
    const SEARCH_FROM: &'static str = "";
    // Stops early: a common word's count would cost what collecting it does.
    const MATCHES_UP_TO: Option<&'static str> =
        Some("SELECT count(*) FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH $1 LIMIT $2)");

    // FTS5 seeks each word's list of rows to the ticket.
    fn ticket_matches(param: &str) -> String {
        format!("EXISTS (SELECT 1 FROM ticket_search WHERE ticket_search.rowid = t.id AND ticket_search MATCH {param})")
    }

    fn matching_ids(param: &str) -> String {
        format!("SELECT rowid FROM ticket_search WHERE ticket_search MATCH {param}")
    }

    fn query(words: &[String], fields: Fields) -> String {
        let all = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" AND ");
        match fields {
            Fields::Title => format!("title : ({all})"),
            Fields::TitleOrDescription => format!("{{title description}} : ({all})"),
            Fields::Public => format!("{{title description conversation}} : ({all})"),
            Fields::WithNotes => all,
        }
    }
}

impl FullText for Postgres {
    const REBUILD_INDEX: &'static [&'static str] = &[
        "TRUNCATE ticket_search",
        "INSERT INTO ticket_search (ticket_id, document) \
         SELECT t.id, search_document(t.title, 'A') || search_document(t.description, 'B') \
         || search_document(COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM messages m \
         WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND NOT m.is_internal), ''), 'C') \
         || search_document(COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM messages m \
         WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal), ''), 'D') \
         FROM tickets t",
    ];
    const SEARCH_FROM: &'static str = " JOIN ticket_search s ON s.ticket_id = t.id";
    const MATCHES_UP_TO: Option<&'static str> = None;

    // The ticket's own document, joined (`SEARCH_FROM`).
    fn ticket_matches(param: &str) -> String {
        format!("s.document @@ to_tsquery('simple', {param})")
    }

    // Found once through the GIN index.
    fn matching_ids(param: &str) -> String {
        format!("SELECT ticket_id FROM ticket_search WHERE document @@ to_tsquery('simple', {param})")
    }

    fn query(words: &[String], fields: Fields) -> String {
        let weights = match fields {
            Fields::Title => ":A",
            Fields::TitleOrDescription => ":AB",
            Fields::Public => ":ABC",
            Fields::WithNotes => "",
        };
        words.iter().map(|w| format!("{w}{weights}")).collect::<Vec<_>>().join(" & ")
    }
}

/// Whose tickets a list reads.
pub(super) enum Finder<'a> {
    /// What a customer may see ([`visible_tickets!`]).
    Customer(&'a CustomerScope),
    /// Every ticket of the agent's workspace, narrowed as asked.
    Agent(&'a AgentScope, &'a InboxFilter),
}

impl Finder<'_> {
    pub(super) fn workspace_id(&self) -> WorkspaceId {
        match self {
            Self::Customer(scope) => scope.workspace_id(),
            Self::Agent(scope, _) => scope.workspace_id(),
        }
    }

    /// Where its searches look: a customer never reaches an internal note.
    pub(super) fn reads(&self) -> Fields {
        match self {
            Self::Customer(_) => Fields::Public,
            Self::Agent(..) => Fields::WithNotes,
        }
    }
}

/// How states sort: their place in a ticket's life.
const STATE_RANK: &str = "CASE t.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 ELSE 3 END";

/// The row [`find_statement`] selects.
#[derive(sqlx::FromRow)]
pub(super) struct ListedRow {
    id: i64,
    number: i64,
    title: String,
    status: String,
    ticket_type: Option<String>,
    created_at: Millis,
    updated_at: Millis,
    creator_name: String,
    /// Empty unless the list is a search's.
    description: String,
    tier: i64,
}

/// The statement of a list page: one row more than the page, to tell
/// whether another page follows.
pub(super) fn find_statement<DB: FullText>(finder: &Finder, query: &ListQuery, reach: Reach) -> Statement {
    let mut s = Statement::default();
    // The workspace is $1; for a customer, `visible_tickets!` reads them from $2.
    s.arg(Arg::Int(finder.workspace_id().0));
    if let Finder::Customer(scope) = finder {
        s.arg(Arg::Int(scope.customer_id().0));
    }
    let search = query.search.as_ref();
    s.push(
        "SELECT id, number, title, status, ticket_type, created_at, updated_at, creator_name, description, tier \
         FROM (SELECT t.id, t.number, t.title, t.status, t.ticket_type, t.created_at, t.updated_at, \
         c.name AS creator_name, COALESCE(t.ticket_type, '') AS type_key, ",
    )
    .push(STATE_RANK)
    .push(" AS state_rank, ");
    match search {
        Some(search) => {
            s.push("t.description, CAST(CASE ");
            if let Some(number) = search.number() {
                s.with("WHEN t.number = {} THEN 0 ", Arg::Int(number));
            }
            for (fields, tier) in [(Fields::Title, "1"), (Fields::TitleOrDescription, "2")] {
                let placeholder = s.arg(Arg::Text(DB::query(search.words(), fields)));
                // Only the matches are ranked, reached as they were found:
                // few visible tickets each look themselves up, many matches
                // are read once.
                s.push(&format!("WHEN {} THEN {tier} ", matches::<DB>(&placeholder, reach)));
            }
            s.push("ELSE 3 END AS BIGINT) AS tier ");
        }
        None => {
            s.push("'' AS description, CAST(0 AS BIGINT) AS tier ");
        }
    }
    s.push(match finder {
        Finder::Customer(_) => concat!("FROM ", visible_tickets!()),
        Finder::Agent(..) => "FROM tickets t",
    });
    s.push(" JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id");
    if search.is_some() && reach == Reach::PerTicket {
        s.push(DB::SEARCH_FROM);
    }
    match finder {
        Finder::Customer(_) => {
            s.push(" WHERE TRUE");
            if query.own_only {
                s.push(" AND t.creator_id = $2");
            }
        }
        Finder::Agent(_, filter) => {
            s.push(" WHERE t.workspace_id = $1");
            match filter.assignee {
                Assignee::Anyone => {}
                Assignee::Nobody => {
                    s.push(" AND t.assignee_id IS NULL");
                }
                Assignee::Agent(id) => {
                    s.with(" AND t.assignee_id = {}", Arg::Int(id.0));
                }
            }
            if let Some(company) = &filter.company {
                s.with(
                    " AND t.company_id = (SELECT id FROM companies WHERE workspace_id = $1 AND key = {})",
                    Arg::Text(company.to_string()),
                );
            }
            if filter.escalated {
                s.push(" AND t.escalated_at IS NOT NULL");
            }
        }
    }
    filters::<DB>(&mut s, query, reach, finder.reads());
    s.push(") r");
    let order = order_of(query);
    if let Some(cursor) = &query.after {
        keyset(&mut s, &order, cursor);
    }
    let terms: Vec<String> = order
        .iter()
        .map(|(column, descending)| format!("{column} {}", if *descending { "DESC" } else { "ASC" }))
        .collect();
    s.push(" ORDER BY ").push(&terms.join(", "));
    // A literal (the page size is a checked small number): with a bound
    // LIMIT, PostgreSQL's generic plan of the prepared statement cannot tell
    // a page from the whole table, and sorts the whole workspace for an agent.
    s.push(&format!(" LIMIT {}", query.page_size + 1));
    s
}

/// A condition: ticket `t` matches the full-text query at `param`, reached
/// as `reach` says.
fn matches<DB: FullText>(param: &str, reach: Reach) -> String {
    match reach {
        Reach::PerTicket => DB::ticket_matches(param),
        Reach::Collect => format!("t.id IN ({})", DB::matching_ids(param)),
    }
}

fn filters<DB: FullText>(s: &mut Statement, query: &ListQuery, reach: Reach, fields: Fields) {
    if let Some(search) = &query.search {
        let placeholder = s.arg(Arg::Text(DB::query(search.words(), fields)));
        match (search.number(), reach) {
            (Some(number), Reach::PerTicket) => {
                let number = s.arg(Arg::Int(number));
                s.push(&format!(" AND (t.number = {number} OR {})", DB::ticket_matches(&placeholder)));
            }
            // One set of ids, so no ticket is checked against it one by one.
            (Some(number), Reach::Collect) => {
                let number = s.arg(Arg::Int(number));
                s.push(&format!(
                    " AND t.id IN ({} UNION SELECT id FROM tickets WHERE workspace_id = $1 AND number = {number})",
                    DB::matching_ids(&placeholder)
                ));
            }
            (None, reach) => {
                s.push(&format!(" AND {}", matches::<DB>(&placeholder, reach)));
            }
        }
    }
    if let Some(ticket_type) = &query.ticket_type {
        s.with(" AND t.ticket_type = {}", Arg::Text(ticket_type.clone()));
    }
    if let Some(state) = query.state {
        s.with(" AND t.status = {}", Arg::Text(state.as_str().into()));
    }
    for (column, range) in [("t.created_at", query.created), ("t.updated_at", query.updated)] {
        if let Some(from) = range.from {
            s.with(&format!(" AND {column} >= {{}}"), Arg::Int(from));
        }
        if let Some(until) = range.until {
            s.with(&format!(" AND {column} < {{}}"), Arg::Int(until));
        }
    }
    if let Some(creator) = &query.creator {
        s.with(" AND c.email_key = {}", Arg::Text(creator.clone()));
    }
}

/// The columns of `r` a list is ordered by, each descending or not; the
/// number (unique in a workspace) breaks ties, so every row has one place.
fn order_of(query: &ListQuery) -> Vec<(&'static str, bool)> {
    let descending = query.sort.descending;
    match query.sort.key {
        SortKey::Relevance => vec![("tier", false), ("updated_at", true), ("number", true)],
        SortKey::Number => vec![("number", descending)],
        SortKey::Type => vec![("type_key", descending), ("number", descending)],
        SortKey::State => vec![("state_rank", descending), ("number", descending)],
        SortKey::Created => vec![("created_at", descending), ("number", descending)],
        SortKey::Updated => vec![("updated_at", descending), ("number", descending)],
    }
}

/// Rows after `cursor` in `order`: `(a > x) OR (a = x AND b > y) OR ...`,
/// with `<` for descending columns.
fn keyset(s: &mut Statement, order: &[(&str, bool)], cursor: &Cursor) {
    let values: Vec<Arg> = match cursor.clone() {
        Cursor::Number(n) => vec![Arg::Int(n)],
        Cursor::Value(v, n) => vec![Arg::Int(v), Arg::Int(n)],
        Cursor::Text(t, n) => vec![Arg::Text(t), Arg::Int(n)],
        Cursor::Rank(tier, at, n) => vec![Arg::Int(tier), Arg::Int(at), Arg::Int(n)],
    };
    let placeholders: Vec<String> = values.into_iter().map(|v| s.arg(v)).collect();
    let mut alternatives = Vec::new();
    for (i, (column, descending)) in order.iter().enumerate() {
        let mut terms: Vec<String> = (0..i).map(|j| format!("{} = {}", order[j].0, placeholders[j])).collect();
        terms.push(format!("{column} {} {}", if *descending { "<" } else { ">" }, placeholders[i]));
        alternatives.push(format!("({})", terms.join(" AND ")));
    }
    s.push(" WHERE ").push(&alternatives.join(" OR "));
}

/// The page from the rows of [`find_statement`]: the next page starts
/// after the last row shown, if there was one more.
pub(super) fn page_of(query: &ListQuery, rows: Vec<ListedRow>) -> Result<(TicketPage, Vec<(i64, String)>)> {
    let more = rows.len() > query.page_size as usize;
    let mut tickets = Vec::with_capacity(rows.len());
    let mut texts = Vec::with_capacity(rows.len());
    let mut next = None;
    for ListedRow { id, number, title, status, ticket_type, created_at, updated_at, creator_name, description, tier } in
        rows.into_iter().take(query.page_size as usize)
    {
        let status = parse_status(number, &status)?;
        next = Some(match query.sort.key {
            SortKey::Relevance => Cursor::Rank(tier, updated_at, number),
            SortKey::Number => Cursor::Number(number),
            SortKey::Type => Cursor::Text(ticket_type.clone().unwrap_or_default(), number),
            SortKey::State => Cursor::Value(state_rank(status), number),
            SortKey::Created => Cursor::Value(created_at, number),
            SortKey::Updated => Cursor::Value(updated_at, number),
        });
        texts.push((id, description));
        tickets.push(ListedTicket {
            number: TicketNumber(number),
            title,
            status,
            ticket_type,
            created_at,
            updated_at,
            creator_name,
            preview: None,
        });
    }
    Ok((TicketPage { tickets, next: next.filter(|_| more) }, texts))
}

/// A row of [`preview_statement`].
#[derive(sqlx::FromRow)]
pub(super) struct PreviewedMessage {
    ticket_id: i64,
    author_name: String,
    body: String,
    created_at: Millis,
    is_internal: bool,
}

/// The statement reading the messages `finder` may read of tickets `ids`,
/// newest first: what previews are made of.
pub(super) fn preview_statement(finder: &Finder, ids: &[i64]) -> Statement {
    let mut s = Statement::default();
    s.with(
        "SELECT ticket_id, author_name, body, created_at, is_internal FROM messages WHERE workspace_id = {}",
        Arg::Int(finder.workspace_id().0),
    );
    if let Fields::Public = finder.reads() {
        s.push(" AND NOT is_internal");
    }
    let placeholders: Vec<String> = ids.iter().map(|id| s.arg(Arg::Int(*id))).collect();
    s.push(" AND ticket_id IN (").push(&placeholders.join(", ")).push(") ORDER BY created_at DESC, id DESC");
    s
}

/// Gives each search result the snippet that best matches: from its
/// messages (newest first), else its description, else its title.
pub(super) fn attach_previews(
    search: &Search,
    page: &mut TicketPage,
    descriptions: &[(i64, String)],
    messages: &[PreviewedMessage],
) {
    // An agent's preview may come from a note: its author says so.
    let authors: Vec<String> = messages
        .iter()
        .map(|m| if m.is_internal { format!("{} (internal note)", m.author_name) } else { m.author_name.clone() })
        .collect();
    for (ticket, (id, description)) in page.tickets.iter_mut().zip(descriptions) {
        let conversation = messages
            .iter()
            .zip(&authors)
            .filter(|(m, _)| m.ticket_id == *id)
            .map(|(m, author)| (m.body.as_str(), author.as_str(), m.created_at));
        let own = [
            (description.as_str(), ticket.creator_name.as_str(), ticket.created_at),
            (ticket.title.as_str(), ticket.creator_name.as_str(), ticket.created_at),
        ];
        ticket.preview = search.best_preview(conversation.chain(own));
    }
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// A page of the tickets `finder` may see, and the ids of its rows.
    pub(super) async fn find(
        &self,
        finder: Finder<'_>,
        query: &ListQuery,
        previews: bool,
    ) -> Result<(TicketPage, Vec<i64>)> {
        // An agent sees every ticket: reading the matches once never costs
        // more than looking each ticket up.
        let mut reach = match finder {
            Finder::Agent(..) => Reach::Collect,
            Finder::Customer(_) => Reach::PerTicket,
        };
        if let (Some(count), Some(search), Reach::PerTicket) = (DB::MATCHES_UP_TO, &query.search, reach) {
            let matches = sqlx::query_scalar::<_, i64>(count)
                .bind(DB::query(search.words(), finder.reads()).as_str())
                .bind(COLLECT_AT_MOST + 1)
                .fetch_one(&self.pool)
                .await?;
            if matches <= COLLECT_AT_MOST {
                reach = Reach::Collect;
            }
        }
        let statement = find_statement::<DB>(&finder, query, reach);
        let rows = statement.bind(sqlx::query_as::<DB, ListedRow>(&statement.sql)).fetch_all(&self.pool).await?;
        let (mut page, descriptions) = page_of(query, rows)?;
        let ids: Vec<i64> = descriptions.iter().map(|(id, _)| *id).collect();
        if let Some(search) = query.search.as_ref().filter(|_| previews && !page.tickets.is_empty()) {
            let statement = preview_statement(&finder, &ids);
            let messages =
                statement.bind(sqlx::query_as::<DB, PreviewedMessage>(&statement.sql)).fetch_all(&self.pool).await?;
            attach_previews(search, &mut page, &descriptions, &messages);
        }
        Ok((page, ids))
    }
}
