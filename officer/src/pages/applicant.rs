use leptos::prelude::*;
use wink_api::officer::ApplicantDetail;
use wink_api::report::ReconnectLink;
use wink_web::load::Load;

use crate::api::{self, ApiError};
use crate::components::{
    AccountsTable, ChangesSince, Comparison, ContributionsChart, DecisionForm, DecisionView,
    DeleteApplicant, DocumentList, EmploymentTimeline, EventTimeline, IdentityCard, IncomePanel,
    LiveStatus, LoadFailed, NoteForm, NoteList, ReconnectAccounts, ReportDownloads, ReverifyButton,
    ReviewBadge, SummaryPanel, UploadTable,
};
use crate::live;
use crate::routes::Route;
use smile_api::YearMonth;

/// One applicant: everything the officer decides from and what changed since the last
/// report, the workflow (signed report downloads, re-verification, notes, decision,
/// deletion), a printable layout, and live updates for this applicant only (an event
/// refetches the whole detail, so documents move from processing to analysed in place).
#[component]
pub fn ApplicantPage(id: String) -> impl IntoView {
    let detail: Load<Result<ApplicantDetail, ApiError>> = {
        let id = id.clone();
        Load::new(move || api::applicant(id.clone()))
    };
    let feed = {
        let id = id.clone();
        live::follow(move |changed| changed == id, move || detail.refresh())
    };
    let refresh = Callback::new(move |()| detail.refresh());
    let kept = Kept {
        incomes: RwSignal::new(false),
        estimates: RwSignal::new(false),
        reconnect_link: RwSignal::new(None),
    };
    let loaded = move || detail.get().and_then(Result::ok);
    Effect::new(move |_| {
        detail.with(|d| {
            if let Some(Ok(d)) = d {
                crate::set_title(&d.application.full_name);
            }
        })
    });
    let name = Signal::derive(move || {
        detail.with(|d| match d {
            Some(Ok(d)) => d.application.full_name.clone(),
            _ => "this applicant".into(),
        })
    });

    let body = {
        let id = id.clone();
        move || match detail.get() {
            None => view! { <p class="loading">"Loading the applicant…"</p> }.into_any(),
            Some(Err(error)) if error.status() == Some(404) => view! {
                <div class="callout warning" role="alert">
                    <h1>"Applicant not found"</h1>
                    <p>"This applicant doesn't exist, or was deleted."</p>
                    <p><a href=Route::Applicants.href()>"Back to the applicants"</a></p>
                </div>
            }
            .into_any(),
            Some(Err(error)) => {
                let on_retry = Callback::new(move |()| detail.reload());
                view! { <LoadFailed what="this applicant" error on_retry /> }.into_any()
            }
            Some(Ok(d)) => sections(&id, d, kept).into_any(),
        }
    };

    let audit_href = Route::Audit(id.clone()).href();
    view! {
        <section class="page applicant">
            <div class="page-head no-print">
                <p class="breadcrumbs">
                    <a href=Route::Applicants.href()>"← All applicants"</a>
                </p>
                <LiveStatus feed />
            </div>
            <div class="detail-layout">
                <div class="detail-main">{body}</div>
                <Show when=move || loaded().is_some()>
                    <aside class="workflow" aria-label="Review">
                        <div class="actions no-print">
                            <button type="button" class="secondary" on:click=|_| print()>
                                "Print this page"
                            </button>
                            <a class="button secondary" href=audit_href.clone()>"Audit trail"</a>
                        </div>
                        <section class="panel report no-print" aria-labelledby="report-heading">
                            <h2 id="report-heading">"Report"</h2>
                            <ReportDownloads id=id.clone() />
                            <ReverifyButton id=id.clone() on_started=refresh />
                        </section>
                        <section class="panel" aria-labelledby="decision-heading">
                            <h2 id="decision-heading">"Decision"</h2>
                            {move || view! { <DecisionView decision=loaded().and_then(|d| d.decision) /> }}
                            <DecisionForm id=id.clone() on_saved=refresh />
                        </section>
                        <section class="panel" aria-labelledby="notes-form-heading">
                            <h2 id="notes-form-heading">"Notes"</h2>
                            <NoteForm id=id.clone() on_saved=refresh />
                            {move || view! { <NoteList notes=loaded().map(|d| d.notes).unwrap_or_default() /> }}
                        </section>
                        <section class="panel danger-zone no-print" aria-labelledby="delete-zone-heading">
                            <h2 id="delete-zone-heading">"Delete"</h2>
                            <DeleteApplicant id=id.clone() name />
                        </section>
                    </aside>
                </Show>
            </div>
        </section>
    }
}

/// What the data sections keep across refreshes (they are redrawn with each): the
/// disclosures the officer opened, and the reconnect link, which is shown only once.
#[derive(Clone, Copy)]
struct Kept {
    incomes: RwSignal<bool>,
    estimates: RwSignal<bool>,
    reconnect_link: RwSignal<Option<ReconnectLink>>,
}

/// The data sections, re-rendered with each refresh.
fn sections(id: &str, d: ApplicantDetail, kept: Kept) -> impl IntoView {
    let app = d.application;
    let summary = d.summary;
    let through = YearMonth::parse(&summary.as_of).unwrap_or_else(|| {
        YearMonth::parse(&app.created_at).unwrap_or(YearMonth::new(2000, 1).expect("a month"))
    });
    let section = |id: &'static str, title: &'static str, content: AnyView| {
        view! {
            <section class="panel" id=id aria-labelledby=format!("{id}-heading")>
                <h2 id=format!("{id}-heading")>{title}</h2>
                {content}
            </section>
        }
    };
    view! {
        <header class="applicant-head" data-status=d.status.as_str()>
            <h1>{app.full_name.clone()}</h1>
            <p class="applicant-meta">
                <span class="reference">{app.reference.clone()}</span>
                " "
                <ReviewBadge status=d.status />
                <span class="muted">{format!(" Applied {}", crate::format::timestamp(&app.created_at))}</span>
            </p>
        </header>
        <ChangesSince changes=d.changes />
        {section(
            "summary",
            "Verification summary",
            view! { <SummaryPanel summary=summary.clone() /> }.into_any(),
        )}
        {section(
            "comparison",
            "Declared and verified",
            view! { <Comparison application=app.clone() summary=summary.clone() /> }.into_any(),
        )}
        {section(
            "identity",
            "Identity",
            view! { <IdentityCard identities=d.identities sources=d.sources.clone() /> }.into_any(),
        )}
        {section(
            "employment",
            "Employment",
            view! {
                <EmploymentTimeline
                    employments=d.employments.clone()
                    through
                    sources=d.sources.clone()
                />
            }
            .into_any(),
        )}
        {section(
            "contributions",
            "Contributions",
            view! {
                <ContributionsChart
                    contributions=d.contributions
                    gaps=summary.contributions.gaps.clone()
                    employments=d.employments
                    through=summary.contributions.counted_through.clone()
                />
            }
            .into_any(),
        )}
        {section(
            "income",
            "Income",
            view! {
                <IncomePanel
                    comparison=summary.income.clone()
                    incomes=d.incomes
                    estimated=d.estimated_incomes
                    sources=d.sources
                    open_incomes=kept.incomes
                    open_estimates=kept.estimates
                />
            }
            .into_any(),
        )}
        {section(
            "accounts",
            "Linked accounts",
            view! {
                <AccountsTable accounts=d.accounts.clone() />
                <ReconnectAccounts id=id.to_owned() accounts=d.accounts link=kept.reconnect_link />
            }
            .into_any(),
        )}
        {section(
            "documents",
            "Documents",
            view! {
                <DocumentList documents=d.documents />
                <UploadTable uploads=d.reported_uploads />
            }
            .into_any(),
        )}
        {section(
            "events",
            "Event timeline",
            view! { <EventTimeline entries=d.timeline /> }.into_any(),
        )}
    }
}

fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
