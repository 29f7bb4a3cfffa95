//! Calendar months: how Smile's monthly figures (contributions, estimated incomes) fall,
//! and how Wink counts, compares and charts them.

use std::fmt;
use std::str::FromStr;

use crate::common::Date;

/// A calendar month, ordered. Kept as a running count (`year × 12 + month − 1`), so month
/// arithmetic is integer arithmetic and year boundaries need no special case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    index: i32,
}

const SHORT_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl YearMonth {
    /// `month` is 1 to 12.
    pub const fn new(year: i32, month: u32) -> Option<Self> {
        if month < 1 || month > 12 {
            return None;
        }
        Some(YearMonth {
            index: year * 12 + month as i32 - 1,
        })
    }

    /// The month of any of Smile's date forms: `yyyy-MM`, a date `yyyy-MM-dd` or a
    /// date-time `yyyy-MM-ddTHH:mm:ssZ` (whatever follows `yyyy-MM` is not read; spaces
    /// around are ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.trim().as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            let part = b.get(range)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0, |n, digit| n * 10 + u32::from(digit - b'0'))
            })
        };
        if b.get(4) != Some(&b'-') {
            return None;
        }
        let year = i32::try_from(digits(0..4)?).ok()?;
        YearMonth::new(year, digits(5..7)?)
    }

    /// The year, e.g. 2023.
    pub const fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// 1 to 12.
    pub const fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// The month `months` later (earlier when negative).
    pub fn plus(self, months: impl Into<i64>) -> Self {
        let index = i64::from(self.index) + months.into();
        YearMonth {
            index: index.clamp(i32::MIN.into(), i32::MAX.into()) as i32,
        }
    }

    /// The month `months` earlier (later when negative).
    pub fn minus(self, months: impl Into<i64>) -> Self {
        self.plus(-months.into())
    }

    /// Months from `earlier` to `self` (negative when `earlier` is later).
    pub const fn since(self, earlier: YearMonth) -> i32 {
        self.index - earlier.index
    }

    /// Every month from `self` to `last`, both included.
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (self.index..=last.index).map(|index| YearMonth { index })
    }

    /// Days in the month.
    pub const fn days(self) -> u32 {
        let year = self.year();
        match self.month() {
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// Day `day` of the month (clamped to it), `yyyy-MM-dd`.
    pub fn date(self, day: u32) -> Date {
        format!("{self}-{:02}", day.clamp(1, self.days()))
    }

    /// `yyyy-MM-01`.
    pub fn first_day(self) -> Date {
        self.date(1)
    }

    /// The last day of the month, `yyyy-MM-dd`.
    pub fn last_day(self) -> Date {
        self.date(self.days())
    }

    /// `Jul 2023`, for people.
    pub fn label(self) -> String {
        format!("{} {}", SHORT_NAMES[self.month() as usize - 1], self.year())
    }
}

/// `2023-07`, the wire spelling.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Not a month written `yyyy-MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a month written yyyy-MM")]
pub struct InvalidMonth(pub String);

/// Exactly `yyyy-MM`, nothing before or after (a request parameter, not a date read for
/// its month: see [`YearMonth::parse`]).
impl FromStr for YearMonth {
    type Err = InvalidMonth;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        YearMonth::parse(text)
            .filter(|_| text.len() == 7)
            .ok_or_else(|| InvalidMonth(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    #[test]
    fn parses_every_wire_spelling_and_counts() {
        let july = month("2023-07");
        assert_eq!(YearMonth::parse("2023-07-31"), Some(july));
        assert_eq!(YearMonth::parse("2023-07-01T08:00:00Z"), Some(july));
        assert_eq!(YearMonth::parse(" 2023-07 "), Some(july));
        assert_eq!(july.to_string(), "2023-07");
        assert_eq!(july.label(), "Jul 2023");
        assert_eq!(july.plus(6).to_string(), "2024-01");
        assert_eq!(july.plus(-7).to_string(), "2022-12");
        assert_eq!(july.plus(6).since(july), 6);
        assert_eq!(july.through(july.plus(2)).count(), 3);
        for bad in [
            "2023-13", "2023/07", "23-07", "", "2023-7", "July", "2023-00",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_cross_year_boundaries() {
        let dec = YearMonth::new(2024, 12).unwrap();
        assert_eq!(dec.plus(1).to_string(), "2025-01");
        assert_eq!(dec.minus(12).to_string(), "2023-12");
        assert_eq!(YearMonth::new(2025, 2).unwrap().since(dec), 2);
        assert_eq!(
            YearMonth::new(0, 1).unwrap().minus(1).to_string(),
            "-001-12"
        );
        assert_eq!(YearMonth::new(2024, 13), None);
        assert_eq!(YearMonth::new(2024, 0), None);
        let jan = YearMonth::new(2024, 1).unwrap();
        assert_eq!(jan.minus(1u32).to_string(), "2023-12");
        assert_eq!(jan.plus(13u32).to_string(), "2025-02");
        assert_eq!(jan.plus(30).since(jan), 30);
    }

    #[test]
    fn knows_the_days_of_each_month() {
        let jan = YearMonth::new(2024, 1).unwrap();
        assert_eq!(jan.plus(1).last_day(), "2024-02-29");
        assert_eq!(YearMonth::new(2023, 2).unwrap().last_day(), "2023-02-28");
        assert_eq!(YearMonth::new(1900, 2).unwrap().days(), 28);
        assert_eq!(YearMonth::new(2000, 2).unwrap().days(), 29);
        assert_eq!(jan.first_day(), "2024-01-01");
        assert_eq!(jan.date(40), "2024-01-31");
    }

    #[test]
    fn from_str_takes_exactly_yyyy_mm() {
        assert_eq!("2023-07".parse(), Ok(month("2023-07")));
        for bad in ["2023-07-01", " 2023-07", "2023-00", "23-07"] {
            assert_eq!(
                bad.parse::<YearMonth>(),
                Err(InvalidMonth(bad.to_owned())),
                "{bad}"
            );
        }
    }
}
