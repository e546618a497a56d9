//! Company attributes: agents set them (a tier, a plan, a region), and the
//! workspace's audience and visibility conditions can look at them as
//! `company.attributes.<key>`. A condition holds for a customer when any of
//! their companies has the attribute and the operator holds; changing a
//! company's attributes applies the rules to its members at once and wakes
//! those whose access changed. Bad attributes change nothing.

use crate::harness::*;
use portal_core::audience::PortalAudience;
use portal_core::visibility::{Condition, TicketVisibility};
use portal_core::{CompanyKey, CustomerId, CustomerScope, WorkspaceId, attributes::CompanyAttributes};
use portal_store::{Store, StoreError, Wake};
use std::collections::BTreeMap;
use tokio::sync::broadcast::Receiver;

fn company(raw: &str) -> CompanyKey {
    CompanyKey::parse(raw).unwrap()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn kept(pairs: &[(&str, &str)]) -> CompanyAttributes {
    CompanyAttributes::parse(map(pairs)).unwrap()
}

fn audience(line: &str) -> PortalAudience {
    PortalAudience::new(vec![Condition::parse_line(line).unwrap()]).unwrap()
}

/// The customer IDs among the wake-ups published since `wakes` last read
/// them (PostgreSQL's listener may add a wake-up of everyone).
fn woken_customers(wakes: &mut Receiver<Wake>) -> Vec<CustomerId> {
    std::iter::from_fn(|| wakes.try_recv().ok())
        .filter_map(|wake| match wake {
            Wake::Customer(_, customer) => Some(customer),
            _ => None,
        })
        .collect()
}

/// A customer of some companies, signed in to a session kept open.
struct Member {
    id: CustomerId,
    hash: Vec<u8>,
}

impl Member {
    async fn sign_in(store: &dyn Store, workspace: WorkspaceId, raw_email: &str, companies: &[&str]) -> Self {
        let secret = match store.active_secrets(workspace, NOW).await.unwrap().pop() {
            Some(secret) => secret,
            None => store.add_secret(workspace, "fixture-secret", NOW).await.unwrap(),
        };
        let customer = store.upsert_customer(workspace, &email(raw_email), &name("Fixture"), NOW).await.unwrap();
        let hash = token_hash();
        store.open_session(&new_session(workspace, customer.id, secret.id, &hash), NOW).await.unwrap();
        let keys: Vec<CompanyKey> = companies.iter().map(|c| company(c)).collect();
        store.set_customer_companies(workspace, customer.id, &keys).await.unwrap();
        Self { id: customer.id, hash }
    }

    /// The scope of their open session as it now stands: none when the
    /// audience keeps them out.
    async fn scope(&self, store: &dyn Store) -> Option<CustomerScope> {
        CustomerScope::for_session(&store.active_session(&self.hash, NOW).await.unwrap().expect("a live session"))
    }

    async fn admitted(&self, store: &dyn Store) -> bool {
        self.scope(store).await.is_some()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_audience_on_a_company_attribute_follows_the_companys_attributes() {
    on_each_backend("an_audience_on_a_company_attribute_follows_the_companys_attributes", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let (globex, initech, umbrella) = (company("globex"), company("initech"), company("umbrella"));
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        store.upsert_company(acme.id, &initech, "Initech", NOW).await.unwrap();
        store.upsert_company(acme.id, &umbrella, "Umbrella", NOW).await.unwrap();
        let gold = store.set_company_attributes(acme.id, &globex, &map(&[("tier", " Gold "), ("gone", "")])).await;
        assert_eq!(gold.unwrap(), kept(&[("tier", "Gold")]), "trimmed, empty values dropped");
        store.set_company_attributes(acme.id, &initech, &map(&[("tier", "silver")])).await.unwrap();
        let kim = Member::sign_in(store, acme.id, "kim@globex.example", &["globex"]).await;
        let sam = Member::sign_in(store, acme.id, "sam@initech.example", &["initech"]).await;
        let ann = Member::sign_in(store, acme.id, "ann@example.com", &["initech", "globex"]).await;
        let lee = Member::sign_in(store, acme.id, "lee@example.com", &[]).await;
        let bo = Member::sign_in(store, acme.id, "bo@umbrella.example", &["umbrella"]).await;
        // A customer's own `tier` is not their company's.
        let own_tier = portal_core::attributes::CustomerAttributes::parse(map(&[("tier", "gold")])).unwrap();
        store.set_customer_attributes(acme.id, lee.id, &own_tier).await.unwrap();

        store.set_portal_audience(acme.id, &audience("company.attributes.tier equals gold")).await.unwrap();
        let admitted = async || {
            let mut admitted = Vec::new();
            for (who, member) in [("kim", &kim), ("sam", &sam), ("ann", &ann), ("lee", &lee), ("bo", &bo)] {
                if member.admitted(store).await {
                    admitted.push(who);
                }
            }
            admitted
        };
        assert_eq!(admitted().await, ["kim", "ann"], "members of a gold company (ann through one of two)");
        let preview = store.preview_audience(acme.id, &audience("company.attributes.tier equals gold"), 10).await;
        let emails: Vec<String> = preview.unwrap().sample.into_iter().map(|c| c.email.as_str().to_string()).collect();
        assert_eq!(emails, ["ann@example.com", "kim@globex.example"], "the preview agrees");

        // Initech turns gold: its members are admitted at once, and the one
        // whose access changed is woken; ann, admitted already, is not.
        let mut wakes = store.subscribe();
        store.set_company_attributes(acme.id, &initech, &map(&[("tier", "GOLD"), ("region", "eu")])).await.unwrap();
        assert_eq!(admitted().await, ["kim", "sam", "ann"]);
        assert_eq!(woken_customers(&mut wakes), [sam.id]);

        // Globex loses its attributes: kim is out, ann still in through Initech.
        store.set_company_attributes(acme.id, &globex, &BTreeMap::new()).await.unwrap();
        assert_eq!(admitted().await, ["sam", "ann"]);
        assert_eq!(woken_customers(&mut wakes), [kim.id]);
        assert_eq!(store.company(acme.id, &globex).await.unwrap().unwrap().attributes, kept(&[]));

        // Renaming a company keeps its attributes; a put with attributes
        // replaces them, in the same change.
        assert_eq!(
            store.put_company(acme.id, &initech, "Initech Inc.", None, NOW).await.unwrap(),
            kept(&[("region", "eu"), ("tier", "GOLD")])
        );
        store.upsert_company(acme.id, &initech, "Initech", NOW).await.unwrap();
        assert_eq!(admitted().await, ["sam", "ann"], "a rename changes nothing here");
        let put = store.put_company(acme.id, &umbrella, "Umbrella Corp", Some(&map(&[("tier", "gold")])), NOW).await;
        assert_eq!(put.unwrap(), kept(&[("tier", "gold")]));
        assert_eq!(admitted().await, ["sam", "ann", "bo"]);
        assert_eq!(woken_customers(&mut wakes), [bo.id]);
        // A company created with attributes has them from the start.
        let hooli = company("hooli");
        let created = store.put_company(acme.id, &hooli, "Hooli", Some(&map(&[("tier", "gold")])), NOW).await;
        assert_eq!(created.unwrap(), kept(&[("tier", "gold")]));

        // What the store returns of its companies carries their attributes.
        let listed: Vec<(String, CompanyAttributes)> = store
            .list_companies(acme.id)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.key.as_str().to_string(), c.attributes))
            .collect();
        assert_eq!(
            listed,
            [
                ("globex".to_string(), kept(&[])),
                ("hooli".to_string(), kept(&[("tier", "gold")])),
                ("initech".to_string(), kept(&[("region", "eu"), ("tier", "GOLD")])),
                ("umbrella".to_string(), kept(&[("tier", "gold")])),
            ]
        );

        // Another workspace's company of the same key is another company.
        let other = workspace(store, "other").await;
        store.upsert_company(other.id, &globex, "Other Globex", NOW).await.unwrap();
        store.set_company_attributes(other.id, &globex, &map(&[("tier", "gold")])).await.unwrap();
        assert_eq!(admitted().await, ["sam", "ann", "bo"], "kim's globex is still not gold");
        assert_eq!(store.company(acme.id, &globex).await.unwrap().unwrap().attributes, kept(&[]));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visibility_condition_on_a_company_attribute_restricts_its_members() {
    on_each_backend("a_visibility_condition_on_a_company_attribute_restricts_its_members", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (globex, initech) = (company("globex"), company("initech"));
        store.put_company(acme.id, &globex, "Globex", Some(&map(&[("plan", "self-serve")])), NOW).await.unwrap();
        store.upsert_company(acme.id, &initech, "Initech", NOW).await.unwrap();
        let kim = Member::sign_in(store, acme.id, "kim@globex.example", &["globex"]).await;
        let sam = Member::sign_in(store, acme.id, "sam@initech.example", &["initech"]).await;
        let (kim_scope, sam_scope) = (kim.scope(store).await.unwrap(), sam.scope(store).await.unwrap());
        let mut tickets = Vec::new();
        for (opener, key, title) in [(&kim_scope, "globex", "KIM"), (&sam_scope, "initech", "SAM")] {
            let number = customer_ticket(store, opener, title, NOW).await;
            store.agent_update_ticket(&agent, number, None, None, Some(Some(&company(key))), NOW).await.unwrap();
            tickets.push(number);
        }
        // A colleague in each company sees its tickets, until restricted.
        let kay = Member::sign_in(store, acme.id, "kay@globex.example", &["globex"]).await;
        let sid = Member::sign_in(store, acme.id, "sid@initech.example", &["initech"]).await;
        let sees = async |member: &Member| {
            let scope = member.scope(store).await.unwrap();
            let mut titles: Vec<String> =
                store.list_tickets(&scope, 100).await.unwrap().into_iter().map(|t| t.title).collect();
            titles.sort();
            titles
        };
        assert_eq!((sees(&kay).await, sees(&sid).await), (vec!["KIM".to_string()], vec!["SAM".to_string()]));

        // Customers of self-serve companies see only their own tickets.
        let condition = Condition::parse_line("company.attributes.plan equals self-serve").unwrap();
        let rule = TicketVisibility::new(true, vec![condition]).unwrap();
        store.set_ticket_visibility(acme.id, &rule).await.unwrap();
        assert!(sees(&kay).await.is_empty(), "globex is self-serve");
        assert_eq!(sees(&sid).await, ["SAM"], "initech has no plan: the condition does not hold");
        assert!(!kay.scope(store).await.unwrap().sees_company_tickets());

        // The company's plan changes: its members' view follows at once.
        let mut wakes = store.subscribe();
        store.set_company_attributes(acme.id, &globex, &map(&[("plan", "enterprise")])).await.unwrap();
        store.set_company_attributes(acme.id, &initech, &map(&[("plan", "Self-Serve")])).await.unwrap();
        assert_eq!(sees(&kay).await, ["KIM"]);
        assert!(sees(&sid).await.is_empty());
        let mut woken = woken_customers(&mut wakes);
        woken.sort();
        let mut expected = vec![kim.id, kay.id, sam.id, sid.id];
        expected.sort();
        assert_eq!(woken, expected, "every member whose view changed");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_company_attributes_are_refused_and_change_nothing() {
    on_each_backend("bad_company_attributes_are_refused_and_change_nothing", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let globex = company("globex");
        store.put_company(acme.id, &globex, "Globex", Some(&map(&[("tier", "gold")])), NOW).await.unwrap();
        let kim = Member::sign_in(store, acme.id, "kim@globex.example", &["globex"]).await;
        store.set_portal_audience(acme.id, &audience("company.attributes.tier equals gold")).await.unwrap();
        assert!(kim.admitted(store).await);

        let long = "v".repeat(portal_core::attributes::MAX_VALUE_CHARS + 1);
        let too_many: BTreeMap<String, String> =
            (0..=portal_core::attributes::MAX_ATTRIBUTES).map(|i| (format!("k{i}"), "v".to_string())).collect();
        for (what, bad) in [
            ("a key with capitals", map(&[("Tier", "silver")])),
            ("a key with a space", map(&[("tier level", "silver")])),
            ("an empty key", map(&[("", "silver")])),
            ("a 65-character key", map(&[("k".repeat(65).as_str(), "silver")])),
            ("a control character", map(&[("tier", "a\u{0}b")])),
            ("a 501-character value", map(&[("tier", long.as_str())])),
            ("51 attributes", too_many),
        ] {
            let refused = store.set_company_attributes(acme.id, &globex, &bad).await;
            assert!(matches!(refused, Err(StoreError::Invalid(_))), "{what}: {refused:?}");
            let refused = store.put_company(acme.id, &globex, "Renamed", Some(&bad), NOW).await;
            assert!(matches!(refused, Err(StoreError::Invalid(_))), "{what}: {refused:?}");
            let refused = store.put_company(acme.id, &company("new"), "New", Some(&bad), NOW).await;
            assert!(matches!(refused, Err(StoreError::Invalid(_))), "{what}: {refused:?}");
        }
        // A bad name refuses good attributes with it.
        let refused = store.put_company(acme.id, &globex, " ", Some(&map(&[("tier", "silver")])), NOW).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
        // A company that does not exist, here or at all.
        let refused = store.set_company_attributes(acme.id, &company("nope"), &map(&[("tier", "x")])).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
        let other = workspace(store, "other").await;
        let refused = store.set_company_attributes(other.id, &globex, &map(&[("tier", "x")])).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "another workspace's company: {refused:?}");

        let entry = store.company(acme.id, &globex).await.unwrap().unwrap();
        assert_eq!((entry.name.as_str(), entry.attributes), ("Globex", kept(&[("tier", "gold")])), "as it was");
        assert!(store.list_companies(other.id).await.unwrap().is_empty());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM companies").await, 1, "no company was created");
        assert!(kim.admitted(store).await);
        // The limits are inclusive.
        let longest = "v".repeat(portal_core::attributes::MAX_VALUE_CHARS);
        let most: BTreeMap<String, String> =
            (0..portal_core::attributes::MAX_ATTRIBUTES).map(|i| (format!("k{i}"), longest.clone())).collect();
        let key = "k".repeat(64);
        store.set_company_attributes(acme.id, &globex, &most).await.unwrap();
        store.set_company_attributes(acme.id, &globex, &map(&[(key.as_str(), "x")])).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn corrupt_stored_company_attributes_are_reported_not_guessed() {
    on_each_backend("corrupt_stored_company_attributes_are_reported_not_guessed", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let globex = company("globex");
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        let kim = Member::sign_in(store, acme.id, "kim@globex.example", &["globex"]).await;
        for stored in [r#"["tier"]"#, r#"{"Tier":"gold"}"#, "not json"] {
            db.execute(&format!("UPDATE companies SET attributes = '{stored}'")).await;
            let rule = audience("company.attributes.tier equals gold");
            for (what, result) in [
                ("the audience", store.set_portal_audience(acme.id, &rule).await.map(drop)),
                ("a preview", store.preview_audience(acme.id, &rule, 5).await.map(drop)),
                ("the list", store.list_companies(acme.id).await.map(drop)),
                ("the company", store.company(acme.id, &globex).await.map(drop)),
                ("its members", store.set_customer_companies(acme.id, kim.id, std::slice::from_ref(&globex)).await),
            ] {
                assert!(matches!(result, Err(StoreError::Corrupt(_))), "{what} with {stored}: {result:?}");
            }
        }
        // Replacing them mends them.
        store.set_company_attributes(acme.id, &globex, &map(&[("tier", "gold")])).await.unwrap();
        assert_eq!(store.company(acme.id, &globex).await.unwrap().unwrap().attributes, kept(&[("tier", "gold")]));
    })
    .await;
}
