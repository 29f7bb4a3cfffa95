use leptos::html;
use leptos::prelude::*;
use wink_web::dom::focus_after_render;
use wink_web::router::navigate;

use crate::api;
use crate::routes::Route;
use crate::submission::Submission;

/// Deletes the applicant after a confirmation that says what deletion does.
#[component]
pub fn DeleteApplicant(id: String, #[prop(into)] name: Signal<String>) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let submission = Submission::new();
    let confirm_heading = NodeRef::<html::H3>::new();
    let ask_button = NodeRef::<html::Button>::new();
    let id = StoredValue::new(id);
    let ask = move |_| {
        confirming.set(true);
        focus_after_render(confirm_heading);
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_after_render(ask_button);
    };
    let delete = move |_| {
        let id = id.get_value();
        submission.run(async move { api::delete_applicant(&id).await }, |()| {
            navigate(&Route::Applicants.href())
        });
    };
    view! {
        <div class="delete-applicant no-print">
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="danger" node_ref=ask_button on:click=ask>
                            "Delete applicant"
                        </button>
                    }
                }
            >
                <div class="callout problem" role="group" aria-labelledby="delete-heading">
                    <h3 id="delete-heading" tabindex="-1" node_ref=confirm_heading>
                        {move || format!("Delete {}?", name.get())}
                    </h3>
                    <p>
                        "This disconnects every linked account at Smile and erases this "
                        "applicant's personal data. The audit trail is kept. It can't be undone."
                    </p>
                    {submission.error_view()}
                    <div class="actions">
                        <button
                            type="button"
                            class="danger"
                            disabled=move || submission.pending.get()
                            on:click=delete
                        >
                            {submission.label("Yes, delete", "Deleting…")}
                        </button>
                        <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
