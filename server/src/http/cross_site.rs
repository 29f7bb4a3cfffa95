//! Refuses state-changing requests that another site's page sent (CSRF), on top of the
//! SameSite=Strict cookies: the browser's `Sec-Fetch-Site` when it sends one, else the
//! `Origin` compared with the public origin (`WINK_PUBLIC_URL`: scheme, host and port), or
//! with `Host` when none is configured. Requests without either (curl, server-to-server)
//! pass: they carry no browser cookies to abuse.
//!
//! And DNS rebinding: every `/api` request's `Host` must be the public URL's host (or, in
//! emulator mode on a laptop, a loopback name), so a page on another name that resolves to
//! this server cannot read it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use url::Url;

use super::AppError;
use crate::origin::Expected;
use crate::AppState;

pub async fn same_origin_only(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let expected = state.expected_origin();
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !expected.accepts_host(host) {
        tracing::warn!("request for another host name refused");
        return Err(crate::Error::Forbidden(
            "This server does not answer for that host name.".into(),
        )
        .into());
    }
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers(), expected) {
        tracing::warn!(method = %request.method(), "cross-site request refused");
        return Err(AppError::CrossSite);
    }
    Ok(next.run(request).await)
}

fn is_cross_site(headers: &HeaderMap, expected: &Expected) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        // `none`: typed in the address bar or a bookmark, not a page.
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let origin = origin.to_str().ok();
    if let Expected::Public { origin: want, .. } = expected {
        // Scheme, host and port, as the browser serialises them.
        return origin
            .and_then(|o| Url::parse(o).ok())
            .map(|o| o.origin().ascii_serialization())
            .is_none_or(|o| o != *want);
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, host) {
        (Some(origin), Some(host)) => !origin.eq_ignore_ascii_case(host),
        // `Origin: null` (sandboxed frames, some redirects) or no Host: refuse.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &Expected::SameHost
        ));
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "none")]),
            &Expected::SameHost
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &Expected::SameHost
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            &Expected::SameHost
        ));
    }

    #[test]
    fn with_a_public_url_origin_is_compared_by_scheme_host_and_port() {
        let public = Expected::new(Some("https://loans.example.com/"), false);
        let cross = |origin: &'static str| {
            is_cross_site(
                &headers(&[("origin", origin), ("host", "loans.example.com")]),
                &public,
            )
        };
        assert!(!cross("https://loans.example.com"));
        assert!(!cross("https://loans.example.com:443"));
        assert!(cross("http://loans.example.com"), "another scheme");
        assert!(cross("https://loans.example.com:8443"), "another port");
        assert!(cross("https://evil.example"));
        assert!(cross("null"));
    }

    #[test]
    fn host_must_be_the_public_one_or_loopback_on_a_laptop() {
        let public = Expected::new(Some("https://loans.example.com"), false);
        assert!(public.accepts_host(Some("loans.example.com")));
        assert!(public.accepts_host(Some("LOANS.example.com:443")));
        assert!(!public.accepts_host(Some("loans.example.com:8080")));
        assert!(!public.accepts_host(Some("rebound.evil.example")));
        assert!(
            public.accepts_host(Some("127.0.0.1:3000")),
            "a proxy's upstream address"
        );
        let laptop = Expected::new(None, true);
        assert!(laptop.accepts_host(Some("127.0.0.1:3000")));
        assert!(laptop.accepts_host(Some("localhost:8080")));
        assert!(laptop.accepts_host(Some("[::1]:3000")));
        assert!(!laptop.accepts_host(Some("rebound.evil.example:3000")));
        assert!(Expected::new(None, false).accepts_host(Some("anything")));
    }

    #[test]
    fn origin_must_match_host_otherwise() {
        assert!(!is_cross_site(&headers(&[]), &Expected::SameHost));
        assert!(!is_cross_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            &Expected::SameHost
        ));
        assert!(is_cross_site(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "loans.example.com")
            ]),
            &Expected::SameHost
        ));
        assert!(is_cross_site(
            &headers(&[("origin", "null"), ("host", "a")]),
            &Expected::SameHost
        ));
    }
}
