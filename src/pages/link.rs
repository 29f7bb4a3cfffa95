use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::{Application, VerificationPath};

use crate::api::{self, ApiError};
use crate::components::{
    AccountList, DocumentList, NoticeCard, Panel, SessionMissing, SignOut, UploadInstead,
};
use crate::documents::{document_rows, is_shared};
use crate::i18n::{tr, tr_around, use_i18n, Common, I18n, Lang};
use crate::linking::controller::{LinkController, WidgetPhase};
use crate::linking::texts::LinkText;
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
                <h1>{tr(LinkText::Title)}</h1>
                <SessionMissing />
            </section>
        }
        .into_any(),
        LinkMode::Loading => view! {
            <section class="page link">
                <p class="loading" role="status">{tr(LinkText::LoadingApplication)}</p>
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
    error: RwSignal<Option<ApiError>>,
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
                    error.try_set(Some(e));
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
    finish_error: RwSignal<Option<ApiError>>,
    on_finish: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            disabled=move || finishing.get()
            on:click=move |_| on_finish.run(())
        >
            {Signal::derive(move || i18n.t(if finishing.get() { LinkText::Sending } else { LinkText::Done }))}
        </button>
        <div role="alert">
            {move || finish_error.with(|error| error.as_ref().map(|error| {
                format!("{} {}", i18n.t(LinkText::FinishFailed), i18n.error_text(error))
            })).map(|message| view! { <p class="error">{message}</p> })}
        </div>
    }
}

/// The manual path: no widget, no account linking; what happens instead, and "I'm done".
#[component]
fn ManualVerification(
    application: RwSignal<Option<Application>>,
    signed_out: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let finishing = RwSignal::new(false);
    let finish_error = RwSignal::new(None::<ApiError>);
    let on_finish = finish_action(finishing, finish_error, signed_out);
    let known = move || application.get();

    view! {
        <section class="page link manual" data-verification="manual">
            <h1>{tr(LinkText::ManualTitle)}</h1>
            <p class="lead">
                {tr(LinkText::ManualLead)}
                {move || known().map(|app| view! { " " <Reference reference=app.reference /> })}
            </p>

            <Panel id="manual-next" title=tr(LinkText::ManualNextHeading)>
                <ol class="timeline">
                    <li>
                        <strong>{tr(LinkText::ManualDayLead)} " "</strong>
                        {tr(LinkText::ManualDay)}
                    </li>
                    <li>
                        <strong>{tr(LinkText::ManualThenLead)} " "</strong>
                        {move || match known() {
                            Some(app) => i18n.t(LinkText::ManualThenKnown {
                                email: &app.email,
                                mobile: &app.mobile,
                            }),
                            None => i18n.t(LinkText::ManualThen),
                        }}
                    </li>
                </ol>
            </Panel>

            <Panel id="finish" title=tr(LinkText::ManualFinishHeading) class="finish">
                <p>{tr(LinkText::ManualFinish)}</p>
                <FinishButton class="primary finish-manual" finishing finish_error on_finish />
            </Panel>

            <SignOut />
        </section>
    }
}

/// "Your reference is <strong>WP-…</strong>.", in the reader's language.
#[component]
fn Reference(reference: String) -> impl IntoView {
    let (before, after) = tr_around(LinkText::Reference { reference: "" }, "reference");
    view! {
        {before}
        <strong class="reference">{reference}</strong>
        {after}
    }
}

/// Why the applicant is back: the lender's resume link asked them to connect an account
/// again, and how.
#[component]
fn ReconnectExplained() -> impl IntoView {
    view! {
        <div class="callout warning" data-reconnect="">
            <h2>{tr(LinkText::ReconnectHeading)}</h2>
            <p>{tr(LinkText::Reconnect)}</p>
        </div>
    }
}

/// Smile's widget has no language option: readers of another language are told before it
/// opens that it is in English.
#[component]
fn WidgetLanguageNote() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        (i18n.lang() != Lang::En).then(|| {
            view! {
                <p class="hint" id="widget-language-hint" data-widget-language="">
                    {tr(LinkText::WidgetInEnglish)}
                </p>
            }
        })
    }
}

/// The button's hints: what it does, and in another language that the widget is English.
fn open_widget_described_by(i18n: I18n) -> &'static str {
    if i18n.lang() == Lang::En {
        "open-widget-hint"
    } else {
        "open-widget-hint widget-language-hint"
    }
}

/// The Wink path: Smile's widget and the linked accounts.
#[component]
fn WinkLink(reference: Signal<Option<String>>, refused: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
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
    // When the widget closes, focus goes back to the button that opened it, unless the
    // widget already put it somewhere (Smile's own may not hand it back at all).
    let opener = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was_open: Option<bool>| {
        let open = link.phase.with(|p| matches!(p, WidgetPhase::Open));
        if was_open == Some(true) && !open {
            focus_if_lost(opener);
        }
        open
    });

    let finishing = RwSignal::new(false);
    let finish_error = RwSignal::new(None::<ApiError>);
    let on_finish = finish_action(finishing, finish_error, link.accounts.signed_out);
    let on_open = Callback::new(move |()| link.open());

    let reconnect = asks_to_reconnect();
    let phase_text = move || {
        let text = match link.phase.get() {
            WidgetPhase::Preparing => LinkText::Preparing,
            WidgetPhase::Opening => LinkText::Opening,
            WidgetPhase::Reopening => LinkText::Reopening,
            WidgetPhase::Open => LinkText::WindowOpen,
            WidgetPhase::Ready | WidgetPhase::Failed(_) => return String::new(),
        };
        i18n.t(text)
    };
    let open_label = move || {
        if link.phase.with(|p| matches!(p, WidgetPhase::Failed(_))) {
            i18n.t(Common::TryAgain)
        } else if accounts.with(Vec::is_empty) {
            i18n.t(LinkText::LinkAccount)
        } else {
            i18n.t(LinkText::ManageConnections)
        }
    };

    let page = move || {
        view! {
            {reconnect.then(|| view! { <ReconnectExplained /> })}
            <p class="lead">
                {tr(LinkText::Lead)}
                {move || reference.get().map(|r| view! { " " <Reference reference=r /> })}
            </p>

            <div class="widget-controls">
                <p class="phase" role="status">{phase_text}</p>
                // Busy is `aria-disabled`, not `disabled`: a disabled button drops keyboard
                // focus, and the widget hands focus back to whatever had it when it opened.
                <button
                    type="button"
                    class="primary open-widget"
                    aria-disabled=move || busy.get().then_some("true")
                    aria-describedby=move || open_widget_described_by(i18n)
                    node_ref=opener
                    on:click=move |_| link.open()
                >
                    {open_label}
                </button>
                <p class="hint" id="open-widget-hint">
                    {Signal::derive(move || i18n.t(if accounts.with(Vec::is_empty) {
                        LinkText::OpenHint
                    } else {
                        LinkText::ManageHint
                    }))}
                </p>
                <WidgetLanguageNote />
                {move || match link.phase.get() {
                    WidgetPhase::Failed(failure) => Some(view! {
                        <div class="callout problem" role="alert" data-widget-error="">
                            <p>{Signal::derive(move || failure.text(&i18n))}</p>
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
                        reference
                        on_open
                        on_finish
                    />
                })}
            </div>

            <Panel id="accounts" title=tr(LinkText::AccountsHeading)>
                <div aria-live="polite">
                    {move || match link.accounts.list.get() {
                        None => view! { <p class="loading">{tr(LinkText::LoadingAccounts)}</p> }.into_any(),
                        Some(_) => view! { <AccountList accounts /> }.into_any(),
                    }}
                </div>
                {move || link.accounts.error.get().map(|error| view! {
                    <div class="callout problem" role="alert">
                        <p>
                            {Signal::derive(move || format!(
                                "{} {}",
                                i18n.t(LinkText::ListFailed),
                                i18n.error_text(&error)
                            ))}
                        </p>
                        <button type="button" class="secondary" on:click=move |_| link.accounts.refresh()>
                            {tr(LinkText::Refresh)}
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

            <Panel id="finish" title=tr(LinkText::FinishHeading) class="finish">
                <p>
                    {Signal::derive(move || i18n.t(if has_linked.get() {
                        LinkText::FinishLinked
                    } else if has_documents.get() {
                        LinkText::FinishUploaded
                    } else {
                        LinkText::FinishNothing
                    }))}
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
            <h1>{tr(LinkText::Title)}</h1>
            {move || if link.accounts.signed_out.get() {
                view! { <SessionMissing /> }.into_any()
            } else {
                page().into_any()
            }}
        </section>
    }
}

/// Focuses `target` after the next render when nothing has focus (the page's body).
fn focus_if_lost(target: NodeRef<leptos::html::Button>) {
    request_animation_frame(move || {
        let lost = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| {
                d.active_element()
                    .is_none_or(|e| d.body().is_some_and(|b| e == *b))
            });
        if let (true, Some(button)) = (lost, target.get_untracked()) {
            let _ = button.focus();
        }
    });
}
