//! Numbers, money and dates in the reader's locale, by the browser's own `Intl` (no
//! formatting tables in the bundle): `₱25,000.00` for English and Filipino readers,
//! `Rp 25.000,00` for Indonesian ones; dates day first, the month in words.

use wink_api::Lang;

use super::browser;

/// `amount` of `currency` (ISO 4217) in `lang`'s locale; plain digits with the code if the
/// browser does not know the currency.
pub fn format_money(lang: Lang, amount: f64, currency: &str) -> String {
    browser::format_money(lang.locale(), amount, currency)
        // Whole cents, as integers: Rust's float formatting would add ~10 KB to the bundle.
        .unwrap_or_else(|| {
            let cents = (amount * 100.0).round() as i64;
            format!("{currency} {}.{:02}", cents / 100, (cents % 100).abs())
        })
}

/// A whole number with the locale's grouping: `1,250` or `1.250`.
pub fn format_number(lang: Lang, value: u64) -> String {
    browser::format_number(lang.locale(), value as f64).unwrap_or_else(|| value.to_string())
}

/// An RFC 3339 time as a date in words, day first in every language (`7 December 2026`,
/// `7 Disyembre 2026`, `7 Desember 2026`), in the reader's time zone; as given if it is
/// not a time.
pub fn format_date(lang: Lang, rfc3339: &str) -> String {
    browser::format_date(lang.locale(), rfc3339).unwrap_or_else(|| rfc3339.to_owned())
}
