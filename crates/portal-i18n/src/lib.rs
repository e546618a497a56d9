//! The portal's languages, on the server only (the browser bundle carries
//! message keys, never catalogs, so it does not grow with languages).
//!
//! - [`Locale`]: the languages the portal speaks, each with a complete
//!   Fluent catalog under `locales/<tag>/` (a test holds them complete).
//! - [`Locale::negotiate`]: which of them a customer or agent reads.
//! - [`Locale::t`] and [`Locale::t_args`]: a message in that language.
//! - [`Locale::date`], [`Locale::relative`], [`Locale::number`]: dates,
//!   relative times and numbers as that language writes them (ICU4X).

mod catalog;
mod errors;
mod format;
mod negotiate;

pub use catalog::{Arg, message_ids};

/// A language the portal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    De,
    Fr,
    Es,
    PtBr,
    Ja,
    Ar,
}

impl Locale {
    /// Every language, in the order the console offers them.
    pub const ALL: [Locale; 7] = [Self::En, Self::De, Self::Fr, Self::Es, Self::PtBr, Self::Ja, Self::Ar];

    /// Its BCP 47 tag, as in `lang="…"` and the catalog's folder.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::PtBr => "pt-BR",
            Self::Ja => "ja",
            Self::Ar => "ar",
        }
    }

    /// The language's name in itself, for language pickers.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Fr => "Français",
            Self::Es => "Español",
            Self::PtBr => "Português (Brasil)",
            Self::Ja => "日本語",
            Self::Ar => "العربية",
        }
    }

    /// The language with exactly this tag (any case), as stored in settings.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// `rtl` for languages written right to left, else `ltr`: the value of
    /// the page's `dir`, which the style sheet's logical properties follow.
    pub fn dir(self) -> &'static str {
        if is_right_to_left(self.tag()) { "rtl" } else { "ltr" }
    }
}

/// Whether a language (by its primary subtag) is written right to left.
/// Names more than the portal speaks, so a language added later mirrors
/// without another change here.
pub fn is_right_to_left(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_directions() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("PT-br"), Some(Locale::PtBr));
        assert_eq!(Locale::from_tag("pt"), None);
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::Ja.dir(), "ltr");
        assert!(is_right_to_left("he-IL"));
        assert!(!is_right_to_left("en"));
    }
}
