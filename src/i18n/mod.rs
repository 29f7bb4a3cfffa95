//! The applicant's language: chosen (their browser's first, then the switcher), remembered
//! in this browser, recorded with the application, and used to render every message.
//!
//! Messages are declared per module with [`wink_api::messages!`] (English compiled in);
//! Filipino and Indonesian are `locales/<lang>.json`, fetched when first needed, so an
//! English reader downloads neither. The `catalogs` module lists every catalogue, for the test
//! that keeps the three languages in step.

mod common;
mod format;
mod switcher;
mod words;

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use wink_api::i18n::{fill, Message};
use wink_api::validation::Problem;
use wink_api::FieldError;
pub use wink_api::Lang;
use wink_web::http::ApiError;

pub use common::{api_error, Common};
pub use format::{format_date, format_money, format_number};
pub use switcher::LanguageSwitcher;
pub use words::{English, Words};

/// `message` as reactive text in the page's language: one concrete type (`Signal<String>`)
/// for every message at every place, so a use adds no rendering code to the bundle (Leptos
/// compiles a renderer per closure type; a `move || i18n.t(…)` per text cost the applicant
/// ~50 KB of gzip before this).
pub fn tr(message: impl Message) -> Signal<String> {
    reactive_text(
        use_i18n(),
        message.key(),
        message.english_template(),
        message
            .params()
            .into_iter()
            .map(|(name, value)| (name, value.to_owned()))
            .collect(),
    )
}

/// The one closure behind [`tr`], outside any generic function.
fn reactive_text(
    i18n: I18n,
    key: &'static str,
    english: &'static str,
    params: Vec<(&'static str, String)>,
) -> Signal<String> {
    Signal::derive(move || {
        let params: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n.render(key, english, &params)
    })
}

/// Where this browser remembers the applicant's choice.
const STORAGE_KEY: &str = "wink.lang";

/// A language's texts by key; empty for English (compiled in).
type Texts = Arc<BTreeMap<String, String>>;

/// The language in use and its texts. `Copy`: read it anywhere with [`use_i18n`].
#[derive(Clone, Copy)]
pub struct I18n {
    /// The language pages are shown in (its texts are loaded).
    lang: RwSignal<Lang>,
    texts: RwSignal<Texts>,
    /// The language being loaded, while it is.
    loading: RwSignal<Option<Lang>>,
    /// The first language's texts are here (or could not be had): pages may show. Keeps a
    /// Filipino reader from seeing English flash by on arrival.
    ready: RwSignal<bool>,
}

impl I18n {
    /// The language pages are shown in.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The language pages are shown in, without tracking it.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Whether the first language's texts are here (or failed: then English shows).
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Whether a language's texts are still on their way.
    pub fn loading(&self) -> Option<Lang> {
        self.loading.get()
    }

    /// `message` in the current language (reactive: re-renders when the language changes).
    pub fn t(&self, message: impl Message) -> String {
        self.render(message.key(), message.english_template(), &message.params())
    }

    /// The one body behind [`I18n::t`] and [`tr`], outside any generic function (the bundle
    /// would carry a copy per catalogue otherwise).
    fn render(&self, key: &str, english: &str, params: &[(&str, &str)]) -> String {
        self.texts.with(|texts| {
            let template = texts.get(key).map(String::as_str).unwrap_or(english);
            fill(template, params)
        })
    }

    /// `message` in the current language split around its parameter `name`, for a view
    /// that shows that value marked up (`Your reference is <strong>…</strong>.`): the text
    /// before it and after it, the other parameters filled in.
    pub fn around(&self, message: impl Message, name: &str) -> (String, String) {
        let marker = format!("{{{name}}}");
        let params: Vec<(&str, &str)> = message
            .params()
            .into_iter()
            .map(|(key, value)| {
                if key == name {
                    (key, marker.as_str())
                } else {
                    (key, value)
                }
            })
            .collect();
        let text = self.texts.with(|texts| {
            let template = texts
                .get(message.key())
                .map(String::as_str)
                .unwrap_or(message.english_template());
            fill(template, &params)
        });
        match text.split_once(&marker) {
            Some((before, after)) => (before.to_owned(), after.to_owned()),
            None => (text, String::new()),
        }
    }

    /// A field error from the server in the current language: by its key when it has one
    /// we know, else the server's (English) words.
    pub fn field_error(&self, error: &FieldError) -> String {
        let Some(key) = error.key.as_deref() else {
            return error.message.clone();
        };
        let params: Vec<(&str, &str)> = error
            .params
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        self.texts.with(
            |texts| match texts.get(key).map(String::as_str).or(problem_english(key)) {
                Some(template) => fill(template, &params),
                None => error.message.clone(),
            },
        )
    }

    /// What an error from our server means, in the current language (the server's own
    /// message is English, for API clients).
    pub fn error_text(&self, error: &ApiError) -> String {
        match api_error(error) {
            (Common::ErrorRateLimited, Some(seconds)) => {
                let seconds = format_number(self.lang(), u64::from(seconds));
                self.t(Common::ErrorRateLimitedFor { seconds: &seconds })
            }
            (message, _) => self.t(message),
        }
    }

    /// Switches to `lang`, remembering the choice; pages change once its texts are here.
    pub fn choose(&self, lang: Lang) {
        remember(lang);
        self.switch(lang);
    }

    /// Switches to `lang` without remembering it (the language an application was made in,
    /// when this browser has no choice of its own).
    pub fn adopt(&self, lang: Lang) {
        if remembered().is_none() {
            self.switch(lang);
        }
    }

    fn switch(&self, lang: Lang) {
        if lang == self.lang.get_untracked() && self.loading.get_untracked().is_none() {
            return;
        }
        let this = *self;
        if lang == Lang::En {
            this.apply(Lang::En, Texts::default());
            return;
        }
        this.loading.set(Some(lang));
        leptos::task::spawn_local(async move {
            match wink_web::http::get::<BTreeMap<String, String>>(&catalog_path(lang)).await {
                // A later choice wins over this one.
                Ok(texts) if this.loading.get_untracked() == Some(lang) => {
                    this.apply(lang, Arc::new(texts));
                }
                Ok(_) => {}
                Err(e) => {
                    leptos::logging::warn!("the {} texts could not be loaded: {e}", lang.as_str());
                    if this.loading.get_untracked() == Some(lang) {
                        this.loading.set(None);
                    }
                    this.mark_ready();
                }
            }
        });
    }

    /// Once only: the page is built when this turns true, and rebuilt (its state lost) if
    /// it were set again.
    fn mark_ready(&self) {
        if !self.ready.get_untracked() {
            self.ready.set(true);
        }
    }

    fn apply(&self, lang: Lang, texts: Texts) {
        self.texts.set(texts);
        self.lang.set(lang);
        self.loading.set(None);
        self.mark_ready();
        set_document_lang(lang);
    }
}

/// The English of a validation problem's key: the only keys the server sends.
fn problem_english(key: &str) -> Option<&'static str> {
    let at = Problem::KEYS.iter().position(|k| *k == key)?;
    Some(Problem::ENGLISH[at])
}

/// Where a language's texts are served from (trunk copies `locales/` into the build).
pub fn catalog_path(lang: Lang) -> String {
    format!("/locales/{}.json", lang.as_str())
}

/// Provides the language for the whole app: the one this browser remembers, else the first
/// of the browser's languages we speak, else English.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(Lang::En),
        texts: RwSignal::new(Texts::default()),
        loading: RwSignal::new(None),
        ready: RwSignal::new(false),
    };
    provide_context(i18n);
    let first = remembered().unwrap_or_else(browser_language);
    if first == Lang::En {
        i18n.ready.set(true);
    }
    i18n.switch(first);
    set_document_lang(i18n.lang_untracked());
    i18n
}

/// The app's language. Outside the app (a component mounted alone in a test) it is English.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> Option<Lang> {
    storage()?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()?
        .parse()
        .ok()
}

fn remember(lang: Lang) {
    if let Some(storage) = storage() {
        // Private browsing may refuse; the choice then lasts for this page only.
        let _ = storage.set_item(STORAGE_KEY, lang.as_str());
    }
}

fn browser_language() -> Lang {
    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::from_browser(languages.iter().map(String::as_str))
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.as_str());
    }
}
