//! The loan officer's side of the contract: sessions, the applicants list, one applicant's
//! verified data, notes, decisions, invitations and the audit trail.
//!
//! Routes (all under `/api/officer`, all JSON unless said otherwise, all but `login` require
//! an officer session; an applicant session gets 403, none 401):
//! - `POST   /login` [`OfficerLogin`] → [`OfficerMe`], sets the `wink_officer` cookie
//!   (401 wrong email or password, 429 with `Retry-After` after too many attempts)
//! - `POST   /logout` → 204, ends the session
//! - `GET    /me` → [`OfficerMe`]
//! - `GET    /applicants?` [`ApplicantQuery`] → [`ApplicantPage`]
//! - `GET    /applicants/export.csv?` [`ApplicantQuery`] → `text/csv` (every match, audited)
//! - `GET    /applicants/{id}` → [`ApplicantDetail`] (audited)
//! - `DELETE /applicants/{id}` → 204: revokes the accounts at Smile, purges personal data
//! - `POST   /applicants/{id}/notes` [`NewNote`] → 201 [`Note`]
//! - `POST   /applicants/{id}/decision` [`NewDecision`] → [`Decision`]
//! - `GET    /applicants/{id}/audit` → [`AuditTrail`]
//! - `POST   /invites` [`NewInvite`] → 201 [`Invite`]
//! - `GET    /rollout` → [`RolloutReport`]
//! - `GET    /stream` → `text/event-stream`: an `applicant` event carrying
//!   [`ApplicantChanged`] whenever an applicant's data, accounts or review changes
//!
//! And one public route for the applicant an invitation was sent to:
//! - `GET    /api/invites/{token}` → [`InvitePrefill`] (410 when expired or used)

use serde::{Deserialize, Serialize};
use smile_api::{wire_enum, AccountErrorCode, Contribution, Eincome, Employment, Identity, Income};

use crate::document::{DataSource, Document};
use crate::summary::{FlagKind, VerificationSummary};
use crate::{Application, LinkStatus};

mod list_query;

pub use list_query::{
    percent_encode, ApplicantQuery, ApplicantSort, QueryError, DEFAULT_PER_PAGE, MAX_PAGE,
    MAX_PER_PAGE, MAX_SEARCH_CHARS,
};

/// `POST /api/officer/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficerLogin {
    pub email: String,
    pub password: String,
}

/// The signed-in officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficerMe {
    pub id: String,
    pub email: String,
    /// When the session ends at the latest, whatever the activity (RFC 3339).
    pub session_expires_at: String,
}

wire_enum! {
    #[wire_enum(closed)]
    /// Where an applicant stands in the lender's review: derived from the application, its
    /// linked accounts and the officer's decision, and kept up to date by the server.
    pub enum ReviewStatus {
        /// Applied; no account linked yet.
        AwaitingLink = "awaiting_link",
        /// An account is being linked or its data is being retrieved.
        Syncing = "syncing",
        /// Verified data has arrived; ready for review.
        Ready = "ready",
        /// Every linked account failed; the applicant has to try again.
        LinkFailed = "link_failed",
        /// Outside the Wink rollout, or chose not to link: documents and declarations only.
        Manual = "manual",
        /// The officer asked the applicant for more information.
        InfoRequested = "info_requested",
        Approved = "approved",
        Declined = "declined",
    }
}

impl ReviewStatus {
    /// A label for a person.
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::AwaitingLink => "Awaiting link",
            ReviewStatus::Syncing => "Syncing",
            ReviewStatus::Ready => "Ready for review",
            ReviewStatus::LinkFailed => "Link failed",
            ReviewStatus::Manual => "Manual verification",
            ReviewStatus::InfoRequested => "Info requested",
            ReviewStatus::Approved => "Approved",
            ReviewStatus::Declined => "Declined",
        }
    }
}

/// One line of the applicants list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantRow {
    pub id: String,
    pub reference: String,
    pub full_name: String,
    pub email: String,
    pub employer: String,
    pub status: ReviewStatus,
    /// The flags of the latest summary, most important first.
    #[serde(default)]
    pub flags: Vec<FlagKind>,
    /// The latest summary's name-match score, when there is one.
    pub name_score: Option<u8>,
    /// Linked accounts (any status).
    pub accounts: u32,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
}

/// How many applicants (matching the search and flag filter, any status) are in a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: ReviewStatus,
    pub count: u64,
}

/// `GET /api/officer/applicants`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantPage {
    pub items: Vec<ApplicantRow>,
    /// Matches across all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// Every status with its count (zero included), in [`ReviewStatus::ALL`] order; the
    /// status filter itself is not applied to these, so the chips show what each would give.
    pub counts: Vec<StatusCount>,
}

/// A linked account as the officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfficerAccount {
    pub account_id: String,
    pub provider_id: String,
    pub provider_name: Option<String>,
    pub status: LinkStatus,
    pub error_code: Option<AccountErrorCode>,
    /// When the account's data was last fetched from Smile (RFC 3339).
    pub last_synced_at: Option<String>,
    /// The account was disconnected (by the applicant or Smile); its data was removed.
    #[serde(default)]
    pub disconnected: bool,
    pub created_at: String,
    pub updated_at: String,
}

wire_enum! {
    #[wire_enum(closed)]
    /// Where a timeline entry came from.
    pub enum TimelineSource {
        /// A callback of the widget in the applicant's browser.
        Widget = "widget",
        /// A webhook from Smile.
        Webhook = "webhook",
        /// An officer's note or decision.
        Officer = "officer",
    }
}

/// One thing that happened to the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// RFC 3339.
    pub at: String,
    pub source: TimelineSource,
    /// `onAccountConnected`, `ACCOUNT_CONNECTED`, `decision`, ...
    pub kind: String,
    pub account_id: Option<String>,
    /// A short description for a person (no personal data beyond what the page shows).
    pub detail: String,
}

/// A document the applicant's browser reported uploading through the widget. A hint only:
/// Smile has not confirmed it, so it is never shown as a document with a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportedUpload {
    pub upload_id: String,
    /// The document type the browser reported (`PAYSLIP`, ...).
    pub document_type: Option<String>,
    pub file_name: Option<String>,
    /// When the browser reported it (RFC 3339).
    pub reported_at: String,
}

/// An officer's note on an applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub id: i64,
    pub officer_email: String,
    pub text: String,
    pub created_at: String,
}

/// `POST /api/officer/applicants/{id}/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewNote {
    /// 1 to [`MAX_NOTE_CHARS`] characters.
    pub text: String,
}

pub const MAX_NOTE_CHARS: usize = 4000;

wire_enum! {
    #[wire_enum(closed)]
    /// What the officer decided.
    pub enum DecisionOutcome {
        Approve = "approve",
        Decline = "decline",
        RequestInfo = "request_info",
    }
}

impl DecisionOutcome {
    /// A label for a person.
    pub fn label(self) -> &'static str {
        match self {
            DecisionOutcome::Approve => "Approve",
            DecisionOutcome::Decline => "Decline",
            DecisionOutcome::RequestInfo => "Request more information",
        }
    }
}

/// `POST /api/officer/applicants/{id}/decision`: the latest decision replaces the earlier
/// one (every one stays in the timeline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewDecision {
    pub outcome: DecisionOutcome,
    /// Why; required, 1 to [`MAX_NOTE_CHARS`] characters.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub outcome: DecisionOutcome,
    pub reason: String,
    pub officer_email: String,
    pub decided_at: String,
}

/// `GET /api/officer/applicants/{id}`: everything the officer decides from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantDetail {
    /// What the applicant declared.
    pub application: Application,
    pub status: ReviewStatus,
    pub accounts: Vec<OfficerAccount>,
    /// Smile's data, as synced, each list newest first where it has dates.
    pub identities: Vec<Identity>,
    pub employments: Vec<Employment>,
    pub contributions: Vec<Contribution>,
    pub incomes: Vec<Income>,
    pub estimated_incomes: Vec<Eincome>,
    /// Smile's archives of the applicant's uploads, newest first.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Where each data row came from, by the row's `metadata.sourceId`.
    #[serde(default)]
    pub sources: Vec<DataSource>,
    /// Uploads the applicant's browser reported that Smile has not confirmed: never evidence.
    pub reported_uploads: Vec<ReportedUpload>,
    /// Newest first.
    pub timeline: Vec<TimelineEntry>,
    pub summary: VerificationSummary,
    /// Newest first.
    pub notes: Vec<Note>,
    pub decision: Option<Decision>,
    /// What changed since the last report or re-verification, when there was one.
    #[serde(default)]
    pub changes: Option<crate::changes::WhatChanged>,
}

wire_enum! {
    #[wire_enum(closed)]
    /// What an audit row records.
    pub enum AuditAction {
        /// The applicant's name and email were on a page of the list the officer opened.
        ViewList = "view_list",
        /// Opened the applicant's detail.
        ViewDetail = "view_detail",
        /// The applicant was part of a CSV export.
        Export = "export",
        /// Read the audit trail.
        ViewAudit = "view_audit",
        AddNote = "add_note",
        Decide = "decide",
        Delete = "delete",
        /// Created an invitation.
        Invite = "invite",
        /// Asked Smile for fresh data of every source (re-verification).
        Reverify = "reverify",
        /// Downloaded the verification report (PDF or JSON).
        DownloadReport = "download_report",
        /// Issued a new resume link for the applicant to reconnect an account.
        ReconnectLink = "reconnect_link",
    }
}

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub officer_email: String,
    pub action: AuditAction,
    /// RFC 3339.
    pub at: String,
    /// The report a download produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
}

/// `GET /api/officer/applicants/{id}/audit`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditTrail {
    pub applicant_id: String,
    /// `None` once the applicant was deleted (the trail is kept).
    pub reference: Option<String>,
    pub entries: Vec<AuditEntry>,
}

/// `POST /api/officer/invites`: what to pre-fill; every field may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewInvite {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub employer: String,
}

/// The invitation: send `path` (on this site's address) to the applicant. Shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invite {
    /// `/apply?invite=...`
    pub path: String,
    /// RFC 3339; single use before then.
    pub expires_at: String,
}

/// `GET /api/invites/{token}`: the fields to pre-fill on the application form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitePrefill {
    pub full_name: String,
    pub email: String,
    pub mobile: String,
    pub employer: String,
    pub expires_at: String,
}

/// `GET /api/officer/rollout`: the staged rollout's settings and how each cohort converts,
/// so the lender can decide when to widen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutReport {
    /// Share of new applicants (outside the allow-list) put on the Wink path, 0–100.
    pub percent: u8,
    /// How many allow-list entries there are (the entries themselves are not shown).
    pub allowlist_entries: u32,
    pub cohorts: Vec<CohortStats>,
}

/// Conversion of one cohort, counted in applicants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortStats {
    pub cohort: crate::VerificationPath,
    pub applied: u64,
    /// Began linking at least one account.
    pub started: u64,
    /// At least one account connected.
    pub connected: u64,
    /// At least one account's data synced.
    pub synced: u64,
    /// Accounts that failed, by Smile's error code, most frequent first.
    pub failed_by_code: Vec<ErrorCount>,
    /// Applicants with at least one document Smile received.
    #[serde(default)]
    pub documents_uploaded: u64,
    /// Applicants with at least one document Smile analysed.
    #[serde(default)]
    pub documents_analyzed: u64,
    /// Applicants with at least one document Smile could not read.
    #[serde(default)]
    pub documents_failed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCount {
    pub code: String,
    pub accounts: u64,
}

/// The data of the officers' stream's `applicant` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantChanged {
    pub applicant_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_status_spellings_round_trip() {
        for status in ReviewStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(ReviewStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ReviewStatus::parse("nope"), None);
    }
}
