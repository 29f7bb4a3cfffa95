//! Calendar months, as the charts count them: `yyyy-MM` on the wire (Smile's dates are
//! `yyyy-MM-dd`, the summary's months `yyyy-MM`).

use std::fmt;

/// A month, ordered; `index` counts months since year 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    index: i32,
}

const NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then(|| YearMonth {
            index: year * 12 + month as i32 - 1,
        })
    }

    /// The month of `yyyy-MM`, `yyyy-MM-dd` or an RFC 3339 timestamp.
    pub fn parse(s: &str) -> Option<Self> {
        let year = s.get(0..4)?.parse().ok()?;
        if s.get(4..5)? != "-" {
            return None;
        }
        let month = s.get(5..7)?.parse().ok()?;
        YearMonth::new(year, month)
    }

    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    pub fn plus(self, months: i32) -> Self {
        YearMonth {
            index: self.index + months,
        }
    }

    /// Months from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: YearMonth) -> i32 {
        self.index - earlier.index
    }

    /// `Jul 2023`, for people.
    pub fn label(self) -> String {
        format!("{} {}", NAMES[self.month() as usize - 1], self.year())
    }

    /// Every month from `self` to `last`, both included.
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (self.index..=last.index).map(|index| YearMonth { index })
    }
}

/// `2023-07`, the wire spelling.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_wire_spelling_and_counts() {
        let july = YearMonth::parse("2023-07").unwrap();
        assert_eq!(YearMonth::parse("2023-07-31"), Some(july));
        assert_eq!(YearMonth::parse("2023-07-01T08:00:00Z"), Some(july));
        assert_eq!(july.to_string(), "2023-07");
        assert_eq!(july.label(), "Jul 2023");
        assert_eq!(july.plus(6).to_string(), "2024-01");
        assert_eq!(july.plus(-7).to_string(), "2022-12");
        assert_eq!(july.plus(6).since(july), 6);
        assert_eq!(july.through(july.plus(2)).count(), 3);
        for bad in ["2023-13", "2023/07", "23-07", "", "2023-7"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
    }
}
