use leptos::prelude::*;
use wink_api::officer::{Invite, NewInvite};
use wink_web::dom::absolute_url;
use wink_web::CopyField;

use crate::api;
use crate::format::timestamp;
use crate::submission::Submission;

/// "Invite an applicant": what to pre-fill (all optional), then the invitation link to
/// send, shown once with a copy button. The link opens the applicant's form pre-filled;
/// it works once, until it expires.
#[component]
pub fn InviteForm() -> impl IntoView {
    let form = RwSignal::new(NewInvite::default());
    let created = RwSignal::new(None::<Invite>);
    let submission = Submission::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        submission.run(async move { api::invite(&body).await }, move |invite| {
            created.try_set(Some(invite));
            form.try_set(NewInvite::default());
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      get: fn(&NewInvite) -> &String,
                      set: fn(&mut NewInvite, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
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
                    {field("invite-name", "Full name", "text", |f| &f.full_name, |f, v| f.full_name = v)}
                    {field("invite-email", "Email", "email", |f| &f.email, |f, v| f.email = v)}
                    {field("invite-mobile", "Mobile number", "tel", |f| &f.mobile, |f, v| f.mobile = v)}
                    {field("invite-employer", "Employer", "text", |f| &f.employer, |f, v| f.employer = v)}
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
