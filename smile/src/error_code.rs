//! `AccountErrorCode`: why linking an account failed (`connection.errorCode`, the
//! `ACCOUNT_FAILED` webhook and the widget's `onAccountError`).

wire_enum! {
    /// Why a provider login failed. `null` on the wire (no error) is `Option::None`.
    pub enum AccountErrorCode {
        /// The provider reports the account as disabled.
        AccountDisabled = "ACCOUNT_DISABLED",
        /// The provider reports the account as inaccessible.
        AccountInaccessible = "ACCOUNT_INACCESSIBLE",
        /// The provider marks the account incomplete.
        AccountIncomplete = "ACCOUNT_INCOMPLETE",
        /// The provider reports the account as locked.
        AccountLocked = "ACCOUNT_LOCKED",
        /// Credentials were not sent to the provider.
        AuthRequired = "AUTH_REQUIRED",
        /// The user's credentials have expired.
        ExpiredCredentials = "EXPIRED_CREDENTIALS",
        /// Not a valid account at this provider.
        InvalidAccountType = "INVALID_ACCOUNT_TYPE",
        /// The authentication process failed.
        InvalidAuth = "INVALID_AUTH",
        /// Wrong credentials.
        InvalidCredentials = "INVALID_CREDENTIALS",
        /// The MFA code is invalid.
        InvalidMfa = "INVALID_MFA",
        /// MFA timed out.
        MfaTimeout = "MFA_TIMEOUT",
        /// The provider is unavailable.
        ServiceUnavailable = "SERVICE_UNAVAILABLE",
        /// Error on Smile's side.
        SystemError = "SYSTEM_ERROR",
        /// The user has not accepted the provider's terms of service.
        TosRequired = "TOS_REQUIRED",
        /// Authentication type not supported.
        UnsupportedAuthType = "UNSUPPORTED_AUTH_TYPE",
        /// MFA method not supported.
        UnsupportedMfaMethod = "UNSUPPORTED_MFA_METHOD",
    }
}

impl AccountErrorCode {
    /// Smile's one-line meaning of the code (for logs and officers, not applicants).
    pub fn description(&self) -> &'static str {
        match self {
            AccountErrorCode::AccountDisabled => "The provider reports the account as disabled.",
            AccountErrorCode::AccountInaccessible => {
                "The provider reports the account as inaccessible."
            }
            AccountErrorCode::AccountIncomplete => "The provider marks the account incomplete.",
            AccountErrorCode::AccountLocked => "The provider reports the account as locked.",
            AccountErrorCode::AuthRequired => "Credentials were not sent to the provider.",
            AccountErrorCode::ExpiredCredentials => "The user's credentials have expired.",
            AccountErrorCode::InvalidAccountType => "Not a valid account at this provider.",
            AccountErrorCode::InvalidAuth => "The authentication process failed.",
            AccountErrorCode::InvalidCredentials => "Wrong credentials.",
            AccountErrorCode::InvalidMfa => "The MFA code is invalid.",
            AccountErrorCode::MfaTimeout => "MFA timed out.",
            AccountErrorCode::ServiceUnavailable => "The provider is unavailable.",
            AccountErrorCode::SystemError => "Error on Smile's side.",
            AccountErrorCode::TosRequired => {
                "The user has not accepted the provider's terms of service."
            }
            AccountErrorCode::UnsupportedAuthType => "Authentication type not supported.",
            AccountErrorCode::UnsupportedMfaMethod => "MFA method not supported.",
            AccountErrorCode::Unknown(_) => "An error code this version does not know.",
        }
    }
}
