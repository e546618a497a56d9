//! The SQL implementation of [`AccountStore`].

use super::shared::{CustomerRow, customer_columns, customer_from_row};
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{AccountStore, CodePurpose, Customer, NewEmailSignIn, NewSignInCode, RedeemedCode, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::{
    AccessEvent, AccessEventKind, CustomerId, Millis, SecretId, SessionKind, SessionRecord, WorkspaceId,
};
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct SessionRecordRow {
    kind: String,
    origin: String,
    browser: String,
    created_at: Millis,
    expires_at: Millis,
    revoked_at: Option<Millis>,
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    at: Millis,
    event: String,
    kind: String,
    origin: String,
    browser: String,
}

fn stored_kind(raw: &str) -> Result<SessionKind> {
    SessionKind::parse(raw).ok_or_else(|| StoreError::Corrupt(format!("stored session kind {raw:?}")))
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    async fn customer_by_id(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Customer> {
        let row = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(customer_from_row(workspace, row))
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> AccountStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_sign_in_code(&self, code: &NewSignInCode, now: Millis) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_codes WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query(
            "INSERT INTO sign_in_codes (code_hash, workspace_id, customer_id, secret_id, purpose, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(code.code_hash.as_slice())
        .bind(code.workspace_id.0)
        .bind(code.customer_id.0)
        .bind(code.secret_id.0)
        .bind(code.purpose.as_str())
        .bind(code.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn redeem_sign_in_code(
        &self,
        workspace: WorkspaceId,
        purpose: CodePurpose,
        code_hash: &[u8],
        now: Millis,
    ) -> Result<Option<RedeemedCode>> {
        // One DELETE ... RETURNING: of two requests racing, one gets the row.
        let row = sqlx::query_as::<_, (i64, i64, Millis)>(
            "DELETE FROM sign_in_codes WHERE workspace_id = $1 AND code_hash = $2 AND purpose = $3 \
             RETURNING customer_id, secret_id, expires_at",
        )
        .bind(workspace.0)
        .bind(code_hash)
        .bind(purpose.as_str())
        .fetch_optional(&self.pool)
        .await?;
        sqlx::query("DELETE FROM sign_in_codes WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        let Some((customer, secret, _)) = row.filter(|&(_, _, expires_at)| expires_at > now) else {
            return Ok(None);
        };
        let customer = self.customer_by_id(workspace, CustomerId(customer)).await?;
        Ok(Some(RedeemedCode { customer, secret_id: SecretId(secret) }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn start_email_sign_in(&self, sign_in: &NewEmailSignIn) -> Result<()> {
        // One statement: two requests at once each replace the waiting
        // sign-in, neither fails on the other's row.
        sqlx::query(
            "INSERT INTO email_sign_ins (workspace_id, customer_id, code_hash, link_hash, tries_left, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workspace_id, customer_id) DO UPDATE SET \
             code_hash = excluded.code_hash, link_hash = excluded.link_hash, tries_left = excluded.tries_left, \
             expires_at = excluded.expires_at",
        )
        .bind(sign_in.workspace_id.0)
        .bind(sign_in.customer_id.0)
        .bind(sign_in.code_hash.as_slice())
        .bind(sign_in.link_hash.as_slice())
        .bind(i64::from(sign_in.tries))
        .bind(sign_in.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn redeem_email_code(
        &self,
        workspace: WorkspaceId,
        email: &portal_core::Email,
        code_hash: &[u8],
        now: Millis,
    ) -> Result<Option<Customer>> {
        let customer =
            sqlx::query_scalar::<_, i64>("SELECT id FROM customers WHERE workspace_id = $1 AND email_key = $2")
                .bind(workspace.0)
                .bind(email.key())
                .fetch_optional(&self.pool)
                .await?;
        let Some(customer) = customer else { return Ok(None) };
        // Each step is one statement, so two guesses at once cannot both
        // spend the last try: the right code is taken while tries are left,
        // a wrong one spends a try, and a sign-in out of tries or time goes.
        let taken = sqlx::query_scalar::<_, i64>(
            "DELETE FROM email_sign_ins WHERE workspace_id = $1 AND customer_id = $2 AND code_hash = $3 \
             AND tries_left > 0 AND expires_at > $4 RETURNING customer_id",
        )
        .bind(workspace.0)
        .bind(customer)
        .bind(code_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if taken.is_none() {
            sqlx::query(
                "UPDATE email_sign_ins SET tries_left = tries_left - 1 WHERE workspace_id = $1 AND customer_id = $2",
            )
            .bind(workspace.0)
            .bind(customer)
            .execute(&self.pool)
            .await?;
            sqlx::query(
                "DELETE FROM email_sign_ins WHERE workspace_id = $1 AND customer_id = $2 \
                 AND (tries_left <= 0 OR expires_at <= $3)",
            )
            .bind(workspace.0)
            .bind(customer)
            .bind(now)
            .execute(&self.pool)
            .await?;
            return Ok(None);
        }
        self.customer_by_id(workspace, CustomerId(customer)).await.map(Some)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn redeem_email_link(
        &self,
        workspace: WorkspaceId,
        link_hash: &[u8],
        now: Millis,
    ) -> Result<Option<Customer>> {
        let taken = sqlx::query_as::<_, (i64, Millis)>(
            "DELETE FROM email_sign_ins WHERE workspace_id = $1 AND link_hash = $2 RETURNING customer_id, expires_at",
        )
        .bind(workspace.0)
        .bind(link_hash)
        .fetch_optional(&self.pool)
        .await?;
        match taken.filter(|&(_, expires_at)| expires_at > now) {
            Some((customer, _)) => self.customer_by_id(workspace, CustomerId(customer)).await.map(Some),
            None => Ok(None),
        }
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_sessions(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        limit: u32,
    ) -> Result<Vec<SessionRecord>> {
        let rows = sqlx::query_as::<_, SessionRecordRow>(
            "SELECT kind, origin, browser, created_at, expires_at, revoked_at FROM sessions \
             WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(SessionRecord {
                    kind: stored_kind(&row.kind)?,
                    origin: row.origin,
                    browser: row.browser,
                    created_at: row.created_at,
                    expires_at: row.expires_at,
                    revoked_at: row.revoked_at,
                })
            })
            .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn revoke_customer_sessions(&self, workspace: WorkspaceId, customer: CustomerId, now: Millis) -> Result<u64> {
        let revoked = sqlx::query_scalar::<_, i64>(
            "UPDATE sessions SET revoked_at = $3 \
             WHERE workspace_id = $1 AND customer_id = $2 AND revoked_at IS NULL AND expires_at > $3 RETURNING id",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        if !revoked.is_empty() {
            self.wake_now(Wake::Customer(workspace, customer)).await;
        }
        Ok(revoked.len() as u64)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn record_access(&self, workspace: WorkspaceId, customer: CustomerId, event: &AccessEvent) -> Result<()> {
        sqlx::query(
            "INSERT INTO access_log (workspace_id, customer_id, at, event, kind, origin, browser) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(event.at)
        .bind(event.event.as_str())
        .bind(event.kind.as_str())
        .bind(event.origin.as_str())
        .bind(event.browser.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn access_log(&self, workspace: WorkspaceId, customer: CustomerId, limit: u32) -> Result<Vec<AccessEvent>> {
        let rows = sqlx::query_as::<_, AccessRow>(
            "SELECT at, event, kind, origin, browser FROM access_log \
             WHERE workspace_id = $1 AND customer_id = $2 ORDER BY at DESC, id DESC LIMIT $3",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AccessEvent {
                    at: row.at,
                    event: AccessEventKind::parse(&row.event)
                        .ok_or_else(|| StoreError::Corrupt(format!("stored access event {:?}", row.event)))?,
                    kind: stored_kind(&row.kind)?,
                    origin: row.origin,
                    browser: row.browser,
                })
            })
            .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn purge_access_log(&self, before: Millis) -> Result<u64> {
        let purged = sqlx::query_scalar::<_, i64>("DELETE FROM access_log WHERE at < $1 RETURNING id")
            .bind(before)
            .fetch_all(&self.pool)
            .await?;
        Ok(purged.len() as u64)
    }
}
