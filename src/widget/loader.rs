//! Loads the widget script (`smile.v2.js`) on demand, with a timeout and an error that tells
//! the applicant which of the three things went wrong.

use std::time::Duration;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlScriptElement;

use super::binding::global_is_defined;

/// How long the page waits for the script before telling the applicant.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// What [`script_host`] calls a same-origin script's host (the page translates it).
pub const THIS_SITE: &str = "this site";

/// Resolve value the timer uses, so the page can tell a timeout from a load.
const TIMED_OUT: &str = "wink-widget-script-timeout";

/// Why the widget script is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The browser reports it is offline.
    #[error("You appear to be offline, so the secure account-linking window could not be loaded. Reconnect to the internet and try again.")]
    Offline,
    /// The request failed: no network, or an extension, firewall or security policy
    /// blocked it. The browser does not say which.
    #[error("The secure account-linking window could not be loaded from {host}. Check your connection; if you use an ad or script blocker, allow {host} and try again.")]
    Blocked { host: String },
    /// The script ran but did not define `SmileLinkModal` (a wrong URL, or a changed script).
    #[error("The account-linking service loaded but did not start properly. Please try again in a few minutes, or contact us if it keeps happening.")]
    GlobalMissing,
    /// Neither load nor error within the timeout: a very slow or stalled connection.
    #[error("The secure account-linking window took more than {seconds} seconds to load. Check your connection and try again.")]
    TimedOut { seconds: u64 },
    /// The page could not even create the `<script>` element.
    #[error("This page could not prepare the account-linking window ({0}). Please reload and try again.")]
    Page(String),
}

/// Loads `src` unless the widget's global is already defined; resolves once the global
/// exists. A failed or timed-out `<script>` is removed so a retry starts afresh.
pub async fn load_widget_script(src: &str, timeout: Duration) -> Result<(), LoadError> {
    if global_is_defined() {
        return Ok(());
    }
    let page_error = |e: JsValue| LoadError::Page(super::binding::describe_js_error(&e));
    let window = web_sys::window().ok_or_else(|| LoadError::Page("no window".into()))?;
    let document = window
        .document()
        .ok_or_else(|| LoadError::Page("no document".into()))?;
    let head = document
        .head()
        .ok_or_else(|| LoadError::Page("no <head>".into()))?;
    let script: HtmlScriptElement = document
        .create_element("script")
        .map_err(page_error)?
        .unchecked_into();
    script.set_src(src);
    script.set_async(true);

    // One promise settles on whichever comes first: load (resolve with the load event),
    // error (reject), or the timer (resolve with the marker). The handlers are the promise's
    // own JS functions, so no Rust closure has to outlive this call.
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    let mut timer = None;
    let settled = Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
        timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_1(
                &resolve,
                millis,
                &JsValue::from_str(TIMED_OUT),
            )
            .ok();
    });
    head.append_child(&script).map_err(page_error)?;
    let outcome = JsFuture::from(settled).await;

    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    script.set_onload(None);
    script.set_onerror(None);

    match outcome {
        Ok(value) if value.as_string().as_deref() == Some(TIMED_OUT) => {
            script.remove();
            Err(LoadError::TimedOut {
                seconds: timeout.as_secs().max(1),
            })
        }
        Ok(_) if global_is_defined() => Ok(()),
        Ok(_) => {
            script.remove();
            Err(LoadError::GlobalMissing)
        }
        Err(_) => {
            script.remove();
            if window.navigator().on_line() {
                Err(LoadError::Blocked {
                    host: script_host(src).to_owned(),
                })
            } else {
                Err(LoadError::Offline)
            }
        }
    }
}

/// The host an applicant would allow in a blocker: `web.smileapi.io` for Smile's script,
/// "this site" for a same-origin path such as the emulator's.
pub fn script_host(src: &str) -> &str {
    let Some((_, rest)) = src.split_once("://") else {
        return if let Some(rest) = src.strip_prefix("//") {
            rest.split(['/', '?', '#']).next().unwrap_or(THIS_SITE)
        } else {
            THIS_SITE
        };
    };
    match rest.split(['/', '?', '#']).next() {
        Some(host) if !host.is_empty() => host,
        _ => THIS_SITE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_for_the_blocked_message() {
        assert_eq!(
            script_host("https://web.smileapi.io/v2/smile.v2.js"),
            "web.smileapi.io"
        );
        assert_eq!(script_host("//cdn.example.com/x.js?v=1"), "cdn.example.com");
        assert_eq!(script_host("/sandbox/smile.v2.js"), "this site");
        assert_eq!(script_host("http://127.0.0.1:3000"), "127.0.0.1:3000");
    }

    #[test]
    fn the_three_failures_read_differently() {
        let blocked = LoadError::Blocked {
            host: "web.smileapi.io".into(),
        }
        .to_string();
        let missing = LoadError::GlobalMissing.to_string();
        let timed_out = LoadError::TimedOut { seconds: 15 }.to_string();
        assert!(blocked.contains("could not be loaded from web.smileapi.io"));
        assert!(blocked.contains("blocker"));
        assert!(missing.contains("did not start"));
        assert!(timed_out.contains("15 seconds"));
        assert!(LoadError::Offline.to_string().contains("offline"));
    }
}
