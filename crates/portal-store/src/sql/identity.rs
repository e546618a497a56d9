//! The SQL implementation of [`IdentityStore`].

use super::rules::Ruled;
use super::shared::{CustomerRow, customer_columns, customer_from_row, origins_from_json};
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{Customer, IdentityStore, KeyRing, NewSession, Result, Secret, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::ActiveSession;
use portal_core::{CustomerId, CustomerName, CustomerScope, Email, Millis, SecretId, SessionKind, WorkspaceId};
use tracing::instrument;

/// A stored identity secret, sealed or (before its first sealing) plain.
#[derive(sqlx::FromRow)]
struct StoredSecret {
    id: i64,
    workspace_id: i64,
    value: String,
}

/// A workspace's identity secret, its value sealed.
#[derive(sqlx::FromRow)]
struct SecretRow {
    id: i64,
    value: String,
    created_at: Millis,
    retires_at: Option<Millis>,
}

/// A session with what decides whether it is still usable.
#[derive(sqlx::FromRow)]
struct SessionRow {
    workspace_id: i64,
    customer_id: i64,
    secret_id: i64,
    origin: String,
    kind: String,
    allowed_origins: String,
    expires_at: Millis,
    sees_company_tickets: bool,
    in_audience: bool,
}

#[derive(sqlx::FromRow)]
struct RevokedSession {
    workspace_id: i64,
    customer_id: i64,
}

/// What a workspace's sealed identity secret is bound to.
fn secret_context(workspace: i64) -> String {
    format!("identity secret of workspace {workspace}")
}

/// A column holding sealed values: its table, the table's key, and the
/// context each value is sealed with (from its workspace).
struct SealedColumn {
    table: &'static str,
    key: &'static str,
    column: &'static str,
    context: fn(WorkspaceId) -> String,
}

const SEALED_COLUMNS: [SealedColumn; 4] = [
    SealedColumn { table: "identity_secrets", key: "id", column: "value", context: |ws| secret_context(ws.0) },
    SealedColumn { table: "webhook_endpoints", key: "id", column: "secret", context: super::webhooks::secret_context },
    SealedColumn {
        table: "slack_connections",
        key: "workspace_id",
        column: "bot_token",
        context: super::slack::token_context,
    },
    SealedColumn {
        table: "slack_connections",
        key: "workspace_id",
        column: "signing_secret",
        context: super::slack::secret_context,
    },
];

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// In one transaction: checks that every stored secret (identity
    /// secrets, webhook secrets, Slack tokens and signing secrets) opens
    /// with `keys`, and seals again with `keys`' first key those `again`
    /// picks (by their stored value). Returns how many were sealed.
    pub(super) async fn reseal(&self, keys: &KeyRing, again: impl Fn(&str) -> bool) -> Result<u64> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let mut sealed = 0;
        for SealedColumn { table, key, column, context } in SEALED_COLUMNS {
            // Names from the list above, never input.
            let rows = sqlx::query_as::<_, StoredSecret>(&format!(
                "SELECT {key} AS id, workspace_id, {column} AS value FROM {table}"
            ))
            .fetch_all(&mut *tx)
            .await?;
            for StoredSecret { id, workspace_id: workspace, value } in rows {
                let context = context(WorkspaceId(workspace));
                let seal_again = again(&value);
                let plain = if KeyRing::is_sealed(&value) { keys.unseal(&value, &context)? } else { value };
                if seal_again {
                    sqlx::query(&format!("UPDATE {table} SET {column} = $2 WHERE {key} = $1"))
                        .bind(id)
                        .bind(keys.seal(&plain, &context).as_str())
                        .execute(&mut *tx)
                        .await?;
                    sealed += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(sealed)
    }

    /// Applies the rules to one customer, in its own transaction, and
    /// returns the customer as decided.
    async fn apply_rules_to(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Customer> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        Self::apply_rules(&mut tx, workspace, Ruled::One(customer)).await?;
        let row = Self::customer_row(&mut tx, workspace, customer).await?;
        tx.commit().await?;
        Ok(customer_from_row(workspace, row))
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> IdentityStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn add_secret(&self, workspace: WorkspaceId, value: &str, now: Millis) -> Result<Secret> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace.0)
        .bind(self.keys.seal(value, &secret_context(workspace.0)).as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(Secret {
            id: SecretId(id),
            workspace_id: workspace,
            value: value.to_string(),
            created_at: now,
            retires_at: None,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn rotate_secret(
        &self,
        workspace: WorkspaceId,
        new_value: &str,
        now: Millis,
        retire_at: Millis,
    ) -> Result<Secret> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Every secret still active retires at `retire_at`, or keeps its own
        // earlier retirement.
        sqlx::query(
            "UPDATE identity_secrets \
             SET retires_at = CASE WHEN retires_at IS NOT NULL AND retires_at < $2 THEN retires_at ELSE $2 END \
             WHERE workspace_id = $1 AND (retires_at IS NULL OR retires_at > $3)",
        )
        .bind(workspace.0)
        .bind(retire_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace.0)
        .bind(self.keys.seal(new_value, &secret_context(workspace.0)).as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Secret {
            id: SecretId(id),
            workspace_id: workspace,
            value: new_value.to_string(),
            created_at: now,
            retires_at: None,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn active_secrets(&self, workspace: WorkspaceId, now: Millis) -> Result<Vec<Secret>> {
        let rows = sqlx::query_as::<_, SecretRow>(
            "SELECT id, value, created_at, retires_at FROM identity_secrets \
             WHERE workspace_id = $1 AND (retires_at IS NULL OR retires_at > $2) \
             ORDER BY created_at, id",
        )
        .bind(workspace.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        let context = secret_context(workspace.0);
        rows.into_iter()
            .map(|row| {
                Ok(Secret {
                    id: SecretId(row.id),
                    workspace_id: workspace,
                    value: self.keys.unseal(&row.value, &context)?,
                    created_at: row.created_at,
                    retires_at: row.retires_at,
                })
            })
            .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn reseal_secrets(&self, keys: &KeyRing) -> Result<u64> {
        self.reseal(keys, |_| true).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn upsert_customer(
        &self,
        workspace: WorkspaceId,
        email: &Email,
        name: &CustomerName,
        now: Millis,
    ) -> Result<Customer> {
        let key = email.key();
        // The common case, a returning customer under the same name, only reads.
        let existing = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND email_key = $2"
        ))
        .bind(workspace.0)
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let id = match existing {
            Some(row) if row.name == name.as_str() => return Ok(customer_from_row(workspace, row)),
            Some(row) => sqlx::query_scalar::<_, i64>(
                "UPDATE customers SET name = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2 RETURNING id",
            )
            .bind(workspace.0)
            .bind(row.id)
            .bind(name.as_str())
            .bind(now)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?,
            // A concurrent first sign-in may insert the same key in between;
            // the upsert then updates that row instead.
            None => {
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (workspace_id, email_key) DO UPDATE \
                     SET name = excluded.name, updated_at = excluded.updated_at \
                     RETURNING id",
                )
                .bind(workspace.0)
                .bind(email.as_str())
                .bind(key.as_str())
                .bind(name.as_str())
                .bind(now)
                .fetch_one(&self.pool)
                .await?
            }
        };
        // A new customer needs the rules' decisions; a new name changes none
        // (it is display-only), and applying them again is harmless.
        self.apply_rules_to(workspace, CustomerId(id)).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer(&self, scope: &CustomerScope) -> Result<Customer> {
        let row = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(customer_from_row(scope.workspace_id(), row))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_by_email(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<Customer>> {
        let row = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND email_key = $2"
        ))
        .bind(workspace.0)
        .bind(email.key().as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| customer_from_row(workspace, row)))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn open_session(&self, new: &NewSession, now: Millis) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (workspace_id, customer_id, secret_id, token_hash, origin, created_at, expires_at, \
             kind, browser) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new.workspace_id.0)
        .bind(new.customer_id.0)
        .bind(new.secret_id.0)
        .bind(new.token_hash.as_slice())
        .bind(new.origin.as_str())
        .bind(now)
        .bind(new.expires_at)
        .bind(new.kind.as_str())
        .bind(new.browser.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn active_session(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveSession>> {
        let row = sqlx::query_as::<_, SessionRow>(
            "SELECT s.workspace_id, s.customer_id, s.secret_id, s.origin, s.kind, w.allowed_origins, s.expires_at, \
             c.sees_company_tickets, c.in_audience \
             FROM sessions s \
             JOIN workspaces w ON w.id = s.workspace_id \
             JOIN identity_secrets k ON k.workspace_id = s.workspace_id AND k.id = s.secret_id \
             JOIN customers c ON c.workspace_id = s.workspace_id AND c.id = s.customer_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND (k.retires_at IS NULL OR k.retires_at > $2) AND c.disabled_at IS NULL AND w.portal_enabled",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(SessionRow {
            workspace_id,
            customer_id,
            secret_id,
            origin,
            kind,
            allowed_origins: allowed,
            expires_at,
            sees_company_tickets,
            in_audience,
        }) = row
        else {
            return Ok(None);
        };
        let allowed = origins_from_json(&allowed)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace_id}: stored allowed origins: {e}")))?;
        Ok(Some(ActiveSession {
            workspace_id: WorkspaceId(workspace_id),
            customer_id: CustomerId(customer_id),
            secret_id: SecretId(secret_id),
            origin_allowed: allowed.iter().any(|o| o.as_str() == origin),
            kind: SessionKind::parse(&kind).ok_or_else(|| {
                StoreError::Corrupt(format!("workspace {workspace_id}: stored session kind {kind:?}"))
            })?,
            origin,
            expires_at,
            sees_company_tickets,
            in_audience,
        }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn revoke_session(&self, token_hash: &[u8], now: Millis) -> Result<bool> {
        // Live means what `active_session` would return.
        let revoked = sqlx::query_as::<_, RevokedSession>(
            "UPDATE sessions SET revoked_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 \
             AND EXISTS (SELECT 1 FROM identity_secrets k \
                 WHERE k.workspace_id = sessions.workspace_id AND k.id = sessions.secret_id \
                 AND (k.retires_at IS NULL OR k.retires_at > $2)) \
             RETURNING workspace_id, customer_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(RevokedSession { workspace_id: workspace, customer_id: customer }) = revoked else {
            return Ok(false);
        };
        // The session's live connections re-check it now, not at their next round.
        self.wake_now(Wake::Customer(WorkspaceId(workspace), CustomerId(customer))).await;
        Ok(true)
    }
}
