//! Every widget callback the applicant's browser reported: the applicant's timeline.

use std::time::Duration;

pub use super::kinds::Callback;
use super::text::Text;
use super::{Db, Timestamp};

pub struct NewLinkEvent<'a> {
    pub applicant_id: &'a str,
    pub callback: Callback,
    pub account_id: Option<&'a str>,
    /// Smile confirmed the account is this applicant's.
    pub verified: bool,
    pub payload: &'a str,
}

/// Whether a callback was stored within the applicant's budget.
#[derive(Debug, PartialEq, Eq)]
pub enum Budget {
    Stored,
    /// `max` callbacks already within the window; the oldest of them leaves it in `frees_in`.
    Spent {
        frees_in: Duration,
    },
}

/// Stores the callback unless the applicant already stored `max` within `window`. One
/// statement, so the check and the insert cannot be split; it reads at most `max` of the
/// applicant's rows (the newest, by the `(applicant_id, id)` index) however many are stored.
pub async fn record_within_budget(
    db: &Db,
    event: NewLinkEvent<'_>,
    window: Duration,
    max: u32,
) -> sqlx::Result<Budget> {
    let now = Timestamp::now();
    let inserted = sqlx::query(
        "INSERT INTO link_events (applicant_id, callback, account_id, verified, payload, \
         received_at) SELECT $1, $2, $3, $4, $5, $6 WHERE (SELECT COUNT(*) FROM \
         (SELECT received_at FROM link_events WHERE applicant_id = $1 ORDER BY id DESC \
         LIMIT $7) recent WHERE recent.received_at > $8) < $7",
    )
    .bind(event.applicant_id)
    .bind(Text::of(&event.callback))
    .bind(event.account_id)
    .bind(i64::from(event.verified))
    .bind(event.payload)
    .bind(now)
    .bind(i64::from(max))
    .bind(now - window)
    .execute(db)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Budget::Stored);
    }
    let oldest: Option<Timestamp> = sqlx::query_scalar(
        "SELECT MIN(received_at) FROM (SELECT received_at FROM link_events \
         WHERE applicant_id = $1 ORDER BY id DESC LIMIT $2) recent",
    )
    .bind(event.applicant_id)
    .bind(i64::from(max))
    .fetch_one(db)
    .await?;
    let frees_in = oldest.map_or(window, |oldest| (oldest + window).duration_since(now));
    Ok(Budget::Spent { frees_in })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkEventRow {
    #[sqlx(try_from = "Text")]
    pub callback: Callback,
    pub account_id: Option<String>,
    /// Stored as 0/1: the one boolean form SQLite and PostgreSQL read alike.
    #[sqlx(try_from = "i64")]
    pub verified: super::Flag,
    pub payload: String,
    pub received_at: Timestamp,
}

/// Which of an applicant's callbacks to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    /// `onUploadsCreated` and `onUploadsRemoved` only.
    Uploads,
}

/// The applicant's callbacks, newest first (at most `limit`).
pub async fn for_applicant(
    db: &Db,
    applicant_id: &str,
    which: Which,
    limit: i64,
) -> sqlx::Result<Vec<LinkEventRow>> {
    let only = match which {
        Which::All => "",
        Which::Uploads => "AND callback IN ('onUploadsCreated', 'onUploadsRemoved') ",
    };
    sqlx::query_as(&format!(
        "SELECT callback, account_id, verified, payload, received_at FROM link_events \
         WHERE applicant_id = $1 {only}ORDER BY id DESC LIMIT $2"
    ))
    .bind(applicant_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
