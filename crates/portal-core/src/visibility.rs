//! Ticket visibility: whether a customer sees every ticket of their
//! companies, or only the tickets they opened. A workspace sets it with a
//! toggle and conditions on the customer:
//!
//! | Toggle | Conditions | What customers see |
//! |---|---|---|
//! | Off | any (kept but inactive) | everyone sees all company tickets |
//! | On | none | everyone is restricted to their own tickets |
//! | On | conditions set | customers matching the conditions see only their own; everyone else sees all company tickets |
//!
//! A customer matches when every condition holds. Text is compared without
//! regard to case. Conditions name `email`, `name`, one of the customer's
//! attributes as `attributes.<key>`, or their companies as `company.key` or
//! `company.name` (true when one of their companies matches).

use crate::attributes::CustomerAttributes;
use serde::{Deserialize, Serialize};

pub const MAX_CONDITIONS: usize = 20;
pub const MAX_VALUE_CHARS: usize = 200;

/// What a condition looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerField {
    Email,
    Name,
    /// One of the customer's attributes (`attributes.plan`).
    Attribute(String),
    /// The key of one of the customer's companies.
    CompanyKey,
    /// The name of one of the customer's companies.
    CompanyName,
}

impl CustomerField {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw {
            "email" => Ok(Self::Email),
            "name" => Ok(Self::Name),
            "company.key" => Ok(Self::CompanyKey),
            "company.name" => Ok(Self::CompanyName),
            _ => match raw.strip_prefix("attributes.") {
                Some(key) if crate::attributes::check_key(key).is_ok() => Ok(Self::Attribute(key.to_string())),
                _ => Err(format!(
                    "unknown customer attribute {:?}: use email, name, attributes.<key>, company.key or company.name",
                    raw.chars().take(80).collect::<String>()
                )),
            },
        }
    }

    pub fn as_string(&self) -> String {
        match self {
            Self::Email => "email".into(),
            Self::Name => "name".into(),
            Self::Attribute(key) => format!("attributes.{key}"),
            Self::CompanyKey => "company.key".into(),
            Self::CompanyName => "company.name".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    Contains,
    StartsWith,
    EndsWith,
}

impl Operator {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw {
            "equals" => Ok(Self::Equals),
            "contains" => Ok(Self::Contains),
            "starts_with" => Ok(Self::StartsWith),
            "ends_with" => Ok(Self::EndsWith),
            _ => Err(format!(
                "unknown operator {:?}: use equals, contains, starts_with or ends_with",
                raw.chars().take(80).collect::<String>()
            )),
        }
    }
}

/// The customer facts conditions are checked against.
#[derive(Debug, Clone, Copy)]
pub struct CustomerFacts<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub attributes: &'a CustomerAttributes,
    /// The customer's companies: (key, name).
    pub companies: &'a [(String, String)],
}

/// One checked condition, e.g. `email ends_with "@example.com"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCondition", into = "RawCondition")]
pub struct Condition {
    field: CustomerField,
    operator: Operator,
    /// Lower case, as compared.
    value: String,
}

#[derive(Serialize, Deserialize)]
struct RawCondition {
    attribute: String,
    operator: String,
    value: String,
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;

    fn try_from(raw: RawCondition) -> Result<Self, String> {
        Condition::parse(&raw.attribute, &raw.operator, &raw.value)
    }
}

impl From<Condition> for RawCondition {
    fn from(c: Condition) -> Self {
        let operator = match c.operator {
            Operator::Equals => "equals",
            Operator::Contains => "contains",
            Operator::StartsWith => "starts_with",
            Operator::EndsWith => "ends_with",
        };
        RawCondition { attribute: c.field.as_string(), operator: operator.into(), value: c.value }
    }
}

impl std::fmt::Display for Condition {
    /// `<attribute> <operator> <value>`, as [`Condition::parse_line`] reads it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let raw = RawCondition::from(self.clone());
        write!(f, "{} {} {}", raw.attribute, raw.operator, raw.value)
    }
}

impl Condition {
    /// A condition as people write it: `<attribute> <operator> <value>`,
    /// e.g. `email ends_with @example.com` (the value may hold spaces).
    pub fn parse_line(raw: &str) -> Result<Self, String> {
        let mut words = raw.trim().splitn(3, ' ');
        match (words.next(), words.next(), words.next()) {
            (Some(attribute), Some(operator), Some(value)) => {
                Self::parse(attribute, operator, value).map_err(|e| format!("{:?}: {e}", raw.trim()))
            }
            _ => Err(format!(
                "{:?}: write <attribute> <operator> <value>, e.g. \"email ends_with @example.com\"",
                raw.trim()
            )),
        }
    }

    /// One condition per non-empty line.
    pub fn parse_lines(raw: &str) -> Result<Vec<Self>, String> {
        raw.lines().filter(|line| !line.trim().is_empty()).map(Self::parse_line).collect()
    }

    pub fn parse(attribute: &str, operator: &str, value: &str) -> Result<Self, String> {
        let field = CustomerField::parse(attribute)?;
        let operator = Operator::parse(operator)?;
        let value = value.trim();
        if value.is_empty() || value.chars().count() > MAX_VALUE_CHARS || value.chars().any(char::is_control) {
            return Err(format!(
                "a condition's value is 1 to {MAX_VALUE_CHARS} characters, without control characters"
            ));
        }
        Ok(Self { field, operator, value: value.to_lowercase() })
    }

    pub fn matches(&self, customer: &CustomerFacts<'_>) -> bool {
        let actual = match &self.field {
            CustomerField::Email => customer.email,
            CustomerField::Name => customer.name,
            CustomerField::Attribute(key) => match customer.attributes.get(key) {
                Some(value) => value,
                // A customer without the attribute matches no condition on it.
                None => return false,
            },
            CustomerField::CompanyKey => return customer.companies.iter().any(|(key, _)| self.holds_for(key)),
            CustomerField::CompanyName => return customer.companies.iter().any(|(_, name)| self.holds_for(name)),
        };
        self.holds_for(actual)
    }

    fn holds_for(&self, actual: &str) -> bool {
        let actual = actual.to_lowercase();
        match self.operator {
            Operator::Equals => actual == self.value,
            Operator::Contains => actual.contains(&self.value),
            Operator::StartsWith => actual.starts_with(&self.value),
            Operator::EndsWith => actual.ends_with(&self.value),
        }
    }
}

/// A workspace's ticket-visibility setting: the toggle and its conditions.
/// Turning the toggle off keeps the conditions for when it is turned on again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawVisibility")]
pub struct TicketVisibility {
    pub restricted: bool,
    pub conditions: Vec<Condition>,
}

#[derive(Deserialize)]
struct RawVisibility {
    restricted: bool,
    conditions: Vec<Condition>,
}

impl TryFrom<RawVisibility> for TicketVisibility {
    type Error = String;

    fn try_from(raw: RawVisibility) -> Result<Self, String> {
        Self::new(raw.restricted, raw.conditions)
    }
}

impl TicketVisibility {
    pub fn new(restricted: bool, conditions: Vec<Condition>) -> Result<Self, String> {
        if conditions.len() > MAX_CONDITIONS {
            return Err(format!("at most {MAX_CONDITIONS} visibility conditions"));
        }
        Ok(Self { restricted, conditions })
    }

    /// Whether this customer sees all the tickets of their companies (as
    /// well as their own), following the table in the module's docs.
    pub fn sees_company_tickets(&self, customer: &CustomerFacts<'_>) -> bool {
        if !self.restricted {
            return true;
        }
        if self.conditions.is_empty() {
            return false;
        }
        !self.conditions.iter().all(|c| c.matches(customer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn facts<'a>(email: &'a str, attributes: &'a CustomerAttributes) -> CustomerFacts<'a> {
        CustomerFacts { email, name: "Sam Smith", attributes, companies: &[] }
    }

    #[test]
    fn the_visibility_table() {
        let none = CustomerAttributes::default();
        let plan = CustomerAttributes::parse(BTreeMap::from([("plan".to_string(), "Enterprise".to_string())])).unwrap();
        let contractor = Condition::parse("email", "ends_with", "@contractor.example").unwrap();
        let enterprise = Condition::parse("attributes.plan", "equals", "enterprise").unwrap();
        let (staff, outsider) = ("sam@acme.example", "kim@Contractor.example");
        let cases = [
            // toggle, conditions, customer, sees company tickets
            (false, vec![], facts(staff, &none), true),
            (false, vec![contractor.clone()], facts(outsider, &none), true),
            (true, vec![], facts(staff, &none), false),
            (true, vec![], facts(outsider, &none), false),
            (true, vec![contractor.clone()], facts(outsider, &none), false),
            (true, vec![contractor.clone()], facts(staff, &none), true),
            // Every condition must hold.
            (true, vec![contractor.clone(), enterprise.clone()], facts(outsider, &none), true),
            (true, vec![contractor.clone(), enterprise.clone()], facts(outsider, &plan), false),
            (true, vec![enterprise.clone()], facts(staff, &plan), false),
        ];
        for (i, (restricted, conditions, customer, expected)) in cases.into_iter().enumerate() {
            let rule = TicketVisibility::new(restricted, conditions).unwrap();
            assert_eq!(rule.sees_company_tickets(&customer), expected, "case {i}: {rule:?} for {customer:?}");
        }
    }

    #[test]
    fn operators_ignore_case() {
        let none = CustomerAttributes::default();
        let companies = [("globex".to_string(), "Globex Corp".to_string())];
        let sam =
            CustomerFacts { email: "Sam@Example.com", name: "Sam Smith", attributes: &none, companies: &companies };
        for (attribute, operator, value, expected) in [
            ("email", "equals", "sam@example.com", true),
            ("email", "equals", "sam@example", false),
            ("email", "contains", "EXAMPLE", true),
            ("name", "starts_with", "sam ", true),
            ("name", "ends_with", "smith", true),
            ("name", "ends_with", "sam", false),
            ("attributes.plan", "equals", "x", false),
            ("company.key", "equals", "GLOBEX", true),
            ("company.name", "contains", "corp", true),
            ("company.name", "equals", "acme", false),
        ] {
            let condition = Condition::parse(attribute, operator, value).unwrap();
            assert_eq!(condition.matches(&sam), expected, "{attribute} {operator} {value}");
        }
    }

    #[test]
    fn bad_conditions_are_refused_with_a_reason() {
        for (attribute, operator, value, says) in [
            ("plan", "equals", "x", "unknown customer attribute"),
            ("attributes.Plan", "equals", "x", "unknown customer attribute"),
            ("attributes.", "equals", "x", "unknown customer attribute"),
            ("email", "like", "x", "unknown operator"),
            ("email", "equals", "  ", "1 to 200 characters"),
            ("email", "equals", &"x".repeat(201), "1 to 200 characters"),
            ("email", "equals", "a\u{0}", "control characters"),
        ] {
            let error = Condition::parse(attribute, operator, value).unwrap_err();
            assert!(error.contains(says), "{attribute} {operator}: {error}");
        }
        let many = vec![Condition::parse("email", "contains", "x").unwrap(); MAX_CONDITIONS + 1];
        assert!(TicketVisibility::new(true, many).is_err());
    }

    #[test]
    fn conditions_round_trip_through_json_and_bad_json_is_refused() {
        let rule =
            TicketVisibility::new(false, vec![Condition::parse("attributes.plan", "starts_with", "Ent").unwrap()])
                .unwrap();
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(
            json,
            r#"{"restricted":false,"conditions":[{"attribute":"attributes.plan","operator":"starts_with","value":"ent"}]}"#
        );
        assert_eq!(serde_json::from_str::<TicketVisibility>(&json).unwrap(), rule);
        let bad = r#"{"restricted":true,"conditions":[{"attribute":"email","operator":"regex","value":"x"}]}"#;
        assert!(serde_json::from_str::<TicketVisibility>(bad).unwrap_err().to_string().contains("unknown operator"));
    }
}
