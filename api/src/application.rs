use serde::{Deserialize, Serialize};
use smile_api::wire_enum;

use crate::Lang;

/// `POST /api/applications`: what the applicant typed, validated by the server (each bad
/// field is named in the error's `fields`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewApplication {
    pub full_name: String,
    pub email: String,
    pub mobile: String,
    /// The employer the applicant declares (checked later against verified data).
    pub employer: String,
    /// As typed, e.g. `"25,000"`; the server parses it into whole currency units.
    pub monthly_income: String,
    /// The applicant agreed to share their data for this application.
    pub consent: bool,
    /// The token of the officer's invitation this application answers, if any; it is
    /// used up by this application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<String>,
    /// The language the applicant applied in (English when not given).
    #[serde(default)]
    pub language: Lang,
}

/// Field names as they appear in [`NewApplication`]'s JSON and in `FieldError::field`.
pub mod field {
    pub const FULL_NAME: &str = "fullName";
    pub const EMAIL: &str = "email";
    pub const MOBILE: &str = "mobile";
    pub const EMPLOYER: &str = "employer";
    pub const MONTHLY_INCOME: &str = "monthlyIncome";
    pub const CONSENT: &str = "consent";
}

wire_enum! {
    #[wire_enum(closed)]
    /// Where an application stands, from the applicant's side.
    pub enum ApplicationStatus {
        /// Applied; no account linked yet.
        Applied = "applied",
        /// At least one account is connected.
        Linked = "linked",
        /// The applicant said they are done linking.
        Completed = "completed",
    }
}

wire_enum! {
    #[wire_enum(closed)]
    /// How an applicant's data is verified: through Smile's widget, or — outside the staged
    /// rollout — manually from what they declare and upload.
    #[derive(Default)]
    pub enum VerificationPath {
        #[default]
        Wink = "wink",
        Manual = "manual",
    }
}

/// An applicant's application, as the applicant (and later the officer) sees it.
/// The words an applicant agrees to on the application form, recorded with the
/// application (by [`CONSENT_VERSION`]) and quoted in every report's consent receipt.
pub const CONSENT_TEXT: &str = "I agree to share my identity, employment, income and \
     contribution records from the accounts I choose, through Smile, with this lender, to \
     check my income and employment for this application.";

/// Changes whenever [`CONSENT_TEXT`] or a translation of it does; an application keeps
/// the version it agreed to. `2026-12` added the Filipino and Indonesian words (issue 17).
pub const CONSENT_VERSION: &str = "2026-12";

/// The consent words in the language the applicant reads them in. Part of the consent's
/// version, not of the pages' message catalogues: the report quotes what was agreed to.
pub fn consent_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => CONSENT_TEXT,
        Lang::Fil => {
            "Pumapayag akong ibahagi ang aking mga rekord ng pagkakakilanlan, trabaho, kita at \
             hulog mula sa mga account na pipiliin ko, sa pamamagitan ng Smile, sa nagpapautang \
             na ito, upang masuri ang aking kita at trabaho para sa aplikasyong ito."
        }
        Lang::Id => {
            "Saya setuju membagikan data identitas, pekerjaan, penghasilan, dan iuran saya dari \
             akun yang saya pilih, melalui Smile, kepada pemberi pinjaman ini, untuk memeriksa \
             penghasilan dan pekerjaan saya untuk pengajuan ini."
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: String,
    /// Short human-friendly reference, e.g. `WP-7K3QF9`; also Smile's `externalMetadata`.
    pub reference: String,
    pub full_name: String,
    pub email: String,
    pub mobile: String,
    pub employer: String,
    /// Declared monthly income in whole units of `currency`.
    pub monthly_income: u64,
    /// ISO 4217, e.g. `PHP`.
    pub currency: String,
    pub status: ApplicationStatus,
    /// Wink (link accounts) or manual verification; set once, when they applied.
    #[serde(default)]
    pub verification: VerificationPath,
    /// The language they applied in: their pages keep it, and officers see it.
    #[serde(default)]
    pub language: Lang,
    /// RFC 3339.
    pub consented_at: String,
    pub created_at: String,
}

/// The answer to `POST /api/applications`: the application and, once only, the secret link
/// with which the applicant can come back from another device or after the session ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApplication {
    pub application: Application,
    /// A path such as `/resume/3k9...`; open it to continue the application.
    pub resume_path: String,
}

/// `POST /api/applications/resume`: the token from a resume link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumeApplication {
    pub token: String,
}

/// The answer to `POST /api/applications/resume/preview` ([`ResumeApplication`]): whose
/// application a resume link opens, without starting a session, so the page can ask before
/// it replaces the one this browser has. Initials only: the link may not be the reader's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumePreview {
    /// e.g. `WP-7K3QF9`.
    pub reference: String,
    /// The applicant's initials, e.g. `G. P.` for George Palomero Jr.
    pub initials: String,
}
