//! Social-security contributions: coverage of the last 12 and 24 months, gaps, the last
//! posting and the average monthly amount.
//!
//! Windows are complete calendar months before the month of `now`: with `now` in January
//! 2025, "the last 12 months" are January–December 2024. A month counts when the amounts
//! posted for it add up to more than zero. A contribution is attributed to the month of its
//! `date` (Smile dates a contribution at the end of its month when the day is unknown);
//! one dated after the month of `now` is ignored.

use std::collections::BTreeMap;

use jiff::civil::Date;
use smile_api::{Contribution, YearMonth};
use wink_api::report::ContributionMonth;
use wink_api::summary::{ContributionGap, ContributionSummary, Money};

use super::text::round;
use super::time::{month_of, parse_date};

/// Gaps are listed when they reach into this many months before `now`.
pub const LOOKBACK_MONTHS: i32 = 24;

struct Posting<'a> {
    month: YearMonth,
    date: Date,
    amount: f64,
    currency: &'a str,
}

/// The contributions posted as of `current` (the month of `now`).
fn postings(contributions: &[Contribution], current: YearMonth) -> Vec<Posting<'_>> {
    contributions
        .iter()
        .filter_map(|c| {
            let date = parse_date(&c.date)?;
            // Dated after the month of `now`: not posted yet as of `now`.
            (c.amount.is_finite() && month_of(date) <= current).then_some(Posting {
                month: month_of(date),
                date,
                amount: c.amount,
                currency: c.currency.trim(),
            })
        })
        .collect()
}

/// The currency with the most postings; on a tie, the alphabetically first.
fn dominant(counts: &BTreeMap<String, usize>) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(currency, _)| currency.clone())
}

/// The contribution part of the summary; `current` is the month of `now`.
pub fn analyse(contributions: &[Contribution], current: YearMonth) -> ContributionSummary {
    let postings = postings(contributions, current);
    let last_complete = current.minus(1);
    let mut summary = ContributionSummary {
        counted_through: Some(last_complete.to_string()),
        months_last_12: None,
        months_last_24: None,
        gaps: Vec::new(),
        last_posting_date: None,
        months_since_last_posting: None,
        average_monthly: None,
    };
    if postings.is_empty() {
        return summary;
    }

    let mut per_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
    for p in &postings {
        *per_month.entry(p.month).or_default() += p.amount;
    }
    let paid: Vec<YearMonth> = per_month
        .iter()
        .filter(|(_, total)| **total > 0.0)
        .map(|(m, _)| *m)
        .collect();
    let in_last = |n: i32| {
        let first = current.minus(n);
        paid.iter()
            .filter(|m| (first..current).contains(*m))
            .count() as u32
    };
    summary.months_last_12 = Some(in_last(12));
    summary.months_last_24 = Some(in_last(24));

    if let Some(last) = postings
        .iter()
        .filter(|p| p.amount > 0.0)
        .max_by_key(|p| p.date)
    {
        summary.last_posting_date = Some(last.date.to_string());
        summary.months_since_last_posting = Some(current.since(last.month).max(0) as u32);
    }

    let mut gaps = Vec::new();
    for pair in paid.windows(2) {
        if pair[1].since(pair[0]) > 1 {
            gaps.push(gap(pair[0].plus(1), pair[1].minus(1), false));
        }
    }
    if let Some(&last) = paid.last() {
        if last < last_complete {
            gaps.push(gap(last.plus(1), last_complete, true));
        }
    }
    let oldest = current.minus(LOOKBACK_MONTHS);
    summary.gaps = gaps
        .into_iter()
        .rev()
        .filter(|(_, to, _)| *to >= oldest)
        .map(|(_, _, g)| g)
        .collect();

    summary.average_monthly = average(&postings, current.minus(12), current);
    summary
}

/// Every month from the first with a contribution to the last complete one (or a later
/// month with a contribution), oldest first: its total in the currency most postings use
/// (others are left out rather than mixed), and whether it falls in a gap — no positive
/// total after the first contribution, the same rule as [`analyse`]'s gaps, but without
/// its 24-month limit.
pub fn by_month(contributions: &[Contribution], current: YearMonth) -> Vec<ContributionMonth> {
    let postings = postings(contributions, current);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in &postings {
        *counts.entry(p.currency.to_ascii_uppercase()).or_default() += 1;
    }
    let Some(currency) = dominant(&counts) else {
        return Vec::new();
    };
    let mut per_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
    for p in postings
        .iter()
        .filter(|p| p.currency.eq_ignore_ascii_case(&currency))
    {
        *per_month.entry(p.month).or_default() += p.amount;
    }
    let Some(first) = per_month.iter().find(|(_, t)| **t > 0.0).map(|(m, _)| *m) else {
        return Vec::new();
    };
    let last = per_month
        .keys()
        .next_back()
        .copied()
        .unwrap_or(first)
        .max(current.minus(1));
    first
        .through(last)
        .map(|month| {
            let total = per_month.get(&month).copied();
            let paid = total.is_some_and(|t| t > 0.0);
            ContributionMonth {
                month: month.to_string(),
                amount: paid.then(|| Money {
                    amount: round(total.unwrap_or_default(), 2),
                    currency: currency.clone(),
                }),
                gap: !paid,
            }
        })
        .collect()
}

fn gap(from: YearMonth, to: YearMonth, ongoing: bool) -> (YearMonth, YearMonth, ContributionGap) {
    let g = ContributionGap {
        from: from.to_string(),
        to: to.to_string(),
        months: (to.since(from) + 1) as u32,
        ongoing,
    };
    (from, to, g)
}

/// The mean per month with contributions in `[first, end)`, in the currency most postings
/// there use (others are left out rather than mixed).
fn average(postings: &[Posting<'_>], first: YearMonth, end: YearMonth) -> Option<Money> {
    let window: Vec<&Posting<'_>> = postings
        .iter()
        .filter(|p| (first..end).contains(&p.month))
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in &window {
        *counts.entry(p.currency.to_ascii_uppercase()).or_default() += 1;
    }
    let currency = dominant(&counts)?;
    let mut per_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
    for p in window
        .iter()
        .filter(|p| p.currency.eq_ignore_ascii_case(&currency))
    {
        *per_month.entry(p.month).or_default() += p.amount;
    }
    let paid: Vec<f64> = per_month.into_values().filter(|v| *v > 0.0).collect();
    (!paid.is_empty()).then(|| Money {
        amount: round(paid.iter().sum::<f64>() / paid.len() as f64, 2),
        currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::fixtures::contribution as con;

    fn month(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    /// One contribution at the end of every month from `from` to `to` inclusive.
    fn monthly(from: YearMonth, to: YearMonth, amount: f64) -> Vec<Contribution> {
        (0..=to.since(from))
            .map(|i| con(&format!("{}-28", from.plus(i)), amount))
            .collect()
    }

    fn gap(from: &str, to: &str, months: u32, ongoing: bool) -> ContributionGap {
        ContributionGap {
            from: from.into(),
            to: to.into(),
            months,
            ongoing,
        }
    }

    #[test]
    fn by_month_lists_every_month_oldest_first_with_gaps_marked() {
        let mut contributions = monthly(month(2024, 6), month(2024, 7), 1_000.0);
        contributions.push(con("2024-07-15", 250.0));
        contributions.extend(monthly(month(2024, 10), month(2024, 10), 500.0));
        let listed: Vec<(String, Option<f64>, bool)> = by_month(&contributions, month(2025, 1))
            .into_iter()
            .map(|m| (m.month, m.amount.map(|a| a.amount), m.gap))
            .collect();
        let row = |m: &str, amount: Option<f64>, gap: bool| (m.to_owned(), amount, gap);
        assert_eq!(
            listed,
            [
                row("2024-06", Some(1_000.0), false),
                // Two postings in one month add up.
                row("2024-07", Some(1_250.0), false),
                row("2024-08", None, true),
                row("2024-09", None, true),
                row("2024-10", Some(500.0), false),
                // Ongoing: through the last complete month.
                row("2024-11", None, true),
                row("2024-12", None, true),
            ]
        );
        assert!(by_month(&[], month(2025, 1)).is_empty());
    }

    #[test]
    fn no_contributions_means_unknown_not_zero() {
        let s = analyse(&[], month(2025, 1));
        assert_eq!(s.counted_through.as_deref(), Some("2024-12"));
        assert_eq!(s.months_last_12, None);
        assert_eq!(s.months_last_24, None);
        assert!(s.gaps.is_empty());
        assert_eq!(s.last_posting_date, None);
        assert_eq!(s.months_since_last_posting, None);
        assert_eq!(s.average_monthly, None);
        // Unreadable rows are as good as none.
        let s = analyse(
            &[con("June 2024", 100.0), con("2024-06-30", f64::NAN)],
            month(2025, 1),
        );
        assert_eq!(s.months_last_12, None);
    }

    #[test]
    fn georges_history_has_a_four_month_gap_across_the_anchor_year() {
        // CDE from 2021-08 to 2023-06, nothing 2023-07..=2023-10, ABC from 2023-11 to 2024-12.
        let mut rows = monthly(month(2021, 8), month(2023, 6), 1375.0);
        rows.extend(monthly(month(2023, 11), month(2024, 12), 1620.0));
        let s = analyse(&rows, month(2025, 1));
        assert_eq!(s.months_last_12, Some(12));
        assert_eq!(s.months_last_24, Some(20));
        assert_eq!(s.gaps, vec![gap("2023-07", "2023-10", 4, false)]);
        assert_eq!(s.last_posting_date.as_deref(), Some("2024-12-28"));
        assert_eq!(s.months_since_last_posting, Some(1));
        assert_eq!(
            s.average_monthly,
            Some(Money {
                amount: 1620.0,
                currency: "PHP".into()
            })
        );
    }

    #[test]
    fn gaps_across_a_year_boundary() {
        let rows = [
            con("2023-10-31", 500.0),
            con("2024-03-31", 500.0),
            con("2024-04-30", 500.0),
        ];
        let s = analyse(&rows, month(2024, 5));
        assert_eq!(s.gaps, vec![gap("2023-11", "2024-02", 4, false)]);
        assert_eq!(s.months_last_12, Some(3));
    }

    #[test]
    fn a_trailing_gap_is_ongoing_and_listed_newest_first() {
        let rows = [
            con("2024-01-31", 500.0),
            con("2024-03-31", 500.0),
            con("2024-08-31", 500.0),
        ];
        let s = analyse(&rows, month(2025, 1));
        assert_eq!(
            s.gaps,
            vec![
                gap("2024-09", "2024-12", 4, true),
                gap("2024-04", "2024-07", 4, false),
                gap("2024-02", "2024-02", 1, false),
            ]
        );
        assert_eq!(s.months_since_last_posting, Some(5));
    }

    #[test]
    fn the_current_month_is_not_a_gap_nor_counted() {
        // Posted through December; in January nothing is missing yet.
        let rows = monthly(month(2024, 1), month(2024, 12), 100.0);
        let s = analyse(&rows, month(2025, 1));
        assert!(s.gaps.is_empty());
        assert_eq!(s.months_last_12, Some(12));
        // A January posting already in: not in the complete-month counts, but it is the last.
        let mut rows = rows;
        rows.push(con("2025-01-10", 100.0));
        let s = analyse(&rows, month(2025, 1));
        assert_eq!(s.months_last_12, Some(12));
        assert_eq!(s.last_posting_date.as_deref(), Some("2025-01-10"));
        assert_eq!(s.months_since_last_posting, Some(0));
    }

    #[test]
    fn counts_are_relative_to_now() {
        // 36 months, 2022-01..=2024-12, every month paid.
        let rows = monthly(month(2022, 1), month(2024, 12), 100.0);
        let s = analyse(&rows, month(2025, 1));
        assert_eq!((s.months_last_12, s.months_last_24), (Some(12), Some(24)));
        // Seen from mid-2025: 2024-07..=2025-06 holds 6 paid months, 2023-07..=2025-06 18.
        let s = analyse(&rows, month(2025, 7));
        assert_eq!((s.months_last_12, s.months_last_24), (Some(6), Some(18)));
        assert_eq!(s.gaps, vec![gap("2025-01", "2025-06", 6, true)]);
        // Seen from 2023-01: the future rows are not counted.
        let s = analyse(&rows, month(2023, 1));
        assert_eq!((s.months_last_12, s.months_last_24), (Some(12), Some(12)));
        assert_eq!(s.months_since_last_posting, Some(0));
    }

    #[test]
    fn only_contributions_in_the_last_two_years_yield_zero_counts() {
        let rows = monthly(month(2019, 1), month(2019, 12), 100.0);
        let s = analyse(&rows, month(2025, 1));
        assert_eq!((s.months_last_12, s.months_last_24), (Some(0), Some(0)));
        assert_eq!(s.average_monthly, None);
        assert_eq!(s.months_since_last_posting, Some(61));
        // The ongoing gap from 2020-01 reaches into the window: listed.
        assert_eq!(s.gaps, vec![gap("2020-01", "2024-12", 60, true)]);
    }

    #[test]
    fn old_gaps_are_not_listed() {
        let mut rows = vec![con("2018-01-31", 100.0)];
        rows.extend(monthly(month(2019, 1), month(2024, 12), 100.0));
        assert!(analyse(&rows, month(2025, 1)).gaps.is_empty());
    }

    #[test]
    fn several_postings_in_a_month_count_once_and_sum() {
        let rows = [
            con("2024-12-15", 600.0),
            con("2024-12-31", 1000.0),
            con("2024-11-30", 800.0),
            // A reversal that cancels October.
            con("2024-10-31", 800.0),
            con("2024-10-31", -800.0),
        ];
        let s = analyse(&rows, month(2025, 1));
        assert_eq!(s.months_last_12, Some(2));
        assert_eq!(s.average_monthly.unwrap().amount, 1200.0);
        assert_eq!(s.gaps, Vec::new());
    }

    #[test]
    fn average_uses_the_dominant_currency() {
        let mut usd = con("2024-12-31", 50.0);
        usd.currency = "USD".into();
        let rows = [con("2024-11-30", 1000.0), con("2024-10-31", 2000.0), usd];
        let s = analyse(&rows, month(2025, 1));
        assert_eq!(
            s.average_monthly,
            Some(Money {
                amount: 1500.0,
                currency: "PHP".into()
            })
        );
        assert_eq!(s.months_last_12, Some(3));
    }
}
