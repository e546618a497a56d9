//! HTTP tests of the portal server: a real `Portal` on a free port, driven
//! with `reqwest` the way the embedded frame and the widget loader drive it.
//!
//! Every test runs twice, through `portal_store::testing::on_each_backend`:
//! on a fresh SQLite file and on a fresh PostgreSQL database (the server
//! named by `PORTAL_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; an unreachable server fails
//! the suite unless `PORTAL_TEST_SKIP_POSTGRES=1`).
//!
//! Refusals are checked twice: the status and error the client sees, and
//! that no customer or session row was written.

mod app;
mod attachments;
mod audience;
mod claims;
mod commands;
mod console;
mod corrupt;
mod email_sign_in;
mod inbound;
mod input;
mod isolation;
mod jwt;
mod languages;
mod limits;
mod live;
mod mail;
mod matrix;
mod object_storage;
mod observability;
mod origins;
mod pages;
mod participants;
mod rest;
mod rotation;
mod search;
mod sessions;
mod shutdown;
mod slack;
mod standalone;
mod verification;
mod webhooks;
