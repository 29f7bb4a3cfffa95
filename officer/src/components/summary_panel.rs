use leptos::prelude::*;
use wink_api::summary::{Flag, VerificationSummary};

use super::EvidenceTag;
use crate::format::{flag_label, money_of, month, months, timestamp};

/// The verification summary: each flag with its reason and the evidence behind it, then
/// the figures it was computed from (each saying whether it rests on a connected account or
/// only on an uploaded document), and how fresh the data is.
#[component]
pub fn SummaryPanel(summary: VerificationSummary) -> impl IntoView {
    let flags = if summary.flags.is_empty() {
        view! { <p class="no-flags">"No flags raised."</p> }.into_any()
    } else {
        view! {
            <ul class="flags">
                {summary.flags.into_iter().map(flag_item).collect_view()}
            </ul>
        }
        .into_any()
    };
    let c = summary.contributions;
    let e = summary.employment;
    let name = summary.name;
    let income = summary.income;
    // The employment evidence backs the verified employer, shown here only when current.
    let employer_evidence = e.evidence.filter(|_| e.current_employer.is_some());
    let f = summary.freshness;
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let gaps = if c.gaps.is_empty() {
        "None".to_owned()
    } else {
        c.gaps
            .iter()
            .map(|g| format!("{} to {} ({})", g.from, g.to, months(g.months)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <div class="summary">
            {flags}
            <dl class="facts figures">
                <dt>"Verified name"</dt>
                <dd data-figure="name">
                    {or_dash(name.verified)}
                    <EvidenceTag evidence=name.evidence />
                </dd>
                <dt>"Current employer"</dt>
                <dd data-figure="employer">
                    {or_dash(e.current_employer)}
                    <EvidenceTag evidence=employer_evidence />
                </dd>
                <dt>"Employed since"</dt>
                <dd>
                    {or_dash(e.employed_since)}
                    {e.tenure_months.map(|m| format!(" ({})", months(m)))}
                </dd>
                <dt>"Estimated monthly income"</dt>
                <dd data-figure="income">
                    {or_dash(income.estimated.as_ref().map(money_of))}
                    <EvidenceTag evidence=income.evidence />
                </dd>
                <dt>"Contribution months, last 12 / 24"</dt>
                <dd>
                    {format!(
                        "{} / {}",
                        or_dash(c.months_last_12.map(|m| m.to_string())),
                        or_dash(c.months_last_24.map(|m| m.to_string())),
                    )}
                    {c.counted_through.map(|m| format!(" (through {})", month(&m)))}
                </dd>
                <dt>"Contribution gaps"</dt>
                <dd>{gaps}</dd>
                <dt>"Last contribution"</dt>
                <dd>
                    {or_dash(c.last_posting_date)}
                    {c.months_since_last_posting.map(|m| format!(" ({} ago)", months(m)))}
                </dd>
                <dt>"Average monthly contribution"</dt>
                <dd>{or_dash(c.average_monthly.as_ref().map(money_of))}</dd>
                <dt>"Data freshness"</dt>
                <dd class="freshness">
                    {match (f.newest_data_at, f.age_days) {
                        (Some(at), Some(days)) => format!(
                            "Newest data from {} ({days} {} old)",
                            timestamp(&at),
                            if days == 1 { "day" } else { "days" },
                        ),
                        (Some(at), None) => format!("Newest data from {}", timestamp(&at)),
                        _ => "No data synced yet".to_owned(),
                    }}
                </dd>
                <dt>"Summary computed"</dt>
                <dd>{timestamp(&summary.as_of)}</dd>
            </dl>
        </div>
    }
}

fn flag_item(flag: Flag) -> impl IntoView {
    let evidence = flag
        .evidence
        .into_iter()
        .map(|(key, value)| view! { <dt>{key}</dt><dd>{value}</dd> })
        .collect_view();
    view! {
        <li class="flag" data-flag=flag.kind.as_str().to_owned()>
            <strong class="flag-kind">{flag_label(&flag.kind)}</strong>
            <p class="flag-reason">{flag.reason}</p>
            <dl class="evidence" aria-label="Evidence">{evidence}</dl>
        </li>
    }
}
