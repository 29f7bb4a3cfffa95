//! The consent receipt: the words the applicant agreed to, by the version recorded with
//! their application, so a later change of the words keeps earlier receipts right.

use wink_api::report::ConsentReceipt;
use wink_api::{consent_text, Lang, CONSENT_VERSION};

use crate::db::applicants::Applicant;
use crate::db::text::UnknownValue;

/// `2026-11`, before the translations: English words, whatever else the page said.
const ENGLISH_2026_11: &str = "I agree to share my identity, employment, income and \
     contribution records from the accounts I choose, through Smile, with this lender, to \
     check my income and employment for this application.";

/// The words of a consent version in a language. When the words change, give the new ones
/// a new `CONSENT_VERSION` and write the earlier ones out here.
fn text_of(version: &str, lang: Lang) -> Option<&'static str> {
    match version {
        CONSENT_VERSION => Some(consent_text(lang)),
        "2026-11" => Some(ENGLISH_2026_11),
        _ => None,
    }
}

/// The applicant's consent as recorded when they applied, in the language they agreed in
/// (and in English beside it). A version this build does not know is an error, never
/// other words.
pub fn receipt(applicant: &Applicant) -> Result<ConsentReceipt, UnknownValue> {
    let unknown = || UnknownValue {
        column: "applicants.consent_version",
        value: applicant.consent_version.clone(),
    };
    let version = applicant.consent_version.as_str();
    let text = text_of(version, applicant.language).ok_or_else(unknown)?;
    let english = text_of(version, Lang::En).ok_or_else(unknown)?;
    Ok(ConsentReceipt {
        agreed_at: applicant.consented_at.to_string(),
        language: applicant.language,
        text: text.to_owned(),
        text_in_english: (text != english).then(|| english.to_owned()),
        version: applicant.consent_version.clone(),
        smile_template_id: applicant.smile_template_id.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_version_quotes_the_current_words_in_each_language() {
        for lang in Lang::ALL {
            assert_eq!(text_of(CONSENT_VERSION, lang), Some(consent_text(lang)));
        }
        assert_ne!(consent_text(Lang::Fil), consent_text(Lang::En));
        assert_eq!(text_of("1999-01", Lang::En), None);
    }

    #[test]
    fn the_earlier_version_was_english_only() {
        assert_eq!(text_of("2026-11", Lang::Fil), Some(ENGLISH_2026_11));
        assert_eq!(ENGLISH_2026_11, wink_api::CONSENT_TEXT);
    }
}
