use leptos::prelude::*;
use wink_api::VerificationPath;

use crate::api;
use crate::components::{Panel, SignOut};
use crate::load::Load;

/// The off-ramp: what happens next, when, and how the applicant will hear from us.
#[component]
pub fn DonePage() -> impl IntoView {
    // Only for the personal touches (reference, contact details); the page reads well
    // without them, e.g. if the session has ended.
    let application = Load::new(api::my_application);
    let known = move || application.get().and_then(Result::ok);
    // Verified manually (outside the Wink rollout): no accounts to collect from or manage.
    let manual = move || {
        application
            .with(|a| matches!(a, Some(Ok(app)) if app.verification == VerificationPath::Manual))
    };
    // The linking steps only once the application is known to use Wink (or cannot be read,
    // e.g. after the session ended): a manual applicant never sees them flash by.
    let wink = move || {
        application.with(|a| match a {
            Some(Ok(app)) => app.verification == VerificationPath::Wink,
            Some(Err(_)) => true,
            None => false,
        })
    };

    view! {
        <section class="page done">
            <h1>"Thank you. Your application is with us"</h1>
            <p class="lead" aria-live="polite">
                {move || {
                    known()
                        .map(|app| {
                            view! {
                                "Your reference is "
                                <strong class="reference">{app.reference}</strong>
                                ". Quote it if you contact us."
                            }
                        })
                }}
            </p>

            <Panel id="next" title="What happens next">
                <ol class="timeline">
                    {move || wink().then(|| view! {
                        <li>
                            <strong>"In the next few minutes. "</strong>
                            "Smile collects the records from the accounts you linked and checks any "
                            "documents you uploaded. There's nothing for you to do."
                        </li>
                    })}
                    <li>
                        <strong>"Usually within one business day. "</strong>
                        {move || if manual() {
                            "A loan officer reviews the employer and income you declared."
                        } else {
                            "A loan officer reviews your verified income and employment alongside \
                             your application."
                        }}
                    </li>
                    <li>
                        <strong>"Then. "</strong>
                        {move || match known() {
                            Some(app) => format!(
                                "We contact you by email at {} or by text message at {} with a \
                                 decision, or to ask for anything we still need.",
                                app.email, app.mobile
                            ),
                            None => "We contact you by email or text message with a decision, or \
                                     to ask for anything we still need."
                                .to_owned(),
                        }}
                    </li>
                </ol>
            </Panel>

            {move || wink().then(|| view! {
            <Panel id="manage" title="Changed your mind about a connection?">
                <p>
                    "You can link another account or upload another document, or disconnect an "
                    "account or remove a document so it is no longer shared, at any time."
                </p>
                <p>
                    <a class="button secondary" href="/link">"Manage your connections"</a>
                </p>
            </Panel>
            })}

            <SignOut />
        </section>
    }
}
