use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::{AccountList, NoticeCard, SessionMissing, UploadList};
use crate::linking::controller::{LinkController, WidgetPhase};
use crate::router::navigate;
use crate::status::is_linked;

/// `/link`: opens Smile's widget, shows each linked account with its live status, explains
/// failures with a next step, and lets the applicant finish.
#[component]
pub fn LinkPage() -> impl IntoView {
    let link = LinkController::new();
    link.start();

    // The reference, to quote when asking the applicant to contact us; a 401 here means
    // there is no session to link accounts for.
    let reference = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::my_application().await {
            Ok(app) => {
                reference.try_set(Some(app.reference));
            }
            Err(error) if error.is_unauthorized() => {
                link.accounts.signed_out.try_set(true);
            }
            Err(_) => {}
        }
    });

    let accounts = Signal::derive(move || link.accounts.list.get().unwrap_or_default());
    let has_linked =
        Signal::derive(move || accounts.with(|a| a.iter().any(|a| is_linked(a.status))));

    let finishing = RwSignal::new(false);
    let finish_error = RwSignal::new(None::<String>);
    let on_finish = Callback::new(move |()| {
        if finishing.get_untracked() {
            return;
        }
        finishing.set(true);
        finish_error.set(None);
        spawn_local(async move {
            let answer = api::complete_application().await;
            finishing.try_set(false);
            match answer {
                Ok(_) => navigate("/done"),
                Err(error) if error.is_unauthorized() => {
                    link.accounts.signed_out.try_set(true);
                }
                Err(error) => {
                    finish_error.try_set(Some(format!(
                        "We couldn't record that you're done. {error}"
                    )));
                }
            }
        });
    });
    let on_open = Callback::new(move |()| link.open());

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
                    disabled=move || link.phase.with(WidgetPhase::is_busy)
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

            <section class="panel" aria-labelledby="accounts-heading">
                <h2 id="accounts-heading">"Your linked accounts"</h2>
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
            </section>

            <UploadList uploads=link.uploads />

            <section class="panel finish" aria-labelledby="finish-heading">
                <h2 id="finish-heading">"Finished linking?"</h2>
                <p>
                    {move || if has_linked.get() {
                        "When you've linked the accounts that show your income, let us know and a loan officer will review your application."
                    } else {
                        "You haven't linked an account yet. You can still finish: a loan officer will then contact you about other ways to show your income."
                    }}
                </p>
                <button
                    type="button"
                    class=move || if has_linked.get() { "primary" } else { "secondary" }
                    disabled=move || finishing.get()
                    on:click=move |_| on_finish.run(())
                >
                    {move || if finishing.get() { "Sending…" } else { "I'm done" }}
                </button>
                <div role="alert">
                    {move || finish_error.get().map(|message| view! { <p class="error">{message}</p> })}
                </div>
            </section>
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
