//! Wall-clock time in Smile's formats, and the calendar arithmetic the personas need.
//!
//! Written out (Howard Hinnant's days-from-civil algorithm) rather than pulling in a time
//! crate: the emulator only ever needs UTC, whole seconds, dates and months.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (negative before 1970; clamped for clocks set before it).
fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// `yyyy-MM-ddTHH:mm:ssZ` (UTC), Smile's date-time format.
pub fn format_datetime(t: SystemTime) -> String {
    let secs = unix_seconds(t);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Now, formatted.
pub fn now_string() -> String {
    format_datetime(SystemTime::now())
}

/// `t + d`, saturating far in the future instead of overflowing.
pub fn add(t: SystemTime, d: Duration) -> SystemTime {
    t.checked_add(d)
        .unwrap_or_else(|| UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 8))
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A calendar month, `yyyy-MM` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1–12.
    month: u32,
}

impl YearMonth {
    /// A month; `month` is 1–12 (values outside are wrapped into the year).
    pub fn new(year: i32, month: u32) -> Self {
        let index = i64::from(year) * 12 + i64::from(month.clamp(1, 12)) - 1;
        Self::from_index(index)
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(index: i64) -> Self {
        YearMonth {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX),
            month: u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1,
        }
    }

    /// The month containing `t` (UTC).
    pub fn of(t: SystemTime) -> Self {
        let (y, m, _) = civil_from_days(unix_seconds(t).div_euclid(86_400));
        YearMonth::new(i32::try_from(y).unwrap_or(i32::MAX), m)
    }

    /// The month `n` months earlier.
    pub fn minus(self, n: u32) -> Self {
        Self::from_index(self.index() - i64::from(n))
    }

    /// The month `n` months later.
    pub fn plus(self, n: u32) -> Self {
        Self::from_index(self.index() + i64::from(n))
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i64 {
        later.index() - self.index()
    }

    /// Days in the month.
    pub fn days(self) -> u32 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 => {
                let y = self.year;
                if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                    29
                } else {
                    28
                }
            }
            _ => 31,
        }
    }

    /// `yyyy-MM-dd` of day `day` of the month (clamped to the month).
    pub fn date(self, day: u32) -> String {
        format!("{self}-{:02}", day.clamp(1, self.days()))
    }

    /// `yyyy-MM-01`.
    pub fn first_day(self) -> String {
        self.date(1)
    }

    /// The last day of the month, `yyyy-MM-dd`.
    pub fn last_day(self) -> String {
        self.date(self.days())
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `true` for a real calendar date written `yyyy-MM-dd`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    // ASCII first: the slices below must fall on character boundaries.
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(month), Ok(day)) = (parse_month(&s[..7]), s[8..].parse::<u32>()) else {
        return false;
    };
    s[8..].bytes().all(|c| c.is_ascii_digit()) && (1..=month.days()).contains(&day)
}

/// Parses `yyyy-MM`.
pub fn parse_month(s: &str) -> Option<YearMonth> {
    let b = s.as_bytes();
    if !s.is_ascii()
        || b.len() != 7
        || b[4] != b'-'
        || !s[..4]
            .bytes()
            .chain(s[5..].bytes())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month: u32 = s[5..].parse().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| YearMonth::new(year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_datetimes() {
        assert_eq!(format_datetime(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_618_392_624);
        assert_eq!(format_datetime(t), "2021-04-14T09:30:24Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(format_datetime(leap), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn month_arithmetic() {
        let m = YearMonth::new(2024, 1);
        assert_eq!(m.minus(1).to_string(), "2023-12");
        assert_eq!(m.plus(13).to_string(), "2025-02");
        assert_eq!(m.plus(1).last_day(), "2024-02-29");
        assert_eq!(YearMonth::new(2023, 2).last_day(), "2023-02-28");
        assert_eq!(m.months_until(m.plus(30)), 30);
    }

    #[test]
    fn validates_dates_and_months() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-1-01"));
        assert!(!is_date("2023-01-+1"));
        assert_eq!(parse_month("2023-07"), Some(YearMonth::new(2023, 7)));
        assert_eq!(parse_month("2023-00"), None);
        assert_eq!(parse_month("23-07"), None);
    }
}
