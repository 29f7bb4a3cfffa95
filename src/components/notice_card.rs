use leptos::prelude::*;
use wink_api::LinkedAccount;

use crate::i18n::use_i18n;
use crate::linking::notice_text::{notice_text, NoticeAction, NoticeContext, NoticeText};
use crate::linking::outcome::Notice;

/// The link page's banner for the latest widget news, with the next step as buttons.
/// It appears in the page's polite live region, which reads it out; focus stays where the
/// widget hands it back, on the button that opened it, so a keyboard user is never moved.
#[component]
pub fn NoticeCard(
    notice: Notice,
    #[prop(into)] accounts: Signal<Vec<LinkedAccount>>,
    #[prop(into)] uploads_enabled: Signal<bool>,
    #[prop(into)] reference: Signal<Option<String>>,
    /// Open the widget (retry, another provider, upload, link another).
    on_open: Callback<()>,
    /// "I'm done": complete the application.
    on_finish: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let notice = StoredValue::new(notice);
    // Tracked: providers' names come with the account list, often just after the event;
    // the words follow the language.
    let text = move || -> NoticeText {
        let reference = reference.get();
        accounts.with(|accounts| {
            notice.with_value(|notice| {
                notice_text(
                    notice,
                    &NoticeContext {
                        accounts,
                        uploads_enabled: uploads_enabled.get(),
                        reference: reference.as_deref(),
                    },
                    &i18n,
                )
            })
        })
    };
    // The card's shape (heading, buttons) is fixed when it appears; only words update, so
    // the live region announces one card, not a card per change.
    let shape = untrack(text);
    let button = move |action: NoticeAction, class: &'static str| {
        view! {
            <button
                type="button"
                class=class
                on:click=move |_| {
                    if action.opens_widget() { on_open.run(()) } else { on_finish.run(()) }
                }
            >
                {Signal::derive(move || action.label(&i18n))}
            </button>
        }
    };
    let has_actions = shape.primary.is_some() || shape.secondary.is_some();
    view! {
        <div
            class=format!("notice {}", shape.tone)
            data-notice=shape.kind
            data-error-code=shape.error_code
        >
            {shape
                .heading
                .map(|_| {
                    view! {
                        <h2>{Signal::derive(move || text().heading.unwrap_or_default())}</h2>
                    }
                })}
            <p>{Signal::derive(move || text().message)}</p>
            {has_actions
                .then(|| {
                    view! {
                        <div class="actions">
                            {shape.primary.map(|action| button(action, "primary"))}
                            {shape.secondary.map(|action| button(action, "secondary"))}
                        </div>
                    }
                })}
        </div>
    }
}
