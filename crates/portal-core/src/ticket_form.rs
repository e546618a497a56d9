//! What customers fill in when they open a ticket, beyond its title and
//! description: the ticket attributes an admin chose (text, number, choice
//! or date; required or not). The values become the ticket's attributes,
//! which agents see and the customer reads in the ticket's details.

use crate::attributes::{MAX_LABEL_CHARS, MAX_VALUE_CHARS, ShownAttribute, TicketAttributes, check_key};
use crate::message::Message;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Fields one form may ask for.
pub const MAX_FIELDS: usize = 10;
/// Choices one field may offer.
pub const MAX_CHOICES: usize = 30;

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "choices", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// A whole or decimal number.
    Number,
    /// One of these.
    Choice(Vec<String>),
    /// A day, `YYYY-MM-DD`.
    Date,
}

/// One field: the attribute it fills, its label, what it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub kind: FieldKind,
    pub required: bool,
}

/// A workspace's new-ticket form fields, in the order customers see them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TicketForm(Vec<FormField>);

impl TicketForm {
    pub fn fields(&self) -> &[FormField] {
        &self.0
    }

    /// The console's way of writing it, one field a line:
    /// `key | Label | text`, `plan | Plan | choice: Free, Pro | required`,
    /// `seats | Seats | number | required`, `since | Customer since | date`.
    pub fn parse_lines(raw: &str) -> Result<Self, String> {
        let mut fields: Vec<FormField> = Vec::new();
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (key, label, kind, flag) = match parts.as_slice() {
                [key, label, kind] => (*key, *label, *kind, ""),
                [key, label, kind, flag] => (*key, *label, *kind, *flag),
                _ => {
                    return Err(format!(
                        "{line:?}: write key | Label | text, number, date or choice: A, B [| required]"
                    ));
                }
            };
            check_key(key)?;
            if fields.iter().any(|f| f.key == key) {
                return Err(format!("the field {key:?} is listed twice"));
            }
            if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS || label.chars().any(char::is_control) {
                return Err(format!("{key}: a label is 1 to {MAX_LABEL_CHARS} characters"));
            }
            let kind = match kind.split_once(':') {
                None if kind == "text" => FieldKind::Text,
                None if kind == "number" => FieldKind::Number,
                None if kind == "date" => FieldKind::Date,
                Some((choice, list)) if choice.trim() == "choice" => {
                    let choices: Vec<String> =
                        list.split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect();
                    if choices.is_empty() || choices.len() > MAX_CHOICES {
                        return Err(format!("{key}: a choice offers 1 to {MAX_CHOICES} options"));
                    }
                    if choices.iter().any(|c| c.chars().count() > MAX_VALUE_CHARS || c.chars().any(char::is_control)) {
                        return Err(format!("{key}: an option is at most {MAX_VALUE_CHARS} characters"));
                    }
                    FieldKind::Choice(choices)
                }
                _ => return Err(format!("{key}: {kind:?} is not text, number, date or choice: A, B")),
            };
            let required = match flag {
                "" => false,
                "required" => true,
                other => return Err(format!("{key}: {other:?} is not \"required\"")),
            };
            fields.push(FormField { key: key.to_string(), label: label.to_string(), kind, required });
        }
        if fields.len() > MAX_FIELDS {
            return Err(format!("a form asks for at most {MAX_FIELDS} fields"));
        }
        Ok(Self(fields))
    }

    /// The form as [`TicketForm::parse_lines`] reads it.
    pub fn to_lines(&self) -> String {
        let line = |f: &FormField| {
            let kind = match &f.kind {
                FieldKind::Text => "text".to_string(),
                FieldKind::Number => "number".to_string(),
                FieldKind::Date => "date".to_string(),
                FieldKind::Choice(choices) => format!("choice: {}", choices.join(", ")),
            };
            let required = if f.required { " | required" } else { "" };
            format!("{} | {} | {kind}{required}", f.key, f.label)
        };
        self.0.iter().map(line).collect::<Vec<_>>().join("\n")
    }

    /// The fields as attributes customers see on their tickets.
    pub fn as_shown(&self) -> impl Iterator<Item = ShownAttribute> + '_ {
        self.0.iter().map(|f| ShownAttribute { key: f.key.clone(), label: f.label.clone() })
    }

    /// What a customer filled in, checked: only this form's fields, each
    /// required one present, numbers, choices and dates as they must be.
    /// Blank values are left out.
    pub fn check(&self, filled: &BTreeMap<String, String>) -> Result<TicketAttributes, Message> {
        if let Some(unknown) = filled.keys().find(|key| !self.0.iter().any(|f| &f.key == *key)) {
            return Err(Message::new("form-error-unknown").text("field", unknown.chars().take(64).collect::<String>()));
        }
        let mut values = BTreeMap::new();
        for field in &self.0 {
            let value = filled.get(&field.key).map(|v| v.trim()).unwrap_or_default();
            let refused = |id| Message::new(id).text("field", field.label.as_str());
            if value.is_empty() {
                if field.required {
                    return Err(refused("form-error-required"));
                }
                continue;
            }
            if value.chars().count() > MAX_VALUE_CHARS || value.chars().any(char::is_control) {
                return Err(refused("form-error-too-long").number("max", MAX_VALUE_CHARS));
            }
            let fits = match &field.kind {
                FieldKind::Text => true,
                FieldKind::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
                FieldKind::Date => crate::time::parse_utc_date(value).is_some(),
                FieldKind::Choice(choices) => choices.iter().any(|c| c == value),
            };
            if !fits {
                let id = match field.kind {
                    FieldKind::Number => "form-error-number",
                    FieldKind::Date => "form-error-date",
                    _ => "form-error-choice",
                };
                return Err(refused(id));
            }
            values.insert(field.key.clone(), value.to_string());
        }
        TicketAttributes::parse(values).map_err(|_| Message::new("form-error-unknown").text("field", ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "plan | Plan | choice: Free, Pro, Enterprise | required\n\
                        seats | Seats | number\n\
                        since | Customer since | date\n\
                        order | Order number | text | required";

    fn filled(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_console_syntax_round_trips() {
        let form = TicketForm::parse_lines(FORM).unwrap();
        assert_eq!(form.fields().len(), 4);
        assert_eq!(form.fields()[0].kind, FieldKind::Choice(vec!["Free".into(), "Pro".into(), "Enterprise".into()]));
        assert!(form.fields()[0].required && !form.fields()[1].required);
        assert_eq!(TicketForm::parse_lines(&form.to_lines()).unwrap(), form);
        let json = serde_json::to_string(&form).unwrap();
        assert_eq!(serde_json::from_str::<TicketForm>(&json).unwrap(), form);
        assert_eq!(TicketForm::parse_lines("").unwrap(), TicketForm::default());
    }

    #[test]
    fn bad_forms_are_refused() {
        for bad in [
            "Plan | Plan | text",
            "plan | | text",
            "plan | Plan | colour",
            "plan | Plan | choice:",
            "plan | Plan | text | maybe",
            "plan | Plan",
            "plan | Plan | text\nplan | Again | number",
        ] {
            assert!(TicketForm::parse_lines(bad).is_err(), "{bad:?}");
        }
        let eleven: String = (0..11).map(|i| format!("f{i} | F | text\n")).collect();
        assert!(TicketForm::parse_lines(&eleven).is_err());
    }

    #[test]
    fn what_customers_fill_in_is_checked() {
        let form = TicketForm::parse_lines(FORM).unwrap();
        let good = form.check(&filled(&[("plan", "Pro"), ("order", " A-1 "), ("seats", "12"), ("since", "")])).unwrap();
        assert_eq!(good.get("order"), Some("A-1"));
        assert_eq!(good.get("since"), None, "blank values are left out");
        for (bad, id) in [
            (filled(&[("order", "A-1")]), "form-error-required"),
            (filled(&[("plan", "Gold"), ("order", "A-1")]), "form-error-choice"),
            (filled(&[("plan", "Pro"), ("order", "A-1"), ("seats", "many")]), "form-error-number"),
            (filled(&[("plan", "Pro"), ("order", "A-1"), ("seats", "inf")]), "form-error-number"),
            (filled(&[("plan", "Pro"), ("order", "A-1"), ("since", "2026-02-30")]), "form-error-date"),
            (filled(&[("plan", "Pro"), ("order", "A-1"), ("secret", "x")]), "form-error-unknown"),
            (filled(&[("plan", "Pro"), ("order", &"x".repeat(MAX_VALUE_CHARS + 1))]), "form-error-too-long"),
        ] {
            assert_eq!(form.check(&bad).map(drop).unwrap_err().id, id, "{bad:?}");
        }
    }
}
