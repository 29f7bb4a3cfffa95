use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// A titled panel of a page: a `<section>` labelled by its `<h2>` (`<id>-heading`), so
/// screen readers list it by name.
#[component]
pub fn Panel(
    id: &'static str,
    /// A closure (`move || i18n.t(…)`) re-words it when the language changes.
    #[prop(into)]
    title: TextProp,
    /// Classes besides `panel`.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let class = if class.is_empty() {
        "panel".to_owned()
    } else {
        format!("panel {class}")
    };
    view! {
        <section class=class aria-labelledby=labelled_by>
            <h2 id=heading_id>{Signal::derive(move || title.get().to_string())}</h2>
            {children()}
        </section>
    }
}
