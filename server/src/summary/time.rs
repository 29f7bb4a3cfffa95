//! Calendar months and the lenient parsing of Smile's date strings.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};

/// A calendar month as a running count (`year × 12 + month − 1`), so month arithmetic is
/// integer arithmetic and year boundaries need no special case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    /// `month` is 1–12.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12)
            .contains(&month)
            .then(|| Month(year * 12 + month as i32 - 1))
    }

    pub fn of(date: impl Datelike) -> Month {
        Month(date.year() * 12 + date.month0() as i32)
    }

    /// `yyyy-MM`, or the first 7 characters of a date (`yyyy-MM-dd…`).
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        let (year, rest) = text.split_once('-')?;
        let month = rest.get(..2)?;
        if year.len() != 4 || !month.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Month::new(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1–12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }

    pub fn minus(self, months: i32) -> Month {
        Month(self.0 - months)
    }

    /// `self − earlier` in months (negative when `earlier` is later).
    pub fn since(self, earlier: Month) -> i32 {
        self.0 - earlier.0
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
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
    let mut months = Month::of(to).since(Month::of(from));
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
    fn months_cross_year_boundaries() {
        let dec = Month::new(2024, 12).unwrap();
        assert_eq!(dec.plus(1).to_string(), "2025-01");
        assert_eq!(dec.minus(12).to_string(), "2023-12");
        assert_eq!(Month::new(2025, 2).unwrap().since(dec), 2);
        assert_eq!(Month::new(0, 1).unwrap().minus(1).to_string(), "-001-12");
        assert_eq!(Month::new(2024, 13), None);
        assert_eq!(Month::new(2024, 0), None);
    }

    #[test]
    fn parses_months_dates_and_timestamps_leniently() {
        assert_eq!(Month::parse("2023-07").unwrap().to_string(), "2023-07");
        assert_eq!(Month::parse("2023-07-31").unwrap().to_string(), "2023-07");
        assert_eq!(Month::parse("2023-7"), None);
        assert_eq!(Month::parse("July"), None);
        assert_eq!(Month::parse("2023-13"), None);
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
