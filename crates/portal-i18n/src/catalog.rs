//! The message catalogs: `locales/<tag>/*.ftl`, compiled into the binary.
//! `portal.ftl` is what customers read (the frame, and later the standalone
//! portal and emails); `console.ftl` what agents and admins read.

use crate::Locale;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: pages isolate
        // customer-written text themselves (`<bdi>`), and marks would show up
        // in copied text and e-mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A message argument: text or a number (numbers choose plural forms).
pub type Arg<'a> = FluentValue<'a>;

static IDENTIFIERS: LazyLock<HashMap<Locale, LanguageIdentifier>> = LazyLock::new(|| {
    Locale::ALL
        .into_iter()
        .map(|l| (l, l.tag().parse().expect("every locale's tag is a valid language identifier")))
        .collect()
});

impl Locale {
    fn identifier(self) -> &'static LanguageIdentifier {
        &IDENTIFIERS[&self]
    }

    /// The message `id` in this language. A message missing from a catalog
    /// (the catalog test forbids it) falls back to English, then to its id,
    /// so a page never fails over a word.
    pub fn t(self, id: &str) -> String {
        CATALOGS.try_lookup(self.identifier(), id).unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with its arguments, e.g.
    /// `locale.t_args("signed-in-as", &[("name", name.into())])`.
    pub fn t_args(self, id: &str, args: &[(&'static str, Arg<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), value.clone())).collect();
        CATALOGS.try_lookup_with_args(self.identifier(), id, &args).unwrap_or_else(|| id.to_string())
    }
}

/// The ids of every message in a catalog's source, in order.
pub fn message_ids(source: &str) -> Result<Vec<String>, String> {
    let resource = fluent_templates::fluent_bundle::FluentResource::try_new(source.to_string())
        .map_err(|(_, errors)| format!("{errors:?}"))?;
    Ok(resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// Each message of a catalog file with the arguments (`$name`) it uses.
    fn messages(locale: Locale, file: &str) -> BTreeMap<String, BTreeSet<String>> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(locale.tag()).join(file);
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ids = message_ids(&source).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        // A message runs from its `id =` line to the next line that starts
        // another entry (continuation lines are indented).
        let mut found = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            if let Some((id, _)) = line.split_once(" =").filter(|(id, _)| ids.contains(&id.to_string())) {
                current = Some(id.to_string());
                found.insert(id.to_string(), BTreeSet::new());
            } else if !line.starts_with(' ') {
                current = None;
            }
            if let Some(id) = &current {
                let arguments = line.split('$').skip(1).map(|rest| {
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect::<String>()
                });
                found.get_mut(id).expect("inserted above").extend(arguments);
            }
        }
        assert_eq!(found.len(), ids.len(), "{}: every message was read", path.display());
        found
    }

    fn catalog_files() -> Vec<String> {
        let english = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
        let mut files: Vec<String> = std::fs::read_dir(english)
            .expect("the English catalogs")
            .map(|entry| entry.expect("a catalog file").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        files.sort();
        files
    }

    /// Every language has every English message, no other, with the same
    /// arguments, and each one formats from its own catalog (no silent
    /// fallback to English).
    #[test]
    fn every_catalog_is_complete() {
        for file in catalog_files() {
            let english = messages(Locale::En, &file);
            for locale in Locale::ALL {
                let translated = messages(locale, &file);
                let missing: Vec<_> = english.keys().filter(|id| !translated.contains_key(*id)).collect();
                let extra: Vec<_> = translated.keys().filter(|id| !english.contains_key(*id)).collect();
                assert!(
                    missing.is_empty() && extra.is_empty(),
                    "{}/{file}: missing {missing:?}, extra {extra:?}",
                    locale.tag()
                );
                for (id, arguments) in &english {
                    assert_eq!(&translated[id], arguments, "{}/{file}: the arguments of {id}", locale.tag());
                    let args: HashMap<String, FluentValue> =
                        arguments.iter().map(|name| (name.clone(), FluentValue::from(2))).collect();
                    let own = CATALOGS.lookup_single_language(locale.identifier(), id, Some(&args));
                    assert!(own.is_ok_and(|text| !text.trim().is_empty()), "{}: {id} does not format", locale.tag());
                }
            }
        }
    }

    #[test]
    fn messages_take_their_arguments() {
        assert_eq!(Locale::En.t("reply-send"), "Send");
        assert_eq!(Locale::En.t("no-such-message"), "no-such-message");
        assert!(Locale::En.t_args("error-rate-limited", &[("seconds", 1.into())]).contains("a second"));
        assert!(Locale::En.t_args("error-rate-limited", &[("seconds", 30.into())]).contains("30 seconds"));
    }
}
