use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wink_api::CreatedApplication;

use crate::dom::focus_after_render;

/// After applying: the resume link, shown once, with a copy button and why to keep it.
#[component]
pub fn ResumeLinkCard(
    created: CreatedApplication,
    /// "Continue": go on to link accounts.
    #[prop(into)]
    on_continue: Callback<()>,
) -> impl IntoView {
    let link = absolute_url(&created.resume_path);
    // The form this card replaces had focus: move it here so the news is read out.
    let heading = NodeRef::<html::H2>::new();
    focus_after_render(heading);
    let copied = RwSignal::new(None::<Result<(), ()>>);
    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            leptos::task::spawn_local(async move {
                copied.try_set(Some(copy_to_clipboard(&link).await));
            });
        }
    };
    view! {
        <div class="callout success" data-reference=created.application.reference.clone()>
            <h2 tabindex="-1" node_ref=heading>"Application received"</h2>
            <p>
                "Your reference is " <strong>{created.application.reference.clone()}</strong> "."
            </p>
            <label for="resume-link">"Your resume link"</label>
            <p class="hint" id="resume-link-hint">
                "Keep this link somewhere safe, such as your notes or email. It lets you come "
                "back from any device. We show it only once, and anyone who has it can continue "
                "your application, so don't share it."
            </p>
            <div class="copy-row">
                <input
                    id="resume-link"
                    type="text"
                    readonly
                    aria-describedby="resume-link-hint"
                    prop:value=link
                    on:focus=|ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
                <button type="button" class="secondary" on:click=copy>"Copy link"</button>
            </div>
            <p class="copy-status" role="status">
                {move || match copied.get() {
                    Some(Ok(())) => "Copied.",
                    Some(Err(())) => "Copying didn't work here: select the link and copy it yourself.",
                    None => "",
                }}
            </p>
            <button type="button" class="primary" on:click=move |_| on_continue.run(())>
                "Continue: link your accounts"
            </button>
        </div>
    }
}

/// `/resume/abc` → `https://this-site/resume/abc`, so the applicant can use it elsewhere.
fn absolute_url(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path}")
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
