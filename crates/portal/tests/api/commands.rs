//! The operator's commands as a newcomer meets them: output ready to copy
//! or paste, and the portal switched on and off from the shell.

use crate::app::*;
use portal::commands::{self, SnippetPart};
use portal_server::now_millis;

#[tokio::test(flavor = "multi_thread")]
async fn secret_show_prints_the_current_secret_alone_and_all_on_request() {
    on_each_backend("secret_show_prints_the_current_secret_alone_and_all_on_request", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let first = store.active_secrets(app.workspace.id, now_millis()).await.unwrap().pop().unwrap().value;
        assert_eq!(commands::show_secrets(store, SLUG, false).await.unwrap(), first, "the bare secret, nothing else");

        commands::rotate_secret(store, SLUG, std::time::Duration::from_secs(3600)).await.unwrap();
        let shown = commands::show_secrets(store, SLUG, false).await.unwrap();
        assert_ne!(shown, first, "after a rotation, the new secret is the one to sign with");
        assert_eq!(shown.len(), 64);
        let all = commands::show_secrets(store, SLUG, true).await.unwrap();
        let lines: Vec<&str> = all.lines().collect();
        assert_eq!(lines.len(), 2, "{all}");
        assert!(lines.iter().any(|l| l.starts_with(&first) && l.contains("(retires ")), "{all}");
        assert!(lines.iter().any(|l| *l == format!("{shown}  (current)")), "{all}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn snippet_parts_print_alone_ready_to_paste() {
    on_each_backend("snippet_parts_print_alone_ready_to_paste", |db| async move {
        let app = spawn_app(db).await;
        let portal = portal_core::Origin::parse("https://support.example").unwrap();
        let head = commands::snippet(&*app.store, SLUG, &portal, SnippetPart::Head).await.unwrap();
        assert!(head.trim_start().starts_with("<script"), "{head}");
        assert!(head.contains("\"https://support.example\"") && head.contains("loader.js"), "{head}");
        assert!(!head.contains("In <head>"), "{head}");
        let iframe = commands::snippet(&*app.store, SLUG, &portal, SnippetPart::Iframe).await.unwrap();
        assert_eq!(iframe, portal_server::widget::IFRAME_TAG);
        let both = commands::snippet(&*app.store, SLUG, &portal, SnippetPart::Both).await.unwrap();
        assert!(both.contains("In <head>:") && both.contains(&head) && both.contains(&iframe), "{both}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_portal_is_switched_off_and_on_from_the_shell() {
    on_each_backend("the_portal_is_switched_off_and_on_from_the_shell", |db| async move {
        let app = spawn_app(db).await;
        let ws = app.workspace.id;
        assert!(app.store.portal_enabled(ws).await.unwrap(), "the test workspace's portal is switched on");
        let grant = app.sign_in("ann@example.com").await;

        let said = commands::set_portal_enabled(&*app.store, SLUG, false).await.unwrap();
        assert!(said.contains("off"), "{said}");
        assert!(!app.store.portal_enabled(ws).await.unwrap());
        assert_eq!(app.tickets(Some(&grant.token)).await.status(), 401, "its sessions have ended");

        commands::set_portal_enabled(&*app.store, SLUG, true).await.unwrap();
        assert!(app.store.portal_enabled(ws).await.unwrap());

        // Without an allowed origin there is nothing to switch on: refused, nothing changed.
        commands::set_portal_enabled(&*app.store, SLUG, false).await.unwrap();
        app.store.set_allowed_origins(ws, &AllowedOrigins::default()).await.unwrap();
        let refused = commands::set_portal_enabled(&*app.store, SLUG, true).await.unwrap_err();
        assert!(refused.to_string().contains("no allowed origin"), "{refused}");
        assert!(!app.store.portal_enabled(ws).await.unwrap());
        assert!(commands::set_portal_enabled(&*app.store, "nope", true).await.is_err(), "an unknown workspace");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_workspace_starts_with_its_portal_off() {
    on_each_backend("a_new_workspace_starts_with_its_portal_off", |db| async move {
        let app = spawn_app(db).await;
        let said =
            commands::create_workspace(&*app.store, "globex", "Globex", "Hi", &[ORIGIN.to_string()]).await.unwrap();
        assert!(
            said.contains("portal is off") && said.contains("portal workspace enable --workspace globex"),
            "{said}"
        );
        let ws = app.store.workspace_by_slug(&slug("globex")).await.unwrap().unwrap();
        assert!(!ws.portal_enabled && !app.store.portal_enabled(ws.id).await.unwrap());
        // Nothing signs in until it is switched on.
        let secret = app.store.active_secrets(ws.id, now_millis()).await.unwrap().remove(0).value;
        let hash = sign_email(secret.as_bytes(), "ann@example.com");
        let response = app.open_session(&sign_in_body("globex", ORIGIN, "Ann", "ann@example.com", &hash)).await;
        expect_error(response, 404, &portal_app::PortalError::NotEnabled, "sign-in on a new workspace").await;
        assert_eq!(app.rows().await, Rows::NONE);
        commands::set_portal_enabled(&*app.store, "globex", true).await.unwrap();
        app.sign_in_with("globex", ORIGIN, "ann@example.com", &hash).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn jwt_only_is_switched_from_the_shell() {
    on_each_backend("jwt_only_is_switched_from_the_shell", |db| async move {
        let app = spawn_app(db).await;
        let said = commands::set_jwt_only(&*app.store, SLUG, true).await.unwrap();
        assert!(said.contains("only sign-in tokens"), "{said}");
        assert!(app.store.workspace(app.workspace.id).await.unwrap().unwrap().jwt_only);
        let said = commands::set_jwt_only(&*app.store, SLUG, false).await.unwrap();
        assert!(said.contains("and verification hashes"), "{said}");
        assert!(!app.store.workspace(app.workspace.id).await.unwrap().unwrap().jwt_only);
        assert!(commands::set_jwt_only(&*app.store, "nope", true).await.is_err(), "an unknown workspace");
    })
    .await;
}
