//! What the API reads. Requests are parsed with unknown fields refused,
//! then validated through portal-core's types.

use super::error::ApiError;
use super::responses::status_schema;
use super::schema;
use portal_core::attributes::{self, CompanyAttributes, CustomerAttributes};
use portal_core::company::{self, MAX_MEMBERSHIPS};
use portal_core::{
    CompanyKey, CustomerName, Email, IdempotencyKey, MessageBody, TicketAttributes, TicketDescription, TicketStatus,
    TicketTitle,
};
use portal_store::{AgentChannel, AgentNewTicket, AgentPost};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Array, Object, ObjectBuilder};
use utoipa::{IntoParams, ToSchema};

/// The list's default and largest page.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

// --- Requests --------------------------------------------------------------
//
// Each field's schema states what its check accepts (see `schema`). The
// API counts a text's length as sent, surrounding white space included,
// before portal-core trims it, so that the document's `maxLength` is the
// whole rule.

/// `GET /api/v1/tickets` query parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// How many tickets, 1 to 500 (default 50). Other values are refused
    /// with `invalid_request`, not clamped.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
}

impl ListQuery {
    pub fn limit(&self) -> Result<u32, ApiError> {
        let Some(raw) = &self.limit else {
            return Ok(DEFAULT_LIMIT);
        };
        match raw.parse::<u32>() {
            Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            _ => Err(ApiError::invalid("limit", format!("limit must be an integer from 1 to {MAX_LIMIT}"))),
        }
    }
}

/// The path of a ticket's URL.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TicketPath {
    /// The ticket's number within the workspace.
    #[param(example = 1)]
    pub number: i64,
}

/// The path of an attachment's URL.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AttachmentPath {
    /// The ticket's number within the workspace.
    #[param(example = 1)]
    pub number: i64,
    /// The attachment's id, from the ticket's `attachments`.
    #[param(example = 1)]
    pub id: i64,
}

/// The path of a ticket participant's URL.
#[derive(Debug, Deserialize)]
pub struct ParticipantPath {
    pub number: i64,
    pub email: String,
}

/// The path of a company's URL.
#[derive(Debug, Deserialize)]
pub struct CompanyPath {
    pub key: String,
}

/// The path of a customer's URL.
#[derive(Debug, Deserialize)]
pub struct CustomerPath {
    pub email: String,
}

// By hand: the derive drops a parameter's description, example and
// `required` when its schema is built by a function.
impl IntoParams for CompanyPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![path_parameter(
            "key",
            "The site's own id for the company: 1 to 100 characters of letters, digits and `.`, `_`, `-`, `:`, `@`.",
            schema::company_key(false),
            "acme",
        )]
    }
}

impl IntoParams for CustomerPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![path_parameter(
            "email",
            "The customer's email, compared ignoring case: at most 254 characters, something, `@` and a domain, \
             without white space or control characters.",
            schema::email(),
            "ann@example.com",
        )]
    }
}

impl IntoParams for ParticipantPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat, Type};
        let number = ParameterBuilder::new()
            .name("number")
            .parameter_in(ParameterIn::Path)
            .required(Required::True)
            .description(Some("The ticket's number within the workspace."))
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .build(),
            ))
            .example(Some(1.into()))
            .build();
        vec![
            number,
            path_parameter(
                "email",
                "The email of one of the workspace's customers, compared ignoring case: at most 254 characters, \
                 something, `@` and a domain, without white space or control characters.",
                schema::email(),
                "bob@example.com",
            ),
        ]
    }
}

fn path_parameter(name: &str, description: &str, schema: ObjectBuilder, example: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(schema.build()))
        .example(Some(example.into()))
        .build()
}

fn new_customer_email_schema() -> Object {
    schema::email()
        .description(Some(
            "Found ignoring case, or a new customer: at most 254 characters, something, `@` and a domain, \
             without white space or control characters.",
        ))
        .build()
}

fn company_schema_key() -> Object {
    schema::company_key(false)
        .description(Some(
            "The site's own id for the company: 1 to 100 characters of letters, digits and `.`, `_`, `-`, `:`, `@`.",
        ))
        .build()
}

fn customer_name_schema() -> Object {
    schema::name(CustomerName::MAX_LEN, true, false)
        .description(Some(
            "Sets the customer's display name when given and not blank: at most 200 characters, trimmed, \
             without control characters.",
        ))
        .build()
}

fn title_schema() -> Object {
    schema::required_text(TicketTitle::MAX_CHARS)
        .description(Some("At most 200 characters, not blank; trimmed."))
        .build()
}

fn description_schema() -> Object {
    schema::text(MessageBody::MAX_CHARS, true)
        .description(Some("Markdown, at most 10,240 characters; may be empty."))
        .build()
}

fn new_ticket_type_schema() -> Object {
    schema::non_blank(true)
        .description(Some(
            "One of the workspace's ticket types (compared once trimmed); one it does not have is refused \
             with 409 `conflict`.",
        ))
        .build()
}

fn ticket_type_schema() -> Object {
    schema::non_blank(false)
        .description(Some(
            "One of the workspace's ticket types (compared once trimmed; a type cannot be removed); one it \
             does not have is refused with 409 `conflict`.",
        ))
        .build()
}

const ATTRIBUTES: &str = "Key (1 to 64 characters of a-z, 0-9 and `_`) to value (at most 500 characters, trimmed, \
                          without control characters; an empty one drops its key); at most 50.";

fn new_attributes_schema() -> Object {
    schema::attribute_map(true).description(Some(ATTRIBUTES)).build()
}

fn attributes_schema() -> Object {
    schema::attribute_map(false).description(Some(ATTRIBUTES)).build()
}

fn company_attributes_schema() -> Object {
    schema::attribute_map(false)
        .description(Some(
            "Replaces all of the company's attributes (left out, they are kept; `{}` drops them all). Key (1 to \
             64 characters of a-z, 0-9 and `_`) to value (at most 500 characters, trimmed, without control \
             characters; an empty one drops its key); at most 50. The workspace's audience and visibility \
             conditions can look at them: `company.attributes.tier equals gold`.",
        ))
        .build()
}

fn company_attributes_out_schema() -> Object {
    schema::attribute_map(false)
        .description(Some(
            "The company's attributes, key to value, which the workspace's audience and visibility conditions \
             can look at (`company.attributes.<key>`).",
        ))
        .build()
}

fn ticket_company_schema() -> Object {
    schema::company_key(true)
        .description(Some(
            "The key of one of the workspace's companies (see `Ticket.company`), or null for none. A key the \
             workspace does not have is refused with 409 `conflict`.",
        ))
        .build()
}

fn message_body_schema() -> Object {
    schema::required_text(MessageBody::MAX_CHARS)
        .description(Some("Markdown, at most 10,240 characters, not blank; trimmed."))
        .build()
}

fn author_name_schema() -> Object {
    schema::name(CustomerName::MAX_LEN, false, true)
        .description(Some(
            "The agent's display name: at most 200 characters, not blank, trimmed, without control characters.",
        ))
        .build()
}

fn company_name_schema() -> Object {
    schema::name(company::MAX_NAME_CHARS, false, true)
        .description(Some("At most 200 characters, not blank, trimmed, without control characters."))
        .build()
}

fn company_keys_schema() -> Array {
    schema::company_keys()
        .description(Some(
            "Keys of the workspace's companies, at most 50. A key the workspace does not have is refused with \
             409 `conflict`.",
        ))
        .build()
}

/// Refuses a text longer than `max` characters as sent.
fn at_most(field: &str, raw: &str, max: usize) -> Result<(), ApiError> {
    let chars = raw.chars().count();
    if chars > max {
        return Err(ApiError::invalid(field, format!("{field} is longer than {max} characters ({chars})")));
    }
    Ok(())
}

/// Whom a new ticket is for: found by email (ignoring case) or created.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketCustomer {
    #[schema(schema_with = new_customer_email_schema)]
    pub email: String,
    #[schema(schema_with = customer_name_schema)]
    pub name: Option<String>,
}

/// `POST /api/v1/tickets`: a ticket opened on a customer's behalf.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketRequest {
    pub customer: NewTicketCustomer,
    #[schema(schema_with = title_schema)]
    pub title: String,
    #[schema(schema_with = description_schema)]
    pub description: Option<String>,
    #[serde(rename = "type")]
    #[schema(schema_with = new_ticket_type_schema)]
    pub ticket_type: Option<String>,
    /// Extra attributes (see `TicketWithMessages.attributes`).
    #[schema(schema_with = new_attributes_schema)]
    pub attributes: Option<BTreeMap<String, String>>,
    #[schema(schema_with = ticket_company_schema)]
    pub company: Option<String>,
}

/// Checks attributes given in a request: as many and as long as sent, then
/// as portal-core checks them.
fn attributes(raw: Option<BTreeMap<String, String>>) -> Result<Option<TicketAttributes>, ApiError> {
    let Some(map) = raw else {
        return Ok(None);
    };
    if map.len() > attributes::MAX_ATTRIBUTES {
        return Err(ApiError::invalid(
            "attributes",
            format!("at most {} attributes can be given", attributes::MAX_ATTRIBUTES),
        ));
    }
    let max = attributes::MAX_VALUE_CHARS;
    if let Some(key) = map.iter().find_map(|(key, value)| (value.chars().count() > max).then_some(key)) {
        return Err(ApiError::invalid("attributes", format!("the value of {key:?} is longer than {max} characters")));
    }
    TicketAttributes::parse(map).map(Some).map_err(|e| ApiError::invalid("attributes", e))
}

impl NewTicketRequest {
    pub fn validate(self) -> Result<AgentNewTicket, ApiError> {
        let customer_email =
            Email::parse(&self.customer.email).map_err(|e| ApiError::validation("customer.email", e))?;
        let raw_name = self.customer.name.as_deref().unwrap_or("");
        at_most("customer.name", raw_name, CustomerName::MAX_LEN)?;
        let customer_name = CustomerName::parse(raw_name).map_err(|e| ApiError::validation("customer.name", e))?;
        at_most("title", &self.title, TicketTitle::MAX_CHARS)?;
        let title = TicketTitle::parse(&self.title).map_err(|e| ApiError::validation("title", e))?;
        if let Some(text) = &self.description {
            at_most("description", text, MessageBody::MAX_CHARS)?;
        }
        let description = TicketDescription::parse(self.description.as_deref().unwrap_or(""))
            .map_err(|e| ApiError::validation("description", e))?;
        let ticket_type = self.ticket_type.map(|t| non_empty_type(&t)).transpose()?;
        let attributes = attributes(self.attributes)?.unwrap_or_default();
        let company = self.company.as_deref().map(|key| company_key("company", key)).transpose()?;
        Ok(AgentNewTicket {
            customer_email,
            customer_name,
            title,
            description,
            ticket_type,
            attributes,
            company,
            channel: AgentChannel::Api,
            mail_key: None,
        })
    }
}

/// `POST /api/v1/tickets/{number}/messages`: a reply or an internal note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageRequest {
    #[schema(schema_with = message_body_schema)]
    pub body: String,
    /// An internal note: agents only, never shown to the customer.
    #[serde(default)]
    #[schema(default = false)]
    pub internal: bool,
    #[schema(schema_with = author_name_schema)]
    pub author_name: String,
    /// Makes a retried post write once: a key already used on this ticket
    /// answers 200 with the message it wrote first. 8 to 64 characters of
    /// a-z, A-Z, 0-9, `-` and `_`.
    #[schema(min_length = 8, max_length = 64, pattern = "^[A-Za-z0-9_-]{8,64}$")]
    pub idempotency_key: Option<String>,
}

impl NewMessageRequest {
    pub fn validate(self) -> Result<AgentPost, ApiError> {
        at_most("body", &self.body, MessageBody::MAX_CHARS)?;
        let body = MessageBody::parse(&self.body).map_err(|e| ApiError::validation("body", e))?;
        at_most("author_name", &self.author_name, CustomerName::MAX_LEN)?;
        let author_name = match CustomerName::parse(&self.author_name) {
            Ok(name) if !name.as_str().is_empty() => String::from(name),
            Ok(_) => return Err(ApiError::invalid("author_name", "author_name must not be empty")),
            Err(e) => return Err(ApiError::validation("author_name", e)),
        };
        let key = self
            .idempotency_key
            .map(|k| IdempotencyKey::parse(&k).map_err(|e| ApiError::validation("idempotency_key", e)))
            .transpose()?;
        Ok(AgentPost { body, internal: self.internal, author_name, key })
    }
}

/// `PATCH /api/v1/tickets/{number}`: at least one of the fields. Only
/// `company` may be null (out of its company); leave the others out to
/// keep them as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(min_properties = 1)]
pub struct TicketPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = status_schema)]
    pub status: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "present")]
    #[schema(schema_with = ticket_type_schema)]
    pub ticket_type: Option<String>,
    /// Replaces all of the ticket's attributes.
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = attributes_schema)]
    pub attributes: Option<BTreeMap<String, String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = ticket_company_schema)]
    pub company: Option<Option<String>>,
}

/// Reads a field that is there as `Some`: with `#[serde(default)]`, a field
/// left out is `None`. With `T = Option<_>`, a null one is `Some(None)`;
/// otherwise null is refused like any value of the wrong type.
pub(super) fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(value: D) -> Result<Option<T>, D::Error> {
    T::deserialize(value).map(Some)
}

/// A validated [`TicketPatch`].
pub struct TicketChange {
    pub status: Option<TicketStatus>,
    pub ticket_type: Option<String>,
    pub attributes: Option<TicketAttributes>,
    /// `Some(None)`: out of its company.
    pub company: Option<Option<CompanyKey>>,
}

impl TicketPatch {
    pub fn validate(self) -> Result<TicketChange, ApiError> {
        let status = self
            .status
            .map(|s| {
                TicketStatus::parse(&s).ok_or_else(|| {
                    let known: Vec<&str> = TicketStatus::ALL.map(TicketStatus::as_str).to_vec();
                    ApiError::invalid("status", format!("unknown status {s:?}: use one of {}", known.join(", ")))
                })
            })
            .transpose()?;
        let ticket_type = self.ticket_type.map(|t| non_empty_type(&t)).transpose()?;
        let attributes = attributes(self.attributes)?;
        let company =
            self.company.map(|key| key.as_deref().map(|key| company_key("company", key)).transpose()).transpose()?;
        if status.is_none() && ticket_type.is_none() && attributes.is_none() && company.is_none() {
            return Err(ApiError::new(
                super::error::ErrorCode::InvalidRequest,
                "nothing to change: give status, type, attributes and/or company",
            ));
        }
        Ok(TicketChange { status, ticket_type, attributes, company })
    }
}

fn non_empty_type(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("type", "type must not be empty"));
    }
    Ok(name.to_string())
}

/// A company key given as `field`.
pub fn company_key(field: &str, raw: &str) -> Result<CompanyKey, ApiError> {
    CompanyKey::parse(raw).map_err(|e| ApiError::invalid(field, e))
}

// --- Companies and customers -------------------------------------------------

/// `PUT /api/v1/companies/{key}`: the company's display name and, if
/// given, its attributes (which replace all of them; left out, they are
/// kept).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyRequest {
    #[schema(schema_with = company_name_schema)]
    pub name: String,
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = company_attributes_schema)]
    pub attributes: Option<BTreeMap<String, String>>,
}

impl CompanyRequest {
    /// The name, trimmed, and the attributes if given (see [`attributes`]).
    pub fn validate(self) -> Result<(String, Option<CompanyAttributes>), ApiError> {
        at_most("name", &self.name, company::MAX_NAME_CHARS)?;
        let name = company::check_company_name(&self.name).map_err(|e| ApiError::invalid("name", e))?;
        Ok((name, attributes(self.attributes)?))
    }
}

/// A company of the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Company {
    #[schema(schema_with = company_schema_key)]
    pub key: String,
    pub name: String,
    #[schema(schema_with = company_attributes_out_schema)]
    pub attributes: BTreeMap<String, String>,
}

/// The companies a customer belongs to: what `GET` answers (sorted), and
/// what `PUT` replaces them with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerCompanies {
    #[schema(schema_with = company_keys_schema)]
    pub companies: Vec<String>,
}

impl CustomerCompanies {
    /// The keys, checked, sorted and without repeats.
    pub fn validate(self) -> Result<Vec<CompanyKey>, ApiError> {
        if self.companies.len() > MAX_MEMBERSHIPS {
            return Err(ApiError::invalid(
                "companies",
                format!("a customer belongs to at most {MAX_MEMBERSHIPS} companies"),
            ));
        }
        let mut keys = self.companies.iter().map(|key| company_key("companies", key)).collect::<Result<Vec<_>, _>>()?;
        keys.sort();
        keys.dedup();
        Ok(keys)
    }
}

impl From<Vec<CompanyKey>> for CustomerCompanies {
    fn from(keys: Vec<CompanyKey>) -> Self {
        Self { companies: keys.into_iter().map(String::from).collect() }
    }
}

/// A customer's attributes (plan, role, …): what `PUT` replaces them with,
/// and what it answers (values trimmed, empty ones dropped). The
/// workspace's visibility conditions can look at them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerAttributesBody {
    #[schema(schema_with = attributes_schema)]
    pub attributes: BTreeMap<String, String>,
}

impl CustomerAttributesBody {
    pub fn validate(self) -> Result<CustomerAttributes, ApiError> {
        Ok(attributes(Some(self.attributes))?.unwrap_or_default())
    }
}

impl From<CustomerAttributes> for CustomerAttributesBody {
    fn from(attributes: CustomerAttributes) -> Self {
        Self { attributes: attributes.into() }
    }
}
