//! The store contract suite. Every test runs on both backends: SQLite on a
//! fresh file, and PostgreSQL on a fresh database created on the server named
//! by `PORTAL_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and dropped afterwards.
//!
//! PostgreSQL being unreachable fails the suite, unless
//! `PORTAL_TEST_SKIP_POSTGRES=1` says to run on SQLite alone.

mod account;
mod agents;
mod attachments;
mod attributes;
mod audience;
mod companies;
mod company_attributes;
mod console;
mod conversations;
mod counts;
mod customers;
mod events;
mod harness;
mod mail;
mod migrations;
mod participants;
mod pool;
mod properties;
mod replay;
mod routing;
mod search;
mod secrets;
mod sessions;
mod settings;
mod slack;
mod tickets;
mod webhooks;
mod workspaces;
