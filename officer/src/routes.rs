//! The dashboard's pages, by path. The server serves this app under [`BASE`] and answers
//! every path below it with the app's `index.html`.

use wink_api::officer::percent_encode;
use wink_web::router::percent_decode;

/// Where the server mounts the dashboard.
pub const BASE: &str = "/officer";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/officer/`: the applicants list (its filters are in the query string).
    Applicants,
    /// `/officer/applicants/<id>`
    Applicant(String),
    /// `/officer/applicants/<id>/audit`
    Audit(String),
    /// `/officer/rollout`: the staged rollout and each cohort's link conversion.
    Rollout,
    NotFound,
}

impl Route {
    /// The route for a URL path (no query or fragment); a trailing `/` is ignored.
    pub fn from_path(path: &str) -> Route {
        let Some(rest) = path.strip_prefix(BASE) else {
            return Route::NotFound;
        };
        let rest = rest.trim_end_matches('/');
        if rest.is_empty() || rest == "/applicants" {
            return Route::Applicants;
        }
        if rest == "/rollout" {
            return Route::Rollout;
        }
        let Some(rest) = rest.strip_prefix("/applicants/") else {
            return Route::NotFound;
        };
        match rest.split('/').collect::<Vec<_>>()[..] {
            [id] if !id.is_empty() => Route::Applicant(percent_decode(id)),
            [id, "audit"] if !id.is_empty() => Route::Audit(percent_decode(id)),
            _ => Route::NotFound,
        }
    }

    /// The path of this page.
    pub fn href(&self) -> String {
        match self {
            Route::Applicants | Route::NotFound => format!("{BASE}/"),
            Route::Applicant(id) => format!("{BASE}/applicants/{}", percent_encode(id)),
            Route::Audit(id) => format!("{BASE}/applicants/{}/audit", percent_encode(id)),
            Route::Rollout => format!("{BASE}/rollout"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages_and_back() {
        assert_eq!(Route::from_path("/officer"), Route::Applicants);
        assert_eq!(Route::from_path("/officer/"), Route::Applicants);
        assert_eq!(Route::from_path("/officer/applicants"), Route::Applicants);
        assert_eq!(Route::from_path("/officer/rollout/"), Route::Rollout);
        for route in [
            Route::Rollout,
            Route::Applicant("app-1".into()),
            Route::Audit("app 2/x".into()),
        ] {
            assert_eq!(Route::from_path(&route.href()), route);
        }
        assert_eq!(
            Route::Applicant("a b".into()).href(),
            "/officer/applicants/a%20b"
        );
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/",
            "/apply",
            "/officerx",
            "/officer/applicants/a/b",
            "/officer/applicants/a/audit/x",
            "/officer/nope",
        ] {
            assert_eq!(Route::from_path(path), Route::NotFound, "{path}");
        }
    }
}
