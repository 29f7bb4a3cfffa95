//! What the unit tests share.

use wink_api::{LinkStatus, LinkedAccount};

/// The applicant's SSS account, in `status`.
pub fn sss_account(status: LinkStatus) -> LinkedAccount {
    LinkedAccount {
        account_id: "acc-1".into(),
        provider_id: "sss_ph".into(),
        provider_name: Some("Social Security System".into()),
        status,
        error_code: None,
        updated_at: "2026-11-27T10:00:00Z".into(),
    }
}
