//! The browser entry point. Trunk builds this crate to WebAssembly; the
//! server's HTML calls `hydrate()`, which attaches the Leptos app to the
//! markup the server rendered.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(portal_app::App);
}
