//! The application form's rules, shared by the browser (which checks each field as the
//! applicant leaves it) and the server (which is the judge): one set of rules and messages,
//! so a mistake reads the same whichever side catches it. A rule's verdict is a typed
//! [`Problem`]: the browser shows it in the applicant's language, the server answers API
//! clients in English and carries its key.

use crate::i18n::Message;
use crate::{field, messages, FieldError, Lang, NewApplication};

messages! {
    /// What is wrong with an input.
    pub enum Problem {
        ControlCharacter = "problem.control_character" => "Remove the invisible control characters from this field (they may have come with a paste).",
        EmailTooLong = "problem.email_too_long" => "An email address has at most 254 characters.",
        FullNameMissing = "problem.full_name_missing" => "Enter your full name as it appears on your ID.",
        FullNameInvalid = "problem.full_name_invalid" => "Enter your full name as it appears on your ID (letters, up to 100 characters).",
        EmailMissing = "problem.email_missing" => "Enter your email address.",
        EmailInvalid = "problem.email_invalid" => "Enter an email address like name@example.com.",
        MobileMissing = "problem.mobile_missing" => "Enter your mobile number.",
        MobileInvalid = "problem.mobile_invalid" => "Enter a mobile number of 7 to 15 digits, optionally starting with + and the country code.",
        EmployerMissing = "problem.employer_missing" => "Enter your current employer, or \"self-employed\".",
        EmployerTooLong = "problem.employer_too_long" => "Keep the employer's name under 100 characters.",
        IncomeMissing = "problem.income_missing" => "Enter your usual monthly income before tax.",
        IncomeNotANumber = "problem.income_not_a_number" => "Enter your monthly income as a number, e.g. 25000.",
        IncomeZero = "problem.income_zero" => "Monthly income must be more than zero.",
        IncomeTooLarge = "problem.income_too_large" => "That amount looks too large; check the number.",
        ConsentMissing = "problem.consent_missing" => "Tick the box to agree to share your data for this application.",
    }
}

impl FieldError {
    /// An error in English only: for officers, who work in English.
    pub fn english(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            key: None,
            params: Default::default(),
        }
    }

    /// `field`'s error: `problem` in English, with its key and parameters.
    pub fn new(field: impl Into<String>, problem: Problem<'_>) -> Self {
        FieldError {
            field: field.into(),
            message: problem.english(),
            key: Some(problem.key().to_owned()),
            params: problem
                .params()
                .as_slice()
                .iter()
                .map(|&(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        }
    }
}

/// The form's fields in the order they appear, named as in `NewApplication`'s JSON.
pub const FIELDS: [&str; 6] = [
    field::FULL_NAME,
    field::EMAIL,
    field::MOBILE,
    field::EMPLOYER,
    field::MONTHLY_INCOME,
    field::CONSENT,
];

/// Names and employers longer than this are refused.
const MAX_NAME_CHARS: usize = 100;
/// A declared monthly income above this is almost certainly a typo.
const MAX_INCOME: u64 = 100_000_000;

/// The longest email address there can be (RFC 5321's path limit), in bytes.
pub const MAX_EMAIL_BYTES: usize = 254;

/// A character no text input may hold. PostgreSQL cannot store NUL at all (SQLite can, so
/// refusing it here keeps both databases alike); the other C0 controls, the line and
/// paragraph separators and the bidirectional overrides and isolates hide or reorder what
/// an officer reads. Tab is allowed everywhere; CR and LF only in `multi_line` text.
pub fn is_forbidden(c: char, multi_line: bool) -> bool {
    match c {
        '\t' => false,
        '\n' | '\r' => !multi_line,
        '\u{0}'..='\u{1f}' | '\u{7f}' => true,
        '\u{2028}' | '\u{2029}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// [`Problem::ControlCharacter`] when a one-line input holds a forbidden character.
pub fn check_single_line(value: &str) -> Option<Problem<'static>> {
    value
        .chars()
        .any(|c| is_forbidden(c, false))
        .then_some(Problem::ControlCharacter)
}

/// [`Problem::ControlCharacter`] when a text area (notes, reasons) holds a forbidden
/// character.
pub fn check_multi_line(value: &str) -> Option<Problem<'static>> {
    value
        .chars()
        .any(|c| is_forbidden(c, true))
        .then_some(Problem::ControlCharacter)
}

/// The email typed to sign in: one line, and no longer than an email can be (it becomes a
/// rate-limit key, so its size is bounded before it is stored or hashed).
pub fn check_login_email(email: &str) -> Option<Problem<'static>> {
    check_single_line(email)
        .or_else(|| (email.trim().len() > MAX_EMAIL_BYTES).then_some(Problem::EmailTooLong))
}

/// One field error per named one-line value holding a forbidden character.
pub fn single_line_errors(fields: &[(&str, &str)]) -> Vec<FieldError> {
    fields
        .iter()
        .filter_map(|(field, value)| {
            check_single_line(value).map(|problem| FieldError::new(*field, problem))
        })
        .collect()
}

/// What is wrong with one field, if anything.
pub fn check_field(name: &str, form: &NewApplication) -> Option<Problem<'static>> {
    let typed = match name {
        field::FULL_NAME => Some(&form.full_name),
        field::EMAIL => Some(&form.email),
        field::MOBILE => Some(&form.mobile),
        field::EMPLOYER => Some(&form.employer),
        field::MONTHLY_INCOME => Some(&form.monthly_income),
        _ => None,
    };
    if let Some(problem) = typed.and_then(|value| check_single_line(value)) {
        return Some(problem);
    }
    match name {
        field::FULL_NAME => {
            let full_name = collapse_spaces(&form.full_name);
            if full_name.is_empty() {
                Some(Problem::FullNameMissing)
            } else if full_name.chars().count() > MAX_NAME_CHARS
                || !full_name.chars().any(char::is_alphabetic)
            {
                Some(Problem::FullNameInvalid)
            } else {
                None
            }
        }
        field::EMAIL => {
            let email = form.email.trim();
            if email.is_empty() {
                Some(Problem::EmailMissing)
            } else if !is_plausible_email(email) {
                Some(Problem::EmailInvalid)
            } else {
                None
            }
        }
        field::MOBILE => {
            if form.mobile.trim().is_empty() {
                Some(Problem::MobileMissing)
            } else if !is_plausible_mobile(&form.mobile) {
                Some(Problem::MobileInvalid)
            } else {
                None
            }
        }
        field::EMPLOYER => {
            let employer = collapse_spaces(&form.employer);
            if employer.is_empty() {
                Some(Problem::EmployerMissing)
            } else if employer.chars().count() > MAX_NAME_CHARS {
                Some(Problem::EmployerTooLong)
            } else {
                None
            }
        }
        field::MONTHLY_INCOME => match whole_amount(&form.monthly_income) {
            None if form.monthly_income.trim().is_empty() => Some(Problem::IncomeMissing),
            None => Some(Problem::IncomeNotANumber),
            Some(0) => Some(Problem::IncomeZero),
            Some(n) if n > MAX_INCOME => Some(Problem::IncomeTooLarge),
            Some(_) => None,
        },
        field::CONSENT => (!form.consent).then_some(Problem::ConsentMissing),
        _ => None,
    }
}

pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One `@`, something before it, a dotted domain after it, no spaces.
fn is_plausible_email(email: &str) -> bool {
    if email.len() > 254 || email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// 7 to 15 digits (the E.164 maximum); `+` only before the first digit; spaces, dashes,
/// dots and brackets as people write them ("(+63) 955-999 1234").
fn is_plausible_mobile(value: &str) -> bool {
    let mut digits = 0;
    for c in value.trim().chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '(' | ')' | '.' => {}
            '+' if digits == 0 => {}
            _ => return false,
        }
    }
    (7..=15).contains(&digits)
}

/// An amount as people write it in English, Filipino or Indonesian — "25,000", "25000.50",
/// "₱ 25 000", "Rp 25.000", "25.000,50" — in whole units, cents rounded; `None` if not a
/// number. The last `.` or `,` is the decimal mark when one or two digits follow it; every
/// other `.` or `,` groups thousands (in threes), so the reader's locale need not be known.
pub fn whole_amount(value: &str) -> Option<u64> {
    let cleaned: String = value
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit() && !matches!(c, '-' | '.' | ','))
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let (grouped, cents) = match cleaned.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(cleaned.len() - at - 1)) => {
            (&cleaned[..at], &cleaned[at + 1..])
        }
        _ => (cleaned.as_str(), ""),
    };
    let decimal_mark = cleaned[grouped.len()..].chars().next();
    if !cents.chars().all(|d| d.is_ascii_digit()) {
        return None;
    }
    let mut groups = grouped.split(['.', ',']);
    let first = groups.next().unwrap_or_default();
    let mut whole = first.to_owned();
    for group in groups {
        // Thousands come in threes, and never with the decimal mark's character.
        if group.len() != 3 || first.is_empty() || grouped.contains(decimal_mark.unwrap_or(' ')) {
            return None;
        }
        whole.push_str(group);
    }
    if whole.is_empty() || !whole.chars().all(|d| d.is_ascii_digit()) || whole.len() > 12 {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let round_up = cents.chars().next().is_some_and(|d| d >= '5');
    Some(whole + u64::from(round_up))
}

/// A form that passed every check, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApplication {
    pub full_name: String,
    /// Lower-cased.
    pub email: String,
    /// Digits with a leading `+` when one was typed.
    pub mobile: String,
    pub employer: String,
    /// Whole currency units.
    pub monthly_income: u64,
    pub language: Lang,
}

/// Checks every field (not just the first bad one) and normalises a good form.
pub fn validate(form: &NewApplication) -> Result<ValidApplication, Vec<FieldError>> {
    let errors: Vec<FieldError> = FIELDS
        .iter()
        .filter_map(|&name| check_field(name, form).map(|problem| FieldError::new(name, problem)))
        .collect();
    match (errors.is_empty(), whole_amount(&form.monthly_income)) {
        (true, Some(monthly_income)) => Ok(ValidApplication {
            full_name: collapse_spaces(&form.full_name),
            email: form.email.trim().to_lowercase(),
            mobile: normalise_mobile(&form.mobile),
            employer: collapse_spaces(&form.employer),
            monthly_income,
            language: form.language,
        }),
        _ => Err(errors),
    }
}

/// `(+63) 955-999 1234` → `+639559991234` (call only on a plausible number).
pub fn normalise_mobile(value: &str) -> String {
    let trimmed = value.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') || trimmed.starts_with("(+") {
        format!("+{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn george() -> NewApplication {
        NewApplication {
            full_name: "  George  Palomero Jr. ".into(),
            email: "GPalomero1234@SmileAPI.io".into(),
            mobile: "(+63) 955-999 1234".into(),
            employer: "ABC Corporation".into(),
            monthly_income: "25,000".into(),
            consent: true,
            invite: None,
            language: Lang::Fil,
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let valid = validate(&george()).unwrap();
        assert_eq!(valid.full_name, "George Palomero Jr.");
        assert_eq!(valid.email, "gpalomero1234@smileapi.io");
        assert_eq!(valid.mobile, "+639559991234");
        assert_eq!(valid.monthly_income, 25_000);
        assert_eq!(valid.language, Lang::Fil);
        assert_eq!(normalise_mobile("0955 999 1234"), "09559991234");
    }

    #[test]
    fn an_empty_form_names_every_field_in_order() {
        let errors = validate(&NewApplication::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, FIELDS);
        assert_eq!(
            errors[0].message,
            "Enter your full name as it appears on your ID."
        );
    }

    #[test]
    fn blank_or_letterless_names_are_refused() {
        for name in ["   ", "12345", &"a".repeat(101)] {
            let form = NewApplication {
                full_name: name.into(),
                ..george()
            };
            assert!(check_field(field::FULL_NAME, &form).is_some(), "{name}");
        }
    }

    #[test]
    fn emails() {
        for good in ["a@b.co", " name.surname+tag@example.com.ph "] {
            assert!(is_plausible_email(good.trim()), "{good}");
        }
        for bad in [
            "plainaddress",
            "@example.com",
            "name@",
            "george@localhost",
            "name@.com",
            "name@example.",
            "na me@example.com",
            "a@b@c.com",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn mobiles() {
        for good in [
            "+639559991234",
            "09559991234",
            "(+63) 955-999 1234",
            "+65 9999 6789",
        ] {
            assert!(is_plausible_mobile(good), "{good}");
        }
        for bad in [
            "12345",
            "call me",
            "+63 955 abc 1234",
            "63+9559991234",
            "1234567890123456",
        ] {
            assert!(!is_plausible_mobile(bad), "{bad}");
        }
    }

    #[test]
    fn incomes_as_the_server_reads_them() {
        assert_eq!(whole_amount("25000"), Some(25_000));
        assert_eq!(whole_amount("₱ 25,000.50"), Some(25_001));
        assert_eq!(whole_amount("25000.4"), Some(25_000));
        assert_eq!(whole_amount("25.000.00"), None);
        assert_eq!(whole_amount("25,000.00"), Some(25_000));
        // Indonesian and other dot-grouping forms.
        assert_eq!(whole_amount("Rp 25.000"), Some(25_000));
        assert_eq!(whole_amount("1.250.000"), Some(1_250_000));
        assert_eq!(whole_amount("25.000,50"), Some(25_001));
        assert_eq!(whole_amount("25,5"), Some(26));
        assert_eq!(whole_amount("₱25,000"), Some(25_000));
        assert_eq!(whole_amount("25 000"), Some(25_000));
        assert_eq!(whole_amount("2,50,000"), None);
        assert_eq!(whole_amount("25,00,0"), None);
        assert_eq!(whole_amount(".5"), None);
        assert_eq!(whole_amount("-5"), None);
        assert_eq!(whole_amount(""), None);
        assert_eq!(whole_amount("0"), Some(0));
    }

    #[test]
    fn income_messages() {
        let message = |income: &str| {
            check_field(
                field::MONTHLY_INCOME,
                &NewApplication {
                    monthly_income: income.into(),
                    ..george()
                },
            )
        };
        assert_eq!(message("25,000"), None);
        assert_eq!(message("0.4"), Some(Problem::IncomeZero));
        assert_eq!(message("lots"), Some(Problem::IncomeNotANumber));
        assert_eq!(message("200000000"), Some(Problem::IncomeTooLarge));
        assert_eq!(message(" "), Some(Problem::IncomeMissing));
        assert_eq!(
            Problem::IncomeNotANumber.english(),
            "Enter your monthly income as a number, e.g. 25000."
        );
    }

    #[test]
    fn control_characters_are_refused_in_every_text_field() {
        for bad in [
            '\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{2067}',
        ] {
            for name in [
                field::FULL_NAME,
                field::EMAIL,
                field::MOBILE,
                field::EMPLOYER,
                field::MONTHLY_INCOME,
            ] {
                let mut form = george();
                let value = match name {
                    field::FULL_NAME => &mut form.full_name,
                    field::EMAIL => &mut form.email,
                    field::MOBILE => &mut form.mobile,
                    field::EMPLOYER => &mut form.employer,
                    _ => &mut form.monthly_income,
                };
                value.insert(1, bad);
                let errors = validate(&form).unwrap_err();
                assert_eq!(errors.len(), 1, "{name} {bad:?}");
                assert_eq!(errors[0].field, name);
                assert_eq!(errors[0].key.as_deref(), Some("problem.control_character"));
                assert_eq!(errors[0].message, Problem::ControlCharacter.english());
            }
        }
        let tabbed = NewApplication {
            employer: "ABC\tCorporation".into(),
            ..george()
        };
        assert!(validate(&tabbed).is_ok(), "a tab is allowed");
        assert_eq!(check_multi_line("line one\r\nline two\tend"), None);
        assert_eq!(check_multi_line("a\0b"), Some(Problem::ControlCharacter));
        assert_eq!(check_single_line("a\nb"), Some(Problem::ControlCharacter));
        assert_eq!(check_login_email("ana@lender.test"), None);
        assert!(check_login_email("ana\0@lender.test").is_some());
        assert!(check_login_email(&format!("{}@x.io", "a".repeat(250))).is_some());
        let errors = single_line_errors(&[("email", "ok"), ("mobile", "1\u{202e}2")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "mobile");
    }

    #[test]
    fn consent_must_be_given() {
        let form = NewApplication {
            consent: false,
            ..george()
        };
        let errors = validate(&form).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, [field::CONSENT]);
    }
}
