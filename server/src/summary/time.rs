//! The lenient parsing of Smile's date strings, and the months of dates.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use smile_api::YearMonth;

/// The calendar month of a date.
pub fn month_of(date: impl Datelike) -> YearMonth {
    YearMonth::new(date.year(), date.month()).expect("a date's month is 1 to 12")
}

/// A Smile date (`yyyy-MM-dd`); a date-time is accepted and cut to its date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// A Smile date-time (`yyyy-MM-ddTHH:mm:ssZ`); any RFC 3339 offset, a missing offset (read
/// as UTC) and a bare date (midnight UTC) are accepted too.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc());
        }
    }
    if text.len() == 10 {
        return parse_date(text)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|at| at.and_utc());
    }
    None
}

/// Whole calendar months from `from` to `to` (0 when `to` is not later): 2024-01-15 →
/// 2024-03-14 is 1, → 2024-03-15 is 2.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = month_of(to).since(month_of(from));
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn parses_months_dates_and_timestamps_leniently() {
        assert_eq!(YearMonth::parse("2023-07").unwrap().to_string(), "2023-07");
        assert_eq!(
            YearMonth::parse("2023-07-31").unwrap().to_string(),
            "2023-07"
        );
        assert_eq!(YearMonth::parse("2023-7"), None);
        assert_eq!(YearMonth::parse("July"), None);
        assert_eq!(YearMonth::parse("2023-13"), None);
        assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-02-29T10:00:00Z"), Some(date("2024-02-29")));
        assert_eq!(parse_date(""), None);
        let z = parse_timestamp("2024-08-24T05:24:37Z").unwrap();
        assert_eq!(z.to_rfc3339(), "2024-08-24T05:24:37+00:00");
        assert_eq!(parse_timestamp("2024-08-24T07:24:37+02:00"), Some(z));
        assert_eq!(parse_timestamp("2024-08-24T05:24:37"), Some(z));
        assert_eq!(parse_timestamp("2024-08-24T05:24:37.000Z"), Some(z));
        assert_eq!(
            parse_timestamp("2024-08-24").unwrap().to_rfc3339(),
            "2024-08-24T00:00:00+00:00"
        );
        assert_eq!(parse_timestamp("yesterday"), None);
    }

    #[test]
    fn whole_months_counts_completed_months_only() {
        assert_eq!(whole_months(date("2024-01-15"), date("2024-03-14")), 1);
        assert_eq!(whole_months(date("2024-01-15"), date("2024-03-15")), 2);
        assert_eq!(whole_months(date("2023-11-01"), date("2025-01-15")), 14);
        assert_eq!(whole_months(date("2025-01-15"), date("2024-01-15")), 0);
        assert_eq!(whole_months(date("2024-01-31"), date("2024-02-29")), 0);
    }
}
