//! Typed calls to the officer routes of `wink_api::officer`. Every call except `login`
//! reports a 401 to the session (see [`crate::session::note`]), which sends the officer
//! back to the login page.

use wink_api::officer::{
    percent_encode, ApplicantDetail, ApplicantPage, ApplicantQuery, AuditTrail, Decision, Invite,
    NewDecision, NewInvite, NewNote, Note, OfficerLogin, OfficerMe, RolloutReport,
};
use wink_api::report::{ReconnectLink, Reverification};
pub use wink_web::http::ApiError;
use wink_web::http::{delete, get, post, post_empty, post_for_status};

use crate::session::note;

const API: &str = "/api/officer";

fn applicant_path(id: &str) -> String {
    format!("{API}/applicants/{}", percent_encode(id))
}

/// `?q=...` (or nothing) for a list query.
fn with_query(path: &str, query: &ApplicantQuery) -> String {
    match query.to_query_string() {
        q if q.is_empty() => path.to_owned(),
        q => format!("{path}?{q}"),
    }
}

/// `POST /login`: 401 wrong email or password, 429 too many attempts (`Retry-After`).
pub async fn login(form: &OfficerLogin) -> Result<OfficerMe, ApiError> {
    post(&format!("{API}/login"), form).await
}

/// `POST /logout`.
pub async fn logout() -> Result<(), ApiError> {
    post_for_status(&format!("{API}/logout")).await
}

/// `GET /me`: the signed-in officer (a 401 here just means "not signed in").
pub async fn me() -> Result<OfficerMe, ApiError> {
    get(&format!("{API}/me")).await
}

/// `GET /applicants?...`
pub async fn applicants(query: ApplicantQuery) -> Result<ApplicantPage, ApiError> {
    note(get(&with_query(&format!("{API}/applicants"), &query)).await)
}

/// The CSV export of every applicant matching `query` (filters and order; not the page).
pub fn export_href(query: &ApplicantQuery) -> String {
    let every = ApplicantQuery {
        page: None,
        per_page: None,
        ..query.clone()
    };
    with_query(&format!("{API}/applicants/export.csv"), &every)
}

/// `GET /applicants/{id}`
pub async fn applicant(id: String) -> Result<ApplicantDetail, ApiError> {
    note(get(&applicant_path(&id)).await)
}

/// `DELETE /applicants/{id}`
pub async fn delete_applicant(id: &str) -> Result<(), ApiError> {
    note(delete(&applicant_path(id)).await)
}

/// `POST /applicants/{id}/notes`
pub async fn add_note(id: &str, note_text: &NewNote) -> Result<Note, ApiError> {
    note(post(&format!("{}/notes", applicant_path(id)), note_text).await)
}

/// `POST /applicants/{id}/decision`
pub async fn decide(id: &str, decision: &NewDecision) -> Result<Decision, ApiError> {
    note(post(&format!("{}/decision", applicant_path(id)), decision).await)
}

/// `GET /applicants/{id}/audit`
pub async fn audit(id: String) -> Result<AuditTrail, ApiError> {
    note(get(&format!("{}/audit", applicant_path(&id))).await)
}

/// The PDF report's paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// The value of the report's `paper` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// A label for a person.
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

/// `GET /applicants/{id}/report.pdf?paper=...`: a download (the session cookie goes with
/// a same-origin link), so an address rather than a call.
pub fn report_pdf_href(id: &str, paper: Paper) -> String {
    format!("{}/report.pdf?paper={}", applicant_path(id), paper.as_str())
}

/// `GET /applicants/{id}/report.json`: the signed report as JSON, a download too.
pub fn report_json_href(id: &str) -> String {
    format!("{}/report.json", applicant_path(id))
}

/// `POST /applicants/{id}/reverify`: a fresh sync of every source, after a snapshot.
pub async fn reverify(id: &str) -> Result<Reverification, ApiError> {
    note(post_empty(&format!("{}/reverify", applicant_path(id))).await)
}

/// `POST /applicants/{id}/reconnect-link`: a resume link that explains the reconnection
/// (409 when no account needs reconnecting).
pub async fn reconnect_link(id: &str) -> Result<ReconnectLink, ApiError> {
    note(post_empty(&format!("{}/reconnect-link", applicant_path(id))).await)
}

/// `GET /rollout`: the staged rollout's settings and each cohort's conversion.
pub async fn rollout() -> Result<RolloutReport, ApiError> {
    note(get(&format!("{API}/rollout")).await)
}

/// `POST /invites`
pub async fn invite(form: &NewInvite) -> Result<Invite, ApiError> {
    note(post(&format!("{API}/invites"), form).await)
}

#[cfg(test)]
mod tests {
    use wink_api::officer::{ApplicantSort, ReviewStatus};
    use wink_api::summary::FlagKind;

    use super::*;

    #[test]
    fn the_export_keeps_filters_and_order_but_not_the_page() {
        let query = ApplicantQuery {
            q: Some("Palomero".into()),
            status: Some(ReviewStatus::Ready),
            flag: Some(FlagKind::ContributionGap),
            sort: Some(ApplicantSort::Name),
            page: Some(3),
            per_page: Some(50),
        };
        assert_eq!(
            export_href(&query),
            "/api/officer/applicants/export.csv?q=Palomero&status=ready&flag=contribution_gap&sort=name"
        );
        assert_eq!(
            export_href(&ApplicantQuery::default()),
            "/api/officer/applicants/export.csv"
        );
        assert_eq!(applicant_path("a/b"), "/api/officer/applicants/a%2Fb");
    }

    #[test]
    fn report_downloads_name_the_paper_and_escape_the_id() {
        assert_eq!(
            report_pdf_href("a1", Paper::A4),
            "/api/officer/applicants/a1/report.pdf?paper=a4"
        );
        assert_eq!(
            report_pdf_href("a/b", Paper::Letter),
            "/api/officer/applicants/a%2Fb/report.pdf?paper=letter"
        );
        assert_eq!(
            report_json_href("a1"),
            "/api/officer/applicants/a1/report.json"
        );
    }
}
