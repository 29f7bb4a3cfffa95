//! The front end in headless Chromium (wasm-bindgen-test). Native `cargo test` skips this file.
//!
//! All tests share one page, so every test installs the stubs it needs and removes them.
//! The runner's own server has no `/api` (every call answers 404); tests that need answers
//! replace `window.fetch` with `wink_web::testing`'s scripted stub.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use leptos::mount::mount_to;
use leptos::prelude::*;
use serde_json::json;
use smile_api::widget::{
    AccountCallback, AccountErrorCallback, CloseEvent, CloseReason, UploadsCallback, WidgetEvent,
    WidgetOptions,
};
use smile_api::AccountErrorCode;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wink_api::Mode;
use wink_portal::components::ModeBadge;
use wink_portal::pages::{ApplyPage, DonePage, Landing, LinkPage, NotFound, ResumePage};
use wink_portal::router::{navigate, navigate_replacing};
use wink_portal::widget::{
    load_widget_script, Callback, LoadError, OpenError, Received, UnreadablePayload, WidgetSession,
};
use wink_portal::App;
use wink_web::testing::{
    click, document, eventually, eventually_text, fetch_bodies, fetch_count, fresh_root,
    install_fetch_stub, query, restore_fetch, set_route, text, type_into,
};

mod common;
use common::application_json;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function installStub(withDestroy, withClose, openThrows) {
  const stub = { instances: [] };
  window.__smileStub = stub;
  window.SmileLinkModal = class {
    constructor(options) {
      this.options = options;
      this.opened = 0;
      this.destroyed = 0;
      this.closed = 0;
      stub.instances.push(this);
    }
    open() {
      if (openThrows) throw new Error('stub refuses to open');
      this.opened += 1;
    }
  };
  if (withDestroy) window.SmileLinkModal.prototype.destroy = function () { this.destroyed += 1; };
  if (withClose) window.SmileLinkModal.prototype.close = function () { this.closed += 1; };
}
export function removeStub() {
  delete window.SmileLinkModal;
  delete window.__smileStub;
}
function instance(index) {
  const list = window.__smileStub.instances;
  return list[index < 0 ? list.length + index : index];
}
export function instanceCount() { return window.__smileStub ? window.__smileStub.instances.length : 0; }
export function optionsJson(index) {
  const options = instance(index).options;
  const plain = Object.getPrototypeOf(options) === Object.prototype;
  const callbacks = Object.keys(options).filter((k) => typeof options[k] === 'function').sort();
  const data = {};
  for (const k of Object.keys(options)) if (typeof options[k] !== 'function') data[k] = options[k];
  return JSON.stringify({ plain, callbacks, data });
}
export function counters(index) {
  const i = instance(index);
  return JSON.stringify({ opened: i.opened, destroyed: i.destroyed, closed: i.closed });
}
// Calls a callback the way the widget would; says whether it threw instead of throwing.
export function fire(index, name, payloadJson) {
  const callback = instance(index).options[name];
  if (typeof callback !== 'function') return 'missing';
  try {
    if (payloadJson === undefined) callback(); else callback(JSON.parse(payloadJson));
    return 'ok';
  } catch (e) {
    return 'threw: ' + e.message;
  }
}

// A stalled network: <script> elements appended to <head> are never inserted, so neither
// load nor error ever fires.
export function stallHeadAppends() { document.head.appendChild = function (node) { return node; }; }
export function unstallHeadAppends() { delete document.head.appendChild; }
export function scriptsWithSrcEnding(suffix) {
  return Array.from(document.scripts).filter((s) => s.src.endsWith(suffix)).length;
}

// A scripted server-sent event stream: the page's EventSource, pushed to by the test.
export function installEventSourceStub() {
  window.__realEventSource = window.__realEventSource || window.EventSource;
  window.__streams = [];
  window.EventSource = class {
    constructor(url) {
      this.url = url;
      this.listeners = {};
      this.closed = false;
      window.__streams.push(this);
    }
    addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
    close() { this.closed = true; }
  };
}
export function restoreEventSource() {
  if (window.__realEventSource) window.EventSource = window.__realEventSource;
}
// Holds the scripted server's answers to `key` ("METHOD /path") until releaseRequests().
export function holdRequests(key) {
  const answer = window.fetch;
  window.__held = [];
  window.fetch = function (input, init) {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method + ' ' + new URL(request.url).pathname !== key) return answer(request);
    return new Promise((resolve) => window.__held.push(() => resolve(answer(request))));
  };
}
export function releaseRequests() { (window.__held || []).splice(0).forEach((go) => go()); }
// Sends `data` as event `type` on the newest open stream to `url`; says whether one listened.
export function pushEvent(url, type, data) {
  const stream = window.__streams.filter((s) => s.url === url && !s.closed).pop();
  const listeners = (stream && stream.listeners[type]) || [];
  listeners.forEach((listener) => listener({ type, data }));
  return listeners.length > 0;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installStub)]
    fn install_stub(with_destroy: bool, with_close: bool, open_throws: bool);
    #[wasm_bindgen(js_name = removeStub)]
    fn remove_stub();
    #[wasm_bindgen(js_name = instanceCount)]
    fn instance_count() -> u32;
    #[wasm_bindgen(js_name = optionsJson)]
    fn options_json(index: i32) -> String;
    fn counters(index: i32) -> String;
    fn fire(index: i32, name: &str, payload_json: Option<String>) -> String;
    #[wasm_bindgen(js_name = stallHeadAppends)]
    fn stall_head_appends();
    #[wasm_bindgen(js_name = unstallHeadAppends)]
    fn unstall_head_appends();
    #[wasm_bindgen(js_name = scriptsWithSrcEnding)]
    fn scripts_with_src_ending(suffix: &str) -> u32;
    #[wasm_bindgen(js_name = installEventSourceStub)]
    fn install_event_source_stub();
    #[wasm_bindgen(js_name = restoreEventSource)]
    fn restore_event_source();
    #[wasm_bindgen(js_name = holdRequests)]
    fn hold_requests(key: &str);
    #[wasm_bindgen(js_name = releaseRequests)]
    fn release_requests();
    #[wasm_bindgen(js_name = pushEvent)]
    fn push_event(url: &str, event: &str, data: &str) -> bool;
}

// ---------------------------------------------------------------------------------------
// Helpers

fn options(token: &str) -> WidgetOptions {
    WidgetOptions {
        user_token: token.into(),
        providers: Some(vec!["sss_ph".into()]),
        enable_upload: Some(true),
        company_name: Some("Wink Lending".into()),
        ..WidgetOptions::default()
    }
}

/// Opens a session whose events land in the returned signal.
fn open_recording(token: &str) -> (WidgetSession, RwSignal<Vec<Received>>) {
    let received = RwSignal::new(Vec::new());
    let session = WidgetSession::open(&options(token), move |event| {
        received.update(|list| list.push(event));
    })
    .expect("the stub opens");
    (session, received)
}

fn account(provider: &str) -> AccountCallback {
    AccountCallback {
        account_id: format!("acc-{provider}"),
        user_id: "u-1".into(),
        provider_id: provider.into(),
    }
}

fn account_json(provider: &str) -> Option<String> {
    Some(
        json!({"accountId": format!("acc-{provider}"), "userId": "u-1", "providerId": provider})
            .to_string(),
    )
}

// ---------------------------------------------------------------------------------------
// Existing pages

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
/// not spin forever or show nothing. The on-ramp itself needs no server.
#[wasm_bindgen_test]
async fn landing_explains_an_unreachable_server() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), Landing);
    let text = eventually_text(&root, "could not check").await;
    // The 404 in the applicant's words, not a status code.
    assert!(
        text.contains("We couldn't find what you asked for"),
        "{text}"
    );
    assert!(query(&root, ".error button").is_some());
    assert!(
        text.contains("never see it"),
        "privacy promise missing: {text}"
    );
    assert!(query(&root, "a.button[href='/apply']").is_some());
}

/// A value `JSON.parse` made reads into our types exactly as serde_json reads the text
/// (`wink_web::js_json`), and a wrong type is an error naming what was expected.
#[wasm_bindgen_test]
fn parsed_json_reads_as_the_text_does() {
    fn same<T>(text: &str)
    where
        T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let parsed = js_sys::JSON::parse(text).unwrap();
        let read: T =
            wink_web::js_json::from_value(parsed).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(read, serde_json::from_str::<T>(text).unwrap(), "{text}");
    }
    same::<wink_api::Application>(&application_json("WP-7K3QF9"));
    same::<wink_api::CreatedApplication>(&format!(
        r#"{{"application": {}, "resumePath": "/resume/x"}}"#,
        application_json("WP-7K3QF9")
    ));
    same::<wink_api::Info>(r#"{"mode":"emulator","version":"1.0.0","unknown":[1,2.5,null]}"#);
    same::<wink_api::ErrorBody>(
        r#"{"error":{"code":"INVALID_REQUEST","message":"Check the fields.","fields":[
            {"field":"email","message":"Bad.","key":"problem.email_invalid","params":{"max":"254"}},
            {"field":"mobile","message":"Bad too."}]}}"#,
    );
    same::<Vec<Option<i64>>>("[-3, null, 9007199254740991]");
    same::<(f64, String, bool)>(r#"[2.5, "x", true]"#);
    let wrong = js_sys::JSON::parse(r#"{"mode":"emulator","version":1.5}"#).unwrap();
    let error = wink_web::js_json::from_value::<wink_api::Info>(wrong).unwrap_err();
    assert_eq!(error.to_string(), "invalid type: expected a string");
    let unknown = js_sys::JSON::parse(r#"{"mode":"staging","version":"1"}"#).unwrap();
    assert!(wink_web::js_json::from_value::<wink_api::Info>(unknown).is_err());
}

/// What the browser parses is read into our types (`wink_web::http`): a typed answer, an
/// answer of the wrong shape (unreadable), and an error status without our error body.
#[wasm_bindgen_test]
async fn answers_are_read_by_shape_and_foreign_errors_by_status() {
    install_fetch_stub();
    set_route(
        "GET /api/info",
        200,
        &json!({"mode": "sandbox", "version": "9.9.9"}).to_string(),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), Landing);
    eventually_text(&root, "Server version 9.9.9").await;
    drop(handle);

    set_route(
        "GET /api/info",
        200,
        &json!("<html>a portal</html>").to_string(),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), Landing);
    let text = eventually_text(&root, "could not check").await;
    assert!(text.contains("could not be read"), "{text}");
    drop(handle);

    set_route("GET /api/info", 503, &json!({"busy": true}).to_string());
    let root = fresh_root();
    let _handle = mount_to(root.clone(), Landing);
    let text = eventually_text(&root, "could not check").await;
    assert!(text.contains("We're busy right now"), "{text}");
    restore_fetch();
}

/// The app's own router: a path from code, a same-origin link click without a reload, and
/// the way back with the browser's history.
#[wasm_bindgen_test]
async fn the_router_follows_navigation_links_and_history() {
    let window = web_sys::window().unwrap();
    let start = window.location().pathname().unwrap();
    let root = fresh_root();
    let handle = mount_to(root.clone(), App);

    navigate("/no/such/page");
    eventually_text(&root, "Page not found").await;
    assert_eq!(window.location().pathname().unwrap(), "/no/such/page");

    click(&root, "main a[href='/']");
    eventually_text(&root, "Start your application").await;
    assert_eq!(window.location().pathname().unwrap(), "/");

    window.history().unwrap().back().unwrap();
    eventually_text(&root, "Page not found").await;

    drop(handle);
    navigate_replacing(&start);
}

// ---------------------------------------------------------------------------------------
// The widget bridge

#[wasm_bindgen_test]
fn the_config_is_a_plain_object_with_every_callback() {
    install_stub(true, false, false);
    let (_session, _received) = open_recording("tok-1");
    let seen: serde_json::Value = serde_json::from_str(&options_json(-1)).unwrap();
    assert_eq!(seen["plain"], true);
    assert_eq!(
        seen["data"],
        json!({"userToken": "tok-1", "providers": ["sss_ph"], "enableUpload": true,
               "companyName": "Wink Lending"})
    );
    let mut expected: Vec<&str> = Callback::ALL.iter().map(|c| c.js_name()).collect();
    expected.sort_unstable();
    assert_eq!(seen["callbacks"], json!(expected));
    let counters: serde_json::Value = serde_json::from_str(&counters(-1)).unwrap();
    assert_eq!(counters["opened"], 1);
    remove_stub();
}

#[wasm_bindgen_test]
fn each_callback_reaches_rust_as_its_typed_event() {
    install_stub(true, false, false);
    let (_session, received) = open_recording("tok-1");

    let error = json!({"accountId": "acc-x", "userId": "u-1", "providerId": "sss_ph",
                       "errorCode": "INVALID_CREDENTIALS"});
    let uploads = json!({"uploads": [{"id": "archive-1", "fileType": "PAYSLIP"}], "userId": "u-1"});
    let ui = json!({"eventName": "LoginPageOpened", "userId": "u-1", "account": {"providerId": "sss_ph"}});
    let calls: [(&str, Option<String>); 9] = [
        ("onAccountCreated", account_json("sss_ph")),
        ("onAccountConnected", account_json("sss_ph")),
        ("onAccountRemoved", account_json("sss_ph")),
        ("onAccountError", Some(error.to_string())),
        ("onTokenExpired", None),
        ("onClose", Some(json!({"reason": "exit"}).to_string())),
        ("onUploadsCreated", Some(uploads.to_string())),
        ("onUploadsRemoved", Some(uploads.to_string())),
        ("onUIEvent", Some(ui.to_string())),
    ];
    for (name, payload) in calls {
        assert_eq!(fire(-1, name, payload), "ok", "{name}");
    }

    let events: Vec<WidgetEvent> = received
        .get_untracked()
        .into_iter()
        .map(|r| r.expect("readable"))
        .collect();
    let uploads_payload = UploadsCallback {
        uploads: json!([{"id": "archive-1", "fileType": "PAYSLIP"}]),
        user_id: Some("u-1".into()),
    };
    assert_eq!(events.len(), 9);
    assert_eq!(events[0], WidgetEvent::AccountCreated(account("sss_ph")));
    assert_eq!(events[1], WidgetEvent::AccountConnected(account("sss_ph")));
    assert_eq!(events[2], WidgetEvent::AccountRemoved(account("sss_ph")));
    assert_eq!(
        events[3],
        WidgetEvent::AccountError(AccountErrorCallback {
            account_id: "acc-x".into(),
            user_id: "u-1".into(),
            provider_id: "sss_ph".into(),
            error_code: Some(AccountErrorCode::InvalidCredentials),
        })
    );
    assert_eq!(events[4], WidgetEvent::TokenExpired);
    assert_eq!(
        events[5],
        WidgetEvent::Close(CloseEvent {
            reason: Some(CloseReason::Exit)
        })
    );
    assert_eq!(
        events[6],
        WidgetEvent::UploadsCreated(uploads_payload.clone())
    );
    assert_eq!(events[7], WidgetEvent::UploadsRemoved(uploads_payload));
    let WidgetEvent::UiEvent(ui) = &events[8] else {
        panic!("{:?}", events[8]);
    };
    assert_eq!(ui.event_name.as_str(), "LoginPageOpened");
    remove_stub();
}

#[wasm_bindgen_test]
fn an_unreadable_payload_is_reported_not_a_panic() {
    install_stub(true, false, false);
    let (_session, received) = open_recording("tok-1");
    assert_eq!(
        fire(-1, "onAccountConnected", Some(r#"{"accountId": 7}"#.into())),
        "ok"
    );
    assert_eq!(fire(-1, "onClose", Some(r#"{"reason": 42}"#.into())), "ok");
    let received = received.get_untracked();
    assert!(matches!(
        &received[0],
        Err(UnreadablePayload {
            callback: "onAccountConnected",
            ..
        })
    ));
    assert!(matches!(
        &received[1],
        Err(UnreadablePayload {
            callback: "onClose",
            ..
        })
    ));
    remove_stub();
}

#[wasm_bindgen_test]
fn dropping_the_session_destroys_the_widget_and_releases_its_closures() {
    install_stub(true, true, false);
    let (session, received) = open_recording("tok-1");
    assert_eq!(fire(-1, "onAccountCreated", account_json("sss_ph")), "ok");
    drop(session);

    let counters: serde_json::Value = serde_json::from_str(&counters(-1)).unwrap();
    assert_eq!(counters["destroyed"], 1, "destroy() preferred");
    assert_eq!(counters["closed"], 0);
    let late = fire(-1, "onAccountConnected", account_json("sss_ph"));
    assert!(
        late.starts_with("threw"),
        "a late callback must fail in JS: {late}"
    );
    assert_eq!(
        received.get_untracked().len(),
        1,
        "nothing reached Rust after drop"
    );
    remove_stub();
}

#[wasm_bindgen_test]
fn teardown_uses_close_when_there_is_no_destroy_and_copes_with_neither() {
    install_stub(false, true, false);
    let (session, _received) = open_recording("tok-1");
    drop(session);
    let counters: serde_json::Value = serde_json::from_str(&counters(-1)).unwrap();
    assert_eq!(counters["closed"], 1);

    install_stub(false, false, false);
    let (session, _received) = open_recording("tok-2");
    drop(session); // only open() exists, as in Smile's docs: nothing to call, nothing thrown
    assert!(fire(-1, "onClose", None).starts_with("threw"));
    remove_stub();
}

#[component]
fn HoldsASession(received: RwSignal<Vec<Received>>) -> impl IntoView {
    let session = StoredValue::new_local(None::<WidgetSession>);
    session.set_value(
        WidgetSession::open(&options("tok-1"), move |event| {
            received.update(|list| list.push(event))
        })
        .ok(),
    );
    view! { <p>"holding a widget"</p> }
}

#[wasm_bindgen_test]
async fn unmounting_the_owner_drops_the_session_and_its_closures() {
    install_stub(true, false, false);
    let received = RwSignal::new(Vec::new());
    let root = fresh_root();
    let handle = mount_to(root.clone(), move || view! { <HoldsASession received /> });
    assert_eq!(fire(-1, "onAccountCreated", account_json("sss_ph")), "ok");
    assert_eq!(received.get_untracked().len(), 1);

    drop(handle);
    leptos::task::tick().await;
    let counters: serde_json::Value = serde_json::from_str(&counters(-1)).unwrap();
    assert_eq!(counters["destroyed"], 1);
    assert!(fire(-1, "onAccountConnected", account_json("sss_ph")).starts_with("threw"));
    assert_eq!(received.get_untracked().len(), 1);
    remove_stub();
}

#[wasm_bindgen_test]
fn a_missing_global_or_a_failing_open_is_an_error() {
    remove_stub();
    let missing = WidgetSession::open(&options("tok-1"), |_| {});
    assert!(
        matches!(missing, Err(OpenError::Construct(_))),
        "{:?}",
        missing.err()
    );

    install_stub(true, false, true);
    let refused = WidgetSession::open(&options("tok-1"), |_| {});
    let Err(OpenError::Open(message)) = refused else {
        panic!("expected an open error");
    };
    assert!(message.contains("stub refuses to open"));
    // The failed session was dropped: its closures are gone with it.
    assert!(fire(-1, "onClose", None).starts_with("threw"));
    remove_stub();
}

// ---------------------------------------------------------------------------------------
// The script loader

#[wasm_bindgen_test]
async fn a_404_script_is_reported_as_not_loadable() {
    remove_stub();
    let error = load_widget_script("/no-such-smile.v2.js", Duration::from_secs(10))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        LoadError::Blocked {
            host: "this site".into()
        }
    );
    assert!(error.to_string().contains("could not be loaded"));
    assert_eq!(
        scripts_with_src_ending("/no-such-smile.v2.js"),
        0,
        "the failed <script> is removed so a retry starts afresh"
    );
}

#[wasm_bindgen_test]
async fn a_script_that_does_not_define_the_widget_is_reported() {
    remove_stub();
    let error = load_widget_script(
        "data:text/javascript,window.__notTheWidget%3D1",
        Duration::from_secs(10),
    )
    .await
    .unwrap_err();
    assert_eq!(error, LoadError::GlobalMissing);
    assert!(error.to_string().contains("did not start"));
}

#[wasm_bindgen_test]
async fn a_stalled_script_times_out() {
    remove_stub();
    stall_head_appends();
    let result = load_widget_script("/stalled-smile.v2.js", Duration::from_millis(300)).await;
    unstall_head_appends();
    let error = result.unwrap_err();
    assert_eq!(error, LoadError::TimedOut { seconds: 1 });
    assert!(error.to_string().contains("took more than"));
}

#[wasm_bindgen_test]
async fn a_script_that_defines_the_widget_loads() {
    remove_stub();
    let src = "data:text/javascript,window.SmileLinkModal%3Dclass%7Bopen()%7B%7D%7D";
    load_widget_script(src, Duration::from_secs(10))
        .await
        .expect("the global is defined");
    // Already there: no second <script>.
    load_widget_script("/would-404.js", Duration::from_secs(10))
        .await
        .expect("short-circuits");
    remove_stub();
}

// ---------------------------------------------------------------------------------------
// Pages

#[wasm_bindgen_test]
async fn the_apply_form_shows_inline_errors_without_a_server() {
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <ApplyPage /> });

    // Leaving a field with a bad value explains that field only.
    let email: web_sys::HtmlInputElement = query(&root, "#field-email").unwrap().unchecked_into();
    email.set_value("not-an-email");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    email
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    email
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    let page = eventually_text(&root, "Enter an email address like name@example.com.").await;
    assert!(
        !page.contains("Enter your full name"),
        "untouched fields stay quiet"
    );
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));

    // Submitting explains every field, with a summary that links to each one.
    click(&root, "button[type='submit']");
    let page = eventually_text(&root, "Please check these answers").await;
    for message in [
        "Enter your full name as it appears on your ID.",
        "Enter your mobile number.",
        "Enter your current employer",
        "Enter your usual monthly income before tax.",
        "Tick the box to agree",
    ] {
        assert!(page.contains(message), "{message} missing: {page}");
    }
    let links = root
        .query_selector_all(".error-summary a[href^='#field-']")
        .unwrap();
    assert_eq!(links.length(), 6);
    let summary = query(&root, ".error-summary").unwrap();
    eventually("focus moves to the summary", || {
        document().active_element().is_some_and(|e| e == summary)
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_apply_form_shows_the_servers_field_errors() {
    install_fetch_stub();
    set_route(
        "POST /api/applications",
        422,
        &json!({"error": {"code": "INVALID_REQUEST", "message": "Some fields need attention.",
                 "fields": [{"field": "mobile", "message": "This mobile number is already registered."}]}})
        .to_string(),
    );
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <ApplyPage /> });
    for (id, value) in [
        ("#field-fullName", "George Palomero Jr."),
        ("#field-email", "gpalomero1234@smileapi.io"),
        ("#field-mobile", "+63 955 999 1234"),
        ("#field-employer", "ABC Corporation"),
        ("#field-monthlyIncome", "25,000"),
    ] {
        type_into(&root, id, value);
    }
    click(&root, "#field-consent");
    click(&root, "button[type='submit']");
    eventually_text(&root, "This mobile number is already registered.").await;
    let body: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/applications")).unwrap();
    assert_eq!(body[0]["consent"], true);
    assert_eq!(body[0]["monthlyIncome"], "25,000");
    let mobile = query(&root, "#field-mobile").unwrap();
    assert_eq!(
        mobile.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    restore_fetch();
}

#[wasm_bindgen_test]
async fn a_successful_application_shows_the_resume_link_and_moves_on() {
    install_fetch_stub();
    set_route(
        "POST /api/applications",
        201,
        &json!({"resumePath": "/resume/secret-token",
                "application": {
            "id": "app-1", "reference": "WP-7K3QF9", "fullName": "George Palomero Jr.",
            "email": "g@example.com", "mobile": "+639559991234", "employer": "ABC Corporation",
            "monthlyIncome": 25000, "currency": "PHP", "status": "applied",
            "consentedAt": "2026-11-27T10:00:00Z", "createdAt": "2026-11-27T10:00:00Z"}})
        .to_string(),
    );
    set_route(
        "GET /api/info",
        200,
        &json!({"mode": "emulator", "version": "0.1.0"}).to_string(),
    );
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <ApplyPage /> });

    // In emulator mode the sandbox persona can be filled in with one press.
    eventually("the test-persona button", || {
        text(&root).contains("Fill in Smile's test persona")
    })
    .await;
    click(&root, ".sandbox-fill button");
    click(&root, "button[type='submit']");

    let page = eventually_text(&root, "Application received").await;
    assert!(page.contains("WP-7K3QF9"), "{page}");
    assert!(page.contains("We show it only once"), "{page}");
    let link: web_sys::HtmlInputElement = query(&root, "#resume-link").unwrap().unchecked_into();
    assert!(
        link.value().ends_with("/resume/secret-token"),
        "{}",
        link.value()
    );
    assert!(
        link.value().starts_with("http"),
        "an absolute link: {}",
        link.value()
    );
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/applications")).unwrap();
    assert_eq!(sent[0]["fullName"], "George Palomero Jr.");
    assert_eq!(sent[0]["consent"], true);
    restore_fetch();
}

/// The switcher re-words the page in place: what was typed and the errors shown stay, the
/// errors in the new language, `<html lang>` follows, and the choice is remembered.
#[wasm_bindgen_test]
async fn switching_language_rewords_the_page_and_loses_nothing() {
    let start = web_sys::window().unwrap().location().pathname().unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("wink.lang").unwrap();
    install_fetch_stub();
    set_route(
        "GET /locales/fil.json",
        200,
        &json!({"apply.title": "Mag-apply ng loan",
                "problem.email_invalid": "Ilagay ang email address na tulad ng name@example.com."})
        .to_string(),
    );
    navigate_replacing("/apply");
    let root = fresh_root();
    let handle = mount_to(root.clone(), App);
    eventually_text(&root, "Apply for a loan").await;
    type_into(&root, "#field-fullName", "Ma. Concepción Dela Peña");
    type_into(&root, "#field-email", "not-an-email");
    click(&root, "button[type='submit']");
    eventually_text(&root, "Enter an email address like name@example.com.").await;

    click(&root, ".language-switcher button[lang='fil']");
    let page = eventually_text(&root, "Mag-apply ng loan").await;
    assert!(
        page.contains("Ilagay ang email address na tulad ng name@example.com."),
        "{page}"
    );
    // Untranslated here: English stands in, never a key.
    assert!(page.contains("Enter your mobile number."), "{page}");
    assert_eq!(
        input_value(&root, "#field-fullName"),
        "Ma. Concepción Dela Peña"
    );
    assert_eq!(input_value(&root, "#field-email"), "not-an-email");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fil"));
    assert_eq!(
        storage.get_item("wink.lang").unwrap().as_deref(),
        Some("fil")
    );
    assert_eq!(
        query(&root, ".language-switcher button[lang='fil']")
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    click(&root, ".language-switcher button[lang='en']");
    eventually_text(&root, "Apply for a loan").await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        input_value(&root, "#field-fullName"),
        "Ma. Concepción Dela Peña"
    );
    drop(handle);
    storage.remove_item("wink.lang").unwrap();
    navigate_replacing(&start);
    restore_fetch();
}

/// Opens `/apply?invite=<token>` (the URL the page reads) and mounts the form.
fn mount_apply_with_invite(token: &str) -> (web_sys::HtmlElement, impl Drop, String) {
    let start = web_sys::window().unwrap().location().pathname().unwrap();
    navigate_replacing(&format!("/apply?invite={token}"));
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <ApplyPage /> });
    (root, handle, start)
}

fn input_value(root: &web_sys::HtmlElement, selector: &str) -> String {
    query(root, selector)
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
async fn an_invitation_prefills_the_form_and_is_answered_by_the_application() {
    install_fetch_stub();
    set_route(
        "GET /api/invites/tok-1",
        200,
        &json!({"fullName": "Maria Santos", "email": "maria@example.com",
                "mobile": "+63 917 555 0101", "employer": "ABC Corporation",
                "expiresAt": "2099-01-01T00:00:00Z"})
        .to_string(),
    );
    set_route(
        "POST /api/applications",
        422,
        &json!({"error": {"code": "INVALID_REQUEST", "message": "Some fields need attention.",
                 "fields": [{"field": "monthlyIncome", "message": "Too low."}]}})
        .to_string(),
    );
    let (root, handle, start) = mount_apply_with_invite("tok-1");
    eventually_text(&root, "details from your invitation").await;
    assert_eq!(input_value(&root, "#field-fullName"), "Maria Santos");
    assert_eq!(input_value(&root, "#field-employer"), "ABC Corporation");
    assert_eq!(
        input_value(&root, "#field-monthlyIncome"),
        "",
        "not part of an invitation"
    );

    let income: web_sys::HtmlInputElement = query(&root, "#field-monthlyIncome")
        .unwrap()
        .unchecked_into();
    income.set_value("25,000");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    income
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    click(&root, "#field-consent");
    click(&root, "button[type='submit']");
    eventually_text(&root, "Too low.").await;
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/applications")).unwrap();
    assert_eq!(sent[0]["invite"], "tok-1");
    assert_eq!(sent[0]["email"], "maria@example.com");
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn an_expired_invitation_says_so_and_leaves_the_form_empty() {
    install_fetch_stub();
    set_route(
        "GET /api/invites/old",
        410,
        &json!({"error": {"code": "GONE", "message": "This invitation has expired."}}).to_string(),
    );
    let (root, handle, start) = mount_apply_with_invite("old");
    eventually_text(
        &root,
        "This invitation has expired or was already used — you can still apply.",
    )
    .await;
    assert_eq!(input_value(&root, "#field-fullName"), "");
    assert!(query(&root, "[data-invite='expired']").is_some());
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

#[wasm_bindgen_test]
async fn the_link_page_explains_a_missing_server_without_panicking() {
    remove_stub();
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <LinkPage /> });
    let page = eventually_text(&root, "We couldn't prepare the linking window").await;
    // The 404 in the applicant's words, not the status code.
    assert!(
        page.contains("We couldn't find what you asked for"),
        "{page}"
    );
    assert!(query(&root, "[data-widget-error]").is_some());
    eventually_text(&root, "We couldn't update this list").await;
}

#[wasm_bindgen_test]
async fn the_link_page_sends_a_401_to_start_or_resume() {
    install_fetch_stub();
    let unauthorized =
        json!({"error": {"code": "UNAUTHORIZED", "message": "No applicant session."}}).to_string();
    for route in [
        "GET /api/link/config",
        "GET /api/link/accounts",
        "GET /api/applications/me",
    ] {
        set_route(route, 401, &unauthorized);
    }
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <LinkPage /> });
    eventually_text(&root, "We can't find your application in this browser").await;
    assert!(query(&root, "a[href='/apply']").is_some());
    restore_fetch();
}

fn accounts_json(status: &str, error_code: Option<&str>) -> String {
    json!({"accounts": [{
        "accountId": "acc-sss_ph", "providerId": "sss_ph",
        "providerName": "Social Security System", "status": status,
        "errorCode": error_code, "updatedAt": "2026-11-27T10:00:00Z"
    }]})
    .to_string()
}

fn config_json(token: &str) -> String {
    config_json_with_uploads(token, true)
}

fn config_json_with_uploads(token: &str, enable_upload: bool) -> String {
    json!({"scriptUrl": "/already-loaded/smile.v2.js", "expiresAt": "2099-01-01T00:00:00Z",
           "widget": {"userToken": token, "enableUpload": enable_upload}})
    .to_string()
}

/// The whole link page against a scripted server and the stub widget: open, callbacks
/// reach the server in order, the list and notices follow, a wrong password is explained,
/// an expired token reopens the widget with a new one without losing the page's state.
#[wasm_bindgen_test]
async fn the_link_page_drives_the_widget_end_to_end() {
    install_stub(true, false, false);
    install_fetch_stub();
    set_route("GET /api/link/config", 200, &config_json("tok-1"));
    set_route(
        "GET /api/link/accounts",
        200,
        &json!({"accounts": []}).to_string(),
    );
    set_route(
        "GET /api/applications/me",
        200,
        &json!({
            "id": "app-1", "reference": "WP-7K3QF9", "fullName": "George Palomero Jr.",
            "email": "g@example.com", "mobile": "+639559991234", "employer": "ABC Corporation",
            "monthlyIncome": 25000, "currency": "PHP", "status": "applied",
            "consentedAt": "2026-11-27T10:00:00Z", "createdAt": "2026-11-27T10:00:00Z"
        })
        .to_string(),
    );

    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <LinkPage /> });
    eventually_text(&root, "No accounts linked yet").await;
    eventually_text(&root, "WP-7K3QF9").await;
    eventually("the open button is enabled", || {
        query(&root, "button.open-widget").is_some_and(|b| !b.has_attribute("aria-disabled"))
    })
    .await;

    click(&root, "button.open-widget");
    eventually("the widget opens", || instance_count() == 1).await;
    let seen: serde_json::Value = serde_json::from_str(&options_json(0)).unwrap();
    assert_eq!(seen["data"]["userToken"], "tok-1");

    // A wrong password: explained in plain words with a retry.
    set_route(
        "POST /api/link/events",
        200,
        &accounts_json("error", Some("INVALID_CREDENTIALS")),
    );
    set_route(
        "GET /api/link/accounts",
        200,
        &accounts_json("error", Some("INVALID_CREDENTIALS")),
    );
    let error = json!({"accountId": "acc-sss_ph", "userId": "u-1", "providerId": "sss_ph",
                       "errorCode": "INVALID_CREDENTIALS"});
    assert_eq!(fire(0, "onAccountError", Some(error.to_string())), "ok");
    eventually("the error notice", || {
        query(
            &root,
            "[data-notice='failed'][data-error-code='INVALID_CREDENTIALS']",
        )
        .is_some()
    })
    .await;
    eventually_text(&root, "didn't match what the provider has on file").await;
    // The name comes with the server's answer, which follows the callback.
    eventually_text(&root, "Social Security System couldn't be connected").await;
    assert!(query(
        &root,
        "li.account[data-status='error'][data-provider-id='sss_ph']"
    )
    .is_some());

    // The retry succeeds: the account shows as connected.
    set_route(
        "POST /api/link/events",
        200,
        &accounts_json("connected", None),
    );
    set_route(
        "GET /api/link/accounts",
        200,
        &accounts_json("connected", None),
    );
    assert_eq!(fire(0, "onAccountConnected", account_json("sss_ph")), "ok");
    eventually("the connected chip", || {
        query(&root, "li.account[data-status='connected'] .chip").is_some()
    })
    .await;
    eventually_text(&root, "Social Security System is connected.").await;

    // The token expires: a fresh config, a new widget with the new token, the old one gone.
    set_route("GET /api/link/config", 200, &config_json("tok-2"));
    assert_eq!(fire(0, "onTokenExpired", None), "ok");
    eventually("the widget reopens", || instance_count() == 2).await;
    let reopened: serde_json::Value = serde_json::from_str(&options_json(1)).unwrap();
    assert_eq!(reopened["data"]["userToken"], "tok-2");
    let old: serde_json::Value = serde_json::from_str(&counters(0)).unwrap();
    assert_eq!(old["destroyed"], 1);
    assert!(fire(0, "onAccountConnected", account_json("sss_ph")).starts_with("threw"));
    assert!(
        query(&root, "li.account[data-status='connected']").is_some(),
        "the account list survives the reopen"
    );

    // Closing after the success leads to the off-ramp. This stub widget hands focus back to
    // nothing (as Smile's may not): the page puts it on the button that opened it.
    if let Some(active) = document().active_element() {
        active
            .unchecked_into::<web_sys::HtmlElement>()
            .blur()
            .unwrap();
    }
    assert_eq!(
        fire(1, "onClose", Some(json!({"reason": "exit"}).to_string())),
        "ok"
    );
    eventually("focus back on the button that opened the widget", || {
        document()
            .active_element()
            .is_some_and(|e| e.class_list().contains("open-widget"))
    })
    .await;
    let page = eventually_text(&root, "You're connected").await;
    assert!(page.contains("I'm done"), "{page}");
    assert!(query(&root, "[data-notice='linked']").is_some());

    // Every callback reached the server, in order.
    eventually("all events posted", || {
        fetch_count("POST /api/link/events") == 4
    })
    .await;
    let posted: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/link/events")).unwrap();
    let order: Vec<&str> = posted
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["callback"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "onAccountError",
            "onAccountConnected",
            "onTokenExpired",
            "onClose"
        ]
    );
    assert_eq!(posted[1]["payload"]["accountId"], "acc-sss_ph");

    restore_fetch();
    remove_stub();
}

// ---------------------------------------------------------------------------------------
// Uploaded documents on the link page

fn document_json(id: &str, file: &str, progress: &str) -> serde_json::Value {
    json!({"archiveId": id, "typeLabel": "Payslip", "fileNames": [file],
           "progress": progress, "updatedAt": "2026-11-27T10:00:00Z"})
}

fn documents_json(documents: &[serde_json::Value]) -> String {
    json!({"accounts": [], "documents": documents}).to_string()
}

/// The stub widget, a Wink application and `accounts` as the server's list; then the link
/// page, mounted, with its open button ready.
async fn mount_link_page(enable_upload: bool, accounts: &str) -> (web_sys::HtmlElement, impl Drop) {
    install_stub(true, false, false);
    install_fetch_stub();
    set_route(
        "GET /api/link/config",
        200,
        &config_json_with_uploads("tok-1", enable_upload),
    );
    set_route("GET /api/link/accounts", 200, accounts);
    set_route(
        "GET /api/applications/me",
        200,
        &application_json("WP-DOCS"),
    );
    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <LinkPage /> });
    eventually("the open button is enabled", || {
        query(&root, "button.open-widget").is_some_and(|b| !b.has_attribute("aria-disabled"))
    })
    .await;
    (root, handle)
}

fn progress_of(root: &web_sys::HtmlElement, archive_id: &str) -> Option<String> {
    query(
        root,
        &format!("li.document[data-archive-id='{archive_id}']"),
    )
    .and_then(|row| row.get_attribute("data-progress"))
}

/// Without uploads at this lender there is no fallback; with them, "Can't find your
/// employer?" says where to go in Smile's window before it opens, and opens it.
#[wasm_bindgen_test]
async fn the_upload_fallback_shows_only_with_uploads_and_opens_the_widget() {
    let empty = json!({"accounts": []}).to_string();
    let (root, handle) = mount_link_page(false, &empty).await;
    assert!(
        query(&root, "button.upload-instead").is_none(),
        "{}",
        text(&root)
    );
    drop(handle);

    let (root, _handle) = mount_link_page(true, &empty).await;
    let button = query(&root, "button.upload-instead").expect("the fallback");
    assert_eq!(
        button.text_content().unwrap(),
        "Can't find your employer? Upload a payslip instead"
    );
    let hint_id = button.get_attribute("aria-describedby").unwrap();
    let hint = query(&root, &format!("#{hint_id}"))
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        hint.contains("Can't find your employer?") && hint.contains("type of document"),
        "{hint}"
    );
    assert_eq!(
        instance_count(),
        0,
        "nothing opens before the applicant asks"
    );
    click(&root, "button.upload-instead");
    eventually("the widget opens", || instance_count() == 1).await;
    let seen: serde_json::Value = serde_json::from_str(&options_json(0)).unwrap();
    assert_eq!(seen["data"]["enableUpload"], true);
    restore_fetch();
    remove_stub();
}

/// Each of Smile's progress states in words (and a symbol, colour aside); an unreadable
/// file says what to do and offers to upload again, which opens the widget.
#[wasm_bindgen_test]
async fn documents_show_each_progress_in_words() {
    let documents = documents_json(&[
        document_json("u-5", "removed.pdf", "removed"),
        document_json("u-4", "blurry.jpg", "unreadable"),
        document_json("u-3", "june.pdf", "accepted"),
        document_json("u-2", "may.pdf", "checking"),
        document_json("u-1", "april.pdf", "received"),
    ]);
    let (root, _handle) = mount_link_page(true, &documents).await;
    eventually_text(&root, "Documents you uploaded").await;
    let words = |id: &str| {
        query(&root, &format!("li.document[data-archive-id='{id}']"))
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(
        words("u-1").contains("Received — waiting for Smile"),
        "{}",
        words("u-1")
    );
    assert!(words("u-2").contains("Being checked"), "{}", words("u-2"));
    assert!(words("u-3").contains("Accepted"), "{}", words("u-3"));
    assert!(
        words("u-4").contains("Could not be read"),
        "{}",
        words("u-4")
    );
    assert!(
        words("u-4").contains(
            "Smile could not read this file. Upload a clearer photo or the original PDF."
        ),
        "{}",
        words("u-4")
    );
    assert!(words("u-5").contains("Removed"), "{}", words("u-5"));
    for id in ["u-1", "u-2", "u-3", "u-5"] {
        assert!(words(id).contains(".pdf"));
        assert!(query(
            &root,
            &format!("li.document[data-archive-id='{id}'] button.upload-again")
        )
        .is_none());
    }
    // Shared documents (not the unreadable or removed ones) make "I'm done" the next step.
    let finish = text(&root);
    assert!(
        finish.contains("When you've uploaded the documents"),
        "{finish}"
    );

    click(
        &root,
        "li.document[data-archive-id='u-4'] button.upload-again",
    );
    eventually("the widget opens", || instance_count() == 1).await;
    restore_fetch();
    remove_stub();
}

/// The widget's report shows at once, as received and never more, until the server
/// answers for it; the server's pushes then move it on, each change announced politely.
#[wasm_bindgen_test]
async fn a_document_moving_on_is_shown_live_and_announced() {
    install_event_source_stub();
    let (root, _handle) = mount_link_page(true, &json!({"accounts": []}).to_string()).await;
    let news = || {
        query(&root, "[role='status'][data-document-news]")
            .and_then(|news| news.text_content())
            .unwrap_or_default()
    };
    click(&root, "button.upload-instead");
    eventually("the widget opens", || instance_count() == 1).await;

    let received = documents_json(&[document_json("u-7", "payslip.pdf", "received")]);
    set_route("POST /api/link/events", 200, &received);
    hold_requests("POST /api/link/events");
    let uploaded = json!({"userId": "u-1", "uploads": [
        {"id": "u-7", "type": "PAYSLIP", "rawFiles": [{"name": "payslip.pdf"}]}
    ]});
    assert_eq!(
        fire(0, "onUploadsCreated", Some(uploaded.to_string())),
        "ok"
    );
    eventually("the report is listed at once", || {
        progress_of(&root, "u-7").as_deref() == Some("received")
    })
    .await;
    eventually("and announced", || {
        news() == "payslip.pdf: Received — waiting for Smile."
    })
    .await;
    let row = query(&root, "li.document[data-archive-id='u-7']").unwrap();
    assert!(row.text_content().unwrap().contains("Payslip"));

    release_requests();
    eventually("the report is answered", || {
        fetch_count("POST /api/link/events") == 1
    })
    .await;
    for (progress, words) in [
        ("checking", "payslip.pdf: Being checked."),
        ("accepted", "payslip.pdf: Accepted."),
    ] {
        let list = documents_json(&[document_json("u-7", "payslip.pdf", progress)]);
        set_route("GET /api/link/accounts", 200, &list);
        assert!(
            push_event("/api/link/stream", "accounts", &list),
            "the page listens"
        );
        eventually(progress, || {
            progress_of(&root, "u-7").as_deref() == Some(progress)
        })
        .await;
        eventually("the change is announced", || news() == words).await;
    }
    let row = query(&root, "li.document[data-archive-id='u-7']").unwrap();
    assert!(row.text_content().unwrap().contains("Accepted"));
    restore_fetch();
    restore_event_source();
    remove_stub();
}

fn manual_application_json() -> String {
    json!({
        "id": "app-m", "reference": "WP-MANUAL", "fullName": "Maria Santos",
        "email": "maria@example.com", "mobile": "+639171234567", "employer": "XYZ Foods",
        "monthlyIncome": 18000, "currency": "PHP", "status": "applied",
        "verification": "manual",
        "consentedAt": "2026-11-27T10:00:00Z", "createdAt": "2026-11-27T10:00:00Z"
    })
    .to_string()
}

fn conflict_json() -> String {
    json!({"error": {"code": "CONFLICT",
                     "message": "This application is verified manually; no account linking."}})
    .to_string()
}

/// Outside the Wink rollout: the page explains manual verification in plain words, never
/// loads or opens the widget, and "I'm done" completes the application.
#[wasm_bindgen_test]
async fn a_manual_application_gets_an_explanation_and_no_widget() {
    // No stub widget: loading the script would leave a <script> tag behind.
    remove_stub();
    install_fetch_stub();
    let scripts_before = scripts_with_src_ending("smile.v2.js");
    set_route("GET /api/applications/me", 200, &manual_application_json());
    // What the server answers a manual applicant.
    set_route("GET /api/link/config", 409, &conflict_json());
    set_route(
        "GET /api/link/accounts",
        200,
        &json!({"accounts": []}).to_string(),
    );
    set_route(
        "POST /api/applications/me/complete",
        200,
        &manual_application_json(),
    );
    let start = web_sys::window().unwrap().location().pathname().unwrap();

    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <LinkPage /> });
    let page = eventually_text(&root, "verified manually by our lending team").await;
    assert!(
        page.contains("You don't need to link any account"),
        "{page}"
    );
    eventually_text(&root, "WP-MANUAL").await;
    let page = eventually_text(&root, "maria@example.com").await;
    assert!(page.contains("+639171234567"), "{page}");
    assert!(page.contains("What happens next"), "{page}");
    assert!(query(&root, "[data-verification='manual']").is_some());
    assert!(
        query(&root, "button.open-widget").is_none(),
        "no widget button"
    );
    assert!(query(&root, "[data-widget-error]").is_none(), "{page}");
    // Give a stray config answer time to (wrongly) load the script.
    wink_web::testing::sleep(200).await;
    assert_eq!(
        fetch_count("GET /api/link/config"),
        0,
        "no link token asked for"
    );
    assert_eq!(fetch_count("GET /api/link/accounts"), 0, "no account list");
    assert_eq!(
        scripts_with_src_ending("smile.v2.js"),
        scripts_before,
        "no widget script tag"
    );

    click(&root, "button.finish-manual");
    eventually("the application is completed", || {
        fetch_count("POST /api/applications/me/complete") == 1
    })
    .await;
    eventually("on to /done", || {
        web_sys::window().unwrap().location().pathname().unwrap() == "/done"
    })
    .await;
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

/// A 409 from the link config (the application itself could not be read) also leads to
/// the manual explanation rather than an error.
#[wasm_bindgen_test]
async fn a_409_link_config_shows_the_manual_explanation() {
    // No stub widget: loading the script would leave a <script> tag behind.
    remove_stub();
    install_fetch_stub();
    let scripts_before = scripts_with_src_ending("smile.v2.js");
    set_route(
        "GET /api/applications/me",
        500,
        &json!({"error": {"code": "INTERNAL", "message": "Try again."}}).to_string(),
    );
    set_route("GET /api/link/config", 409, &conflict_json());
    set_route(
        "GET /api/link/accounts",
        200,
        &json!({"accounts": []}).to_string(),
    );

    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <LinkPage /> });
    let page = eventually_text(&root, "verified manually by our lending team").await;
    assert!(
        page.contains("We contact you by email or text message"),
        "{page}"
    );
    assert!(query(&root, "button.open-widget").is_none(), "{page}");
    assert!(query(&root, "[data-widget-error]").is_none(), "{page}");
    assert_eq!(
        scripts_with_src_ending("smile.v2.js"),
        scripts_before,
        "no widget script tag"
    );
    restore_fetch();
}

// ---------------------------------------------------------------------------------------
// Resume links and signing out

fn location() -> (String, String) {
    let location = web_sys::window().unwrap().location();
    (location.pathname().unwrap(), location.search().unwrap())
}

/// The link `tok-a` opens WP-AAAAAA; resuming it succeeds.
fn script_resume_of_a() {
    set_route(
        "POST /api/applications/resume/preview",
        200,
        &json!({"reference": "WP-AAAAAA", "initials": "G. P."}).to_string(),
    );
    set_route(
        "POST /api/applications/resume",
        200,
        &application_json("WP-AAAAAA"),
    );
}

fn mount_resume(token: &'static str) -> (web_sys::HtmlElement, impl Drop) {
    let root = fresh_root();
    let handle = mount_to(root.clone(), move || {
        view! { <ResumePage token=token.to_owned() /> }
    });
    (root, handle)
}

/// With no application open in this browser, the link resumes at once (after asking the
/// server whose it is) and moves on to /link.
#[wasm_bindgen_test]
async fn a_resume_link_with_no_open_application_resumes_at_once() {
    install_fetch_stub();
    script_resume_of_a();
    set_route(
        "GET /api/applications/me",
        401,
        &json!({"error": {"code": "UNAUTHORIZED", "message": "No session."}}).to_string(),
    );
    let (start, _) = location();
    let (_root, handle) = mount_resume("tok-a");
    eventually("on to /link", || location().0 == "/link").await;
    assert_eq!(fetch_count("POST /api/applications/resume/preview"), 1);
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/applications/resume")).unwrap();
    assert_eq!(sent, json!([{"token": "tok-a"}]));
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

/// Login CSRF: a link to another application never replaces the open one without the
/// applicant's say-so. Cancel posts nothing; Continue resumes.
#[wasm_bindgen_test]
async fn a_resume_link_asks_before_replacing_the_open_application() {
    install_fetch_stub();
    script_resume_of_a();
    set_route(
        "GET /api/applications/me",
        200,
        &application_json("WP-BBBBBB"),
    );
    let (start, _) = location();

    let (root, handle) = mount_resume("tok-a");
    let page = eventually_text(&root, "Continue the application of G. P. (WP-AAAAAA)?").await;
    assert!(
        page.contains("This signs you out of the application open in this browser (WP-BBBBBB)"),
        "{page}"
    );
    // Give a (wrong) automatic resume time to go out.
    wink_web::testing::sleep(100).await;
    assert_eq!(
        fetch_count("POST /api/applications/resume"),
        0,
        "asked first"
    );
    click(&root, "button.cancel-resume");
    eventually("back to the open application", || location().0 == "/link").await;
    assert_eq!(fetch_count("POST /api/applications/resume"), 0, "cancelled");
    drop(handle);
    navigate_replacing(&start);

    let (root, handle) = mount_resume("tok-a");
    eventually_text(&root, "Continue the application of G. P.").await;
    click(&root, "button.confirm-resume");
    eventually("on to /link", || location().0 == "/link").await;
    let sent: serde_json::Value =
        serde_json::from_str(&fetch_bodies("POST /api/applications/resume")).unwrap();
    assert_eq!(
        sent,
        json!([{"token": "tok-a"}]),
        "one resume, after Continue"
    );
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

/// The application the link opens is the one already open: straight to it, no new session.
#[wasm_bindgen_test]
async fn a_resume_link_to_the_open_application_goes_straight_to_it() {
    install_fetch_stub();
    script_resume_of_a();
    set_route(
        "GET /api/applications/me",
        200,
        &application_json("WP-AAAAAA"),
    );
    let (start, _) = location();
    let (_root, handle) = mount_resume("tok-a");
    eventually("on to /link", || location().0 == "/link").await;
    assert_eq!(fetch_count("POST /api/applications/resume"), 0);
    drop(handle);
    navigate_replacing(&start);
    restore_fetch();
}

/// An expired link (410) says so in plain words and starts nothing.
#[wasm_bindgen_test]
async fn an_expired_resume_link_says_so() {
    install_fetch_stub();
    set_route(
        "POST /api/applications/resume/preview",
        410,
        &json!({"error": {"code": "GONE",
                 "message": "This resume link has expired: links work for 30 days after you apply."}})
        .to_string(),
    );
    set_route(
        "GET /api/applications/me",
        200,
        &application_json("WP-BBBBBB"),
    );
    let (root, _handle) = mount_resume("tok-old");
    let page = eventually_text(&root, "This resume link has expired").await;
    // Our words, in the reader's language (the server's English is for API clients).
    assert!(
        page.contains("Resume links work for a limited time"),
        "{page}"
    );
    assert!(query(&root, "[data-resume='expired'] a[href='/apply']").is_some());
    assert_eq!(fetch_count("POST /api/applications/resume"), 0);
    restore_fetch();
}

/// The done page restates what was declared, as the reader writes dates and money: the
/// day first, the month in words, the amount with the currency's symbol and grouping.
#[wasm_bindgen_test]
async fn the_done_page_states_the_date_and_income_in_the_readers_formats() {
    install_fetch_stub();
    set_route(
        "GET /api/applications/me",
        200,
        &application_json("WP-DATES1"),
    );
    let root = fresh_root();
    let _handle = mount_to(root.clone(), || view! { <DonePage /> });
    let text = eventually_text(&root, "You applied on").await;
    assert!(
        text.contains("You applied on 27 November 2026, declaring a monthly income of ₱25,000.00."),
        "{text}"
    );
    restore_fetch();
}

/// "Sign out" on the done page and on the link page ends the session on the server and
/// lands on the start page, which says how to come back.
#[wasm_bindgen_test]
async fn sign_out_ends_the_session_and_says_how_to_come_back() {
    remove_stub();
    let (start, _) = location();
    for page in ["done", "link"] {
        install_fetch_stub();
        set_route("GET /api/applications/me", 200, &manual_application_json());
        set_route("GET /api/link/config", 409, &conflict_json());
        set_route("POST /api/applications/me/logout", 204, "null");
        let root = fresh_root();
        let handle: Box<dyn std::any::Any> = if page == "done" {
            Box::new(mount_to(root.clone(), || view! { <DonePage /> }))
        } else {
            Box::new(mount_to(root.clone(), || view! { <LinkPage /> }))
        };
        eventually_text(&root, "WP-MANUAL").await;
        let text = eventually_text(&root, "Your resume link brings you back").await;
        assert!(text.contains("Sign out"), "{page}: {text}");
        click(&root, "button.sign-out");
        eventually("signed out", || {
            fetch_count("POST /api/applications/me/logout") == 1
        })
        .await;
        eventually("on to the start page", || {
            location() == ("/".to_owned(), "?signed-out=1".to_owned())
        })
        .await;
        drop(handle);
        restore_fetch();
    }

    let root = fresh_root();
    let handle = mount_to(root.clone(), || view! { <Landing /> });
    let text = eventually_text(&root, "You're signed out").await;
    assert!(text.contains("open the resume link"), "{text}");
    drop(handle);
    navigate_replacing(&start);
}

/// The lender's reconnect link (`/resume/…?reconnect=1`, sent when an account's data can no
/// longer be refreshed) passes the request on to the link page, which then explains what to
/// do above the usual controls; an ordinary resume link explains nothing.
#[wasm_bindgen_test]
async fn only_a_reconnect_link_explains_the_reconnection() {
    let (start, _) = location();
    let unauthorized =
        json!({"error": {"code": "UNAUTHORIZED", "message": "No session."}}).to_string();
    let no_accounts = json!({"accounts": []}).to_string();
    for (address, onward) in [
        ("/resume/tok-a?reconnect=1", "?reconnect=1"),
        ("/resume/tok-a", ""),
    ] {
        install_fetch_stub();
        script_resume_of_a();
        set_route("GET /api/applications/me", 401, &unauthorized);
        navigate_replacing(address);
        let (_root, handle) = mount_resume("tok-a");
        eventually("on to /link", || location().0 == "/link").await;
        assert_eq!(location().1, onward, "from {address}");
        drop(handle);
        restore_fetch();

        let (root, handle) = mount_link_page(false, &no_accounts).await;
        let page = text(&root);
        let explained =
            page.find("Your lender could not refresh the data from one of your accounts");
        if onward.is_empty() {
            assert!(query(&root, "[data-reconnect]").is_none(), "{page}");
            assert_eq!(explained, None, "{page}");
        } else {
            assert!(query(&root, "[data-reconnect]").is_some(), "{page}");
            let controls = page
                .find("Choose your employer, SSS")
                .expect("the usual controls");
            assert!(
                explained.is_some_and(|at| at < controls),
                "explained above the controls: {page}"
            );
            assert!(page.contains("Open Smile and connect it again"), "{page}");
        }
        drop(handle);
        restore_fetch();
        remove_stub();
    }
    navigate_replacing(&start);
}
