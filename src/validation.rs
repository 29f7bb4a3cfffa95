//! The application form's rules in the browser: the shared rules of
//! `wink_api::validation` (the server applies the same ones), keyed for the form's display.
//! Messages stay typed until they are shown, so a switch of language re-words them.

use std::collections::BTreeMap;

use wink_api::i18n::Message;
pub use wink_api::validation::{check_field, Problem, FIELDS};
use wink_api::{FieldError, NewApplication};

use crate::i18n::I18n;

/// What is wrong with one field: our own check's verdict, or the server's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMessage {
    Problem(Problem<'static>),
    Server(FieldError),
}

impl FieldMessage {
    /// The words to show, in the reader's language.
    pub fn text(&self, i18n: &I18n) -> String {
        match self {
            FieldMessage::Problem(problem) => i18n.t(*problem),
            FieldMessage::Server(error) => i18n.field_error(error),
        }
    }

    /// The words in English (the server's, for its errors).
    pub fn english(&self) -> String {
        match self {
            FieldMessage::Problem(problem) => problem.english(),
            FieldMessage::Server(error) => error.message.clone(),
        }
    }
}

/// Field name → what is wrong with it.
pub type FieldErrors = BTreeMap<String, FieldMessage>;

/// Every problem in the form, keyed by field.
pub fn check_all(form: &NewApplication) -> FieldErrors {
    FIELDS
        .iter()
        .filter_map(|&name| {
            check_field(name, form).map(|p| (name.to_owned(), FieldMessage::Problem(p)))
        })
        .collect()
}

/// The server's per-field errors of a 422, keyed by field.
pub fn server_errors(errors: &[FieldError]) -> FieldErrors {
    errors
        .iter()
        .map(|e| (e.field.clone(), FieldMessage::Server(e.clone())))
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
            errors[field::FULL_NAME].english(),
            "Enter your full name as it appears on your ID."
        );
    }
}
