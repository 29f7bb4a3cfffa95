use leptos::prelude::*;
use smile_api::AccountErrorCode;
use wink_api::officer::{CohortStats, RolloutReport};
use wink_web::load::Load;

use crate::api::{self, ApiError};
use crate::components::{DataTable, LiveStatus, LoadFailed};
use crate::live;
use crate::rollout::{bar_width, cohort_label, documents, failed_accounts, funnel, percent_label};

/// Width of a funnel bar's track, in SVG user units.
const TRACK: f64 = 200.0;

/// The staged rollout: its settings, and per cohort (Wink, manual) how applicants move
/// from applying to synced data, how their uploaded documents fared, and why accounts
/// failed. Follows the officers' stream.
#[component]
pub fn RolloutPage() -> impl IntoView {
    crate::set_title("Rollout");
    let report: Load<Result<RolloutReport, ApiError>> = Load::new(api::rollout);
    let feed = live::follow(|_| true, move || report.refresh());

    let body = move || match report.get() {
        None => view! { <p class="loading">"Loading the rollout…"</p> }.into_any(),
        Some(Err(error)) => {
            let on_retry = Callback::new(move |()| report.reload());
            view! { <LoadFailed what="the rollout" error on_retry /> }.into_any()
        }
        Some(Ok(report)) => {
            let settings = format!(
                "{} % of new applicants take the Wink path and link their accounts; the rest \
                 are verified manually. {}",
                report.percent,
                match report.allowlist_entries {
                    0 => "No allow-list is set.".to_owned(),
                    1 => "1 allow-list entry (an email or a domain) always takes the Wink path."
                        .to_owned(),
                    n => format!(
                        "{n} allow-list entries (emails or domains) always take the Wink path."
                    ),
                }
            );
            view! {
                <p class="lead rollout-settings" data-percent=report.percent.to_string()
                    data-allowlist=report.allowlist_entries.to_string()>
                    {settings}
                </p>
                {report.cohorts.into_iter().map(|c| view! { <CohortPanel stats=c /> }).collect_view()}
            }
            .into_any()
        }
    };

    view! {
        <section class="page rollout">
            <div class="page-head">
                <h1>"Rollout"</h1>
                <LiveStatus feed />
            </div>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

/// One cohort: the funnel as a table with a bar per step, its documents likewise, then
/// failures by error code.
#[component]
fn CohortPanel(stats: CohortStats) -> impl IntoView {
    let name = cohort_label(stats.cohort);
    let heading_id = format!("cohort-{}", stats.cohort.as_str());
    let steps = funnel(&stats);
    let rows = steps
        .into_iter()
        .map(|step| {
            view! {
                <tr class="funnel-step" data-step=step.label>
                    <th scope="row">{step.label}</th>
                    <td class="num" data-count="">{step.count}</td>
                    <td class="num" data-of-applied="">{percent_label(step.of_applied)}</td>
                    <td class="num" data-of-previous="">{percent_label(step.of_previous)}</td>
                    <td><ShareBar label=step.label share=step.of_applied /></td>
                </tr>
            }
        })
        .collect_view();
    let document_rows = documents(&stats)
        .into_iter()
        .map(|row| {
            view! {
                <tr class="document-step" data-step=row.label>
                    <th scope="row">{row.label}</th>
                    <td class="num" data-count="">{row.count}</td>
                    <td class="num" data-of-applied="">{percent_label(row.of_applied)}</td>
                    <td class="num" data-of-uploaded="">{percent_label(row.of_uploaded)}</td>
                    <td><ShareBar label=row.label share=row.of_applied /></td>
                </tr>
            }
        })
        .collect_view();
    let labelled_by = heading_id.clone();
    let failed = failed_accounts(&stats);
    let failures = if stats.failed_by_code.is_empty() {
        view! { <p class="empty">"No failed accounts."</p> }.into_any()
    } else {
        let rows = stats
            .failed_by_code
            .into_iter()
            .map(|e| {
                let description = AccountErrorCode::from(e.code.as_str()).description();
                let code = e.code.clone();
                view! {
                    <tr class="failure" data-code=code>
                        <th scope="row">
                            <code>{e.code}</code>
                            <span class="muted">{format!(" {description}")}</span>
                        </th>
                        <td class="num">{e.accounts}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable label="Failed accounts by error code" headers=&["Error code", "Accounts"]>
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section
            class="panel cohort"
            data-cohort=stats.cohort.as_str()
            aria-labelledby=labelled_by
        >
            <h2 id=heading_id>{name}</h2>
            <DataTable
                label="Link funnel"
                class="funnel"
                headers=&["Step", "Applicants", "Of applied", "Of previous step", ""]
            >
                {rows}
            </DataTable>
            <h3>"Uploaded documents"</h3>
            <DataTable
                label="Uploaded documents"
                class="funnel"
                headers=&["Documents", "Applicants", "Of applied", "Of uploaded", ""]
            >
                {document_rows}
            </DataTable>
            <h3>{format!("Failed accounts: {failed}")}</h3>
            {failures}
        </section>
    }
}

/// A share of the cohort's applicants as a bar, with its words for screen readers.
#[component]
fn ShareBar(label: &'static str, share: Option<f64>) -> impl IntoView {
    let words = format!("{label}: {} of applied", percent_label(share));
    let title = words.clone();
    let width = bar_width(share, TRACK);
    view! {
        <svg
            class="funnel-bar"
            viewBox=format!("0 0 {TRACK} 14")
            width=TRACK
            height="14"
            role="img"
            aria-label=words
        >
            <title>{title}</title>
            <rect class="track" x="0" y="0" width=TRACK height="14" rx="3" />
            <rect class="fill" x="0" y="0" width=width height="14" rx="3" />
        </svg>
    }
}
