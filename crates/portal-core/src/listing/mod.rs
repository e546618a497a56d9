//! What a customer's ticket list shows: the search, filters, sort and page
//! the frame's URL asks for (`?q=printer&state=open&sort=created-asc`),
//! parsed here once with a clear error for anything wrong. The search and
//! the snippet that previews a result are in [`search`].

mod search;

pub use search::{MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, Preview, Search, Snippet, SnippetPart};

use crate::model::{Email, Millis, TicketNumber, TicketStatus};
use crate::time::parse_utc_date;

/// Rows on a page when the URL does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 25;
/// Larger page sizes are clamped to this.
pub const MAX_PAGE_SIZE: u32 = 100;
const DAY_MS: Millis = 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("A search is at most {MAX_SEARCH_CHARS} characters.")]
    SearchTooLong,
    #[error("Search for at least one letter or digit.")]
    SearchHasNoWords,
    #[error("{0:?} is not a ticket state.")]
    UnknownState(String),
    #[error("{0:?} is not one of this portal's ticket types.")]
    UnknownType(String),
    #[error("{0:?} is not a date: use YYYY-MM-DD.")]
    BadDate(String),
    #[error("The {0} date range ends before it starts.")]
    ReversedRange(&'static str),
    #[error("{0:?} is not a way to sort tickets.")]
    UnknownSort(String),
    #[error("{0:?} is not an email address.")]
    BadCreator(String),
    #[error("The page size must be a whole number.")]
    BadPageSize,
    #[error("This page link is damaged. Start again from the first page.")]
    BadCursor,
}

/// One row of a customer's ticket list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedTicket {
    pub number: TicketNumber,
    pub title: String,
    pub status: TicketStatus,
    pub ticket_type: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub creator_name: String,
    /// While searching, where the workspace shows previews.
    pub preview: Option<Preview>,
}

/// A page of a ticket list, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketPage {
    pub tickets: Vec<ListedTicket>,
    pub next: Option<Cursor>,
}

/// What a list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Search results: title matches first, then description, then the
    /// conversation; the most recently updated first within each.
    Relevance,
    Number,
    Type,
    State,
    Created,
    Updated,
}

impl SortKey {
    pub const ALL: [Self; 6] = [Self::Relevance, Self::Number, Self::Type, Self::State, Self::Created, Self::Updated];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Number => "number",
            Self::Type => "type",
            Self::State => "state",
            Self::Created => "created",
            Self::Updated => "updated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Relevance => "Best match",
            Self::Number => "Number",
            Self::Type => "Type",
            Self::State => "State",
            Self::Created => "Created",
            Self::Updated => "Last updated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    pub const UPDATED: Self = Self { key: SortKey::Updated, descending: true };
    pub const RELEVANCE: Self = Self { key: SortKey::Relevance, descending: false };

    /// `updated-desc`, `number-asc`, `relevance`.
    pub fn parse(text: &str) -> Option<Self> {
        if text == "relevance" {
            return Some(Self::RELEVANCE);
        }
        let (key, direction) = text.rsplit_once('-')?;
        let key = SortKey::ALL.into_iter().find(|k| *k != SortKey::Relevance && k.as_str() == key)?;
        let descending = match direction {
            "asc" => false,
            "desc" => true,
            _ => return None,
        };
        Some(Self { key, descending })
    }

    pub fn as_param(self) -> String {
        match self.key {
            SortKey::Relevance => "relevance".into(),
            key => format!("{}-{}", key.as_str(), if self.descending { "desc" } else { "asc" }),
        }
    }

    /// What clicking the column of `key` asks for: the list sorted by it
    /// the other way when it already is, else its usual way first (newest
    /// and highest first; types and states from the start).
    pub fn clicked(self, key: SortKey) -> Self {
        if self.key == key {
            return Self { key, descending: !self.descending };
        }
        Self { key, descending: matches!(key, SortKey::Number | SortKey::Created | SortKey::Updated) }
    }

    /// The column of `key`'s `aria-sort`.
    pub fn aria_sort(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        }
    }
}

/// A ticket state's place in the life of a ticket, which is how states sort.
pub fn state_rank(status: TicketStatus) -> i64 {
    match status {
        TicketStatus::Open => 0,
        TicketStatus::InProgress => 1,
        TicketStatus::OnHold => 2,
        TicketStatus::Closed => 3,
    }
}

/// Where the next page starts: the sort values of the last row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    Number(i64),
    /// Created or updated time, or a state's rank; then the number.
    Value(i64, i64),
    /// A type (empty for none); then the number.
    Text(String, i64),
    /// Relevance tier (0 the number itself, 1 title, 2 description,
    /// 3 conversation), updated time, number.
    Rank(i64, i64, i64),
}

impl Cursor {
    fn to_param(&self) -> String {
        match self {
            Self::Number(n) => n.to_string(),
            Self::Value(v, n) => format!("{v}_{n}"),
            Self::Text(t, n) => format!("{n}_{t}"),
            Self::Rank(tier, at, n) => format!("{tier}_{at}_{n}"),
        }
    }

    /// Reads a cursor made for `sort`; anything else is [`ListError::BadCursor`].
    fn parse(text: &str, sort: Sort) -> Result<Self, ListError> {
        let int = |s: &str| s.parse::<i64>().map_err(|_| ListError::BadCursor);
        let number = |s: &str| int(s).and_then(|n| if n >= 1 { Ok(n) } else { Err(ListError::BadCursor) });
        let mut parts = text.splitn(3, '_');
        let mut next = || parts.next().ok_or(ListError::BadCursor);
        let cursor = match sort.key {
            SortKey::Number => Self::Number(number(text)?),
            SortKey::Type => {
                let (n, t) = text.split_once('_').ok_or(ListError::BadCursor)?;
                Self::Text(t.to_string(), number(n)?)
            }
            SortKey::State => {
                let (rank, n) = (int(next()?)?, number(next()?)?);
                if !(0..=3).contains(&rank) {
                    return Err(ListError::BadCursor);
                }
                Self::Value(rank, n)
            }
            SortKey::Created | SortKey::Updated => Self::Value(int(next()?)?, number(next()?)?),
            SortKey::Relevance => {
                let (tier, at, n) = (int(next()?)?, int(next()?)?, number(next()?)?);
                if !(0..=3).contains(&tier) {
                    return Err(ListError::BadCursor);
                }
                Self::Rank(tier, at, n)
            }
        };
        Ok(cursor)
    }
}

/// A range of days, as instants: `from` inclusive, `until` exclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Millis>,
    pub until: Option<Millis>,
}

/// A ticket list as the URL asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Only the tickets the customer opened ("Created by me").
    pub own_only: bool,
    pub search: Option<Search>,
    pub ticket_type: Option<String>,
    pub state: Option<TicketStatus>,
    pub created: DateRange,
    pub updated: DateRange,
    /// The creator's email, lower case.
    pub creator: Option<String>,
    pub sort: Sort,
    pub page_size: u32,
    pub after: Option<Cursor>,
    /// The parameters as given, for links that keep them (dates as typed).
    params: Vec<(&'static str, String)>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            own_only: false,
            search: None,
            ticket_type: None,
            state: None,
            created: DateRange::default(),
            updated: DateRange::default(),
            creator: None,
            sort: Sort::UPDATED,
            page_size: DEFAULT_PAGE_SIZE,
            after: None,
            params: Vec::new(),
        }
    }
}

/// The URL parameters a list reads; others are ignored.
const PARAMS: [&str; 10] =
    ["tab", "q", "type", "state", "created_from", "created_to", "updated_from", "updated_to", "creator", "sort"];

impl ListQuery {
    /// Reads a list's URL query string (without the `?`). Empty values
    /// count as absent; `ticket_types` are the workspace's.
    pub fn parse(query: &str, ticket_types: &[String]) -> Result<Self, ListError> {
        let mut list = Self::default();
        let mut sort = None;
        let mut after = None;
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name.as_ref() {
                "tab" if value == "mine" => list.own_only = true,
                "q" => list.search = Search::parse(value)?,
                "type" => {
                    let known = ticket_types.iter().find(|t| t.as_str() == value);
                    list.ticket_type = Some(known.ok_or_else(|| ListError::UnknownType(value.into()))?.clone());
                }
                "state" => {
                    list.state = Some(TicketStatus::parse(value).ok_or_else(|| ListError::UnknownState(value.into()))?);
                }
                "created_from" => list.created.from = Some(day(value)?),
                "created_to" => list.created.until = Some(day(value)? + DAY_MS),
                "updated_from" => list.updated.from = Some(day(value)?),
                "updated_to" => list.updated.until = Some(day(value)? + DAY_MS),
                "creator" => {
                    let email = Email::parse(value).map_err(|_| ListError::BadCreator(value.into()))?;
                    list.creator = Some(email.key());
                }
                "sort" => sort = Some(Sort::parse(value).ok_or_else(|| ListError::UnknownSort(value.into()))?),
                "limit" => {
                    let size: u64 = value.parse().map_err(|_| ListError::BadPageSize)?;
                    list.page_size = size.clamp(1, u64::from(MAX_PAGE_SIZE)) as u32;
                }
                "after" => after = Some(value.to_string()),
                _ => continue,
            }
            if let Some(known) = PARAMS.iter().find(|p| **p == name.as_ref()) {
                list.params.retain(|(p, _)| p != known);
                list.params.push((known, value.to_string()));
            }
        }
        for (range, name) in [(list.created, "created"), (list.updated, "updated")] {
            if let (Some(from), Some(until)) = (range.from, range.until)
                && until <= from
            {
                return Err(ListError::ReversedRange(name));
            }
        }
        // Best match only means something while searching.
        list.sort = match (sort, &list.search) {
            (Some(Sort { key: SortKey::Relevance, .. }), None) | (None, None) => Sort::UPDATED,
            (None, Some(_)) => Sort::RELEVANCE,
            (Some(sort), _) => sort,
        };
        list.after = after.map(|text| Cursor::parse(&text, list.sort)).transpose()?;
        Ok(list)
    }

    /// The given value of a parameter, for a form to show it again.
    pub fn param(&self, name: &str) -> &str {
        self.params.iter().find(|(p, _)| *p == name).map_or("", |(_, v)| v.as_str())
    }

    /// The query string of this list with the parameters in `changes`
    /// replaced (an empty value drops one), starting from the first page
    /// unless `after` is given. Empty when nothing is set.
    pub fn link(&self, changes: &[(&str, &str)], after: Option<&Cursor>) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.params {
            if !changes.iter().any(|(c, _)| c == name) {
                out.append_pair(name, value);
            }
        }
        for (name, value) in changes.iter().filter(|(_, v)| !v.is_empty()) {
            out.append_pair(name, value);
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            out.append_pair("limit", &self.page_size.to_string());
        }
        if let Some(cursor) = after {
            out.append_pair("after", &cursor.to_param());
        }
        let query = out.finish();
        if query.is_empty() { query } else { format!("?{query}") }
    }

    /// Whether anything narrows the list beyond its tab.
    pub fn is_filtered(&self) -> bool {
        self.search.is_some()
            || self.ticket_type.is_some()
            || self.state.is_some()
            || self.created != DateRange::default()
            || self.updated != DateRange::default()
            || self.creator.is_some()
    }
}

fn day(text: &str) -> Result<Millis, ListError> {
    parse_utc_date(text).ok_or_else(|| ListError::BadDate(text.chars().take(40).collect()))
}

impl ListError {
    /// What to tell the customer, as a catalog message.
    pub fn message(&self) -> crate::Message {
        use crate::Message as M;
        match self {
            Self::SearchTooLong => M::new("list-error-search-too-long").number("max", MAX_SEARCH_CHARS),
            Self::SearchHasNoWords => M::new("list-error-search-no-words"),
            Self::UnknownState(value) => M::new("list-error-state").text("value", value.as_str()),
            Self::UnknownType(value) => M::new("list-error-type").text("value", value.as_str()),
            Self::BadDate(value) => M::new("list-error-date").text("value", value.as_str()),
            Self::ReversedRange("created") => M::new("list-error-created-reversed"),
            Self::ReversedRange(_) => M::new("list-error-updated-reversed"),
            Self::UnknownSort(value) => M::new("list-error-sort").text("value", value.as_str()),
            Self::BadCreator(value) => M::new("list-error-creator").text("value", value.as_str()),
            Self::BadPageSize => M::new("list-error-page-size"),
            Self::BadCursor => M::new("list-error-cursor"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types() -> Vec<String> {
        vec!["Question".into(), "Problem".into()]
    }

    fn parse(query: &str) -> Result<ListQuery, ListError> {
        ListQuery::parse(query, &types())
    }

    #[test]
    fn a_clicked_column_sorts_by_it_then_turns_the_order_round() {
        let newest = Sort::UPDATED;
        assert_eq!(newest.aria_sort(SortKey::Updated), "descending");
        assert_eq!(newest.aria_sort(SortKey::Created), "none");
        let oldest = newest.clicked(SortKey::Updated);
        assert_eq!((oldest.as_param().as_str(), oldest.aria_sort(SortKey::Updated)), ("updated-asc", "ascending"));
        assert_eq!(oldest.clicked(SortKey::Updated), newest);
        assert_eq!(newest.clicked(SortKey::Created).as_param(), "created-desc");
        assert_eq!(newest.clicked(SortKey::Number).as_param(), "number-desc");
        assert_eq!(newest.clicked(SortKey::Type).as_param(), "type-asc");
        assert_eq!(Sort::RELEVANCE.clicked(SortKey::State).as_param(), "state-asc");
    }

    #[test]
    fn list_queries() {
        let list = parse("").unwrap();
        assert_eq!((list.sort, list.page_size, list.own_only), (Sort::UPDATED, DEFAULT_PAGE_SIZE, false));
        let list = parse("tab=mine&q=printer&type=Problem&state=on_hold&created_from=2026-01-01&created_to=2026-01-31")
            .unwrap();
        assert!(list.own_only && list.is_filtered());
        assert_eq!(list.sort, Sort::RELEVANCE);
        assert_eq!((list.ticket_type.as_deref(), list.state), (Some("Problem"), Some(TicketStatus::OnHold)));
        assert_eq!(list.created.until.unwrap() - list.created.from.unwrap(), 31 * DAY_MS);
        assert_eq!(parse("sort=relevance").unwrap().sort, Sort::UPDATED, "no search, no best match");
        assert_eq!(parse("sort=number-asc").unwrap().sort, Sort { key: SortKey::Number, descending: false });
        assert_eq!(parse("limit=0").unwrap().page_size, 1);
        assert_eq!(parse("limit=1000000").unwrap().page_size, MAX_PAGE_SIZE);
        assert_eq!(parse("x=1&tab=other").unwrap(), ListQuery::default());
    }

    #[test]
    fn bad_list_queries_say_what_is_wrong() {
        for (query, error) in [
            ("type=Nope", ListError::UnknownType("Nope".into())),
            ("state=deleted", ListError::UnknownState("deleted".into())),
            ("created_from=yesterday", ListError::BadDate("yesterday".into())),
            ("updated_from=2026-02-02&updated_to=2026-02-01", ListError::ReversedRange("updated")),
            ("sort=price-asc", ListError::UnknownSort("price-asc".into())),
            ("sort=number", ListError::UnknownSort("number".into())),
            ("creator=nobody", ListError::BadCreator("nobody".into())),
            ("limit=-1", ListError::BadPageSize),
            ("limit=ten", ListError::BadPageSize),
            ("after=abc", ListError::BadCursor),
            ("after=5_0", ListError::BadCursor),
            ("sort=state-asc&after=9_4", ListError::BadCursor),
            ("q=x&after=4_1_1", ListError::BadCursor),
            ("sort=number-desc&after=0", ListError::BadCursor),
        ] {
            assert_eq!(parse(query), Err(error), "{query:?}");
        }
    }

    #[test]
    fn cursors_and_links_round_trip() {
        for (sort, cursor) in [
            ("number-asc", Cursor::Number(5)),
            ("updated-desc", Cursor::Value(1_700_000_000_000, 5)),
            ("type-asc", Cursor::Text("Feature_request x".into(), 5)),
            ("state-desc", Cursor::Value(2, 5)),
        ] {
            let list = parse(&format!("sort={sort}&state=open")).unwrap();
            let link = list.link(&[], Some(&cursor));
            let again = parse(link.trim_start_matches('?')).unwrap();
            assert_eq!(again.after, Some(cursor), "{link}");
            assert_eq!(again.state, Some(TicketStatus::Open));
        }
        let list = parse("q=printer&after=1_5_2").unwrap();
        assert_eq!(list.after, Some(Cursor::Rank(1, 5, 2)));
        assert_eq!(list.link(&[("q", "")], None), "", "dropping the search drops everything set");
        assert_eq!(list.link(&[("tab", "mine")], None), "?q=printer&tab=mine");
    }
}
