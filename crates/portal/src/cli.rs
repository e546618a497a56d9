//! The `portal` command line.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(name = "portal", version, about = "Self-hosted embeddable customer portal")]
pub struct Cli {
    /// Configuration file (default: ./portal.toml when present).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://path or postgres://user@host/db.
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the portal.
    Serve(ServeArgs),
    /// Run the portal with a demo workspace and a demo host site (same as `serve --demo`).
    Demo(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage workspaces.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Show or rotate a workspace's identity-verification secret.
    #[command(subcommand)]
    Secret(SecretCommand),
    /// Manage the server key that seals identity secrets at rest.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Print the `<head>` snippet and the iframe tag a site pastes to embed the workspace's portal.
    Snippet {
        #[arg(long)]
        workspace: String,
        /// Public origin of the portal (default: the configured public_url, else http://localhost:PORT).
        #[arg(long)]
        public_url: Option<String>,
        /// Print only the `<head>` snippet, ready to paste.
        #[arg(long, conflicts_with = "iframe")]
        head: bool,
        /// Print only the iframe tag, ready to paste.
        #[arg(long)]
        iframe: bool,
    },
    /// Manage companies.
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Manage a customer's companies and attributes.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Manage console accounts (admins and agents).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Manage API tokens for the agent REST API (/api/v1).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Fill a workspace (created when missing) with generated companies,
    /// customers and tickets with conversations, for benchmarks and load tests.
    Seed(SeedArgs),
    /// Rebuild the search index from every ticket (after restoring a backup made without it).
    Reindex,
    /// Print hex(HMAC-SHA256(secret, email)) with the workspace's newest secret, for testing an integration.
    Hash {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        email: String,
        /// Also sign a company claim: company keys, comma-separated, exactly as the page sends them.
        #[arg(long)]
        companies: Option<String>,
    },
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Also create the demo workspace and serve the demo host site.
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on (default 127.0.0.1:3000).
    #[arg(long)]
    pub bind: Option<SocketAddr>,
    /// Public origin of the portal (default http://localhost:PORT).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Folder holding the built front-end (`pkg/`).
    #[arg(long)]
    pub site_root: Option<PathBuf>,
    /// Address of the demo host site (default 127.0.0.1:3001).
    #[arg(long)]
    pub demo_bind: Option<SocketAddr>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[arg(long, default_value = "seeded")]
    pub workspace: String,
    #[arg(long, default_value_t = 1_000_000)]
    pub tickets: u64,
    /// Messages in all (internal notes included).
    #[arg(long, default_value_t = 5_000_000)]
    pub messages: u64,
    #[arg(long, default_value_t = 20_000)]
    pub customers: u32,
    #[arg(long, default_value_t = 2_000)]
    pub companies: u32,
    /// The same seed makes the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Create a workspace and its first secret. Its portal starts switched
    /// off: `enable` it once the site signs its users in.
    Create {
        /// URL name: a-z, 0-9 and '-'.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "How can we help?")]
        greeting: String,
        /// An origin allowed to embed the portal, e.g. https://app.example.com (repeatable).
        #[arg(long = "origin")]
        origins: Vec<String>,
    },
    /// Switch the workspace's portal on (it needs an allowed origin).
    Enable {
        #[arg(long)]
        workspace: String,
    },
    /// Switch the workspace's portal off: its sessions end at once, and the
    /// frame says the portal is unavailable.
    Disable {
        #[arg(long)]
        workspace: String,
    },
    /// Lower how many files a message may carry and how large each may be
    /// (at most 6 files of 3 MB; 0 files turns attachments off).
    Attachments {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        max_files: u32,
        /// Per file, in KB (1,024 bytes): 1 to 3072.
        #[arg(long)]
        max_kb: u64,
    },
    /// Set how much the workspace's attached files may take, in MB (1,024
    /// KB), instead of the server's `attachment_quota_mb`; `--default`
    /// goes back to that. Prints what the files take now.
    Quota {
        #[arg(long)]
        workspace: String,
        #[arg(long, required_unless_present = "default", conflicts_with = "default")]
        mb: Option<u64>,
        #[arg(long)]
        default: bool,
    },
    /// Choose the ticket attributes customers see: `key=Name shown`, in
    /// order (repeatable; none hides them all).
    Attributes {
        #[arg(long)]
        workspace: String,
        #[arg(long = "show")]
        shown: Vec<String>,
    },
    /// Set the ticket-visibility rule: with `--restrict on` and no
    /// conditions, every customer sees only their own tickets; with
    /// conditions, only the customers matching all of them do. `--restrict
    /// off` keeps the conditions for later.
    Visibility {
        #[arg(long)]
        workspace: String,
        #[arg(long, value_parser = ["on", "off"])]
        restrict: String,
        /// `<email|attributes.KEY|company.key|company.name|company.attributes.KEY>
        /// <equals|contains|starts_with|ends_with> <value>` (repeatable; replaces
        /// the conditions; none keeps them).
        #[arg(long = "condition")]
        conditions: Vec<String>,
        /// Remove every condition.
        #[arg(long, conflicts_with = "conditions")]
        clear_conditions: bool,
    },
    /// Set who may use the portal: customers matching every condition
    /// (none: everyone the site verifies). Others see a "no access" screen.
    Audience {
        #[arg(long)]
        workspace: String,
        /// `<email|attributes.KEY|company.key|company.name|company.attributes.KEY>
        /// <equals|contains|starts_with|ends_with> <value>` (repeatable; replaces
        /// the conditions).
        #[arg(long = "condition")]
        conditions: Vec<String>,
    },
    /// Show how many and which customers conditions would admit, changing nothing.
    AudiencePreview {
        #[arg(long)]
        workspace: String,
        #[arg(long = "condition")]
        conditions: Vec<String>,
    },
    /// Show or hide the preview column (the best-matching snippet) of search results.
    SearchPreview {
        #[arg(long)]
        workspace: String,
        #[arg(long, value_parser = ["on", "off"])]
        show: String,
    },
    /// Accept only sign-in tokens (JWT) from the site: with `on`, a
    /// verification hash is refused. Sessions already open go on.
    JwtOnly {
        #[arg(long)]
        workspace: String,
        #[arg(value_parser = ["on", "off"])]
        only: String,
    },
    /// The standalone portal (`/p/{workspace}`): the site's login page for
    /// custom sign-on, the frame's "Open in a new tab", email sign-in, and a
    /// host name of its own. Each option left out keeps its value; an empty value clears it.
    Standalone {
        #[arg(long)]
        workspace: String,
        /// The site's login page (https), where visitors who are not signed
        /// in are sent with `return_to`.
        #[arg(long)]
        sign_in_url: Option<String>,
        #[arg(long, value_parser = ["on", "off"])]
        new_tab: Option<String>,
        /// A one-time code mailed to a known customer signs them in (needs
        /// an SMTP server: `smtp_url` and `mail_from`).
        #[arg(long, value_parser = ["on", "off"])]
        email_sign_in: Option<String>,
        /// e.g. `support.example.com`: requests with this `Host` serve
        /// this workspace's portal and nothing else.
        #[arg(long)]
        host: Option<String>,
        /// The site's page holding the portal's frame (https): links in
        /// mail open their ticket there, as `<page>#ticket=<number>`.
        #[arg(long)]
        site_page: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Create a company, or rename it.
    Set {
        #[arg(long)]
        workspace: String,
        /// The site's own id for the company.
        #[arg(long)]
        key: String,
        #[arg(long)]
        name: String,
    },
    /// Replace a company's attributes: `key=value` (repeatable; none drops
    /// them all). Conditions can look at them: `company.attributes.KEY`.
    Attributes {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        key: String,
        #[arg(long = "set")]
        attributes: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Replace the companies a customer belongs to (none: no company).
    Companies {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        email: String,
        /// A company key (repeatable).
        #[arg(long = "company")]
        companies: Vec<String>,
    },
    /// Replace a customer's attributes: `key=value` (repeatable).
    Attributes {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        email: String,
        #[arg(long = "set")]
        attributes: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Print the workspace's current secret alone, ready to copy.
    Show {
        #[arg(long)]
        workspace: String,
        /// Print every active secret, with which is current and when the others retire.
        #[arg(long)]
        all: bool,
    },
    /// Make a new secret; the current ones stay valid for the overlap, then retire.
    Rotate {
        #[arg(long)]
        workspace: String,
        /// How long the old secret keeps working, e.g. 30m, 24h, 7d.
        #[arg(long, default_value = "24h", value_parser = parse_duration)]
        overlap: Duration,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Replace the key in secret_key_file with a new one and seal every
    /// identity secret with it. Restart every instance that shares the file.
    Rotate,
    /// Seal every identity secret with the first key of the configured key
    /// ring (rotating a key given as PORTAL_SECRET_KEY: put the new key
    /// first, the old one after it, reseal, then drop the old one).
    Reseal,
    /// Print a new random key.
    Generate,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a console account. The password is read from
    /// PORTAL_ADMIN_PASSWORD, or generated and printed once.
    Create {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        email: String,
        /// The name customers see on replies.
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "admin", value_parser = ["admin", "agent"])]
        role: String,
        #[arg(long, env = "PORTAL_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it. It is shown only this once: only its hash is stored.
    Create {
        #[arg(long)]
        workspace: String,
        /// What the token is for, e.g. "helpdesk sync" (1 to 100 characters).
        #[arg(long)]
        name: String,
    },
    /// List the workspace's API tokens, revoked ones included.
    List {
        #[arg(long)]
        workspace: String,
    },
    /// Revoke an API token: requests with it are refused from now on.
    Revoke {
        #[arg(long)]
        workspace: String,
        /// The token's id, as `portal token list` shows it.
        #[arg(long)]
        id: i64,
    },
}

/// `90s`, `30m`, `24h`, `7d`, or `0` to retire at once.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    if raw == "0" {
        return Ok(Duration::ZERO);
    }
    let split = raw.find(|c: char| !c.is_ascii_digit()).ok_or("add a unit: s, m, h or d")?;
    let (number, unit) = raw.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("'{raw}' is not a duration like 24h"))?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return Err(format!("unknown unit '{unit}': use s, m, h or d")),
    };
    n.checked_mul(secs).map(Duration::from_secs).ok_or_else(|| "duration too long".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        for bad in ["", "h", "24", "1w", "-1h", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
