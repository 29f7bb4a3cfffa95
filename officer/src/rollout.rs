//! The rollout page's arithmetic, apart from its markup: each cohort's link funnel
//! (applied → started → connected → synced) with the share of applicants reaching each
//! step, its uploaded documents (uploaded → analysed or failed), and the bar geometry that
//! draws them.

use wink_api::officer::CohortStats;
use wink_api::VerificationPath;

/// One step of a cohort's funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStep {
    /// "Applied", "Started linking", ...
    pub label: &'static str,
    /// Applicants who reached this step.
    pub count: u64,
    /// Share of the cohort's applicants who reached it, 0–100 (`None` with no applicants).
    pub of_applied: Option<f64>,
    /// Share of the previous step's applicants who reached it (`None` for the first step,
    /// or when the previous step has nobody).
    pub of_previous: Option<f64>,
}

/// `part` as a percentage of `whole`; `None` when `whole` is 0 (no share to speak of).
pub fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// A share for a person: `84 %`, `0.5 %` below 1 %, `—` when there is none.
pub fn percent_label(share: Option<f64>) -> String {
    match share {
        None => "—".to_owned(),
        Some(p) if p > 0.0 && p < 1.0 => format!("{p:.1} %"),
        Some(p) => format!("{} %", p.round() as u64),
    }
}

/// The cohort's four steps, in order.
pub fn funnel(stats: &CohortStats) -> [FunnelStep; 4] {
    let steps = [
        ("Applied", stats.applied),
        ("Started linking", stats.started),
        ("Connected", stats.connected),
        ("Synced", stats.synced),
    ];
    let mut previous: Option<u64> = None;
    steps.map(|(label, count)| {
        let step = FunnelStep {
            label,
            count,
            of_applied: share(count, stats.applied),
            of_previous: previous.and_then(|p| share(count, p)),
        };
        previous = Some(count);
        step
    })
}

/// Applicants of a cohort with a document in one state.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentCount {
    /// "Uploaded", "Analysed", "Could not be read".
    pub label: &'static str,
    pub count: u64,
    /// Share of the cohort's applicants, 0–100 (`None` with no applicants).
    pub of_applied: Option<f64>,
    /// Share of those who uploaded (`None` for the uploaded row itself, or when nobody did).
    pub of_uploaded: Option<f64>,
}

/// The cohort's documents: who uploaded one, who had one analysed, who had one Smile
/// could not read (an applicant may be in both of the last two).
pub fn documents(stats: &CohortStats) -> [DocumentCount; 3] {
    let uploaded = DocumentCount {
        label: "Uploaded",
        count: stats.documents_uploaded,
        of_applied: share(stats.documents_uploaded, stats.applied),
        of_uploaded: None,
    };
    let of_uploaded = |label, count| DocumentCount {
        label,
        count,
        of_applied: share(count, stats.applied),
        of_uploaded: share(count, stats.documents_uploaded),
    };
    [
        uploaded,
        of_uploaded("Analysed", stats.documents_analyzed),
        of_uploaded("Could not be read", stats.documents_failed),
    ]
}

/// Width of a step's bar in a track `track` wide: its share of applied, clamped to the
/// track (a server count above `applied` cannot overflow it); a reached step with a tiny
/// share still gets a sliver so it reads as "some", not "none".
pub fn bar_width(share: Option<f64>, track: f64) -> f64 {
    match share {
        None => 0.0,
        Some(p) if p <= 0.0 => 0.0,
        Some(p) => (p.min(100.0) * track / 100.0).max(2.0),
    }
}

/// A cohort's name for a person.
pub fn cohort_label(path: VerificationPath) -> &'static str {
    match path {
        VerificationPath::Wink => "Wink (link accounts)",
        VerificationPath::Manual => "Manual verification",
    }
}

/// Accounts that failed in the cohort, all codes together.
pub fn failed_accounts(stats: &CohortStats) -> u64 {
    stats.failed_by_code.iter().map(|e| e.accounts).sum()
}

#[cfg(test)]
mod tests {
    use wink_api::officer::ErrorCount;

    use super::*;

    fn cohort(applied: u64, started: u64, connected: u64, synced: u64) -> CohortStats {
        CohortStats {
            cohort: VerificationPath::Wink,
            applied,
            started,
            connected,
            synced,
            failed_by_code: vec![
                ErrorCount {
                    code: "INVALID_CREDENTIALS".into(),
                    accounts: 3,
                },
                ErrorCount {
                    code: "MFA_TIMEOUT".into(),
                    accounts: 1,
                },
            ],
            documents_uploaded: 0,
            documents_analyzed: 0,
            documents_failed: 0,
        }
    }

    #[test]
    fn the_funnel_gives_shares_of_applied_and_of_the_previous_step() {
        let steps = funnel(&cohort(200, 150, 120, 90));
        let labels: Vec<_> = steps.iter().map(|s| s.label).collect();
        assert_eq!(
            labels,
            ["Applied", "Started linking", "Connected", "Synced"]
        );
        assert_eq!(steps[0].of_applied, Some(100.0));
        assert_eq!(steps[0].of_previous, None);
        assert_eq!(steps[1].of_applied, Some(75.0));
        assert_eq!(steps[1].of_previous, Some(75.0));
        assert_eq!(steps[2].of_applied, Some(60.0));
        assert_eq!(steps[2].of_previous, Some(80.0));
        assert_eq!(steps[3].of_applied, Some(45.0));
        assert_eq!(steps[3].of_previous, Some(75.0));
        assert_eq!(failed_accounts(&cohort(1, 0, 0, 0)), 4);
    }

    #[test]
    fn documents_count_against_applied_and_uploaded() {
        let stats = CohortStats {
            documents_uploaded: 20,
            documents_analyzed: 15,
            documents_failed: 6,
            ..cohort(200, 150, 120, 90)
        };
        let rows = documents(&stats);
        let labels: Vec<_> = rows.iter().map(|r| r.label).collect();
        assert_eq!(labels, ["Uploaded", "Analysed", "Could not be read"]);
        assert_eq!(rows[0].of_applied, Some(10.0));
        assert_eq!(rows[0].of_uploaded, None);
        assert_eq!(rows[1].of_uploaded, Some(75.0));
        assert_eq!(rows[2].of_uploaded, Some(30.0));
        let none_uploaded = documents(&cohort(10, 0, 0, 0));
        assert!(none_uploaded.iter().all(|r| r.of_uploaded.is_none()));
        assert_eq!(none_uploaded[0].of_applied, Some(0.0));
    }

    #[test]
    fn an_empty_cohort_has_no_shares() {
        let steps = funnel(&cohort(0, 0, 0, 0));
        assert!(steps.iter().all(|s| s.of_applied.is_none()));
        assert!(steps.iter().all(|s| s.of_previous.is_none()));
        assert_eq!(percent_label(steps[1].of_applied), "—");
        let nobody_started = funnel(&cohort(10, 0, 0, 0));
        assert_eq!(nobody_started[1].of_applied, Some(0.0));
        assert_eq!(nobody_started[2].of_previous, None);
    }

    #[test]
    fn percentages_and_bars_read_plainly() {
        assert_eq!(percent_label(share(2, 3)), "67 %");
        assert_eq!(percent_label(share(1, 300)), "0.3 %");
        assert_eq!(percent_label(share(0, 5)), "0 %");
        assert_eq!(bar_width(Some(50.0), 200.0), 100.0);
        assert_eq!(bar_width(Some(0.1), 200.0), 2.0);
        assert_eq!(bar_width(Some(0.0), 200.0), 0.0);
        assert_eq!(bar_width(Some(130.0), 200.0), 200.0);
        assert_eq!(bar_width(None, 200.0), 0.0);
    }
}
