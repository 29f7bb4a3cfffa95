use leptos::prelude::*;

use crate::provenance::{document_anchor, Provenance};

/// Where a data row came from: the provider of a connected account, or a link to the
/// uploaded document in the Documents section.
#[component]
pub fn SourceTag(provenance: Provenance) -> impl IntoView {
    match provenance {
        Provenance::Document { label, archive_id } => view! {
            <a class="source" data-source="document" href=format!("#{}", document_anchor(&archive_id))>
                {label}
            </a>
        }
        .into_any(),
        Provenance::Account { label } => {
            view! { <span class="source" data-source="account">{label}</span> }.into_any()
        }
        other => view! { <span class="source">{other.label().to_owned()}</span> }.into_any(),
    }
}
