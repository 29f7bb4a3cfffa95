//! What an applicant reads when linking an account fails: each `AccountErrorCode` from the
//! widget's `onAccountError` (or an account's stored `errorCode`) becomes a plain-language
//! explanation and one next step. Smile's own `description()` is written for officers and
//! logs; these sentences are written for the person holding the phone.

use smile_api::AccountErrorCode;

/// The one thing we suggest the applicant does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Open the widget again and log in again.
    Retry,
    /// Open the widget and pick a different employer, agency or platform.
    TryAnotherProvider,
    /// Open the widget and upload payslips or other documents instead.
    UploadDocuments,
    /// Nothing the applicant can fix alone: get in touch, quoting the reference.
    ContactUs,
}

impl NextStep {
    /// The button (or heading) text for this step.
    pub fn label(self) -> &'static str {
        match self {
            NextStep::Retry => "Try again",
            NextStep::TryAnotherProvider => "Choose another provider",
            NextStep::UploadDocuments => "Upload documents instead",
            NextStep::ContactUs => "Contact us",
        }
    }

    /// Whether taking this step means opening the linking window again.
    pub fn opens_widget(self) -> bool {
        !matches!(self, NextStep::ContactUs)
    }

    /// The step as this lender can offer it: without uploads in the widget, documents
    /// cannot be uploaded there, so another provider is the next best thing.
    pub fn as_offered(self, uploads_enabled: bool) -> NextStep {
        match self {
            NextStep::UploadDocuments if !uploads_enabled => NextStep::TryAnotherProvider,
            other => other,
        }
    }
}

/// An explanation and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// What went wrong, without blame or jargon.
    pub message: &'static str,
    pub next_step: NextStep,
}

const fn advice(message: &'static str, next_step: NextStep) -> Advice {
    Advice { message, next_step }
}

/// The advice for an account error; `None` (the widget gave no code) reads like `Unknown`.
pub fn advice_for(code: Option<&AccountErrorCode>) -> Advice {
    use AccountErrorCode as C;
    use NextStep::*;
    let Some(code) = code else {
        return UNKNOWN;
    };
    match code {
        C::InvalidCredentials => advice(
            "The username or password didn't match what the provider has on file. Check them and try again. We never see your password.",
            Retry,
        ),
        C::InvalidMfa => advice(
            "The verification code wasn't accepted. Ask for a new code and enter it exactly as you receive it.",
            Retry,
        ),
        C::MfaTimeout => advice(
            "The verification step took too long. Try again, and enter the code as soon as it arrives.",
            Retry,
        ),
        C::InvalidAuth => advice(
            "The provider couldn't finish logging you in. This is usually temporary, so please try again.",
            Retry,
        ),
        C::AuthRequired => advice(
            "Your login details didn't reach the provider. Please enter them again.",
            Retry,
        ),
        C::ExpiredCredentials => advice(
            "Your password with this provider has expired. Set a new one on the provider's website or app, then try again.",
            Retry,
        ),
        C::AccountLocked => advice(
            "The provider has locked this account, often after several wrong passwords. Unlock it with the provider (for example by resetting your password), then try again.",
            Retry,
        ),
        C::TosRequired => advice(
            "The provider needs you to accept its latest terms first. Log in on its website or app, accept them, then try again.",
            Retry,
        ),
        C::ServiceUnavailable => advice(
            "The provider isn't responding right now. Try again in a few minutes, or use another provider.",
            Retry,
        ),
        C::SystemError => advice(
            "Something went wrong on our verification partner's side. Try again in a few minutes; if it keeps happening, contact us.",
            Retry,
        ),
        C::AccountDisabled => advice(
            "The provider says this account is disabled, so it can't be used to check your income. Try another employer, agency or platform you're registered with.",
            TryAnotherProvider,
        ),
        C::AccountInaccessible => advice(
            "The provider isn't allowing access to this account at the moment. Try another employer, agency or platform you're registered with.",
            TryAnotherProvider,
        ),
        C::AccountIncomplete => advice(
            "This account isn't fully set up with the provider yet, so there's nothing to share. Finish setting it up there, or use another provider.",
            TryAnotherProvider,
        ),
        C::InvalidAccountType => advice(
            "This kind of account can't be used here (for example, an employer's login rather than a member's). Try another provider, or your personal member account.",
            TryAnotherProvider,
        ),
        C::UnsupportedAuthType => advice(
            "We can't connect to this provider's login method yet. You can upload your documents instead.",
            UploadDocuments,
        ),
        C::UnsupportedMfaMethod => advice(
            "We can't handle the verification method set up on this account yet. You can upload your documents instead.",
            UploadDocuments,
        ),
        C::Unknown(_) => UNKNOWN,
    }
}

const UNKNOWN: Advice = advice(
    "Something unexpected stopped this account from connecting. Contact us and we'll help you finish your application.",
    NextStep::ContactUs,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_has_its_own_message() {
        let messages: Vec<&str> = AccountErrorCode::KNOWN
            .iter()
            .map(|code| advice_for(Some(code)).message)
            .collect();
        for (i, message) in messages.iter().enumerate() {
            assert!(!message.is_empty());
            assert_ne!(
                *message,
                UNKNOWN.message,
                "{:?}",
                AccountErrorCode::KNOWN[i]
            );
            assert_eq!(
                messages.iter().filter(|m| *m == message).count(),
                1,
                "{message} is used twice"
            );
        }
    }

    #[test]
    fn messages_speak_to_the_applicant_not_the_officer() {
        for code in AccountErrorCode::KNOWN {
            let message = advice_for(Some(code)).message;
            assert_ne!(message, code.description());
            assert!(!message.contains(code.as_str()), "{message} leaks the code");
            assert!(!message.contains("MFA"), "{message} uses jargon");
        }
    }

    #[test]
    fn wrong_password_means_retry() {
        let advice = advice_for(Some(&AccountErrorCode::InvalidCredentials));
        assert_eq!(advice.next_step, NextStep::Retry);
        assert!(advice.message.contains("never see your password"));
    }

    #[test]
    fn each_kind_of_next_step_is_used() {
        let steps: Vec<NextStep> = AccountErrorCode::KNOWN
            .iter()
            .map(|code| advice_for(Some(code)).next_step)
            .chain([advice_for(None).next_step])
            .collect();
        for step in [
            NextStep::Retry,
            NextStep::TryAnotherProvider,
            NextStep::UploadDocuments,
            NextStep::ContactUs,
        ] {
            assert!(steps.contains(&step), "{step:?} unused");
        }
    }

    #[test]
    fn unknown_and_missing_codes_ask_the_applicant_to_contact_us() {
        let unknown = advice_for(Some(&AccountErrorCode::from("BRAND_NEW_CODE")));
        assert_eq!(unknown, advice_for(None));
        assert_eq!(unknown.next_step, NextStep::ContactUs);
        assert!(!unknown.next_step.opens_widget());
    }

    #[test]
    fn uploads_fall_back_to_another_provider_when_the_lender_disabled_them() {
        let step = advice_for(Some(&AccountErrorCode::UnsupportedAuthType)).next_step;
        assert_eq!(step.as_offered(true), NextStep::UploadDocuments);
        assert_eq!(step.as_offered(false), NextStep::TryAnotherProvider);
        assert_eq!(NextStep::Retry.as_offered(false), NextStep::Retry);
    }
}
