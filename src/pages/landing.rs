use leptos::prelude::*;
use wink_api::messages;

use crate::components::{ServerStatus, SIGNED_OUT_QUERY};
use crate::dom::escape;
use crate::i18n::{tr, use_i18n, I18n};
use crate::router::{current_query, query_param};

messages! {
    /// What the start page says just after signing out: a catalogue of its own, as the first
    /// screens show it without the rest of [`LandingText`] (each catalogue's English goes
    /// into the bundle whole).
    pub enum SignedOutText {
        Heading = "landing.signed_out_heading" => "You're signed out",
        Text = "landing.signed_out" => "To continue your application, open the resume link we gave you when you applied. It works on any phone or computer.",
    }
}

messages! {
    /// The start page's words.
    pub enum LandingText {
        Eyebrow = "landing.eyebrow" => "Loan application",
        Title = "landing.title" => "Get a faster decision by linking your income records",
        Lead = "landing.lead" => "Connect your employer, SSS or gig-platform account instead of hunting for payslips. Records that come straight from the source let us decide sooner, and can get you a better rate.",
        Start = "landing.start" => "Start your application",
        StatusLabel = "landing.status_label" => "Service status",
        WhyHeading = "landing.why_heading" => "Why link your accounts",
        FasterLead = "landing.faster_lead" => "A faster decision.",
        Faster = "landing.faster" => "Your records arrive in minutes, with nothing to scan, upload or post.",
        RateLead = "landing.rate_lead" => "A better rate.",
        Rate = "landing.rate" => "Verified income lowers our risk, and that can lower your rate.",
        FewerLead = "landing.fewer_lead" => "Fewer questions later.",
        Fewer = "landing.fewer" => "A loan officer sees the same figures you do, straight from the source.",
        StepsHeading = "landing.steps_heading" => "What will happen",
        StepApply = "landing.step_apply" => "Tell us your name, contact details, employer and income. About a minute.",
        StepChoose = "landing.step_choose" => "Choose your employer, SSS, or the gig platform you earn through, from a list or by searching.",
        StepLogIn = "landing.step_log_in" => "Log in to that account in Smile's secure window. Done in about 2 minutes.",
        StepReview = "landing.step_review" => "A loan officer reviews your application and contacts you.",
        PrivacyHeading = "landing.privacy_heading" => "Your privacy and consent",
        WhatLead = "landing.what_lead" => "What is shared:",
        What = "landing.what" => "your identity, employment, income and contribution records from the accounts you choose, and nothing else.",
        WhomLead = "landing.whom_lead" => "With whom:",
        Whom = "landing.whom" => "Smile, our verification partner, collects the records and shares them only with us, the lender you are applying to.",
        WhyLead = "landing.why_lead" => "What for:",
        Why = "landing.why" => "to check your income and employment for this loan application.",
        PasswordLead = "landing.password_lead" => "Your password stays yours:",
        Password = "landing.password" => "you type it in Smile's secure window, never on our pages, and we never see it.",
        ControlLead = "landing.control_lead" => "You stay in control:",
        Control = "landing.control" => "nothing is shared until you agree, and you can disconnect an account at any time.",
        Returning = "landing.returning" => "Already applied? Open the resume link we gave you to continue where you left off.",
    }
}

/// The on-ramp: why linking helps, what will happen, and what is shared with whom, before
/// anyone is asked for anything.
#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    // Just signed out (see `SignOut`): how to come back.
    let signed_out = query_param(&current_query(), SIGNED_OUT_QUERY).is_some();
    view! {
        <section class="page landing">
            {signed_out.then(|| view! {
                <div class="callout success" role="status" data-signed-out="">
                    <h2>{tr(SignedOutText::Heading)}</h2>
                    <p>{tr(SignedOutText::Text)}</p>
                </div>
            })}
            <p class="eyebrow">{tr(LandingText::Eyebrow)}</p>
            <h1>{tr(LandingText::Title)}</h1>
            <p class="lead">{tr(LandingText::Lead)}</p>
            <p class="cta">
                <a class="button primary" href="/apply">{tr(LandingText::Start)}</a>
            </p>
            <div inner_html=move || onramp_details(&i18n)></div>
            <footer class="page-footer" aria-label=tr(LandingText::StatusLabel)>
                <ServerStatus />
            </footer>
        </section>
    }
}

/// The on-ramp's explanations, as markup: `view!` compiles every static element into code,
/// so as a string this page costs a few hundred bytes of the bundle instead of tens of
/// kilobytes. Our own words only (escaped all the same), no applicant data.
fn onramp_details(i18n: &I18n) -> String {
    let mut html = String::with_capacity(2048);
    for piece in ONRAMP {
        match piece {
            Piece::Markup(markup) => html.push_str(markup),
            Piece::Text(text) => html.push_str(&escape(&i18n.t(*text))),
        }
    }
    html
}

/// A part of the on-ramp's markup.
enum Piece {
    Markup(&'static str),
    Text(LandingText<'static>),
}

/// The on-ramp's markup around its texts, in order (a loop over data costs the bundle less
/// than a `format!` of sixteen arguments).
const ONRAMP: &[Piece] = {
    use LandingText as L;
    use Piece::{Markup as M, Text as T};
    const LEAD: &str = "<li><strong>";
    const REST: &str = "</strong> ";
    const NEXT_LEAD: &str = "</li><li><strong>";
    &[
        M(r#"<section class="panel" aria-labelledby="why-heading"><h2 id="why-heading">"#),
        T(L::WhyHeading),
        M(r#"</h2><ul class="benefits">"#),
        M(LEAD),
        T(L::FasterLead),
        M(REST),
        T(L::Faster),
        M(NEXT_LEAD),
        T(L::RateLead),
        M(REST),
        T(L::Rate),
        M(NEXT_LEAD),
        T(L::FewerLead),
        M(REST),
        T(L::Fewer),
        M("</li></ul></section>"),
        M(r#"<section class="panel" aria-labelledby="steps-heading"><h2 id="steps-heading">"#),
        T(L::StepsHeading),
        M(r#"</h2><ol class="steps"><li>"#),
        T(L::StepApply),
        M("</li><li>"),
        T(L::StepChoose),
        M("</li><li>"),
        T(L::StepLogIn),
        M("</li><li>"),
        T(L::StepReview),
        M("</li></ol></section>"),
        M(r#"<section class="panel" aria-labelledby="privacy-heading"><h2 id="privacy-heading">"#),
        T(L::PrivacyHeading),
        M(r#"</h2><ul class="privacy">"#),
        M(LEAD),
        T(L::WhatLead),
        M(REST),
        T(L::What),
        M(NEXT_LEAD),
        T(L::WhomLead),
        M(REST),
        T(L::Whom),
        M(NEXT_LEAD),
        T(L::WhyLead),
        M(REST),
        T(L::Why),
        M(NEXT_LEAD),
        T(L::PasswordLead),
        M(REST),
        T(L::Password),
        M(NEXT_LEAD),
        T(L::ControlLead),
        M(REST),
        T(L::Control),
        M("</li></ul></section>"),
        M(r#"<p class="returning">"#),
        T(L::Returning),
        M("</p>"),
    ]
};
