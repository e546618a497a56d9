//! Which language a page is in: the one the site asked for (`init`'s
//! `locale`), else the first the browser accepts that the portal speaks,
//! else the workspace's default.

use crate::Locale;
use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use unic_langid::LanguageIdentifier;

/// Longest `Accept-Language` read: a header longer than any browser's is cut.
const MAX_HEADER: usize = 512;

impl Locale {
    /// The language for a request. `asked` is a language the site named
    /// (any BCP 47 tag: `de-AT` is German, `pt` Brazilian Portuguese);
    /// `accept_language` the browser's header. Unknown or malformed tags
    /// are passed over, never refused.
    pub fn negotiate(asked: Option<&str>, accept_language: Option<&str>, fallback: Locale) -> Locale {
        asked
            .and_then(|tag| best(&[tag]))
            .or_else(|| {
                let header = accept_language?;
                let header = &header[..header.floor_char_boundary(MAX_HEADER)];
                let wanted = accepted_languages::parse(header);
                best(&wanted.iter().map(ToString::to_string).collect::<Vec<_>>())
            })
            .unwrap_or(fallback)
    }
}

/// The first of `wanted` (most wanted first) the portal speaks, matching
/// a region-less tag to its regional catalog and back.
fn best<S: AsRef<str>>(wanted: &[S]) -> Option<Locale> {
    let available: Vec<LanguageIdentifier> = Locale::ALL.iter().filter_map(|l| l.tag().parse().ok()).collect();
    for tag in wanted {
        let Ok(requested) = tag.as_ref().parse::<LanguageIdentifier>() else { continue };
        let found = negotiate_languages(&[requested], &available, None, NegotiationStrategy::Lookup);
        if let Some(hit) = found.first() {
            return Locale::from_tag(&hit.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sites_choice_then_the_browser_then_the_workspace() {
        let accept = Some("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5");
        assert_eq!(Locale::negotiate(Some("ja"), accept, Locale::De), Locale::Ja);
        assert_eq!(Locale::negotiate(None, accept, Locale::De), Locale::Fr);
        assert_eq!(Locale::negotiate(Some("klingon"), accept, Locale::De), Locale::Fr);
        assert_eq!(Locale::negotiate(Some("x"), Some("sv, nl"), Locale::De), Locale::De);
        assert_eq!(Locale::negotiate(None, None, Locale::Es), Locale::Es);
    }

    #[test]
    fn regions_and_case_are_matched() {
        assert_eq!(Locale::negotiate(Some("de-AT"), None, Locale::En), Locale::De);
        assert_eq!(Locale::negotiate(Some("pt"), None, Locale::En), Locale::PtBr);
        assert_eq!(Locale::negotiate(Some("pt-PT"), None, Locale::En), Locale::PtBr);
        assert_eq!(Locale::negotiate(Some("AR-eg"), None, Locale::En), Locale::Ar);
        assert_eq!(Locale::negotiate(None, Some("en-GB,en;q=0.9"), Locale::De), Locale::En);
    }

    #[test]
    fn malformed_headers_fall_back() {
        for header in ["", ";;;", "q=1", "de;q=abc", &"x".repeat(10_000), "\u{0}de"] {
            let _ = Locale::negotiate(None, Some(header), Locale::Ja);
        }
        assert_eq!(Locale::negotiate(None, Some(&format!("{},de", "a".repeat(600))), Locale::Ja), Locale::Ja);
    }
}
