//! The `portal` binary's library: the command line, the operator commands
//! (workspaces, secrets, tokens, accounts from the shell), the encryption
//! keys' file and rotation, the seed that fills a database for benchmarks,
//! and the demo (a workspace and a pretend customer site). The server itself
//! is the `portal-server` library.

pub mod cli;
pub mod commands;
pub mod demo;
pub mod keys;
pub mod seed;
