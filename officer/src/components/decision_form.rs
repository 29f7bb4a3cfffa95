use leptos::prelude::*;
use wink_api::officer::{Decision, DecisionOutcome, NewDecision, MAX_NOTE_CHARS};

use crate::api;
use crate::format::timestamp;
use crate::submission::Submission;

/// The latest decision, if any.
#[component]
pub fn DecisionView(decision: Option<Decision>) -> impl IntoView {
    match decision {
        None => view! { <p class="empty">"No decision yet."</p> }.into_any(),
        Some(d) => view! {
            <div class="decision" data-outcome=d.outcome.as_str()>
                <p><strong>{d.outcome.label()}</strong> {format!(" — {} · {}", d.officer_email, timestamp(&d.decided_at))}</p>
                <p class="decision-reason">{d.reason}</p>
            </div>
        }
        .into_any(),
    }
}

/// Approve, decline or ask for more information, always with a reason.
#[component]
pub fn DecisionForm(id: String, on_saved: Callback<()>) -> impl IntoView {
    let outcome = RwSignal::new(None::<DecisionOutcome>);
    let reason = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let submission = Submission::new();
    let id = StoredValue::new(id);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let text = reason.get_untracked().trim().to_owned();
        let Some(chosen) = outcome.get_untracked() else {
            return submission.refuse("Choose a decision.");
        };
        if text.is_empty() {
            return submission.refuse("Give the reason for the decision.");
        }
        let id = id.get_value();
        let decision = NewDecision {
            outcome: chosen,
            reason: text,
        };
        submission.run(
            async move { api::decide(&id, &decision).await },
            move |_| {
                reason.try_set(String::new());
                outcome.try_set(None);
                saved.try_set(true);
                on_saved.run(());
            },
        );
    };
    let options = DecisionOutcome::ALL
        .into_iter()
        .map(|o| {
            let id = format!("decision-{}", o.as_str());
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="decision"
                        id=id.clone()
                        value=o.as_str()
                        prop:checked=move || outcome.get() == Some(o)
                        on:change=move |_| outcome.set(Some(o))
                    />
                    <label for=id>{o.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="decision-form no-print" novalidate on:submit=on_submit>
            <fieldset>
                <legend>"Outcome"</legend>
                {options}
            </fieldset>
            <div class="field">
                <label for="decision-reason">"Reason (required)"</label>
                <textarea
                    id="decision-reason"
                    rows="3"
                    required
                    maxlength=MAX_NOTE_CHARS.to_string()
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
            </div>
            {submission.error_view()}
            <p class="copy-status" role="status">
                {move || saved.get().then_some("Decision recorded.")}
            </p>
            <button type="submit" class="primary" disabled=move || submission.pending.get()>
                {submission.label("Record decision", "Recording…")}
            </button>
        </form>
    }
}
