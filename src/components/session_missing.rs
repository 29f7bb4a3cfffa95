use leptos::prelude::*;

/// Shown when the server answers 401: this browser holds no applicant session.
#[component]
pub fn SessionMissing() -> impl IntoView {
    view! {
        <div class="callout warning" role="alert">
            <h2>"We can't find your application in this browser"</h2>
            <p>
                "This happens when you applied on another device or browser, cleared your "
                "cookies, or your session ended."
            </p>
            <ul>
                <li>
                    "If you saved your resume link (it contains " <code>"/resume/"</code>
                    "), open it to continue where you left off."
                </li>
                <li>"Otherwise, start a new application. It takes about a minute."</li>
            </ul>
            <p>
                <a class="button primary" href="/apply">"Start a new application"</a>
            </p>
        </div>
    }
}
