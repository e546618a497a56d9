//! A customer's search and the snippet that previews a result.
//!
//! Search words are runs of letters and digits, compared in lower case, each
//! matching a whole word. The full-text engines also fold accents and stem
//! words; previews mark words the same way, approximately ([`match_key`]). Anything else in a query (quotes, `*`, `:`,
//! `-`, `NEAR`) only separates words, so no full-text engine ever sees it as
//! syntax.

use super::ListError;
use crate::model::Millis;

/// Longer searches are refused.
pub const MAX_SEARCH_CHARS: usize = 200;
/// Words after these are ignored.
pub const MAX_SEARCH_WORDS: usize = 8;
/// Characters a preview snippet shows at most.
const SNIPPET_CHARS: usize = 160;
/// Characters kept before the first match, for context.
const SNIPPET_LEAD_CHARS: usize = 40;

/// A search: its words and, for `123` or `#123`, the ticket number it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    raw: String,
    words: Vec<String>,
    number: Option<i64>,
}

impl Search {
    /// `None` for an empty search.
    pub fn parse(raw: &str) -> Result<Option<Self>, ListError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        if raw.chars().count() > MAX_SEARCH_CHARS {
            return Err(ListError::SearchTooLong);
        }
        let mut words: Vec<String> = Vec::new();
        for word in words_of(raw) {
            if !words.contains(&word) && words.len() < MAX_SEARCH_WORDS {
                words.push(word);
            }
        }
        if words.is_empty() {
            return Err(ListError::SearchHasNoWords);
        }
        let digits = raw.strip_prefix('#').unwrap_or(raw);
        let number =
            (digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten();
        Ok(Some(Self { raw: raw.to_string(), words, number }))
    }

    /// The search as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Lower-case words, each matching a whole word.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The ticket number the search names (`123` or `#123`).
    pub fn number(&self) -> Option<i64> {
        self.number
    }

    /// The snippet of `text` around its first matching word, split into
    /// plain and matching parts; `None` when no word matches. The parts are
    /// plain text: whoever renders them escapes them.
    pub fn snippet(&self, text: &str) -> Option<Snippet> {
        let spans = word_spans(text);
        let keys: Vec<String> = self.words.iter().map(|w| match_key(w)).collect();
        let found: Vec<Option<usize>> = spans
            .iter()
            .map(|&(start, end)| {
                let key = match_key(&text[start..end]);
                keys.iter().position(|k| *k == key)
            })
            .collect();
        let matched: Vec<bool> = found.iter().map(Option::is_some).collect();
        let first = matched.iter().position(|m| *m)?;
        let score = (0..keys.len()).filter(|k| found.contains(&Some(*k))).count();

        // Start a few words before the first match, end within the budget.
        let mut start = spans[first].0;
        for &(s, _) in spans[..first].iter().rev() {
            if text[s..spans[first].0].chars().count() > SNIPPET_LEAD_CHARS {
                break;
            }
            start = s;
        }
        let end = text[start..].char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(i, _)| start + i);
        let mut parts = Vec::new();
        let mut at = start;
        let shown = spans.iter().zip(&matched).filter(|&(&(s, e), &m)| m && s >= start && e <= end);
        for (span, _) in shown {
            if span.0 > at {
                parts.push(SnippetPart { text: collapse(&text[at..span.0]), matched: false });
            }
            parts.push(SnippetPart { text: text[span.0..span.1].to_string(), matched: true });
            at = span.1;
        }
        if end > at {
            parts.push(SnippetPart { text: collapse(&text[at..end]), matched: false });
        }
        Some(Snippet { parts, cut_before: start > 0, cut_after: end < text.len(), score })
    }
}

/// Part of a snippet: plain text, or a word the search matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub matched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub parts: Vec<SnippetPart>,
    /// Text was left out before / after the parts.
    pub cut_before: bool,
    pub cut_after: bool,
    /// How many of the search's words the whole text matched.
    pub score: usize,
}

/// What a search result previews: the best-matching snippet, who wrote it, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub snippet: Snippet,
    pub author: String,
    pub at: Millis,
}

impl Search {
    /// The best preview among `texts` (text, author, time), given in order
    /// of preference: the one matching most of the search's words, the
    /// earlier one on a tie.
    pub fn best_preview<'t>(&self, texts: impl IntoIterator<Item = (&'t str, &'t str, Millis)>) -> Option<Preview> {
        let mut best: Option<Preview> = None;
        for (text, author, at) in texts {
            if let Some(snippet) = self.snippet(text)
                && best.as_ref().is_none_or(|b| snippet.score > b.snippet.score)
            {
                best = Some(Preview { snippet, author: author.to_string(), at });
            }
        }
        best
    }
}

/// What a word is compared by in previews: lower case, accents folded,
/// and a plural or verb ending taken off, so "Fällig" marks for "fallig"
/// and "printers" for "printer". It only marks words: what a search finds
/// is the engines' business (stemmed in the workspace's language there).
pub fn match_key(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = word.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    let folded = folded.to_lowercase();
    for ending in ["ing", "ed", "es", "s"] {
        if let Some(stem) = folded.strip_suffix(ending).filter(|stem| stem.chars().count() >= 3) {
            return stem.to_string();
        }
    }
    folded
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Byte ranges of the runs of letters and digits in `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Runs of white space (new lines included) as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_letters_and_digits_only() {
        for (raw, words) in [
            ("Printer", vec!["printer"]),
            ("\"printer NEAR jam\"*", vec!["printer", "near", "jam"]),
            ("col:value -minus", vec!["col", "value", "minus"]),
            ("unbalanced \"quote", vec!["unbalanced", "quote"]),
            ("Überweisung fällig", vec!["überweisung", "fällig"]),
            ("a a A", vec!["a"]),
        ] {
            let search = Search::parse(raw).unwrap().unwrap();
            assert_eq!(search.words(), words, "{raw:?}");
        }
        assert_eq!(Search::parse("   ").unwrap(), None);
        assert_eq!(Search::parse("\"*:-\""), Err(ListError::SearchHasNoWords));
        assert_eq!(Search::parse(&"x".repeat(10_240)), Err(ListError::SearchTooLong));
        let many = Search::parse("a b c d e f g h i j k").unwrap().unwrap();
        assert_eq!(many.words().len(), MAX_SEARCH_WORDS);
    }

    #[test]
    fn a_number_names_a_ticket() {
        for (raw, number) in [("123", Some(123)), ("#7", Some(7)), ("#7 printer", None), ("99999999999999999999", None)]
        {
            assert_eq!(Search::parse(raw).unwrap().unwrap().number(), number, "{raw:?}");
        }
    }

    #[test]
    fn snippets_mark_whole_words_and_keep_text_plain() {
        let search = Search::parse("printer JAM").unwrap().unwrap();
        let snippet = search.snippet("The <b>printer</b> has a paper\njam, again.").unwrap();
        let marked: Vec<_> = snippet.parts.iter().filter(|p| p.matched).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["printer", "jam"]);
        let text: String = snippet.parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "The <b>printer</b> has a paper jam, again.");
        assert_eq!(snippet.score, 2);
        assert!(search.snippet("reprinter printed").is_none(), "whole words only");

        let long = format!("{} printer {}", "lead ".repeat(100), "tail ".repeat(100));
        let snippet = search.snippet(&long).unwrap();
        assert!(snippet.cut_before && snippet.cut_after);
        let text: String = snippet.parts.iter().map(|p| p.text.as_str()).collect();
        assert!(text.chars().count() <= SNIPPET_CHARS);
        assert!(text.starts_with("lead") && text.contains("printer"));
    }

    #[test]
    fn previews_mark_words_whatever_their_accents_and_endings() {
        let search = Search::parse("fallig printers").unwrap().unwrap();
        let snippet = search.snippet("Die Rechnung ist FÄLLIG, the printer jams").unwrap();
        let marked: Vec<_> = snippet.parts.iter().filter(|p| p.matched).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["FÄLLIG", "printer"]);
        assert_eq!(snippet.score, 2);
        assert_eq!((match_key("Café"), match_key("jams"), match_key("is")), ("cafe".into(), "jam".into(), "is".into()));
    }

    #[test]
    fn the_best_preview_matches_most_words() {
        let search = Search::parse("printer jam").unwrap().unwrap();
        let preview = search
            .best_preview([("printer only", "Ann", 3), ("no match", "Bob", 2), ("printer jam", "Cid", 1)])
            .unwrap();
        assert_eq!((preview.author.as_str(), preview.at), ("Cid", 1));
        assert_eq!(search.best_preview([("nothing", "Ann", 1)]), None);
    }
}
