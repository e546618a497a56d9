//! The constraints the OpenAPI document states for request values, built
//! from portal-core's own limits, so that a value the document calls valid
//! is one the server accepts, and the other way round: clients (and the
//! schema-driven fuzzing in `scripts/api-fuzz`) can trust it.
//!
//! Patterns are ECMA-262 regular expressions, as JSON Schema says, written
//! with `\uXXXX` escapes only, which every common engine reads alike. Where
//! portal-core trims a value before checking it, the pattern spells out
//! the trimming: Rust's white space (`char::is_whitespace`) around the
//! value, control characters (`char::is_control`) nowhere else.

use portal_core::attributes;
use portal_core::company;
use portal_core::{Email, TicketStatus};
use utoipa::openapi::schema::{AdditionalProperties, ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, schema::SchemaType};

/// Unicode's White_Space: what `char::is_whitespace`, and so `str::trim`,
/// takes for white space.
const WHITE_SPACE: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

/// Unicode's Cc: what `char::is_control` takes for a control character.
const CONTROL: &[(char, char)] = &[('\u{0}', '\u{1F}'), ('\u{7F}', '\u{9F}')];

/// The inside of a character class holding every range of `sets`.
fn class(sets: &[&[(char, char)]]) -> String {
    let escape = |c: char| format!("\\u{:04X}", u32::from(c));
    let mut out = String::new();
    for &(first, last) in sets.iter().flat_map(|set| set.iter()) {
        out.push_str(&escape(first));
        if last != first {
            out.push('-');
            out.push_str(&escape(last));
        }
    }
    out
}

/// Not white space only (what a trimmed text that must not be empty needs).
pub fn not_blank() -> String {
    format!("[^{}]", class(&[WHITE_SPACE]))
}

/// White space around, and no control character inside, a text that may
/// be empty once trimmed (or, with `required`, must not be).
pub fn trimmed_without_control(required: bool) -> String {
    let (white, control) = (class(&[WHITE_SPACE]), class(&[CONTROL]));
    let both = class(&[WHITE_SPACE, CONTROL]);
    let inside = format!("[^{control}]*[^{both}]");
    if required { format!("^[{white}]*{inside}[{white}]*$") } else { format!("^[{white}]*(?:{inside})?[{white}]*$") }
}

/// What `Email::parse` accepts: a local part, exactly one `@`, a domain,
/// neither holding white space or control characters.
pub fn email_pattern() -> String {
    let both = class(&[WHITE_SPACE, CONTROL]);
    format!("^[^{both}@]+@[^{both}@]+$")
}

/// A webhook URL: `https://` and a lower-case host name (or IPv4 address),
/// an optional port from 1 to 65535, and a path and query of URL
/// characters, at most [`portal_core::webhook::URL_MAX`] long. (`http://`
/// for localhost is accepted too, but not offered here.) A host in a
/// private network is valid, and refused with 409 unless the server's
/// configuration allows its network.
pub fn webhook_url_pattern() -> String {
    let label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    let port = "(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";
    format!("^https://{label}(?:\\.{label})*(?::{port})?(?:/[A-Za-z0-9._~!$&()*+,;=:@%/?-]*)?$")
}

pub fn company_key_pattern() -> String {
    format!("^[A-Za-z0-9._:@-]{{1,{}}}$", company::MAX_KEY_CHARS)
}

pub fn attribute_key_pattern() -> String {
    format!("^[a-z0-9_]{{1,{}}}$", attributes::MAX_KEY_CHARS)
}

fn string(nullable: bool) -> ObjectBuilder {
    let schema_type = if nullable { SchemaType::from_iter([Type::String, Type::Null]) } else { Type::String.into() };
    ObjectBuilder::new().schema_type(schema_type)
}

/// A text of at most `max` characters as sent (it may be empty).
pub fn text(max: usize, nullable: bool) -> ObjectBuilder {
    string(nullable).max_length(Some(max))
}

/// Any text but a blank one (a ticket type: the workspace decides the rest).
pub fn non_blank(nullable: bool) -> ObjectBuilder {
    string(nullable).pattern(Some(not_blank()))
}

/// A text of at most `max` characters as sent, not blank.
pub fn required_text(max: usize) -> ObjectBuilder {
    string(false).min_length(Some(1)).max_length(Some(max)).pattern(Some(not_blank()))
}

/// A name: at most `max` characters as sent, not blank, trimmed, without
/// control characters.
pub fn name(max: usize, nullable: bool, required: bool) -> ObjectBuilder {
    string(nullable)
        .min_length(required.then_some(1))
        .max_length(Some(max))
        .pattern(Some(trimmed_without_control(required)))
}

pub fn email() -> ObjectBuilder {
    string(false).min_length(Some(3)).max_length(Some(Email::MAX_LEN)).pattern(Some(email_pattern()))
}

pub fn company_key(nullable: bool) -> ObjectBuilder {
    string(nullable).min_length(Some(1)).max_length(Some(company::MAX_KEY_CHARS)).pattern(Some(company_key_pattern()))
}

pub fn company_keys() -> ArrayBuilder {
    ArrayBuilder::new().items(company_key(false).build()).max_items(Some(company::MAX_MEMBERSHIPS))
}

/// Attributes (of a ticket or a customer): keys to values.
pub fn attribute_map(nullable: bool) -> ObjectBuilder {
    let schema_type = if nullable { SchemaType::from_iter([Type::Object, Type::Null]) } else { Type::Object.into() };
    let value = name(attributes::MAX_VALUE_CHARS, false, false).build();
    ObjectBuilder::new()
        .schema_type(schema_type)
        .property_names(Some(Schema::Object(
            string(false).min_length(Some(1)).pattern(Some(attribute_key_pattern())).build(),
        )))
        .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(Schema::Object(value)))))
        .max_properties(Some(attributes::MAX_ATTRIBUTES))
}

pub fn status() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(TicketStatus::ALL.map(TicketStatus::as_str)))
        .description(Some("Where the ticket stands."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(sets: &[(char, char)]) -> Vec<char> {
        sets.iter().flat_map(|&(first, last)| first..=last).collect()
    }

    fn every_char() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    #[test]
    fn the_classes_are_rusts() {
        assert_eq!(expand(WHITE_SPACE), every_char().filter(|c| c.is_whitespace()).collect::<Vec<_>>());
        assert_eq!(expand(CONTROL), every_char().filter(|c| c.is_control()).collect::<Vec<_>>());
        assert_eq!(class(&[CONTROL]), r"\u0000-\u001F\u007F-\u009F");
    }
}
