//! What an applicant reads when linking an account fails: each `AccountErrorCode` from the
//! widget's `onAccountError` (or an account's stored `errorCode`) becomes a plain-language
//! explanation and one next step. Smile's own `description()` is written for officers and
//! logs; these sentences are written for the person holding the phone.

use smile_api::AccountErrorCode;
use wink_api::messages;

messages! {
    /// What an applicant reads about a failed login, and the next step's label.
    pub enum AdviceText {
        InvalidCredentials = "advice.invalid_credentials" => "The username or password didn't match what the provider has on file. Check them and try again. We never see your password.",
        InvalidMfa = "advice.invalid_mfa" => "The verification code wasn't accepted. Ask for a new code and enter it exactly as you receive it.",
        MfaTimeout = "advice.mfa_timeout" => "The verification step took too long. Try again, and enter the code as soon as it arrives.",
        InvalidAuth = "advice.invalid_auth" => "The provider couldn't finish logging you in. This is usually temporary, so please try again.",
        AuthRequired = "advice.auth_required" => "Your login details didn't reach the provider. Please enter them again.",
        ExpiredCredentials = "advice.expired_credentials" => "Your password with this provider has expired. Set a new one on the provider's website or app, then try again.",
        AccountLocked = "advice.account_locked" => "The provider has locked this account, often after several wrong passwords. Unlock it with the provider (for example by resetting your password), then try again.",
        TosRequired = "advice.tos_required" => "The provider needs you to accept its latest terms first. Log in on its website or app, accept them, then try again.",
        ServiceUnavailable = "advice.service_unavailable" => "The provider isn't responding right now. Try again in a few minutes, or use another provider.",
        SystemError = "advice.system_error" => "Something went wrong on our verification partner's side. Try again in a few minutes; if it keeps happening, contact us.",
        AccountDisabled = "advice.account_disabled" => "The provider says this account is disabled, so it can't be used to check your income. Try another employer, agency or platform you're registered with.",
        AccountInaccessible = "advice.account_inaccessible" => "The provider isn't allowing access to this account at the moment. Try another employer, agency or platform you're registered with.",
        AccountIncomplete = "advice.account_incomplete" => "This account isn't fully set up with the provider yet, so there's nothing to share. Finish setting it up there, or use another provider.",
        InvalidAccountType = "advice.invalid_account_type" => "This kind of account can't be used here (for example, an employer's login rather than a member's). Try another provider, or your personal member account.",
        UnsupportedAuthType = "advice.unsupported_auth_type" => "We can't connect to this provider's login method yet. You can upload your documents instead.",
        UnsupportedMfaMethod = "advice.unsupported_mfa_method" => "We can't handle the verification method set up on this account yet. You can upload your documents instead.",
        Unknown = "advice.unknown" => "Something unexpected stopped this account from connecting. Contact us and we'll help you finish your application.",
        StepRetry = "advice.step_retry" => "Try again",
        StepAnotherProvider = "advice.step_another_provider" => "Choose another provider",
        StepUploadDocuments = "advice.step_upload_documents" => "Upload documents instead",
        StepContactUs = "advice.step_contact_us" => "Contact us",
    }
}

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
    pub fn label(self) -> AdviceText<'static> {
        match self {
            NextStep::Retry => AdviceText::StepRetry,
            NextStep::TryAnotherProvider => AdviceText::StepAnotherProvider,
            NextStep::UploadDocuments => AdviceText::StepUploadDocuments,
            NextStep::ContactUs => AdviceText::StepContactUs,
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
    pub message: AdviceText<'static>,
    pub next_step: NextStep,
}

const fn advice(message: AdviceText<'static>, next_step: NextStep) -> Advice {
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
        C::InvalidCredentials => advice(AdviceText::InvalidCredentials, Retry),
        C::InvalidMfa => advice(AdviceText::InvalidMfa, Retry),
        C::MfaTimeout => advice(AdviceText::MfaTimeout, Retry),
        C::InvalidAuth => advice(AdviceText::InvalidAuth, Retry),
        C::AuthRequired => advice(AdviceText::AuthRequired, Retry),
        C::ExpiredCredentials => advice(AdviceText::ExpiredCredentials, Retry),
        C::AccountLocked => advice(AdviceText::AccountLocked, Retry),
        C::TosRequired => advice(AdviceText::TosRequired, Retry),
        C::ServiceUnavailable => advice(AdviceText::ServiceUnavailable, Retry),
        C::SystemError => advice(AdviceText::SystemError, Retry),
        C::AccountDisabled => advice(AdviceText::AccountDisabled, TryAnotherProvider),
        C::AccountInaccessible => advice(AdviceText::AccountInaccessible, TryAnotherProvider),
        C::AccountIncomplete => advice(AdviceText::AccountIncomplete, TryAnotherProvider),
        C::InvalidAccountType => advice(AdviceText::InvalidAccountType, TryAnotherProvider),
        C::UnsupportedAuthType => advice(AdviceText::UnsupportedAuthType, UploadDocuments),
        C::UnsupportedMfaMethod => advice(AdviceText::UnsupportedMfaMethod, UploadDocuments),
        C::Unknown(_) => UNKNOWN,
    }
}

const UNKNOWN: Advice = advice(AdviceText::Unknown, NextStep::ContactUs);

#[cfg(test)]
mod tests {
    use super::*;
    use wink_api::i18n::Message;

    #[test]
    fn every_known_code_has_its_own_message() {
        let messages: Vec<String> = AccountErrorCode::KNOWN
            .iter()
            .map(|code| advice_for(Some(code)).message.english())
            .collect();
        for (i, message) in messages.iter().enumerate() {
            assert!(!message.is_empty());
            assert_ne!(
                *message,
                UNKNOWN.message.english(),
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
            let message = advice_for(Some(code)).message.english();
            assert_ne!(message, code.description());
            assert!(!message.contains(code.as_str()), "{message} leaks the code");
            assert!(!message.contains("MFA"), "{message} uses jargon");
        }
    }

    #[test]
    fn wrong_password_means_retry() {
        let advice = advice_for(Some(&AccountErrorCode::InvalidCredentials));
        assert_eq!(advice.next_step, NextStep::Retry);
        assert!(advice.message.english().contains("never see your password"));
        assert_eq!(advice.next_step.label().english(), "Try again");
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
