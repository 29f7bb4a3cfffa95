//! The application form's rules in the browser: the shared rules of
//! `wink_api::validation` (the server applies the same ones), keyed for the form's display.
//! Messages stay typed until they are shown, so a switch of language re-words them.

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

/// Field name → what is wrong with it: one entry per field, at most a handful. A list,
/// not a map: a `BTreeMap` of this value type cost the bundle ~28 KB of map code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, FieldMessage)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// What is wrong with `field`, if anything.
    pub fn get(&self, field: &str) -> Option<&FieldMessage> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, m)| m)
    }

    /// Records what is wrong with `field`, replacing what was.
    pub fn insert(&mut self, field: String, message: FieldMessage) {
        self.remove(&field);
        self.0.push((field, message));
    }

    pub fn remove(&mut self, field: &str) {
        self.0.retain(|(name, _)| name != field);
    }

    /// Adds `other`'s entries, each replacing this one's for the same field.
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, message) in other.0 {
            self.insert(field, message);
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, FieldMessage)> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = (String, FieldMessage)>>(entries: I) -> Self {
        let mut errors = FieldErrors::new();
        for (field, message) in entries {
            errors.insert(field, message);
        }
        errors
    }
}

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
            errors.get(field::FULL_NAME).unwrap().english(),
            "Enter your full name as it appears on your ID."
        );
    }
}
