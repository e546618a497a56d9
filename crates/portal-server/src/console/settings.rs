//! Portal settings (admins): one form per part, each checked whole before
//! anything is written, and applied remotely: the frame reads them on its
//! next load.

use super::auth::Admin;
use super::view::{self, Notice, Section};
use super::{Refusal, sentence, store_failure, store_problem};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::audience::PortalAudience;
use portal_core::console::{BrandColor, LogoUrl, MailSender, PortalLook, Theme, check_greeting};
use portal_core::translations::LanguageTexts;
use portal_core::visibility::{Condition, TicketVisibility};
use portal_core::{
    AllowedOrigins, AttachmentLimits, PortalHost, SessionLifetime, ShownAttribute, SignInUrl, SitePage,
    StandaloneSettings, TicketForm, TicketTypes,
};
use portal_i18n::Locale;
use portal_store::{AttachmentUsage, AudiencePreview, PortalBehaviour, Workspace};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Longest session lifetime an admin may set: 90 days.
const MAX_SESSION_HOURS: i64 = 90 * 24;

/// The parts of the settings page: each is its own form, posted to
/// `/console/settings/{section}` and saved alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsSection {
    Look,
    Origins,
    Behaviour,
    Types,
    Attributes,
    /// The new-ticket form's own fields.
    Form,
    Attachments,
    Visibility,
    Audience,
    Translations,
    /// The standalone portal: custom sign-on, "Open in a new tab", host name.
    Standalone,
    /// Who the workspace's mail comes from.
    Mail,
}

impl SettingsSection {
    const ALL: [Self; 12] = [
        Self::Look,
        Self::Origins,
        Self::Behaviour,
        Self::Types,
        Self::Attributes,
        Self::Form,
        Self::Attachments,
        Self::Visibility,
        Self::Audience,
        Self::Translations,
        Self::Standalone,
        Self::Mail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Look => "look",
            Self::Origins => "origins",
            Self::Behaviour => "behaviour",
            Self::Types => "types",
            Self::Attributes => "attributes",
            Self::Form => "form",
            Self::Attachments => "attachments",
            Self::Visibility => "visibility",
            Self::Audience => "audience",
            Self::Translations => "translations",
            Self::Standalone => "standalone",
            Self::Mail => "mail",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.as_str() == raw)
    }
}

/// What the logo field shows when empty: an address, in no language.
const LOGO_EXAMPLE: &str = "https://…";
/// What the host-name field shows when empty, in no language.
const HOST_EXAMPLE: &str = "support.example.com";

/// The translations form's field of a ticket type, by its name as written.
const TYPE_FIELD: &str = "type:";
/// The translations form's field of a shown attribute, by its key.
const ATTRIBUTE_FIELD: &str = "attribute:";

/// The fields of every settings form; each form sends its own, the others
/// stay empty. A checkbox is sent only when ticked.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    /// The look's greeting, or its translation in the translations form.
    greeting: String,
    brand_color: String,
    logo_url: String,
    theme: String,
    origins: String,
    session_hours: String,
    reopen: Option<String>,
    search_preview: Option<String>,
    /// A language's tag; not sent: unchanged.
    default_locale: String,
    types: String,
    shown: String,
    /// The new-ticket form's fields, one a line.
    form: String,
    max_files: String,
    max_kb: String,
    restricted: Option<String>,
    /// The visibility rule's or the audience's, one a line.
    conditions: String,
    /// The tag of the language the translations form writes.
    language: String,
    sign_in_url: String,
    new_tab: Option<String>,
    email_sign_in: Option<String>,
    host: String,
    site_page: String,
    mail_from_name: String,
    mail_reply_to: String,
    /// The translations form's other texts: `type:<name>`, `attribute:<key>`.
    #[serde(flatten)]
    texts: BTreeMap<String, String>,
}

fn parse_hours(locale: Locale, raw: &str) -> Result<SessionLifetime, String> {
    let hours: i64 = raw.trim().parse().map_err(|_| {
        let shown: String = raw.chars().take(40).collect();
        locale.t_args("console-settings-hours-number", &[("value", shown.into())])
    })?;
    if hours > MAX_SESSION_HOURS {
        return Err(locale.t_args("console-settings-hours-max", &[("max", MAX_SESSION_HOURS.into())]));
    }
    SessionLifetime::from_millis(hours.saturating_mul(SessionLifetime::HOUR)).map_err(|e| locale.message(&e.message()))
}

/// `key = Name shown`, one per line.
fn parse_shown(locale: Locale, text: &str) -> Result<Vec<ShownAttribute>, String> {
    let list = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| match line.split_once('=') {
            Some((key, label)) => Ok(ShownAttribute { key: key.trim().into(), label: label.trim().into() }),
            None => {
                let line: String = line.trim().chars().take(80).collect();
                Err(locale.t_args("console-settings-write-key-name", &[("line", line.into())]))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    ShownAttribute::check_list(&list).map_err(sentence)
}

/// A whole number, or the reason `id` gives.
fn number<T: std::str::FromStr>(locale: Locale, raw: &str, id: &str) -> Result<T, String> {
    raw.trim().parse().map_err(|_| locale.t(id))
}

/// A language by its tag, as the behaviour form sends it; empty: `current`.
fn parse_language(locale: Locale, raw: &str, current: Locale) -> Result<Locale, String> {
    match raw.trim() {
        "" => Ok(current),
        tag => Locale::from_tag(tag).ok_or_else(|| no_language(locale, tag)),
    }
}

fn no_language(locale: Locale, tag: &str) -> String {
    let tag: String = tag.chars().take(40).collect();
    locale.t_args("console-settings-no-language", &[("tag", tag.into())])
}

/// The languages texts are translated into: every one but the default,
/// which the texts are written in.
fn translated_languages(ws: &Workspace) -> Vec<Locale> {
    Locale::ALL.into_iter().filter(|l| *l != ws.default_locale).collect()
}

/// The language the translations form writes: one of [`translated_languages`].
fn translation_language(locale: Locale, ws: &Workspace, raw: &str) -> Result<Locale, String> {
    let language = Locale::from_tag(raw.trim()).ok_or_else(|| no_language(locale, raw.trim()))?;
    if language == ws.default_locale {
        let name = ("language", language.native_name().into());
        return Err(locale.t_args("console-settings-translations-default", &[name]));
    }
    Ok(language)
}

/// The translations form's texts for `language`, as sent, keyed as
/// [`LanguageTexts`] keys them: the workspace's current types and shown
/// attributes only (a field of one removed since is dropped).
fn sent_texts(ws: &Workspace, form: &SettingsForm) -> LanguageTexts {
    let field = |name: String| form.texts.get(&name).cloned();
    LanguageTexts {
        greeting: Some(form.greeting.clone()),
        ticket_types: ws
            .ticket_types
            .iter()
            .filter_map(|t| Some((t.clone(), field(format!("{TYPE_FIELD}{t}"))?)))
            .collect(),
        attributes: ws
            .shown_attributes
            .iter()
            .filter_map(|a| Some((a.key.clone(), field(format!("{ATTRIBUTE_FIELD}{}", a.key))?)))
            .collect(),
    }
}

/// Checks one part's form and writes it; `Ok` says what changed.
/// The host of the portal's public address: never a workspace's own.
fn public_host(state: &AppState) -> Option<&str> {
    state.public_url.as_str().split_once("://").map(|(_, host)| host)
}

async fn apply(
    state: &AppState,
    locale: Locale,
    ws: &Workspace,
    section: SettingsSection,
    form: &SettingsForm,
) -> Result<String, Refusal> {
    let store = &state.store;
    let id = ws.id;
    let reason = |e: portal_core::console::ConsoleError| locale.message(&e.message());
    match section {
        SettingsSection::Look => {
            let look = PortalLook {
                greeting: check_greeting(&form.greeting).map_err(reason)?,
                brand_color: BrandColor::parse(&form.brand_color).map_err(reason)?,
                logo_url: LogoUrl::parse(&form.logo_url).map_err(reason)?,
                theme: Theme::parse(&form.theme).map_err(reason)?,
            };
            store.set_portal_look(id, &look).await?;
            Ok(locale.t("console-settings-look-saved"))
        }
        SettingsSection::Origins => {
            let origins = AllowedOrigins::parse_lines(&form.origins).map_err(|e| locale.message(&e.message()))?;
            store.set_allowed_origins(id, &origins).await?;
            Ok(locale.t_args("console-settings-origins-saved", &[("count", origins.len().into())]))
        }
        SettingsSection::Behaviour => {
            let behaviour = PortalBehaviour {
                session_lifetime: parse_hours(locale, &form.session_hours)?,
                reopen_allowed: form.reopen.is_some(),
                search_preview: form.search_preview.is_some(),
                default_locale: parse_language(locale, &form.default_locale, ws.default_locale)?,
            };
            store.set_portal_behaviour(id, &behaviour).await?;
            Ok(locale.t("console-settings-behaviour-saved"))
        }
        SettingsSection::Standalone => {
            let settings = StandaloneSettings {
                sign_in_url: SignInUrl::parse(&form.sign_in_url).map_err(reason)?,
                new_tab_allowed: form.new_tab.is_some(),
                host: PortalHost::parse(&form.host).map_err(reason)?,
                email_sign_in: form.email_sign_in.is_some(),
                site_page: SitePage::parse(&form.site_page).map_err(reason)?,
            };
            if settings.host.as_ref().is_some_and(|host| Some(host.as_str()) == public_host(state)) {
                return Err(Refusal::Input(locale.t("console-settings-host-is-public")));
            }
            store.set_standalone(id, &settings).await?;
            Ok(locale.t("console-settings-standalone-saved"))
        }
        SettingsSection::Mail => {
            let sender = MailSender::parse(&form.mail_from_name, &form.mail_reply_to).map_err(reason)?;
            store.set_mail_sender(id, &sender).await?;
            Ok(locale.t("console-settings-mail-saved"))
        }
        SettingsSection::Types => {
            let types = TicketTypes::parse_lines(&form.types).map_err(|e| locale.message(&e.message()))?;
            store.set_ticket_types(id, &types).await?;
            Ok(locale.t_args("console-settings-types-saved", &[("count", types.len().into())]))
        }
        SettingsSection::Attributes => {
            let shown = parse_shown(locale, &form.shown)?;
            store.set_shown_attributes(id, &shown).await?;
            Ok(locale.t_args("console-settings-attributes-saved", &[("count", shown.len().into())]))
        }
        SettingsSection::Form => {
            let fields = TicketForm::parse_lines(&form.form).map_err(sentence)?;
            store.set_ticket_form(id, &fields).await?;
            Ok(locale.t_args("console-settings-form-saved", &[("count", fields.fields().len().into())]))
        }
        SettingsSection::Attachments => {
            let files: u32 = number(locale, &form.max_files, "console-settings-files-number")?;
            let kb: u64 = number(locale, &form.max_kb, "console-settings-size-number")?;
            let limits = AttachmentLimits::new(files, kb.saturating_mul(1024)).map_err(sentence)?;
            store.set_attachment_limits(id, limits).await?;
            let args = [("count", files.into()), ("size", locale.file_size(limits.max_bytes).into())];
            Ok(locale.t_args("console-settings-attachments-saved", &args))
        }
        SettingsSection::Visibility => {
            let conditions = Condition::parse_lines(&form.conditions).map_err(sentence)?;
            let visibility = TicketVisibility::new(form.restricted.is_some(), conditions).map_err(sentence)?;
            store.set_ticket_visibility(id, &visibility).await?;
            Ok(locale.t("console-settings-visibility-saved"))
        }
        SettingsSection::Audience => {
            let conditions = Condition::parse_lines(&form.conditions).map_err(sentence)?;
            let audience = PortalAudience::new(conditions).map_err(sentence)?;
            store.set_portal_audience(id, &audience).await?;
            Ok(locale.t("console-settings-audience-saved"))
        }
        SettingsSection::Translations => {
            let language = translation_language(locale, ws, &form.language)?;
            let texts = sent_texts(ws, form).checked().map_err(|e| locale.message(&e.message()))?;
            let mut translations = ws.translations.clone();
            translations.set(language.tag(), texts);
            store.set_translations(id, &translations).await?;
            let name = ("language", language.native_name().into());
            Ok(locale.t_args("console-settings-translations-saved", &[name]))
        }
    }
}

pub async fn save(
    admin: Admin,
    State(state): State<AppState>,
    Path(section): Path<String>,
    Form(form): Form<SettingsForm>,
) -> Response {
    let locale = admin.1;
    let ws = match workspace(&state, &admin).await {
        Ok(ws) => ws,
        Err(response) => return response,
    };
    let Some(section) = SettingsSection::parse(&section) else {
        let section: String = section.chars().take(40).collect();
        let refused = Refusal::from(locale.t_args("console-settings-no-section", &[("section", section.into())]));
        return render(&state, &admin, Some(refused.notice(locale, "console-nothing-changed")), None, None).await;
    };
    let notice = match apply(&state, locale, &ws, section, &form).await {
        Ok(done) => {
            tracing::info!(target: "audit", event = "console.settings_changed", workspace = %ws.slug, agent = admin.0.id.0, section = section.as_str());
            Notice::Done(done)
        }
        Err(refused) => refused.notice(locale, "console-nothing-changed"),
    };
    // What was sent stays in a refused form, so nothing typed is lost.
    let draft = (!matches!(notice, Notice::Done(_))).then_some((section, &form));
    let language = (section == SettingsSection::Translations).then(|| Locale::from_tag(form.language.trim())).flatten();
    render(&state, &admin, Some(notice), draft, language).await
}

/// The settings page's own parameter: the language the translations form
/// shows.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsQuery {
    language: String,
}

pub async fn page(admin: Admin, State(state): State<AppState>, Query(query): Query<SettingsQuery>) -> Response {
    render(&state, &admin, None, None, Locale::from_tag(query.language.trim())).await
}

async fn workspace(state: &AppState, admin: &Admin) -> Result<Workspace, Response> {
    let locale = admin.1;
    match state.store.workspace(admin.0.workspace_id).await {
        Ok(Some(ws)) => Ok(ws),
        Ok(None) => {
            let text = locale.t("console-workspace-gone");
            Err(view::problem(locale, StatusCode::NOT_FOUND, Some(&admin.0), &text))
        }
        Err(e) => Err(store_problem(locale, Some(&admin.0), e)),
    }
}

async fn render(
    state: &AppState,
    admin: &Admin,
    notice: Option<Notice>,
    draft: Option<(SettingsSection, &SettingsForm)>,
    language: Option<Locale>,
) -> Response {
    let locale = admin.1;
    let loaded = async {
        let ws = workspace(state, admin).await?;
        let problem = |e| store_problem(locale, Some(&admin.0), e);
        let look = state.store.portal_look(ws.id).await.map_err(problem)?;
        let visibility = state.store.ticket_visibility(ws.id).await.map_err(problem)?;
        let audience = state.store.portal_audience(ws.id).await.map_err(problem)?;
        let usage = state.store.attachment_usage(ws.id).await.map_err(problem)?;
        Ok::<_, Response>((ws, look, visibility, audience, usage))
    };
    let (ws, look, visibility, audience, usage) = match loaded.await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    // A stored rule naming a retired field fails closed; the admin is told to edit it.
    let (visibility_edit, audience_edit) = (visibility.needs_edit(), audience.needs_edit());
    let lines = |items: Vec<String>| items.join("\n");
    // What a field shows: what was just sent if its form was refused, else what is stored.
    let sent = |section: SettingsSection| draft.filter(|(s, _)| *s == section).map(|(_, form)| form);
    let value = |section, field: fn(&SettingsForm) -> &String, stored: String| match sent(section) {
        Some(form) => field(form).clone(),
        None => stored,
    };
    let checked = |section, field: fn(&SettingsForm) -> &Option<String>, stored: bool| match sent(section) {
        Some(form) => field(form).is_some(),
        None => stored,
    };
    use SettingsSection as S;
    let theme = value(S::Look, |f| &f.theme, look.theme.as_str().to_string());
    let theme_option = |option: Theme| {
        let selected = theme == option.as_str();
        let label = locale.t(&format!("console-theme-{}", option.as_str()));
        view! { <option value=option.as_str() selected=selected>{label}</option> }
    };
    let default_locale = value(S::Behaviour, |f| &f.default_locale, ws.default_locale.tag().to_string());
    let language_options = Locale::ALL
        .into_iter()
        .map(|option| {
            let selected = default_locale.eq_ignore_ascii_case(option.tag());
            view! { <option value=option.tag() lang=option.tag() selected=selected>{option.native_name()}</option> }
        })
        .collect::<Vec<_>>();
    let translations = translations_form(locale, &ws, sent(S::Translations), language);
    let hint = |id: &str| view! { <p class="hint">{locale.t(id)}</p> };
    // The fields a condition may name come from the rule's own list.
    let fields_hint = |id: &str| {
        let fields = portal_core::visibility::FIELD_NAMES.join(", ");
        view! { <p class="hint">{locale.t_args(id, &[("fields", fields.into())])}</p> }
    };
    let body = view! {
        <p class="lead">{locale.t("console-settings-lead")}</p>
        <form method="post" action="/console/settings/look" class="card" data-testid="settings-look">
            <h2>{locale.t("console-settings-look")}</h2>
            <label>{locale.t("console-settings-greeting")} <input name="greeting" maxlength="200" value=value(S::Look, |f| &f.greeting, look.greeting.clone()) /></label>
            <label>{locale.t("console-settings-brand-color")} <input name="brand_color" value=value(S::Look, |f| &f.brand_color, look.brand_color.as_str().to_string()) pattern="#[0-9a-fA-F]{6}" /></label>
            <label>{locale.t("console-settings-logo")} <input name="logo_url" type="url" value=value(S::Look, |f| &f.logo_url, look.logo_url.as_str().to_string()) placeholder=LOGO_EXAMPLE /></label>
            <label>{locale.t("console-settings-theme")} <select name="theme">{theme_option(Theme::Auto)}{theme_option(Theme::Light)}{theme_option(Theme::Dark)}</select></label>
            <button type="submit">{locale.t("console-settings-save-look")}</button>
        </form>
        <form method="post" action="/console/settings/origins" class="card" data-testid="settings-origins">
            <h2>{locale.t("console-settings-origins")}</h2>
            {hint("console-settings-origins-hint")}
            <textarea name="origins" rows="4" aria-label=locale.t("console-settings-origins")>{value(S::Origins, |f| &f.origins, lines(ws.allowed_origins.iter().map(|o| o.to_string()).collect()))}</textarea>
            <button type="submit">{locale.t("console-settings-save-origins")}</button>
        </form>
        <form method="post" action="/console/settings/behaviour" class="card" data-testid="settings-behaviour">
            <h2>{locale.t("console-settings-behaviour")}</h2>
            <label>{locale.t("console-settings-session-hours")} <input name="session_hours" type="number" min="1" value=value(S::Behaviour, |f| &f.session_hours, (ws.session_lifetime.millis() / SessionLifetime::HOUR).to_string()) /></label>
            <label class="check"><input type="checkbox" name="reopen" checked=checked(S::Behaviour, |f| &f.reopen, ws.reopen_allowed) />{locale.t("console-settings-reopen")}</label>
            <label class="check"><input type="checkbox" name="search_preview" checked=checked(S::Behaviour, |f| &f.search_preview, ws.search_preview) />{locale.t("console-settings-search-preview")}</label>
            <label>{locale.t("console-settings-default-language")} <select name="default_locale" data-testid="default-locale">{language_options}</select></label>
            {hint("console-settings-default-language-hint")}
            <button type="submit">{locale.t("console-save")}</button>
        </form>
        <form method="post" action="/console/settings/standalone" class="card" data-testid="settings-standalone">
            <h2>{locale.t("console-settings-standalone")}</h2>
            <p class="hint">{locale.t_args("console-settings-standalone-hint", &[("address", format!("{}/p/{}/", state.public_url, ws.slug).into())])}</p>
            <label>{locale.t("console-settings-sign-in-url")} <input name="sign_in_url" type="url" value=value(S::Standalone, |f| &f.sign_in_url, ws.standalone.sign_in_url.as_str().to_string()) placeholder=LOGO_EXAMPLE /></label>
            {hint("console-settings-sign-in-url-hint")}
            <label class="check"><input type="checkbox" name="new_tab" checked=checked(S::Standalone, |f| &f.new_tab, ws.standalone.new_tab_allowed) />{locale.t("console-settings-new-tab")}</label>
            <label class="check"><input type="checkbox" name="email_sign_in" data-testid="email-sign-in" checked=checked(S::Standalone, |f| &f.email_sign_in, ws.standalone.email_sign_in) />{locale.t("console-settings-email-sign-in")}</label>
            {hint(if state.mail_configured { "console-settings-email-sign-in-hint" } else { "console-settings-email-sign-in-no-mail" })}
            <label>{locale.t("console-settings-host")} <input name="host" value=value(S::Standalone, |f| &f.host, ws.standalone.host.as_ref().map(|h| h.as_str().to_string()).unwrap_or_default()) placeholder=HOST_EXAMPLE /></label>
            {hint("console-settings-host-hint")}
            <label>{locale.t("console-settings-site-page")} <input name="site_page" type="url" value=value(S::Standalone, |f| &f.site_page, ws.standalone.site_page.as_str().to_string()) placeholder=LOGO_EXAMPLE /></label>
            {hint("console-settings-site-page-hint")}
            <button type="submit">{locale.t("console-save")}</button>
        </form>
        <form method="post" action="/console/settings/mail" class="card" data-testid="settings-mail">
            <h2>{locale.t("console-settings-mail")}</h2>
            <p class="hint" data-testid="mail-state">{locale.t(if state.mail_configured { "console-mail-on" } else { "console-mail-off" })}</p>
            <label>{locale.t("console-settings-mail-from-name")} <input name="mail_from_name" maxlength="100" value=value(S::Mail, |f| &f.mail_from_name, ws.mail_sender.from_name.clone()) placeholder=ws.name.clone() /></label>
            <label>{locale.t("console-settings-mail-reply-to")} <input name="mail_reply_to" type="email" value=value(S::Mail, |f| &f.mail_reply_to, ws.mail_sender.reply_to.as_ref().map(|a| a.as_str().to_string()).unwrap_or_default()) /></label>
            {hint(if state.inbound_address.is_some() { "console-settings-mail-reply-to-inbound" } else { "console-settings-mail-reply-to-hint" })}
            <button type="submit">{locale.t("console-save")}</button>
        </form>
        <form method="post" action="/console/settings/types" class="card" data-testid="settings-types">
            <h2>{locale.t("console-settings-types")}</h2>
            {hint("console-settings-types-hint")}
            <textarea name="types" rows="4" aria-label=locale.t("console-settings-types")>{value(S::Types, |f| &f.types, lines(ws.ticket_types.clone()))}</textarea>
            <button type="submit">{locale.t("console-settings-save-types")}</button>
        </form>
        <form method="post" action="/console/settings/attributes" class="card" data-testid="settings-attributes">
            <h2>{locale.t("console-settings-attributes")}</h2>
            {hint("console-settings-attributes-hint")}
            <textarea name="shown" rows="3" aria-label=locale.t("console-settings-attributes")>{value(S::Attributes, |f| &f.shown, lines(ws.shown_attributes.iter().map(|a| format!("{} = {}", a.key, a.label)).collect()))}</textarea>
            <button type="submit">{locale.t("console-settings-save-attributes")}</button>
        </form>
        <form method="post" action="/console/settings/form" class="card" data-testid="settings-form">
            <h2>{locale.t("console-settings-form")}</h2>
            {hint("console-settings-form-hint")}
            <textarea name="form" rows="4" aria-label=locale.t("console-settings-form")>{value(S::Form, |f| &f.form, ws.ticket_form.to_lines())}</textarea>
            <button type="submit">{locale.t("console-settings-save-form")}</button>
        </form>
        <form method="post" action="/console/settings/attachments" class="card" data-testid="settings-attachments">
            <h2>{locale.t("console-settings-attachments")}</h2>
            <label>{locale.t("console-settings-max-files")} <input name="max_files" type="number" min="0" max="6" value=value(S::Attachments, |f| &f.max_files, ws.attachment_limits.max_files.to_string()) /></label>
            <label>{locale.t("console-settings-max-kb")} <input name="max_kb" type="number" min="1" max="3072" value=value(S::Attachments, |f| &f.max_kb, (ws.attachment_limits.max_bytes / 1024).to_string()) /></label>
            <p class="hint" data-testid="attachment-usage">{storage_use(locale, usage, state.limits.attachment_quota_bytes)}</p>
            <button type="submit">{locale.t("console-settings-save-limits")}</button>
        </form>
        <form method="post" action="/console/settings/visibility" class="card" data-testid="settings-visibility" data-preview="/console/visibility-preview">
            <h2>{locale.t("console-settings-visibility")}</h2>
            <label class="check"><input type="checkbox" name="restricted" checked=checked(S::Visibility, |f| &f.restricted, visibility.restricted) />{locale.t("console-settings-restricted")}</label>
            {visibility_edit.map(|note| view! { <p class="notice error" data-testid="visibility-needs-edit">{note}"."</p> })}
            {fields_hint("console-settings-visibility-hint")}
            <textarea name="conditions" rows="3" data-preview-input data-testid="visibility-conditions" aria-label=locale.t("console-settings-conditions")>{value(S::Visibility, |f| &f.conditions, lines(visibility.conditions.iter().map(|c| c.to_string()).collect()))}</textarea>
            <div class="preview" data-preview-box data-unavailable=locale.t("console-preview-unavailable") aria-live="polite"></div>
            <button type="submit" formaction="/console/visibility-preview" class="secondary">{locale.t("console-settings-preview")}</button>
            <button type="submit">{locale.t("console-settings-save-visibility")}</button>
        </form>
        <form method="post" action="/console/settings/audience" class="card" data-testid="settings-audience" data-preview="/console/audience-preview">
            <h2>{locale.t("console-settings-audience")}</h2>
            {audience_edit.map(|note| view! { <p class="notice error" data-testid="audience-needs-edit">{note}"."</p> })}
            {fields_hint("console-settings-audience-hint")}
            <textarea name="conditions" rows="3" data-preview-input data-testid="audience-conditions" aria-label=locale.t("console-settings-conditions")>{value(S::Audience, |f| &f.conditions, lines(audience.conditions.iter().map(|c| c.to_string()).collect()))}</textarea>
            <div class="preview" data-preview-box data-unavailable=locale.t("console-preview-unavailable") aria-live="polite"></div>
            <button type="submit" formaction="/console/audience-preview" class="secondary">{locale.t("console-settings-preview")}</button>
            <button type="submit">{locale.t("console-settings-save-audience")}</button>
        </form>
    }
    .to_html()
        + &translations;
    view::page(locale, &locale.t("console-nav-settings"), Some(&admin.0), Section::Settings, &notice, body)
}

/// The translations part: a language picker, and for the language picked
/// (else the first), the workspace's texts with a field each for their
/// translation. A field shows what was sent if its form was refused, else
/// what is stored; its placeholder is the text as written.
fn translations_form(locale: Locale, ws: &Workspace, sent: Option<&SettingsForm>, asked: Option<Locale>) -> String {
    let languages = translated_languages(ws);
    let language = asked.filter(|l| languages.contains(l)).unwrap_or(languages[0]);
    let stored = ws.translations.language(language.tag()).cloned().unwrap_or_default();
    // A refused form's texts are shown only under the language they were for.
    let sent = sent.filter(|form| Locale::from_tag(form.language.trim()) == Some(language));
    let text = |field: String, stored: Option<&String>| match sent {
        Some(form) if field == "greeting" => form.greeting.clone(),
        Some(form) => form.texts.get(&field).cloned().unwrap_or_default(),
        None => stored.cloned().unwrap_or_default(),
    };
    let options = languages
        .iter()
        .map(|option| {
            let selected = *option == language;
            view! { <option value=option.tag() lang=option.tag() selected=selected>{option.native_name()}</option> }
        })
        .collect::<Vec<_>>();
    let greeting = text("greeting".into(), stored.greeting.as_ref());
    let types = ws
        .ticket_types
        .iter()
        .map(|written| {
            let field = format!("{TYPE_FIELD}{written}");
            let value = text(field.clone(), stored.ticket_types.get(written));
            view! { <label>{written.clone()} <input name=field maxlength="200" value=value placeholder=written.clone() lang=language.tag() /></label> }
        })
        .collect::<Vec<_>>();
    let attributes = ws
        .shown_attributes
        .iter()
        .map(|shown| {
            let field = format!("{ATTRIBUTE_FIELD}{}", shown.key);
            let value = text(field.clone(), stored.attributes.get(&shown.key));
            view! { <label>{shown.label.clone()} <input name=field maxlength="200" value=value placeholder=shown.label.clone() lang=language.tag() /></label> }
        })
        .collect::<Vec<_>>();
    let has_attributes = !attributes.is_empty();
    let written_in = ("language", ws.default_locale.native_name().into());
    view! {
        <section class="card" id="translations">
            <h2>{locale.t("console-settings-translations")}</h2>
            <p class="hint">{locale.t_args("console-settings-translations-hint", &[written_in])}</p>
            <form method="get" action="/console/settings#translations" class="inline" data-testid="translations-language">
                <label>{locale.t("console-settings-translations-language")} <select name="language">{options}</select></label>
                <button type="submit" class="secondary">{locale.t("console-settings-translations-show")}</button>
            </form>
            <form method="post" action="/console/settings/translations" class="card" data-testid="settings-translations">
                <h2 lang=language.tag()>{language.native_name()}</h2>
                <input type="hidden" name="language" value=language.tag() />
                <label>{locale.t("console-settings-greeting")} <input name="greeting" maxlength="200" value=greeting placeholder=ws.greeting.clone() lang=language.tag() /></label>
                <h3>{locale.t("console-settings-types")}</h3>
                {types}
                {has_attributes.then(|| view! { <h3>{locale.t("console-settings-translations-attributes")}</h3> })}
                {attributes}
                <button type="submit">{locale.t("console-settings-save-translations")}</button>
            </form>
        </section>
    }
    .to_html()
}

/// What the workspace's files take of what it may keep (its own quota,
/// else the server's default), as the attachments form says it.
fn storage_use(locale: Locale, usage: AttachmentUsage, default_quota: u64) -> String {
    let quota = usage.quota_bytes.unwrap_or(default_quota);
    let percent = usage.used_bytes.saturating_mul(100).checked_div(quota).unwrap_or(100);
    let args = [
        ("used", locale.file_size(usage.used_bytes).into()),
        ("quota", locale.file_size(quota).into()),
        ("percent", locale.number(i64::try_from(percent).unwrap_or(i64::MAX)).into()),
    ];
    locale.t_args("console-settings-storage", &args)
}

/// How many customers, and which, the conditions sent would admit; changes
/// nothing. An HTML fragment for the settings page's live preview.
pub async fn audience_preview(admin: Admin, State(state): State<AppState>, Form(form): Form<SettingsForm>) -> Response {
    let previewed = match Condition::parse_lines(&form.conditions).and_then(PortalAudience::new) {
        Err(refused) => Err(refused),
        Ok(audience) => Ok(state.store.preview_audience(admin.0.workspace_id, &audience, PREVIEW_SAMPLE).await),
    };
    preview_fragment(admin.1, "audience-preview", "console-preview-audience", previewed)
}

/// How many customers, and which, the visibility rule sent would restrict
/// to their own tickets; changes nothing. As [`audience_preview`].
pub async fn visibility_preview(
    admin: Admin,
    State(state): State<AppState>,
    Form(form): Form<SettingsForm>,
) -> Response {
    let rule = Condition::parse_lines(&form.conditions)
        .and_then(|conditions| TicketVisibility::new(form.restricted.is_some(), conditions));
    let previewed = match rule {
        Err(refused) => Err(refused),
        Ok(rule) => Ok(state.store.preview_visibility(admin.0.workspace_id, &rule, PREVIEW_SAMPLE).await),
    };
    preview_fragment(admin.1, "visibility-preview", "console-preview-visibility", previewed)
}

/// Customers a preview lists by name.
const PREVIEW_SAMPLE: u32 = 10;

/// A rule's preview as the settings page shows it: the conditions refused
/// in their own words, or how many customers it picks (`counted`, a
/// message taking `$matching` and `$customers`) and the first of them.
fn preview_fragment(
    locale: Locale,
    testid: &'static str,
    counted: &str,
    previewed: Result<Result<AudiencePreview, portal_store::StoreError>, String>,
) -> Response {
    let html = match previewed {
        Err(refused) => view! { <p class="notice error" data-testid=testid>{refused}</p> }.to_html(),
        Ok(Err(e)) => {
            let (status, text) = store_failure(locale, e);
            return (status, Html(view! { <p class="notice error">{text}</p> }.to_html())).into_response();
        }
        Ok(Ok(preview)) => {
            let sample = preview
                .sample
                .into_iter()
                .map(|c| view! { <li>{format!("{} <{}>", c.name, c.email)}</li> })
                .collect::<Vec<_>>();
            let count = |n: u64| locale.number(i64::try_from(n).unwrap_or(i64::MAX));
            let args = [("matching", count(preview.matching).into()), ("customers", count(preview.customers).into())];
            view! {
                <div data-testid=testid>
                    <p>{locale.t_args(counted, &args)}</p>
                    <ul>{sample}</ul>
                </div>
            }
            .to_html()
        }
    };
    (StatusCode::OK, Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_hours() {
        assert_eq!(parse_hours(Locale::En, "24").unwrap(), SessionLifetime::DEFAULT);
        for bad in ["0", "-1", "0.5", "", "soon", "100000"] {
            assert!(parse_hours(Locale::En, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn storage_use_says_what_is_taken_of_what() {
        let usage = |used_bytes, quota_bytes| AttachmentUsage { used_bytes, quota_bytes };
        let said = storage_use(Locale::En, usage(3 << 20, None), 5 << 30);
        assert!(said.starts_with("Files take 3 MB of the 5 GB this workspace may keep (0%)."), "{said}");
        let said = storage_use(Locale::En, usage(1536 << 20, Some(2 << 30)), 5 << 30);
        assert!(said.starts_with("Files take 1.5 GB of the 2 GB this workspace may keep (75%)."), "{said}");
        assert!(storage_use(Locale::En, usage(0, Some(0)), 5 << 30).contains("(100%)"));
        let said = storage_use(Locale::De, usage(1536 << 20, Some(2 << 30)), 5 << 30);
        assert!(said.contains("1,5 GB"), "{said}");
    }

    #[test]
    fn shown_attributes() {
        let shown = parse_shown(Locale::En, "plan = Plan\n\nregion=Region ").unwrap();
        assert_eq!(shown.len(), 2);
        assert_eq!((shown[1].key.as_str(), shown[1].label.as_str()), ("region", "Region"));
        assert!(parse_shown(Locale::En, "plan").is_err());
        assert!(parse_shown(Locale::En, "plan = Plan\nplan = Again").is_err());
    }
}
