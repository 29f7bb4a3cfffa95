use leptos::prelude::*;
use wink_api::officer::ReportedUpload;

use crate::format::timestamp;

/// Uploads the applicant's browser reported. Smile has not confirmed them, so they are
/// listed as reports, never as documents with a status.
#[component]
pub fn UploadTable(uploads: Vec<ReportedUpload>) -> impl IntoView {
    if uploads.is_empty() {
        return view! { <p class="empty">"No uploads reported."</p> }.into_any();
    }
    view! {
        <p class="hint">"Reported by the applicant's browser, not yet confirmed by Smile."</p>
        <ul class="plain uploads">
            {uploads
                .into_iter()
                .map(|u| {
                    view! {
                        <li data-upload-id=u.upload_id.clone() data-confirmed="false">
                            <strong>{u.file_name.unwrap_or_else(|| u.upload_id.clone())}</strong>
                            {format!(
                                " — {}reported by the browser {}, not yet confirmed by Smile",
                                u.document_type.map(|t| format!("{t}, ")).unwrap_or_default(),
                                timestamp(&u.reported_at),
                            )}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
