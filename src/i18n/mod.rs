//! The applicant's language: chosen (their browser's first, then the switcher), remembered
//! in this browser, recorded with the application, and used to render every message.
//!
//! Messages are declared per module with [`wink_api::messages!`] (English compiled in);
//! Filipino and Indonesian are `locales/<lang>.json`, fetched only for their readers
//! (before the app mounts, or on a switch), so an English reader downloads neither. The `catalogs` module lists every catalogue, for the test
//! that keeps the three languages in step.

mod browser;
mod common;
mod format;
mod switcher;
mod words;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use wink_api::i18n::{fill, key_id, Message};
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
/// compiles a renderer per closure type).
pub fn tr(message: impl Message) -> Signal<String> {
    reactive_text(&message)
}

/// The body of [`tr`], through `dyn`: generic code is copied per catalogue into the
/// bundle, this once.
fn reactive_text(message: &dyn Message) -> Signal<String> {
    let i18n = use_i18n();
    let (id, english) = (message.id(), message.english_template());
    let params: Vec<(&'static str, String)> = message
        .params()
        .as_slice()
        .iter()
        .map(|&(name, value)| (name, value.to_owned()))
        .collect();
    Signal::derive(move || {
        let params: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n.render(id, english, &params)
    })
}

/// `message` split around its parameter `name` as two reactive texts, for a view that marks
/// that value up (`Your reference is <strong>…</strong>.`); the same one type as [`tr`].
pub fn tr_around(message: impl Message, name: &'static str) -> (Signal<String>, Signal<String>) {
    reactive_around(&message, name)
}

fn reactive_around(message: &dyn Message, name: &'static str) -> (Signal<String>, Signal<String>) {
    let i18n = use_i18n();
    let (id, english) = (message.id(), message.english_template());
    let params: Vec<(&'static str, String)> = message
        .params()
        .as_slice()
        .iter()
        .map(|&(n, value)| (n, value.to_owned()))
        .collect();
    // Two derived texts over one split (computed twice: cheaper in the bundle than a memo
    // of a new type).
    let params = std::sync::Arc::new(params);
    let part = move |first: bool| {
        let params = params.clone();
        Signal::derive(move || {
            let params: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let (before, after) = i18n.around_parts(id, english, &params, name);
            if first {
                before
            } else {
                after
            }
        })
    };
    (part(true), part(false))
}

/// Where this browser remembers the applicant's choice.
const STORAGE_KEY: &str = "wink.lang";

/// A language's texts by message id ([`key_id`]); empty for English (compiled in).
type Texts = Arc<Vec<(u32, String)>>;

/// The text of message `id` in `texts`, if it has one. A scan of a few hundred numbers: a
/// sorted or hashed table would cost the bundle more code than this costs time.
fn lookup(texts: &Texts, id: u32) -> Option<&str> {
    texts
        .iter()
        .find(|(other, _)| *other == id)
        .map(|(_, text)| text.as_str())
}

/// How long the first page waits for its language's texts before it shows in English.
const LOAD_TIMEOUT_MS: u32 = 10_000;

/// [`fetch_texts`], boxed: it is awaited in two places (before the app mounts, and on a
/// switch), and a boxed future is compiled once rather than into each (-290 B gzip).
fn load_texts(lang: Lang) -> Pin<Box<dyn Future<Output = Option<Texts>>>> {
    Box::pin(fetch_texts(lang))
}

/// A language's texts from the server (`locales/<lang>.json`: key → text), by id.
/// `None` if they could not be loaded (the browser's console says why).
async fn fetch_texts(lang: Lang) -> Option<Texts> {
    let flat = browser::strings(&browser::fetch_texts(&catalog_path(lang), LOAD_TIMEOUT_MS).await)?;
    let texts = flat
        .chunks_exact(2)
        .map(|pair| (key_id(&pair[0]), pair[1].clone()))
        .collect();
    Some(Arc::new(texts))
}

/// Everything about the language, in one signal (each signal type costs the bundle its
/// own copy of the reactive machinery; the language changes rarely enough to share one).
#[derive(Clone, Default)]
struct State {
    /// The language pages are shown in (its texts are loaded).
    lang: Lang,
    texts: Texts,
    /// The language being loaded, while it is.
    loading: Option<Lang>,
}

/// The language in use and its texts. `Copy`: read it anywhere with [`use_i18n`].
#[derive(Clone, Copy)]
pub struct I18n {
    state: RwSignal<State>,
}

impl I18n {
    /// The language pages are shown in.
    pub fn lang(&self) -> Lang {
        self.state.with(|s| s.lang)
    }

    /// The language pages are shown in, without tracking it.
    pub fn lang_untracked(&self) -> Lang {
        self.state.with_untracked(|s| s.lang)
    }

    /// Whether a language's texts are still on their way.
    pub fn loading(&self) -> Option<Lang> {
        self.state.with(|s| s.loading)
    }

    /// `message` in the current language (reactive: re-renders when the language changes).
    pub fn t(&self, message: impl Message) -> String {
        self.t_dyn(&message)
    }

    fn t_dyn(&self, message: &dyn Message) -> String {
        self.render(
            message.id(),
            message.english_template(),
            message.params().as_slice(),
        )
    }

    /// The one body behind [`I18n::t`] and [`tr`].
    fn render(&self, id: u32, english: &str, params: &[(&str, &str)]) -> String {
        self.state.with(|s| {
            let template = lookup(&s.texts, id).unwrap_or(english);
            fill(template, params)
        })
    }

    /// [`tr_around`] read once (in the current language, reactive where it is read).
    pub fn t_around(&self, message: impl Message, name: &str) -> (String, String) {
        let params = message.params();
        self.around_parts(
            message.id(),
            message.english_template(),
            params.as_slice(),
            name,
        )
    }

    fn around_parts(
        &self,
        id: u32,
        english: &str,
        params: &[(&str, &str)],
        name: &str,
    ) -> (String, String) {
        let marker = format!("{{{name}}}");
        let params: Vec<(&str, &str)> = params
            .iter()
            .map(|&(key, value)| {
                if key == name {
                    (key, marker.as_str())
                } else {
                    (key, value)
                }
            })
            .collect();
        let text = self.render(id, english, &params);
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
        self.state.with(
            |s| match lookup(&s.texts, key_id(key)).or(problem_english(key)) {
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
        let (now, loading) = self.state.with_untracked(|s| (s.lang, s.loading));
        if lang == now && loading.is_none() {
            return;
        }
        let this = *self;
        if lang == Lang::En {
            this.apply(Lang::En, Texts::default());
            return;
        }
        self.state.update(|s| s.loading = Some(lang));
        leptos::task::spawn_local(async move {
            let answer = load_texts(lang).await;
            // A later choice wins over this one.
            if this.state.with_untracked(|s| s.loading) != Some(lang) {
                return;
            }
            match answer {
                Some(texts) => this.apply(lang, texts),
                // English (or the language before) stays.
                None => this.state.update(|s| s.loading = None),
            }
        });
    }

    fn apply(&self, lang: Lang, texts: Texts) {
        self.state.update(|s| {
            s.texts = texts;
            s.lang = lang;
            s.loading = None;
        });
        set_document_lang(lang);
    }
}

/// The English of a validation problem's key: the only keys the server sends.
fn problem_english(key: &str) -> Option<&'static str> {
    Problem::english_of(key)
}

/// Where a language's texts are served from (trunk copies `locales/` into the build).
pub fn catalog_path(lang: Lang) -> String {
    format!("/locales/{}.json", lang.as_str())
}

/// Before the app mounts: the language this browser remembers, else the first of the
/// browser's languages we speak; its texts fetched when it is not English, so the first
/// page is already in it (no English flashing by, no waiting gate in every render). An
/// English reader fetches nothing; if the fetch fails, the pages are in English.
pub async fn preload() {
    let lang = remembered().unwrap_or_else(browser_language);
    if lang == Lang::En {
        return;
    }
    if let Some(texts) = load_texts(lang).await {
        use_i18n().apply(lang, texts);
    }
}

/// The page's language: one per page, so one handle for the whole app, not a context (a
/// component mounted alone, as in tests, reads the same). Owned by no view: one made under
/// a view's owner would be disposed with it while texts elsewhere still read it.
pub fn use_i18n() -> I18n {
    I18N.with(|(_, i18n)| *i18n)
}

thread_local! {
    static I18N: (Owner, I18n) = {
        let owner = Owner::new_root(None);
        let i18n = owner.with(|| I18n {
            state: RwSignal::new(State::default()),
        });
        (owner, i18n)
    };
}

fn remembered() -> Option<Lang> {
    browser::stored_item(STORAGE_KEY)?.parse().ok()
}

fn remember(lang: Lang) {
    // Private browsing may refuse; the choice then lasts for this page only.
    browser::store_item(STORAGE_KEY, lang.as_str());
}

fn browser_language() -> Lang {
    let languages = browser::languages();
    Lang::from_browser(languages.iter().map(String::as_str))
}

pub(crate) fn set_document_lang(lang: Lang) {
    browser::set_document_lang(lang.as_str());
}
