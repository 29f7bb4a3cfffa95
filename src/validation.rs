//! The application form's rules in the browser: the shared rules of
//! `wink_api::validation` (the server applies the same ones), keyed for the form's display.

use std::collections::BTreeMap;

pub use wink_api::validation::{check_field, FIELDS};
use wink_api::NewApplication;

/// Field name → the message shown under that field.
pub type FieldErrors = BTreeMap<String, String>;

/// Every problem in the form, keyed by field.
pub fn check_all(form: &NewApplication) -> FieldErrors {
    FIELDS
        .iter()
        .filter_map(|&name| check_field(name, form).map(|m| (name.to_owned(), m.to_owned())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wink_api::field;

    #[test]
    fn an_empty_form_is_keyed_by_every_field() {
        let errors = check_all(&NewApplication::default());
        assert_eq!(errors.len(), FIELDS.len());
        assert_eq!(
            errors[field::FULL_NAME],
            "Enter your full name as it appears on your ID."
        );
    }
}
