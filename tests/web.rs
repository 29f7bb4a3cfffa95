//! The front end in headless Chromium (wasm-bindgen-test). Native `cargo test` skips this file.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wink_api::Mode;
use wink_portal::components::ModeBadge;
use wink_portal::pages::{Landing, NotFound};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// Waits, bounded, until `check` holds: fetches resolve on the browser's schedule.
async fn eventually(root: &web_sys::HtmlElement, check: impl Fn(&str) -> bool) -> String {
    for _ in 0..200 {
        leptos::task::tick().await;
        let text = root.text_content().unwrap_or_default();
        if check(&text) {
            return text;
        }
        gloo_timers_sleep(25).await;
    }
    panic!(
        "condition not met; page text: {}",
        root.text_content().unwrap_or_default()
    );
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn mode_badge_names_the_mode_and_explains_it() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <ModeBadge mode=Mode::Emulator /> });
    let badge = root.query_selector("[data-mode]").unwrap().unwrap();
    assert_eq!(
        badge.get_attribute("data-mode").as_deref(),
        Some("emulator")
    );
    assert!(root.text_content().unwrap().contains("no credentials"));
}

#[wasm_bindgen_test]
fn not_found_page_offers_the_way_back() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), NotFound);
    assert!(root.text_content().unwrap().contains("Page not found"));
    let link = root.query_selector("a[href='/']").unwrap();
    assert!(link.is_some());
}

/// The test runner's own server has no `/api/info`: the page must say so and offer a retry,
/// not spin forever or show nothing.
#[wasm_bindgen_test]
async fn landing_explains_an_unreachable_server() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), Landing);
    let text = eventually(&root, |t| t.contains("could not check")).await;
    assert!(text.contains("404"), "{text}");
    let retry = root.query_selector(".error button").unwrap();
    assert!(retry.is_some());
}
