//! The ticket types a workspace offers its customers ("Question",
//! "Problem", ...), checked once where an admin gives them.

use crate::model::ValidationError;
use serde::{Deserialize, Serialize};

/// One ticket type's name: 1 to [`TicketTypes::MAX_CHARS`] characters once
/// trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TicketType(String);

impl TicketType {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > TicketTypes::MAX_CHARS {
            return Err(ValidationError::TicketTypeLength { max: TicketTypes::MAX_CHARS, name: raw.into() });
        }
        if name.chars().any(char::is_control) {
            return Err(ValidationError::TicketTypeControlChars(raw.into()));
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TicketType {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TicketType> for String {
    fn from(value: TicketType) -> Self {
        value.0
    }
}

/// A workspace's ticket types, in the order customers see them: 1 to
/// [`TicketTypes::MAX`], no two equal ignoring case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct TicketTypes(Vec<TicketType>);

impl TicketTypes {
    pub const MAX: usize = 50;
    pub const MAX_CHARS: usize = 60;
    /// What a new workspace starts with.
    pub const DEFAULT: [&str; 3] = ["Question", "Problem", "Feature request"];

    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, ValidationError> {
        if names.is_empty() || names.len() > Self::MAX {
            return Err(ValidationError::TicketTypeCount { max: Self::MAX, got: names.len() });
        }
        let mut types: Vec<TicketType> = Vec::with_capacity(names.len());
        for raw in names {
            let name = TicketType::parse(raw.as_ref())?;
            let key = name.0.to_lowercase();
            if types.iter().any(|other| other.0.to_lowercase() == key) {
                return Err(ValidationError::TicketTypeRepeated(name.0));
            }
            types.push(name);
        }
        Ok(Self(types))
    }

    /// One a line, blank lines skipped, as the console's form sends them.
    pub fn parse_lines(text: &str) -> Result<Self, ValidationError> {
        Self::parse(&text.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>())
    }

    pub fn default_types() -> Self {
        Self::parse(&Self::DEFAULT).expect("the default ticket types are valid")
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(TicketType::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The type named `name` exactly, if the workspace offers it.
    pub fn find(&self, name: &str) -> Option<&TicketType> {
        self.0.iter().find(|t| t.0 == name)
    }
}

impl TryFrom<Vec<String>> for TicketTypes {
    type Error = ValidationError;
    fn try_from(value: Vec<String>) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TicketTypes> for Vec<String> {
    fn from(value: TicketTypes) -> Self {
        value.0.into_iter().map(String::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_trimmed_named_and_each_once() {
        let types = TicketTypes::parse_lines(" Question \n\nBug report\n").unwrap();
        assert_eq!(types.names().collect::<Vec<_>>(), ["Question", "Bug report"]);
        assert_eq!(TicketTypes::parse(&["Bug", "BUG"]), Err(ValidationError::TicketTypeRepeated("BUG".into())));
        assert!(matches!(TicketTypes::parse::<&str>(&[]), Err(ValidationError::TicketTypeCount { got: 0, .. })));
        let many: Vec<String> = (0..=TicketTypes::MAX).map(|i| format!("Type {i}")).collect();
        assert!(matches!(TicketTypes::parse(&many), Err(ValidationError::TicketTypeCount { got: 51, .. })));
        assert!(matches!(TicketTypes::parse(&["  "]), Err(ValidationError::TicketTypeLength { .. })));
        assert!(matches!(TicketTypes::parse(&["x".repeat(61)]), Err(ValidationError::TicketTypeLength { .. })));
        assert!(TicketTypes::parse(&["é".repeat(60)]).is_ok(), "characters are counted, not bytes");
        assert!(matches!(TicketTypes::parse(&["ok", "   "]), Err(ValidationError::TicketTypeLength { .. })));
        assert_eq!(TicketTypes::parse(&["Bug", " Bug "]), Err(ValidationError::TicketTypeRepeated("Bug".into())));
        assert!(matches!(TicketTypes::parse(&["new\nline"]), Err(ValidationError::TicketTypeControlChars(_))));
        assert!(matches!(TicketTypes::parse(&["a\u{7}b"]), Err(ValidationError::TicketTypeControlChars(_))));
        assert_eq!(TicketTypes::default_types().len(), 3);
    }

    #[test]
    fn stored_lists_are_checked_as_they_are_read() {
        let types: TicketTypes = serde_json::from_str(r#"["Question","Problem"]"#).unwrap();
        assert_eq!(types.find("Problem").map(TicketType::as_str), Some("Problem"));
        assert!(types.find("problem").is_none(), "a ticket's type matches exactly");
        assert!(serde_json::from_str::<TicketTypes>("[]").is_err());
        assert_eq!(serde_json::to_string(&types).unwrap(), r#"["Question","Problem"]"#);
    }
}
