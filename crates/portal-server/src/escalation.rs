//! The escalation sweep: every [`EVERY`], each instance asks the store to
//! fire the escalation rules that are due. The store fires each rule once
//! per ticket whichever instance gets there first, and the timers are the
//! tickets' own times, so they survive restarts.

use portal_app::state::{AppState, now_millis};
use std::time::Duration;

/// How often rules are checked: an escalation fires at most this late.
pub const EVERY: Duration = Duration::from_secs(20);

pub async fn sweep(state: AppState) {
    loop {
        tokio::time::sleep(EVERY).await;
        match state.store.escalate_due(now_millis()).await {
            Ok(fired) => {
                for escalated in fired {
                    tracing::info!(
                        target: "audit",
                        event = "ticket.escalated",
                        workspace = escalated.workspace_id.0,
                        ticket = escalated.ticket_number.0,
                        rule = escalated.rule,
                    );
                }
            }
            Err(error) => tracing::warn!(%error, "the escalation sweep failed"),
        }
    }
}
