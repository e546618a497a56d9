//! Finding a customer's tickets: the list with its search, filters, sort
//! and keyset pages ([`ListQuery`]), as one statement built from the parts
//! the query asks for, and the preview of each search result.
//!
//! The search index (`ticket_search`, see migrations 0006, 0009 and 0031)
//! holds a ticket's title, description, public messages and internal notes,
//! and its scope: who may see it. Triggers keep it in step with every
//! write. A customer's search asks the index for the words within their
//! scope, so one full-text query answers both what matches and what they
//! may see, driven by the rarer side; it reads all but the notes. Each
//! backend's full-text engine is behind [`FullText`].

use super::statement::{Arg, Statement};
use super::tickets::{company_tickets, own_tickets, parse_status, participant_tickets};
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
    /// The title, the description and the public messages: all a customer may read.
    Public,
    /// Internal notes too: all an agent may read.
    WithNotes,
}

/// The reasons a customer may see a ticket, as the index's scope spells
/// them (migration 0031): they created it, an agent added them to it, or
/// it is a company's whose tickets they see.
pub(super) struct Scope {
    customer: i64,
    /// Empty for "created by me".
    companies: Vec<i64>,
    own_only: bool,
}

impl Scope {
    /// The scope's tokens, without the backend's marks.
    fn tokens(&self) -> Vec<String> {
        let mut tokens = vec![format!("o{}", self.customer)];
        if !self.own_only {
            tokens.push(format!("p{}", self.customer));
            tokens.extend(self.companies.iter().map(|c| format!("c{c}")));
        }
        tokens
    }
}

/// A backend's full-text search over `ticket_search`.
pub(super) trait FullText {
    /// Empties the index and fills it again from every ticket.
    const REBUILD_INDEX: &'static [&'static str];
    /// A subquery of `(id, tier)`: every ticket whose `fields` hold all the
    /// words, within `scope` when given (else the statement's workspace
    /// narrows them), each with its tier: 1 the title holds the words, 2 the
    /// title and description do, 3 they are found elsewhere. Never a
    /// lookup per ticket.
    fn ranked_matches(s: &mut Statement, words: &[String], fields: Fields, scope: Option<&Scope>) -> String;
    /// A condition: ticket `t` lies within `scope`.
    fn within(s: &mut Statement, scope: &Scope) -> String;
}

impl FullText for Sqlite {
    const REBUILD_INDEX: &'static [&'static str] = &[
        "DELETE FROM ticket_search",
        "INSERT INTO ticket_search (rowid, title, description, conversation, notes, scope) \
         SELECT id, title, description, conversation, notes, scope FROM ticket_search_source",
    ];

    // Three disjoint queries, one per tier: FTS5 tells no column a row
    // matched in, and each query walks the scope's rows (the rare side)
    // seeking into the words' lists.
    fn ranked_matches(s: &mut Statement, words: &[String], fields: Fields, scope: Option<&Scope>) -> String {
        let all = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" AND ");
        let within = scope.map(|scope| format!("{} AND ", sqlite_scope(scope))).unwrap_or_default();
        let columns = match fields {
            Fields::Public => "{title description conversation}",
            Fields::WithNotes => "{title description conversation notes}",
        };
        let tiers = [
            format!("{within}title : ({all})"),
            format!("{within}({{title description}} : ({all}) NOT title : ({all}))"),
            format!("{within}({columns} : ({all}) NOT {{title description}} : ({all}))"),
        ];
        tiers
            .into_iter()
            .enumerate()
            .map(|(i, query)| {
                let query = s.arg(Arg::Text(query));
                format!("SELECT rowid AS id, {} AS tier FROM ticket_search WHERE ticket_search MATCH {query}", i + 1)
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ")
    }

    fn within(s: &mut Statement, scope: &Scope) -> String {
        let query = s.arg(Arg::Text(sqlite_scope(scope)));
        format!("EXISTS (SELECT 1 FROM ticket_search WHERE ticket_search.rowid = t.id AND ticket_search MATCH {query})")
    }
}

/// `scope : (o1 OR p1 OR c2)`: a search word can only name another column.
fn sqlite_scope(scope: &Scope) -> String {
    format!("scope : ({})", scope.tokens().join(" OR "))
}

impl FullText for Postgres {
    const REBUILD_INDEX: &'static [&'static str] = &[
        "TRUNCATE ticket_search",
        "INSERT INTO ticket_search (ticket_id, document, scope) SELECT id, document, scope FROM ticket_search_source",
    ];

    // One scan of the GIN index over words and scope; the tier is read off
    // the matched row's own document.
    fn ranked_matches(s: &mut Statement, words: &[String], fields: Fields, scope: Option<&Scope>) -> String {
        let config = "(SELECT search_config(default_locale) FROM workspaces WHERE id = $1)";
        let query = |s: &mut Statement, weights: &str| {
            let words = words.iter().map(|w| format!("{w}{weights}")).collect::<Vec<_>>().join(" & ");
            format!("to_tsquery({config}, {})", s.arg(Arg::Text(words)))
        };
        let title = query(s, ":A");
        let described = query(s, ":AB");
        let mut all = query(
            s,
            match fields {
                Fields::Public => ":ABC",
                Fields::WithNotes => "",
            },
        );
        if let Some(scope) = scope {
            all = format!("({all} && {})", postgres_scope(s, scope));
        }
        format!(
            "SELECT ticket_id AS id, CASE WHEN document @@ {title} THEN 1 WHEN document @@ {described} THEN 2 \
             ELSE 3 END AS tier FROM ticket_search WHERE (document || scope) @@ {all}"
        )
    }

    fn within(s: &mut Statement, scope: &Scope) -> String {
        format!("EXISTS (SELECT 1 FROM ticket_search WHERE ticket_id = t.id AND scope @@ {})", postgres_scope(s, scope))
    }
}

/// `'#o1' | '#p1' | '#c2'` as a tsquery: quoted, so no parser reads it.
fn postgres_scope(s: &mut Statement, scope: &Scope) -> String {
    let lexemes = scope.tokens().iter().map(|t| format!("'#{t}'")).collect::<Vec<_>>().join(" | ");
    format!("CAST({} AS tsquery)", s.arg(Arg::Text(lexemes)))
}

/// Whose tickets a list reads.
pub(super) enum Finder<'a> {
    /// What a customer may see ([`super::tickets::visible_tickets!`]).
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
/// whether another page follows. A customer's search reads its tickets
/// through the index's `scope`; a customer's plain list, through the
/// branches of [`visible_tickets!`], each cut to a page of its own (its
/// index walked in order) before they merge under one order: a company's
/// hundreds of tickets never all sort for 25 rows.
pub(super) fn find_statement<DB: FullText>(finder: &Finder, query: &ListQuery, scope: Option<&Scope>) -> Statement {
    let mut s = Statement::default();
    s.arg(Arg::Int(finder.workspace_id().0));
    let branches: &[&str] = match (finder, &query.search) {
        (Finder::Customer(customer), None) => {
            // The branches read the customer from $2.
            s.arg(Arg::Int(customer.customer_id().0));
            if query.own_only {
                &[concat!("(", own_tickets!(), ") t")]
            } else {
                &[
                    concat!("(", own_tickets!(), ") t"),
                    concat!("(", company_tickets!(), ") t"),
                    concat!("(", participant_tickets!(), ") t"),
                ]
            }
        }
        _ => &["tickets t"],
    };
    let order = order_of(query);
    if let [only] = branches {
        page::<DB>(&mut s, finder, query, scope, only, &order);
        return s;
    }
    s.push("SELECT * FROM (");
    for (i, branch) in branches.iter().enumerate() {
        if i > 0 {
            s.push(" UNION ALL ");
        }
        s.push("SELECT * FROM (");
        page::<DB>(&mut s, finder, query, scope, branch, &order);
        s.push(&format!(") b{i}"));
    }
    s.push(") r");
    ordered(&mut s, query, &order);
    s
}

/// A page of the tickets of `source` (aliased `t`), in `order`.
fn page<DB: FullText>(
    s: &mut Statement,
    finder: &Finder,
    query: &ListQuery,
    scope: Option<&Scope>,
    source: &str,
    order: &[(&str, bool)],
) {
    s.push(
        "SELECT id, number, title, status, ticket_type, created_at, updated_at, creator_name, description, tier, \
         type_key, state_rank \
         FROM (SELECT t.id, t.number, t.title, t.status, t.ticket_type, t.created_at, t.updated_at, \
         c.name AS creator_name, COALESCE(t.ticket_type, '') AS type_key, ",
    )
    .push(STATE_RANK)
    .push(" AS state_rank, ");
    match &query.search {
        Some(search) => {
            s.push("t.description, CAST(m.tier AS BIGINT) AS tier FROM (");
            let matches = DB::ranked_matches(s, search.words(), finder.reads(), scope);
            match search.number() {
                // The ticket of that number, when in reach, comes first.
                Some(number) => {
                    s.push("SELECT id, MIN(tier) AS tier FROM (").push(&matches);
                    s.with(
                        " UNION ALL SELECT t.id, 0 FROM tickets t WHERE t.workspace_id = $1 AND t.number = {}",
                        Arg::Int(number),
                    );
                    if let Some(scope) = scope {
                        let within = DB::within(s, scope);
                        s.push(" AND ").push(&within);
                    }
                    s.push(") n GROUP BY id");
                }
                None => {
                    s.push(&matches);
                }
            }
            // The matches lead: left free, SQLite flattens the union into
            // the join and runs the full-text queries once per ticket of
            // the workspace (measured: a minute at 20,000 tickets).
            s.push(") m CROSS JOIN ").push(source);
        }
        None => {
            s.push("'' AS description, CAST(0 AS BIGINT) AS tier FROM ").push(source);
        }
    }
    s.push(" JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id WHERE t.workspace_id = $1");
    if query.search.is_some() {
        s.push(" AND t.id = m.id");
    }
    match finder {
        Finder::Customer(customer) => {
            if query.own_only && query.search.is_some() {
                s.with(" AND t.creator_id = {}", Arg::Int(customer.customer_id().0));
            }
        }
        Finder::Agent(_, filter) => {
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
    filters(s, query);
    s.push(") r");
    ordered(s, query, order);
}

/// The rows of `r` after the query's cursor, in `order`, one more than a page.
fn ordered(s: &mut Statement, query: &ListQuery, order: &[(&str, bool)]) {
    if let Some(cursor) = &query.after {
        keyset(s, order, cursor);
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
}

fn filters(s: &mut Statement, query: &ListQuery) {
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
        let scope = match (&finder, &query.search) {
            (Finder::Customer(customer), Some(_)) => Some(self.scope_of(customer, query.own_only).await?),
            _ => None,
        };
        let statement = find_statement::<DB>(&finder, query, scope.as_ref());
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

    /// Where a customer's search reaches: their companies count when they
    /// see those companies' tickets (`visible_tickets!` reads the same).
    async fn scope_of(&self, customer: &CustomerScope, own_only: bool) -> Result<Scope> {
        let companies = if own_only {
            Vec::new()
        } else {
            sqlx::query_scalar::<_, i64>(
                "SELECT cm.company_id FROM company_members cm \
                 JOIN customers cv ON cv.workspace_id = cm.workspace_id AND cv.id = cm.customer_id \
                 WHERE cm.workspace_id = $1 AND cm.customer_id = $2 AND cv.sees_company_tickets",
            )
            .bind(customer.workspace_id().0)
            .bind(customer.customer_id().0)
            .fetch_all(&self.pool)
            .await?
        };
        Ok(Scope { customer: customer.customer_id().0, companies, own_only })
    }
}
