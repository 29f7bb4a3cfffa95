//! The first screens' own build (`src/bin/wink-start.rs`) in headless Chromium: it brings
//! the whole app's prerendered `/` and `/apply` to life. Native `cargo test` skips this file.
//!
//! A file of its own, so each test page imports few JS snippets at once: the runner's server
//! can stall on a burst of new connections (see `xtask/src/wasm_runner.rs`).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wink_portal::router::navigate_replacing;
use wink_portal::App;
use wink_web::testing::{
    click, count, eventually, eventually_text, fetch_bodies, fetch_count, fresh_root,
    install_fetch_stub, query, restore_fetch, set_route, type_into,
};

mod common;
use common::application_json;

wasm_bindgen_test_configure!(run_in_browser);

/// The whole app's rendering of `path`, as the build prerenders it: mounted, waited for
/// (`ready`), copied and unmounted; then put in the page as the server sends it.
async fn prerendered(path: &str, ready: &str) -> web_sys::HtmlElement {
    navigate_replacing(path);
    let rendered = fresh_root();
    let handle = mount_to(rendered.clone(), App);
    eventually_text(&rendered, ready).await;
    let markup = rendered.inner_html();
    drop(handle);
    rendered.remove();
    let page = fresh_root();
    page.set_attribute("data-prerendered", "").unwrap();
    page.set_inner_html(&markup);
    page
}

/// The first screens' own build (`dist/start/`) renders nothing: it brings the whole app's
/// prerendered start page and form to life, with the same checks and calls.
#[wasm_bindgen_test]
async fn the_first_screens_bring_the_prerendered_pages_to_life() {
    let window = web_sys::window().unwrap();
    let start = window.location().pathname().unwrap();
    install_fetch_stub();

    set_route(
        "GET /api/info",
        200,
        r#"{"mode":"sandbox","version":"9.9.9"}"#,
    );
    let page = prerendered("/", "Start your application").await;
    assert!(wink_portal::first_screens::bring_to_life("/").is_some());
    let status = eventually_text(&page, "Server version 9.9.9").await;
    assert!(status.contains("sandbox"), "{status}");
    assert!(query(&page, ".mode[data-mode=sandbox]").is_some());
    page.remove();

    // Rendered as the build does, before the server answers anything.
    set_route("GET /api/info", 503, "{}");
    let page = prerendered("/apply", "Full name").await;
    set_route(
        "GET /api/info",
        200,
        r#"{"mode":"sandbox","version":"9.9.9"}"#,
    );
    assert!(wink_portal::first_screens::bring_to_life("/apply").is_some());
    // Typed, then left: its error shows under it, as in the whole app.
    type_into(&page, "#field-email", "nope");
    blur(&page, "#field-email");
    eventually_text(&page, "Enter an email address like name@example.com.").await;
    let email = query(&page, "#field-email").unwrap();
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(query(&page, ".field.has-error #field-email").is_some());
    // A submit of the rest shows the summary, and sends nothing.
    click(&page, ".apply-form button[type=submit]");
    eventually_text(&page, "Please check these answers").await;
    assert!(query(&page, ".error-summary.visible a[href='#field-fullName']").is_some());
    assert_eq!(fetch_count("POST /api/applications"), 0);
    // The sandbox persona, then the send: the resume link replaces the form.
    eventually("the sandbox persona's button", || {
        query(&page, ".sandbox-fill button").is_some()
    })
    .await;
    assert_eq!(count(&page, ".sandbox-fill"), 1);
    click(&page, ".sandbox-fill button");
    set_route(
        "POST /api/applications",
        201,
        &format!(
            r#"{{"application": {}, "resumePath": "/resume/r3sum3"}}"#,
            application_json("WP-F1RST5")
        ),
    );
    eventually("the persona is filled in", || {
        query(&page, "#field-fullName")
            .map(|input| input.unchecked_into::<web_sys::HtmlInputElement>().value())
            .as_deref()
            == Some("George Palomero Jr.")
    })
    .await;
    click(&page, ".apply-form button[type=submit]");
    eventually_text(&page, "Your resume link").await;
    let link: web_sys::HtmlInputElement = query(&page, "#resume-link").unwrap().unchecked_into();
    assert!(link.value().ends_with("/resume/r3sum3"), "{}", link.value());
    assert!(fetch_bodies("POST /api/applications").contains("George Palomero Jr."));
    page.remove();

    restore_fetch();
    navigate_replacing(&start);
}

/// Leaves a field, as moving focus away does.
fn blur(root: &web_sys::HtmlElement, selector: &str) {
    let event = web_sys::Event::new("blur").unwrap();
    query(root, selector)
        .unwrap()
        .dispatch_event(&event)
        .unwrap();
}
