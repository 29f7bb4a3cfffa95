//! Small DOM helpers shared by the pages.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::JsCast;

/// Moves focus to `target` once the pending DOM updates are on screen: used when content
/// the user should hear first (an error summary, a result) replaces what had focus.
pub fn focus_after_render<E>(target: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        if let Some(element) = target.get_untracked() {
            if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

/// `/resume/abc` → `https://this-site/resume/abc`, so the link works when sent elsewhere.
pub fn absolute_url(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path}")
}

/// Text as HTML, for markup built as a string (our own words and the server's answers;
/// cheaper in a bundle than a view per element).
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_markup() {
        assert_eq!(escape(r#"<b> & "x""#), "&lt;b&gt; &amp; &quot;x&quot;");
    }
}
