//! The applicant's pages, by path. Following links and history is `wink_web::router`'s job
//! (shared with the officer's dashboard); re-exported here for the pages.

pub use wink_web::router::{current_query, navigate, navigate_replacing, query_param, use_path};

/// The link page asked to explain a reconnection: the lender could not refresh the data of
/// an account and sent the applicant their resume link (`/resume/…?reconnect=1`), which
/// passes this on.
pub const RECONNECT_LINK_PAGE: &str = "/link?reconnect=1";

/// Whether the page's address carries `?reconnect=1`.
pub fn asks_to_reconnect() -> bool {
    query_param(&current_query(), "reconnect").as_deref() == Some("1")
}

/// The pages, by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Landing,
    Apply,
    Link,
    Done,
    /// `/resume/<token>`
    Resume(String),
    NotFound,
}

impl Route {
    /// The route for a URL path (no query or fragment); a trailing `/` is ignored.
    pub fn from_path(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        match trimmed {
            "" => Route::Landing,
            "/apply" => Route::Apply,
            "/link" => Route::Link,
            "/done" => Route::Done,
            _ => match trimmed.strip_prefix("/resume/") {
                Some(token) if !token.is_empty() && !token.contains('/') => {
                    Route::Resume(token.to_owned())
                }
                _ => Route::NotFound,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::from_path("/"), Route::Landing);
        assert_eq!(Route::from_path(""), Route::Landing);
        assert_eq!(Route::from_path("/apply"), Route::Apply);
        assert_eq!(Route::from_path("/apply/"), Route::Apply);
        assert_eq!(Route::from_path("/link"), Route::Link);
        assert_eq!(Route::from_path("/done"), Route::Done);
        assert_eq!(
            Route::from_path("/resume/3k9-abc_DEF"),
            Route::Resume("3k9-abc_DEF".into())
        );
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/no/such/page",
            "/resume",
            "/resume/",
            "/resume/a/b",
            "/applyx",
            "/Apply",
        ] {
            assert_eq!(Route::from_path(path), Route::NotFound, "{path}");
        }
    }
}
