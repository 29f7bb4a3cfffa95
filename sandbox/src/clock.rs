//! Wall-clock time in Smile's formats, and the calendar arithmetic the personas need.
//!
//! Written out (Howard Hinnant's days-from-civil algorithm) rather than pulling in a time
//! crate: the emulator only ever needs UTC, whole seconds, dates and months.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use smile_api::YearMonth;

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

/// The month containing `t` (UTC).
pub fn month_of(t: SystemTime) -> YearMonth {
    let (y, m, _) = civil_from_days(unix_seconds(t).div_euclid(86_400));
    YearMonth::new(i32::try_from(y).unwrap_or(i32::MAX), m).expect("a civil month is 1 to 12")
}

/// `true` for a real calendar date written `yyyy-MM-dd`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    // ASCII first: the slices below must fall on character boundaries.
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(month), Ok(day)) = (s[..7].parse::<YearMonth>(), s[8..].parse::<u32>()) else {
        return false;
    };
    s[8..].bytes().all(|c| c.is_ascii_digit()) && (1..=month.days()).contains(&day)
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
    fn the_month_of_a_moment() {
        let t = UNIX_EPOCH + Duration::from_secs(1_618_392_624); // 2021-04-14
        assert_eq!(month_of(t).to_string(), "2021-04");
        assert_eq!(month_of(UNIX_EPOCH).minus(1).to_string(), "1969-12");
    }

    #[test]
    fn validates_dates_and_months() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-1-01"));
        assert!(!is_date("2023-01-+1"));
    }
}
