//! The contributions chart: one bar per calendar month (the month's contributions summed),
//! the summary's gap months marked, and each change of employer (from the employment data)
//! drawn as a labelled line at the first month with the new employer.

use std::collections::BTreeMap;

use smile_api::{Contribution, Employment};
use wink_api::summary::ContributionGap;

use super::employment::employer_key;
use super::{round, MARGIN, WIDTH};
use smile_api::YearMonth;

/// Height of the coordinate space.
pub const HEIGHT: f64 = 200.0;
/// Top of the plot (the tallest bar reaches it).
const TOP: f64 = 12.0;
/// The bars' baseline; below it, the year labels.
pub const BASELINE: f64 = 176.0;
/// At most this many months are drawn (the most recent).
pub const MAX_MONTHS: i32 = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub month: YearMonth,
    /// Summed over the month's contributions; 0 for a month without.
    pub amount: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The month is in one of the summary's gaps.
    pub gap: bool,
}

/// A gap of the summary, as a band behind its months.
#[derive(Debug, Clone, PartialEq)]
pub struct GapBand {
    pub gap: ContributionGap,
    pub x: f64,
    pub width: f64,
}

/// The first month with a different employer than the months before.
#[derive(Debug, Clone, PartialEq)]
pub struct EmployerChange {
    pub month: YearMonth,
    pub x: f64,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContributionChart {
    pub bars: Vec<Bar>,
    pub gaps: Vec<GapBand>,
    pub changes: Vec<EmployerChange>,
    /// The tallest month's amount.
    pub max_amount: f64,
    pub currency: String,
    /// `(x, year)` at each January.
    pub ticks: Vec<(f64, i32)>,
}

/// Lays out `contributions` from the first month with one (or the first gap month) to
/// the latest of: the last contribution, the last gap month, `through` (the summary's
/// `countedThrough`, so an ongoing gap shows). `None` without any contribution.
pub fn layout(
    contributions: &[Contribution],
    gaps: &[ContributionGap],
    employments: &[Employment],
    through: Option<&str>,
) -> Option<ContributionChart> {
    let mut per_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
    for c in contributions {
        if let Some(month) = YearMonth::parse(&c.date) {
            *per_month.entry(month).or_default() += c.amount;
        }
    }
    let first_paid = *per_month.keys().next()?;
    let last_paid = *per_month.keys().next_back()?;
    let gap_ranges: Vec<(YearMonth, YearMonth, &ContributionGap)> = gaps
        .iter()
        .filter_map(|g| Some((YearMonth::parse(&g.from)?, YearMonth::parse(&g.to)?, g)))
        .collect();
    let last = gap_ranges
        .iter()
        .map(|(_, to, _)| *to)
        .chain(through.and_then(YearMonth::parse))
        .fold(last_paid, YearMonth::max);
    let first = gap_ranges
        .iter()
        .map(|(from, _, _)| *from)
        .fold(first_paid, YearMonth::min)
        .max(last.plus(1 - MAX_MONTHS));

    let months: Vec<YearMonth> = first.through(last).collect();
    let slot = (WIDTH - 2.0 * MARGIN) / months.len() as f64;
    let x_of = |m: YearMonth| MARGIN + f64::from(m.since(first)) * slot;
    let in_gap = |m: YearMonth| {
        gap_ranges
            .iter()
            .any(|(from, to, _)| (*from..=*to).contains(&m))
    };
    let max_amount = per_month
        .range(first..)
        .map(|(_, amount)| *amount)
        .fold(0.0, f64::max);
    let scale = if max_amount > 0.0 {
        (BASELINE - TOP) / max_amount
    } else {
        0.0
    };
    let bar_width = (slot * 0.72).max(1.0);
    let bars = months
        .iter()
        .map(|&month| {
            let amount = per_month.get(&month).copied().unwrap_or(0.0);
            let height = amount.max(0.0) * scale;
            Bar {
                month,
                amount,
                x: round(x_of(month) + (slot - bar_width) / 2.0),
                y: round(BASELINE - height),
                width: round(bar_width),
                height: round(height),
                gap: in_gap(month),
            }
        })
        .collect();
    let gaps = gap_ranges
        .iter()
        .filter(|(_, to, _)| *to >= first)
        .map(|(from, to, gap)| {
            let from = (*from).max(first);
            GapBand {
                gap: (*gap).clone(),
                x: round(x_of(from)),
                width: round(f64::from(to.since(from) + 1) * slot),
            }
        })
        .collect();
    let changes = employer_changes(employments, last)
        .into_iter()
        .filter(|(month, _, _)| (first..=last).contains(month) && *month > first)
        .map(|(month, from, to)| EmployerChange {
            month,
            x: round(x_of(month)),
            from,
            to,
        })
        .collect();
    let ticks = months
        .iter()
        .filter(|m| m.month() == 1)
        .map(|m| (round(x_of(*m)), m.year()))
        .collect();
    Some(ContributionChart {
        bars,
        gaps,
        changes,
        max_amount,
        currency: contributions[0].currency.clone(),
        ticks,
    })
}

/// `(first month, previous employer, new employer)` for each change of employer, oldest
/// first; months without an employer (a gap) do not end the previous one.
pub fn employer_changes(
    employments: &[Employment],
    through: YearMonth,
) -> Vec<(YearMonth, String, String)> {
    let mut by_start: Vec<&Employment> = employments.iter().collect();
    by_start.sort_by(|a, b| a.start_date.cmp(&b.start_date));
    let mut by_month: BTreeMap<YearMonth, &str> = BTreeMap::new();
    for e in by_start {
        let (Some(employer), Some(from)) = (
            e.employer
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            YearMonth::parse(&e.start_date),
        ) else {
            continue;
        };
        let to = e
            .end_date
            .as_deref()
            .and_then(YearMonth::parse)
            .unwrap_or(through);
        for month in from.through(to.min(through)) {
            // Overlapping jobs: the one that started later (inserted later) wins.
            by_month.insert(month, employer);
        }
    }
    let mut changes = Vec::new();
    let mut previous: Option<&str> = None;
    for (month, employer) in by_month {
        if let Some(before) = previous {
            if employer_key(before) != employer_key(employer) {
                changes.push((month, before.to_owned(), employer.to_owned()));
            }
        }
        previous = Some(employer);
    }
    changes
}
