//! Serving the front end built by trunk: files from `dist/`, and `index.html` for client-side
//! routes (`/apply`, `/applicants/42`) so a reload or a shared link lands on the right page.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::util::ServiceExt;
use tower::Service;
use tower_http::services::{ServeDir, ServeFile};

/// A service for the fallback of the whole router.
pub fn service(
    dist: &Path,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone {
    let files = ServeDir::new(dist);
    let index = dist.join("index.html");
    tower::service_fn(move |req: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        async move { Ok(serve(files, &index, req).await) }
    })
}

async fn serve(files: ServeDir, index: &Path, req: Request<Body>) -> Response {
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
