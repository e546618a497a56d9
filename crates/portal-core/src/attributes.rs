//! Extra ticket attributes: what agents record on a ticket (plan, order
//! number, …) and which of them a workspace shows its customers, under what
//! names. A customer sees only the attributes the workspace chose.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Attribute keys: 1 to 64 characters of a-z, 0-9 and `_`.
pub const MAX_KEY_CHARS: usize = 64;
pub const MAX_VALUE_CHARS: usize = 500;
pub const MAX_LABEL_CHARS: usize = 60;
/// Attributes one ticket may carry.
pub const MAX_ATTRIBUTES: usize = 50;
/// Attributes a workspace may show its customers.
pub const MAX_SHOWN: usize = 20;

pub(crate) fn check_key(key: &str) -> Result<(), String> {
    let ok = (1..=MAX_KEY_CHARS).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(format!("attribute key {key:?} must be 1 to {MAX_KEY_CHARS} characters of a-z, 0-9 and '_'"))
    }
}

fn check_text(what: &str, text: &str, max: usize) -> Result<(), String> {
    if text.chars().count() > max {
        return Err(format!("{what} is longer than {max} characters"));
    }
    if text.chars().any(char::is_control) {
        return Err(format!("{what} contains control characters"));
    }
    Ok(())
}

/// A customer's attributes (plan, role, …) follow the same rules as a
/// ticket's; visibility conditions can look at them.
pub type CustomerAttributes = TicketAttributes;

/// A company's attributes (plan, tier, region, …) follow the same rules
/// too; conditions look at them as `company.attributes.<key>`.
pub type CompanyAttributes = TicketAttributes;

/// A ticket's attributes, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<String, String>", into = "BTreeMap<String, String>")]
pub struct TicketAttributes(BTreeMap<String, String>);

impl TicketAttributes {
    /// No attributes.
    pub const EMPTY: Self = Self(BTreeMap::new());

    /// Values are trimmed; an empty value removes its key.
    pub fn parse(raw: BTreeMap<String, String>) -> Result<Self, String> {
        let mut checked = BTreeMap::new();
        for (key, value) in raw {
            check_key(&key)?;
            let value = value.trim();
            check_text(&format!("the value of {key:?}"), value, MAX_VALUE_CHARS)?;
            if !value.is_empty() {
                checked.insert(key, value.to_string());
            }
        }
        if checked.len() > MAX_ATTRIBUTES {
            return Err(format!("at most {MAX_ATTRIBUTES} attributes"));
        }
        Ok(Self(checked))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// What a customer sees: the shown attributes this ticket has, in the
    /// workspace's order, under their labels.
    pub fn shown(&self, shown: &[ShownAttribute]) -> Vec<AttributeView> {
        shown
            .iter()
            .filter_map(|s| {
                self.get(&s.key).map(|value| AttributeView { label: s.label.clone(), value: value.to_string() })
            })
            .collect()
    }
}

impl TryFrom<BTreeMap<String, String>> for TicketAttributes {
    type Error = String;
    fn try_from(value: BTreeMap<String, String>) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<TicketAttributes> for BTreeMap<String, String> {
    fn from(value: TicketAttributes) -> Self {
        value.0
    }
}

/// An attribute a workspace shows its customers, and the name they see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAttribute {
    pub key: String,
    pub label: String,
}

impl ShownAttribute {
    /// Checks a workspace's list: at most [`MAX_SHOWN`], keys well formed
    /// and not repeated, labels 1 to [`MAX_LABEL_CHARS`] characters.
    pub fn check_list(list: &[ShownAttribute]) -> Result<Vec<ShownAttribute>, String> {
        if list.len() > MAX_SHOWN {
            return Err(format!("at most {MAX_SHOWN} attributes can be shown to customers"));
        }
        let mut checked: Vec<ShownAttribute> = Vec::with_capacity(list.len());
        for item in list {
            check_key(&item.key)?;
            let label = item.label.trim();
            if label.is_empty() {
                return Err(format!("the attribute {:?} needs a name to show", item.key));
            }
            check_text(&format!("the name of {:?}", item.key), label, MAX_LABEL_CHARS)?;
            if checked.iter().any(|c| c.key == item.key) {
                return Err(format!("the attribute {:?} is listed twice", item.key));
            }
            checked.push(ShownAttribute { key: item.key.clone(), label: label.to_string() });
        }
        Ok(checked)
    }
}

/// An attribute as a customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeView {
    pub label: String,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn attributes_are_checked_and_shown_by_choice() {
        let attributes =
            TicketAttributes::parse(map(&[("plan", " Pro "), ("internal_score", "3"), ("gone", " ")])).unwrap();
        assert_eq!(attributes.as_map(), &map(&[("internal_score", "3"), ("plan", "Pro")]));
        let shown = [
            ShownAttribute { key: "order".into(), label: "Order".into() },
            ShownAttribute { key: "plan".into(), label: "Plan".into() },
        ];
        assert_eq!(attributes.shown(&shown), [AttributeView { label: "Plan".into(), value: "Pro".into() }]);
        assert!(TicketAttributes::parse(map(&[("Bad Key", "x")])).is_err());
        assert!(TicketAttributes::parse(map(&[("k", "a\u{0}b")])).is_err());
        assert!(TicketAttributes::parse(map(&[("k", &"v".repeat(501))])).is_err());
        let many: BTreeMap<String, String> = (0..51).map(|i| (format!("k{i}"), "v".to_string())).collect();
        assert!(TicketAttributes::parse(many).is_err());
    }

    #[test]
    fn shown_lists_are_checked() {
        let item = |k: &str, l: &str| ShownAttribute { key: k.into(), label: l.into() };
        assert_eq!(ShownAttribute::check_list(&[item("plan", " Plan ")]).unwrap(), [item("plan", "Plan")]);
        assert!(ShownAttribute::check_list(&[item("plan", "")]).is_err());
        assert!(ShownAttribute::check_list(&[item("plan", "A"), item("plan", "B")]).is_err());
        assert!(ShownAttribute::check_list(&[item("no way", "A")]).is_err());
        assert!(ShownAttribute::check_list(&vec![item("k", "A"); 21]).is_err());
    }
}
