//! Checks an applicant's form, naming every bad field (not just the first).

use wink_api::{field, FieldError, NewApplication};

/// A form that passed every check, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApplication {
    pub full_name: String,
    pub email: String,
    /// Digits with an optional leading `+`.
    pub mobile: String,
    pub employer: String,
    pub monthly_income: u64,
}

const MAX_INCOME: u64 = 100_000_000;

pub fn validate(form: &NewApplication) -> Result<ValidApplication, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        })
    };

    let full_name = collapse_spaces(&form.full_name);
    if full_name.is_empty() {
        fail(
            field::FULL_NAME,
            "Enter your full name as it appears on your ID.",
        );
    } else if full_name.chars().count() > 100 || !full_name.chars().any(char::is_alphabetic) {
        fail(
            field::FULL_NAME,
            "Enter your full name as it appears on your ID (letters, up to 100 characters).",
        );
    }

    let email = form.email.trim().to_lowercase();
    if email.is_empty() {
        fail(field::EMAIL, "Enter your email address.");
    } else if !plausible_email(&email) {
        fail(
            field::EMAIL,
            "Enter an email address like name@example.com.",
        );
    }

    let mobile = normalise_mobile(&form.mobile);
    match &mobile {
        None if form.mobile.trim().is_empty() => fail(field::MOBILE, "Enter your mobile number."),
        None => fail(
            field::MOBILE,
            "Enter a mobile number of 7 to 15 digits, optionally starting with + and the country code.",
        ),
        Some(_) => {}
    }

    let employer = collapse_spaces(&form.employer);
    if employer.is_empty() {
        fail(
            field::EMPLOYER,
            "Enter your current employer, or \"self-employed\".",
        );
    } else if employer.chars().count() > 100 {
        fail(
            field::EMPLOYER,
            "Keep the employer's name under 100 characters.",
        );
    }

    let income = parse_income(&form.monthly_income);
    match income {
        None if form.monthly_income.trim().is_empty() => fail(
            field::MONTHLY_INCOME,
            "Enter your usual monthly income before tax.",
        ),
        None => fail(
            field::MONTHLY_INCOME,
            "Enter your monthly income as a number, e.g. 25000.",
        ),
        Some(0) => fail(
            field::MONTHLY_INCOME,
            "Monthly income must be more than zero.",
        ),
        Some(n) if n > MAX_INCOME => fail(
            field::MONTHLY_INCOME,
            "That amount looks too large; check the number.",
        ),
        Some(_) => {}
    }

    if !form.consent {
        fail(
            field::CONSENT,
            "Tick the box to agree to share your data for this application.",
        );
    }

    match (errors.is_empty(), mobile, income) {
        (true, Some(mobile), Some(monthly_income)) => Ok(ValidApplication {
            full_name,
            email,
            mobile,
            employer,
            monthly_income,
        }),
        _ => Err(errors),
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plausible_email(email: &str) -> bool {
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

/// `(+63) 955-999 1234` → `+639559991234`.
fn normalise_mobile(s: &str) -> Option<String> {
    let trimmed = s.trim();
    let plus = trimmed.starts_with('+') || trimmed.starts_with("(+");
    let mut digits = String::new();
    for c in trimmed.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            '+' if digits.is_empty() => {}
            _ => return None,
        }
    }
    (7..=15)
        .contains(&digits.len())
        .then(|| if plus { format!("+{digits}") } else { digits })
}

/// `"25,000"`, `"25000.50"`, `"₱ 25 000"` → whole units (cents are rounded).
fn parse_income(s: &str) -> Option<u64> {
    let cleaned: String = s
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
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let valid = validate(&george()).unwrap();
        assert_eq!(valid.full_name, "George Palomero Jr.");
        assert_eq!(valid.email, "gpalomero1234@smileapi.io");
        assert_eq!(valid.mobile, "+639559991234");
        assert_eq!(valid.monthly_income, 25_000);
    }

    #[test]
    fn every_bad_field_is_named() {
        let errors = validate(&NewApplication::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "fullName",
                "email",
                "mobile",
                "employer",
                "monthlyIncome",
                "consent"
            ]
        );
    }

    #[test]
    fn malformed_values_are_refused_with_a_reason() {
        let form = NewApplication {
            email: "george@localhost".into(),
            mobile: "call me".into(),
            monthly_income: "lots".into(),
            ..george()
        };
        let errors = validate(&form).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "mobile", "monthlyIncome"]);
        assert!(errors[1].message.contains("7 to 15 digits"));
    }

    #[test]
    fn incomes() {
        assert_eq!(parse_income("25000"), Some(25_000));
        assert_eq!(parse_income("₱ 25,000.50"), Some(25_001));
        assert_eq!(parse_income("25000.4"), Some(25_000));
        assert_eq!(parse_income("25.000.00"), None);
        assert_eq!(parse_income("-5"), None);
        assert_eq!(parse_income(""), None);
        assert_eq!(parse_income("0"), Some(0));
    }
}
