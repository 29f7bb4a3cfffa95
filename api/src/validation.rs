//! The application form's rules, shared by the browser (which checks each field as the
//! applicant leaves it) and the server (which is the judge): one set of rules and messages,
//! so a mistake reads the same whichever side catches it.

use crate::{field, FieldError, NewApplication};

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

/// What is wrong with one field, if anything.
pub fn check_field(name: &str, form: &NewApplication) -> Option<&'static str> {
    match name {
        field::FULL_NAME => {
            let full_name = collapse_spaces(&form.full_name);
            if full_name.is_empty() {
                Some("Enter your full name as it appears on your ID.")
            } else if full_name.chars().count() > MAX_NAME_CHARS
                || !full_name.chars().any(char::is_alphabetic)
            {
                Some("Enter your full name as it appears on your ID (letters, up to 100 characters).")
            } else {
                None
            }
        }
        field::EMAIL => {
            let email = form.email.trim();
            if email.is_empty() {
                Some("Enter your email address.")
            } else if !is_plausible_email(email) {
                Some("Enter an email address like name@example.com.")
            } else {
                None
            }
        }
        field::MOBILE => {
            if form.mobile.trim().is_empty() {
                Some("Enter your mobile number.")
            } else if !is_plausible_mobile(&form.mobile) {
                Some("Enter a mobile number of 7 to 15 digits, optionally starting with + and the country code.")
            } else {
                None
            }
        }
        field::EMPLOYER => {
            let employer = collapse_spaces(&form.employer);
            if employer.is_empty() {
                Some("Enter your current employer, or \"self-employed\".")
            } else if employer.chars().count() > MAX_NAME_CHARS {
                Some("Keep the employer's name under 100 characters.")
            } else {
                None
            }
        }
        field::MONTHLY_INCOME => match whole_amount(&form.monthly_income) {
            None if form.monthly_income.trim().is_empty() => {
                Some("Enter your usual monthly income before tax.")
            }
            None => Some("Enter your monthly income as a number, e.g. 25000."),
            Some(0) => Some("Monthly income must be more than zero."),
            Some(n) if n > MAX_INCOME => Some("That amount looks too large; check the number."),
            Some(_) => None,
        },
        field::CONSENT => (!form.consent)
            .then_some("Tick the box to agree to share your data for this application."),
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

/// "25,000", "25000.50", "₱ 25 000" → whole units, cents rounded; `None` if not a number.
pub fn whole_amount(value: &str) -> Option<u64> {
    let cleaned: String = value
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '.')
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let (whole, cents) = match cleaned.split_once('.') {
        Some((w, c)) if c.len() <= 2 && c.chars().all(|d| d.is_ascii_digit()) => (w, c),
        Some(_) => return None,
        None => (cleaned.as_str(), ""),
    };
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
}

/// Checks every field (not just the first bad one) and normalises a good form.
pub fn validate(form: &NewApplication) -> Result<ValidApplication, Vec<FieldError>> {
    let errors: Vec<FieldError> = FIELDS
        .iter()
        .filter_map(|&name| {
            check_field(name, form).map(|message| FieldError {
                field: name.to_owned(),
                message: message.to_owned(),
            })
        })
        .collect();
    match (errors.is_empty(), whole_amount(&form.monthly_income)) {
        (true, Some(monthly_income)) => Ok(ValidApplication {
            full_name: collapse_spaces(&form.full_name),
            email: form.email.trim().to_lowercase(),
            mobile: normalise_mobile(&form.mobile),
            employer: collapse_spaces(&form.employer),
            monthly_income,
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
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let valid = validate(&george()).unwrap();
        assert_eq!(valid.full_name, "George Palomero Jr.");
        assert_eq!(valid.email, "gpalomero1234@smileapi.io");
        assert_eq!(valid.mobile, "+639559991234");
        assert_eq!(valid.monthly_income, 25_000);
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
        assert_eq!(
            message("0.4"),
            Some("Monthly income must be more than zero.")
        );
        assert_eq!(
            message("lots"),
            Some("Enter your monthly income as a number, e.g. 25000.")
        );
        assert_eq!(
            message("200000000"),
            Some("That amount looks too large; check the number.")
        );
        assert_eq!(
            message(" "),
            Some("Enter your usual monthly income before tax.")
        );
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
