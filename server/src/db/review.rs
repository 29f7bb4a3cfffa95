//! The officer's view of applicants: the derived columns the list filters on, the list
//! query itself, notes and decisions.

use std::collections::HashMap;

use sqlx::FromRow;
use wink_api::officer::{ApplicantRow, ApplicantSort, Decision, DecisionOutcome, ReviewStatus};
use wink_api::summary::FlagKind;
use wink_api::validation::is_forbidden;

use super::dynamic::Query;
use super::text::Text;
use super::{Backend, Db, Timestamp};

/// Stores what the list shows and filters on, after anything about the applicant changed.
pub async fn store_derived(
    db: &Db,
    applicant_id: &str,
    status: ReviewStatus,
    name_score: Option<u8>,
    account_count: u32,
    flags: &[FlagKind],
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE applicants SET review_status = $1, name_score = $2, account_count = $3, \
         updated_at = $4 WHERE id = $5",
    )
    .bind(Text::of(&status))
    .bind(name_score.map(i64::from))
    .bind(i64::from(account_count))
    .bind(Timestamp::now())
    .bind(applicant_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM applicant_flags WHERE applicant_id = $1")
        .bind(applicant_id)
        .execute(&mut *tx)
        .await?;
    for (position, kind) in flags.iter().enumerate() {
        sqlx::query(
            "INSERT INTO applicant_flags (applicant_id, kind, position) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(applicant_id)
        .bind(kind.as_str())
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The list's filters, already validated.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub search: Option<String>,
    pub status: Option<ReviewStatus>,
    pub flag: Option<FlagKind>,
}

/// `q`, `flag` and (unless `with_status` is false) `status` as a WHERE clause.
fn push_where(query: &mut Query, backend: Backend, filter: &Filter, with_status: bool) {
    query.push(" WHERE 1 = 1");
    // No stored name, email or reference holds a character validation refuses in one line
    // (PostgreSQL cannot even compare with NUL, and a newline joins name and email in the
    // column PostgreSQL searches): such a search matches nothing, on both databases.
    if filter
        .search
        .as_ref()
        .is_some_and(|s| s.chars().any(|c| is_forbidden(c, false)))
    {
        query.push(" AND 1 = 0");
    } else if let Some(search) = filter
        .search
        .as_ref()
        .filter(|s| backend == Backend::Sqlite && s.chars().count() >= TRIGRAM)
    {
        // SQLite: the trigram index (migration 0013), as one phrase in either column;
        // case-insensitive like the LIKE below.
        let phrase = format!("{{full_name email}} : \"{}\"", search.replace('"', "\"\""));
        query
            .push(
                " AND (rowid IN (SELECT rowid FROM applicant_search WHERE applicant_search MATCH ",
            )
            .bind_text(phrase)
            .push(") OR reference = ")
            .bind_text(search.to_uppercase())
            .push(")");
    } else if let Some(search) = &filter.search {
        let pattern = format!("%{}%", escape_like(search));
        match backend {
            // Only searches too short for the trigram index come here. SQLite's LIKE ignores
            // ASCII case already, with no lower() per row.
            Backend::Sqlite => query
                .push(" AND (full_name LIKE ")
                .bind_text(pattern.clone())
                .push(" ESCAPE '\\' OR email LIKE ")
                .bind_text(pattern),
            // The lowercased name and email (migration 0014), which its trigram index answers.
            Backend::Postgres => query
                .push(" AND (search_text LIKE lower(")
                .bind_text(pattern)
                .push(") ESCAPE '\\'"),
        };
        query
            .push(" OR reference = ")
            .bind_text(search.to_uppercase())
            .push(")");
    }
    if let (true, Some(status)) = (with_status, filter.status) {
        query
            .push(" AND review_status = ")
            .bind_text(Text::of(&status));
    }
    if let Some(flag) = &filter.flag {
        query
            // Driven from the flags' (kind, applicant_id) index rather than probing per row.
            .push(" AND id IN (SELECT applicant_id FROM applicant_flags WHERE kind = ")
            .bind_text(flag.as_str())
            .push(")");
    }
}

/// The shortest search the trigram index can answer.
const TRIGRAM: usize = 3;

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn order_by(sort: ApplicantSort, backend: Backend) -> &'static str {
    match sort {
        ApplicantSort::Updated => " ORDER BY updated_at DESC, id",
        ApplicantSort::Newest => " ORDER BY created_at DESC, id",
        ApplicantSort::Oldest => " ORDER BY created_at ASC, id",
        // Each matches its database's name index (migrations 0003).
        ApplicantSort::Name => match backend {
            Backend::Sqlite => " ORDER BY full_name COLLATE NOCASE ASC, id",
            Backend::Postgres => " ORDER BY lower(full_name) ASC, id",
        },
    }
}

#[derive(FromRow)]
struct Row {
    id: String,
    reference: String,
    full_name: String,
    email: String,
    employer: String,
    #[sqlx(try_from = "Text")]
    review_status: ReviewStatus,
    name_score: Option<i64>,
    account_count: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
}

/// One page of matching applicants (`limit` from `offset`), flags included.
pub async fn page(
    db: &Db,
    filter: &Filter,
    sort: ApplicantSort,
    limit: u32,
    offset: u64,
) -> sqlx::Result<Vec<ApplicantRow>> {
    let backend = Backend::of(db);
    let mut query = Query::new(
        "SELECT id, reference, full_name, email, employer, review_status, name_score, \
         account_count, created_at, updated_at FROM applicants",
    );
    push_where(&mut query, backend, filter, true);
    query.push(order_by(sort, backend));
    query
        .push(" LIMIT ")
        .bind_int(i64::from(limit))
        .push(" OFFSET ")
        .bind_int(i64::try_from(offset).unwrap_or(i64::MAX));
    let rows: Vec<Row> = query.fetch_all(db).await?;
    let mut flags = flags_of(db, rows.iter().map(|r| r.id.as_str())).await?;
    Ok(rows
        .into_iter()
        .map(|row| ApplicantRow {
            flags: flags.remove(&row.id).unwrap_or_default(),
            status: row.review_status,
            name_score: row.name_score.and_then(|s| u8::try_from(s).ok()),
            accounts: u32::try_from(row.account_count).unwrap_or_default(),
            id: row.id,
            reference: row.reference,
            full_name: row.full_name,
            email: row.email,
            employer: row.employer,
            created_at: row.created_at.to_string(),
            updated_at: row.updated_at.to_string(),
        })
        .collect())
}

/// Applicant ids per flags query.
const FLAG_IDS_PER_QUERY: usize = 1_000;

async fn flags_of<'a>(
    db: &Db,
    ids: impl Iterator<Item = &'a str>,
) -> sqlx::Result<HashMap<String, Vec<FlagKind>>> {
    let ids: Vec<&str> = ids.collect();
    let mut flags: HashMap<String, Vec<FlagKind>> = HashMap::new();
    if ids.is_empty() {
        return Ok(flags);
    }
    // A bounded number of ids per statement: databases cap bound parameters (65,535).
    for chunk in ids.chunks(FLAG_IDS_PER_QUERY) {
        let mut query =
            Query::new("SELECT applicant_id, kind FROM applicant_flags WHERE applicant_id IN (");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                query.push(", ");
            }
            query.bind_text(*id);
        }
        query.push(") ORDER BY applicant_id, position");
        let rows: Vec<(String, String)> = query.fetch_all(db).await?;
        for (applicant_id, kind) in rows {
            flags
                .entry(applicant_id)
                .or_default()
                .push(FlagKind::from(kind.as_str()));
        }
    }
    Ok(flags)
}

/// Matches per status, the status filter not applied.
pub async fn counts(db: &Db, filter: &Filter) -> sqlx::Result<HashMap<ReviewStatus, u64>> {
    let mut query = Query::new("SELECT review_status, COUNT(*) FROM applicants");
    push_where(&mut query, Backend::of(db), filter, false);
    query.push(" GROUP BY review_status");
    let rows: Vec<(Text, i64)> = query.fetch_all(db).await?;
    rows.into_iter()
        .map(|(status, n)| Ok((status.decode()?, u64::try_from(n).unwrap_or_default())))
        .collect()
}

#[derive(Debug, Clone, FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub officer_email: String,
    pub text: String,
    pub created_at: Timestamp,
}

pub async fn add_note(
    db: &Db,
    applicant_id: &str,
    officer_id: &str,
    text: &str,
) -> sqlx::Result<NoteRow> {
    sqlx::query_as(
        "INSERT INTO officer_notes (applicant_id, officer_id, text, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id, \
         (SELECT email FROM officers WHERE id = officer_id) AS officer_email, text, created_at",
    )
    .bind(applicant_id)
    .bind(officer_id)
    .bind(text)
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

/// Newest first.
pub async fn notes(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as(
        "SELECT n.id, o.email AS officer_email, n.text, n.created_at FROM officer_notes n \
         JOIN officers o ON o.id = n.officer_id WHERE n.applicant_id = $1 ORDER BY n.id DESC",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct DecisionRow {
    #[sqlx(try_from = "Text")]
    pub outcome: DecisionOutcome,
    pub reason: String,
    pub officer_email: String,
    pub decided_at: Timestamp,
}

impl DecisionRow {
    pub fn to_api(&self) -> Decision {
        Decision {
            outcome: self.outcome,
            reason: self.reason.clone(),
            officer_email: self.officer_email.clone(),
            decided_at: self.decided_at.to_string(),
        }
    }
}

pub async fn decide(
    db: &Db,
    applicant_id: &str,
    officer_id: &str,
    outcome: DecisionOutcome,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO decisions (applicant_id, officer_id, outcome, reason, decided_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(applicant_id)
    .bind(officer_id)
    .bind(Text::of(&outcome))
    .bind(reason)
    .bind(Timestamp::now())
    .execute(db)
    .await?;
    Ok(())
}

/// Every decision, newest first; the first is the one in force.
pub async fn decisions(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<DecisionRow>> {
    sqlx::query_as(
        "SELECT d.outcome, d.reason, o.email AS officer_email, d.decided_at FROM decisions d \
         JOIN officers o ON o.id = d.officer_id WHERE d.applicant_id = $1 ORDER BY d.id DESC",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
}
