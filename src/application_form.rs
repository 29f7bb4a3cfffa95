//! The application form's state, shared by the page and its fields: what was typed, which
//! fields the applicant has left, and the server's verdicts. One `Copy` handle, and plain
//! `fn` accessors per field, so every field reuses the same compiled code (the bundle
//! budget counts every distinct closure type a view creates).

use std::collections::BTreeSet;

use leptos::prelude::*;
use wink_api::NewApplication;

use crate::validation::{check_all, check_field, FieldErrors};

/// Reads one text field of the form.
pub type Getter = fn(&NewApplication) -> &String;
/// Writes one text field of the form.
pub type Setter = fn(&mut NewApplication, String);

#[derive(Clone, Copy)]
pub struct FormState {
    pub form: RwSignal<NewApplication>,
    /// Fields left at least once: only these show client-side errors before a submit, so
    /// nobody is scolded for a field they have not reached yet.
    touched: RwSignal<BTreeSet<&'static str>>,
    submitted: RwSignal<bool>,
    server_errors: RwSignal<FieldErrors>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            form: RwSignal::new(NewApplication::default()),
            touched: RwSignal::new(BTreeSet::new()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
        }
    }

    /// The message to show under `name` now (reactive): the server's, else ours once the
    /// field was left or the form submitted.
    pub fn error(self, name: &'static str) -> Option<String> {
        if let Some(message) = self.server_errors.with(|e| e.get(name).cloned()) {
            return Some(message);
        }
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(name));
        shown
            .then(|| self.form.with(|f| check_field(name, f)))
            .flatten()
            .map(str::to_owned)
    }

    /// Every message, for the summary above the form; empty until the first submit.
    pub fn summary(self) -> FieldErrors {
        if !self.submitted.get() {
            return FieldErrors::new();
        }
        let mut errors = self.form.with(check_all);
        errors.extend(self.server_errors.get());
        errors
    }

    /// A keystroke: store it, and drop the server's verdict on that field (it re-checks on
    /// the next submit).
    pub fn edit(self, name: &'static str, update: impl FnOnce(&mut NewApplication)) {
        self.form.update(update);
        self.server_errors.update(|e| {
            e.remove(name);
        });
    }

    /// The applicant left the field: from now on its problems are shown.
    pub fn leave(self, name: &'static str) {
        self.touched.update(|t| {
            t.insert(name);
        });
    }

    /// A submit: returns the form if it passes our checks.
    pub fn submit(self) -> Option<NewApplication> {
        self.submitted.set(true);
        let form = self.form.get_untracked();
        check_all(&form).is_empty().then_some(form)
    }

    /// The server's per-field errors from a 422.
    pub fn set_server_errors(self, errors: FieldErrors) {
        self.server_errors.set(errors);
    }

    /// Replaces the whole form (the sandbox persona button).
    pub fn fill(self, form: NewApplication) {
        self.form.set(form);
        self.server_errors.set(FieldErrors::new());
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}
