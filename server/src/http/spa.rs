//! Serving the front end built by trunk: files from `dist/`, and `index.html` for client-side
//! routes (`/apply`, `/applicants/42`) so a reload or a shared link lands on the right page —
//! or, for a route whose first screen the release build prerendered
//! (`dist/prerendered/<lang>/<route>.html`, see `xtask/src/prerender.rs`), that page in the
//! reader's language, which the app takes over when it mounts.
//! HTML carries the front end's Content-Security-Policy and is revalidated on every load;
//! files trunk hashed are cached for a year; everything here may be compressed (it is the
//! same for every visitor, unlike `/api`, which is never compressed: BREACH).

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::util::ServiceExt;
use tower::Service;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use axum_extra::extract::CookieJar;
use wink_api::i18n::Lang;

use super::headers::{self, HtmlPolicy, Page};
use super::AppError;

/// A smaller build of a front end for its first screens, in a folder of its `dist`: the
/// applicant's `/` and `/apply` (`start/Trunk.toml`), so a phone downloads about half of
/// the whole app before the form works. That build brings the route's prerendered page to
/// life: without one (`trunk serve` during development, or before the release build's
/// pages are rendered), the whole app serves those routes too.
pub struct StartBuild {
    folder: &'static str,
    /// Route paths without their slashes: `""` is `/`.
    routes: &'static [&'static str],
}

pub const APPLICANT_START: StartBuild = StartBuild {
    folder: "start",
    routes: &["", "apply"],
};

/// A service serving the front end built into `dist` (the applicant app or the dashboard),
/// its first screens from `start`'s build when there is one. A request carrying the
/// `signed_in` cookie is never sent a prerendered page (the officers' is their sign-in
/// form).
pub fn service(
    dist: &Path,
    page: Page,
    signed_in: Option<&'static str>,
    start: Option<&'static StartBuild>,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone {
    // `cargo xtask` release builds leave `name.br` beside each hashed file, compressed
    // once at brotli's best; without one, the layer below compresses per request.
    let files = ServeDir::new(dist).precompressed_br();
    let index = headers::index_of(dist);
    // The first screens' folder and index, once: a request only checks the index exists.
    let start = start.map(|build| {
        let folder = dist.join(build.folder);
        let index = headers::index_of(&folder);
        (folder, index, build.routes)
    });
    let indexes = std::iter::once(index.clone())
        .chain(start.iter().map(|(_, index, _)| index.clone()))
        .collect();
    let dist = dist.to_path_buf();
    let policy = HtmlPolicy::new(page, indexes);
    let inner = tower::service_fn(move |req: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        let policy = policy.clone();
        let route = page_route(&req);
        // The first screens' build, when it serves this route and has been built.
        let first = start.as_ref().filter(|(_, index, routes)| {
            route.is_some_and(|route| routes.contains(&route)) && index.is_file()
        });
        let prerendered = route.and_then(|route| {
            let home = first.map_or(dist.as_path(), |(folder, _, _)| folder.as_path());
            prerendered(home, route, &req, signed_in)
        });
        async move {
            Ok(match prerendered {
                Some(page) => {
                    // Always the whole page: one address answers in each language, and a
                    // copy cached in another would pass a date check (`If-Modified-Since`
                    // compares only this language's file).
                    let mut req = req;
                    req.headers_mut().remove(header::IF_MODIFIED_SINCE);
                    req.headers_mut().remove(header::IF_NONE_MATCH);
                    let mut response = serve_page(&page, &policy, req).await;
                    // A cache between us and the reader must keep each language apart.
                    response.headers_mut().insert(
                        header::VARY,
                        HeaderValue::from_static("accept-language, cookie"),
                    );
                    response
                }
                // The first screens' build brings a prerendered page to life and renders
                // nothing itself: without one, the whole app serves the route.
                None => serve(files, &index, &policy, req).await,
            })
        }
    });
    let compressed = tower::ServiceBuilder::new()
        .layer(CompressionLayer::new().gzip(true).br(true))
        .service(inner);
    tower::ServiceBuilder::new()
        .map_response(IntoResponse::into_response)
        .service(compressed)
}

/// The route a page request asks for, without its slashes (`/` is `""`, `/apply/` is
/// `"apply"`): a GET or HEAD of a path of at most 32 of `[a-z-]`, one segment. Anything
/// else (files, deeper paths, other methods) is `None`.
fn page_route(req: &Request<Body>) -> Option<&str> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return None;
    }
    let route = req.uri().path().trim_matches('/');
    // Route names only: no dots, no slashes, nothing outside the build's folders.
    (route.len() <= 32 && route.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .then_some(route)
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

/// The first screen the release build in `dist` prerendered for `route`, in the reader's
/// language (else English), if there is one: `/` is `index.html`, `/apply` `apply.html`.
fn prerendered(
    dist: &Path,
    route: &str,
    req: &Request<Body>,
    signed_in: Option<&str>,
) -> Option<PathBuf> {
    if signed_in.is_some_and(|name| CookieJar::from_headers(req.headers()).get(name).is_some()) {
        return None;
    }
    let name = if route.is_empty() { "index" } else { route };
    let file = format!("{name}.html");
    let pages = dist.join("prerendered");
    [accepted_language(req.headers()), Lang::En]
        .into_iter()
        .map(|lang| pages.join(lang.as_str()).join(&file))
        .find(|page| page.is_file())
}

/// The language the app last showed in this browser (its `wink_lang` cookie), else the
/// first of the reader's languages (`Accept-Language`, most preferred first) that the
/// applicant's pages speak, as the app itself chooses from `navigator.languages`.
fn accepted_language(headers: &HeaderMap) -> Lang {
    let shown = CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|cookie| Lang::from_tag(cookie.value()));
    if let Some(lang) = shown {
        return lang;
    }
    /// An honest browser sends a handful; the rest are ignored.
    const MOST: usize = 16;
    let header = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut tags: Vec<(f32, &str)> = header
        .split(',')
        .take(MOST)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let quality = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
                Some(q) => q.trim().parse().ok()?,
                None => 1.0,
            };
            (quality > 0.0 && !tag.is_empty()).then_some((quality, tag))
        })
        .collect();
    // Stable: equal weights keep the order they were sent in.
    tags.sort_by(|a, b| b.0.total_cmp(&a.0));
    Lang::from_browser(tags.into_iter().map(|(_, tag)| tag))
}

/// Set by the app (`src/i18n/browser.js`) whenever it shows a language.
const LANG_COOKIE: &str = "wink_lang";

/// One page file (a prerendered page, or the first screens' `index.html`) with the
/// front end's CSP, revalidated.
async fn serve_page(page: &Path, policy: &HtmlPolicy, req: Request<Body>) -> Response {
    let response = match ServeFile::new(page).oneshot(req).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    secure(response, policy, "")
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
    use super::*;

    #[test]
    fn client_routes_have_no_extension() {
        assert!(looks_like_client_route("/"));
        assert!(looks_like_client_route("/applicants/42"));
        assert!(looks_like_client_route("/apply/"));
        assert!(!looks_like_client_route("/wink-portal-1a2b.wasm"));
        assert!(!looks_like_client_route("/style/main.css"));
    }

    #[test]
    fn the_readers_language_from_accept_language() {
        let lang = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_LANGUAGE,
                HeaderValue::from_str(value).unwrap(),
            );
            accepted_language(&headers)
        };
        assert_eq!(accepted_language(&HeaderMap::new()), Lang::En);
        assert_eq!(lang("fil-PH,fil;q=0.9,en-US;q=0.8,en;q=0.7"), Lang::Fil);
        assert_eq!(lang("tl"), Lang::Fil);
        assert_eq!(lang("de-DE,id;q=0.5,en;q=0.4"), Lang::Id);
        assert_eq!(lang("en;q=0.3, id-ID"), Lang::Id, "by weight, not order");
        assert_eq!(lang("id;q=0, fil;q=0.1"), Lang::Fil, "q=0 is a refusal");
        assert_eq!(lang("fr, de"), Lang::En);
        assert_eq!(lang("id;q=abc, fil"), Lang::Fil);
        assert_eq!(lang(&"xx,".repeat(100)), Lang::En);
        // The language the app last showed here wins.
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fil"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; wink_lang=id"),
        );
        assert_eq!(accepted_language(&headers), Lang::Id);
        headers.insert(header::COOKIE, HeaderValue::from_static("wink_lang=xx"));
        assert_eq!(accepted_language(&headers), Lang::Fil);
    }
}
