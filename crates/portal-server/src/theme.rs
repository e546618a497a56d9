//! The stylesheet of a workspace's brand colour and theme, linked by every
//! frame page after the portal's own, so that what an admin sets in the
//! console shows on the next frame load without touching the host page.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_core::WorkspaceSlug;
use portal_core::console::{PortalLook, Theme};

/// The palettes of `portal.css`, forced. `html:root` outranks the
/// stylesheet's `:root`, so a chosen theme wins over the system's.
const LIGHT: &str = "html:root { --text: #1f2430; --muted: #5c6370; --line: #e3e6eb; --bg: #ffffff; \
                     color-scheme: light; }\n.status { background: #eef1f6; }\n";
const DARK: &str = "html:root { --text: #e6e8ec; --muted: #a0a6b0; --line: #2c313a; --bg: #16181d; \
                    color-scheme: dark; }\n.status { background: #262a33; }\n";

pub fn stylesheet(look: &PortalLook) -> String {
    // A validated `#rrggbb`: nothing in it can end the declaration.
    let mut css = format!(":root {{ --brand: {}; }}\n", look.brand_color.as_str());
    css.push_str(match look.theme {
        Theme::Auto => "",
        Theme::Light => LIGHT,
        Theme::Dark => DARK,
    });
    css
}

pub async fn theme(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let look = match WorkspaceSlug::parse(&slug) {
        Ok(slug) => match state.store.workspace_by_slug(&slug).await {
            Ok(Some(ws)) => state.store.portal_look(ws.id).await.map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        },
        Err(_) => Ok(None),
    };
    match look {
        Ok(Some(look)) => (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")],
            stylesheet(&look),
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "This support portal does not exist.").into_response(),
        Err(error) => {
            tracing::error!(%error, "reading a workspace's look failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The support portal is temporarily unavailable.").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::console::BrandColor;

    #[test]
    fn the_stylesheet_carries_the_colour_and_forces_the_theme() {
        let look = PortalLook { brand_color: BrandColor::parse("#aa3300").unwrap(), ..PortalLook::default() };
        assert_eq!(stylesheet(&look), ":root { --brand: #aa3300; }\n");
        let dark = stylesheet(&PortalLook { theme: Theme::Dark, ..look.clone() });
        assert!(dark.contains("color-scheme: dark") && dark.contains("#16181d"));
        assert!(stylesheet(&PortalLook { theme: Theme::Light, ..look }).contains("color-scheme: light"));
    }
}
