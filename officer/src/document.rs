//! How a document's status and Smile's checks of it read for the officer, apart from the
//! markup: the status in words, each check's verdict against the lender's minimum, and the
//! text alternative of a check's score bar.

use wink_api::document::{CheckKind, CheckResult, DocumentCheck, DocumentStatus};

/// A document's status for a person.
pub fn status_label(status: DocumentStatus) -> &'static str {
    match status {
        DocumentStatus::Processing => "Processing",
        DocumentStatus::Analyzed => "Analysed",
        DocumentStatus::Failed => "Failed",
        DocumentStatus::Revoked => "Revoked",
    }
}

/// What one check's outcome means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// Scored below the lender's minimum.
    BelowMinimum,
    /// Smile failed it although its score (if any) reaches the minimum.
    FailedBySmile,
    /// Smile had nothing to check it against.
    NotChecked,
}

impl Verdict {
    /// The verdict on `check` (the server's `low` decides whether it counts against the
    /// document; the score says why).
    pub fn of(check: &DocumentCheck, threshold: u8) -> Verdict {
        match (check.low, check.score, check.result) {
            (true, Some(score), _) if score < threshold => Verdict::BelowMinimum,
            (true, _, _) => Verdict::FailedBySmile,
            (false, _, CheckResult::NoData) => Verdict::NotChecked,
            (false, _, _) => Verdict::Passed,
        }
    }

    /// Whether the officer should look at it.
    pub fn is_low(self) -> bool {
        matches!(self, Verdict::BelowMinimum | Verdict::FailedBySmile)
    }

    /// The verdict in words.
    pub fn label(self, threshold: u8) -> String {
        match self {
            Verdict::Passed => "Passed".to_owned(),
            Verdict::BelowMinimum => format!("Low: below the minimum of {threshold}"),
            Verdict::FailedBySmile => "Low: failed by Smile".to_owned(),
            Verdict::NotChecked => "Not checked: Smile had nothing to compare it with".to_owned(),
        }
    }
}

/// The text alternative of a check's score bar: "File metadata: 14 of 100, below the
/// minimum of 80".
pub fn meter_label(kind: CheckKind, score: u8, threshold: u8) -> String {
    let against = if score < threshold {
        "below"
    } else {
        "at or above"
    };
    format!(
        "{}: {score} of 100, {against} the minimum of {threshold}",
        kind.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(result: CheckResult, score: Option<u8>, low: bool) -> DocumentCheck {
        DocumentCheck {
            kind: CheckKind::Metadata,
            result,
            score,
            message: None,
            low,
        }
    }

    #[test]
    fn verdicts_follow_the_threshold_and_smiles_result() {
        let low = check(CheckResult::Failed, Some(14), true);
        assert_eq!(Verdict::of(&low, 80), Verdict::BelowMinimum);
        assert_eq!(
            Verdict::of(&low, 80).label(80),
            "Low: below the minimum of 80"
        );
        let failed = check(CheckResult::Failed, Some(90), true);
        assert_eq!(Verdict::of(&failed, 80), Verdict::FailedBySmile);
        let passed = check(CheckResult::Passed, Some(96), false);
        assert_eq!(Verdict::of(&passed, 80), Verdict::Passed);
        assert!(!Verdict::Passed.is_low());
        let nothing = check(CheckResult::NoData, None, false);
        assert_eq!(Verdict::of(&nothing, 80), Verdict::NotChecked);
    }

    #[test]
    fn a_score_bar_reads_as_words() {
        assert_eq!(
            meter_label(CheckKind::Metadata, 14, 80),
            "File metadata: 14 of 100, below the minimum of 80"
        );
        assert_eq!(
            meter_label(CheckKind::Identity, 80, 80),
            "Identity: 80 of 100, at or above the minimum of 80"
        );
        assert_eq!(status_label(DocumentStatus::Analyzed), "Analysed");
    }
}
