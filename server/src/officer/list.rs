//! The applicants list and its CSV export: search, filters and sort run in the database on
//! stored columns, so both stay fast at 100,000 applicants.

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::Json;
use futures_util::StreamExt;
use wink_api::officer::{
    ApplicantPage, ApplicantQuery, ApplicantRow, ApplicantSort, AuditAction, ReviewStatus,
    StatusCount,
};
use wink_api::summary::FlagKind;

use super::session::CurrentOfficer;
use crate::db::audit::Actor;
use crate::db::{audit, review, Db};
use crate::error::AppQuery;
use crate::{AppError, AppState};

/// The list query as the database runs it.
struct Checked {
    filter: review::Filter,
    sort: ApplicantSort,
    page: u32,
    per_page: u32,
}

impl From<ApplicantQuery> for Checked {
    fn from(query: ApplicantQuery) -> Self {
        Checked {
            sort: query.sort.unwrap_or_default(),
            page: query.page_number(),
            per_page: query.page_size(),
            filter: review::Filter {
                search: query.q,
                status: query.status,
                flag: query.flag,
            },
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppQuery(query): AppQuery<ApplicantQuery>,
) -> Result<Json<ApplicantPage>, AppError> {
    let checked = Checked::from(query);
    let db = state.db();
    let offset = u64::from(checked.page - 1) * u64::from(checked.per_page);
    let page_then_audit = async {
        let items =
            review::page(db, &checked.filter, checked.sort, checked.per_page, offset).await?;
        // Names and emails are personal data: each one shown is audited before the answer.
        let shown: Vec<&str> = items.iter().map(|r| r.id.as_str()).collect();
        audit::record(db, &officer.actor(), &shown, AuditAction::ViewList).await?;
        Ok::<_, sqlx::Error>(items)
    };
    // The per-status counts (which give the total too) meanwhile, on another connection:
    // at 100,000 applicants they are most of the request's time.
    let (items, counts) = tokio::try_join!(page_then_audit, review::counts(db, &checked.filter))?;
    let total = match checked.filter.status {
        Some(status) => counts.get(status.as_str()).copied().unwrap_or_default(),
        None => counts.values().sum(),
    };
    Ok(Json(ApplicantPage {
        items,
        total,
        page: checked.page,
        per_page: checked.per_page,
        counts: ReviewStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: counts.get(status.as_str()).copied().unwrap_or_default(),
            })
            .collect(),
    }))
}

/// Rows per page of the export: one list query, one flags query and the page's audit rows
/// each, far below the databases' limits on bound parameters.
const EXPORT_PAGE: u32 = 1_000;

/// Every match as CSV, streamed page by page: each page's audit rows (one per exported
/// applicant) are written before its rows are sent.
pub async fn export(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppQuery(query): AppQuery<ApplicantQuery>,
) -> Result<impl IntoResponse, AppError> {
    let checked = Checked::from(query);
    let mut cursor = ExportCursor {
        db: state.db().clone(),
        filter: checked.filter,
        sort: checked.sort,
        actor: officer.actor(),
        offset: 0,
        done: false,
    };
    // The first page before answering: a failure there still gets an error status.
    let mut first = HEADER.join(",");
    first.push_str("\r\n");
    if let Some(rows) = cursor.next_page().await? {
        first.push_str(&csv_rows(&rows));
    }
    let rest = futures_util::stream::unfold(cursor, |mut cursor| async move {
        match cursor.next_page().await {
            Ok(Some(rows)) => Some((Ok(csv_rows(&rows)), cursor)),
            Ok(None) => None,
            Err(e) => {
                // The status is sent already: the body is cut short, never completed.
                tracing::error!(error = %e, "export stopped");
                cursor.done = true;
                Some((Err(std::io::Error::other(e)), cursor))
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

/// Where an export has got to.
struct ExportCursor {
    db: Db,
    filter: review::Filter,
    sort: ApplicantSort,
    actor: Actor,
    offset: u64,
    done: bool,
}

impl ExportCursor {
    /// The next page, audited; `None` after the last.
    async fn next_page(&mut self) -> sqlx::Result<Option<Vec<ApplicantRow>>> {
        if self.done {
            return Ok(None);
        }
        let rows =
            review::page(&self.db, &self.filter, self.sort, EXPORT_PAGE, self.offset).await?;
        self.done = rows.len() < EXPORT_PAGE as usize;
        self.offset += rows.len() as u64;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        audit::record(&self.db, &self.actor, &ids, AuditAction::Export).await?;
        Ok(Some(rows))
    }
}

const HEADER: [&str; 10] = [
    "reference",
    "full_name",
    "email",
    "employer",
    "status",
    "flags",
    "name_score",
    "accounts",
    "applied_at",
    "updated_at",
];

fn csv_rows(rows: &[ApplicantRow]) -> String {
    let mut out = String::new();
    for row in rows {
        let flags: Vec<&str> = row.flags.iter().map(FlagKind::as_str).collect();
        let fields = [
            row.reference.clone(),
            row.full_name.clone(),
            row.email.clone(),
            row.employer.clone(),
            row.status.as_str().to_owned(),
            flags.join(" "),
            row.name_score.map(|s| s.to_string()).unwrap_or_default(),
            row.accounts.to_string(),
            row.created_at.clone(),
            row.updated_at.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// RFC 4180 quoting, and a leading `'` before `= + - @` so a spreadsheet never runs a
/// name typed by an applicant as a formula (CSV injection).
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use axum::extract::Query;
    use axum::http::Uri;
    use wink_api::officer::DEFAULT_PER_PAGE;

    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
    }

    /// The list's query string as the handlers read it.
    fn read(query: &str) -> Result<Checked, AppError> {
        let uri: Uri = format!("/api/officer/applicants?{query}").parse().unwrap();
        // The rejection becomes an `AppError` the way `AppQuery`'s does.
        let Query(query) = Query::<ApplicantQuery>::try_from_uri(&uri)?;
        Ok(Checked::from(query))
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
        assert!(ok.filter.search.is_none());
        assert_eq!((ok.page, ok.per_page), (1, DEFAULT_PER_PAGE));
    }
}
