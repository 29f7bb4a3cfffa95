use leptos::prelude::*;
use wink_api::document::type_label;
use wink_api::officer::ReportedUpload;

use crate::format::timestamp;

/// Uploads the applicant's browser reported that Smile has not confirmed: listed as
/// reports under their own heading, never as documents with a status, and nothing at all
/// when there are none.
#[component]
pub fn UploadTable(uploads: Vec<ReportedUpload>) -> impl IntoView {
    (!uploads.is_empty()).then(|| {
        view! {
            <h3 id="reported-uploads-heading">"Not confirmed by Smile"</h3>
            <p class="hint">
                "Reported by the applicant's browser, not yet confirmed by Smile: not evidence."
            </p>
            <ul class="plain uploads" aria-labelledby="reported-uploads-heading">
                {uploads
                    .into_iter()
                    .map(|u| {
                        view! {
                            <li data-upload-id=u.upload_id.clone() data-confirmed="false">
                                <strong>{u.file_name.unwrap_or_else(|| u.upload_id.clone())}</strong>
                                {format!(
                                    " — {}, reported by the browser {}",
                                    type_label(u.document_type.as_deref()),
                                    timestamp(&u.reported_at),
                                )}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
