//! The SQL implementation of [`WorkspaceStore`].

use super::rules::{WorkspaceRules, WorkspaceRulesRow, workspace_rules_columns};
use super::shared::{conflict, origins_from_json, shown_attributes_from_json};
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{NewWorkspace, PortalBehaviour, Result, StoreError, Workspace, WorkspaceStore};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::console::{BrandColor, LogoUrl, PortalLook, Theme};
use portal_core::{
    AllowedOrigins, AttachmentLimits, Millis, Origin, PortalHost, SessionLifetime, ShownAttribute, SignInUrl,
    StandaloneSettings, TicketForm, TicketTypes, Translations, WorkspaceId, WorkspaceSlug,
};
use portal_i18n::Locale;
use tracing::instrument;

/// The columns [`workspace_from_row`] reads, from workspaces.
macro_rules! workspace_columns {
    () => {
        concat!(
            "id, slug, name, greeting, allowed_origins, session_lifetime_ms, created_at, shown_attributes, search_preview, ",
            "default_locale, translations, ticket_form, portal_enabled, jwt_only, sign_in_url, new_tab_allowed, portal_host, email_sign_in, ",
            "mail_from_name, mail_reply_to, site_page, ",
            workspace_rules_columns!()
        )
    };
}

#[derive(sqlx::FromRow)]
struct WorkspaceRow {
    id: i64,
    slug: String,
    name: String,
    greeting: String,
    allowed_origins: String,
    session_lifetime_ms: i64,
    created_at: Millis,
    shown_attributes: String,
    search_preview: bool,
    default_locale: String,
    translations: String,
    ticket_form: String,
    portal_enabled: bool,
    jwt_only: bool,
    sign_in_url: String,
    new_tab_allowed: bool,
    portal_host: Option<String>,
    email_sign_in: bool,
    mail_from_name: String,
    mail_reply_to: String,
    site_page: String,
    #[sqlx(flatten)]
    rules: WorkspaceRulesRow,
}

fn workspace_from_row(row: WorkspaceRow) -> Result<Workspace> {
    let WorkspaceRow {
        id,
        slug,
        name,
        greeting,
        allowed_origins: origins,
        session_lifetime_ms: lifetime,
        created_at,
        shown_attributes: shown,
        search_preview,
        default_locale,
        translations,
        ticket_form,
        portal_enabled,
        jwt_only,
        sign_in_url,
        new_tab_allowed,
        portal_host,
        email_sign_in,
        mail_from_name,
        mail_reply_to,
        site_page,
        rules,
    } = row;
    let rules = WorkspaceRules::from_row(WorkspaceId(id), rules)?;
    let slug = WorkspaceSlug::parse(&slug)
        .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored slug {slug:?}: {e}")))?;
    let session_lifetime = SessionLifetime::from_millis(lifetime)
        .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored session lifetime {lifetime}: {e}")))?;
    Ok(Workspace {
        id: WorkspaceId(id),
        slug,
        name,
        greeting,
        allowed_origins: origins_from_json(&origins)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored allowed origins: {e}")))?,
        session_lifetime,
        created_at,
        reopen_allowed: rules.reopen_allowed,
        ticket_types: rules.ticket_types,
        attachment_limits: rules.attachment_limits,
        shown_attributes: shown_attributes_from_json(&shown)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored shown attributes: {e}")))?,
        search_preview,
        default_locale: Locale::from_tag(&default_locale)
            .ok_or_else(|| StoreError::Corrupt(format!("workspace {id}: stored default locale {default_locale:?}")))?,
        translations: serde_json::from_str(&translations)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored translations: {e}")))?,
        ticket_form: serde_json::from_str(&ticket_form)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored ticket form: {e}")))?,
        portal_enabled,
        jwt_only,
        mail_sender: portal_core::console::MailSender::parse(&mail_from_name, &mail_reply_to)
            .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored mail sender: {e}")))?,
        standalone: StandaloneSettings {
            sign_in_url: SignInUrl::parse(&sign_in_url)
                .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored sign-in page: {e}")))?,
            new_tab_allowed,
            host: PortalHost::parse(portal_host.as_deref().unwrap_or(""))
                .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored host name: {e}")))?,
            email_sign_in,
            site_page: portal_core::SitePage::parse(&site_page)
                .map_err(|e| StoreError::Corrupt(format!("workspace {id}: stored site page: {e}")))?,
        },
    })
}

/// A workspace's [`PortalLook`] as stored.
#[derive(sqlx::FromRow)]
struct StoredLook {
    greeting: String,
    brand_color: String,
    logo_url: String,
    theme: String,
}

fn origins_to_json(origins: &[Origin]) -> Result<String> {
    serde_json::to_string(origins).map_err(|e| StoreError::Corrupt(format!("allowed origins: {e}")))
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> WorkspaceStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace> {
        let row = sqlx::query_as::<_, WorkspaceRow>(concat!(
            "INSERT INTO workspaces (slug, name, greeting, allowed_origins, session_lifetime_ms, created_at, \
             portal_enabled) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
            workspace_columns!()
        ))
        .bind(new.slug.as_str())
        .bind(new.name.as_str())
        .bind(new.greeting.as_str())
        .bind(origins_to_json(new.allowed_origins.as_slice())?.as_str())
        .bind(new.session_lifetime.millis())
        .bind(now)
        .bind(new.portal_enabled)
        .fetch_one(&self.pool)
        .await
        .map_err(conflict(|| format!("the workspace name {:?} is taken", new.slug.as_str())))?;
        workspace_from_row(row)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn workspace_by_slug(&self, slug: &WorkspaceSlug) -> Result<Option<Workspace>> {
        sqlx::query_as::<_, WorkspaceRow>(concat!("SELECT ", workspace_columns!(), " FROM workspaces WHERE slug = $1"))
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .map(workspace_from_row)
            .transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn workspace(&self, id: WorkspaceId) -> Result<Option<Workspace>> {
        sqlx::query_as::<_, WorkspaceRow>(concat!("SELECT ", workspace_columns!(), " FROM workspaces WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .map(workspace_from_row)
            .transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn workspace_by_host(&self, host: &PortalHost) -> Result<Option<Workspace>> {
        sqlx::query_as::<_, WorkspaceRow>(concat!(
            "SELECT ",
            workspace_columns!(),
            " FROM workspaces WHERE portal_host = $1"
        ))
        .bind(host.as_str())
        .fetch_optional(&self.pool)
        .await?
        .map(workspace_from_row)
        .transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_mail_sender(&self, workspace: WorkspaceId, sender: &portal_core::console::MailSender) -> Result<()> {
        let reply_to = sender.reply_to.as_ref().map_or("", portal_core::Email::as_str);
        sqlx::query_scalar::<_, i64>(
            "UPDATE workspaces SET mail_from_name = $2, mail_reply_to = $3 WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(sender.from_name.as_str())
        .bind(reply_to)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_standalone(&self, workspace: WorkspaceId, settings: &StandaloneSettings) -> Result<()> {
        let host = settings.host.as_ref().map(PortalHost::as_str);
        sqlx::query_scalar::<_, i64>(
            "UPDATE workspaces SET sign_in_url = $2, new_tab_allowed = $3, portal_host = $4, email_sign_in = $5, \
             site_page = $6 WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(settings.sign_in_url.as_str())
        .bind(settings.new_tab_allowed)
        .bind(host)
        .bind(settings.email_sign_in)
        .bind(settings.site_page.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(conflict(|| format!("the host name {:?} serves another workspace", host.unwrap_or(""))))?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_allowed_origins(&self, id: WorkspaceId, origins: &AllowedOrigins) -> Result<()> {
        let json = origins_to_json(origins.as_slice())?;
        self.update_workspace(id, "UPDATE workspaces SET allowed_origins = $2 WHERE id = $1 RETURNING id", json)
            .await?;
        // Sessions opened from an origin no longer listed end with it.
        self.wake_now(Wake::Workspace(id)).await;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_reopen_allowed(&self, id: WorkspaceId, allowed: bool) -> Result<()> {
        self.update_workspace(id, "UPDATE workspaces SET reopen_allowed = $2 WHERE id = $1 RETURNING id", allowed).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_search_preview(&self, id: WorkspaceId, shown: bool) -> Result<()> {
        self.update_workspace(id, "UPDATE workspaces SET search_preview = $2 WHERE id = $1 RETURNING id", shown).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_ticket_types(&self, id: WorkspaceId, types: &TicketTypes) -> Result<()> {
        let json = serde_json::to_string(types).map_err(|e| StoreError::Corrupt(format!("ticket types: {e}")))?;
        self.update_workspace(id, "UPDATE workspaces SET ticket_types = $2 WHERE id = $1 RETURNING id", json).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_shown_attributes(&self, id: WorkspaceId, shown: &[ShownAttribute]) -> Result<()> {
        let shown = ShownAttribute::check_list(shown).map_err(StoreError::Invalid)?;
        let json = serde_json::to_string(&shown).map_err(|e| StoreError::Corrupt(format!("shown attributes: {e}")))?;
        self.update_workspace(id, "UPDATE workspaces SET shown_attributes = $2 WHERE id = $1 RETURNING id", json).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_attachment_limits(&self, id: WorkspaceId, limits: AttachmentLimits) -> Result<()> {
        let limits = AttachmentLimits::new(limits.max_files, limits.max_bytes).map_err(StoreError::Invalid)?;
        let max_bytes = i64::try_from(limits.max_bytes).map_err(|_| StoreError::Invalid("file size limit".into()))?;
        sqlx::query_scalar::<_, i64>(
            "UPDATE workspaces SET max_attachments = $2, max_attachment_bytes = $3 WHERE id = $1 RETURNING id",
        )
        .bind(id.0)
        .bind(i64::from(limits.max_files))
        .bind(max_bytes)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn portal_look(&self, workspace: WorkspaceId) -> Result<PortalLook> {
        let StoredLook { greeting, brand_color: color, logo_url: logo, theme } = sqlx::query_as::<_, StoredLook>(
            "SELECT greeting, brand_color, logo_url, theme FROM workspaces WHERE id = $1",
        )
        .bind(workspace.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let stored = |what: &str, e: portal_core::console::ConsoleError| {
            StoreError::Corrupt(format!("workspace {}: stored {what}: {e}", workspace.0))
        };
        Ok(PortalLook {
            greeting,
            brand_color: BrandColor::parse(&color).map_err(|e| stored("brand colour", e))?,
            logo_url: LogoUrl::parse(&logo).map_err(|e| stored("logo URL", e))?,
            theme: Theme::parse(&theme).map_err(|e| stored("theme", e))?,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_portal_look(&self, workspace: WorkspaceId, look: &PortalLook) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE workspaces SET greeting = $2, brand_color = $3, logo_url = $4, theme = $5 WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(look.greeting.as_str())
        .bind(look.brand_color.as_str())
        .bind(look.logo_url.as_str())
        .bind(look.theme.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn portal_enabled(&self, workspace: WorkspaceId) -> Result<bool> {
        let enabled = sqlx::query_scalar::<_, bool>("SELECT portal_enabled FROM workspaces WHERE id = $1")
            .bind(workspace.0)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(enabled)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_portal_behaviour(&self, workspace: WorkspaceId, behaviour: &PortalBehaviour) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE workspaces SET session_lifetime_ms = $2, reopen_allowed = $3, search_preview = $4, \
             default_locale = $5 WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(behaviour.session_lifetime.millis())
        .bind(behaviour.reopen_allowed)
        .bind(behaviour.search_preview)
        .bind(behaviour.default_locale.tag())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_portal_enabled(&self, workspace: WorkspaceId, enabled: bool) -> Result<()> {
        self.update_workspace(
            workspace,
            "UPDATE workspaces SET portal_enabled = $2 WHERE id = $1 RETURNING id",
            enabled,
        )
        .await?;
        if !enabled {
            // Every session of a switched-off portal has ended: its live streams close now.
            self.wake_now(Wake::Workspace(workspace)).await;
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_jwt_only(&self, workspace: WorkspaceId, jwt_only: bool) -> Result<()> {
        // Sessions already open stay open: they were opened by a signature
        // the workspace accepted then, as after a rotation's overlap.
        self.update_workspace(workspace, "UPDATE workspaces SET jwt_only = $2 WHERE id = $1 RETURNING id", jwt_only)
            .await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_ticket_form(&self, workspace: WorkspaceId, form: &TicketForm) -> Result<()> {
        let json = serde_json::to_string(form).map_err(|e| StoreError::Corrupt(format!("ticket form: {e}")))?;
        self.update_workspace(workspace, "UPDATE workspaces SET ticket_form = $2 WHERE id = $1 RETURNING id", json)
            .await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_translations(&self, workspace: WorkspaceId, translations: &Translations) -> Result<()> {
        let json =
            serde_json::to_string(translations).map_err(|e| StoreError::Corrupt(format!("translations: {e}")))?;
        self.update_workspace(workspace, "UPDATE workspaces SET translations = $2 WHERE id = $1 RETURNING id", json)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_round_trip_through_json() {
        let origins = vec![Origin::parse("https://example.com").unwrap(), Origin::parse("http://[::1]:8080").unwrap()];
        let json = origins_to_json(&origins).unwrap();
        assert_eq!(json, r#"["https://example.com","http://[::1]:8080"]"#);
        assert_eq!(origins_from_json(&json).unwrap(), origins);
        assert!(origins_from_json(r#"["*"]"#).is_err());
        assert!(origins_from_json("{}").is_err());
    }
}
