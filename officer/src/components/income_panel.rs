use leptos::prelude::*;
use smile_api::{Eincome, Income};
use wink_api::document::DataSource;
use wink_api::summary::{IncomeComparison, IncomeSource};

use super::{DataTable, Disclosure, EvidenceTag, SourceTag};
use crate::format::{money, money_of, month};
use crate::provenance::Provenance;

/// The monthly estimate (and where it comes from), then the pay-period incomes and
/// Smile's estimated incomes as tables, each row with its source.
#[component]
pub fn IncomePanel(
    comparison: IncomeComparison,
    incomes: Vec<Income>,
    estimated: Vec<Eincome>,
    /// The detail's sources, to name each row's.
    sources: Vec<DataSource>,
    /// Whether the pay-period incomes are shown (kept across refreshes).
    open_incomes: RwSignal<bool>,
    /// Whether the estimated incomes are shown (kept across refreshes).
    open_estimates: RwSignal<bool>,
) -> impl IntoView {
    let estimate = match (
        &comparison.estimated,
        &comparison.from_month,
        &comparison.to_month,
    ) {
        (Some(amount), Some(from), Some(to)) => format!(
            "{} per month, averaged over {} month(s) from {} to {} ({}).",
            money_of(amount),
            comparison.months_used,
            month(from),
            month(to),
            match comparison.source {
                Some(IncomeSource::EstimatedIncomes) => "Smile's estimated incomes",
                Some(IncomeSource::Incomes) => "pay-period incomes",
                None => "synced data",
            },
        ),
        (Some(amount), _, _) => format!("{} per month.", money_of(amount)),
        _ => "No monthly estimate: no income data yet.".to_owned(),
    };
    let income_rows = incomes
        .into_iter()
        .map(|i| {
            let amount = |v: Option<f64>| v.map(|v| money(v, &i.currency)).unwrap_or_else(|| "—".into());
            view! {
                <tr>
                    <td>{format!("{} – {}", i.start_date, i.end_date.clone().unwrap_or_default())}</td>
                    <td>{i.employer.clone().or(i.work_item.clone()).unwrap_or_else(|| "—".into())}</td>
                    <td>{i.frequency.as_ref().map(|f| f.as_str().to_owned()).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{amount(i.gross_amount)}</td>
                    <td class="num">{amount(i.net_amount)}</td>
                    <td><SourceTag provenance=Provenance::of(&sources, i.metadata.as_ref()) /></td>
                </tr>
            }
        })
        .collect_view();
    let estimated_rows = estimated
        .into_iter()
        .map(|e| {
            let value = e
                .value()
                .map(|v| money(v, &e.currency))
                .unwrap_or_else(|| "—".into());
            view! {
                <tr>
                    <td>{month(&e.month)}</td>
                    <td class="num">{value}</td>
                    <td><SourceTag provenance=Provenance::of(&sources, e.metadata.as_ref()) /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="estimate" data-estimate="">
            <strong>"Monthly estimate: "</strong>
            {estimate}
            <EvidenceTag evidence=comparison.evidence />
        </p>
        <Disclosure summary="Pay-period incomes" open=open_incomes>
            <DataTable
                label="Pay-period incomes"
                headers=&["Period", "Employer or work", "Frequency", "Gross", "Net", "Source"]
            >
                {income_rows}
            </DataTable>
        </Disclosure>
        <Disclosure summary="Estimated incomes" open=open_estimates>
            <DataTable label="Estimated incomes" headers=&["Month", "Estimate", "Source"]>
                {estimated_rows}
            </DataTable>
        </Disclosure>
    }
}
