//! The lenient parsing of Smile's date strings, and the months of dates.

use jiff::civil::Date;
use jiff::fmt::strtime::{self, BrokenDownTime};
use jiff::tz::Offset;
use smile_api::{ItemMetadata, YearMonth};

use crate::db::Timestamp;

/// The calendar month of a date.
pub fn month_of(date: Date) -> YearMonth {
    YearMonth::new(date.year().into(), date.month().unsigned_abs().into())
        .expect("a date's month is 1 to 12")
}

/// A Smile date (`yyyy-MM-dd`); a date-time is accepted and cut to its date.
pub fn parse_date(text: &str) -> Option<Date> {
    let (date, _rest) = BrokenDownTime::parse_prefix("%Y-%m-%d", text.trim()).ok()?;
    date.to_date().ok()
}

/// A Smile date-time (`yyyy-MM-ddTHH:mm:ssZ`); any RFC 3339 offset, a missing offset (read
/// as UTC) and a bare date (midnight UTC) are accepted too.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<jiff::Timestamp>() {
        return Some(at.into());
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d"]
        .into_iter()
        .find_map(|format| strtime::parse(format, text).ok()?.to_datetime().ok())
        .and_then(|at| Offset::UTC.to_timestamp(at).ok())
        .map(Timestamp::from)
}

/// When Smile created an item: `itemCreatedAt`, else the source's `createdAt`.
pub fn item_created(meta: &ItemMetadata) -> Option<Timestamp> {
    meta.item_created_at
        .as_deref()
        .and_then(parse_timestamp)
        .or_else(|| parse_timestamp(&meta.created_at))
}

/// Whole calendar months from `from` to `to` (0 when `to` is not later): 2024-01-15 →
/// 2024-03-14 is 1, → 2024-03-15 is 2.
pub fn whole_months(from: Date, to: Date) -> u32 {
    let mut months = month_of(to).since(month_of(from));
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
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
        assert_eq!(z.to_rfc3339_seconds(), "2024-08-24T05:24:37Z");
        assert_eq!(parse_timestamp("2024-08-24T07:24:37+02:00"), Some(z));
        assert_eq!(parse_timestamp("2024-08-24T05:24:37"), Some(z));
        assert_eq!(parse_timestamp("2024-08-24T05:24:37.000Z"), Some(z));
        assert_eq!(
            parse_timestamp("2024-08-24").unwrap().to_rfc3339_seconds(),
            "2024-08-24T00:00:00Z"
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
