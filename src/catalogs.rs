//! Every message catalogue of the applicant's app, in one list: the test below keeps
//! `locales/fil.json` and `locales/id.json` in step with them (no key missing or extra, the
//! same parameters). Nothing imports it: it imports every area, for the test.

use wink_api::validation::Problem;

use crate::application_form::FormText;
use crate::components::{ServerText, SessionText, SignOutText};
use crate::documents::DocumentText;
use crate::errors::AdviceText;
use crate::i18n::Common;
use crate::linking::texts::{LinkText, ModeText, NoticeWords};
use crate::pages::{DoneText, LandingText, NotFoundText, ResumeText, SignedOutText};
use crate::status::StatusText;
use crate::widget::WidgetText;

/// Each catalogue's keys and English texts, in the same order.
pub const ALL: &[(&[&str], &[&str])] = &[
    (Common::KEYS, Common::ENGLISH),
    (Problem::KEYS, Problem::ENGLISH),
    (FormText::KEYS, FormText::ENGLISH),
    (LandingText::KEYS, LandingText::ENGLISH),
    (SignedOutText::KEYS, SignedOutText::ENGLISH),
    (DoneText::KEYS, DoneText::ENGLISH),
    (ResumeText::KEYS, ResumeText::ENGLISH),
    (NotFoundText::KEYS, NotFoundText::ENGLISH),
    (SessionText::KEYS, SessionText::ENGLISH),
    (SignOutText::KEYS, SignOutText::ENGLISH),
    (ServerText::KEYS, ServerText::ENGLISH),
    (LinkText::KEYS, LinkText::ENGLISH),
    (NoticeWords::KEYS, NoticeWords::ENGLISH),
    (ModeText::KEYS, ModeText::ENGLISH),
    (AdviceText::KEYS, AdviceText::ENGLISH),
    (StatusText::KEYS, StatusText::ENGLISH),
    (DocumentText::KEYS, DocumentText::ENGLISH),
    (WidgetText::KEYS, WidgetText::ENGLISH),
];

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use wink_api::i18n::placeholders;

    use super::*;

    /// The translations, as the app fetches them.
    const TRANSLATIONS: [(&str, &str); 2] = [
        ("fil", include_str!("../locales/fil.json")),
        ("id", include_str!("../locales/id.json")),
    ];

    fn english() -> BTreeMap<&'static str, &'static str> {
        let mut all = BTreeMap::new();
        for (keys, texts) in ALL {
            assert_eq!(keys.len(), texts.len());
            for (key, text) in keys.iter().zip(texts.iter()) {
                assert!(all.insert(*key, *text).is_none(), "{key} is declared twice");
            }
        }
        all
    }

    #[test]
    fn every_language_has_every_key_and_no_other() {
        let english = english();
        for (lang, json) in TRANSLATIONS {
            let texts: BTreeMap<String, String> =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("locales/{lang}.json: {e}"));
            let theirs: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
            let ours: BTreeSet<&str> = english.keys().copied().collect();
            let missing: Vec<_> = ours.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&ours).collect();
            assert!(missing.is_empty(), "locales/{lang}.json lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "locales/{lang}.json has unknown keys {extra:?}"
            );
        }
    }

    /// The consent the form shows is, word for word, the one recorded with the application
    /// and quoted in reports (`wink_api::consent_text`), in each language.
    #[test]
    fn the_consent_is_the_versioned_one_in_every_language() {
        use wink_api::i18n::Message;
        use wink_api::{consent_text, Lang};
        assert_eq!(FormText::Consent.english(), consent_text(Lang::En));
        for (lang, json) in TRANSLATIONS {
            let texts: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
            let lang: Lang = lang.parse().unwrap();
            assert_eq!(
                texts.get(FormText::Consent.key()).map(String::as_str),
                Some(consent_text(lang)),
                "locales/{}.json",
                lang.as_str()
            );
        }
    }

    /// The app finds texts by each key's 32-bit id: two keys with one id would show one
    /// message's words for another.
    #[test]
    fn no_two_keys_share_an_id() {
        let mut ids = BTreeMap::new();
        for key in english().into_keys() {
            if let Some(other) = ids.insert(wink_api::i18n::key_id(key), key) {
                panic!(
                    "{key} and {other} share the id {:#x}",
                    wink_api::i18n::key_id(key)
                );
            }
        }
    }

    #[test]
    fn every_translation_takes_the_same_parameters_as_english() {
        let english = english();
        for (lang, json) in TRANSLATIONS {
            let texts: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
            for (key, text) in &texts {
                let Some(original) = english.get(key.as_str()) else {
                    continue;
                };
                assert!(!text.trim().is_empty(), "{lang} {key} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(original),
                    "{lang} {key}: the parameters differ from English"
                );
            }
        }
    }
}
