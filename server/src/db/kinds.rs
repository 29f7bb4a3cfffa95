//! The server's own closed sets of stored values (the contract's live in `wink_api`); their
//! spellings are their serde forms, read and written through [`super::text`].

use serde::{Deserialize, Serialize};
use wink_api::LinkEvent;

/// The kinds of data Smile holds for an account, one `smile_items` row per Smile item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Identity,
    Employment,
    Income,
    Contribution,
    /// Estimated incomes.
    #[serde(rename = "eincome")]
    EstimatedIncome,
}

/// A widget callback's name, as the widget spells it (`onAccountConnected`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Callback {
    #[serde(rename = "onAccountCreated")]
    AccountCreated,
    #[serde(rename = "onAccountConnected")]
    AccountConnected,
    #[serde(rename = "onAccountRemoved")]
    AccountRemoved,
    #[serde(rename = "onAccountError")]
    AccountError,
    #[serde(rename = "onTokenExpired")]
    TokenExpired,
    #[serde(rename = "onClose")]
    Close,
    #[serde(rename = "onUploadsCreated")]
    UploadsCreated,
    #[serde(rename = "onUploadsRemoved")]
    UploadsRemoved,
    #[serde(rename = "onUIEvent")]
    UiEvent,
}

impl Callback {
    pub fn of(event: &LinkEvent) -> Self {
        match event {
            LinkEvent::AccountCreated(_) => Self::AccountCreated,
            LinkEvent::AccountConnected(_) => Self::AccountConnected,
            LinkEvent::AccountRemoved(_) => Self::AccountRemoved,
            LinkEvent::AccountError(_) => Self::AccountError,
            LinkEvent::TokenExpired => Self::TokenExpired,
            LinkEvent::Close(_) => Self::Close,
            LinkEvent::UploadsCreated(_) => Self::UploadsCreated,
            LinkEvent::UploadsRemoved(_) => Self::UploadsRemoved,
            LinkEvent::UiEvent(_) => Self::UiEvent,
        }
    }
}

/// What a sync job fetches: an account's data, or an archive and what was read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Account,
    Archive,
}

/// Where a sync job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Pending,
    Running,
    Done,
    /// Failed too often; it no longer blocks anything.
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 4] = [Self::Pending, Self::Running, Self::Done, Self::Dead];
}

/// Where a stored webhook stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxStatus {
    /// Waiting for the worker.
    Pending,
    Done,
    /// Nothing to do (not about a known applicant, or erased).
    Ignored,
    /// Could never be processed (unreadable).
    Poison,
    /// Failed too often.
    Dead,
}

/// Why a snapshot of an applicant's verified data was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotReason {
    /// A report was produced from it.
    Report,
    /// An officer re-verified: the data as it stood before the fresh syncs.
    Reverify,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::text::{Spelled, Text};

    /// The spellings existing databases hold.
    #[test]
    fn spellings_are_the_stored_ones() {
        let items = [
            (ItemKind::Identity, "identity"),
            (ItemKind::Employment, "employment"),
            (ItemKind::Income, "income"),
            (ItemKind::Contribution, "contribution"),
            (ItemKind::EstimatedIncome, "eincome"),
        ];
        for (kind, stored) in items {
            assert_eq!(kind.spelling(), stored);
            assert_eq!(Text::of(&kind).parse(), Ok(kind));
        }
        assert_eq!(Callback::UiEvent.spelling(), "onUIEvent");
        assert_eq!(Callback::UploadsCreated.spelling(), "onUploadsCreated");
        let states: Vec<String> = JobState::ALL.iter().map(Spelled::spelling).collect();
        assert_eq!(states, ["pending", "running", "done", "dead"]);
        assert_eq!(InboxStatus::Poison.spelling(), "poison");
        assert_eq!(SourceKind::Account.spelling(), "account");
        assert_eq!(SourceKind::Archive.spelling(), "archive");
        assert_eq!(SnapshotReason::Report.spelling(), "report");
        assert_eq!(SnapshotReason::Reverify.spelling(), "reverify");
    }
}
