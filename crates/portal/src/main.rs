use anyhow::Context;
use clap::Parser;
use portal::cli::{
    AdminCommand, Cli, Command, CompanyCommand, CustomerCommand, KeyCommand, SecretCommand, ServeArgs, TokenCommand,
    WorkspaceCommand,
};
use portal::{commands, demo, keys};
use portal_server::config::{Config, LogFormat, Overrides, unknown_env_vars};
use portal_server::{Portal, now_millis};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// The process's allocator. Each password check (argon2) takes about 19 MiB
/// for a moment; glibc's malloc kept those pages after they were freed (1 GB
/// after 600 sign-in attempts, 4 checked at a time), mimalloc gives them back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The chain of causes, without the backtrace RUST_BACKTRACE would add.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let serve_args = match &cli.command {
        Command::Serve(args) | Command::Demo(args) => Some(args),
        _ => None,
    };
    let overrides = overrides(cli.database_url.clone(), serve_args);
    let config = Config::load(cli.config.as_deref(), &overrides).context("reading the configuration")?;
    let logs = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.log)))
        .with_writer(std::io::stderr)
        // Colours are for a terminal; a log collector would keep the escape codes.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    match config.log_format {
        LogFormat::Text => logs.init(),
        // The event's fields at the top level, beside the request's span.
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
    for key in unknown_env_vars() {
        tracing::warn!("ignoring unknown environment variable {key}");
    }

    let keys = keys::load(&config)?;
    tracing::debug!(database = %config.redacted_database_url(), "opening the database");
    let store = portal_store::connect(&config.database_url, keys)
        .await
        .with_context(|| format!("opening {} (migrations included)", config.redacted_database_url()))?;

    let output = match cli.command {
        Command::Serve(args) => return serve(config, store, args.demo).await,
        Command::Demo(_) => return serve(config, store, true).await,
        Command::Migrate => "Migrations are up to date.".to_string(),
        Command::Seed(args) => commands::seed(&*store, &args).await?,
        Command::Reindex => {
            let started = std::time::Instant::now();
            store.rebuild_search_index().await?;
            format!("The search index was rebuilt in {:.1?}.", started.elapsed())
        }
        Command::Workspace(WorkspaceCommand::Create { slug, name, greeting, origins }) => {
            commands::create_workspace(&*store, &slug, &name, &greeting, &origins).await?
        }
        Command::Workspace(WorkspaceCommand::Enable { workspace }) => {
            commands::set_portal_enabled(&*store, &workspace, true).await?
        }
        Command::Workspace(WorkspaceCommand::Disable { workspace }) => {
            commands::set_portal_enabled(&*store, &workspace, false).await?
        }
        Command::Workspace(WorkspaceCommand::Attachments { workspace, max_files, max_kb }) => {
            commands::set_attachment_limits(&*store, &workspace, max_files, max_kb).await?
        }
        Command::Workspace(WorkspaceCommand::Quota { workspace, mb, default: _ }) => {
            commands::set_attachment_quota(&*store, &workspace, mb, config.limits().attachment_quota_bytes).await?
        }
        Command::Workspace(WorkspaceCommand::Attributes { workspace, shown }) => {
            commands::set_shown_attributes(&*store, &workspace, &shown).await?
        }
        Command::Workspace(WorkspaceCommand::Visibility { workspace, restrict, conditions, clear_conditions }) => {
            commands::set_visibility(&*store, &workspace, restrict == "on", &conditions, clear_conditions).await?
        }
        Command::Workspace(WorkspaceCommand::Audience { workspace, conditions }) => {
            commands::set_audience(&*store, &workspace, &conditions).await?
        }
        Command::Workspace(WorkspaceCommand::AudiencePreview { workspace, conditions }) => {
            commands::preview_audience(&*store, &workspace, &conditions).await?
        }
        Command::Workspace(WorkspaceCommand::SearchPreview { workspace, show }) => {
            commands::set_search_preview(&*store, &workspace, show == "on").await?
        }
        Command::Workspace(WorkspaceCommand::JwtOnly { workspace, only }) => {
            commands::set_jwt_only(&*store, &workspace, only == "on").await?
        }
        Command::Workspace(WorkspaceCommand::Standalone {
            workspace,
            sign_in_url,
            new_tab,
            email_sign_in,
            host,
            site_page,
        }) => {
            let change = commands::StandaloneChange {
                sign_in_url: sign_in_url.as_deref(),
                new_tab: new_tab.map(|on| on == "on"),
                email_sign_in: email_sign_in.map(|on| on == "on"),
                host: host.as_deref(),
                site_page: site_page.as_deref(),
            };
            commands::set_standalone(&*store, &workspace, &change).await?
        }
        Command::Company(CompanyCommand::Set { workspace, key, name }) => {
            commands::set_company(&*store, &workspace, &key, &name).await?
        }
        Command::Company(CompanyCommand::Attributes { workspace, key, attributes }) => {
            commands::set_company_attributes(&*store, &workspace, &key, &attributes).await?
        }
        Command::Customer(CustomerCommand::Companies { workspace, email, companies }) => {
            commands::set_customer_companies(&*store, &workspace, &email, &companies).await?
        }
        Command::Customer(CustomerCommand::Attributes { workspace, email, attributes }) => {
            commands::set_customer_attributes(&*store, &workspace, &email, &attributes).await?
        }
        Command::Key(KeyCommand::Rotate) => keys::rotate(&config, &*store).await?,
        Command::Key(KeyCommand::Reseal) => keys::reseal(&config, &*store).await?,
        Command::Key(KeyCommand::Generate) => portal_store::KeyRing::generate_key(),
        Command::Secret(SecretCommand::Show { workspace, all }) => {
            commands::show_secrets(&*store, &workspace, all).await?
        }
        Command::Secret(SecretCommand::Rotate { workspace, overlap }) => {
            commands::rotate_secret(&*store, &workspace, overlap).await?
        }
        Command::Snippet { workspace, public_url, head, iframe } => {
            let url =
                public_url.or(config.public_url).unwrap_or_else(|| format!("http://localhost:{}", config.bind.port()));
            let portal = portal_core::Origin::parse(&url).context("--public-url must be an origin")?;
            let part = match (head, iframe) {
                (true, _) => commands::SnippetPart::Head,
                (_, true) => commands::SnippetPart::Iframe,
                _ => commands::SnippetPart::Both,
            };
            commands::snippet(&*store, &workspace, &portal, part).await?
        }
        Command::Hash { workspace, email, companies } => {
            commands::hash(&*store, &workspace, &email, companies.as_deref()).await?
        }
        Command::Token(TokenCommand::Create { workspace, name }) => {
            commands::create_api_token(&*store, &workspace, &name).await?
        }
        Command::Admin(AdminCommand::Create { workspace, email, name, role, password }) => {
            commands::create_console_account(&*store, &workspace, &email, &name, &role, password).await?
        }
        Command::Token(TokenCommand::List { workspace }) => commands::list_api_tokens(&*store, &workspace).await?,
        Command::Token(TokenCommand::Revoke { workspace, id }) => {
            commands::revoke_api_token(&*store, &workspace, portal_core::ApiTokenId(id)).await?
        }
    };
    println!("{output}");
    Ok(())
}

fn overrides(database_url: Option<String>, serve: Option<&ServeArgs>) -> Overrides {
    let Some(args) = serve else {
        return Overrides { database_url, ..Default::default() };
    };
    Overrides {
        database_url,
        bind: args.bind,
        public_url: args.public_url.clone(),
        site_root: args.site_root.clone(),
        demo_bind: args.demo_bind,
    }
}

async fn serve(config: Config, store: std::sync::Arc<dyn portal_store::Store>, with_demo: bool) -> anyhow::Result<()> {
    tracing::info!(database = %config.redacted_database_url(), "serving");
    let portal = Portal::bind(&config, store.clone()).await?;
    if !config.site_root.join("pkg").exists() {
        tracing::warn!(
            "no front-end bundle under {}: pages render but do not come alive; build it with scripts/build-frontend",
            config.site_root.display()
        );
    }
    println!("Portal ready.");
    println!("  portal:         {}", portal.url);
    if let Some(smtp) = portal.smtp_addr {
        println!("  mail in (SMTP): {smtp}");
    }
    if with_demo {
        let listener = tokio::net::TcpListener::bind(config.demo_bind)
            .await
            .with_context(|| format!("cannot listen on {} for the demo host site", config.demo_bind))?;
        let addr = listener.local_addr()?;
        let host_origin = portal_core::Origin::parse(&format!("http://{addr}"))?;
        demo::seed(&*store, &host_origin, now_millis()).await.context("creating the demo workspace")?;
        let site = demo::host_site(store.clone(), portal.url.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, site).await {
                tracing::error!(%error, "demo host site stopped");
            }
        });
        println!("  demo host site: {host_origin}/");
        println!("  demo users:     alice@example.com, bob@example.com, carol@example.com");
        println!(
            "  console:        {}/console (workspace {}, {} / {})",
            portal.url,
            demo::WORKSPACE,
            demo::ADMIN_EMAIL,
            demo::ADMIN_PASSWORD
        );
    }
    let served = portal.serve(shutdown_signal()).await;
    store.close().await;
    tracing::info!("stopped");
    served
}

/// Ctrl-C, or SIGTERM (what service managers and orchestrators send).
async fn shutdown_signal() {
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM; only Ctrl-C stops the server gracefully");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}
