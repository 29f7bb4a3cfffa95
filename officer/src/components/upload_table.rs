use leptos::prelude::*;
use wink_api::officer::UploadRecord;

use crate::format::timestamp;

/// Files the applicant uploaded through the widget.
#[component]
pub fn UploadTable(uploads: Vec<UploadRecord>) -> impl IntoView {
    if uploads.is_empty() {
        return view! { <p class="empty">"No uploads."</p> }.into_any();
    }
    view! {
        <ul class="plain uploads">
            {uploads
                .into_iter()
                .map(|u| {
                    view! {
                        <li data-upload-id=u.upload_id.clone()>
                            <strong>{u.file_name.unwrap_or_else(|| u.upload_id.clone())}</strong>
                            {format!(
                                " — {}{}, received {}",
                                u.provider_id.unwrap_or_else(|| "upload".into()),
                                u.status.map(|s| format!(", {s}")).unwrap_or_default(),
                                timestamp(&u.received_at),
                            )}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
