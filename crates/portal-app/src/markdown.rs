//! Message text to safe HTML, on the server only: Markdown through
//! pulldown-cmark with raw HTML dropped, then ammonia's allow-list. Keeping
//! this out of the browser bundle keeps every customer's download small.

use pulldown_cmark::{Event, Options, Parser, html};
use std::collections::HashSet;
use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        // A link must never replace the portal inside the host's page.
        .set_tag_attribute_value("a", "target", "_blank")
        // Remote images would tell a third party who read the message, and when.
        .rm_tags(["img"]);
    builder
});

/// Renders Markdown to HTML that is safe to insert into a portal page.
pub fn to_safe_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES)
        .filter(|event| !matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    SANITIZER.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_renders() {
        assert_eq!(to_safe_html("**bold** and `code`"), "<p><strong>bold</strong> and <code>code</code></p>\n");
        let link = to_safe_html("[docs](https://example.com/a?b=1)");
        assert!(link.contains(r#"href="https://example.com/a?b=1""#), "{link}");
        assert!(link.contains(r#"rel="noopener noreferrer nofollow""#), "{link}");
    }

    #[test]
    fn raw_html_and_dangerous_urls_are_dropped() {
        let cases = [
            "<script>alert(1)</script>",
            "hello <img src=x onerror=alert(1)>",
            "<iframe src=https://evil.example></iframe>",
            "[click](javascript:alert(1))",
            "[data](data:text/html;base64,PHNjcmlwdD4=)",
            "![pixel](https://tracker.example/p.gif)",
            "<a href=\"https://x.example\" onclick=\"steal()\">x</a>",
            "<style>body{display:none}</style>",
        ];
        for input in cases {
            let out = to_safe_html(input).to_lowercase();
            for banned in ["<script", "onerror", "<iframe", "javascript:", "data:text", "<img", "onclick", "<style"] {
                assert!(!out.contains(banned), "{input:?} rendered {out:?}");
            }
        }
    }

    #[test]
    fn links_open_outside_the_frame() {
        for input in [
            "[docs](https://example.com/a)",
            "<https://example.com/b>",
            "[mail](mailto:help@example.com)",
            "[same](/embed/acme)",
            "[chosen](https://example.com/c \"title\")",
        ] {
            let out = to_safe_html(input);
            assert_eq!(out.matches("<a ").count(), 1, "{input:?} rendered {out:?}");
            assert!(out.contains(r#"target="_blank""#), "{input:?} rendered {out:?}");
            assert!(out.contains(r#"rel="noopener noreferrer nofollow""#), "{input:?} rendered {out:?}");
        }
        // Should raw HTML ever reach the sanitiser, its own target gives way to ours.
        let raw = super::SANITIZER.clean(r#"<a href="https://x.example" target="_top">x</a>"#).to_string();
        assert!(raw.contains(r#"target="_blank""#) && !raw.contains("_top"), "{raw}");
    }

    #[test]
    fn mailto_links_stay() {
        assert!(to_safe_html("[mail](mailto:help@example.com)").contains("mailto:help@example.com"));
    }
}
