use leptos::prelude::*;

use crate::components::{ServerStatus, SIGNED_OUT_QUERY};
use crate::router::{current_query, query_param};

/// The on-ramp: why linking helps, what will happen, and what is shared with whom, before
/// anyone is asked for anything.
#[component]
pub fn Landing() -> impl IntoView {
    // Just signed out (see `SignOut`): how to come back.
    let signed_out = query_param(&current_query(), SIGNED_OUT_QUERY).is_some();
    view! {
        <section class="page landing">
            {signed_out.then(|| view! {
                <div class="callout success" role="status" data-signed-out="">
                    <h2>"You're signed out"</h2>
                    <p>
                        "To continue your application, open the resume link we gave you when "
                        "you applied. It works on any phone or computer."
                    </p>
                </div>
            })}
            <p class="eyebrow">"Loan application"</p>
            <h1>"Get a faster decision by linking your income records"</h1>
            <p class="lead">
                "Connect your employer, SSS or gig-platform account instead of hunting for "
                "payslips. Records that come straight from the source let us decide sooner, and "
                "can get you a better rate."
            </p>
            <p class="cta">
                <a class="button primary" href="/apply">"Start your application"</a>
            </p>
            <div inner_html=ONRAMP_DETAILS></div>
            <footer class="page-footer" aria-label="Service status">
                <ServerStatus />
            </footer>
        </section>
    }
}

/// The on-ramp's explanations. Constant text with no applicant data in it, written as HTML
/// because `view!` compiles every static element into code: as markup this page costs a
/// few hundred bytes of the bundle instead of tens of kilobytes.
const ONRAMP_DETAILS: &str = r#"
<section class="panel" aria-labelledby="why-heading">
  <h2 id="why-heading">Why link your accounts</h2>
  <ul class="benefits">
    <li><strong>A faster decision.</strong> Your records arrive in minutes, with nothing to scan, upload or post.</li>
    <li><strong>A better rate.</strong> Verified income lowers our risk, and that can lower your rate.</li>
    <li><strong>Fewer questions later.</strong> A loan officer sees the same figures you do, straight from the source.</li>
  </ul>
</section>
<section class="panel" aria-labelledby="steps-heading">
  <h2 id="steps-heading">What will happen</h2>
  <ol class="steps">
    <li>Tell us your name, contact details, employer and income. About a minute.</li>
    <li>Choose your employer, SSS, or the gig platform you earn through, from a list or by searching.</li>
    <li>Log in to that account in Smile's secure window. Done in about 2 minutes.</li>
    <li>A loan officer reviews your application and contacts you.</li>
  </ol>
</section>
<section class="panel" aria-labelledby="privacy-heading">
  <h2 id="privacy-heading">Your privacy and consent</h2>
  <ul class="privacy">
    <li><strong>What is shared:</strong> your identity, employment, income and contribution records from the accounts you choose, and nothing else.</li>
    <li><strong>With whom:</strong> Smile, our verification partner, collects the records and shares them only with us, the lender you are applying to.</li>
    <li><strong>What for:</strong> to check your income and employment for this loan application.</li>
    <li><strong>Your password stays yours:</strong> you type it in Smile's secure window, never on our pages, and we never see it.</li>
    <li><strong>You stay in control:</strong> nothing is shared until you agree, and you can disconnect an account at any time.</li>
  </ul>
</section>
<p class="returning">Already applied? Open the resume link we gave you to continue where you left off.</p>
"#;
