//! The stand-in widget script, `smile.v2.js`.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::state::Shared;

/// The script as written; [`render`] fills in the configured defaults.
pub const SOURCE: &str = include_str!("../widget/smile.v2.js");

/// The placeholder in the script for a configured Link API base URL.
const LINK_HOST_PLACEHOLDER: &str = "/*@DEFAULT_LINK_HOST@*/ null";

/// The script to serve: with `public_base_url` set, the widget defaults to
/// `<public_base_url>/link/v1`; otherwise it derives the URL from its own `src`.
pub fn render(public_base_url: Option<&str>) -> String {
    match public_base_url {
        Some(base) => {
            let host = format!("{}/link/v1", base.trim_end_matches('/'));
            let literal = serde_json::to_string(&host).unwrap_or_else(|_| "null".to_owned());
            SOURCE.replace(LINK_HOST_PLACEHOLDER, &literal)
        }
        None => SOURCE.to_owned(),
    }
}

/// `GET /smile.v2.js`.
pub async fn script(State(app): State<Shared>) -> Response {
    (
        [
            (CONTENT_TYPE, "application/javascript; charset=utf-8"),
            // Always fresh: the emulator's widget changes with the emulator.
            (CACHE_CONTROL, "no-cache"),
        ],
        app.widget_js.clone(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_is_in_the_script_and_gets_replaced() {
        assert!(SOURCE.contains(LINK_HOST_PLACEHOLDER));
        let js = render(Some("http://localhost:3000/sandbox/"));
        assert!(js.contains(r#""http://localhost:3000/sandbox/link/v1""#));
        assert!(!js.contains(LINK_HOST_PLACEHOLDER));
        assert_eq!(render(None), SOURCE);
    }
}
