use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::{CreatedApplication, NewApplication};

use crate::api;
use crate::api::ApiError;
use crate::application_form::{FormState, FormText, TEXT_FIELDS};
use crate::components::{ConsentField, ErrorSummary, ResumeLinkCard, SandboxFill, TextField};
use crate::dom::focus_after_render;
use crate::i18n::{tr, use_i18n, I18n};
use crate::router::{current_query, navigate, query_param};
use crate::validation::server_errors;

/// The application form. Each field is checked when the applicant leaves it and again on
/// submit; the server's per-field errors appear in the same places. On success the resume
/// link is shown (once) before continuing to `/link`.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::new();
    let sending = Sending::new();
    let Sending {
        pending,
        form_error,
        created,
    } = sending;
    let summary = NodeRef::<html::Div>::new();

    // `/apply?invite=TOKEN`: an officer's invitation pre-fills the form.
    let invite = RwSignal::new(InviteState::None);
    load_invite(state, invite);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sending.submit(state, move || focus_after_render(summary));
    };

    let go_link = Callback::new(|()| navigate("/link"));
    let fill = Callback::new(move |()| fill_sandbox_persona(state));

    let [full_name, email, mobile, employer, monthly_income] = TEXT_FIELDS;
    let form_view = move || {
        view! {
            <p class="lead">{tr(FormText::Lead)}</p>
            <div aria-live="polite">{move || invite.get().view(&i18n)}</div>
            <ErrorSummary state focus_target=summary />
            <form class="apply-form" novalidate on:submit=on_submit>
                <TextField
                    state
                    name=full_name.0
                    label=FormText::FullName
                    hint=FormText::FullNameHint
                    autocomplete="name"
                    get=full_name.1
                    set=full_name.2
                />
                <TextField
                    state
                    name=email.0
                    label=FormText::Email
                    input_type="email"
                    autocomplete="email"
                    get=email.1
                    set=email.2
                />
                <TextField
                    state
                    name=mobile.0
                    label=FormText::Mobile
                    hint=FormText::MobileHint
                    input_type="tel"
                    autocomplete="tel"
                    get=mobile.1
                    set=mobile.2
                />
                <TextField
                    state
                    name=employer.0
                    label=FormText::Employer
                    hint=FormText::EmployerHint
                    autocomplete="organization"
                    get=employer.1
                    set=employer.2
                />
                <TextField
                    state
                    name=monthly_income.0
                    label=FormText::Income
                    hint=FormText::IncomeHint
                    inputmode="decimal"
                    get=monthly_income.1
                    set=monthly_income.2
                />
                <ConsentField state />
                <div class="form-error" role="alert">
                    {move || {
                        form_error.with(|e| e.as_ref().map(|e| view! { <p>{i18n.error_text(e)}</p> }))
                    }}
                </div>
                <div class="actions">
                    <button
                        type="submit"
                        class="primary"
                        disabled=move || pending.get()
                        on:pointerdown=move |_| state.press_submit()
                    >
                        {move || {
                            i18n.t(if pending.get() { FormText::Sending } else { FormText::Continue })
                        }}
                    </button>
                </div>
            </form>
            <SandboxFill on_fill=fill />
        }
    };

    view! {
        <section class="page apply">
            <h1>{tr(FormText::Title)}</h1>
            {move || match created.get() {
                Some(answer) => {
                    view! { <ResumeLinkCard created=answer on_continue=go_link /> }.into_any()
                }
                None => form_view().into_any(),
            }}
        </section>
    }
}

/// Sending the application, and what came of it.
#[derive(Clone, Copy)]
pub(crate) struct Sending {
    pub pending: RwSignal<bool>,
    /// Kept typed, so a switch of language re-words it.
    pub form_error: RwSignal<Option<ApiError>>,
    /// The server's answer: the application and its resume link, shown once.
    pub created: RwSignal<Option<CreatedApplication>>,
}

impl Sending {
    pub(crate) fn new() -> Self {
        Sending {
            pending: RwSignal::new(false),
            form_error: RwSignal::new(None),
            created: RwSignal::new(None),
        }
    }

    /// A submit of `state`'s form: checked here first (`focus_summary` when it fails, or
    /// when the server finds a field wrong), then sent, once at a time.
    pub(crate) fn submit(self, state: FormState, focus_summary: impl Fn() + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.form_error.set(None);
        let Some(mut form) = state.submit() else {
            focus_summary();
            return;
        };
        // Recorded with the application: officers see it, and its pages keep it.
        form.language = use_i18n().lang_untracked();
        self.pending.set(true);
        spawn_local(async move {
            let answer = api::create_application(&form).await;
            self.pending.try_set(false);
            match answer {
                Ok(answer) => {
                    self.created.try_set(Some(answer));
                }
                Err(error) if error.field_errors().is_empty() => {
                    self.form_error.try_set(Some(error));
                }
                Err(error) => {
                    state.set_server_errors(server_errors(error.field_errors()));
                    focus_summary();
                }
            }
        });
    }
}

/// What became of the invitation in the URL, if any.
#[derive(Debug, Clone)]
pub(crate) enum InviteState {
    None,
    Loading,
    Prefilled,
    /// 410: expired or already used.
    Expired,
    Failed(ApiError),
}

impl InviteState {
    /// One call-out for every state (a single view keeps the bundle small).
    fn view(self, i18n: &I18n) -> Option<impl IntoView> {
        let (kind, class, text) = self.callout(i18n)?;
        Some(view! { <p class=class data-invite=kind>{text}</p> })
    }

    /// The call-out's kind (`data-invite`), class and words; none without an invitation.
    /// The first screens show the same (`first_screens::apply`).
    pub(crate) fn callout(self, i18n: &I18n) -> Option<(&'static str, &'static str, String)> {
        Some(match self {
            InviteState::None => return None,
            InviteState::Loading => ("loading", "loading", i18n.t(FormText::InviteLoading)),
            InviteState::Prefilled => ("prefilled", "callout", i18n.t(FormText::InvitePrefilled)),
            InviteState::Expired => (
                "expired",
                "callout warning",
                i18n.t(FormText::InviteExpired),
            ),
            InviteState::Failed(error) => {
                let reason = i18n.error_text(&error);
                let reason = reason.trim_end_matches('.');
                (
                    "failed",
                    "callout warning",
                    i18n.t(FormText::InviteFailed { reason }),
                )
            }
        })
    }
}

/// `/apply?invite=TOKEN`: an officer's invitation pre-fills the form (`state`), and
/// `invite` says how that went.
pub(crate) fn load_invite(state: FormState, invite: RwSignal<InviteState>) {
    let Some(token) = query_param(&current_query(), "invite").filter(|t| !t.is_empty()) else {
        return;
    };
    invite.set(InviteState::Loading);
    spawn_local(async move {
        let answer = api::invite_prefill(&token).await;
        let next = match answer {
            Ok(prefill) => {
                state.fill(NewApplication {
                    full_name: prefill.full_name,
                    email: prefill.email,
                    mobile: prefill.mobile,
                    employer: prefill.employer,
                    invite: Some(token),
                    ..NewApplication::default()
                });
                InviteState::Prefilled
            }
            Err(error) if error.status() == Some(410) => InviteState::Expired,
            Err(error) => InviteState::Failed(error),
        };
        invite.try_set(next);
    });
}

/// The sandbox persona button's fill: keeps the invitation the form answers, if any.
pub(crate) fn fill_sandbox_persona(state: FormState) {
    let invite = state.form.with_untracked(|f| f.invite.clone());
    state.fill(NewApplication {
        invite,
        ..sandbox_persona()
    })
}

/// Smile's sandbox persona George Palomero Jr.
fn sandbox_persona() -> NewApplication {
    NewApplication {
        full_name: "George Palomero Jr.".into(),
        email: "gpalomero1234@smileapi.io".into(),
        mobile: "+63 955 999 1234".into(),
        employer: "ABC Corporation".into(),
        monthly_income: "25,000".into(),
        consent: true,
        invite: None,
        language: Default::default(),
    }
}
