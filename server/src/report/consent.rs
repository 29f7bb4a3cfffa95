//! The consent receipt: the words the applicant agreed to, by the version recorded with
//! their application, so a later change of the words keeps earlier receipts right.

use wink_api::report::ConsentReceipt;

use crate::db::applicants::Applicant;
use crate::db::text::UnknownValue;

/// Every version of the consent words ever shown. When `wink_api::CONSENT_TEXT` changes,
/// add its new version here and keep the earlier ones, with their words written out.
const VERSIONS: &[(&str, &str)] = &[(wink_api::CONSENT_VERSION, wink_api::CONSENT_TEXT)];

/// The words of a consent version.
fn text_of(version: &str) -> Option<&'static str> {
    VERSIONS
        .iter()
        .find(|(known, _)| *known == version)
        .map(|(_, text)| *text)
}

/// The applicant's consent as recorded when they applied. A version this build does not
/// know is an error, never other words.
pub fn receipt(applicant: &Applicant) -> Result<ConsentReceipt, UnknownValue> {
    let text = text_of(&applicant.consent_version).ok_or_else(|| UnknownValue {
        column: "applicants.consent_version",
        value: applicant.consent_version.clone(),
    })?;
    Ok(ConsentReceipt {
        agreed_at: applicant.consented_at.to_string(),
        text: text.to_owned(),
        version: applicant.consent_version.clone(),
        smile_template_id: applicant.smile_template_id.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_version_quotes_the_current_words() {
        assert_eq!(
            text_of(wink_api::CONSENT_VERSION),
            Some(wink_api::CONSENT_TEXT)
        );
        assert_eq!(text_of("1999-01"), None);
    }

    #[test]
    fn every_version_is_listed_once() {
        for (i, (version, _)) in VERSIONS.iter().enumerate() {
            assert!(
                !VERSIONS[..i].iter().any(|(v, _)| v == version),
                "{version}"
            );
        }
    }
}
