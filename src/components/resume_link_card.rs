use leptos::html;
use leptos::prelude::*;
use wink_api::CreatedApplication;
use wink_web::dom::{absolute_url, focus_after_render};
use wink_web::CopyField;

/// After applying: the resume link, shown once, with a copy button and why to keep it.
#[component]
pub fn ResumeLinkCard(
    created: CreatedApplication,
    /// "Continue": go on to link accounts.
    #[prop(into)]
    on_continue: Callback<()>,
) -> impl IntoView {
    let link = absolute_url(&created.resume_path);
    // The form this card replaces had focus: move it here so the news is read out.
    let heading = NodeRef::<html::H2>::new();
    focus_after_render(heading);
    view! {
        <div class="callout success" data-reference=created.application.reference.clone()>
            <h2 tabindex="-1" node_ref=heading>"Application received"</h2>
            <p>
                "Your reference is " <strong>{created.application.reference.clone()}</strong> "."
            </p>
            <label for="resume-link">"Your resume link"</label>
            <p class="hint" id="resume-link-hint">
                "Keep this link somewhere safe, such as your notes or email. It lets you come "
                "back from any device. We show it only once, and anyone who has it can continue "
                "your application, so don't share it."
            </p>
            <CopyField id="resume-link" value=link described_by="resume-link-hint" />
            <button type="button" class="primary" on:click=move |_| on_continue.run(())>
                "Continue: link your accounts"
            </button>
        </div>
    }
}
