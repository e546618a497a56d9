//! Files in the frame: picking them for a reply or a new ticket (each one
//! uploads as soon as it is picked, and the message is sent with the ids of
//! those that made it), and downloading the files of a ticket.
//!
//! Both go through the browser's `fetch` with the session's bearer token:
//! a plain link would carry no session.

use super::PortalContext;
use leptos::prelude::*;
use portal_core::FileKind;
use portal_core::attachment::format_size;

/// Where one picked file stands.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
enum Upload {
    Sending,
    Ready(i64),
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Picked {
    /// Tells the files apart while none has a server id yet.
    local: u32,
    name: String,
    size: u64,
    state: Upload,
}

/// The files picked for the message being written.
#[derive(Clone, Copy)]
pub(crate) struct PickedFiles {
    items: RwSignal<Vec<Picked>>,
    next: StoredValue<u32>,
}

impl Default for PickedFiles {
    fn default() -> Self {
        Self { items: RwSignal::new(Vec::new()), next: StoredValue::new(0) }
    }
}

impl PickedFiles {
    /// The server ids of the uploaded files, to send with the message.
    pub fn ids(&self) -> Vec<i64> {
        self.items.with_untracked(|items| {
            items
                .iter()
                .filter_map(|p| match p.state {
                    Upload::Ready(id) => Some(id),
                    _ => None,
                })
                .collect()
        })
    }

    /// Whether a file is still on its way up.
    pub fn sending(&self) -> bool {
        self.items.with(|items| items.iter().any(|p| p.state == Upload::Sending))
    }

    /// Once the message that carried them is sent.
    pub fn clear(&self) {
        self.items.set(Vec::new());
    }

    // Only the browser picks files.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn add(&self, name: String, size: u64, state: Upload) -> u32 {
        let local = self.next.get_value();
        self.next.set_value(local + 1);
        self.items.update(|items| items.push(Picked { local, name, size, state }));
        local
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn settle(&self, local: u32, state: Upload) {
        self.items.update(|items| {
            if let Some(picked) = items.iter_mut().find(|p| p.local == local) {
                picked.state = state;
            }
        });
    }

    fn remove(&self, local: u32) {
        self.items.update(|items| items.retain(|p| p.local != local));
    }

    /// Files counted against the workspace's limit: those not refused.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn kept(&self) -> usize {
        self.items.with_untracked(|items| items.iter().filter(|p| !matches!(p.state, Upload::Refused(_))).count())
    }
}

/// The file picker and the list of picked files, each with its state; a
/// refused file says why.
#[component]
pub(crate) fn FilePicker(files: PickedFiles) -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let limits = context.settings.attachment_limits;
    if limits.max_files == 0 {
        return ().into_any();
    }
    let accept = format!(".{}", FileKind::all_extensions(",."));
    let hint = format!(
        "Up to {} files of {} each: {}",
        limits.max_files,
        format_size(limits.max_bytes),
        FileKind::all_extensions(", ")
    );
    #[cfg(feature = "hydrate")]
    let on_change = move |ev: leptos::ev::Event| browser::pick(files, limits, ev);
    #[cfg(not(feature = "hydrate"))]
    let on_change = |_: leptos::ev::Event| {};
    view! {
        <div class="file-picker">
            <label class="attach">
                "Attach files"
                <input type="file" multiple accept=accept data-testid="file-input" on:change=on_change />
            </label>
            <span class="hint">{hint}</span>
            <ul class="picked" data-testid="picked-files">
                {move || files.items.get().into_iter().map(|picked| picked_row(picked, files)).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

fn picked_row(picked: Picked, files: PickedFiles) -> impl IntoView {
    let (state, text) = match &picked.state {
        Upload::Sending => ("sending", format!("{} — uploading…", picked.name)),
        Upload::Ready(_) => ("ready", format!("{} ({})", picked.name, format_size(picked.size))),
        Upload::Refused(why) => ("refused", why.clone()),
    };
    let local = picked.local;
    view! {
        <li class=format!("picked-file {state}") data-testid="picked-file" data-state=state>
            <span>{text}</span>
            <button type="button" class="remove" aria-label="Remove" on:click=move |_| files.remove(local)>"×"</button>
        </li>
    }
}

/// Turns a click on a file link (in the server-rendered ticket) into an
/// authenticated download.
pub(crate) fn on_file_click(ev: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    browser::download_clicked(ev);
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::error::PortalError;
    use portal_core::{AttachmentError, AttachmentInfo, AttachmentLimits};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Element, File, HtmlAnchorElement, HtmlInputElement, RequestInit, Response, Url};

    /// A refusal from the client's own checks, worded as the server's.
    fn refused(error: AttachmentError) -> Upload {
        Upload::Refused(error.to_string())
    }

    /// What the server answers about one upload.
    type Uploaded = Result<AttachmentInfo, String>;

    pub(super) fn pick(files: PickedFiles, limits: AttachmentLimits, ev: leptos::ev::Event) {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        for file in (0..list.length()).filter_map(|i| list.get(i)) {
            let (name, size) = (file.name(), file.size() as u64);
            let checked = limits.check_count(files.kept() + 1).and_then(|()| limits.check_file(&name, size));
            if let Err(error) = checked {
                files.add(name, size, refused(error));
                continue;
            }
            let local = files.add(name.clone(), size, Upload::Sending);
            leptos::task::spawn_local(async move {
                let state = match upload(&name, &file).await {
                    Ok(info) => Upload::Ready(info.id),
                    Err(why) => Upload::Refused(why),
                };
                files.settle(local, state);
            });
        }
        // The same file can be picked again after it was removed.
        input.set_value("");
    }

    async fn upload(name: &str, file: &File) -> Uploaded {
        let url = format!("/api/portal/attachments?name={}", js_sys::encode_uri_component(name));
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(file);
        let (status, text) = fetch_text(&url, &init).await.map_err(|_| format!("{name}: {}", PortalError::Network))?;
        if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|_| format!("{name}: {}", PortalError::Internal))
        } else {
            let error = serde_json::from_str::<PortalError>(&text).unwrap_or(PortalError::Internal);
            let message = error.to_string();
            Err(if message.starts_with(name) { message } else { format!("{name}: {message}") })
        }
    }

    /// `fetch` with the session's token; the status and the body as text.
    async fn fetch_text(url: &str, init: &RequestInit) -> Result<(u16, String), JsValue> {
        let response = authorized_fetch(url, init).await?;
        let text = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
        Ok((response.status(), text))
    }

    async fn authorized_fetch(url: &str, init: &RequestInit) -> Result<Response, JsValue> {
        let headers = web_sys::Headers::new()?;
        if let Some(value) = crate::client::authorization() {
            headers.set("Authorization", &value)?;
        }
        init.set_headers(&headers);
        let window = web_sys::window().ok_or("no window")?;
        JsFuture::from(window.fetch_with_str_and_init(url, init)).await?.dyn_into()
    }

    pub(super) fn download_clicked(ev: leptos::ev::MouseEvent) {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        let Some(link) = target.and_then(|t| t.closest("a[data-attachment]").ok().flatten()) else { return };
        ev.prevent_default();
        let (Some(href), name) = (link.get_attribute("href"), link.get_attribute("download").unwrap_or_default())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(error) = save(&href, &name).await {
                web_sys::console::warn_2(&"download failed".into(), &error);
            }
        });
    }

    /// Fetches the file and hands it to the browser's download.
    async fn save(href: &str, name: &str) -> Result<(), JsValue> {
        let init = RequestInit::new();
        let response = authorized_fetch(href, &init).await?;
        if !response.ok() {
            return Err(format!("status {}", response.status()).into());
        }
        let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
        // The download has its own copy once started; a minute is ample.
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
        });
        web_sys::window()
            .ok_or("no window")?
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
        Ok(())
    }
}
