use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The words of a [`CopyField`], in the reader's language: each a `Signal<String>` (the
/// type the applicant's translated texts already are, so no new reactive code). English by
/// default: the officer's dashboard.
#[derive(Clone, Copy)]
pub struct CopyWords {
    pub button: Signal<String>,
    pub copied: Signal<String>,
    pub failed: Signal<String>,
}

impl Default for CopyWords {
    fn default() -> Self {
        CopyWords {
            button: Signal::stored("Copy link".into()),
            copied: Signal::stored("Copied.".into()),
            failed: Signal::stored(
                "Copying didn't work here: select the link and copy it yourself.".into(),
            ),
        }
    }
}

/// A read-only link with a copy button, and a status line that says whether copying
/// worked. The caller labels it (`<label for=id>`) and may describe it.
#[component]
pub fn CopyField(
    /// The input's id, for the caller's `<label for>`.
    id: &'static str,
    value: String,
    /// The id of the text that explains the link.
    #[prop(optional)]
    described_by: Option<&'static str>,
    #[prop(optional)] words: Option<CopyWords>,
) -> impl IntoView {
    let words = words.unwrap_or_default();
    let copied = RwSignal::new(None::<Result<(), ()>>);
    let copy = {
        let value = value.clone();
        move |_| {
            let value = value.clone();
            leptos::task::spawn_local(async move {
                copied.try_set(Some(copy_to_clipboard(&value).await));
            });
        }
    };
    view! {
        <div class="copy-row">
            <input
                id=id
                type="text"
                readonly
                aria-describedby=described_by
                prop:value=value
                on:focus=|ev| {
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.select();
                    }
                }
            />
            <button type="button" class="secondary" on:click=copy>
                {words.button}
            </button>
        </div>
        <p class="copy-status" role="status">
            {Signal::derive(move || match copied.get() {
                Some(Ok(())) => words.copied.get(),
                Some(Err(())) => words.failed.get(),
                None => String::new(),
            })}
        </p>
    }
}

async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let navigator = window.navigator();
    // `navigator.clipboard` is missing outside secure contexts: look before calling.
    let clipboard =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).map_err(|_| ())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
