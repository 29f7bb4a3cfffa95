//! `GET /api/officer/applicants` and its CSV export (see [`crate::review::list`]).

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::Json;
use futures_util::StreamExt;
use wink_api::officer::{ApplicantPage, ApplicantQuery};

use super::session::CurrentOfficer;
use crate::http::{AppError, AppQuery};
use crate::review::list::{self, Export};
use crate::AppState;

pub async fn list(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppQuery(query): AppQuery<ApplicantQuery>,
) -> Result<Json<ApplicantPage>, AppError> {
    Ok(Json(
        list::page(&state, &officer.actor(), query.into()).await?,
    ))
}

/// Every match as CSV, streamed page by page.
pub async fn export(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppQuery(query): AppQuery<ApplicantQuery>,
) -> Result<impl IntoResponse, AppError> {
    let mut export = Export::new(&state, officer.actor(), query.into());
    // The first page before answering: a failure there still gets an error status.
    let mut first = Export::header();
    if let Some(lines) = export.next_page().await? {
        first.push_str(&lines);
    }
    let rest = futures_util::stream::unfold(export, |mut export| async move {
        match export.next_page().await {
            Ok(Some(lines)) => Some((Ok(lines), export)),
            Ok(None) => None,
            Err(e) => {
                // The status is sent already: the body is cut short, never completed.
                tracing::error!(error = %e, "export stopped");
                Some((Err(std::io::Error::other(e)), export))
            }
        }
    });
    let body = futures_util::stream::once(async { Ok::<_, std::io::Error>(first) }).chain(rest);
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"wink-applicants.csv\"",
            ),
        ],
        Body::from_stream(body),
    ))
}

#[cfg(test)]
mod tests {
    use axum::extract::Query;
    use axum::http::Uri;

    use super::*;

    /// The list's query string as the handlers read it.
    fn read(query: &str) -> Result<ApplicantQuery, AppError> {
        let uri: Uri = format!("/api/officer/applicants?{query}").parse().unwrap();
        // The rejection becomes an `AppError` the way `AppQuery`'s does.
        let Query(query) = Query::<ApplicantQuery>::try_from_uri(&uri)?;
        Ok(query)
    }

    #[test]
    fn bad_query_values_are_a_bad_query_naming_the_parameter() {
        for (query, parameter) in [
            ("status=nope", "status:"),
            ("flag=nope", "flag:"),
            ("sort=nope", "sort:"),
            ("page=0", "page:"),
            ("perPage=1000", "perPage:"),
        ] {
            match read(query) {
                Err(AppError::BadQuery(m)) => assert!(m.contains(parameter), "{query}: {m}"),
                _ => panic!("{query}: expected a bad query"),
            }
        }
        let ok = read("q=%20%20").ok().unwrap();
        assert!(ok.q.is_none());
        assert_eq!(
            (ok.page_number(), ok.page_size()),
            (1, wink_api::officer::DEFAULT_PER_PAGE)
        );
    }
}
