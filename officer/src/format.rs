//! How figures and times read on the dashboard.

use wink_api::summary::{FlagKind, Money};

use smile_api::YearMonth;

/// `PHP 18,000` or `PHP 1,620.50`: grouped thousands, cents only when there are some.
pub fn money(amount: f64, currency: &str) -> String {
    let negative = amount < 0.0;
    let cents = (amount.abs() * 100.0).round() as u64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if negative { "−" } else { "" };
    if fraction == 0 {
        format!("{currency} {sign}{grouped}")
    } else {
        format!("{currency} {sign}{grouped}.{fraction:02}")
    }
}

pub fn money_of(money_value: &Money) -> String {
    money(money_value.amount, &money_value.currency)
}

/// An RFC 3339 timestamp as `2026-11-27 10:04 UTC` (the server writes UTC).
pub fn timestamp(rfc3339: &str) -> String {
    match (rfc3339.get(0..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) if rfc3339.ends_with('Z') => format!("{date} {time} UTC"),
        (Some(date), Some(time)) => format!("{date} {time}"),
        _ => rfc3339.to_owned(),
    }
}

/// `yyyy-MM` as `Jul 2023` (anything else as it came).
pub fn month(wire: &str) -> String {
    YearMonth::parse(wire).map_or_else(|| wire.to_owned(), YearMonth::label)
}

/// A flag kind for people.
pub fn flag_label(kind: &FlagKind) -> String {
    match kind {
        FlagKind::NameMismatch => "Name mismatch".into(),
        FlagKind::EmployerMismatch => "Employer mismatch".into(),
        FlagKind::ContributionGap => "Contribution gap".into(),
        FlagKind::NoRecentContributions => "No recent contributions".into(),
        FlagKind::IncomeBelowDeclared => "Income below declared".into(),
        FlagKind::StaleData => "Stale data".into(),
        FlagKind::DisconnectedAccount => "Disconnected account".into(),
        FlagKind::DocumentCheckFailed => "Document check failed".into(),
        FlagKind::DocumentUnreadable => "Unreadable document".into(),
        FlagKind::DocumentIdentityMismatch => "Name on document differs".into(),
        FlagKind::Unknown(other) => other.replace('_', " "),
    }
}

/// A file size Smile gave in kilobytes: `182 KB`, `1.5 MB`.
pub fn file_size(kb: u64) -> String {
    if kb < 1024 {
        format!("{kb} KB")
    } else {
        format!("{:.1} MB", kb as f64 / 1024.0)
    }
}

/// `1 month`, `4 months`.
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_cents() {
        assert_eq!(money(18000.0, "PHP"), "PHP 18,000");
        assert_eq!(money(1620.5, "PHP"), "PHP 1,620.50");
        assert_eq!(money(1234567.891, "IDR"), "IDR 1,234,567.89");
        assert_eq!(money(999.0, "SGD"), "SGD 999");
        assert_eq!(money(0.0, "PHP"), "PHP 0");
        assert_eq!(money(-2500.0, "PHP"), "PHP −2,500");
    }

    #[test]
    fn times_and_months_read_plainly() {
        assert_eq!(timestamp("2026-11-27T10:04:59Z"), "2026-11-27 10:04 UTC");
        assert_eq!(timestamp("2026-11-27"), "2026-11-27");
        assert_eq!(month("2023-07"), "Jul 2023");
        assert_eq!(month("soon"), "soon");
        assert_eq!(
            flag_label(&FlagKind::from("brand_new_kind")),
            "brand new kind"
        );
        assert_eq!(months(1), "1 month");
    }

    #[test]
    fn document_flags_and_file_sizes_read_plainly() {
        assert_eq!(
            flag_label(&FlagKind::DocumentCheckFailed),
            "Document check failed"
        );
        assert_eq!(file_size(182), "182 KB");
        assert_eq!(file_size(1536), "1.5 MB");
    }
}
