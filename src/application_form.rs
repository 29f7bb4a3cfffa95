//! The application form's state, shared by the page and its fields: what was typed, which
//! fields the applicant has left, and the server's verdicts. One `Copy` handle, and plain
//! `fn` accessors per field, so every field reuses the same compiled code (the bundle
//! budget counts every distinct closure type a view creates).

use leptos::prelude::*;
use wink_api::{field, messages, NewApplication};

use crate::i18n::I18n;
use crate::validation::{check_all, check_field, FieldErrors, FieldMessage};

messages! {
    /// The application page's words.
    pub enum FormText {
        Title = "apply.title" => "Apply for a loan",
        Lead = "apply.lead" => "Tell us a little about yourself. Next, you'll link the account that shows your income.",
        FullName = "apply.full_name" => "Full name",
        FullNameHint = "apply.full_name_hint" => "As it appears on your ID.",
        Email = "apply.email" => "Email address",
        Mobile = "apply.mobile" => "Mobile number",
        MobileHint = "apply.mobile_hint" => "Include your country code, for example +63 955 999 1234.",
        Employer = "apply.employer" => "Employer",
        EmployerHint = "apply.employer_hint" => "Who you work for, or the platform you earn through.",
        Income = "apply.income" => "Monthly income",
        IncomeHint = "apply.income_hint" => "Before tax, in pesos, for example 25,000.",
        // `wink_api::consent_text` in each language (a test keeps them equal): here too, so
        // an English reader's bundle carries only the English words.
        Consent = "apply.consent" => "I agree to share my identity, employment, income and contribution records from the accounts I choose, through Smile, with this lender, to check my income and employment for this application.",
        ConsentDetails = "apply.consent_details" => "We never see your passwords, and you can disconnect an account at any time.",
        ErrorPrefix = "apply.error_prefix" => "Error: ",
        Sending = "apply.sending" => "Sending…",
        Continue = "apply.continue" => "Continue",
        SummaryHeading = "apply.summary_heading" => "Please check these answers",
        InviteLoading = "apply.invite_loading" => "Loading your invitation…",
        InvitePrefilled = "apply.invite_prefilled" => "We've filled in the details from your invitation. Check them, add your monthly income, and continue.",
        InviteExpired = "apply.invite_expired" => "This invitation has expired or was already used — you can still apply.",
        InviteFailed { reason } = "apply.invite_failed" => "We couldn't load your invitation ({reason}). You can still apply.",
        SandboxFill { mode } = "apply.sandbox_fill" => "Fill in Smile's test persona ({mode} mode)",
        Received = "apply.received" => "Application received",
        Reference { reference } = "apply.reference" => "Your reference is {reference}.",
        ResumeLink = "apply.resume_link" => "Your resume link",
        ResumeLinkHint = "apply.resume_link_hint" => "Keep this link somewhere safe, such as your notes or email. It lets you come back from any device. We show it only once, and anyone who has it can continue your application, so don't share it.",
        CopyLink = "apply.copy_link" => "Copy link",
        Copied = "apply.copied" => "Copied.",
        CopyFailed = "apply.copy_failed" => "Copying didn't work here: select the link and copy it yourself.",
        ContinueToLink = "apply.continue_to_link" => "Continue: link your accounts",
    }
}

/// Reads one text field of the form.
pub type Getter = fn(&NewApplication) -> &String;
/// Writes one text field of the form.
pub type Setter = fn(&mut NewApplication, String);

/// The form's text fields, in order: each one's JSON name and accessors.
pub const TEXT_FIELDS: [(&str, Getter, Setter); 5] = [
    (field::FULL_NAME, |f| &f.full_name, |f, v| f.full_name = v),
    (field::EMAIL, |f| &f.email, |f, v| f.email = v),
    (field::MOBILE, |f| &f.mobile, |f, v| f.mobile = v),
    (field::EMPLOYER, |f| &f.employer, |f, v| f.employer = v),
    (
        field::MONTHLY_INCOME,
        |f| &f.monthly_income,
        |f, v| f.monthly_income = v,
    ),
];

#[derive(Clone, Copy)]
pub struct FormState {
    pub form: RwSignal<NewApplication>,
    /// Fields left at least once: only these show client-side errors before a submit, so
    /// nobody is scolded for a field they have not reached yet.
    /// A list, not a set: six fields at most, and a set type adds its code to the bundle.
    touched: RwSignal<Vec<&'static str>>,
    submitted: RwSignal<bool>,
    server_errors: RwSignal<FieldErrors>,
    /// Set by a press on the submit button, which makes the focused field lose focus
    /// before the click lands. Showing that field's error then would push the button from
    /// under the pointer and the click would miss; the submit shows every error anyway.
    pressing_submit: StoredValue<bool>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            form: RwSignal::new(NewApplication::default()),
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
            server_errors: RwSignal::new(FieldErrors::new()),
            pressing_submit: StoredValue::new(false),
        }
    }

    /// The message to show under `name` now (reactive): the server's, else ours once the
    /// field was left or the form submitted.
    pub fn error(self, name: &'static str) -> Option<FieldMessage> {
        if let Some(message) = self.server_errors.with(|e| e.get(name).cloned()) {
            return Some(message);
        }
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&name));
        shown
            .then(|| self.form.with(|f| check_field(name, f)))
            .flatten()
            .map(FieldMessage::Problem)
    }

    /// [`FormState::error`] in the reader's words; empty when there is none. A `String`,
    /// not a typed option, so views hold it in the one reactive text type the app has.
    pub fn error_text(self, name: &'static str, i18n: &I18n) -> String {
        self.error(name)
            .map(|message| message.text(i18n))
            .unwrap_or_default()
    }

    /// What the summary says of `name` (empty until the first submit, and for a good field).
    pub fn summary_text(self, name: &'static str, i18n: &I18n) -> String {
        if !self.submitted.get() {
            return String::new();
        }
        match self.server_errors.with(|e| e.get(name).cloned()) {
            Some(message) => message.text(i18n),
            None => self
                .form
                .with(|f| check_field(name, f))
                .map(|problem| i18n.t(problem))
                .unwrap_or_default(),
        }
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

    /// The pointer went down on the submit button (see `pressing_submit`).
    pub fn press_submit(self) {
        self.pressing_submit.set_value(true);
    }

    /// The applicant left the field: from now on its problems are shown (unless they left
    /// it by pressing submit, which shows them all).
    pub fn leave(self, name: &'static str) {
        if std::mem::take(&mut *self.pressing_submit.write_value()) {
            return;
        }
        self.touched.update(|t| {
            if !t.contains(&name) {
                t.push(name);
            }
        });
    }

    /// A submit: returns the form if it passes our checks.
    pub fn submit(self) -> Option<NewApplication> {
        self.pressing_submit.set_value(false);
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

#[cfg(test)]
mod tests {
    use super::*;
    use wink_api::field;

    #[test]
    fn a_field_shows_its_error_once_left() {
        let state = FormState::new();
        assert_eq!(state.error(field::EMAIL), None, "not before it was left");
        state.edit(field::EMAIL, |f| f.email = "nope".into());
        state.leave(field::EMAIL);
        assert_eq!(
            state.error(field::EMAIL).map(|m| m.english()).as_deref(),
            Some("Enter an email address like name@example.com.")
        );
        assert_eq!(state.error(field::MOBILE), None, "other fields stay quiet");
    }

    #[test]
    fn leaving_a_field_by_pressing_submit_waits_for_the_submit() {
        let state = FormState::new();
        state.press_submit();
        state.leave(field::EMAIL);
        assert_eq!(state.error(field::EMAIL), None);
        assert_eq!(state.submit(), None);
        assert!(state.error(field::EMAIL).is_some());
        assert_eq!(state.summary().len(), 6);
    }

    #[test]
    fn the_servers_verdict_shows_until_the_field_is_edited() {
        let state = FormState::new();
        state.set_server_errors(crate::validation::server_errors(&[
            wink_api::FieldError::english(field::MOBILE, "Already registered."),
        ]));
        assert_eq!(
            state.error(field::MOBILE).map(|m| m.english()).as_deref(),
            Some("Already registered.")
        );
        state.edit(field::MOBILE, |f| f.mobile = "+639559991234".into());
        assert_eq!(state.error(field::MOBILE), None);
    }
}
