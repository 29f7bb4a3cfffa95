//! An applicant's review status from their accounts, documents and the officer's decision.

use wink_api::document::DocumentStatus;
use wink_api::officer::{DecisionOutcome, ReviewStatus};
use wink_api::LinkStatus;

use crate::db::accounts::AccountRow;

/// A decision wins; otherwise the most advanced live account or document decides (one
/// account with data, or one analysed document, is enough to review), and only when every
/// live account failed is the link failed.
pub fn derive_status(
    accounts: &[AccountRow],
    documents: &[DocumentStatus],
    decision: Option<DecisionOutcome>,
    manual: bool,
) -> ReviewStatus {
    match decision {
        Some(DecisionOutcome::Approve) => return ReviewStatus::Approved,
        Some(DecisionOutcome::Decline) => return ReviewStatus::Declined,
        Some(DecisionOutcome::RequestInfo) => return ReviewStatus::InfoRequested,
        None => {}
    }
    let live: Vec<LinkStatus> = accounts
        .iter()
        .filter(|a| a.disconnected_at.is_none())
        .map(|a| a.status)
        .collect();
    if live.contains(&LinkStatus::Ready) || documents.contains(&DocumentStatus::Analyzed) {
        ReviewStatus::Ready
    } else if live.iter().any(|s| *s != LinkStatus::Error)
        || documents.contains(&DocumentStatus::Processing)
    {
        ReviewStatus::Syncing
    } else if !live.is_empty() {
        ReviewStatus::LinkFailed
    } else if manual {
        ReviewStatus::Manual
    } else {
        ReviewStatus::AwaitingLink
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(status: LinkStatus, disconnected: bool) -> AccountRow {
        let mut row = AccountRow::sample(&format!("acc-{status:?}"), status);
        row.disconnected_at = disconnected.then_some(row.created_at);
        row
    }

    #[test]
    fn decision_wins_over_accounts() {
        let ready = [account(LinkStatus::Ready, false)];
        assert_eq!(
            derive_status(&ready, &[], Some(DecisionOutcome::Decline), false),
            ReviewStatus::Declined
        );
        assert_eq!(
            derive_status(&[], &[], Some(DecisionOutcome::RequestInfo), true),
            ReviewStatus::InfoRequested
        );
    }

    #[test]
    fn most_advanced_live_account_decides() {
        assert_eq!(
            derive_status(&[], &[], None, false),
            ReviewStatus::AwaitingLink
        );
        assert_eq!(derive_status(&[], &[], None, true), ReviewStatus::Manual);
        assert_eq!(
            derive_status(
                &[
                    account(LinkStatus::Error, false),
                    account(LinkStatus::Ready, false)
                ],
                &[],
                None,
                false
            ),
            ReviewStatus::Ready
        );
        assert_eq!(
            derive_status(
                &[
                    account(LinkStatus::Error, false),
                    account(LinkStatus::Connecting, false)
                ],
                &[],
                None,
                false
            ),
            ReviewStatus::Syncing
        );
        assert_eq!(
            derive_status(&[account(LinkStatus::Error, false)], &[], None, false),
            ReviewStatus::LinkFailed
        );
        // A disconnected account counts for nothing.
        assert_eq!(
            derive_status(&[account(LinkStatus::Ready, true)], &[], None, false),
            ReviewStatus::AwaitingLink
        );
    }

    #[test]
    fn an_analysed_document_is_enough_to_review() {
        use DocumentStatus::*;
        assert_eq!(
            derive_status(&[], &[Failed, Analyzed], None, false),
            ReviewStatus::Ready
        );
        assert_eq!(
            derive_status(&[], &[Processing], None, false),
            ReviewStatus::Syncing
        );
        // Unreadable or removed documents are not evidence: the applicant still has to link
        // or upload again.
        assert_eq!(
            derive_status(&[], &[Failed, Revoked], None, false),
            ReviewStatus::AwaitingLink
        );
    }
}
