//! Serving the front end built by trunk: files from `dist/`, and `index.html` for client-side
//! routes (`/apply`, `/applicants/42`) so a reload or a shared link lands on the right page.
//! HTML carries the front end's Content-Security-Policy and is revalidated on every load;
//! files trunk hashed are cached for a year; everything here may be compressed (it is the
//! same for every visitor, unlike `/api`, which is never compressed: BREACH).

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::util::ServiceExt;
use tower::Service;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use super::headers::{self, HtmlPolicy, Page};
use super::AppError;

/// A service serving the front end built into `dist` (the applicant app or the dashboard).
pub fn service(
    dist: &Path,
    page: Page,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone {
    // `cargo xtask` release builds leave `name.br` beside each hashed file, compressed
    // once at brotli's best; without one, the layer below compresses per request.
    let files = ServeDir::new(dist).precompressed_br();
    let index = headers::index_of(dist);
    let policy = HtmlPolicy::new(page, index.clone());
    let inner = tower::service_fn(move |req: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        let policy = policy.clone();
        async move { Ok(serve(files, &index, &policy, req).await) }
    });
    let compressed = tower::ServiceBuilder::new()
        .layer(CompressionLayer::new().gzip(true).br(true))
        .service(inner);
    tower::ServiceBuilder::new()
        .map_response(IntoResponse::into_response)
        .service(compressed)
}

async fn serve(files: ServeDir, index: &Path, policy: &HtmlPolicy, req: Request<Body>) -> Response {
    let path = req.uri().path().to_owned();
    // An API path the API router did not take (`/api/`, which `nest` leaves out) is an
    // unknown route, never the app's page (nor the 503 of a front end not yet built).
    if path == "/api" || path.starts_with("/api/") {
        return AppError::NoSuchRoute(path).into_response();
    }
    let response = serve_file(files, index, req).await;
    secure(response, policy, &path)
}

/// The page's CSP and no-cache on HTML and other unhashed files; a year's caching for
/// hashed files.
fn secure(mut response: Response, policy: &HtmlPolicy, path: &str) -> Response {
    if headers::is_html(&response) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy.header());
        return revalidate_html(response);
    }
    let cacheable =
        response.status() == StatusCode::OK || response.status() == StatusCode::NOT_MODIFIED;
    if cacheable && headers::is_hashed_asset(path) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else if cacheable {
        // Unhashed files (the translations in `locales/`) change under the same name with
        // a deploy: revalidate each time (a 304 costs no body).
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

async fn serve_file(files: ServeDir, index: &Path, req: Request<Body>) -> Response {
    let is_read = matches!(*req.method(), Method::GET | Method::HEAD);
    let client_route = is_read && looks_like_client_route(req.uri().path());
    let parts = Request::builder()
        .method(req.method().clone())
        .uri(req.uri().clone())
        .body(Body::empty())
        .expect("a copy of a valid request is valid");
    let response = match files.oneshot(req).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() != StatusCode::NOT_FOUND || !client_route {
        return revalidate_html(response);
    }
    if !index.is_file() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The front end has not been built: run `cargo xtask dev` (or `trunk build --release`).",
        )
            .into_response();
    }
    match ServeFile::new(index).oneshot(parts).await {
        Ok(response) => revalidate_html(response.map(Body::new)),
        Err(never) => match never {},
    }
}

/// The page names hashed assets; it must be revalidated so a deploy is picked up at once.
fn revalidate_html(mut response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_html {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// A path whose last segment has no file extension is one of the app's own routes; a missing
/// `/app-123.wasm` must stay a 404 rather than turn into HTML.
fn looks_like_client_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

#[cfg(test)]
mod tests {
    use super::looks_like_client_route;

    #[test]
    fn client_routes_have_no_extension() {
        assert!(looks_like_client_route("/"));
        assert!(looks_like_client_route("/applicants/42"));
        assert!(looks_like_client_route("/apply/"));
        assert!(!looks_like_client_route("/wink-portal-1a2b.wasm"));
        assert!(!looks_like_client_route("/style/main.css"));
    }
}
