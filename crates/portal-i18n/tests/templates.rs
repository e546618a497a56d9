//! Every word a template shows comes from the catalogs: this test fails
//! when a Leptos template (`view!`) of the frame or the console holds
//! English text of its own, as a text node or as a text attribute
//! (`placeholder`, `title`, `alt`, `aria-label`, ...).
//!
//! Text is any string literal with a letter in it; symbols and spaces
//! (`" "`, `"·"`, `"×"`, `"#"`) are not words. Attribute values that are
//! not read by people (`class`, `name`, `data-*`, ...) are not text.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Attributes whose value people read (or hear, with a screen reader).
const TEXT_ATTRIBUTES: &[&str] = &["placeholder", "title", "alt", "aria-label", "aria-description", "label"];

/// The templates: the frame's pages and shell, and the console.
const TEMPLATE_DIRS: &[&str] = &["portal-app/src", "portal-server/src/console"];

#[derive(Debug)]
struct Found {
    file: String,
    line: usize,
    text: String,
}

/// Words written straight into a `view!` in `source`.
fn words_in_templates(file: &str, source: &str) -> Vec<Found> {
    struct Views<'a> {
        file: &'a str,
        found: Vec<Found>,
    }
    impl Visit<'_> for Views<'_> {
        fn visit_macro(&mut self, mac: &syn::Macro) {
            if mac.path.segments.last().is_some_and(|s| s.ident == "view") {
                check_view(self.file, mac.tokens.clone(), &mut self.found);
            }
            syn::visit::visit_macro(self, mac);
        }
    }
    let syntax = syn::parse_file(source).unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
    let mut views = Views { file, found: Vec::new() };
    views.visit_file(&syntax);
    views.found
}

/// One `view!` body: its literals are text nodes or attribute values; its
/// `{...}` blocks are Rust, where only nested `view!`s are templates.
fn check_view(file: &str, tokens: TokenStream, found: &mut Vec<Found>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Literal(literal) => {
                let Some(text) = string_value(&literal.to_string()) else { continue };
                if !text.chars().any(char::is_alphabetic) {
                    continue;
                }
                let is_text = match attribute_before(&tokens[..i]) {
                    None => true,
                    Some(name) => TEXT_ATTRIBUTES.contains(&name.as_str()),
                };
                if is_text {
                    found.push(Found { file: file.to_string(), line: literal.span().start().line, text });
                }
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                nested_views(file, group.stream(), found)
            }
            _ => {}
        }
    }
}

/// The `view!`s inside a block of Rust code.
fn nested_views(file: &str, tokens: TokenStream, found: &mut Vec<Found>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        if let TokenTree::Group(group) = token {
            let is_view = i >= 2
                && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
                && matches!(&tokens[i - 2], TokenTree::Ident(name) if name == "view");
            if is_view {
                check_view(file, group.stream(), found);
            } else {
                nested_views(file, group.stream(), found);
            }
        }
    }
}

/// The attribute a literal is the value of (`name="..."`), if it is one.
fn attribute_before(before: &[TokenTree]) -> Option<String> {
    let [.., name_end, TokenTree::Punct(eq)] = before else { return None };
    if eq.as_char() != '=' {
        return None;
    }
    // A hyphenated name (`aria-label`) is several tokens.
    let mut name = name_end.to_string();
    let mut at = before.len() - 2;
    while at >= 2 {
        match (&before[at - 1], &before[at - 2]) {
            (TokenTree::Punct(dash), TokenTree::Ident(part)) if dash.as_char() == '-' => {
                name = format!("{part}-{name}");
                at -= 2;
            }
            _ => break,
        }
    }
    Some(name)
}

/// The text of a string literal token (`"..."` or `r#"..."#`).
fn string_value(token: &str) -> Option<String> {
    let literal: syn::LitStr = syn::parse_str(token).ok()?;
    Some(literal.value())
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn templates_hold_no_words_of_their_own() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crates folder");
    let mut files = Vec::new();
    for dir in TEMPLATE_DIRS {
        rust_files(&crates.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found the templates: {files:?}");
    let mut found = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).expect("a readable source file");
        let name = path.strip_prefix(crates).unwrap_or(path).display().to_string();
        found.extend(words_in_templates(&name, &source));
    }
    let report: Vec<String> = found.iter().map(|f| format!("{}:{}: {:?}", f.file, f.line, f.text)).collect();
    assert!(report.is_empty(), "text outside the catalogs (use locale.t):\n{}", report.join("\n"));
}

#[test]
fn the_test_finds_words_where_they_hide() {
    let source = r##"
        fn page(locale: Locale) -> impl IntoView {
            view! {
                <p class="notice" data-testid="status">"Hello there"</p>
                <input placeholder="Search tickets" name="q" aria-label=locale.t("search") />
                <button aria-label="Close">"×"</button>
                <span>" · "{locale.t("by")}</span>
                {show.then(|| view! { <em title="Nested">{name}</em> })}
                {format!("{base}/tickets")}
            }
        }
    "##;
    let texts: Vec<String> = words_in_templates("sample.rs", source).into_iter().map(|f| f.text).collect();
    assert_eq!(texts, ["Hello there", "Search tickets", "Close", "Nested"]);
}
