//! Statements built at run time (a list's filters, a bulk insert's rows):
//! the SQL with `$N` placeholders and its arguments in order.

use sqlx::query::{Query, QueryAs};
use sqlx::{Database, Encode, Type};

/// `Query` and `QueryAs` share `bind` but no trait for it.
macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in &$args {
            query = match arg {
                Arg::Int(value) => query.bind(*value),
                Arg::Text(value) => query.bind(value.as_str()),
                Arg::OptionalInt(value) => query.bind(*value),
                Arg::Bool(value) => query.bind(*value),
            };
        }
        query
    }};
}

/// A value bound to a statement.
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    OptionalInt(Option<i64>),
    Bool(bool),
}

/// A statement being built, with its arguments in `$N` order.
#[derive(Default)]
pub(crate) struct Statement {
    pub(crate) sql: String,
    pub(crate) args: Vec<Arg>,
}

impl Statement {
    pub(crate) fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Adds an argument and returns its placeholder.
    pub(crate) fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// Appends `sql` with `{}` replaced by a new argument's placeholder.
    pub(crate) fn with(&mut self, sql: &str, arg: Arg) -> &mut Self {
        let placeholder = self.arg(arg);
        self.push(&sql.replace("{}", &placeholder))
    }

    /// Binds the arguments, in order, to a query that returns rows.
    pub(crate) fn bind<'q, DB, O>(
        &'q self,
        query: QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>>,
    ) -> QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>>
    where
        DB: Database,
        i64: Encode<'q, DB> + Type<DB>,
        Option<i64>: Encode<'q, DB> + Type<DB>,
        bool: Encode<'q, DB> + Type<DB>,
        &'q str: Encode<'q, DB> + Type<DB>,
    {
        bind_all!(query, self.args)
    }

    /// Binds the arguments, in order, to a query that returns none.
    pub(crate) fn bind_query<'q, DB>(
        &'q self,
        query: Query<'q, DB, <DB as Database>::Arguments<'q>>,
    ) -> Query<'q, DB, <DB as Database>::Arguments<'q>>
    where
        DB: Database,
        i64: Encode<'q, DB> + Type<DB>,
        Option<i64>: Encode<'q, DB> + Type<DB>,
        bool: Encode<'q, DB> + Type<DB>,
        &'q str: Encode<'q, DB> + Type<DB>,
    {
        bind_all!(query, self.args)
    }
}
