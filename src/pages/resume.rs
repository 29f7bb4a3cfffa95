use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::{messages, ResumePreview};

use crate::api::{self, ApiError};
use crate::i18n::{tr, tr_around, use_i18n, Common};
use crate::router::{asks_to_reconnect, navigate_replacing, RECONNECT_LINK_PAGE};

messages! {
    /// The resume page's words.
    pub enum ResumeText {
        Title = "resume.title" => "Continue your application",
        Opening = "resume.opening" => "Opening your application…",
        ExpiredHeading = "resume.expired_heading" => "This resume link has expired",
        Expired = "resume.expired" => "Resume links work for a limited time after you apply. Please start a new application, or contact us and quote your reference.",
        Restart = "resume.restart" => "Start a new application",
        InvalidHeading = "resume.invalid_heading" => "This resume link isn't valid",
        Invalid = "resume.invalid" => "It may be incomplete, so check that you copied all of it, or it may no longer work.",
        MaybeOpen { accounts } = "resume.maybe_open" => "If you applied in this browser, your application may still be open: {accounts}.",
        AccountsLink = "resume.accounts_link" => "go to your linked accounts",
        StartAgain = "resume.start_again" => "Otherwise, start again. It takes about a minute.",
        FailedHeading = "resume.failed_heading" => "We couldn't open your application",
        Question { initials, reference } = "resume.question" => "Continue the application of {initials} ({reference})?",
        ReplacesKnown { open } = "resume.replaces_known" => "This signs you out of the application open in this browser ({open}). If this link isn't yours, press Cancel.",
        Replaces = "resume.replaces" => "If another application is open in this browser, this signs you out of it. If this link isn't yours, press Cancel.",
        Continue = "resume.continue" => "Continue",
        Cancel = "resume.cancel" => "Cancel",
    }
}

/// Where the page stands.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Asking whose link this is, and whether this browser already has an application open.
    Checking,
    /// Another application may be open in this browser: resuming would replace it, so the
    /// applicant decides. `open` is the reference of the one open, when known.
    Confirm {
        link: ResumePreview,
        open: Option<String>,
    },
    /// Trading the link for a session.
    Resuming,
    Failed(ApiError),
}

/// `/resume/:token`: first asks the server whose application the link opens (no session
/// yet). With no application open in this browser it resumes at once; with another one
/// open it asks first, because a link someone sent could otherwise silently swap this
/// browser into their application. Then continues to `/link` (replacing this page in the
/// history, so "back" does not resume again), with the reconnection explained when the link
/// carries `?reconnect=1`.
#[component]
pub fn ResumePage(
    /// The secret from the link.
    token: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let stage = RwSignal::new(Stage::Checking);
    let token = StoredValue::new(token);
    let link_page = if asks_to_reconnect() {
        RECONNECT_LINK_PAGE
    } else {
        "/link"
    };

    let resume = Callback::new(move |()| {
        stage.set(Stage::Resuming);
        spawn_local(async move {
            match api::resume_application(&token.get_value()).await {
                Ok(application) => {
                    // The link keeps the language they applied in, unless this browser
                    // has a choice of its own.
                    i18n.adopt(application.language);
                    navigate_replacing(link_page);
                }
                Err(error) => {
                    stage.try_set(Stage::Failed(error));
                }
            }
        });
    });
    let check = Callback::new(move |()| {
        stage.set(Stage::Checking);
        spawn_local(async move {
            let link = match api::resume_preview(&token.get_value()).await {
                Ok(link) => link,
                Err(error) => {
                    stage.try_set(Stage::Failed(error));
                    return;
                }
            };
            match api::my_application().await {
                // Already open here: nothing to replace.
                Ok(open) if open.reference == link.reference => navigate_replacing(link_page),
                Ok(open) => {
                    stage.try_set(Stage::Confirm {
                        link,
                        open: Some(open.reference),
                    });
                }
                Err(error) if error.is_unauthorized() => resume.run(()),
                // Cannot tell whether one is open: ask rather than risk replacing it.
                Err(_) => {
                    stage.try_set(Stage::Confirm { link, open: None });
                }
            }
        });
    });
    check.run(());

    let (before_accounts, after_accounts) =
        tr_around(ResumeText::MaybeOpen { accounts: "" }, "accounts");
    let body = move || match stage.get() {
        Stage::Checking | Stage::Resuming => {
            view! { <p class="loading" role="status">{tr(ResumeText::Opening)}</p> }.into_any()
        }
        Stage::Confirm { link, open } => view! {
            <ConfirmResume link open on_continue=resume />
        }
        .into_any(),
        Stage::Failed(error) if error.status() == Some(410) => view! {
            <div class="callout warning" role="alert" data-resume="expired">
                <h2>{tr(ResumeText::ExpiredHeading)}</h2>
                <p>{tr(ResumeText::Expired)}</p>
                <p>
                    <a class="button primary" href="/apply">{tr(ResumeText::Restart)}</a>
                </p>
            </div>
        }
        .into_any(),
        Stage::Failed(error) if link_is_unusable(&error) => view! {
            <div class="callout warning" role="alert">
                <h2>{tr(ResumeText::InvalidHeading)}</h2>
                <p>{tr(ResumeText::Invalid)}</p>
                <ul>
                    <li>
                        {before_accounts}
                        <a href="/link">{tr(ResumeText::AccountsLink)}</a>
                        {after_accounts}
                    </li>
                    <li>{tr(ResumeText::StartAgain)}</li>
                </ul>
                <p>
                    <a class="button primary" href="/apply">{tr(ResumeText::Restart)}</a>
                </p>
            </div>
        }
        .into_any(),
        Stage::Failed(error) => view! {
            <div class="callout problem" role="alert">
                <h2>{tr(ResumeText::FailedHeading)}</h2>
                <p>{Signal::derive(move || i18n.error_text(&error))}</p>
                <button type="button" class="primary" on:click=move |_| check.run(())>
                    {tr(Common::TryAgain)}
                </button>
            </div>
        }
        .into_any(),
    };

    view! {
        <section class="page resume">
            <h1>{tr(ResumeText::Title)}</h1>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

/// "Continue the application of G. P. (WP-…)?" with Continue and Cancel; Cancel goes back
/// to the application already open in this browser.
#[component]
fn ConfirmResume(
    link: ResumePreview,
    open: Option<String>,
    on_continue: Callback<()>,
) -> impl IntoView {
    let question = tr(ResumeText::Question {
        initials: &link.initials,
        reference: &link.reference,
    });
    let consequence = match &open {
        Some(open) => tr(ResumeText::ReplacesKnown { open }),
        None => tr(ResumeText::Replaces),
    };
    view! {
        <div class="callout warning" role="alertdialog" aria-labelledby="confirm-resume-question"
            data-resume="confirm">
            <h2 id="confirm-resume-question">{question}</h2>
            <p>{consequence}</p>
            <p class="actions">
                <button type="button" class="primary confirm-resume"
                    on:click=move |_| on_continue.run(())>
                    {tr(ResumeText::Continue)}
                </button>
                " "
                <button type="button" class="secondary cancel-resume"
                    on:click=move |_| navigate_replacing("/link")>
                    {tr(ResumeText::Cancel)}
                </button>
            </p>
        </div>
    }
}

/// The server rejected the token itself (not a hiccup worth retrying).
fn link_is_unusable(error: &ApiError) -> bool {
    matches!(error.status(), Some(400 | 401 | 403 | 404 | 410 | 422))
}
