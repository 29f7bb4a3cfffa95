use leptos::prelude::*;
use wink_api::officer::{Invite, NewInvite};
use wink_web::dom::absolute_url;
use wink_web::CopyField;

use super::TextInput;
use crate::api;
use crate::format::timestamp;
use crate::submission::Submission;

/// "Invite an applicant": what to pre-fill (all optional), then the invitation link to
/// send, shown once with a copy button. The link opens the applicant's form pre-filled;
/// it works once, until it expires.
#[component]
pub fn InviteForm() -> impl IntoView {
    let [full_name, email, mobile, employer] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let created = RwSignal::new(None::<Invite>);
    let submission = Submission::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewInvite {
            full_name: full_name.get_untracked(),
            email: email.get_untracked(),
            mobile: mobile.get_untracked(),
            employer: employer.get_untracked(),
        };
        submission.run(async move { api::invite(&body).await }, move |invite| {
            created.try_set(Some(invite));
            for field in [full_name, email, mobile, employer] {
                field.try_set(String::new());
            }
        });
    };
    view! {
        <section class="panel invite no-print" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite an applicant"</h2>
            <p class="hint">
                "Fill in what you know; the applicant checks it and adds the rest. The link "
                "works once and expires."
            </p>
            <form class="invite-form" on:submit=on_submit>
                <div class="field-grid">
                    <TextInput id="invite-name" label="Full name" value=full_name />
                    <TextInput id="invite-email" label="Email" value=email kind="email" />
                    <TextInput id="invite-mobile" label="Mobile number" value=mobile kind="tel" />
                    <TextInput id="invite-employer" label="Employer" value=employer />
                </div>
                {submission.error_view()}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || submission.pending.get()>
                        {submission.label("Create invitation link", "Creating…")}
                    </button>
                </div>
            </form>
            {move || {
                created
                    .get()
                    .map(|invite| {
                        view! {
                            <div class="callout success" data-invite-link="">
                                <label for="invite-link">"Invitation link"</label>
                                <p class="hint" id="invite-link-hint">
                                    "Send it to the applicant. It expires "
                                    {timestamp(&invite.expires_at)}
                                    " and is shown only now."
                                </p>
                                <CopyField
                                    id="invite-link"
                                    value=absolute_url(&invite.path)
                                    described_by="invite-link-hint"
                                />
                            </div>
                        }
                    })
            }}
        </section>
    }
}
