//! The emulator's test inputs: which logins, passwords and MFA codes succeed, and which
//! "magic" values make a link fail with each of Smile's `AccountErrorCode`s. Documented in
//! the crate's README; keep the two in step.

use smile_api::AccountErrorCode;

use crate::personas::{self, Persona, MFA_CODE};

/// The MFA code that makes the provider time out.
pub const MFA_TIMEOUT_CODE: &str = "0000";

/// Short, memorable passwords for the commonest failures (any login).
const PASSWORD_ALIASES: &[(&str, AccountErrorCode)] = &[
    ("locked", AccountErrorCode::AccountLocked),
    ("unavailable", AccountErrorCode::ServiceUnavailable),
    ("disabled", AccountErrorCode::AccountDisabled),
    ("expired", AccountErrorCode::ExpiredCredentials),
    ("tos", AccountErrorCode::TosRequired),
];

/// Why a login or MFA step failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The account's `connection.errorCode`.
    pub code: AccountErrorCode,
    /// The account's `connection.errorMessage`.
    pub message: String,
}

impl Failure {
    fn new(code: AccountErrorCode) -> Self {
        let message = match code {
            AccountErrorCode::InvalidCredentials => "Invalid username or password!".to_owned(),
            AccountErrorCode::InvalidMfa => "Invalid verification code.".to_owned(),
            AccountErrorCode::MfaTimeout => "The verification code has expired.".to_owned(),
            _ => code.description().to_owned(),
        };
        Failure { code, message }
    }
}

/// The error code a magic password stands for: an alias above, or any
/// `AccountErrorCode` name itself (case-insensitive), e.g. `ACCOUNT_INCOMPLETE`.
pub fn magic_password(password: &str) -> Option<AccountErrorCode> {
    let password = password.trim();
    if let Some((_, code)) = PASSWORD_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(password))
    {
        return Some(code.clone());
    }
    AccountErrorCode::KNOWN
        .iter()
        .find(|code| code.as_str().eq_ignore_ascii_case(password))
        .cloned()
}

/// Checks a login: a magic password fails with its code whatever the login; otherwise the
/// login must be a persona's e-mail or phone and the password theirs, else
/// `INVALID_CREDENTIALS`.
pub fn check_login(login: &str, password: &str) -> Result<&'static Persona, Failure> {
    if let Some(code) = magic_password(password) {
        return Err(Failure::new(code));
    }
    match personas::find_by_login(login) {
        Some(persona) if persona.password == password => Ok(persona),
        _ => Err(Failure::new(AccountErrorCode::InvalidCredentials)),
    }
}

/// Checks an MFA code: `1234` passes, `0000` is `MFA_TIMEOUT`, anything else `INVALID_MFA`.
pub fn check_mfa(code: &str) -> Result<(), Failure> {
    match code.trim() {
        MFA_CODE => Ok(()),
        MFA_TIMEOUT_CODE => Err(Failure::new(AccountErrorCode::MfaTimeout)),
        _ => Err(Failure::new(AccountErrorCode::InvalidMfa)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persona_credentials_pass_and_wrong_ones_fail() {
        assert_eq!(
            check_login("gpalomero1234@smileapi.io", "123456")
                .unwrap()
                .key,
            "george"
        );
        assert_eq!(
            check_login("+6599996789", "YGUS1").unwrap().key,
            "christina"
        );
        let wrong = check_login("gpalomero1234@smileapi.io", "654321").unwrap_err();
        assert_eq!(wrong.code, AccountErrorCode::InvalidCredentials);
        assert_eq!(wrong.message, "Invalid username or password!");
        assert!(check_login("someone@example.com", "123456").is_err());
    }

    #[test]
    fn every_error_code_has_a_magic_password() {
        for code in AccountErrorCode::KNOWN {
            let failure = check_login("gpalomero1234@smileapi.io", code.as_str()).unwrap_err();
            assert_eq!(&failure.code, code);
            let lower = code.as_str().to_ascii_lowercase();
            assert_eq!(&check_login("x", &lower).unwrap_err().code, code);
        }
        assert_eq!(
            check_login("x", "locked").unwrap_err().code,
            AccountErrorCode::AccountLocked
        );
        assert_eq!(
            check_login("x", "unavailable").unwrap_err().code,
            AccountErrorCode::ServiceUnavailable
        );
    }

    #[test]
    fn mfa_codes() {
        assert!(check_mfa("1234").is_ok());
        assert!(check_mfa(" 1234 ").is_ok());
        assert_eq!(
            check_mfa("0000").unwrap_err().code,
            AccountErrorCode::MfaTimeout
        );
        assert_eq!(
            check_mfa("9999").unwrap_err().code,
            AccountErrorCode::InvalidMfa
        );
    }
}
