//! The server-function client of the embedded frame: the browser's `fetch`
//! plus `Authorization: Bearer <session token>`.
//!
//! The token lives in this frame's memory only (no cookie, no storage), so a
//! third-party-cookie block changes nothing and a reload forgets it.

use leptos::server_fn::client::{Client, browser::BrowserClient};
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::request::browser::BrowserRequest;
use leptos::server_fn::response::browser::BrowserResponse;
use std::cell::RefCell;
use std::future::Future;

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the frame's session token (None forgets it).
pub fn set_token(token: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = token);
}

/// The `Authorization` header value of the frame's session, if any.
pub fn authorization() -> Option<String> {
    TOKEN.with(|t| t.borrow().as_deref().map(|token| format!("Bearer {token}")))
}

pub fn has_token() -> bool {
    TOKEN.with(|t| t.borrow().is_some())
}

/// The `lang` of the frame's page.
#[cfg(feature = "hydrate")]
pub fn page_language() -> Option<String> {
    let lang = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    (!lang.is_empty()).then_some(lang)
}

/// Only a browser has a page.
#[cfg(not(feature = "hydrate"))]
pub fn page_language() -> Option<String> {
    None
}

pub struct BearerClient;

impl<E, IS, OS> Client<E, IS, OS> for BearerClient
where
    E: FromServerFnError,
    IS: FromServerFnError,
    OS: FromServerFnError,
{
    type Request = BrowserRequest;
    type Response = BrowserResponse;

    fn send(req: Self::Request) -> impl Future<Output = Result<Self::Response, E>> + Send {
        if let Some(value) = authorization() {
            req.headers().set("Authorization", &value);
        }
        // The server answers in the page's language, which it chose when it
        // served the page (the site's `locale`, else the browser's).
        if let Some(lang) = page_language() {
            req.headers().set("Accept-Language", &lang);
        }
        <BrowserClient as Client<E, IS, OS>>::send(req)
    }

    #[allow(clippy::manual_async_fn)]
    fn open_websocket(
        path: &str,
    ) -> impl Future<
        Output = Result<
            (
                impl futures::Stream<Item = Result<bytes::Bytes, bytes::Bytes>> + Send + 'static,
                impl futures::Sink<bytes::Bytes> + Send + 'static,
            ),
            E,
        >,
    > + Send {
        <BrowserClient as Client<E, IS, OS>>::open_websocket(path)
    }

    fn spawn(future: impl Future<Output = ()> + Send + 'static) {
        <BrowserClient as Client<E, IS, OS>>::spawn(future)
    }
}
