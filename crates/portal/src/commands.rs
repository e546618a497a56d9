//! Operator commands: workspaces, secrets and hashes from the shell.
//!
//! A store failure reaches the operator in the store's own words (its
//! `Display`, through `?`): a refused value as the reason, stored data that
//! fails its checks naming the row, since the operator is the one who can
//! repair it.

use anyhow::{Context, bail};
use portal_core::audience::PortalAudience;
use portal_core::{AllowedOrigins, ApiTokenId, Origin, SessionLifetime, WorkspaceSlug, sign_email};
use portal_server::credentials::{hash_password, new_password, new_secret};
use portal_server::now_millis;
use portal_store::{NewWorkspace, Store, StoreError, Workspace};
use std::fmt::Write as _;
use std::time::Duration;

/// `portal admin create`: a console account, with its password given or generated.
pub async fn create_console_account(
    store: &dyn Store,
    slug: &str,
    email: &str,
    name: &str,
    role: &str,
    password: Option<String>,
) -> anyhow::Result<String> {
    use portal_core::console::{Role, check_agent_name, check_password};
    let ws = workspace(store, slug).await?;
    let generated = password.is_none();
    let password = password.unwrap_or_else(new_password);
    check_password(&password)?;
    let new = portal_store::NewAgent {
        email: portal_core::Email::parse(email.trim())?,
        name: check_agent_name(name)?,
        role: Role::parse(role)?,
        password_hash: hash_password(&password)?,
    };
    let agent = match store.create_agent(ws.id, &new, now_millis()).await {
        Err(StoreError::Conflict(message)) => bail!("{message} in workspace '{slug}'"),
        other => other?,
    };
    let mut out = format!(
        "Created {} {} <{}> in workspace '{slug}'. Sign in at /console/login.",
        agent.role.as_str(),
        agent.name,
        agent.email
    );
    if generated {
        write!(out, "\nPassword (shown once): {password}")?;
    }
    Ok(out)
}

async fn workspace(store: &dyn Store, slug: &str) -> anyhow::Result<Workspace> {
    let slug = WorkspaceSlug::parse(slug)?;
    store.workspace_by_slug(&slug).await?.with_context(|| format!("no workspace named '{slug}'"))
}

pub async fn create_workspace(
    store: &dyn Store,
    slug: &str,
    name: &str,
    greeting: &str,
    origins: &[String],
) -> anyhow::Result<String> {
    let allowed_origins = AllowedOrigins::parse(origins.iter().map(String::as_str))?;
    if name.trim().is_empty() {
        bail!("the workspace name must not be empty");
    }
    let new = NewWorkspace {
        slug: WorkspaceSlug::parse(slug)?,
        name: name.trim().into(),
        greeting: greeting.into(),
        allowed_origins,
        session_lifetime: SessionLifetime::default(),
        // Off until an admin switches it on, with origins and secret in hand.
        portal_enabled: false,
    };
    let now = now_millis();
    let ws = match store.create_workspace(&new, now).await {
        Err(StoreError::Conflict(_)) => bail!("a workspace named '{slug}' already exists"),
        other => other?,
    };
    store.add_secret(ws.id, &new_secret(), now).await?;
    let mut out = format!("Created workspace '{}' ({}).\n", ws.slug, ws.name);
    if ws.allowed_origins.is_empty() {
        out.push_str("No allowed origin yet: the portal cannot be embedded until one is added.\n");
    }
    out.push_str("Its portal is off: switch it on with `portal workspace enable --workspace ");
    out.push_str(ws.slug.as_str());
    out.push_str("` (or on the console's Embed code page) once your site signs its users in.\n");
    out.push_str("Show its identity-verification secret with: portal secret show --workspace ");
    out.push_str(ws.slug.as_str());
    Ok(out)
}

/// `portal secret show`: the current secret alone (the newest active one:
/// what the site signs with), or with `all` every active secret, each
/// saying whether it is current or when it retires.
pub async fn show_secrets(store: &dyn Store, slug: &str, all: bool) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let secrets = store.active_secrets(ws.id, now_millis()).await?;
    let Some(current) = secrets.iter().rev().find(|s| s.retires_at.is_none()).or(secrets.last()) else {
        bail!("workspace '{slug}' has no active secret: run `portal secret rotate --workspace {slug}`");
    };
    if !all {
        return Ok(current.value.clone());
    }
    Ok(secrets
        .iter()
        .map(|s| match s.retires_at {
            Some(at) => format!("{}  (retires {})", s.value, portal_core::time::utc_datetime(at)),
            None => format!("{}  (current)", s.value),
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

pub async fn rotate_secret(store: &dyn Store, slug: &str, overlap: Duration) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let now = now_millis();
    let overlap_ms = i64::try_from(overlap.as_millis()).context("overlap too long")?;
    let secret = store.rotate_secret(ws.id, &new_secret(), now, now.saturating_add(overlap_ms)).await?;
    Ok(format!(
        "New secret for '{slug}':\n{}\nThe previous secret keeps working until {}.",
        secret.value,
        portal_core::time::utc_datetime(now.saturating_add(overlap_ms))
    ))
}

/// What `portal snippet` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnippetPart {
    /// The `<head>` snippet alone, ready to paste.
    Head,
    /// The iframe tag alone, ready to paste.
    Iframe,
    /// Both, labelled, and the origins allowed to embed the portal.
    Both,
}

pub async fn snippet(store: &dyn Store, slug: &str, portal: &Origin, part: SnippetPart) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let head = portal_server::widget::snippet(portal, &ws.slug);
    let iframe = portal_server::widget::IFRAME_TAG;
    let mut out = match part {
        SnippetPart::Head => return Ok(head),
        SnippetPart::Iframe => return Ok(iframe.to_string()),
        SnippetPart::Both => format!("In <head>:\n{head}\n\nWhere the portal goes:\n{iframe}\n"),
    };
    if !ws.allowed_origins.is_empty() {
        let origins: Vec<&str> = ws.allowed_origins.iter().map(Origin::as_str).collect();
        out.push_str(&format!("\nAllowed to embed it: {}", origins.join(", ")));
    }
    Ok(out)
}

/// `portal workspace enable|disable`. Switching on needs an allowed origin,
/// as in the console; switching off ends the portal's sessions at once.
pub async fn set_portal_enabled(store: &dyn Store, slug: &str, enabled: bool) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    if enabled && ws.allowed_origins.is_empty() {
        bail!(
            "workspace '{slug}' has no allowed origin yet: set one in the console (Portal settings) before enabling \
             the portal"
        );
    }
    store.set_portal_enabled(ws.id, enabled).await?;
    Ok(if enabled {
        format!("The portal of '{slug}' is on: pages on its allowed origins can embed it.")
    } else {
        format!("The portal of '{slug}' is off: its sessions have ended, and the frame says it is unavailable.")
    })
}

/// `portal hash`: the email's verification hash and, with `companies`,
/// the company claim's (`companiesHash`).
pub async fn hash(store: &dyn Store, slug: &str, email: &str, companies: Option<&str>) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let secrets = store.active_secrets(ws.id, now_millis()).await?;
    let secret = secrets.last().with_context(|| format!("workspace '{slug}' has no active secret"))?;
    let hash = sign_email(secret.value.as_bytes(), email);
    Ok(match companies {
        Some(companies) => {
            let claim = portal_core::sign(secret.value.as_bytes(), &portal_core::company_claim(email, companies));
            format!("verificationHash: {hash}\ncompaniesHash:    {claim}")
        }
        None => hash,
    })
}

/// `portal token create`: the new token is in the output, on a line of its
/// own (the last), and nowhere else ever again.
pub async fn create_api_token(store: &dyn Store, slug: &str, name: &str) -> anyhow::Result<String> {
    let name = portal_core::TokenName::parse(name)?;
    let ws = workspace(store, slug).await?;
    let (token, secret) = portal_server::api_v1::token::issue(store, ws.id, &name).await?;
    Ok(format!(
        "Created API token {} ('{}') for workspace '{slug}'.\n\
         Copy it now: it is shown only this once. Send it as `Authorization: Bearer <token>`.\n{}",
        token.id,
        token.name,
        secret.as_str()
    ))
}

/// `portal token list`: id, name, created, revoked.
pub async fn list_api_tokens(store: &dyn Store, slug: &str) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let tokens = store.list_api_tokens(ws.id).await?;
    if tokens.is_empty() {
        return Ok(format!(
            "Workspace '{slug}' has no API token. Create one with: portal token create --workspace {slug} --name NAME"
        ));
    }
    let rows: Vec<[String; 4]> = tokens
        .iter()
        .map(|t| {
            [
                t.id.to_string(),
                t.name.clone(),
                portal_core::time::utc_datetime(t.created_at),
                t.revoked_at.map_or_else(|| "-".to_string(), portal_core::time::utc_datetime),
            ]
        })
        .collect();
    let header = ["ID", "NAME", "CREATED", "REVOKED"].map(String::from);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |row: &[String; 4]| {
        let cells: Vec<String> = row.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        cells.join("  ").trim_end().to_string()
    };
    Ok(std::iter::once(&header).chain(&rows).map(line).collect::<Vec<_>>().join("\n"))
}

/// `portal workspace attachments`.
pub async fn set_attachment_limits(store: &dyn Store, slug: &str, files: u32, kb: u64) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let limits = portal_core::AttachmentLimits::new(files, kb.saturating_mul(1024)).map_err(anyhow::Error::msg)?;
    store.set_attachment_limits(ws.id, limits).await?;
    Ok(format!(
        "Workspace '{slug}': up to {files} file(s) per message, each at most {}.",
        portal_core::attachment::format_size(limits.max_bytes)
    ))
}

/// `portal workspace quota`: the workspace's own quota for attached files
/// in MB, or `None` for the server's default (`default_bytes`).
pub async fn set_attachment_quota(
    store: &dyn Store,
    slug: &str,
    mb: Option<u64>,
    default_bytes: u64,
) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let quota = mb.map(|mb| mb.checked_mul(1024 * 1024).context("the quota is too large")).transpose()?;
    store.set_attachment_quota(ws.id, quota).await?;
    let usage = store.attachment_usage(ws.id).await?;
    let mb = |bytes: u64| bytes.div_ceil(1024 * 1024);
    let which = if quota.is_some() { "its own" } else { "the server's default" };
    Ok(format!(
        "Workspace '{slug}': attached files may take {} MB ({which}); they take {} MB now.",
        mb(quota.unwrap_or(default_bytes)),
        mb(usage.used_bytes)
    ))
}

/// `portal workspace attributes`: each `key=Name shown`.
pub async fn set_shown_attributes(store: &dyn Store, slug: &str, shown: &[String]) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let list = shown
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((key, label)) => Ok(portal_core::ShownAttribute { key: key.trim().into(), label: label.into() }),
            None => bail!("{pair:?}: write key=Name shown"),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    store.set_shown_attributes(ws.id, &list).await?;
    Ok(match list.len() {
        0 => format!("Workspace '{slug}': customers see no ticket attributes."),
        n => format!("Workspace '{slug}': customers see {n} ticket attribute(s)."),
    })
}

/// `portal token revoke`: an unknown id is an error; revoking twice is not.
pub async fn revoke_api_token(store: &dyn Store, slug: &str, id: ApiTokenId) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    if store.revoke_api_token(ws.id, id, now_millis()).await? {
        return Ok(format!("Revoked API token {id} of workspace '{slug}': requests with it are refused from now on."));
    }
    // Ids are not secret; the records carry no token, only its name.
    let issued = store.list_api_tokens(ws.id).await?;
    match issued.iter().find(|record| record.id == id) {
        Some(record) => Ok(format!(
            "API token {id} ('{}') of workspace '{slug}' was already revoked{}.",
            record.name,
            record.revoked_at.map(|at| format!(" on {}", portal_core::time::utc_datetime(at))).unwrap_or_default()
        )),
        None => bail!("workspace '{slug}' has no API token with id {id} (see `portal token list --workspace {slug}`)"),
    }
}

/// Conditions as the command line writes them: `<attribute> <operator> <value>`.
fn parse_conditions(raw: &[String]) -> anyhow::Result<Vec<portal_core::visibility::Condition>> {
    raw.iter().map(|raw| portal_core::visibility::Condition::parse_line(raw).map_err(anyhow::Error::msg)).collect()
}

/// `portal workspace audience`: who may use the portal (no conditions:
/// everyone the site verifies).
pub async fn set_audience(store: &dyn Store, slug: &str, conditions: &[String]) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let audience = PortalAudience::new(parse_conditions(conditions)?).map_err(anyhow::Error::msg)?;
    store.set_portal_audience(ws.id, &audience).await?;
    let preview = store.preview_audience(ws.id, &audience, 0).await?;
    Ok(format!(
        "Workspace '{slug}': {} condition(s); {} of {} customer(s) may use the portal.",
        audience.conditions.len(),
        preview.matching,
        preview.customers
    ))
}

/// `portal workspace audience-preview`: whom conditions would admit, changing nothing.
pub async fn preview_audience(store: &dyn Store, slug: &str, conditions: &[String]) -> anyhow::Result<String> {
    const SHOWN: u32 = 20;
    let ws = workspace(store, slug).await?;
    let audience = PortalAudience::new(parse_conditions(conditions)?).map_err(anyhow::Error::msg)?;
    let preview = store.preview_audience(ws.id, &audience, SHOWN).await?;
    let mut out = format!("{} of {} customer(s) match.", preview.matching, preview.customers);
    for customer in &preview.sample {
        let _ = write!(out, "\n  {} <{}>", customer.name, customer.email);
    }
    if preview.matching > u64::from(SHOWN) {
        let _ = write!(out, "\n  … and {} more", preview.matching - u64::from(SHOWN));
    }
    Ok(out)
}

/// `portal workspace visibility`.
pub async fn set_visibility(
    store: &dyn Store,
    slug: &str,
    restrict: bool,
    conditions: &[String],
    clear: bool,
) -> anyhow::Result<String> {
    use portal_core::visibility::TicketVisibility;
    let ws = workspace(store, slug).await?;
    let conditions = match (conditions.is_empty(), clear) {
        (_, true) => Vec::new(),
        (true, false) => {
            let stored = store.ticket_visibility(ws.id).await?;
            if let Some(note) = stored.needs_edit() {
                bail!("workspace '{slug}': {note}; give them with --condition, or --clear-conditions")
            }
            stored.conditions
        }
        (false, false) => parse_conditions(conditions)?,
    };
    let count = conditions.len();
    let rule = TicketVisibility::new(restrict, conditions).map_err(anyhow::Error::msg)?;
    store.set_ticket_visibility(ws.id, &rule).await?;
    Ok(match (restrict, count) {
        (false, _) => {
            format!("Workspace '{slug}': everyone sees all their companies' tickets ({count} condition(s) kept).")
        }
        (true, 0) => format!("Workspace '{slug}': every customer sees only their own tickets."),
        (true, n) => format!("Workspace '{slug}': customers matching all {n} condition(s) see only their own tickets."),
    })
}

/// `portal seed`, with a progress bar on the terminal.
pub async fn seed(store: &dyn Store, args: &crate::cli::SeedArgs) -> anyhow::Result<String> {
    use crate::seed::{SeedPlan, seed};
    let plan = SeedPlan {
        tickets: args.tickets,
        messages: args.messages,
        customers: args.customers,
        companies: args.companies,
    };
    let bar = indicatif::ProgressBar::new(plan.tickets).with_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {human_pos}/{human_len} tickets ({per_sec}, {eta} left)",
        )?
        .progress_chars("=> "),
    );
    bar.set_message("customers");
    let started = std::time::Instant::now();
    let (ws, _) = seed(store, &args.workspace, plan, args.seed, &|made| bar.set_position(made)).await?;
    bar.finish();
    Ok(format!(
        "Workspace '{}': {} tickets with about {} messages, {} customers and {} companies seeded in {:.1?}.",
        ws.slug,
        plan.tickets,
        plan.messages,
        plan.customers,
        plan.companies,
        started.elapsed()
    ))
}

/// `portal workspace search-preview`.
pub async fn set_search_preview(store: &dyn Store, slug: &str, show: bool) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    store.set_search_preview(ws.id, show).await?;
    let shown = if show { "show" } else { "do not show" };
    Ok(format!("Workspace '{slug}': search results {shown} the preview column."))
}

/// `portal workspace jwt-only`.
pub async fn set_jwt_only(store: &dyn Store, slug: &str, only: bool) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    store.set_jwt_only(ws.id, only).await?;
    Ok(if only {
        format!("Workspace '{slug}' accepts only sign-in tokens (JWT): a verification hash is refused.")
    } else {
        format!("Workspace '{slug}' accepts sign-in tokens (JWT) and verification hashes.")
    })
}

/// What `portal workspace standalone` changes: each setting given
/// replaces the stored one.
#[derive(Debug, Default)]
pub struct StandaloneChange<'a> {
    pub sign_in_url: Option<&'a str>,
    pub new_tab: Option<bool>,
    pub email_sign_in: Option<bool>,
    pub host: Option<&'a str>,
    pub site_page: Option<&'a str>,
}

/// `portal workspace standalone`.
pub async fn set_standalone(store: &dyn Store, slug: &str, change: &StandaloneChange<'_>) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let mut settings = ws.standalone;
    if let Some(url) = change.sign_in_url {
        settings.sign_in_url = portal_core::SignInUrl::parse(url)?;
    }
    if let Some(allowed) = change.new_tab {
        settings.new_tab_allowed = allowed;
    }
    if let Some(on) = change.email_sign_in {
        settings.email_sign_in = on;
    }
    if let Some(page) = change.site_page {
        settings.site_page = portal_core::SitePage::parse(page)?;
    }
    if let Some(host) = change.host {
        settings.host = portal_core::PortalHost::parse(host)?;
    }
    store.set_standalone(ws.id, &settings).await?;
    let sign_on = if settings.sign_in_url.is_empty() { "none" } else { settings.sign_in_url.as_str() };
    let host = settings.host.as_ref().map_or("none", |h| h.as_str());
    let on_off = |on: bool| if on { "on" } else { "off" };
    let (new_tab, email) = (on_off(settings.new_tab_allowed), on_off(settings.email_sign_in));
    Ok(format!(
        "Workspace '{slug}': custom sign-on page {sign_on}; \"Open in a new tab\" {new_tab}; email sign-in {email}; \
         own host name {host}."
    ))
}

/// `portal company set`.
pub async fn set_company(store: &dyn Store, slug: &str, key: &str, name: &str) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let key = portal_core::CompanyKey::parse(key).map_err(anyhow::Error::msg)?;
    store.upsert_company(ws.id, &key, name, now_millis()).await?;
    Ok(format!("Workspace '{slug}': company '{}' is \"{}\".", key.as_str(), name.trim()))
}

/// `portal company attributes`: each `key=value`.
pub async fn set_company_attributes(
    store: &dyn Store,
    slug: &str,
    key: &str,
    pairs: &[String],
) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let key = portal_core::CompanyKey::parse(key).map_err(anyhow::Error::msg)?;
    let kept = match store.set_company_attributes(ws.id, &key, &attribute_pairs(pairs)?).await {
        Err(portal_store::StoreError::NotFound) => {
            bail!("workspace '{slug}' has no company '{key}' (create it with portal company set)")
        }
        other => other?,
    };
    Ok(format!("Company '{key}' of workspace '{slug}' has {} attribute(s).", kept.as_map().len()))
}

/// Attributes written `key=value`.
fn attribute_pairs(pairs: &[String]) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    pairs
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => Ok((key.trim().to_string(), value.to_string())),
            None => bail!("{pair:?}: write key=value"),
        })
        .collect()
}

/// The workspace's customer with this email, or a clear error.
async fn customer(store: &dyn Store, ws: &Workspace, email: &str) -> anyhow::Result<portal_store::Customer> {
    let email = portal_core::Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?;
    store
        .customer_by_email(ws.id, &email)
        .await?
        .with_context(|| format!("workspace '{}' has no customer {}", ws.slug, email.as_str()))
}

/// `portal customer companies`.
pub async fn set_customer_companies(
    store: &dyn Store,
    slug: &str,
    email: &str,
    companies: &[String],
) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let customer = customer(store, &ws, email).await?;
    let keys = companies
        .iter()
        .map(|k| portal_core::CompanyKey::parse(k).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    store.set_customer_companies(ws.id, customer.id, &keys).await?;
    Ok(format!("{} belongs to {} compan(ies) of workspace '{slug}'.", customer.email, keys.len()))
}

/// `portal customer attributes`: each `key=value`.
pub async fn set_customer_attributes(
    store: &dyn Store,
    slug: &str,
    email: &str,
    pairs: &[String],
) -> anyhow::Result<String> {
    let ws = workspace(store, slug).await?;
    let customer = customer(store, &ws, email).await?;
    let attributes =
        portal_core::attributes::CustomerAttributes::parse(attribute_pairs(pairs)?).map_err(anyhow::Error::msg)?;
    store.set_customer_attributes(ws.id, customer.id, &attributes).await?;
    Ok(format!("{} of workspace '{slug}' has {} attribute(s).", customer.email, pairs.len()))
}
