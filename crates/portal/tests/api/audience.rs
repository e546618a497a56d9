//! The portal's audience over HTTP: a verified customer outside it gets
//! "no access" and no session; a session whose customer leaves it gets "no
//! access" on every customer-data path; the command line sets it and
//! previews it.

use crate::app::*;
use portal::commands;
use portal_app::PortalError;

#[tokio::test(flavor = "multi_thread")]
async fn customers_outside_the_audience_get_no_access_and_no_data() {
    on_each_backend("customers_outside_the_audience_get_no_access_and_no_data", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let kim = app.sign_in("kim@other.test").await;
        app.customer_with_tickets(app.workspace.id, "kim@other.test", &["KIM-TICKET"]).await;
        app.sign_in("sam@example.com").await;

        let preview = commands::preview_audience(store, SLUG, &["email contains example.com".into()]).await.unwrap();
        assert!(preview.starts_with("1 of 2 customer(s) match.") && preview.contains("sam@example.com"), "{preview}");
        assert!(!preview.contains("kim@"), "{preview}");
        let said = commands::set_audience(store, SLUG, &["email contains example.com".into()]).await.unwrap();
        assert!(said.contains("1 of 2 customer(s) may use the portal"), "{said}");

        // Kim's open session now reaches nothing.
        let token = Some(kim.token.as_str());
        let page = app.post("/api/portal/page", &serde_json::json!({ "path": "" }), token).await;
        expect_error(page, 403, &PortalError::NoAccess, "Kim's list").await;
        expect_error(app.tickets(token).await, 403, &PortalError::NoAccess, "Kim's tickets").await;

        // A new sign-in is refused with "no access", and opens no session.
        let before = app.rows().await;
        let body = sign_in_body(SLUG, ORIGIN, "Kim", "kim@other.test", &app.hash("kim@other.test"));
        expect_error(app.open_session(&body).await, 403, &PortalError::NoAccess, "Kim signs in").await;
        assert_eq!(app.rows().await.sessions, before.sessions, "no session was opened");
        assert!(app.sign_in("sam@example.com").await.token.len() > 10, "Sam is in the audience");

        // Bad conditions change nothing.
        for bad in ["plan equals x", "email like x", "email"] {
            assert!(commands::set_audience(store, SLUG, &[bad.into()]).await.is_err(), "{bad}");
        }
        let kept = store.portal_audience(app.workspace.id).await.unwrap();
        assert_eq!(kept.conditions.len(), 1, "the audience is unchanged");

        // No conditions: everyone again, and Kim's session works again.
        commands::set_audience(store, SLUG, &[]).await.unwrap();
        let titles = app.ticket_titles(&kim.token).await;
        assert_eq!(titles, ["KIM-TICKET"]);
    })
    .await;
}

/// A customer's name comes unsigned with every sign-in, so no rule may read
/// it: conditions on it are refused, and rules stored before that are kept
/// but fail closed (a restriction holds for everyone, an audience admits
/// nobody) until they are edited.
#[tokio::test(flavor = "multi_thread")]
async fn a_customers_name_decides_no_access() {
    use portal_core::{AgentScope, CompanyKey};
    on_each_backend("a_customers_name_decides_no_access", |db| async move {
        let app = spawn_app(db).await;
        let (store, ws) = (&*app.store, app.workspace.id);
        let fields = "email, attributes.<key>, company.key, company.name or company.attributes.<key>";
        for refused in [
            commands::set_audience(store, SLUG, &["name contains VIP".into()]).await,
            commands::preview_audience(store, SLUG, &["name contains VIP".into()]).await,
            commands::set_visibility(store, SLUG, true, &["name contains contractor".into()], false).await,
        ] {
            let error = refused.unwrap_err().to_string();
            assert!(error.contains("does not sign it") && error.contains(fields), "{error}");
        }

        // Rules stored while conditions could name it.
        app.db
            .execute(
                r#"UPDATE workspaces SET ticket_visibility =
                   '{"restricted":true,"conditions":[{"attribute":"name","operator":"contains","value":"contractor"}]}'"#,
            )
            .await;
        let globex = CompanyKey::parse("globex").unwrap();
        let now = portal_server::now_millis();
        store.upsert_company(ws, &globex, "Globex", now).await.unwrap();
        for (email, title) in [("ann@globex.example", "ANN-OWN"), ("bob@globex.example", "BOB-OWN")] {
            let customer = app.customer_with_tickets(ws, email, &[title]).await;
            store.set_customer_companies(ws, customer, std::slice::from_ref(&globex)).await.unwrap();
        }
        let hash = [9u8; 32];
        store.create_api_token(ws, &portal_core::TokenName::parse("name test").unwrap(), &hash, now).await.unwrap();
        let agent = AgentScope::for_api_token(&store.active_api_token(&hash).await.unwrap().unwrap());
        for ticket in store.agent_list_tickets(&agent, 10).await.unwrap() {
            store.agent_update_ticket(&agent, ticket.number, None, None, Some(Some(&globex)), now).await.unwrap();
        }

        // Ann's name holds no "contractor", which once let her see Globex's
        // tickets; the rule restricts everyone now.
        let body = sign_in_body(SLUG, ORIGIN, "Ann", "ann@globex.example", &app.hash("ann@globex.example"));
        let ann: portal_core::SessionGrant = expect_ok(app.open_session(&body).await, "Ann signs in").await;
        assert_eq!(app.ticket_titles(&ann.token).await, ["ANN-OWN"]);
        let kept = commands::set_visibility(store, SLUG, true, &[], false).await.unwrap_err().to_string();
        assert!(kept.contains("\"name contains contractor\"") && kept.contains("--condition"), "{kept}");

        // An audience on the name admits nobody, whatever name is sent.
        app.db
            .execute(
                r#"UPDATE workspaces SET portal_audience =
                   '{"conditions":[{"attribute":"name","operator":"contains","value":"vip"}]}'"#,
            )
            .await;
        let before = app.rows().await;
        let body = sign_in_body(SLUG, ORIGIN, "Carl VIP", "carl@other.example", &app.hash("carl@other.example"));
        expect_error(app.open_session(&body).await, 403, &PortalError::NoAccess, "Carl calls himself a VIP").await;
        assert_eq!(app.rows().await.sessions, before.sessions, "no session was opened");

        // Edited, the rules work on signed facts again.
        commands::set_audience(store, SLUG, &[]).await.unwrap();
        commands::set_visibility(store, SLUG, true, &["email ends_with @contractor.example".into()], false)
            .await
            .unwrap();
        assert_eq!(app.ticket_titles(&ann.token).await, ["ANN-OWN", "BOB-OWN"]);
    })
    .await;
}
