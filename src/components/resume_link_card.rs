use leptos::html;
use leptos::prelude::*;
use wink_api::CreatedApplication;
use wink_web::dom::{absolute_url, focus_after_render};
use wink_web::{CopyField, CopyWords};

use crate::application_form::FormText;
use crate::i18n::{tr, tr_around};

/// After applying: the resume link, shown once, with a copy button and why to keep it.
#[component]
pub fn ResumeLinkCard(
    created: CreatedApplication,
    /// "Continue": go on to link accounts.
    #[prop(into)]
    on_continue: Callback<()>,
) -> impl IntoView {
    let link = absolute_url(&created.resume_path);
    let reference = created.application.reference.clone();
    let (before, after) = tr_around(FormText::Reference { reference: "" }, "reference");
    let words = CopyWords {
        button: tr(FormText::CopyLink),
        copied: tr(FormText::Copied),
        failed: tr(FormText::CopyFailed),
    };
    // The form this card replaces had focus: move it here so the news is read out.
    let heading = NodeRef::<html::H2>::new();
    focus_after_render(heading);
    view! {
        <div class="callout success" data-reference=created.application.reference.clone()>
            <h2 tabindex="-1" node_ref=heading>{tr(FormText::Received)}</h2>
            <p>{before} <strong>{reference}</strong> {after}</p>
            <label for="resume-link">{tr(FormText::ResumeLink)}</label>
            <p class="hint" id="resume-link-hint">{tr(FormText::ResumeLinkHint)}</p>
            <CopyField id="resume-link" value=link described_by="resume-link-hint" words />
            <button type="button" class="primary" on:click=move |_| on_continue.run(())>
                {tr(FormText::ContinueToLink)}
            </button>
        </div>
    }
}
