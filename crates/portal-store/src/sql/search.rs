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
use super::tickets::{one_company_tickets, own_tickets, parse_status, participant_tickets};
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

impl Fields {
    /// The weights of these fields in PostgreSQL's document (migration 0031).
    fn postgres_weights(self) -> &'static str {
        match self {
            Self::Public => ":ABC",
            Self::WithNotes => "",
        }
    }
}

/// A search's words, and the workspace's language they are read in.
pub(super) struct Words<'a> {
    list: &'a [String],
    /// The workspace's default locale (`en`, `pt-BR`).
    locale: &'a str,
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
    /// Empties the index.
    const EMPTY_INDEX: &'static str;
    /// Indexes tickets from `ticket_search_source`: every one, or those
    /// a `WHERE` appended names.
    const INDEX_FROM_SOURCE: &'static str;
    /// The index's column holding the ticket's id.
    const TICKET_ID: &'static str;
    /// A condition on a row of `ticket_search`: its `fields` hold all the
    /// words, within `scope` when given, in `tier`: 1 the title holds the
    /// words, 2 the title and description do, 3 they are found elsewhere.
    fn in_tier(s: &mut Statement, words: &Words, fields: Fields, scope: Option<&Scope>, tier: i64) -> String;
    /// A subquery of `(id, tier)`: every ticket whose `fields` hold all the
    /// words, within `scope` when given (else the statement's workspace
    /// narrows them), each with its tier. Never a lookup per ticket.
    fn ranked_matches(s: &mut Statement, words: &Words, fields: Fields, scope: Option<&Scope>) -> String {
        (1..=TIERS)
            .map(|tier| {
                let condition = Self::in_tier(s, words, fields, scope, tier);
                format!("SELECT {} AS id, {tier} AS tier FROM ticket_search WHERE {condition}", Self::TICKET_ID)
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ")
    }
    /// A condition: ticket `t` lies within `scope`.
    fn within(s: &mut Statement, scope: &Scope) -> String;
}

/// The tiers of a search's words, best first (0 is a named ticket number).
const TIERS: i64 = 3;

impl FullText for Sqlite {
    const EMPTY_INDEX: &'static str = "DELETE FROM ticket_search";
    const INDEX_FROM_SOURCE: &'static str = "INSERT INTO ticket_search (rowid, title, description, conversation, \
         notes, scope) SELECT id, title, description, conversation, notes, scope FROM ticket_search_source";
    const TICKET_ID: &'static str = "rowid";

    // FTS5 tells no column a row matched in: each tier is a query of its
    // own, disjoint from the others. Within a scope, each walks the scope's
    // rows (the rare side) seeking into the words' lists.
    fn in_tier(s: &mut Statement, words: &Words, fields: Fields, scope: Option<&Scope>, tier: i64) -> String {
        let all = words.list.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" AND ");
        let within = scope.map(|scope| format!("{} AND ", sqlite_scope(scope))).unwrap_or_default();
        let columns = match fields {
            Fields::Public => "{title description conversation}",
            Fields::WithNotes => "{title description conversation notes}",
        };
        let query = match tier {
            1 => format!("{within}title : ({all})"),
            2 => format!("{within}({{title description}} : ({all}) NOT title : ({all}))"),
            _ => format!("{within}({columns} : ({all}) NOT {{title description}} : ({all}))"),
        };
        format!("ticket_search MATCH {}", s.arg(Arg::Text(query)))
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
    const EMPTY_INDEX: &'static str = "TRUNCATE ticket_search";
    const INDEX_FROM_SOURCE: &'static str =
        "INSERT INTO ticket_search (ticket_id, document, scope) SELECT id, document, scope FROM ticket_search_source";
    const TICKET_ID: &'static str = "ticket_id";

    fn in_tier(s: &mut Statement, words: &Words, fields: Fields, scope: Option<&Scope>, tier: i64) -> String {
        let title = postgres_words(s, words, ":A");
        let described = postgres_words(s, words, ":AB");
        let (matched, not) = match tier {
            1 => (title, None),
            2 => (described, Some(title)),
            _ => (postgres_words(s, words, fields.postgres_weights()), Some(described)),
        };
        // The GIN index is over `document || scope`: a word never matches a
        // scope lexeme, so without a scope this is still the words alone.
        let mut condition = match scope {
            Some(scope) => format!("(document || scope) @@ ({matched} && {})", postgres_scope(s, scope)),
            None => format!("(document || scope) @@ {matched}"),
        };
        if let Some(not) = not {
            condition.push_str(&format!(" AND NOT document @@ {not}"));
        }
        condition
    }

    // One scan of the GIN index over words and scope; the tier is read off
    // the matched row's own document.
    fn ranked_matches(s: &mut Statement, words: &Words, fields: Fields, scope: Option<&Scope>) -> String {
        let title = postgres_words(s, words, ":A");
        let described = postgres_words(s, words, ":AB");
        let mut all = postgres_words(s, words, fields.postgres_weights());
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

/// All the words, each in the parts `weights` names (`:AB`; empty for all),
/// as a tsquery in the workspace's language: the language is a bound value,
/// so PostgreSQL, planning the statement for its values, folds the query
/// into a constant and estimates how many tickets it matches.
fn postgres_words(s: &mut Statement, words: &Words, weights: &str) -> String {
    let list = words.list.iter().map(|w| format!("{w}{weights}")).collect::<Vec<_>>().join(" & ");
    let locale = s.arg(Arg::Text(words.locale.to_string()));
    format!("to_tsquery(search_config({locale}), {})", s.arg(Arg::Text(list)))
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

/// Which tickets a page reads, as `t`.
enum Rows<'a> {
    /// All of a source: the table, or a branch of [`visible_tickets!`].
    All(&'a str),
    /// Those of the index's matches, a subquery of `(id, tier)`, read first.
    Matched(String),
    /// The workspace's tickets, walked in the page's order, kept when the
    /// page's conditions hold: all of one tier.
    Walked(i64),
}

/// The statement of a list page: one row more than the page, to tell
/// whether another page follows. A customer's search reads its tickets
/// through the index's `scope`; a customer's plain list, through the
/// branches of [`visible_tickets!`] with one per company in their `scope`,
/// each cut to a page of its own (its index walked in order) before they
/// merge under one order: a company's hundreds of tickets never all sort
/// for 25 rows. A search by relevance goes tier by tier ([`tier_statement`]).
pub(super) fn find_statement<DB: FullText>(
    finder: &Finder,
    query: &ListQuery,
    words: &Words,
    scope: Option<&Scope>,
) -> Statement {
    let mut s = Statement::default();
    s.arg(Arg::Int(finder.workspace_id().0));
    let order = order_of(query);
    let window = Window { order: &order, after: query.after.as_ref(), limit: query.page_size + 1 };
    let branches: Vec<String> = match (finder, &query.search) {
        (Finder::Customer(customer), None) => {
            // The branches read the customer from $2.
            s.arg(Arg::Int(customer.customer_id().0));
            let mut branches = vec![concat!("(", own_tickets!(), ") t").to_string()];
            if !query.own_only {
                for company in scope.map_or(&[][..], |scope| &scope.companies) {
                    branches.push(format!("({}{}) t", one_company_tickets!(), s.arg(Arg::Int(*company))));
                }
                branches.push(concat!("(", participant_tickets!(), ") t").to_string());
            }
            branches
        }
        (_, Some(search)) => {
            let mut matches = DB::ranked_matches(&mut s, words, finder.reads(), scope);
            // The ticket of that number, when in reach, comes first.
            if let Some(number) = search.number() {
                let mut named = format!(
                    "SELECT t.id, 0 FROM tickets t WHERE t.workspace_id = $1 AND t.number = {}",
                    s.arg(Arg::Int(number))
                );
                if let Some(scope) = scope {
                    named.push_str(&format!(" AND {}", DB::within(&mut s, scope)));
                }
                matches = format!("SELECT id, MIN(tier) AS tier FROM ({matches} UNION ALL {named}) n GROUP BY id");
            }
            page::<DB>(&mut s, finder, query, Rows::Matched(matches), &[], &window);
            return s;
        }
        (Finder::Agent(..), None) => vec!["tickets t".to_string()],
    };
    if let [only] = branches.as_slice() {
        page::<DB>(&mut s, finder, query, Rows::All(only), &[], &window);
        return s;
    }
    s.push("SELECT * FROM (");
    for (i, branch) in branches.iter().enumerate() {
        if i > 0 {
            s.push(" UNION ALL ");
        }
        s.push("SELECT * FROM (");
        page::<DB>(&mut s, finder, query, Rows::All(branch), &[], &window);
        s.push(&format!(") b{i}"));
    }
    s.push(") r");
    ordered(&mut s, &window);
    s
}

/// How one tier of an agent's search finds its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Few tickets match: read them all from the index, then sort them.
    Collect,
    /// Many match: walk the workspace's tickets in the page's order, asking
    /// the index about each, until the page is full (the denser the tier,
    /// the sooner).
    Walk,
}

/// The most matches a tier may have to be collected: beyond, a walk meets
/// one within every `tickets / COLLECT_AT_MOST` tickets.
pub(super) const COLLECT_AT_MOST: i64 = 2_000;

/// The statement counting `tier`'s matches of an agent's search, up to
/// one more than [`COLLECT_AT_MOST`]: what chooses its [`Reach`].
pub(super) fn tier_count_statement<DB: FullText>(finder: &Finder, words: &Words, tier: i64) -> Statement {
    let mut s = Statement::default();
    s.arg(Arg::Int(finder.workspace_id().0));
    let condition = DB::in_tier(&mut s, words, finder.reads(), None, tier);
    s.push(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM ticket_search WHERE {condition} LIMIT {}) m",
        COLLECT_AT_MOST + 1
    ));
    s
}

/// The statement of a page of one tier of a search by relevance (0 the
/// ticket of the number searched for), in `window` (this tier's cursor,
/// and the rows the page still needs): the tiers, read best first, make the
/// page without all the matches ever being sorted.
pub(super) fn tier_statement<DB: FullText>(
    finder: &Finder,
    query: &ListQuery,
    (search, words): (&Search, &Words),
    (tier, reach): (i64, Reach),
    scope: Option<&Scope>,
    window: &Window,
) -> Statement {
    let mut s = Statement::default();
    s.arg(Arg::Int(finder.workspace_id().0));
    let mut conditions = Vec::new();
    let rows = if tier == 0 {
        conditions.push(format!("t.number = {}", s.arg(Arg::Int(search.number().unwrap_or(0)))));
        if let Some(scope) = scope {
            conditions.push(DB::within(&mut s, scope));
        }
        Rows::Walked(tier)
    } else {
        let matched = DB::in_tier(&mut s, words, finder.reads(), scope, tier);
        // The ticket of that number is tier 0's alone.
        if let Some(number) = search.number() {
            conditions.push(format!("t.number <> {}", s.arg(Arg::Int(number))));
        }
        match reach {
            Reach::Collect => Rows::Matched(format!(
                "SELECT {} AS id, {tier} AS tier FROM ticket_search WHERE {matched}",
                DB::TICKET_ID
            )),
            Reach::Walk => {
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM ticket_search WHERE ticket_search.{} = t.id AND {matched})",
                    DB::TICKET_ID
                ));
                Rows::Walked(tier)
            }
        }
    };
    page::<DB>(&mut s, finder, query, rows, &conditions, window);
    s
}

/// A page of the tickets `rows` reads, in `order`, after `after`.
fn page<DB: FullText>(
    s: &mut Statement,
    finder: &Finder,
    query: &ListQuery,
    rows: Rows,
    conditions: &[String],
    window: &Window,
) {
    // The matches are read first, all of them, then joined: left free,
    // SQLite flattens the union into the join and runs the full-text
    // queries once per ticket of the workspace (measured: a minute at 20,000
    // tickets), and PostgreSQL, which cannot estimate a query it has not
    // parsed yet, walks the tickets in order checking each (seconds).
    if let Rows::Matched(matches) = &rows {
        s.push("WITH m AS MATERIALIZED (").push(matches).push(") ");
    }
    s.push(
        "SELECT id, number, title, status, ticket_type, created_at, updated_at, creator_name, description, tier, \
         type_key, state_rank \
         FROM (SELECT t.id, t.number, t.title, t.status, t.ticket_type, t.created_at, t.updated_at, \
         c.name AS creator_name, COALESCE(t.ticket_type, '') AS type_key, ",
    )
    .push(STATE_RANK)
    .push(" AS state_rank, ");
    match &rows {
        Rows::All(source) => {
            s.push("'' AS description, CAST(0 AS BIGINT) AS tier FROM ").push(source);
        }
        Rows::Matched(_) => {
            s.push("t.description, CAST(m.tier AS BIGINT) AS tier FROM m CROSS JOIN tickets t");
        }
        Rows::Walked(tier) => {
            s.push(&format!("t.description, CAST({tier} AS BIGINT) AS tier FROM tickets t"));
        }
    }
    s.push(" JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id WHERE t.workspace_id = $1");
    if matches!(rows, Rows::Matched(_)) {
        s.push(" AND t.id = m.id");
    }
    for condition in conditions {
        s.push(" AND ").push(condition);
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
    ordered(s, window);
}

/// Which rows of a list make a page.
pub(super) struct Window<'a> {
    /// Columns of `r`, each descending or not ([`order_of`]).
    order: &'a [(&'a str, bool)],
    /// The row before the page.
    after: Option<&'a Cursor>,
    /// The most rows.
    limit: u32,
}

/// The rows of `r` in `window`.
fn ordered(s: &mut Statement, Window { order, after, limit }: &Window) {
    if let Some(cursor) = after {
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
    s.push(&format!(" LIMIT {limit}"));
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
        let scope = match &finder {
            Finder::Customer(customer) => Some(self.scope_of(customer, query.own_only).await?),
            Finder::Agent(..) => None,
        };
        let locale = match &query.search {
            Some(_) => {
                sqlx::query_scalar::<_, String>("SELECT default_locale FROM workspaces WHERE id = $1")
                    .bind(finder.workspace_id().0)
                    .fetch_one(&self.pool)
                    .await?
            }
            None => String::new(),
        };
        let words = Words { list: query.search.as_ref().map_or(&[][..], |search| search.words()), locale: &locale };
        let rows = match &query.search {
            Some(search) if query.sort.key == SortKey::Relevance => {
                self.find_by_tier(&finder, query, (search, &words), scope.as_ref()).await?
            }
            _ => {
                let statement = find_statement::<DB>(&finder, query, &words, scope.as_ref());
                // A search is planned for its words, each time (see `postgres_words`).
                let persistent = query.search.is_none();
                let rows = sqlx::query_as::<DB, ListedRow>(&statement.sql).persistent(persistent);
                statement.bind(rows).fetch_all(&self.pool).await?
            }
        };
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

    /// The rows of a search by relevance, tier by tier, best first, until
    /// the page is full: the first page of a common word reads one tier. A
    /// customer's tiers are collected within their `scope`; an agent's, by
    /// their size ([`Reach`]).
    async fn find_by_tier(
        &self,
        finder: &Finder<'_>,
        query: &ListQuery,
        (search, words): (&Search, &Words<'_>),
        scope: Option<&Scope>,
    ) -> Result<Vec<ListedRow>> {
        let wanted = query.page_size as usize + 1;
        let (first, cursor) = match query.after {
            Some(Cursor::Rank(tier, at, number)) => (tier, Some((tier, Cursor::Value(at, number)))),
            _ => (0, None),
        };
        let named = if search.number().is_some() { 0 } else { 1 };
        let last = if search.words().is_empty() { 0 } else { TIERS };
        let mut rows = Vec::new();
        // Each statement is planned for its words (see `postgres_words`).
        for tier in first.max(named)..=last {
            if rows.len() == wanted {
                break;
            }
            let reach = if tier == 0 {
                Reach::Walk
            } else if scope.is_some() {
                Reach::Collect
            } else {
                let count = tier_count_statement::<DB>(finder, words, tier);
                let query = sqlx::query_as::<DB, (i64,)>(&count.sql).persistent(false);
                let count: i64 = count.bind(query).fetch_one(&self.pool).await?.0;
                match count {
                    0 => continue,
                    1..=COLLECT_AT_MOST => Reach::Collect,
                    _ => Reach::Walk,
                }
            };
            let after = cursor.as_ref().filter(|(at, _)| *at == tier).map(|(_, cursor)| cursor);
            let limit = (wanted - rows.len()) as u32;
            let window = Window { order: &order_of(query)[1..], after, limit };
            let statement = tier_statement::<DB>(finder, query, (search, words), (tier, reach), scope, &window);
            let page = sqlx::query_as::<DB, ListedRow>(&statement.sql).persistent(false);
            rows.extend(statement.bind(page).fetch_all(&self.pool).await?);
        }
        Ok(rows)
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
