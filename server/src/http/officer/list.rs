//! The applicants list and its CSV export: search, filters and sort run in the database on
//! stored columns, so both stay fast at 100,000 applicants.

use axum::body::Body;
use axum::extract::State;

use crate::http::AppQuery;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::Json;
use futures_util::StreamExt;
use serde::Deserialize;
use wink_api::officer::{
    ApplicantPage, ApplicantRow, ApplicantSort, AuditAction, ReviewStatus, StatusCount,
    DEFAULT_PER_PAGE, MAX_PER_PAGE,
};
use wink_api::summary::FlagKind;

use super::session::CurrentOfficer;
use crate::db::audit::Actor;
use crate::db::{audit, review, Db};
use crate::{AppError, AppState};

/// The query string as typed; checked into a [`review::Filter`] with clear errors.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawQuery {
    q: Option<String>,
    status: Option<String>,
    flag: Option<String>,
    sort: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

struct Checked {
    filter: review::Filter,
    sort: ApplicantSort,
    page: u32,
    per_page: u32,
}

fn check(raw: RawQuery) -> Result<Checked, AppError> {
    let search = raw.q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty());
    if search.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(AppError::BadQuery("q: at most 200 characters.".into()));
    }
    let status = match raw.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ReviewStatus::parse(s).ok_or_else(|| {
            AppError::BadQuery(format!(
                "status: expected one of {}.",
                ReviewStatus::ALL.map(|s| s.as_str()).join(", ")
            ))
        })?),
    };
    let flag = match raw.flag.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(f) => match FlagKind::from(f) {
            FlagKind::Unknown(_) => {
                return Err(AppError::BadQuery(format!(
                    "flag: expected one of {}.",
                    FlagKind::KNOWN.map(|k| k.as_str().to_owned()).join(", ")
                )))
            }
            known => Some(known),
        },
    };
    let sort = match raw.sort.as_deref().filter(|s| !s.is_empty()) {
        None => ApplicantSort::default(),
        Some(s) => ApplicantSort::ALL
            .into_iter()
            .find(|sort| sort.as_str() == s)
            .ok_or_else(|| {
                AppError::BadQuery(format!(
                    "sort: expected one of {}.",
                    ApplicantSort::ALL.map(|s| s.as_str()).join(", ")
                ))
            })?,
    };
    let number = |name: &str, value: Option<String>, default: u32, max: u32| match value
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        None => Ok(default),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                AppError::BadQuery(format!("{name}: expected a whole number from 1 to {max}."))
            }),
    };
    Ok(Checked {
        filter: review::Filter {
            search,
            status,
            flag,
        },
        sort,
        page: number("page", raw.page, 1, 1_000_000)?,
        per_page: number("perPage", raw.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
    })
}

pub async fn list(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppQuery(raw): AppQuery<RawQuery>,
) -> Result<Json<ApplicantPage>, AppError> {
    let checked = check(raw)?;
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
        Some(status) => counts.get(&status).copied().unwrap_or_default(),
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
                count: counts.get(&status).copied().unwrap_or_default(),
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
    AppQuery(raw): AppQuery<RawQuery>,
) -> Result<impl IntoResponse, AppError> {
    let checked = check(raw)?;
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
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
    }

    #[test]
    fn bad_query_values_name_the_parameter() {
        let bad = |raw: RawQuery| match check(raw) {
            Err(AppError::BadQuery(m)) => m,
            _ => panic!("expected a bad query"),
        };
        assert!(bad(RawQuery {
            status: Some("nope".into()),
            ..Default::default()
        })
        .starts_with("status:"));
        assert!(bad(RawQuery {
            flag: Some("nope".into()),
            ..Default::default()
        })
        .starts_with("flag:"));
        assert!(bad(RawQuery {
            sort: Some("nope".into()),
            ..Default::default()
        })
        .starts_with("sort:"));
        assert!(bad(RawQuery {
            page: Some("0".into()),
            ..Default::default()
        })
        .starts_with("page:"));
        assert!(bad(RawQuery {
            per_page: Some("1000".into()),
            ..Default::default()
        })
        .starts_with("perPage:"));
        let ok = check(RawQuery {
            q: Some("  ".into()),
            ..Default::default()
        })
        .ok()
        .unwrap();
        assert!(ok.filter.search.is_none());
        assert_eq!((ok.page, ok.per_page), (1, DEFAULT_PER_PAGE));
    }
}
