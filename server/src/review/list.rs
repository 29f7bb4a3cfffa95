//! The applicants list and its CSV export: search, filters and sort run in the database on
//! stored columns, so both stay fast at 100,000 applicants. Every applicant shown or
//! exported is audited before it leaves.

use wink_api::officer::{
    ApplicantPage, ApplicantQuery, ApplicantRow, ApplicantSort, AuditAction, ReviewStatus,
    StatusCount,
};
use wink_api::summary::FlagKind;

use crate::db::audit::{self, Actor};
use crate::db::{review, Db};
use crate::{AppState, Error};

/// The list query as the database runs it.
pub struct ListQuery {
    filter: review::Filter,
    sort: ApplicantSort,
    page: u32,
    per_page: u32,
}

impl From<ApplicantQuery> for ListQuery {
    fn from(query: ApplicantQuery) -> Self {
        ListQuery {
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

/// One page of matches with the per-status counts, audited as a view of each row shown.
pub async fn page(
    state: &AppState,
    actor: &Actor,
    query: ListQuery,
) -> Result<ApplicantPage, Error> {
    let db = state.db();
    let offset = u64::from(query.page - 1) * u64::from(query.per_page);
    let page_then_audit = async {
        let items = review::page(db, &query.filter, query.sort, query.per_page, offset).await?;
        // Names and emails are personal data: each one shown is audited before the answer.
        let shown: Vec<&str> = items.iter().map(|r| r.id.as_str()).collect();
        audit::record(db, actor, &shown, AuditAction::ViewList).await?;
        Ok::<_, sqlx::Error>(items)
    };
    // The per-status counts (which give the total too) meanwhile, on another connection:
    // at 100,000 applicants they are most of the request's time.
    let (items, counts) = tokio::try_join!(page_then_audit, review::counts(db, &query.filter))?;
    let total = match query.filter.status {
        Some(status) => counts.get(&status).copied().unwrap_or_default(),
        None => counts.values().sum(),
    };
    Ok(ApplicantPage {
        items,
        total,
        page: query.page,
        per_page: query.per_page,
        counts: ReviewStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: counts.get(&status).copied().unwrap_or_default(),
            })
            .collect(),
    })
}

/// Rows per page of the export: one list query, one flags query and the page's audit rows
/// each, far below the databases' limits on bound parameters.
const EXPORT_PAGE: u32 = 1_000;

/// Where an export has got to: every match as CSV, page by page, each page's audit rows
/// (one per exported applicant) written before its rows are handed out.
pub struct Export {
    db: Db,
    filter: review::Filter,
    sort: ApplicantSort,
    actor: Actor,
    offset: u64,
    done: bool,
}

impl Export {
    pub fn new(state: &AppState, actor: Actor, query: ListQuery) -> Self {
        Export {
            db: state.db().clone(),
            filter: query.filter,
            sort: query.sort,
            actor,
            offset: 0,
            done: false,
        }
    }

    /// The CSV header line.
    pub fn header() -> String {
        csv_lines([HEADER.map(str::to_owned)])
    }

    /// The next page's CSV lines, audited; `None` after the last, and after a failure.
    pub async fn next_page(&mut self) -> Result<Option<String>, Error> {
        if self.done {
            return Ok(None);
        }
        let rows = review::page(&self.db, &self.filter, self.sort, EXPORT_PAGE, self.offset).await;
        let rows = match rows {
            Ok(rows) => rows,
            Err(e) => {
                self.done = true;
                return Err(e.into());
            }
        };
        self.done = rows.len() < EXPORT_PAGE as usize;
        self.offset += rows.len() as u64;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        if let Err(e) = audit::record(&self.db, &self.actor, &ids, AuditAction::Export).await {
            self.done = true;
            return Err(e.into());
        }
        Ok(Some(csv_lines(rows.iter().map(fields))))
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

fn fields(row: &ApplicantRow) -> [String; 10] {
    let flags: Vec<&str> = row.flags.iter().map(FlagKind::as_str).collect();
    [
        defused(&row.reference),
        defused(&row.full_name),
        defused(&row.email),
        defused(&row.employer),
        row.status.as_str().to_owned(),
        flags.join(" "),
        row.name_score.map(|s| s.to_string()).unwrap_or_default(),
        row.accounts.to_string(),
        row.created_at.clone(),
        row.updated_at.clone(),
    ]
}

/// RFC 4180 lines (CRLF, quoted where needed) by the `csv` crate.
fn csv_lines(records: impl IntoIterator<Item = [String; 10]>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A leading `'` before `= + - @` (and tab, CR), so a spreadsheet never runs a value typed
/// by an applicant as a formula (CSV injection).
fn defused(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How one value comes out in the export: its line, less the nine empty fields after it.
    fn csv_field(value: &str) -> String {
        let mut record: [String; 10] = Default::default();
        record[0] = defused(value);
        let line = csv_lines([record]);
        line.strip_suffix(",,,,,,,,,\r\n")
            .unwrap_or(&line)
            .to_owned()
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
    }
}
