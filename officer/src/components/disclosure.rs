use leptos::prelude::*;

/// A `<details>` whose open state lives in `open`, outside the section that draws it, so a
/// live refresh that redraws the section leaves it as the officer left it.
#[component]
pub fn Disclosure(
    summary: &'static str,
    open: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <details
            prop:open=move || open.get()
            on:toggle=move |ev| {
                open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
            }
        >
            <summary>{summary}</summary>
            {children()}
        </details>
    }
}
