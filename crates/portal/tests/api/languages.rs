//! Every language: the console speaks the browser's language (else the
//! workspace's default, else English before signing in) and mirrors for
//! Arabic; admins set the default language and translate the workspace's
//! own texts in the settings, every bad value refused with nothing changed;
//! the frame's pages answer in the customer's language with those texts.

use crate::app::*;
use crate::console::{ADMIN, AGENT, Console, account, console};
use reqwest::StatusCode;
use serde_json::json;

/// The page's `<html>` start tag.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").unwrap_or_else(|| panic!("an <html> tag in {page}"));
    &page[start..start + page[start..].find('>').unwrap()]
}

async fn page_in(c: &Console<'_>, path: &str, languages: &str) -> String {
    let response = c.get_in(path, languages).await;
    assert_eq!(response.status(), StatusCode::OK, "{path} in {languages}");
    response.text().await.unwrap()
}

/// The behaviour form as the settings page sends it, with `default_locale`.
fn behaviour(default_locale: &str) -> [(&'static str, &str); 3] {
    [("session_hours", "24"), ("reopen", "on"), ("default_locale", default_locale)]
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_speaks_the_browsers_language_else_the_workspaces() {
    on_each_backend("languages_the_console_speaks_the_browsers_language", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        account(&app, "acme", AGENT, "agent").await;

        // Before signing in: the browser's language, else English.
        let sign_in = |languages: Option<&'static str>| {
            let mut request = app.client.get(app.url("/console/login"));
            if let Some(languages) = languages {
                request = request.header("accept-language", languages);
            }
            async move { request.send().await.unwrap().text().await.unwrap() }
        };
        let english = sign_in(None).await;
        assert_eq!(html_tag(&english), r#"<html lang="en" dir="ltr""#);
        assert!(english.contains("Sign in") && english.contains("Password"), "{english}");
        let german = sign_in(Some("de-DE,de;q=0.9,en;q=0.8")).await;
        assert_eq!(html_tag(&german), r#"<html lang="de" dir="ltr""#);
        assert!(german.contains("Anmelden") && german.contains("Passwort"), "{german}");
        let arabic = sign_in(Some("ar")).await;
        assert_eq!(html_tag(&arabic), r#"<html lang="ar" dir="rtl""#);
        assert!(arabic.contains("تسجيل الدخول"), "{arabic}");
        assert_eq!(html_tag(&sign_in(Some("sv, nl;q=0.5")).await), r#"<html lang="en" dir="ltr""#);
        // A refused sign-in says why in the browser's language.
        let refused = app
            .client
            .post(app.url("/console/login"))
            .header("sec-fetch-site", "same-origin")
            .header("accept-language", "fr")
            .form(&[("workspace", "acme"), ("email", ADMIN), ("password", "not the password")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        let refused = refused.text().await.unwrap();
        assert!(refused.contains("le mot de passe est incorrect") && refused.contains(r#"lang="fr""#), "{refused}");

        // Signed in: the browser's language, else the workspace's default (English).
        let c = console(&app, "acme", ADMIN).await;
        let inbox = page_in(&c, "/console/inbox", "de").await;
        assert_eq!(html_tag(&inbox), r#"<html lang="de" dir="ltr""#);
        for german in ["Posteingang", "Tickets durchsuchen", "Abmelden", "Portaleinstellungen"] {
            assert!(inbox.contains(german), "{german} in {inbox}");
        }
        assert!(!inbox.contains(">Inbox<") && !inbox.contains("Sign out"), "no English left: {inbox}");
        let arabic = page_in(&c, "/console/settings", "ar-EG").await;
        assert_eq!(html_tag(&arabic), r#"<html lang="ar" dir="rtl""#);
        assert!(arabic.contains("إعدادات البوابة"), "{arabic}");
        let english = c.get("/console/inbox").await.text().await.unwrap();
        assert_eq!(html_tag(&english), r#"<html lang="en" dir="ltr""#);
        assert!(english.contains("Inbox") && english.contains("Sign out"), "{english}");

        // A refusal in German: the console's own reason, and a validation error's.
        let look = [("greeting", "Hi"), ("brand_color", "red"), ("logo_url", ""), ("theme", "auto")];
        let refused = c.post_in("/console/settings/look", &look, "de").await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let refused = refused.text().await.unwrap();
        assert!(refused.contains("Nichts wurde geändert: die Markenfarbe muss eine Hex-Farbe"), "{refused}");
        let origins = c.post_in("/console/settings/origins", &[("origins", "*")], "de").await.text().await.unwrap();
        assert!(origins.contains("Nichts wurde geändert: ") && origins.contains("ist kein Origin"), "{origins}");

        // A workspace whose default language is Japanese: Japanese without a
        // preference, the browser's language when the portal speaks it.
        assert_eq!(c.post("/console/settings/behaviour", &behaviour("ja")).await.status(), StatusCode::OK);
        let japanese = c.get("/console/inbox").await.text().await.unwrap();
        assert_eq!(html_tag(&japanese), r#"<html lang="ja" dir="ltr""#);
        assert!(japanese.contains("受信箱") && japanese.contains("ログアウト"), "{japanese}");
        let agent = console(&app, "acme", AGENT).await;
        let agents_page = agent.get("/console/customers").await.text().await.unwrap();
        assert_eq!(html_tag(&agents_page), r#"<html lang="ja" dir="ltr""#, "every account of the workspace");
        assert_eq!(html_tag(&page_in(&agent, "/console/customers", "sv").await), r#"<html lang="ja" dir="ltr""#);
        assert_eq!(html_tag(&page_in(&agent, "/console/customers", "es").await), r#"<html lang="es" dir="ltr""#);
        // The agent's refusal of the settings page is Japanese too.
        let forbidden = agent.get("/console/settings").await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
        assert!(forbidden.text().await.unwrap().contains("このページは管理者のみ開けます。"));
        // Before signing in, the workspace is not known: English.
        assert_eq!(html_tag(&sign_in(None).await), r#"<html lang="en" dir="ltr""#);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_set_the_default_language_and_translate_the_workspaces_texts() {
    on_each_backend("languages_admins_set_the_default_and_translate", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let stored = || async { app.store.workspace(ws).await.unwrap().unwrap() };
        assert_eq!(stored().await.default_locale.tag(), "en");
        let page = c.get("/console/settings").await.text().await.unwrap();
        assert!(page.contains(r#"name="default_locale""#) && page.contains("Deutsch") && page.contains("العربية"));

        // The default language: saved, or refused with nothing changed.
        assert_eq!(c.post("/console/settings/behaviour", &behaviour("pt-BR")).await.status(), StatusCode::OK);
        assert_eq!(stored().await.default_locale.tag(), "pt-BR");
        // Portuguese now, unless the browser asks for another language.
        let page = c.get("/console/settings").await.text().await.unwrap();
        assert_eq!(html_tag(&page), r#"<html lang="pt-BR" dir="ltr""#);
        let before = stored().await;
        for bad in ["klingon", "pt", "de-AT", "*", "en;q=1", &"x".repeat(5000)] {
            let form = [("session_hours", "48"), ("default_locale", bad)];
            let refused = c.post_in("/console/settings/behaviour", &form, "en").await;
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad}");
            let refused = refused.text().await.unwrap();
            assert!(refused.contains("Nothing was changed: there is no language"), "{bad}: {refused}");
        }
        assert_eq!(stored().await, before, "a refused language changes nothing, the lifetime neither");
        // Not sent (an older form): the language stays.
        assert_eq!(c.post("/console/settings/behaviour", &[("session_hours", "24")]).await.status(), StatusCode::OK);
        assert_eq!(stored().await.default_locale.tag(), "pt-BR");
        assert_eq!(c.post("/console/settings/behaviour", &behaviour("en")).await.status(), StatusCode::OK);

        // The translations part offers every language but the default, French
        // when asked, its fields showing the texts as written.
        let french = c.get("/console/settings?language=fr").await.text().await.unwrap();
        let form_at = french.find(r#"data-testid="settings-translations""#).expect("the translations form");
        let form = &french[form_at..form_at + french[form_at..].find("</form>").unwrap()];
        assert!(form.contains(r#"name="language" value="fr""#), "{form}");
        for original in ["Question", "Problem", "Feature request"] {
            assert!(form.contains(&format!(r#"name="type:{original}""#)), "{original} in {form}");
            assert!(form.contains(&format!(r#"placeholder="{original}""#)), "{original} in {form}");
        }
        assert!(form.contains(&format!(r#"placeholder="{GREETING}""#)), "{form}");
        let picker_at = french.find(r#"data-testid="translations-language""#).expect("the language picker");
        let picker = &french[picker_at..picker_at + french[picker_at..].find("</form>").unwrap()];
        assert!(picker.contains(r#"value="ja""#) && !picker.contains(r#"value="en""#), "not the default: {picker}");
        // An unknown language asked for shows the first one offered.
        let unknown = c.get("/console/settings?language=xx").await;
        assert_eq!(unknown.status(), StatusCode::OK);
        assert!(unknown.text().await.unwrap().contains(r#"name="language" value="de""#));

        let save = |language: &'static str, greeting: &'static str, question: &'static str| {
            [("language", language), ("greeting", greeting), ("type:Question", question), ("type:Problem", "")]
        };
        let saved = c.post("/console/settings/translations", &save("fr", " Bienvenue ", "Question (FR)")).await;
        assert_eq!(saved.status(), StatusCode::OK);
        assert!(saved.text().await.unwrap().contains("The texts in Français are saved"));
        let translations = stored().await.translations;
        let french = translations.language("fr").expect("French texts");
        assert_eq!(french.greeting.as_deref(), Some("Bienvenue"));
        assert_eq!(french.ticket_types.get("Question").map(String::as_str), Some("Question (FR)"));
        assert!(!french.ticket_types.contains_key("Problem"), "blank: as written");
        // The form shows what is stored.
        let page = c.get("/console/settings?language=fr").await.text().await.unwrap();
        assert!(page.contains(r#"value="Question (FR)""#) && page.contains(r#"value="Bienvenue""#), "{page}");

        // Refused, nothing changed, what was typed kept: too long, control
        // characters, a language the portal does not speak, the default one.
        let before = stored().await;
        let long = "é".repeat(201);
        let form = [("language", "fr"), ("greeting", long.as_str())];
        c.refused("/console/settings/translations", &form, "longer than 200 characters").await;
        let form = [("language", "fr"), ("greeting", "ok"), ("type:Question", "a\u{7}b")];
        c.refused("/console/settings/translations", &form, "control characters").await;
        for bad in ["xx", "", "fr-CA-x-nonsense"] {
            c.refused("/console/settings/translations", &[("language", bad), ("greeting", "Hallo")], "no language")
                .await;
        }
        c.refused("/console/settings/translations", &[("language", "en"), ("greeting", "Hi")], "the default language")
            .await;
        assert_eq!(stored().await, before, "nothing changed");
        let kept = c.post("/console/settings/translations", &[("language", "fr"), ("greeting", &long)]).await;
        assert!(kept.text().await.unwrap().contains(&format!(r#"value="{long}""#)), "what was typed stays");
        // In German, the refusal is German.
        let german = c.post_in("/console/settings/translations", &form, "de").await.text().await.unwrap();
        assert!(
            german.contains("Nichts wurde geändert: die Übersetzung") && german.contains("Steuerzeichen"),
            "{german}"
        );

        // Another language leaves French alone; all blank removes a language.
        assert_eq!(
            c.post("/console/settings/translations", &save("de", "Willkommen", "Frage")).await.status(),
            StatusCode::OK
        );
        assert_eq!(c.post("/console/settings/translations", &save("fr", "", "")).await.status(), StatusCode::OK);
        let translations = stored().await.translations;
        assert!(translations.language("fr").is_none(), "French is gone");
        assert_eq!(translations.greeting("de", GREETING), "Willkommen");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_frame_answers_in_the_customers_language_with_the_translated_texts() {
    on_each_backend("languages_the_frame_answers_in_the_customers_language", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let german = [
            ("language", "de"),
            ("greeting", "Willkommen beim Acme-Support"),
            ("type:Question", "Frage"),
            ("type:Feature request", "Funktionswunsch"),
        ];
        assert_eq!(c.post("/console/settings/translations", &german).await.status(), StatusCode::OK);
        let session = app.sign_in("ann@example.com").await;
        let page = |path: &'static str, languages: Option<&'static str>| {
            let mut request = app.client.post(app.url("/api/portal/page")).json(&json!({ "path": path }));
            request = request.bearer_auth(&session.token);
            if let Some(languages) = languages {
                request = request.header("accept-language", languages);
            }
            async move { expect_ok::<String>(request.send().await.unwrap(), path).await }
        };

        let form = page("/new", Some("de-CH, de;q=0.9")).await;
        for german in ["Ticket erstellen", "Wie können wir Ihnen helfen?", ">Frage<", ">Funktionswunsch<"] {
            assert!(form.contains(german), "{german} in {form}");
        }
        assert!(form.contains(r#"value="Question""#), "the type is sent as written: {form}");
        assert!(form.contains(">Problem<"), "a type not translated shows as written: {form}");
        let english = page("/new", None).await;
        assert!(english.contains("Create ticket") && english.contains(">Question<") && !english.contains("Frage"));
        let french = page("/new", Some("fr")).await;
        assert!(french.contains(">Question<") && !french.contains("Frage"), "no French texts: as written");
        let list = page("", Some("de")).await;
        assert!(list.contains("Neues Ticket"), "{list}");

        // The greeting before signing in, as the frame asks for it.
        let settings = |languages: &'static str| {
            let request = app.client.post(app.url("/api/portal/settings")).json(&json!({"workspace": "acme"}));
            async move {
                let response = request.header("accept-language", languages).send().await.unwrap();
                expect_ok::<portal_core::PortalSettings>(response, "settings").await.greeting
            }
        };
        assert_eq!(settings("de").await, "Willkommen beim Acme-Support");
        assert_eq!(settings("ja").await, GREETING);

        // A workspace whose default is German answers German without a preference.
        assert_eq!(c.post("/console/settings/behaviour", &behaviour("de")).await.status(), StatusCode::OK);
        assert!(page("/new", None).await.contains("Ticket erstellen"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_choose_the_new_ticket_forms_own_fields() {
    on_each_backend("admins_choose_the_new_ticket_forms_own_fields", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let stored = || async { app.store.workspace(ws).await.unwrap().unwrap().ticket_form };
        let lines = "plan | Plan | choice: Free, Pro | required\nseats | Seats | number";
        let saved = c.post("/console/settings/form", &[("form", lines)]).await;
        assert_eq!(saved.status(), StatusCode::OK);
        assert!(saved.text().await.unwrap().contains("2 fields on the new-ticket form."));
        assert_eq!(stored().await.to_lines(), lines);
        let page = c.get("/console/settings").await.text().await.unwrap();
        assert!(page.contains("plan | Plan | choice: Free, Pro | required"), "the form is shown as written");
        for bad in ["Plan | Plan | text", "plan | Plan | colour", "plan | Plan | text | maybe", "plan | Plan"] {
            let refused = c.post("/console/settings/form", &[("form", bad)]).await;
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
        assert_eq!(stored().await.to_lines(), lines, "a refused form changes nothing");
        assert_eq!(c.post("/console/settings/form", &[("form", "")]).await.status(), StatusCode::OK);
        assert!(stored().await.fields().is_empty(), "an empty form asks for nothing more");
    })
    .await;
}
