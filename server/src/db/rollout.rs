//! What the staged rollout's report reads: how far each cohort's applicants got, and why
//! accounts failed.

use wink_api::VerificationPath;

use super::text::Text;
use super::Db;

/// One cohort (verification path): applicants, and how many of them got at least this far
/// with any account.
#[derive(Debug, sqlx::FromRow)]
pub struct CohortProgress {
    #[sqlx(try_from = "Text")]
    pub verification: VerificationPath,
    pub applied: i64,
    pub started: i64,
    pub connected: i64,
    pub synced: i64,
    /// Applicants with a document Smile received, analysed, could not read.
    pub documents_uploaded: i64,
    pub documents_analyzed: i64,
    pub documents_failed: i64,
}

/// Accounts of one cohort that failed with one Smile error code.
#[derive(Debug, sqlx::FromRow)]
pub struct CohortFailures {
    #[sqlx(try_from = "Text")]
    pub verification: VerificationPath,
    pub error_code: String,
    pub accounts: i64,
}

/// Per applicant the furthest any of their accounts got (0 none, 1 started, 2 connected,
/// 3 synced), and whether any of their documents was received, analysed or unreadable,
/// counted per cohort. (SUM is cast: PostgreSQL sums into NUMERIC.)
pub async fn progress(db: &Db) -> sqlx::Result<Vec<CohortProgress>> {
    sqlx::query_as(
        "SELECT a.verification AS verification, COUNT(*) AS applied, \
           CAST(SUM(CASE WHEN p.furthest >= 1 THEN 1 ELSE 0 END) AS BIGINT) AS started, \
           CAST(SUM(CASE WHEN p.furthest >= 2 THEN 1 ELSE 0 END) AS BIGINT) AS connected, \
           CAST(SUM(CASE WHEN p.furthest >= 3 THEN 1 ELSE 0 END) AS BIGINT) AS synced, \
           CAST(SUM(COALESCE(d.uploaded, 0)) AS BIGINT) AS documents_uploaded, \
           CAST(SUM(COALESCE(d.analyzed, 0)) AS BIGINT) AS documents_analyzed, \
           CAST(SUM(COALESCE(d.failed, 0)) AS BIGINT) AS documents_failed \
         FROM applicants a LEFT JOIN ( \
           SELECT applicant_id, MAX(CASE status WHEN 'ready' THEN 3 \
             WHEN 'connected' THEN 2 WHEN 'syncing' THEN 2 ELSE 1 END) AS furthest \
           FROM linked_accounts GROUP BY applicant_id) p ON p.applicant_id = a.id \
         LEFT JOIN ( \
           SELECT applicant_id, 1 AS uploaded, \
             MAX(CASE status WHEN 'analyzed' THEN 1 ELSE 0 END) AS analyzed, \
             MAX(CASE status WHEN 'failed' THEN 1 ELSE 0 END) AS failed \
           FROM archives GROUP BY applicant_id) d ON d.applicant_id = a.id \
         GROUP BY a.verification",
    )
    .fetch_all(db)
    .await
}

/// Failed accounts per cohort and error code, most frequent first.
pub async fn failures(db: &Db) -> sqlx::Result<Vec<CohortFailures>> {
    sqlx::query_as(
        "SELECT a.verification AS verification, \
           COALESCE(l.error_code, 'UNKNOWN') AS error_code, COUNT(*) AS accounts \
         FROM linked_accounts l JOIN applicants a ON a.id = l.applicant_id \
         WHERE l.status = 'error' GROUP BY 1, 2 ORDER BY 3 DESC, 2",
    )
    .fetch_all(db)
    .await
}
