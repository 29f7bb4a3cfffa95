use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::{Application, VerificationPath};

use crate::api;
use crate::components::{
    AccountList, DocumentList, NoticeCard, Panel, SessionMissing, SignOut, UploadInstead,
};
use crate::documents::{document_rows, is_shared};
use crate::linking::controller::{LinkController, WidgetPhase};
use crate::router::{asks_to_reconnect, navigate};
use crate::status::is_linked;

/// What the link page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinkMode {
    /// No applicant session in this browser.
    SignedOut,
    /// Outside the Wink rollout: no widget; the lender's team verifies the declarations.
    Manual,
    /// Smile's widget.
    Wink,
    /// The application has not answered yet: which path is not known, so nothing that
    /// belongs to either (the widget, the account list) starts.
    Loading,
}

/// `/link`: for an applicant on the Wink path, opens Smile's widget, shows each linked
/// account and each uploaded document with its live status, explains failures with a next
/// step, offers uploading a payslip to an applicant who cannot find their employer, and
/// lets the applicant finish; at `?reconnect=1`, first explains that an account needs
/// connecting again. For one verified manually (the application says so, or the server
/// refuses a link config with 409), explains that no linking is needed and lets them finish.
/// The application is read first, so a manual applicant's browser never asks for a link
/// token or loads the widget; if it cannot be read, the Wink path is tried.
#[component]
pub fn LinkPage() -> impl IntoView {
    // The application: its reference, to quote when asking the applicant to contact us,
    // and its verification path. A 401 here means there is no session.
    let application = RwSignal::new(None::<Application>);
    let signed_out = RwSignal::new(false);
    // The server's message when it refused a link config (409): a manual application.
    let refused = RwSignal::new(None::<String>);
    let answered = RwSignal::new(false);
    spawn_local(async move {
        let answer = api::my_application().await;
        answered.try_set(true);
        match answer {
            Ok(app) => {
                application.try_set(Some(app));
            }
            Err(error) if error.is_unauthorized() => {
                signed_out.try_set(true);
            }
            Err(_) => {}
        }
    });
    let mode = Memo::new(move |_| {
        if signed_out.get() {
            LinkMode::SignedOut
        } else if refused.with(Option::is_some)
            || application.with(|a| {
                a.as_ref()
                    .is_some_and(|a| a.verification == VerificationPath::Manual)
            })
        {
            LinkMode::Manual
        } else if answered.get() {
            LinkMode::Wink
        } else {
            LinkMode::Loading
        }
    });
    let reference =
        Signal::derive(move || application.with(|a| a.as_ref().map(|a| a.reference.clone())));

    move || match mode.get() {
        LinkMode::SignedOut => view! {
            <section class="page link">
                <h1>"Link your income accounts"</h1>
                <SessionMissing />
            </section>
        }
        .into_any(),
        LinkMode::Loading => view! {
            <section class="page link">
                <p class="loading" role="status">"Loading your application…"</p>
            </section>
        }
        .into_any(),
        LinkMode::Manual => view! { <ManualVerification application signed_out /> }.into_any(),
        LinkMode::Wink => view! { <WinkLink reference refused /> }.into_any(),
    }
}

/// "I'm done": records that the applicant finished (`POST /api/applications/me/complete`)
/// and moves on to `/done`; a 401 sets `signed_out`, any other failure `error`.
fn finish_action(
    finishing: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    signed_out: RwSignal<bool>,
) -> Callback<()> {
    Callback::new(move |()| {
        if finishing.get_untracked() {
            return;
        }
        finishing.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::complete_application().await;
            finishing.try_set(false);
            match answer {
                Ok(_) => navigate("/done"),
                Err(e) if e.is_unauthorized() => {
                    signed_out.try_set(true);
                }
                Err(e) => {
                    error.try_set(Some(format!("We couldn't record that you're done. {e}")));
                }
            }
        });
    })
}

/// "I'm done" and, below it, why finishing failed.
#[component]
fn FinishButton(
    #[prop(into)] class: Signal<&'static str>,
    finishing: RwSignal<bool>,
    finish_error: RwSignal<Option<String>>,
    on_finish: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            disabled=move || finishing.get()
            on:click=move |_| on_finish.run(())
        >
            {move || if finishing.get() { "Sending…" } else { "I'm done" }}
        </button>
        <div role="alert">
            {move || finish_error.get().map(|message| view! { <p class="error">{message}</p> })}
        </div>
    }
}

/// The manual path: no widget, no account linking; what happens instead, and "I'm done".
#[component]
fn ManualVerification(
    application: RwSignal<Option<Application>>,
    signed_out: RwSignal<bool>,
) -> impl IntoView {
    let finishing = RwSignal::new(false);
    let finish_error = RwSignal::new(None::<String>);
    let on_finish = finish_action(finishing, finish_error, signed_out);
    let known = move || application.get();

    view! {
        <section class="page link manual" data-verification="manual">
            <h1>"Our team will verify your application"</h1>
            <p class="lead">
                "This application is verified manually by our lending team, from what you "
                "declared: your employer and your monthly income. You don't need to link any "
                "account."
                {move || known().map(|app| view! {
                    " Your reference is " <strong class="reference">{app.reference}</strong> "."
                })}
            </p>

            <Panel id="manual-next" title="What happens next">
                <ol class="timeline">
                    <li>
                        <strong>"Usually within one business day. "</strong>
                        "A loan officer reviews what you declared."
                    </li>
                    <li>
                        <strong>"Then. "</strong>
                        {move || match known() {
                            Some(app) => format!(
                                "We contact you by email at {} or by text message at {}, to ask \
                                 for documents that show your income (such as recent payslips) \
                                 or with a decision.",
                                app.email, app.mobile
                            ),
                            None => "We contact you by email or text message, to ask for \
                                     documents that show your income (such as recent payslips) \
                                     or with a decision."
                                .to_owned(),
                        }}
                    </li>
                </ol>
            </Panel>

            <Panel id="finish" title="Finish your application" class="finish">
                <p>"There is nothing else to do here. Let us know you're done and we'll take it from there."</p>
                <FinishButton class="primary finish-manual" finishing finish_error on_finish />
            </Panel>

            <SignOut />
        </section>
    }
}

/// Why the applicant is back: the lender's resume link asked them to connect an account
/// again, and how.
#[component]
fn ReconnectExplained() -> impl IntoView {
    view! {
        <div class="callout warning" data-reconnect="">
            <h2>"Connect your account again"</h2>
            <p>
                "Your lender could not refresh the data from one of your accounts. Open Smile "
                "and connect it again: press the button below, choose the same employer, SSS "
                "or gig platform, and log in. If you changed your password there, use the new one."
            </p>
        </div>
    }
}

/// The Wink path: Smile's widget and the linked accounts.
#[component]
fn WinkLink(reference: Signal<Option<String>>, refused: RwSignal<Option<String>>) -> impl IntoView {
    let link = LinkController::with_refusal(refused);
    link.start();

    let accounts = Signal::derive(move || link.accounts.list.get().unwrap_or_default());
    let has_linked =
        Signal::derive(move || accounts.with(|a| a.iter().any(|a| is_linked(a.status))));
    // The server's documents, with the widget's reports it has not listed yet.
    let documents = Memo::new(move |_| {
        let server = link.accounts.documents.get();
        let reported = link.reported_uploads.get();
        (server.is_some() || !reported.is_empty())
            .then(|| document_rows(server.as_deref().unwrap_or_default(), &reported))
    });
    let has_documents = Signal::derive(move || {
        documents.with(|d| d.iter().flatten().any(|d| is_shared(d.progress)))
    });
    let busy = Signal::derive(move || link.phase.with(WidgetPhase::is_busy));

    let finishing = RwSignal::new(false);
    let finish_error = RwSignal::new(None::<String>);
    let on_finish = finish_action(finishing, finish_error, link.accounts.signed_out);
    let on_open = Callback::new(move |()| link.open());

    let reconnect = asks_to_reconnect();
    let widget_open = Signal::derive(move || link.phase.get() == WidgetPhase::Open);
    let phase_text = move || match link.phase.get() {
        WidgetPhase::Preparing => "Preparing the secure linking window…",
        WidgetPhase::Opening => "Opening the secure linking window…",
        WidgetPhase::Reopening => "Getting a fresh secure link…",
        WidgetPhase::Open => "The secure linking window is open.",
        WidgetPhase::Ready | WidgetPhase::Failed(_) => "",
    };
    let open_label = move || {
        if link.phase.with(|p| matches!(p, WidgetPhase::Failed(_))) {
            "Try again"
        } else if accounts.with(Vec::is_empty) {
            "Link an account"
        } else {
            "Manage connections"
        }
    };

    let page = move || {
        view! {
            {reconnect.then(|| view! { <ReconnectExplained /> })}
            <p class="lead">
                "Choose your employer, SSS, or the gig platform you earn through, and log in "
                "to it in Smile's secure window. It takes about 2 minutes, and we never see "
                "your password."
                {move || reference.get().map(|r| view! {
                    " Your reference is " <strong class="reference">{r}</strong> "."
                })}
            </p>

            <div class="widget-controls">
                <p class="phase" role="status">{phase_text}</p>
                <button
                    type="button"
                    class="primary open-widget"
                    disabled=busy
                    aria-describedby="open-widget-hint"
                    on:click=move |_| link.open()
                >
                    {open_label}
                </button>
                <p class="hint" id="open-widget-hint">
                    {move || if accounts.with(Vec::is_empty) {
                        "Opens Smile's secure window over this page."
                    } else {
                        "Link another account, or disconnect one you linked."
                    }}
                </p>
                {move || match link.phase.get() {
                    WidgetPhase::Failed(message) => Some(view! {
                        <div class="callout problem" role="alert" data-widget-error="">
                            <p>{message}</p>
                        </div>
                    }),
                    _ => None,
                }}
            </div>

            <UploadInstead uploads_enabled=link.uploads_enabled busy on_upload=on_open />

            <div class="notices" aria-live="polite">
                {move || link.notice.get().map(|notice| view! {
                    <NoticeCard
                        notice
                        accounts
                        uploads_enabled=link.uploads_enabled
                        widget_open
                        reference
                        on_open
                        on_finish
                    />
                })}
            </div>

            <Panel id="accounts" title="Your linked accounts">
                <div aria-live="polite">
                    {move || match link.accounts.list.get() {
                        None => view! { <p class="loading">"Loading your accounts…"</p> }.into_any(),
                        Some(_) => view! { <AccountList accounts /> }.into_any(),
                    }}
                </div>
                {move || link.accounts.error.get().map(|message| view! {
                    <div class="callout problem" role="alert">
                        <p>"We couldn't update this list. " {message}</p>
                        <button type="button" class="secondary" on:click=move |_| link.accounts.refresh()>
                            "Refresh"
                        </button>
                    </div>
                })}
            </Panel>

            <DocumentList
                documents
                can_upload=link.uploads_enabled
                busy
                on_upload=on_open
            />

            <Panel id="finish" title="Finished linking?" class="finish">
                <p>
                    {move || if has_linked.get() {
                        "When you've linked the accounts that show your income, let us know and a loan officer will review your application."
                    } else if has_documents.get() {
                        "When you've uploaded the documents that show your income, let us know and a loan officer will review your application."
                    } else {
                        "You haven't linked an account yet. You can still finish: a loan officer will then contact you about other ways to show your income."
                    }}
                </p>
                <FinishButton
                    class=Signal::derive(move || {
                        if has_linked.get() || has_documents.get() { "primary" } else { "secondary" }
                    })
                    finishing
                    finish_error
                    on_finish
                />
            </Panel>

            <SignOut />
        }
    };

    view! {
        <section class="page link">
            <h1>"Link your income accounts"</h1>
            {move || if link.accounts.signed_out.get() {
                view! { <SessionMissing /> }.into_any()
            } else {
                page().into_any()
            }}
        </section>
    }
}
