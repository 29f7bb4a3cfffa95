use leptos::prelude::*;
use wink_api::officer::{AuditAction, AuditTrail};
use wink_web::load::Load;

use crate::api::{self, ApiError};
use crate::components::{DataTable, LoadFailed};
use crate::format::timestamp;
use crate::routes::Route;

/// Who viewed, exported or changed one applicant, newest first (kept after deletion).
#[component]
pub fn AuditPage(id: String) -> impl IntoView {
    crate::set_title("Audit trail");
    let trail: Load<Result<AuditTrail, ApiError>> = {
        let id = id.clone();
        Load::new(move || api::audit(id.clone()))
    };
    let body = move || match trail.get() {
        None => view! { <p class="loading">"Loading the audit trail…"</p> }.into_any(),
        Some(Err(error)) => {
            let on_retry = Callback::new(move |()| trail.reload());
            view! { <LoadFailed what="the audit trail" error on_retry /> }.into_any()
        }
        Some(Ok(trail)) => {
            let who = trail
                .reference
                .map(|r| format!("Applicant {r}"))
                .unwrap_or_else(|| "A deleted applicant".into());
            let rows = trail
                .entries
                .into_iter()
                .map(|e| {
                    view! {
                        <tr>
                            <td>{timestamp(&e.at)}</td>
                            <td>{e.officer_email}</td>
                            <td>
                                {action_label(e.action)}
                                {e.report_id.map(|id| view! { " " <code>{id}</code> })}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="lead">{who}</p>
                <DataTable
                    label="Audit trail"
                    class="audit-table"
                    headers=&["When", "Officer", "What"]
                >
                    {rows}
                </DataTable>
            }
            .into_any()
        }
    };
    view! {
        <section class="page audit">
            <p class="breadcrumbs no-print">
                <a href=Route::Applicant(id.clone()).href()>"← Back to the applicant"</a>
            </p>
            <h1>"Audit trail"</h1>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

fn action_label(action: AuditAction) -> &'static str {
    match action {
        AuditAction::ViewList => "Saw the applicant in the list",
        AuditAction::ViewDetail => "Viewed the applicant",
        AuditAction::Export => "Exported in a CSV",
        AuditAction::ViewAudit => "Viewed the audit trail",
        AuditAction::AddNote => "Added a note",
        AuditAction::Decide => "Recorded a decision",
        AuditAction::Delete => "Deleted the applicant",
        AuditAction::Invite => "Created an invitation",
        AuditAction::DownloadReport => "Downloaded the verification report",
        AuditAction::Reverify => "Re-verified the data with Smile",
        AuditAction::ReconnectLink => "Sent a link to reconnect an account",
    }
}
