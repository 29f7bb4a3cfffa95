//! Estimated monthly income vs the declared one.
//!
//! The estimate is the mean of the most recent `months` calendar months of data, counting
//! back from the newest month present (months without data inside that span are left out,
//! not taken as zero; a month Smile reports as zero is zero). Within a month, the figures of
//! different accounts are added up (a salary and a gig are both income).
//!
//! Source, in order of preference:
//! 1. Smile's estimated incomes (`einc-…`): one figure per month and account; `amount`, else
//!    the deprecated `baseAmount`. A month after the month of `now` is ignored. Should an
//!    account carry two rows for one month, the one Smile created last counts.
//! 2. Pay-period incomes (`inc-…`), when there are no usable estimated incomes: the gross
//!    amount (else base, else net), attributed to the month the period starts in; periods
//!    longer than a month (bimonthly, quarterly, annually) are spread evenly as a monthly
//!    equivalent. Only complete months (before the month of `now`) count, as the current
//!    month's pay periods are not all in yet.
//!
//! Amounts in the declared currency are preferred; without any, the currency most rows use
//! is estimated in, and no percentage is given (currencies are never converted).

use std::collections::BTreeMap;

use smile_api::{Eincome, Income, PayPeriod, YearMonth};
use wink_api::summary::{IncomeComparison, IncomeSource, Money};

use super::text::round;
use super::time::{item_created, month_of, parse_date};
use crate::db::Timestamp;

/// One month's figure from one row.
struct Figure {
    month: YearMonth,
    currency: String,
    amount: f64,
    /// When Smile created the row, to pick the newest of duplicates.
    created: Option<Timestamp>,
}

/// The income part of the summary; `current` is the month of `now`, `months` how many of
/// the newest months to average.
pub fn analyse(
    eincomes: &[Eincome],
    incomes: &[Income],
    declared_amount: u64,
    declared_currency: &str,
    current: YearMonth,
    months: u32,
) -> IncomeComparison {
    let declared = Money {
        amount: declared_amount as f64,
        currency: declared_currency.trim().to_ascii_uppercase(),
    };
    let estimate = estimate(eincomes, incomes, &declared.currency, current, months);
    let comparable = estimate
        .as_ref()
        .filter(|e| e.currency == declared.currency && declared_amount > 0);
    IncomeComparison {
        difference_percent: comparable
            .map(|e| round((e.mean - declared.amount) / declared.amount * 100.0, 1)),
        source: estimate.as_ref().map(|e| e.source),
        from_month: estimate.as_ref().map(|e| e.from.to_string()),
        to_month: estimate.as_ref().map(|e| e.to.to_string()),
        months_used: estimate.as_ref().map_or(0, |e| e.months),
        estimated: estimate.map(|e| Money {
            amount: round(e.mean, 2),
            currency: e.currency,
        }),
        declared,
        // Filled in by the caller, which knows the items' sources.
        evidence: None,
    }
}

/// The mean monthly income over the newest months of one source, in one currency.
struct Estimate {
    source: IncomeSource,
    currency: String,
    mean: f64,
    from: YearMonth,
    to: YearMonth,
    months: u32,
}

fn estimate(
    eincomes: &[Eincome],
    incomes: &[Income],
    declared_currency: &str,
    current: YearMonth,
    months: u32,
) -> Option<Estimate> {
    let estimated = estimated_figures(eincomes, current);
    let (figures, source) = if estimated.is_empty() {
        (income_figures(incomes, current), IncomeSource::Incomes)
    } else {
        (estimated, IncomeSource::EstimatedIncomes)
    };
    let currency = pick_currency(&figures, declared_currency)?;
    let mut per_month: BTreeMap<YearMonth, f64> = BTreeMap::new();
    for f in figures.iter().filter(|f| f.currency == currency) {
        *per_month.entry(f.month).or_default() += f.amount;
    }
    let newest = *per_month.keys().next_back()?;
    let oldest = newest.minus(months.max(1) as i32 - 1);
    let used: Vec<(YearMonth, f64)> = per_month.range(oldest..).map(|(m, a)| (*m, *a)).collect();
    Some(Estimate {
        source,
        currency,
        mean: used.iter().map(|(_, a)| a).sum::<f64>() / used.len() as f64,
        from: used.first().map_or(newest, |(m, _)| *m),
        to: newest,
        months: used.len() as u32,
    })
}

/// The declared currency when some figure uses it, else the one most figures use
/// (alphabetically first on a tie).
fn pick_currency(figures: &[Figure], declared: &str) -> Option<String> {
    if figures.iter().any(|f| f.currency == declared) {
        return Some(declared.to_owned());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in figures {
        *counts.entry(f.currency.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_owned())
}

fn estimated_figures(eincomes: &[Eincome], current: YearMonth) -> Vec<Figure> {
    // (account or, without metadata, the row itself; month) → the newest figure
    let mut latest: BTreeMap<(String, YearMonth), Figure> = BTreeMap::new();
    for e in eincomes {
        let (Some(month), Some(amount)) = (YearMonth::parse(&e.month), e.value()) else {
            continue;
        };
        if !amount.is_finite() || month > current {
            continue;
        }
        let source = match &e.metadata {
            Some(meta) => format!("account:{}", meta.source_id),
            None => format!("row:{}", e.id),
        };
        let created = e.metadata.as_ref().and_then(item_created);
        let figure = Figure {
            month,
            currency: e.currency.trim().to_ascii_uppercase(),
            amount,
            created,
        };
        match latest.get(&(source.clone(), month)) {
            Some(seen) if seen.created >= figure.created => {}
            _ => {
                latest.insert((source, month), figure);
            }
        }
    }
    latest.into_values().collect()
}

fn income_figures(incomes: &[Income], current: YearMonth) -> Vec<Figure> {
    incomes
        .iter()
        .filter_map(|i| {
            let month = month_of(parse_date(&i.start_date)?);
            let amount = i.gross_amount.or(i.base_amount).or(i.net_amount)?;
            let per_month = match i.frequency {
                Some(PayPeriod::Bimonthly) => amount / 2.0,
                Some(PayPeriod::Quarterly) => amount / 3.0,
                Some(PayPeriod::Annually) => amount / 12.0,
                _ => amount,
            };
            (per_month.is_finite() && month < current).then(|| Figure {
                month,
                currency: i.currency.trim().to_ascii_uppercase(),
                amount: per_month,
                created: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use smile_api::ItemMetadata;

    use crate::summary::fixtures::eincome as einc;

    fn on_account(mut e: Eincome, account: &str, created: &str) -> Eincome {
        e.metadata = Some(ItemMetadata {
            created_at: "2024-01-01T00:00:00Z".into(),
            item_created_at: Some(created.into()),
            account_id: None,
            source_id: account.into(),
            source_type: None,
            user_id: "t-1".into(),
            provider_id: "sss_ph".into(),
        });
        e
    }

    fn inc(start: &str, gross: Option<f64>, frequency: Option<PayPeriod>) -> Income {
        Income {
            id: format!("inc-{start}"),
            work_item: None,
            employer: None,
            start_date: start.to_owned(),
            end_date: None,
            currency: "PHP".to_owned(),
            frequency,
            base_amount: None,
            gross_amount: gross,
            net_amount: None,
            payment_method: None,
            metadata: None,
        }
    }

    fn jan_2025() -> YearMonth {
        YearMonth::new(2025, 1).unwrap()
    }

    #[test]
    fn averages_the_newest_months_and_gives_a_signed_difference() {
        let rows = [
            einc("2024-12", 16_000.0),
            einc("2024-11", 14_000.0),
            einc("2024-10", 12_000.0),
            // Older than the three newest months: not averaged.
            einc("2024-09", 50_000.0),
        ];
        let c = analyse(&rows, &[], 20_000, "php", jan_2025(), 3);
        assert_eq!(c.declared.currency, "PHP");
        assert_eq!(c.estimated.as_ref().unwrap().amount, 14_000.0);
        assert_eq!(c.source, Some(IncomeSource::EstimatedIncomes));
        assert_eq!(c.from_month.as_deref(), Some("2024-10"));
        assert_eq!(c.to_month.as_deref(), Some("2024-12"));
        assert_eq!(c.months_used, 3);
        assert_eq!(c.difference_percent, Some(-30.0));

        let c = analyse(&rows, &[], 12_000, "PHP", jan_2025(), 3);
        assert_eq!(c.difference_percent, Some(16.7));
        let c = analyse(&rows, &[], 14_000, "PHP", jan_2025(), 3);
        assert_eq!(c.difference_percent, Some(0.0));
    }

    #[test]
    fn accounts_add_up_within_a_month_and_reported_zeros_count() {
        let rows = [
            on_account(einc("2024-12", 18_000.0), "a-sss", "2025-01-02T00:00:00Z"),
            on_account(einc("2024-12", 6_500.0), "a-grab", "2025-01-02T00:00:00Z"),
            on_account(einc("2024-11", 0.0), "a-sss", "2025-01-02T00:00:00Z"),
        ];
        let c = analyse(&rows, &[], 10_000, "PHP", jan_2025(), 2);
        // (24,500 + 0) / 2.
        assert_eq!(c.estimated.unwrap().amount, 12_250.0);
        assert_eq!(c.months_used, 2);
    }

    #[test]
    fn a_duplicate_month_of_one_account_counts_once_newest_wins() {
        let rows = [
            on_account(einc("2024-12", 10_000.0), "a-sss", "2025-01-01T00:00:00Z"),
            on_account(einc("2024-12", 12_000.0), "a-sss", "2025-01-05T00:00:00Z"),
            on_account(einc("2024-12", 11_000.0), "a-sss", "2025-01-03T00:00:00Z"),
        ];
        let c = analyse(&rows, &[], 12_000, "PHP", jan_2025(), 3);
        assert_eq!(c.estimated.unwrap().amount, 12_000.0);
        assert_eq!(c.difference_percent, Some(0.0));
    }

    #[test]
    fn missing_months_are_skipped_not_zero() {
        let rows = [einc("2024-12", 9_000.0), einc("2024-10", 11_000.0)];
        let c = analyse(&rows, &[], 10_000, "PHP", jan_2025(), 3);
        assert_eq!(c.estimated.unwrap().amount, 10_000.0);
        assert_eq!(c.months_used, 2);
    }

    #[test]
    fn deprecated_base_amount_and_unusable_rows() {
        let mut base_only = einc("2024-12", 0.0);
        base_only.amount = None;
        base_only.base_amount = Some(8_500.0);
        let mut no_value = einc("2024-11", 0.0);
        no_value.amount = None;
        let future = einc("2025-03", 99_000.0);
        let bad_month = einc("December", 99_000.0);
        let c = analyse(
            &[base_only, no_value, future, bad_month],
            &[],
            8_500,
            "PHP",
            jan_2025(),
            3,
        );
        assert_eq!(c.estimated.unwrap().amount, 8_500.0);
        assert_eq!(c.months_used, 1);
    }

    #[test]
    fn other_currency_is_estimated_but_not_compared() {
        let mut usd = einc("2024-12", 500.0);
        usd.currency = "USD".into();
        let c = analyse(&[usd], &[], 20_000, "PHP", jan_2025(), 3);
        assert_eq!(
            c.estimated,
            Some(Money {
                amount: 500.0,
                currency: "USD".into()
            })
        );
        assert_eq!(c.difference_percent, None);
    }

    #[test]
    fn falls_back_to_pay_period_incomes() {
        let incomes = [
            inc("2024-12-01", Some(10_000.0), Some(PayPeriod::Semimonthly)),
            inc("2024-12-16", Some(10_000.0), Some(PayPeriod::Semimonthly)),
            inc("2024-11-01", Some(24_000.0), Some(PayPeriod::Bimonthly)),
            inc("2024-10-01", Some(60_000.0), Some(PayPeriod::Quarterly)),
            // The current month is incomplete: ignored.
            inc("2025-01-01", Some(1_000.0), Some(PayPeriod::Semimonthly)),
            inc("2024-09-01", None, None),
        ];
        let c = analyse(&[], &incomes, 20_000, "PHP", jan_2025(), 3);
        assert_eq!(c.source, Some(IncomeSource::Incomes));
        // (20,000 + 12,000 + 20,000) / 3.
        assert_eq!(c.estimated.unwrap().amount, 17_333.33);
        assert_eq!(c.to_month.as_deref(), Some("2024-12"));
        assert_eq!(c.difference_percent, Some(-13.3));
    }

    #[test]
    fn nothing_to_estimate_from_is_unknown() {
        let c = analyse(&[], &[], 20_000, "PHP", jan_2025(), 3);
        assert_eq!(c.estimated, None);
        assert_eq!(c.source, None);
        assert_eq!(c.months_used, 0);
        assert_eq!(c.difference_percent, None);
        assert_eq!(c.declared.amount, 20_000.0);
        // A zero declaration cannot be compared in percent.
        let c = analyse(&[einc("2024-12", 1.0)], &[], 0, "PHP", jan_2025(), 3);
        assert!(c.estimated.is_some());
        assert_eq!(c.difference_percent, None);
    }
}
