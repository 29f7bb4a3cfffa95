use leptos::prelude::*;
use wink_api::{messages, VerificationPath};

use crate::api;
use crate::components::{Panel, SignOut};
use crate::i18n::{format_date, format_money, tr, tr_around, use_i18n};
use crate::load::Load;

messages! {
    /// The done page's words.
    pub enum DoneText {
        Title = "done.title" => "Thank you. Your application is with us",
        Reference { reference } = "done.reference" => "Your reference is {reference}. Quote it if you contact us.",
        Declared { date, income } = "done.declared" => "You applied on {date}, declaring a monthly income of {income}.",
        NextHeading = "done.next_heading" => "What happens next",
        MinutesLead = "done.minutes_lead" => "In the next few minutes.",
        Minutes = "done.minutes" => "Smile collects the records from the accounts you linked and checks any documents you uploaded. There's nothing for you to do.",
        DayLead = "done.day_lead" => "Usually within one business day.",
        Day = "done.day" => "A loan officer reviews your verified income and employment alongside your application.",
        DayManual = "done.day_manual" => "A loan officer reviews the employer and income you declared.",
        ThenLead = "done.then_lead" => "Then.",
        ThenKnown { email, mobile } = "done.then_known" => "We contact you by email at {email} or by text message at {mobile} with a decision, or to ask for anything we still need.",
        Then = "done.then" => "We contact you by email or text message with a decision, or to ask for anything we still need.",
        ManageHeading = "done.manage_heading" => "Changed your mind about a connection?",
        Manage = "done.manage" => "You can link another account or upload another document, or disconnect an account or remove a document so it is no longer shared, at any time.",
        ManageButton = "done.manage_button" => "Manage your connections",
    }
}

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

    let i18n = use_i18n();
    let (before_reference, after_reference) =
        tr_around(DoneText::Reference { reference: "" }, "reference");
    view! {
        <section class="page done">
            <h1>{tr(DoneText::Title)}</h1>
            <p class="lead" aria-live="polite">
                {move || {
                    known()
                        .map(|app| {
                            view! {
                                {before_reference}
                                <strong class="reference">{app.reference.clone()}</strong>
                                {after_reference}
                            }
                        })
                }}
            </p>
            // What they declared, as they would write it: the date and amount in their locale.
            <p class="declared" data-declared="">
                {move || {
                    known()
                        .map(|app| {
                            let lang = i18n.lang();
                            let date = format_date(lang, &app.created_at);
                            let income = format_money(
                                lang,
                                app.monthly_income as f64,
                                &app.currency,
                            );
                            i18n.t(DoneText::Declared { date: &date, income: &income })
                        })
                }}
            </p>

            <Panel id="next" title=tr(DoneText::NextHeading)>
                <ol class="timeline">
                    {move || wink().then(|| view! {
                        <li>
                            <strong>{tr(DoneText::MinutesLead)}</strong>
                            " "
                            {tr(DoneText::Minutes)}
                        </li>
                    })}
                    <li>
                        <strong>{tr(DoneText::DayLead)}</strong>
                        " "
                        {Signal::derive(move || i18n.t(if manual() { DoneText::DayManual } else { DoneText::Day }))}
                    </li>
                    <li>
                        <strong>{tr(DoneText::ThenLead)}</strong>
                        " "
                        {move || match known() {
                            Some(app) => i18n.t(DoneText::ThenKnown {
                                email: &app.email,
                                mobile: &app.mobile,
                            }),
                            None => i18n.t(DoneText::Then),
                        }}
                    </li>
                </ol>
            </Panel>

            {move || wink().then(|| view! {
            <Panel id="manage" title=tr(DoneText::ManageHeading)>
                <p>{tr(DoneText::Manage)}</p>
                <p>
                    <a class="button secondary" href="/link">{tr(DoneText::ManageButton)}</a>
                </p>
            </Panel>
            })}

            <SignOut />
        </section>
    }
}
