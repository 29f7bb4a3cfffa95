//! The `applicants` table.

use std::time::Duration;

use sqlx::FromRow;
use wink_api::officer::ReviewStatus;
use wink_api::{Application, ApplicationStatus, Lang, ResumePreview, VerificationPath};

use super::text::Text;
use super::{Db, Timestamp};

#[derive(Debug, Clone, FromRow)]
pub struct Applicant {
    pub id: String,
    pub reference: String,
    pub full_name: String,
    pub email: String,
    pub mobile: String,
    pub employer: String,
    pub monthly_income: i64,
    pub currency: String,
    pub consented_at: Timestamp,
    /// The consent words' version they agreed to (`wink_api::CONSENT_VERSION` then).
    pub consent_version: String,
    /// Smile's consent template the widget showed them, when one was configured.
    pub smile_template_id: Option<String>,
    pub smile_user_id: Option<String>,
    #[sqlx(try_from = "Text")]
    pub status: ApplicationStatus,
    #[sqlx(try_from = "Text")]
    pub verification: VerificationPath,
    /// The language they applied in.
    #[sqlx(try_from = "Text")]
    pub language: Lang,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a new applicant row needs; ids and times are filled in here.
pub struct NewApplicant<'a> {
    pub id: &'a str,
    pub verification: VerificationPath,
    pub reference: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    pub mobile: &'a str,
    pub employer: &'a str,
    pub monthly_income: u64,
    pub currency: &'a str,
    pub resume_hash: &'a str,
    pub consent_version: &'a str,
    pub smile_template_id: Option<&'a str>,
    pub language: Lang,
}

impl Applicant {
    pub fn to_api(&self) -> Application {
        Application {
            id: self.id.clone(),
            reference: self.reference.clone(),
            full_name: self.full_name.clone(),
            email: self.email.clone(),
            mobile: self.mobile.clone(),
            employer: self.employer.clone(),
            monthly_income: u64::try_from(self.monthly_income).unwrap_or_default(),
            currency: self.currency.clone(),
            status: self.status,
            verification: self.verification,
            language: self.language,
            consented_at: self.consented_at.to_string(),
            created_at: self.created_at.to_string(),
        }
    }

    /// Who a resume link belongs to, for someone who may not be that applicant: the
    /// reference and initials, nothing that identifies them further.
    pub fn to_preview(&self) -> ResumePreview {
        ResumePreview {
            reference: self.reference.clone(),
            initials: initials(&self.full_name),
        }
    }
}

/// "George Palomero Jr." → "G. P.": the first and last names' initials, a generational
/// suffix skipped.
fn initials(full_name: &str) -> String {
    const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v"];
    let words: Vec<&str> = full_name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let mut names = words.as_slice();
    if let [rest @ .., last] = names {
        let bare = last.trim_end_matches('.').to_lowercase();
        if !rest.is_empty() && SUFFIXES.contains(&bare.as_str()) {
            names = rest;
        }
    }
    let initial = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .map(|c| format!("{}.", c.to_uppercase()))
    };
    match names {
        [] => String::new(),
        [only] => initial(only).unwrap_or_default(),
        [first, .., last] => [initial(first), initial(last)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

const COLUMNS: &str = "id, reference, full_name, email, mobile, employer, monthly_income, \
     currency, consented_at, consent_version, smile_template_id, smile_user_id, status, verification, language, created_at, updated_at";

pub async fn insert(db: &Db, new: NewApplicant<'_>) -> sqlx::Result<Applicant> {
    let id = new.id.to_owned();
    let at = Timestamp::now();
    sqlx::query(
        "INSERT INTO applicants (id, reference, full_name, email, mobile, employer, \
         monthly_income, currency, consented_at, status, resume_hash, created_at, updated_at, \
         verification, review_status, resume_issued_at, consent_version, smile_template_id, \
         language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', $10, $11, $12, $13, $14, $15, \
         $16, $17, $18)",
    )
    .bind(&id)
    .bind(new.reference)
    .bind(new.full_name)
    .bind(new.email)
    .bind(new.mobile)
    .bind(new.employer)
    .bind(i64::try_from(new.monthly_income).unwrap_or(i64::MAX))
    .bind(new.currency)
    .bind(at)
    .bind(new.resume_hash)
    .bind(at)
    .bind(at)
    .bind(Text::of(&new.verification))
    .bind(Text::of(&match new.verification {
        VerificationPath::Wink => ReviewStatus::AwaitingLink,
        VerificationPath::Manual => ReviewStatus::Manual,
    }))
    .bind(at)
    .bind(new.consent_version)
    .bind(new.smile_template_id)
    .bind(Text::of(&new.language))
    .execute(db)
    .await?;
    get(db, &id).await?.ok_or(sqlx::Error::RowNotFound)
}

pub async fn get(db: &Db, id: &str) -> sqlx::Result<Option<Applicant>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM applicants WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Applicants with no change since `cutoff`, oldest first, for the retention job.
pub async fn inactive_since(db: &Db, cutoff: Timestamp) -> sqlx::Result<Vec<Applicant>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applicants WHERE updated_at < $1 ORDER BY updated_at LIMIT 500"
    ))
    .bind(cutoff)
    .fetch_all(db)
    .await
}

pub async fn find_by_smile_user(db: &Db, smile_user_id: &str) -> sqlx::Result<Option<Applicant>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applicants WHERE smile_user_id = $1"
    ))
    .bind(smile_user_id)
    .fetch_optional(db)
    .await
}

/// Applicants created since `since` whose data may still be on its way: a Smile user, and
/// still linking (they may add or remove accounts at any time, webhooks missed or not), an
/// account not yet ready, or no account at all.
pub async fn awaiting_data(db: &Db, since: Timestamp) -> sqlx::Result<Vec<Applicant>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applicants a WHERE smile_user_id IS NOT NULL AND created_at >= $1 \
         AND (a.status != 'completed' \
              OR NOT EXISTS (SELECT 1 FROM linked_accounts l WHERE l.applicant_id = a.id) \
              OR EXISTS (SELECT 1 FROM linked_accounts l WHERE l.applicant_id = a.id \
                         AND l.status IN ('connecting', 'connected', 'syncing')))"
    ))
    .bind(since)
    .fetch_all(db)
    .await
}

/// The applicant a resume link opens, and when that link was issued.
#[derive(Debug, Clone, FromRow)]
pub struct ResumeLink {
    #[sqlx(flatten)]
    pub applicant: Applicant,
    pub resume_issued_at: Timestamp,
}

pub async fn find_by_resume_hash(db: &Db, hash: &str) -> sqlx::Result<Option<ResumeLink>> {
    // Rows written before the column existed (or by hand) count from their creation.
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}, COALESCE(resume_issued_at, created_at) AS resume_issued_at \
         FROM applicants WHERE resume_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(db)
    .await
}

/// Replaces the applicant's resume link with a new one issued now: the old link stops
/// working. False when the applicant no longer exists.
pub async fn reissue_resume_link(db: &Db, id: &str, resume_hash: &str) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE applicants SET resume_hash = $1, resume_issued_at = $2 WHERE id = $3")
            .bind(resume_hash)
            .bind(Timestamp::now())
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Records Smile's user id once; a second, different id is refused by the unique column
/// and by the `IS NULL` guard, so one applicant can never hold two Smile users.
pub async fn set_smile_user(db: &Db, id: &str, smile_user_id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE applicants SET smile_user_id = $1, updated_at = $2 \
         WHERE id = $3 AND smile_user_id IS NULL",
    )
    .bind(smile_user_id)
    .bind(Timestamp::now())
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the lease on creating the applicant's Smile user, for `ttl`: false while another
/// instance (or task) holds a live one, or once the user exists. One conditional update, so
/// two instances cannot both win.
pub async fn take_user_creation_lease(db: &Db, id: &str, ttl: Duration) -> sqlx::Result<bool> {
    let at = Timestamp::now();
    let done = sqlx::query(
        "UPDATE applicants SET smile_user_lease_until = $1 WHERE id = $2 \
         AND smile_user_id IS NULL \
         AND (smile_user_lease_until IS NULL OR smile_user_lease_until < $3)",
    )
    .bind(at + ttl)
    .bind(id)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release_user_creation_lease(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE applicants SET smile_user_lease_until = NULL WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records that a `POST /users` is about to be sent; true if one was sent before.
pub async fn mark_smile_user_requested(db: &Db, id: &str) -> sqlx::Result<bool> {
    let before: Option<Option<Timestamp>> =
        sqlx::query_scalar("SELECT smile_user_requested_at FROM applicants WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    sqlx::query("UPDATE applicants SET smile_user_requested_at = $1 WHERE id = $2")
        .bind(Timestamp::now())
        .bind(id)
        .execute(db)
        .await?;
    Ok(matches!(before, Some(Some(_))))
}

/// Moves the status forward only (applied → linked → completed).
pub async fn advance_status(db: &Db, id: &str, to: ApplicationStatus) -> sqlx::Result<()> {
    use ApplicationStatus::{Applied, Completed, Linked};
    let allowed_from: &[ApplicationStatus] = match to {
        Applied => &[],
        Linked => &[Applied],
        Completed => &[Applied, Linked],
    };
    for from in allowed_from {
        sqlx::query(
            "UPDATE applicants SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(Text::of(&to))
        .bind(Timestamp::now())
        .bind(id)
        .bind(Text::of(from))
        .execute(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_name_the_first_and_last_names_only() {
        assert_eq!(initials("George Palomero Jr."), "G. P.");
        assert_eq!(initials("maria de la cruz"), "M. C.");
        assert_eq!(initials("  Ana   "), "A.");
        assert_eq!(initials("Juan Santos III"), "J. S.");
        assert_eq!(initials("Élodie Ödegaard"), "É. Ö.");
        assert_eq!(initials("Jr"), "J.");
        assert_eq!(initials(""), "");
    }
}
