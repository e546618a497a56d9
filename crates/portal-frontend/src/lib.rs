//! The browser entry point. Trunk builds this crate to WebAssembly; the
//! server's HTML calls `hydrate()`, which attaches the Leptos app to the
//! markup the server rendered.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(portal_app::App);
}
