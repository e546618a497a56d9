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
//! regard to case. Conditions name `email`, one of the customer's
//! attributes as `attributes.<key>`, or their companies as `company.key`,
//! `company.name` or one of a company's attributes as
//! `company.attributes.<key>` (true when one of their companies matches; a
//! customer of no company, or whose companies lack the attribute, does not
//! match): facts the site signed or agents set. The customer's name comes unsigned with every
//! sign-in, so it is for display only; a rule stored while conditions could
//! name it fails closed until an admin edits it ([`TicketVisibility::needs_edit`]).

use crate::attributes::{CompanyAttributes, CustomerAttributes};
use serde::{Deserialize, Serialize};

pub const MAX_CONDITIONS: usize = 20;
pub const MAX_VALUE_CHARS: usize = 200;

/// The fields a condition may name, as messages list them.
pub const FIELDS: &str = "email, attributes.<key>, company.key, company.name or company.attributes.<key>";

/// The fields a condition may name, one by one (a hint lists them).
pub const FIELD_NAMES: [&str; 5] =
    ["email", "attributes.<key>", "company.key", "company.name", "company.attributes.<key>"];

/// Fields conditions named once and may no longer: a stored rule may hold them.
const RETIRED_FIELDS: [&str; 1] = ["name"];

/// What a condition looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerField {
    Email,
    /// One of the customer's attributes (`attributes.plan`).
    Attribute(String),
    /// The key of one of the customer's companies.
    CompanyKey,
    /// The name of one of the customer's companies.
    CompanyName,
    /// One of the attributes of one of the customer's companies
    /// (`company.attributes.tier`).
    CompanyAttribute(String),
    /// A field of [`RETIRED_FIELDS`], read from a rule stored before it was
    /// retired: it decides nothing, and its rule fails closed.
    Retired(String),
}

impl CustomerField {
    /// A field as people name it; a retired one is refused, saying why.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw {
            "email" => Ok(Self::Email),
            "name" => {
                Err(format!("a customer's name cannot decide access, because the site does not sign it: use {FIELDS}"))
            }
            "company.key" => Ok(Self::CompanyKey),
            "company.name" => Ok(Self::CompanyName),
            _ => {
                let checked = |key: &str| crate::attributes::check_key(key).is_ok().then(|| key.to_string());
                if let Some(key) = raw.strip_prefix("attributes.").and_then(checked) {
                    Ok(Self::Attribute(key))
                } else if let Some(key) = raw.strip_prefix("company.attributes.").and_then(checked) {
                    Ok(Self::CompanyAttribute(key))
                } else {
                    Err(format!(
                        "unknown customer attribute {:?}: use {FIELDS}",
                        raw.chars().take(80).collect::<String>()
                    ))
                }
            }
        }
    }

    /// A field as a stored rule names it: a retired one loads, to fail closed.
    fn parse_stored(raw: &str) -> Result<Self, String> {
        match RETIRED_FIELDS.iter().find(|retired| **retired == raw) {
            Some(retired) => Ok(Self::Retired((*retired).to_string())),
            None => Self::parse(raw),
        }
    }

    pub fn as_string(&self) -> String {
        match self {
            Self::Email => "email".into(),
            Self::Retired(field) => field.clone(),
            Self::Attribute(key) => format!("attributes.{key}"),
            Self::CompanyKey => "company.key".into(),
            Self::CompanyName => "company.name".into(),
            Self::CompanyAttribute(key) => format!("company.attributes.{key}"),
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

/// The customer facts conditions are checked against: only what the site
/// signed or agents set.
#[derive(Debug, Clone, Copy)]
pub struct CustomerFacts<'a> {
    pub email: &'a str,
    pub attributes: &'a CustomerAttributes,
    /// The customer's companies.
    pub companies: &'a [CompanyFacts],
}

/// One of a customer's companies, as conditions see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFacts {
    pub key: String,
    pub name: String,
    pub attributes: CompanyAttributes,
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

    /// Conditions are deserialised from stored rules only.
    fn try_from(raw: RawCondition) -> Result<Self, String> {
        Condition::checked(CustomerField::parse_stored(&raw.attribute)?, &raw.operator, &raw.value)
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
        Self::checked(CustomerField::parse(attribute)?, operator, value)
    }

    fn checked(field: CustomerField, operator: &str, value: &str) -> Result<Self, String> {
        let operator = Operator::parse(operator)?;
        let value = value.trim();
        if value.is_empty() || value.chars().count() > MAX_VALUE_CHARS || value.chars().any(char::is_control) {
            return Err(format!(
                "a condition's value is 1 to {MAX_VALUE_CHARS} characters, without control characters"
            ));
        }
        Ok(Self { field, operator, value: value.to_lowercase() })
    }

    /// Whether this condition names a retired field (see [`CustomerField::Retired`]).
    pub fn is_retired(&self) -> bool {
        matches!(self.field, CustomerField::Retired(_))
    }

    pub fn matches(&self, customer: &CustomerFacts<'_>) -> bool {
        let actual = match &self.field {
            CustomerField::Email => customer.email,
            CustomerField::Retired(_) => return false,
            CustomerField::Attribute(key) => match customer.attributes.get(key) {
                Some(value) => value,
                // A customer without the attribute matches no condition on it.
                None => return false,
            },
            CustomerField::CompanyKey => return customer.companies.iter().any(|c| self.holds_for(&c.key)),
            CustomerField::CompanyName => return customer.companies.iter().any(|c| self.holds_for(&c.name)),
            // One company with the attribute, and the operator holding for
            // its value, is enough; companies without it match nothing.
            CustomerField::CompanyAttribute(key) => {
                return customer.companies.iter().any(|c| c.attributes.get(key).is_some_and(|v| self.holds_for(v)));
            }
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
        // A retired condition restricts everyone, not no one, until edited.
        if self.conditions.is_empty() || self.conditions.iter().any(Condition::is_retired) {
            return false;
        }
        !self.conditions.iter().all(|c| c.matches(customer))
    }

    /// What an admin must be told when this stored rule names a retired
    /// field, and what it does meanwhile.
    pub fn needs_edit(&self) -> Option<String> {
        let meanwhile = if self.restricted {
            "until the rule is edited, every customer sees only their own tickets"
        } else {
            "while it stays, turning the restriction on restricts every customer to their own tickets"
        };
        retired_note(&self.conditions, meanwhile)
    }
}

/// Names a rule's retired conditions and says what the rule does
/// meanwhile; `None` when it has none.
pub(crate) fn retired_note(conditions: &[Condition], meanwhile: &str) -> Option<String> {
    let retired: Vec<String> = conditions.iter().filter(|c| c.is_retired()).map(|c| format!("\"{c}\"")).collect();
    (!retired.is_empty()).then(|| {
        format!(
            "{} reads the customer's name, which the site does not sign, so it can no longer decide access: \
             {meanwhile}. Edit the conditions to use {FIELDS}",
            retired.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn facts<'a>(email: &'a str, attributes: &'a CustomerAttributes) -> CustomerFacts<'a> {
        CustomerFacts { email, attributes, companies: &[] }
    }

    fn company(key: &str, name: &str, attributes: &[(&str, &str)]) -> CompanyFacts {
        let attributes = attributes.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        CompanyFacts { key: key.into(), name: name.into(), attributes: CompanyAttributes::parse(attributes).unwrap() }
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
        let companies = [company("globex", "Globex Corp", &[("tier", "Gold")])];
        let sam = CustomerFacts { email: "Sam@Example.com", attributes: &none, companies: &companies };
        for (attribute, operator, value, expected) in [
            ("email", "equals", "sam@example.com", true),
            ("email", "equals", "sam@example", false),
            ("email", "contains", "EXAMPLE", true),
            ("email", "starts_with", "sam@", true),
            ("email", "ends_with", ".COM", true),
            ("email", "ends_with", "sam", false),
            ("attributes.plan", "equals", "x", false),
            ("company.key", "equals", "GLOBEX", true),
            ("company.name", "contains", "corp", true),
            ("company.name", "equals", "acme", false),
            ("company.attributes.tier", "equals", "GOLD", true),
            ("company.attributes.tier", "starts_with", "go", true),
            ("company.attributes.tier", "equals", "silver", false),
            ("company.attributes.plan", "equals", "gold", false),
        ] {
            let condition = Condition::parse(attribute, operator, value).unwrap();
            assert_eq!(condition.matches(&sam), expected, "{attribute} {operator} {value}");
        }
    }

    #[test]
    fn bad_conditions_are_refused_with_a_reason() {
        for (attribute, operator, value, says) in [
            ("plan", "equals", "x", "unknown customer attribute"),
            ("name", "contains", "x", "the site does not sign it"),
            ("attributes.Plan", "equals", "x", "unknown customer attribute"),
            ("attributes.", "equals", "x", "unknown customer attribute"),
            ("company.attributes.", "equals", "x", "unknown customer attribute"),
            ("company.attributes.Tier", "equals", "x", "unknown customer attribute"),
            ("company.attributes.tier level", "equals", "x", "unknown customer attribute"),
            (&format!("company.attributes.{}", "k".repeat(65)), "equals", "x", "unknown customer attribute"),
            ("company.attribute.tier", "equals", "x", "unknown customer attribute"),
            ("company.tier", "equals", "x", "unknown customer attribute"),
            ("companies.attributes.tier", "equals", "x", "unknown customer attribute"),
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
    fn company_attributes_are_named_as_company_attributes_key() {
        for (raw, field) in [
            ("company.attributes.tier", CustomerField::CompanyAttribute("tier".into())),
            ("company.attributes.a", CustomerField::CompanyAttribute("a".into())),
            ("company.attributes.plan_2", CustomerField::CompanyAttribute("plan_2".into())),
            (&format!("company.attributes.{}", "k".repeat(64)), CustomerField::CompanyAttribute("k".repeat(64))),
            // The customer's own attribute of the same key is another field.
            ("attributes.tier", CustomerField::Attribute("tier".into())),
            ("company.key", CustomerField::CompanyKey),
            ("company.name", CustomerField::CompanyName),
        ] {
            assert_eq!(CustomerField::parse(raw), Ok(field.clone()), "{raw}");
            assert_eq!(field.as_string(), raw, "round trip");
        }
        for bad in ["company.attributes", "company.attributes.", "company.attributes.Tier", "company.attributes.a.b"] {
            let error = CustomerField::parse(bad).unwrap_err();
            assert!(
                error.contains("unknown customer attribute") && error.contains("company.attributes.<key>"),
                "{error}"
            );
        }
        for name in FIELD_NAMES {
            assert!(FIELDS.contains(name), "{name} is in {FIELDS}");
        }

        let condition = Condition::parse_line("company.attributes.tier equals Gold").unwrap();
        assert_eq!(condition.to_string(), "company.attributes.tier equals gold");
        let json = serde_json::to_string(&condition).unwrap();
        assert_eq!(json, r#"{"attribute":"company.attributes.tier","operator":"equals","value":"gold"}"#);
        assert_eq!(serde_json::from_str::<Condition>(&json).unwrap(), condition);
    }

    #[test]
    fn a_company_attribute_matches_when_any_company_has_it() {
        let none = CustomerAttributes::default();
        let gold = company("globex", "Globex", &[("tier", "gold"), ("region", "eu")]);
        let silver = company("initech", "Initech", &[("tier", "silver")]);
        let bare = company("umbrella", "Umbrella", &[]);
        // The customer's own `tier` is not their company's.
        let own_tier = CustomerAttributes::parse(BTreeMap::from([("tier".to_string(), "gold".to_string())])).unwrap();
        let gold_tier = Condition::parse("company.attributes.tier", "equals", "gold").unwrap();
        let eu = Condition::parse("company.attributes.region", "equals", "eu").unwrap();
        let cases: [(&str, &[CompanyFacts], &CustomerAttributes, bool); 7] = [
            ("of the gold company", std::slice::from_ref(&gold), &none, true),
            ("of a silver and a gold company", &[silver.clone(), gold.clone()], &none, true),
            ("of a gold and a silver company", &[gold.clone(), silver.clone()], &none, true),
            ("of a silver company", std::slice::from_ref(&silver), &none, false),
            ("of a company without the attribute", std::slice::from_ref(&bare), &none, false),
            ("of no company", &[], &none, false),
            ("of no company, with a tier of their own", &[], &own_tier, false),
        ];
        for (who, companies, attributes, expected) in cases {
            let customer = CustomerFacts { email: "sam@example.com", attributes, companies };
            assert_eq!(gold_tier.matches(&customer), expected, "a customer {who}");
            // A visibility rule restricts exactly those it matches.
            let rule = TicketVisibility::new(true, vec![gold_tier.clone()]).unwrap();
            assert_eq!(rule.sees_company_tickets(&customer), !expected, "a customer {who}");
        }
        // Every condition must hold, each for any of the companies: here
        // one company is gold and another is in the EU.
        let eu_silver = company("hooli", "Hooli", &[("tier", "silver"), ("region", "eu")]);
        let both = |companies: &[CompanyFacts]| {
            let customer = CustomerFacts { email: "sam@example.com", attributes: &none, companies };
            [gold_tier.clone(), eu.clone()].iter().all(|c| c.matches(&customer))
        };
        assert!(both(std::slice::from_ref(&gold)));
        assert!(!both(&[silver.clone(), eu_silver.clone()]));
        assert!(both(&[company("g", "G", &[("tier", "gold")]), eu_silver]));
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

    #[test]
    fn the_name_decides_nothing_and_a_stored_rule_naming_it_fails_closed() {
        for line in ["name contains Contractor", "name equals Sam Smith"] {
            let error = Condition::parse_line(line).unwrap_err();
            assert!(error.contains("the site does not sign it"), "{error}");
            assert!(
                error.contains("email, attributes.<key>, company.key, company.name or company.attributes.<key>"),
                "{error}"
            );
        }

        // Rules stored while conditions could name it still load.
        let none = CustomerAttributes::default();
        let sam = facts("sam@acme.example", &none);
        let stored =
            r#"{"restricted":true,"conditions":[{"attribute":"name","operator":"contains","value":"contractor"}]}"#;
        let rule: TicketVisibility = serde_json::from_str(stored).unwrap();
        assert!(rule.conditions[0].is_retired());
        assert_eq!(rule.conditions[0].to_string(), "name contains contractor");
        assert_eq!(serde_json::to_string(&rule).unwrap(), stored, "kept as stored, for the admin to see");
        // Matching nobody would widen a visibility rule: it restricts everyone.
        assert!(!rule.sees_company_tickets(&sam));
        let with_email = TicketVisibility::new(
            true,
            vec![rule.conditions[0].clone(), Condition::parse("email", "ends_with", "@acme.example").unwrap()],
        )
        .unwrap();
        assert!(!with_email.sees_company_tickets(&facts("kim@other.example", &none)));
        let note = rule.needs_edit().unwrap();
        assert!(note.starts_with("\"name contains contractor\" reads the customer's name"), "{note}");
        assert!(note.contains("every customer sees only their own tickets"), "{note}");
        let off = TicketVisibility { restricted: false, ..rule };
        assert!(off.sees_company_tickets(&sam), "a rule that is off restricts no one");
        assert!(off.needs_edit().unwrap().contains("turning the restriction on"));
        assert_eq!(TicketVisibility::default().needs_edit(), None);
    }
}
