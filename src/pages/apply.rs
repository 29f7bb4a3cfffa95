use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wink_api::{field, CreatedApplication, NewApplication};

use crate::api;
use crate::application_form::{FormState, FormText};
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
    // Kept typed, so a switch of language re-words it.
    let form_error = RwSignal::new(None::<wink_web::http::ApiError>);
    let created = RwSignal::new(None::<CreatedApplication>);
    let summary = NodeRef::<html::Div>::new();

    let pending = RwSignal::new(false);

    // `/apply?invite=TOKEN`: an officer's invitation pre-fills the form.
    let invite = RwSignal::new(InviteState::None);
    if let Some(token) = query_param(&current_query(), "invite").filter(|t| !t.is_empty()) {
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

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form_error.set(None);
        let Some(mut form) = state.submit() else {
            focus_after_render(summary);
            return;
        };
        // Recorded with the application: officers see it, and its pages keep it.
        form.language = i18n.lang_untracked();
        pending.set(true);
        spawn_local(async move {
            let answer = api::create_application(&form).await;
            pending.try_set(false);
            match answer {
                Ok(answer) => {
                    created.try_set(Some(answer));
                }
                Err(error) if error.field_errors().is_empty() => {
                    form_error.try_set(Some(error));
                }
                Err(error) => {
                    state.set_server_errors(server_errors(error.field_errors()));
                    focus_after_render(summary);
                }
            }
        });
    };

    let go_link = Callback::new(|()| navigate("/link"));
    let fill = Callback::new(move |()| {
        // Keep the invitation the form answers, if any.
        let invite = state.form.with_untracked(|f| f.invite.clone());
        state.fill(NewApplication {
            invite,
            ..sandbox_persona()
        })
    });

    let form_view = move || {
        view! {
            <p class="lead">{tr(FormText::Lead)}</p>
            <div aria-live="polite">{move || invite.get().view(&i18n)}</div>
            <ErrorSummary state focus_target=summary />
            <form class="apply-form" novalidate on:submit=on_submit>
                <TextField
                    state
                    name=field::FULL_NAME
                    label=FormText::FullName
                    hint=FormText::FullNameHint
                    autocomplete="name"
                    get=|f| &f.full_name
                    set=|f, v| f.full_name = v
                />
                <TextField
                    state
                    name=field::EMAIL
                    label=FormText::Email
                    input_type="email"
                    autocomplete="email"
                    get=|f| &f.email
                    set=|f, v| f.email = v
                />
                <TextField
                    state
                    name=field::MOBILE
                    label=FormText::Mobile
                    hint=FormText::MobileHint
                    input_type="tel"
                    autocomplete="tel"
                    get=|f| &f.mobile
                    set=|f, v| f.mobile = v
                />
                <TextField
                    state
                    name=field::EMPLOYER
                    label=FormText::Employer
                    hint=FormText::EmployerHint
                    autocomplete="organization"
                    get=|f| &f.employer
                    set=|f, v| f.employer = v
                />
                <TextField
                    state
                    name=field::MONTHLY_INCOME
                    label=FormText::Income
                    hint=FormText::IncomeHint
                    inputmode="decimal"
                    get=|f| &f.monthly_income
                    set=|f, v| f.monthly_income = v
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

/// What became of the invitation in the URL, if any.
#[derive(Debug, Clone)]
enum InviteState {
    None,
    Loading,
    Prefilled,
    /// 410: expired or already used.
    Expired,
    Failed(wink_web::http::ApiError),
}

impl InviteState {
    /// One call-out for every state (a single view keeps the bundle small).
    fn view(self, i18n: &I18n) -> Option<impl IntoView> {
        let (kind, class, text) = match self {
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
        };
        Some(view! { <p class=class data-invite=kind>{text}</p> })
    }
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
