use leptos::prelude::*;
use wink_api::summary::Evidence;

/// Where a summary figure comes from, e.g. "from an uploaded document". A figure resting
/// only on uploaded documents says so in words too: it is weaker than a connected account.
#[component]
pub fn EvidenceTag(evidence: Option<Evidence>) -> impl IntoView {
    evidence.map(|evidence| {
        let document_only = evidence == Evidence::UploadedDocument;
        view! {
            " "
            <span class="evidence-tag" class:document-only=document_only data-evidence=evidence.as_str()>
                {evidence.label()}
                {document_only.then_some(", not confirmed by a connected account")}
            </span>
        }
    })
}
