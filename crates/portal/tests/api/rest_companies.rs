//! Companies through the agent REST API: creating and renaming them, their
//! attributes, the companies a customer belongs to, a customer's
//! attributes, and the company a ticket belongs to, as the customers of the
//! workspace then see it. Every refusal changes nothing, and another
//! workspace's token finds nothing here.

use super::*;

/// `PUT /api/v1/companies/{key}` with a name alone, expecting 200.
async fn put_company(app: &TestApp, token: &str, key: &str, name: &str) -> Value {
    put_company_body(app, token, key, &json!({"name": name})).await
}

/// `PUT /api/v1/companies/{key}` with `body`, expecting 200.
async fn put_company_body(app: &TestApp, token: &str, key: &str, body: &Value) -> Value {
    call(app, Method::PUT, &format!("/api/v1/companies/{key}"), Some(token), Some(body)).await.expect(200)
}

/// Rows whose count says whether a company's attributes are exactly `json`.
async fn companies_with_attributes(app: &TestApp, json: &str) -> i64 {
    app.db.scalar(&format!("SELECT COUNT(*) FROM companies WHERE attributes = '{json}'")).await
}

fn companies_path(email: &str) -> String {
    format!("/api/v1/customers/{email}/companies")
}

fn attributes_path(email: &str) -> String {
    format!("/api/v1/customers/{email}/attributes")
}

/// The companies the customer belongs to, through the API.
async fn companies_of(app: &TestApp, token: &str, email: &str) -> Value {
    call(app, Method::GET, &companies_path(email), Some(token), None).await.expect(200)
}

/// Replaces the customer's companies through the API, expecting 200.
async fn set_companies(app: &TestApp, token: &str, email: &str, keys: &[&str]) -> Value {
    let body = json!({"companies": keys});
    call(app, Method::PUT, &companies_path(email), Some(token), Some(&body)).await.expect(200)
}

/// Opens a ticket for `email` in `company` through the API; returns its number.
async fn open_company_ticket(app: &TestApp, token: &str, email: &str, title: &str, company: &str) -> i64 {
    let body = json!({"customer": {"email": email}, "title": title, "company": company});
    let ticket = call(app, Method::POST, "/api/v1/tickets", Some(token), Some(&body)).await.expect(201);
    assert_eq!(ticket["company"], company, "{ticket}");
    ticket["number"].as_i64().expect("a number")
}

/// Rows whose count says whether a customer's attributes are exactly `json`.
async fn customers_with_attributes(app: &TestApp, json: &str) -> i64 {
    app.db.scalar(&format!("SELECT COUNT(*) FROM customers WHERE attributes = '{json}'")).await
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_create_companies_and_set_who_belongs_to_them() {
    on_each_backend("agents_create_companies_and_set_who_belongs_to_them", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;

        let created = put_company(&app, &token, "globex", "  Globex Corp ").await;
        assert_eq!(created, json!({"key": "globex", "name": "Globex Corp", "attributes": {}}), "the name is trimmed");
        let renamed = put_company(&app, &token, "globex", "Globex").await;
        assert_eq!(renamed, json!({"key": "globex", "name": "Globex", "attributes": {}}));
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM companies WHERE name = 'Globex'").await, 1, "renamed");
        assert_eq!(written(&app).await.companies, 1, "a rename is no second company");
        let key = "Org:42_a.b-c@d";
        assert_eq!(
            put_company(&app, &token, key, "Initech").await,
            json!({"key": key, "name": "Initech", "attributes": {}})
        );

        app.sign_in("ann@example.com").await;
        assert_eq!(companies_of(&app, &token, "ann@example.com").await, json!({"companies": []}));
        let set = set_companies(&app, &token, "Ann@Example.com", &["globex", key, "globex"]).await;
        assert_eq!(set, json!({"companies": [key, "globex"]}), "sorted, without repeats (emails ignore case)");
        assert_eq!(companies_of(&app, &token, "ANN@example.com").await, set);
        assert_eq!(written(&app).await.memberships, 2);
        assert_eq!(set_companies(&app, &token, "ann@example.com", &[key]).await, json!({"companies": [key]}));
        assert_eq!(set_companies(&app, &token, "ann@example.com", &[]).await, json!({"companies": []}));
        assert_eq!(companies_of(&app, &token, "ann@example.com").await, json!({"companies": []}), "replaced");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tickets_company_is_set_on_create_and_patch_and_shows_to_its_members() {
    on_each_backend("a_tickets_company_is_set_on_create_and_patch_and_shows_to_its_members", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        put_company(&app, &token, "globex", "Globex").await;
        put_company(&app, &token, "initech", "Initech").await;
        let sam = app.sign_in("sam@globex.example").await.token;
        set_companies(&app, &token, "sam@globex.example", &["globex"]).await;

        let number = open_company_ticket(&app, &token, "ann@example.com", "ANN-IN-GLOBEX", "globex").await;
        let path = format!("/api/v1/tickets/{number}");
        let detail = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!(detail["company"], "globex");
        let list = call(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await.expect(200);
        assert_eq!(list["tickets"][0]["company"], "globex", "{list}");
        assert_eq!(app.ticket_titles(&sam).await, ["ANN-IN-GLOBEX"], "a member of globex sees it");
        let plain = open_ticket(&app, &token, "ann@example.com", "ANN-ALONE").await;
        let plain = call(&app, Method::GET, &format!("/api/v1/tickets/{plain}"), Some(&token), None).await;
        assert_eq!(plain.expect(200)["company"], Value::Null, "no company");

        // Out of its company, and into one again, with a status change.
        let out = call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"company": null}))).await.expect(200);
        assert_eq!((&out["company"], &out["status"]), (&Value::Null, &json!("open")));
        assert!(app.ticket_titles(&sam).await.is_empty(), "out of globex, out of sam's sight");
        let change = json!({"company": "globex", "status": "in_progress"});
        let back = call(&app, Method::PATCH, &path, Some(&token), Some(&change)).await.expect(200);
        assert_eq!((&back["company"], &back["status"]), (&json!("globex"), &json!("in_progress")));
        let (view, _) = portal_ticket(&app, &sam, number).await;
        assert_eq!(view["status"], "in_progress", "sam sees the ticket as it now is");
        let typed = call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"type": "Problem"}))).await;
        assert_eq!(typed.expect(200)["company"], "globex", "a change that leaves the company out keeps it");

        // A PATCH with any value refused changes nothing at all. A company
        // or type the workspace does not have is well formed (409); a bad
        // key is not (400).
        let before = written(&app).await;
        let detail_before = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        for (body, status, field) in [
            (json!({"status": "closed", "company": "nope"}), 409, "company"),
            (json!({"status": "closed", "type": "Question", "company": "nope"}), 409, "company"),
            (json!({"status": "closed", "type": "Gossip", "company": "initech"}), 409, "type"),
            (json!({"status": "closed", "company": "bad key"}), 400, "company"),
            (json!({"status": "closed", "company": ""}), 400, "company"),
            (json!({"status": "closed", "company": 5}), 400, "company"),
            (json!({"status": "closed", "company": "x".repeat(101)}), 400, "company"),
        ] {
            let reply = call(&app, Method::PATCH, &path, Some(&token), Some(&body)).await;
            let code = if status == 409 { "conflict" } else { "invalid_request" };
            reply.expect_error(status, code, Some(field));
        }
        // So does a new ticket in a company that does not exist, even for a new customer.
        for (company, what, status, code) in
            [("nope", "an unknown company", 409, "conflict"), ("bad key", "a bad key", 400, "invalid_request")]
        {
            let body = json!({"customer": {"email": "new@example.com"}, "title": "t", "company": company});
            let mut reply = call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&body)).await;
            reply.what = format!("{what} ({})", reply.what);
            reply.expect_error(status, code, Some("company"));
        }
        assert_eq!(written(&app).await, before, "no refusal wrote anything");
        let detail_after = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!(detail_after, detail_before, "the ticket is as it was");
        assert_eq!(app.ticket_titles(&sam).await, ["ANN-IN-GLOBEX"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customer_attributes_decide_what_the_visibility_rule_allows() {
    on_each_backend("customer_attributes_decide_what_the_visibility_rule_allows", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        put_company(&app, &token, "globex", "Globex").await;
        let ann = app.sign_in("ann@globex.example").await.token;
        set_companies(&app, &token, "ann@globex.example", &["globex"]).await;
        open_company_ticket(&app, &token, "sam@globex.example", "SAMS-TICKET", "globex").await;
        let guests = ["attributes.role equals guest".to_string()];
        commands::set_visibility(&*app.store, SLUG, true, &guests, false).await.expect("the visibility rule");
        assert_eq!(app.ticket_titles(&ann).await, ["SAMS-TICKET"], "no role: not a guest");

        let body = json!({"attributes": {"role": " Guest ", "plan": "pro", "gone": " "}});
        let kept = call(&app, Method::PUT, &attributes_path("Ann@Globex.example"), Some(&token), Some(&body)).await;
        assert_eq!(kept.expect(200), json!({"attributes": {"plan": "pro", "role": "Guest"}}), "trimmed, empty dropped");
        assert_eq!(customers_with_attributes(&app, r#"{"plan":"pro","role":"Guest"}"#).await, 1);
        assert!(app.ticket_titles(&ann).await.is_empty(), "a guest sees only her own tickets");

        let none = json!({"attributes": {}});
        let kept = call(&app, Method::PUT, &attributes_path("ann@globex.example"), Some(&token), Some(&none)).await;
        assert_eq!(kept.expect(200), none, "replaced, not merged");
        assert_eq!(app.ticket_titles(&ann).await, ["SAMS-TICKET"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn company_attributes_are_replaced_when_given_and_kept_when_left_out() {
    on_each_backend("company_attributes_are_replaced_when_given_and_kept_when_left_out", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let body = json!({"name": "Globex", "attributes": {"tier": " Gold ", "region": "eu", "gone": " "}});
        let created = put_company_body(&app, &token, "globex", &body).await;
        let gold = json!({"region": "eu", "tier": "Gold"});
        assert_eq!(created, json!({"key": "globex", "name": "Globex", "attributes": gold}), "trimmed, empty dropped");
        assert_eq!(companies_with_attributes(&app, r#"{"region":"eu","tier":"Gold"}"#).await, 1);

        let renamed = put_company(&app, &token, "globex", "Globex Corp").await;
        assert_eq!(renamed, json!({"key": "globex", "name": "Globex Corp", "attributes": gold}), "left out: kept");
        let pro = json!({"name": "Globex", "attributes": {"plan": "pro"}});
        let replaced = put_company_body(&app, &token, "globex", &pro).await;
        assert_eq!(replaced["attributes"], json!({"plan": "pro"}), "replaced, not merged");
        let dropped = put_company_body(&app, &token, "globex", &json!({"name": "Globex", "attributes": {}})).await;
        assert_eq!(dropped["attributes"], json!({}));
        assert_eq!(companies_with_attributes(&app, "{}").await, 1);
        assert_eq!(written(&app).await.companies, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn company_attributes_decide_the_audience_and_the_visibility_rule() {
    on_each_backend("company_attributes_decide_the_audience_and_the_visibility_rule", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let token = api_token(&app, SLUG, "bot").await;
        put_company_body(&app, &token, "globex", &json!({"name": "Globex", "attributes": {"tier": "Gold"}})).await;
        put_company_body(&app, &token, "initech", &json!({"name": "Initech", "attributes": {"tier": "silver"}})).await;
        let kim = app.sign_in("kim@globex.example").await.token;
        set_companies(&app, &token, "kim@globex.example", &["globex"]).await;
        let sam = app.sign_in("sam@initech.example").await.token;
        set_companies(&app, &token, "sam@initech.example", &["initech"]).await;
        let lee = app.sign_in("lee@example.com").await.token;
        let gold_only = ["company.attributes.tier equals gold".to_string()];
        let said = commands::set_audience(store, SLUG, &gold_only).await.expect("the audience");
        assert!(said.contains("1 of 3 customer(s) may use the portal"), "{said}");

        let admitted = async |session: &str, what: &str| {
            let response = app.tickets(Some(session)).await;
            if response.status() == StatusCode::OK {
                true
            } else {
                expect_error(response, 403, &PortalError::NoAccess, what).await;
                false
            }
        };
        let (kim_in, sam_in, lee_in) =
            (admitted(&kim, "kim").await, admitted(&sam, "sam").await, admitted(&lee, "lee").await);
        assert_eq!((kim_in, sam_in, lee_in), (true, false, false), "only the member of a gold company");

        // Initech turns gold: Sam's open session works at once; Globex's
        // attributes are dropped: Kim's does not.
        put_company_body(&app, &token, "initech", &json!({"name": "Initech", "attributes": {"tier": "GOLD"}})).await;
        put_company_body(&app, &token, "globex", &json!({"name": "Globex", "attributes": {}})).await;
        let (kim_in, sam_in) = (admitted(&kim, "kim").await, admitted(&sam, "sam").await);
        assert_eq!((kim_in, sam_in), (false, true));
        // A rename leaves them as they are.
        put_company(&app, &token, "initech", "Initech Inc.").await;
        assert!(admitted(&sam, "sam after a rename").await);
        commands::set_audience(store, SLUG, &[]).await.expect("everyone again");

        // Customers of self-serve companies see only their own tickets.
        open_company_ticket(&app, &token, "sam@initech.example", "SAMS-TICKET", "initech").await;
        let sid = app.sign_in("sid@initech.example").await.token;
        set_companies(&app, &token, "sid@initech.example", &["initech"]).await;
        assert_eq!(app.ticket_titles(&sid).await, ["SAMS-TICKET"]);
        let self_serve = ["company.attributes.plan equals self-serve".to_string()];
        commands::set_visibility(store, SLUG, true, &self_serve, false).await.expect("the visibility rule");
        assert_eq!(app.ticket_titles(&sid).await, ["SAMS-TICKET"], "Initech has no plan");
        let body = json!({"name": "Initech", "attributes": {"tier": "gold", "plan": "Self-Serve"}});
        put_company_body(&app, &token, "initech", &body).await;
        assert!(app.ticket_titles(&sid).await.is_empty(), "a self-serve company's member sees only their own");
        put_company(&app, &token, "initech", "Initech").await;
        assert!(app.ticket_titles(&sid).await.is_empty(), "kept through a rename");
        put_company_body(&app, &token, "initech", &json!({"name": "Initech", "attributes": {"plan": "enterprise"}}))
            .await;
        assert_eq!(app.ticket_titles(&sid).await, ["SAMS-TICKET"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_company_and_customer_inputs_are_refused_and_change_nothing() {
    on_each_backend("bad_company_and_customer_inputs_are_refused_and_change_nothing", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        put_company_body(&app, &token, "globex", &json!({"name": "Globex", "attributes": {"tier": "gold"}})).await;
        put_company(&app, &token, "initech", "Initech").await;
        app.sign_in("ann@example.com").await;
        set_companies(&app, &token, "ann@example.com", &["initech"]).await;
        let attributes = json!({"attributes": {"plan": "pro"}});
        let ann_attributes = attributes_path("ann@example.com");
        call(&app, Method::PUT, &ann_attributes, Some(&token), Some(&attributes)).await.expect(200);
        // 51 companies that exist: only their number is wrong.
        let many: Vec<String> = (0..51).map(|i| format!("c{i}")).collect();
        for key in &many {
            put_company(&app, &token, key, "Many").await;
        }
        let before = written(&app).await;

        let refuse = async |what: &str, method: Method, path: &str, body: Option<Value>, field: &str| {
            let mut reply = call(&app, method, path, Some(&token), body.as_ref()).await;
            reply.what = format!("{what} ({})", reply.what);
            reply.expect_error(400, "invalid_request", Some(field));
        };
        let long_key = "k".repeat(101);
        for (what, key, body, field) in [
            ("a key with a space", "bad%20key", json!({"name": "X"}), "key"),
            ("a key with a non-ASCII letter", "%C3%A9", json!({"name": "X"}), "key"),
            ("a 101-character key", &long_key, json!({"name": "X"}), "key"),
            ("an empty name", "globex", json!({"name": ""}), "name"),
            ("a blank name", "globex", json!({"name": "   "}), "name"),
            ("a name with a control character", "globex", json!({"name": "a\u{7}b"}), "name"),
            ("a 201-character name", "globex", json!({"name": "n".repeat(201)}), "name"),
            ("a missing name", "globex", json!({}), "name"),
            ("a name that is a number", "globex", json!({"name": 5}), "name"),
            ("an unknown field", "globex", json!({"name": "G", "domain": "g.example"}), "domain"),
        ] {
            refuse(what, Method::PUT, &format!("/api/v1/companies/{key}"), Some(body), field).await;
        }
        // A company's attributes are checked as a customer's are; a refused
        // one refuses the name with it, and creates no company.
        let too_many: serde_json::Map<String, Value> = (0..51).map(|i| (format!("k{i}"), json!("v"))).collect();
        let mut too_many_given = too_many.clone();
        too_many_given.insert("k0".into(), json!(""));
        let padded = format!("{} ", "v".repeat(500));
        for (what, key, attributes, field) in [
            ("an attribute name with capitals", "globex", json!({"Tier": "x"}), "attributes"),
            ("an attribute name with a dash", "globex", json!({"tier-name": "x"}), "attributes"),
            ("an empty attribute name", "globex", json!({"": "x"}), "attributes"),
            ("a 65-character attribute name", "globex", json!({"k".repeat(65): "x"}), "attributes"),
            ("a value with a control character", "globex", json!({"tier": "a\u{0}b"}), "attributes"),
            ("a 501-character value", "globex", json!({"tier": "v".repeat(501)}), "attributes"),
            ("51 attributes", "globex", json!(too_many), "attributes"),
            ("51 attributes, one of them empty", "globex", json!(too_many_given), "attributes"),
            ("a 500-character value with a space after it", "globex", json!({"tier": padded}), "attributes"),
            ("a value that is a number", "globex", json!({"tier": 5}), "attributes.tier"),
            ("a value that is null", "globex", json!({"tier": null}), "attributes.tier"),
            ("attributes as a list", "globex", json!(["tier"]), "attributes"),
            ("attributes as a string", "globex", json!("tier=gold"), "attributes"),
            ("null attributes", "globex", Value::Null, "attributes"),
            ("bad attributes for a new company", "hooli", json!({"Tier": "x"}), "attributes"),
        ] {
            let body = json!({"name": "Renamed", "attributes": attributes});
            refuse(what, Method::PUT, &format!("/api/v1/companies/{key}"), Some(body), field).await;
        }
        let good_attributes_bad_name = json!({"name": " ", "attributes": {"tier": "silver"}});
        refuse(
            "a bad name with good attributes",
            Method::PUT,
            "/api/v1/companies/globex",
            Some(good_attributes_bad_name),
            "name",
        )
        .await;
        let ann = companies_path("ann@example.com");
        // Keys the workspace does not have: well formed, refused by what it holds.
        for (what, body) in [
            ("an unknown company", json!({"companies": ["nope"]})),
            ("a known and an unknown company", json!({"companies": ["globex", "nope"]})),
        ] {
            let mut reply = call(&app, Method::PUT, &ann, Some(&token), Some(&body)).await;
            reply.what = format!("{what} ({})", reply.what);
            reply.expect_error(409, "conflict", Some("companies"));
        }
        for (what, body, field) in [
            ("a bad company key", json!({"companies": ["globex", "bad key"]}), "companies"),
            ("51 companies", json!({"companies": many}), "companies"),
            ("companies as a string", json!({"companies": "globex"}), "companies"),
            ("missing companies", json!({}), "companies"),
            ("an unknown field", json!({"companies": [], "role": "x"}), "role"),
        ] {
            refuse(what, Method::PUT, &ann, Some(body), field).await;
        }
        let too_many: serde_json::Map<String, Value> = (0..51).map(|i| (format!("k{i}"), json!("v"))).collect();
        // Counted as given, before empty values are dropped, as the document's maxProperties counts.
        let mut too_many_given = too_many.clone();
        too_many_given.insert("k0".into(), json!(""));
        let padded = format!("{} ", "v".repeat(500));
        for (what, body, field) in [
            ("a name with capitals and spaces", json!({"attributes": {"Bad Key": "x"}}), "attributes"),
            ("a name with a dash", json!({"attributes": {"plan-name": "x"}}), "attributes"),
            ("an empty name", json!({"attributes": {"": "x"}}), "attributes"),
            ("a 65-character name", json!({"attributes": {"k".repeat(65): "x"}}), "attributes"),
            ("a value with a control character", json!({"attributes": {"plan": "a\u{0}b"}}), "attributes"),
            ("a 501-character value", json!({"attributes": {"plan": "v".repeat(501)}}), "attributes"),
            ("51 attributes", json!({"attributes": too_many}), "attributes"),
            ("51 attributes, one of them empty", json!({"attributes": too_many_given}), "attributes"),
            ("a 500-character value with a space after it", json!({"attributes": {"plan": padded}}), "attributes"),
            ("a value that is a number", json!({"attributes": {"plan": 5}}), "attributes.plan"),
            ("attributes as a list", json!({"attributes": ["plan"]}), "attributes"),
            ("an unknown field", json!({"attributes": {}, "plan": "x"}), "plan"),
        ] {
            refuse(what, Method::PUT, &ann_attributes, Some(body), field).await;
        }
        for (method, path, body) in [
            (Method::GET, companies_path("not-an-email"), None),
            (Method::PUT, companies_path("not-an-email"), Some(json!({"companies": []}))),
            (Method::PUT, attributes_path("not-an-email"), Some(json!({"attributes": {}}))),
        ] {
            refuse("an invalid email", method, &path, body, "email").await;
        }
        for (content_type, body) in [("application/json", "{\"companies\": ["), ("text/plain", "{\"companies\": []}")] {
            let raw = Some((content_type, body.as_bytes().to_vec()));
            send(&app, Method::PUT, &ann, Some(&token), raw).await.expect_error(400, "invalid_request", None);
        }

        // An unknown customer is not found, whatever the request.
        let missing = "nobody@example.com";
        for (method, path, body) in [
            (Method::GET, companies_path(missing), None),
            (Method::PUT, companies_path(missing), Some(json!({"companies": ["globex"]}))),
            (Method::PUT, attributes_path(missing), Some(json!({"attributes": {"plan": "x"}}))),
        ] {
            call(&app, method, &path, Some(&token), body.as_ref()).await.expect_error(404, "not_found", None);
        }

        assert_eq!(written(&app).await, before, "no refusal wrote anything");
        assert_eq!(companies_of(&app, &token, "ann@example.com").await, json!({"companies": ["initech"]}));
        assert_eq!(customers_with_attributes(&app, r#"{"plan":"pro"}"#).await, 1, "ann's attributes are as they were");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM companies WHERE name = 'Globex'").await, 1, "not renamed");
        assert_eq!(
            companies_with_attributes(&app, r#"{"tier":"gold"}"#).await,
            1,
            "globex's attributes are as they were"
        );
        // The limits are inclusive.
        let fifty = &many[..50].iter().map(String::as_str).collect::<Vec<_>>();
        assert_eq!(
            set_companies(&app, &token, "ann@example.com", fifty).await["companies"].as_array().unwrap().len(),
            50
        );
        put_company(&app, &token, &"k".repeat(100), &"n".repeat(200)).await;
        let most: serde_json::Map<String, Value> =
            (0..50).map(|i| (format!("{i}{}", "k".repeat(62)), json!("v".repeat(500)))).collect();
        let kept = put_company_body(&app, &token, "globex", &json!({"name": "Globex", "attributes": most})).await;
        assert_eq!(kept["attributes"].as_object().map(|a| a.len()), Some(50));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workspaces_token_cannot_see_or_change_companies_or_customers() {
    on_each_backend("another_workspaces_token_cannot_see_or_change_companies_or_customers", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "acme bot").await;
        put_company(&app, &token, "globex", "Globex").await;
        put_company(&app, &token, "initech", "Initech").await;
        let number = open_company_ticket(&app, &token, "ann@example.com", "ACME ticket", "globex").await;
        set_companies(&app, &token, "ann@example.com", &["globex"]).await;
        let ann_attributes = attributes_path("ann@example.com");
        let plan = json!({"attributes": {"plan": "pro"}});
        call(&app, Method::PUT, &ann_attributes, Some(&token), Some(&plan)).await.expect(200);
        app.add_workspace("other", "https://other.example").await;
        let other = api_token(&app, "other", "other bot").await;
        let before = written(&app).await;

        // Acme's customer is not found, exactly like a missing one.
        let ann = companies_path("ann@example.com");
        let foreign = call(&app, Method::GET, &ann, Some(&other), None).await;
        let missing = call(&app, Method::GET, &companies_path("nobody@example.com"), Some(&token), None).await;
        assert_eq!(foreign.body, missing.body, "another workspace's customer looks like a missing one");
        foreign.expect_error(404, "not_found", None);
        call(&app, Method::PUT, &ann, Some(&other), Some(&json!({"companies": []}))).await.expect_error(
            404,
            "not_found",
            None,
        );
        let wipe = json!({"attributes": {}});
        call(&app, Method::PUT, &ann_attributes, Some(&other), Some(&wipe)).await.expect_error(404, "not_found", None);
        // Acme's companies are not the other workspace's to use.
        let body = json!({"customer": {"email": "ann@example.com"}, "title": "t", "company": "initech"});
        call(&app, Method::POST, "/api/v1/tickets", Some(&other), Some(&body)).await.expect_error(
            409,
            "conflict",
            Some("company"),
        );
        call(&app, Method::PATCH, &format!("/api/v1/tickets/{number}"), Some(&other), Some(&json!({"company": null})))
            .await
            .expect_error(404, "not_found", None);
        assert_eq!(written(&app).await, before, "nothing was written");

        // Its own company of the same key, and its own customer of the same
        // email, are others than acme's.
        let body = json!({"name": "Not Acme's", "attributes": {"tier": "gold"}});
        assert_eq!(put_company_body(&app, &other, "globex", &body).await["name"], "Not Acme's");
        open_ticket(&app, &other, "ann@example.com", "OTHER ticket").await;
        assert_eq!(companies_of(&app, &other, "ann@example.com").await, json!({"companies": []}));
        set_companies(&app, &other, "ann@example.com", &["globex"]).await;
        call(&app, Method::PUT, &ann_attributes, Some(&other), Some(&wipe)).await.expect(200);

        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM companies WHERE name = 'Globex'").await, 1, "acme's name");
        assert_eq!(companies_with_attributes(&app, "{}").await, 2, "acme's companies have no attributes");
        assert_eq!(companies_of(&app, &token, "ann@example.com").await, json!({"companies": ["globex"]}));
        assert_eq!(customers_with_attributes(&app, r#"{"plan":"pro"}"#).await, 1, "acme's ann keeps her plan");
        let ticket = call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await;
        assert_eq!(ticket.expect(200)["company"], "globex");
    })
    .await;
}
