//! The embed widget: the `<head>` snippet a site owner pastes, and the
//! loader it fetches. Both are plain JavaScript kept in `widget-loader/`.

use axum::http::header;
use axum::response::IntoResponse;
use portal_core::{Origin, WorkspaceSlug};

pub const STUB_TEMPLATE: &str = include_str!("../../../widget-loader/stub.js");
pub const LOADER: &str = include_str!("../../../widget-loader/loader.js");

/// The frame element, with the style the embed API documents, and a title
/// that names it to screen readers (WCAG 4.1.2; sites may word it in their
/// pages' language).
pub const IFRAME_TAG: &str = r#"<iframe id="unthread_help_center" title="Help center" style="width:100%;height:100%;border:none;position:fixed;top:0;left:0;right:0;bottom:0;z-index:999999;"></iframe>"#;

/// The stub as pasted: comments and indentation dropped, placeholders
/// filled. Both values are validated types, so they need no escaping
/// beyond what their grammar already forbids (no quotes, no `<`).
pub fn stub(portal: &Origin, workspace: &WorkspaceSlug) -> String {
    STUB_TEMPLATE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("__PORTAL_URL__", portal.as_str())
        .replace("__WORKSPACE__", workspace.as_str())
}

/// The `<script>` element for the host page's `<head>`.
pub fn snippet(portal: &Origin, workspace: &WorkspaceSlug) -> String {
    format!("<script>\n{}\n</script>", stub(portal, workspace))
}

pub async fn loader() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")], LOADER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_fills_the_template() {
        let portal = Origin::parse("https://support.example.com").unwrap();
        let workspace = WorkspaceSlug::parse("acme").unwrap();
        let snippet = snippet(&portal, &workspace);
        assert!(snippet.starts_with("<script>") && snippet.ends_with("</script>"));
        assert!(snippet.contains("https://support.example.com"));
        assert!(snippet.contains("\"acme\""));
        assert!(!snippet.contains("__PORTAL_URL__") && !snippet.contains("__WORKSPACE__"));
    }
}
