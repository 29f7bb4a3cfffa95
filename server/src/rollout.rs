//! The staged rollout ("start slow"): allow-listed applicants (staff, testers) always take
//! the Wink path; of everyone else a configured percentage does, chosen by a hash of the
//! applicant's id — deterministic, so re-evaluating never moves anyone. The rest take the
//! manual path: they declare, and officers verify by hand.

use sha2::{Digest, Sha256};
use wink_api::officer::{CohortStats, ErrorCount, RolloutReport};
use wink_api::VerificationPath;

use crate::db::Db;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollout {
    percent: u8,
    /// Lower-case full emails (`ana@lender.example`) or domains (`@lender.example`).
    allowlist: Vec<String>,
}

impl Rollout {
    pub fn new(percent: u8, allowlist: &[String]) -> Self {
        Rollout {
            percent: percent.min(100),
            allowlist: allowlist
                .iter()
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty())
                .collect(),
        }
    }

    pub fn percent(&self) -> u8 {
        self.percent
    }

    pub fn allowlist_len(&self) -> usize {
        self.allowlist.len()
    }

    pub fn is_allowlisted(&self, email: &str) -> bool {
        let email = email.trim().to_lowercase();
        self.allowlist.iter().any(|entry| {
            if entry.starts_with('@') {
                email.ends_with(entry.as_str())
            } else {
                *entry == email
            }
        })
    }

    /// The path for a new applicant.
    pub fn path_for(&self, applicant_id: &str, email: &str) -> VerificationPath {
        if self.is_allowlisted(email) || bucket(applicant_id) < self.percent {
            VerificationPath::Wink
        } else {
            VerificationPath::Manual
        }
    }
}

/// How each cohort of the rollout converts: applied, started linking, connected, synced,
/// documents received, analysed and unreadable, and failures by Smile's error code.
pub async fn report(db: &Db, rollout: &Rollout) -> sqlx::Result<RolloutReport> {
    let progress = crate::db::rollout::progress(db).await?;
    let failures = crate::db::rollout::failures(db).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    let cohorts = [VerificationPath::Wink, VerificationPath::Manual]
        .into_iter()
        .map(|cohort| {
            let row = progress.iter().find(|r| r.verification == cohort);
            CohortStats {
                cohort,
                applied: row.map_or(0, |r| count(r.applied)),
                started: row.map_or(0, |r| count(r.started)),
                connected: row.map_or(0, |r| count(r.connected)),
                synced: row.map_or(0, |r| count(r.synced)),
                documents_uploaded: row.map_or(0, |r| count(r.documents_uploaded)),
                documents_analyzed: row.map_or(0, |r| count(r.documents_analyzed)),
                documents_failed: row.map_or(0, |r| count(r.documents_failed)),
                failed_by_code: failures
                    .iter()
                    .filter(|f| f.verification == cohort)
                    .map(|f| ErrorCount {
                        code: f.error_code.clone(),
                        accounts: count(f.accounts),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(RolloutReport {
        percent: rollout.percent(),
        allowlist_entries: u32::try_from(rollout.allowlist_len()).unwrap_or(u32::MAX),
        cohorts,
    })
}

/// 0–99 from the id's SHA-256: uniform, and the same on every evaluation and instance.
pub fn bucket(applicant_id: &str) -> u8 {
    let digest = Sha256::digest(applicant_id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % 100) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed, UUID-shaped ids: the test gives the same answer every run (random ids would
    /// fall outside ±1 % about once in a thousand runs).
    fn ids(n: usize) -> Vec<String> {
        (0..n as u128)
            .map(|i| {
                uuid::Uuid::from_u128(i.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C834))
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn ten_percent_of_ten_thousand_is_ten_percent_and_stable() {
        let rollout = Rollout::new(10, &[]);
        let ids = ids(10_000);
        let first: Vec<VerificationPath> = ids
            .iter()
            .map(|id| rollout.path_for(id, "someone@example.com"))
            .collect();
        let wink = first
            .iter()
            .filter(|p| **p == VerificationPath::Wink)
            .count();
        assert!(
            (900..=1100).contains(&wink),
            "{wink} of 10,000 in the Wink cohort"
        );
        let again: Vec<VerificationPath> = ids
            .iter()
            .map(|id| rollout.path_for(id, "someone@example.com"))
            .collect();
        assert_eq!(first, again, "re-evaluation moves nobody");
    }

    #[test]
    fn the_allowlist_is_always_in() {
        let rollout = Rollout::new(0, &["Ana@Lender.example".into(), "@staff.example".into()]);
        for id in ids(200) {
            assert_eq!(
                rollout.path_for(&id, "ana@lender.example"),
                VerificationPath::Wink
            );
            assert_eq!(
                rollout.path_for(&id, "BEN@staff.example"),
                VerificationPath::Wink
            );
            assert_eq!(
                rollout.path_for(&id, "ben@example.com"),
                VerificationPath::Manual
            );
        }
        assert!(!rollout.is_allowlisted("ana@lender.example.evil"));
        assert!(Rollout::new(100, &[]).path_for("any", "x@y.z") == VerificationPath::Wink);
    }
}
