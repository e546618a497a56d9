//! The stylesheet of a workspace's brand colour and theme, linked by every
//! frame page after the portal's own, so that what an admin sets in the
//! console shows on the next frame load without touching the host page.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_core::WorkspaceSlug;
use portal_core::console::{PortalLook, Theme};

/// The stylesheet whose palettes this one forces and whose backgrounds
/// the brand's colours must stand out against.
const PORTAL_CSS: &str = include_str!("../../../public/portal.css");
/// The palettes' page backgrounds, as in `portal.css`.
const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BG: Rgb = Rgb(0x16, 0x18, 0x1d);
/// The properties the workspace's brand sets, not its palette.
const BRAND_PROPERTIES: &[&str] = &["--brand", "--on-brand", "--link"];
/// WCAG 2.1 AA contrast for text (1.4.3).
const AA_TEXT: f64 = 4.5;

/// The workspace's brand colour, with the colours derived from it so that
/// text keeps AA contrast whatever colour the admin picks: the text on it
/// (`--on-brand`: white, or black where white would not stand out) and the
/// brand as text on each palette's background (`--link`: darkened on the
/// light one, lightened on the dark one, as far as needed). A chosen theme
/// forces its palette of `portal.css`: `html:root` outranks the
/// stylesheet's `:root`, so it wins over the system's.
pub fn stylesheet(look: &PortalLook) -> String {
    let brand = Rgb::parse(look.brand_color.as_str()).unwrap_or(Rgb(0x3b, 0x5b, 0xdb));
    let on_brand = if brand.contrast(Rgb::WHITE) >= AA_TEXT || brand.contrast(Rgb::WHITE) >= brand.contrast(Rgb::BLACK)
    {
        Rgb::WHITE
    } else {
        Rgb::BLACK
    };
    let light_link = brand.readable_on(LIGHT_BG, Rgb::BLACK);
    let dark_link = brand.readable_on(DARK_BG, Rgb::WHITE);
    // A validated `#rrggbb`: nothing in it can end the declaration.
    let mut css = format!(":root {{ --brand: {brand}; --on-brand: {on_brand}; --link: {light_link}; }}\n");
    match look.theme {
        Theme::Auto => {
            css.push_str(&format!("@media (prefers-color-scheme: dark) {{ :root {{ --link: {dark_link}; }} }}\n"))
        }
        Theme::Light => css.push_str(&format!("html:root {{ {} --link: {light_link}; }}\n", palette(Palette::Light))),
        Theme::Dark => css.push_str(&format!("html:root {{ {} --link: {dark_link}; }}\n", palette(Palette::Dark))),
    }
    css
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Palette {
    Light,
    Dark,
}

/// A palette of `portal.css` as declarations: the light one is its first
/// `:root` rule, the dark one the `:root` rule inside its
/// `prefers-color-scheme: dark` block (which overrides only some of them).
fn palette(which: Palette) -> String {
    let declarations = |from: &str| {
        let rule = from.find(":root {").map(|at| &from[at + ":root {".len()..]).unwrap_or_default();
        let rule = &rule[..rule.find('}').unwrap_or(rule.len())];
        rule.split(';')
            .map(str::trim)
            .filter(|d| d.starts_with("--") || d.starts_with("color-scheme"))
            // The brand's colours are the workspace's, set above.
            .filter(|d| !BRAND_PROPERTIES.iter().any(|p| d.split(':').next() == Some(*p)))
            .map(|d| format!("{d};"))
            .collect::<Vec<_>>()
    };
    let light = declarations(PORTAL_CSS);
    let dark_block =
        PORTAL_CSS.find("@media (prefers-color-scheme: dark)").map(|at| &PORTAL_CSS[at..]).unwrap_or_default();
    let dark = declarations(dark_block);
    let name = |d: &String| d.split(':').next().unwrap_or_default().to_string();
    let chosen: Vec<String> = match which {
        Palette::Light => light,
        // The light palette, with the dark block's values where it has them.
        Palette::Dark => light.iter().map(|d| dark.iter().find(|o| name(o) == name(d)).unwrap_or(d).clone()).collect(),
    };
    chosen.join(" ")
}

/// A colour, for its contrast (WCAG 2.1's relative luminance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
    const BLACK: Rgb = Rgb(0, 0, 0);

    fn parse(hex: &str) -> Option<Self> {
        let hex = hex.strip_prefix('#').filter(|h| h.len() == 6)?;
        let part = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
        Some(Rgb(part(0)?, part(2)?, part(4)?))
    }

    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour, mixed with `toward` in steps of 5 % until it reads as
    /// text on `bg`. Black on white and white on the dark background always do.
    fn readable_on(self, bg: Rgb, toward: Rgb) -> Rgb {
        let mix = |a: u8, b: u8, t: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        (0..=20)
            .map(|step| {
                let t = f64::from(step) / 20.0;
                Rgb(mix(self.0, toward.0, t), mix(self.1, toward.1, t), mix(self.2, toward.2, t))
            })
            .find(|c| c.contrast(bg) >= AA_TEXT)
            .unwrap_or(toward)
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
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
        let auto = stylesheet(&look);
        assert!(auto.starts_with(":root { --brand: #aa3300; --on-brand: #ffffff; --link: #aa3300; }\n"), "{auto}");
        assert!(auto.contains("@media (prefers-color-scheme: dark)"), "{auto}");
        let dark = stylesheet(&PortalLook { theme: Theme::Dark, ..look.clone() });
        assert!(
            dark.contains("html:root {") && dark.contains("color-scheme: dark;") && dark.contains("--bg: #16181d;"),
            "{dark}"
        );
        let light = stylesheet(&PortalLook { theme: Theme::Light, ..look });
        assert!(light.contains("color-scheme: light;") && light.contains("--bg: #ffffff;"), "{light}");
    }

    #[test]
    fn the_forced_palettes_are_the_stylesheets() {
        let light = palette(Palette::Light);
        let dark = palette(Palette::Dark);
        for (palette, bg, scheme) in [(&light, LIGHT_BG, "light"), (&dark, DARK_BG, "dark")] {
            assert!(palette.contains(&format!("--bg: {bg};")), "{palette}");
            assert!(palette.contains(&format!("color-scheme: {scheme};")), "{palette}");
            // Every colour of the one is set by the other too, so forcing
            // a theme leaves nothing of the system's.
            assert_eq!(palette.matches("--").count(), light.matches("--").count(), "{palette}");
        }
        assert!(dark.contains("--closed: #8ce99a;") && light.contains("--closed: #2b7a3b;"), "{dark}\n{light}");
        assert!(!light.contains("--brand") && !dark.contains("--link"), "the brand is the workspace's: {light}");
    }

    #[test]
    fn text_in_and_on_the_brand_reads_whatever_the_colour() {
        for hex in ["#3b5bdb", "#aa3300", "#ffd43b", "#ffffff", "#000000", "#777777", "#12b886", "#1f2430"] {
            let brand = Rgb::parse(hex).unwrap();
            let css = stylesheet(&PortalLook { brand_color: BrandColor::parse(hex).unwrap(), ..PortalLook::default() });
            let value = |name: &str| {
                let at = css.find(&format!("{name}: ")).unwrap() + name.len() + 2;
                Rgb::parse(&css[at..at + 7]).unwrap()
            };
            assert!(value("--on-brand").contrast(brand) >= AA_TEXT, "text on {hex}: {css}");
            assert!(value("--link").contrast(LIGHT_BG) >= AA_TEXT, "{hex} on light: {css}");
            let dark = css.rsplit("--link: ").next().map(|v| Rgb::parse(&v[..7]).unwrap()).unwrap();
            assert!(dark.contrast(DARK_BG) >= AA_TEXT, "{hex} on dark: {css}");
        }
        // A brand that reads already is kept as it is.
        assert_eq!(Rgb(0x3b, 0x5b, 0xdb).readable_on(LIGHT_BG, Rgb::BLACK), Rgb(0x3b, 0x5b, 0xdb));
    }
}
