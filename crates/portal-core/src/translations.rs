//! What admins wrote, in other languages: a workspace's greeting, ticket
//! type names and attribute names, per language. The portal's own words
//! live in the message catalogs; these are the workspace's. A text missing
//! in a language shows as the admin wrote it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest translated text: as long as the longest original it translates
/// (a greeting).
pub const MAX_TEXT_CHARS: usize = 200;

/// A workspace's texts by language tag (`de`, `pt-BR`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Translations(BTreeMap<String, LanguageTexts>);

/// One language's texts. Ticket types are keyed by their name as written,
/// attributes by their key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageTexts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ticket_types: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// Why a translated text was refused; it names the text by its start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationError {
    #[error("a translation is longer than {max} characters: {start:?}")]
    TooLong { max: usize, start: String },
    #[error("a translation holds control characters: {start:?}")]
    ControlChars { start: String },
}

/// How much of a refused text a refusal quotes.
const QUOTED_CHARS: usize = 40;

impl TranslationError {
    /// What to tell the admin, as a catalog message (`console.ftl`).
    pub fn message(&self) -> crate::Message {
        use crate::Message as M;
        match self {
            Self::TooLong { max, start } => {
                M::new("console-error-translation-too-long").number("max", *max).text("text", start.as_str())
            }
            Self::ControlChars { start } => M::new("console-error-translation-control").text("text", start.as_str()),
        }
    }
}

/// The start of `text`, to quote it: its first characters, control
/// characters shown as `?`, and `…` when it goes on.
fn start_of(text: &str) -> String {
    let mut start: String = text.chars().take(QUOTED_CHARS).map(|c| if c.is_control() { '?' } else { c }).collect();
    if text.chars().count() > QUOTED_CHARS {
        start.push('…');
    }
    start
}

impl LanguageTexts {
    /// Blank texts dropped (a blank field in the console means "as
    /// written"); refused when one is too long or holds control characters.
    pub fn checked(self) -> Result<Self, TranslationError> {
        let keep = |text: String| -> Result<Option<String>, TranslationError> {
            let text = text.trim().to_string();
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(TranslationError::TooLong { max: MAX_TEXT_CHARS, start: start_of(&text) });
            }
            if text.chars().any(char::is_control) {
                return Err(TranslationError::ControlChars { start: start_of(&text) });
            }
            Ok((!text.is_empty()).then_some(text))
        };
        let map = |texts: BTreeMap<String, String>| -> Result<BTreeMap<String, String>, TranslationError> {
            let mut kept = BTreeMap::new();
            for (original, text) in texts {
                if let Some(text) = keep(text)? {
                    kept.insert(original, text);
                }
            }
            Ok(kept)
        };
        Ok(Self {
            greeting: self.greeting.map(keep).transpose()?.flatten(),
            ticket_types: map(self.ticket_types)?,
            attributes: map(self.attributes)?,
        })
    }

    fn is_empty(&self) -> bool {
        self.greeting.is_none() && self.ticket_types.is_empty() && self.attributes.is_empty()
    }
}

impl Translations {
    /// The texts of the language tagged `tag`, if any were written.
    pub fn language(&self, tag: &str) -> Option<&LanguageTexts> {
        self.0.get(tag)
    }

    /// Replaces one language's texts (none left removes the language).
    pub fn set(&mut self, tag: &str, texts: LanguageTexts) {
        if texts.is_empty() {
            self.0.remove(tag);
        } else {
            self.0.insert(tag.to_string(), texts);
        }
    }

    /// The greeting in `tag`, else as written.
    pub fn greeting<'a>(&'a self, tag: &str, written: &'a str) -> &'a str {
        self.language(tag).and_then(|l| l.greeting.as_deref()).unwrap_or(written)
    }

    /// A ticket type's name in `tag`, else as written.
    pub fn ticket_type<'a>(&'a self, tag: &str, written: &'a str) -> &'a str {
        self.language(tag).and_then(|l| l.ticket_types.get(written)).map_or(written, String::as_str)
    }

    /// An attribute's name in `tag` by its key, else as written.
    pub fn attribute<'a>(&'a self, tag: &str, key: &str, written: &'a str) -> &'a str {
        self.language(tag).and_then(|l| l.attributes.get(key)).map_or(written, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_texts_show_as_written() {
        let mut translations = Translations::default();
        let german = LanguageTexts {
            greeting: Some(" Wie können wir helfen? ".into()),
            ticket_types: [("Bug".to_string(), "Fehler".to_string()), ("Question".into(), " ".into())].into(),
            attributes: [("plan".to_string(), "Tarif".to_string())].into(),
        }
        .checked()
        .unwrap();
        translations.set("de", german);
        assert_eq!(translations.greeting("de", "How can we help?"), "Wie können wir helfen?");
        assert_eq!(translations.greeting("fr", "How can we help?"), "How can we help?");
        assert_eq!(translations.ticket_type("de", "Bug"), "Fehler");
        assert_eq!(translations.ticket_type("de", "Question"), "Question");
        assert_eq!(translations.attribute("de", "plan", "Plan"), "Tarif");
        assert_eq!(translations.attribute("de", "seats", "Seats"), "Seats");

        let json = serde_json::to_string(&translations).unwrap();
        assert_eq!(
            json,
            r#"{"de":{"greeting":"Wie können wir helfen?","ticket_types":{"Bug":"Fehler"},"attributes":{"plan":"Tarif"}}}"#
        );
        translations.set("de", LanguageTexts::default());
        assert_eq!(translations, Translations::default());
    }

    #[test]
    fn bad_texts_are_refused() {
        let long = LanguageTexts { greeting: Some("x".repeat(MAX_TEXT_CHARS + 1)), ..Default::default() };
        let start = format!("{}…", "x".repeat(QUOTED_CHARS));
        assert_eq!(long.checked(), Err(TranslationError::TooLong { max: MAX_TEXT_CHARS, start }));
        let control = LanguageTexts { ticket_types: [("Bug".into(), "a\u{0}b".into())].into(), ..Default::default() };
        assert_eq!(control.checked(), Err(TranslationError::ControlChars { start: "a?b".into() }));
    }
}
