//! What changed in an applicant's verified data between two moments: the officer's
//! "What changed since <date>" and the report's list of the same.

use serde::{Deserialize, Serialize};
use smile_api::wire_enum;

wire_enum! {
    #[wire_enum(closed)]
    /// What changed between two snapshots of an applicant's verified data.
    pub enum ChangeKind {
        EmploymentStarted = "employment_started",
        EmploymentEnded = "employment_ended",
        IncomeUp = "income_up",
        IncomeDown = "income_down",
        NewContributionMonths = "new_contribution_months",
        NewContributionGap = "new_contribution_gap",
        AccountDisconnected = "account_disconnected",
        AccountInError = "account_in_error",
        DocumentAdded = "document_added",
        DocumentRevoked = "document_revoked",
    }
}

wire_enum! {
    #[wire_enum(closed)]
    /// The detail's section a change belongs to.
    pub enum ChangeSection {
        Employment = "employment",
        Income = "income",
        Contributions = "contributions",
        Accounts = "accounts",
        Documents = "documents",
    }
}

/// One change, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub kind: ChangeKind,
    pub section: ChangeSection,
    /// e.g. "New employment at XYZ Holdings since 2026-11-01."
    pub text: String,
}

/// "What changed since <date>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatChanged {
    /// When the earlier snapshot was taken (RFC 3339).
    pub since: String,
    /// Empty when nothing changed.
    pub changes: Vec<Change>,
}
