//! The OpenAPI document at `/api/v1/openapi.json`: served without a token,
//! OpenAPI 3, and describing every route the API serves. The routes come
//! from `portal_server::api_v1::ROUTES`, the list the router is built from,
//! so a route added without documentation fails here.
//!
//! That each constraint the document states is exactly what the server
//! checks is proven by fuzzing it (`scripts/api-fuzz`); here, that every
//! request value states one, with portal-core's limits.

use super::*;
use portal_core::attachment::FileKind;
use portal_server::api_v1::{PREFIX, ROUTES, openapi_document};

/// The document's operations, as (lower-case method, full path).
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            if ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&method.as_str()) {
                found.push((method.clone(), path.clone()));
            }
        }
    }
    found.sort();
    found
}

/// Follows a local `$ref`.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local reference");
            doc.pointer(pointer).unwrap_or_else(|| panic!("a dangling reference {reference}"))
        }
        None => value,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_describes_every_route() {
    on_each_backend("the_openapi_document_describes_every_route", |db| async move {
        let app = spawn_app(db).await;
        let doc = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await.expect(200);

        let version = doc["openapi"].as_str().expect("an openapi version");
        assert!(version.starts_with("3."), "OpenAPI 3: {version}");
        assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());

        // Exactly the routes the router serves.
        let mut served: Vec<(String, String)> =
            ROUTES.iter().map(|(method, path)| (method.to_string(), format!("{PREFIX}{path}"))).collect();
        served.sort();
        assert_eq!(operations(&doc), served, "the documented operations are the served routes");
        for required in [
            ("get", "/api/v1/tickets"),
            ("post", "/api/v1/tickets"),
            ("get", "/api/v1/tickets/{number}"),
            ("patch", "/api/v1/tickets/{number}"),
            ("post", "/api/v1/tickets/{number}/messages"),
            ("put", "/api/v1/companies/{key}"),
            ("get", "/api/v1/customers/{email}/companies"),
            ("put", "/api/v1/customers/{email}/companies"),
            ("put", "/api/v1/customers/{email}/attributes"),
            ("get", "/api/v1/openapi.json"),
        ] {
            assert!(served.contains(&(required.0.to_string(), required.1.to_string())), "{required:?} is served");
        }

        // Each listed route really is served (a 401 without a token, not a 404 or 405).
        for (method, path) in &served {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let concrete = path.replace("{number}", "1").replace("{key}", "acme").replace("{email}", "ann@example.com");
            let reply = call(&app, method.clone(), &concrete, None, None).await;
            let expected = if path.ends_with("openapi.json") { 200 } else { 401 };
            assert_eq!(reply.status.as_u16(), expected, "{method} {concrete}: {}", reply.body);
        }

        // The bearer scheme, required everywhere but on the document itself.
        let schemes = doc["components"]["securitySchemes"].as_object().expect("security schemes");
        let (name, scheme) = schemes.iter().next().expect("a security scheme");
        assert_eq!(schemes.len(), 1);
        assert_eq!((scheme["type"].as_str(), scheme["scheme"].as_str()), (Some("http"), Some("bearer")));
        assert_eq!(doc["security"], json!([{ name.as_str(): [] }]), "bearer auth by default");
        let own = &doc["paths"]["/api/v1/openapi.json"]["get"]["security"];
        assert_eq!(own, &json!([{}]), "the document itself needs no token");

        // The error schema, with every stable code.
        let schemas = &doc["components"]["schemas"];
        let error_body = &schemas["ErrorBody"];
        assert_eq!(error_body["required"], json!(["error"]), "{error_body}");
        let detail = resolve(&doc, &error_body["properties"]["error"]);
        for property in ["code", "message", "field"] {
            assert!(detail["properties"][property].is_object(), "ErrorDetail.{property}: {detail}");
        }
        let codes = resolve(&doc, &detail["properties"]["code"]);
        let mut codes: Vec<&str> =
            codes["enum"].as_array().expect("codes").iter().map(|c| c.as_str().unwrap()).collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                "conflict",
                "internal",
                "invalid_request",
                "method_not_allowed",
                "not_found",
                "payload_too_large",
                "unauthorized",
                "unavailable"
            ]
        );

        // Every authenticated operation documents 401 with the error schema;
        // every body it takes is a schema that refuses unknown fields.
        for (method, path) in &served {
            let operation = &doc["paths"][path][method];
            if path.ends_with("openapi.json") {
                continue;
            }
            let unauthorized = &operation["responses"]["401"]["content"]["application/json"]["schema"];
            assert_eq!(resolve(&doc, unauthorized), error_body, "{method} {path}: 401");
            let successes: Vec<&String> =
                operation["responses"].as_object().unwrap().keys().filter(|code| code.starts_with('2')).collect();
            assert!(!successes.is_empty(), "{method} {path}: a success response");
            for code in successes {
                let content = &operation["responses"][code]["content"];
                if code == "204" {
                    // No content: nothing to describe.
                    assert!(content.is_null(), "{method} {path} 204 has no body: {content}");
                    continue;
                }
                if path.contains("/attachments/") {
                    // A file download: bytes, of a kind customers may attach, not JSON.
                    let mut types: Vec<&str> =
                        content.as_object().expect("content").keys().map(String::as_str).collect();
                    let mut kinds: Vec<&str> = FileKind::ALL.iter().map(|kind| kind.content_type()).collect();
                    types.sort_unstable();
                    kinds.sort_unstable();
                    assert_eq!(types, kinds, "{method} {path} {code}: {content}");
                    continue;
                }
                let schema = &content["application/json"]["schema"];
                assert!(resolve(&doc, schema)["properties"].is_object(), "{method} {path} {code}: a schema");
            }
            // A participant is named in the URL: adding and removing one read
            // no body; nor do deleting, rotating a secret and redelivering.
            let bodiless = method == "get"
                || method == "delete"
                || path.contains("/participants/")
                || path.ends_with("/secret")
                || path.ends_with("/redeliver");
            if bodiless {
                assert!(operation["requestBody"].is_null(), "{method} {path} reads no body");
            } else if path.ends_with("/inbound/email") {
                // A raw email, as a mail server hands it over, not JSON.
                let content = operation["requestBody"]["content"].as_object().expect("content");
                assert_eq!(content.keys().collect::<Vec<_>>(), ["message/rfc822"], "{method} {path}");
            } else {
                let request = &operation["requestBody"]["content"]["application/json"]["schema"];
                let request = resolve(&doc, request);
                assert_eq!(request["additionalProperties"], json!(false), "{method} {path}: {request}");
            }
        }
        let ticket = &schemas["Ticket"]["properties"];
        for property in ["number", "title", "status", "type", "customer", "company", "created_at", "updated_at"] {
            assert!(ticket[property].is_object(), "Ticket.{property}");
        }
        for schema in ["TicketWithMessages", "NewTicketRequest", "TicketPatch"] {
            assert!(schemas[schema]["properties"]["company"].is_object(), "{schema}.company");
        }
        // Each operation is under one of the document's tags.
        let tags: Vec<&str> =
            doc["tags"].as_array().expect("tags").iter().map(|t| t["name"].as_str().unwrap()).collect();
        for tag in ["tickets", "participants", "companies", "customers", "email", "meta"] {
            assert!(tags.contains(&tag), "the {tag} tag: {tags:?}");
        }
        for (method, path) in &served {
            let tag =
                doc["paths"][path][method]["tags"][0].as_str().unwrap_or_else(|| panic!("{method} {path}: a tag"));
            assert!(tags.contains(&tag), "{method} {path}: {tag}");
        }
        let status = &ticket["status"]["enum"];
        assert_eq!(status, &json!(["open", "in_progress", "on_hold", "closed"]), "the statuses");
        assert!(schemas["Message"]["properties"]["internal"].is_object(), "Message.internal");
    })
    .await;
}

/// Walks a request value's schema: each string states its length, pattern
/// or values, each map its keys and size, each list its size; objects take
/// no other fields.
fn assert_bounded(doc: &Value, schema: &Value, at: &str) {
    let schema = resolve(doc, schema);
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if types.contains(&"string") {
        let stated = ["maxLength", "pattern", "enum"].iter().any(|k| !schema[k].is_null());
        assert!(stated, "{at}: a string without maxLength, pattern or enum: {schema}");
    }
    if types.contains(&"array") {
        assert!(schema["maxItems"].is_u64(), "{at}: a list without maxItems: {schema}");
        assert_bounded(doc, &schema["items"], &format!("{at}[]"));
    }
    if types.contains(&"object") {
        if let Some(properties) = schema["properties"].as_object() {
            assert_eq!(schema["additionalProperties"], json!(false), "{at}: unknown fields are refused");
            for (name, property) in properties {
                assert_bounded(doc, property, &format!("{at}.{name}"));
            }
        } else {
            assert!(schema["maxProperties"].is_u64(), "{at}: a map without maxProperties: {schema}");
            assert!(schema["propertyNames"]["pattern"].is_string(), "{at}: a map without a key pattern: {schema}");
            assert_bounded(doc, &schema["additionalProperties"], &format!("{at}.*"));
        }
    }
}

/// The email pattern clients and fuzzers generate from says yes exactly where
/// the server's own parsing does: a schema-valid address is never refused.
#[test]
fn the_documented_email_pattern_agrees_with_the_server() {
    let doc: Value = serde_json::from_str(openapi_document()).expect("the document is JSON");
    let schema = resolve(&doc, &doc["components"]["schemas"]["NewTicketCustomer"]);
    let pattern = schema["properties"]["email"]["pattern"].as_str().expect("the email states its pattern");
    let pattern = regex::Regex::new(pattern).expect("the pattern compiles");
    for raw in ["a@b", "ana@example.com", "ð@é", "a@b@c", "@b", "a@", "a b@c", "a@b\tc", "a\u{7}@b", "ab"] {
        assert_eq!(pattern.is_match(raw), portal_core::Email::parse(raw).is_ok(), "{raw:?}");
    }
}

/// A webhook URL the pattern allows is one the server takes: accepted, or
/// (a private network) refused with 409, never 400.
#[test]
fn the_documented_webhook_url_pattern_agrees_with_the_server() {
    use portal_core::webhook::{WebhookError, WebhookUrl};
    let doc: Value = serde_json::from_str(openapi_document()).expect("the document is JSON");
    let schema = resolve(&doc, &doc["components"]["schemas"]["NewWebhookRequest"]);
    let pattern = schema["properties"]["url"]["pattern"].as_str().expect("the URL states its pattern");
    let pattern = regex::Regex::new(pattern).expect("the pattern compiles");
    let valid = [
        "https://hooks.example.com/portal?x=1&y=%20",
        "https://a",
        "https://0.0.0.0:65535/",
        "https://10.0.0.1/",
        "https://999.1.1.1:1/a:b@c",
    ];
    let invalid = [
        "http://hooks.example.com/",
        "https://user@example.com/",
        "https://Example.com/",
        "https://a:0/",
        "https://a:65536/",
        "https://a b/",
        "https://a/<x>",
        "https://-a.com/",
    ];
    let taken = |raw: &str| !matches!(WebhookUrl::parse(raw, &Default::default()), Err(WebhookError::Url));
    for raw in valid {
        assert!(pattern.is_match(raw) && taken(raw), "{raw:?}");
    }
    for raw in invalid {
        assert!(!pattern.is_match(raw), "{raw:?}");
    }
}

#[test]
fn the_openapi_document_states_what_each_request_value_may_be() {
    use portal_core::{CustomerName, Email, MessageBody, TicketTitle, attributes, company};
    let doc: Value = serde_json::from_str(openapi_document()).expect("the document is JSON");
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            let at = format!("{method} {path}");
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap_or_default();
                let schema = &parameter["schema"];
                if schema["type"] == "string" {
                    assert!(schema["pattern"].is_string(), "{at}: parameter {name} states its pattern: {schema}");
                }
                if parameter["in"] == "path" {
                    assert!(!parameter["example"].is_null(), "{at}: parameter {name} has an example");
                }
                checked += 1;
            }
            let body = &operation["requestBody"]["content"]["application/json"]["schema"];
            if !body.is_null() {
                assert_bounded(&doc, body, &at);
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "parameters and bodies checked: {checked}");

    // The limits are portal-core's own.
    let schemas = &doc["components"]["schemas"];
    let property = |schema: &str, name: &str| resolve(&doc, &schemas[schema]["properties"][name]).clone();
    for (schema, name, max) in [
        ("NewTicketRequest", "title", TicketTitle::MAX_CHARS),
        ("NewTicketRequest", "description", MessageBody::MAX_CHARS),
        ("NewTicketRequest", "company", company::MAX_KEY_CHARS),
        ("NewTicketCustomer", "email", Email::MAX_LEN),
        ("NewTicketCustomer", "name", CustomerName::MAX_LEN),
        ("NewMessageRequest", "body", MessageBody::MAX_CHARS),
        ("NewMessageRequest", "author_name", CustomerName::MAX_LEN),
        ("CompanyRequest", "name", company::MAX_NAME_CHARS),
        ("TicketPatch", "company", company::MAX_KEY_CHARS),
    ] {
        assert_eq!(property(schema, name)["maxLength"], json!(max), "{schema}.{name}");
    }
    for (schema, name) in [
        ("NewTicketRequest", "attributes"),
        ("TicketPatch", "attributes"),
        ("CompanyRequest", "attributes"),
        ("Company", "attributes"),
    ] {
        let map = property(schema, name);
        assert_eq!(map["maxProperties"], json!(attributes::MAX_ATTRIBUTES), "{schema}.{name}");
        assert_eq!(map["additionalProperties"]["maxLength"], json!(attributes::MAX_VALUE_CHARS), "{schema}.{name}");
    }
    assert_eq!(property("CustomerCompanies", "companies")["maxItems"], json!(company::MAX_MEMBERSHIPS));
    assert_eq!(
        property("Company", "key")["pattern"],
        json!(format!("^[A-Za-z0-9._:@-]{{1,{}}}$", company::MAX_KEY_CHARS))
    );

    // A company's attributes may be left out (kept), never null; its answer has them always.
    assert_eq!(schemas["CompanyRequest"]["required"], json!(["name"]), "CompanyRequest: only the name is required");
    assert_eq!(property("CompanyRequest", "attributes")["type"], json!("object"), "CompanyRequest.attributes");
    let company = resolve(&doc, &schemas["Company"]);
    let mut required: Vec<&str> =
        company["required"].as_array().expect("Company.required").iter().filter_map(Value::as_str).collect();
    required.sort_unstable();
    assert_eq!(required, ["attributes", "key", "name"], "{company}");
    assert_eq!(
        property("CompanyRequest", "attributes")["propertyNames"]["pattern"],
        json!(format!("^[a-z0-9_]{{1,{}}}$", attributes::MAX_KEY_CHARS))
    );

    // A change names at least one field, and only `company` may be null.
    let patch = resolve(&doc, &schemas["TicketPatch"]);
    assert_eq!(patch["minProperties"], json!(1), "{patch}");
    for name in ["status", "type", "attributes"] {
        let types = &property("TicketPatch", name)["type"];
        assert!(types.is_string() && types != "null", "TicketPatch.{name} is not nullable: {types}");
    }

    // What the workspace holds, not the request, refuses an unknown type or
    // company: those answers are documented as 409.
    for (path, method) in [
        ("/api/v1/tickets", "post"),
        ("/api/v1/tickets/{number}", "patch"),
        ("/api/v1/customers/{email}/companies", "put"),
    ] {
        let conflict = &doc["paths"][path][method]["responses"]["409"];
        assert!(conflict["description"].as_str().is_some_and(|d| d.contains("conflict")), "{method} {path}: 409");
    }
}
