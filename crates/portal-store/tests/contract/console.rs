//! The console's part of the contract: accounts and their sessions, the
//! portal's look and switch, the inbox, assignees, customers and companies.

use crate::harness::*;
use portal_core::access::AgentScope;
use portal_core::console::{BrandColor, LogoUrl, PortalLook, Role, Theme};
use portal_core::listing::ListQuery;
use portal_core::{AgentId, CompanyKey, LanguageTexts, SessionLifetime, TicketNumber, Translations};
use portal_i18n::Locale;
use portal_store::{Assignee, InboxFilter, NewAgent, NewAgentSession, PortalBehaviour, StoreError};

fn new_agent(raw_email: &str, role: Role) -> NewAgent {
    NewAgent { email: email(raw_email), name: format!("Agent {raw_email}"), role, password_hash: "$argon2id$x".into() }
}

#[tokio::test(flavor = "multi_thread")]
async fn accounts_and_their_sessions() {
    on_each_backend("accounts_and_their_sessions", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let dana = store.create_agent(acme.id, &new_agent("Dana@acme.test", Role::Admin), NOW).await.unwrap();
        assert_eq!((dana.email.as_str(), dana.role, dana.workspace_id), ("Dana@acme.test", Role::Admin, acme.id));
        // One email per workspace, in any case; another workspace may reuse it.
        let again = store.create_agent(acme.id, &new_agent("dana@ACME.test", Role::Agent), NOW).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let other = store.create_agent(globex.id, &new_agent("dana@acme.test", Role::Agent), NOW).await.unwrap();

        let (found, hash) = store.agent_credentials(acme.id, &email("DANA@acme.test")).await.unwrap().unwrap();
        assert_eq!((found, hash.as_str()), (dana.clone(), "$argon2id$x"));
        assert_eq!(store.agent_credentials(acme.id, &email("nobody@acme.test")).await.unwrap(), None);
        assert_eq!(store.agents(globex.id).await.unwrap(), vec![other.clone()]);

        let token = token_hash();
        let session = NewAgentSession {
            workspace_id: acme.id,
            agent_id: dana.id,
            token_hash: token.clone(),
            expires_at: NOW + HOUR,
        };
        store.open_agent_session(&session, NOW).await.unwrap();
        let active = store.active_agent(&token, NOW).await.unwrap().unwrap();
        assert_eq!((active.id, active.workspace_id, active.role), (dana.id, acme.id, Role::Admin));
        assert_eq!(AgentScope::for_console(&active).workspace_id(), acme.id);
        assert_eq!(store.active_agent(&token, NOW + HOUR).await.unwrap(), None, "expired");
        assert_eq!(store.active_agent(&token_hash(), NOW).await.unwrap(), None);
        // An account of one workspace cannot hold a session in another.
        let crossed = NewAgentSession { workspace_id: globex.id, token_hash: token_hash(), ..session.clone() };
        assert!(store.open_agent_session(&crossed, NOW).await.is_err());
        // A new password ends the account's other sessions, in its own workspace only.
        let other = token_hash();
        store.open_agent_session(&NewAgentSession { token_hash: other.clone(), ..session.clone() }, NOW).await.unwrap();
        let missing = store.set_agent_password(globex.id, dana.id, "$argon2id$y", &token, NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        store.set_agent_password(acme.id, dana.id, "$argon2id$y", &token, NOW).await.unwrap();
        assert_eq!(store.agent_credentials(acme.id, &email("dana@acme.test")).await.unwrap().unwrap().1, "$argon2id$y");
        assert_eq!(store.agent_password_hash(acme.id, dana.id).await.unwrap().as_deref(), Some("$argon2id$y"));
        assert_eq!(
            store.agent_password_hash(globex.id, dana.id).await.unwrap(),
            None,
            "by id, in its own workspace only"
        );
        assert_eq!(store.active_agent(&other, NOW).await.unwrap(), None, "the other session ended");
        assert!(store.active_agent(&token, NOW).await.unwrap().is_some(), "the kept one goes on");
        assert!(store.revoke_agent_session(&token, NOW + 1).await.unwrap());
        assert!(!store.revoke_agent_session(&token, NOW + 2).await.unwrap());
        assert_eq!(store.active_agent(&token, NOW + 3).await.unwrap(), None);

        // Pausing ends the account's sessions and keeps it out; a workspace keeps an admin that is not paused.
        let only = store.set_agent_paused(acme.id, dana.id, true, NOW).await;
        assert!(matches!(only, Err(StoreError::Invalid(_))), "the only admin: {only:?}");
        let eve = store.create_agent(acme.id, &new_agent("eve@acme.test", Role::Admin), NOW).await.unwrap();
        let eves = token_hash();
        let eve_session = NewAgentSession { agent_id: eve.id, token_hash: eves.clone(), ..session.clone() };
        store.open_agent_session(&eve_session, NOW).await.unwrap();
        store.set_agent_paused(acme.id, eve.id, true, NOW).await.unwrap();
        assert_eq!(store.active_agent(&eves, NOW).await.unwrap(), None, "her session ended");
        let listed = store.agents(acme.id).await.unwrap();
        assert!(
            listed.iter().any(|a| a.id == eve.id && a.paused) && listed.iter().any(|a| a.id == dana.id && !a.paused)
        );
        assert!(store.agent_credentials(acme.id, &email("eve@acme.test")).await.unwrap().unwrap().0.paused);
        let paused_admin_counts_not = store.set_agent_paused(acme.id, dana.id, true, NOW).await;
        assert!(matches!(paused_admin_counts_not, Err(StoreError::Invalid(_))), "{paused_admin_counts_not:?}");
        assert!(store.set_agent_role(acme.id, dana.id, Role::Agent).await.is_err());
        assert!(matches!(store.set_agent_paused(globex.id, eve.id, false, NOW).await, Err(StoreError::NotFound)));
        store.set_agent_paused(acme.id, eve.id, false, NOW).await.unwrap();
        assert_eq!(store.active_agent(&eves, NOW).await.unwrap(), None, "resuming brings no session back");
        store.open_agent_session(&NewAgentSession { token_hash: token_hash(), ..eve_session }, NOW).await.unwrap();
        store.set_agent_paused(acme.id, dana.id, true, NOW).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn look_lifetime_and_switch() {
    on_each_backend("look_lifetime_and_switch", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let look = store.portal_look(acme.id).await.unwrap();
        assert_eq!((look.greeting.as_str(), look.theme), ("How can we help?", Theme::Auto));
        assert_eq!(look.brand_color, BrandColor::default());
        let new = PortalLook {
            greeting: "Hi there".into(),
            brand_color: BrandColor::parse("#AA3300").unwrap(),
            logo_url: LogoUrl::parse("https://cdn.example.com/logo.png").unwrap(),
            theme: Theme::Dark,
        };
        store.set_portal_look(acme.id, &new).await.unwrap();
        assert_eq!(store.portal_look(acme.id).await.unwrap(), new);
        assert_eq!(store.workspace(acme.id).await.unwrap().unwrap().greeting, "Hi there");

        let two_hours = SessionLifetime::from_millis(2 * HOUR).unwrap();
        assert_eq!(store.workspace(acme.id).await.unwrap().unwrap().default_locale, Locale::En);
        let behaviour = PortalBehaviour {
            session_lifetime: two_hours,
            reopen_allowed: false,
            search_preview: false,
            default_locale: Locale::Ja,
        };
        store.set_portal_behaviour(acme.id, &behaviour).await.unwrap();
        let ws = store.workspace(acme.id).await.unwrap().unwrap();
        assert_eq!(
            (ws.session_lifetime, ws.reopen_allowed, ws.search_preview, ws.default_locale),
            (two_hours, false, false, Locale::Ja)
        );

        // What admins wrote in other languages is kept whole, per workspace.
        assert_eq!(ws.translations, Translations::default());
        let mut translations = Translations::default();
        let german = LanguageTexts {
            greeting: Some("Wie können wir helfen?".into()),
            ticket_types: [("Question".to_string(), "Frage".to_string())].into(),
            ..Default::default()
        };
        translations.set("de", german);
        store.set_translations(acme.id, &translations).await.unwrap();
        let ws = store.workspace(acme.id).await.unwrap().unwrap();
        assert_eq!(ws.translations, translations);
        assert_eq!(ws.translations.ticket_type("de", "Question"), "Frage");

        assert!(store.portal_enabled(acme.id).await.unwrap());
        store.set_portal_enabled(acme.id, false).await.unwrap();
        assert!(!store.portal_enabled(acme.id).await.unwrap());
        let missing = portal_core::WorkspaceId(acme.id.0 + 1000);
        assert!(matches!(store.set_portal_enabled(missing, true).await, Err(StoreError::NotFound)));
        assert!(matches!(store.set_portal_look(missing, &new).await, Err(StoreError::NotFound)));
        assert!(matches!(store.set_portal_behaviour(missing, &behaviour).await, Err(StoreError::NotFound)));
        assert!(matches!(store.set_translations(missing, &translations).await, Err(StoreError::NotFound)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_sees_the_whole_workspace_and_its_assignees() {
    on_each_backend("the_inbox_sees_the_whole_workspace_and_its_assignees", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let dana = store.create_agent(acme.id, &new_agent("dana@acme.test", Role::Agent), NOW).await.unwrap();
        let stranger = store.create_agent(globex.id, &new_agent("sam@globex.test", Role::Agent), NOW).await.unwrap();
        let (_, alice) = sign_in(&*store, acme.id, "alice@acme.test").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@acme.test").await;
        let (_, carol) = sign_in(&*store, globex.id, "carol@globex.test").await;
        let printer = customer_ticket(&*store, &alice, "Printer jams", NOW + 1).await;
        let invoice = customer_ticket(&*store, &bob, "Invoice missing", NOW + 2).await;
        customer_ticket(&*store, &carol, "Printer at globex", NOW + 3).await;
        let agent = agent(&*store, acme.id).await;

        let all = store.find_inbox(&agent, &ListQuery::default(), &Assignee::Anyone.into()).await.unwrap();
        let numbers: Vec<TicketNumber> = all.page.tickets.iter().map(|t| t.number).collect();
        assert_eq!(numbers, vec![invoice, printer], "newest first, and nothing of globex");
        let emails: Vec<&str> = all.facts.iter().map(|f| f.creator_email.as_str()).collect();
        assert_eq!(emails, vec!["bob@acme.test", "alice@acme.test"]);

        // Assigning: only to the workspace's own accounts, only its own tickets.
        store.assign_ticket(&agent, printer, Some(dana.id)).await.unwrap();
        assert_eq!(store.ticket_assignee(&agent, printer).await.unwrap(), Some(dana.id));
        let foreign = store.assign_ticket(&agent, invoice, Some(stranger.id)).await;
        assert!(matches!(foreign, Err(StoreError::Invalid(_))), "{foreign:?}");
        assert_eq!(store.ticket_assignee(&agent, invoice).await.unwrap(), None, "a refusal changes nothing");
        assert!(matches!(
            store.assign_ticket(&agent, TicketNumber(999), Some(dana.id)).await,
            Err(StoreError::NotFound)
        ));
        let globex_agent = crate::harness::agent(&*store, globex.id).await;
        let crossed = store.assign_ticket(&globex_agent, printer, None).await;
        // Globex's ticket 1 exists, so it is assigned (to nobody), while acme's keeps its assignee.
        assert!(crossed.is_ok());
        assert_eq!(store.ticket_assignee(&agent, printer).await.unwrap(), Some(dana.id));

        let mine = store.find_inbox(&agent, &ListQuery::default(), &Assignee::Agent(dana.id).into()).await.unwrap();
        assert_eq!(mine.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), vec![printer]);
        assert_eq!(mine.facts[0].assignee, Some(dana.id));
        let nobody = store.find_inbox(&agent, &ListQuery::default(), &Assignee::Nobody.into()).await.unwrap();
        assert_eq!(nobody.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), vec![invoice]);
        let none =
            store.find_inbox(&agent, &ListQuery::default(), &Assignee::Agent(AgentId(stranger.id.0)).into()).await;
        assert!(none.unwrap().page.tickets.is_empty());

        // The customers' search and filters work the same.
        let search = ListQuery::parse("q=printer", &acme.ticket_types).unwrap();
        let found = store.find_inbox(&agent, &search, &Assignee::Anyone.into()).await.unwrap();
        assert_eq!(found.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), vec![printer]);
        // A number (or `#number`) finds its ticket; another workspace's same number stays out.
        for (q, want) in [(format!("q={invoice}"), invoice), (format!("q=%23{printer}"), printer)] {
            let list = ListQuery::parse(&q, &acme.ticket_types).unwrap();
            let found = store.find_inbox(&agent, &list, &Assignee::Anyone.into()).await.unwrap();
            let numbers: Vec<TicketNumber> = found.page.tickets.iter().map(|t| t.number).collect();
            assert_eq!(numbers, vec![want], "{q}");
        }
        // An agent's search reads internal notes too, previews included; a customer's never does.
        store
            .agent_post_message(&agent, invoice, &agent_post("Refund went to the legacy vault", true), NOW)
            .await
            .unwrap();
        for q in ["q=vault", "q=invoice+vault"] {
            let list = ListQuery::parse(q, &acme.ticket_types).unwrap();
            let found = store.find_inbox(&agent, &list, &Assignee::Anyone.into()).await.unwrap();
            assert_eq!(found.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), vec![invoice], "{q}");
            let bobs = store.find_tickets(&bob, &list, true).await.unwrap();
            assert!(bobs.tickets.is_empty(), "{q}: a note's word finds nothing for its customer");
        }
        let list = ListQuery::parse("q=legacy", &acme.ticket_types).unwrap();
        let found = store.find_inbox(&agent, &list, &Assignee::Anyone.into()).await.unwrap();
        let preview = found.page.tickets[0].preview.as_ref().expect("a preview from the note");
        assert!(preview.snippet.parts.iter().any(|p| p.matched && p.text == "legacy"), "{preview:?}");
        assert!(preview.author.ends_with("(internal note)"), "a note says so: {preview:?}");
        // The index is rebuilt from the notes as well.
        store.rebuild_search_index().await.unwrap();
        assert_eq!(store.find_inbox(&agent, &list, &Assignee::Anyone.into()).await.unwrap().page.tickets.len(), 1);
        assert!(store.find_tickets(&bob, &list, true).await.unwrap().tickets.is_empty());

        // A company's tickets: only its own, and a key of no company here matches nothing.
        let initech = CompanyKey::parse("initech").unwrap();
        store.upsert_company(acme.id, &initech, "Initech", NOW).await.unwrap();
        store.upsert_company(globex.id, &initech, "Initech at globex", NOW).await.unwrap();
        store.agent_update_ticket(&agent, printer, None, None, Some(Some(&initech)), NOW).await.unwrap();
        let of_initech = InboxFilter { company: Some(initech), ..InboxFilter::default() };
        let found = store.find_inbox(&agent, &ListQuery::default(), &of_initech).await.unwrap();
        assert_eq!(found.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), vec![printer]);
        let nowhere = InboxFilter { company: Some(CompanyKey::parse("umbrella").unwrap()), ..InboxFilter::default() };
        assert!(store.find_inbox(&agent, &ListQuery::default(), &nowhere).await.unwrap().page.tickets.is_empty());

        // "Created by me" means nothing to an agent: every ticket stays.
        let mine_tab = ListQuery::parse("tab=mine", &acme.ticket_types).unwrap();
        assert_eq!(store.find_inbox(&agent, &mine_tab, &Assignee::Anyone.into()).await.unwrap().page.tickets.len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_companies_and_disabling() {
    on_each_backend("customers_companies_and_disabling", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (alice_id, alice) = sign_in(&*store, acme.id, "alice@acme.test").await;
        sign_in(&*store, acme.id, "bob_100%@acme.test").await;
        sign_in(&*store, globex.id, "alice@globex.test").await;
        customer_ticket(&*store, &alice, "One", NOW).await;
        let key = CompanyKey::parse("acme-corp").unwrap();
        store.upsert_company(acme.id, &key, "Acme Corp", NOW).await.unwrap();
        store.set_customer_companies(acme.id, alice_id, std::slice::from_ref(&key)).await.unwrap();

        let all = store.list_customers(acme.id, "", None, 50).await.unwrap();
        assert_eq!(
            all.iter().map(|e| e.customer.email.as_str()).collect::<Vec<_>>(),
            ["alice@acme.test", "bob_100%@acme.test"]
        );
        assert_eq!((all[0].tickets, all[0].companies.clone()), (1, vec![key.clone()]));
        // The search's wildcards are plain characters.
        let percent = store.list_customers(acme.id, "100%", None, 50).await.unwrap();
        assert_eq!(percent.len(), 1);
        assert!(store.list_customers(acme.id, "_", None, 50).await.unwrap().len() == 1);
        assert_eq!(store.list_customers(acme.id, "ALICE", None, 50).await.unwrap().len(), 1);
        // Pages: after an email (any case), the ones that follow it.
        let first = store.list_customers(acme.id, "", None, 1).await.unwrap();
        assert_eq!(first.iter().map(|e| e.customer.email.as_str()).collect::<Vec<_>>(), ["alice@acme.test"]);
        let next = store.list_customers(acme.id, "", Some("ALICE@acme.test"), 1).await.unwrap();
        assert_eq!(next.iter().map(|e| e.customer.email.as_str()).collect::<Vec<_>>(), ["bob_100%@acme.test"]);
        assert!(store.list_customers(acme.id, "", Some("bob_100%@acme.test"), 1).await.unwrap().is_empty());
        assert!(store.customer_by_id(globex.id, alice_id).await.unwrap().is_none(), "another workspace's customer");

        let companies = store.list_companies(acme.id).await.unwrap();
        assert_eq!((companies[0].key.clone(), companies[0].members, companies[0].tickets), (key.clone(), 1, 0));
        assert!(store.list_companies(globex.id).await.unwrap().is_empty());
        assert_eq!(store.company(acme.id, &key).await.unwrap().as_ref(), Some(&companies[0]));
        assert_eq!(store.company(globex.id, &key).await.unwrap(), None, "the key in another workspace");
        let members = store.company_members(acme.id, &key).await.unwrap();
        assert_eq!(members.iter().map(|e| e.customer.id).collect::<Vec<_>>(), [alice_id]);
        assert!(store.company_members(globex.id, &key).await.unwrap().is_empty(), "the key in another workspace");
        // One membership at a time; the others stay.
        let beta = CompanyKey::parse("beta").unwrap();
        store.upsert_company(acme.id, &beta, "Beta", NOW).await.unwrap();
        for _ in 0..2 {
            store.set_membership(acme.id, alice_id, &beta, true).await.unwrap();
        }
        assert_eq!(store.customer_companies(acme.id, alice_id).await.unwrap(), [key.clone(), beta.clone()]);
        store.set_membership(acme.id, alice_id, &beta, false).await.unwrap();
        assert_eq!(store.customer_companies(acme.id, alice_id).await.unwrap(), std::slice::from_ref(&key));
        let ghost = CompanyKey::parse("ghost").unwrap();
        let unknown = store.set_membership(acme.id, alice_id, &ghost, true).await;
        assert!(matches!(unknown, Err(StoreError::UnknownCompany(_))), "{unknown:?}");
        let foreign = store.set_membership(globex.id, alice_id, &key, true).await;
        assert!(matches!(foreign, Err(StoreError::NotFound)), "another workspace's customer: {foreign:?}");
        assert_eq!(
            store.customer_companies(acme.id, alice_id).await.unwrap(),
            std::slice::from_ref(&key),
            "refusals change nothing"
        );

        // Disabling ends the session at once; enabling lets a new one open.
        let hash = token_hash();
        let secret = store.active_secrets(acme.id, NOW).await.unwrap().pop().unwrap();
        store.open_session(&new_session(acme.id, alice_id, secret.id, &hash), NOW).await.unwrap();
        assert!(store.active_session(&hash, NOW).await.unwrap().is_some());
        store.set_customer_disabled(acme.id, alice_id, true, NOW + 1).await.unwrap();
        assert!(store.active_session(&hash, NOW + 2).await.unwrap().is_none());
        assert!(store.customer_by_id(acme.id, alice_id).await.unwrap().unwrap().customer.disabled);
        assert!(matches!(store.set_customer_disabled(globex.id, alice_id, true, NOW).await, Err(StoreError::NotFound)));
        store.set_customer_disabled(acme.id, alice_id, false, NOW + 3).await.unwrap();
        assert!(!store.customer_by_id(acme.id, alice_id).await.unwrap().unwrap().customer.disabled);
        assert!(store.active_session(&hash, NOW + 4).await.unwrap().is_none(), "ended sessions stay ended");
        let again = token_hash();
        store.open_session(&new_session(acme.id, alice_id, secret.id, &again), NOW + 5).await.unwrap();
        assert!(store.active_session(&again, NOW + 6).await.unwrap().is_some());
    })
    .await;
}
