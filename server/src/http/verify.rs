//! `/verify`, a page anyone can drop a report on (no sign-in, no script: a plain form), and
//! `POST /api/verify` (the file as the body) for programs: the file in, its verdict out,
//! nothing stored (see `report_signing::verify`).

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use wink_api::report::Verdict;

use super::well_known::REPORT_KEYS_PATH;
use super::AppError;
use crate::client_addr::ClientAddr;
use crate::report_signing::verify::MAX_REPORT_FILE_BYTES;
use crate::AppState;

/// The form's file field.
const FILE_FIELD: &str = "report";

/// The file and the few headers of the form around it.
const FORM_BODY_LIMIT: usize = MAX_REPORT_FILE_BYTES + 16 * 1024;

/// The page's only style, allowed by its hash: the app's palette, nothing loaded.
const STYLE: &str = "\
:root{--ink:#1c2430;--muted:#5b6573;--paper:#fff;--wash:#f4f6f9;--line:#dde2ea;\
--accent:#0b5fff;--focus:#ffbf47;--danger:#b42318;--danger-wash:#fdecea;\
--success:#146c43;--success-wash:#e7f6ee;--radius:10px;\
font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;\
line-height:1.5;color:var(--ink);background:var(--wash)}\
body{margin:0;overflow-wrap:break-word}\
header{background:var(--paper);border-bottom:1px solid var(--line);padding:.75rem 1rem;font-weight:700}\
main{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 3rem}\
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}\
h2{font-size:1.2rem;margin:0 0 .5rem}\
.lead{color:var(--muted)}\
form,.result{background:var(--paper);border:1px solid var(--line);border-radius:var(--radius);padding:1rem;margin:1rem 0}\
label{display:block;font-weight:600;margin-bottom:.5rem}\
input{display:block;margin-bottom:1rem;max-width:100%}\
button{background:var(--accent);color:#fff;border:0;border-radius:var(--radius);padding:.6rem 1.2rem;font:inherit;font-weight:600;cursor:pointer}\
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}\
.valid{background:var(--success-wash);border-color:var(--success)}\
.invalid{background:var(--danger-wash);border-color:var(--danger)}\
dt{font-weight:600}dd{margin:0 0 .5rem;font-family:ui-monospace,monospace}\
code{font-family:ui-monospace,monospace}";

/// Nothing but the hashed style and the form's post to this origin.
static CONTENT_SECURITY_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
    HeaderValue::from_str(&format!(
        "default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    ))
    .expect("a CSP of ASCII and base64 is a valid header value")
});

pub fn page_router() -> Router<AppState> {
    Router::new()
        .route("/verify", get(form).post(check_form))
        .layer(DefaultBodyLimit::max(FORM_BODY_LIMIT))
}

/// Under `/api`, past its 16 KiB body limit: a report file is larger.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/verify", post(check_body))
        .layer(DefaultBodyLimit::max(MAX_REPORT_FILE_BYTES))
}

async fn form(State(state): State<AppState>) -> Response {
    page(&state, StatusCode::OK, None)
}

async fn check_form(
    State(state): State<AppState>,
    client: ClientAddr,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let file = match uploaded_file(multipart).await {
        Ok(file) => file,
        Err((status, problem)) => {
            return page(&state, status, Some(Outcome::NotChecked(problem.into())))
        }
    };
    match state.budgets().spend_verification(&client) {
        Ok(()) => {
            let verdict = state.verifier().check(file).await;
            page(&state, StatusCode::OK, Some(Outcome::Checked(verdict)))
        }
        // The API's status and `Retry-After`, as a page.
        Err(error) => {
            let error = AppError::from(error);
            let message = error.to_string();
            let answer = error.into_response();
            let mut response = page(&state, answer.status(), Some(Outcome::NotChecked(message)));
            if let Some(retry) = answer.headers().get(header::RETRY_AFTER) {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, retry.clone());
            }
            response
        }
    }
}

async fn check_body(
    State(state): State<AppState>,
    client: ClientAddr,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Verdict>, AppError> {
    let file = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge(MAX_REPORT_FILE_BYTES),
        _ => AppError::UnreadableBody(rejection.body_text()),
    })?;
    state.budgets().spend_verification(&client)?;
    Ok(Json(state.verifier().check(file).await))
}

/// The form's one file, or why there is none to check.
async fn uploaded_file(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Bytes, (StatusCode, &'static str)> {
    const CHOOSE: &str = "Choose a report file (its PDF or its JSON), then select Check.";
    let mut multipart = multipart.map_err(|_| (StatusCode::BAD_REQUEST, CHOOSE))?;
    while let Some(field) = multipart.next_field().await.map_err(field_problem)? {
        if field.name() == Some(FILE_FIELD) {
            let file = field.bytes().await.map_err(field_problem)?;
            if file.is_empty() {
                return Err((StatusCode::BAD_REQUEST, CHOOSE));
            }
            return Ok(file);
        }
    }
    Err((StatusCode::BAD_REQUEST, CHOOSE))
}

fn field_problem(error: MultipartError) -> (StatusCode, &'static str) {
    match error.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The file is larger than a report (10 MiB at most).",
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "The upload was cut short or malformed; please try again.",
        ),
    }
}

enum Outcome {
    Checked(Verdict),
    NotChecked(String),
}

/// The page: the form, and the outcome of a check above it.
fn page(state: &AppState, status: StatusCode, outcome: Option<Outcome>) -> Response {
    let lender = escape(state.company_name());
    let result = match outcome {
        None => String::new(),
        Some(Outcome::Checked(verdict)) if verdict.valid => {
            let detail = |label: &str, value: &Option<String>| {
                value.as_deref().map_or_else(String::new, |value| {
                    format!("<dt>{label}</dt><dd>{}</dd>", escape(value))
                })
            };
            format!(
                "<section class=\"result valid\" role=\"status\" aria-labelledby=\"result\">\
                 <h2 id=\"result\">Valid</h2><p>{}</p><dl>{}{}{}</dl></section>",
                escape(&verdict.message),
                detail("Report", &verdict.report_id),
                detail("Signed by key", &verdict.key_id),
                detail("Signed at", &verdict.signed_at),
            )
        }
        Some(Outcome::Checked(verdict)) => result_section("Not valid", &verdict.message),
        Some(Outcome::NotChecked(problem)) => result_section("Nothing was checked", &problem),
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Check a verification report · {lender}</title><style>{STYLE}</style></head>\
         <body><header>{lender}</header><main>\
         <h1>Check a verification report</h1>\
         <p class=\"lead\">Choose a report {lender} gave you, as its PDF or its JSON, to see \
         whether {lender} signed it and nothing in it was changed since. The file is checked \
         and forgotten: nothing is stored.</p>{result}\
         <form method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\">\
         <label for=\"report\">Report file (PDF or JSON, 10 MiB at most)</label>\
         <input id=\"report\" name=\"{FILE_FIELD}\" type=\"file\" required \
         accept=\".pdf,.json,application/pdf,application/json\">\
         <button type=\"submit\">Check</button></form>\
         <h2>Checking offline</h2>\
         <p>The reports are signed with Ed25519 over their canonical JSON (RFC 8785). \
         {lender}'s public keys are at <a href=\"{REPORT_KEYS_PATH}\">{REPORT_KEYS_PATH}</a>; \
         with a copy of that file, <code>wink-server verify-report FILE --key KEYS</code> \
         checks a report without this site.</p></main></body></html>\n"
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY.clone(),
    );
    // A verdict is about someone's report: no cache keeps it.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (status, headers, Html(html)).into_response()
}

fn result_section(title: &str, message: &str) -> String {
    format!(
        "<section class=\"result invalid\" role=\"status\" aria-labelledby=\"result\">\
         <h2 id=\"result\">{title}</h2><p>{}</p></section>",
        escape(message)
    )
}

/// Text as HTML: a verdict may quote the file, and the lender's name is configuration.
fn escape(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn the_policy_allows_the_style_by_its_hash_and_nothing_else_to_load() {
        let csp = CONTENT_SECURITY_POLICY.to_str().unwrap();
        assert!(
            csp.starts_with("default-src 'none'; style-src 'sha256-"),
            "{csp}"
        );
        assert!(
            !csp.contains("unsafe") && !csp.contains("script-src"),
            "{csp}"
        );
    }
}
