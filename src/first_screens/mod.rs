//! The applicant's first screens (`/` and `/apply`) as a phone gets them: the server sends
//! each already rendered, in the reader's language (the whole app's own pages, rendered at
//! build time: `xtask/js/prerender.mjs`), and this program (`src/bin/wink-start.rs`) brings
//! that markup to life where it is, instead of rendering it again. The markup keeps one
//! source, the whole app's components; what is bound here is what changes on these
//! screens (the form's values and errors, the answers of the server), over the same state
//! ([`FormState`]), checks and calls as the whole app. Leptos' renderer stays out of
//! this bundle, which holds it to the 100 KB a phone downloads first (issue 18).
//!
//! A switch of language fetches the same page in the new language and binds it again, with
//! what was typed kept in [`FormState`]. Every other page is the whole app's: going on to
//! `/link` loads it.

mod apply;
mod landing;
mod page;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::Lang;

use crate::i18n::{self, use_i18n, Common};
use crate::router::Route;

/// How long a switch of language waits for the page in that language.
const SWAP_TIMEOUT_MS: u32 = 10_000;

/// Starts the first screens in the prerendered page.
pub fn start() {
    // Leptos' reactive system runs on wasm-bindgen's futures (`leptos::mount` would set
    // this up; nothing is mounted here).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    spawn_local(async {
        i18n::preload().await;
        let path = window().location().pathname().unwrap_or_default();
        let Some(screens) = bring_to_life(&path) else {
            return;
        };
        // The server chose the page's language from a cookie or `Accept-Language`; the
        // app's choice (this browser's, remembered) wins.
        let lang = use_i18n().lang_untracked();
        if document_lang() != Some(lang) {
            screens.show_in(lang).await;
        }
    });
}

/// Binds the prerendered page of `path` (`/` or `/apply`; nothing for another), as it came
/// first, so what was typed meanwhile is kept, and again after each switch of language.
pub fn bring_to_life(path: &str) -> Option<Screens> {
    // Everything here lives as long as the page: a root of its own, whatever ran before.
    let owner = Owner::new_root(None);
    let screens = owner.with(|| screens_for(path, owner.clone()))?;
    std::mem::forget(owner);
    Some(screens)
}

fn screens_for(path: &str, root: Owner) -> Option<Screens> {
    let screen = match Route::from_path(path) {
        Route::Landing => Screen::Landing,
        Route::Apply => Screen::Apply(apply::Apply::new()),
        // The server sends these screens only for `/` and `/apply`.
        _ => return None,
    };
    let screens = Screens {
        screen,
        root: StoredValue::new_local(root),
        bound: StoredValue::new_local(None),
    };
    let i18n = use_i18n();
    Effect::new(move |before: Option<Lang>| {
        let now = i18n.lang();
        if before.is_some_and(|before| before != now) {
            spawn_local(async move { screens.show_in(now).await });
        }
        now
    });
    screens.bind();
    Some(screens)
}

/// The first screens.
#[derive(Clone, Copy)]
pub(crate) enum Screen {
    Landing,
    Apply(apply::Apply),
}

/// The page being shown, and what is bound to its markup.
#[derive(Clone, Copy)]
pub struct Screens {
    screen: Screen,
    /// The page's owner: each binding's is a child of it.
    root: StoredValue<Owner, LocalStorage>,
    /// The owner of the current markup's effects, disposed with that markup.
    bound: StoredValue<Option<Owner>, LocalStorage>,
}

impl Screens {
    /// Binds the page's markup (again, after a switch of language).
    fn bind(self) {
        let first = self.bound.with_value(Option::is_none);
        // Disposed with this markup, whichever task binds it.
        let owner = self.root.with_value(Owner::child);
        owner.with(|| {
            page::enable_buttons();
            bind_switcher();
            match self.screen {
                Screen::Landing => landing::bind(),
                Screen::Apply(form) => form.bind(first),
            }
        });
        if let Some(old) = self
            .bound
            .try_update_value(|bound| bound.replace(owner))
            .flatten()
        {
            // The replaced markup's effects and listeners' state go with it.
            old.cleanup();
        }
    }

    /// The page in `lang`: the server's rendering of it, bound again; this page stays (its
    /// changing parts already in `lang`) if that cannot be fetched.
    async fn show_in(self, lang: Lang) {
        // The server reads the language from this cookie.
        i18n::set_document_lang(lang);
        let url = window().location().href().unwrap_or_default();
        if page::swap_to(&url, SWAP_TIMEOUT_MS).await.is_truthy() {
            self.bind();
        }
    }
}

/// The language of the page's markup.
fn document_lang() -> Option<Lang> {
    document()
        .document_element()?
        .get_attribute("lang")?
        .parse()
        .ok()
}

/// The language switcher in the page's header: each button chooses its language, the
/// current one is pressed, and a loading language is announced.
fn bind_switcher() {
    let i18n = use_i18n();
    for button in page::find_all(".language-switcher button[lang]") {
        let Some(lang) = button
            .get_attribute("lang")
            .and_then(|l| l.parse::<Lang>().ok())
        else {
            continue;
        };
        page::on(&button, "click", move |_| i18n.choose(lang));
        let button = button.clone();
        Effect::new(move || {
            let pressed = if i18n.lang() == lang { "true" } else { "false" };
            let _ = button.set_attribute("aria-pressed", pressed);
        });
    }
    if let Some(status) = page::find(".language-switcher [role=status]") {
        Effect::new(move || {
            let text = i18n
                .loading()
                .map(|lang| {
                    let language = lang.native_name();
                    i18n.t(Common::LanguageLoading { language })
                })
                .unwrap_or_default();
            page::set_text(&status, &text);
        });
    }
}
