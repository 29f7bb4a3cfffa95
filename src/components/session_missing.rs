use leptos::prelude::*;
use wink_api::messages;

use crate::i18n::{tr, tr_around};

messages! {
    /// What a browser without an applicant session is told.
    pub enum SessionText {
        Heading = "session.heading" => "We can't find your application in this browser",
        Why = "session.why" => "This happens when you applied on another device or browser, cleared your cookies, or your session ended.",
        Resume { path } = "session.resume" => "If you saved your resume link (it contains {path}), open it to continue where you left off.",
        Restart = "session.restart" => "Otherwise, start a new application. It takes about a minute.",
        RestartButton = "session.restart_button" => "Start a new application",
    }
}

/// Shown when the server answers 401: this browser holds no applicant session.
#[component]
pub fn SessionMissing() -> impl IntoView {
    let (before, after) = tr_around(SessionText::Resume { path: "" }, "path");
    view! {
        <div class="callout warning" role="alert">
            <h2>{tr(SessionText::Heading)}</h2>
            <p>{tr(SessionText::Why)}</p>
            <ul>
                <li>{before} <code>"/resume/"</code> {after}</li>
                <li>{tr(SessionText::Restart)}</li>
            </ul>
            <p>
                <a class="button primary" href="/apply">{tr(SessionText::RestartButton)}</a>
            </p>
        </div>
    }
}
